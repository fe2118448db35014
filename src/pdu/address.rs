//! Addresses (TS 23.040 §9.1.2.5): the SMSC address in front of a TPDU (TS 24.011 §8.2.5.1) and
//! TP-OA / TP-DA / TP-RA inside it. Digits are swapped semi-octets with an `F` filler for odd
//! counts; an alphanumeric address (a bank's name) is GSM 7-bit packed.

use super::cursor::Cursor;
use super::error::{Field, PduError};
use super::gsm7;
use core::fmt;

/// Bytes an address text can take. Digits: at most 20 (a 10-octet address field) plus a `+`
/// = 21. Alphanumeric: 10 octets hold 11 septets, each at most 2 UTF-8 bytes (Greek letters,
/// `é`…; an escape pair, 2 septets, gives at most 3 bytes for `€`) = 22. The larger: 22.
pub const ADDRESS_CAPACITY: usize = 22;
/// Most digits an address field holds (10 octets of semi-octets).
pub const MAX_DIGITS: usize = 20;
/// Most septets an alphanumeric address holds (10 octets × 8 / 7).
pub const MAX_ALPHA_SEPTETS: usize = 11;

/// The type of number (bits 6–4 of the type-of-address octet).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum TypeOfNumber {
    /// Unknown (often a national number written with its leading 0).
    Unknown,
    /// International: shown with a `+`.
    International,
    /// National.
    National,
    /// Network specific (short codes).
    NetworkSpecific,
    /// Subscriber number.
    Subscriber,
    /// Alphanumeric, GSM 7-bit packed.
    Alphanumeric,
    /// Abbreviated number.
    Abbreviated,
    /// Reserved for extension (value 7).
    Unknown7,
}

impl TypeOfNumber {
    fn from_bits(t: u8) -> Self {
        match (t >> 4) & 0x07 {
            0 => TypeOfNumber::Unknown,
            1 => TypeOfNumber::International,
            2 => TypeOfNumber::National,
            3 => TypeOfNumber::NetworkSpecific,
            4 => TypeOfNumber::Subscriber,
            5 => TypeOfNumber::Alphanumeric,
            6 => TypeOfNumber::Abbreviated,
            _ => TypeOfNumber::Unknown7,
        }
    }

    /// A short human name.
    pub fn name(self) -> &'static str {
        match self {
            TypeOfNumber::Unknown => "unknown",
            TypeOfNumber::International => "international",
            TypeOfNumber::National => "national",
            TypeOfNumber::NetworkSpecific => "network-specific",
            TypeOfNumber::Subscriber => "subscriber",
            TypeOfNumber::Alphanumeric => "alphanumeric",
            TypeOfNumber::Abbreviated => "abbreviated",
            TypeOfNumber::Unknown7 => "reserved",
        }
    }
}

/// The numbering plan (bits 3–0 of the type-of-address octet).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum NumberingPlan {
    /// Unknown.
    Unknown,
    /// ISDN/telephone (E.164).
    Isdn,
    /// Data (X.121).
    Data,
    /// Telex.
    Telex,
    /// National.
    National,
    /// Private.
    Private,
    /// ERMES.
    Ermes,
    /// Any other value, kept.
    Other(u8),
}

impl NumberingPlan {
    fn from_bits(t: u8) -> Self {
        match t & 0x0F {
            0 => NumberingPlan::Unknown,
            1 => NumberingPlan::Isdn,
            3 => NumberingPlan::Data,
            4 => NumberingPlan::Telex,
            8 => NumberingPlan::National,
            9 => NumberingPlan::Private,
            10 => NumberingPlan::Ermes,
            v => NumberingPlan::Other(v),
        }
    }
}

/// A decoded address. `text` is what a person reads: digits (with `+` in front for an
/// international number; `*`, `#`, `a`, `b`, `c` kept) or the alphanumeric name.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Address {
    /// The type-of-address octet as received.
    pub toa: u8,
    /// Type of number.
    pub ton: TypeOfNumber,
    /// Numbering plan.
    pub npi: NumberingPlan,
    /// The address as text.
    pub text: heapless::String<ADDRESS_CAPACITY>,
}

impl Address {
    /// The address as text.
    pub fn as_str(&self) -> &str {
        &self.text
    }

    fn new(toa: u8) -> Address {
        Address {
            toa,
            ton: TypeOfNumber::from_bits(toa),
            npi: NumberingPlan::from_bits(toa),
            text: heapless::String::new(),
        }
    }
}

impl fmt::Display for Address {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.text)
    }
}

/// The character of a semi-octet (TS 23.040 §9.1.2.3); `None` for the `F` filler.
fn digit_char(n: u8) -> Option<char> {
    match n {
        0..=9 => Some(char::from(b'0'.saturating_add(n))),
        0x0A => Some('*'),
        0x0B => Some('#'),
        0x0C => Some('a'),
        0x0D => Some('b'),
        0x0E => Some('c'),
        _ => None,
    }
}

/// The semi-octet of a number character.
fn digit_value(c: char) -> Option<u8> {
    match c {
        '0'..='9' => u8::try_from(u32::from(c).saturating_sub(u32::from('0'))).ok(),
        '*' => Some(0x0A),
        '#' => Some(0x0B),
        'a' | 'A' => Some(0x0C),
        'b' | 'B' => Some(0x0D),
        'c' | 'C' => Some(0x0E),
        _ => None,
    }
}

/// Appends `digits` semi-octets of `octets`; the `F` filler is skipped.
fn push_digits(
    addr: &mut Address,
    octets: &[u8],
    digits: usize,
    at: usize,
) -> Result<(), PduError> {
    if addr.ton == TypeOfNumber::International {
        push(addr, '+', at)?;
    }
    let nibbles = octets.iter().flat_map(|b| [b & 0x0F, b >> 4]).take(digits);
    for n in nibbles {
        if let Some(c) = digit_char(n) {
            push(addr, c, at)?;
        }
    }
    Ok(())
}

