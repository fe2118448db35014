//! Typed parsers for the AT information responses and URC payloads smsctl uses.
//!
//! Each parser takes ONE line as the framer delivered it (no CR/LF) and returns a value that
//! borrows from it. Two-line forms (`+CMGR`, `+CMGL`, `+CMT`, `+CDS` followed by a PDU or text
//! line) are parsed header first; the caller hands the next line to the PDU decoder or reads it
//! as text. The parameters are split by [`params::Params`], a checked tokenizer that honours
//! quotes, so `"24/11/26,12:00:00+08"` stays one parameter.
//!
//! Every parser is total: any input gives a value or a [`ParseError`] with the offset of the
//! trouble; no panics, no allocation, numbers checked against overflow. Enumerations keep values
//! they do not know (`Unknown(u8)` for numbers, `Other(&[u8])` for words) so that an odd modem
//! never loses a message.
//!
//! The session decides whether a line answers the command in flight or is a URC. For
//! `+CREG`/`+CGREG`/`+CEREG`, whose two-field forms are ambiguous (`n,stat` answer versus
//! `stat,lac` URC), the caller says which it expects ([`creg::Shape`]).

pub mod cdsi;
pub mod clip;
pub mod cmgl;
pub mod cmgr;
pub mod cmgs;
pub mod cmt;
pub mod cmti;
pub mod cops;
pub mod cpin;
pub mod cpms;
pub mod creg;
pub mod csca;
pub mod csq;
pub mod params;

use core::fmt;

pub use cdsi::Cdsi;
pub use clip::Clip;
pub use cmgl::{CmglPdu, CmglText};
pub use cmgr::{CmgrPdu, CmgrText};
pub use cmgs::Cmgs;
pub use cmt::{CdsPdu, CmtPdu, CmtText};
pub use cmti::Cmti;
pub use cops::Cops;
pub use cpin::Cpin;
pub use cpms::{CpmsQuery, CpmsSet, CpmsTest};
pub use creg::{AccessTech, RegStatus, Registration, Shape};
pub use csca::Csca;
pub use csq::Csq;
pub use params::{Param, Params};

/// What is wrong with a line.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ErrorKind {
    /// The line does not start with the response name this parser reads.
    Prefix,
    /// A parameter the form needs is absent or empty.
    Missing,
    /// Not a decimal number.
    Number,
    /// Not a hexadecimal number.
    Hex,
    /// A number larger than its field allows.
    Overflow,
    /// An unterminated quote or parenthesis, or text glued to one.
    Quote,
    /// More parameters than the form has.
    TooMany,
    /// A parameter of the wrong kind or outside its allowed set.
    Value,
}

/// A line that does not parse: what is wrong and at which byte offset of the line.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ParseError {
    /// What is wrong.
    pub kind: ErrorKind,
    /// Offset in the line where the problem was found.
    pub at: usize,
}

impl fmt::Display for ParseError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let what = match self.kind {
            ErrorKind::Prefix => "unexpected response name",
            ErrorKind::Missing => "missing parameter",
            ErrorKind::Number => "not a decimal number",
            ErrorKind::Hex => "not a hexadecimal number",
            ErrorKind::Overflow => "number out of range",
            ErrorKind::Quote => "bad quoting",
            ErrorKind::TooMany => "too many parameters",
            ErrorKind::Value => "unexpected value",
        };
        write!(f, "{what} at byte {}", self.at)
    }
}

/// Strips `name` (e.g. `b"+CMTI"`, compared without regard to case) and the colon after it,
/// and splits what follows into parameters.
pub fn fields<'a>(line: &'a [u8], name: &[u8]) -> Result<Params<'a>, ParseError> {
    let start = after_name(line, name)?;
    Params::split(line, start)
}

/// Offset just after `name:` at the start of `line`.
pub(crate) fn after_name(line: &[u8], name: &[u8]) -> Result<usize, ParseError> {
    let head = line.get(..name.len()).ok_or(ParseError {
        kind: ErrorKind::Prefix,
        at: 0,
    })?;
    if !head.eq_ignore_ascii_case(name) {
        return Err(ParseError {
            kind: ErrorKind::Prefix,
            at: 0,
        });
    }
    match line.get(name.len()) {
        Some(b':') => Ok(name.len().saturating_add(1)),
        _ => Err(ParseError {
            kind: ErrorKind::Prefix,
            at: name.len(),
        }),
    }
}

