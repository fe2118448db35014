//! UCS-2 / UTF-16BE text (TS 23.038 §6.2.3). Phones send characters outside the Basic
//! Multilingual Plane (emoji) as surrogate pairs, so this is decoded as UTF-16: a pair becomes
//! one character, a lone surrogate becomes U+FFFD.

/// Decodes big-endian UTF-16 `bytes`, appending through `push`; an odd last octet is ignored.
/// Returns `false` as soon as `push` does.
pub fn decode(bytes: &[u8], mut push: impl FnMut(char) -> bool) -> bool {
    let units = bytes.chunks_exact(2).map(|p| {
        u16::from_be_bytes([
            p.first().copied().unwrap_or(0),
            p.get(1).copied().unwrap_or(0),
        ])
    });
    for r in char::decode_utf16(units) {
        if !push(r.unwrap_or(char::REPLACEMENT_CHARACTER)) {
            return false;
        }
    }
    true
}

/// UTF-16 units `text` needs.
pub fn unit_count(text: &str) -> usize {
    text.chars().map(char::len_utf16).sum()
}

/// Writes `text` as UTF-16BE into `out`; returns the octets written, or `None` if `out` is full.
pub fn encode(text: &str, out: &mut [u8]) -> Option<usize> {
    let mut n = 0usize;
    for unit in text.encode_utf16() {
        let [hi, lo] = unit.to_be_bytes();
        *out.get_mut(n)? = hi;
        *out.get_mut(n.checked_add(1)?)? = lo;
        n = n.checked_add(2)?;
    }
    Some(n)
}
