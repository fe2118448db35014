//! Hex text as modems print PDUs: two digits per octet, either case.

use super::error::PduError;

fn nibble(c: u8) -> Option<u8> {
    match c {
        b'0'..=b'9' => Some(c - b'0'),
        b'a'..=b'f' => Some(c - b'a' + 10),
        b'A'..=b'F' => Some(c - b'A' + 10),
        _ => None,
    }
}

/// Decodes `hex` into `out`; returns the octets written.
pub fn decode(hex: &[u8], out: &mut [u8]) -> Result<usize, PduError> {
    if !hex.len().is_multiple_of(2) {
        return Err(PduError::HexOddLength { len: hex.len() });
    }
    let n = hex.len() / 2;
    if n > out.len() {
        return Err(PduError::TooLong {
            len: n,
            max: out.len(),
        });
    }
    for (i, (pair, dst)) in hex.chunks_exact(2).zip(out.iter_mut()).enumerate() {
        let (&[h, l], at) = (pair, i.saturating_mul(2)) else {
            continue;
        };
        let h = nibble(h).ok_or(PduError::HexDigit { at })?;
        let l = nibble(l).ok_or(PduError::HexDigit {
            at: at.saturating_add(1),
        })?;
        *dst = (h << 4) | l;
    }
    Ok(n)
}

/// Writes `bytes` as upper-case hex into `out`; returns the text.
pub fn encode<'o>(bytes: &[u8], out: &'o mut [u8]) -> Result<&'o str, PduError> {
    const DIGITS: &[u8; 16] = b"0123456789ABCDEF";
    let n = bytes.len().saturating_mul(2);
    let have = out.len();
    let dst = out.get_mut(..n).ok_or(PduError::BufferTooSmall { have })?;
    for (pair, b) in dst.chunks_exact_mut(2).zip(bytes) {
        if let [h, l] = pair {
            *h = DIGITS.get(usize::from(b >> 4)).copied().unwrap_or(b'0');
            *l = DIGITS.get(usize::from(b & 0x0F)).copied().unwrap_or(b'0');
        }
    }
    core::str::from_utf8(dst).map_err(|_| PduError::BufferTooSmall { have })
}
