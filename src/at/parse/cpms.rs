//! `+CPMS` — preferred message storage (27.005 §3.2.2), three answers:
//!
//! - to `AT+CPMS?`: `+CPMS: <mem1>,<used1>,<total1>[,<mem2>,<used2>,<total2>[,<mem3>,…]]`
//!   ([`CpmsQuery`]; 1 to 3 storages, modems differ);
//! - to `AT+CPMS=<mem1>[,<mem2>[,<mem3>]]`: `+CPMS: <used1>,<total1>[,…]` ([`CpmsSet`], 1 to 3
//!   pairs);
//! - to `AT+CPMS=?`: `+CPMS: ("SM","ME"),("SM","ME"),("SM","ME")` ([`CpmsTest`]); some modems
//!   leave the parentheses out for a single storage (`+CPMS: "SM","SM","SM"`) and some answer
//!   nothing (`+CPMS: `).

use super::params::Form;
use super::{fields, ErrorKind, Mem, Params, ParseError};

/// How full one storage is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Usage {
    /// Messages stored.
    pub used: u16,
    /// Room in all.
    pub total: u16,
}

impl Usage {
    /// True when no message fits any more (then `+CMTI` stops; Huawei says `^SMMEMFULL`).
    pub fn is_full(&self) -> bool {
        self.used >= self.total
    }
}

const NO_USAGE: Usage = Usage { used: 0, total: 0 };

/// The answer to `AT+CPMS?`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct CpmsQuery<'a> {
    mems: [(Mem<'a>, Usage); 3],
    len: usize,
}

impl<'a> CpmsQuery<'a> {
    /// Parses a `+CPMS:` query answer.
    pub fn parse(line: &'a [u8]) -> Result<Self, ParseError> {
        let p = fields(line, b"+CPMS")?;
        p.at_most(9)?;
        let mut out = CpmsQuery {
            mems: [(Mem::Sm, NO_USAGE); 3],
            len: 0,
        };
        let triples = p.as_slice().chunks(3);
        if p.is_empty() || !p.len().is_multiple_of(3) {
            return Err(ParseError {
                kind: ErrorKind::Missing,
                at: line.len(),
            });
        }
        for (slot, t) in out.mems.iter_mut().zip(triples) {
            let (Some(mem), Some(used), Some(total)) = (t.first(), t.get(1), t.get(2)) else {
                break;
            };
            if mem.form != Form::Quoted {
                return Err(ParseError {
                    kind: ErrorKind::Value,
                    at: mem.at,
                });
            }
            *slot = (
                Mem::from_param(mem)?,
                Usage {
                    used: used.u16()?,
                    total: total.u16()?,
                },
            );
            out.len = out.len.saturating_add(1);
        }
        Ok(out)
    }

    /// The storages (mem1 read/delete, mem2 write/send, mem3 receive) and their usage.
    pub fn mems(&self) -> &[(Mem<'a>, Usage)] {
        self.mems.get(..self.len).unwrap_or_default()
    }
}

/// The answer to `AT+CPMS=…`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct CpmsSet {
    usage: [Usage; 3],
    len: usize,
}

impl CpmsSet {
    /// Parses a `+CPMS:` set answer.
    pub fn parse(line: &[u8]) -> Result<Self, ParseError> {
        let p = fields(line, b"+CPMS")?;
        p.at_most(6)?;
        if p.is_empty() || !p.len().is_multiple_of(2) {
            return Err(ParseError {
                kind: ErrorKind::Missing,
                at: line.len(),
            });
        }
        let mut out = CpmsSet {
            usage: [NO_USAGE; 3],
            len: 0,
        };
        for (slot, pair) in out.usage.iter_mut().zip(p.as_slice().chunks(2)) {
            let (Some(used), Some(total)) = (pair.first(), pair.get(1)) else {
                break;
            };
            *slot = Usage {
                used: used.u16()?,
                total: total.u16()?,
            };
            out.len = out.len.saturating_add(1);
        }
        Ok(out)
    }

    /// The usage of mem1, mem2, mem3 (as many as the modem gave).
    pub fn usage(&self) -> &[Usage] {
        self.usage.get(..self.len).unwrap_or_default()
    }
}

/// The answer to `AT+CPMS=?`: for each of up to 3 storage roles, the storages supported.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct CpmsTest<'a> {
    lists: [&'a [u8]; 3],
    len: usize,
}

impl<'a> CpmsTest<'a> {
    /// Parses a `+CPMS:` test answer.
    pub fn parse(line: &'a [u8]) -> Result<Self, ParseError> {
        let p = fields(line, b"+CPMS")?;
        p.at_most(3)?;
        let mut out = CpmsTest {
            lists: [b""; 3],
            len: 0,
        };
        for (slot, param) in out.lists.iter_mut().zip(p.as_slice()) {
            if param.form == Form::Bare {
                return Err(ParseError {
                    kind: ErrorKind::Value,
                    at: param.at,
                });
            }
            // A bare quoted storage (no parentheses) is a list of one: keep its quotes so it
            // splits like a group.
            let list = match param.form {
                Form::Quoted => line
                    .get(
                        param.at.saturating_sub(1)
                            ..param.at.saturating_add(param.raw.len()).saturating_add(1),
                    )
                    .unwrap_or_default(),
                _ => param.raw,
            };
            // Check now that the list splits, so `list()` never fails later.
            let names = Params::split(list, 0)?;
            if let Some(bad) = names.as_slice().iter().find(|n| n.form != Form::Quoted) {
                return Err(ParseError {
                    kind: ErrorKind::Value,
                    at: param.at.saturating_add(bad.at),
                });
            }
            *slot = list;
            out.len = out.len.saturating_add(1);
        }
        Ok(out)
    }

    /// How many storage roles the answer lists (0 to 3).
    pub fn len(&self) -> usize {
        self.len
    }

    /// True when the modem listed no storage at all.
    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    /// The storages supported for role `i` (0 = mem1 read/delete, 1 = mem2, 2 = mem3).
    pub fn list(&self, i: usize) -> impl Iterator<Item = Mem<'a>> + 'a {
        let raw: &'a [u8] = if i < self.len {
            self.lists.get(i).copied().unwrap_or_default()
        } else {
            b""
        };
        let names = Params::split(raw, 0).ok();
        (0..names.map_or(0, |n| n.len())).filter_map(move |k| {
            names
                .and_then(|n| n.get(k))
                .and_then(|p| p.text().ok())
                .map(Mem::from_name)
        })
    }

    /// True when role `i` supports storage `mem`.
    pub fn supports(&self, i: usize, mem: Mem<'_>) -> bool {
        self.list(i)
            .any(|m| m.name().eq_ignore_ascii_case(mem.name()))
    }
}
