//! The initialisation sequence as a state machine over the [`Session`]: one command at a time,
//! each step logged, no heap.
//!
//! 1. Leave a stuck `> ` prompt (ESC then CR; whatever answers, or nothing, is fine).
//! 2. `ATQ0V1` until the modem answers, at most [`InitConfig::probe_tries`] times: the probe
//!    also turns result codes on and verbose, so a modem another program left in `ATQ1`
//!    (quiet) or `ATV0` (numeric `0\r` for `OK`) recovers. V.250 §6.2.6 issues the result of a
//!    line that sets `V1` in the new, verbose form; a unit that still answers it in the old
//!    form (or, having been quiet, not at all) only makes that one probe time out, and the
//!    next one finds it verbose.
//! 3. `ATE0`, `AT+CMEE=1`; identification (`+CGMI`, `+CGMM`, `+CGMR`, `+CGSN`, `+CIMI`) for the
//!    logs and `probe`. These may fail without stopping anything.
//! 4. `AT+CPIN?`: a configured PIN is entered once when the SIM asks — never after a refusal
//!    (three wrong tries lock the SIM; [`PinMemory`] outlives one init). `SIM PUK`, no SIM and
//!    other locks are lasting errors ([`ModemError::is_lasting`]).
//! 5. Vendor set-up by `+CGMI`: Huawei `AT^CURC=0`; ZTE `AT+ZCDRUN=8`, `AT+ZOPRT=5`.
//! 6. `AT+CMGF=0`; when PDU mode is refused (or text is configured), `AT+CMGF=1`,
//!    `AT+CSDH=1` (header with the body length) and `AT+CSCS="UCS2"` — without UCS-2, bodies
//!    holding line breaks are flagged and not trusted later.
//!    With UCS-2: `AT+CSCA?`, then `AT+CSMP=17,167,0,8` so texts go out as UCS-2; a service
//!    centre that the `+CSMP` cleared or changed (a FIELD.md quirk) is restored after step 9.
//! 7. `AT+CPMS` with the configured storage (capacity, use and index base recorded).
//! 8. `AT+CNMI`: `2,1,0,2,0`, `2,1,0,1,0`, `2,1,0,0,0`, `1,1,0,0,0`, the first accepted wins.
//! 9. `AT+CSCA?` (an empty service centre is a warning), then `+CREG?`, `+CSQ`, `+COPS?`,
//!    recorded for status and never a reason to fail.
//!
//! Transient errors (SIM busy at boot…) are retried with capped backoff. A command that times
//! out fails the init (the modem is not answering: the recovery ladder's business), except the
//! ESC of step 1.

mod commands;

use commands::vendor_commands;
use heapless::String;
/// Logs an init step at info level, or at debug level while the recovery ladder retries (so a
/// dead modem does not fill the journal with the same steps every few minutes).
macro_rules! note {
    ($self:expr, $($arg:tt)*) => {
        if $self.config.log_steps { log::info!($($arg)*) } else { log::debug!($($arg)*) }
    };
}

/// Logs a problem at warn level, or at debug level while the recovery ladder retries.
macro_rules! caution {
    ($self:expr, $($arg:tt)*) => {
        if $self.config.log_steps { log::warn!($($arg)*) } else { log::debug!($($arg)*) }
    };
}

mod lines;
mod smsc;
pub use smsc::CSMP_UCS2;

use crate::at::cmd;
use crate::modem::answer::{self, PinAnswer};
use crate::modem::error::ModemError;
use crate::modem::facts::{ModemFacts, SimState, SmsMode, SMSC_CAPACITY};
use crate::modem::procedure::{is_transient, refusal, Outcome, Poll, Procedure, Slot, Stored};
use crate::modem::session::{Event, Session, DEFAULT_TIMEOUT};
use crate::time::{Duration, Instant};

/// Longest SIM PIN: 4 to 8 digits (TS 31.101 / 27.007 `+CPIN`).
pub const PIN_CAPACITY: usize = 8;

/// Longest storage name: `SM`, `ME`, `MT`, `SR` are two letters; 4 leaves room for odd ones.
pub const STORAGE_CAPACITY: usize = 4;

