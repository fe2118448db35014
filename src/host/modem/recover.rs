//! The recovery ladder's steps as the driver performs them: re-initialise (re-opening the
//! port), soft reset, the reset command, the host reboot (remembered in the state directory so
//! it happens at most once a day), and the bookkeeping of failure and recovery.

use std::io;

use log::{info, warn};

use super::settings::{open_hint, wall_secs, REBOOT_MIN_INTERVAL};
use super::{ModemDriver, Phase, COMMAND_OUTPUT};
use crate::host::exec;
use crate::host::serial::SerialPort;
use crate::modem::init::Init;
use crate::modem::ladder::{RebootGuard, Step};
use crate::modem::{ops, HealthTimer, ModemError};
use crate::time::{Duration, Instant};

impl ModemDriver {
    pub(super) fn take_step(&mut self, now: Instant, step: Step) {
        self.health.step = Some(step);
        match step {
            Step::Reinit => self.reinit(now),
            Step::SoftReset => match (
                &self.port,
                ops::soft_reset(self.settings.init.command_timeout),
            ) {
                (Some(_), Ok(op)) => {
                    warn!("modem: recovery: soft reset (AT+CFUN=1,1)");
                    self.session.reset();
                    self.phase = Phase::SoftReset(op);
                }
                _ => self.failed(now, ModemError::PortGone),
            },
            Step::ResetCommand => {
                self.close();
                match self.settings.reset_command.clone() {
                    Some(argv) => {
                        warn!(
                            "modem: recovery: running the reset command `{}`",
                            argv.join(" ")
                        );
                        self.run_command(&argv);
                    }
                    None => warn!("modem: recovery: no reset command configured"),
                }
                self.settle(now, Step::ResetCommand);
            }
            Step::RebootHost => {
                self.close();
                warn!(
                    "modem: recovery: the modem has been dead too long; rebooting the host with `{}`",
                    self.settings.reboot_command.join(" ")
                );
                self.remember_reboot();
                let argv = self.settings.reboot_command.clone();
                self.run_command(&argv);
                self.settle(now, Step::RebootHost);
            }
        }
    }

    pub(super) fn run_command(&mut self, argv: &[String]) {
        (self.progress)();
        let args: Vec<&str> = argv.iter().map(String::as_str).collect();
        let shown = argv.join(" ");
        match exec::run(&args, self.settings.command_timeout, COMMAND_OUTPUT) {
            Ok(r) if r.exit.success() => info!("modem: `{shown}` done"),
            Ok(r) => warn!(
                "modem: `{shown}` failed ({}): {}",
                r.exit,
                String::from_utf8_lossy(&r.output).trim()
            ),
            Err(e) => warn!("modem: `{shown}` could not run: {e}"),
        }
        (self.progress)();
    }

    pub(super) fn settle(&mut self, now: Instant, step: Step) {
        self.close();
        let until = now.saturating_add(self.ladder.settle_after(step));
        self.phase = Phase::Settling { until };
    }

    /// Opens the port if needed and starts the init sequence.
    pub(super) fn reinit(&mut self, now: Instant) {
        if self.port.is_none() {
            match SerialPort::open(&self.settings.serial) {
                Ok(port) => {
                    let path = &self.settings.serial.path;
                    match std::fs::canonicalize(path) {
                        Ok(real) if real != *path => {
                            info!("modem: opened {} ({})", path.display(), real.display())
                        }
                        _ => info!("modem: opened {}", path.display()),
                    }
                    let _ = port.discard_input();
                    self.port = Some(port);
                }
                Err(e) => {
                    let hint = open_hint(&self.settings.serial.path, &e);
                    self.log_down(now, &hint);
                    self.failed(now, ModemError::PortGone);
                    return;
                }
            }
        }
        self.session.reset();
        let mut config = self.settings.init.clone();
        // While the ladder retries, the steps go to debug level: the throttled line says it.
        config.log_steps = config.log_steps && !self.ladder.recovering();
        self.phase = Phase::Init(Box::new(Init::new(config, self.pin)));
    }

    pub(super) fn close(&mut self) {
        self.port = None;
        self.session.reset();
    }

    pub(super) fn port_gone(&mut self, now: Instant, e: &io::Error) {
        if let Phase::Init(init) = &self.phase {
            self.pin = init.pin_memory();
        }
        self.log_down(
            now,
            &format!(
                "the modem's port {} is gone: {e}",
                self.settings.serial.path.display()
            ),
        );
        self.close();
        self.failed(now, ModemError::PortGone);
    }

    pub(super) fn log_down(&mut self, now: Instant, msg: &str) {
        if let Some(held) = self.throttle.allow(now) {
            if held > 0 {
                warn!("modem: {msg} ({held} similar messages suppressed)");
            } else {
                warn!("modem: {msg}");
            }
        }
    }

    pub(super) fn recovered(&mut self, now: Instant) {
        if let Some(since) = self.ladder.dead_since() {
            info!(
                "modem: up again after {} s",
                now.saturating_duration_since(since).as_secs()
            );
        } else {
            info!("modem: ready");
        }
        self.ladder.recovered();
        self.throttle.reset();
        self.timer = HealthTimer::new(self.settings.health_interval, now);
        self.health.up = true;
        self.health.recovering_since = None;
        self.health.step = None;
        self.phase = Phase::Up;
    }

    /// The modem failed: records the error and schedules the ladder's next step.
    pub(super) fn failed(&mut self, now: Instant, e: ModemError) {
        self.health.up = false;
        self.health.last_error = Some(e);
        if e != ModemError::PortGone {
            self.log_down(now, &format!("{e}"));
        }
        if e.is_lasting() {
            // Resets and reboots do not fix a SIM; look again now and then (a person may fix
            // it), without climbing the ladder.
            let at = now.saturating_add(self.settings.ladder.backoff_max);
            self.health.recovering_since.get_or_insert(now);
            self.phase = Phase::Waiting {
                step: Step::Reinit,
                at,
            };
            return;
        }
        let allowed = self.reboot_allowed(now);
        let (step, at) = self.ladder.failed(now, allowed);
        self.health.recovering_since = self.ladder.dead_since();
        self.health.step = Some(step);
        self.phase = Phase::Waiting { step, at };
    }

    pub(super) fn reboot_allowed(&self, now: Instant) -> bool {
        let guard = RebootGuard {
            last_reboot_wall: self.read_guard(),
        };
        let uptime = Duration::from_millis(now.as_millis());
        guard.allowed(wall_secs(), uptime, REBOOT_MIN_INTERVAL)
    }

    pub(super) fn read_guard(&self) -> Option<u64> {
        let path = self.settings.reboot_guard.as_ref()?;
        std::fs::read_to_string(path).ok()?.trim().parse().ok()
    }

    pub(super) fn remember_reboot(&self) {
        let Some(path) = &self.settings.reboot_guard else {
            return;
        };
        let tmp = path.with_extension("tmp");
        let write = std::fs::write(&tmp, format!("{}\n", wall_secs()))
            .and_then(|()| std::fs::rename(&tmp, path));
        if let Err(e) = write {
            warn!("modem: cannot record the reboot in {}: {e}", path.display());
        }
    }
}