/// A message storage (27.005 §3.1 `<mem1>`…): `"SM"` (SIM), `"ME"` (modem), `"MT"` (both),
/// `"SR"` (status reports), `"BM"` (broadcast), `"TA"`; anything else is kept as is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Mem<'a> {
    /// SIM message storage.
    Sm,
    /// Modem (mobile equipment) storage.
    Me,
    /// SIM and modem storage together.
    Mt,
    /// Status report storage.
    Sr,
    /// Broadcast message storage.
    Bm,
    /// Terminal adaptor storage.
    Ta,
    /// A name this code does not know.
    Other(&'a [u8]),
}

impl<'a> Mem<'a> {
    /// The storage named by `name` (case-insensitive).
    pub fn from_name(name: &'a [u8]) -> Self {
        const KNOWN: [(&[u8], Mem<'static>); 6] = [
            (b"SM", Mem::Sm),
            (b"ME", Mem::Me),
            (b"MT", Mem::Mt),
            (b"SR", Mem::Sr),
            (b"BM", Mem::Bm),
            (b"TA", Mem::Ta),
        ];
        KNOWN
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map_or(Mem::Other(name), |&(_, m)| m)
    }

    /// The name as the modem writes it.
    pub fn name(&self) -> &'a [u8] {
        match self {
            Mem::Sm => b"SM",
            Mem::Me => b"ME",
            Mem::Mt => b"MT",
            Mem::Sr => b"SR",
            Mem::Bm => b"BM",
            Mem::Ta => b"TA",
            Mem::Other(name) => name,
        }
    }

    fn from_param(p: &Param<'a>) -> Result<Self, ParseError> {
        let name = p.text()?;
        if name.is_empty() {
            return Err(ParseError {
                kind: ErrorKind::Missing,
                at: p.at,
            });
        }
        Ok(Mem::from_name(name))
    }
}

/// The status of a stored message (27.005 §3.1 `<stat>`): a number in PDU mode, a word in text
/// mode. Unknown values are kept.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum MsgStatus<'a> {
    /// 0, `"REC UNREAD"`: received, not yet read.
    RecUnread,
    /// 1, `"REC READ"`: received and read.
    RecRead,
    /// 2, `"STO UNSENT"`: stored, not sent.
    StoUnsent,
    /// 3, `"STO SENT"`: stored and sent.
    StoSent,
    /// 4, `"ALL"`: every message (only as a `+CMGL` argument).
    All,
    /// A number outside 0–4.
    Unknown(u8),
    /// A word this code does not know.
    Other(&'a [u8]),
}

const STATUS_WORDS: [&[u8]; 5] = [
    b"REC UNREAD",
    b"REC READ",
    b"STO UNSENT",
    b"STO SENT",
    b"ALL",
];

impl<'a> MsgStatus<'a> {
    /// The status for PDU-mode number `n`.
    pub fn from_number(n: u8) -> Self {
        match n {
            0 => MsgStatus::RecUnread,
            1 => MsgStatus::RecRead,
            2 => MsgStatus::StoUnsent,
            3 => MsgStatus::StoSent,
            4 => MsgStatus::All,
            n => MsgStatus::Unknown(n),
        }
    }

    /// The status for text-mode word `w` (case-insensitive).
    pub fn from_word(w: &'a [u8]) -> Self {
        match STATUS_WORDS.iter().position(|s| s.eq_ignore_ascii_case(w)) {
            Some(i) => u8::try_from(i).map_or(MsgStatus::Other(w), MsgStatus::from_number),
            None => MsgStatus::Other(w),
        }
    }

    /// The PDU-mode number, if it has one.
    pub fn number(&self) -> Option<u8> {
        match self {
            MsgStatus::RecUnread => Some(0),
            MsgStatus::RecRead => Some(1),
            MsgStatus::StoUnsent => Some(2),
            MsgStatus::StoSent => Some(3),
            MsgStatus::All => Some(4),
            MsgStatus::Unknown(n) => Some(*n),
            MsgStatus::Other(_) => None,
        }
    }

