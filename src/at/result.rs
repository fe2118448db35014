//! Final result codes: the line that ends every AT command's answer.
//!
//! `OK` and `ERROR` (ITU-T V.250 §5.7), the extended errors `+CME ERROR: <err>` (3GPP TS 27.007
//! §9.2) and `+CMS ERROR: <err>` (3GPP TS 27.005 §3.2.5) in their numeric and verbose forms, the
//! call results `NO CARRIER`, `BUSY`, `NO ANSWER`, `NO DIALTONE`, and Huawei's `COMMAND NOT
//! SUPPORT` (E1752 and relatives answer it instead of `ERROR`).

use core::fmt;

/// The final result code that completed a command.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum FinalCode {
    /// `OK`: the command succeeded.
    Ok,
    /// `ERROR`: the command failed, no detail (`AT+CMEE=0`, or a syntax error).
    Error,
    /// `+CME ERROR: <err>`: an equipment error (TS 27.007 §9.2).
    CmeError(CmeError),
    /// `+CMS ERROR: <err>`: a message service error (TS 27.005 §3.2.5).
    CmsError(CmsError),
    /// `NO CARRIER`: a connection ended or could not be set up.
    NoCarrier,
    /// `BUSY`: the called party is busy.
    Busy,
    /// `NO ANSWER`: the call timed out unanswered.
    NoAnswer,
    /// `NO DIALTONE`: no dial tone.
    NoDialtone,
    /// Huawei's `COMMAND NOT SUPPORT`: the command is unknown to this firmware.
    CommandNotSupport,
}

impl FinalCode {
    /// Recognises a final result code in a line already stripped of CR/LF. Leading and trailing
    /// spaces are ignored. Returns `None` for every other line.
    pub fn parse(line: &[u8]) -> Option<FinalCode> {
        let line = line.trim_ascii();
        let plain = match line {
            b"OK" => Some(FinalCode::Ok),
            b"ERROR" => Some(FinalCode::Error),
            b"NO CARRIER" => Some(FinalCode::NoCarrier),
            b"BUSY" => Some(FinalCode::Busy),
            b"NO ANSWER" => Some(FinalCode::NoAnswer),
            b"NO DIALTONE" | b"NO DIAL TONE" => Some(FinalCode::NoDialtone),
            b"COMMAND NOT SUPPORT" => Some(FinalCode::CommandNotSupport),
            _ => None,
        };
        if plain.is_some() {
            return plain;
        }
        if let Some(rest) = strip_error_prefix(line, b"+CME ERROR") {
            return Some(FinalCode::CmeError(CmeError::from_detail(rest)));
        }
        if let Some(rest) = strip_error_prefix(line, b"+CMS ERROR") {
            return Some(FinalCode::CmsError(CmsError::from_detail(rest)));
        }
        None
    }

    /// Whether the command succeeded.
    pub fn is_ok(self) -> bool {
        self == FinalCode::Ok
    }

    /// Whether the failure is worth retrying after a pause (SIM busy at boot, congestion…).
    pub fn is_transient(self) -> bool {
        match self {
            FinalCode::CmeError(e) => e.is_transient(),
            FinalCode::CmsError(e) => e.is_transient(),
            _ => false,
        }
    }
}

/// `prefix` followed by optional spaces and a colon; returns what follows the colon, trimmed.
fn strip_error_prefix<'a>(line: &'a [u8], prefix: &[u8]) -> Option<&'a [u8]> {
    let head = line.get(..prefix.len())?;
    if !head.eq_ignore_ascii_case(prefix) {
        return None;
    }
    let rest = line.get(prefix.len()..)?.trim_ascii_start();
    let rest = rest.strip_prefix(b":")?;
    Some(rest.trim_ascii())
}

/// A decimal number of at most five digits that fits a `u16`; `None` otherwise.
fn parse_u16(s: &[u8]) -> Option<u16> {
    if s.is_empty() || s.len() > 5 {
        return None;
    }
    let mut n: u32 = 0;
    for &b in s {
        if !b.is_ascii_digit() {
            return None;
        }
        n = n
            .checked_mul(10)?
            .checked_add(u32::from(b.wrapping_sub(b'0')))?;
    }
    u16::try_from(n).ok()
}

