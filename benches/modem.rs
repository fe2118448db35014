//! Cost of the modem procedures on the host's CPU (the modem's own latency is not in it):
//! one init sequence and one 30-message `+CMGL` against the in-memory simulated modem, in
//! simulated time. Run with `cargo bench --bench modem`; prints microseconds per run.

use smsctl::modem::facts::SmsMode;
use smsctl::modem::init::{Init, InitConfig, PinMemory};
use smsctl::modem::ops;
use smsctl::modem::procedure::{drive, Poll, Procedure};
use smsctl::modem::Session;
use smsctl::sim::{MemPort, Profile, Sim};
use smsctl::time::{Duration, Instant};
use std::time::Instant as Clock;

fn run<T: Procedure>(port: &mut MemPort, proc: &mut T, mut now: Instant) -> (Instant, usize) {
    let mut s = Session::new();
    let mut found = 0usize;
    loop {
        port.set_now(now);
        match drive(port, &mut s, proc, now, &mut |_| {}, &mut |_| found += 1) {
            Ok(Poll::Ready(r)) => {
                assert!(r.is_ok());
                return (now, found);
            }
            Ok(Poll::Pending(_)) => now = now + Duration::from_millis(1),
            Err(e) => panic!("{e:?}"),
        }
    }
}

fn main() {
    const N: u32 = 200;
    for profile in Profile::ALL {
        let start = Clock::now();
        for _ in 0..N {
            let mut port = MemPort::new(Sim::new(profile, Instant::ZERO), Instant::ZERO);
            let mut init = Init::new(InitConfig::default(), PinMemory::default());
            run(&mut port, &mut init, Instant::ZERO);
        }
        let us = start.elapsed().as_micros() / u128::from(N);
        println!(
            "init {:<12} {us:>6} µs per sequence (simulator included)",
            profile.name()
        );
    }
    let mut port = MemPort::new(Sim::new(Profile::Generic, Instant::ZERO), Instant::ZERO);
    let mut init = Init::new(InitConfig::default(), PinMemory::default());
    let (t, _) = run(&mut port, &mut init, Instant::ZERO);
    for i in 0..30 {
        port.control(&format!("deliver +359881234567 message number {i}"));
    }
    let start = Clock::now();
    for _ in 0..N {
        let mut list = ops::list(SmsMode::Pdu).unwrap();
        let (_, found) = run(&mut port, &mut list, t);
        assert_eq!(found, 30);
    }
    let us = start.elapsed().as_micros() / u128::from(N);
    println!("list 30 messages    {us:>6} µs per +CMGL (simulator included)");
}
