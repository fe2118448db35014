//! SMS-DELIVER (TS 23.040 §9.2.2.1): a message from the network to the phone.

use super::address::{self, Address};
use super::cursor::Cursor;
use super::dcs::Dcs;
use super::error::Field;
use super::scts::Timestamp;
use super::udh::Concat;
use super::userdata::{self, UserData};
use super::PduError;

/// First-octet bits of SMS-DELIVER.
pub(crate) mod fo {
    /// TP-MMS: set when no more messages are waiting (inverted sense).
    pub const NO_MORE_MESSAGES: u8 = 0x04;
    /// TP-SRI.
    pub const STATUS_REPORT_INDICATION: u8 = 0x20;
    /// TP-UDHI.
    pub const UDHI: u8 = 0x40;
    /// TP-RP.
    pub const REPLY_PATH: u8 = 0x80;
}

/// A decoded SMS-DELIVER.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Deliver {
    /// The SMSC address in front of the TPDU, when present.
    pub smsc: Option<Address>,
    /// The first octet as received.
    pub first_octet: u8,
    /// TP-MMS: more messages are waiting at the SMSC.
    pub more_messages: bool,
    /// TP-SRI: the sender asked for a status report.
    pub status_report_indication: bool,
    /// TP-RP.
    pub reply_path: bool,
    /// TP-OA: who sent it.
    pub sender: Address,
    /// TP-PID.
    pub pid: u8,
    /// TP-DCS.
    pub dcs: Dcs,
    /// TP-SCTS: when the SMSC received it.
    pub scts: Timestamp,
    /// Concatenation, when this is one part of a longer message.
    pub concat: Option<Concat>,
    /// The text or data.
    pub user_data: UserData,
}

impl Deliver {
    /// The text, if the message is text.
    pub fn text(&self) -> Option<&str> {
        self.user_data.text()
    }
}

pub(crate) fn read(
    c: &mut Cursor<'_>,
    smsc: Option<Address>,
    first: u8,
) -> Result<Deliver, PduError> {
    let sender = address::read(c)?;
    let pid = c.u8(Field::ProtocolId)?;
    let dcs_at = c.pos();
    let dcs = Dcs::from_octet(c.u8(Field::DataCoding)?);
    let scts = Timestamp::from_octets(c.array(Field::Timestamp)?);
    let (concat, user_data) = userdata::read(c, dcs, dcs_at, first & fo::UDHI != 0)?;
    Ok(Deliver {
        smsc,
        first_octet: first,
        more_messages: first & fo::NO_MORE_MESSAGES == 0,
        status_report_indication: first & fo::STATUS_REPORT_INDICATION != 0,
        reply_path: first & fo::REPLY_PATH != 0,
        sender,
        pid,
        dcs,
        scts,
        concat,
        user_data,
    })
}
