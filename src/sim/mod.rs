//! The simulated modem: the DCE side of a USB GSM modem, in memory or on a pty.
//!
//! No real modem exists where the tests run, so every integration test, benchmark and
//! `smsctl simulate` talks to this one. It imitates the modems of the field (`Profile`), lets a
//! test inject the failures those modems show (`Fault`), and takes orders over a small line
//! protocol (`control`) so that a test, or an owner trying a configuration, can deliver SMS and
//! read what was sent.
//!
//! ## Sans-IO
//!
//! [`Sim`] is a state machine like the rest of the core: [`Sim::input`] takes the bytes the host
//! wrote and the current instant, [`Sim::take_output`] hands back the bytes that are due by
//! then, and [`Sim::poll_timeout`] says when something will next be due (a slow answer, the end
//! of a hang, the next `^RSSI` of a Huawei flood). Nothing in it reads a clock or sleeps, so
//! tests drive it with simulated time through [`MemPort`], and the std driver ([`serve`]) runs
//! the same machine on a real pty with a unix control socket.
//!
//! ```
//! use smsctl::sim::{Profile, Sim};
//! use smsctl::time::Instant;
//!
//! let t = Instant::ZERO;
//! let mut sim = Sim::new(Profile::Generic, t);
//! sim.input(t, b"ATE0\r");
//! assert_eq!(sim.take_output(t), b"ATE0\r\r\nOK\r\n");
//! sim.input(t, b"AT+CSQ\r");
//! assert_eq!(sim.take_output(t), b"\r\n+CSQ: 18,99\r\n\r\nOK\r\n");
//! ```

mod control;
mod exec;
mod fault;
mod memport;
mod output;
mod parse;
mod pdumode;
mod profile;
pub mod pty;
pub mod serve;
mod sms;
mod store;
mod text;

pub use control::ControlClient;
pub use fault::{Fault, MAX_REFUSALS};
pub use memport::{MemPort, Unplugged};
pub use profile::Profile;
pub use sms::Delivery;
pub use store::{Body, Concat, Mem, Scts, Status};

use std::collections::VecDeque;

use crate::time::{Duration, Instant};
use output::{End, Fail, Flow, Response};
use store::{NetworkClock, Store};
use text::Charset;

/// Longest command line kept; V.250 asks for at least 40 characters, real modems keep a few
/// hundred, and the longest line smsctl sends (`AT+CMGS=` with nothing after) is short. Bytes
/// beyond are dropped and the line is answered `ERROR`.
const MAX_LINE: usize = 560;

/// Longest `+CMGS` body kept: a PDU of 176 octets is 352 hex digits; text bodies are shorter.
const MAX_BODY: usize = 1024;

/// How often a Huawei stick repeats `^RSSI` while `^CURC` is on.
const FLOOD_INTERVAL: Duration = Duration::from_secs(2);

/// How often a ZTE stick repeats `+ZUSIMR:2`.
const NOISE_INTERVAL: Duration = Duration::from_secs(20);

/// The default service-centre address.
const DEFAULT_SMSC: &str = "+359888000888";

/// Settings that `ATZ`, `AT&F` and a power cycle restore.
#[derive(Debug, Clone)]
struct Settings {
    echo: bool,
    verbose: bool,
    quiet: bool,
    cmee: u8,
    text_mode: bool,
    charset: Charset,
    cnmi: [u8; 5],
    creg: u8,
    cgreg: u8,
    cereg: u8,
    curc: bool,
    /// `+CPMS` memories: read/delete, write/send, receive.
    mems: [Mem; 3],
    cops_format: u8,
}

impl Settings {
    fn power_up(profile: Profile) -> Self {
        Settings {
            echo: true,
            verbose: true,
            quiet: false,
            cmee: 0,
            text_mode: false,
            charset: Charset::Ira,
            cnmi: profile.default_cnmi(),
            creg: 0,
            cgreg: 0,
            cereg: 0,
            curc: profile == Profile::HuaweiE173,
            mems: [Mem::Sm; 3],
            cops_format: 0,
        }
    }
}

/// The SIM's lock state.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Lock {
    Ready,
    Pin { tries: u8 },
    Puk { tries: u8 },
    Blocked,
}

/// What the host is typing after a `> ` prompt.
#[derive(Debug, Clone)]
enum Prompt {
    Text { to: String },
    Pdu { len: usize },
}

