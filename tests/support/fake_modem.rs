//! A small scripted modem for fast in-memory tests of the modem procedures: it answers each
//! command line through a [`Behaviour`] the test configures, records every command it got,
//! and can go silent or vanish. The full simulated modem (`smsctl::sim`) is used by the
//! over-pty tests; this one makes single behaviours easy to provoke.

use smsctl::modem::procedure::{drive, Poll, Procedure, Stored};
use smsctl::modem::session::{Event, Session};
use smsctl::modem::Port;
use smsctl::time::{Duration, Instant};
use std::collections::VecDeque;

/// How a scripted modem answers. Every field is something a test may change.
#[derive(Debug, Clone)]
pub struct Behaviour {
    pub manufacturer: String,
    /// The PIN the SIM wants, if any; `sim_state` starts as "SIM PIN" then.
    pub pin: Option<String>,
    pub sim_state: String,
    pub pin_tries: u8,
    pub pdu_ok: bool,
    pub ucs2_ok: bool,
    /// The `+CNMI` settings accepted (as "2,1,0,2,0").
    pub cnmi_ok: Vec<String>,
    pub smsc: String,
    /// Commands (prefix) that get no answer at all.
    pub silent: Vec<String>,
    /// Commands (prefix) answered with this many transient `+CMS ERROR: 314` first.
    pub busy: Vec<(String, u32)>,
    /// Storage index base.
    pub base: u32,
    /// Stored messages: (index, stat, pdu hex or text).
    pub stored: Vec<(u32, u8, String)>,
    pub echo: bool,
    pub text_mode: bool,
    /// Answers to `+CMGS` bodies: transient errors first.
    pub send_errors: Vec<u16>,
    pub next_mr: u8,
    pub sent: Vec<String>,
    /// `ATV1` (verbose result codes); `false` = `ATV0`: `OK` is sent as `0\r`, `ERROR` as `4\r`.
    pub verbose: bool,
    /// `ATQ1`: no result codes at all.
    pub quiet: bool,
    /// `AT+CSDH=1`: text-mode headers carry `<tooa>,<length>`.
    pub csdh: bool,
    /// `AT+CSCS="UCS2"` is in effect: stored text bodies are UCS-2 hex (4 per character),
    /// and so is the `+CSCA` number, both ways.
    pub ucs2: bool,
    /// The FIELD.md quirk: `AT+CSMP` clears the service centre.
    pub csmp_clears_smsc: bool,
}

impl Default for Behaviour {
    fn default() -> Self {
        Behaviour {
            manufacturer: "smsctl".into(),
            pin: None,
            sim_state: "READY".into(),
            pin_tries: 3,
            pdu_ok: true,
            ucs2_ok: true,
            cnmi_ok: vec!["2,1,0,2,0".into()],
            smsc: "+359888000888".into(),
            silent: vec![],
            busy: vec![],
            base: 1,
            stored: vec![],
            echo: true,
            text_mode: false,
            send_errors: vec![],
            next_mr: 1,
            sent: vec![],
            verbose: true,
            quiet: false,
            csdh: false,
            ucs2: false,
            csmp_clears_smsc: false,
        }
    }
}

const OK: &str = "\r\nOK\r\n";
const ERROR: &str = "\r\nERROR\r\n";

impl Behaviour {
    pub fn with_pin(pin: &str) -> Self {
        Behaviour {
            pin: Some(pin.into()),
            sim_state: "SIM PIN".into(),
            ..Behaviour::default()
        }
    }

