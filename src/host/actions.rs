//! The host's side of [`Actions`]: the built-ins' argv from `[actions]`, configured commands
//! from `[commands.NAME]`, the status facts, and the automatic disconnect. Every run is logged
//! with the sender, the command, the exit status and the duration.

use super::config::{Argv, Config, ReplyMode};
use super::exec::{self, Exit, RunResult, OUTPUT_CAP};
use super::facts::{format_status, read_host_facts, FactSources, ModemFacts};
use super::timer::ConnectTimer;
use crate::command::number::Number;
use crate::command::{shape, Actions, Args, Outcome, Reply};
use crate::time::Instant;
use std::time::Duration;

/// How long `reboot`, `connect` and `disconnect` may take before their process group is
/// killed (`pon` returns once pppd has forked; `systemctl reboot` once the job is queued).
pub const BUILTIN_TIMEOUT: Duration = Duration::from_secs(60);

/// The actions, bound to a validated config.
#[derive(Debug)]
pub struct HostActions<'c> {
    config: &'c Config,
    sources: FactSources,
    modem: ModemFacts,
    timer: ConnectTimer,
}

impl<'c> HostActions<'c> {
    /// Actions for `config`, reading facts from `sources`.
    pub fn new(config: &'c Config, sources: FactSources) -> Self {
        HostActions {
            config,
            sources,
            modem: ModemFacts::default(),
            timer: ConnectTimer::new(),
        }
    }

    /// The daemon keeps the modem facts current for `status`.
    pub fn set_modem_facts(&mut self, facts: ModemFacts) {
        self.modem = facts;
    }

    /// When the automatic disconnect is due, if armed.
    pub fn poll_timeout(&self) -> Option<Instant> {
        self.timer.poll_timeout()
    }

    /// Runs the automatic disconnect when it is due at `now`; returns its result if it ran.
    pub fn handle_timeout(&mut self, now: Instant) -> Option<Result<RunResult, String>> {
        if !self.timer.handle_timeout(now) {
            return None;
        }
        Some(self.run_logged(
            "timer",
            "disconnect",
            &argv(&self.config.actions.disconnect),
            BUILTIN_TIMEOUT,
        ))
    }

    fn run_logged(
        &self,
        sender: &str,
        what: &str,
        argv: &[&str],
        timeout: Duration,
    ) -> Result<RunResult, String> {
        match exec::run(argv, timeout, OUTPUT_CAP) {
            Ok(r) => {
                log::info!(
                    "{sender}: {what}: {} in {} ms{}",
                    r.exit,
                    r.duration.as_millis(),
                    if r.truncated {
                        " (output truncated)"
                    } else {
                        ""
                    }
                );
                Ok(r)
            }
            Err(e) => {
                let program = argv.first().copied().unwrap_or("");
                log::warn!("{sender}: {what}: cannot run {program}: {e}");
                Err(format!("cannot run {program}: {e}"))
            }
        }
    }

    fn shape(&self, text: &str, reply: &mut Reply) {
        shape(text, self.config.limits.reply_parts, reply);
    }

    /// Runs a built-in's argv and replies `ok_text` or the failure with its output.
    fn builtin(&self, what: &str, argv_: &Argv, ok_text: &str, reply: &mut Reply) -> Outcome {
        match self.run_logged("sms", what, &argv(argv_), BUILTIN_TIMEOUT) {
            Ok(r) if r.exit.success() => {
                self.shape(ok_text, reply);
                Outcome::Done
            }
            Ok(r) => {
                let text = with_output(format!("{what} failed: {}", r.exit), &r.output);
                self.shape(&text, reply);
                Outcome::Failed
            }
            Err(e) => {
                self.shape(&format!("{what} failed: {e}"), reply);
                Outcome::Failed
            }
        }
    }
}

fn argv(a: &Argv) -> Vec<&str> {
    a.as_slice().iter().map(String::as_str).collect()
}

/// `head`, then `: ` and the output when there is any.
fn with_output(head: String, output: &[u8]) -> String {
    let out = lossy(output);
    if out.is_empty() {
        head
    } else {
        format!("{head}: {out}")
    }
}

fn lossy(b: &[u8]) -> String {
    String::from_utf8_lossy(b).trim().to_owned()
}

impl Actions for HostActions<'_> {
    fn status(&mut self, reply: &mut Reply) -> Outcome {
        let host = read_host_facts(&self.sources, &self.config.daemon.link_interface);
        self.shape(&format_status(&host, &self.modem), reply);
        Outcome::Done
    }

    fn reboot(&mut self) -> Outcome {
        match self.run_logged(
            "sms",
            "reboot",
            &argv(&self.config.actions.reboot),
            BUILTIN_TIMEOUT,
        ) {
            Ok(r) if r.exit.success() => Outcome::Done,
            _ => Outcome::Failed,
        }
    }

    fn connect(&mut self, minutes: u16, now: Instant, reply: &mut Reply) -> Outcome {
        // Armed whatever `connect` says: a half-up link is taken down on time too.
        self.timer.arm(now, minutes);
        let ok = format!("connecting for {minutes} min");
        self.builtin("connect", &self.config.actions.connect, &ok, reply)
    }

    fn disconnect(&mut self, reply: &mut Reply) -> Outcome {
        self.timer.disarm();
        self.builtin(
            "disconnect",
            &self.config.actions.disconnect,
            "disconnected",
            reply,
        )
    }

    fn run(&mut self, sender: &Number, name: &str, args: Args<'_>, reply: &mut Reply) -> Outcome {
        let Some(cmd) = self.config.command(name) else {
            self.shape(&format!("{name}: not configured"), reply);
            return Outcome::Failed;
        };
        let mut full = argv(&cmd.exec);
        if cmd.args {
            full.extend(args.iter());
        }
        let what = if args.is_empty() {
            name.to_owned()
        } else {
            format!("{name} {}", args.as_str())
        };
        let r = match self.run_logged(sender.as_str(), &what, &full, cmd.timeout) {
            Ok(r) => r,
            Err(e) => {
                self.shape(&format!("{name}: {e}"), reply);
                return Outcome::Failed;
            }
        };
        let outcome = if r.exit.success() {
            Outcome::Done
        } else {
            Outcome::Failed
        };
        let text = match (&cmd.reply, r.exit) {
            (ReplyMode::Exit, e) => format!("{name}: {e}"),
            (ReplyMode::Text(t), Exit::Code(0)) => t.clone(),
            (ReplyMode::Text(_), e) => format!("{name} failed: {e}"),
            (ReplyMode::Output, Exit::Code(0)) if r.output.is_empty() => format!("{name}: ok"),
            (ReplyMode::Output, Exit::Code(0)) => lossy(&r.output),
            (ReplyMode::Output, e) => with_output(format!("{name}: {e}"), &r.output),
        };
        self.shape(&text, reply);
        outcome
    }
}
