//! PDU mode: SMS-DELIVER PDUs for what the modem stores, SMS-SUBMIT PDUs from the host.
//! The codec itself is [`crate::pdu`]; this only adapts it to the simulator.

use super::store::Body;
use super::text::{hex, unhex};
use crate::pdu::{self, Concat, DeliverParams, Pdu, UserData};

/// The service centre written in front of every stored PDU.
const SMSC: &str = "+359888000888";

/// What a stored SMS-DELIVER says, as text mode shows it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Decoded {
    pub from: String,
    pub text: String,
    pub scts: String,
}

/// What the host sent with `+CMGS` in PDU mode.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Submit {
    pub to: String,
    pub text: String,
    pub concat: Option<Concat>,
}

fn user_text(ud: &UserData) -> String {
    match ud {
        UserData::Text(t) => t.as_str().to_string(),
        UserData::Data(d) => hex(d),
    }
}

/// Decodes a stored SMS-DELIVER (SMSC address first); `None` when it is not one.
pub fn decode_deliver(bytes: &[u8]) -> Option<Decoded> {
    match pdu::decode(bytes, true).ok()? {
        Pdu::Deliver(d) => {
            let t = d.scts;
            let sign = if t.tz_quarters < 0 { '-' } else { '+' };
            Some(Decoded {
                from: d.sender.to_string(),
                text: user_text(&d.user_data),
                scts: format!(
                    "{:02}/{:02}/{:02},{:02}:{:02}:{:02}{sign}{:02}",
                    t.year % 100,
                    t.month,
                    t.day,
                    t.hour,
                    t.minute,
                    t.second,
                    t.tz_quarters.unsigned_abs()
                ),
            })
        }
        _ => None,
    }
}

/// The SMS-DELIVER PDU (SMSC address first) of a stored message.
pub fn deliver_bytes(body: &Body) -> Option<Vec<u8>> {
    match body {
        Body::Pdu(bytes) => Some(bytes.clone()),
        Body::Built {
            from,
            text,
            scts,
            concat,
            coding,
        } => {
            let params = DeliverParams {
                smsc: Some(SMSC),
                sender: from,
                scts: scts.timestamp(),
                text,
                coding: *coding,
                concat: *concat,
            };
            let mut buf = [0u8; pdu::PDU_MAX_OCTETS];
            let enc = pdu::encode_deliver(&params, &mut buf).ok()?;
            buf.get(..enc.len_total).map(<[u8]>::to_vec)
        }
    }
}

/// Decodes the hex the host typed after `AT+CMGS=<len>`; `Err(+CMS code)` when it is wrong:
/// 304 when it is not hex, not an SMS-SUBMIT, or `len` is not the TPDU's length.
pub fn decode_submit(hex_text: &str, len: usize) -> Result<Submit, u16> {
    let bytes = unhex(hex_text).ok_or(304u16)?;
    let smsc_len = usize::from(*bytes.first().ok_or(304u16)?);
    if bytes.len().checked_sub(1 + smsc_len) != Some(len) {
        return Err(304);
    }
    match pdu::decode(&bytes, true) {
        Ok(Pdu::Submit(s)) => Ok(Submit {
            to: s.recipient.to_string(),
            text: user_text(&s.user_data),
            concat: s.concat,
        }),
        _ => Err(304),
    }
}
