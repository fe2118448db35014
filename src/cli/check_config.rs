//! `smsctl check-config [PATH]`: validate a config file, reporting every problem at once.

use super::Outcome;
use crate::host::config::{self, format_duration, Problem};
use std::path::Path;

/// Runs `check-config` with the arguments after the subcommand.
pub fn run(args: &[String]) -> Outcome {
    let path = match args {
        [] => config::DEFAULT_PATH,
        [p] if !p.starts_with('-') => p.as_str(),
        _ => return Outcome::Usage("usage: smsctl check-config [PATH]".into()),
    };
    let path = Path::new(path);
    let checked = match config::check_file(path) {
        Ok(c) => c,
        Err(e) => return Outcome::Failed(e.to_string()),
    };
    for e in &checked.errors {
        println!("{}", line(path, "error", e));
    }
    for w in &checked.warnings {
        println!("{}", line(path, "warning", w));
    }
    match checked.config {
        Some(c) => {
            let commands: Vec<&str> = c.commands.iter().map(|c| c.name.as_str()).collect();
            println!(
                "{}: ok: {} allowed number(s), secret {}, {} command(s){}{}, link {}, \
                 connect {} min, health every {}",
                path.display(),
                c.auth.allow.len(),
                if c.auth.secret.is_some() {
                    "set"
                } else {
                    "not set"
                },
                commands.len(),
                if commands.is_empty() { "" } else { ": " },
                commands.join(" "),
                c.daemon.link_interface,
                c.daemon.connect_minutes,
                format_duration(c.modem.health_interval),
            );
            Outcome::Ok
        }
        None => Outcome::Failed(format!(
            "{}: {} error(s), {} warning(s)",
            path.display(),
            checked.errors.len(),
            checked.warnings.len()
        )),
    }
}

fn line(path: &Path, kind: &str, p: &Problem) -> String {
    let at = p.line.map(|l| format!(":{l}")).unwrap_or_default();
    let key = if p.key.is_empty() {
        String::new()
    } else {
        format!("{}: ", p.key)
    };
    format!("{}{at}: {kind}: {key}{}", path.display(), p.message)
}
