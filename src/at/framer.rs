//! Byte-at-a-time framing of modem output into lines, final result codes, the `> ` prompt and
//! the command echo.
//!
//! The framer is a resumable state machine over one fixed line buffer: it can be fed one byte
//! or any slice at a time, and the events are the same wherever the input was split. It knows
//! nothing about commands: the session arms it when a `> ` prompt ([`Framer::expect_prompt`])
//! or the echo of a command ([`Framer::expect_echo`]) may come next. Unarmed, `> ` is plain
//! text.
//!
//! Line endings seen on real modems are `\r\n`, `\r\r\n` (some Huawei `+CLAC` lines, and every
//! echo followed by an answer), a bare `\n` and a bare `\r` (the echo of a command). So every CR
//! or LF ends a line and empty lines are ignored. NUL bytes (some modems emit them at power-up)
//! are dropped; every other byte is kept in the line. A line longer than [`LINE_CAPACITY`] is
//! cut, reported as [`Event::Overflow`] at its end, and framing resumes with the next line.

use super::result::FinalCode;

/// Capacity of the line buffer, in bytes.
///
/// The longest line smsctl must read whole is a `+CMGR`/`+CMGL` PDU line: at most 12 octets of
/// SMSC address and 164 octets of TPDU, hex-encoded: (12 + 164) × 2 = 352 characters. A verbose
/// `+CME ERROR:` line is under 100 (the longest TS 27.007 text is ~60 characters), a text-mode
/// UCS-2 body of 70 characters is 280, and a `+COPS=?` list of about ten operators fits in 512.
/// 512 keeps a margin of 160 over the PDU line; anything longer is reported as an overflow.
pub const LINE_CAPACITY: usize = 512;

/// How many leading bytes of an armed echo are compared byte for byte; the rest is compared by
/// length and an FNV-1a hash, so that echoes of any length (a 352-character PDU included) can
/// be recognised without a second line-sized buffer. 32 covers every plain command smsctl sends.
pub const ECHO_PREFIX_CAPACITY: usize = 32;

/// The Ctrl-Z that ends a PDU or text body after the `> ` prompt; an echo may include it.
const CTRL_Z: u8 = 0x1a;

/// What the framer found.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Event<'a> {
    /// A complete line that is not a final result code, without its CR/LF.
    Line(&'a [u8]),
    /// A final result code; `line` is the whole line (it holds the verbose text of an error).
    Final {
        /// The recognised code.
        code: FinalCode,
        /// The line it came from, without CR/LF.
        line: &'a [u8],
    },
    /// The `> ` prompt of `+CMGS`/`+CMGW` (only when armed by [`Framer::expect_prompt`]).
    Prompt,
    /// The echo of the armed command (only when armed by [`Framer::expect_echo`]).
    Echo,
    /// A line longer than [`LINE_CAPACITY`]: `kept` is its first [`LINE_CAPACITY`] bytes and
    /// `len` its whole length (saturating).
    Overflow {
        /// The beginning of the line that fitted.
        kept: &'a [u8],
        /// How long the line really was.
        len: usize,
    },
}

/// The echo the framer waits for: the command's first bytes, its length and its hash.
#[derive(Debug, Clone, Copy)]
struct EchoMatch {
    prefix: [u8; ECHO_PREFIX_CAPACITY],
    len: usize,
    hash: u32,
}

impl EchoMatch {
    fn new(cmd: &[u8]) -> EchoMatch {
        let cmd = trim_echo(cmd);
        let mut prefix = [0u8; ECHO_PREFIX_CAPACITY];
        for (dst, src) in prefix.iter_mut().zip(cmd) {
            *dst = *src;
        }
        EchoMatch {
            prefix,
            len: cmd.len(),
            hash: fnv1a(cmd),
        }
    }

    fn matches(&self, line: &[u8]) -> bool {
        let line = trim_echo(line);
        let n = self.len.min(ECHO_PREFIX_CAPACITY);
        line.len() == self.len && line.get(..n) == self.prefix.get(..n) && fnv1a(line) == self.hash
    }
}

/// A command as it is echoed: without the trailing CR/LF, Ctrl-Z and spaces.
fn trim_echo(mut s: &[u8]) -> &[u8] {
    while let [rest @ .., last] = s {
        if matches!(*last, b'\r' | b'\n' | b' ' | CTRL_Z) {
            s = rest;
        } else {
            break;
        }
    }
    s
}

/// 32-bit FNV-1a.
fn fnv1a(bytes: &[u8]) -> u32 {
    bytes.iter().fold(0x811c_9dc5u32, |h, &b| {
        (h ^ u32::from(b)).wrapping_mul(0x0100_0193)
    })
}

