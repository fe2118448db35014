#![no_main]
//! Every typed AT response parser, the hex decoder and the command formatter on one line.

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let _ = smsctl::at::parse::fuzz_all(data);
});