/// Output waiting for its time.
#[derive(Debug, Clone)]
struct Chunk {
    due: Instant,
    bytes: Vec<u8>,
}

/// Faults currently armed.
#[derive(Debug, Clone, Default)]
struct Faults {
    hang_until: Option<Instant>,
    garbage: usize,
    drop: usize,
    urc_in_response: bool,
    cms_error: Option<u16>,
    slow: Duration,
    storage_full: bool,
    /// `refuse`: upper-case command prefix and the final line to answer (default `ERROR`).
    refusals: Vec<(String, Option<String>)>,
}

/// One SMS the host sent (`+CMGS`), parts of one concatenated message merged.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Sent {
    /// Destination address as the host gave it.
    pub to: String,
    /// The text, parts joined in order.
    pub text: String,
    /// How many parts arrived.
    pub parts: u8,
    /// When the first part was sent.
    pub time: Instant,
    concat: Option<(u16, u8)>,
    part_texts: Vec<(u8, String)>,
}

/// A message the network holds back while the modem's storage is full.
#[derive(Debug, Clone)]
struct Held {
    body: store::Body,
}

/// The simulated modem. See the module documentation.
#[derive(Debug)]
pub struct Sim {
    profile: Profile,
    pin: Option<String>,
    puk: String,
    lock: Lock,
    set: Settings,
    sm: Store,
    me: Store,
    rx: Vec<u8>,
    rx_overflow: bool,
    prompt: Option<Prompt>,
    body: Vec<u8>,
    out: VecDeque<Chunk>,
    faults: Faults,
    pause: Option<String>,
    held_line: Option<Vec<u8>>,
    backlog: Vec<u8>,
    plugged: bool,
    generation: u32,
    quit: bool,
    sent: Vec<Sent>,
    next_mr: u8,
    next_ref: u8,
    network: VecDeque<Held>,
    memfull_told: bool,
    clock: NetworkClock,
    next_flood: Option<Instant>,
    next_noise: Option<Instant>,
    rssi_phase: u8,
    rng: u64,
    smsc: String,
    zoprt: u8,
    /// A delete freed storage during the current line.
    freed: bool,
    /// Hold the power-up lines until [`Sim::host_present`] (see [`Sim::hold_power_up_lines`]).
    hold_boot: bool,
    /// Power-up lines held for the next host.
    boot: Vec<u8>,
}

impl Sim {
    /// A modem of `profile` powered up at `now`, SIM without PIN.
    pub fn new(profile: Profile, now: Instant) -> Self {
        Sim::with_pin(profile, None, now)
    }

    /// A modem whose SIM asks for `pin` at power-up (the PUK is `12345678`).
    pub fn with_pin(profile: Profile, pin: Option<&str>, now: Instant) -> Self {
        let base = profile.index_base();
        let mut sim = Sim {
            profile,
            pin: pin.map(str::to_string),
            puk: "12345678".to_string(),
            lock: Lock::Ready,
            set: Settings::power_up(profile),
            sm: Store::new(profile.sm_capacity(), base),
            me: Store::new(profile.me_capacity(), base),
            rx: Vec::new(),
            rx_overflow: false,
            prompt: None,
            body: Vec::new(),
            out: VecDeque::new(),
            faults: Faults::default(),
            pause: None,
            held_line: None,
            backlog: Vec::new(),
            plugged: true,
            generation: 0,
            quit: false,
            sent: Vec::new(),
            next_mr: 1,
            next_ref: 1,
            network: VecDeque::new(),
            memfull_told: false,
            clock: NetworkClock::default(),
            next_flood: None,
            next_noise: None,
            rssi_phase: 0,
            rng: 0x9E37_79B9_7F4A_7C15,
            smsc: DEFAULT_SMSC.to_string(),
            zoprt: 5,
            freed: false,
            hold_boot: false,
            boot: Vec::new(),
        };
        sim.power_up(now);
        sim
    }

    /// The profile this modem imitates.
    pub fn profile(&self) -> Profile {
        self.profile
    }

