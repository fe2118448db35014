//! The user data header (TS 23.040 §9.2.3.24): a length octet and information elements. Only
//! concatenation (8-bit reference, IEI 0x00, §9.2.3.24.1; 16-bit reference, IEI 0x08,
//! §9.2.3.24.8) is interpreted; every other element is skipped by its length.

use super::error::{Field, PduError};

/// IEI of concatenation with an 8-bit reference.
pub const IEI_CONCAT_8: u8 = 0x00;
/// IEI of concatenation with a 16-bit reference.
pub const IEI_CONCAT_16: u8 = 0x08;

/// Octets of the header the encoder writes for an 8-bit-reference concatenation: UDHL, IEI,
/// IEDL, reference, total, sequence.
pub const CONCAT_8_HEADER: usize = 6;
/// The same with a 16-bit reference.
pub const CONCAT_16_HEADER: usize = 7;

/// One part of a concatenated message.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Concat {
    /// The reference shared by all parts (8-bit references are widened).
    pub reference: u16,
    /// Number of parts, 1–255.
    pub total: u8,
    /// This part's number, 1–`total`.
    pub seq: u8,
}

impl Concat {
    /// Whether the encoder writes this reference as a 16-bit element (it is above 255).
    pub fn wide(&self) -> bool {
        self.reference > 0xFF
    }

    /// Octets of the header the encoder writes for it.
    pub fn header_len(&self) -> usize {
        if self.wide() {
            CONCAT_16_HEADER
        } else {
            CONCAT_8_HEADER
        }
    }

    /// Writes the whole header (UDHL included) into `out`; returns its length.
    pub(crate) fn write(&self, out: &mut [u8]) -> Option<usize> {
        if self.seq == 0 || self.seq > self.total {
            return None;
        }
        let [hi, lo] = self.reference.to_be_bytes();
        let n = self.header_len();
        let dst = out.get_mut(..n)?;
        if self.wide() {
            dst.copy_from_slice(&[6, IEI_CONCAT_16, 4, hi, lo, self.total, self.seq]);
        } else {
            dst.copy_from_slice(&[5, IEI_CONCAT_8, 3, lo, self.total, self.seq]);
        }
        Some(n)
    }
}

/// What the header says that we use.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Header {
    /// Concatenation, when present and valid.
    pub concat: Option<Concat>,
    /// Octets of the whole header, the UDHL octet included.
    pub len: usize,
}

/// Parses the header at the start of `ud` (`at` = its absolute offset, for errors).
pub fn parse(ud: &[u8], at: usize) -> Result<Header, PduError> {
    let udhl = ud.first().copied().ok_or(PduError::Truncated {
        at,
        field: Field::UserDataHeader,
        need: 1,
        remain: 0,
    })?;
    let len = usize::from(udhl).saturating_add(1);
    let body = ud.get(1..len).ok_or(PduError::Invalid {
        at,
        field: Field::UserDataHeader,
        value: udhl,
        why: "header length exceeds the user data",
    })?;
    let mut concat = None;
    let mut rest = body;
    let mut pos = at.saturating_add(1);
    while let [iei, iedl, tail @ ..] = rest {
        let n = usize::from(*iedl);
        let Some(data) = tail.get(..n) else {
            return Err(PduError::Invalid {
                at: pos,
                field: Field::UserDataHeader,
                value: *iedl,
                why: "information element longer than the header",
            });
        };
        match (*iei, data) {
            (IEI_CONCAT_8, &[r, total, seq]) => {
                concat = valid(u16::from(r), total, seq).or(concat);
            }
            (IEI_CONCAT_16, &[hi, lo, total, seq]) => {
                concat = valid(u16::from_be_bytes([hi, lo]), total, seq).or(concat);
            }
            _ => {}
        }
        rest = tail.get(n..).unwrap_or(&[]);
        pos = pos.saturating_add(n).saturating_add(2);
    }
    Ok(Header { concat, len })
}

/// A concatenation element with total 0 or a part number outside 1..=total is ignored
/// (TS 23.040 §9.2.3.24.1).
fn valid(reference: u16, total: u8, seq: u8) -> Option<Concat> {
    (total != 0 && seq != 0 && seq <= total).then_some(Concat {
        reference,
        total,
        seq,
    })
}
