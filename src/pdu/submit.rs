//! SMS-SUBMIT (TS 23.040 §9.2.2.2): a message from the phone to the network, as stored in the
//! modem's "sent" or "unsent" folders; and the validity period (§9.2.3.12).

use super::address::{self, Address};
use super::cursor::Cursor;
use super::dcs::Dcs;
use super::error::Field;
use super::scts::Timestamp;
use super::udh::Concat;
use super::userdata::{self, UserData};
use super::PduError;
use crate::time::Duration;

/// First-octet bits of SMS-SUBMIT.
pub(crate) mod fo {
    /// TP-MTI value of SMS-SUBMIT.
    pub const MTI_SUBMIT: u8 = 0x01;
    /// TP-RD.
    pub const REJECT_DUPLICATES: u8 = 0x04;
    /// TP-VPF mask and values.
    pub const VPF_MASK: u8 = 0x18;
    /// TP-VPF: relative, one octet.
    pub const VPF_RELATIVE: u8 = 0x10;
    /// TP-VPF: enhanced, seven octets.
    pub const VPF_ENHANCED: u8 = 0x08;
    /// TP-VPF: absolute, seven octets.
    pub const VPF_ABSOLUTE: u8 = 0x18;
    /// TP-SRR.
    pub const STATUS_REPORT_REQUEST: u8 = 0x20;
    /// TP-UDHI.
    pub const UDHI: u8 = 0x40;
    /// TP-RP.
    pub const REPLY_PATH: u8 = 0x80;
}

/// TP-VP in any of its formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Validity {
    /// No validity period given.
    None,
    /// Relative, one octet (see [`Validity::relative_duration`]).
    Relative(u8),
    /// Absolute: a timestamp.
    Absolute(Timestamp),
    /// Enhanced (TS 23.040 §9.2.3.12.3): the seven octets as received.
    Enhanced([u8; 7]),
}

impl Validity {
    /// The duration a relative validity octet stands for (TS 23.040 §9.2.3.12.1).
    pub fn relative_duration(v: u8) -> Duration {
        let v = u64::from(v);
        // v ≤ 255, so every product below is far from overflowing a u64; saturating operations
        // keep that true by construction.
        let minutes = match v {
            0..=143 => v.saturating_add(1).saturating_mul(5),
            144..=167 => v
                .saturating_sub(143)
                .saturating_mul(30)
                .saturating_add(12 * 60),
            168..=196 => v.saturating_sub(166).saturating_mul(24 * 60),
            _ => v.saturating_sub(192).saturating_mul(7 * 24 * 60),
        };
        Duration::from_secs(minutes.saturating_mul(60))
    }

    /// The duration an enhanced validity period (TS 23.040 §9.2.3.12.3) gives, when it gives
    /// one: relative as one octet, in seconds, or as swapped-BCD hours, minutes, seconds.
    pub fn enhanced_duration(o: &[u8; 7]) -> Option<Duration> {
        // Functionality-indicator octets chain with bit 7; the period follows the last one.
        let fi_len = o.iter().position(|b| b & 0x80 == 0)?.checked_add(1)?;
        let format = o.first()? & 0x07;
        let vp = o.get(fi_len..)?;
        match (format, vp) {
            (0, _) => None,
            (1, [v, ..]) => Some(Self::relative_duration(*v)),
            (2, [v, ..]) => Some(Duration::from_secs(u64::from(*v))),
            (3, [h, m, s, ..]) => {
                // Semi-octets: at most 15·10 + 15 = 165 per octet, so nothing here can overflow.
                let bcd = |b: u8| {
                    u64::from(b & 0x0F)
                        .saturating_mul(10)
                        .saturating_add(u64::from(b >> 4))
                };
                let secs = bcd(*h)
                    .saturating_mul(3600)
                    .saturating_add(bcd(*m).saturating_mul(60))
                    .saturating_add(bcd(*s));
                Some(Duration::from_secs(secs))
            }
            _ => None,
        }
    }

    /// The smallest relative octet whose duration is at least `d` (255 = 63 weeks at most).
    pub fn relative_octet(d: Duration) -> u8 {
        (0u8..=255)
            .find(|&v| Self::relative_duration(v) >= d)
            .unwrap_or(255)
    }
}