    /// The text-mode word, if it has one.
    pub fn word(&self) -> Option<&'a [u8]> {
        match self {
            MsgStatus::Other(w) => Some(w),
            MsgStatus::Unknown(_) => None,
            known => known
                .number()
                .and_then(|n| STATUS_WORDS.get(usize::from(n)).copied()),
        }
    }

    /// True for messages the modem received (as opposed to stored for sending).
    pub fn is_received(&self) -> bool {
        matches!(self, MsgStatus::RecUnread | MsgStatus::RecRead)
    }

    /// Reads a status written either way: a quoted or bare word, or a number.
    fn from_param(p: &Param<'a>) -> Result<Self, ParseError> {
        if p.form == params::Form::Bare && p.raw.first().is_some_and(u8::is_ascii_digit) {
            return p.u8().map(MsgStatus::from_number);
        }
        p.text().map(MsgStatus::from_word)
    }

    /// Like [`MsgStatus::from_param`], but an empty parameter is `None`.
    fn opt_from_param(p: &Param<'a>) -> Result<Option<Self>, ParseError> {
        if p.is_empty() {
            Ok(None)
        } else {
            MsgStatus::from_param(p).map(Some)
        }
    }
}

/// Runs every parser of this module (and the hex decoder and the command formatter) on `line`
/// and returns how many accepted it. For the `at_parse` fuzz target and its corpus replay.
pub fn fuzz_all(line: &[u8]) -> usize {
    // An error must point inside the line (or just past its end).
    let ok = |r: Result<(), ParseError>| {
        if let Err(e) = r {
            debug_assert!(e.at <= line.len(), "{e} beyond {} bytes", line.len());
        }
        r.is_ok()
    };
    let cpms_test = CpmsTest::parse(line).map(|t| {
        // Walk the lists too: they are re-split on demand.
        let names: usize = (0..3).map(|i| t.list(i).count()).sum();
        debug_assert!(names <= 3 * params::MAX_PARAMS);
    });
    let results = [
        ok(Cmti::parse(line).map(drop)),
        ok(Cdsi::parse(line).map(drop)),
        ok(CmgrPdu::parse(line).map(drop)),
        ok(CmgrText::parse(line).map(drop)),
        ok(CmglPdu::parse(line).map(drop)),
        ok(CmglText::parse(line).map(drop)),
        ok(Cmgs::parse(line).map(drop)),
        ok(Csq::parse(line).map(drop)),
        ok(Registration::parse(line, Shape::Answer).map(drop)),
        ok(Registration::parse(line, Shape::Unsolicited).map(drop)),
        ok(Cops::parse(line).map(drop)),
        ok(CpmsQuery::parse(line).map(drop)),
        ok(CpmsSet::parse(line).map(drop)),
        ok(cpms_test),
        ok(Cpin::parse(line).map(drop)),
        ok(Csca::parse(line).map(drop)),
        ok(CmtPdu::parse(line).map(drop)),
        ok(CmtText::parse(line).map(drop)),
        ok(CdsPdu::parse(line).map(drop)),
        ok(Clip::parse(line).map(drop)),
        fuzz_extras(line),
    ];
    results.iter().filter(|&&ok| ok).count()
}

/// The parts of [`fuzz_all`] that are not line parsers: hex decoding, and the command
/// formatter fed the line as an argument (whose output must always end with `\r`).
fn fuzz_extras(line: &[u8]) -> bool {
    let mut buf = [0u8; crate::at::cmd::PDU_BODY_CAPACITY];
    let hex_ok = crate::at::hex::decode(line, &mut buf).is_ok();
    if let Ok(cmd) = crate::at::cmd::cpin_enter(line) {
        debug_assert_eq!(cmd.as_bytes().last(), Some(&b'\r'));
    }
    if let Ok(cmd) = crate::at::cmd::cmgs_text(line) {
        debug_assert_eq!(cmd.as_bytes().last(), Some(&b'\r'));
    }
    if let Ok(body) = crate::at::cmd::pdu_body(line) {
        debug_assert_eq!(body.as_bytes().last(), Some(&crate::at::cmd::CTRL_Z));
    }
    hex_ok
}
