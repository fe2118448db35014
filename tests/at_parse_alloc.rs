//! Parsing and formatting allocate nothing: every parser, the hex codec and every command
//! helper run under a per-thread counting allocator.

mod support;

use smsctl::at::cmd::{self, MsgFormat};
use smsctl::at::hex;
use smsctl::at::parse::{self, Mem, MsgStatus};
use support::counting_alloc::{count, Counting};

#[global_allocator]
static ALLOC: Counting = Counting;

const LINES: &[&[u8]] = &[
    b"+CMTI: \"SM\",3",
    b"+CDSI: \"SR\",5",
    b"+CMGR: 4,1,,151",
    b"+CMGR: \"REC READ\",\"3473065111\",,\"06/05/28,18:15:41+80\",129,17,0,18,\"+393492001157\",145,6",
    b"+CMGL: 0,1,,147",
    b"+CMGL: 1,\"REC READ\",\"+31625044454\",,\"07/07/05,09:56:03+08\",145,14",
    b"+CMGS: 5",
    b"+CSQ: 17,99",
    b"+CREG: 2,1,4CA,81DE445",
    b"+CEREG: 1, 1F00, 79D903 ,7",
    b"+COPS: 0,0,\"A1 BG\",2",
    b"+CPMS: \"SM\",3,30,\"SM\",3,30,\"SM\",3,30",
    b"+CPMS: (\"SM\",\"ME\"),(\"SM\",\"ME\"),(\"SM\",\"ME\")",
    b"+CPIN: SIM PIN",
    b"+CSCA: \"+79168999100\",145",
    b"+CMT: \"+359888123456\",,\"24/11/26,12:00:00+08\"",
    b"+CLIP: \"+359888123456\",145,,,,0",
    b"0791246030500200110481643000007030427132500047D6B0",
    b"+CREG: 2,1,\"0B,\"0100701\",7",
];

#[test]
fn parsers_allocate_nothing() {
    let (n, accepted) = count(|| {
        let mut accepted = 0;
        for _ in 0..100 {
            for line in LINES {
                accepted += parse::fuzz_all(line);
            }
        }
        let t = parse::CpmsTest::parse(b"+CPMS: (\"SM\",\"ME\"),(\"SM\",\"ME\"),(\"SM\",\"ME\")");
        accepted += t.map_or(0, |t| t.list(0).count());
        accepted
    });
    assert_eq!(n, 0, "parsing allocated");
    // The lines really were parsed: most of them by one parser or more.
    assert!(accepted >= 100 * 15, "only {accepted} parses succeeded");
}

#[test]
fn formatting_allocates_nothing() {
    let (n, total) = count(|| {
        let cmds = [
            cmd::at(),
            cmd::ate0(),
            cmd::cmee(1),
            cmd::cpin_enter(b"1234"),
            cmd::cmgf(MsgFormat::Pdu),
            cmd::cscs(b"UCS2"),
            cmd::cpms(Mem::Sm, Mem::Sm, Mem::Sm),
            cmd::cnmi(2, 1, 0, 2, 0),
            cmd::cmgl_pdu(MsgStatus::All),
            cmd::cmgl_text(MsgStatus::All),
            cmd::cmgr(12),
            cmd::cmgd(12, Some(0)),
            cmd::cmgs_pdu(23),
            cmd::cmgs_text(b"+359888123456"),
            cmd::cfun(1, Some(1)),
        ];
        let mut total = cmds
            .iter()
            .map(|c| c.as_ref().map_or(0, |c| c.as_bytes().len()))
            .sum::<usize>();
        let pdu = [0x11u8; 176];
        total += cmd::pdu_body(&pdu).map_or(0, |b| b.as_bytes().len());
        let mut out = [0u8; 64];
        total += hex::decode(b"0791AF00", &mut out).unwrap_or(0);
        total
    });
    assert_eq!(n, 0, "formatting allocated");
    assert!(total > 353, "commands were not formatted ({total} bytes)");
}
