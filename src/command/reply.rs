//! Replies that fit: at most `reply_parts` SMS, GSM 7-bit wherever possible, `...` at the end
//! of a cut reply.
//!
//! The model is a character count, which is what the PDU layer does exactly: a reply whose
//! characters are all in the GSM 7-bit default alphabet (3GPP TS 23.038 §6.2.1, extension
//! characters count two septets) fits 160 septets in one SMS or 153 per part when concatenated
//! (7 septets go to the user-data header); any other reply is UCS-2, 70 UTF-16 units in one SMS
//! or 67 per part. Typographic characters that would force UCS-2 for no reason (smart quotes,
//! `…`, dashes, non-breaking spaces, tabs) are replaced by their ASCII look-alikes first. The
//! daemon hands the shaped text to the PDU splitter, which encodes it and re-checks the part
//! count; the two agree because both count by the same rules.

use super::policy::MAX_REPLY_PARTS;

/// Septets in a single-part SMS.
pub const SEPTETS_SINGLE: usize = crate::pdu::GSM7_SINGLE;
/// Septets per part of a concatenated SMS (160 minus the 6-octet UDH, 7 septets).
pub const SEPTETS_PART: usize = crate::pdu::GSM7_PART;
/// UCS-2 units in a single-part SMS (140 octets / 2).
pub const UCS2_SINGLE: usize = crate::pdu::UCS2_SINGLE;
/// UCS-2 units per part of a concatenated SMS ((140 − 6) / 2).
pub const UCS2_PART: usize = crate::pdu::UCS2_PART;

/// Bytes of UTF-8 a reply can take: per part, GSM text needs at most 2 bytes per septet
/// (basic-table characters are 1 or 2 bytes in UTF-8; `€` is 3 bytes for 2 septets), so
/// 153 × 2 = 306; UCS-2 text at most 3 bytes per unit (a surrogate pair is 4 bytes for 2
/// units), 67 × 3 = 201. A single part can hold 160 septets, 320 bytes, which is below
/// 2 × 306, and a single part of `MAX_REPLY_PARTS` ≥ 2 is covered by the per-part bound.
pub const REPLY_CAP: usize = MAX_REPLY_PARTS as usize * 306;

/// A shaped reply.
pub type Reply = heapless::String<REPLY_CAP>;

/// What cuts a reply: the three dots (not `…`, which is not in the GSM alphabet).
pub const ELLIPSIS: &str = "...";

/// Septets `c` takes in the GSM 7-bit default alphabet with its extension table, or `None`
/// when it is not in it (3GPP TS 23.038 §6.2.1). The PDU codec's own table answers, so reply
/// shaping and encoding can never disagree about a character.
pub fn gsm_septets(c: char) -> Option<usize> {
    crate::pdu::gsm7_septets(c)
}

/// Up to three characters a character is replaced by before counting.
#[derive(Debug, Clone, Copy)]
struct Folded {
    chars: [char; 3],
    len: usize,
}

impl Folded {
    const NONE: Folded = Folded {
        chars: [' '; 3],
        len: 0,
    };
    const fn one(c: char) -> Folded {
        Folded {
            chars: [c, ' ', ' '],
            len: 1,
        }
    }
}

impl IntoIterator for Folded {
    type Item = char;
    type IntoIter = core::iter::Take<core::array::IntoIter<char, 3>>;
    fn into_iter(self) -> Self::IntoIter {
        self.chars.into_iter().take(self.len)
    }
}

/// Replaces characters that would force UCS-2 (or garble a phone's display) by ASCII.
fn fold(c: char) -> Folded {
    match c {
        '\u{2018}' | '\u{2019}' | '\u{201a}' | '\u{201b}' | '\u{2032}' | '`' | '\u{b4}' => {
            Folded::one('\'')
        }
        '\u{201c}' | '\u{201d}' | '\u{201e}' | '\u{201f}' | '\u{2033}' | '\u{ab}' | '\u{bb}' => {
            Folded::one('"')
        }
        '\u{2026}' => Folded {
            chars: ['.'; 3],
            len: 3,
        },
        '\u{2010}'..='\u{2015}' | '\u{2212}' => Folded::one('-'),
        '\t' | '\u{a0}' | '\u{2000}'..='\u{200a}' | '\u{202f}' => Folded::one(' '),
        '\u{2022}' => Folded::one('*'),
        '\n' => Folded::one('\n'),
        // CR (CRLF output), other control characters, zero-width and BOM characters.
        c if c.is_control() => Folded::NONE,
        '\u{200b}'..='\u{200d}' | '\u{feff}' => Folded::NONE,
        c => Folded::one(c),
    }
}

/// The folded characters of `text`.
fn folded(text: &str) -> impl Iterator<Item = char> + Clone + '_ {
    text.chars().flat_map(fold)
}

/// How a text was shaped.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Shaped {
    /// Whether it was cut (and so ends with `...`).
    pub cut: bool,
    /// Whether it needs UCS-2 (some character is not in the GSM alphabet).
    pub ucs2: bool,
    /// How many SMS parts it takes.
    pub parts: usize,
}

/// Fits `text` into at most `parts` SMS (clamped to 1..=[`MAX_REPLY_PARTS`]) into `out`
/// (cleared first): folded to ASCII look-alikes, trimmed, and if too long cut with `...`.
pub fn shape(text: &str, parts: u8, out: &mut Reply) -> Shaped {
    out.clear();
    let parts = usize::from(parts.clamp(1, MAX_REPLY_PARTS));
    let text = text.trim_matches(|c: char| c.is_whitespace() || c.is_control());
    let ucs2 = folded(text).any(|c| gsm_septets(c).is_none());
    let cost = |c: char| -> usize {
        if ucs2 {
            c.len_utf16()
        } else {
            gsm_septets(c).unwrap_or(2)
        }
    };
    let (single, per_part) = if ucs2 {
        (UCS2_SINGLE, UCS2_PART)
    } else {
        (SEPTETS_SINGLE, SEPTETS_PART)
    };
    let total = folded(text).fold(0usize, |n, c| n.saturating_add(cost(c)));
    // A two-unit character (a GSM escape sequence, a UTF-16 surrogate pair) is never split
    // across parts, so a part may end one unit short: with any such character, count parts
    // one unit smaller, and the PDU splitter never needs a part more than counted here.
    let wide = folded(text).any(|c| cost(c) > 1);
    let per_part = per_part.saturating_sub(usize::from(wide));
    let budget = if parts == 1 {
        single
    } else {
        per_part.saturating_mul(parts)
    };
    let cut = total > budget;
    let room = if cut {
        budget.saturating_sub(ELLIPSIS.len())
    } else {
        budget
    };
    let mut used = 0usize;
    for c in folded(text) {
        let next = used.saturating_add(cost(c));
        if next > room || out.push(c).is_err() {
            break;
        }
        used = next;
    }
    if cut {
        // Never end on a dangling space or line break before the dots.
        while out.ends_with(char::is_whitespace) {
            out.pop();
        }
        used = out.chars().fold(0usize, |n, c| n.saturating_add(cost(c)));
        // `room` left space for the dots; `push_str` cannot fail then.
        let _ = out.push_str(ELLIPSIS);
        used = used.saturating_add(ELLIPSIS.len());
    }
    let parts_used = if used <= single {
        1
    } else {
        used.div_ceil(per_part)
    };
    Shaped {
        cut,
        ucs2,
        parts: parts_used,
    }
}
