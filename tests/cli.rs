//! The binary's command line: version, help and usage errors.

use std::process::Command;

fn smsctl(args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_smsctl"))
        .args(args)
        .output()
        .expect("the smsctl binary runs")
}

#[test]
fn version_prints_crate_version() {
    let out = smsctl(&["--version"]);
    assert!(out.status.success());
    let text = String::from_utf8_lossy(&out.stdout);
    assert_eq!(text.trim(), format!("smsctl {}", env!("CARGO_PKG_VERSION")));
}

#[test]
fn unknown_command_is_a_usage_error() {
    let out = smsctl(&["frobnicate"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("unknown command `frobnicate`"));
}

#[test]
fn no_arguments_prints_usage_and_fails() {
    let out = smsctl(&[]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("usage:"));
}

#[test]
fn daemon_commands_say_they_are_not_in_this_release() {
    for cmd in ["run", "simulate", "send", "list", "status"] {
        let out = smsctl(&[cmd]);
        assert_eq!(out.status.code(), Some(1), "{cmd}");
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(err.contains("comes with the daemon"), "{cmd}: {err}");
    }
}

#[test]
fn help_lists_every_available_command() {
    let out = smsctl(&["help"]);
    assert!(out.status.success());
    let text = String::from_utf8_lossy(&out.stdout);
    for cmd in ["probe", "check-config", "sim", "pdu decode", "pdu encode"] {
        assert!(
            text.contains(&format!("smsctl {cmd}")),
            "{cmd} missing from help"
        );
    }
}
