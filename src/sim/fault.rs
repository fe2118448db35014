//! Faults a test or the control socket can inject: the failures real modems show.

use std::fmt;
use std::str::FromStr;

use super::Sim;
use crate::time::{Duration, Instant};

/// Most bytes `garbage N` and `drop N` take: 64 KiB is far more than any response, and keeps
/// a typo (`garbage 50000000000`) from exhausting memory.
pub const MAX_FAULT_BYTES: usize = 64 * 1024;

/// Most refusals (`fault refuse`) armed at once: a test of the modem layer's fallbacks refuses
/// a handful of commands (`+CMGF=0`, each `+CNMI` variant); more would be a typo loop.
pub const MAX_REFUSALS: usize = 16;

/// A fault to inject (`fault NAME [ARGS]` on the control socket).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Fault {
    /// `hang SECONDS`: ignore input and say nothing for this long (queued output is lost).
    Hang(Duration),
    /// `garbage N`: N bytes of line noise before the next response.
    Garbage(usize),
    /// `drop N`: the next N bytes of responses are lost.
    Drop(usize),
    /// `urc-in-response`: the profile's typical URC inside the next response.
    UrcInResponse,
    /// `cms-error CODE`: the next `+CMGS` fails with `+CMS ERROR: CODE`.
    CmsError(u16),
    /// `slow MS`: every response comes MS milliseconds late (`slow 0` ends it).
    Slow(Duration),
    /// `storage-full`: storage counts as full until a message is deleted; new SMS wait in the
    /// network and no `+CMTI` is sent (Huawei says `^SMMEMFULL` once).
    StorageFull,
    /// `unplug`: the modem vanishes (the pty closes, the link disappears).
    Unplug,
    /// `replug`: the modem comes back, powered up afresh (a new pty behind the same link).
    Replug,
    /// `refuse PREFIX [ERROR-LINE]`: every command whose text starts with PREFIX (without `AT`,
    /// case-insensitive: `+CMGF=0`, `+CNMI=2,1,0,2`) fails with ERROR-LINE (`+CMS ERROR: 303`)
    /// or plain `ERROR`, until `none`. At most [`MAX_REFUSALS`] at once.
    Refuse {
        /// Upper-case command text prefix, without `AT`.
        prefix: String,
        /// The final line to answer instead of `ERROR`.
        line: Option<String>,
    },
    /// `none`: disarm every fault.
    None,
}

impl FromStr for Fault {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
        let s = s.trim();
        if let Some(rest) = s.strip_prefix("refuse") {
            if rest.is_empty() || rest.starts_with(char::is_whitespace) {
                return parse_refuse(rest.trim());
            }
        }
        let mut words = s.split_whitespace();
        let name = words.next().ok_or("fault needs a name")?;
        let arg = words.next();
        if words.next().is_some() {
            return Err(format!("too many arguments for fault `{name}`"));
        }
        let need = |what: &str| -> Result<&str, String> {
            arg.ok_or_else(|| format!("fault `{name}` needs {what}"))
        };
        let count = |what: &str| -> Result<usize, String> {
            need(what)?
                .parse()
                .ok()
                .filter(|n| *n <= MAX_FAULT_BYTES)
                .ok_or_else(|| {
                    format!("fault `{name}`: {what} must be a whole number up to {MAX_FAULT_BYTES}")
                })
        };
        let none_expected = || match arg {
            Some(a) => Err(format!("fault `{name}` takes no argument, got `{a}`")),
            None => Ok(()),
        };
        match name {
            "hang" => {
                let secs: f64 = need("SECONDS")?
                    .parse()
                    .map_err(|_| "fault `hang`: SECONDS must be a number".to_string())?;
                if !(0.0..=86_400.0).contains(&secs) {
                    return Err("fault `hang`: SECONDS must be between 0 and 86400".into());
                }
                Ok(Fault::Hang(Duration::from_millis((secs * 1000.0) as u64)))
            }
            "garbage" => Ok(Fault::Garbage(count("N")?)),
            "drop" => Ok(Fault::Drop(count("N")?)),
            "urc-in-response" => none_expected().map(|()| Fault::UrcInResponse),
            "cms-error" => {
                let code = need("CODE")?
                    .parse()
                    .map_err(|_| "fault `cms-error`: CODE must be a number".to_string())?;
                Ok(Fault::CmsError(code))
            }
            "slow" => {
                let ms: u64 = need("MS")?
                    .parse()
                    .map_err(|_| "fault `slow`: MS must be a whole number".to_string())?;
                Ok(Fault::Slow(Duration::from_millis(ms)))
            }
            "storage-full" => none_expected().map(|()| Fault::StorageFull),
            "unplug" => none_expected().map(|()| Fault::Unplug),
            "replug" => none_expected().map(|()| Fault::Replug),
            "none" => none_expected().map(|()| Fault::None),
            other => Err(format!(
                "unknown fault `{other}` (hang, garbage, drop, urc-in-response, cms-error, \
                 slow, storage-full, unplug, replug, refuse, none)"
            )),
        }
    }
}

