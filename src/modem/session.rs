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
//! [`pump`] drives all of that over a [`Port`] for callers that have one.
//!
//! How a line is classified: a final result code completes the command in flight. `+CMTI`,
//! `RING`, the Huawei `^…` and ZTE `+Z…` reports and the SIM800 power-up lines are always
//! unsolicited, even between the lines of a `+CMGL` answer or while the `> ` prompt is awaited.
//! A line whose name (`+CREG` of `+CREG: 1,1`) is the name of the command in flight answers it;
//! otherwise a known URC name (`+CREG: 1` while idle, or while `AT+CSQ` runs) is unsolicited,
//! and a line without a name (`SIMCOM_Ltd`, a PDU) answers the command in flight. The line after
//! a `+CMGR:`/`+CMGL:` header is its body. `+CMT:`/`+CDS:` headers are paired with the PDU line
//! that follows them. Everything else is reported as [`Event::Unexpected`]: nothing is dropped.

mod classify;

use core::fmt;

use heapless::Vec;

use super::port::Port;
use crate::at::framer::{self, Framer};
use crate::at::result::FinalCode;
use crate::at::urc::{line_name, UrcKind};
use crate::time::{Duration, Instant};

/// Longest command line, CR included. The longest smsctl sends are chained init lines such as
/// `AT+CMEE=1;+CNMI=2,1,0,2,0;+CMGF=0;+CSCS="UCS2"` (~50) and `AT+CSCA="+<20 digits>",145`
/// (~32); 128 leaves room for vendor init strings.
pub const COMMAND_CAPACITY: usize = 128;

/// Longest body after the `> ` prompt, Ctrl-Z included: a PDU is at most 352 hex characters
/// ((12 SMSC octets + 164 TPDU octets) × 2), a text-mode body at most 160 characters (280 as
/// UCS-2 hex); 352 + 1 for the Ctrl-Z.
pub const BODY_CAPACITY: usize = 353;

/// Bytes that may wait to be written: a command, its body, and an ESC.
pub const TRANSMIT_CAPACITY: usize = COMMAND_CAPACITY + BODY_CAPACITY + 1;

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
        }
    }
}

