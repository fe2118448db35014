//! `+CPIN: <code>` — what the SIM is waiting for (27.007 §8.3): `READY` or the password it
//! needs. Some modems quote the code; both are read.

use super::{fields, ErrorKind, ParseError};

/// The SIM's state.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Cpin<'a> {
    /// `READY`: no password needed.
    Ready,
    /// `SIM PIN`.
    SimPin,
    /// `SIM PUK`: the PIN was entered wrong too often.
    SimPuk,
    /// `SIM PIN2`.
    SimPin2,
    /// `SIM PUK2`.
    SimPuk2,
    /// `PH-SIM PIN`: the phone is locked to a SIM.
    PhSimPin,
    /// `PH-FSIM PIN`.
    PhFsimPin,
    /// `PH-FSIM PUK`.
    PhFsimPuk,
    /// `PH-NET PIN`: network personalisation.
    PhNetPin,
    /// `PH-NET PUK`.
    PhNetPuk,
    /// `PH-NETSUB PIN`.
    PhNetSubPin,
    /// `PH-NETSUB PUK`.
    PhNetSubPuk,
    /// `PH-SP PIN`: service provider personalisation.
    PhSpPin,
    /// `PH-SP PUK`.
    PhSpPuk,
    /// `PH-CORP PIN`: corporate personalisation.
    PhCorpPin,
    /// `PH-CORP PUK`.
    PhCorpPuk,
    /// A code this code does not know (e.g. `NOT READY`, `NOT INSERTED` from some modems).
    Other(&'a [u8]),
}

const CODES: [(&[u8], Cpin<'static>); 16] = [
    (b"READY", Cpin::Ready),
    (b"SIM PIN", Cpin::SimPin),
    (b"SIM PUK", Cpin::SimPuk),
    (b"SIM PIN2", Cpin::SimPin2),
    (b"SIM PUK2", Cpin::SimPuk2),
    (b"PH-SIM PIN", Cpin::PhSimPin),
    (b"PH-FSIM PIN", Cpin::PhFsimPin),
    (b"PH-FSIM PUK", Cpin::PhFsimPuk),
    (b"PH-NET PIN", Cpin::PhNetPin),
    (b"PH-NET PUK", Cpin::PhNetPuk),
    (b"PH-NETSUB PIN", Cpin::PhNetSubPin),
    (b"PH-NETSUB PUK", Cpin::PhNetSubPuk),
    (b"PH-SP PIN", Cpin::PhSpPin),
    (b"PH-SP PUK", Cpin::PhSpPuk),
    (b"PH-CORP PIN", Cpin::PhCorpPin),
    (b"PH-CORP PUK", Cpin::PhCorpPuk),
];

impl<'a> Cpin<'a> {
    /// Parses a `+CPIN:` line.
    pub fn parse(line: &'a [u8]) -> Result<Self, ParseError> {
        let p = fields(line, b"+CPIN")?;
        p.at_most(1)?;
        let code = p.req(0)?.text()?;
        if code.is_empty() {
            return Err(ParseError {
                kind: ErrorKind::Missing,
                at: line.len(),
            });
        }
        Ok(CODES
            .iter()
            .find(|(name, _)| name.eq_ignore_ascii_case(code))
            .map_or(Cpin::Other(code), |&(_, c)| c))
    }

    /// True when the SIM needs nothing more.
    pub fn is_ready(&self) -> bool {
        *self == Cpin::Ready
    }
}
