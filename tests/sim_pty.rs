//! `smsctl sim` as a process: a real pty behind a symlink, the control socket's every command,
//! unplug/re-plug, a host that comes and goes (EIO), and `--attach` to an existing pty.

use std::io::{Read, Write};
use std::os::fd::AsRawFd;
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use smsctl::sim::pty::{wait_readable, Pty, RawTty};
use smsctl::sim::ControlClient;

const WAIT: Duration = Duration::from_secs(5);

/// A temporary directory removed on drop.
struct TempDir(PathBuf);

impl TempDir {
    fn new(tag: &str) -> Self {
        let dir = std::env::temp_dir().join(format!(
            "smsctl-{tag}-{}-{:?}",
            std::process::id(),
            std::thread::current().id()
        ));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).expect("temp dir");
        TempDir(dir)
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// A running `smsctl sim`, killed on drop.
struct SimProcess {
    child: Child,
    link: PathBuf,
    control: PathBuf,
    _dir: TempDir,
}

impl SimProcess {
    fn start(profile: &str, extra: &[&str]) -> Self {
        let dir = TempDir::new(profile);
        let link = dir.0.join("modem");
        let control = dir.0.join("ctl");
        let mut args = vec!["sim", "--profile", profile];
        args.extend_from_slice(extra);
        let child = Command::new(env!("CARGO_BIN_EXE_smsctl"))
            .args(&args)
            .arg("--link")
            .arg(&link)
            .arg("--control")
            .arg(&control)
            .stdin(Stdio::null())
            .spawn()
            .expect("smsctl sim starts");
        let p = SimProcess {
            child,
            link,
            control,
            _dir: dir,
        };
        wait_for(
            || p.link.exists() && p.control.exists(),
            "the link and the socket",
        );
        p
    }

    fn control(&self) -> ControlClient {
        ControlClient::connect(&self.control, WAIT).expect("control socket")
    }