/// The line framer. See the module documentation.
#[derive(Debug, Clone)]
pub struct Framer {
    buf: [u8; LINE_CAPACITY],
    /// Bytes of the current line seen so far (may exceed the buffer: then it overflowed).
    len: usize,
    prompt_armed: bool,
    /// A prompt was just reported: one space right after it belongs to it.
    after_prompt: bool,
    echo: Option<EchoMatch>,
}

impl Default for Framer {
    fn default() -> Self {
        Framer::new()
    }
}

impl Framer {
    /// A framer at the start of a line, with nothing armed.
    pub const fn new() -> Framer {
        Framer {
            buf: [0; LINE_CAPACITY],
            len: 0,
            prompt_armed: false,
            after_prompt: false,
            echo: None,
        }
    }

    /// Forgets the partial line and everything armed (after the port was re-opened).
    pub fn reset(&mut self) {
        self.len = 0;
        self.prompt_armed = false;
        self.after_prompt = false;
        self.echo = None;
    }

    /// The next `>` at the start of a line is the `+CMGS`/`+CMGW` prompt. Disarmed by the
    /// prompt itself, by a final result code, or by [`Framer::disarm`].
    pub fn expect_prompt(&mut self) {
        self.prompt_armed = true;
    }

    /// The next line equal to `cmd` (ignoring trailing CR, LF, Ctrl-Z and spaces on both sides)
    /// is its echo. Disarmed by the echo itself, by a final result code, or by
    /// [`Framer::disarm`].
    pub fn expect_echo(&mut self, cmd: &[u8]) {
        self.echo = Some(EchoMatch::new(cmd));
    }

    /// Disarms the prompt and the echo.
    pub fn disarm(&mut self) {
        self.prompt_armed = false;
        self.echo = None;
    }

    /// Whether a prompt is armed.
    pub fn prompt_armed(&self) -> bool {
        self.prompt_armed
    }

    /// Whether an echo is armed.
    pub fn echo_armed(&self) -> bool {
        self.echo.is_some()
    }

    /// Takes one byte; returns an event when the byte completes one. The event borrows the
    /// framer's line buffer until the next call.
    pub fn push(&mut self, byte: u8) -> Option<Event<'_>> {
        let after_prompt = core::mem::replace(&mut self.after_prompt, false);
        match byte {
            0 => None,
            b'\r' | b'\n' => self.end_line(),
            b' ' if after_prompt && self.len == 0 => None,
            b'>' if self.prompt_armed && self.len == 0 => {
                self.prompt_armed = false;
                self.after_prompt = true;
                Some(Event::Prompt)
            }
            _ => {
                if let Some(slot) = self.buf.get_mut(self.len) {
                    *slot = byte;
                }
                self.len = self.len.saturating_add(1);
                None
            }
        }
    }

    /// Feeds a slice, calling `on` for every event, in order.
    pub fn feed(&mut self, bytes: &[u8], on: &mut impl FnMut(Event<'_>)) {
        for &b in bytes {
            if let Some(ev) = self.push(b) {
                on(ev);
            }
        }
    }

    fn end_line(&mut self) -> Option<Event<'_>> {
        let len = core::mem::replace(&mut self.len, 0);
        if len == 0 {
            return None;
        }
        if len > LINE_CAPACITY {
            return Some(Event::Overflow {
                kept: &self.buf,
                len,
            });
        }
        let line = self.buf.get(..len).unwrap_or(&[]);
        if let Some(echo) = &self.echo {
            if echo.matches(line) {
                self.echo = None;
                return Some(Event::Echo);
            }
        }
        match FinalCode::parse(line) {
            Some(code) => {
                self.prompt_armed = false;
                self.echo = None;
                Some(Event::Final { code, line })
            }
            None => Some(Event::Line(line)),
        }
    }
}

/// Runs arbitrary bytes through a framer, arming the prompt and an echo now and then as the
/// bytes themselves decide; for fuzzing and property tests. Never panics.
pub fn fuzz_framer(data: &[u8]) {
    let mut framer = Framer::new();
    let mut events = 0usize;
    for (i, &b) in data.iter().enumerate() {
        // Bytes 0xF0..=0xF3 double as arming instructions, so that armed paths are explored.
        match b {
            0xf0 => framer.expect_prompt(),
            0xf1 => framer.expect_echo(data.get(i.saturating_add(1)..).unwrap_or(&[])),
            0xf2 => framer.expect_echo(b"AT"),
            0xf3 => framer.disarm(),
            _ => {}
        }
        if let Some(ev) = framer.push(b) {
            events = events.saturating_add(1);
            if let Event::Overflow { kept, len } = ev {
                debug_assert!(kept.len() == LINE_CAPACITY && len > LINE_CAPACITY);
            }
            if let Event::Line(l) | Event::Final { line: l, .. } = ev {
                debug_assert!(!l.is_empty() && l.len() <= LINE_CAPACITY);
                debug_assert!(!l.contains(&b'\r') && !l.contains(&b'\n') && !l.contains(&0));
            }
        }
    }
    core::hint::black_box(events);
}

