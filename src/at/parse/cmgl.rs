//! `+CMGL:` — one entry of a message list (27.005 §3.4.2); the PDU (hex) or the text follows
//! on the next line.
//!
//! PDU mode: `+CMGL: <index>,<stat>,[<alpha>],<length>` (some modems leave the alpha out).
//! Text mode: `+CMGL: <index>,<stat>,<oa/da>,[<alpha>],[<scts>][,<tooa/toda>,<length>]`.

use super::cmgr::{opt_u16, pdu_header, text_header};
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

/// A list entry in text mode.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct CmglText<'a> {
    /// Index in storage.
    pub index: u32,
    /// The status word.
    pub status: MsgStatus<'a>,
    /// Sender or recipient.
    pub addr: &'a [u8],
    /// The phonebook name, if any.
    pub alpha: Option<&'a [u8]>,
    /// The service centre time stamp, received messages only.
    pub scts: Option<&'a [u8]>,
    /// The type of address, when shown (`+CSDH=1`).
    pub toa: Option<u8>,
    /// The length of the text, when shown (`+CSDH=1`).
    pub length: Option<u16>,
}

impl<'a> CmglText<'a> {
    /// Parses a text-mode `+CMGL:` line.
    pub fn parse(line: &'a [u8]) -> Result<Self, ParseError> {
        let p = fields(line, b"+CMGL")?;
        let index = p.req(0)?.u32()?;
        let h = text_header(&p, 1, true)?;
        Ok(CmglText {
            index,
            status: h.status,
            addr: h.addr,
            alpha: h.alpha,
            scts: h.scts,
            toa: h.toa,
            length: opt_u16(p.get(6))?,
        })
    }
}
