//! The shape every modem procedure has (initialisation, list, read, delete, send, the network
//! queries): a sans-IO state machine that sends one command at a time over a [`Session`] and
//! reads the events of the command it sent.
//!
//! The owner of the session (the host driver, a test) calls [`Procedure::poll`] whenever the
//! session may be idle, and hands every [`Event`] of the command in flight to
//! [`Procedure::handle`]. URCs are the owner's business and never reach a procedure.
//! [`Poll::Pending`] carries the instant the procedure wants to be polled again when it waits
//! for a retry; while a command is in flight the session's own deadline wakes the owner.
//!
//! [`Slot`] is the bookkeeping shared by every procedure: one command in flight, its outcome,
//! the retry pause after a transient error, and the resync after a timeout: when the session
//! [owes a late answer](Session::owes_late_answer) (some command timed out, maybe another
//! procedure's), the slot first sends a plain `AT` and only then the procedure's command. The
//! late `OK` completes the `AT` and the `AT`'s own `OK` falls into the session's settling
//! interval, so the command gets only its own answer; an `AT` that ends in `ERROR` (the late
//! code of a failed command) is sent again, up to [`RESYNC_LIMIT`] times. Events of the
//! resync `AT` never reach the procedure's answer parsing ([`Slot::resyncing`]).

use crate::at::result::FinalCode;
use crate::modem::error::ModemError;
use crate::modem::port::Port;
use crate::modem::session::{
    pump, write_queued, Error as SessionError, Event, Session, Stage, DEFAULT_TIMEOUT,
};
use crate::time::{Duration, Instant};

/// What a procedure says after a poll.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Poll<T> {
    /// Not finished. `Some(t)`: poll again at `t` (a retry pause); `None`: a command is in
    /// flight, the session's deadline or its events will wake the owner.
    Pending(Option<Instant>),
    /// Finished.
    Ready(Result<T, ModemError>),
}

/// A stored message found by `+CMGL` or `+CMGR`, lent to the owner while it is handled.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Stored<'a> {
    /// PDU mode: the index (`+CMGR` reports the index it was asked for) and the PDU line in
    /// hex, SMSC address first.
    Pdu {
        /// Storage index.
        index: u32,
        /// `<stat>`: 0 unread, 1 read, 2/3 stored for sending.
        status: Option<u8>,
        /// The PDU in hex.
        hex: &'a [u8],
    },
    /// Text mode: the header fields and the body line. With `+CSCS="UCS2"` (`ucs2`), address
    /// and body are UCS-2 in hex.
    Text {
        /// Storage index.
        index: u32,
        /// Whether it is a received message (`REC UNREAD`/`REC READ`).
        received: bool,
        /// The sender (or recipient) address.
        addr: &'a [u8],
        /// The service centre time stamp, `yy/MM/dd,hh:mm:ss±zz`, when given.
        scts: Option<&'a [u8]>,
        /// The body.
        body: &'a [u8],
        /// Address and body are UCS-2 hex.
        ucs2: bool,
        /// The body did not match its announced length (it held a line break): it must not
        /// be trusted as a command, and the lines after it were skipped.
        broken: bool,
    },
}

/// A modem procedure. See the module documentation.
pub trait Procedure {
    /// What it produces when it succeeds.
    type Output;

    /// Sends the next command when the session is idle and one is due; says whether the
    /// procedure is finished. Called again after every event and at the instant it asked for.
    fn poll(&mut self, now: Instant, session: &mut Session) -> Poll<Self::Output>;

    /// An event of the command in flight (`Response`, `Prompt`, `Done`, `TimedOut`); stored
    /// messages found in the answer are handed to `found`.
    fn handle(&mut self, now: Instant, ev: &Event<'_>, found: &mut dyn FnMut(Stored<'_>));
}

/// How a command ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    /// `OK`.
    Ok,
    /// Any other final result code.
    Failed(FinalCode),
    /// No final result code before the deadline.
    TimedOut(Stage),
}

/// How often and how long a transient error is retried (SIM busy at boot, network congestion):
/// 1 s, 2 s, 4 s, 8 s, 8 s.
pub const RETRY_FIRST: Duration = Duration::from_secs(1);
/// The longest pause between two retries.
pub const RETRY_CAP: Duration = Duration::from_secs(8);
/// Retries of one command after a transient error before it counts as refused.
pub const RETRY_LIMIT: u8 = 5;

/// `AT`s answered with `ERROR` in one resync before the slot gives up and reports the error:
/// one late `ERROR` is expected, a modem that refuses `AT` three times is broken.
pub const RESYNC_LIMIT: u8 = 3;

/// The resync command.
const RESYNC_AT: &[u8] = b"AT";

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum SlotState {
    Ready,
    InFlight,
    /// The resync `AT` is in flight.
    Resyncing,
    Finished(Outcome),
    Waiting(Instant),
}

