//! The simulated modem over arbitrary host bytes and control lines.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| smsctl::sim::fuzz_sim(data));