/// The `+CNMI` settings tried in turn: buffer and push `+CMTI` (mode 2, else 1), status reports
/// as `+CDSI` (ds 2), else routed (ds 1), else none.
pub const CNMI_CHOICES: [[u8; 5]; 4] = [
    [2, 1, 0, 2, 0],
    [2, 1, 0, 1, 0],
    [2, 1, 0, 0, 0],
    [1, 1, 0, 0, 0],
];

/// How long the ESC of step 1 waits for an answer (usually none comes).
pub const ESCAPE_TIMEOUT: Duration = Duration::from_millis(500);

/// What the probe of step 2 sends after `AT`: result codes on (`Q0`), verbose (`V1`).
pub const PROBE_SETTINGS: &[u8] = b"Q0V1";

/// How long one probe of step 2 waits.
pub const PROBE_TIMEOUT: Duration = Duration::from_secs(1);

/// How many `AT`s step 2 sends before the modem counts as not answering.
pub const PROBE_TRIES: u8 = 10;

/// How long to let the SIM settle after its PIN was accepted before asking again.
pub const PIN_SETTLE: Duration = Duration::from_millis(500);

/// What the init sequence needs to know.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InitConfig {
    /// The SIM PIN, entered only when the SIM asks.
    pub pin: Option<String<PIN_CAPACITY>>,
    /// Text mode from the start (`modem.mode = "text"`), else PDU with text as the fallback.
    pub text_mode: bool,
    /// The message storage (`SM`).
    pub storage: String<STORAGE_CAPACITY>,
    /// `AT`s before giving up.
    pub probe_tries: u8,
    /// How long one `AT` waits.
    pub probe_timeout: Duration,
    /// How long every other command waits.
    pub command_timeout: Duration,
    /// Log each step at info level (else debug: the driver turns it off while recovering).
    pub log_steps: bool,
}

impl Default for InitConfig {
    fn default() -> Self {
        let mut storage = String::new();
        let _ = storage.push_str("SM");
        InitConfig {
            pin: None,
            text_mode: false,
            storage,
            probe_tries: PROBE_TRIES,
            probe_timeout: PROBE_TIMEOUT,
            command_timeout: DEFAULT_TIMEOUT,
            log_steps: true,
        }
    }
}

/// What must be remembered about the PIN beyond one init, for the process lifetime: once the
/// SIM refused the configured PIN, it is never entered again.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct PinMemory {
    /// The SIM refused the configured PIN.
    pub rejected: bool,
}

/// One step of the sequence.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Step {
    Escape,
    Probe,
    Echo,
    Cmee,
    Cgmi,
    Cgmm,
    Cgmr,
    Cgsn,
    Cimi,
    CpinQuery,
    CpinEnter,
    Vendor(u8),
    CmgfPdu,
    CmgfText,
    Csdh,
    Cscs,
    CscaBefore,
    Csmp,
    Cpms,
    Cnmi(u8),
    Csca,
    CscaRestore,
    Creg,
    Csq,
    Cops,
    Done,
    Failed,
}

/// The init sequence. Drive it as a [`Procedure`]; read [`Init::facts`] afterwards (also
/// after a failure: what was learnt until then is there).
#[derive(Debug, Clone)]
pub struct Init {
    config: InitConfig,
    pin: PinMemory,
    step: Step,
    slot: Slot,
    probes: u8,
    pin_entered: bool,
    pin_answer: Option<PinAnswer>,
    /// The first answer line of an identification command was taken.
    got_line: bool,
    facts: ModemFacts,
    /// The service centre read before `AT+CSMP` (UCS-2 text mode).
    smsc_before: Option<String<SMSC_CAPACITY>>,
}

impl Init {
    /// A fresh sequence. `pin` is what earlier inits of this process learnt about the PIN.
    pub fn new(config: InitConfig, pin: PinMemory) -> Init {
        Init {
            config,
            pin,
            step: Step::Escape,
            slot: Slot::new(),
            probes: 0,
            pin_entered: false,
            pin_answer: None,
            got_line: false,
            facts: ModemFacts::default(),
            smsc_before: None,
        }
    }

    /// What was learnt so far.
    pub fn facts(&self) -> &ModemFacts {
        &self.facts
    }

