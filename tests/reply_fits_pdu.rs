//! Reply shaping (`command::reply`) and the PDU splitter and encoder (`pdu`) must agree: a reply
//! shaped for N parts is never more than N SMS when the daemon encodes it, in either coding.

use proptest::prelude::*;
use smsctl::command::reply::{shape, Reply};
use smsctl::pdu::{self, Coding, SubmitParams, PDU_MAX_OCTETS};

/// Encodes every part of `text` and returns how many there were.
fn encoded_parts(text: &str, ucs2: bool) -> usize {
    let coding = if ucs2 { Coding::Ucs2 } else { Coding::Gsm7 };
    assert_eq!(
        Coding::for_text(text) == Coding::Ucs2,
        ucs2,
        "shape and the encoder choose the same coding for {text:?}"
    );
    let parts = pdu::split(text, coding).expect("a shaped reply splits");
    let mut n = 0;
    for part in parts {
        let mut buf = [0u8; PDU_MAX_OCTETS];
        let mut params = SubmitParams::new("+359882505000", part.text);
        params.coding = coding;
        params.concat = part.concat(7);
        pdu::encode_submit(&params, &mut buf).expect("each part encodes");
        n += 1;
    }
    n
}

fn check(text: &str, parts: u8) {
    let mut out = Reply::new();
    let shaped = shape(text, parts, &mut out);
    let n = encoded_parts(&out, shaped.ucs2);
    assert!(
        n <= usize::from(parts.max(1)),
        "{text:?} shaped for {parts} parts encodes to {n}"
    );
    // Shape counts parts one unit short when a two-unit character is present (it cannot know
    // where the splitter will cut), so its count is an upper bound, never an underestimate.
    assert!(
        n <= shaped.parts,
        "shape counted {} parts, the encoder needs {n}",
        shaped.parts
    );
}

#[test]
fn boundary_cases_fit() {
    let cases = [
        "a".repeat(160),
        "a".repeat(161),
        "a".repeat(153 * 3),
        "€".repeat(200),
        format!("{}€", "a".repeat(152)),
        "😀".repeat(120),
        format!("{}😀", "ж".repeat(66)),
        "status: ok\nload 0.10 0.20 0.30\n".repeat(40),
    ];
    for text in &cases {
        for parts in 1..=4 {
            check(text, parts);
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn shaped_replies_never_need_more_parts(
        text in "[a-z €\\[\\]{}~^|\\\\\n😀жé…“”-]{0,700}",
        parts in 1u8..=4,
    ) {
        check(&text, parts);
    }
}
