//! Recorded modem conversations ("traces") and a runner that plays them through a
//! [`Session`], for table tests, the split-invariance check, fuzz seeds and benchmarks.
//!
//! A trace is a text file, one item a line:
//!
//! ```text
//! # a comment (the first ones name the trace's origin)
//! > AT+CSQ                   the host sends a command (CR added)
//! > AT+CMGS=18 | 0011…       the host sends a command with a body for the `> ` prompt
//! < \r\n+CSQ: 20,99\r\n      bytes from the modem; escapes: \r \n \\ \xHH (nothing is added)
//! @ 10000                    the clock advances by 10 000 ms and the deadline is checked
//! = response +CSQ: 20,99     an event the session must report, in order (see [`render`])
//! ```
//!
//! `>` and `@` are anchored at the number of modem bytes before them, so the conversation is
//! the same however the modem bytes are chunked.

#[cfg(not(feature = "std"))]
extern crate std;

use std::format;
use std::string::String;
use std::vec::Vec;

use crate::modem::session::{Event, Session, DEFAULT_TIMEOUT, SEND_TIMEOUT};
use crate::time::{Duration, Instant};

/// What the host does at a point of the conversation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Action {
    /// Send a command, with a body for the prompt when `body` is set.
    Send {
        /// The command, without CR.
        cmd: Vec<u8>,
        /// The body sent after the prompt.
        body: Option<Vec<u8>>,
    },
    /// Advance the clock and check the deadline.
    Tick(Duration),
}

/// A parsed trace.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Trace {
    /// Everything the modem sends, concatenated.
    pub modem: Vec<u8>,
    /// The host's actions, each anchored at an offset into `modem`.
    pub actions: Vec<(usize, Action)>,
    /// The events the session must report (rendered by [`render`]), with a last
    /// `wrote …` entry for everything written to the modem.
    pub expected: Vec<String>,
}

/// Decodes the escapes `\r`, `\n`, `\\`, `\xHH` of a trace line.
pub fn unescape(s: &str) -> Vec<u8> {
    let mut out = Vec::new();
    let b = s.as_bytes();
    let mut i = 0;
    while let Some(&c) = b.get(i) {
        if c == b'\\' {
            match b.get(i + 1) {
                Some(b'r') => out.push(b'\r'),
                Some(b'n') => out.push(b'\n'),
                Some(b'\\') => out.push(b'\\'),
                Some(b'x') => {
                    let hex = s.get(i + 2..i + 4).unwrap_or("");
                    out.push(u8::from_str_radix(hex, 16).unwrap_or_else(|_| {
                        panic!("bad \\x escape in trace line {s:?}");
                    }));
                    i += 2;
                }
                _ => panic!("bad escape in trace line {s:?}"),
            }
            i += 2;
        } else {
            out.push(c);
            i += 1;
        }
    }
    out
}

/// Renders bytes as text, escaping everything but printable ASCII.
pub fn escape(bytes: &[u8]) -> String {
    let mut s = String::new();
    for &b in bytes {
        match b {
            b'\r' => s.push_str("\\r"),
            b'\n' => s.push_str("\\n"),
            b'\\' => s.push_str("\\\\"),
            0x20..=0x7e => s.push(char::from(b)),
            _ => s.push_str(&format!("\\x{b:02X}")),
        }
    }
    s
}

/// Parses a trace (see the module documentation). Panics on a malformed line: traces are test
/// data.
pub fn parse(text: &str) -> Trace {
    let mut t = Trace::default();
    for line in text.lines() {
        let (tag, rest) = line.split_at(line.len().min(2));
        match tag {
            "" | "#" => {}
            _ if tag.starts_with('#') => {}
            "< " => t.modem.extend(unescape(rest)),
            "> " => {
                let (cmd, body) = match rest.split_once(" | ") {
                    Some((c, b)) => (c, Some(unescape(b))),
                    None => (rest, None),
                };
                let action = Action::Send {
                    cmd: unescape(cmd),
                    body,
                };
                t.actions.push((t.modem.len(), action));
            }
            "@ " => {
                let ms = rest.trim().parse().expect("`@ MS` takes milliseconds");
                let tick = Action::Tick(Duration::from_millis(ms));
                t.actions.push((t.modem.len(), tick));
            }
            "= " => t.expected.push(String::from(rest)),
            _ => panic!("unknown trace line {line:?}"),
        }
    }
    t
}

