//! `+COPS: <mode>[,<format>,<oper>[,<AcT>]]` — the operator (27.007 §7.3), the answer to
//! `AT+COPS?`. Without a network only `<mode>` comes back (`+COPS: 0`).

use super::creg::AccessTech;
use super::{fields, ParseError};

/// How the operator is selected.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CopsMode {
    /// 0: automatic.
    Automatic,
    /// 1: manual.
    Manual,
    /// 2: deregistered.
    Deregistered,
    /// 3: (only sets the format).
    FormatOnly,
    /// 4: manual, falling back to automatic.
    ManualAutomatic,
    /// A value this code does not know.
    Unknown(u8),
}

/// How `<oper>` is written.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum OperFormat {
    /// 0: long alphanumeric (`"A1 BG"`).
    Long,
    /// 1: short alphanumeric.
    Short,
    /// 2: numeric MCC and MNC (`"28401"`).
    Numeric,
    /// A value this code does not know.
    Unknown(u8),
}

/// The operator's name in the format given.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Operator<'a> {
    /// How `name` is written.
    pub format: OperFormat,
    /// The name or the MCC+MNC digits.
    pub name: &'a [u8],
}

/// The answer to `AT+COPS?`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Cops<'a> {
    /// Selection mode.
    pub mode: CopsMode,
    /// The operator, when registered.
    pub operator: Option<Operator<'a>>,
    /// The access technology, when given.
    pub act: Option<AccessTech>,
}

impl<'a> Cops<'a> {
    /// Parses a `+COPS:` query answer (not the `=?` scan list).
    pub fn parse(line: &'a [u8]) -> Result<Self, ParseError> {
        let p = fields(line, b"+COPS")?;
        p.at_most(4)?;
        let mode = match p.req(0)?.u8()? {
            0 => CopsMode::Automatic,
            1 => CopsMode::Manual,
            2 => CopsMode::Deregistered,
            3 => CopsMode::FormatOnly,
            4 => CopsMode::ManualAutomatic,
            n => CopsMode::Unknown(n),
        };
        let format = match p.get(1) {
            Some(f) => f.opt_u8()?,
            None => None,
        };
        let name = match p.get(2) {
            Some(n) => n.opt_text()?,
            None => None,
        };
        let operator = match (format, name) {
            (Some(f), Some(name)) => Some(Operator {
                format: match f {
                    0 => OperFormat::Long,
                    1 => OperFormat::Short,
                    2 => OperFormat::Numeric,
                    n => OperFormat::Unknown(n),
                },
                name,
            }),
            _ => None,
        };
        let act = match p.get(3) {
            Some(a) => a.opt_u8()?.map(AccessTech::from_number),
            None => None,
        };
        Ok(Cops {
            mode,
            operator,
            act,
        })
    }
}
