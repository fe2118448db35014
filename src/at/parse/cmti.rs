//! `+CMTI: <mem>,<index>` — a new message was stored (27.005 §3.4.1, `+CNMI` mt=1).
//!
//! Huawei numbers its storage from 0, so index 0 is valid.

use super::{fields, Mem, ParseError};

/// A new message is in storage `mem` at `index`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Cmti<'a> {
    /// Where it was stored (`"SM"`, `"ME"`, `"MT"`…).
    pub mem: Mem<'a>,
    /// Its index in that storage, for `AT+CMGR=<index>`.
    pub index: u32,
}

impl<'a> Cmti<'a> {
    /// Parses a `+CMTI:` line.
    pub fn parse(line: &'a [u8]) -> Result<Self, ParseError> {
        mem_index(line, b"+CMTI").map(|(mem, index)| Cmti { mem, index })
    }
}

/// The shared `<mem>,<index>` form of `+CMTI` and `+CDSI`.
pub(super) fn mem_index<'a>(line: &'a [u8], name: &[u8]) -> Result<(Mem<'a>, u32), ParseError> {
    let p = fields(line, name)?;
    p.at_most(2)?;
    let mem = Mem::from_param(&p.req(0)?)?;
    let index = p.req(1)?.u32()?;
    Ok((mem, index))
}