/// One command slot: in flight, finished with an outcome, or pausing before a retry.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Slot {
    state: SlotState,
    retries: u8,
    /// A resync `AT` ended in `ERROR`: send another before the command.
    resync_again: bool,
    /// Resync `AT`s that ended in `ERROR`.
    resync_errors: u8,
}

impl Default for Slot {
    fn default() -> Self {
        Slot::new()
    }
}

impl Slot {
    /// An empty slot, ready to send.
    pub const fn new() -> Slot {
        Slot {
            state: SlotState::Ready,
            retries: 0,
            resync_again: false,
            resync_errors: 0,
        }
    }

    /// Takes the outcome of the command that finished, if one did; the slot is ready again.
    pub fn take(&mut self) -> Option<Outcome> {
        match self.state {
            SlotState::Finished(o) => {
                self.state = SlotState::Ready;
                Some(o)
            }
            _ => None,
        }
    }

    /// `Some(pending)` when nothing may be sent now: a command is in flight, or a retry pause
    /// has not ended.
    pub fn busy(&mut self, now: Instant) -> Option<Option<Instant>> {
        match self.state {
            SlotState::InFlight | SlotState::Resyncing | SlotState::Finished(_) => Some(None),
            SlotState::Waiting(t) if now < t => Some(Some(t)),
            SlotState::Waiting(_) => {
                self.state = SlotState::Ready;
                None
            }
            SlotState::Ready => None,
        }
    }

    /// Records that a command was handed to the session.
    pub fn sent(&mut self) {
        self.state = SlotState::InFlight;
    }

    /// Whether the resync `AT` is in flight: its events are the slot's, not the procedure's
    /// (a late answer line must not be parsed as the procedure's answer).
    pub fn resyncing(&self) -> bool {
        self.state == SlotState::Resyncing
    }

    /// Before a meaningful command: sends the resync `AT` when the session owes a late answer
    /// or the last resync `AT` ended in `ERROR`. `Ok(true)`: the resync is under way (or the
    /// session refused the `AT` for now), send nothing else; `Ok(false)`: send the command.
    pub fn resync(&mut self, now: Instant, session: &mut Session) -> Result<bool, ModemError> {
        if !(self.resync_again || session.owes_late_answer()) {
            return Ok(false);
        }
        match session.send(now, RESYNC_AT, DEFAULT_TIMEOUT) {
            Ok(()) => {
                log::debug!("modem: resync with AT after a timed-out command");
                self.state = SlotState::Resyncing;
                Ok(true)
            }
            Err(SessionError::Busy | SessionError::Settling { .. }) => Ok(true),
            Err(_) => Err(ModemError::Format(crate::at::cmd::CmdError::Full {
                need: RESYNC_AT.len(),
            })),
        }
    }

    /// Sends a plain command, resyncing first after a timeout ([`Slot::resync`]; a plain
    /// `AT` needs none: it is its own resync). A session that refuses it (busy with someone
    /// else's command, or settling after a timeout) leaves the slot ready, to try again at the
    /// next poll (the session's [`Session::poll_timeout`] says when settling may end).
    pub fn send(
        &mut self,
        now: Instant,
        session: &mut Session,
        cmd: &[u8],
        timeout: Duration,
    ) -> Result<(), ModemError> {
        let plain_at = trim_cr(cmd).eq_ignore_ascii_case(RESYNC_AT);
        if !plain_at && self.resync(now, session)? {
            return Ok(());
        }
        self.send_unsynced(now, session, cmd, timeout)
    }

    /// Sends a plain command without resyncing first: for the commands whose any answer,
    /// even a late one, is fine (the ESC and the probe of the init sequence; the probe then
    /// serves as the resync).
    pub fn send_unsynced(
        &mut self,
        now: Instant,
        session: &mut Session,
        cmd: &[u8],
        timeout: Duration,
    ) -> Result<(), ModemError> {
        match session.send(now, cmd, timeout) {
            Ok(()) => {
                self.sent();
                Ok(())
            }
            Err(SessionError::Busy | SessionError::Settling { .. }) => Ok(()),
            Err(_) => Err(ModemError::Format(crate::at::cmd::CmdError::Full {
                need: cmd.len(),
            })),
        }
    }

    /// Records the end of the command in flight from a session event; other events are
    /// ignored. Returns whether the event ended it.
    pub fn on_event(&mut self, ev: &Event<'_>) -> bool {
        if self.state == SlotState::Resyncing {
            return self.on_resync_event(ev);
        }
        if self.state != SlotState::InFlight {
            return false;
        }
        let outcome = match ev {
            Event::Done { code, .. } if code.is_ok() => Outcome::Ok,
            Event::Done { code, .. } => Outcome::Failed(*code),
            Event::TimedOut(stage) => Outcome::TimedOut(*stage),
            _ => return false,
        };
        self.state = SlotState::Finished(outcome);
        true
    }

