//! `smsctl sim`: the simulated modem alone, on a new pty (`--link`) or an existing tty
//! (`--attach`), with a control socket.

use std::path::PathBuf;
use std::sync::atomic::AtomicBool;
use std::sync::Arc;

use super::Outcome;
use crate::sim::serve::{self, Endpoint, Options};
use crate::sim::Profile;

const USAGE: &str = "usage: smsctl sim [--profile NAME] (--link PATH | --attach PTY) \
--control SOCKET [--pin PIN]
profiles: generic (default), zte-mf190, huawei-e173, sim800";

/// Runs `smsctl sim ARGS`.
pub fn run(args: &[String]) -> Outcome {
    let opts = match parse(args) {
        Ok(o) => o,
        Err(e) => return Outcome::Usage(format!("{e}\n{USAGE}")),
    };
    let stop = Arc::new(AtomicBool::new(false));
    for sig in [libc::SIGTERM, libc::SIGINT] {
        if let Err(e) = signal_hook::flag::register(sig, Arc::clone(&stop)) {
            return Outcome::Failed(format!("cannot handle signal {sig}: {e}"));
        }
    }
    match serve::run(&opts, &stop) {
        Ok(()) => Outcome::Ok,
        Err(e) => Outcome::Failed(format!("sim: {e}")),
    }
}

fn parse(args: &[String]) -> Result<Options, String> {
    let mut profile = Profile::Generic;
    let mut endpoint = None;
    let mut control = None;
    let mut pin = None;
    let mut it = args.iter();
    while let Some(arg) = it.next() {
        let mut value = |name: &str| {
            it.next()
                .cloned()
                .ok_or_else(|| format!("{name} needs a value"))
        };
        match arg.as_str() {
            "--profile" => profile = value("--profile")?.parse()?,
            "--link" => endpoint = Some(Endpoint::Link(PathBuf::from(value("--link")?))),
            "--attach" => endpoint = Some(Endpoint::Attach(PathBuf::from(value("--attach")?))),
            "--control" => control = Some(PathBuf::from(value("--control")?)),
            "--pin" => pin = Some(value("--pin")?),
            other => return Err(format!("unknown option `{other}`")),
        }
    }
    Ok(Options {
        profile,
        pin,
        endpoint: endpoint.ok_or("one of --link or --attach is required")?,
        control: control.ok_or("--control is required")?,
    })
}
