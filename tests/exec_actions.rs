//! Actions on the machine, with harmless commands only: argv passed untouched (no shell),
//! timeouts kill the whole process group, output is bounded, exit statuses are reported; the
//! host actions' replies, the automatic disconnect, and the status facts from temp dirs.

use smsctl::command::number::normalise;
use smsctl::command::{perform, Action, Actions, Args, Outcome, Reply};
use smsctl::host::actions::HostActions;
use smsctl::host::config::{check, Config};
use smsctl::host::exec::{run, Exit};
use smsctl::host::facts::{
    format_status, read_host_facts, FactSources, HostFacts, Link, ModemFacts,
};
use smsctl::time::Instant;
use std::path::{Path, PathBuf};
use std::time::Duration;

fn temp_dir(name: &str) -> PathBuf {
    let d = std::env::temp_dir().join(format!("smsctl-exec-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&d);
    std::fs::create_dir_all(&d).unwrap();
    d
}

const SECOND: Duration = Duration::from_secs(1);

#[test]
fn arguments_reach_the_program_untouched_never_a_shell() {
    let dir = temp_dir("argv");
    let marker = dir.join("pwned");
    let m = marker.to_str().unwrap();
    let hostile = [
        format!("$(touch {m})"),
        format!("`touch {m}`"),
        format!("; touch {m}"),
        format!("a && touch {m} || b"),
        format!("| touch {m}"),
        "*".to_owned(),
        "~".to_owned(),
        "$HOME".to_owned(),
        "'single' \"double\" \\back".to_owned(),
        "two  spaces\nnew line\ttab".to_owned(),
        String::new(),
    ];
    for arg in &hostile {
        let r = run(
            &["sh", "-c", "printf %s \"$1\"", "sh", arg],
            10 * SECOND,
            4096,
        )
        .unwrap();
        assert_eq!(r.exit, Exit::Code(0));
        assert_eq!(String::from_utf8_lossy(&r.output), *arg, "argument changed");
        // And straight to printf, no sh at all.
        let r = run(&["printf", "%s", arg], 10 * SECOND, 4096).unwrap();
        assert_eq!(String::from_utf8_lossy(&r.output), *arg);
    }
    assert!(!marker.exists(), "something interpreted an argument");
}

#[test]
fn timeout_kills_the_whole_process_group() {
    let dir = temp_dir("timeout");
    let late = dir.join("late");
    // A background child that would touch a file after a second, and a foreground sleep.
    let script = format!("(sleep 1; touch {}) & sleep 30", late.display());
    let r = run(&["sh", "-c", &script], Duration::from_millis(300), 4096).unwrap();
    assert_eq!(r.exit, Exit::TimedOut);
    assert!(r.duration < 5 * SECOND, "took {:?}", r.duration);
    std::thread::sleep(Duration::from_millis(1500));
    assert!(!late.exists(), "the background child survived the timeout");
}

#[test]
fn output_is_bounded_and_the_command_never_blocks_on_it() {
    let script = "i=0; while [ $i -lt 3000 ]; do printf 0123456789; i=$((i+1)); done; echo end >&2";
    let r = run(&["sh", "-c", script], 20 * SECOND, 4096).unwrap();
    assert_eq!(r.exit, Exit::Code(0));
    assert_eq!(r.output.len(), 4096);
    assert!(r.truncated);
    assert!(r.output.starts_with(b"0123456789"));
    let r = run(&["echo", "small"], 10 * SECOND, 4096).unwrap();
    assert_eq!((r.output.as_slice(), r.truncated), (&b"small\n"[..], false));
}

#[test]
fn exit_status_signals_stderr_and_missing_programs() {
    let r = run(
        &["sh", "-c", "echo out; echo err >&2; exit 3"],
        10 * SECOND,
        4096,
    )
    .unwrap();
    assert_eq!(r.exit, Exit::Code(3));
    assert_eq!(String::from_utf8_lossy(&r.output), "out\nerr\n");
    let r = run(&["sh", "-c", "kill -9 $$"], 10 * SECOND, 4096).unwrap();
    assert_eq!(r.exit, Exit::Signal(9));
    assert_eq!(r.exit.to_string(), "killed by signal 9");
    assert!(run(&["/nonexistent/program"], SECOND, 16).is_err());
    assert!(run(&[], SECOND, 16).is_err());
    let r = run(&["true"], 10 * SECOND, 16).unwrap();
    assert!(r.exit.success());
}

fn config(dir: &Path) -> Config {
    let d = dir.display();
    let text = format!(
        r#"
[modem]
port = "/dev/null"
[auth]
allow = ["+359882505000"]
[limits]
reply_parts = 1
[daemon]
link_interface = "ppp9"
[actions]
reboot = ["touch", "{d}/rebooted"]
connect = ["touch", "{d}/connected"]
disconnect = ["touch", "{d}/disconnected"]
[commands.echo]
exec = ["printf", "%s|"]
args = true
[commands.fail]
exec = ["sh", "-c", "echo broken; exit 4"]
[commands.code]
exec = ["sh", "-c", "exit 2"]
reply = "exit"
[commands.fixed]
exec = ["true"]
reply = "text"
reply_text = "done it"
[commands.slow]
exec = ["sleep", "30"]
timeout = "200ms"
[commands.long]
exec = ["sh", "-c", "i=0; while [ $i -lt 100 ]; do echo line $i; i=$((i+1)); done"]
"#
    );
    let c = check(&text);
    assert!(c.errors.is_empty(), "{:?}", c.errors);
    c.config.unwrap()
}

fn fake_sources(root: &Path) -> FactSources {
    let p = root.join("proc");
    let s = root.join("sys");
    for d in [
        p.join("sys/kernel"),
        s.join("class/thermal/thermal_zone0"),
        s.join("class/net/ppp9"),
    ] {
        std::fs::create_dir_all(d).unwrap();
    }
    let w = |path: PathBuf, text: &str| std::fs::write(path, text).unwrap();
    w(p.join("sys/kernel/hostname"), "pi-field\n");
    w(p.join("uptime"), "1047600.52 2000000.00\n");
    w(p.join("loadavg"), "0.15 0.10 0.05 1/123 4567\n");
    w(
        p.join("meminfo"),
        "MemTotal:         948304 kB\nMemFree:          100000 kB\nMemAvailable:     626688 kB\n",
    );
    w(s.join("class/thermal/thermal_zone0/temp"), "47236\n");
    w(s.join("class/net/ppp9/operstate"), "unknown\n");
    w(s.join("class/net/ppp9/flags"), "0x10d1\n");
    FactSources {
        proc_dir: p,
        sys_dir: s,
        disk: root.to_owned(),
        ipv4: |name| (name == "ppp9").then(|| std::net::Ipv4Addr::new(10, 64, 12, 134)),
    }
}

fn perform_text(actions: &mut HostActions<'_>, action: Action<'_>) -> (Outcome, String) {
    let sender = normalise("+359882505000", None).unwrap();
    let mut reply = Reply::new();
    let o = perform(
        &action,
        &sender,
        actions,
        Instant::from_secs(100),
        &mut reply,
    );
    (o, reply.as_str().to_owned())
}

fn args(s: &str) -> Args<'_> {
    smsctl::command::parse::check_args(s).unwrap()
}

#[test]
fn configured_commands_reply_as_configured() {
    let dir = temp_dir("configured");
    let cfg = config(&dir);
    let mut a = HostActions::new(&cfg, fake_sources(&dir));
    let run = |a: &mut HostActions<'_>, name, rest| {
        perform_text(
            a,
            Action::Configured {
                name,
                args: args(rest),
            },
        )
    };
    assert_eq!(
        run(&mut a, "echo", "a=b,c 8.8.8.8"),
        (Outcome::Done, "a=b,c|8.8.8.8|".into())
    );
    assert_eq!(
        run(&mut a, "echo", ""),
        (Outcome::Done, "|".into()),
        "printf with no argument"
    );
    assert_eq!(
        run(&mut a, "fail", ""),
        (Outcome::Failed, "fail: exit 4: broken".into())
    );
    assert_eq!(
        run(&mut a, "code", ""),
        (Outcome::Failed, "code: exit 2".into())
    );
    assert_eq!(run(&mut a, "fixed", ""), (Outcome::Done, "done it".into()));
    assert_eq!(
        run(&mut a, "slow", ""),
        (Outcome::Failed, "slow: timed out".into())
    );
    let (o, text) = run(&mut a, "long", "");
    assert_eq!(o, Outcome::Done);
    assert!(
        text.ends_with("...") && text.chars().count() == 160,
        "{text}"
    );
    assert_eq!(run(&mut a, "nope", "").0, Outcome::Failed);
}

