//! Hexadecimal as modems carry it: PDU lines (`07914487…`), Huawei LAC/CI, UCS-2 text. Shared by
//! the AT layer and the PDU codec.
//! Encoding writes upper case; decoding takes either case. Checked: an odd length, a bad digit
//! or an output buffer too small is an error, never a panic.

use core::fmt;

/// Why hex could not be encoded or decoded.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum HexError {
    /// An odd number of hex digits.
    OddLength,
    /// A byte that is not a hex digit, at this offset of the input.
    BadDigit {
        /// Offset of the byte in the input.
        at: usize,
    },
    /// The output buffer is too small; this many bytes are needed.
    NoRoom {
        /// Bytes the output needs.
        need: usize,
    },
}

impl fmt::Display for HexError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            HexError::OddLength => f.write_str("odd number of hex digits"),
            HexError::BadDigit { at } => write!(f, "not a hex digit at byte {at}"),
            HexError::NoRoom { need } => write!(f, "output needs {need} bytes"),
        }
    }
}

const DIGITS: &[u8; 16] = b"0123456789ABCDEF";

/// The value of one hex digit (either case).
pub fn nibble(b: u8) -> Option<u8> {
    // The match arms bound each subtraction, so the checked forms never fail.
    match b {
        b'0'..=b'9' => b.checked_sub(b'0'),
        b'a'..=b'f' => b.checked_sub(b'a' - 10),
        b'A'..=b'F' => b.checked_sub(b'A' - 10),
        _ => None,
    }
}

/// The two upper-case hex digits of `byte`.
pub fn byte_digits(byte: u8) -> [u8; 2] {
    let hi = DIGITS.get(usize::from(byte >> 4)).copied().unwrap_or(b'0');
    let lo = DIGITS
        .get(usize::from(byte & 0x0F))
        .copied()
        .unwrap_or(b'0');
    [hi, lo]
}

/// Writes `bytes` as upper-case hex into `out`; returns the number of digits written.
pub fn encode(bytes: &[u8], out: &mut [u8]) -> Result<usize, HexError> {
    let need = bytes.len().saturating_mul(2);
    let dst = out.get_mut(..need).ok_or(HexError::NoRoom { need })?;
    for (pair, &b) in dst.chunks_exact_mut(2).zip(bytes) {
        pair.copy_from_slice(&byte_digits(b));
    }
    Ok(need)
}

/// Decodes hex digits into `out`; returns the number of bytes written.
pub fn decode(hex: &[u8], out: &mut [u8]) -> Result<usize, HexError> {
    if !hex.len().is_multiple_of(2) {
        return Err(HexError::OddLength);
    }
    let need = hex.len() / 2;
    let dst = out.get_mut(..need).ok_or(HexError::NoRoom { need })?;
    for (i, (pair, slot)) in hex.chunks_exact(2).zip(dst.iter_mut()).enumerate() {
        let at = i.saturating_mul(2);
        let digit = |k: usize| {
            pair.get(k)
                .copied()
                .and_then(nibble)
                .ok_or(HexError::BadDigit {
                    at: at.saturating_add(k),
                })
        };
        *slot = (digit(0)? << 4) | digit(1)?;
    }
    Ok(need)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nibble_agrees_with_the_standard_library_on_every_byte() {
        for b in 0..=255u8 {
            let std = char::from(b).to_digit(16).map(|d| d as u8);
            assert_eq!(nibble(b), std, "byte {b:#04x}");
        }
    }

    #[test]
    fn round_trip_and_errors() {
        let mut hex = [0u8; 8];
        assert_eq!(encode(&[0x07, 0x91, 0xAB], &mut hex), Ok(6));
        assert_eq!(&hex[..6], b"0791AB");
        let mut bytes = [0u8; 3];
        assert_eq!(decode(b"0791ab", &mut bytes), Ok(3));
        assert_eq!(bytes, [0x07, 0x91, 0xAB]);
        assert_eq!(decode(b"079", &mut bytes), Err(HexError::OddLength));
        assert_eq!(decode(b"07G1", &mut bytes), Err(HexError::BadDigit { at: 2 }));
        assert_eq!(
            encode(&[1, 2, 3, 4, 5], &mut hex),
            Err(HexError::NoRoom { need: 10 })
        );
    }
}
