//! Recognition of unsolicited result codes by their prefix.
//!
//! This only names a line's kind; the typed parsers (`at::parse`) read the fields. Whether a
//! line that *could* be a URC (`+CREG: …`, `+CPIN: READY`) is one depends on the command in
//! flight, which only the session knows.

/// The kind of an unsolicited result code.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum UrcKind {
    /// `+CMTI: <mem>,<index>` — a new message was stored (TS 27.005 §3.4.1).
    Cmti,
    /// `+CMT: [<alpha>],<length>` then a PDU line — a message delivered directly.
    Cmt,
    /// `+CDS: <length>` then a PDU line — a status report delivered directly.
    Cds,
    /// `+CDSI: <mem>,<index>` — a status report was stored.
    Cdsi,
    /// `RING` — an incoming call.
    Ring,
    /// `+CLIP: <number>,<type>…` — the caller's number.
    Clip,
    /// `+CREG: …` — circuit-switched registration.
    Creg,
    /// `+CGREG: …` — GPRS registration.
    Cgreg,
    /// `+CEREG: …` — EPS (LTE) registration.
    Cereg,
    /// `+CUSD: …` — a USSD answer.
    Cusd,
    /// Huawei `^RSSI: <n>`.
    HuaweiRssi,
    /// Huawei `^BOOT: …`.
    HuaweiBoot,
    /// Huawei `^MODE: …`.
    HuaweiMode,
    /// Huawei `^DSFLOWRPT: …` (data flow statistics, every 2 s while connected).
    HuaweiDsflowrpt,
    /// Huawei `^SRVST: <n>` (service state).
    HuaweiSrvst,
    /// Huawei `^SIMST: <n>` (SIM state).
    HuaweiSimst,
    /// Huawei `^HCSQ: …` (signal quality per access technology).
    HuaweiHcsq,
    /// Huawei `^CEND: …` (a call ended).
    HuaweiCend,
    /// Huawei `^SMMEMFULL: <mem>` — message storage is full (sent instead of `+CMTI`).
    HuaweiSmmemfull,
    /// ZTE `+ZUSIMR: <n>`.
    ZteUsimr,
    /// ZTE `+ZEND`.
    ZteEnd,
    /// ZTE `+ZPASR: …` (access technology).
    ZtePasr,
    /// ZTE `+ZDONR: …` (operator).
    ZteDonr,
    /// SIM800 power-up `RDY`.
    Ready,
    /// `+CFUN: <n>` (SIM800 power-up, `+CFUN: 1`).
    Cfun,
    /// `+CPIN: <state>` (SIM800 power-up, `+CPIN: READY`).
    Cpin,
    /// SIM800 `Call Ready`.
    CallReady,
    /// SIM800 `SMS Ready`.
    SmsReady,
    /// Anything else.
    Unknown,
}

/// Lines recognised by their name before the colon (`+CMTI:`), or alone (`+ZEND`).
const NAMED: &[(&[u8], UrcKind)] = &[
    (b"+CMTI", UrcKind::Cmti),
    (b"+CMT", UrcKind::Cmt),
    (b"+CDSI", UrcKind::Cdsi),
    (b"+CDS", UrcKind::Cds),
    (b"+CLIP", UrcKind::Clip),
    (b"+CREG", UrcKind::Creg),
    (b"+CGREG", UrcKind::Cgreg),
    (b"+CEREG", UrcKind::Cereg),
    (b"+CUSD", UrcKind::Cusd),
    (b"^RSSI", UrcKind::HuaweiRssi),
    (b"^BOOT", UrcKind::HuaweiBoot),
    (b"^MODE", UrcKind::HuaweiMode),
    (b"^DSFLOWRPT", UrcKind::HuaweiDsflowrpt),
    (b"^SRVST", UrcKind::HuaweiSrvst),
    (b"^SIMST", UrcKind::HuaweiSimst),
    (b"^HCSQ", UrcKind::HuaweiHcsq),
    (b"^CEND", UrcKind::HuaweiCend),
    (b"^SMMEMFULL", UrcKind::HuaweiSmmemfull),
    (b"+ZUSIMR", UrcKind::ZteUsimr),
    (b"+ZEND", UrcKind::ZteEnd),
    (b"+ZPASR", UrcKind::ZtePasr),
    (b"+ZDONR", UrcKind::ZteDonr),
    (b"+CFUN", UrcKind::Cfun),
    (b"+CPIN", UrcKind::Cpin),
];

