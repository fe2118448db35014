//! The modem session over arbitrary bytes: the first byte chooses the clock step, bytes
//! 0xF8–0xFD send commands, tick the clock and drain the transmit queue.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| smsctl::modem::fuzz_session(data));