    /// What a power cycle does: settings back to defaults, the SIM locked again if it has a
    /// PIN, the power-up lines, the profile's periodic noise.
    fn power_up(&mut self, now: Instant) {
        self.set = Settings::power_up(self.profile);
        self.lock = if self.pin.is_some() {
            Lock::Pin { tries: 3 }
        } else {
            Lock::Ready
        };
        self.rx.clear();
        self.prompt = None;
        self.body.clear();
        self.held_line = None;
        self.backlog.clear();
        self.next_flood = (self.profile == Profile::HuaweiE173).then(|| now + FLOOD_INTERVAL);
        self.next_noise = (self.profile == Profile::ZteMf190).then(|| now + NOISE_INTERVAL);
        let queued = self.out.len();
        for line in self.profile.power_up_lines() {
            if *line == "+CPIN: READY" && self.lock != Lock::Ready {
                self.urc(now, "+CPIN: SIM PIN");
            } else {
                self.urc(now, line);
            }
        }
        if self.hold_boot {
            for chunk in self.out.drain(queued..) {
                self.boot.extend_from_slice(&chunk.bytes);
            }
        }
    }

    /// From now on, the power-up lines (SIM800's `RDY` … `SMS Ready`) wait for
    /// [`Sim::host_present`] instead of going out at once; the ones already queued too.
    ///
    /// A real modem prints them at power-up whether or not anyone listens, and a host that
    /// opens the port later misses them. On a pty the simulator powers up (at start and on
    /// `replug`) before any host can open the new port, so without this no host would ever
    /// see them; the pty driver holds them and releases them when a host holds the port, as
    /// if the host had opened it just before the modem finished booting.
    pub fn hold_power_up_lines(&mut self) {
        self.hold_boot = true;
        for chunk in self.out.drain(..) {
            self.boot.extend_from_slice(&chunk.bytes);
        }
    }

    /// A host holds the port at `now`: held power-up lines go out before anything else.
    pub fn host_present(&mut self, now: Instant) {
        if !self.boot.is_empty() && self.plugged {
            let bytes = std::mem::take(&mut self.boot);
            self.out.push_front(Chunk { due: now, bytes });
        }
    }

    /// Feeds bytes the host wrote at `now`.
    pub fn input(&mut self, now: Instant, bytes: &[u8]) {
        self.handle_timeout(now);
        if !self.plugged || self.is_hung(now) {
            return;
        }
        for &b in bytes {
            self.input_byte(now, b);
        }
    }

    fn is_hung(&self, now: Instant) -> bool {
        self.faults.hang_until.is_some_and(|t| now < t)
    }

    fn input_byte(&mut self, now: Instant, b: u8) {
        if self.held_line.is_some() {
            self.backlog.push(b);
            return;
        }
        if self.prompt.is_some() {
            self.prompt_byte(now, b);
            return;
        }
        if self.set.echo {
            self.emit_now(now, &[b]);
        }
        match b {
            b'\r' => {
                let line = std::mem::take(&mut self.rx);
                let overflow = std::mem::replace(&mut self.rx_overflow, false);
                self.line_complete(now, &line, overflow);
            }
            b'\n' if self.rx.is_empty() => {}
            0x08 | 0x7f => {
                self.rx.pop();
            }
            b'/' if self.rx.eq_ignore_ascii_case(b"a") => {
                // `A/` repeats the last command on some modems; this one ignores it.
                self.rx.clear();
            }
            _ if self.rx.len() < MAX_LINE => self.rx.push(b),
            _ => self.rx_overflow = true,
        }
    }

    fn prompt_byte(&mut self, now: Instant, b: u8) {
        match b {
            0x1a => {
                if self.set.echo {
                    self.emit_now(now, &[b]);
                }
                let body = std::mem::take(&mut self.body);
                if let Some(prompt) = self.prompt.take() {
                    let resp = self.finish_send(now, &prompt, &body);
                    self.respond(now, resp);
                }
            }
            0x1b => {
                self.prompt = None;
                self.body.clear();
                self.respond(now, Response::ok(Vec::new()));
            }
            b'\r' => {
                if matches!(self.prompt, Some(Prompt::Text { .. })) {
                    self.push_body(b'\n');
                    self.emit_now(now, b"\r\n> ");
                }
            }
            b'\n' => {}
            _ => {
                if self.set.echo {
                    self.emit_now(now, &[b]);
                }
                self.push_body(b);
            }
        }
    }

    fn push_body(&mut self, b: u8) {
        if self.body.len() < MAX_BODY {
            self.body.push(b);
        }
    }

