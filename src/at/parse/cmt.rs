//! `+CMT:` and `+CDS:` — a message or status report delivered straight to the terminal
//! (27.005 §3.4.1, `+CNMI` mt=2 / ds=1); the PDU (hex) or text follows on the next line.
//!
//! PDU mode: `+CMT: [<alpha>],<length>` (`+CMT: ,23`, `+CMT: "alpha",23`; some modems send
//! only `+CMT: 23`) and `+CDS: <length>`.
//! Text mode: `+CMT: <oa>,[<alpha>],<scts>[,<tooa>,<fo>,<pid>,<dcs>,<sca>,<tosca>,<length>]`.

use super::cmgr::{opt_u16, opt_u8};
use super::{fields, ParseError};

/// The header of a `+CMT` in PDU mode.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct CmtPdu<'a> {
    /// The phonebook name of the sender, if any.
    pub alpha: Option<&'a [u8]>,
    /// TPDU length in octets.
    pub length: u16,
}

impl<'a> CmtPdu<'a> {
    /// Parses a PDU-mode `+CMT:` header.
    pub fn parse(line: &'a [u8]) -> Result<Self, ParseError> {
        let p = fields(line, b"+CMT")?;
        p.at_most(2)?;
        let (alpha, length) = match p.len() {
            1 => (None, p.req(0)?),
            _ => (p.req(0)?.opt_text()?, p.req(1)?),
        };
        Ok(CmtPdu {
            alpha,
            length: length.u16()?,
        })
    }
}

/// The header of a `+CMT` in text mode.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct CmtText<'a> {
    /// The sender, in the `+CSCS` character set.
    pub addr: &'a [u8],
    /// The phonebook name, if any.
    pub alpha: Option<&'a [u8]>,
    /// The service centre time stamp `yy/MM/dd,hh:mm:ss±zz`.
    pub scts: &'a [u8],
    /// Type of the sender's address, when shown (`+CSDH=1`).
    pub toa: Option<u8>,
    /// The length of the text, when shown (`+CSDH=1`).
    pub length: Option<u16>,
}

/// Parameters of the long (`+CSDH=1`) text-mode `+CMT` header.
const LONG_FORM: usize = 10;

impl<'a> CmtText<'a> {
    /// Parses a text-mode `+CMT:` header.
    pub fn parse(line: &'a [u8]) -> Result<Self, ParseError> {
        let p = fields(line, b"+CMT")?;
        p.at_most(LONG_FORM)?;
        let addr = p.req(0)?.text()?;
        let alpha = p.req(1)?.opt_text()?;
        let scts = p.req(2)?.text()?;
        let toa = opt_u8(p.get(3))?;
        let length = if p.len() == LONG_FORM {
            opt_u16(p.get(LONG_FORM.saturating_sub(1)))?
        } else {
            None
        };
        Ok(CmtText {
            addr,
            alpha,
            scts,
            toa,
            length,
        })
    }
}

/// The header of a `+CDS` in PDU mode.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct CdsPdu {
    /// TPDU length in octets.
    pub length: u16,
}

impl CdsPdu {
    /// Parses a PDU-mode `+CDS:` header.
    pub fn parse(line: &[u8]) -> Result<Self, ParseError> {
        let p = fields(line, b"+CDS")?;
        p.at_most(1)?;
        Ok(CdsPdu {
            length: p.req(0)?.u16()?,
        })
    }
}