impl fmt::Display for Fault {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Fault::Hang(d) => write!(f, "hang {}", d.as_secs_f64()),
            Fault::Garbage(n) => write!(f, "garbage {n}"),
            Fault::Drop(n) => write!(f, "drop {n}"),
            Fault::UrcInResponse => f.write_str("urc-in-response"),
            Fault::CmsError(c) => write!(f, "cms-error {c}"),
            Fault::Slow(d) => write!(f, "slow {}", d.as_millis()),
            Fault::StorageFull => f.write_str("storage-full"),
            Fault::Unplug => f.write_str("unplug"),
            Fault::Replug => f.write_str("replug"),
            Fault::Refuse { prefix, line } => match line {
                Some(l) => write!(f, "refuse {prefix} {l}"),
                None => write!(f, "refuse {prefix}"),
            },
            Fault::None => f.write_str("none"),
        }
    }
}

/// `refuse PREFIX [ERROR-LINE]`: the prefix is one word, the line is the rest.
fn parse_refuse(rest: &str) -> Result<Fault, String> {
    let (prefix, line) = match rest.split_once(char::is_whitespace) {
        Some((p, l)) => (p, Some(l.trim())),
        None => (rest, None),
    };
    let upper = prefix.to_ascii_uppercase();
    let prefix = upper.strip_prefix("AT").unwrap_or(&upper);
    if prefix.is_empty() {
        return Err("usage: fault refuse PREFIX [ERROR-LINE] (e.g. refuse +CMGF=0)".into());
    }
    let line = line.filter(|l| !l.is_empty());
    if line.is_some_and(|l| l.chars().any(|c| c.is_control())) {
        return Err("fault `refuse`: ERROR-LINE must be one line of text".into());
    }
    Ok(Fault::Refuse {
        prefix: prefix.to_string(),
        line: line.map(str::to_string),
    })
}

impl Sim {
    /// Arms `fault` at `now`. A `refuse` beyond [`MAX_REFUSALS`] replaces the oldest one.
    pub fn fault(&mut self, now: Instant, fault: Fault) {
        let f = &mut self.faults;
        match fault {
            Fault::Hang(d) => {
                f.hang_until = Some(now + d);
                self.out.clear();
                self.rx.clear();
                self.prompt = None;
            }
            Fault::Garbage(n) => f.garbage = f.garbage.saturating_add(n).min(MAX_FAULT_BYTES),
            Fault::Drop(n) => f.drop = f.drop.saturating_add(n).min(MAX_FAULT_BYTES),
            Fault::UrcInResponse => f.urc_in_response = true,
            Fault::CmsError(code) => f.cms_error = Some(code),
            Fault::Slow(d) => f.slow = d,
            Fault::StorageFull => f.storage_full = true,
            Fault::Unplug => {
                self.plugged = false;
                self.out.clear();
                self.boot.clear();
                self.rx.clear();
                self.prompt = None;
                self.held_line = None;
                self.backlog.clear();
            }
            Fault::Replug => {
                if !self.plugged {
                    self.plugged = true;
                    self.generation = self.generation.wrapping_add(1);
                    self.out.clear();
                    self.boot.clear();
                    self.power_up(now);
                }
            }
            Fault::Refuse { prefix, line } => {
                f.refusals.retain(|(p, _)| *p != prefix);
                if f.refusals.len() >= MAX_REFUSALS {
                    f.refusals.remove(0);
                }
                f.refusals.push((prefix, line));
            }
            Fault::None => {
                *f = super::Faults::default();
                self.release_held(now);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_every_fault_and_round_trips() {
        for text in [
            "hang 2.5",
            "garbage 7",
            "drop 3",
            "urc-in-response",
            "cms-error 500",
            "slow 1500",
            "storage-full",
            "unplug",
            "replug",
            "refuse +CMGF=0",
            "refuse +CNMI=2,1,0,2 +CMS ERROR: 303",
            "none",
        ] {
            let f: Fault = text.parse().expect(text);
            assert_eq!(f.to_string(), text);
        }
        assert!("hang".parse::<Fault>().is_err());
        assert!("hang -1".parse::<Fault>().is_err());
        assert!("drop x".parse::<Fault>().is_err());
        // Regression (fuzz crash seed-crash-garbage-huge): a huge count is refused, not allocated.
        assert!("garbage 500000000000000".parse::<Fault>().is_err());
        assert!("garbage 65536".parse::<Fault>().is_ok());
        assert!("unplug now".parse::<Fault>().is_err());
        assert!("melt".parse::<Fault>().is_err());
        assert!("refuse".parse::<Fault>().is_err());
        assert!("refusenik".parse::<Fault>().is_err());
        assert_eq!(
            "refuse at+cmgf=0".parse::<Fault>(),
            Ok(Fault::Refuse {
                prefix: "+CMGF=0".into(),
                line: None
            })
        );
    }
}
