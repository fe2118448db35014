//! The automatic disconnect after `connect [minutes]`: a deadline the daemon polls, sans-IO
//! style. `connect` arms it, `disconnect` disarms it, and when it is due the daemon runs the
//! `disconnect` action.

use crate::time::{Duration, Instant};

/// The deadline of the automatic disconnect.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ConnectTimer {
    deadline: Option<Instant>,
}

impl ConnectTimer {
    /// Disarmed.
    pub const fn new() -> Self {
        ConnectTimer { deadline: None }
    }

    /// Arms (or re-arms: a second `connect` replaces the first's deadline) for `minutes`
    /// from `now`.
    pub fn arm(&mut self, now: Instant, minutes: u16) {
        let d = Duration::from_secs(u64::from(minutes).saturating_mul(60));
        self.deadline = Some(now + d);
    }

    /// Disarms.
    pub fn disarm(&mut self) {
        self.deadline = None;
    }

    /// When the daemon must call [`ConnectTimer::handle_timeout`] next, if ever.
    pub fn poll_timeout(&self) -> Option<Instant> {
        self.deadline
    }

    /// `true` (once, and disarmed) when the deadline has come at `now`: time to disconnect.
    pub fn handle_timeout(&mut self, now: Instant) -> bool {
        match self.deadline {
            Some(d) if now >= d => {
                self.deadline = None;
                true
            }
            _ => false,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn arms_fires_once_and_disarms() {
        let mut t = ConnectTimer::new();
        assert_eq!(t.poll_timeout(), None);
        assert!(!t.handle_timeout(Instant::from_secs(1_000_000)));
        t.arm(Instant::from_secs(10), 30);
        assert_eq!(t.poll_timeout(), Some(Instant::from_secs(10 + 1800)));
        assert!(!t.handle_timeout(Instant::from_secs(1809)));
        assert!(t.handle_timeout(Instant::from_secs(1810)));
        assert!(!t.handle_timeout(Instant::from_secs(1811)), "fires once");
        assert_eq!(t.poll_timeout(), None);
        t.arm(Instant::from_secs(0), 5);
        t.arm(Instant::from_secs(60), 1);
        assert_eq!(
            t.poll_timeout(),
            Some(Instant::from_secs(120)),
            "re-arming replaces"
        );
        t.disarm();
        assert!(!t.handle_timeout(Instant::from_secs(10_000)));
    }
}
