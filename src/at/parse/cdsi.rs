//! `+CDSI: <mem>,<index>` — a status report was stored (27.005 §3.4.1, `+CNMI` ds=2).

use super::{cmti::mem_index, Mem, ParseError};

/// A status report is in storage `mem` (usually `"SR"`) at `index`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Cdsi<'a> {
    /// Where it was stored.
    pub mem: Mem<'a>,
    /// Its index in that storage.
    pub index: u32,
}

impl<'a> Cdsi<'a> {
    /// Parses a `+CDSI:` line.
    pub fn parse(line: &'a [u8]) -> Result<Self, ParseError> {
        mem_index(line, b"+CDSI").map(|(mem, index)| Cdsi { mem, index })
    }
}
