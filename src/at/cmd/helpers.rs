//! One function per command smsctl sends. Fixed commands cannot fail in practice but return
//! `Result` like the others, so callers handle every command the same way.

use super::{Builder, CmdError, Command, MAX_TPDU_OCTETS};
use crate::at::parse::{Mem, MsgStatus};

fn fixed(body: &[u8]) -> Result<Command, CmdError> {
    Builder::new(body)?.finish()
}

fn with_num(body: &[u8], n: u32) -> Result<Command, CmdError> {
    Builder::new(body)?.num(n)?.finish()
}

fn with_quoted(body: &[u8], arg: &[u8]) -> Result<Command, CmdError> {
    Builder::new(body)?.quoted(arg)?.finish()
}

/// `AT`: is anybody there?
pub fn at() -> Result<Command, CmdError> {
    fixed(b"")
}

/// `ATE0`: echo off.
pub fn ate0() -> Result<Command, CmdError> {
    fixed(b"E0")
}

/// `AT+CMEE=<n>`: error reports (1 = numeric `+CME ERROR: <n>`).
pub fn cmee(n: u8) -> Result<Command, CmdError> {
    with_num(b"+CMEE=", n.into())
}

/// `AT+CPIN?`: does the SIM want a PIN?
pub fn cpin_query() -> Result<Command, CmdError> {
    fixed(b"+CPIN?")
}

/// `AT+CPIN="<pin>"`.
pub fn cpin_enter(pin: &[u8]) -> Result<Command, CmdError> {
    with_quoted(b"+CPIN=", pin)
}

/// `AT+CPIN="<puk>","<new pin>"`.
pub fn cpin_unblock(puk: &[u8], new_pin: &[u8]) -> Result<Command, CmdError> {
    Builder::new(b"+CPIN=")?
        .quoted(puk)?
        .comma()?
        .quoted(new_pin)?
        .finish()
}

/// Message format for `+CMGF` (27.005 §3.2.3).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum MsgFormat {
    /// `0`: PDU mode.
    Pdu,
    /// `1`: text mode.
    Text,
}

/// `AT+CMGF=<0|1>`.
pub fn cmgf(format: MsgFormat) -> Result<Command, CmdError> {
    with_num(
        b"+CMGF=",
        match format {
            MsgFormat::Pdu => 0,
            MsgFormat::Text => 1,
        },
    )
}

/// `AT+CSCS="<charset>"`, e.g. `"UCS2"`, `"GSM"`, `"IRA"`.
pub fn cscs(charset: &[u8]) -> Result<Command, CmdError> {
    with_quoted(b"+CSCS=", charset)
}

/// `AT+CPMS?`: which storages, how full.
pub fn cpms_query() -> Result<Command, CmdError> {
    fixed(b"+CPMS?")
}

/// `AT+CPMS="<mem1>","<mem2>","<mem3>"`: read/delete, write/send and receive storage.
pub fn cpms(mem1: Mem<'_>, mem2: Mem<'_>, mem3: Mem<'_>) -> Result<Command, CmdError> {
    Builder::new(b"+CPMS=")?
        .quoted(mem1.name())?
        .comma()?
        .quoted(mem2.name())?
        .comma()?
        .quoted(mem3.name())?
        .finish()
}

/// `AT+CNMI=<mode>,<mt>,<bm>,<ds>,<bfr>`: how new messages are announced.
pub fn cnmi(mode: u8, mt: u8, bm: u8, ds: u8, bfr: u8) -> Result<Command, CmdError> {
    let mut b = Builder::new(b"+CNMI=")?;
    b.num(mode.into())?;
    for n in [mt, bm, ds, bfr] {
        b.comma()?.num(n.into())?;
    }
    b.finish()
}

/// `AT+CSCA?`: the service centre address.
pub fn csca_query() -> Result<Command, CmdError> {
    fixed(b"+CSCA?")
}

/// `AT+CSCA="<number>",<type>`: set the service centre address.
pub fn csca_set(number: &[u8], toa: u8) -> Result<Command, CmdError> {
    Builder::new(b"+CSCA=")?
        .quoted(number)?
        .comma()?
        .num(toa.into())?
        .finish()
}

/// `AT+CREG?`: circuit-switched registration.
pub fn creg_query() -> Result<Command, CmdError> {
    fixed(b"+CREG?")
}

/// `AT+CREG=<n>`: registration URCs (2 = with location).
pub fn creg_set(n: u8) -> Result<Command, CmdError> {
    with_num(b"+CREG=", n.into())
}

/// `AT+CGREG?`: packet (GPRS) registration.
pub fn cgreg_query() -> Result<Command, CmdError> {
    fixed(b"+CGREG?")
}

/// `AT+CEREG?`: EPS (LTE) registration.
pub fn cereg_query() -> Result<Command, CmdError> {
    fixed(b"+CEREG?")
}

