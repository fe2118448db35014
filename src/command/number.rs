//! Phone numbers compared the way a person means them: `+359882505000`, `00359882505000`,
//! `+359 88 250-5000` and (with country code 359) `0882505000` are one number.
//!
//! [`normalise`] turns any of those spellings into one canonical international form, `+` and
//! the digits (ITU-T E.164), held in a fixed buffer. The allowlist is normalised once when the
//! config is validated and every sender is normalised the same way before it is compared, so
//! the comparison is plain equality of canonical forms, never of raw strings.
//!
//! A sender that is not a phone number is classified rather than rejected: alphanumeric senders
//! ("Vivacom", "BANK") and short codes (fewer than [`MIN_DIGITS`] digits) are operators and
//! services. smsctl never replies to them: a reply would cost money and an automatic sender
//! answering an automatic sender is how reply loops start.

use core::fmt;

/// E.164 limits a number to 15 digits (country code included).
pub const MAX_DIGITS: usize = 15;

/// Numbers with fewer digits are short codes (service numbers, operators' info lines): the
/// shortest national subscriber numbers with their trunk prefix have 7 digits or more, while
/// short codes have 3 to 6.
pub const MIN_DIGITS: usize = 7;

/// Canonical form capacity: `+` and at most [`MAX_DIGITS`] digits.
pub const NUMBER_CAP: usize = MAX_DIGITS + 1;

/// Country codes have 1 to 3 digits (ITU-T E.164).
pub const MAX_COUNTRY_DIGITS: usize = 3;

/// Why a string is not a number smsctl can compare or reply to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NumberError {
    /// Nothing but separators.
    Empty,
    /// Letters or other characters: an alphanumeric sender such as an operator's name.
    Alphanumeric,
    /// Fewer than [`MIN_DIGITS`] digits: a short code.
    ShortCode {
        /// How many digits it had.
        digits: usize,
    },
    /// More than [`MAX_DIGITS`] digits.
    TooLong {
        /// How many digits it had.
        digits: usize,
    },
    /// A national number (`0…`) and no country code to make it international.
    NeedsCountryCode,
    /// A `+` anywhere but at the start.
    MisplacedPlus,
}

impl fmt::Display for NumberError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            NumberError::Empty => f.write_str("empty number"),
            NumberError::Alphanumeric => f.write_str("not a phone number (alphanumeric sender)"),
            NumberError::ShortCode { digits } => {
                write!(f, "short code ({digits} digits, fewer than {MIN_DIGITS})")
            }
            NumberError::TooLong { digits } => {
                write!(f, "{digits} digits, more than {MAX_DIGITS}")
            }
            NumberError::NeedsCountryCode => {
                f.write_str("national number but no country code configured (auth.country_code)")
            }
            NumberError::MisplacedPlus => f.write_str("`+` is allowed only at the start"),
        }
    }
}

/// A country calling code, 1 to 3 digits, without `+` (`359`, `49`, `1`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CountryCode {
    digits: [u8; MAX_COUNTRY_DIGITS],
    len: u8,
}

impl CountryCode {
    /// Parses `359` or `+359`; `None` unless it is 1 to 3 digits not starting with 0.
    pub fn parse(s: &str) -> Option<CountryCode> {
        let s = s.trim();
        let s = s.strip_prefix('+').unwrap_or(s);
        if s.is_empty() || s.len() > MAX_COUNTRY_DIGITS || s.starts_with('0') {
            return None;
        }
        let mut digits = [0u8; MAX_COUNTRY_DIGITS];
        for (slot, b) in digits.iter_mut().zip(s.bytes()) {
            if !b.is_ascii_digit() {
                return None;
            }
            *slot = b;
        }
        let len = u8::try_from(s.len()).ok()?;
        Some(CountryCode { digits, len })
    }

    /// The digits as text.
    pub fn as_str(&self) -> &str {
        let digits = self.digits.get(..usize::from(self.len)).unwrap_or(&[]);
        core::str::from_utf8(digits).unwrap_or("")
    }
}

impl fmt::Display for CountryCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "+{}", self.as_str())
    }
}

/// A phone number in canonical international form: `+` followed by 7 to 15 digits.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Number(heapless::String<NUMBER_CAP>);

impl Number {
    /// The canonical form, e.g. `+359882505000`.
    pub fn as_str(&self) -> &str {
        self.0.as_str()
    }
}

