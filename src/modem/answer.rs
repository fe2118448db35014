//! Reading the answer lines the init sequence and the network queries record: the typed
//! parsers of `at::parse`, mapped to what the modem layer keeps.

use heapless::String;

use crate::at::parse::{Cops, Cpin, CpmsSet, Csca, Registration, Shape};
use crate::at::result::{CmeError, FinalCode};
use crate::modem::facts::{printable, Reg, Storage, Vendor, OPERATOR_CAPACITY, SMSC_CAPACITY};

/// What the SIM answered to `AT+CPIN?`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum PinAnswer {
    Ready,
    Pin,
    Puk,
    Missing,
    NotReady,
    Locked,
}

/// An identification answer without its optional `+CGMI: ` prefix and quotes (most modems
/// answer a bare line, some repeat the command's name).
pub(crate) fn ident<'a>(line: &'a [u8], name: &[u8]) -> &'a [u8] {
    let mut rest = line.trim_ascii();
    if let Some(head) = rest.get(..name.len()) {
        if head.eq_ignore_ascii_case(name) {
            rest = rest.get(name.len()..).unwrap_or_default();
            rest = rest.strip_prefix(b":").unwrap_or(rest).trim_ascii();
        }
    }
    if let [b'"', inner @ .., b'"'] = rest {
        rest = inner;
    }
    rest
}

/// `+CPIN: …` as a [`PinAnswer`]; `None` for a line that is not one.
pub(crate) fn cpin(line: &[u8]) -> Option<PinAnswer> {
    let c = Cpin::parse(line).ok()?;
    Some(match c {
        Cpin::Ready => PinAnswer::Ready,
        Cpin::SimPin => PinAnswer::Pin,
        Cpin::SimPuk => PinAnswer::Puk,
        Cpin::Other(word) => {
            let has = |needle: &[u8]| {
                word.windows(needle.len())
                    .any(|w| w.eq_ignore_ascii_case(needle))
            };
            if has(b"NOT INSERTED") || has(b"NO SIM") || has(b"ABSENT") {
                PinAnswer::Missing
            } else if has(b"NOT READY") || has(b"BUSY") {
                PinAnswer::NotReady
            } else {
                PinAnswer::Locked
            }
        }
        _ => PinAnswer::Locked,
    })
}

/// What an error answer to `AT+CPIN?` says about the SIM; `None` when it says nothing.
pub(crate) fn cpin_error(code: FinalCode) -> Option<PinAnswer> {
    match code {
        FinalCode::CmeError(CmeError(10)) | FinalCode::CmeError(CmeError(13)) => {
            Some(PinAnswer::Missing)
        }
        FinalCode::CmeError(CmeError(11)) => Some(PinAnswer::Pin),
        FinalCode::CmeError(CmeError(12)) => Some(PinAnswer::Puk),
        c if c.is_transient() => Some(PinAnswer::NotReady),
        _ => None,
    }
}

/// The answer to `AT+CPMS=<mem>,<mem>,<mem>`: the first storage's use and capacity.
pub(crate) fn cpms(line: &[u8], name: &str, vendor: Vendor) -> Option<Storage> {
    let set = CpmsSet::parse(line).ok()?;
    let first = set.usage().first()?;
    Some(Storage {
        name: printable(name.as_bytes()),
        used: first.used,
        total: first.total,
        index_base: vendor.index_base(),
    })
}

/// The service centre from `+CSCA: "<number>",<toa>`; in UCS-2 text mode the number comes
/// as UCS-2 hex and is decoded when it holds ASCII only.
pub(crate) fn csca(line: &[u8], ucs2: bool) -> Option<String<SMSC_CAPACITY>> {
    let c = Csca::parse(line).ok()?;
    if ucs2 {
        if let Some(s) = ucs2_hex_ascii(c.number) {
            return Some(s);
        }
    }
    Some(printable(c.number))
}

/// ASCII text written as UCS-2 hex (`002B0033` → `+3`); `None` when it is not that.
pub(crate) fn ucs2_hex_ascii<const N: usize>(hex: &[u8]) -> Option<String<N>> {
    if hex.is_empty() || !hex.len().is_multiple_of(4) {
        return None;
    }
    let mut out = String::new();
    for unit in hex.chunks(4) {
        let mut v: u32 = 0;
        for &h in unit {
            let d = char::from(h).to_digit(16)?;
            v = v.checked_mul(16)?.checked_add(d)?;
        }
        let c = char::from_u32(v).filter(|c| c.is_ascii_graphic() || *c == ' ')?;
        out.push(c).ok()?;
    }
    Some(out)
}

/// `+CREG: <n>,<stat>[,…]` as recorded.
pub(crate) fn creg(line: &[u8]) -> Option<Reg> {
    let r = Registration::parse(line, Shape::Answer).ok()?;
    Some(Reg {
        status: r.status,
        act: r.act,
    })
}

/// The operator's name from `+COPS: <mode>,<format>,"<name>"[,<act>]`; `None` without one.
pub(crate) fn cops(line: &[u8]) -> Option<String<OPERATOR_CAPACITY>> {
    let c = Cops::parse(line).ok()?;
    c.operator.map(|o| printable(o.name))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn identification_lines_lose_name_and_quotes() {
        assert_eq!(ident(b"huawei", b"+CGMI"), b"huawei");
        assert_eq!(ident(b"+CGMI: \"ZTE\"", b"+CGMI"), b"ZTE");
        assert_eq!(
            ident(b"+cgsn:356793030000013", b"+CGSN"),
            b"356793030000013"
        );
    }

    #[test]
    fn sim_answers() {
        assert_eq!(cpin(b"+CPIN: READY"), Some(PinAnswer::Ready));
        assert_eq!(cpin(b"+CPIN: SIM PIN"), Some(PinAnswer::Pin));
        assert_eq!(cpin(b"+CPIN: SIM PUK"), Some(PinAnswer::Puk));
        assert_eq!(cpin(b"+CPIN: NOT INSERTED"), Some(PinAnswer::Missing));
        assert_eq!(cpin(b"+CPIN: NOT READY"), Some(PinAnswer::NotReady));
        assert_eq!(cpin(b"+CPIN: PH-NET PIN"), Some(PinAnswer::Locked));
        assert_eq!(cpin(b"garbage"), None);
        assert_eq!(
            cpin_error(FinalCode::CmeError(CmeError::SIM_NOT_INSERTED)),
            Some(PinAnswer::Missing)
        );
        assert_eq!(
            cpin_error(FinalCode::CmeError(CmeError::SIM_BUSY)),
            Some(PinAnswer::NotReady)
        );
        assert_eq!(cpin_error(FinalCode::Error), None);
    }

    #[test]
    fn ucs2_service_centre_is_decoded() {
        let s: String<24> = ucs2_hex_ascii(b"002B0033003500390038").unwrap();
        assert_eq!(s.as_str(), "+3598");
        assert_eq!(ucs2_hex_ascii::<24>(b"+359"), None);
        assert_eq!(ucs2_hex_ascii::<24>(b"00ZZ"), None);
        assert_eq!(
            csca(b"+CSCA: \"002B0033\",145", true).unwrap().as_str(),
            "+3"
        );
        assert_eq!(csca(b"+CSCA: \"\",129", false).unwrap().as_str(), "");
    }
}