/// Finds the code whose text equals `text` (ASCII case-insensitive).
fn code_for_text(table: &[(u16, &str)], text: &[u8]) -> Option<u16> {
    table
        .iter()
        .find(|(_, t)| t.as_bytes().eq_ignore_ascii_case(text))
        .map(|(c, _)| *c)
}

fn text_for_code(table: &'static [(u16, &'static str)], code: u16) -> Option<&'static str> {
    table.iter().find(|(c, _)| *c == code).map(|(_, t)| *t)
}

/// An equipment error, `+CME ERROR: <err>` (3GPP TS 27.007 §9.2). Codes not listed there are
/// kept as they came (vendors use 500 and up).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct CmeError(pub u16);

impl CmeError {
    /// 3 — "operation not allowed".
    pub const OPERATION_NOT_ALLOWED: CmeError = CmeError(3);
    /// 10 — "SIM not inserted".
    pub const SIM_NOT_INSERTED: CmeError = CmeError(10);
    /// 11 — "SIM PIN required".
    pub const SIM_PIN_REQUIRED: CmeError = CmeError(11);
    /// 14 — "SIM busy".
    pub const SIM_BUSY: CmeError = CmeError(14);
    /// 100 — "unknown"; also what a verbose text we do not know maps to.
    pub const UNKNOWN: CmeError = CmeError(100);
    /// 515 — vendor "please wait, init or command processing in progress".
    pub const PLEASE_WAIT: CmeError = CmeError(515);

    /// From the text after `+CME ERROR:`: a number, or a verbose text (`AT+CMEE=2`) that is
    /// mapped back to its number; an unknown text becomes [`CmeError::UNKNOWN`].
    pub fn from_detail(detail: &[u8]) -> CmeError {
        let detail = detail.trim_ascii();
        parse_u16(detail)
            .or_else(|| code_for_text(CME_TEXTS, detail))
            .map_or(CmeError::UNKNOWN, CmeError)
    }

    /// The TS 27.007 text of this code, when it is one we know.
    pub fn text(self) -> Option<&'static str> {
        text_for_code(CME_TEXTS, self.0)
    }

    /// Whether waiting and retrying may help: SIM busy, no network yet, network timeout, and
    /// the vendor "please wait" codes.
    pub fn is_transient(self) -> bool {
        matches!(self.0, 14 | 30 | 31 | 515)
    }
}

impl fmt::Display for CmeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.text() {
            Some(t) => write!(f, "+CME ERROR: {} ({t})", self.0),
            None => write!(f, "+CME ERROR: {}", self.0),
        }
    }
}

/// A message service error, `+CMS ERROR: <err>` (3GPP TS 27.005 §3.2.5). 0–127 are network
/// causes (TS 24.011 Annex E-2), 128–255 TP-FCS values (TS 23.040 §9.2.3.22), 300–340 the ME's
/// own, 512 and up manufacturer specific.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct CmsError(pub u16);

impl CmsError {
    /// 304 — "invalid PDU mode parameter" (a wrong `+CMGS=<n>` length among others).
    pub const INVALID_PDU_MODE_PARAMETER: CmsError = CmsError(304);
    /// 314 — "SIM busy" (typical right after boot).
    pub const SIM_BUSY: CmsError = CmsError(314);
    /// 321 — "invalid memory index": the message at that index is already gone.
    pub const INVALID_MEMORY_INDEX: CmsError = CmsError(321);
    /// 322 — "memory full".
    pub const MEMORY_FULL: CmsError = CmsError(322);
    /// 500 — "unknown error"; also what a verbose text we do not know maps to.
    pub const UNKNOWN: CmsError = CmsError(500);

    /// From the text after `+CMS ERROR:`: a number or a known verbose text; an unknown text
    /// becomes [`CmsError::UNKNOWN`].
    pub fn from_detail(detail: &[u8]) -> CmsError {
        let detail = detail.trim_ascii();
        parse_u16(detail)
            .or_else(|| code_for_text(CMS_TEXTS, detail))
            .map_or(CmsError::UNKNOWN, CmsError)
    }

    /// The text of this code, when it is one we know.
    pub fn text(self) -> Option<&'static str> {
        text_for_code(CMS_TEXTS, self.0)
    }

    /// Whether waiting and retrying may help: network temporary failure and congestion (41,
    /// 42), SIM busy (314), no network service and network timeout (331, 332), unknown error
    /// (500), and the vendor codes seen for collisions, lower-layer failure and congestion
    /// (512–514).
    pub fn is_transient(self) -> bool {
        matches!(self.0, 41 | 42 | 314 | 331 | 332 | 500 | 512..=514)
    }
}

