//! `+CMGR:` — the header line of a read message (27.005 §3.4.3); the PDU (hex) or the text
//! follows on the next line.
//!
//! PDU mode, `+CMGR: <stat>,[<alpha>],<length>`, and the variants real modems send:
//! `+CMGR: 0,,23` (standard), `+CMGR: 0,23` (alpha left out), `+CMGR: 1,"alpha",23`,
//! `+CMGR: 4,1,,151` (the index echoed first), `+CMGR: 24` (length only), `+CMGR: ,,92`
//! (no status).
//!
//! Text mode, `+CMGR: <stat>,<oa>,[<alpha>],<scts>[,<tooa>,<fo>,<pid>,<dcs>,<sca>,<tosca>,
//! <length>]` for received messages and `+CMGR: <stat>,<da>,[<alpha>][,<toda>,…]` for stored
//! ones; some modems leave the alpha field out (`"REC READ","+41…","2009/8/18,19:11:45"`).

use super::{fields, MsgStatus, Param, Params, ParseError};

/// The header of a message read in PDU mode.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct CmgrPdu<'a> {
    /// The index, when the modem echoes it first (`+CMGR: 4,1,,151`).
    pub index: Option<u32>,
    /// The status, absent in the `+CMGR: 24` and `+CMGR: ,,92` forms.
    pub status: Option<MsgStatus<'a>>,
    /// The phonebook name of the sender, if the modem gave one.
    pub alpha: Option<&'a [u8]>,
    /// TPDU length in octets (without the SMSC address), as for `+CMGS=<length>`.
    pub length: u16,
}

impl<'a> CmgrPdu<'a> {
    /// Parses a PDU-mode `+CMGR:` header.
    pub fn parse(line: &'a [u8]) -> Result<Self, ParseError> {
        let p = fields(line, b"+CMGR")?;
        pdu_header(&p, 0).map(|(index, status, alpha, length)| CmgrPdu {
            index,
            status,
            alpha,
            length,
        })
    }
}

/// `(index, status, alpha, length)` of a PDU-mode header.
pub(super) type PduHeader<'a> = (Option<u32>, Option<MsgStatus<'a>>, Option<&'a [u8]>, u16);

/// Reads `[index,]stat,[alpha],length` and its shorter variants from `p`, starting at
/// parameter `first` (0 for `+CMGR`, 1 for `+CMGL`, whose index always comes first).
pub(super) fn pdu_header<'a>(p: &Params<'a>, first: usize) -> Result<PduHeader<'a>, ParseError> {
    p.at_most(first.saturating_add(4))?;
    let n = p.len().saturating_sub(first);
    let at = |i: usize| p.req(first.saturating_add(i));
    let length = at(n.saturating_sub(1))?.u16()?;
    let (index, status, alpha) = match n {
        1 => (None, None, None),
        2 => (None, MsgStatus::opt_from_param(&at(0)?)?, None),
        3 => (
            None,
            MsgStatus::opt_from_param(&at(0)?)?,
            at(1)?.opt_text()?,
        ),
        _ => (
            Some(at(0)?.u32()?),
            MsgStatus::opt_from_param(&at(1)?)?,
            at(2)?.opt_text()?,
        ),
    };
    Ok((index, status, alpha, length))
}

/// The header of a message read in text mode.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct CmgrText<'a> {
    /// The status, as a word (`"REC UNREAD"`) or, from some modems, a number.
    pub status: MsgStatus<'a>,
    /// The sender (received messages) or the recipient (stored ones), as the modem wrote it
    /// (in the `+CSCS` character set).
    pub addr: &'a [u8],
    /// The phonebook name, if any.
    pub alpha: Option<&'a [u8]>,
    /// The service centre time stamp `yy/MM/dd,hh:mm:ss±zz`, received messages only.
    pub scts: Option<&'a [u8]>,
    /// The type of address (129 national/unknown, 145 international), when shown (`+CSDH=1`).
    pub toa: Option<u8>,
    /// The length of the text, when shown (`+CSDH=1`).
    pub length: Option<u16>,
}

impl<'a> CmgrText<'a> {
    /// Parses a text-mode `+CMGR:` header.
    pub fn parse(line: &'a [u8]) -> Result<Self, ParseError> {
        let p = fields(line, b"+CMGR")?;
        text_header(&p, 0, false)
    }
}

/// Parameters in the long (`+CSDH=1`) text-mode header of a received message.
const LONG_FORM: usize = 11;

/// Reads a text-mode header from parameter `first` on (0 for `+CMGR`, 1 for `+CMGL`, whose
/// index comes first). A `list` entry keeps the (empty) time stamp field of stored messages and
/// has no `<fo>`…`<tosca>`; the caller reads its length.
pub(super) fn text_header<'a>(
    p: &Params<'a>,
    first: usize,
    list: bool,
) -> Result<CmgrText<'a>, ParseError> {
    let at = |i: usize| p.get(first.saturating_add(i));
    let req = |i: usize| p.req(first.saturating_add(i));
    let status = MsgStatus::from_param(&req(0)?)?;
    let addr = req(1)?.text()?;
    let n = p.len().saturating_sub(first);
    let mut out = CmgrText {
        status,
        addr,
        alpha: None,
        scts: None,
        toa: None,
        length: None,
    };
    let third = at(2);
    if n == 3 && third.is_some_and(|t| looks_like_timestamp(&t)) {
        // The alpha field left out: `"REC READ","+41…","2009/8/18,19:11:45"`.
        out.scts = opt_text(third)?;
        return Ok(out);
    }
    out.alpha = opt_text(third)?;
    let stored = matches!(status, MsgStatus::StoUnsent | MsgStatus::StoSent);
    if stored && !list {
        // `+CMGR` of a stored message has no time stamp: the type of address comes fourth.
        out.toa = opt_u8(at(3))?;
    } else {
        out.scts = opt_text(at(3))?;
        out.toa = opt_u8(at(4))?;
    }
    if !list && n == LONG_FORM {
        out.length = opt_u16(at(LONG_FORM.saturating_sub(1)))?;
    }
    Ok(out)
}

fn opt_text<'a>(p: Option<Param<'a>>) -> Result<Option<&'a [u8]>, ParseError> {
    p.map_or(Ok(None), |p| p.opt_text())
}

pub(super) fn opt_u8(p: Option<Param<'_>>) -> Result<Option<u8>, ParseError> {
    p.map_or(Ok(None), |p| p.opt_u8())
}

pub(super) fn opt_u16(p: Option<Param<'_>>) -> Result<Option<u16>, ParseError> {
    p.map_or(Ok(None), |p| p.opt_u16())
}

/// A time stamp has a comma between date and time and a `/` in the date; an address or a
/// phonebook name almost never has both.
fn looks_like_timestamp(p: &Param<'_>) -> bool {
    p.raw.contains(&b',') && p.raw.contains(&b'/')
}
