//! Cutting a long text into the parts of a concatenated message (TS 23.040 §9.2.3.24.1).
//!
//! One part alone holds 160 septets (GSM 7-bit) or 70 UTF-16 units (UCS-2). Parts of a
//! concatenated message carry a 6-octet header (8-bit reference), leaving 153 septets
//! (140 octets − 6 = 134 octets = 1072 bits = 153 septets and 1 fill bit) or 67 units
//! (134 / 2). Parts are cut between characters, so an escape pair (an extension character such
//! as `€`) or a surrogate pair (an emoji) is never split: a part may then hold one less.

use super::encode::Coding;
use super::error::PduError;
use super::gsm7;
use super::udh::Concat;

/// Septets of a single-part GSM 7-bit message.
pub const GSM7_SINGLE: usize = 160;
/// Septets of each part of a concatenated GSM 7-bit message.
pub const GSM7_PART: usize = 153;
/// UTF-16 units of a single-part UCS-2 message.
pub const UCS2_SINGLE: usize = 70;
/// UTF-16 units of each part of a concatenated UCS-2 message.
pub const UCS2_PART: usize = 67;
/// Most parts a concatenated message can have (the total is one octet).
pub const MAX_PARTS: usize = 255;

/// One part of a split text: a slice of the original.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Part<'a> {
    /// The text of this part.
    pub text: &'a str,
    /// 1-based part number.
    pub seq: u8,
    /// Number of parts.
    pub total: u8,
}

impl Part<'_> {
    /// The concatenation header for this part with `reference`, or `None` for a single part.
    /// Only the low 8 bits of `reference` are used: the parts are sized for the 6-octet header
    /// of an 8-bit reference (a 16-bit one takes an octet more and would leave only 152
    /// septets or 66 units).
    pub fn concat(&self, reference: u16) -> Option<Concat> {
        (self.total > 1).then_some(Concat {
            reference: reference & 0x00FF,
            total: self.total,
            seq: self.seq,
        })
    }
}

/// The parts of a text, in order. Built by [`split`].
#[derive(Debug, Clone)]
pub struct Parts<'a> {
    rest: &'a str,
    coding: Coding,
    limit: usize,
    seq: u8,
    total: u8,
    done: bool,
}

impl<'a> Parts<'a> {
    /// Number of parts.
    pub fn total(&self) -> u8 {
        self.total
    }

    /// The coding the parts are counted in.
    pub fn coding(&self) -> Coding {
        self.coding
    }
}

/// Units `c` takes in `coding`; `None` when it is not in the GSM alphabet.
fn units(c: char, coding: Coding) -> Option<usize> {
    match coding {
        Coding::Gsm7 => gsm7::encode_char(c).map(|s| s.len()),
        Coding::Ucs2 => Some(c.len_utf16()),
    }
}

/// Byte index where the part starting `text` ends, holding at most `limit` units.
fn cut(text: &str, coding: Coding, limit: usize) -> usize {
    let mut used = 0usize;
    for (i, c) in text.char_indices() {
        let n = units(c, coding).unwrap_or(1);
        if used.saturating_add(n) > limit {
            return i;
        }
        used = used.saturating_add(n);
    }
    text.len()
}

/// Splits `text` for `coding`: one part if it fits 160 septets / 70 units, else parts of
/// 153 / 67. An empty text is one empty part. Fails if a character is not in the GSM alphabet
/// (with [`Coding::Gsm7`]) or more than 255 parts are needed.
pub fn split(text: &str, coding: Coding) -> Result<Parts<'_>, PduError> {
    let total_units = match coding {
        Coding::Gsm7 => {
            gsm7::septet_count(text).map_err(|(at, ch)| PduError::NotGsm7 { at, ch })?
        }
        Coding::Ucs2 => super::ucs2::unit_count(text),
    };
    let (single, part) = match coding {
        Coding::Gsm7 => (GSM7_SINGLE, GSM7_PART),
        Coding::Ucs2 => (UCS2_SINGLE, UCS2_PART),
    };
    let limit = if total_units <= single { single } else { part };
    let mut count = 0usize;
    let mut rest = text;
    loop {
        count = count.saturating_add(1);
        let end = cut(rest, coding, limit);
        rest = rest.get(end..).unwrap_or("");
        if rest.is_empty() || end == 0 {
            break;
        }
    }
    let total = u8::try_from(count)
        .ok()
        .filter(|&t| usize::from(t) <= MAX_PARTS)
        .ok_or(PduError::TooManyParts { parts: count })?;
    Ok(Parts {
        rest: text,
        coding,
        limit,
        seq: 0,
        total,
        done: false,
    })
}

impl<'a> Iterator for Parts<'a> {
    type Item = Part<'a>;

    fn next(&mut self) -> Option<Part<'a>> {
        if self.done {
            return None;
        }
        let end = cut(self.rest, self.coding, self.limit);
        let (text, rest) = self.rest.split_at_checked(end).unwrap_or((self.rest, ""));
        self.rest = rest;
        self.seq = self.seq.saturating_add(1);
        if rest.is_empty() || self.seq >= self.total {
            self.done = true;
        }
        Some(Part {
            text,
            seq: self.seq,
            total: self.total,
        })
    }
}
