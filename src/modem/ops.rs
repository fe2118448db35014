//! The operations on a ready modem, each a [`Procedure`]: list (`+CMGL`), read (`+CMGR`), delete
//! (`+CMGD`; `+CMS ERROR: 321`, index already gone, counts as deleted), send (`+CMGS`, one
//! command per part of a multipart message), and the network queries (signal, registration,
//! operator), the health check (`AT`) and the soft reset (`AT+CFUN=1,1`).
//!
//! Every command that fails with a transient error (`+CMS ERROR: 314`, `500`, `512`–`514`,
//! `+CME ERROR: 515`…, see `FinalCode::is_transient`) is retried with capped backoff; a
//! permanent one ends the operation with the code, whose `Display` carries its TS 27.005 /
//! 27.007 meaning. PDU and text mode are both handled; in text mode the list only learns indexes
//! and reads each message with `+CMGR`, and a `+CMGR` answer that is not exactly one header
//! and one body line (of the announced length) is flagged (`Stored::Text::broken`), so a
//! message cannot forge a header.

mod list;
mod messages;
mod send;

pub use list::{list, Indexes, List, INDEX_CAPACITY};
pub use messages::{read, Messages, MessagesOp};
pub use send::{Send, SendReport};

use heapless::String;

use crate::at::cmd::{self, Command};
use crate::at::parse::Csq;
use crate::at::result::{CmsError, FinalCode};
use crate::modem::answer;
use crate::modem::error::ModemError;
use crate::modem::facts::{Reg, OPERATOR_CAPACITY};
use crate::modem::procedure::{is_transient, refusal, Outcome, Poll, Procedure, Slot, Stored};
use crate::modem::session::{Event, Session, DEFAULT_TIMEOUT};
use crate::time::{Duration, Instant};