/// Where the command in flight stands when it times out.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Stage {
    /// Waiting for the answer of a plain command.
    Answer,
    /// Waiting for the `> ` prompt (ESC has been queued to leave it).
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
    /// timeout, a stray `OK`, garbage).
    Unexpected(&'a [u8]),
    /// A line longer than [`framer::LINE_CAPACITY`], cut.
    Overflow {
        /// The part that was kept.
        kept: &'a [u8],
        /// Its whole length.
        len: usize,
    },
    /// The command in flight reached its deadline; the session is idle again.
    TimedOut(Stage),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Phase {
    Idle,
    Answer,
    Prompt,
    AfterBody,
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
                tx: Vec::new(),
                tx_done: 0,
            },
        }
    }

    /// Forgets everything in flight, queued or half-read (after the port was re-opened).
    pub fn reset(&mut self) {
        *self = Session::new();
    }

    /// Whether no command is in flight.
    pub fn is_idle(&self) -> bool {
        self.state.phase == Phase::Idle
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
    /// is added unless `body` ends with it). On a timeout at the prompt, ESC is sent.
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
        if s.phase != Phase::Idle {
            return Err(Error::Busy);
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
    /// flight.
    pub fn poll_timeout(&self) -> Option<Instant> {
        (!self.is_idle()).then_some(self.state.deadline)
    }

    /// Ends the command in flight if its deadline has passed at `now`, reporting
    /// [`Event::TimedOut`]; at the prompt, ESC is queued to leave it. Unsent bytes of the command
    /// are discarded.
    pub fn handle_timeout(&mut self, now: Instant, on: &mut impl FnMut(Event<'_>)) {
        let s = &mut self.state;
        let stage = match s.phase {
            Phase::Idle => return,
            _ if now < s.deadline => return,
            Phase::Answer => Stage::Answer,
            Phase::Prompt => Stage::Prompt,
            Phase::AfterBody => Stage::AfterBody,
        };
        s.tx.clear();
        s.tx_done = 0;
        if stage == Stage::Prompt {
            s.queue(&[ESC]);
        }
        s.phase = Phase::Idle;
        s.body_line_next = false;
        self.framer.disarm();
        on(Event::TimedOut(stage));
    }

    /// Takes bytes read from the modem, reporting every event in order.
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

impl State {
    /// Appends to the transmit queue. Capacity covers a command, its body and an ESC, and the
    /// queue is emptied on every timeout, so bytes never have to be dropped here; if a stuck
    /// port ever made them not fit, the oldest unsent bytes give way.
    fn queue(&mut self, bytes: &[u8]) {
        if self.tx.len().saturating_add(bytes.len()) > TRANSMIT_CAPACITY {
            self.tx.clear();
            self.tx_done = 0;
        }
        let _ = self.tx.extend_from_slice(bytes);
    }

    fn on_framed(&mut self, ev: framer::Event<'_>, on: &mut impl FnMut(Event<'_>)) -> Arm {
        // A +CMT/+CDS header pairs with the next line only; anything else flushes it alone.
        if let Some((kind, header)) = self.pair.take() {
            if let framer::Event::Line(pdu) = ev {
                if !is_named_urc(pdu) {
                    on(Event::Urc {
                        kind,
                        line: &header,
                        pdu: Some(pdu),
                    });
                    return Arm::Nothing;
                }
            }
            on(Event::Urc {
                kind,
                line: &header,
                pdu: None,
            });
        }
        match ev {
            framer::Event::Line(line) => self.on_line(line, on),
            framer::Event::Final { code, line } => {
                if self.phase == Phase::Idle {
                    on(Event::Unexpected(line));
                } else {
                    self.phase = Phase::Idle;
                    self.body_line_next = false;
                    on(Event::Done { code, line });
                }
            }
            framer::Event::Prompt => {
                if self.phase == Phase::Prompt {
                    self.phase = Phase::AfterBody;
                    let body = self.body.clone();
                    self.queue(&body);
                    on(Event::Prompt);
                    return Arm::EchoBody;
                }
                // The framer is armed only in the prompt phase; a timeout disarms it.
                on(Event::Unexpected(b">"));
            }
            framer::Event::Echo => {}
            framer::Event::Overflow { kept, len } => {
                self.body_line_next = false;
                on(Event::Overflow { kept, len });
            }
        }
        Arm::Nothing
    }

    fn on_line(&mut self, line: &[u8], on: &mut impl FnMut(Event<'_>)) {
        let kind = UrcKind::of(line);
        if self.phase != Phase::Idle {
            if self.body_line_next && !is_named_urc(line) {
                self.body_line_next = false;
                on(Event::Response(line));
                return;
            }
            if !kind.always_unsolicited() {
                let name = line_name(line);
                if name.is_empty() {
                    on(Event::Response(line));
                    return;
                }
                if classify::carries_name(&self.cmd, name) {
                    self.body_line_next = classify::has_body_line(name);
                    on(Event::Response(line));
                    return;
                }
                if kind == UrcKind::Unknown {
                    on(Event::Unexpected(line));
                    return;
                }
            }
        } else if kind == UrcKind::Unknown {
            on(Event::Unexpected(line));
            return;
        }
        if kind.has_pdu_line() {
            let mut header = Vec::new();
            if header.extend_from_slice(line).is_ok() {
                self.pair = Some((kind, header));
            } else {
                on(Event::Unexpected(line));
            }
            return;
        }
        on(Event::Urc {
            kind,
            line,
            pdu: None,
        });
    }
}

/// A line that names a known URC with `+`/`^`: never a PDU or body line (those are hex, or
/// text read as UCS-2 hex).
fn is_named_urc(line: &[u8]) -> bool {
    !line_name(line).is_empty() && UrcKind::of(line) != UrcKind::Unknown
}

/// How many bytes [`pump`] reads per call at most, so a modem that never stops talking cannot
/// keep the caller from its other work.
pub const PUMP_READ_LIMIT: usize = 4096;

/// Drives `session` over `port` once: writes what is queued, reads what is available, handles
/// the deadline at `now`, and writes again (the body after a prompt, an ESC after a timeout).
/// Returns the port's error when it is gone. Commands cannot be sent from inside `on`; the
/// caller sends the next one after `pump` returns.
pub fn pump<P: Port>(
    port: &mut P,
    session: &mut Session,
    now: Instant,
    on: &mut impl FnMut(Event<'_>),
) -> Result<(), P::Error> {
    write_queued(port, session)?;
    let mut buf = [0u8; 64];
    let mut read = 0usize;
    while read < PUMP_READ_LIMIT {
        match port.read(&mut buf) {
            Ok(0) | Err(nb::Error::WouldBlock) => break,
            Ok(n) => {
                session.handle_input(buf.get(..n).unwrap_or(&buf), on);
                read = read.saturating_add(n);
                write_queued(port, session)?;
            }
            Err(nb::Error::Other(e)) => return Err(e),
        }
    }
    session.handle_timeout(now, on);
    write_queued(port, session)
}

fn write_queued<P: Port>(port: &mut P, session: &mut Session) -> Result<(), P::Error> {
    while let Some(out) = session.poll_transmit() {
        match port.write(out) {
            Ok(0) | Err(nb::Error::WouldBlock) => break,
            Ok(n) => session.transmitted(n),
            Err(nb::Error::Other(e)) => return Err(e),
        }
    }
    Ok(())
}

/// Runs arbitrary bytes through a session; for fuzzing and property tests. The first byte
/// chooses the clock step; each later byte is either modem output or, for bytes 0xF8..=0xFF,
/// an instruction: send a plain or `+CMGS`/`+CMGL` command, advance the clock, write out the
/// transmit queue. Never panics.
pub fn fuzz_session(data: &[u8]) {
    let Some((&step, rest)) = data.split_first() else {
        return;
    };
    let step = Duration::from_millis(u64::from(step).saturating_mul(100));
    let mut now = Instant::ZERO;
    let mut s = Session::new();
    let mut events = 0usize;
    let mut on = |ev: Event<'_>| {
        events = events.saturating_add(1);
        core::hint::black_box(ev);
    };
    for &b in rest {
        match b {
            0xf8 => {
                let _ = s.send(now, b"AT+CREG?", DEFAULT_TIMEOUT);
            }
            0xf9 => {
                let _ = s.send(now, b"AT+CMGL=4", DEFAULT_TIMEOUT);
            }
            0xfa => {
                let _ = s.send_with_body(now, b"AT+CMGS=5", b"0001000000", SEND_TIMEOUT);
            }
            0xfb => {
                now = now.saturating_add(step);
                s.handle_timeout(now, &mut on);
            }
            0xfc => {
                if let Some(n) = s.poll_transmit().map(<[u8]>::len) {
                    s.transmitted(n);
                }
            }
            0xfd => {
                now = now.saturating_add(Duration::from_secs(61));
                s.handle_timeout(now, &mut on);
            }
            _ => s.handle_byte(b, &mut on),
        }
    }
    core::hint::black_box(events);
}