fn push(addr: &mut Address, c: char, at: usize) -> Result<(), PduError> {
    addr.text.push(c).map_err(|_| PduError::Invalid {
        at,
        field: Field::Address,
        value: 0,
        why: "address text too long",
    })
}

/// Reads the SMSC address: a length in octets (type octet included; 0 = none).
pub(crate) fn read_smsc(c: &mut Cursor<'_>) -> Result<Option<Address>, PduError> {
    let at = c.pos();
    let len = c.u8(Field::SmscAddress)?;
    if len == 0 {
        return Ok(None);
    }
    let octets = usize::from(len).saturating_sub(1);
    if octets > MAX_DIGITS / 2 {
        return Err(PduError::Invalid {
            at,
            field: Field::SmscAddress,
            value: len,
            why: "an SMSC address has at most 11 octets",
        });
    }
    let toa = c.u8(Field::SmscAddress)?;
    let body = c.take(octets, Field::SmscAddress)?;
    let mut addr = Address::new(toa);
    push_digits(&mut addr, body, octets.saturating_mul(2), at)?;
    Ok(Some(addr))
}

/// Reads TP-OA / TP-DA / TP-RA: a length in useful semi-octets, a type octet, the digits.
pub(crate) fn read(c: &mut Cursor<'_>) -> Result<Address, PduError> {
    let at = c.pos();
    let len = c.u8(Field::Address)?;
    let semi = usize::from(len);
    if semi > MAX_DIGITS {
        return Err(PduError::Invalid {
            at,
            field: Field::Address,
            value: len,
            why: "an address has at most 20 semi-octets",
        });
    }
    let toa = c.u8(Field::Address)?;
    let body = c.take(semi.div_ceil(2), Field::Address)?;
    let mut addr = Address::new(toa);
    if addr.ton == TypeOfNumber::Alphanumeric {
        let septets = semi.saturating_mul(4) / 7;
        let mut overflow = false;
        gsm7::decode(body, 0, septets, |ch| {
            overflow = addr.text.push(ch).is_err();
            !overflow
        });
        if overflow {
            return Err(PduError::Invalid {
                at,
                field: Field::Address,
                value: len,
                why: "alphanumeric address too long",
            });
        }
    } else {
        push_digits(&mut addr, body, semi, at)?;
    }
    Ok(addr)
}

/// Type-of-address octets the encoder writes.
pub(crate) const TOA_INTERNATIONAL: u8 = 0x91;
/// Unknown type, ISDN plan: how phones write a national number with its leading 0.
pub(crate) const TOA_UNKNOWN: u8 = 0x81;
/// Alphanumeric, unknown plan.
pub(crate) const TOA_ALPHANUMERIC: u8 = 0xD0;

/// Encodes `number` (`+` for international; digits, `*`, `#`, `a`–`c`; spaces and dashes are
/// skipped) as length, type and semi-octets into `out`; returns the octets written.
/// With `alpha_ok`, a text that is not a number becomes an alphanumeric address.
pub(crate) fn encode(number: &str, alpha_ok: bool, out: &mut [u8]) -> Result<usize, PduError> {
    let (toa, digits) = match number.strip_prefix('+') {
        Some(rest) => (TOA_INTERNATIONAL, rest),
        None => (TOA_UNKNOWN, number),
    };
    let mut count = 0usize;
    for (i, ch) in digits.char_indices() {
        if ch == ' ' || ch == '-' {
            continue;
        }
        if digit_value(ch).is_none() {
            if alpha_ok {
                return encode_alpha(number, out);
            }
            let at = i.saturating_add(number.len().saturating_sub(digits.len()));
            return Err(PduError::BadNumber { at, ch });
        }
        count = count.saturating_add(1);
    }
    if count == 0 || count > MAX_DIGITS {
        return Err(PduError::NumberLength { digits: count });
    }
    let octets = count.div_ceil(2);
    let total = octets.saturating_add(2);
    let have = out.len();
    let dst = out
        .get_mut(..total)
        .ok_or(PduError::BufferTooSmall { have })?;
    dst.fill(0xFF);
    let (head, body) = dst.split_at_mut(2);
    head.copy_from_slice(&[u8::try_from(count).unwrap_or(0), toa]);
    let values = digits.chars().filter_map(digit_value);
    for (i, v) in values.enumerate() {
        if let Some(b) = body.get_mut(i / 2) {
            *b = if i % 2 == 0 {
                (*b & 0xF0) | v
            } else {
                (*b & 0x0F) | (v << 4)
            };
        }
    }
    Ok(total)
}

fn encode_alpha(name: &str, out: &mut [u8]) -> Result<usize, PduError> {
    let septets =
        gsm7::septet_count(name).map_err(|_| PduError::AlphanumericAddress { septets: 0 })?;
    if septets == 0 || septets > MAX_ALPHA_SEPTETS {
        return Err(PduError::AlphanumericAddress { septets });
    }
    let octets = gsm7::packed_len(septets);
    let total = octets.saturating_add(2);
    let have = out.len();
    let dst = out
        .get_mut(..total)
        .ok_or(PduError::BufferTooSmall { have })?;
    dst.fill(0);
    let (head, body) = dst.split_at_mut(2);
    // The length counts semi-octets actually used by the packed septets.
    let semi = septets.saturating_mul(7).div_ceil(4);
    head.copy_from_slice(&[u8::try_from(semi).unwrap_or(0), TOA_ALPHANUMERIC]);
    gsm7::pack(name, body, 0).map_err(|_| PduError::AlphanumericAddress { septets })?;
    Ok(total)
}
