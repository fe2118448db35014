//! PDU codec cost: prints nanoseconds per decode and per encode. Run with `cargo bench --bench pdu`.

use smsctl::pdu::{self, Coding, SubmitParams};
use std::hint::black_box;
use std::time::Instant;

/// ModemManager src/tests/test-sms-part-3gpp.c (GPL-2.0+): a US multipart part, 160 septets.
const PART: &str = "07912160130320F5440B916171056429F5000021405291650569A00500034C0201A9E8F41C949E\
83C2207B599E07B1DFEE33885E9ED341E4F23C7D7697C920FA1B54C697E5E3F4BC0C6AD7D9F434\
081E96D341E3303C2C4EB3D3F4BC0B94A483E6E8779D4D06CDD1EF3BA80E0785E7A0B7BB0C6A97\
E7F3F0B9CC02B9DF7450780EA2DFDF2C50780EA2A3CBA0BA9B5C96B3F369F71954768FDFE4B4FB\
0C9297E1F2F2BCECA6CF41";
/// chan_dongle issue #8: an emoji PDU (UCS-2).
const EMOJI: &str = "07913306092041F0040B913306991364F60008619091516061800AD83DDE03D83DDE0E0020";

fn per_op(name: &str, n: u32, mut f: impl FnMut()) {
    for _ in 0..n / 10 {
        f();
    }
    let t = Instant::now();
    for _ in 0..n {
        f();
    }
    let ns = t.elapsed().as_nanos() / u128::from(n);
    println!("{name:<40} {ns:>8} ns/op");
}

fn main() {
    let n = 100_000;
    let mut bytes = [0u8; pdu::PDU_MAX_OCTETS];
    let len = pdu::from_hex(PART.as_bytes(), &mut bytes).unwrap();
    let raw = &bytes[..len];
    per_op("decode 7-bit 160-septet part (binary)", n, || {
        black_box(pdu::decode(black_box(raw), true).unwrap());
    });
    per_op("decode 7-bit 160-septet part (hex)", n, || {
        black_box(pdu::decode_hex(black_box(PART.as_bytes()), true).unwrap());
    });
    per_op("decode UCS-2 emoji PDU (hex)", n, || {
        black_box(pdu::decode_hex(black_box(EMOJI.as_bytes()), true).unwrap());
    });
    let text = "a".repeat(160);
    let mut out = [0u8; pdu::PDU_MAX_OCTETS];
    per_op("encode 160-septet SUBMIT", n, || {
        let p = SubmitParams::new("+359882505000", black_box(&text));
        black_box(pdu::encode_submit(&p, &mut out).unwrap());
    });
    let ucs = "тест 😃 ".repeat(8);
    per_op("encode 64-unit UCS-2 SUBMIT", n, || {
        let p = SubmitParams::new("+359882505000", black_box(&ucs));
        black_box(pdu::encode_submit(&p, &mut out).unwrap());
    });
    let long = "status: all good, disk 42%, load 0.10 ".repeat(12);
    per_op("split+encode 459-char text (4 parts)", n / 10, || {
        for part in pdu::split(black_box(&long), Coding::Gsm7).unwrap() {
            let p = SubmitParams {
                concat: part.concat(1),
                ..SubmitParams::new("+359882505000", part.text)
            };
            black_box(pdu::encode_submit(&p, &mut out).unwrap());
        }
    });
}
