//! SMS PDUs (3GPP TS 23.040 / 23.038): decoding and encoding of SMS-DELIVER, SMS-SUBMIT and
//! SMS-STATUS-REPORT, the GSM 7-bit and UCS-2 alphabets, and multipart reassembly in a fixed
//! table. No I/O, no heap; every length field is checked; no input makes it panic.
//!
//! # Decoding
//!
//! [`decode`] takes the octets of a PDU as `+CMGR`/`+CMGL`/`+CMT` give them (`with_smsc =
//! true`: a leading SMSC address, length 0 meaning none) and returns a [`Pdu`]: a
//! [`Deliver`], [`Submit`] or [`StatusReport`]. [`decode_hex`] does the same from hex text.
//! Everything decoded lives inside the value: addresses in [`Address`] (a fixed string of
//! [`ADDRESS_CAPACITY`] bytes), text in [`Text`] ([`TEXT_CAPACITY`] bytes, derived in
//! `userdata.rs`), 8-bit data in [`Data`]. Problems are a [`PduError`] naming the octet and
//! the field:
//!
//! ```
//! use smsctl::pdu;
//! let err = pdu::decode_hex(b"0791448720003023240DD0E474D81C0EBB010000111011315214000A", true)
//!     .unwrap_err();
//! assert_eq!(
//!     err.to_string(),
//!     "truncated at octet 27: user data length 10 septets needs 9 octets, 0 remain"
//! );
//! ```
//!
//! Wire values that the codec does not interpret are kept (`first_octet`, [`Dcs::raw`],
//! [`Address::toa`], [`Status`], [`Validity::Enhanced`]), so an odd field never loses a
//! message. Compressed or reserved data codings cannot be turned into text and decode to
//! [`PduError::UnsupportedCoding`].
//!
//! # Encoding
//!
//! [`split`] cuts a text into [`Part`]s (160/153 septets in GSM 7-bit, 70/67 UTF-16 units in
//! UCS-2; never between an escape or a surrogate pair); [`encode_submit`] writes one part as an
//! SMS-SUBMIT into a caller's buffer ([`PDU_MAX_OCTETS`] is always enough) and reports the TPDU
//! length `AT+CMGS=<n>` needs; [`to_hex`] turns it into the text to send. [`encode_deliver`]
//! writes an SMS-DELIVER (the simulated modem uses it).
//!
//! ```
//! use smsctl::pdu::{self, Coding, SubmitParams};
//! let text = "Disk 93% full on /var";
//! let mut pdu_buf = [0u8; pdu::PDU_MAX_OCTETS];
//! let mut hex_buf = [0u8; pdu::PDU_MAX_HEX];
//! for part in pdu::split(text, Coding::for_text(text)).unwrap() {
//!     let params = SubmitParams {
//!         concat: part.concat(42),
//!         ..SubmitParams::new("+359882505000", part.text)
//!     };
//!     let enc = pdu::encode_submit(&params, &mut pdu_buf).unwrap();
//!     let bytes = pdu_buf.get(..enc.len_total).unwrap();
//!     let hex = pdu::to_hex(bytes, &mut hex_buf).unwrap();
//!     assert!(hex.starts_with("0001000C915389280505000000"));
//!     assert_eq!(enc.tpdu_len, enc.len_total - 1);
//! }
//! ```
//!
//! # Reassembly
//!
//! [`Reassembly`] collects the parts of concatenated messages by (sender, reference, total)
//! in a fixed table ([`REASSEMBLY_ENTRIES`] messages of up to [`REASSEMBLY_MAX_PARTS`] parts),
//! in any order, ignoring duplicates, and yields the whole text when the last part arrives.
//! Time is passed in: [`Reassembly::expire`] reports entries older than the timeout and
//! [`Reassembly::poll_timeout`] says when to call it next.

mod address;
mod cursor;
mod dcs;
mod deliver;
mod encode;
mod error;
mod gsm7;
mod hex;
mod reassembly;
mod scts;
mod split;
mod status_report;
mod submit;
mod ucs2;
mod udh;
mod userdata;

pub use address::{
    Address, NumberingPlan, TypeOfNumber, ADDRESS_CAPACITY, MAX_ALPHA_SEPTETS, MAX_DIGITS,
};
/// Septets `c` takes in the GSM 7-bit default alphabet (2 for an extension character), or
/// `None` when it is not in the alphabet (TS 23.038 §6.2.1).
pub fn gsm7_septets(c: char) -> Option<usize> {
    gsm7::encode_char(c).map(gsm7::Septets::len)
}

pub use dcs::{Alphabet, Dcs, MessageClass, MessageWaiting, WaitingKind};
pub use deliver::Deliver;
pub use encode::{
    encode_deliver, encode_submit, Coding, DeliverParams, Encoded, SubmitParams, PDU_MAX_HEX,
    PDU_MAX_OCTETS,
};
pub use error::{Field, PduError};
pub use reassembly::{
    Added, DropReason, Dropped, Message, MessageText, Reassembly, MESSAGE_CAPACITY,
    REASSEMBLY_ENTRIES, REASSEMBLY_MAX_PARTS,
};
pub use scts::Timestamp;
pub use split::{split, Part, Parts, GSM7_PART, GSM7_SINGLE, MAX_PARTS, UCS2_PART, UCS2_SINGLE};
pub use status_report::{Status, StatusKind, StatusReport};
pub use submit::{Submit, Validity};
pub use udh::Concat;
pub use userdata::{Data, Text, UserData, MAX_UD_OCTETS, MAX_UD_SEPTETS, TEXT_CAPACITY};

use cursor::Cursor;

/// TP-MTI, the message type in the two low bits of the first octet.
const MTI_MASK: u8 = 0x03;

