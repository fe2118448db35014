//! The GSM 7-bit default alphabet and its extension table (TS 23.038 §6.2.1, §6.2.1.1) and the
//! packing of septets into octets (TS 23.038 §6.1.2.1).

/// The escape septet that selects the extension table for the next septet.
pub const ESCAPE: u8 = 0x1B;

/// The default alphabet, indexed by septet. 0x1B (escape) decodes as a space when it is not
/// followed by an extension character (TS 23.038 §6.2.1.1 note 1). `static`, not `const`, so
/// lookups read one table instead of materialising a copy.
static DEFAULT: [char; 128] = DEFAULT_TABLE;
const DEFAULT_TABLE: [char; 128] = [
    '@', '£', '$', '¥', 'è', 'é', 'ù', 'ì', 'ò', 'Ç', '\n', 'Ø', 'ø', '\r', 'Å', 'å', //
    'Δ', '_', 'Φ', 'Γ', 'Λ', 'Ω', 'Π', 'Ψ', 'Σ', 'Θ', 'Ξ', ' ', 'Æ', 'æ', 'ß', 'É', //
    ' ', '!', '"', '#', '¤', '%', '&', '\'', '(', ')', '*', '+', ',', '-', '.', '/', //
    '0', '1', '2', '3', '4', '5', '6', '7', '8', '9', ':', ';', '<', '=', '>', '?', //
    '¡', 'A', 'B', 'C', 'D', 'E', 'F', 'G', 'H', 'I', 'J', 'K', 'L', 'M', 'N', 'O', //
    'P', 'Q', 'R', 'S', 'T', 'U', 'V', 'W', 'X', 'Y', 'Z', 'Ä', 'Ö', 'Ñ', 'Ü', '§', //
    '¿', 'a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'i', 'j', 'k', 'l', 'm', 'n', 'o', //
    'p', 'q', 'r', 's', 't', 'u', 'v', 'w', 'x', 'y', 'z', 'ä', 'ö', 'ñ', 'ü', 'à', //
];

/// The extension table: (septet after escape, character).
static EXTENSION: [(u8, char); 10] = [
    (0x0A, '\u{0C}'), // form feed
    (0x14, '^'),
    (0x28, '{'),
    (0x29, '}'),
    (0x2F, '\\'),
    (0x3C, '['),
    (0x3D, '~'),
    (0x3E, ']'),
    (0x40, '|'),
    (0x65, '€'),
];

/// ASCII → septet, `NONE` where the character is not in the default table.
const NONE: u8 = 0xFF;
static ASCII_TO_SEPTET: [u8; 128] = ascii_table();

// Evaluated at compile time only: an index out of range here is a build error, never a
// run-time panic, so the core's no-panic lints do not apply.
#[allow(clippy::indexing_slicing, clippy::arithmetic_side_effects)]
const fn ascii_table() -> [u8; 128] {
    let mut t = [NONE; 128];
    let mut i = 0;
    while i < 128 {
        let c = DEFAULT_TABLE[i] as u32;
        // 0x1B is the escape, not a character of its own.
        if c < 128 && i != ESCAPE as usize && t[c as usize] == NONE {
            t[c as usize] = i as u8;
        }
        i += 1;
    }
    t
}

/// The character of a default-alphabet septet (the top bit is ignored).
pub fn default_char(septet: u8) -> char {
    DEFAULT
        .get(usize::from(septet & 0x7F))
        .copied()
        .unwrap_or(' ')
}

/// The character of an extension-table septet, if it has one.
pub fn extension_char(septet: u8) -> Option<char> {
    EXTENSION
        .iter()
        .find(|(s, _)| *s == septet & 0x7F)
        .map(|(_, c)| *c)
}

/// How a character is written in GSM 7-bit.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Septets {
    /// One septet of the default table.
    One(u8),
    /// The escape followed by this septet of the extension table.
    Escaped(u8),
}

impl Septets {
    /// 1 or 2.
    pub fn len(self) -> usize {
        match self {
            Septets::One(_) => 1,
            Septets::Escaped(_) => 2,
        }
    }
}

/// How `c` is written in GSM 7-bit, or `None` if it is not in the alphabet.
pub fn encode_char(c: char) -> Option<Septets> {
    if let Some(&s) = ASCII_TO_SEPTET.get(c as usize) {
        if s != NONE {
            return Some(Septets::One(s));
        }
    } else if let Some(pos) = DEFAULT.iter().position(|&d| d == c) {
        // Non-ASCII characters of the default table (£, Δ, é, …).
        return u8::try_from(pos).ok().map(Septets::One);
    }
    EXTENSION
        .iter()
        .find(|(_, e)| *e == c)
        .map(|(s, _)| Septets::Escaped(*s))
}

