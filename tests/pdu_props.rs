//! Property tests of the PDU codec: round trips, split limits, and no panic on any bytes.

use proptest::prelude::*;
use smsctl::pdu::{self, Coding, DeliverParams, Pdu, SubmitParams, Timestamp};

/// Characters that stress the codec: ASCII, the GSM extension table, GSM non-ASCII letters,
/// BMP text outside GSM, and emoji (surrogate pairs).
fn sms_char() -> impl Strategy<Value = char> {
    prop_oneof![
        4 => proptest::char::range(' ', '~'),
        2 => proptest::sample::select(vec!['€', '^', '{', '}', '\\', '[', ']', '~', '|', '\u{0C}']),
        2 => proptest::sample::select(vec!['£', 'Δ', 'é', 'Ñ', 'ß', '¿', '\n', '\r', '@']),
        1 => proptest::sample::select(vec!['т', 'あ', '葉', '…', '€']),
        1 => proptest::sample::select(vec!['😃', '😎', '🚀', '𝄞']),
        1 => any::<char>(),
    ]
}

fn sms_text(max: usize) -> impl Strategy<Value = String> {
    proptest::collection::vec(sms_char(), 0..max).prop_map(|v| v.into_iter().collect())
}

fn number() -> impl Strategy<Value = String> {
    (any::<bool>(), "[0-9*#]{1,20}").prop_map(|(intl, d)| if intl { format!("+{d}") } else { d })
}

fn units(text: &str, coding: Coding) -> usize {
    match coding {
        Coding::Gsm7 => text
            .chars()
            .map(|c| {
                if "€^{}\\[]~|\u{0C}".contains(c) {
                    2
                } else {
                    1
                }
            })
            .sum(),
        Coding::Ucs2 => text.encode_utf16().count(),
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(128))]

    #[test]
    fn submit_round_trips_text_and_number(text in sms_text(600), to in number(), srr: bool, reference: u16) {
        let coding = Coding::for_text(&text);
        let parts = pdu::split(&text, coding).unwrap();
        let total = parts.total();
        let mut whole = String::new();
        let mut buf = [0u8; pdu::PDU_MAX_OCTETS];
        for part in parts {
            let p = SubmitParams {
                coding,
                status_report_request: srr,
                concat: part.concat(reference),
                ..SubmitParams::new(&to, part.text)
            };
            let enc = pdu::encode_submit(&p, &mut buf).unwrap();
            prop_assert_eq!(enc.tpdu_len + 1, enc.len_total);
            let Pdu::Submit(s) = pdu::decode(&buf[..enc.len_total], true).unwrap() else {
                panic!("not a SUBMIT");
            };
            prop_assert_eq!(s.recipient.as_str(), to.as_str());
            prop_assert_eq!(s.status_report_request, srr);
            prop_assert_eq!(s.concat.map(|c| (c.seq, c.total)), part.concat(reference).map(|c| (c.seq, c.total)));
            whole.push_str(s.text().unwrap());
        }
        prop_assert!(total >= 1);
        prop_assert_eq!(whole, text);
    }

    #[test]
    fn deliver_round_trips(text in sms_text(60), from in number(), secs in 0u8..60, tz in -79i8..=79) {
        let coding = Coding::for_text(&text);
        let part = pdu::split(&text, coding).unwrap().next().unwrap();
        let scts = Timestamp { year: 2026, month: 11, day: 26, hour: 16, minute: 1, second: secs, tz_quarters: tz };
        let p = DeliverParams { smsc: Some("+359888000"), sender: &from, scts, text: part.text, coding, concat: part.concat(7) };
        let mut buf = [0u8; pdu::PDU_MAX_OCTETS];
        let enc = pdu::encode_deliver(&p, &mut buf).unwrap();
        let Pdu::Deliver(d) = pdu::decode(&buf[..enc.len_total], true).unwrap() else { panic!() };
        prop_assert_eq!(d.sender.as_str(), from.as_str());
        prop_assert_eq!(d.smsc.as_ref().unwrap().as_str(), "+359888000");
        prop_assert_eq!(d.scts, scts);
        prop_assert_eq!(d.text().unwrap(), part.text);
    }

    #[test]
    fn split_respects_limits_and_pairs(text in sms_text(800), force_ucs2: bool) {
        let coding = if force_ucs2 { Coding::Ucs2 } else { Coding::for_text(&text) };
        let parts: Vec<_> = pdu::split(&text, coding).unwrap().collect();
        let (single, each) = match coding {
            Coding::Gsm7 => (pdu::GSM7_SINGLE, pdu::GSM7_PART),
            Coding::Ucs2 => (pdu::UCS2_SINGLE, pdu::UCS2_PART),
        };
        let limit = if parts.len() == 1 { single } else { each };
        let mut joined = String::new();
        for (i, p) in parts.iter().enumerate() {
            // Parts are &str slices, so a cut inside a character (a surrogate pair is one char)
            // is impossible; the unit count includes both septets of an escape pair.
            prop_assert!(units(p.text, coding) <= limit, "part {} has {} units", i, units(p.text, coding));
            prop_assert_eq!(usize::from(p.seq), i + 1);
            prop_assert_eq!(usize::from(p.total), parts.len());
            // Not wasteful: a part is cut only when the next character would not fit.
            if i + 1 < parts.len() {
                let next = parts[i + 1].text.chars().next().unwrap();
                prop_assert!(units(p.text, coding) + units(&next.to_string(), coding) > limit);
            }
            joined.push_str(p.text);
        }
        prop_assert_eq!(joined, text);
    }

    #[test]
    fn decoder_never_panics(bytes in proptest::collection::vec(any::<u8>(), 0..200)) {
        pdu::fuzz_decode(&bytes);
    }

    #[test]
    fn decoder_never_panics_on_mutated_pdus(flip in 0usize..80, value: u8, cut in 0usize..80) {
        let base = hex("07912160130320F5440B916171056429F5000021405291650569A00500034C0201A9E8F41C949E83C2207B599E07B1DFEE33885E9ED341E4F23C7D7697C920FA1B54C697E5E3F4BC0C6AD7D9F434");
        let mut b = base.clone();
        if let Some(x) = b.get_mut(flip) { *x = value; }
        b.truncate(b.len().saturating_sub(cut));
        let _ = pdu::decode(&b, true);
    }
}

/// Hex → bytes for tests.
fn hex(s: &str) -> Vec<u8> {
    let mut out = vec![0u8; s.len() / 2];
    let n = pdu::from_hex(s.as_bytes(), &mut out).unwrap();
    out.truncate(n);
    out
}
