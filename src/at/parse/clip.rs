//! `+CLIP: <number>,<type>[,<subaddr>,<satype>[,<alpha>[,<CLI validity>]]]` — the caller of an
//! incoming call (27.007 §7.6), after `RING`.

use super::cmgr::opt_u8;
use super::{fields, ParseError};

/// Who is calling.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Clip<'a> {
    /// The caller's number; empty when withheld.
    pub number: &'a [u8],
    /// Type of address (145 international, 129 national/unknown).
    pub toa: Option<u8>,
    /// The phonebook name, if any.
    pub alpha: Option<&'a [u8]>,
    /// CLI validity: 0 valid, 1 withheld, 2 not available.
    pub validity: Option<u8>,
}

impl<'a> Clip<'a> {
    /// Parses a `+CLIP:` line.
    pub fn parse(line: &'a [u8]) -> Result<Self, ParseError> {
        let p = fields(line, b"+CLIP")?;
        p.at_most(6)?;
        let number = p.req(0)?.text()?;
        let toa = opt_u8(p.get(1))?;
        let alpha = match p.get(4) {
            Some(a) => a.opt_text()?,
            None => None,
        };
        Ok(Clip {
            number,
            toa,
            alpha,
            validity: opt_u8(p.get(5))?,
        })
    }
}
