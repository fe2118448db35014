//! The words of a message: the optional `cmd:` prefix, the secret, the command word, the
//! arguments. Case-insensitive and whitespace-tolerant: `status`, ` Status `, `CMD:status`,
//! `cmd: status`, `4711 status`, `cmd: 4711 status` all name the same command.

use super::policy::{valid_arg_char, MAX_ARGS, MAX_ARG_LEN};
use core::fmt;

/// The prefix the original Python program required; still accepted, never needed.
const PREFIX: &str = "cmd:";

/// What a message says, with prefix and secret taken off.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Words<'t> {
    /// The command word, as typed (compare it ASCII case-insensitively).
    pub command: &'t str,
    /// Everything after the command word, trimmed.
    pub rest: &'t str,
}

/// Why a message has no command.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ParseError {
    /// Nothing but whitespace (and perhaps the prefix or the secret).
    Empty,
    /// A secret is configured and the first word is not it.
    BadSecret,
}

/// Takes `cmd:` (any case, spaces after it optional) off the front of `text`.
fn strip_prefix(text: &str) -> &str {
    let text = text.trim_start();
    match text.get(..PREFIX.len()) {
        Some(head) if head.eq_ignore_ascii_case(PREFIX) => {
            text.get(PREFIX.len()..).unwrap_or("").trim_start()
        }
        _ => text,
    }
}

/// The first whitespace-separated word of `text` and the trimmed rest.
fn first_word(text: &str) -> (&str, &str) {
    let text = text.trim();
    match text.split_once(char::is_whitespace) {
        Some((word, rest)) => (word, rest.trim()),
        None => (text, ""),
    }
}

/// Compares `given` with `secret` in time that depends on the secret's length only, never on
/// where the first difference is (a timing side channel would let an attacker who can measure
/// replies guess the secret byte by byte).
pub fn secret_matches(given: &str, secret: &str) -> bool {
    let given = given.as_bytes();
    let mut diff = u8::from(given.len() != secret.len());
    for (i, s) in secret.bytes().enumerate() {
        diff |= given.get(i).copied().unwrap_or(0) ^ s;
    }
    core::hint::black_box(diff) == 0
}

/// Splits a message into its words, checking the secret when one is configured.
pub fn split<'t>(text: &'t str, secret: Option<&str>) -> Result<Words<'t>, ParseError> {
    let mut body = strip_prefix(text);
    if let Some(secret) = secret {
        let (word, rest) = first_word(body);
        if word.is_empty() {
            return Err(ParseError::Empty);
        }
        if !secret_matches(word, secret) {
            return Err(ParseError::BadSecret);
        }
        // `4711 cmd: status` is as good as `cmd: 4711 status`.
        body = strip_prefix(rest);
    }
    let (command, rest) = first_word(body);
    if command.is_empty() {
        return Err(ParseError::Empty);
    }
    Ok(Words { command, rest })
}

/// Why the arguments of a command were refused. Positions are 1-based.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ArgError {
    /// More than [`MAX_ARGS`] words.
    TooMany,
    /// Argument `n` is longer than [`MAX_ARG_LEN`].
    TooLong(usize),
    /// Argument `n` has a character outside the allowed set.
    BadChar(usize),
    /// Argument `n` starts with `-`: it could pass as an option to the program.
    LeadingDash(usize),
}

impl fmt::Display for ArgError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ArgError::TooMany => write!(f, "at most {MAX_ARGS} arguments"),
            ArgError::TooLong(n) => write!(f, "argument {n} longer than {MAX_ARG_LEN}"),
            ArgError::BadChar(n) => {
                write!(f, "argument {n}: only A-Z a-z 0-9 . _ : / = @ + , -")
            }
            ArgError::LeadingDash(n) => write!(f, "argument {n} starts with -"),
        }
    }
}

/// The checked arguments of a configured command: a borrowed view of the message text whose
/// words each passed [`check_args`]. The host appends them to the configured argv, one argv
/// entry per word.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Args<'t> {
    rest: &'t str,
}

impl<'t> Args<'t> {
    /// The words, in order.
    pub fn iter(&self) -> impl Iterator<Item = &'t str> + 't {
        self.rest.split_whitespace()
    }

    /// How many words.
    pub fn len(&self) -> usize {
        self.iter().count()
    }

    /// Whether there are none.
    pub fn is_empty(&self) -> bool {
        self.rest.is_empty()
    }

    /// The argument text as typed (trimmed).
    pub fn as_str(&self) -> &'t str {
        self.rest
    }
}

/// Checks every word of `rest` as an argument for a configured command.
pub fn check_args(rest: &str) -> Result<Args<'_>, ArgError> {
    let rest = rest.trim();
    let mut count = 0usize;
    for word in rest.split_whitespace() {
        count = count.saturating_add(1);
        if count > MAX_ARGS {
            return Err(ArgError::TooMany);
        }
        if word.len() > MAX_ARG_LEN {
            return Err(ArgError::TooLong(count));
        }
        if !word.chars().all(valid_arg_char) {
            return Err(ArgError::BadChar(count));
        }
        if word.starts_with('-') {
            return Err(ArgError::LeadingDash(count));
        }
    }
    Ok(Args { rest })
}

/// A message as it may be logged or shown: when a secret is configured, the first word after
/// the prefix (the secret, or a guess at it) is shown as `***`; control characters are escaped
/// so a message cannot forge log lines.
#[derive(Debug, Clone, Copy)]
pub struct Redacted<'t> {
    text: &'t str,
    secret: bool,
}

impl<'t> Redacted<'t> {
    /// `text` as it may be shown, given whether a secret is configured.
    pub fn new(text: &'t str, secret_configured: bool) -> Self {
        Redacted {
            text,
            secret: secret_configured,
        }
    }
}

fn write_escaped(f: &mut fmt::Formatter<'_>, s: &str) -> fmt::Result {
    for c in s.chars() {
        if c.is_control() {
            write!(f, "\\u{{{:x}}}", u32::from(c))?;
        } else {
            fmt::Write::write_char(f, c)?;
        }
    }
    Ok(())
}

impl fmt::Display for Redacted<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if !self.secret {
            return write_escaped(f, self.text.trim());
        }
        let body = strip_prefix(self.text);
        let (word, rest) = first_word(body);
        if word.is_empty() {
            return Ok(());
        }
        f.write_str("***")?;
        if !rest.is_empty() {
            f.write_str(" ")?;
            write_escaped(f, rest)?;
        }
        Ok(())
    }
}
