//! The config file: every key read into its validated type, the defaults, every error reported
//! with its key and line (all at once), the file-mode warning, and `smsctl check-config`.

use smsctl::command::policy::UnknownPolicy;
use smsctl::host::config::{self, check, Config, ModemMode, ReplyMode};
use std::os::unix::fs::PermissionsExt;
use std::path::PathBuf;
use std::time::Duration;

const FULL: &str = r#"
[modem]
port = "/dev/ttyUSB2"
baud = 9600
rtscts = true
pin = "0123"
mode = "text"
storage = "me"
health_interval = "90s"
soft_reset = true
reset_command = ["uhubctl", "-a", "cycle", "-l", "1-1"]
reboot_host_after = "6h"

[auth]
allow = ["+359882505000", "0888 123-456"]
country_code = "359"
secret = "4711"
unknown = "reply"

[limits]
commands_per_hour = 7
sms_per_day = 11
reply_parts = 2

[daemon]
sweep_interval = "5m"
reassembly_timeout = "1h30m"
link_interface = "wwan0"
connect_minutes = 45
log_level = "debug"

[notify]
on_boot = ["00359882505000"]
max_per_day = 1

[state]
dir = "/srv/smsctl"

[actions]
reboot = ["/sbin/reboot"]
connect = ["pon", "provider"]
disconnect = ["poff", "provider"]

[commands.uptime]
exec = ["/usr/bin/uptime"]
timeout = "10s"
reply = "output"
args = false

[commands.restart]
exec = ["systemctl", "restart", "app"]
reply = "text"
reply_text = "done"

[commands.code]
exec = ["sh", "-c", "exit 3"]
reply = "exit"
args = true
"#;

fn ok(text: &str) -> Config {
    let c = check(text);
    assert!(c.errors.is_empty(), "unexpected errors: {:?}", c.errors);
    c.config.expect("config when no errors")
}

#[test]
fn every_key_is_read() {
    let c = ok(FULL);
    assert_eq!(c.modem.port, PathBuf::from("/dev/ttyUSB2"));
    assert_eq!(c.modem.baud, 9600);
    assert!(c.modem.rtscts);
    assert_eq!(c.modem.pin.as_ref().map(|p| p.expose()), Some("0123"));
    assert_eq!(
        format!("{:?}", c.modem.pin),
        "Some(***)",
        "the PIN never shows"
    );
    assert_eq!(c.modem.mode, ModemMode::Text);
    assert_eq!(c.modem.storage, "ME");
    assert_eq!(c.modem.health_interval, Duration::from_secs(90));
    assert!(c.modem.soft_reset);
    assert_eq!(
        c.modem.reset_command.as_ref().map(|a| a.as_slice().len()),
        Some(5)
    );
    assert_eq!(
        c.modem.reboot_host_after,
        Some(Duration::from_secs(6 * 3600))
    );

    let allow: Vec<&str> = c.auth.allow.iter().map(|n| n.as_str()).collect();
    assert_eq!(allow, ["+359882505000", "+359888123456"]);
    assert_eq!(
        c.auth.country_code.map(|cc| cc.to_string()),
        Some("+359".into())
    );
    assert_eq!(c.auth.secret.as_ref().map(|s| s.expose()), Some("4711"));
    assert!(
        !format!("{:?}", c.auth).contains("4711"),
        "the secret never shows"
    );
    assert_eq!(c.auth.unknown, UnknownPolicy::Reply);

    assert_eq!(c.limits.commands_per_hour, 7);
    assert_eq!(c.limits.sms_per_day, 11);
    assert_eq!(c.limits.reply_parts, 2);

    assert_eq!(c.daemon.sweep_interval, Duration::from_secs(300));
    assert_eq!(c.daemon.reassembly_timeout, Duration::from_secs(5400));
    assert_eq!(c.daemon.link_interface, "wwan0");
    assert_eq!(c.daemon.connect_minutes, 45);
    assert_eq!(c.daemon.log_level, log::LevelFilter::Debug);

    assert_eq!(c.notify.on_boot.len(), 1);
    assert_eq!(c.notify.on_boot[0].as_str(), "+359882505000");
    assert_eq!(c.notify.max_per_day, 1);
    assert_eq!(c.state.dir, PathBuf::from("/srv/smsctl"));

    assert_eq!(c.actions.reboot.program(), "/sbin/reboot");
    assert_eq!(c.actions.connect.args(), ["provider"]);
    assert_eq!(c.actions.disconnect.to_string(), "poff provider");

    let names: Vec<&str> = c.commands.iter().map(|c| c.name.as_str()).collect();
    assert_eq!(names, ["code", "restart", "uptime"], "sorted by name");
    let uptime = c.command("uptime").unwrap();
    assert_eq!(uptime.timeout, Duration::from_secs(10));
    assert_eq!(uptime.reply, ReplyMode::Output);
    assert!(!uptime.args);
    assert_eq!(
        c.command("restart").unwrap().reply,
        ReplyMode::Text("done".into())
    );
    assert_eq!(
        c.command("restart").unwrap().timeout,
        Duration::from_secs(30)
    );
    let code = c.command("code").unwrap();
    assert_eq!(code.reply, ReplyMode::Exit);
    assert!(code.args);
}

