//! The modem on the host: the std driver that owns the serial port and keeps the modem usable
//! for as long as the daemon runs.
//!
//! [`ModemDriver`] opens the port (the configured path may be a symlink such as
//! `/dev/serial/by-id/…` or `/dev/gsmmodem`; it is resolved again on every open, so a modem
//! that comes back under a new ttyUSB name is found), runs the init sequence, runs the
//! daemon's operations, checks the modem's health after `health_interval` of quiet, and
//! climbs the recovery ladder when the modem stops answering or its port vanishes:
//! re-initialise → `AT+CFUN=1,1` (if `soft_reset`) → `reset_command` → reboot the host after
//! `reboot_host_after` of dead modem (at most once per day, remembered in the state directory)
//! → re-initialise with capped backoff, for ever. The driver never gives up and never exits
//! the process; its log lines in these loops are throttled.
//!
//! It blocks only in [`SerialPort::wait_readable`] until the session's next deadline (or, with
//! no port open, until the ladder's next step), never longer than the caller allows: the
//! daemon calls [`ModemDriver::service`] with its own deadline (the watchdog, the control
//! socket) and gets the URCs that arrived.

mod recover;
mod settings;

use std::collections::VecDeque;
use std::io;

use log::warn;

use crate::at::urc::UrcKind;
use crate::host::serial::{Readiness, SerialPort};
use crate::modem::facts::ModemFacts;
use crate::modem::init::{Init, PinMemory};
use crate::modem::ladder::{Ladder, Step};
use crate::modem::ops::{self, Plain, Single};
use crate::modem::procedure::{drive, Poll, Procedure, Stored};
use crate::modem::session::{Event, Session};
use crate::modem::{HealthTimer, ModemError, ModemHealth, Port};
use crate::throttle::Throttle;
use crate::time::{Duration, Instant};

pub use settings::{boot_now, open_hint, DriverSettings, REBOOT_GUARD_FILE, REBOOT_MIN_INTERVAL};

/// URCs kept for the daemon between two calls; a modem flooding beyond this loses the oldest
/// (the daemon's periodic sweep finds any message whose `+CMTI` was lost).
pub const URC_QUEUE_CAPACITY: usize = 64;

/// Log lines of the recovery loops: at most one per this interval (SD cards wear out).
pub const LOG_INTERVAL: Duration = Duration::from_secs(600);

/// How long the ladder's commands (reset, reboot) may run: under half the systemd watchdog
/// interval (`WatchdogSec=60`), since the loop does not feed the watchdog while one runs.
pub const COMMAND_TIMEOUT: Duration = Duration::from_secs(25);

/// Output of a ladder command kept for the log.
const COMMAND_OUTPUT: usize = 512;

/// How long a health-check `AT` waits.
pub const HEALTH_TIMEOUT: Duration = Duration::from_secs(5);

/// An unsolicited result code, kept for the daemon.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Urc {
    /// Its kind.
    pub kind: UrcKind,
    /// The line (the header, for `+CMT`/`+CDS`).
    pub line: Vec<u8>,
    /// The PDU line of `+CMT`/`+CDS`.
    pub pdu: Option<Vec<u8>>,
}

/// What the driver is doing.
#[derive(Debug)]
enum Phase {
    /// Waiting to take a ladder step at `at`.
    Waiting { step: Step, at: Instant },
    /// After a reset: the modem needs time before it answers.
    Settling { until: Instant },
    /// The init sequence runs.
    Init(Box<Init>),
    /// Ready.
    Up,
    /// A health-check `AT` is in flight.
    Check(Single<Plain>),
    /// `AT+CFUN=1,1` is in flight.
    SoftReset(Single<Plain>),
}

/// The modem driver. See the module documentation.
pub struct ModemDriver {
    settings: DriverSettings,
    port: Option<SerialPort>,
    session: Session,
    phase: Phase,
    facts: ModemFacts,
    pin: PinMemory,
    health: ModemHealth,
    timer: HealthTimer,
    ladder: Ladder,
    urcs: VecDeque<Urc>,
    throttle: Throttle,
    progress: Box<dyn FnMut()>,
    clock: fn() -> Instant,
}