impl fmt::Display for CmsError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.text() {
            Some(t) => write!(f, "+CMS ERROR: {} ({t})", self.0),
            None => write!(f, "+CMS ERROR: {}", self.0),
        }
    }
}

impl fmt::Display for FinalCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            FinalCode::Ok => f.write_str("OK"),
            FinalCode::Error => f.write_str("ERROR"),
            FinalCode::CmeError(e) => e.fmt(f),
            FinalCode::CmsError(e) => e.fmt(f),
            FinalCode::NoCarrier => f.write_str("NO CARRIER"),
            FinalCode::Busy => f.write_str("BUSY"),
            FinalCode::NoAnswer => f.write_str("NO ANSWER"),
            FinalCode::NoDialtone => f.write_str("NO DIALTONE"),
            FinalCode::CommandNotSupport => f.write_str("COMMAND NOT SUPPORT"),
        }
    }
}

/// TS 27.007 §9.2.1 and §9.2.2: the common equipment error texts.
const CME_TEXTS: &[(u16, &str)] = &[
    (0, "phone failure"),
    (1, "no connection to phone"),
    (2, "phone-adaptor link reserved"),
    (3, "operation not allowed"),
    (4, "operation not supported"),
    (5, "PH-SIM PIN required"),
    (6, "PH-FSIM PIN required"),
    (7, "PH-FSIM PUK required"),
    (10, "SIM not inserted"),
    (11, "SIM PIN required"),
    (12, "SIM PUK required"),
    (13, "SIM failure"),
    (14, "SIM busy"),
    (15, "SIM wrong"),
    (16, "incorrect password"),
    (17, "SIM PIN2 required"),
    (18, "SIM PUK2 required"),
    (20, "memory full"),
    (21, "invalid index"),
    (22, "not found"),
    (23, "memory failure"),
    (24, "text string too long"),
    (25, "invalid characters in text string"),
    (26, "dial string too long"),
    (27, "invalid characters in dial string"),
    (30, "no network service"),
    (31, "network timeout"),
    (32, "network not allowed - emergency calls only"),
    (40, "network personalization PIN required"),
    (41, "network personalization PUK required"),
    (42, "network subset personalization PIN required"),
    (43, "network subset personalization PUK required"),
    (44, "service provider personalization PIN required"),
    (45, "service provider personalization PUK required"),
    (46, "corporate personalization PIN required"),
    (47, "corporate personalization PUK required"),
    (50, "Incorrect parameters"),
    (100, "unknown"),
    (103, "Illegal MS"),
    (106, "Illegal ME"),
    (107, "GPRS services not allowed"),
    (111, "PLMN not allowed"),
    (112, "Location area not allowed"),
    (113, "Roaming not allowed in this location area"),
    (132, "service option not supported"),
    (133, "requested service option not subscribed"),
    (134, "service option temporarily out of order"),
    (148, "unspecified GPRS error"),
    (149, "PDP authentication failure"),
    (150, "invalid mobile class"),
    (515, "please wait, init or command processing in progress"),
];