/// One line per session event, as `=` lines of a trace write them:
/// `response L`, `done CODE`, `urc KIND L` (`| PDU` appended for `+CMT`/`+CDS`), `prompt`,
/// `unexpected L`, `overflow LEN`, `timeout STAGE`.
pub fn render(ev: Event<'_>) -> String {
    match ev {
        Event::Response(l) => format!("response {}", escape(l)),
        Event::Done { code, .. } => format!("done {code}"),
        Event::Urc { kind, line, pdu } => match pdu {
            Some(p) => format!("urc {kind:?} {} | {}", escape(line), escape(p)),
            None => format!("urc {kind:?} {}", escape(line)),
        },
        Event::Prompt => String::from("prompt"),
        Event::Unexpected(l) => format!("unexpected {}", escape(l)),
        Event::Overflow { len, .. } => format!("overflow {len}"),
        Event::TimedOut(stage) => format!("timeout {stage:?}"),
    }
}

/// Plays `trace` through a fresh session, the modem bytes given as `chunks` (their
/// concatenation must be `trace.modem`), and returns the rendered events followed by one
/// `wrote …` entry with everything the session wrote. A refused command is rendered as
/// `refused ERROR`.
pub fn run_session(trace: &Trace, chunks: &[&[u8]]) -> Vec<String> {
    let mut s = Session::new();
    let mut now = Instant::ZERO;
    let mut out = Vec::new();
    let mut wrote = Vec::new();
    let mut actions = trace.actions.iter().peekable();
    let mut offset = 0usize;
    let act = |s: &mut Session, now: &mut Instant, a: &Action, out: &mut Vec<String>| match a {
        Action::Send { cmd, body } => {
            let r = match body {
                Some(b) => s.send_with_body(*now, cmd, b, SEND_TIMEOUT),
                None => s.send(*now, cmd, DEFAULT_TIMEOUT),
            };
            if let Err(e) = r {
                out.push(format!("refused {e}"));
            }
        }
        Action::Tick(d) => {
            *now = now.saturating_add(*d);
            s.handle_timeout(*now, &mut |ev| out.push(render(ev)));
        }
    };
    for chunk in chunks {
        let mut chunk: &[u8] = chunk;
        loop {
            while let Some((_, a)) = actions.next_if(|(at, _)| *at <= offset) {
                act(&mut s, &mut now, a, &mut out);
                drain(&mut s, &mut wrote);
            }
            let until = actions.peek().map_or(usize::MAX, |(at, _)| *at);
            let take = chunk.len().min(until.saturating_sub(offset));
            let (now_part, rest) = chunk.split_at(take);
            s.handle_input_at(now, now_part, &mut |ev| out.push(render(ev)));
            drain(&mut s, &mut wrote);
            offset += take;
            chunk = rest;
            if chunk.is_empty() {
                break;
            }
        }
    }
    for (_, a) in actions {
        act(&mut s, &mut now, a, &mut out);
        drain(&mut s, &mut wrote);
    }
    out.push(format!("wrote {}", escape(&wrote)));
    out
}

fn drain(s: &mut Session, wrote: &mut Vec<u8>) {
    while let Some(bytes) = s.poll_transmit() {
        wrote.extend_from_slice(bytes);
        let n = bytes.len();
        s.transmitted(n);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_round_trip() {
        let raw = b"\r\n> \x1a\\ok\x00";
        assert_eq!(unescape(&escape(raw)), raw);
    }

    #[test]
    fn actions_are_anchored_at_modem_offsets() {
        let t = parse("# x\n< AB\n> AT\n< \\r\n@ 5\n= done OK\n");
        assert_eq!(t.modem, b"AB\r");
        assert_eq!(t.actions.len(), 2);
        assert_eq!(t.actions[0].0, 2);
        assert_eq!(t.actions[1], (3, Action::Tick(Duration::from_millis(5))));
        assert_eq!(t.expected, ["done OK"]);
    }
}
