//! The modem's health: when to check that it still answers, and the snapshot the daemon shows
//! in `STATUS=`.
//!
//! The check is an `AT` sent only after `health_interval` of quiet: any line from the modem
//! (an answer, a URC) proves it alive, so a busy modem is never disturbed. A check that gets
//! its `OK` counts as progress of the main loop (the systemd watchdog is fed by progress).

use core::fmt;

use crate::modem::error::ModemError;
use crate::modem::ladder::Step;
use crate::time::{Duration, Instant};

/// When the next health check is due.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct HealthTimer {
    interval: Duration,
    last_heard: Instant,
}

impl HealthTimer {
    /// A timer that last heard from the modem at `now`.
    pub fn new(interval: Duration, now: Instant) -> Self {
        HealthTimer {
            interval,
            last_heard: now,
        }
    }

    /// The modem said something at `now`.
    pub fn heard(&mut self, now: Instant) {
        self.last_heard = self.last_heard.max(now);
    }

    /// When the line will have been quiet for the interval.
    pub fn due(&self) -> Instant {
        self.last_heard.saturating_add(self.interval)
    }

    /// Whether a check is due at `now`.
    pub fn is_due(&self, now: Instant) -> bool {
        now >= self.due()
    }

    /// When the modem was last heard.
    pub fn last_heard(&self) -> Instant {
        self.last_heard
    }
}

/// The modem's state for `STATUS=`, `smsctl status` and the logs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct ModemHealth {
    /// Initialised and answering.
    pub up: bool,
    /// Since when it has been down (recovery under way), if it is.
    pub recovering_since: Option<Instant>,
    /// The last error seen, kept after recovery for the record.
    pub last_error: Option<ModemError>,
    /// The recovery step taken last while down.
    pub step: Option<Step>,
}

impl ModemHealth {
    /// The snapshot as one line, with the time spent down measured at `now`.
    pub fn describe(&self, now: Instant) -> Describe<'_> {
        Describe { h: self, now }
    }
}

/// [`ModemHealth::describe`].
#[derive(Debug)]
pub struct Describe<'a> {
    h: &'a ModemHealth,
    now: Instant,
}

fn step_name(step: Step) -> &'static str {
    match step {
        Step::Reinit => "re-initialising",
        Step::SoftReset => "soft reset",
        Step::ResetCommand => "reset command",
        Step::RebootHost => "host reboot",
    }
}

impl fmt::Display for Describe<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let h = self.h;
        if h.up {
            return f.write_str("modem up");
        }
        f.write_str("modem down")?;
        if let Some(since) = h.recovering_since {
            let secs = self.now.saturating_duration_since(since).as_secs();
            write!(f, " for {}m{:02}s", secs / 60, secs % 60)?;
        }
        if let Some(step) = h.step {
            write!(f, " ({})", step_name(step))?;
        }
        if let Some(e) = h.last_error {
            write!(f, ": {e}")?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::string::ToString;

    #[test]
    fn timer_is_due_after_quiet_only() {
        let mut t = HealthTimer::new(Duration::from_secs(60), Instant::from_secs(0));
        assert!(!t.is_due(Instant::from_secs(59)));
        t.heard(Instant::from_secs(50));
        assert!(!t.is_due(Instant::from_secs(100)));
        assert!(t.is_due(Instant::from_secs(110)));
        t.heard(Instant::from_secs(10));
        assert_eq!(t.due(), Instant::from_secs(110));
    }

    #[test]
    fn snapshot_reads_as_one_line() {
        let up = ModemHealth {
            up: true,
            ..ModemHealth::default()
        };
        assert_eq!(up.describe(Instant::ZERO).to_string(), "modem up");
        let down = ModemHealth {
            up: false,
            recovering_since: Some(Instant::from_secs(10)),
            last_error: Some(ModemError::Timeout { cmd: "AT" }),
            step: Some(Step::SoftReset),
        };
        assert_eq!(
            down.describe(Instant::from_secs(135)).to_string(),
            "modem down for 2m05s (soft reset): AT: no answer before the deadline"
        );
    }
}