/// Septets `text` needs in GSM 7-bit, or `Err((byte offset, char))` of the first character that
/// does not fit.
pub fn septet_count(text: &str) -> Result<usize, (usize, char)> {
    let mut n = 0usize;
    for (i, c) in text.char_indices() {
        let s = encode_char(c).ok_or((i, c))?;
        n = n.saturating_add(s.len());
    }
    Ok(n)
}

/// Whether every character of `text` is in the GSM 7-bit alphabet (with the extension table).
pub fn fits(text: &str) -> bool {
    text.chars().all(|c| encode_char(c).is_some())
}

/// Septet number `index` of packed data `ud` (septet 0 starts at bit 0 of octet 0); bits past
/// the end read as zero.
pub fn septet_at(ud: &[u8], index: usize) -> u8 {
    let bit = index.saturating_mul(7);
    let octet = bit / 8;
    let lo = u16::from(ud.get(octet).copied().unwrap_or(0));
    let hi = u16::from(ud.get(octet.saturating_add(1)).copied().unwrap_or(0));
    let word = lo | (hi << 8);
    ((word >> (bit % 8)) & 0x7F) as u8
}

/// Octets that `septets` packed septets occupy.
pub const fn packed_len(septets: usize) -> usize {
    (septets.saturating_mul(7)).div_ceil(8)
}

/// Writes septet `s` at septet position `index` of `out` (which must be zeroed); `false` if
/// `out` is too short.
pub fn put_septet(out: &mut [u8], index: usize, s: u8) -> bool {
    let bit = index.saturating_mul(7);
    let octet = bit / 8;
    let shift = bit % 8;
    let word = u16::from(s & 0x7F) << shift;
    let Some(lo) = out.get_mut(octet) else {
        return false;
    };
    *lo |= (word & 0xFF) as u8;
    let high = (word >> 8) as u8;
    if shift > 1 {
        let Some(hi) = out.get_mut(octet.saturating_add(1)) else {
            return false;
        };
        *hi |= high;
    }
    true
}

/// Decodes `count` septets of `ud` starting at septet `start`, appending characters through
/// `push`; returns `false` as soon as `push` does.
pub fn decode(ud: &[u8], start: usize, count: usize, mut push: impl FnMut(char) -> bool) -> bool {
    let end = start.saturating_add(count);
    let mut i = start;
    while i < end {
        let s = septet_at(ud, i);
        i = i.saturating_add(1);
        let c = if s == ESCAPE {
            if i < end {
                let e = septet_at(ud, i);
                i = i.saturating_add(1);
                // An unknown extension shows the default character (TS 23.038 §6.2.1.1).
                extension_char(e).unwrap_or_else(|| default_char(e))
            } else {
                ' '
            }
        } else {
            default_char(s)
        };
        if !push(c) {
            return false;
        }
    }
    true
}

/// Packs the characters of `text` into `out` from septet position `start`; returns the septet
/// position after the last one, or the error of the first character that does not fit.
pub fn pack(text: &str, out: &mut [u8], start: usize) -> Result<usize, PackError> {
    let mut i = start;
    for (at, c) in text.char_indices() {
        let s = encode_char(c).ok_or(PackError::NotGsm7 { at, ch: c })?;
        let ok = match s {
            Septets::One(v) => put_septet(out, i, v),
            Septets::Escaped(v) => {
                put_septet(out, i, ESCAPE) && put_septet(out, i.saturating_add(1), v)
            }
        };
        if !ok {
            return Err(PackError::Full);
        }
        i = i.saturating_add(s.len());
    }
    Ok(i)
}

/// Why [`pack`] stopped.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PackError {
    /// A character outside the alphabet.
    NotGsm7 {
        /// Byte offset in the text.
        at: usize,
        /// The character.
        ch: char,
    },
    /// The output is full.
    Full,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_default_character_round_trips() {
        for s in 0u8..128 {
            if s == ESCAPE {
                continue;
            }
            let c = default_char(s);
            assert_eq!(encode_char(c), Some(Septets::One(s)), "septet {s:#x} {c:?}");
        }
    }

    #[test]
    fn extension_characters_take_two_septets() {
        assert_eq!(septet_count("^{}\\[~]|€\u{0C}"), Ok(20));
        assert_eq!(encode_char('€'), Some(Septets::Escaped(0x65)));
        assert_eq!(septet_count("a`b"), Err((1, '`')));
    }

    #[test]
    fn packs_hello_like_the_standard() {
        // "hellohello" → E8329BFD4697D9EC37 (TS 23.038 packing example as widely quoted).
        let mut out = [0u8; 9];
        assert_eq!(pack("hellohello", &mut out, 0), Ok(10));
        assert_eq!(out, [0xE8, 0x32, 0x9B, 0xFD, 0x46, 0x97, 0xD9, 0xEC, 0x37]);
        let mut s = [' '; 10];
        let mut n = 0;
        decode(&out, 0, 10, |c| {
            s[n] = c;
            n += 1;
            true
        });
        assert_eq!(s.iter().collect::<std::string::String>(), "hellohello");
    }
}