    /// The whole answer to one command line (without its CR); `None` = silence.
    pub fn answer(&mut self, line: &str) -> Option<String> {
        let upper = line.to_ascii_uppercase();
        if self.silent.iter().any(|s| upper.starts_with(s.as_str())) {
            return None;
        }
        for (prefix, n) in self.busy.iter_mut() {
            if upper.starts_with(prefix.as_str()) && *n > 0 {
                *n -= 1;
                return Some("\r\n+CMS ERROR: 314\r\n".into());
            }
        }
        let sim_ready = self.sim_state == "READY";
        let a = match upper.as_str() {
            "AT+CMEE=1" => OK.into(),
            _ if self.basic_settings(&upper) => OK.into(),
            "AT+CGMI" => format!("\r\n{}\r\n{OK}", self.manufacturer),
            "AT+CGMM" => format!("\r\nMODEL-1\r\n{OK}"),
            "AT+CGMR" => format!("\r\nREV-2\r\n{OK}"),
            "AT+CGSN" => format!("\r\n490154203237518\r\n{OK}"),
            "AT+CIMI" if sim_ready => format!("\r\n284011234567890\r\n{OK}"),
            "AT+CIMI" => "\r\n+CME ERROR: 11\r\n".into(),
            "AT+CPIN?" => format!("\r\n+CPIN: {}\r\n{OK}", self.sim_state),
            _ if upper.starts_with("AT+CPIN=") => {
                let given = line.get(9..line.len().saturating_sub(1)).unwrap_or("");
                if self.sim_state != "SIM PIN" {
                    "\r\n+CME ERROR: 3\r\n".into()
                } else if Some(given) == self.pin.as_deref() {
                    self.sim_state = "READY".into();
                    OK.into()
                } else {
                    self.pin_tries = self.pin_tries.saturating_sub(1);
                    if self.pin_tries == 0 {
                        self.sim_state = "SIM PUK".into();
                    }
                    "\r\n+CME ERROR: 16\r\n".into()
                }
            }
            "AT^CURC=0" if self.manufacturer == "huawei" => OK.into(),
            "AT+ZCDRUN=8" | "AT+ZOPRT=5" if self.manufacturer.starts_with("ZTE") => OK.into(),
            "AT+CMGF=0" if self.pdu_ok => {
                self.text_mode = false;
                OK.into()
            }
            "AT+CMGF=1" => {
                self.text_mode = true;
                OK.into()
            }
            "AT+CSCS=\"UCS2\"" if self.ucs2_ok => {
                self.ucs2 = true;
                OK.into()
            }
            "AT+CSDH=1" => {
                self.csdh = true;
                OK.into()
            }
            _ if self.text_mode && upper.starts_with("AT+CMGL=") => {
                let mut s = String::new();
                for (i, st, body) in &self.stored {
                    s += &format!(
                        "\r\n+CMGL: {i},{}\r\n{body}",
                        self.text_fields(*st, body, true)
                    );
                }
                s + "\r\n" + OK
            }
            _ if self.text_mode && upper.starts_with("AT+CMGR=") => {
                let i: u32 = upper[8..].parse().unwrap_or(u32::MAX);
                match self.stored.iter().find(|m| m.0 == i) {
                    Some((_, st, body)) => {
                        format!(
                            "\r\n+CMGR: {}\r\n{body}\r\n{OK}",
                            self.text_fields(*st, body, false)
                        )
                    }
                    None => "\r\n+CMS ERROR: 321\r\n".into(),
                }
            }
            _ if upper.starts_with("AT+CPMS=") => {
                format!(
                    "\r\n+CPMS: {},30,{},30,{},30\r\n{OK}",
                    self.stored.len(),
                    self.stored.len(),
                    self.stored.len()
                )
            }
            _ if upper.starts_with("AT+CNMI=") => {
                let arg = &upper[8..];
                if self.cnmi_ok.iter().any(|c| c == arg) {
                    OK.into()
                } else {
                    "\r\n+CMS ERROR: 303\r\n".into()
                }
            }
            "AT+CSCA?" => {
                let n = if self.ucs2 {
                    self.smsc
                        .chars()
                        .map(|c| format!("{:04X}", c as u32))
                        .collect()
                } else {
                    self.smsc.clone()
                };
                format!("\r\n+CSCA: \"{n}\",145\r\n{OK}")
            }
            _ if upper.starts_with("AT+CSCA=\"") => {
                let n = upper[9..].split('"').next().unwrap_or("");
                self.smsc = if self.ucs2 {
                    (0..n.len() / 4)
                        .map(|i| u32::from_str_radix(&n[i * 4..i * 4 + 4], 16).unwrap())
                        .map(|v| char::from_u32(v).unwrap())
                        .collect()
                } else {
                    n.to_string()
                };
                OK.into()
            }
            _ if upper.starts_with("AT+CSMP=") => {
                if self.csmp_clears_smsc {
                    self.smsc.clear();
                }
                OK.into()
            }
            "AT+CREG?" => format!("\r\n+CREG: 0,1\r\n{OK}"),
            "AT+CSQ" => format!("\r\n+CSQ: 18,99\r\n{OK}"),
            "AT+COPS?" => format!("\r\n+COPS: 0,0,\"A1 BG\",2\r\n{OK}"),
            "AT+CFUN=1,1" => OK.into(),
            _ if upper.starts_with("AT+CMGL=") => {
                let mut s = String::new();
                for (i, st, body) in &self.stored {
                    s += &format!("\r\n+CMGL: {i},{st},,{}\r\n{body}", body.len() / 2 - 1);
                }
                s + "\r\n" + OK
            }
            _ if upper.starts_with("AT+CMGR=") => {
                let i: u32 = upper[8..].parse().unwrap_or(u32::MAX);
                match self.stored.iter().find(|m| m.0 == i) {
                    Some((_, st, body)) => {
                        format!("\r\n+CMGR: {st},,{}\r\n{body}\r\n{OK}", body.len() / 2 - 1)
                    }
                    None => "\r\n+CMS ERROR: 321\r\n".into(),
                }
            }
            _ if upper.starts_with("AT+CMGD=") => {
                let i: u32 = upper[8..].split(',').next().unwrap().parse().unwrap_or(0);
                let before = self.stored.len();
                self.stored.retain(|m| m.0 != i);
                if self.stored.len() < before {
                    OK.into()
                } else {
                    "\r\n+CMS ERROR: 321\r\n".into()
                }
            }
            _ if upper.starts_with("AT+CMGS=") => "\r\n> ".into(),
            _ if self.manufacturer == "huawei" => "\r\nCOMMAND NOT SUPPORT\r\n".into(),
            _ => ERROR.into(),
        };
        Some(a)
    }

