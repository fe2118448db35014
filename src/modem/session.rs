//! The sans-IO modem session: one command in flight, its deadline, and the classification of
//! every line the modem sends as an answer to that command or an unsolicited result code.
//!
//! The session performs no I/O and reads no clock (the quinn-proto pattern):
//! - commands go in with [`Session::send`] / [`Session::send_with_body`] and the time `now`;
//! - bytes to write come out of [`Session::poll_transmit`] (acknowledged with
//!   [`Session::transmitted`]);
//! - bytes read from the port go in with [`Session::handle_input`], which reports [`Event`]s
//!   as they happen — answer lines are streamed, never collected, so a 50-message `+CMGL`
//!   answer needs no more memory than one line;
//! - [`Session::poll_timeout`] says when to call [`Session::handle_timeout`].
//!
//! [`pump`] drives all of that over a [`Port`](crate::modem::Port) for callers that have one.
//!
//! How a line is classified: a final result code completes the command in flight. `+CMTI`,
//! `RING`, the Huawei `^…` and ZTE `+Z…` reports and the SIM800 power-up lines are always
//! unsolicited, even between the lines of a `+CMGL` answer or while the `> ` prompt is awaited.
//! A line whose name (`+CREG` of `+CREG: 1,1`) is the name of the command in flight answers it;
//! otherwise a known URC name (`+CREG: 1` while idle, or while `AT+CSQ` runs) is unsolicited,
//! and a line without a name (`SIMCOM_Ltd`, a PDU) answers the command in flight. The line after
//! a `+CMGR:`/`+CMGL:` header is its body. `+CMT:`/`+CDS:` headers are paired with the PDU line
//! that follows them. Everything else is reported as [`Event::Unexpected`]: nothing is dropped.
//!
//! ## After a timeout: settling
//!
//! A modem that missed a deadline may still answer: its `OK`, `ERROR` or information lines can
//! come seconds later, and they must not complete the next command. So after
//! [`Event::TimedOut`] the session *settles*: it refuses commands with [`Error::Settling`]
//! until the line has been quiet for [`SETTLE_INTERVAL`] (every byte received restarts it;
//! [`Session::poll_timeout`] says when it may end). Whatever arrives meanwhile is classified as
//! when idle: URCs stay URCs, a late answer line or final code is [`Event::Unexpected`].
//! A late answer may come after the line was quiet, so the first command that completes after
//! a timeout is followed by one more settling interval: if the late final code completed it,
//! the command's own one then arrives as [`Event::Unexpected`] instead of completing the next.
//!
//! The resync recipe for the modem layer: after a timeout, wait for the session to accept a
//! command (wake at [`Session::poll_timeout`]), send a plain `AT`, and then carry on. A late
//! `OK` and the `AT`'s own `OK` are both absorbed: one completes the `AT`, the other falls into
//! the settling interval after it. If the `AT` ends with `ERROR` (the late code of a failed
//! command), send it again.
//!
//! Hosts should pass the time bytes were read with [`Session::handle_input_at`] ([`pump`] does);
//! [`Session::handle_input`] dates them at the latest time the session was given.

mod classify;
mod drive;
mod state;

use core::fmt;

use heapless::Vec;

pub use drive::{fuzz_session, pump, write_queued, PUMP_READ_LIMIT};

use crate::at::framer::Framer;
use crate::at::result::FinalCode;
use crate::at::urc::UrcKind;
use crate::time::{Duration, Instant};

/// Longest command line, CR included. The longest smsctl sends are chained init lines such as
/// `AT+CMEE=1;+CNMI=2,1,0,2,0;+CMGF=0;+CSCS="UCS2"` (~50) and `AT+CSCA="+<20 digits>",145`
/// (~32); 128 leaves room for vendor init strings.
pub const COMMAND_CAPACITY: usize = 128;

