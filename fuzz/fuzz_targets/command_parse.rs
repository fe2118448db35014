//! The SMS command language on arbitrary senders and texts (see `smsctl::command::fuzz_parse`).
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| smsctl::command::fuzz_parse(data));