impl std::fmt::Debug for ModemDriver {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ModemDriver")
            .field("port", &self.settings.serial.path)
            .field("phase", &self.phase)
            .field("health", &self.health)
            .finish_non_exhaustive()
    }
}

/// Counts the bytes read through a port, so any word from the modem resets the health timer.
struct Counting<'a, P> {
    port: &'a mut P,
    read: usize,
}

impl<P: Port> Port for Counting<'_, P> {
    type Error = P::Error;
    fn read(&mut self, buf: &mut [u8]) -> nb::Result<usize, P::Error> {
        let n = self.port.read(buf)?;
        self.read = self.read.saturating_add(n);
        Ok(n)
    }
    fn write(&mut self, buf: &[u8]) -> nb::Result<usize, P::Error> {
        self.port.write(buf)
    }
}

impl ModemDriver {
    /// A driver that will open the port and initialise the modem at the first
    /// [`ModemDriver::service`] call. Never fails: a missing modem is the ladder's business.
    pub fn new(settings: DriverSettings) -> ModemDriver {
        ModemDriver::with_clock(settings, boot_now)
    }

    /// [`ModemDriver::new`] with another clock (tests).
    pub fn with_clock(settings: DriverSettings, clock: fn() -> Instant) -> ModemDriver {
        let now = clock();
        let ladder = Ladder::new(settings.ladder);
        let timer = HealthTimer::new(settings.health_interval, now);
        ModemDriver {
            settings,
            port: None,
            session: Session::new(),
            phase: Phase::Waiting {
                step: Step::Reinit,
                at: now,
            },
            facts: ModemFacts::default(),
            pin: PinMemory::default(),
            health: ModemHealth::default(),
            timer,
            ladder,
            urcs: VecDeque::new(),
            throttle: Throttle::new(LOG_INTERVAL),
            progress: Box::new(|| {}),
            clock,
        }
    }

    /// Called whenever the modem loop makes progress (recovery included), to feed the
    /// systemd watchdog.
    pub fn on_progress(&mut self, f: Box<dyn FnMut()>) {
        self.progress = f;
    }

    /// The modem's health, for `STATUS=`.
    pub fn health(&self) -> ModemHealth {
        self.health
    }

    /// What the modem said about itself at the last init (and the network since).
    pub fn facts(&self) -> &ModemFacts {
        &self.facts
    }

    /// Whether the modem is initialised and answering.
    pub fn is_up(&self) -> bool {
        self.health.up
    }