/// TS 27.005 §3.2.5 (300–500) and the TS 24.011 Annex E-2 causes a sender meets most.
const CMS_TEXTS: &[(u16, &str)] = &[
    (1, "unassigned (unallocated) number"),
    (8, "operator determined barring"),
    (10, "call barred"),
    (21, "short message transfer rejected"),
    (27, "destination out of service"),
    (28, "unidentified subscriber"),
    (29, "facility rejected"),
    (30, "unknown subscriber"),
    (38, "network out of order"),
    (41, "temporary failure"),
    (42, "congestion"),
    (47, "resources unavailable, unspecified"),
    (50, "requested facility not subscribed"),
    (69, "requested facility not implemented"),
    (81, "invalid short message transfer reference value"),
    (95, "invalid message, unspecified"),
    (96, "invalid mandatory information"),
    (97, "message type non-existent or not implemented"),
    (
        98,
        "message not compatible with short message protocol state",
    ),
    (99, "information element non-existent or not implemented"),
    (111, "protocol error, unspecified"),
    (127, "interworking, unspecified"),
    (300, "ME failure"),
    (301, "SMS service of ME reserved"),
    (302, "operation not allowed"),
    (303, "operation not supported"),
    (304, "invalid PDU mode parameter"),
    (305, "invalid text mode parameter"),
    (310, "SIM not inserted"),
    (311, "SIM PIN required"),
    (312, "PH-SIM PIN required"),
    (313, "SIM failure"),
    (314, "SIM busy"),
    (315, "SIM wrong"),
    (316, "SIM PUK required"),
    (317, "SIM PIN2 required"),
    (318, "SIM PUK2 required"),
    (320, "memory failure"),
    (321, "invalid memory index"),
    (322, "memory full"),
    (330, "SMSC address unknown"),
    (331, "no network service"),
    (332, "network timeout"),
    (340, "no +CNMA acknowledgement expected"),
    (500, "unknown error"),
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_codes() {
        assert_eq!(FinalCode::parse(b"OK"), Some(FinalCode::Ok));
        assert_eq!(FinalCode::parse(b" OK "), Some(FinalCode::Ok));
        assert_eq!(FinalCode::parse(b"ERROR"), Some(FinalCode::Error));
        assert_eq!(FinalCode::parse(b"NO CARRIER"), Some(FinalCode::NoCarrier));
        assert_eq!(FinalCode::parse(b"BUSY"), Some(FinalCode::Busy));
        assert_eq!(FinalCode::parse(b"NO ANSWER"), Some(FinalCode::NoAnswer));
        assert_eq!(
            FinalCode::parse(b"NO DIALTONE"),
            Some(FinalCode::NoDialtone)
        );
        assert_eq!(
            FinalCode::parse(b"COMMAND NOT SUPPORT"),
            Some(FinalCode::CommandNotSupport)
        );
        assert_eq!(FinalCode::parse(b"OKAY"), None);
        assert_eq!(FinalCode::parse(b"+CMTI: \"SM\",1"), None);
        assert_eq!(FinalCode::parse(b""), None);
    }

    #[test]
    fn numeric_and_verbose_errors() {
        assert_eq!(
            FinalCode::parse(b"+CMS ERROR: 321"),
            Some(FinalCode::CmsError(CmsError::INVALID_MEMORY_INDEX))
        );
        assert_eq!(
            FinalCode::parse(b"+CME ERROR: 10"),
            Some(FinalCode::CmeError(CmeError(10)))
        );
        assert_eq!(
            FinalCode::parse(b"+CME ERROR: SIM not inserted"),
            Some(FinalCode::CmeError(CmeError::SIM_NOT_INSERTED))
        );
        assert_eq!(
            FinalCode::parse(b"+CME ERROR: sim busy"),
            Some(FinalCode::CmeError(CmeError::SIM_BUSY))
        );
        assert_eq!(
            FinalCode::parse(b"+CMS ERROR: SIM busy"),
            Some(FinalCode::CmsError(CmsError::SIM_BUSY))
        );
        assert_eq!(
            FinalCode::parse(b"+CME ERROR: something odd"),
            Some(FinalCode::CmeError(CmeError::UNKNOWN))
        );
        assert_eq!(
            FinalCode::parse(b"+CME ERROR:99999999"),
            Some(FinalCode::CmeError(CmeError::UNKNOWN))
        );
        assert_eq!(FinalCode::parse(b"+CME ERRORS: 3"), None);
    }

    #[test]
    fn transient_codes() {
        for c in [314, 500, 512, 513, 514] {
            assert!(CmsError(c).is_transient(), "{c}");
        }
        for c in [304, 321, 322, 330] {
            assert!(!CmsError(c).is_transient(), "{c}");
        }
        assert!(CmeError::PLEASE_WAIT.is_transient());
        assert!(CmeError::SIM_BUSY.is_transient());
        assert!(!CmeError::SIM_NOT_INSERTED.is_transient());
        assert!(FinalCode::CmsError(CmsError(314)).is_transient());
        assert!(!FinalCode::Error.is_transient());
    }

    #[test]
    fn display_carries_code_and_text() {
        #[cfg(not(feature = "std"))]
        extern crate std;
        use std::string::ToString;
        assert_eq!(
            FinalCode::CmsError(CmsError(321)).to_string(),
            "+CMS ERROR: 321 (invalid memory index)"
        );
        assert_eq!(CmeError(777).to_string(), "+CME ERROR: 777");
        assert_eq!(FinalCode::Ok.to_string(), "OK");
    }
}
