//! Text helpers of the simulator: `+CSCS` character sets, hex, JSON strings.

/// The TE character set (`+CSCS`) used for text-mode bodies and addresses.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Charset {
    /// `IRA` (ASCII).
    Ira,
    /// `GSM` (shown like IRA here; only ASCII survives the trip).
    Gsm,
    /// `UCS2`: four hex digits per UTF-16 unit.
    Ucs2,
    /// `HEX`: two hex digits per byte of UTF-8.
    Hex,
}

impl Charset {
    /// The `+CSCS` name.
    pub fn name(self) -> &'static str {
        match self {
            Charset::Ira => "IRA",
            Charset::Gsm => "GSM",
            Charset::Ucs2 => "UCS2",
            Charset::Hex => "HEX",
        }
    }

    /// Parses a `+CSCS` name.
    pub fn parse(s: &str) -> Option<Charset> {
        match s.to_ascii_uppercase().as_str() {
            "IRA" => Some(Charset::Ira),
            "GSM" => Some(Charset::Gsm),
            "UCS2" => Some(Charset::Ucs2),
            "HEX" => Some(Charset::Hex),
            _ => None,
        }
    }

    /// `text` as the modem shows it to the host in this character set.
    pub fn encode(self, text: &str) -> String {
        match self {
            Charset::Ira | Charset::Gsm => text
                .chars()
                .map(|c| if c.is_ascii() && c != '\r' { c } else { '?' })
                .collect(),
            Charset::Ucs2 => {
                let mut out = String::new();
                for unit in text.encode_utf16() {
                    out.push_str(&format!("{unit:04X}"));
                }
                out
            }
            Charset::Hex => hex(text.as_bytes()),
        }
    }

    /// Text the host typed in this character set; `None` when it is not valid in it.
    pub fn decode(self, s: &str) -> Option<String> {
        match self {
            Charset::Ira | Charset::Gsm => Some(s.to_string()),
            Charset::Ucs2 => {
                let bytes = unhex(s)?;
                let units: Vec<u16> = bytes
                    .chunks(2)
                    .map(|c| match c {
                        [hi, lo] => Some(u16::from_be_bytes([*hi, *lo])),
                        _ => None,
                    })
                    .collect::<Option<_>>()?;
                String::from_utf16(&units).ok()
            }
            Charset::Hex => String::from_utf8(unhex(s)?).ok(),
        }
    }
}

/// Upper-case hex of `bytes`.
pub fn hex(bytes: &[u8]) -> String {
    let mut out = String::with_capacity(bytes.len() * 2);
    for b in bytes {
        out.push_str(&format!("{b:02X}"));
    }
    out
}

/// Bytes of a hex string (either case, even length).
pub fn unhex(s: &str) -> Option<Vec<u8>> {
    let s = s.trim();
    if !s.len().is_multiple_of(2) {
        return None;
    }
    let digits: Vec<u8> = s
        .chars()
        .map(|c| c.to_digit(16).and_then(|d| u8::try_from(d).ok()))
        .collect::<Option<_>>()?;
    Some(
        digits
            .chunks(2)
            .map(|p| p.iter().fold(0u8, |acc, d| acc << 4 | d))
            .collect(),
    )
}

/// `s` as a JSON string literal.
pub fn json_string(s: &str) -> String {
    crate::host::json::string(s)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn charsets_round_trip() {
        assert_eq!(Charset::Ucs2.encode("hé"), "006800E9");
        assert_eq!(Charset::Ucs2.decode("006800E9").as_deref(), Some("hé"));
        assert_eq!(Charset::Ucs2.decode("0068E"), None);
        assert_eq!(Charset::Hex.decode("6869").as_deref(), Some("hi"));
        assert_eq!(Charset::Ira.encode("hé"), "h?");
    }

    #[test]
    fn json_escapes() {
        assert_eq!(json_string("a\"b\\\n\u{1}"), "\"a\\\"b\\\\\\n\\u0001\"");
    }
}
