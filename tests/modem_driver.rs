//! The host modem driver over a real pty against the simulated modem (`smsctl::sim::serve`, the
//! same code `smsctl sim` runs): init on every profile, operations and `+CMTI`, every fault
//! with recovery and no lost message, unplug and re-plug mid-command, and each step of the
//! recovery ladder with harmless commands (`touch` in a temporary directory).

use smsctl::host::modem::{DriverSettings, ModemDriver};
use smsctl::host::serial::SerialSettings;
use smsctl::modem::facts::SmsMode;
use smsctl::modem::init::InitConfig;
use smsctl::modem::ladder::{LadderConfig, Step};
use smsctl::modem::ops::{self, Send};
use smsctl::modem::{ModemError, Stored};
use smsctl::pdu;
use smsctl::sim::serve::{spawn, Endpoint, Handle, Options};
use smsctl::sim::{ControlClient, Profile};
use std::path::{Path, PathBuf};
use std::time::Duration;

/// A fresh temporary directory for one test.
fn tempdir(name: &str) -> PathBuf {
    let d = std::env::temp_dir().join(format!("smsctl-driver-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&d);
    std::fs::create_dir_all(&d).unwrap();
    d
}

struct Rig {
    _sim: Handle,
    control: ControlClient,
    dir: PathBuf,
    link: PathBuf,
}

fn rig(name: &str, profile: Profile, pin: Option<&str>) -> Rig {
    let dir = tempdir(name);
    let link = dir.join("modem");
    let control = dir.join("control.sock");
    let sim = spawn(Options {
        profile,
        pin: pin.map(str::to_string),
        endpoint: Endpoint::Link(link.clone()),
        control: control.clone(),
    })
    .unwrap();
    let control = ControlClient::connect(&control, Duration::from_secs(5)).unwrap();
    Rig {
        _sim: sim,
        control,
        dir,
        link,
    }
}

/// Settings with short timings so that recovery happens within a test's patience.
fn settings(link: &Path, dir: &Path) -> DriverSettings {
    DriverSettings {
        serial: SerialSettings {
            path: link.to_path_buf(),
            baud: 115_200,
            rtscts: false,
        },
        init: InitConfig {
            probe_tries: 3,
            probe_timeout: Duration::from_millis(300),
            command_timeout: Duration::from_secs(1),
            ..InitConfig::default()
        },
        health_interval: Duration::from_millis(500),
        health_timeout: Duration::from_secs(1),
        ladder: LadderConfig {
            settle: Duration::from_millis(200),
            backoff_min: Duration::from_millis(100),
            backoff_max: Duration::from_millis(400),
            ..LadderConfig::default()
        },
        reset_command: None,
        reboot_command: vec!["touch".into(), dir.join("rebooted").display().to_string()],
        reboot_guard: Some(dir.join("modem-reboot")),
        command_timeout: Duration::from_secs(5),
    }
}

/// Lists every stored message as (index, text).
fn list(d: &mut ModemDriver) -> Result<Vec<(u32, String)>, ModemError> {
    let mode = d.facts().mode;
    let mut out = vec![];
    let op = ops::list(mode)
        .unwrap()
        .with_timeout(Duration::from_secs(2));
    d.run(&mut { op }, &mut |s| {
        if let Stored::Pdu { index, hex, .. } = s {
            let p = pdu::decode_hex(hex, true).unwrap();
            out.push((index, p.text().unwrap_or("").to_string()));
        }
    })?;
    Ok(out)
}

fn texts(v: &[(u32, String)]) -> Vec<String> {
    let mut t: Vec<String> = v.iter().map(|(_, s)| s.clone()).collect();
    t.sort();
    t
}

#[test]
fn driver_initialises_every_profile_over_a_pty() {
    for profile in Profile::ALL {
        let r = rig(&format!("init-{profile}"), profile, None);
        let mut d = ModemDriver::new(settings(&r.link, &r.dir));
        assert!(
            d.wait_up(Duration::from_secs(10)),
            "{profile}: {:?}",
            d.health()
        );
        let f = d.facts();
        assert_eq!(f.manufacturer.as_str(), profile.manufacturer());
        assert_eq!(f.mode, SmsMode::Pdu);
        assert!(d.health().up && d.health().last_error.is_none());
    }
}

#[test]
fn cmti_is_reported_and_the_message_read_and_deleted() {
    let mut r = rig("cmti", Profile::Generic, None);
    let mut d = ModemDriver::new(settings(&r.link, &r.dir));
    assert!(d.wait_up(Duration::from_secs(10)));
    r.control.ok("deliver +359881234567 status").unwrap();
    let mut urcs = vec![];
    for _ in 0..20 {
        d.service(Duration::from_millis(200));
        urcs.extend(d.take_urcs());
        if !urcs.is_empty() {
            break;
        }
    }
    let cmti = urcs
        .iter()
        .find(|u| u.line.starts_with(b"+CMTI"))
        .expect("+CMTI");
    let index: u32 = String::from_utf8_lossy(&cmti.line)
        .rsplit(',')
        .next()
        .unwrap()
        .trim()
        .parse()
        .unwrap();
    let mut text = String::new();
    let n = d
        .run(&mut ops::read(SmsMode::Pdu, index).unwrap(), &mut |s| {
            if let Stored::Pdu { hex, .. } = s {
                text = pdu::decode_hex(hex, true)
                    .unwrap()
                    .text()
                    .unwrap()
                    .to_string();
            }
        })
        .unwrap();
    assert_eq!((n, text.as_str()), (1, "status"));
    d.run(&mut ops::delete(index).unwrap(), &mut |_| {})
        .unwrap();
    assert!(list(&mut d).unwrap().is_empty());
    let mut send = Send::new("+359881234567", "ok", SmsMode::Pdu, 1).unwrap();
    d.run(&mut send, &mut |_| {}).unwrap();
    let sent = r.control.command("sent").unwrap();
    assert!(sent[0].contains("\"text\":\"ok\""), "{sent:?}");
}

#[test]
fn health_check_runs_after_quiet_and_keeps_the_modem_up() {
    let r = rig("health", Profile::Generic, None);
    let mut d = ModemDriver::new(settings(&r.link, &r.dir));
    assert!(d.wait_up(Duration::from_secs(10)));
    // Several health intervals pass with nothing else to do.
    for _ in 0..4 {
        d.service(Duration::from_millis(400));
    }
    assert!(d.is_up(), "{:?}", d.health());
}

/// Each fault, then the messages delivered around it must all still be listed.
#[test]
fn every_fault_is_recovered_without_losing_a_message() {
    for fault in [
        "hang 2",
        "garbage 40",
        "drop 20",
        "urc-in-response",
        "cms-error 500",
        "slow 300",
        "storage-full",
    ] {
        let started = std::time::Instant::now();
        let mut r = rig(
            &format!("fault-{}", fault.split(' ').next().unwrap()),
            Profile::HuaweiE173,
            None,
        );
        let mut d = ModemDriver::new(settings(&r.link, &r.dir));
        assert!(d.wait_up(Duration::from_secs(10)), "{fault}");
        r.control.ok("deliver +359881234567 before").unwrap();
        r.control.ok(&format!("fault {fault}")).unwrap();
        // Work through the fault: list, send, until things succeed again.
        let mut listed = vec![];
        let mut sent = false;
        for _ in 0..40 {
            if !d.is_up() {
                d.service(Duration::from_millis(300));
                continue;
            }
            if !sent {
                let mut s = Send::new("+359881234567", "reply", SmsMode::Pdu, 2)
                    .unwrap()
                    .with_timeout(Duration::from_secs(3));
                sent = d.run(&mut s, &mut |_| {}).is_ok();
            }
            match list(&mut d) {
                Ok(l) if !l.is_empty() => {
                    listed = l;
                    break;
                }
                _ => d.service(Duration::from_millis(100)),
            };
        }
        r.control.ok("fault none").unwrap();
        assert!(
            texts(&listed).contains(&"before".to_string()),
            "{fault}: {listed:?}"
        );
        // A message delivered after the fault arrives too.
        r.control.ok("deliver +359881234567 after").unwrap();
        let mut all = vec![];
        for _ in 0..30 {
            d.service(Duration::from_millis(100));
            if let Ok(l) = list(&mut d) {
                all = l;
                if all.len() >= 2 {
                    break;
                }
            }
        }
        assert_eq!(texts(&all), ["after", "before"], "{fault}");
        if !sent {
            let mut s = Send::new("+359881234567", "reply", SmsMode::Pdu, 2)
                .unwrap()
                .with_timeout(Duration::from_secs(3));
            d.run(&mut s, &mut |_| {})
                .unwrap_or_else(|e| panic!("{fault}: {e}"));
        }
        let out = r.control.command("sent").unwrap();
        assert!(
            out.iter().any(|l| l.contains("\"text\":\"reply\"")),
            "{fault}: {out:?}"
        );
        eprintln!("{fault}: recovered in {:?}", started.elapsed());
    }
}

#[test]
fn unplug_mid_command_then_replug_is_reopened_and_reinitialised() {
    let mut r = rig("unplug", Profile::ZteMf190, None);
    let mut d = ModemDriver::new(settings(&r.link, &r.dir));
    assert!(d.wait_up(Duration::from_secs(10)));
    r.control.ok("deliver +359881234567 kept").unwrap();
    // The modem stops answering a delete and vanishes while it is in flight.
    r.control.ok("pause-on +CMGD").unwrap();
    let (tx, rx) = std::sync::mpsc::channel::<()>();
    let path = r.dir.join("control.sock");
    let t = std::thread::spawn(move || {
        let mut c = ControlClient::connect(&path, Duration::from_secs(5)).unwrap();
        std::thread::sleep(Duration::from_millis(300));
        c.ok("fault unplug").unwrap();
        rx.recv().unwrap();
        c.ok("fault replug").unwrap();
    });
    let e = d
        .run(&mut ops::delete(1).unwrap(), &mut |_| {})
        .unwrap_err();
    assert!(
        matches!(e, ModemError::PortGone | ModemError::Timeout { .. }),
        "{e}"
    );
    assert!(!d.is_up());
    // While unplugged: the driver keeps trying, never gives up.
    d.service(Duration::from_millis(800));
    assert!(!d.is_up());
    assert!(d.health().recovering_since.is_some());
    tx.send(()).unwrap();
    t.join().unwrap();
    r.control.ok("resume").unwrap();
    assert!(d.wait_up(Duration::from_secs(10)), "{:?}", d.health());
    // The message survived (the delete never ran).
    assert_eq!(texts(&list(&mut d).unwrap()), ["kept"]);
    assert!(
        d.health().last_error.is_some(),
        "the last error is kept for the record"
    );
}

#[test]
fn ladder_soft_reset_then_reset_command_then_host_reboot() {
    let r = rig("ladder", Profile::Generic, None);
    let mut s = settings(&r.link, &r.dir);
    let reset_marker = r.dir.join("reset-ran");
    s.ladder.soft_reset = true;
    s.ladder.reset_command = true;
    s.ladder.reboot_host_after = Some(Duration::from_secs(10));
    s.reset_command = Some(vec!["touch".into(), reset_marker.display().to_string()]);
    let mut d = ModemDriver::new(s);
    let mut r = r;
    assert!(d.wait_up(Duration::from_secs(10)));
    // The modem hangs for good.
    r.control.ok("fault hang 30").unwrap();
    let mut steps = vec![];
    for _ in 0..300 {
        d.service(Duration::from_millis(100));
        if let Some(step) = d.health().step {
            if steps.last() != Some(&step) {
                steps.push(step);
            }
        }
        if r.dir.join("rebooted").exists() {
            break;
        }
    }
    assert!(steps.contains(&Step::SoftReset), "{steps:?}");
    assert!(reset_marker.exists(), "reset command ran: {steps:?}");
    assert!(
        r.dir.join("rebooted").exists(),
        "host reboot command ran: {steps:?}"
    );
    let guard = std::fs::read_to_string(r.dir.join("modem-reboot")).unwrap();
    assert!(guard.trim().parse::<u64>().unwrap() > 1_600_000_000);
    let soft = steps.iter().position(|s| *s == Step::SoftReset).unwrap();
    let cmd = steps.iter().position(|s| *s == Step::ResetCommand).unwrap();
    let reboot = steps.iter().position(|s| *s == Step::RebootHost).unwrap();
    assert!(soft < cmd && cmd < reboot, "{steps:?}");

    // The guard (remembered in the state directory) forbids a second reboot within a day,
    // even for a new driver (a restarted daemon).
    std::fs::remove_file(r.dir.join("rebooted")).unwrap();
    drop(d);
    let mut s = settings(&r.link, &r.dir);
    s.ladder.reboot_host_after = Some(Duration::from_millis(300));
    let mut d2 = ModemDriver::new(s);
    for _ in 0..20 {
        d2.service(Duration::from_millis(100));
    }
    assert!(!r.dir.join("rebooted").exists());
    assert!(!d2.is_up());
    // The modem comes back: the driver finds it.
    r.control.ok("fault none").unwrap();
    assert!(d2.wait_up(Duration::from_secs(10)), "{:?}", d2.health());
}

#[test]
fn a_wrong_pin_is_entered_once_in_the_whole_process_lifetime() {
    let r = rig("pin", Profile::Sim800, Some("1111"));
    let mut s = settings(&r.link, &r.dir);
    s.init.pin = Some("2222".try_into().unwrap());
    let mut d = ModemDriver::new(s);
    assert!(!d.wait_up(Duration::from_secs(3)));
    assert_eq!(d.health().last_error, Some(ModemError::PinRejected));
    drop(d);
    // The simulated SIM has two tries left: the driver spent one, whatever it retried.
    let mut tty = smsctl::sim::pty::RawTty::open(&r.link).unwrap();
    let answer = tty.at("AT+CPINR", Duration::from_secs(2)).unwrap();
    assert!(answer.contains("+CPINR: SIM PIN,2,3"), "{answer}");
}

#[test]
fn settings_come_from_the_validated_config() {
    let text = r#"
[modem]
port = "/dev/serial/by-id/usb-modem-if02-port0"
baud = 9600
rtscts = true
pin = "4711"
mode = "text"
storage = "ME"
health_interval = "90s"
soft_reset = true
reset_command = ["uhubctl", "-a", "cycle", "-l", "1-1"]
reboot_host_after = "6h"

[auth]
allow = ["+359882505000"]

[actions]
reboot = ["systemctl", "reboot"]
"#;
    let checked = smsctl::host::config::check(text);
    let cfg = checked
        .config
        .unwrap_or_else(|| panic!("{:?}", checked.errors));
    let s = DriverSettings::from_config(&cfg, Path::new("/var/lib/smsctl"));
    assert_eq!(
        s.serial.path,
        Path::new("/dev/serial/by-id/usb-modem-if02-port0")
    );
    assert_eq!((s.serial.baud, s.serial.rtscts), (9600, true));
    assert_eq!(s.init.pin.as_ref().map(|p| p.as_str()), Some("4711"));
    assert!(s.init.text_mode);
    assert_eq!(s.init.storage.as_str(), "ME");
    assert_eq!(s.health_interval, Duration::from_secs(90));
    assert!(s.ladder.soft_reset && s.ladder.reset_command);
    assert_eq!(
        s.ladder.reboot_host_after,
        Some(Duration::from_secs(6 * 3600))
    );
    assert_eq!(s.reset_command.as_deref().map(<[String]>::len), Some(5));
    assert_eq!(s.reboot_command, ["systemctl", "reboot"]);
    assert_eq!(
        s.reboot_guard.as_deref(),
        Some(Path::new("/var/lib/smsctl/modem-reboot"))
    );
}
