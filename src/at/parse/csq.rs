//! `+CSQ: <rssi>,<ber>` — signal quality (27.007 §8.5).
//!
//! `<rssi>` 0 is −113 dBm or less, 1 is −111 dBm, 2…30 are −109…−53 dBm in 2 dB steps, 31 is
//! −51 dBm or more, 99 is "not known". `<ber>` 0…7 is the RXQUAL bit error class, 99 not known.

use super::{fields, ParseError};

/// Signal quality as the modem reported it. The raw values are kept; out-of-range ones give
/// `None` from [`Csq::dbm`] and no bars.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Csq {
    /// Received signal strength index, 0–31 or 99.
    pub rssi: u8,
    /// Bit error rate class, 0–7 or 99.
    pub ber: u8,
}

/// `<rssi>` for "not known or not detectable".
pub const RSSI_UNKNOWN: u8 = 99;

impl Csq {
    /// Parses a `+CSQ:` line.
    pub fn parse(line: &[u8]) -> Result<Self, ParseError> {
        let p = fields(line, b"+CSQ")?;
        p.at_most(2)?;
        Ok(Csq {
            rssi: p.req(0)?.u8()?,
            ber: p.req(1)?.u8()?,
        })
    }

    /// Signal strength in dBm: 0 → −113, 31 → −51; `None` for 99 and out-of-range values.
    pub fn dbm(&self) -> Option<i16> {
        if self.rssi <= 31 {
            Some(i16::from(self.rssi).saturating_mul(2).saturating_sub(113))
        } else {
            None
        }
    }

    /// Signal bars 0–5, as a phone would show them:
    ///
    /// | rssi | dBm | bars |
    /// |---|---|---|
    /// | 99, out of range, 0–1 | unknown, ≤ −111 | 0 |
    /// | 2–5 | −109…−103 | 1 |
    /// | 6–9 | −101…−95 | 2 |
    /// | 10–14 | −93…−85 | 3 |
    /// | 15–19 | −83…−75 | 4 |
    /// | 20–31 | ≥ −73 | 5 |
    ///
    /// Below about −105 dBm SMS still works but calls drop; above −75 dBm is a strong signal.
    pub fn bars(&self) -> u8 {
        match self.rssi {
            2..=5 => 1,
            6..=9 => 2,
            10..=14 => 3,
            15..=19 => 4,
            20..=31 => 5,
            _ => 0,
        }
    }
}
