//! `+CMGS: <mr>[,<scts>|<ackpdu>]` — the answer to a successful send (27.005 §3.5.1).

use super::{fields, ParseError};

/// The network accepted a message.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Cmgs<'a> {
    /// TP-Message-Reference (one octet, TS 23.040 §9.2.3.6); a status report carries it too.
    pub mr: u8,
    /// The optional second parameter: the service centre time stamp in text mode, the
    /// acknowledgement PDU in hex in PDU mode (with `+CSMS=1`).
    pub extra: Option<&'a [u8]>,
}

impl<'a> Cmgs<'a> {
    /// Parses a `+CMGS:` line.
    pub fn parse(line: &'a [u8]) -> Result<Self, ParseError> {
        let p = fields(line, b"+CMGS")?;
        p.at_most(2)?;
        let mr = p.req(0)?.u8()?;
        let extra = match p.get(1) {
            Some(x) => x.opt_text()?,
            None => None,
        };
        Ok(Cmgs { mr, extra })
    }
}
