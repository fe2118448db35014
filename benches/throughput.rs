//! Throughput of the AT layer on a realistic conversation; prints its figures.
//! Run with `cargo bench --bench throughput`.
//!
//! The input is every trace in `tests/traces/` followed by a Huawei-style 50-message `+CMGL`
//! answer (PDU lines, `^RSSI` reports and a `+CMTI` among them), repeated to about 4 MiB.

use std::hint::black_box;
use std::path::Path;
use std::time::Instant as Clock;

use smsctl::at::framer::{Event, Framer};
use smsctl::modem::session::{Session, DEFAULT_TIMEOUT};
use smsctl::testing::trace;
use smsctl::time::Instant;

const TARGET_BYTES: usize = 4 << 20;
const ROUNDS: usize = 5;

/// One round of the conversation: the modem bytes of every trace, then a long +CMGL answer.
fn conversation() -> Vec<u8> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/traces");
    let mut paths: Vec<_> = std::fs::read_dir(dir)
        .expect("tests/traces exists")
        .filter_map(Result::ok)
        .map(|e| e.path())
        .collect();
    paths.sort();
    let mut v = Vec::new();
    for p in paths {
        let text = std::fs::read_to_string(p).expect("trace reads");
        v.extend(trace::parse(&text).modem);
    }
    v.extend_from_slice(b"AT+CMGL=4\r\r\n");
    for i in 0..50 {
        v.extend_from_slice(format!("+CMGL: {i},1,,24\r\n").as_bytes());
        v.extend_from_slice(
            b"0791539878000000040C9153892805050000006211626100008005E8329BFD06\r\n",
        );
        v.extend_from_slice(b"\r\n^RSSI:17\r\n");
        if i == 25 {
            v.extend_from_slice(b"\r\n+CMTI: \"SM\",51\r\n");
        }
    }
    v.extend_from_slice(b"\r\nOK\r\n");
    v
}

fn main() {
    let round = conversation();
    let input = round.repeat(TARGET_BYTES / round.len() + 1);
    let mb = input.len() as f64 / 1e6;

    // Framer alone.
    let mut best = f64::MAX;
    let mut lines = 0u64;
    for _ in 0..ROUNDS {
        let mut f = Framer::new();
        lines = 0;
        let t = Clock::now();
        f.feed(black_box(&input), &mut |ev| {
            if !matches!(ev, Event::Prompt | Event::Echo) {
                lines += 1;
            }
            black_box(ev);
        });
        best = best.min(t.elapsed().as_secs_f64());
    }
    println!(
        "framer:  {:.1} MB/s, {:.2} M lines/s ({} lines in {:.2} MB, best of {ROUNDS})",
        mb / best,
        lines as f64 / best / 1e6,
        lines,
        mb
    );

    // Session: a command in flight while the whole input is classified; a new command each
    // time one completes.
    let mut best = f64::MAX;
    let mut events = 0u64;
    for _ in 0..ROUNDS {
        let mut s = Session::new();
        events = 0;
        let t = Clock::now();
        let mut rest: &[u8] = black_box(&input);
        while !rest.is_empty() {
            if s.is_idle() {
                let _ = s.send(Instant::ZERO, b"AT+CMGL=4", DEFAULT_TIMEOUT);
                if let Some(n) = s.poll_transmit().map(<[u8]>::len) {
                    s.transmitted(n);
                }
            }
            let n = s.handle_input_until_idle(rest, &mut |ev| {
                events += 1;
                black_box(ev);
            });
            rest = rest.get(n..).unwrap_or(&[]);
        }
        best = best.min(t.elapsed().as_secs_f64());
    }
    println!(
        "session: {:.1} MB/s, {:.2} M events/s ({} events, best of {ROUNDS})",
        mb / best,
        events as f64 / best / 1e6,
        events
    );
}
