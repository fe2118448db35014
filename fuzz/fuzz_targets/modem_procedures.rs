//! The modem procedures (init, list in PDU/text mode, multipart send) over arbitrary modem
//! output: the first byte picks the procedure, 0xFF separates answers.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| smsctl::modem::fuzz_procedures(data));