/// `AT+CSQ`: signal quality.
pub fn csq() -> Result<Command, CmdError> {
    fixed(b"+CSQ")
}

/// `AT+COPS?`: the operator.
pub fn cops_query() -> Result<Command, CmdError> {
    fixed(b"+COPS?")
}

/// `AT+COPS=3,<format>`: the format `+COPS?` answers in (0 long alphanumeric, 1 short,
/// 2 numeric), without changing the selection mode.
pub fn cops_format(format: u8) -> Result<Command, CmdError> {
    Builder::new(b"+COPS=3,")?.num(format.into())?.finish()
}

/// `AT+CMGL=<stat>` in PDU mode (`4` = all).
pub fn cmgl_pdu(status: MsgStatus<'_>) -> Result<Command, CmdError> {
    let n = status
        .number()
        .ok_or(CmdError::OutOfRange { value: u32::MAX })?;
    with_num(b"+CMGL=", n.into())
}

/// `AT+CMGL="<stat>"` in text mode (`"ALL"`).
pub fn cmgl_text(status: MsgStatus<'_>) -> Result<Command, CmdError> {
    let word = status.word().ok_or(CmdError::OutOfRange {
        value: status.number().map_or(u32::MAX, u32::from),
    })?;
    with_quoted(b"+CMGL=", word)
}

/// `AT+CMGR=<index>`: read one message.
pub fn cmgr(index: u32) -> Result<Command, CmdError> {
    with_num(b"+CMGR=", index)
}

/// `AT+CMGD=<index>[,<flag>]`: delete one message (flag 0 or absent), or by status
/// (flag 1 read, 2 read and sent, 3 read, sent and unsent, 4 all; 27.005 §3.5.4).
pub fn cmgd(index: u32, flag: Option<u8>) -> Result<Command, CmdError> {
    let mut b = Builder::new(b"+CMGD=")?;
    b.num(index)?;
    if let Some(flag) = flag {
        if flag > 4 {
            return Err(CmdError::OutOfRange { value: flag.into() });
        }
        b.comma()?.num(flag.into())?;
    }
    b.finish()
}

/// `AT+CMGS=<length>` in PDU mode: `length` counts the TPDU octets, not the SMSC address.
pub fn cmgs_pdu(tpdu_len: usize) -> Result<Command, CmdError> {
    let value = u32::try_from(tpdu_len).unwrap_or(u32::MAX);
    if tpdu_len == 0 || tpdu_len > MAX_TPDU_OCTETS {
        return Err(CmdError::OutOfRange { value });
    }
    with_num(b"+CMGS=", value)
}

/// `AT+CMGS="<da>"` in text mode.
pub fn cmgs_text(da: &[u8]) -> Result<Command, CmdError> {
    with_quoted(b"+CMGS=", da)
}

/// Huawei `AT^CURC=<n>`: 0 stops the `^RSSI`/`^MODE`/`^DSFLOWRPT` URC flood.
pub fn huawei_curc(n: u8) -> Result<Command, CmdError> {
    with_num(b"^CURC=", n.into())
}

/// ZTE `AT+ZCDRUN=<n>`: 8 turns off the autorun CD-ROM, so the modem stays a modem.
pub fn zte_zcdrun(n: u8) -> Result<Command, CmdError> {
    with_num(b"+ZCDRUN=", n.into())
}

/// ZTE `AT+ZOPRT=<n>`: 5 = online mode.
pub fn zte_zoprt(n: u8) -> Result<Command, CmdError> {
    with_num(b"+ZOPRT=", n.into())
}

/// `AT+CFUN=<fun>[,<rst>]`: `cfun(1, Some(1))` is the soft reset of the recovery ladder.
pub fn cfun(fun: u8, rst: Option<u8>) -> Result<Command, CmdError> {
    let mut b = Builder::new(b"+CFUN=")?;
    b.num(fun.into())?;
    if let Some(rst) = rst {
        b.comma()?.num(rst.into())?;
    }
    b.finish()
}

/// `AT+CGMI`: manufacturer.
pub fn cgmi() -> Result<Command, CmdError> {
    fixed(b"+CGMI")
}

/// `AT+CGMM`: model.
pub fn cgmm() -> Result<Command, CmdError> {
    fixed(b"+CGMM")
}

/// `AT+CGMR`: firmware revision.
pub fn cgmr() -> Result<Command, CmdError> {
    fixed(b"+CGMR")
}

/// `AT+CGSN`: IMEI.
pub fn cgsn() -> Result<Command, CmdError> {
    fixed(b"+CGSN")
}

/// `AT+CIMI`: IMSI.
pub fn cimi() -> Result<Command, CmdError> {
    fixed(b"+CIMI")
}