    fn line_complete(&mut self, now: Instant, raw: &[u8], overflow: bool) {
        let Some(start) = raw.windows(2).position(|w| w.eq_ignore_ascii_case(b"AT")) else {
            return;
        };
        let line = String::from_utf8_lossy(raw.get(start..).unwrap_or_default()).into_owned();
        if let Some(pattern) = &self.pause {
            let upper = line.to_ascii_uppercase();
            let rest = upper.get(2..).unwrap_or_default();
            if rest.starts_with(pattern.as_str()) {
                self.held_line = Some(raw.to_vec());
                return;
            }
        }
        if overflow {
            self.respond(now, Response::fail(Vec::new(), Fail::Error));
            return;
        }
        let resp = match parse::parse_line(&line) {
            None => return,
            Some(Err(())) => Response::fail(Vec::new(), Fail::Error),
            Some(Ok(cmds)) => self.run_commands(now, &cmds),
        };
        self.respond(now, resp);
        if std::mem::take(&mut self.freed) {
            self.release_held(now);
        }
    }

    /// The armed refusal whose prefix this command's text starts with, if any.
    fn refusal(&self, cmd: &parse::Cmd) -> Option<usize> {
        if self.faults.refusals.is_empty() {
            return None;
        }
        let extended = !cmd
            .name
            .starts_with(|c: char| c.is_ascii_alphabetic() || c == '&');
        let text = match &cmd.kind {
            parse::Kind::Exec => cmd.name.clone(),
            parse::Kind::Read => format!("{}?", cmd.name),
            parse::Kind::Test => format!("{}=?", cmd.name),
            parse::Kind::Set(v) if extended => format!("{}={v}", cmd.name),
            parse::Kind::Set(v) => format!("{}{v}", cmd.name),
        }
        .to_ascii_uppercase();
        self.faults
            .refusals
            .iter()
            .position(|(prefix, _)| text.starts_with(prefix.as_str()))
    }

    fn run_commands(&mut self, now: Instant, cmds: &[parse::Cmd]) -> Response {
        let mut blocks = Vec::new();
        for cmd in cmds {
            if let Some(i) = self.refusal(cmd) {
                return Response::fail(blocks, Fail::Refused(i));
            }
            let mut info = Vec::new();
            let result = self.exec(now, cmd, &mut info);
            if !info.is_empty() {
                blocks.push(info);
            }
            match result {
                Ok(Flow::Next) => {}
                Ok(Flow::Prompt(p)) => {
                    self.prompt = Some(p);
                    self.body.clear();
                    return Response {
                        blocks,
                        end: End::Prompt,
                    };
                }
                Ok(Flow::Silent) => {
                    return Response {
                        blocks,
                        end: End::None,
                    };
                }
                Err(fail) => return Response::fail(blocks, fail),
            }
        }
        Response::ok(blocks)
    }

    /// Whether the modem is plugged in (false after the `unplug` fault).
    pub fn is_plugged(&self) -> bool {
        self.plugged
    }

    /// Counts re-plugs: a driver that sees it change opens a new pty.
    pub fn generation(&self) -> u32 {
        self.generation
    }

    /// Whether the control protocol asked the simulator to stop.
    pub fn quit_requested(&self) -> bool {
        self.quit
    }

    /// Every SMS sent so far.
    pub fn sent(&self) -> &[Sent] {
        &self.sent
    }

    /// Whether a command line is held by `pause-on`.
    pub fn is_paused(&self) -> bool {
        self.held_line.is_some()
    }
}

/// Runs arbitrary bytes through a simulated modem; for fuzzing. The first byte picks the
/// profile and the clock step; the rest is split at 0xFF: a chunk starting with 0xFE is a
/// control-protocol line, any other chunk is what the host writes. Never panics.
pub fn fuzz_sim(data: &[u8]) {
    let Some((&first, rest)) = data.split_first() else {
        return;
    };
    let profile = Profile::ALL
        .get(usize::from(first % 4))
        .copied()
        .unwrap_or(Profile::Generic);
    let step = Duration::from_millis(u64::from(first / 4) * 50);
    let mut now = Instant::ZERO;
    let mut sim = Sim::new(profile, now);
    for chunk in rest.split(|&b| b == 0xff) {
        match chunk.split_first() {
            Some((0xfe, line)) => {
                let line = String::from_utf8_lossy(line);
                let _ = sim.control(now, &line);
            }
            _ => sim.input(now, chunk),
        }
        now = now + step;
        let _ = sim.take_output(now);
        let _ = sim.poll_timeout();
    }
}
