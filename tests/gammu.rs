//! Debian's `gammu` accepts the simulated modem: `identify`, `getallsms` after a `deliver`, and
//! `sendsms` (seen by `sent`). Fails, never skips, when gammu is missing: CI installs it.

use std::path::PathBuf;
use std::process::{Child, Command, Output, Stdio};
use std::time::{Duration, Instant};

use smsctl::sim::ControlClient;

const WAIT: Duration = Duration::from_secs(5);
/// gammu's own runs take a few seconds (it probes many commands); bound each one.
const GAMMU_LIMIT: Duration = Duration::from_secs(60);

struct Fixture {
    child: Child,
    dir: PathBuf,
    control: PathBuf,
    rc: PathBuf,
}

impl Fixture {
    fn start(tag: &str) -> Self {
        let dir = std::env::temp_dir().join(format!("smsctl-gammu-{tag}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        let link = dir.join("modem");
        let control = dir.join("ctl");
        let child = Command::new(env!("CARGO_BIN_EXE_smsctl"))
            .args(["sim", "--profile", "generic", "--link"])
            .arg(&link)
            .arg("--control")
            .arg(&control)
            .stdin(Stdio::null())
            .spawn()
            .expect("smsctl sim starts");
        let rc = dir.join("gammurc");
        std::fs::write(
            &rc,
            format!(
                "[gammu]\ndevice = {}\nconnection = at\nlogfile = {}\nlogformat = textall\n",
                link.display(),
                dir.join("gammu.log").display()
            ),
        )
        .unwrap();
        let f = Fixture {
            child,
            dir,
            control,
            rc,
        };
        let deadline = Instant::now() + WAIT;
        while !(link.exists() && f.control.exists()) {
            assert!(Instant::now() < deadline, "the simulator did not start");
            std::thread::sleep(Duration::from_millis(10));
        }
        f
    }

    fn control(&self) -> ControlClient {
        ControlClient::connect(&self.control, WAIT).unwrap()
    }

    /// Runs `gammu -c RC ARGS`, killed if it takes longer than `GAMMU_LIMIT`.
    fn gammu(&self, args: &[&str]) -> Output {
        let child = Command::new("gammu")
            .arg("-c")
            .arg(&self.rc)
            .args(args)
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn();
        let mut child = match child {
            Ok(c) => c,
            Err(e) => panic!("install gammu (apt-get install gammu): {e}"),
        };
        let deadline = Instant::now() + GAMMU_LIMIT;
        loop {
            if child.try_wait().unwrap().is_some() {
                break;
            }
            if Instant::now() > deadline {
                let _ = child.kill();
                let _ = child.wait();
                panic!(
                    "gammu {args:?} took longer than {GAMMU_LIMIT:?}\n{}",
                    self.log()
                );
            }
            std::thread::sleep(Duration::from_millis(20));
        }
        let out = child.wait_with_output().unwrap();
        assert!(
            out.status.success(),
            "gammu {args:?} failed: {}\n{}\n{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr),
            self.log()
        );
        out
    }

    fn log(&self) -> String {
        let log = std::fs::read_to_string(self.dir.join("gammu.log")).unwrap_or_default();
        let tail: Vec<&str> = log.lines().rev().take(60).collect();
        tail.into_iter().rev().collect::<Vec<_>>().join("\n")
    }
}

impl Drop for Fixture {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}

fn stdout(out: &Output) -> String {
    String::from_utf8_lossy(&out.stdout).into_owned()
}

fn gammu_present() {
    if let Err(e) = Command::new("gammu").arg("--version").output() {
        panic!("install gammu (apt-get install gammu): {e}");
    }
}

#[test]
fn gammu_identifies_the_modem() {
    gammu_present();
    let f = Fixture::start("identify");
    let out = stdout(&f.gammu(&["identify"]));
    assert!(out.contains("smsctl"), "{out}");
    assert!(out.contains("SIMULATED-3GPP"), "{out}");
    assert!(out.contains("490154203237518"), "{out}");
    assert!(out.contains("284011234567890"), "{out}");
}

#[test]
fn gammu_reads_delivered_sms_single_and_multipart() {
    gammu_present();
    let f = Fixture::start("getallsms");
    let mut ctl = f.control();
    ctl.ok("deliver +359888111222 hello from the simulator")
        .unwrap();
    let long = format!("start {} end", "long ".repeat(40));
    assert_eq!(
        ctl.ok(&format!("deliver +359888111222 {long}")).unwrap(),
        "ok stored SM 2 3"
    );
    let out = stdout(&f.gammu(&["getallsms"]));
    assert!(out.contains("hello from the simulator"), "{out}");
    assert!(out.contains("\"+359888111222\""), "{out}");
    assert!(out.contains("part 1 of 2"), "{out}");
    assert!(out.contains("part 2 of 2"), "{out}");
    assert!(out.contains("3 SMS parts"), "{out}");
}

#[test]
fn gammu_sends_sms_that_sent_reports() {
    gammu_present();
    let f = Fixture::start("sendsms");
    f.gammu(&["sendsms", "TEXT", "+359888111222", "-text", "hello"]);
    let mut ctl = f.control();
    let sent = ctl.command("sent").unwrap();
    assert_eq!(sent.len(), 2, "{sent:?}");
    assert!(
        sent[0].starts_with("{\"to\":\"+359888111222\",\"text\":\"hello\",\"parts\":1,"),
        "{sent:?}"
    );
    assert_eq!(sent[1], "ok 1");
}
