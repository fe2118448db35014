//! The `smsctl` binary: parse the command line, run, map the outcome to an exit code.

use smsctl::cli::{self, Outcome};
use std::process::ExitCode;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match cli::run(&args) {
        Outcome::Ok => ExitCode::SUCCESS,
        Outcome::Usage(msg) => {
            eprintln!("{msg}");
            ExitCode::from(2)
        }
        Outcome::Failed(msg) => {
            eprintln!("smsctl: {msg}");
            ExitCode::from(1)
        }
    }
}