#[test]
fn defaults_for_every_optional_key() {
    let c = ok("[modem]\nport = \"/dev/ttyUSB1\"\n[auth]\nallow = [\"+4915112345678\"]\n");
    assert_eq!(c.modem.baud, 115_200);
    assert!(!c.modem.rtscts);
    assert!(c.modem.pin.is_none());
    assert_eq!(c.modem.mode, ModemMode::Pdu);
    assert_eq!(c.modem.storage, "SM");
    assert_eq!(c.modem.health_interval, Duration::from_secs(60));
    assert!(!c.modem.soft_reset);
    assert!(c.modem.reset_command.is_none());
    assert_eq!(c.modem.reboot_host_after, None);
    assert!(c.auth.country_code.is_none());
    assert!(c.auth.secret.is_none());
    assert_eq!(c.auth.unknown, UnknownPolicy::Ignore);
    assert_eq!(c.limits.commands_per_hour, 20);
    assert_eq!(c.limits.sms_per_day, 50);
    assert_eq!(c.limits.reply_parts, 3);
    assert_eq!(c.daemon.sweep_interval, Duration::from_secs(600));
    assert_eq!(c.daemon.reassembly_timeout, Duration::from_secs(600));
    assert_eq!(c.daemon.link_interface, "ppp0");
    assert_eq!(c.daemon.connect_minutes, 30);
    assert_eq!(c.daemon.log_level, log::LevelFilter::Info);
    assert!(c.notify.on_boot.is_empty());
    assert_eq!(c.notify.max_per_day, 3);
    assert_eq!(c.state.dir, PathBuf::from("/var/lib/smsctl"));
    assert_eq!(c.actions.reboot.to_string(), "systemctl reboot");
    assert_eq!(c.actions.connect.to_string(), "pon");
    assert_eq!(c.actions.disconnect.to_string(), "poff");
    assert!(c.commands.is_empty());
    // "0" is never for reboot_host_after.
    let c = ok("[modem]\nport = \"/dev/x\"\nreboot_host_after = \"0\"\n[auth]\nallow = [\"+4915112345678\"]\n");
    assert_eq!(c.modem.reboot_host_after, None);
}

#[test]
fn state_directory_from_systemd_wins() {
    let c = ok("[modem]\nport = \"/dev/x\"\n[auth]\nallow = [\"+4915112345678\"]\n");
    assert_eq!(c.state.resolve(None), PathBuf::from("/var/lib/smsctl"));
    let env = std::ffi::OsString::from("/var/lib/smsctl/a:/var/lib/other");
    assert_eq!(
        c.state.resolve(Some(&env)),
        PathBuf::from("/var/lib/smsctl/a")
    );
}

/// `(line, key, part of the message)` for every error, in order.
fn errors(text: &str) -> Vec<(Option<usize>, String, String)> {
    let c = check(text);
    assert!(c.config.is_none(), "a config with errors gives no Config");
    c.errors
        .into_iter()
        .map(|p| (p.line, p.key, p.message))
        .collect()
}