#[test]
fn connect_arms_the_automatic_disconnect_and_disconnect_disarms_it() {
    let dir = temp_dir("connect");
    let cfg = config(&dir);
    let mut a = HostActions::new(&cfg, fake_sources(&dir));
    assert_eq!(a.poll_timeout(), None);
    let (o, text) = perform_text(&mut a, Action::Connect { minutes: 15 });
    assert_eq!((o, text.as_str()), (Outcome::Done, "connecting for 15 min"));
    assert!(dir.join("connected").exists());
    let due = Instant::from_secs(100 + 15 * 60);
    assert_eq!(a.poll_timeout(), Some(due));
    assert!(a.handle_timeout(Instant::from_secs(100)).is_none());
    assert!(!dir.join("disconnected").exists());
    let r = a.handle_timeout(due).expect("due").unwrap();
    assert!(r.exit.success());
    assert!(dir.join("disconnected").exists());
    assert_eq!(a.poll_timeout(), None);

    std::fs::remove_file(dir.join("disconnected")).unwrap();
    perform_text(&mut a, Action::Connect { minutes: 5 });
    let (o, text) = perform_text(&mut a, Action::Disconnect);
    assert_eq!((o, text.as_str()), (Outcome::Done, "disconnected"));
    assert!(dir.join("disconnected").exists());
    assert_eq!(a.poll_timeout(), None, "disconnect disarms");

    // Reboot replies first (the daemon sends it), and runs only when asked.
    let (_, text) = perform_text(&mut a, Action::Reboot);
    assert_eq!(text, "rebooting");
    assert!(!dir.join("rebooted").exists());
    assert_eq!(a.reboot(), Outcome::Done);
    assert!(dir.join("rebooted").exists());
}

