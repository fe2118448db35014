//! Rate limits: commands per sender per hour, SMS sent per day. Pure state with time passed in,
//! so the host can persist it and tests can drive it.
//!
//! Each limit is a fixed window: the first event after a window has ended opens a new one
//! (an hour or a day long) and events are counted until it ends. Windows are measured on the
//! boot-time clock ([`Instant`]), because a Pi has no real-time clock and no NTP until it
//! connects.
//!
//! **After a reboot** the boot-time clock starts again at zero, so a saved window end means
//! nothing on the new clock. The host stores the kernel's boot id with the counters; on a new
//! boot [`Window::rebased`] keeps each count and gives its window the time it had left when it
//! was saved, starting now. The time the machine was down is not known and counts as zero:
//! a reboot can only make a window last longer, never reset a count, so rebooting (or a reboot
//! loop) is no way around the limits. On a restart within one boot the clock is the same and
//! windows are restored as they were.

use super::number::{Number, NUMBER_CAP};
use super::policy::MAX_ALLOW;
use crate::time::{Duration, Instant};

/// The window of `commands_per_hour`.
pub const HOUR: Duration = Duration::from_secs(3600);
/// The window of `sms_per_day`.
pub const DAY: Duration = Duration::from_secs(86_400);

/// One window per allowed number plus one shared by every unknown sender (so unknown senders,
/// however many, cannot evict anyone's window).
pub const SENDER_SLOTS: usize = MAX_ALLOW + 1;

/// One counting window.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Window {
    /// When the window ends (boot-time clock).
    pub end: Instant,
    /// Events counted in it.
    pub count: u32,
}

impl Window {
    /// Counts `n` events at `now` if they fit under `max`; opens a new window of `len` first
    /// when the current one has ended.
    pub fn take(&mut self, now: Instant, len: Duration, max: u32, n: u32) -> bool {
        if now >= self.end {
            *self = Window {
                end: now.saturating_add(len),
                count: 0,
            };
        }
        match self.count.checked_add(n) {
            Some(total) if total <= max => {
                self.count = total;
                true
            }
            _ => false,
        }
    }

    /// Whether the window is still open at `now`.
    pub fn is_open(&self, now: Instant) -> bool {
        now < self.end
    }

    /// The window as restored after a reboot: it was saved at `saved_at` on the old clock; it
    /// keeps its count and the time it had left, counted from `now` on the new clock.
    pub fn rebased(self, saved_at: Instant, now: Instant) -> Window {
        Window {
            end: now.saturating_add(self.end.saturating_duration_since(saved_at)),
            count: self.count,
        }
    }
}

/// Whose window: an allowed number, or every unknown sender together.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Key {
    /// An allowed sender.
    Number(Number),
    /// All senders not in the allowlist.
    Unknown,
}

impl Key {
    /// The persisted spelling: the canonical number or `*`.
    pub fn as_str(&self) -> &str {
        match self {
            Key::Number(n) => n.as_str(),
            Key::Unknown => "*",
        }
    }

    /// Reads back [`Key::as_str`].
    pub fn parse(s: &str) -> Option<Key> {
        if s == "*" {
            return Some(Key::Unknown);
        }
        if !s.starts_with('+') || s.len() > NUMBER_CAP {
            return None;
        }
        super::number::normalise(s, None).ok().map(Key::Number)
    }
}

/// The limiter's state.
#[derive(Debug, Clone, Default)]
pub struct Limiter {
    senders: heapless::Vec<(Key, Window), SENDER_SLOTS>,
    sms: Window,
}

impl Limiter {
    /// No events counted.
    pub fn new() -> Self {
        Limiter::default()
    }

    /// Counts one command from `key` at `now`; `false` when it is over `per_hour`.
    pub fn take_command(&mut self, key: &Key, now: Instant, per_hour: u32) -> bool {
        if let Some((_, w)) = self.senders.iter_mut().find(|(k, _)| k == key) {
            return w.take(now, HOUR, per_hour, 1);
        }
        // A new key: reuse a slot whose window has ended, else a free one. With the allowlist
        // at most MAX_ALLOW long a slot is always there; if not, refuse (fail closed).
        let mut w = Window::default();
        if !w.take(now, HOUR, per_hour, 1) {
            return false;
        }
        if let Some(slot) = self.senders.iter_mut().find(|(_, old)| !old.is_open(now)) {
            *slot = (key.clone(), w);
            return true;
        }
        self.senders.push((key.clone(), w)).is_ok()
    }

    /// Counts `n` SMS about to be sent at `now`; `false` (and nothing counted) when they would
    /// exceed `per_day`.
    pub fn take_sms(&mut self, now: Instant, per_day: u32, n: u32) -> bool {
        self.sms.take(now, DAY, per_day, n)
    }

    /// The daily SMS window.
    pub fn sms_window(&self) -> Window {
        self.sms
    }

    /// The open sender windows (for persisting).
    pub fn sender_windows(&self) -> impl Iterator<Item = (&Key, Window)> {
        self.senders.iter().map(|(k, w)| (k, *w))
    }

    /// Restores the daily SMS window.
    pub fn set_sms_window(&mut self, w: Window) {
        self.sms = w;
    }

    /// Restores a sender's window; `false` when the table is full.
    pub fn set_sender_window(&mut self, key: Key, w: Window) -> bool {
        if let Some((_, slot)) = self.senders.iter_mut().find(|(k, _)| *k == key) {
            *slot = w;
            return true;
        }
        self.senders.push((key, w)).is_ok()
    }
}
