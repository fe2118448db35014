//! Message storage (`SM`, `ME`), stored messages and the simulated network clock that stamps
//! every delivered SMS.

use std::collections::HashMap;
use std::fmt;

pub use crate::pdu::Concat;
use crate::pdu::{Coding, Timestamp};
use crate::time::Instant;

/// A message store of the modem (`+CPMS`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mem {
    /// The SIM card.
    Sm,
    /// The modem's own memory.
    Me,
}

impl Mem {
    /// The name in `+CPMS`.
    pub fn name(self) -> &'static str {
        match self {
            Mem::Sm => "SM",
            Mem::Me => "ME",
        }
    }

    /// Parses a `+CPMS` memory name.
    pub fn parse(s: &str) -> Option<Mem> {
        match s.trim().to_ascii_uppercase().as_str() {
            "SM" => Some(Mem::Sm),
            "ME" => Some(Mem::Me),
            _ => None,
        }
    }
}

/// The status of a stored message (3GPP TS 27.005 §3.1 `<stat>`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Status {
    /// 0, `REC UNREAD`.
    RecUnread,
    /// 1, `REC READ`.
    RecRead,
    /// 2, `STO UNSENT`.
    StoUnsent,
    /// 3, `STO SENT`.
    StoSent,
}

impl Status {
    /// The PDU-mode number.
    pub fn code(self) -> u8 {
        match self {
            Status::RecUnread => 0,
            Status::RecRead => 1,
            Status::StoUnsent => 2,
            Status::StoSent => 3,
        }
    }

    /// The text-mode name.
    pub fn text(self) -> &'static str {
        match self {
            Status::RecUnread => "REC UNREAD",
            Status::RecRead => "REC READ",
            Status::StoUnsent => "STO UNSENT",
            Status::StoSent => "STO SENT",
        }
    }
}

/// A service-centre timestamp: local date and time with the zone in quarter hours.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Scts {
    /// Local seconds since 2000-01-01 00:00:00.
    pub secs: u64,
    /// Zone offset in quarter hours east of UTC.
    pub tz_quarters: i8,
}

impl Scts {
    /// Year (0..=99, of 2000), month, day, hour, minute, second.
    pub fn fields(self) -> (u8, u8, u8, u8, u8, u8) {
        let days = self.secs / 86_400;
        let rem = self.secs % 86_400;
        let (y, m, d) = civil_from_days(days);
        (
            (y % 100) as u8,
            m,
            d,
            (rem / 3600) as u8,
            (rem / 60 % 60) as u8,
            (rem % 60) as u8,
        )
    }
}

impl Scts {
    /// The timestamp as the PDU codec writes it.
    pub fn timestamp(self) -> Timestamp {
        let (year, month, day, hour, minute, second) = self.fields();
        Timestamp {
            year: 2000 + u16::from(year),
            month,
            day,
            hour,
            minute,
            second,
            tz_quarters: self.tz_quarters,
        }
    }
}

impl fmt::Display for Scts {
    /// The text-mode form `yy/MM/dd,hh:mm:ss±zz`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let (y, mo, d, h, mi, s) = self.fields();
        let sign = if self.tz_quarters < 0 { '-' } else { '+' };
        write!(
            f,
            "{y:02}/{mo:02}/{d:02},{h:02}:{mi:02}:{s:02}{sign}{:02}",
            self.tz_quarters.unsigned_abs()
        )
    }
}

/// Days since 2000-01-01 to (year, month, day), proleptic Gregorian.
fn civil_from_days(days: u64) -> (u64, u8, u8) {
    // Shift the epoch to 0000-03-01 so leap days fall at the end of a year (Hinnant's method).
    let z = days + 730_425; // days from 0000-03-01 to 2000-01-01
    let era = z / 146_097;
    let doe = z % 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u8;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u8;
    let y = era * 400 + yoe + u64::from(m <= 2);
    (y, m, d)
}

/// The network's clock: the simulated wall time of the service centre. Every delivered SMS gets
/// a fresh timestamp, never two identical ones for one sender.
#[derive(Debug, Clone)]
pub struct NetworkClock {
    /// Local seconds since 2000-01-01 at simulated instant zero.
    start: u64,
    tz_quarters: i8,
    last: HashMap<String, u64>,
}

/// 2024-05-01 10:00:00, in seconds since 2000-01-01.
const DEFAULT_START: u64 = 8887 * 86_400 + 10 * 3600;

impl Default for NetworkClock {
    fn default() -> Self {
        NetworkClock {
            start: DEFAULT_START,
            tz_quarters: 8,
            last: HashMap::new(),
        }
    }
}

impl NetworkClock {
    /// A timestamp for a message from `sender` arriving at `now`, later than any before it.
    pub fn stamp(&mut self, sender: &str, now: Instant) -> Scts {
        let mut secs = self.start.saturating_add(now.as_millis() / 1000);
        if let Some(&last) = self.last.get(sender) {
            secs = secs.max(last.saturating_add(1));
        }
        self.last.insert(sender.to_string(), secs);
        Scts {
            secs,
            tz_quarters: self.tz_quarters,
        }
    }
}

