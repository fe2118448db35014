//! Speed of the command language: decisions per second over a mix of messages (allowed and
//! unknown senders, secrets, arguments, hostile text), and reply shaping of long output.
//! Run with `cargo bench --bench command`; prints its figures.

use std::hint::black_box;
use std::time::Instant as Clock;

use smsctl::command::number::{normalise, CountryCode};
use smsctl::command::reply::{shape, Reply};
use smsctl::command::{decide, CommandEntry, Limiter, Limits, Policy, UnknownPolicy};
use smsctl::time::Instant;

const ROUNDS: u32 = 200_000;

fn main() {
    let allow = [
        normalise("+359882505000", None).unwrap(),
        normalise("+359888123456", None).unwrap(),
    ];
    let commands = [
        CommandEntry {
            name: "uptime",
            args: false,
        },
        CommandEntry {
            name: "ping-host",
            args: true,
        },
    ];
    let policy = Policy {
        allow: &allow,
        country_code: CountryCode::parse("359"),
        secret: Some("4711"),
        unknown: UnknownPolicy::Reply,
        commands: &commands,
        connect_minutes: 30,
        limits: Limits {
            commands_per_hour: u32::MAX,
            ..Limits::default()
        },
    };
    let messages: [(&str, &str); 8] = [
        ("+359882505000", "4711 status"),
        ("0882505000", "cmd: 4711 Status"),
        ("+359888123456", "4711 ping-host 8.8.8.8 example.org"),
        ("+359888123456", "4711 connect 30"),
        ("+359882505000", "4711 frobnicate now"),
        ("+359882505000", "0000 reboot"),
        ("+4915112345678", "status"),
        ("Vivacom", "Your balance is 5.00 BGN"),
    ];
    let mut limiter = Limiter::new();
    let start = Clock::now();
    for i in 0..ROUNDS {
        for (sender, text) in &messages {
            let d = decide(
                &policy,
                &mut limiter,
                sender,
                text,
                Instant::from_millis(u64::from(i)),
            );
            black_box(d);
        }
    }
    let secs = start.elapsed().as_secs_f64();
    let n = f64::from(ROUNDS) * messages.len() as f64;
    println!(
        "decide: {:.0} decisions/s ({:.2} us each, {} messages)",
        n / secs,
        secs / n * 1e6,
        n
    );

    let output: String = (0..200)
        .map(|i| format!("line {i}: \u{201c}value\u{201d} \u{2013} ok\n"))
        .collect();
    let mut out = Reply::new();
    let rounds = 20_000u32;
    let start = Clock::now();
    for _ in 0..rounds {
        black_box(shape(black_box(&output), 3, &mut out));
    }
    let secs = start.elapsed().as_secs_f64();
    println!(
        "shape: {:.0} replies/s of {} bytes to 3 parts ({:.1} MB/s)",
        f64::from(rounds) / secs,
        output.len(),
        f64::from(rounds) * output.len() as f64 / secs / 1e6
    );
}
