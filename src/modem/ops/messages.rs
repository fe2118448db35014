//! Reading stored messages: `+CMGL` (list all) and `+CMGR` (read one), PDU and text mode.
//!
//! In PDU mode each header is followed by one hex line, handed out at once. In text mode a
//! body with a line break could carry a forged header, so a text-mode list (`+CMGL`) only
//! learns indexes ([`List`](super::List)) and each message is read alone with `+CMGR`, whose
//! answer must be exactly one header and one body line: a second header, any extra line, or
//! (with `AT+CSDH=1`) a body whose length differs from the announced one makes the message
//! *broken* — handed out flagged, never to be executed, still to be deleted and logged. A
//! forged index in a `+CMGL` body only makes us read the real message at that index.
//! (A plain-text body of non-ASCII characters may count differently from the announced length
//! and come out broken too: refusing an honest message is the safe side.)

use heapless::Vec;

use super::{Answer, Single};
use crate::at::cmd;
use crate::at::parse::{CmglPdu, CmglText, CmgrPdu, CmgrText, MsgStatus};
use crate::at::result::{CmsError, FinalCode};
use crate::modem::error::ModemError;
use crate::modem::facts::SmsMode;
use crate::modem::procedure::{refusal, Outcome, Stored};
use crate::modem::session::DEFAULT_TIMEOUT;
use crate::time::Duration;

/// Longest text-mode header kept while its body is awaited: `+CMGL: <index>,"REC UNREAD",`
/// (~25) plus the address as UCS-2 hex (21 × 4 = 84, quoted 86) plus an alpha as UCS-2 hex (~64)
/// plus the time stamp (22) plus type and length (~10): about 210; 256 leaves a margin. A longer
/// header cannot be kept and the message is reported broken.
pub const TEXT_HEADER_CAPACITY: usize = 256;

/// Longest text-mode body kept: 160 characters as UCS-2 hex are 640 characters; 70 UCS-2
/// characters are 280. 640 covers both; a longer body is reported broken.
pub const TEXT_BODY_CAPACITY: usize = 640;

/// `+CMGL` of a 50-message SIM takes a second or two; some modems are slow with full storage.
pub const LIST_TIMEOUT: Duration = Duration::from_secs(30);

#[derive(Debug, Clone, PartialEq, Eq)]
enum State {
    /// Waiting for a header.
    Header,
    /// PDU mode: the hex line of this header comes next.
    PduBody { index: u32, status: Option<u8> },
    /// Text mode: the body of the kept header comes next.
    TextBody,
    /// Text mode: the body was read; `remaining` body characters (if the length is known)
    /// still belong to it.
    AfterBody { remaining: Option<usize> },
}

/// Reads the answer of `+CMGL`/`+CMGR`; hands each message to `found`; counts them.
#[derive(Debug, Clone)]
pub struct Messages {
    mode: SmsMode,
    /// `Some(index)` for `+CMGR` (its header has no index).
    read_index: Option<u32>,
    state: State,
    header: Vec<u8, TEXT_HEADER_CAPACITY>,
    header_ok: bool,
    body: Vec<u8, TEXT_BODY_CAPACITY>,
    broken: bool,
    count: u32,
}

impl Messages {
    pub(super) fn new(mode: SmsMode, read_index: Option<u32>) -> Self {
        Messages {
            mode,
            read_index,
            state: State::Header,
            header: Vec::new(),
            header_ok: false,
            body: Vec::new(),
            broken: false,
            count: 0,
        }
    }

    /// Messages handed out so far.
    pub fn count(&self) -> u32 {
        self.count
    }

    fn is_header(&self, line: &[u8]) -> bool {
        let name: &[u8] = if self.read_index.is_some() {
            b"+CMGR:"
        } else {
            b"+CMGL:"
        };
        line.get(..name.len())
            .is_some_and(|h| h.eq_ignore_ascii_case(name))
    }

