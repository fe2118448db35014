//! The PDU decoder over arbitrary bytes: as raw octets with and without an SMSC part, and as
//! hex text.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| smsctl::pdu::fuzz_decode(data));
