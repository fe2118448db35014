//! Reassembly of concatenated messages (TS 23.040 §9.2.3.24.1) in a fixed table.
//!
//! Parts are keyed by (sender, reference, total) and may arrive in any order; a part seen
//! before is ignored. When the last part arrives the whole text is returned and the entry freed.
//! Time is passed in: an entry older than the timeout is dropped by [`Reassembly::expire`]
//! with a report; a new message arriving at a full table evicts the oldest entry with a report.

use super::address::Address;
use super::udh::Concat;
use super::userdata::{Text, TEXT_CAPACITY};
use crate::time::{Duration, Instant};

/// Incomplete messages held at once. Only allow-listed owners send commands; one phone sends
/// one multipart message at a time, and network retries interleave at most a few: 4.
pub const REASSEMBLY_ENTRIES: usize = 4;
/// Most parts of a message the table assembles. A command is a line a person types; 8 parts
/// hold 8 × 153 = 1224 GSM 7-bit characters, far beyond any command. Longer messages are
/// reported, not held.
pub const REASSEMBLY_MAX_PARTS: usize = 8;
/// Bytes of a reassembled text: every part at most [`TEXT_CAPACITY`].
pub const MESSAGE_CAPACITY: usize = REASSEMBLY_MAX_PARTS * TEXT_CAPACITY;

/// A reassembled text.
pub type MessageText = heapless::String<MESSAGE_CAPACITY>;

/// A whole message.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Message {
    /// Who sent it.
    pub sender: Address,
    /// The concatenation reference.
    pub reference: u16,
    /// Number of parts.
    pub total: u8,
    /// When the first part arrived.
    pub first_seen: Instant,
    /// The parts' texts, in order.
    pub text: MessageText,
}

/// Why an incomplete message was dropped.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DropReason {
    /// Not complete within the timeout.
    Expired,
    /// The table was full and this was the oldest entry.
    Evicted,
    /// More parts than [`REASSEMBLY_MAX_PARTS`].
    TooManyParts,
    /// A part's text longer than [`TEXT_CAPACITY`].
    PartTooLong,
}

/// A report on a message that will never be whole.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Dropped {
    /// Who sent it.
    pub sender: Address,
    /// The concatenation reference.
    pub reference: u16,
    /// Number of parts announced.
    pub total: u8,
    /// Parts received.
    pub received: u8,
    /// Why.
    pub reason: DropReason,
}

/// What [`Reassembly::add`] did with a part.
// `Complete` carries the whole text by value: no heap in the core, and it is returned once per
// received part, so its size is fine.
#[allow(clippy::large_enum_variant)]
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Added {
    /// That was the last part: here is the whole message.
    Complete(Message),
    /// Stored; more parts are needed. `evicted` reports an entry pushed out to make room.
    Pending {
        /// Parts received so far.
        received: u8,
        /// Parts announced.
        total: u8,
        /// The oldest entry, dropped to make room for this one.
        evicted: Option<Dropped>,
    },
    /// This part was already stored; nothing changed.
    Duplicate,
    /// The part cannot be held (see the reason).
    Rejected(Dropped),
}

#[derive(Debug, Clone)]
struct Entry {
    sender: Address,
    reference: u16,
    total: u8,
    first_seen: Instant,
    parts: heapless::Vec<(u8, Text), REASSEMBLY_MAX_PARTS>,
}

impl Entry {
    fn dropped(&self, reason: DropReason) -> Dropped {
        Dropped {
            sender: self.sender.clone(),
            reference: self.reference,
            total: self.total,
            received: u8::try_from(self.parts.len()).unwrap_or(u8::MAX),
            reason,
        }
    }

    fn matches(&self, sender: &Address, c: &Concat) -> bool {
        self.reference == c.reference && self.total == c.total && self.sender.text == sender.text
    }
}

/// The reassembly table.
#[derive(Debug, Clone)]
pub struct Reassembly {
    entries: heapless::Vec<Entry, REASSEMBLY_ENTRIES>,
    timeout: Duration,
}

