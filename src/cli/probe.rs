//! `smsctl probe [--port PATH] [--config PATH]`: what the modem says about itself, on one
//! screen — manufacturer, model, firmware, IMEI, SIM, signal, registration, operator, SMS mode,
//! storage — with clear errors when the port is wrong or nothing answers.
//!
//! It opens the port itself (so the daemon must not be holding it); asking a running daemon
//! for its modem facts over the control socket comes with the daemon.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::time::Duration;

use super::Outcome;
use crate::at::parse::RegStatus;
use crate::host::config::{self, Config};
use crate::host::modem::{open_hint, run_once, DriverSettings};
use crate::host::serial::{SerialPort, SerialSettings};
use crate::modem::facts::ModemFacts;
use crate::modem::init::{Init, InitConfig, PinMemory};
use crate::modem::{ops, ModemError, Session};

const USAGE: &str = "usage: smsctl probe [--port PATH] [--config PATH]";

/// Runs `probe` with the arguments after the subcommand.
pub fn run(args: &[String]) -> Outcome {
    let mut port: Option<PathBuf> = None;
    let mut config_path: Option<PathBuf> = None;
    let mut it = args.iter();
    while let Some(a) = it.next() {
        match a.as_str() {
            "--port" => match it.next() {
                Some(p) => port = Some(PathBuf::from(p)),
                None => return Outcome::Usage(USAGE.into()),
            },
            "--config" => match it.next() {
                Some(p) => config_path = Some(PathBuf::from(p)),
                None => return Outcome::Usage(USAGE.into()),
            },
            _ => return Outcome::Usage(USAGE.into()),
        }
    }
    // The config gives the port and its settings (baud, PIN, storage); --port overrides the
    // path. With --port alone, the default config is used when it loads (it may hold the
    // PIN), and ignored otherwise.
    let cfg = match (&config_path, &port) {
        (Some(p), _) => match Config::load(p) {
            Ok(c) => Some(c),
            Err(e) => return Outcome::Failed(e.to_string()),
        },
        (None, Some(_)) => Config::load(Path::new(config::DEFAULT_PATH)).ok(),
        (None, None) => match Config::load(Path::new(config::DEFAULT_PATH)) {
            Ok(c) => Some(c),
            Err(e) => {
                return Outcome::Usage(format!(
                    "{USAGE}
no --port given, and {e}"
                ))
            }
        },
    };
    let (serial, init) = match (&cfg, port) {
        (Some(c), p) => {
            let s = DriverSettings::from_config(c, Path::new("/nonexistent"));
            let mut serial = s.serial;
            if let Some(p) = p {
                serial.path = p;
            }
            (serial, s.init)
        }
        (None, Some(p)) => (
            SerialSettings {
                path: p,
                baud: 115_200,
                rtscts: false,
            },
            InitConfig::default(),
        ),
        (None, None) => return Outcome::Usage(USAGE.into()),
    };
    probe(&serial, init)
}

/// Opens the port, runs the init sequence once and prints what it learnt.
pub fn probe(serial: &SerialSettings, init: InitConfig) -> Outcome {
    let shown = match std::fs::canonicalize(&serial.path) {
        Ok(real) if real != serial.path => {
            format!("{} -> {}", serial.path.display(), real.display())
        }
        _ => serial.path.display().to_string(),
    };
    let mut port = match SerialPort::open(serial) {
        Ok(p) => p,
        Err(e) => return Outcome::Failed(open_hint(&serial.path, &e)),
    };
    let _ = port.discard_input();
    let config = InitConfig {
        probe_tries: 5,
        probe_timeout: Duration::from_secs(1),
        command_timeout: Duration::from_secs(5),
        ..init
    };
    let mut session = Session::new();
    let mut init = Init::new(config, PinMemory::default());
    let result = run_once(&mut port, &mut session, &mut init, &mut |_| {});
    let facts = init.into_facts();
    // Diagnostic only: one more `AT` after init shows whether the modem still echoes.
    let mut echo = None;
    if result.is_ok() {
        let before = session.echoes_swallowed();
        let at = ops::health_check(Duration::from_secs(5))
            .and_then(|mut at| run_once(&mut port, &mut session, &mut at, &mut |_| {}));
        if at.is_ok() {
            echo = echo_still_on(before, session.echoes_swallowed());
        }
    }
    print!("{}", screen(&shown, &facts));
    if let Some(note) = echo {
        println!("{:<14}{note}", "echo");
    }
    match result {
        Ok(()) => Outcome::Ok,
        Err(ModemError::NoAnswer { .. }) => Outcome::Failed(format!(
            "no answer on {}: is it the modem's AT port (a modem has several ttys; the PPP \
             port does not answer AT)? is ModemManager holding it (see README, Modem set-up)? \
             is the stick still in storage mode (usb_modeswitch)?",
            serial.path.display()
        )),
        Err(ModemError::PortGone) => Outcome::Failed(format!(
            "{} went away during the probe (unplugged? reset?)",
            serial.path.display()
        )),
        Err(e) => Outcome::Failed(format!("{}: {e}", serial.path.display())),
    }
}

