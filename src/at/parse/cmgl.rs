//! `+CMGL:` — one entry of a message list (27.005 §3.4.2); the PDU (hex) or the text follows
//! on the next line.
//!
//! PDU mode: `+CMGL: <index>,<stat>,[<alpha>],<length>` (some modems leave the alpha out).
//! Text mode: `+CMGL: <index>,<stat>,<oa/da>,[<alpha>],[<scts>][,<tooa/toda>,<length>]`.

use super::cmgr::{opt_u16, pdu_header, text_header, CmgrText};
use super::{fields, MsgStatus, ParseError};

/// A list entry in PDU mode.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct CmglPdu<'a> {
    /// Index in storage, for `AT+CMGR`/`AT+CMGD`.
    pub index: u32,
    /// The status (a number in PDU mode; a word from some modems).
    pub status: Option<MsgStatus<'a>>,
    /// The phonebook name, if any.
    pub alpha: Option<&'a [u8]>,
    /// TPDU length in octets.
    pub length: u16,
}

impl<'a> CmglPdu<'a> {
    /// Parses a PDU-mode `+CMGL:` line.
    pub fn parse(line: &'a [u8]) -> Result<Self, ParseError> {
        let p = fields(line, b"+CMGL")?;
        let index = p.req(0)?.u32()?;
        // The index is followed by the `+CMGR` forms with 2 or 3 parameters.
        p.at_most(4)?;
        p.req(2)?;
        let (_, status, alpha, length) = pdu_header(&p, 1)?;
        Ok(CmglPdu {
            index,
            status,
            alpha,
            length,
        })
    }
}

/// A list entry in text mode: the index, then the same fields a text-mode `+CMGR:` header
/// carries.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct CmglText<'a> {
    /// Index in storage.
    pub index: u32,
    /// Status, address, name, time stamp, type of address and length.
    pub header: CmgrText<'a>,
}

impl<'a> CmglText<'a> {
    /// Parses a text-mode `+CMGL:` line.
    pub fn parse(line: &'a [u8]) -> Result<Self, ParseError> {
        let p = fields(line, b"+CMGL")?;
        let index = p.req(0)?.u32()?;
        let mut header = text_header(&p, 1, true)?;
        // In a list the length is always the seventh parameter (after index and type).
        header.length = opt_u16(p.get(6))?;
        Ok(CmglText { index, header })
    }
}