    /// Takes the facts.
    pub fn into_facts(self) -> ModemFacts {
        self.facts
    }

    /// What to remember about the PIN for the next init.
    pub fn pin_memory(&self) -> PinMemory {
        self.pin
    }

    fn go(&mut self, step: Step) {
        self.step = step;
        self.got_line = false;
        self.slot.next_command();
    }

    fn fail(&mut self, e: ModemError) -> Poll<()> {
        caution!(self, "modem init: {e}");
        self.step = Step::Failed;
        Poll::Ready(Err(e))
    }

    /// Decides what follows the outcome of the current step. `Err` ends the init.
    fn after(&mut self, now: Instant, outcome: Outcome) -> Result<(), ModemError> {
        let label = self.label();
        if let Outcome::Failed(code) = outcome {
            let retry = is_transient(outcome) && !matches!(self.step, Step::Escape | Step::Probe);
            if retry && self.slot.retry_later(now) {
                note!(self, "modem init: {label}: {code}, retrying");
                return Ok(());
            }
        }
        match self.step {
            Step::Escape => {
                note!(self, "modem init: left any pending prompt (ESC)");
                self.go(Step::Probe);
            }
            Step::Probe => match outcome {
                Outcome::TimedOut(_) => {
                    self.probes = self.probes.saturating_add(1);
                    if self.probes >= self.config.probe_tries {
                        return Err(ModemError::NoAnswer { tries: self.probes });
                    }
                }
                _ => {
                    note!(self, "modem init: the modem answers ATQ0V1");
                    self.go(Step::Echo);
                }
            },
            Step::Echo | Step::Cmee | Step::Cgmi | Step::Cgmm | Step::Cgmr | Step::Cgsn => {
                self.optional(label, outcome)?;
                let next = match self.step {
                    Step::Echo => Step::Cmee,
                    Step::Cmee => Step::Cgmi,
                    Step::Cgmi => Step::Cgmm,
                    Step::Cgmm => Step::Cgmr,
                    Step::Cgmr => Step::Cgsn,
                    _ => Step::Cimi,
                };
                if self.step == Step::Cgsn {
                    let f = &self.facts;
                    note!(
                        self,
                        "modem init: {} {} firmware {} IMEI {}",
                        f.manufacturer,
                        f.model,
                        f.firmware,
                        f.imei
                    );
                }
                self.go(next);
            }
            Step::Cimi => {
                // Some SIMs refuse it before the PIN: never a reason to stop.
                if let Outcome::TimedOut(_) = outcome {
                    return Err(refusal(label, outcome));
                }
                self.go(Step::CpinQuery);
            }
            Step::CpinQuery => self.after_cpin_query(now, outcome)?,
            Step::CpinEnter => match outcome {
                Outcome::Ok => {
                    note!(self, "modem init: PIN accepted");
                    self.pin_entered = true;
                    self.go(Step::CpinQuery);
                    self.slot.pause(now, PIN_SETTLE);
                }
                Outcome::TimedOut(_) => return Err(refusal(label, outcome)),
                Outcome::Failed(code) => {
                    caution!(self, "modem init: the SIM refused the PIN ({code}); it will not be entered again");
                    self.pin.rejected = true;
                    self.facts.sim = SimState::PinRequired;
                    return Err(ModemError::PinRejected);
                }
            },
            Step::Vendor(i) => {
                self.optional(label, outcome)?;
                let next = i.saturating_add(1);
                if usize::from(next) < vendor_commands(self.facts.vendor()).len() {
                    self.go(Step::Vendor(next));
                } else {
                    self.go(self.mode_step());
                }
            }
            Step::CmgfPdu => match outcome {
                Outcome::Ok => {
                    note!(self, "modem init: PDU mode");
                    self.facts.mode = SmsMode::Pdu;
                    self.go(Step::Cpms);
                }
                Outcome::TimedOut(_) => return Err(refusal(label, outcome)),
                Outcome::Failed(code) => {
                    caution!(
                        self,
                        "modem init: PDU mode refused ({code}); falling back to text mode"
                    );
                    self.go(Step::CmgfText);
                }
            },
            Step::CmgfText => match outcome {
                Outcome::Ok => self.go(Step::Csdh),
                _ => return Err(refusal(label, outcome)),
            },
            Step::Csdh => {
                // The body length in text-mode headers lets a body with a line break be
                // counted off; without it such a body is only flagged.
                self.optional(label, outcome)?;
                self.go(Step::Cscs);
            }
            Step::Cscs => match outcome {
                Outcome::Ok => {
                    note!(self, "modem init: text mode, UCS2 character set");
                    self.facts.mode = SmsMode::TextUcs2;
                    self.go(Step::CscaBefore);
                }
                Outcome::TimedOut(_) => return Err(refusal(label, outcome)),
                Outcome::Failed(code) => {
                    caution!(
                        self,
                        "modem init: text mode without UCS2 ({code}): messages with line breaks \
                         will be rejected"
                    );
                    self.facts.mode = SmsMode::TextPlain;
                    self.go(Step::Cpms);
                }
            },
            Step::CscaBefore => self.after_csca_before(outcome)?,
            Step::Csmp => self.after_csmp(outcome)?,
            Step::CscaRestore => self.after_csca_restore(outcome)?,
            Step::Cpms => {
                self.optional(label, outcome)?;
                match &self.facts.storage {
                    Some(s) => note!(
                        self,
                        "modem init: storage {} holds {} of {} (first index {})",
                        s.name,
                        s.used,
                        s.total,
                        s.index_base
                    ),
                    None => caution!(self, "modem init: storage {} not set", self.config.storage),
                }
                self.go(Step::Cnmi(0));
            }
            Step::Cnmi(i) => {
                match outcome {
                    Outcome::Ok => {
                        let choice = CNMI_CHOICES.get(usize::from(i)).copied();
                        if let Some([a, b, c, d, e]) = choice {
                            note!(self, "modem init: new messages announced with AT+CNMI={a},{b},{c},{d},{e}");
                        }
                        self.facts.cnmi = choice;
                        self.go(Step::Csca);
                    }
                    Outcome::TimedOut(_) => return Err(refusal(label, outcome)),
                    Outcome::Failed(_) => {
                        let next = i.saturating_add(1);
                        if usize::from(next) < CNMI_CHOICES.len() {
                            self.go(Step::Cnmi(next));
                        } else {
                            caution!(self, "modem init: every AT+CNMI setting refused: only sweeps will find messages");
                            self.go(Step::Csca);
                        }
                    }
                }
            }
            Step::Csca => {
                self.optional(label, outcome)?;
                match &self.facts.smsc {
                    Some(n) if n.is_empty() => {
                        caution!(
                            self,
                            "modem init: no SMS service centre set (AT+CSCA): sending will fail"
                        )
                    }
                    Some(n) => note!(self, "modem init: service centre {n}"),
                    None => {}
                }
                if self.smsc_needs_restore() {
                    caution!(
                        self,
                        "modem init: the service centre changed after AT+CSMP; restoring it"
                    );
                    self.go(Step::CscaRestore);
                } else {
                    self.go(Step::Creg);
                }
            }
            Step::Creg | Step::Csq => {
                self.optional(label, outcome)?;
                self.go(if self.step == Step::Creg {
                    Step::Csq
                } else {
                    Step::Cops
                });
            }
            Step::Cops => {
                self.optional(label, outcome)?;
                self.log_network();
                self.go(Step::Done);
            }
            Step::Done | Step::Failed => {}
        }
        Ok(())
    }