    /// Hands out the held text-mode message, if any.
    fn flush(&mut self, found: &mut dyn FnMut(Stored<'_>)) {
        if !matches!(self.state, State::AfterBody { .. }) {
            return;
        }
        self.state = State::Header;
        let header = self.header.as_slice();
        let fields = if let Some(index) = self.read_index {
            CmgrText::parse(header)
                .ok()
                .map(|h| (index, h.status, h.addr, h.scts))
        } else {
            CmglText::parse(header)
                .ok()
                .map(|h| (h.index, h.header.status, h.header.addr, h.header.scts))
        };
        let Some((index, status, addr, scts)) = fields.filter(|_| self.header_ok) else {
            log::warn!("modem: a text-mode message header was unreadable; message skipped");
            return;
        };
        self.count = self.count.saturating_add(1);
        found(Stored::Text {
            index,
            received: status.is_received(),
            addr,
            scts,
            body: &self.body,
            ucs2: self.mode == SmsMode::TextUcs2,
            broken: self.broken,
        });
    }

    fn text_header(&mut self, line: &[u8]) {
        self.header.clear();
        self.header_ok = self.header.extend_from_slice(line).is_ok();
        self.body.clear();
        self.broken = false;
        self.state = State::TextBody;
    }

    fn text_length(&self) -> Option<usize> {
        let header = self.header.as_slice();
        let len = if self.read_index.is_some() {
            CmgrText::parse(header).ok().and_then(|h| h.length)
        } else {
            CmglText::parse(header).ok().and_then(|h| h.header.length)
        };
        // In UCS-2 the body is hex: four characters per announced character.
        let per = if self.mode == SmsMode::TextUcs2 { 4 } else { 1 };
        len.map(|l| usize::from(l).saturating_mul(per))
    }
}

impl Answer for Messages {
    type Output = u32;

    fn line(&mut self, line: &[u8], found: &mut dyn FnMut(Stored<'_>)) {
        match self.state.clone() {
            State::PduBody { index, status } => {
                self.state = State::Header;
                self.count = self.count.saturating_add(1);
                found(Stored::Pdu {
                    index,
                    status,
                    hex: line,
                });
            }
            State::TextBody => {
                self.broken = self.body.extend_from_slice(line).is_err();
                let length = self.text_length();
                let remaining = length.map(|len| len.saturating_sub(line.len()));
                // Shorter than announced (it goes on after a line break) or longer: broken.
                if length.is_some_and(|len| len != line.len()) {
                    self.broken = true;
                }
                self.state = State::AfterBody { remaining };
            }
            State::AfterBody { remaining } => match remaining {
                // The announced length is not used up: this line is still the body's.
                Some(r) if r > 0 => {
                    self.broken = true;
                    let used = line.len().saturating_add(2);
                    self.state = State::AfterBody {
                        remaining: Some(r.saturating_sub(used)),
                    };
                }
                // `+CMGR` answers one message: a second header is forged, never a message.
                _ if self.is_header(line) && self.read_index.is_none() => {
                    self.flush(found);
                    self.text_header(line);
                }
                // Anything more than one header and one body line: broken.
                _ => {
                    log::warn!("modem: extra line after a text-mode message body: message broken");
                    self.broken = true;
                }
            },
            State::Header => {
                if !self.is_header(line) {
                    log::warn!("modem: unexpected line in a message list ignored");
                    return;
                }
                if self.mode.is_text() {
                    self.text_header(line);
                    return;
                }
                let header = if let Some(index) = self.read_index {
                    CmgrPdu::parse(line).map(|h| (index, h.status))
                } else {
                    CmglPdu::parse(line).map(|h| (h.index, h.status))
                };
                match header {
                    Ok((index, status)) => {
                        self.state = State::PduBody {
                            index,
                            status: status.and_then(|s: MsgStatus<'_>| s.number()),
                        };
                    }
                    Err(e) => log::warn!("modem: unreadable message header ({e}) skipped"),
                }
            }
        }
    }

    fn end(&mut self, found: &mut dyn FnMut(Stored<'_>)) {
        self.flush(found);
    }

    fn finish(&mut self, label: &'static str, outcome: Outcome) -> Result<u32, ModemError> {
        match outcome {
            Outcome::Ok => Ok(self.count),
            // Reading an empty index: nothing there.
            Outcome::Failed(FinalCode::CmsError(CmsError::INVALID_MEMORY_INDEX))
                if self.read_index.is_some() =>
            {
                Ok(0)
            }
            other => Err(refusal(label, other)),
        }
    }
}

/// The operation reading stored messages.
pub type MessagesOp = Single<Messages>;

/// `AT+CMGR=<index>`: one message, handed to `found`; the output is 1, or 0 when the index is
/// empty (`+CMS ERROR: 321` or an empty answer).
pub fn read(mode: SmsMode, index: u32) -> Result<MessagesOp, ModemError> {
    Ok(Single::new(
        cmd::cmgr(index)?,
        "AT+CMGR",
        DEFAULT_TIMEOUT,
        Messages::new(mode, Some(index)),
    ))
}
