//! Text helpers of the simulator: `+CSCS` character sets, hex, JSON strings, and how long a
//! delivered text is split into parts.

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
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if u32::from(c) < 0x20 => out.push_str(&format!("\\u{:04x}", u32::from(c))),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// Characters of the GSM 7-bit default alphabet (TS 23.038 §6.2.1), one septet each.
const GSM_BASIC: &str = "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?\
¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà";
/// Characters of the extension table (§6.2.1.1), two septets each (escape + code).
const GSM_EXTENDED: &str = "\x0c^{}\\[~]|€";

/// Septets `text` takes in the GSM 7-bit alphabet, `None` if it needs UCS-2.
pub fn gsm_septets(text: &str) -> Option<usize> {
    text.chars().try_fold(0usize, |n, c| {
        if GSM_BASIC.contains(c) {
            Some(n + 1)
        } else if GSM_EXTENDED.contains(c) {
            Some(n + 2)
        } else {
            None
        }
    })
}

/// Splits `text` into the parts a network would deliver: one part when it fits a single SMS
/// (160 septets, or 70 UCS-2 units), else parts of 153 septets / 67 units (the 6-octet
/// concatenation header takes the rest), never cutting an escape pair or a surrogate pair.
pub fn split_parts(text: &str) -> Vec<String> {
    let (single, multi, cost): (usize, usize, fn(char) -> usize) = match gsm_septets(text) {
        Some(_) => (160, 153, |c| if GSM_EXTENDED.contains(c) { 2 } else { 1 }),
        None => (70, 67, char::len_utf16),
    };
    let total: usize = text.chars().map(cost).sum();
    if total <= single {
        return vec![text.to_string()];
    }
    let mut parts = Vec::new();
    let mut cur = String::new();
    let mut used = 0usize;
    for c in text.chars() {
        let n = cost(c);
        if used + n > multi {
            parts.push(std::mem::take(&mut cur));
            used = 0;
        }
        cur.push(c);
        used += n;
    }
    if !cur.is_empty() {
        parts.push(cur);
    }
    parts
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
    fn split_boundaries() {
        assert_eq!(split_parts(&"a".repeat(160)).len(), 1);
        let p = split_parts(&"a".repeat(161));
        assert_eq!(p.iter().map(String::len).collect::<Vec<_>>(), vec![153, 8]);
        assert_eq!(split_parts(&"€".repeat(80)).len(), 1);
        assert_eq!(split_parts(&"€".repeat(81)).len(), 2);
        assert_eq!(split_parts(&"ж".repeat(70)).len(), 1);
        let p = split_parts(&"ж".repeat(71));
        assert_eq!(
            p.iter().map(|s| s.chars().count()).collect::<Vec<_>>(),
            vec![67, 4]
        );
        // A surrogate pair is never cut: 66 units + an emoji (2 units) leaves it for part two.
        let t = format!("{}😀{}", "ж".repeat(66), "ж".repeat(10));
        let p = split_parts(&t);
        assert_eq!(p.first().map(|s| s.chars().count()), Some(66));
    }

    #[test]
    fn json_escapes() {
        assert_eq!(json_string("a\"b\\\n\u{1}"), "\"a\\\"b\\\\\\n\\u0001\"");
    }
}
