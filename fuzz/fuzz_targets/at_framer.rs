//! The AT framer over arbitrary bytes (bytes 0xF0–0xF3 also arm/disarm prompt and echo).
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| smsctl::at::fuzz_framer(data));