impl fmt::Display for Number {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Separators people and phones put into numbers; they carry no meaning.
fn is_separator(c: char) -> bool {
    matches!(c, ' ' | '-' | '.' | '(' | ')' | '/' | '\u{a0}') || c.is_whitespace()
}

/// Turns any usual spelling of a phone number into its canonical international form.
///
/// * `+CC…` and `00CC…` are international;
/// * `0…` is national: the leading 0 (trunk prefix) is replaced by `country` (an error without
///   one);
/// * other digit strings are taken as international numbers whose `+` was lost (some modems
///   report international senders that way).
///
/// Spaces, dashes, dots, slashes and parentheses are ignored.
pub fn normalise(raw: &str, country: Option<&CountryCode>) -> Result<Number, NumberError> {
    // First pass: classify without storing, so overlong input cannot overflow anything.
    let mut digits = 0usize;
    let mut plus = false;
    let mut seen_any = false;
    for c in raw.chars().filter(|c| !is_separator(*c)) {
        match c {
            '+' if !seen_any => plus = true,
            '+' => return Err(NumberError::MisplacedPlus),
            '0'..='9' => digits = digits.saturating_add(1),
            _ => return Err(NumberError::Alphanumeric),
        }
        seen_any = true;
    }
    if digits == 0 {
        return Err(if plus {
            NumberError::Empty
        } else if seen_any {
            NumberError::Alphanumeric
        } else {
            NumberError::Empty
        });
    }
    if digits < MIN_DIGITS {
        return Err(NumberError::ShortCode { digits });
    }
    let mut body = raw.chars().filter(|c| c.is_ascii_digit()).map(|c| c as u8);
    let mut out: heapless::String<NUMBER_CAP> = heapless::String::new();
    push(&mut out, '+', digits)?;
    if plus {
        // `+CC…`: the digits as they are.
    } else {
        let mut peek = body.clone();
        match (peek.next(), peek.next()) {
            (Some(b'0'), Some(b'0')) => {
                // `00CC…`: the international access prefix stands for `+`.
                body.next();
                body.next();
            }
            (Some(b'0'), _) => {
                // `0…`: national; the trunk prefix gives way to the country code.
                let cc = country.ok_or(NumberError::NeedsCountryCode)?;
                body.next();
                for c in cc.as_str().chars() {
                    push(&mut out, c, digits)?;
                }
            }
            _ => {}
        }
    }
    for b in body {
        push(&mut out, char::from(b), digits)?;
    }
    let total = out.len().saturating_sub(1);
    if total < MIN_DIGITS {
        return Err(NumberError::ShortCode { digits: total });
    }
    Ok(Number(out))
}

fn push(out: &mut heapless::String<NUMBER_CAP>, c: char, digits: usize) -> Result<(), NumberError> {
    out.push(c).map_err(|_| NumberError::TooLong { digits })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cc() -> CountryCode {
        CountryCode::parse("359").unwrap()
    }

    #[test]
    fn every_spelling_is_one_number() {
        for s in [
            "+359882505000",
            "00359882505000",
            "0882505000",
            "+359 88 250-5000",
            "(088) 250 50 00",
            "359882505000",
        ] {
            assert_eq!(
                normalise(s, Some(&cc())).unwrap().as_str(),
                "+359882505000",
                "{s}"
            );
        }
    }

    #[test]
    fn classification() {
        assert_eq!(
            normalise("Vivacom", Some(&cc())),
            Err(NumberError::Alphanumeric)
        );
        assert_eq!(
            normalise("1234", Some(&cc())),
            Err(NumberError::ShortCode { digits: 4 })
        );
        assert_eq!(
            normalise("0882505000", None),
            Err(NumberError::NeedsCountryCode)
        );
        assert_eq!(normalise("", None), Err(NumberError::Empty));
        assert_eq!(normalise("12+34567", None), Err(NumberError::MisplacedPlus));
        assert_eq!(
            normalise("+1234567890123456", None),
            Err(NumberError::TooLong { digits: 16 })
        );
        // `00` plus five digits leaves a short code.
        assert_eq!(
            normalise("0012345", None),
            Err(NumberError::ShortCode { digits: 5 })
        );
    }

    #[test]
    fn country_code_parsing() {
        assert_eq!(CountryCode::parse("+49").unwrap().as_str(), "49");
        assert!(CountryCode::parse("0359").is_none());
        assert!(CountryCode::parse("1234").is_none());
        assert!(CountryCode::parse("3a").is_none());
        assert!(CountryCode::parse("").is_none());
    }
}