    /// The text-mode header fields after the index: status, sender, time stamp, and with
    /// `+CSDH=1` the type of address and the body length (in characters); `+CMGR` has
    /// `<fo>,<pid>,<dcs>,<sca>,<tosca>` between them (TS 27.005 §3.4.3).
    fn text_fields(&self, st: u8, body: &str, list: bool) -> String {
        let status = ["REC UNREAD", "REC READ", "STO UNSENT", "STO SENT"][usize::from(st.min(3))];
        let mut f = format!("\"{status}\",\"+359882505000\",,\"24/11/26,12:00:00+08\"");
        if self.csdh {
            let len = if self.ucs2 {
                body.len() / 4
            } else {
                body.len()
            };
            let middle = if list {
                ""
            } else {
                "4,0,0,\"+359888000888\",145,"
            };
            f += &format!(",145,{middle}{len}");
        }
        f
    }

    /// A line of basic settings only (`AT`, `ATE0`, `ATQ0V1`, `ATE0Q0V1`…): applied, `true`.
    /// They take effect before the line's result code is issued (V.250 §6.2.6: the result of
    /// a line that sets V is issued in the new format).
    fn basic_settings(&mut self, upper: &str) -> bool {
        let Some(rest) = upper.strip_prefix("AT") else {
            return false;
        };
        let b = rest.as_bytes();
        if b.len() % 2 != 0
            || !b
                .chunks(2)
                .all(|c| matches!(c[0], b'E' | b'Q' | b'V') && matches!(c[1], b'0' | b'1'))
        {
            return false;
        }
        for c in b.chunks(2) {
            let on = c[1] == b'1';
            match c[0] {
                b'E' => self.echo = on,
                b'Q' => self.quiet = on,
                _ => self.verbose = on,
            }
        }
        true
    }

    /// An answer as the current `Q`/`V` settings issue it: quiet drops the final result code;
    /// numeric codes replace `\r\nOK\r\n` by `0\r` and `\r\nERROR\r\n` by `4\r`.
    pub fn format(&self, answer: String) -> String {
        let (text, code) = if let Some(t) = answer.strip_suffix(OK) {
            (t, "0\r")
        } else if let Some(t) = answer.strip_suffix(ERROR) {
            (t, "4\r")
        } else {
            return answer;
        };
        if self.quiet {
            text.to_string()
        } else if self.verbose {
            answer
        } else {
            format!("{text}{code}")
        }
    }

    /// The answer to a `+CMGS` body (without its Ctrl-Z).
    pub fn answer_body(&mut self, body: &str) -> String {
        if !self.send_errors.is_empty() {
            let code = self.send_errors.remove(0);
            return format!("\r\n+CMS ERROR: {code}\r\n");
        }
        self.sent.push(body.to_string());
        let mr = self.next_mr;
        self.next_mr = self.next_mr.wrapping_add(1);
        format!("\r\n+CMGS: {mr}\r\n{OK}")
    }
}

/// The scripted modem as a [`Port`].
#[derive(Debug)]
pub struct FakeModem {
    pub b: Behaviour,
    /// Every command line received, in order.
    pub got: Vec<String>,
    rx: Vec<u8>,
    out: VecDeque<u8>,
    prompt: bool,
    /// Unsolicited bytes to emit before the next answer.
    pub unsolicited: Vec<u8>,
    pub gone: bool,
}

impl FakeModem {
    pub fn new(b: Behaviour) -> Self {
        FakeModem {
            b,
            got: vec![],
            rx: vec![],
            out: VecDeque::new(),
            prompt: false,
            unsolicited: vec![],
            gone: false,
        }
    }

    /// How many commands started with `prefix`.
    pub fn count(&self, prefix: &str) -> usize {
        self.got.iter().filter(|c| c.starts_with(prefix)).count()
    }

