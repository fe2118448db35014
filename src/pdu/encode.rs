//! Encoding SMS-SUBMIT (what we send) and SMS-DELIVER (what the simulated modem hands out),
//! one part at a time, into a caller's buffer. [`super::split`] cuts a long text into parts.

use super::address;
use super::deliver::fo as dfo;
use super::error::PduError;
use super::scts::Timestamp;
use super::submit::{fo as sfo, Validity};
use super::udh::Concat;
use super::userdata::{MAX_UD_OCTETS, MAX_UD_SEPTETS};
use super::{gsm7, ucs2};
use crate::time::Duration;

/// Most octets of a whole PDU: an SMSC address of 12 octets (length, type, 10 octets of
/// digits) and the longest TPDU, an SMS-SUBMIT of 164 (first octet 1, TP-MR 1, TP-DA 12,
/// TP-PID 1, TP-DCS 1, TP-VP 7, TP-UDL 1, TP-UD 140).
pub const PDU_MAX_OCTETS: usize = 176;
/// Most hex characters of a whole PDU (two per octet).
pub const PDU_MAX_HEX: usize = 2 * PDU_MAX_OCTETS;

/// The text coding the encoder writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Coding {
    /// GSM 7-bit default alphabet with the extension table.
    Gsm7,
    /// UCS-2 / UTF-16 (surrogate pairs for characters beyond the BMP).
    Ucs2,
}

impl Coding {
    /// GSM 7-bit when every character of `text` fits, else UCS-2.
    pub fn for_text(text: &str) -> Coding {
        if gsm7::fits(text) {
            Coding::Gsm7
        } else {
            Coding::Ucs2
        }
    }

    fn dcs(self) -> u8 {
        match self {
            Coding::Gsm7 => 0x00,
            Coding::Ucs2 => 0x08,
        }
    }
}

/// What to put in one SMS-SUBMIT.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SubmitParams<'a> {
    /// `+` and digits for an international number, else digits (national, as dialled).
    pub recipient: &'a str,
    /// The text of this part (see [`super::split`]).
    pub text: &'a str,
    /// The coding.
    pub coding: Coding,
    /// TP-MR (most modems replace it with their own counter).
    pub mr: u8,
    /// Ask the network for a status report (TP-SRR).
    pub status_report_request: bool,
    /// Ask the SMSC to reject a duplicate of a message still held (TP-RD).
    pub reject_duplicates: bool,
    /// Relative validity period, rounded up to what the format can say.
    pub validity: Option<Duration>,
    /// Concatenation header, for a part of a longer message.
    pub concat: Option<Concat>,
}

impl<'a> SubmitParams<'a> {
    /// A single-part message to `recipient`, coded as [`Coding::for_text`] says.
    pub fn new(recipient: &'a str, text: &'a str) -> Self {
        SubmitParams {
            recipient,
            text,
            coding: Coding::for_text(text),
            mr: 0,
            status_report_request: false,
            reject_duplicates: false,
            validity: None,
            concat: None,
        }
    }
}

/// What to put in one SMS-DELIVER.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DeliverParams<'a> {
    /// The SMSC address written in front, or `None` for a `00` length octet.
    pub smsc: Option<&'a str>,
    /// The sender: a number (`+` for international) or an alphanumeric name (≤ 11 septets).
    pub sender: &'a str,
    /// TP-SCTS.
    pub scts: Timestamp,
    /// The text of this part.
    pub text: &'a str,
    /// The coding.
    pub coding: Coding,
    /// Concatenation header, for a part of a longer message.
    pub concat: Option<Concat>,
}

/// Lengths of an encoded PDU.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Encoded {
    /// Octets written, the SMSC part included.
    pub len_total: usize,
    /// Octets of the TPDU alone: the `<length>` of `AT+CMGS=<length>`.
    pub tpdu_len: usize,
}

/// A checked writer into the caller's buffer.
struct Writer<'a> {
    out: &'a mut [u8],
    len: usize,
}

impl Writer<'_> {
    fn full(&self) -> PduError {
        PduError::BufferTooSmall {
            have: self.out.len(),
        }
    }

    fn push(&mut self, b: u8) -> Result<(), PduError> {
        let err = self.full();
        let slot = self.out.get_mut(self.len).ok_or(err)?;
        *slot = b;
        self.len = self.len.saturating_add(1);
        Ok(())
    }

    fn extend(&mut self, bytes: &[u8]) -> Result<(), PduError> {
        bytes.iter().try_for_each(|&b| self.push(b))
    }

    fn rest(&mut self) -> &mut [u8] {
        self.out.get_mut(self.len..).unwrap_or(&mut [])
    }

    fn advance(&mut self, n: usize) {
        self.len = self.len.saturating_add(n);
    }
}

