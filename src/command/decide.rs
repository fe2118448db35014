//! From (sender, text, policy, now) to a [`Decision`]. Nothing is executed here.

use super::limits::{Key, Limiter};
use super::number::{normalise, Number, NumberError};
use super::parse::{check_args, split, ArgError, Args, ParseError, Redacted};
use super::policy::{Builtin, Policy, UnknownPolicy, MAX_CONNECT_MINUTES};
use crate::time::Instant;
use core::fmt::{self, Write};

/// A short reply decided without running anything; all such texts are ASCII and fit one SMS.
pub const LINE_CAP: usize = 160;

/// The text of such a reply.
pub type Line = heapless::String<LINE_CAP>;

/// The reply to `ping`.
pub const PONG: &str = "pong";
/// The reply to an unknown sender when `auth.unknown = "reply"`.
pub const NOT_AUTHORISED: &str = "not authorised";
/// The reply sent before a reboot (the daemon sends it, waits for the modem to confirm it, and
/// only then calls [`super::Actions::reboot`]).
pub const REBOOTING: &str = "rebooting";

/// Why a message gets no reply and no action.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Ignored {
    /// The sender cannot be answered: an alphanumeric sender, a short code, or not a number.
    Unreplyable(NumberError),
    /// Not in the allowlist (with `unknown = "ignore"`).
    UnknownSender,
    /// The secret is missing or wrong (with `unknown = "ignore"`).
    BadSecret,
    /// Over the per-sender limit (for unknown senders, the shared one).
    RateLimited,
}

impl fmt::Display for Ignored {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Ignored::Unreplyable(e) => write!(f, "sender cannot be answered: {e}"),
            Ignored::UnknownSender => f.write_str("sender not in the allowlist"),
            Ignored::BadSecret => f.write_str("secret missing or wrong"),
            Ignored::RateLimited => f.write_str("over the commands-per-hour limit"),
        }
    }
}

/// Something to do on the machine.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Action<'a> {
    /// Gather the status facts and reply with them.
    Status,
    /// Reply [`REBOOTING`], wait for the modem to confirm it, then reboot.
    Reboot,
    /// Bring the data link up for this many minutes.
    Connect {
        /// 1..=[`MAX_CONNECT_MINUTES`].
        minutes: u16,
    },
    /// Take the data link down.
    Disconnect,
    /// Run a configured command.
    Configured {
        /// Its name (from the policy).
        name: &'a str,
        /// Its checked SMS arguments (empty unless the command takes arguments).
        args: Args<'a>,
    },
}

impl fmt::Display for Action<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Action::Status => f.write_str("status"),
            Action::Reboot => f.write_str("reboot"),
            Action::Connect { minutes } => write!(f, "connect {minutes}"),
            Action::Disconnect => f.write_str("disconnect"),
            Action::Configured { name, args } if args.is_empty() => f.write_str(name),
            Action::Configured { name, args } => write!(f, "{name} {}", args.as_str()),
        }
    }
}

/// What to do with a message.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Decision<'a> {
    /// Nothing: no action, no reply (log it).
    Ignore(Ignored),
    /// Reply with this text; nothing runs (`ping`, `help`, unknown commands, bad arguments,
    /// `not authorised`).
    Reply(Line),
    /// Run this for this (allowed) sender and reply with its result.
    Run {
        /// The sender, normalised.
        sender: Number,
        /// What to run.
        action: Action<'a>,
    },
}

impl fmt::Display for Decision<'_> {
    /// For the log: `ignore: <reason>`, `reply: <text>`, `run <action> for <number>`.
    /// Arguments are shown; the message text (and so any secret) never is.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Decision::Ignore(why) => write!(f, "ignore: {why}"),
            Decision::Reply(l) => write!(f, "reply: {}", Redacted::new(l, false)),
            Decision::Run { sender, action } => write!(f, "run {action} for {sender}"),
        }
    }
}

/// Writes `s` to `line`, cutting with `...` when it does not fit.
fn put(line: &mut Line, s: &str) {
    let room = LINE_CAP.saturating_sub(3);
    if line.len() >= room && line.ends_with("...") {
        // Already cut: nothing more goes after the dots.
        return;
    }
    for c in s.chars() {
        if line.len().saturating_add(c.len_utf8()) > room {
            // Out of room: keep the dots' room and finish.
            let _ = line.push_str("...");
            return;
        }
        let _ = line.push(c);
    }
}

fn line(s: &str) -> Line {
    let mut l = Line::new();
    put(&mut l, s);
    l
}

/// The `help` text: every command available, in one SMS.
pub fn help_line(policy: &Policy<'_>) -> Line {
    let mut l = Line::new();
    put(
        &mut l,
        "commands: help ping status reboot connect [min] disconnect",
    );
    for c in policy.commands {
        put(&mut l, " ");
        put(&mut l, c.name);
        if c.args {
            put(&mut l, " [args]");
        }
    }
    l
}

fn unknown_command(policy: &Policy<'_>) -> Line {
    let mut l = line("unknown command. ");
    put(&mut l, &help_line(policy));
    l
}

