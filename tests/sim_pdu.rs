//! The simulated modem in PDU mode: stored and routed SMS-DELIVER PDUs decode to what was
//! delivered, `+CMGS=<len>` takes SMS-SUBMIT PDUs, and `deliver-pdu` stores a PDU verbatim.

use smsctl::pdu::{self, Coding, Pdu, SubmitParams};
use smsctl::sim::{Profile, Sim};
use smsctl::time::Instant;

fn at(sim: &mut Sim, t: Instant, line: &str) -> String {
    sim.input(t, format!("{line}\r").as_bytes());
    String::from_utf8_lossy(&sim.take_output(t)).into_owned()
}

fn modem(profile: Profile) -> (Sim, Instant) {
    let t = Instant::from_secs(1);
    let mut sim = Sim::new(profile, t);
    sim.take_output(t);
    at(&mut sim, t, "ATE0;+CMGF=0");
    (sim, t)
}

/// The PDU lines (those after a `+CMGL`/`+CMGR`/`+CMT` header) of a response.
fn pdus(resp: &str, prefix: &str) -> Vec<(String, Pdu)> {
    let lines: Vec<&str> = resp.split("\r\n").collect();
    lines
        .windows(2)
        .filter(|w| w[0].starts_with(prefix))
        .map(|w| {
            let pdu = pdu::decode_hex(w[1].as_bytes(), true).expect("a valid PDU");
            (w[0].to_string(), pdu)
        })
        .collect()
}

#[test]
fn cmgr_and_cmgl_give_deliver_pdus_with_fresh_timestamps() {
    let (mut sim, t) = modem(Profile::Generic);
    sim.deliver(t, "+359888111222", "status").unwrap();
    sim.deliver(t, "+359888111222", "status").unwrap();
    let resp = at(&mut sim, t, "AT+CMGL=4");
    let got = pdus(&resp, "+CMGL:");
    assert_eq!(got.len(), 2, "{resp}");
    let mut stamps = Vec::new();
    for (i, (header, pdu)) in got.iter().enumerate() {
        let Pdu::Deliver(d) = pdu else {
            panic!("not a DELIVER: {pdu:?}")
        };
        assert_eq!(d.sender.to_string(), "+359888111222");
        assert_eq!(d.text(), Some("status"));
        assert!(
            header.starts_with(&format!("+CMGL: {},0,,", i + 1)),
            "{header}"
        );
        stamps.push(d.scts);
    }
    assert_ne!(stamps[0], stamps[1]);
    // The <length> counts the TPDU without the SMSC part.
    let resp = at(&mut sim, t, "AT+CMGR=1");
    let (header, _) = &pdus(&resp, "+CMGR:")[0];
    let hex = resp.split("\r\n").nth(2).unwrap();
    let smsc_octets = usize::from_str_radix(&hex[..2], 16).unwrap() + 1;
    assert_eq!(
        header,
        &format!("+CMGR: 1,,{}", hex.len() / 2 - smsc_octets)
    );
}

#[test]
fn multipart_and_ucs2_deliveries_carry_concatenation() {
    let (mut sim, t) = modem(Profile::HuaweiE173);
    let text = "Привет ".repeat(20);
    let d = sim.deliver(t, "+4915112345678", &text).unwrap();
    assert_eq!(d.stored.len(), 3, "140 UCS-2 units make 3 parts of 67");
    let resp = at(&mut sim, t, "AT+CMGL=4");
    let got = pdus(&resp, "+CMGL:");
    assert!(got[0].0.starts_with("+CMGL: 0,"), "Huawei counts from 0");
    let mut joined = String::new();
    for (i, (_, pdu)) in got.iter().enumerate() {
        let c = pdu.concat().expect("concatenated");
        assert_eq!((c.seq, c.total), (i as u8 + 1, 3));
        joined.push_str(pdu.text().unwrap());
    }
    assert_eq!(joined, text);
}