    /// The URCs that arrived since the last call.
    pub fn take_urcs(&mut self) -> impl Iterator<Item = Urc> + '_ {
        self.urcs.drain(..)
    }

    /// Keeps the modem going until `max_wait` has passed, a URC arrives, or the modem goes up
    /// or down: opens, initialises, checks health, recovers. Returns whether it is up.
    pub fn service(&mut self, max_wait: Duration) -> bool {
        let deadline = (self.clock)().saturating_add(max_wait);
        let was_up = self.health.up;
        loop {
            let urcs_before = self.urcs.len();
            let wait_until = self.step(deadline);
            (self.progress)();
            let now = (self.clock)();
            if now >= deadline || self.urcs.len() > urcs_before || self.health.up != was_up {
                return self.health.up;
            }
            if let Some(until) = wait_until {
                self.wait(until.min(deadline));
            }
        }
    }

    /// Waits until the modem is up or `max_wait` has passed.
    pub fn wait_up(&mut self, max_wait: Duration) -> bool {
        let deadline = (self.clock)().saturating_add(max_wait);
        while !self.health.up {
            let now = (self.clock)();
            if now >= deadline {
                break;
            }
            self.service(deadline.saturating_duration_since(now));
        }
        self.health.up
    }

    /// Runs one operation to its end. Fails at once when the modem is not up; a timeout (the
    /// modem stopped answering) or a vanished port starts the recovery ladder.
    pub fn run<T: Procedure>(
        &mut self,
        proc: &mut T,
        found: &mut dyn FnMut(Stored<'_>),
    ) -> Result<T::Output, ModemError> {
        // A health check in flight finishes first.
        while matches!(self.phase, Phase::Check(_)) {
            let now = (self.clock)();
            if let Some(until) = self.step(now) {
                self.wait(until);
            }
        }
        if !self.health.up {
            return Err(self.health.last_error.unwrap_or(ModemError::PortGone));
        }
        loop {
            let now = (self.clock)();
            match self.drive(proc, now, found) {
                Err(e) => {
                    self.port_gone(now, &e);
                    return Err(ModemError::PortGone);
                }
                Ok(Poll::Ready(r)) => {
                    if let Err(e) = &r {
                        if matches!(e, ModemError::Timeout { .. }) {
                            self.failed(now, *e);
                        }
                    }
                    (self.progress)();
                    return r;
                }
                Ok(Poll::Pending(wake)) => {
                    let until = [wake, self.session.poll_timeout()]
                        .into_iter()
                        .flatten()
                        .min()
                        .unwrap_or(now.saturating_add(Duration::from_secs(1)));
                    self.wait(until);
                }
            }
        }
    }

    /// Drives `proc` once; records that the modem was heard, and queues its URCs.
    fn drive<T: Procedure + ?Sized>(
        &mut self,
        proc: &mut T,
        now: Instant,
        found: &mut dyn FnMut(Stored<'_>),
    ) -> io::Result<Poll<T::Output>> {
        let Some(port) = self.port.as_mut() else {
            return Err(io::Error::new(io::ErrorKind::NotConnected, "port not open"));
        };
        let mut counting = Counting { port, read: 0 };
        let urcs = &mut self.urcs;
        let mut other = |ev: &Event<'_>| {
            if let Event::Urc { kind, line, pdu } = ev {
                if urcs.len() >= URC_QUEUE_CAPACITY {
                    urcs.pop_front();
                }
                urcs.push_back(Urc {
                    kind: *kind,
                    line: line.to_vec(),
                    pdu: pdu.map(<[u8]>::to_vec),
                });
            }
        };
        let r = drive(
            &mut counting,
            &mut self.session,
            proc,
            now,
            &mut other,
            found,
        );
        if counting.read > 0 {
            self.timer.heard(now);
        }
        r
    }

    /// Blocks until the port is readable or `until` (without a port: sleeps until then).
    fn wait(&mut self, until: Instant) {
        let now = (self.clock)();
        let timeout = until.saturating_duration_since(now);
        match &self.port {
            Some(port) => match port.wait_readable(timeout) {
                Ok(Readiness::HungUp) => {
                    let e = io::Error::new(io::ErrorKind::BrokenPipe, "the port hung up");
                    self.port_gone(now, &e);
                }
                Ok(_) => {}
                Err(e) => self.port_gone(now, &e),
            },
            None => std::thread::sleep(timeout),
        }
    }

    /// One pass: advances the phase; returns when it next needs to run (`None` = now).
    fn step(&mut self, deadline: Instant) -> Option<Instant> {
        let now = (self.clock)();
        let phase = std::mem::replace(&mut self.phase, Phase::Up);
        match phase {
            Phase::Waiting { step, at } if now < at => {
                self.phase = Phase::Waiting { step, at };
                self.idle_read(now);
                Some(at)
            }
            Phase::Waiting { step, .. } => {
                self.take_step(now, step);
                None
            }
            Phase::Settling { until } if now < until => {
                self.phase = Phase::Settling { until };
                Some(until)
            }
            Phase::Settling { .. } => {
                self.reinit(now);
                None
            }
            Phase::Init(mut init) => match self.drive(&mut *init, now, &mut |_| {}) {
                Err(e) => {
                    self.pin = init.pin_memory();
                    self.facts = init.into_facts();
                    self.port_gone(now, &e);
                    None
                }
                Ok(Poll::Ready(r)) => {
                    self.pin = init.pin_memory();
                    self.facts = init.into_facts();
                    match r {
                        Ok(()) => self.recovered(now),
                        Err(e) => self.failed(now, e),
                    }
                    None
                }
                Ok(Poll::Pending(wake)) => {
                    self.phase = Phase::Init(init);
                    Some(self.next_wake(wake, now))
                }
            },
            Phase::Up => {
                self.phase = Phase::Up;
                self.idle_read(now);
                if self.timer.is_due(now) && self.session.is_idle() {
                    match ops::health_check(self.settings.health_timeout) {
                        Ok(op) => self.phase = Phase::Check(op),
                        Err(e) => self.failed(now, e),
                    }
                    return None;
                }
                Some(self.timer.due().min(deadline))
            }
            Phase::Check(mut op) => match self.drive(&mut op, now, &mut |_| {}) {
                Err(e) => {
                    self.port_gone(now, &e);
                    None
                }
                Ok(Poll::Ready(Ok(()))) => {
                    self.timer.heard(now);
                    self.phase = Phase::Up;
                    None
                }
                Ok(Poll::Ready(Err(e))) => {
                    self.failed(now, e);
                    None
                }
                Ok(Poll::Pending(wake)) => {
                    self.phase = Phase::Check(op);
                    Some(self.next_wake(wake, now))
                }
            },
            Phase::SoftReset(mut op) => match self.drive(&mut op, now, &mut |_| {}) {
                Ok(Poll::Pending(wake)) => {
                    self.phase = Phase::SoftReset(op);
                    Some(self.next_wake(wake, now))
                }
                done => {
                    if let Ok(Poll::Ready(Err(e))) = done {
                        warn!("modem: AT+CFUN=1,1: {e}");
                    }
                    self.settle(now, Step::SoftReset);
                    None
                }
            },
        }
    }

    fn next_wake(&self, wake: Option<Instant>, now: Instant) -> Instant {
        [wake, self.session.poll_timeout()]
            .into_iter()
            .flatten()
            .min()
            .unwrap_or(now.saturating_add(Duration::from_secs(1)))
    }

    /// Reads what the modem says while no command is in flight (URCs).
    fn idle_read(&mut self, now: Instant) {
        if self.port.is_none() {
            return;
        }
        let mut idle = Idle;
        if let Err(e) = self.drive(&mut idle, now, &mut |_| {}) {
            self.port_gone(now, &e);
        }
    }
}