fn refused(policy: &Policy<'_>, sender: &str, why: Ignored) -> Decision<'static> {
    log::info!(
        "refused message from {}: {why}",
        Redacted::new(sender, false)
    );
    match policy.unknown {
        UnknownPolicy::Ignore => Decision::Ignore(why),
        UnknownPolicy::Reply => Decision::Reply(line(NOT_AUTHORISED)),
    }
}

/// Decides what the message `text` from `sender` means under `policy` at `now`, counting it
/// against the sender's hourly limit in `limiter`. Allocation-free; never panics. Refused and
/// ignored messages are logged (sender escaped, never the text: it may hold a secret guess).
/// Any reply the caller then sends must first pass [`Limiter::take_sms`] (the daily cap).
///
/// Order: the sender must be answerable (a phone number, not a short code); then allowed (else
/// `auth.unknown` decides, rate-limited as one shared sender); then within its hourly limit;
/// then the secret; then the command and its arguments.
pub fn decide<'a>(
    policy: &Policy<'a>,
    limiter: &mut Limiter,
    sender: &str,
    text: &'a str,
    now: Instant,
) -> Decision<'a> {
    let d = decide_quietly(policy, limiter, sender, text, now);
    if let Decision::Ignore(why) = &d {
        if !matches!(why, Ignored::UnknownSender | Ignored::BadSecret) {
            // (those two were logged where they were refused)
            log::info!(
                "ignored message from {}: {why}",
                Redacted::new(sender, false)
            );
        }
    }
    d
}

fn decide_quietly<'a>(
    policy: &Policy<'a>,
    limiter: &mut Limiter,
    sender: &str,
    text: &'a str,
    now: Instant,
) -> Decision<'a> {
    let number = match normalise(sender, policy.country_code.as_ref()) {
        Ok(n) => n,
        Err(e) => return Decision::Ignore(Ignored::Unreplyable(e)),
    };
    let per_hour = policy.limits.commands_per_hour;
    if !policy.allow.contains(&number) {
        if !limiter.take_command(&Key::Unknown, now, per_hour) {
            return Decision::Ignore(Ignored::RateLimited);
        }
        return refused(policy, sender, Ignored::UnknownSender);
    }
    if !limiter.take_command(&Key::Number(number.clone()), now, per_hour) {
        return Decision::Ignore(Ignored::RateLimited);
    }
    let words = match split(text, policy.secret) {
        Ok(w) => w,
        Err(ParseError::BadSecret) => return refused(policy, sender, Ignored::BadSecret),
        Err(ParseError::Empty) => return Decision::Reply(help_line(policy)),
    };
    let run = |action| Decision::Run {
        sender: number.clone(),
        action,
    };
    let no_args = |b: Builtin, action: Action<'a>| {
        if words.rest.is_empty() {
            run(action)
        } else {
            let mut l = line(b.name());
            put(&mut l, " takes no arguments");
            Decision::Reply(l)
        }
    };
    match Builtin::from_word(words.command) {
        Some(Builtin::Help) => Decision::Reply(help_line(policy)),
        Some(Builtin::Ping) => Decision::Reply(line(PONG)),
        Some(b @ Builtin::Status) => no_args(b, Action::Status),
        Some(b @ Builtin::Reboot) => no_args(b, Action::Reboot),
        Some(b @ Builtin::Disconnect) => no_args(b, Action::Disconnect),
        Some(Builtin::Connect) => match connect_minutes(words.rest, policy.connect_minutes) {
            Some(minutes) => run(Action::Connect { minutes }),
            None => {
                let mut l = Line::new();
                let _ = write!(l, "usage: connect [minutes 1-{MAX_CONNECT_MINUTES}]");
                Decision::Reply(l)
            }
        },
        None => {
            let Some(entry) = policy
                .commands
                .iter()
                .find(|c| c.name.eq_ignore_ascii_case(words.command))
            else {
                return Decision::Reply(unknown_command(policy));
            };
            if !entry.args && !words.rest.is_empty() {
                let mut l = line(entry.name);
                put(&mut l, " takes no arguments");
                return Decision::Reply(l);
            }
            match check_args(words.rest) {
                Ok(args) => run(Action::Configured {
                    name: entry.name,
                    args,
                }),
                Err(e) => Decision::Reply(bad_args(entry.name, e)),
            }
        }
    }
}

fn bad_args(name: &str, e: ArgError) -> Line {
    let mut l = line(name);
    let _ = write!(l, ": {e}");
    l
}

/// `connect`'s minutes: the default when none are given, `None` when they are not 1..=max.
fn connect_minutes(rest: &str, default: u16) -> Option<u16> {
    if rest.is_empty() {
        return Some(default.clamp(1, MAX_CONNECT_MINUTES));
    }
    let digits = rest
        .strip_suffix("min")
        .or_else(|| rest.strip_suffix('m'))
        .unwrap_or(rest);
    let digits = digits.trim();
    if digits.is_empty() || digits.len() > 5 || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let m: u16 = digits.parse().ok()?;
    (1..=MAX_CONNECT_MINUTES).contains(&m).then_some(m)
}
