//! Listing every stored message. In PDU mode one `+CMGL` answer carries them all. In text
//! mode a body may hold a line break followed by a forged `+CMGL:` header, so the `+CMGL`
//! answer is only used to learn indexes (every line that looks like a header, forged or not)
//! and each index is then read alone with `+CMGR` (see [`Messages`] for how a `+CMGR` answer
//! is checked). A forged index reads the real message there, or nothing.

use heapless::Vec;

use super::{messages, Answer, Messages, Single};
use crate::at::cmd;
use crate::at::parse::MsgStatus;
use crate::modem::error::ModemError;
use crate::modem::facts::SmsMode;
use crate::modem::procedure::{refusal, Outcome, Poll, Procedure, Stored};
use crate::modem::session::{Event, Session};
use crate::time::{Duration, Instant};

/// Indexes kept from one text-mode `+CMGL`: a SIM holds at most 255 messages (its record
/// number is one octet, TS 51.011 EF_SMS) and common sticks' own storage fewer. Indexes beyond
/// are left for the next sweep (the messages stay stored until handled and deleted).
pub const INDEX_CAPACITY: usize = 255;

/// Collects the indexes of the `+CMGL:` lines of a text-mode list.
#[derive(Debug, Clone, Default)]
pub struct Indexes {
    found: Vec<u32, INDEX_CAPACITY>,
    dropped: bool,
}

impl Answer for Indexes {
    type Output = u32;

    fn line(&mut self, line: &[u8], _found: &mut dyn FnMut(Stored<'_>)) {
        let Some(index) = cmgl_index(line) else {
            return;
        };
        if !self.found.contains(&index) && self.found.push(index).is_err() && !self.dropped {
            self.dropped = true;
            log::warn!(
                "modem: more than {INDEX_CAPACITY} stored messages listed; the rest wait for \
                 the next sweep"
            );
        }
    }

    fn finish(&mut self, label: &'static str, outcome: Outcome) -> Result<u32, ModemError> {
        match outcome {
            Outcome::Ok => Ok(u32::try_from(self.found.len()).unwrap_or(u32::MAX)),
            other => Err(refusal(label, other)),
        }
    }
}

/// The `<index>` of a `+CMGL: <index>,…` line.
fn cmgl_index(line: &[u8]) -> Option<u32> {
    const NAME: &[u8] = b"+CMGL:";
    let rest = line
        .get(..NAME.len())
        .filter(|n| n.eq_ignore_ascii_case(NAME))
        .and_then(|_| line.get(NAME.len()..))?
        .trim_ascii_start();
    let digits = rest
        .iter()
        .position(|b| !b.is_ascii_digit())
        .unwrap_or(rest.len());
    if digits == 0 {
        return None;
    }
    rest.get(..digits)?.iter().try_fold(0u32, |n, &d| {
        n.checked_mul(10)?
            .checked_add(u32::from(d.wrapping_sub(b'0')))
    })
}

#[derive(Debug, Clone)]
enum Stage {
    /// PDU mode: the whole list in one answer.
    Pdu(Single<Messages>),
    /// Text mode: learning the indexes.
    Scan(Single<Indexes>),
    /// Text mode: reading the index at `next - 1`.
    Read(Single<Messages>),
}

/// The operation listing every stored message; hands each to `found`, outputs how many.
#[derive(Debug, Clone)]
pub struct List {
    mode: SmsMode,
    timeout: Duration,
    stage: Stage,
    indexes: Vec<u32, INDEX_CAPACITY>,
    next: usize,
    count: u32,
}

impl List {
    /// The same operation with another deadline per command.
    pub fn with_timeout(mut self, timeout: Duration) -> Self {
        self.timeout = timeout;
        self.stage = match self.stage {
            Stage::Pdu(op) => Stage::Pdu(op.with_timeout(timeout)),
            Stage::Scan(op) => Stage::Scan(op.with_timeout(timeout)),
            Stage::Read(op) => Stage::Read(op.with_timeout(timeout)),
        };
        self
    }

    /// Starts reading the next learnt index; `None` when all were read.
    fn read_next(&mut self) -> Result<Option<()>, ModemError> {
        let Some(&index) = self.indexes.get(self.next) else {
            return Ok(None);
        };
        self.next = self.next.saturating_add(1);
        let op = messages::read(self.mode, index)?;
        self.stage = Stage::Read(op.with_timeout(self.timeout));
        Ok(Some(()))
    }
}

impl Procedure for List {
    type Output = u32;

    fn poll(&mut self, now: Instant, session: &mut Session) -> Poll<u32> {
        loop {
            let polled = match &mut self.stage {
                Stage::Pdu(op) => return op.poll(now, session),
                Stage::Scan(op) => {
                    let p = op.poll(now, session);
                    if let Poll::Ready(Ok(_)) = p {
                        self.indexes = op.answer().found.clone();
                    }
                    p
                }
                Stage::Read(op) => op.poll(now, session),
            };
            let n = match polled {
                Poll::Ready(Ok(n)) if matches!(self.stage, Stage::Read(_)) => n,
                Poll::Ready(Ok(_)) => 0,
                other => return other,
            };
            self.count = self.count.saturating_add(n);
            match self.read_next() {
                Ok(Some(())) => continue,
                Ok(None) => return Poll::Ready(Ok(self.count)),
                Err(e) => return Poll::Ready(Err(e)),
            }
        }
    }

    fn handle(&mut self, now: Instant, ev: &Event<'_>, found: &mut dyn FnMut(Stored<'_>)) {
        match &mut self.stage {
            Stage::Pdu(op) | Stage::Read(op) => op.handle(now, ev, found),
            Stage::Scan(op) => op.handle(now, ev, found),
        }
    }
}

/// `AT+CMGL=4` (PDU) or `AT+CMGL="ALL"` then `AT+CMGR` per index (text): every stored
/// message, handed to `found` one by one; the output is how many.
pub fn list(mode: SmsMode) -> Result<List, ModemError> {
    let stage = if mode.is_text() {
        Stage::Scan(Single::new(
            cmd::cmgl_text(MsgStatus::All)?,
            "AT+CMGL",
            messages::LIST_TIMEOUT,
            Indexes::default(),
        ))
    } else {
        Stage::Pdu(Single::new(
            cmd::cmgl_pdu(MsgStatus::All)?,
            "AT+CMGL",
            messages::LIST_TIMEOUT,
            Messages::new(mode, None),
        ))
    };
    Ok(List {
        mode,
        timeout: messages::LIST_TIMEOUT,
        stage,
        indexes: Vec::new(),
        next: 0,
        count: 0,
    })
}

#[cfg(test)]
mod tests {
    use super::cmgl_index;

    #[test]
    fn indexes_of_cmgl_lines() {
        assert_eq!(cmgl_index(b"+CMGL: 7,\"REC UNREAD\",\"+1\""), Some(7));
        assert_eq!(cmgl_index(b"+cmgl:12,1,,40"), Some(12));
        assert_eq!(cmgl_index(b"+CMGL: ,1"), None);
        assert_eq!(cmgl_index(b"+CMGL: 99999999999,1"), None);
        assert_eq!(cmgl_index(b"hello"), None);
    }
}