#[cfg(test)]
mod tests {
    #[cfg(not(feature = "std"))]
    extern crate std;
    use super::*;
    use crate::at::result::{CmeError, CmsError};
    use std::format;
    use std::string::String;
    use std::vec::Vec;

    fn run(framer: &mut Framer, input: &[u8]) -> Vec<String> {
        let mut out = Vec::new();
        framer.feed(input, &mut |ev| {
            out.push(match ev {
                Event::Line(l) => format!("line {}", String::from_utf8_lossy(l)),
                Event::Final { code, .. } => format!("final {code:?}"),
                Event::Prompt => String::from("prompt"),
                Event::Echo => String::from("echo"),
                Event::Overflow { len, .. } => format!("overflow {len}"),
            })
        });
        out
    }

    #[test]
    fn all_line_endings_frame_the_same() {
        for sep in [&b"\r\n"[..], b"\r\r\n", b"\n", b"\r", b"\n\r"] {
            let mut input = Vec::new();
            for part in [&b"+CSQ: 20,99"[..], b"OK"] {
                input.extend_from_slice(sep);
                input.extend_from_slice(part);
                input.extend_from_slice(sep);
            }
            let mut f = Framer::new();
            assert_eq!(run(&mut f, &input), ["line +CSQ: 20,99", "final Ok"]);
        }
    }

    #[test]
    fn prompt_only_when_armed() {
        let mut f = Framer::new();
        assert_eq!(run(&mut f, b"\r\n> \r\n"), ["line > "]);
        f.expect_prompt();
        assert_eq!(run(&mut f, b"\r\n> "), ["prompt"]);
        assert!(!f.prompt_armed());
        assert_eq!(
            run(&mut f, b"\r\n+CMGS: 7\r\n\r\nOK\r\n"),
            ["line +CMGS: 7", "final Ok"]
        );
    }

    #[test]
    fn error_instead_of_prompt_disarms() {
        let mut f = Framer::new();
        f.expect_prompt();
        assert_eq!(
            run(&mut f, b"\r\n+CMS ERROR: 304\r\n"),
            ["final CmsError(CmsError(304))"]
        );
        assert!(!f.prompt_armed());
    }

    #[test]
    fn echo_recognised_once() {
        let mut f = Framer::new();
        f.expect_echo(b"AT+CSQ\r");
        assert_eq!(
            run(&mut f, b"AT+CSQ\r\r\n+CSQ: 9,99\r\n\r\nOK\r\nAT+CSQ\r"),
            ["echo", "line +CSQ: 9,99", "final Ok", "line AT+CSQ"]
        );
    }

    #[test]
    fn echo_of_long_pdu_with_ctrl_z() {
        let pdu = [b'A'; 352];
        let mut f = Framer::new();
        f.expect_echo(&pdu);
        let mut input = pdu.to_vec();
        input.extend_from_slice(b"\x1a\r\n");
        assert_eq!(run(&mut f, &input), ["echo"]);
        // Same length, one byte different past the prefix: not the echo.
        let mut other = pdu.to_vec();
        other[300] = b'B';
        other.push(b'\r');
        f.expect_echo(&pdu);
        assert_eq!(run(&mut f, &other).len(), 1);
        assert!(f.echo_armed());
    }

    #[test]
    fn overflow_resyncs_at_next_line_end() {
        let mut f = Framer::new();
        let mut input = Vec::new();
        input.extend(core::iter::repeat_n(b'7', LINE_CAPACITY + 10));
        input.extend_from_slice(b"\r\nOK\r\n");
        assert_eq!(run(&mut f, &input), ["overflow 522", "final Ok"]);
    }

    #[test]
    fn nul_and_garbage_never_break_framing() {
        let mut f = Framer::new();
        assert_eq!(
            run(&mut f, b"\0\0\xff\xfe\r\n\0OK\0\r\n"),
            ["line \u{fffd}\u{fffd}", "final Ok"]
        );
    }

    #[test]
    fn verbose_errors_keep_their_line() {
        let mut f = Framer::new();
        let mut got = None;
        f.feed(b"\r\n+CME ERROR: SIM not inserted\r\n", &mut |ev| {
            if let Event::Final { code, line } = ev {
                got = Some((code, String::from_utf8_lossy(line).into_owned()));
            }
        });
        assert_eq!(
            got,
            Some((
                FinalCode::CmeError(CmeError::SIM_NOT_INSERTED),
                String::from("+CME ERROR: SIM not inserted")
            ))
        );
        let _ = CmsError(0);
    }
}