    /// A step whose refusal is only logged; a timeout still fails the init.
    fn optional(&mut self, label: &'static str, outcome: Outcome) -> Result<(), ModemError> {
        match outcome {
            Outcome::Ok => Ok(()),
            Outcome::Failed(code) => {
                caution!(self, "modem init: {label}: {code} (continuing)");
                Ok(())
            }
            Outcome::TimedOut(_) => Err(refusal(label, outcome)),
        }
    }

    fn mode_step(&self) -> Step {
        if self.config.text_mode {
            Step::CmgfText
        } else {
            Step::CmgfPdu
        }
    }

    fn after_cpin_query(&mut self, now: Instant, outcome: Outcome) -> Result<(), ModemError> {
        let answer = match outcome {
            Outcome::Ok => self.pin_answer.take(),
            Outcome::Failed(code) => answer::cpin_error(code),
            Outcome::TimedOut(_) => return Err(refusal("AT+CPIN?", outcome)),
        };
        let answer = match answer {
            Some(a) => a,
            None => {
                return Err(match outcome {
                    Outcome::Ok => ModemError::MissingAnswer { cmd: "AT+CPIN?" },
                    other => refusal("AT+CPIN?", other),
                })
            }
        };
        match answer {
            PinAnswer::Ready => {
                self.facts.sim = if self.pin_entered {
                    SimState::Unlocked
                } else {
                    SimState::Ready
                };
                note!(self, "modem init: SIM ready");
                let next = if vendor_commands(self.facts.vendor()).is_empty() {
                    self.mode_step()
                } else {
                    Step::Vendor(0)
                };
                self.go(next);
            }
            PinAnswer::Pin => {
                self.facts.sim = SimState::PinRequired;
                if self.pin_entered || self.pin.rejected {
                    self.pin.rejected = true;
                    return Err(ModemError::PinRejected);
                }
                if self.config.pin.is_none() {
                    return Err(ModemError::PinRequired);
                }
                note!(
                    self,
                    "modem init: the SIM asks for its PIN; entering the configured one"
                );
                self.go(Step::CpinEnter);
            }
            PinAnswer::NotReady => {
                if !self.slot.retry_later(now) {
                    return Err(ModemError::NoSim);
                }
                note!(self, "modem init: SIM not ready yet, asking again");
            }
            PinAnswer::Puk => {
                self.facts.sim = SimState::Puk;
                return Err(ModemError::SimPuk);
            }
            PinAnswer::Missing => {
                self.facts.sim = SimState::Missing;
                return Err(ModemError::NoSim);
            }
            PinAnswer::Locked => {
                self.facts.sim = SimState::Locked;
                return Err(ModemError::SimLocked);
            }
        }
        Ok(())
    }