/// Lines recognised whole.
const WHOLE: &[(&[u8], UrcKind)] = &[
    (b"RING", UrcKind::Ring),
    (b"RDY", UrcKind::Ready),
    (b"Call Ready", UrcKind::CallReady),
    (b"SMS Ready", UrcKind::SmsReady),
];

impl UrcKind {
    /// Names the kind of `line` (without CR/LF; surrounding spaces ignored).
    pub fn of(line: &[u8]) -> UrcKind {
        let line = line.trim_ascii();
        if let Some((_, kind)) = WHOLE.iter().find(|(w, _)| *w == line) {
            return *kind;
        }
        let name = line_name(line);
        match NAMED.iter().find(|(n, _)| *n == name) {
            Some((_, kind)) => *kind,
            None => UrcKind::Unknown,
        }
    }

    /// Whether a line of this kind is followed by a PDU line that belongs to it.
    pub fn has_pdu_line(self) -> bool {
        matches!(self, UrcKind::Cmt | UrcKind::Cds)
    }

    /// Whether this kind is unsolicited whatever command is in flight. `+CMTI` and the other
    /// kinds no command answers are; `+CREG`, `+CPIN`, `+CFUN`… answer their own queries.
    pub fn always_unsolicited(self) -> bool {
        !matches!(
            self,
            UrcKind::Creg
                | UrcKind::Cgreg
                | UrcKind::Cereg
                | UrcKind::Cfun
                | UrcKind::Cpin
                | UrcKind::Cusd
                | UrcKind::Clip
                | UrcKind::Unknown
        )
    }
}

/// The name of an information line: the text before the first `:` of a line starting with `+`
/// or `^` (`+CMTI` of `+CMTI: "SM",3`), or the whole line when it has no colon and starts so
/// (`+ZEND`); empty for other lines.
pub fn line_name(line: &[u8]) -> &[u8] {
    let line = line.trim_ascii_start();
    match line.first() {
        Some(b'+' | b'^') => {}
        _ => return &[],
    }
    let end = line.iter().position(|&b| b == b':').unwrap_or(line.len());
    line.get(..end).unwrap_or(&[]).trim_ascii_end()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kinds_by_prefix() {
        assert_eq!(UrcKind::of(b"+CMTI: \"SM\",3"), UrcKind::Cmti);
        assert_eq!(UrcKind::of(b"+CMT: ,24"), UrcKind::Cmt);
        assert_eq!(UrcKind::of(b"+CDS: 25"), UrcKind::Cds);
        assert_eq!(UrcKind::of(b"+CDSI: \"SR\",1"), UrcKind::Cdsi);
        assert_eq!(UrcKind::of(b"RING"), UrcKind::Ring);
        assert_eq!(UrcKind::of(b"^RSSI:17"), UrcKind::HuaweiRssi);
        assert_eq!(
            UrcKind::of(b"^DSFLOWRPT:0000,0,0"),
            UrcKind::HuaweiDsflowrpt
        );
        assert_eq!(UrcKind::of(b"+ZEND"), UrcKind::ZteEnd);
        assert_eq!(UrcKind::of(b"+ZUSIMR:2"), UrcKind::ZteUsimr);
        assert_eq!(UrcKind::of(b"Call Ready"), UrcKind::CallReady);
        assert_eq!(UrcKind::of(b"SMS Ready"), UrcKind::SmsReady);
        assert_eq!(UrcKind::of(b"RDY"), UrcKind::Ready);
        assert_eq!(UrcKind::of(b"+CPIN: READY"), UrcKind::Cpin);
        assert_eq!(UrcKind::of(b"+CMGL: 1,0,,23"), UrcKind::Unknown);
        assert_eq!(UrcKind::of(b"+CMTIX: 1"), UrcKind::Unknown);
        assert_eq!(UrcKind::of(b"RINGING"), UrcKind::Unknown);
        assert_eq!(UrcKind::of(b""), UrcKind::Unknown);
        assert_eq!(UrcKind::of(b"\xff+"), UrcKind::Unknown);
    }

    #[test]
    fn names() {
        assert_eq!(line_name(b"+CREG: 1"), b"+CREG");
        assert_eq!(line_name(b"^SYSINFO:2,3"), b"^SYSINFO");
        assert_eq!(line_name(b"+ZEND"), b"+ZEND");
        assert_eq!(line_name(b"Manufacturer: huawei"), b"");
        assert_eq!(line_name(b"+"), b"+");
    }
}
