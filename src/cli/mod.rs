//! The `smsctl` command line. Each subcommand lives in a module of its own and returns a
//! [`Outcome`]; only `main` turns it into an exit code.

use std::fmt;

pub mod check_config;
mod pdu;
pub mod probe;
pub mod sim;

/// How a subcommand ended; `main` maps it to the process exit code.
#[derive(Debug)]
pub enum Outcome {
    /// Success (exit 0).
    Ok,
    /// The command line was wrong (exit 2); the text says how.
    Usage(String),
    /// The command ran and failed (exit 1); the text says why.
    Failed(String),
}

impl fmt::Display for Outcome {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Outcome::Ok => f.write_str("ok"),
            Outcome::Usage(s) | Outcome::Failed(s) => f.write_str(s),
        }
    }
}

/// The text of `smsctl help`.
pub const USAGE: &str = "\
smsctl — control a remote Raspberry Pi by SMS

usage:
  smsctl probe [--port PATH] [--config PATH]
                                      what the modem says about itself
  smsctl check-config [PATH]          validate a configuration file
  smsctl sim --profile NAME (--link PATH | --attach PTY) --control SOCKET
                                      the simulated modem alone
  smsctl pdu decode [--json] HEX      decode an SMS PDU
  smsctl pdu encode [--ucs2] [--report] NUMBER TEXT...
                                      encode an SMS-SUBMIT PDU
  smsctl --version | help

not in this release yet (they come with the daemon):
  smsctl run, simulate, send, list, status
";

/// Runs the command line `args` (without the program name).
pub fn run(args: &[String]) -> Outcome {
    let Some((sub, rest)) = args.split_first() else {
        return Outcome::Usage(USAGE.to_string());
    };
    match sub.as_str() {
        "help" | "--help" | "-h" => {
            print!("{USAGE}");
            Outcome::Ok
        }
        "check-config" => check_config::run(rest),
        "--version" | "-V" | "version" => {
            println!("smsctl {}", crate::VERSION);
            Outcome::Ok
        }
        "pdu" => pdu::run(rest),
        "probe" => probe::run(rest),
        "sim" => sim::run(rest),
        planned @ ("run" | "simulate" | "send" | "list" | "status") => Outcome::Failed(format!(
            "`smsctl {planned}` comes with the daemon, which is not in this release yet"
        )),
        other => Outcome::Usage(format!("unknown command `{other}`\n\n{USAGE}")),
    }
}