    fn byte(&mut self, b: u8) {
        if self.prompt {
            match b {
                0x1a => {
                    self.prompt = false;
                    let body = String::from_utf8_lossy(&self.rx).into_owned();
                    self.rx.clear();
                    self.got.push(format!("BODY {body}"));
                    let a = self.b.answer_body(&body);
                    self.out.extend(a.bytes());
                }
                0x1b => {
                    self.prompt = false;
                    self.rx.clear();
                    self.out.extend(OK.bytes());
                }
                _ => self.rx.push(b),
            }
            return;
        }
        if self.b.echo {
            self.out.push_back(b);
        }
        if b != b'\r' {
            self.rx.push(b);
            return;
        }
        let line = String::from_utf8_lossy(&self.rx).into_owned();
        self.rx.clear();
        let line = line.trim_start_matches('\x1b').to_string();
        if line.is_empty() {
            return;
        }
        self.got.push(line.clone());
        let u = std::mem::take(&mut self.unsolicited);
        self.out.extend(u);
        if let Some(a) = self.b.answer(&line) {
            let a = self.b.format(a);
            if a.ends_with("> ") {
                self.prompt = true;
            }
            self.out.extend(a.bytes());
        }
    }
}

impl Port for FakeModem {
    type Error = &'static str;

    fn read(&mut self, buf: &mut [u8]) -> nb::Result<usize, &'static str> {
        if self.gone {
            return Err(nb::Error::Other("gone"));
        }
        let mut n = 0;
        while n < buf.len() {
            match self.out.pop_front() {
                Some(b) => {
                    buf[n] = b;
                    n += 1;
                }
                None => break,
            }
        }
        if n == 0 {
            Err(nb::Error::WouldBlock)
        } else {
            Ok(n)
        }
    }

    fn write(&mut self, buf: &[u8]) -> nb::Result<usize, &'static str> {
        if self.gone {
            return Err(nb::Error::Other("gone"));
        }
        for &b in buf {
            self.byte(b);
        }
        Ok(buf.len())
    }
}

/// What a run of a procedure to its end produced.
#[derive(Debug)]
pub struct Run<T> {
    pub result: Result<T, smsctl::modem::ModemError>,
    /// Simulated time when it finished.
    pub end: Instant,
    /// Lines that were not the procedure's (URCs, unexpected).
    pub others: Vec<String>,
    /// Stored messages found, as `index:hex-or-body`.
    pub found: Vec<String>,
}

/// Runs `proc` to its end over `port` with simulated time starting at `start`; time jumps to
/// the next deadline whenever nothing is readable. Panics after a simulated hour.
pub fn run<P: Port, T: Procedure>(
    port: &mut P,
    session: &mut Session,
    proc: &mut T,
    start: Instant,
) -> Run<T::Output>
where
    P::Error: std::fmt::Debug,
{
    run_clocked(port, session, proc, start, |_, _| {})
}

/// [`run`] for a port with a clock of its own (the in-memory simulated modem), set before
/// every drive.
pub fn run_clocked<P: Port, T: Procedure>(
    port: &mut P,
    session: &mut Session,
    proc: &mut T,
    start: Instant,
    mut set_now: impl FnMut(&mut P, Instant),
) -> Run<T::Output>
where
    P::Error: std::fmt::Debug,
{
    let mut now = start;
    let mut others = vec![];
    let mut found = vec![];
    let limit = start + Duration::from_secs(3600);
    loop {
        set_now(port, now);
        let polled = drive(
            port,
            session,
            proc,
            now,
            &mut |ev: &Event<'_>| others.push(format!("{ev:?}")),
            &mut |s: Stored<'_>| found.push(describe(&s)),
        )
        .expect("port gone");
        match polled {
            Poll::Ready(result) => {
                return Run {
                    result,
                    end: now,
                    others,
                    found,
                }
            }
            Poll::Pending(wake) => {
                // Answers of a scripted modem are immediate: read them at the same instant
                // unless nothing was sent; else jump to the next deadline.
                let next = [wake, session.poll_timeout()]
                    .into_iter()
                    .flatten()
                    .min()
                    .unwrap_or(now + Duration::from_millis(10));
                now = now.max(next.min(now + Duration::from_millis(10)));
                assert!(now < limit, "procedure did not finish within an hour");
            }
        }
    }
}

pub fn describe(s: &Stored<'_>) -> String {
    match s {
        Stored::Pdu { index, hex, .. } => format!("{index}:{}", String::from_utf8_lossy(hex)),
        Stored::Text {
            index,
            body,
            broken,
            ..
        } => format!(
            "{index}:{}{}",
            String::from_utf8_lossy(body),
            if *broken { " (broken)" } else { "" }
        ),
    }
}
