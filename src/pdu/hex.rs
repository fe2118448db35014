//! Hex text as modems print PDUs, with the crate's hex codec's errors in PDU terms.

use super::error::PduError;
use crate::hex::{self as codec, HexError};

fn pdu_error(e: HexError, len: usize, have: usize) -> PduError {
    match e {
        HexError::OddLength => PduError::HexOddLength { len },
        HexError::BadDigit { at } => PduError::HexDigit { at },
        HexError::NoRoom { need } => PduError::TooLong {
            len: need,
            max: have,
        },
    }
}

/// Decodes `hex` into `out`; returns the octets written.
pub fn decode(hex: &[u8], out: &mut [u8]) -> Result<usize, PduError> {
    let have = out.len();
    codec::decode(hex, out).map_err(|e| pdu_error(e, hex.len(), have))
}

/// Writes `bytes` as upper-case hex into `out`; returns the text.
pub fn encode<'o>(bytes: &[u8], out: &'o mut [u8]) -> Result<&'o str, PduError> {
    let have = out.len();
    let n = codec::encode(bytes, out).map_err(|_| PduError::BufferTooSmall { have })?;
    let digits = out.get(..n).ok_or(PduError::BufferTooSmall { have })?;
    core::str::from_utf8(digits).map_err(|_| PduError::BufferTooSmall { have })
}
