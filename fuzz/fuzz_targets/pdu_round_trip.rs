//! Split, encode as SMS-SUBMIT and decode any text: every part must come back unchanged.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| assert!(smsctl::pdu::fuzz_round_trip(data)));
