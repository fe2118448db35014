//! The SMS command language: who may speak, what they said, and what should happen. This module
//! decides; it never executes (actions sit behind the [`Actions`] trait, implemented by the
//! host).
//!
//! A message goes through [`decide`]: the sender is normalised ([`number`]) and must be a
//! phone number (never a short code or an alphanumeric sender: no reply loops, no bills); it
//! must be in the allowlist (else `auth.unknown` decides whether it gets a refusal); it is
//! counted against its hourly limit ([`limits`]); the optional secret is checked in constant
//! time; then the words ([`parse`]) name a built-in or a configured command, whose arguments
//! are checked word by word. The result is a [`Decision`]: ignore, reply with a fixed text, or
//! run an [`Action`]. Replies are shaped to fit the configured SMS parts by [`reply`].
//!
//! Everything here is `no_std`, allocation-free and panic-free on any input; the policy is a
//! borrowed view ([`Policy`]) the daemon builds once from the validated config.

pub mod decide;
pub mod limits;
pub mod number;
pub mod parse;
pub mod policy;
pub mod reply;

pub use decide::{decide, help_line, Action, Decision, Ignored, Line};
pub use limits::Limiter;
pub use parse::{Args, Redacted};
pub use policy::{Builtin, CommandEntry, Limits, Policy, UnknownPolicy};
pub use reply::{shape, Reply, Shaped};

use crate::time::Instant;
use number::Number;

/// Whether an action succeeded, for the log and the journal.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    /// It did what it should.
    Done,
    /// It failed (the reply says how).
    Failed,
}

/// The actions on the machine, implemented by the host. Each writes its reply into `reply`
/// (shaped to fit; see [`reply::shape`]).
pub trait Actions {
    /// Writes the status facts.
    fn status(&mut self, reply: &mut Reply) -> Outcome;
    /// Reboots the machine. The daemon calls it only after the [`decide::REBOOTING`] reply has
    /// been confirmed by the modem, so a reboot can never loop.
    fn reboot(&mut self) -> Outcome;
    /// Brings the data link up and arms the automatic disconnect after `minutes`.
    fn connect(&mut self, minutes: u16, now: Instant, reply: &mut Reply) -> Outcome;
    /// Takes the data link down and disarms the automatic disconnect.
    fn disconnect(&mut self, reply: &mut Reply) -> Outcome;
    /// Runs the configured command `name` with `args` for `sender`.
    fn run(&mut self, sender: &Number, name: &str, args: Args<'_>, reply: &mut Reply) -> Outcome;
}

/// Performs `action` through `actions`, writing the reply. `Reboot` only writes
/// [`decide::REBOOTING`]: the reboot itself waits for that reply to be sent.
pub fn perform<A: Actions + ?Sized>(
    action: &Action<'_>,
    sender: &Number,
    actions: &mut A,
    now: Instant,
    reply: &mut Reply,
) -> Outcome {
    reply.clear();
    match action {
        Action::Status => actions.status(reply),
        Action::Reboot => {
            let _ = reply.push_str(decide::REBOOTING);
            Outcome::Done
        }
        Action::Connect { minutes } => actions.connect(*minutes, now, reply),
        Action::Disconnect => actions.disconnect(reply),
        Action::Configured { name, args } => actions.run(sender, name, *args, reply),
    }
}

/// The fuzz target `command_parse`: the first byte picks a policy variant (secret or not,
/// reply to unknown senders or not), the bytes up to the first newline are the sender, the
/// rest the text (lossily UTF-8, as the PDU layer hands text over). Decides, shapes the
/// decision's reply, redacts the text. Must never panic.
pub fn fuzz_parse(data: &[u8]) {
    let (flags, rest) = match data.split_first() {
        Some((f, r)) => (*f, r),
        None => (0, data),
    };
    let (sender, text) = match rest.iter().position(|b| *b == b'\n') {
        Some(i) => (
            rest.get(..i).unwrap_or(&[]),
            rest.get(i.saturating_add(1)..).unwrap_or(&[]),
        ),
        None => (&[][..], rest),
    };
    let sender = core::str::from_utf8(sender).unwrap_or("+359882505000");
    let text = match core::str::from_utf8(text) {
        Ok(t) => t,
        Err(e) => core::str::from_utf8(text.get(..e.valid_up_to()).unwrap_or(&[])).unwrap_or(""),
    };
    let allow = match number::normalise("+359882505000", None) {
        Ok(n) => [n],
        Err(_) => return,
    };
    let commands = [
        CommandEntry {
            name: "uptime",
            args: false,
        },
        CommandEntry {
            name: "ping-host",
            args: true,
        },
    ];
    let policy = Policy {
        allow: &allow,
        country_code: number::CountryCode::parse("359"),
        secret: (flags & 1 != 0).then_some("4711"),
        unknown: if flags & 2 != 0 {
            UnknownPolicy::Reply
        } else {
            UnknownPolicy::Ignore
        },
        commands: &commands,
        connect_minutes: 30,
        limits: Limits::default(),
    };
    let mut limiter = Limiter::new();
    let now = Instant::from_millis(u64::from(flags) * 1000);
    let d = decide(&policy, &mut limiter, sender, text, now);
    let mut out = Reply::new();
    if let Decision::Reply(l) = &d {
        shape(l, flags % 9, &mut out);
    }
    shape(text, flags % 9, &mut out);
    let mut sink = Sink;
    let _ = core::fmt::Write::write_fmt(&mut sink, format_args!("{}", Redacted::new(text, true)));
}

/// A `fmt::Write` that discards (to exercise `Display` without allocating).
struct Sink;

impl core::fmt::Write for Sink {
    fn write_str(&mut self, _: &str) -> core::fmt::Result {
        Ok(())
    }
}