/// What a stored message holds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Body {
    /// A message the simulator built: its fields, encoded on demand.
    Built {
        /// Originating address.
        from: String,
        /// The text of this part.
        text: String,
        /// Service-centre timestamp.
        scts: Scts,
        /// Concatenation header when the message is one part of several.
        concat: Option<Concat>,
        /// GSM 7-bit or UCS-2, chosen for the whole message when it was split.
        coding: Coding,
    },
    /// A PDU given verbatim (`deliver-pdu`), SMSC address included.
    Pdu(Vec<u8>),
}

/// A message in a store.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Stored {
    /// Read/unread/sent status.
    pub status: Status,
    /// The message.
    pub body: Body,
}

/// One message store with a fixed number of slots.
#[derive(Debug, Clone)]
pub struct Store {
    slots: Vec<Option<Stored>>,
    base: u16,
}

impl Store {
    /// A store of `capacity` slots numbered from `base`.
    pub fn new(capacity: u16, base: u16) -> Self {
        Store {
            slots: vec![None; usize::from(capacity)],
            base,
        }
    }

    /// Number of slots.
    pub fn capacity(&self) -> u16 {
        u16::try_from(self.slots.len()).unwrap_or(u16::MAX)
    }

    /// Number of slots in use.
    pub fn used(&self) -> u16 {
        u16::try_from(self.slots.iter().filter(|s| s.is_some()).count()).unwrap_or(u16::MAX)
    }

    /// Whether no slot is free.
    pub fn is_full(&self) -> bool {
        self.slots.iter().all(Option::is_some)
    }

    fn slot_of(&self, index: u16) -> Option<usize> {
        let i = usize::from(index.checked_sub(self.base)?);
        (i < self.slots.len()).then_some(i)
    }

    /// Whether `index` names a slot of this store.
    pub fn in_range(&self, index: u16) -> bool {
        self.slot_of(index).is_some()
    }

    /// Stores `msg` in the first free slot, returning its index; `Err(msg)` when full.
    pub fn put(&mut self, msg: Stored) -> Result<u16, Stored> {
        let Some(i) = self.slots.iter().position(Option::is_none) else {
            return Err(msg);
        };
        if let Some(slot) = self.slots.get_mut(i) {
            *slot = Some(msg);
        }
        let offset = u16::try_from(i).unwrap_or(u16::MAX);
        Ok(self.base.saturating_add(offset))
    }

    /// The message at `index`.
    pub fn get(&self, index: u16) -> Option<&Stored> {
        self.slots.get(self.slot_of(index)?)?.as_ref()
    }

    /// The message at `index`, mutably.
    pub fn get_mut(&mut self, index: u16) -> Option<&mut Stored> {
        let i = self.slot_of(index)?;
        self.slots.get_mut(i)?.as_mut()
    }

    /// Removes the message at `index`; whether there was one.
    pub fn remove(&mut self, index: u16) -> bool {
        match self.slot_of(index).and_then(|i| self.slots.get_mut(i)) {
            Some(slot) => slot.take().is_some(),
            None => false,
        }
    }

    /// Indexes in use, ascending.
    pub fn indexes(&self) -> Vec<u16> {
        self.slots
            .iter()
            .enumerate()
            .filter(|(_, s)| s.is_some())
            .map(|(i, _)| {
                self.base
                    .saturating_add(u16::try_from(i).unwrap_or(u16::MAX))
            })
            .collect()
    }

    /// Removes every message whose status `pred` accepts; how many.
    pub fn remove_where(&mut self, pred: impl Fn(Status) -> bool) -> usize {
        let mut n = 0;
        for slot in &mut self.slots {
            if slot.as_ref().is_some_and(|m| pred(m.status)) {
                *slot = None;
                n += 1;
            }
        }
        n
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn timestamps_are_fresh_per_sender() {
        let mut c = NetworkClock::default();
        let a = c.stamp("+1", Instant::from_millis(100));
        let b = c.stamp("+1", Instant::from_millis(200));
        let other = c.stamp("+2", Instant::from_millis(200));
        assert!(b > a);
        assert_eq!(other.secs, a.secs);
        assert_eq!(a.to_string(), "24/05/01,10:00:00+08");
        assert_eq!(b.to_string(), "24/05/01,10:00:01+08");
    }

    #[test]
    fn civil_dates() {
        assert_eq!(civil_from_days(0), (2000, 1, 1));
        assert_eq!(civil_from_days(59), (2000, 2, 29));
        assert_eq!(civil_from_days(60), (2000, 3, 1));
        assert_eq!(civil_from_days(8887), (2024, 5, 1));
    }

    #[test]
    fn store_indexes_from_base_and_fills() {
        let mut s = Store::new(2, 0);
        let m = Stored {
            status: Status::RecUnread,
            body: Body::Pdu(vec![0]),
        };
        assert_eq!(s.put(m.clone()), Ok(0));
        assert_eq!(s.put(m.clone()), Ok(1));
        assert!(s.is_full());
        assert!(s.put(m.clone()).is_err());
        assert!(s.remove(0));
        assert!(!s.remove(0));
        assert!(!s.in_range(2));
        assert_eq!(s.indexes(), vec![1]);
    }
}
