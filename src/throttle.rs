//! Throttling for log lines in retry loops: an SD card on a Pi wears out, and a journal full of
//! the same "no answer from the modem" line every five seconds hides everything else.
//!
//! A [`Throttle`] lets the first occurrence through, then at most one per interval, and says
//! how many were held back in between so the line that does get logged can say so.

use crate::time::{Duration, Instant};

/// Lets one event through per interval and counts the ones it held back.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Throttle {
    interval: Duration,
    last: Option<Instant>,
    suppressed: u32,
}

impl Throttle {
    /// A throttle letting one event through per `interval`.
    pub const fn new(interval: Duration) -> Self {
        Throttle {
            interval,
            last: None,
            suppressed: 0,
        }
    }

    /// Records an event at `now`. `Some(n)` means "log it", where `n` events were held back
    /// since the last one logged; `None` means "stay quiet".
    pub fn allow(&mut self, now: Instant) -> Option<u32> {
        let due = match self.last {
            None => true,
            Some(last) => now.saturating_duration_since(last) >= self.interval,
        };
        if due {
            self.last = Some(now);
            let held = self.suppressed;
            self.suppressed = 0;
            Some(held)
        } else {
            self.suppressed = self.suppressed.saturating_add(1);
            None
        }
    }

    /// Forgets the history: the next event is logged at once (e.g. after a recovery, so the
    /// next failure is reported promptly).
    pub fn reset(&mut self) {
        self.last = None;
        self.suppressed = 0;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn first_passes_then_one_per_interval_with_held_back_count() {
        let mut t = Throttle::new(Duration::from_secs(60));
        assert_eq!(t.allow(Instant::from_secs(0)), Some(0));
        assert_eq!(t.allow(Instant::from_secs(5)), None);
        assert_eq!(t.allow(Instant::from_secs(59)), None);
        assert_eq!(t.allow(Instant::from_secs(60)), Some(2));
        assert_eq!(t.allow(Instant::from_secs(61)), None);
        t.reset();
        assert_eq!(t.allow(Instant::from_secs(62)), Some(0));
    }
}