/// A procedure that sends nothing: lets [`drive`] read URCs while the modem is idle.
struct Idle;

impl Procedure for Idle {
    type Output = ();
    fn poll(&mut self, _now: Instant, _session: &mut Session) -> Poll<()> {
        Poll::Ready(Ok(()))
    }
    fn handle(&mut self, _now: Instant, _ev: &Event<'_>, _found: &mut dyn FnMut(Stored<'_>)) {}
}

/// Runs one procedure to its end on an open port, outside the driver (for `smsctl probe`, and
/// for commands that talk to the modem themselves when no daemon runs). No recovery: a timeout
/// or a vanished port is returned as the error. URCs are dropped.
pub fn run_once<T: Procedure>(
    port: &mut SerialPort,
    session: &mut Session,
    proc: &mut T,
    found: &mut dyn FnMut(Stored<'_>),
) -> Result<T::Output, ModemError> {
    loop {
        let now = boot_now();
        match drive(port, session, proc, now, &mut |_| {}, found) {
            Err(_) => return Err(ModemError::PortGone),
            Ok(Poll::Ready(r)) => return r,
            Ok(Poll::Pending(wake)) => {
                let until = [wake, session.poll_timeout()]
                    .into_iter()
                    .flatten()
                    .min()
                    .unwrap_or(now.saturating_add(Duration::from_secs(1)));
                match port.wait_readable(until.saturating_duration_since(now)) {
                    Ok(Readiness::HungUp) | Err(_) => return Err(ModemError::PortGone),
                    Ok(_) => {}
                }
            }
        }
    }
}