/// Encodes one SMS-SUBMIT with a `00` SMSC prefix (the modem's configured SMSC is used).
pub fn encode_submit(p: &SubmitParams<'_>, out: &mut [u8]) -> Result<Encoded, PduError> {
    let mut w = Writer { out, len: 0 };
    w.push(0x00)?;
    let start = w.len;
    let mut first = sfo::MTI_SUBMIT;
    if p.validity.is_some() {
        first |= sfo::VPF_RELATIVE;
    }
    if p.status_report_request {
        first |= sfo::STATUS_REPORT_REQUEST;
    }
    if p.reject_duplicates {
        first |= sfo::REJECT_DUPLICATES;
    }
    if p.concat.is_some() {
        first |= sfo::UDHI;
    }
    w.push(first)?;
    w.push(p.mr)?;
    let n = address::encode(p.recipient, false, w.rest())?;
    w.advance(n);
    w.push(0x00)?; // TP-PID: plain SMS
    w.push(p.coding.dcs())?;
    if let Some(d) = p.validity {
        w.push(Validity::relative_octet(d))?;
    }
    write_user_data(&mut w, p.text, p.coding, p.concat)?;
    Ok(Encoded {
        len_total: w.len,
        tpdu_len: w.len.saturating_sub(start),
    })
}

/// Encodes one SMS-DELIVER, as a modem would show it in `+CMGR`.
pub fn encode_deliver(p: &DeliverParams<'_>, out: &mut [u8]) -> Result<Encoded, PduError> {
    let mut w = Writer { out, len: 0 };
    match p.smsc {
        None => w.push(0x00)?,
        Some(number) => {
            // Written like TP-OA, then the length octet is changed from digits to octets
            // (type octet included), as TS 24.011 §8.2.5.1 counts it.
            let n = address::encode(number, false, w.rest())?;
            if let Some(len) = w.rest().first_mut() {
                *len = u8::try_from(n.saturating_sub(1)).unwrap_or(0);
            }
            w.advance(n);
        }
    }
    let start = w.len;
    let mut first = dfo::NO_MORE_MESSAGES;
    if p.concat.is_some() {
        first |= dfo::UDHI;
    }
    w.push(first)?;
    let n = address::encode(p.sender, true, w.rest())?;
    w.advance(n);
    w.push(0x00)?;
    w.push(p.coding.dcs())?;
    w.extend(&p.scts.to_octets())?;
    write_user_data(&mut w, p.text, p.coding, p.concat)?;
    Ok(Encoded {
        len_total: w.len,
        tpdu_len: w.len.saturating_sub(start),
    })
}

/// Writes TP-UDL and TP-UD: the header (if any), then the text.
fn write_user_data(
    w: &mut Writer<'_>,
    text: &str,
    coding: Coding,
    concat: Option<Concat>,
) -> Result<(), PduError> {
    let header = concat.map(|c| c.header_len()).unwrap_or(0);
    if let Some(c) = concat {
        if c.seq == 0 || c.seq > c.total {
            return Err(PduError::BadConcat {
                seq: c.seq,
                total: c.total,
            });
        }
    }
    let (udl, octets) = match coding {
        Coding::Gsm7 => {
            let septets =
                gsm7::septet_count(text).map_err(|(at, ch)| PduError::NotGsm7 { at, ch })?;
            let header_septets = (header.saturating_mul(8)).div_ceil(7);
            let total = header_septets.saturating_add(septets);
            if total > MAX_UD_SEPTETS {
                return Err(PduError::TextTooLong {
                    units: total,
                    limit: MAX_UD_SEPTETS,
                });
            }
            (total, gsm7::packed_len(total))
        }
        Coding::Ucs2 => {
            let units = ucs2::unit_count(text);
            let total = header.saturating_add(units.saturating_mul(2));
            if total > MAX_UD_OCTETS {
                return Err(PduError::TextTooLong {
                    units: header.div_ceil(2).saturating_add(units),
                    limit: MAX_UD_OCTETS / 2,
                });
            }
            (total, total)
        }
    };
    w.push(u8::try_from(udl).unwrap_or(u8::MAX))?;
    let err = w.full();
    let dst = w.rest().get_mut(..octets).ok_or(err)?;
    dst.fill(0);
    if let Some(c) = concat {
        c.write(dst).ok_or(err)?;
    }
    match coding {
        Coding::Gsm7 => {
            let header_septets = (header.saturating_mul(8)).div_ceil(7);
            gsm7::pack(text, dst, header_septets).map_err(|e| match e {
                gsm7::PackError::NotGsm7 { at, ch } => PduError::NotGsm7 { at, ch },
                gsm7::PackError::Full => err,
            })?;
        }
        Coding::Ucs2 => {
            let body = dst.get_mut(header..).ok_or(err)?;
            ucs2::encode(text, body).ok_or(err)?;
        }
    }
    w.advance(octets);
    Ok(())
}