    fn tty(&self) -> RawTty {
        let mut tty = RawTty::open(&self.link).expect("open the link");
        tty.at("ATE0", WAIT).expect("ATE0");
        tty
    }
}

impl Drop for SimProcess {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn wait_for(mut cond: impl FnMut() -> bool, what: &str) {
    let deadline = Instant::now() + WAIT;
    while !cond() {
        assert!(Instant::now() < deadline, "timed out waiting for {what}");
        std::thread::sleep(Duration::from_millis(10));
    }
}

#[test]
fn commands_over_a_real_pty() {
    let sim = SimProcess::start("generic", &[]);
    let mut tty = RawTty::open(&sim.link).expect("open");
    assert_eq!(tty.at("AT", WAIT).unwrap(), "AT\r\r\nOK\r\n");
    assert_eq!(tty.at("ATE0", WAIT).unwrap(), "ATE0\r\r\nOK\r\n");
    assert_eq!(
        tty.at("AT+CMEE=1;+CREG?", WAIT).unwrap(),
        "\r\n+CREG: 0,1\r\n\r\nOK\r\n"
    );
    assert_eq!(tty.at("AT+NOPE", WAIT).unwrap(), "\r\n+CME ERROR: 4\r\n");
}

#[test]
fn every_control_command_over_the_socket() {
    let sim = SimProcess::start("generic", &[]);
    let mut tty = sim.tty();
    let mut ctl = sim.control();
    tty.at("AT+CMGF=1;+CNMI=2,1,0,0,0", WAIT).unwrap();

    // deliver
    assert_eq!(
        ctl.ok("deliver +359888111222 hello  world").unwrap(),
        "ok stored SM 1"
    );
    tty.read_until(b"+CMTI: \"SM\",1\r\n", WAIT).unwrap();
    let list = tty.at("AT+CMGL=\"ALL\"", WAIT).unwrap();
    assert!(list.contains("\r\nhello  world\r\n"), "{list}");
    assert!(ctl.command("deliver +1").unwrap()[0].starts_with("error"));
    assert!(ctl.command("deliver bad-sender hi").unwrap()[0].starts_with("error"));

    // deliver-pdu rejects what is not a PDU
    assert!(ctl.command("deliver-pdu XYZ").unwrap()[0].starts_with("error"));

    // storage
    let storage = ctl.command("storage").unwrap();
    assert_eq!(storage.len(), 2, "{storage:?}");
    assert!(storage[0].starts_with("{\"mem\":\"SM\",\"index\":1,\"status\":\"REC READ\""));
    assert!(storage[0].contains("\"text\":\"hello  world\""));
    assert_eq!(storage[1], "ok 1 held 0");

    // sent
    assert_eq!(ctl.command("sent").unwrap(), vec!["ok 0"]);
    tty.send(b"AT+CMGS=\"+359888111222\"\r").unwrap();
    tty.read_until(b"> ", WAIT).unwrap();
    tty.send(b"pong \"quoted\"\x1a").unwrap();
    tty.read_until(b"OK\r\n", WAIT).unwrap();
    let sent = ctl.command("sent").unwrap();
    assert_eq!(sent.len(), 2);
    assert!(sent[0].starts_with(
        "{\"to\":\"+359888111222\",\"text\":\"pong \\\"quoted\\\"\",\"parts\":1,\"time\":"
    ));
    assert_eq!(sent[1], "ok 1");

    // fault
    assert_eq!(
        ctl.ok("fault cms-error 512").unwrap(),
        "ok fault cms-error 512"
    );
    tty.send(b"AT+CMGS=\"+1\"\r").unwrap();
    tty.read_until(b"> ", WAIT).unwrap();
    tty.send(b"x\x1a").unwrap();
    tty.read_until(b"+CMS ERROR: 512\r\n", WAIT).unwrap();
    assert!(ctl.command("fault melt").unwrap()[0].starts_with("error unknown fault"));

    // fault refuse: two refusals at once, one with its own line, until `fault none`
    assert_eq!(
        ctl.ok("fault refuse +CMGF=0").unwrap(),
        "ok fault refuse +CMGF=0"
    );
    assert_eq!(
        ctl.ok("fault refuse +cnmi=2,1,0,2 +CMS ERROR: 303")
            .unwrap(),
        "ok fault refuse +CNMI=2,1,0,2 +CMS ERROR: 303"
    );
    assert_eq!(tty.at("AT+CMGF=0", WAIT).unwrap(), "\r\nERROR\r\n");
    assert_eq!(
        tty.at("AT+CNMI=2,1,0,2,0", WAIT).unwrap(),
        "\r\n+CMS ERROR: 303\r\n"
    );
    assert_eq!(tty.at("AT+CNMI=2,1,0,1,0", WAIT).unwrap(), "\r\nOK\r\n");
    assert!(ctl.command("fault refuse").unwrap()[0].starts_with("error"));
    assert_eq!(ctl.ok("fault none").unwrap(), "ok fault none");
    assert_eq!(tty.at("AT+CMGF=0", WAIT).unwrap(), "\r\nOK\r\n");
    assert_eq!(tty.at("AT+CMGF=1", WAIT).unwrap(), "\r\nOK\r\n");

    // pause-on / resume
    assert_eq!(ctl.ok("pause-on AT+CMGD").unwrap(), "ok");
    tty.send(b"AT+CMGD=1\r").unwrap();
    assert_eq!(tty.read_for(Duration::from_millis(300)).unwrap(), b"");
    assert_eq!(ctl.ok("resume").unwrap(), "ok resumed");
    tty.read_until(b"\r\nOK\r\n", WAIT).unwrap();
    assert!(ctl.command("pause-on").unwrap()[0].starts_with("error"));

    // unknown
    assert!(ctl.command("frobnicate").unwrap()[0].starts_with("error unknown command"));

    // quit
    assert_eq!(ctl.ok("quit").unwrap(), "ok bye");
    let mut sim = sim;
    let deadline = Instant::now() + WAIT;
    loop {
        if let Some(status) = sim.child.try_wait().unwrap() {
            assert!(status.success());
            break;
        }
        assert!(Instant::now() < deadline, "sim did not quit");
        std::thread::sleep(Duration::from_millis(20));
    }
    assert!(!sim.link.exists(), "the link is removed on quit");
}

#[test]
fn unplug_removes_the_link_and_replug_brings_a_new_pty() {
    let sim = SimProcess::start("generic", &[]);
    let mut tty = sim.tty();
    let first = std::fs::read_link(&sim.link).unwrap();
    let mut ctl = sim.control();
    ctl.ok("fault unplug").unwrap();
    wait_for(|| !sim.link.exists(), "the link to vanish");
    // The host's open tty fails now (EIO or hang-up), like a USB device that went away.
    assert!(wait_readable(tty.as_raw_fd(), WAIT).unwrap());
    assert!(tty.at("AT", Duration::from_millis(300)).is_err());
    ctl.ok("fault replug").unwrap();
    wait_for(|| sim.link.exists(), "the link to come back");
    let second = std::fs::read_link(&sim.link).unwrap();
    assert_ne!(first, second, "a new pty behind the same link");
    let mut tty = RawTty::open(&sim.link).unwrap();
    // Powered up afresh: echo is on again.
    assert_eq!(tty.at("AT", WAIT).unwrap(), "AT\r\r\nOK\r\n");
}

#[test]
fn sim800_power_up_lines_reach_a_host_that_opens_the_port_after_start_and_replug() {
    let sim = SimProcess::start("sim800", &[]);
    let lines =
        b"\r\nRDY\r\n\r\n+CFUN: 1\r\n\r\n+CPIN: READY\r\n\r\nCall Ready\r\n\r\nSMS Ready\r\n";
    // Opened well after the simulator started: the lines wait for the host, then come first.
    std::thread::sleep(Duration::from_millis(200));
    let mut tty = RawTty::open(&sim.link).unwrap();
    let got = tty.read_until(b"SMS Ready\r\n", WAIT).unwrap();
    assert_eq!(got, lines, "{:?}", String::from_utf8_lossy(&got));
    assert_eq!(tty.at("AT", WAIT).unwrap(), "AT\r\r\nOK\r\n");
    // Once is enough: a host that reopens the port sees no second power-up.
    drop(tty);
    let mut tty = RawTty::open(&sim.link).unwrap();
    assert_eq!(tty.at("AT", WAIT).unwrap(), "AT\r\r\nOK\r\n");
    drop(tty);
    let mut ctl = sim.control();
    ctl.ok("fault unplug").unwrap();
    wait_for(|| !sim.link.exists(), "the link to vanish");
    ctl.ok("fault replug").unwrap();
    wait_for(|| sim.link.exists(), "the link to come back");
    std::thread::sleep(Duration::from_millis(200));
    // The host's first byte comes after the power-up lines, like a modem that booted first.
    let mut tty = RawTty::open(&sim.link).unwrap();
    let got = tty.at("AT", WAIT).unwrap();
    assert_eq!(
        got.as_bytes(),
        [&lines[..], b"AT\r\r\nOK\r\n"].concat(),
        "{got:?}"
    );
}

#[test]
fn survives_the_host_closing_and_reopening_the_port() {
    let sim = SimProcess::start("generic", &[]);
    for _ in 0..3 {
        let mut tty = RawTty::open(&sim.link).unwrap();
        assert!(tty.at("AT", WAIT).unwrap().ends_with("\r\nOK\r\n"));
        drop(tty);
        std::thread::sleep(Duration::from_millis(100));
    }
    // Output while nobody listens is lost, like a modem talking into the void, not queued.
    let mut ctl = sim.control();
    ctl.ok("fault none").unwrap();
    let mut tty = RawTty::open(&sim.link).unwrap();
    assert_eq!(tty.at("AT", WAIT).unwrap(), "AT\r\r\nOK\r\n");
}

#[test]
fn hang_and_slow_over_the_pty() {
    let sim = SimProcess::start("generic", &[]);
    let mut tty = sim.tty();
    let mut ctl = sim.control();
    ctl.ok("fault hang 0.5").unwrap();
    assert!(tty.at("AT", Duration::from_millis(250)).is_err());
    std::thread::sleep(Duration::from_millis(300));
    assert_eq!(tty.at("AT", WAIT).unwrap(), "\r\nOK\r\n");
    ctl.ok("fault slow 300").unwrap();
    let t = Instant::now();
    assert_eq!(tty.at("AT", WAIT).unwrap(), "\r\nOK\r\n");
    // The simulator's clock counts whole milliseconds: allow for its rounding, not for speed.
    assert!(
        t.elapsed() >= Duration::from_millis(290),
        "{:?}",
        t.elapsed()
    );
}

#[test]
fn profile_and_pin_options() {
    let sim = SimProcess::start("huawei-e173", &["--pin", "1234"]);
    let mut tty = sim.tty();
    assert!(tty.at("AT+CPIN?", WAIT).unwrap().contains("+CPIN: SIM PIN"));
    assert!(tty.at("AT+CGMM", WAIT).unwrap().contains("E173"));
    assert!(tty
        .at("AT+NOPE", WAIT)
        .unwrap()
        .contains("COMMAND NOT SUPPORT"));
    tty.read_until(b"^RSSI:", WAIT).unwrap();
}

#[test]
fn bad_command_lines_are_usage_errors() {
    for args in [
        vec!["sim"],
        vec!["sim", "--link", "/tmp/x"],
        vec![
            "sim",
            "--profile",
            "nokia",
            "--link",
            "/tmp/x",
            "--control",
            "/tmp/y",
        ],
        vec!["sim", "--bogus"],
    ] {
        let out = Command::new(env!("CARGO_BIN_EXE_smsctl"))
            .args(&args)
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(2), "{args:?}");
    }
}

#[test]
fn attach_serves_an_existing_pty() {
    let dir = TempDir::new("attach");
    let mut host = Pty::open().expect("pty");
    let slave = host.slave_path().to_path_buf();
    let control = dir.0.join("ctl");
    let mut child = Command::new(env!("CARGO_BIN_EXE_smsctl"))
        .args(["sim", "--attach"])
        .arg(&slave)
        .arg("--control")
        .arg(&control)
        .spawn()
        .unwrap();
    struct Kill<'a>(&'a mut Child);
    impl Drop for Kill<'_> {
        fn drop(&mut self) {
            let _ = self.0.kill();
            let _ = self.0.wait();
        }
    }
    let _kill = Kill(&mut child);
    wait_for(|| control.exists(), "the control socket");
    let got = exchange(host.master(), b"ATE0\r", b"OK\r\n");
    assert!(
        got.ends_with(b"ATE0\r\r\nOK\r\n"),
        "{:?}",
        String::from_utf8_lossy(&got)
    );
    let got = exchange(host.master(), b"AT+CGMI\r", b"OK\r\n");
    assert_eq!(got, b"\r\nsmsctl\r\n\r\nOK\r\n");
    let mut ctl = ControlClient::connect(&control, WAIT).unwrap();
    assert_eq!(ctl.ok("quit").unwrap(), "ok bye");
}

/// Writes `send` to the pty master and reads until `until` (bounded by `WAIT`).
fn exchange(master: &mut std::fs::File, send: &[u8], until: &[u8]) -> Vec<u8> {
    master.write_all(send).unwrap();
    let deadline = Instant::now() + WAIT;
    let mut got = Vec::new();
    while !got.ends_with(until) {
        assert!(
            Instant::now() < deadline,
            "got {:?}",
            String::from_utf8_lossy(&got)
        );
        if wait_readable(master.as_raw_fd(), Duration::from_millis(50)).unwrap() {
            let mut buf = [0u8; 256];
            match master.read(&mut buf) {
                Ok(n) => got.extend_from_slice(&buf[..n]),
                Err(e) if e.kind() == std::io::ErrorKind::WouldBlock => {}
                Err(e) => panic!("read: {e}"),
            }
        }
    }
    got
}
