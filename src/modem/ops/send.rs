//! Sending a message: one `+CMGS` per part, in PDU mode with the concatenation header, in text
//! mode as separate messages (text mode has no user-data header).

use crate::at::cmd::{self, Body, Command};
use crate::at::parse::Cmgs;
use crate::modem::error::ModemError;
use crate::modem::facts::SmsMode;
use crate::modem::procedure::{is_transient, refusal, Outcome, Poll, Procedure, Slot, Stored};
use crate::modem::session::{Event, Session, SEND_TIMEOUT};
use crate::pdu::{self, Coding, Parts, SubmitParams, PDU_MAX_OCTETS};
use crate::time::{Duration, Instant};

/// What a finished send reports.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SendReport {
    /// Parts sent.
    pub parts: u8,
    /// The message reference of the last part (`+CMGS: <mr>`).
    pub last_mr: Option<u8>,
}

/// Sends `text` to `to`, part by part. See the module documentation.
#[derive(Debug, Clone)]
pub struct Send<'a> {
    to: &'a str,
    mode: SmsMode,
    reference: u16,
    coding: Coding,
    parts: Parts<'a>,
    /// The command and body of the part being sent.
    current: Option<(Command, Body)>,
    slot: Slot,
    sent: u8,
    mr: Option<u8>,
    finished: bool,
    timeout: Duration,
}

impl<'a> Send<'a> {
    /// A send of `text` to `to` (`+` and digits, or national digits) in `mode`; `reference`
    /// is the concatenation reference of a multipart message (PDU mode).
    pub fn new(
        to: &'a str,
        text: &'a str,
        mode: SmsMode,
        reference: u16,
    ) -> Result<Self, ModemError> {
        let coding = match mode {
            SmsMode::TextPlain => {
                if !text
                    .bytes()
                    .all(|b| (b' '..=b'~').contains(&b) || b == b'\n')
                {
                    return Err(ModemError::TextModeUnsafe);
                }
                Coding::Gsm7
            }
            SmsMode::TextUcs2 => Coding::Ucs2,
            SmsMode::Pdu | SmsMode::Unknown => Coding::for_text(text),
        };
        Ok(Send {
            to,
            mode,
            reference,
            coding,
            parts: pdu::split(text, coding)?,
            current: None,
            slot: Slot::new(),
            sent: 0,
            mr: None,
            finished: false,
            timeout: SEND_TIMEOUT,
        })
    }

    /// The same send with another deadline per part (prompt and network answer together).
    pub fn with_timeout(mut self, timeout: Duration) -> Self {
        self.timeout = timeout;
        self
    }

    /// How many parts the message has.
    pub fn total(&self) -> u8 {
        self.parts.total()
    }

    /// The command and body of the next part; `None` when every part is sent.
    fn next_part(&mut self) -> Result<Option<(Command, Body)>, ModemError> {
        let Some(part) = self.parts.next() else {
            return Ok(None);
        };
        match self.mode {
            SmsMode::TextUcs2 => {
                let mut da = [0u8; 4 * 24];
                let da = ucs2_hex(self.to, &mut da)?;
                let mut body = [0u8; 4 * pdu::UCS2_SINGLE];
                let body = ucs2_hex(part.text, &mut body)?;
                Ok(Some((cmd::cmgs_text(da)?, cmd::text_body(body)?)))
            }
            SmsMode::TextPlain => Ok(Some((
                cmd::cmgs_text(self.to.as_bytes())?,
                cmd::text_body(part.text.as_bytes())?,
            ))),
            SmsMode::Pdu | SmsMode::Unknown => {
                let params = SubmitParams {
                    coding: self.coding,
                    concat: part.concat(self.reference),
                    ..SubmitParams::new(self.to, part.text)
                };
                let mut buf = [0u8; PDU_MAX_OCTETS];
                let enc = pdu::encode_submit(&params, &mut buf)?;
                let octets = buf.get(..enc.len_total).unwrap_or_default();
                Ok(Some((cmd::cmgs_pdu(enc.tpdu_len)?, cmd::pdu_body(octets)?)))
            }
        }
    }
}

/// `text` as UCS-2 hex (UTF-16 units, so characters beyond the BMP become surrogate pairs).
fn ucs2_hex<'o>(text: &str, out: &'o mut [u8]) -> Result<&'o [u8], ModemError> {
    const HEX: &[u8; 16] = b"0123456789ABCDEF";
    let mut n = 0usize;
    for unit in text.encode_utf16() {
        for shift in [12u32, 8, 4, 0] {
            let digit = usize::from((unit >> shift) & 0xf);
            let slot = out
                .get_mut(n)
                .ok_or(ModemError::Format(cmd::CmdError::Full {
                    need: n.saturating_add(1),
                }))?;
            *slot = HEX.get(digit).copied().unwrap_or(b'0');
            n = n.saturating_add(1);
        }
    }
    Ok(out.get(..n).unwrap_or_default())
}

impl Procedure for Send<'_> {
    type Output = SendReport;

    fn poll(&mut self, now: Instant, session: &mut Session) -> Poll<SendReport> {
        if self.finished {
            return Poll::Pending(None);
        }
        if let Some(outcome) = self.slot.take() {
            match outcome {
                Outcome::Ok => {
                    self.sent = self.sent.saturating_add(1);
                    self.current = None;
                    self.slot.next_command();
                }
                o if is_transient(o) && self.slot.retry_later(now) => {
                    if let Outcome::Failed(code) = o {
                        log::info!(
                            "modem: AT+CMGS: {code}, retrying part {}",
                            self.sent.saturating_add(1)
                        );
                    }
                }
                o => {
                    self.finished = true;
                    return Poll::Ready(Err(refusal("AT+CMGS", o)));
                }
            }
        }
        if let Some(wake) = self.slot.busy(now) {
            return Poll::Pending(wake);
        }
        if self.current.is_none() {
            match self.next_part() {
                Ok(Some(part)) => self.current = Some(part),
                Ok(None) => {
                    self.finished = true;
                    return Poll::Ready(Ok(SendReport {
                        parts: self.sent,
                        last_mr: self.mr,
                    }));
                }
                Err(e) => {
                    self.finished = true;
                    return Poll::Ready(Err(e));
                }
            }
        }
        match self.slot.resync(now, session) {
            Ok(true) => return Poll::Pending(None),
            Ok(false) => {}
            Err(e) => {
                self.finished = true;
                return Poll::Ready(Err(e));
            }
        }
        if let Some((c, body)) = &self.current {
            if session
                .send_with_body(now, c.as_bytes(), body.as_bytes(), self.timeout)
                .is_ok()
            {
                self.slot.sent();
            }
        }
        Poll::Pending(None)
    }

    fn handle(&mut self, _now: Instant, ev: &Event<'_>, _found: &mut dyn FnMut(Stored<'_>)) {
        if self.slot.resyncing() {
            self.slot.on_event(ev);
            return;
        }
        if let Event::Response(line) = ev {
            if let Ok(c) = Cmgs::parse(line) {
                self.mr = Some(c.mr);
            }
        }
        self.slot.on_event(ev);
    }
}
