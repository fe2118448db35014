//! PDU mode: SMS-DELIVER PDUs for what the modem stores, SMS-SUBMIT PDUs from the host.
//! The codec itself is `crate::pdu`.

use super::store::{Body, Concat};

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

/// Decodes a stored SMS-DELIVER (SMSC address first).
pub fn decode_deliver(_bytes: &[u8]) -> Option<Decoded> {
    None
}

/// The SMS-DELIVER PDU (SMSC address first) of a stored message.
pub fn deliver_bytes(body: &Body) -> Option<Vec<u8>> {
    match body {
        Body::Pdu(bytes) => Some(bytes.clone()),
        Body::Built { .. } => None,
    }
}

/// Decodes the hex the host typed after `AT+CMGS=<len>`; `Err(cms code)` when it is wrong.
pub fn decode_submit(_hex: &str, _len: usize) -> Result<Submit, u16> {
    Err(303)
}
