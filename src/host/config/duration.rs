//! Durations as people write them in the config: `"60s"`, `"10m"`, `"6h"`, `"1h30m"`, `"1d"`,
//! `"500ms"`; `"0"` means never (where a key allows it).

use std::time::Duration;

/// Parses a duration. `Ok(None)` is `"0"` (never); the caller decides whether that is allowed.
pub fn parse_duration(text: &str) -> Result<Option<Duration>, String> {
    let s = text.trim();
    if s == "0" {
        return Ok(None);
    }
    if s.is_empty() {
        return Err("empty duration".into());
    }
    let mut total = Duration::ZERO;
    let mut rest = s;
    while !rest.is_empty() {
        let digits = rest.bytes().take_while(u8::is_ascii_digit).count();
        let (number, tail) = rest.split_at(digits);
        if number.is_empty() {
            return Err(format!("`{text}`: expected a number like 60s, 10m, 6h, 1d"));
        }
        let unit_len = tail.bytes().take_while(u8::is_ascii_alphabetic).count();
        let (unit, tail) = tail.split_at(unit_len);
        let n: u64 = number
            .parse()
            .map_err(|_| format!("`{text}`: number too large"))?;
        let part = match unit {
            "ms" => Duration::from_millis(n),
            "s" => Duration::from_secs(n),
            "m" => Duration::from_secs(n.saturating_mul(60)),
            "h" => Duration::from_secs(n.saturating_mul(3600)),
            "d" => Duration::from_secs(n.saturating_mul(86_400)),
            "" => return Err(format!("`{text}`: missing unit (ms, s, m, h or d)")),
            other => {
                return Err(format!(
                    "`{text}`: unknown unit `{other}` (ms, s, m, h or d)"
                ))
            }
        };
        total = total.saturating_add(part);
        rest = tail;
    }
    if total.is_zero() {
        return Ok(None);
    }
    Ok(Some(total))
}

/// Formats a duration the way the config writes it (for messages and `check-config`).
pub fn format_duration(d: Duration) -> String {
    let s = d.as_secs();
    if d.subsec_millis() != 0 || s == 0 {
        format!("{}ms", d.as_millis())
    } else if s.is_multiple_of(86_400) {
        format!("{}d", s / 86_400)
    } else if s.is_multiple_of(3600) {
        format!("{}h", s / 3600)
    } else if s.is_multiple_of(60) {
        format!("{}m", s / 60)
    } else {
        format!("{s}s")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spellings() {
        let d = |s| parse_duration(s).unwrap();
        assert_eq!(d("60s"), Some(Duration::from_secs(60)));
        assert_eq!(d("10m"), Some(Duration::from_secs(600)));
        assert_eq!(d("6h"), Some(Duration::from_secs(21_600)));
        assert_eq!(d("1d"), Some(Duration::from_secs(86_400)));
        assert_eq!(d("1h30m"), Some(Duration::from_secs(5400)));
        assert_eq!(d("250ms"), Some(Duration::from_millis(250)));
        assert_eq!(d("0"), None);
        assert_eq!(d("0s"), None);
        for bad in [
            "",
            "10",
            "m",
            "10x",
            "1.5h",
            "-1s",
            "10 m",
            "99999999999999999999s",
        ] {
            assert!(parse_duration(bad).is_err(), "{bad}");
        }
        assert_eq!(format_duration(Duration::from_secs(5400)), "90m");
        assert_eq!(format_duration(Duration::from_secs(21_600)), "6h");
    }
}
