//! TP-SCTS, TP-DT and the absolute validity period (TS 23.040 §9.2.3.11): seven swapped-BCD
//! octets, the last one the time zone in quarter hours with a sign bit.

use core::fmt;

/// A timestamp as the network sends it. Fields are kept as received (a digit above 9 from a
/// broken phone gives an out-of-range value, never an error), so no message is lost.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Hash)]
pub struct Timestamp {
    /// Year, 2000–2099 (two digits on the wire).
    pub year: u16,
    /// Month 1–12.
    pub month: u8,
    /// Day 1–31.
    pub day: u8,
    /// Hour 0–23.
    pub hour: u8,
    /// Minute 0–59.
    pub minute: u8,
    /// Second 0–59.
    pub second: u8,
    /// Offset from UTC in quarter hours, -79..=79.
    pub tz_quarters: i8,
}

/// The time-zone sign bit inside the (swapped) time-zone octet.
const TZ_NEGATIVE: u8 = 0x08;

/// A swapped semi-octet pair: low nibble is the tens digit.
fn swapped(b: u8) -> u8 {
    (b & 0x0F).saturating_mul(10).saturating_add(b >> 4)
}

fn to_swapped(v: u8) -> u8 {
    let v = v % 100;
    ((v % 10) << 4) | (v / 10)
}

impl Timestamp {
    /// Decodes the seven octets.
    pub fn from_octets(o: [u8; 7]) -> Timestamp {
        let [y, mo, d, h, mi, s, tz] = o;
        let quarters = (tz & 0x07).saturating_mul(10).saturating_add(tz >> 4);
        let quarters = i8::try_from(quarters).unwrap_or(i8::MAX);
        Timestamp {
            year: 2000u16.saturating_add(u16::from(swapped(y))),
            month: swapped(mo),
            day: swapped(d),
            hour: swapped(h),
            minute: swapped(mi),
            second: swapped(s),
            tz_quarters: if tz & TZ_NEGATIVE != 0 {
                quarters.saturating_neg()
            } else {
                quarters
            },
        }
    }

    /// Encodes the seven octets (year modulo 100; time zone clamped to ±79 quarters).
    pub fn to_octets(&self) -> [u8; 7] {
        let q = self.tz_quarters.unsigned_abs().min(79);
        let mut tz = ((q % 10) << 4) | (q / 10);
        if self.tz_quarters < 0 {
            tz |= TZ_NEGATIVE;
        }
        [
            to_swapped((self.year % 100) as u8),
            to_swapped(self.month),
            to_swapped(self.day),
            to_swapped(self.hour),
            to_swapped(self.minute),
            to_swapped(self.second),
            tz,
        ]
    }

    /// The offset from UTC in minutes.
    pub fn offset_minutes(&self) -> i16 {
        i16::from(self.tz_quarters).saturating_mul(15)
    }
}

/// ISO 8601 with offset: `2026-11-26T16:00:09+02:00`.
impl fmt::Display for Timestamp {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let off = self.offset_minutes();
        let sign = if off < 0 { '-' } else { '+' };
        let off = off.unsigned_abs();
        write!(
            f,
            "{:04}-{:02}-{:02}T{:02}:{:02}:{:02}{sign}{:02}:{:02}",
            self.year,
            self.month,
            self.day,
            self.hour,
            self.minute,
            self.second,
            off / 60,
            off % 60
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::string::ToString;

    #[test]
    fn quarter_hours_and_sign() {
        // 2011-02-28 15:20:45, +02:00 (8 quarters → octet 0x80).
        let t = Timestamp::from_octets([0x11, 0x20, 0x82, 0x51, 0x02, 0x54, 0x80]);
        assert_eq!(t.to_string(), "2011-02-28T15:20:45+02:00");
        assert_eq!(t.to_octets(), [0x11, 0x20, 0x82, 0x51, 0x02, 0x54, 0x80]);
        // -05:45 = -23 quarters → tens 2 | sign, units 3 → 0x3A.
        let t = Timestamp::from_octets([0x11, 0x20, 0x82, 0x51, 0x02, 0x54, 0x3A]);
        assert_eq!(t.tz_quarters, -23);
        assert_eq!(t.to_string(), "2011-02-28T15:20:45-05:45");
        assert_eq!(t.to_octets()[6], 0x3A);
    }
}