/// A decoded SMS-SUBMIT.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Submit {
    /// The SMSC address in front of the TPDU, when present.
    pub smsc: Option<Address>,
    /// The first octet as received.
    pub first_octet: u8,
    /// TP-RD.
    pub reject_duplicates: bool,
    /// TP-SRR: a status report is requested.
    pub status_report_request: bool,
    /// TP-RP.
    pub reply_path: bool,
    /// TP-MR.
    pub mr: u8,
    /// TP-DA: who it goes to.
    pub recipient: Address,
    /// TP-PID.
    pub pid: u8,
    /// TP-DCS.
    pub dcs: Dcs,
    /// TP-VP.
    pub validity: Validity,
    /// Concatenation, when this is one part of a longer message.
    pub concat: Option<Concat>,
    /// The text or data.
    pub user_data: UserData,
}

impl Submit {
    /// The text, if the message is text.
    pub fn text(&self) -> Option<&str> {
        self.user_data.text()
    }
}

pub(crate) fn read(
    c: &mut Cursor<'_>,
    smsc: Option<Address>,
    first: u8,
) -> Result<Submit, PduError> {
    let mr = c.u8(Field::MessageReference)?;
    let recipient = address::read(c)?;
    let pid = c.u8(Field::ProtocolId)?;
    let dcs_at = c.pos();
    let dcs = Dcs::from_octet(c.u8(Field::DataCoding)?);
    let validity = match first & fo::VPF_MASK {
        fo::VPF_RELATIVE => Validity::Relative(c.u8(Field::ValidityPeriod)?),
        fo::VPF_ABSOLUTE => {
            Validity::Absolute(Timestamp::from_octets(c.array(Field::ValidityPeriod)?))
        }
        fo::VPF_ENHANCED => Validity::Enhanced(c.array(Field::ValidityPeriod)?),
        _ => Validity::None,
    };
    let (concat, user_data) = userdata::read(c, dcs, dcs_at, first & fo::UDHI != 0)?;
    Ok(Submit {
        smsc,
        first_octet: first,
        reject_duplicates: first & fo::REJECT_DUPLICATES != 0,
        status_report_request: first & fo::STATUS_REPORT_REQUEST != 0,
        reply_path: first & fo::REPLY_PATH != 0,
        mr,
        recipient,
        pid,
        dcs,
        validity,
        concat,
        user_data,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn relative_validity_ranges() {
        assert_eq!(Validity::relative_duration(0), Duration::from_secs(5 * 60));
        assert_eq!(
            Validity::relative_duration(143),
            Duration::from_secs(12 * 3600)
        );
        assert_eq!(
            Validity::relative_duration(167),
            Duration::from_secs(24 * 3600)
        );
        assert_eq!(
            Validity::relative_duration(168),
            Duration::from_secs(2 * 86400)
        );
        assert_eq!(
            Validity::relative_duration(197),
            Duration::from_secs(5 * 7 * 86400)
        );
        assert_eq!(
            Validity::relative_octet(Duration::from_secs(4 * 86400)),
            170
        );
        assert_eq!(Validity::relative_octet(Duration::from_secs(1)), 0);
    }

    #[test]
    fn enhanced_validity_formats() {
        let d = |o: [u8; 7]| Validity::enhanced_duration(&o);
        assert_eq!(d([0x00, 0, 0, 0, 0, 0, 0]), None);
        assert_eq!(
            d([0x01, 0xA9, 0, 0, 0, 0, 0]),
            Some(Duration::from_secs(3 * 86400))
        );
        assert_eq!(d([0x42, 90, 0, 0, 0, 0, 0]), Some(Duration::from_secs(90)));
        // 12:34:56 as swapped BCD, behind one extension octet.
        assert_eq!(
            d([0x83, 0x00, 0x21, 0x43, 0x65, 0, 0]),
            Some(Duration::from_secs(12 * 3600 + 34 * 60 + 56))
        );
        assert_eq!(d([0x80; 7]), None);
        assert_eq!(d([0x05, 1, 2, 3, 4, 5, 6]), None);
    }
}