    fn log_network(&self) {
        let f = &self.facts;
        let reg = f.registration.map(|r| r.status);
        let dbm = f.signal.and_then(|s| s.dbm());
        let op = f.operator.as_ref().map_or("", |o| o.as_str());
        note!(
            self,
            "modem init: done; registration {reg:?}, signal {dbm:?} dBm, operator {op:?}"
        );
    }
}

impl Procedure for Init {
    type Output = ();

    fn poll(&mut self, now: Instant, session: &mut Session) -> Poll<()> {
        loop {
            if let Some(outcome) = self.slot.take() {
                if let Err(e) = self.after(now, outcome) {
                    return self.fail(e);
                }
                continue;
            }
            if let Some(wake) = self.slot.busy(now) {
                return Poll::Pending(wake);
            }
            match self.step {
                Step::Done => return Poll::Ready(Ok(())),
                Step::Failed => return Poll::Ready(Err(ModemError::NoAnswer { tries: 0 })),
                Step::Escape => {
                    // ESC leaves a `> ` prompt; the CR the session adds ends the line.
                    let sent = self
                        .slot
                        .send_unsynced(now, session, &[cmd::ESC], ESCAPE_TIMEOUT);
                    if let Err(e) = sent {
                        return self.fail(e);
                    }
                }
                // The probe may be answered by a late code: it is its own resync.
                Step::Probe => {
                    let sent = self
                        .command()
                        .and_then(|(c, t)| self.slot.send_unsynced(now, session, c.as_bytes(), t));
                    if let Err(e) = sent {
                        return self.fail(e);
                    }
                }
                _ => {
                    let sent = self
                        .command()
                        .and_then(|(c, t)| self.slot.send(now, session, c.as_bytes(), t));
                    if let Err(e) = sent {
                        return self.fail(e);
                    }
                }
            }
            return Poll::Pending(None);
        }
    }

    fn handle(&mut self, _now: Instant, ev: &Event<'_>, _found: &mut dyn FnMut(Stored<'_>)) {
        if self.slot.resyncing() {
            self.slot.on_event(ev);
            return;
        }
        if let Event::Response(line) = ev {
            self.on_line(line);
        }
        self.slot.on_event(ev);
    }
}