#[test]
fn every_error_is_reported_with_key_and_line() {
    let text = r#"[modem]
baud = 115201
pin = 1234
mode = "sms"
health_interval = "10"
storage = "SIM"
reset_command = []
rtscts = "yes"
reboot_host_after = "soon"
[auth]
allow = ["0888123456"]
unknown = "maybe"
secret = "two words"
country_code = "0359"
[limits]
commands_per_hour = 0
sms_per_day = "50"
reply_parts = 99
[daemon]
sweep_interval = "0"
reassembly_timeout = 10
link_interface = "ppp/0"
connect_minutes = 5000
log_level = "loud"
[notify]
on_boot = "+359882505000"
max_per_day = -1
[state]
dir = "relative/dir"
[actions]
reboot = "systemctl reboot"
connect = [""]
disconnect = [1]
[commands.status]
exec = ["true"]
[commands."Bad Name"]
exec = ["true"]
[commands.x]
reply = "text"
timeout = "2h"
args = 1
"#;
    let got = errors(text);
    let expect: &[(usize, &str, &str)] = &[
        (1, "modem.port", "required"),
        (2, "modem.baud", "115201"),
        (3, "modem.pin", "as a string"),
        (4, "modem.mode", "`sms`"),
        (5, "modem.health_interval", "missing unit"),
        (6, "modem.storage", "two-letter"),
        (7, "modem.reset_command", "empty command"),
        (8, "modem.rtscts", "true or false"),
        (9, "modem.reboot_host_after", "`soon`"),
        (11, "auth.allow", "`0888123456`"),
        (12, "auth.unknown", "`maybe`"),
        (13, "auth.secret", "one word"),
        (14, "auth.country_code", "`0359`"),
        (16, "limits.commands_per_hour", "out of range"),
        (17, "limits.sms_per_day", "expected an integer"),
        (18, "limits.reply_parts", "out of range"),
        (20, "daemon.sweep_interval", "must not be 0"),
        (21, "daemon.reassembly_timeout", "expected a string"),
        (22, "daemon.link_interface", "interface"),
        (23, "daemon.connect_minutes", "out of range"),
        (24, "daemon.log_level", "`loud`"),
        (26, "notify.on_boot", "expected an array"),
        (27, "notify.max_per_day", "out of range"),
        (29, "state.dir", "absolute"),
        (31, "actions.reboot", "expected an array"),
        (32, "actions.connect", "empty string"),
        (33, "actions.disconnect", "expected a string"),
        (34, "commands.status", "built-in"),
        (36, "commands.Bad Name", "command name"),
        (38, "commands.x.exec", "required"),
        (39, "commands.x.reply_text", "required"),
        (40, "commands.x.timeout", "at most 1h"),
        (41, "commands.x.args", "true or false"),
    ];
    for (line, key, msg) in expect {
        assert!(
            got.iter()
                .any(|(l, k, m)| *l == Some(*line) && k == key && m.contains(msg)),
            "missing error: line {line} {key} ~ {msg}\n got: {got:#?}"
        );
    }
}

#[test]
fn missing_allowlist_and_empty_allowlist_are_errors() {
    let got = errors("[modem]\nport = \"/dev/x\"\n");
    assert!(got
        .iter()
        .any(|(_, k, m)| k == "auth.allow" && m.contains("required")));
    let got = errors("[modem]\nport = \"/dev/x\"\n[auth]\nallow = []\n");
    assert!(got
        .iter()
        .any(|(l, k, _)| k == "auth.allow" && *l == Some(4)));
    let got = errors("[modem]\nport = \"/dev/x\"\n[auth]\nallow = [\"Vivacom\", \"1234\"]\n");
    assert_eq!(got.len(), 2, "{got:?}");
}

#[test]
fn syntax_errors_are_all_reported_with_lines() {
    let got = errors("[modem\nport = \"/dev/x\"\n[auth]\nallow = [\"1\"\n");
    let lines: Vec<Option<usize>> = got.iter().map(|e| e.0).collect();
    assert_eq!(lines, [Some(1), Some(4)], "{got:?}");
}

#[test]
fn a_section_of_the_wrong_type_is_one_error_with_its_line() {
    let got = errors("\n\nmodem = 3\n");
    assert_eq!(got.len(), 1, "{got:?}");
    assert_eq!(got[0].0, Some(3));
}

#[test]
fn unknown_keys_and_duplicates_are_warnings() {
    let text = "[modem]\nport = \"/dev/x\"\n[auth]\nallow = [\"+359882505000\", \"00359882505000\"]\n\
                [limits]\ncomands_per_hour = 3\n[commands.a]\nexec = [\"true\"]\nreplay = \"text\"\n\
                [extra]\nx = 1\n";
    let c = check(text);
    assert!(c.errors.is_empty(), "{:?}", c.errors);
    let w: Vec<(Option<usize>, &str)> = c
        .warnings
        .iter()
        .map(|w| (w.line, w.key.as_str()))
        .collect();
    assert_eq!(
        w,
        [
            (Some(4), "auth.allow"),
            (Some(6), "limits.comands_per_hour"),
            (Some(9), "commands.a.replay"),
            (Some(10), "extra"),
        ]
    );
    assert_eq!(c.config.unwrap().auth.allow.len(), 1);
}

fn temp_file(name: &str, text: &str, mode: u32) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("smsctl-config-{}-{name}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("smsctl.toml");
    std::fs::write(&path, text).unwrap();
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(mode)).unwrap();
    path
}

