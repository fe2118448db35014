//! TP-UDL and TP-UD (TS 23.040 §9.2.3.16, §9.2.3.24): the length (septets for GSM 7-bit,
//! octets otherwise), the optional header, the fill bits before 7-bit text after a header,
//! and the text or data itself.

use super::cursor::Cursor;
use super::dcs::{Alphabet, Dcs};
use super::error::{Field, PduError};
use super::udh::{self, Concat};
use super::{gsm7, ucs2};

/// Most octets of user data in one PDU.
pub const MAX_UD_OCTETS: usize = 140;
/// Most septets of GSM 7-bit user data in one PDU (140 × 8 / 7).
pub const MAX_UD_SEPTETS: usize = 160;

/// Bytes of UTF-8 the text of one part can take. GSM 7-bit: 160 septets, each character of the
/// default table at most 2 UTF-8 bytes (`£`, `Δ`, `é`…), an escape pair (2 septets) at most 3
/// (`€`), so at most 2 bytes a septet = 320. UCS-2: 140 octets = 70 units, a unit at most 3
/// bytes (a surrogate pair, 2 units, gives 4) = 210. The larger: 320.
pub const TEXT_CAPACITY: usize = 320;

/// The text of one part.
pub type Text = heapless::String<TEXT_CAPACITY>;
/// The 8-bit data of one part.
pub type Data = heapless::Vec<u8, MAX_UD_OCTETS>;

/// The user data of a message: text for GSM 7-bit and UCS-2, octets for 8-bit data.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum UserData {
    /// Decoded text.
    Text(Text),
    /// 8-bit data, header removed.
    Data(Data),
}

impl UserData {
    /// The text, if this is text.
    pub fn text(&self) -> Option<&str> {
        match self {
            UserData::Text(t) => Some(t),
            UserData::Data(_) => None,
        }
    }
}

impl Default for UserData {
    fn default() -> Self {
        UserData::Text(Text::new())
    }
}

/// Reads TP-UDL and TP-UD; `udhi` is the header indicator of the first octet, `dcs_at` the
/// offset of TP-DCS (for errors).
pub(crate) fn read(
    c: &mut Cursor<'_>,
    dcs: Dcs,
    dcs_at: usize,
    udhi: bool,
) -> Result<(Option<Concat>, UserData), PduError> {
    let at = c.pos();
    let udl = c.u8(Field::UserDataLength)?;
    // Reported before the length check: how long undecodable data is depends on its coding.
    if !dcs.decodable() {
        return Err(PduError::UnsupportedCoding {
            at: dcs_at,
            dcs: dcs.raw,
            compressed: dcs.compressed,
        });
    }
    let septets = dcs.alphabet == Alphabet::Gsm7;
    let (limit, need) = if septets {
        (MAX_UD_SEPTETS, gsm7::packed_len(usize::from(udl)))
    } else {
        (MAX_UD_OCTETS, usize::from(udl))
    };
    if usize::from(udl) > limit {
        return Err(PduError::Invalid {
            at,
            field: Field::UserDataLength,
            value: udl,
            why: if septets {
                "more than 160 septets"
            } else {
                "more than 140 octets"
            },
        });
    }
    let remain = c.remaining();
    let ud = c
        .take(need, Field::UserData)
        .map_err(|_| PduError::UserDataTooShort {
            at,
            length: udl,
            septets,
            need,
            remain,
        })?;
    let header = if udhi && udl > 0 {
        udh::parse(ud, at.saturating_add(1))?
    } else {
        udh::Header::default()
    };
    let body = ud.get(header.len..).unwrap_or(&[]);
    let data = match dcs.alphabet {
        Alphabet::Gsm7 => {
            // The text starts at the first septet boundary after the header (fill bits).
            let skip = (header.len.saturating_mul(8)).div_ceil(7);
            let count = usize::from(udl).saturating_sub(skip);
            let mut text = Text::new();
            gsm7::decode(ud, skip, count, |ch| text.push(ch).is_ok());
            UserData::Text(text)
        }
        Alphabet::Ucs2 => {
            let mut text = Text::new();
            ucs2::decode(body, |ch| text.push(ch).is_ok());
            UserData::Text(text)
        }
        Alphabet::Eight | Alphabet::Reserved => {
            let mut data = Data::new();
            // `body` is at most 140 octets, the capacity.
            let _ = data.extend_from_slice(body);
            UserData::Data(data)
        }
    };
    Ok((header.concat, data))
}
