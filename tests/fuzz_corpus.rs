//! Replays the committed fuzz corpus (`fuzz/corpus/<target>/`) through the same public functions
//! the cargo-fuzz targets call, on stable Rust. Every target gets one `#[test]` here.

use std::path::Path;

/// Feeds every file of `fuzz/corpus/<target>/` to `f`; fails if the directory holds no committed
/// seed. A file that vanishes while we read (a fuzzer running in the same tree rewrites its
/// corpus) is passed over; the committed `seed-*` files never vanish.
#[allow(dead_code)]
fn replay(target: &str, f: impl Fn(&[u8])) {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("fuzz/corpus")
        .join(target);
    let mut seeds = 0;
    let mut entries: Vec<_> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("corpus {}: {e}", dir.display()))
        .filter_map(Result::ok)
        .collect();
    entries.sort_by_key(|e| e.path());
    for entry in entries {
        let data = match std::fs::read(entry.path()) {
            Ok(data) => data,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => continue,
            Err(e) => panic!("corpus file {}: {e}", entry.path().display()),
        };
        f(&data);
        if entry.file_name().to_string_lossy().starts_with("seed-") {
            seeds += 1;
        }
    }
    assert!(seeds > 0, "corpus {} has no seed-* file", dir.display());
}

#[test]
fn at_framer_corpus() {
    replay("at_framer", smsctl::at::fuzz_framer);
}

#[test]
fn at_parse_corpus() {
    replay("at_parse", |data| {
        let _ = smsctl::at::parse::fuzz_all(data);
    });
}

#[test]
fn session_corpus() {
    replay("session", smsctl::modem::fuzz_session);
}

#[test]
fn command_parse_corpus() {
    replay("command_parse", smsctl::command::fuzz_parse);
}

#[test]
fn sim_input_corpus() {
    replay("sim_input", smsctl::sim::fuzz_sim);
}

#[test]
fn pdu_decode_corpus() {
    replay("pdu_decode", smsctl::pdu::fuzz_decode);
}

#[test]
fn pdu_round_trip_corpus() {
    replay("pdu_round_trip", |data| {
        assert!(smsctl::pdu::fuzz_round_trip(data), "{data:?}")
    });
}

#[test]
fn modem_procedures_corpus() {
    replay("modem_procedures", smsctl::modem::fuzz_procedures);
}