#[test]
fn file_readable_by_others_is_warned_about_and_0600_is_not() {
    let text = "[modem]\nport = \"/dev/x\"\n[auth]\nallow = [\"+4915112345678\"]\n";
    for (mode, warned) in [
        (0o600, false),
        (0o400, false),
        (0o640, true),
        (0o644, true),
        (0o604, true),
    ] {
        let path = temp_file(&format!("{mode:o}"), text, mode);
        let c = config::check_file(&path).unwrap();
        assert!(c.errors.is_empty());
        let has = c.warnings.iter().any(|w| w.message.contains("chmod 600"));
        assert_eq!(has, warned, "mode {mode:o}: {:?}", c.warnings);
        assert!(
            Config::load(&path).is_ok(),
            "a warning does not stop the daemon"
        );
    }
}

#[test]
fn the_example_config_in_deploy_is_valid() {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("deploy/smsctl.toml");
    let c = config::check_file(&path).unwrap();
    assert!(c.errors.is_empty(), "{:?}", c.errors);
    assert!(
        c.warnings.iter().all(|w| w.message.contains("chmod")),
        "only the file-mode warning may appear: {:?}",
        c.warnings
    );
    let cfg = c.config.unwrap();
    assert!(!cfg.commands.is_empty());
}

fn smsctl(args: &[&str]) -> std::process::Output {
    std::process::Command::new(env!("CARGO_BIN_EXE_smsctl"))
        .args(args)
        .output()
        .expect("the smsctl binary runs")
}

#[test]
fn check_config_command_reports_every_problem_and_fails() {
    let path = temp_file(
        "cli-bad",
        "[modem]\nbaud = 1\n[auth]\nallow = [\"BANK\"]\n[limits]\nreply_parts = 0\n",
        0o600,
    );
    let out = smsctl(&["check-config", path.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    let stdout = String::from_utf8_lossy(&out.stdout);
    for needle in [
        ":1: error: modem.port",
        ":2: error: modem.baud",
        ":4: error: auth.allow",
        ":6: error: limits.reply_parts",
    ] {
        assert!(stdout.contains(needle), "{needle} missing in:\n{stdout}");
    }
    assert!(String::from_utf8_lossy(&out.stderr).contains("4 error(s)"));
}

#[test]
fn check_config_command_accepts_a_good_file_and_warns_on_mode() {
    let text = "[modem]\nport = \"/dev/x\"\n[auth]\nallow = [\"+4915112345678\"]\n";
    let path = temp_file("cli-good", text, 0o644);
    let out = smsctl(&["check-config", path.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(0));
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(stdout.contains("warning: file mode is 0644"), "{stdout}");
    assert!(stdout.contains(": ok:"), "{stdout}");
    let out = smsctl(&["check-config", "/nonexistent/smsctl.toml"]);
    assert_eq!(out.status.code(), Some(1));
    let out = smsctl(&["check-config", "a", "b"]);
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn the_config_gives_the_router_its_policy() {
    use smsctl::command::{decide, Action, Decision, Limiter};
    use smsctl::time::Instant;
    let c = ok(FULL);
    let entries = c.command_entries();
    let policy = c.policy(&entries);
    let mut limiter = Limiter::new();
    let now = Instant::from_secs(1);
    let d = decide(&policy, &mut limiter, "0882505000", "4711 CODE 1 2", now);
    let Decision::Run {
        action: Action::Configured { name, args },
        ..
    } = d
    else {
        panic!("{d:?}")
    };
    assert_eq!((name, args.len()), ("code", 2));
    let d = decide(&policy, &mut limiter, "0882505000", "4711 connect", now);
    assert!(
        matches!(
            d,
            Decision::Run {
                action: Action::Connect { minutes: 45 },
                ..
            }
        ),
        "{d:?}"
    );
    let d = decide(&policy, &mut limiter, "0882505000", "status", now);
    assert!(
        matches!(d, Decision::Reply(ref l) if l.as_str() == "not authorised"),
        "{d:?}"
    );
}

#[test]
fn each_bad_number_is_reported_on_its_own_line() {
    let text = "[modem]\nport = \"/dev/x\"\n[auth]\nallow = [\n  \"+359882505000\",\n  \"Vivacom\",\n  \"+359882505000\",\n  \"12345\",\n]\n";
    let c = check(text);
    let errors: Vec<(Option<usize>, &str)> = c
        .errors
        .iter()
        .map(|e| (e.line, e.message.as_str()))
        .collect();
    assert_eq!(errors.len(), 2, "{errors:?}");
    assert_eq!(errors[0].0, Some(6));
    assert!(errors[0].1.contains("Vivacom"));
    assert_eq!(errors[1].0, Some(8));
    assert!(errors[1].1.contains("short code"));
    assert_eq!(c.warnings.len(), 1);
    assert_eq!(c.warnings[0].line, Some(7), "the duplicate");
}