/// A decoded PDU.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Pdu {
    /// SMS-DELIVER: a message to us.
    Deliver(Deliver),
    /// SMS-SUBMIT: a message from us (as stored in the modem).
    Submit(Submit),
    /// SMS-STATUS-REPORT: the network's report on a message we sent.
    StatusReport(StatusReport),
}

impl Pdu {
    /// The SMSC address, when the PDU had one.
    pub fn smsc(&self) -> Option<&Address> {
        match self {
            Pdu::Deliver(d) => d.smsc.as_ref(),
            Pdu::Submit(s) => s.smsc.as_ref(),
            Pdu::StatusReport(r) => r.smsc.as_ref(),
        }
    }

    /// The name of the message type, as TS 23.040 spells it.
    pub fn kind(&self) -> &'static str {
        match self {
            Pdu::Deliver(_) => "SMS-DELIVER",
            Pdu::Submit(_) => "SMS-SUBMIT",
            Pdu::StatusReport(_) => "SMS-STATUS-REPORT",
        }
    }

    /// The text, when there is text.
    pub fn text(&self) -> Option<&str> {
        match self {
            Pdu::Deliver(d) => d.text(),
            Pdu::Submit(s) => s.text(),
            Pdu::StatusReport(r) => r.user_data.as_ref().and_then(UserData::text),
        }
    }

    /// Concatenation, when this is one part of a longer message.
    pub fn concat(&self) -> Option<Concat> {
        match self {
            Pdu::Deliver(d) => d.concat,
            Pdu::Submit(s) => s.concat,
            Pdu::StatusReport(r) => r.concat,
        }
    }
}

/// Decodes a PDU. `with_smsc`: the octets start with the SMSC address, as `+CMGR`, `+CMGL`
/// and `+CMT` give them. Octets after the user data are ignored.
pub fn decode(bytes: &[u8], with_smsc: bool) -> Result<Pdu, PduError> {
    let mut c = Cursor::new(bytes);
    let smsc = if with_smsc {
        address::read_smsc(&mut c)?
    } else {
        None
    };
    let at = c.pos();
    let first = c.u8(Field::FirstOctet)?;
    // The direction is that of a phone reading its storage: MTI 0 and 2 come from the
    // network (DELIVER, STATUS-REPORT), 1 is one of ours (SUBMIT).
    match first & MTI_MASK {
        0 => deliver::read(&mut c, smsc, first).map(Pdu::Deliver),
        1 => submit::read(&mut c, smsc, first).map(Pdu::Submit),
        2 => status_report::read(&mut c, smsc, first).map(Pdu::StatusReport),
        _ => Err(PduError::Invalid {
            at,
            field: Field::FirstOctet,
            value: first,
            why: "message type 3 is reserved",
        }),
    }
}

/// Decodes a PDU given as hex text (surrounding whitespace ignored); see [`decode`].
pub fn decode_hex(hex_text: &[u8], with_smsc: bool) -> Result<Pdu, PduError> {
    let hex_text = hex_text.trim_ascii();
    if hex_text.len() > PDU_MAX_HEX {
        return Err(PduError::TooLong {
            len: hex_text.len() / 2,
            max: PDU_MAX_OCTETS,
        });
    }
    let mut buf = [0u8; PDU_MAX_OCTETS];
    let n = hex::decode(hex_text, &mut buf)?;
    decode(buf.get(..n).unwrap_or(&[]), with_smsc)
}

/// Decodes hex text into `out`; returns the octets written.
pub fn from_hex(hex_text: &[u8], out: &mut [u8]) -> Result<usize, PduError> {
    hex::decode(hex_text, out)
}

/// Writes `bytes` as upper-case hex into `out` (twice as long); returns the text.
pub fn to_hex<'o>(bytes: &[u8], out: &'o mut [u8]) -> Result<&'o str, PduError> {
    hex::encode(bytes, out)
}

/// The fuzzing entry point (`fuzz/fuzz_targets/pdu_decode.rs`): decodes `data` as raw octets
/// with and without an SMSC part, and as hex text; must never panic.
pub fn fuzz_decode(data: &[u8]) {
    let _ = decode(data, true);
    let _ = decode(data, false);
    let _ = decode_hex(data, true);
}

/// The fuzzing entry point for the encoder (`fuzz/fuzz_targets/pdu_round_trip.rs`): the valid
/// UTF-8 prefix of `data` is split, each part encoded as an SMS-SUBMIT and decoded again.
/// Returns whether every part came back with its text, number and concatenation header.
pub fn fuzz_round_trip(data: &[u8]) -> bool {
    const NUMBER: &str = "+359882505000";
    let text = match core::str::from_utf8(data) {
        Ok(t) => t,
        Err(e) => data
            .get(..e.valid_up_to())
            .and_then(|d| core::str::from_utf8(d).ok())
            .unwrap_or(""),
    };
    let coding = Coding::for_text(text);
    let Ok(parts) = split(text, coding) else {
        // Only "more than 255 parts" can fail here.
        return text.len() > GSM7_PART * MAX_PARTS / 4;
    };
    let mut buf = [0u8; PDU_MAX_OCTETS];
    for part in parts {
        let params = SubmitParams {
            coding,
            concat: part.concat(0xA5),
            ..SubmitParams::new(NUMBER, part.text)
        };
        let Ok(enc) = encode_submit(&params, &mut buf) else {
            return false;
        };
        let Some(bytes) = buf.get(..enc.len_total) else {
            return false;
        };
        match decode(bytes, true) {
            Ok(Pdu::Submit(s))
                if s.text() == Some(part.text)
                    && s.recipient.as_str() == NUMBER
                    && s.concat == params.concat => {}
            _ => return false,
        }
    }
    true
}
