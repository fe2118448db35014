//! `smsctl probe` against the simulated modem of every profile (`smsctl sim` on a pty, both
//! binaries as built), and its errors: a port that does not exist, and a tty that never
//! answers (the wrong ttyUSB, or one ModemManager holds).

use std::path::{Path, PathBuf};
use std::process::{Child, Command, Output};
use std::time::{Duration, Instant};

const BIN: &str = env!("CARGO_BIN_EXE_smsctl");

struct SimProcess {
    child: Child,
    link: PathBuf,
}

impl Drop for SimProcess {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn dir(name: &str) -> PathBuf {
    let d = std::env::temp_dir().join(format!("smsctl-probe-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&d);
    std::fs::create_dir_all(&d).unwrap();
    d
}

fn sim(profile: &str) -> SimProcess {
    let d = dir(profile);
    let link = d.join("modem");
    let child = Command::new(BIN)
        .args(["sim", "--profile", profile, "--link"])
        .arg(&link)
        .arg("--control")
        .arg(d.join("control.sock"))
        .spawn()
        .unwrap();
    let start = Instant::now();
    while !link.exists() {
        assert!(
            start.elapsed() < Duration::from_secs(10),
            "sim did not start"
        );
        std::thread::sleep(Duration::from_millis(20));
    }
    SimProcess { child, link }
}

fn probe(port: &Path) -> Output {
    Command::new(BIN)
        .arg("probe")
        .arg("--port")
        .arg(port)
        .env("SMSCTL_LOG", "off")
        .output()
        .unwrap()
}

#[test]
fn probe_shows_every_profile_on_one_screen() {
    for (profile, maker, model, base) in [
        ("generic", "smsctl", "SIMULATED-3GPP", 1),
        ("zte", "ZTE INCORPORATED", "MF190", 1),
        ("huawei", "huawei", "E173", 0),
        ("sim800", "SIMCOM_Ltd", "SIMCOM_SIM800L", 1),
    ] {
        let s = sim(profile);
        let out = probe(&s.link);
        let text = String::from_utf8_lossy(&out.stdout);
        assert!(
            out.status.success(),
            "{profile}: {text}\n{}",
            String::from_utf8_lossy(&out.stderr)
        );
        for want in [
            format!("manufacturer  {maker}"),
            format!("model         {model}"),
            "IMEI          ".to_string(),
            "SIM           ready".to_string(),
            "dBm (".to_string(),
            "registration  registered".to_string(),
            "SMS mode      PDU".to_string(),
            format!("used, indexes from {base}"),
        ] {
            assert!(
                text.contains(&want),
                "{profile}: missing {want:?} in\n{text}"
            );
        }
        assert_eq!(text.lines().count(), 14, "{profile}: one screen\n{text}");
    }
}

#[test]
fn probe_of_a_missing_port_says_what_to_check() {
    let out = probe(Path::new("/dev/ttyUSB-does-not-exist"));
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("does not exist") && err.contains("/dev/serial/by-id/"),
        "{err}"
    );
}

#[test]
fn probe_of_a_silent_tty_names_the_likely_causes() {
    // A pty whose other end never answers: what the PPP port or a port held by another program
    // looks like.
    let pty = smsctl::sim::pty::Pty::open().unwrap();
    let out = probe(pty.slave_path());
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("no answer on"), "{err}");
    assert!(
        err.contains("AT port") && err.contains("ModemManager"),
        "{err}"
    );
    drop(pty);
}

#[test]
fn probe_without_port_or_config_is_a_usage_error() {
    let out = Command::new(BIN)
        .args(["probe", "--config", "/nonexistent/smsctl.toml"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let out = Command::new(BIN)
        .args(["probe", "--bogus"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
}