/// How a one-command operation reads its answer.
pub trait Answer {
    /// What the operation produces.
    type Output;
    /// An answer line.
    fn line(&mut self, line: &[u8], found: &mut dyn FnMut(Stored<'_>));
    /// The command's final code or timeout came: hand out anything held back.
    fn end(&mut self, _found: &mut dyn FnMut(Stored<'_>)) {}
    /// The command ended (after retries); the result.
    fn finish(&mut self, label: &'static str, outcome: Outcome)
        -> Result<Self::Output, ModemError>;
}

/// An operation of one command (retried on transient errors) and its [`Answer`].
#[derive(Debug, Clone)]
pub struct Single<A> {
    cmd: Command,
    label: &'static str,
    timeout: Duration,
    slot: Slot,
    answer: A,
    finished: bool,
}

impl<A: Answer> Single<A> {
    /// `cmd`, named `label` in logs and errors, due within `timeout`.
    pub fn new(cmd: Command, label: &'static str, timeout: Duration, answer: A) -> Self {
        Single {
            cmd,
            label,
            timeout,
            slot: Slot::new(),
            answer,
            finished: false,
        }
    }

    /// The answer reader (what it collected so far).
    pub fn answer(&self) -> &A {
        &self.answer
    }

    /// The same operation with another deadline per command.
    pub fn with_timeout(mut self, timeout: Duration) -> Self {
        self.timeout = timeout;
        self
    }
}

impl<A: Answer> Procedure for Single<A> {
    type Output = A::Output;

    fn poll(&mut self, now: Instant, session: &mut Session) -> Poll<A::Output> {
        if self.finished {
            return Poll::Pending(None);
        }
        if let Some(outcome) = self.slot.take() {
            if is_transient(outcome) && self.slot.retry_later(now) {
                if let Outcome::Failed(code) = outcome {
                    log::info!("modem: {}: {code}, retrying", self.label);
                }
            } else {
                self.finished = true;
                return Poll::Ready(self.answer.finish(self.label, outcome));
            }
        }
        if let Some(wake) = self.slot.busy(now) {
            return Poll::Pending(wake);
        }
        if let Err(e) = self
            .slot
            .send(now, session, self.cmd.as_bytes(), self.timeout)
        {
            self.finished = true;
            return Poll::Ready(Err(e));
        }
        Poll::Pending(None)
    }

    fn handle(&mut self, _now: Instant, ev: &Event<'_>, found: &mut dyn FnMut(Stored<'_>)) {
        if self.slot.resyncing() {
            self.slot.on_event(ev);
            return;
        }
        if let Event::Response(line) = ev {
            self.answer.line(line, found);
        }
        if self.slot.on_event(ev) {
            self.answer.end(found);
        }
    }
}

/// Reads nothing: `OK` is the whole answer.
#[derive(Debug, Clone, Copy, Default)]
pub struct Plain;

impl Answer for Plain {
    type Output = ();
    fn line(&mut self, _line: &[u8], _found: &mut dyn FnMut(Stored<'_>)) {}
    fn finish(&mut self, label: &'static str, outcome: Outcome) -> Result<(), ModemError> {
        match outcome {
            Outcome::Ok => Ok(()),
            other => Err(refusal(label, other)),
        }
    }
}

/// `AT`: is the modem still there? (the health check).
pub fn health_check(timeout: Duration) -> Result<Single<Plain>, ModemError> {
    Ok(Single::new(cmd::at()?, "AT", timeout, Plain))
}

/// `AT+CFUN=1,1`: restart the modem (the soft reset of the recovery ladder).
pub fn soft_reset(timeout: Duration) -> Result<Single<Plain>, ModemError> {
    Ok(Single::new(
        cmd::cfun(1, Some(1))?,
        "AT+CFUN=1,1",
        timeout,
        Plain,
    ))
}

/// Reads `+CMGD`'s answer: `OK`, or `+CMS ERROR: 321` (the index is already empty: the
/// message is gone, which is what was wanted).
#[derive(Debug, Clone, Copy, Default)]
pub struct Deleted;

impl Answer for Deleted {
    /// `true` when the message was already gone.
    type Output = bool;
    fn line(&mut self, _line: &[u8], _found: &mut dyn FnMut(Stored<'_>)) {}
    fn finish(&mut self, label: &'static str, outcome: Outcome) -> Result<bool, ModemError> {
        match outcome {
            Outcome::Ok => Ok(false),
            Outcome::Failed(FinalCode::CmsError(CmsError::INVALID_MEMORY_INDEX)) => Ok(true),
            other => Err(refusal(label, other)),
        }
    }
}

/// `AT+CMGD=<index>`: delete one message.
pub fn delete(index: u32) -> Result<Single<Deleted>, ModemError> {
    Ok(Single::new(
        cmd::cmgd(index, None)?,
        "AT+CMGD",
        DEFAULT_TIMEOUT,
        Deleted,
    ))
}

/// Reads `+CSQ: <rssi>,<ber>`.
#[derive(Debug, Clone, Copy, Default)]
pub struct Signal(Option<Csq>);

impl Answer for Signal {
    type Output = Csq;
    fn line(&mut self, line: &[u8], _found: &mut dyn FnMut(Stored<'_>)) {
        if let Ok(c) = Csq::parse(line) {
            self.0 = Some(c);
        }
    }
    fn finish(&mut self, label: &'static str, outcome: Outcome) -> Result<Csq, ModemError> {
        match (outcome, self.0) {
            (Outcome::Ok, Some(c)) => Ok(c),
            (other, _) => Err(refusal(label, other)),
        }
    }
}

/// `AT+CSQ`: the signal.
pub fn signal() -> Result<Single<Signal>, ModemError> {
    Ok(Single::new(
        cmd::csq()?,
        "AT+CSQ",
        DEFAULT_TIMEOUT,
        Signal::default(),
    ))
}

/// Reads `+CREG: <n>,<stat>[,…]`.
#[derive(Debug, Clone, Copy, Default)]
pub struct Registered(Option<Reg>);

impl Answer for Registered {
    type Output = Reg;
    fn line(&mut self, line: &[u8], _found: &mut dyn FnMut(Stored<'_>)) {
        if let Some(r) = answer::creg(line) {
            self.0 = Some(r);
        }
    }
    fn finish(&mut self, label: &'static str, outcome: Outcome) -> Result<Reg, ModemError> {
        match (outcome, self.0) {
            (Outcome::Ok, Some(r)) => Ok(r),
            (other, _) => Err(refusal(label, other)),
        }
    }
}

/// `AT+CREG?`: the registration.
pub fn registration() -> Result<Single<Registered>, ModemError> {
    Ok(Single::new(
        cmd::creg_query()?,
        "AT+CREG?",
        DEFAULT_TIMEOUT,
        Registered::default(),
    ))
}

/// Reads `+COPS: <mode>[,<format>,<oper>…]`; no operator (not registered) is `None`.
#[derive(Debug, Clone, Default)]
pub struct OperatorName(Option<String<OPERATOR_CAPACITY>>);

impl Answer for OperatorName {
    type Output = Option<String<OPERATOR_CAPACITY>>;
    fn line(&mut self, line: &[u8], _found: &mut dyn FnMut(Stored<'_>)) {
        if let Some(op) = answer::cops(line) {
            self.0 = Some(op);
        }
    }
    fn finish(
        &mut self,
        label: &'static str,
        outcome: Outcome,
    ) -> Result<Self::Output, ModemError> {
        match outcome {
            Outcome::Ok => Ok(self.0.take()),
            other => Err(refusal(label, other)),
        }
    }
}

/// `AT+COPS?`: the operator.
pub fn operator() -> Result<Single<OperatorName>, ModemError> {
    Ok(Single::new(
        cmd::cops_query()?,
        "AT+COPS?",
        DEFAULT_TIMEOUT,
        OperatorName::default(),
    ))
}