#[test]
fn status_reads_the_fake_machine_and_fits_one_sms() {
    let dir = temp_dir("status");
    let cfg = config(&dir);
    let src = fake_sources(&dir);
    let host = read_host_facts(&src, "ppp9");
    assert_eq!(host.hostname.as_deref(), Some("pi-field"));
    assert_eq!(host.uptime.map(|d| d.as_secs()), Some(1_047_600));
    assert_eq!(host.load1.as_deref(), Some("0.15"));
    assert_eq!(host.mem_available, Some(626_688 * 1024));
    assert!(host.disk_free.is_some());
    assert_eq!(host.temp_millic, Some(47_236));
    assert!(host.link.up);
    assert_eq!(
        host.link.ipv4,
        Some(std::net::Ipv4Addr::new(10, 64, 12, 134))
    );
    let down = read_host_facts(&src, "ppp0");
    assert!(!down.link.up && down.link.ipv4.is_none());
    std::fs::write(dir.join("sys/class/net/ppp9/operstate"), "down\n").unwrap();
    assert!(!read_host_facts(&src, "ppp9").link.up, "operstate down");
    std::fs::write(dir.join("sys/class/net/ppp9/operstate"), "unknown\n").unwrap();

    let mut a = HostActions::new(&cfg, src);
    a.set_modem_facts(ModemFacts {
        signal_dbm: Some(-71),
        operator: Some("Vivacom".into()),
        registration: Some("home".into()),
        handled: 1234,
    });
    let (o, text) = perform_text(&mut a, Action::Status);
    assert_eq!(o, Outcome::Done);
    assert!(
        text.starts_with("pi-field up 12d3h load 0.15 mem 612M disk "),
        "{text}"
    );
    assert!(
        text.contains(" 47C; ppp9 up 10.64.12.134; signal -71dBm Vivacom home; 1234 msgs"),
        "{text}"
    );
    assert!(!text.ends_with("..."));
}

#[test]
fn a_typical_status_fits_160_gsm_characters() {
    let host = HostFacts {
        hostname: Some("raspberrypi-field-01".into()),
        uptime: Some(Duration::from_secs(400 * 86_400 + 23 * 3600)),
        load1: Some("12.34".into()),
        mem_available: Some(1_023 * 1024 * 1024),
        disk_free: Some(123 * 1024 * 1024 * 1024),
        temp_millic: Some(85_999),
        link: Link {
            name: "ppp0".into(),
            up: true,
            ipv4: Some(std::net::Ipv4Addr::new(100, 164, 212, 134)),
        },
    };
    let modem = ModemFacts {
        signal_dbm: Some(-113),
        operator: Some("Vivacom BG 3G".into()),
        registration: Some("roaming".into()),
        handled: 123_456,
    };
    let text = format_status(&host, &modem);
    assert!(text.len() <= 160, "{} chars: {text}", text.len());
    let mut out = Reply::new();
    let shaped = smsctl::command::shape(&text, 1, &mut out);
    assert!(!shaped.cut && !shaped.ucs2 && shaped.parts == 1, "{text}");
    // Nothing known at all still says something useful.
    let empty = format_status(&HostFacts::default(), &ModemFacts::default());
    assert_eq!(empty, "host;  down; signal ?; 0 msgs");
}

#[test]
fn the_real_proc_can_be_read() {
    let f = read_host_facts(&FactSources::default(), "lo");
    assert!(f.uptime.is_some() && f.mem_available.is_some() && f.load1.is_some());
    assert!(f.disk_free.is_some());
    assert!(f.link.up, "lo is up");
    assert_eq!(f.link.ipv4, Some(std::net::Ipv4Addr::LOCALHOST));
}
