//! The recovery ladder for a modem that stops answering, as a pure state machine.
//!
//! Cheap modems hang (Huawei sticks above all), fall off the USB bus and come back as something
//! else. The ladder climbs from the gentlest remedy to the strongest, one rung per failed
//! recovery attempt, with time for the modem to settle after each:
//!
//! 1. re-initialise (the init sequence again);
//! 2. soft reset, `AT+CFUN=1,1` — only when configured, because it can bring a Huawei E173 back
//!    as a USB mass-storage device;
//! 3. the configured reset command (e.g. `uhubctl` power-cycling the USB port);
//! 4. reboot the host once the modem has been dead for `reboot_host_after` — at most once per
//!    `reboot_min_interval`, which the caller checks against what it persisted (see
//!    [`RebootGuard`]);
//! 5. then keep re-initialising with capped exponential backoff, for ever: the daemon never
//!    exits because of the modem.
//!
//! The ladder only decides. The caller performs the step and reports the outcome with
//! [`Ladder::recovered`] or [`Ladder::failed`]. Time is passed in.

use crate::time::{Duration, Instant};

/// One remedy on the ladder.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Step {
    /// Run the init sequence again.
    Reinit,
    /// `AT+CFUN=1,1`, then re-initialise after the settle time.
    SoftReset,
    /// Run the configured reset command, then re-initialise after the settle time.
    ResetCommand,
    /// Reboot the host.
    RebootHost,
}

/// What the ladder may use, validated from the configuration.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LadderConfig {
    /// Whether `AT+CFUN=1,1` is allowed.
    pub soft_reset: bool,
    /// Whether a reset command is configured.
    pub reset_command: bool,
    /// Dead this long → reboot the host; `None` = never.
    pub reboot_host_after: Option<Duration>,
    /// How long a modem needs after a reset before it answers (about 30 s seen in the field).
    pub settle: Duration,
    /// The first retry delay of the final backoff phase.
    pub backoff_min: Duration,
    /// The cap of the final backoff phase.
    pub backoff_max: Duration,
}

impl Default for LadderConfig {
    fn default() -> Self {
        LadderConfig {
            soft_reset: false,
            reset_command: false,
            reboot_host_after: None,
            settle: Duration::from_secs(30),
            backoff_min: Duration::from_secs(5),
            backoff_max: Duration::from_secs(300),
        }
    }
}

/// The ladder's state: where we are and since when the modem has been dead.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Ladder {
    config: LadderConfig,
    dead_since: Option<Instant>,
    /// Index of the next rung to try (0 = re-init).
    rung: u8,
    /// Attempts made in the final backoff phase (drives the delay).
    tail_attempts: u32,
    next_at: Option<Instant>,
    reboot_requested: bool,
}

impl Ladder {
    /// A ladder for a healthy modem.
    pub fn new(config: LadderConfig) -> Self {
        Ladder {
            config,
            dead_since: None,
            rung: 0,
            tail_attempts: 0,
            next_at: None,
            reboot_requested: false,
        }
    }

    /// Since when the modem has been dead, if it is.
    pub fn dead_since(&self) -> Option<Instant> {
        self.dead_since
    }

    /// Whether a recovery is under way.
    pub fn recovering(&self) -> bool {
        self.dead_since.is_some()
    }

    /// The modem answered properly again: back to the bottom rung.
    pub fn recovered(&mut self) {
        *self = Ladder::new(self.config);
    }

    /// The modem stopped answering (first failure) or a recovery step did not bring it back.
    /// Returns the step to take and when to take it.
    ///
    /// `reboot_allowed` is the caller's answer to "has the host not been rebooted by us within
    /// the minimum interval?" ([`RebootGuard::allowed`]).
    pub fn failed(&mut self, now: Instant, reboot_allowed: bool) -> (Step, Instant) {
        let dead_since = *self.dead_since.get_or_insert(now);
        let dead_for = now.saturating_duration_since(dead_since);

        if let Some(after) = self.config.reboot_host_after {
            if dead_for >= after && reboot_allowed && !self.reboot_requested {
                self.reboot_requested = true;
                return self.schedule(Step::RebootHost, now);
            }
        }

        loop {
            let rung = self.rung;
            self.rung = self.rung.saturating_add(1);
            match rung {
                0 => return self.schedule(Step::Reinit, now),
                1 if self.config.soft_reset => {
                    return self.schedule(Step::SoftReset, now);
                }
                2 if self.config.reset_command => {
                    return self.schedule(Step::ResetCommand, now);
                }
                1 | 2 => continue,
                _ => {
                    self.rung = 3;
                    let delay = self.tail_delay();
                    self.tail_attempts = self.tail_attempts.saturating_add(1);
                    let at = now.saturating_add(delay);
                    self.next_at = Some(at);
                    return (Step::Reinit, at);
                }
            }
        }
    }

    /// When the caller should next act on the ladder, if a step is pending.
    pub fn poll_timeout(&self) -> Option<Instant> {
        self.next_at
    }

    /// The time a step gets before the modem is probed again: resets need the settle time.
    pub fn settle_after(&self, step: Step) -> Duration {
        match step {
            Step::Reinit | Step::RebootHost => Duration::ZERO,
            Step::SoftReset | Step::ResetCommand => self.config.settle,
        }
    }

