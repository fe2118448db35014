//! SMS-STATUS-REPORT (TS 23.040 §9.2.2.3): the network's report on a message we sent.

use super::address::{self, Address};
use super::cursor::Cursor;
use super::dcs::Dcs;
use super::error::Field;
use super::scts::Timestamp;
use super::udh::Concat;
use super::userdata::{self, UserData};
use super::PduError;

/// First-octet bits of SMS-STATUS-REPORT.
pub(crate) mod fo {
    /// TP-MMS (inverted: set = no more messages).
    pub const NO_MORE_MESSAGES: u8 = 0x04;
    /// TP-SRQ: the report answers an SMS-COMMAND, not an SMS-SUBMIT.
    pub const QUALIFIER_COMMAND: u8 = 0x20;
    /// TP-UDHI.
    pub const UDHI: u8 = 0x40;
}

/// TP-PI bits (§9.2.3.27).
mod pi {
    pub const PID: u8 = 0x01;
    pub const DCS: u8 = 0x02;
    pub const UDL: u8 = 0x04;
}

/// TP-ST (§9.2.3.15): the raw value, with its category.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Status(pub u8);

/// The category of a TP-ST value.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StatusKind {
    /// 0x00–0x1F: delivered (or otherwise completed).
    Delivered,
    /// 0x20–0x3F: temporary error, the SMSC keeps trying.
    Trying,
    /// 0x40–0x5F and 0x60–0x7F: permanent error, or temporary with the SMSC no longer trying.
    Failed,
    /// Values with the top bit set (reserved).
    Reserved,
}

impl Status {
    /// The category.
    pub fn kind(self) -> StatusKind {
        match self.0 {
            0x00..=0x1F => StatusKind::Delivered,
            0x20..=0x3F => StatusKind::Trying,
            0x40..=0x7F => StatusKind::Failed,
            _ => StatusKind::Reserved,
        }
    }

    /// A short human description.
    pub fn describe(self) -> &'static str {
        match self.0 {
            0x00 => "delivered",
            0x01 => "forwarded, delivery unconfirmed",
            0x02 => "replaced",
            0x20 => "congestion, still trying",
            0x21 => "recipient busy, still trying",
            0x22 => "no response from recipient, still trying",
            0x23 => "service rejected, still trying",
            0x41 => "incompatible destination",
            0x42 => "connection rejected",
            0x45 => "no interworking available",
            0x46 => "validity period expired",
            0x47 => "deleted by sender",
            0x48 => "deleted by SMSC",
            0x49 => "message does not exist",
            _ => match self.kind() {
                StatusKind::Delivered => "completed",
                StatusKind::Trying => "temporary error, still trying",
                StatusKind::Failed => "failed",
                StatusKind::Reserved => "reserved",
            },
        }
    }
}

/// A decoded SMS-STATUS-REPORT.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StatusReport {
    /// The SMSC address in front of the TPDU, when present.
    pub smsc: Option<Address>,
    /// The first octet as received.
    pub first_octet: u8,
    /// TP-MMS: more messages are waiting.
    pub more_messages: bool,
    /// TP-SRQ: reports on an SMS-COMMAND rather than an SMS-SUBMIT.
    pub about_command: bool,
    /// TP-MR of the message this reports on.
    pub mr: u8,
    /// TP-RA: the recipient of that message.
    pub recipient: Address,
    /// TP-SCTS: when the SMSC received that message.
    pub scts: Timestamp,
    /// TP-DT: when it was delivered (or the status last changed).
    pub discharge: Timestamp,
    /// TP-ST.
    pub status: Status,
    /// TP-PID, when present.
    pub pid: Option<u8>,
    /// TP-DCS, when present.
    pub dcs: Option<Dcs>,
    /// Concatenation of the report's own user data, when present.
    pub concat: Option<Concat>,
    /// User data, when present.
    pub user_data: Option<UserData>,
}

pub(crate) fn read(
    c: &mut Cursor<'_>,
    smsc: Option<Address>,
    first: u8,
) -> Result<StatusReport, PduError> {
    let mr = c.u8(Field::MessageReference)?;
    let recipient = address::read(c)?;
    let scts = Timestamp::from_octets(c.array(Field::Timestamp)?);
    let discharge = Timestamp::from_octets(c.array(Field::DischargeTime)?);
    let status = Status(c.u8(Field::Status)?);
    let mut report = StatusReport {
        smsc,
        first_octet: first,
        more_messages: first & fo::NO_MORE_MESSAGES == 0,
        about_command: first & fo::QUALIFIER_COMMAND != 0,
        mr,
        recipient,
        scts,
        discharge,
        status,
        pid: None,
        dcs: None,
        concat: None,
        user_data: None,
    };
    // TP-PI and what it announces are optional: many reports end after TP-ST.
    if c.remaining() == 0 {
        return Ok(report);
    }
    let indicator = c.u8(Field::ParameterIndicator)?;
    // An extension bit (0x80) announces further PI octets that we do not use; a reserved bit
    // set means the rest is not ours to read (TS 23.040 §9.2.3.27: ignore it).
    if indicator & 0x78 != 0 {
        return Ok(report);
    }
    if indicator & pi::PID != 0 {
        report.pid = Some(c.u8(Field::ProtocolId)?);
    }
    let dcs_at = c.pos();
    let dcs = if indicator & pi::DCS != 0 {
        Dcs::from_octet(c.u8(Field::DataCoding)?)
    } else {
        Dcs::GSM7
    };
    if indicator & pi::DCS != 0 {
        report.dcs = Some(dcs);
    }
    if indicator & pi::UDL != 0 {
        let (concat, ud) = userdata::read(c, dcs, dcs_at, first & fo::UDHI != 0)?;
        report.concat = concat;
        report.user_data = Some(ud);
    }
    Ok(report)
}
