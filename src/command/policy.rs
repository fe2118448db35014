//! The validated policy the router decides by, as a borrowed view: the daemon builds it once
//! from the std config (slices into the config's own storage), so deciding allocates nothing.

use super::number::{CountryCode, Number};

/// At most this many numbers in `auth.allow`: the rate limiter keeps one window per allowed
/// sender (plus one shared by all unknown senders) in a fixed table of this size.
pub const MAX_ALLOW: usize = 32;

/// `limits.reply_parts` is at most this: eight concatenated parts (8 × 153 GSM characters) are
/// already a long read on a phone and cost eight SMS.
pub const MAX_REPLY_PARTS: u8 = 8;

/// `connect N` accepts 1 to this many minutes (one day): longer links are a config decision.
pub const MAX_CONNECT_MINUTES: u16 = 1440;

/// Configured command names have at most this many characters.
pub const MAX_NAME_LEN: usize = 32;

/// An SMS argument to a configured command has at most this many characters.
pub const MAX_ARG_LEN: usize = 64;

/// At most this many SMS arguments are passed to a configured command.
pub const MAX_ARGS: usize = 8;

/// The built-in commands.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Builtin {
    /// `help`: the commands available.
    Help,
    /// `ping`: answers `pong`.
    Ping,
    /// `status`: the facts of the machine and the modem.
    Status,
    /// `reboot`: the reply is sent first, then the machine reboots.
    Reboot,
    /// `connect [minutes]`: bring the data link up for a while.
    Connect,
    /// `disconnect`: take it down.
    Disconnect,
}

impl Builtin {
    /// Every built-in, in the order `help` lists them.
    pub const ALL: [Builtin; 6] = [
        Builtin::Help,
        Builtin::Ping,
        Builtin::Status,
        Builtin::Reboot,
        Builtin::Connect,
        Builtin::Disconnect,
    ];

    /// The word that invokes it.
    pub const fn name(self) -> &'static str {
        match self {
            Builtin::Help => "help",
            Builtin::Ping => "ping",
            Builtin::Status => "status",
            Builtin::Reboot => "reboot",
            Builtin::Connect => "connect",
            Builtin::Disconnect => "disconnect",
        }
    }

    /// The built-in called `word` (ASCII case-insensitive).
    pub fn from_word(word: &str) -> Option<Builtin> {
        Builtin::ALL
            .into_iter()
            .find(|b| b.name().eq_ignore_ascii_case(word))
    }
}

/// What happens to a message from a number not in the allowlist (or with a wrong secret).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum UnknownPolicy {
    /// Logged and dropped; no reply (default: a reply costs money and confirms the number).
    #[default]
    Ignore,
    /// Logged and answered with a short refusal.
    Reply,
}

/// Whether `name` is a valid configured command name: 1 to [`MAX_NAME_LEN`] of
/// `a-z`, `0-9`, `_`, `-`, starting with a letter.
pub fn valid_command_name(name: &str) -> bool {
    let mut chars = name.chars();
    matches!(chars.next(), Some('a'..='z'))
        && name.len() <= MAX_NAME_LEN
        && chars.all(|c| matches!(c, 'a'..='z' | '0'..='9' | '_' | '-'))
}

/// Whether `c` may appear in an SMS argument: letters, digits and `. _ : / = @ + , -`. Nothing a
/// shell, a glob or a terminal would interpret (no spaces, quotes, `$`, `;`, `|`, `&`, `*`, `?`,
/// backslashes, control characters), although arguments never reach a shell anyway.
pub fn valid_arg_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || matches!(c, '.' | '_' | ':' | '/' | '=' | '@' | '+' | ',' | '-')
}

/// One configured command as the router sees it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CommandEntry<'a> {
    /// Its name (lowercase, [`valid_command_name`]).
    pub name: &'a str,
    /// Whether words after the name are passed on as arguments.
    pub args: bool,
}

/// The rate limits, as numbers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    /// Commands accepted per sender per hour (0 = none).
    pub commands_per_hour: u32,
    /// SMS sent per day, replies and greetings together (0 = none).
    pub sms_per_day: u32,
    /// A reply is cut to fit this many SMS parts (1..=[`MAX_REPLY_PARTS`]).
    pub reply_parts: u8,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            commands_per_hour: 20,
            sms_per_day: 50,
            reply_parts: 3,
        }
    }
}

/// Everything the router needs to decide, borrowed from the validated config.
#[derive(Debug, Clone, Copy)]
pub struct Policy<'a> {
    /// The numbers allowed to command, normalised.
    pub allow: &'a [Number],
    /// To normalise national sender numbers.
    pub country_code: Option<CountryCode>,
    /// The word required before every command, if any.
    pub secret: Option<&'a str>,
    /// What to do with unknown senders.
    pub unknown: UnknownPolicy,
    /// The configured commands.
    pub commands: &'a [CommandEntry<'a>],
    /// `connect` without minutes lasts this long (1..=[`MAX_CONNECT_MINUTES`]).
    pub connect_minutes: u16,
    /// Rate limits and reply size.
    pub limits: Limits,
}