/// What `probe` says when the session swallowed echoes of commands sent after `ATE0`
/// (`before` and `after` are [`Session::echoes_swallowed`] around such a command): smsctl copes
/// (echoes are recognised and dropped), but the modem ignores `ATE0`.
pub fn echo_still_on(before: u32, after: u32) -> Option<&'static str> {
    (after > before).then_some("still on after ATE0 (harmless: smsctl drops echoes)")
}

fn or_unknown(s: &str) -> &str {
    if s.is_empty() {
        "?"
    } else {
        s
    }
}

fn registration(status: RegStatus) -> String {
    match status {
        RegStatus::Home => "registered, home network".into(),
        RegStatus::Roaming => "registered, roaming".into(),
        RegStatus::HomeSmsOnly => "registered for SMS only, home network".into(),
        RegStatus::RoamingSmsOnly => "registered for SMS only, roaming".into(),
        RegStatus::Searching => "not registered, searching".into(),
        RegStatus::Denied => "registration denied".into(),
        RegStatus::NotRegistered => "not registered, not searching".into(),
        other => format!("{other:?}"),
    }
}

/// The one-screen report.
pub fn screen(port: &str, f: &ModemFacts) -> String {
    let mut s = String::new();
    let mut row = |k: &str, v: &str| {
        let _ = writeln!(s, "{k:<14}{v}");
    };
    row("port", port);
    row("manufacturer", or_unknown(&f.manufacturer));
    row("model", or_unknown(&f.model));
    row("firmware", or_unknown(&f.firmware));
    row("IMEI", or_unknown(&f.imei));
    if !f.imsi.is_empty() {
        row("IMSI", &f.imsi);
    }
    row("SIM", &f.sim.to_string());
    let signal = match f.signal {
        Some(c) => match c.dbm() {
            Some(dbm) => format!("{dbm} dBm ({}/5 bars)", c.bars()),
            None => "not known (no network?)".into(),
        },
        None => "?".into(),
    };
    row("signal", &signal);
    row(
        "registration",
        &f.registration
            .map_or("?".into(), |r| registration(r.status)),
    );
    row("operator", f.operator.as_ref().map_or("?", |o| o.as_str()));
    row("SMS mode", &f.mode.to_string());
    let storage = match &f.storage {
        Some(st) => format!(
            "{} {}/{} used, indexes from {}",
            st.name, st.used, st.total, st.index_base
        ),
        None => "?".into(),
    };
    row("storage", &storage);
    let cnmi = match f.cnmi {
        Some([a, b, c, d, e]) => format!("pushed (AT+CNMI={a},{b},{c},{d},{e})"),
        None => "not pushed: found by sweeps only".into(),
    };
    row("new SMS", &cnmi);
    let smsc = match &f.smsc {
        Some(n) if n.is_empty() => "NOT SET: sending will fail (AT+CSCA=\"+...\",145)".into(),
        Some(n) => n.to_string(),
        None => "?".into(),
    };
    row("SMS centre", &smsc);
    s
}

#[cfg(test)]
mod tests {
    use super::echo_still_on;
    use crate::modem::session::{Session, DEFAULT_TIMEOUT};
    use crate::time::Instant;

    fn echoes_of_at(answer: &[u8]) -> Option<&'static str> {
        let mut s = Session::new();
        let before = s.echoes_swallowed();
        s.send(Instant::ZERO, b"AT", DEFAULT_TIMEOUT).unwrap();
        s.handle_input(answer, &mut |_| {});
        assert!(s.is_idle());
        echo_still_on(before, s.echoes_swallowed())
    }

    #[test]
    fn an_echoed_command_after_ate0_is_reported() {
        assert!(echoes_of_at(b"AT\r\r\nOK\r\n").is_some());
        assert_eq!(echoes_of_at(b"\r\nOK\r\n"), None);
    }
}