    /// An event of the resync `AT`: `OK` makes the slot ready for the command, `ERROR` asks
    /// for another `AT` (up to [`RESYNC_LIMIT`]), a timeout ends the command as timed out.
    fn on_resync_event(&mut self, ev: &Event<'_>) -> bool {
        match ev {
            Event::Done { code, .. } if code.is_ok() => {
                self.state = SlotState::Ready;
                self.resync_again = false;
                self.resync_errors = 0;
                false
            }
            Event::Done { code, .. } => {
                self.resync_errors = self.resync_errors.saturating_add(1);
                if self.resync_errors >= RESYNC_LIMIT {
                    self.resync_again = false;
                    self.resync_errors = 0;
                    self.state = SlotState::Finished(Outcome::Failed(*code));
                    return true;
                }
                log::debug!("modem: resync AT ended in {code} (a late code?); once more");
                self.resync_again = true;
                self.state = SlotState::Ready;
                false
            }
            Event::TimedOut(stage) => {
                self.state = SlotState::Finished(Outcome::TimedOut(*stage));
                true
            }
            _ => false,
        }
    }

    /// After a transient error: schedules a retry of the same command with capped backoff and
    /// returns `true`, or returns `false` when the retries are used up.
    pub fn retry_later(&mut self, now: Instant) -> bool {
        if self.retries >= RETRY_LIMIT {
            return false;
        }
        let shift = u32::from(self.retries.min(8));
        let ms = u64::try_from(RETRY_FIRST.as_millis())
            .unwrap_or(u64::MAX)
            .saturating_mul(1u64 << shift);
        let cap = u64::try_from(RETRY_CAP.as_millis()).unwrap_or(u64::MAX);
        self.retries = self.retries.saturating_add(1);
        self.state = SlotState::Waiting(now.saturating_add(Duration::from_millis(ms.min(cap))));
        true
    }

    /// Pauses for `delay` before the next command (without counting a retry).
    pub fn pause(&mut self, now: Instant, delay: Duration) {
        self.state = SlotState::Waiting(now.saturating_add(delay));
    }

    /// Forgets the retries (the next command is a new one).
    pub fn next_command(&mut self) {
        self.retries = 0;
    }
}

/// `cmd` without its trailing CR.
fn trim_cr(cmd: &[u8]) -> &[u8] {
    cmd.strip_suffix(b"\r").unwrap_or(cmd)
}

/// The error for a command that did not end with `OK`.
pub fn refusal(cmd: &'static str, outcome: Outcome) -> ModemError {
    match outcome {
        Outcome::Ok => ModemError::MissingAnswer { cmd },
        Outcome::Failed(code) => ModemError::Refused { cmd, code },
        Outcome::TimedOut(_) => ModemError::Timeout { cmd },
    }
}

/// Whether the outcome is a transient error worth a retry.
pub fn is_transient(outcome: Outcome) -> bool {
    matches!(outcome, Outcome::Failed(code) if code.is_transient())
}

/// Drives `proc` over `port` once at `now`: writes what is queued, reads what is there (events
/// of the command in flight go to `proc`, everything else — URCs, unexpected lines — to
/// `other`), handles the session's deadline, then polls `proc` so it can send its next command,
/// and writes that out. Call it again when the port is readable, at the session's deadline
/// ([`Session::poll_timeout`]) and at the instant [`Poll::Pending`] asked for. Returns the port's error when the port is gone.
pub fn drive<P: Port, T: Procedure + ?Sized>(
    port: &mut P,
    session: &mut Session,
    proc: &mut T,
    now: Instant,
    other: &mut dyn FnMut(&Event<'_>),
    found: &mut dyn FnMut(Stored<'_>),
) -> Result<Poll<T::Output>, P::Error> {
    {
        let mut on = |ev: Event<'_>| match ev {
            Event::Response(_) | Event::Done { .. } | Event::Prompt | Event::TimedOut(_) => {
                proc.handle(now, &ev, found)
            }
            Event::Urc { .. } | Event::Unexpected(_) | Event::Overflow { .. } => other(&ev),
        };
        pump(port, session, now, &mut on)?;
    }
    let polled = proc.poll(now, session);
    flush(port, session)?;
    Ok(polled)
}

/// Writes what the session has queued, as far as the port takes it now (reads nothing, so no
/// answer can slip past the procedure that is about to get it). The same loop as [`pump`]'s.
pub fn flush<P: Port>(port: &mut P, session: &mut Session) -> Result<(), P::Error> {
    write_queued(port, session)
}
