//! Replays the committed fuzz corpus (`fuzz/corpus/<target>/`) through the same public functions
//! the cargo-fuzz targets call, on stable Rust. Every target gets one `#[test]` here.

use std::path::Path;

/// Feeds every file of `fuzz/corpus/<target>/` to `f`; fails if the directory holds no input.
#[allow(dead_code)]
fn replay(target: &str, f: impl Fn(&[u8])) {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("fuzz/corpus")
        .join(target);
    let mut n = 0;
    let mut entries: Vec<_> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("corpus {}: {e}", dir.display()))
        .filter_map(Result::ok)
        .collect();
    entries.sort_by_key(|e| e.path());
    for entry in entries {
        let data = std::fs::read(entry.path()).expect("corpus file reads");
        f(&data);
        n += 1;
    }
    assert!(n > 0, "corpus {} is empty", dir.display());
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