/// Longest body after the `> ` prompt, Ctrl-Z included: a PDU is at most 352 hex characters
/// ((12 SMSC octets + 164 TPDU octets) × 2), a text-mode body at most 160 characters (280 as
/// UCS-2 hex); 352 + 1 for the Ctrl-Z.
pub const BODY_CAPACITY: usize = 353;

/// Bytes that may wait to be written: a command, its body, and [`ESCAPE_SEQUENCE`].
pub const TRANSMIT_CAPACITY: usize = COMMAND_CAPACITY + BODY_CAPACITY + ESCAPE_SEQUENCE.len();

/// Longest `+CMT:`/`+CDS:` header kept while its PDU line is awaited. A PDU-mode header is
/// `+CMT: [<alpha>],<length>`; an alpha (phonebook name) as UCS-2 hex of 30 characters is 120
/// characters, plus ~16 for the rest. 160 gives a margin; a longer header is reported as
/// [`Event::Unexpected`] and not paired.
pub const URC_HEADER_CAPACITY: usize = 160;

/// Deadline of a plain command (real modems answer in 10–100 ms; `+COPS=?` and SIM access
/// after boot take seconds).
pub const DEFAULT_TIMEOUT: Duration = Duration::from_secs(10);

/// Deadline of `+CMGS`/`+CMGW` (1–4 s is usual; the network may take much longer).
pub const SEND_TIMEOUT: Duration = Duration::from_secs(60);

/// Ends a body after the `> ` prompt.
pub const CTRL_Z: u8 = 0x1a;

/// Leaves the `> ` prompt without sending.
pub const ESC: u8 = 0x1b;

/// What the session writes to leave a stuck `> ` prompt: ESC, then CR to end the line (some
/// modems only act on the ESC once a line end follows).
pub const ESCAPE_SEQUENCE: [u8; 2] = [ESC, b'\r'];

/// How long the line must stay quiet after a timeout (and after the first command completed
/// after one) before the session takes a new command. Real modems answer within 10–100 ms and
/// send an answer's lines back to back, so half a second of silence means the late answer, if
/// any, is over; it is short next to the seconds a timeout already cost.
pub const SETTLE_INTERVAL: Duration = Duration::from_millis(500);

/// Why the session refused a command.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Error {
    /// A command is already in flight.
    Busy,
    /// The command is empty.
    EmptyCommand,
    /// The command (with its CR) does not fit [`COMMAND_CAPACITY`].
    CommandTooLong {
        /// Its length.
        len: usize,
    },
    /// The body (with its Ctrl-Z) does not fit [`BODY_CAPACITY`].
    BodyTooLong {
        /// Its length.
        len: usize,
    },
    /// A command timed out and its late answer may still come: no command until the line has
    /// been quiet for [`SETTLE_INTERVAL`] (see the module documentation).
    Settling {
        /// When the line will have been quiet long enough, unless more bytes come.
        until: Instant,
    },
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::Busy => f.write_str("a command is already in flight"),
            Error::EmptyCommand => f.write_str("empty command"),
            Error::CommandTooLong { len } => {
                write!(f, "command of {len} bytes exceeds {COMMAND_CAPACITY} bytes")
            }
            Error::BodyTooLong { len } => {
                write!(f, "body of {len} bytes exceeds {BODY_CAPACITY} bytes")
            }
            Error::Settling { until } => write!(
                f,
                "the modem may still answer a timed-out command: no command before the line is \
                 quiet at {} ms",
                until.as_millis()
            ),
        }
    }
}

/// Where the command in flight stands when it times out.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Stage {
    /// Waiting for the answer of a plain command.
    Answer,
    /// Waiting for the `> ` prompt ([`ESCAPE_SEQUENCE`] has been queued to leave it).
    Prompt,
    /// The body was sent; waiting for `+CMGS: <mr>` and the final code.
    AfterBody,
}

