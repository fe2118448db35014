//! Every trace in `tests/traces/` through the session: fed whole, byte by byte and split at
//! every index (`assert_split_invariant`), and compared with the events its `=` lines expect.

use smsctl::testing::assert_split_invariant;
use smsctl::testing::trace::{parse, run_session, Trace};
use std::path::{Path, PathBuf};

fn traces() -> Vec<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/traces");
    let mut v: Vec<PathBuf> = std::fs::read_dir(&dir)
        .expect("tests/traces exists")
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "trace"))
        .collect();
    v.sort();
    v
}

fn load(name: &str) -> Trace {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/traces")
        .join(name);
    parse(&std::fs::read_to_string(&path).expect("trace reads"))
}

fn check(name: &str) {
    let trace = load(name);
    assert!(!trace.expected.is_empty(), "{name} expects nothing");
    let got = assert_split_invariant(&trace.modem, |chunks| run_session(&trace, chunks));
    assert_eq!(got, trace.expected, "{name}");
}

#[test]
fn every_trace_file_has_a_test_here() {
    let names: Vec<String> = traces()
        .iter()
        .map(|p| p.file_name().unwrap().to_string_lossy().into_owned())
        .collect();
    let tested = [
        "cmt_header_longer_than_pairing_buffer.trace",
        "gammu_cmgr_creg.trace",
        "generic_errors_and_prompt_timeout.trace",
        "huawei_e173.trace",
        "late_ok_after_cmgd_timeout.trace",
        "sim800_power_up_and_send.trace",
        "zte_mf190.trace",
    ];
    for n in &names {
        assert!(
            tested.contains(&n.as_str()),
            "{n} has no test in session_traces.rs"
        );
    }
    for t in tested {
        assert!(names.iter().any(|n| n == t), "{t} is missing");
    }
}

#[test]
fn sim800_power_up_and_send() {
    check("sim800_power_up_and_send.trace");
}

#[test]
fn huawei_e173() {
    check("huawei_e173.trace");
}

#[test]
fn zte_mf190() {
    check("zte_mf190.trace");
}

#[test]
fn generic_errors_and_prompt_timeout() {
    check("generic_errors_and_prompt_timeout.trace");
}

#[test]
fn gammu_cmgr_creg() {
    check("gammu_cmgr_creg.trace");
}

#[test]
fn late_ok_after_cmgd_timeout() {
    check("late_ok_after_cmgd_timeout.trace");
}

#[test]
fn cmt_header_longer_than_pairing_buffer() {
    check("cmt_header_longer_than_pairing_buffer.trace");
}