impl Reassembly {
    /// An empty table whose incomplete entries expire after `timeout`.
    pub fn new(timeout: Duration) -> Self {
        Reassembly {
            entries: heapless::Vec::new(),
            timeout,
        }
    }

    /// Incomplete messages held.
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// Whether nothing is held.
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// Adds part `concat` of a message from `sender` with the part's `text`, at `now`.
    pub fn add(&mut self, sender: &Address, concat: Concat, text: &str, now: Instant) -> Added {
        let reject = |reason| {
            Added::Rejected(Dropped {
                sender: sender.clone(),
                reference: concat.reference,
                total: concat.total,
                received: 0,
                reason,
            })
        };
        if concat.seq == 0 || concat.seq > concat.total {
            return Added::Duplicate;
        }
        if usize::from(concat.total) > REASSEMBLY_MAX_PARTS {
            return reject(DropReason::TooManyParts);
        }
        let Ok(part) = Text::try_from(text) else {
            return reject(DropReason::PartTooLong);
        };
        let mut evicted = None;
        let index = match self.entries.iter().position(|e| e.matches(sender, &concat)) {
            Some(i) => i,
            None => {
                if self.entries.is_full() {
                    evicted = self.evict_oldest();
                }
                let entry = Entry {
                    sender: sender.clone(),
                    reference: concat.reference,
                    total: concat.total,
                    first_seen: now,
                    parts: heapless::Vec::new(),
                };
                if self.entries.push(entry).is_err() {
                    // Unreachable: a slot was freed above; report rather than panic.
                    return reject(DropReason::Evicted);
                }
                self.entries.len().saturating_sub(1)
            }
        };
        let Some(entry) = self.entries.get_mut(index) else {
            return reject(DropReason::Evicted);
        };
        if entry.parts.iter().any(|(seq, _)| *seq == concat.seq) {
            return Added::Duplicate;
        }
        // `total` ≤ REASSEMBLY_MAX_PARTS and sequence numbers are unique, so this fits.
        if entry.parts.push((concat.seq, part)).is_err() {
            return reject(DropReason::TooManyParts);
        }
        let received = u8::try_from(entry.parts.len()).unwrap_or(u8::MAX);
        if received < entry.total {
            return Added::Pending {
                received,
                total: entry.total,
                evicted,
            };
        }
        let mut entry = self.entries.swap_remove(index);
        entry.parts.sort_unstable_by_key(|(seq, _)| *seq);
        let mut text = MessageText::new();
        for (_, t) in &entry.parts {
            // Fits: at most REASSEMBLY_MAX_PARTS parts of at most TEXT_CAPACITY bytes each.
            let _ = text.push_str(t);
        }
        Added::Complete(Message {
            sender: entry.sender,
            reference: entry.reference,
            total: entry.total,
            first_seen: entry.first_seen,
            text,
        })
    }

    fn evict_oldest(&mut self) -> Option<Dropped> {
        let (i, _) = self
            .entries
            .iter()
            .enumerate()
            .min_by_key(|(_, e)| e.first_seen)?;
        let e = self.entries.swap_remove(i);
        Some(e.dropped(DropReason::Evicted))
    }

    /// Drops one entry whose first part arrived `timeout` or more before `now`, and reports
    /// it; call until it returns `None`.
    pub fn expire(&mut self, now: Instant) -> Option<Dropped> {
        let i = self
            .entries
            .iter()
            .position(|e| now.saturating_duration_since(e.first_seen) >= self.timeout)?;
        let e = self.entries.swap_remove(i);
        Some(e.dropped(DropReason::Expired))
    }

    /// When the next entry expires, if any.
    pub fn poll_timeout(&self) -> Option<Instant> {
        self.entries
            .iter()
            .map(|e| e.first_seen.saturating_add(self.timeout))
            .min()
    }
}