#[test]
fn routed_cmt_in_pdu_mode() {
    let (mut sim, t) = modem(Profile::Generic);
    at(&mut sim, t, "AT+CNMI=2,2,0,0,0");
    sim.deliver(t, "+1555", "hi").unwrap();
    let out = String::from_utf8_lossy(&sim.take_output(t)).into_owned();
    let got = pdus(&out, "+CMT:");
    assert_eq!(got.len(), 1, "{out}");
    assert!(got[0].0.starts_with("+CMT: ,"), "{out}");
    assert_eq!(got[0].1.text(), Some("hi"));
}

fn submit(to: &str, text: &str, concat: Option<pdu::Concat>) -> (usize, String) {
    let mut buf = [0u8; pdu::PDU_MAX_OCTETS];
    let mut hex = [0u8; pdu::PDU_MAX_HEX];
    let params = SubmitParams {
        concat,
        ..SubmitParams::new(to, text)
    };
    let enc = pdu::encode_submit(&params, &mut buf).unwrap();
    let h = pdu::to_hex(&buf[..enc.len_total], &mut hex).unwrap();
    (enc.tpdu_len, h.to_string())
}

#[test]
fn cmgs_in_pdu_mode_records_what_was_sent_and_checks_the_length() {
    let (mut sim, t) = modem(Profile::Generic);
    let (len, hex) = submit("+359888111222", "pong", None);
    assert_eq!(at(&mut sim, t, &format!("AT+CMGS={len}")), "\r\n> ");
    sim.input(t, format!("{hex}\x1a").as_bytes());
    assert_eq!(sim.take_output(t), b"\r\n+CMGS: 1\r\n\r\nOK\r\n");
    // A wrong length is +CMS ERROR: 304.
    at(&mut sim, t, &format!("AT+CMGS={}", len + 1));
    sim.input(t, format!("{hex}\x1a").as_bytes());
    assert_eq!(sim.take_output(t), b"\r\n+CMS ERROR: 304\r\n");
    // Two parts of one message become one `sent` entry.
    let text = "z".repeat(200);
    for part in pdu::split(&text, Coding::Gsm7).unwrap() {
        let (len, hex) = submit("+359888111222", part.text, part.concat(7));
        at(&mut sim, t, &format!("AT+CMGS={len}"));
        sim.input(t, format!("{hex}\x1a").as_bytes());
        assert!(String::from_utf8_lossy(&sim.take_output(t)).contains("+CMGS:"));
    }
    let sent = sim.sent();
    assert_eq!(sent.len(), 2);
    assert_eq!((sent[0].text.as_str(), sent[0].parts), ("pong", 1));
    assert_eq!((sent[1].text.as_str(), sent[1].parts), (text.as_str(), 2));
}

/// chan_dongle issue #8 (bg111/asterisk-chan-dongle, GitHub issue 8): a real emoji PDU.
const EMOJI_PDU: &str =
    "07913306092041F0040B913306991364F60008619091516061800AD83DDE03D83DDE0E0020";

#[test]
fn deliver_pdu_is_stored_verbatim_and_shown_in_text_mode() {
    let (mut sim, t) = modem(Profile::Generic);
    let answer = sim.control(t, &format!("deliver-pdu {EMOJI_PDU}"));
    assert_eq!(answer, vec!["ok stored SM 1"]);
    let resp = at(&mut sim, t, "AT+CMGR=1");
    assert!(resp.contains(EMOJI_PDU), "{resp}");
    at(&mut sim, t, "AT+CMGF=1;+CSCS=\"UCS2\"");
    let resp = at(&mut sim, t, "AT+CMGR=1");
    let ucs2: String = "😃😎 ".encode_utf16().map(|u| format!("{u:04X}")).collect();
    assert!(resp.contains(&ucs2), "{resp}");
    assert!(resp.contains("\"16/09/19,15:06:16+08\""), "{resp}");
    // A SUBMIT is not something the network delivers.
    let (_, hex) = submit("+1", "x", None);
    assert!(sim.control(t, &format!("deliver-pdu {hex}"))[0].starts_with("error"));
}