/// What the session found. Lines borrow the session until the next call.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Event<'a> {
    /// A line answering the command in flight (`+CSQ: 20,99`, a `+CMGL:` header, its PDU).
    Response(&'a [u8]),
    /// The command in flight completed with this final result code.
    Done {
        /// The code.
        code: FinalCode,
        /// Its line (with the verbose text of an error).
        line: &'a [u8],
    },
    /// An unsolicited result code; `pdu` is the line that follows a `+CMT:`/`+CDS:` header.
    Urc {
        /// Its kind.
        kind: UrcKind,
        /// The line (the header, for `+CMT`/`+CDS`).
        line: &'a [u8],
        /// The PDU line of `+CMT`/`+CDS`; `None` if something else came instead.
        pdu: Option<&'a [u8]>,
    },
    /// The `> ` prompt came; the body is queued for transmission.
    Prompt,
    /// A line that answers nothing in flight and is no known URC (a late answer after a
    /// timeout, a stray `OK`, garbage, the PDU line of a `+CMT:`/`+CDS:` header that was too
    /// long to keep).
    Unexpected(&'a [u8]),
    /// A line longer than [`LINE_CAPACITY`](crate::at::framer::LINE_CAPACITY), cut.
    Overflow {
        /// The part that was kept.
        kept: &'a [u8],
        /// Its whole length.
        len: usize,
    },
    /// The command in flight reached its deadline; no command is in flight, and the session
    /// settles before it takes the next (see the module documentation).
    TimedOut(Stage),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Phase {
    Idle,
    /// No command in flight; none taken before `quiet_until`.
    Settling,
    Answer,
    Prompt,
    AfterBody,
}

impl Phase {
    fn in_command(self) -> bool {
        matches!(self, Phase::Answer | Phase::Prompt | Phase::AfterBody)
    }
}

/// Everything but the framer, so that the framer's events can be classified while they borrow
/// the framer.
#[derive(Debug)]
struct State {
    phase: Phase,
    /// The command in flight, CR included.
    cmd: Vec<u8, COMMAND_CAPACITY>,
    body: Vec<u8, BODY_CAPACITY>,
    deadline: Instant,
    /// The next line is the body of a `+CMGR:`/`+CMGL:` header.
    body_line_next: bool,
    /// A `+CMT:`/`+CDS:` header awaiting its PDU line.
    pair: Option<(UrcKind, Vec<u8, URC_HEADER_CAPACITY>)>,
    /// A `+CMT:`/`+CDS:` header too long to keep was reported unexpected: so is its PDU line.
    orphan_pdu_next: bool,
    /// The latest time the session was given.
    now: Instant,
    /// While settling: when the line will have been quiet for [`SETTLE_INTERVAL`].
    quiet_until: Instant,
    /// A command timed out and no command has completed since: the next completion is followed
    /// by a settling interval.
    late_owed: bool,
    /// Echoes recognised and swallowed.
    echoes: u32,
    tx: Vec<u8, TRANSMIT_CAPACITY>,
    /// How many bytes of `tx` were written.
    tx_done: usize,
}

/// What the framer must be told after an event.
enum Arm {
    Nothing,
    EchoBody,
}

/// The modem session. See the module documentation.
#[derive(Debug)]
pub struct Session {
    framer: Framer,
    state: State,
}

impl Default for Session {
    fn default() -> Self {
        Session::new()
    }
}

impl Session {
    /// An idle session.
    pub fn new() -> Session {
        Session {
            framer: Framer::new(),
            state: State {
                phase: Phase::Idle,
                cmd: Vec::new(),
                body: Vec::new(),
                deadline: Instant::ZERO,
                body_line_next: false,
                pair: None,
                orphan_pdu_next: false,
                now: Instant::ZERO,
                quiet_until: Instant::ZERO,
                late_owed: false,
                echoes: 0,
                tx: Vec::new(),
                tx_done: 0,
            },
        }
    }

    /// Forgets everything in flight, queued or half-read (after the port was re-opened).
    pub fn reset(&mut self) {
        *self = Session::new();
    }

    /// Whether no command is in flight (the session may still be settling after a timeout:
    /// see [`Session::is_settling`]).
    pub fn is_idle(&self) -> bool {
        !self.state.phase.in_command()
    }

    /// Whether the session refuses commands at `now` because a timed-out command may still be
    /// answered; [`Session::poll_timeout`] says when that may end.
    pub fn is_settling(&self, now: Instant) -> bool {
        self.state.phase == Phase::Settling && now < self.state.quiet_until
    }

    /// Whether a command sent at `now` would be taken (nothing in flight, not settling).
    pub fn is_ready(&self, now: Instant) -> bool {
        self.is_idle() && !self.is_settling(now)
    }

    /// Whether a command timed out and no command has completed since: its late `OK`/`ERROR`
    /// may still come and complete the next command. The modem layer then sends a plain `AT`
    /// before any meaningful command (the resync recipe of the module documentation).
    pub fn owes_late_answer(&self) -> bool {
        self.state.late_owed
    }

    /// How many command echoes were recognised and swallowed since the session was created or
    /// reset (saturating); a count that grows after `ATE0` means echo is still on.
    pub fn echoes_swallowed(&self) -> u32 {
        self.state.echoes
    }

    /// The command in flight, CR included.
    pub fn in_flight(&self) -> Option<&[u8]> {
        (!self.is_idle()).then_some(self.state.cmd.as_slice())
    }

    /// Sends a plain command (`AT+CSQ`, with or without its final CR), due within `timeout`.
    pub fn send(&mut self, now: Instant, cmd: &[u8], timeout: Duration) -> Result<(), Error> {
        self.start(now, cmd, None, timeout)
    }

    /// Sends `AT+CMGS=<n>`/`AT+CMGW=…` and, when the `> ` prompt comes, `body` and Ctrl-Z (one
    /// is added unless `body` ends with it). On a timeout at the prompt, [`ESCAPE_SEQUENCE`]
    /// (ESC, CR) is sent.
    pub fn send_with_body(
        &mut self,
        now: Instant,
        cmd: &[u8],
        body: &[u8],
        timeout: Duration,
    ) -> Result<(), Error> {
        self.start(now, cmd, Some(body), timeout)
    }

    fn start(
        &mut self,
        now: Instant,
        cmd: &[u8],
        body: Option<&[u8]>,
        timeout: Duration,
    ) -> Result<(), Error> {
        let s = &mut self.state;
        s.advance(now);
        match s.phase {
            Phase::Idle => {}
            Phase::Settling => {
                return Err(Error::Settling {
                    until: s.quiet_until,
                })
            }
            _ => return Err(Error::Busy),
        }
        let cmd = trim_line_end(cmd);
        if cmd.is_empty() {
            return Err(Error::EmptyCommand);
        }
        let too_long = Error::CommandTooLong {
            len: cmd.len().saturating_add(1),
        };
        let mut line: Vec<u8, COMMAND_CAPACITY> = Vec::new();
        line.extend_from_slice(cmd).map_err(|_| too_long)?;
        line.push(b'\r').map_err(|_| too_long)?;
        let mut stored_body: Vec<u8, BODY_CAPACITY> = Vec::new();
        if let Some(body) = body {
            let with_z = if body.last() == Some(&CTRL_Z) { 0 } else { 1 };
            let too_long = Error::BodyTooLong {
                len: body.len().saturating_add(with_z),
            };
            stored_body.extend_from_slice(body).map_err(|_| too_long)?;
            if with_z == 1 {
                stored_body.push(CTRL_Z).map_err(|_| too_long)?;
            }
        }
        s.queue(&line);
        s.cmd = line;
        s.body = stored_body;
        s.phase = if body.is_some() {
            Phase::Prompt
        } else {
            Phase::Answer
        };
        s.deadline = now.saturating_add(timeout);
        s.body_line_next = false;
        self.framer.expect_echo(cmd);
        if body.is_some() {
            self.framer.expect_prompt();
        }
        Ok(())
    }

    /// The bytes waiting to be written to the modem, if any.
    pub fn poll_transmit(&self) -> Option<&[u8]> {
        let s = &self.state;
        s.tx.get(s.tx_done..).filter(|rest| !rest.is_empty())
    }

    /// Records that the first `n` bytes of [`Session::poll_transmit`] were written.
    pub fn transmitted(&mut self, n: usize) {
        let s = &mut self.state;
        s.tx_done = s.tx_done.saturating_add(n).min(s.tx.len());
        if s.tx_done == s.tx.len() {
            s.tx.clear();
            s.tx_done = 0;
        }
    }

    /// When [`Session::handle_timeout`] must next be called: the deadline of the command in
    /// flight, or when settling may end.
    pub fn poll_timeout(&self) -> Option<Instant> {
        match self.state.phase {
            Phase::Idle => None,
            Phase::Settling => Some(self.state.quiet_until),
            _ => Some(self.state.deadline),
        }
    }

    /// Ends the command in flight if its deadline has passed at `now`, reporting
    /// [`Event::TimedOut`] and starting to settle; at the prompt, [`ESCAPE_SEQUENCE`] is queued
    /// to leave it. Unsent bytes of the command are discarded. Ends settling once the line has
    /// been quiet long enough.
    pub fn handle_timeout(&mut self, now: Instant, on: &mut impl FnMut(Event<'_>)) {
        let s = &mut self.state;
        s.advance(now);
        let stage = match s.phase {
            Phase::Idle | Phase::Settling => return,
            _ if now < s.deadline => return,
            Phase::Answer => Stage::Answer,
            Phase::Prompt => Stage::Prompt,
            Phase::AfterBody => Stage::AfterBody,
        };
        s.tx.clear();
        s.tx_done = 0;
        if stage == Stage::Prompt {
            s.queue(&ESCAPE_SEQUENCE);
        }
        s.settle();
        s.late_owed = true;
        s.body_line_next = false;
        self.framer.disarm();
        on(Event::TimedOut(stage));
    }

    /// Takes bytes read from the modem at `now`, reporting every event in order.
    pub fn handle_input_at(&mut self, now: Instant, bytes: &[u8], on: &mut impl FnMut(Event<'_>)) {
        self.state.advance(now);
        self.handle_input(bytes, on);
    }

    /// Takes bytes read from the modem, reporting every event in order; they are dated at the
    /// latest time the session was given (prefer [`Session::handle_input_at`]).
    pub fn handle_input(&mut self, bytes: &[u8], on: &mut impl FnMut(Event<'_>)) {
        for &b in bytes {
            self.handle_byte(b, on);
        }
    }

    /// Takes bytes read from the modem until the command in flight completes (or all are
    /// taken); returns how many were taken, so the caller can send the next command before
    /// feeding the rest.
    pub fn handle_input_until_idle(
        &mut self,
        bytes: &[u8],
        on: &mut impl FnMut(Event<'_>),
    ) -> usize {
        let was_busy = !self.is_idle();
        for (i, &b) in bytes.iter().enumerate() {
            self.handle_byte(b, on);
            if was_busy && self.is_idle() {
                return i.saturating_add(1);
            }
        }
        bytes.len()
    }

    /// Takes one byte read from the modem.
    pub fn handle_byte(&mut self, byte: u8, on: &mut impl FnMut(Event<'_>)) {
        let s = &mut self.state;
        if s.phase == Phase::Settling {
            // Every byte restarts the quiet interval.
            s.settle();
        }
        let arm = match self.framer.push(byte) {
            Some(ev) => self.state.on_framed(ev, on),
            None => Arm::Nothing,
        };
        if let Arm::EchoBody = arm {
            self.framer.expect_echo(&self.state.body);
        }
    }
}

/// `cmd` without trailing CR/LF.
fn trim_line_end(mut cmd: &[u8]) -> &[u8] {
    while let [rest @ .., b'\r' | b'\n'] = cmd {
        cmd = rest;
    }
    cmd
}
