//! `+CSCA: <sca>,<tosca>` — the service centre address (27.005 §3.3.1). An empty address
//! (`+CSCA: "",129`) means none is set; some Qualcomm/ZTE units lose it after `AT+CSMP`.

use super::{fields, ParseError};

/// The service centre address.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Csca<'a> {
    /// The number as the modem wrote it (in the `+CSCS` character set); may be empty.
    pub number: &'a [u8],
    /// Type of address: 145 international, 129 unknown/national.
    pub toa: Option<u8>,
}

impl<'a> Csca<'a> {
    /// Parses a `+CSCA:` line.
    pub fn parse(line: &'a [u8]) -> Result<Self, ParseError> {
        let p = fields(line, b"+CSCA")?;
        p.at_most(2)?;
        let number = p.req(0)?.text()?;
        let toa = match p.get(1) {
            Some(t) => t.opt_u8()?,
            None => None,
        };
        Ok(Csca { number, toa })
    }

    /// True when an address is set.
    pub fn is_set(&self) -> bool {
        !self.number.is_empty()
    }
}
