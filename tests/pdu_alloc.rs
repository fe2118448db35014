//! Decoding, encoding, splitting and reassembly allocate nothing.

mod support;

use smsctl::pdu::{self, Coding, DeliverParams, Reassembly, SubmitParams, Timestamp};
use smsctl::time::{Duration, Instant};
use support::counting_alloc::{count, Counting};

#[global_allocator]
static ALLOC: Counting = Counting;

/// ModemManager src/tests/test-sms-part-3gpp.c (GPL-2.0+): a US two-part message, part 1.
const PART1: &str =
    "07912160130320F5440B916171056429F5000021405291650569A00500034C0201A9E8F41C949E\
83C2207B599E07B1DFEE33885E9ED341E4F23C7D7697C920FA1B54C697E5E3F4BC0C6AD7D9F434\
081E96D341E3303C2C4EB3D3F4BC0B94A483E6E8779D4D06CDD1EF3BA80E0785E7A0B7BB0C6A97\
E7F3F0B9CC02B9DF7450780EA2DFDF2C50780EA2A3CBA0BA9B5C96B3F369F71954768FDFE4B4FB\
0C9297E1F2F2BCECA6CF41";
const PART2: &str =
    "07912160130320F6440B916171056429F5000021405291651569320500034C0202E9E8301D4447\
9741F0B09C3E0785E56590BCCC0ED3CB6410FD0D7ABBCBA0B0FB4D4797E52E10";

#[test]
fn the_codec_allocates_nothing() {
    let text = "Disk full on /var 😃 – replies in UCS-2 when needed, split into parts. ".repeat(3);
    let mut table = Reassembly::new(Duration::from_secs(600));
    let (n, ok) = count(|| {
        let a = pdu::decode_hex(PART1.as_bytes(), true).unwrap();
        let b = pdu::decode_hex(PART2.as_bytes(), true).unwrap();
        let mut parts_done = 0;
        for p in [&b, &a] {
            let pdu::Pdu::Deliver(d) = p else {
                return false;
            };
            if let pdu::Added::Complete(m) = table.add(
                &d.sender,
                d.concat.unwrap(),
                d.text().unwrap(),
                Instant::from_secs(1),
            ) {
                parts_done = m.text.len();
            }
        }
        let mut buf = [0u8; pdu::PDU_MAX_OCTETS];
        let mut hex = [0u8; pdu::PDU_MAX_HEX];
        let coding = Coding::for_text(&text);
        let mut total = 0;
        for part in pdu::split(&text, coding).unwrap() {
            let p = SubmitParams {
                coding,
                concat: part.concat(9),
                ..SubmitParams::new("+359882505000", part.text)
            };
            let enc = pdu::encode_submit(&p, &mut buf).unwrap();
            total += pdu::to_hex(&buf[..enc.len_total], &mut hex).unwrap().len();
        }
        let d = DeliverParams {
            smsc: None,
            sender: "Bank",
            scts: Timestamp::default(),
            text: "hi",
            coding: Coding::Gsm7,
            concat: None,
        };
        let enc = pdu::encode_deliver(&d, &mut buf).unwrap();
        let _ = table.expire(Instant::from_secs(10_000));
        parts_done > 0 && total > 0 && enc.len_total > 0
    });
    assert!(ok, "the work really happened");
    assert_eq!(n, 0, "allocations during decode/encode/reassembly");
}