    fn schedule(&mut self, step: Step, now: Instant) -> (Step, Instant) {
        self.next_at = Some(now);
        (step, now)
    }

    fn tail_delay(&self) -> Duration {
        let shift = self.tail_attempts.min(16);
        let ms = u64::try_from(self.config.backoff_min.as_millis())
            .unwrap_or(u64::MAX)
            .saturating_mul(1u64 << shift);
        let max = u64::try_from(self.config.backoff_max.as_millis()).unwrap_or(u64::MAX);
        Duration::from_millis(ms.min(max))
    }
}

/// "At most one host reboot per interval", across reboots of a Pi without a real-time clock.
///
/// The caller persists the wall-clock second of the last reboot smsctl asked for. After that
/// reboot the boot-time clock starts again at zero and the wall clock may be anything (a Pi has
/// no RTC; `fake-hwclock` restores the time it last saved), so a reboot is allowed only when
/// either the wall clock shows the interval has passed since the recorded reboot, or this boot
/// alone has been up for the whole interval. A clock that went backwards therefore delays the
/// next reboot; it never allows an early one.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct RebootGuard {
    /// Wall-clock seconds (Unix time) of the last reboot smsctl requested, if any.
    pub last_reboot_wall: Option<u64>,
}

impl RebootGuard {
    /// Whether another host reboot is allowed now.
    pub fn allowed(&self, wall_now: u64, uptime: Duration, min_interval: Duration) -> bool {
        let Some(last) = self.last_reboot_wall else {
            return true;
        };
        let wall_ok = wall_now
            .checked_sub(last)
            .is_some_and(|elapsed| elapsed >= min_interval.as_secs());
        wall_ok || uptime >= min_interval
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn t(s: u64) -> Instant {
        Instant::from_secs(s)
    }

    #[test]
    fn bare_ladder_only_reinitialises_with_capped_backoff() {
        let mut l = Ladder::new(LadderConfig::default());
        assert_eq!(l.failed(t(0), true), (Step::Reinit, t(0)));
        let (s, at) = l.failed(t(1), true);
        assert_eq!((s, at), (Step::Reinit, t(6)));
        let (_, at) = l.failed(t(6), true);
        assert_eq!(at, t(16));
        let mut last = Instant::ZERO;
        for i in 0..40 {
            let now = t(100 + i * 400);
            let (s, at) = l.failed(now, true);
            assert_eq!(s, Step::Reinit);
            assert!(at.saturating_duration_since(now) <= Duration::from_secs(300));
            last = at;
        }
        assert_eq!(l.poll_timeout(), Some(last));
        assert!(l.recovering());
        assert_eq!(l.dead_since(), Some(t(0)));
    }

    #[test]
    fn full_ladder_climbs_in_order_then_reboots_once() {
        let mut l = Ladder::new(LadderConfig {
            soft_reset: true,
            reset_command: true,
            reboot_host_after: Some(Duration::from_secs(3600)),
            ..LadderConfig::default()
        });
        assert_eq!(l.failed(t(0), true).0, Step::Reinit);
        assert_eq!(l.failed(t(10), true).0, Step::SoftReset);
        assert_eq!(l.settle_after(Step::SoftReset), Duration::from_secs(30));
        assert_eq!(l.failed(t(50), true).0, Step::ResetCommand);
        assert_eq!(l.failed(t(90), true).0, Step::Reinit);
        // Not yet an hour dead: no reboot.
        assert_eq!(l.failed(t(3000), true).0, Step::Reinit);
        assert_eq!(l.failed(t(3600), true).0, Step::RebootHost);
        // The reboot did not happen (or the command failed): never asked twice in one run.
        assert_eq!(l.failed(t(3700), true).0, Step::Reinit);
    }

    #[test]
    fn reboot_is_withheld_when_the_guard_forbids_it() {
        let mut l = Ladder::new(LadderConfig {
            reboot_host_after: Some(Duration::from_secs(60)),
            ..LadderConfig::default()
        });
        l.failed(t(0), false);
        assert_eq!(l.failed(t(120), false).0, Step::Reinit);
        assert_eq!(l.failed(t(240), true).0, Step::RebootHost);
    }

    #[test]
    fn recovery_resets_the_ladder() {
        let mut l = Ladder::new(LadderConfig {
            soft_reset: true,
            ..LadderConfig::default()
        });
        l.failed(t(0), true);
        assert_eq!(l.failed(t(1), true).0, Step::SoftReset);
        l.recovered();
        assert!(!l.recovering());
        assert_eq!(l.poll_timeout(), None);
        assert_eq!(l.failed(t(500), true), (Step::Reinit, t(500)));
        assert_eq!(l.dead_since(), Some(t(500)));
    }

    #[test]
    fn reboot_guard_needs_the_interval_by_wall_clock_or_uptime() {
        let day = Duration::from_secs(86_400);
        assert!(RebootGuard::default().allowed(0, Duration::ZERO, day));
        let g = RebootGuard {
            last_reboot_wall: Some(1_000_000),
        };
        assert!(!g.allowed(1_000_000 + 3600, Duration::from_secs(3600), day));
        assert!(g.allowed(1_000_000 + 86_400, Duration::from_secs(60), day));
        // Clock went backwards (no RTC): only a full day of uptime allows it.
        assert!(!g.allowed(5, Duration::from_secs(7200), day));
        assert!(g.allowed(5, day, day));
    }
}
