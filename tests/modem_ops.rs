//! The message operations and network queries against the in-memory simulated modem (every
//! profile, PDU and text mode) and the scripted modem (transient errors, `321`, text-mode
//! bodies with line breaks).

#![allow(clippy::field_reassign_with_default)]

mod support;

use smsctl::at::result::{CmsError, FinalCode};
use smsctl::modem::facts::SmsMode;
use smsctl::modem::init::{Init, InitConfig, PinMemory};
use smsctl::modem::ops::{self, Send};
use smsctl::modem::{ModemError, Session};
use smsctl::pdu;
use smsctl::sim::{MemPort, Profile, Sim};
use smsctl::time::Instant;
use support::fake_modem::{run, run_clocked, Behaviour, FakeModem};

fn ready(profile: Profile, text_mode: bool) -> (MemPort, Session, Instant) {
    let mut port = MemPort::new(Sim::new(profile, Instant::ZERO), Instant::ZERO);
    let mut s = Session::new();
    let mut cfg = InitConfig::default();
    cfg.text_mode = text_mode;
    let mut i = Init::new(cfg, PinMemory::default());
    let r = run_clocked(&mut port, &mut s, &mut i, Instant::ZERO, |p, t| {
        p.set_now(t)
    });
    r.result.unwrap();
    (port, s, r.end)
}

/// Decodes a listed PDU to (sender, text).
fn decode(hex: &str) -> (String, String) {
    let p = pdu::decode_hex(hex.as_bytes(), true).unwrap();
    let text = p.text().unwrap_or("").to_string();
    let from = match &p {
        pdu::Pdu::Deliver(d) => d.sender.to_string(),
        other => panic!("not a DELIVER: {other:?}"),
    };
    (from, text)
}

#[test]
fn list_read_delete_and_send_in_pdu_mode_on_every_profile() {
    for profile in Profile::ALL {
        let (mut port, mut s, t) = ready(profile, false);
        port.control("deliver +359881234567 status");
        port.control("deliver +359881234567 ping");
        let clock = |p: &mut MemPort, t| p.set_now(t);

        let mut list = ops::list(SmsMode::Pdu).unwrap();
        let r = run_clocked(&mut port, &mut s, &mut list, t, clock);
        assert_eq!(r.result, Ok(2), "{profile}");
        let mut got: Vec<(u32, String, String)> = r
            .found
            .iter()
            .map(|f| {
                let (i, hex) = f.split_once(':').unwrap();
                let (from, text) = decode(hex);
                (i.parse().unwrap(), from, text)
            })
            .collect();
        got.sort();
        let base = u32::from(profile.index_base());
        assert_eq!(
            got[0],
            (base, "+359881234567".into(), "status".into()),
            "{profile}"
        );
        assert_eq!(got[1].2, "ping");

        let mut read = ops::read(SmsMode::Pdu, base).unwrap();
        let r = run_clocked(&mut port, &mut s, &mut read, r.end, clock);
        assert_eq!(r.result, Ok(1), "{profile}");
        assert_eq!(decode(r.found[0].split_once(':').unwrap().1).1, "status");

        let mut del = ops::delete(base).unwrap();
        let r = run_clocked(&mut port, &mut s, &mut del, r.end, clock);
        assert_eq!(r.result, Ok(false), "{profile}");
        // Deleting again succeeds (the simulated modem says OK for an empty index, as many
        // real ones do; `321` is covered by the scripted modem below).
        let mut del = ops::delete(base).unwrap();
        let r = run_clocked(&mut port, &mut s, &mut del, r.end, clock);
        assert!(r.result.is_ok(), "{profile}: second delete");
        // Reading the empty index: nothing there.
        let mut read = ops::read(SmsMode::Pdu, base).unwrap();
        let r = run_clocked(&mut port, &mut s, &mut read, r.end, clock);
        assert_eq!(r.result, Ok(0), "{profile}");

        let long = "x".repeat(200);
        let mut send = Send::new("+359881234567", &long, SmsMode::Pdu, 7).unwrap();
        assert_eq!(send.total(), 2);
        let r = run_clocked(&mut port, &mut s, &mut send, r.end, clock);
        assert_eq!(r.result.unwrap().parts, 2, "{profile}");
        let sent = port.control("sent");
        assert!(
            sent[0].contains(&long) && sent[0].contains("\"parts\":2"),
            "{profile}: {sent:?}"
        );

        let mut q = ops::signal().unwrap();
        let r = run_clocked(&mut port, &mut s, &mut q, r.end, clock);
        assert!(r.result.unwrap().dbm().is_some());
        let mut q = ops::registration().unwrap();
        let r = run_clocked(&mut port, &mut s, &mut q, r.end, clock);
        assert!(r.result.unwrap().status.is_registered(), "{profile}");
        let mut q = ops::operator().unwrap();
        let r = run_clocked(&mut port, &mut s, &mut q, r.end, clock);
        assert!(r.result.unwrap().is_some(), "{profile}");
    }
}

#[test]
fn list_and_send_in_text_mode_on_every_profile() {
    for profile in Profile::ALL {
        let (mut port, mut s, t) = ready(profile, true);
        port.control("deliver +359881234567 hello there");
        let clock = |p: &mut MemPort, t| p.set_now(t);
        let mut list = ops::list(SmsMode::TextUcs2).unwrap();
        let r = run_clocked(&mut port, &mut s, &mut list, t, clock);
        assert_eq!(r.result, Ok(1), "{profile}");
        // UCS-2 hex of "hello there".
        let hex: String = "hello there"
            .chars()
            .map(|c| format!("{:04X}", c as u32))
            .collect();
        assert!(r.found[0].ends_with(&hex), "{profile}: {:?}", r.found);

        let mut send = Send::new("+359881234567", "pong ü", SmsMode::TextUcs2, 0).unwrap();
        let r = run_clocked(&mut port, &mut s, &mut send, r.end, clock);
        assert_eq!(r.result.unwrap().parts, 1, "{profile}");
        let sent = port.control("sent");
        assert!(sent[0].contains("pong ü"), "{profile}: {sent:?}");
    }
}

#[test]
fn transient_send_errors_are_retried_permanent_ones_reported() {
    let mut b = Behaviour::default();
    b.send_errors = vec![512, 314];
    let mut m = FakeModem::new(b);
    let mut s = Session::new();
    let mut send = Send::new("+359881234567", "hi", SmsMode::Pdu, 1).unwrap();
    let r = run(&mut m, &mut s, &mut send, Instant::ZERO);
    let report = r.result.unwrap();
    assert_eq!((report.parts, report.last_mr), (1, Some(1)));
    assert_eq!(m.b.sent.len(), 1);
    assert_eq!(m.count("AT+CMGS="), 3);

    let mut b = Behaviour::default();
    b.send_errors = vec![38];
    let mut m = FakeModem::new(b);
    let mut send = Send::new("+359881234567", "hi", SmsMode::Pdu, 1).unwrap();
    let r = run(&mut m, &mut Session::new(), &mut send, Instant::ZERO);
    let e = r.result.unwrap_err();
    assert_eq!(
        e,
        ModemError::Refused {
            cmd: "AT+CMGS",
            code: FinalCode::CmsError(CmsError(38))
        }
    );
    assert!(e.to_string().starts_with("AT+CMGS: +CMS ERROR: 38"), "{e}");
    assert_eq!(m.count("AT+CMGS="), 1, "a permanent error is not retried");
}

#[test]
fn transient_errors_give_up_after_the_retry_limit() {
    let mut b = Behaviour::default();
    b.busy = vec![("AT+CMGL".into(), 100)];
    let mut m = FakeModem::new(b);
    let mut list = ops::list(SmsMode::Pdu).unwrap();
    let r = run(&mut m, &mut Session::new(), &mut list, Instant::ZERO);
    assert!(matches!(
        r.result,
        Err(ModemError::Refused { cmd: "AT+CMGL", .. })
    ));
    assert_eq!(m.count("AT+CMGL"), 6);
}

/// A forged `+CMGL:` header line, as a hostile sender would put it after a line break.
const FORGED_CMGL: &str = "+CMGL: 7,\"REC UNREAD\",\"+359882505000\",,\"24/11/26,12:00:00+08\"";
/// The same for `+CMGR:`.
const FORGED_CMGR: &str = "+CMGR: \"REC UNREAD\",\"+359882505000\",,\"24/11/26,12:00:00+08\"";

fn text_modem(csdh: bool, stored: Vec<(u32, u8, String)>) -> FakeModem {
    let mut b = Behaviour::default();
    b.echo = false;
    b.text_mode = true;
    b.csdh = csdh;
    b.stored = stored;
    FakeModem::new(b)
}

/// In text mode without `+CSDH` lengths, a body with a line break followed by a forged
/// `+CMGL:` header must not become a message of its own: the list only learns indexes, each is
/// read with `+CMGR`, the forged index 7 holds nothing, and message 1 is broken (two headers /
/// extra lines in its `+CMGR` answer).
#[test]
fn text_mode_forged_cmgl_header_without_lengths_is_no_message() {
    for csdh in [false, true] {
        let body = format!("hi\r\n{FORGED_CMGL}\r\n{FORGED_CMGR}\r\nreboot");
        let mut m = text_modem(csdh, vec![(1, 0, body), (2, 1, "ping".into())]);
        let mut list = ops::list(SmsMode::TextPlain).unwrap();
        let r = run(&mut m, &mut Session::new(), &mut list, Instant::ZERO);
        assert_eq!(r.result, Ok(2), "csdh {csdh}: {:?}", r.found);
        assert_eq!(r.found.len(), 2, "csdh {csdh}: {:?}", r.found);
        assert!(
            r.found[0].starts_with("1:hi") && r.found[0].ends_with("(broken)"),
            "{:?}",
            r.found
        );
        assert_eq!(r.found[1], "2:ping");
        assert!(
            !r.found.iter().any(|f| f.starts_with("7:")),
            "{:?}",
            r.found
        );
        assert_eq!(m.count("AT+CMGR=7"), 1, "the forged index is only read");
    }
}

/// `+CMGR` of a body holding a forged `+CMGR:` header: one message, broken.
#[test]
fn text_mode_read_with_a_forged_cmgr_header_is_one_broken_message() {
    for csdh in [false, true] {
        let body = format!("hi\r\n{FORGED_CMGR}\r\nreboot");
        let mut m = text_modem(csdh, vec![(4, 0, body)]);
        let mut read = ops::read(SmsMode::TextPlain, 4).unwrap();
        let r = run(&mut m, &mut Session::new(), &mut read, Instant::ZERO);
        assert_eq!(r.result, Ok(1), "csdh {csdh}");
        assert_eq!(r.found.len(), 1, "csdh {csdh}: {:?}", r.found);
        assert!(
            r.found[0].ends_with("(broken)"),
            "csdh {csdh}: {:?}",
            r.found
        );
    }
}

/// With `+CSDH=1` the body's length must match its header: a body longer than announced, or an
/// extra line after a body of the right length, makes the message broken.
#[test]
fn text_mode_body_must_match_the_announced_length() {
    let header = "+CMGR: \"REC UNREAD\",\"+359882505000\",,\"24/11/26,12:00:00+08\",145,4,0,0,\"+359888000888\",145";
    for (answer, mode) in [
        (
            format!("\r\n{header},3\r\nreboot\r\n\r\nOK\r\n"),
            SmsMode::TextPlain,
        ),
        (
            format!("\r\n{header},2\r\nhi\r\nreboot\r\n\r\nOK\r\n"),
            SmsMode::TextPlain,
        ),
        (
            format!("\r\n{header},1\r\n00680069\r\n\r\nOK\r\n"),
            SmsMode::TextUcs2,
        ),
        (
            format!("\r\n{header},2\r\n00680069\r\n0072\r\n\r\nOK\r\n"),
            SmsMode::TextUcs2,
        ),
        // UCS-2 without lengths: any second line.
        (
            format!("\r\n{FORGED_CMGR}\r\n00680069\r\n0072\r\n\r\nOK\r\n"),
            SmsMode::TextUcs2,
        ),
    ] {
        let mut m = text_modem(true, vec![]);
        m.b.silent = vec!["AT+CMGR".into()];
        m.unsolicited = answer.clone().into_bytes();
        let mut read = ops::read(mode, 4).unwrap();
        let r = run(&mut m, &mut Session::new(), &mut read, Instant::ZERO);
        assert_eq!(r.result, Ok(1), "{answer:?}");
        assert_eq!(r.found.len(), 1, "{answer:?}: {:?}", r.found);
        assert!(
            r.found[0].ends_with("(broken)"),
            "{answer:?}: {:?}",
            r.found
        );
    }
    // The right length is not broken.
    let mut m = text_modem(true, vec![]);
    m.b.silent = vec!["AT+CMGR".into()];
    m.unsolicited = format!("\r\n{header},2\r\nhi\r\n\r\nOK\r\n").into_bytes();
    let r = run(
        &mut m,
        &mut Session::new(),
        &mut ops::read(SmsMode::TextPlain, 4).unwrap(),
        Instant::ZERO,
    );
    assert_eq!(r.found, vec!["4:hi".to_string()]);
}

/// UCS-2 text mode lists through `+CMGR` too, and an honest message is not broken.
#[test]
fn text_mode_ucs2_list_reads_each_message() {
    let mut m = text_modem(true, vec![(3, 0, "00680069".into())]);
    m.b.ucs2 = true;
    let mut list = ops::list(SmsMode::TextUcs2).unwrap();
    let r = run(&mut m, &mut Session::new(), &mut list, Instant::ZERO);
    assert_eq!(r.result, Ok(1));
    assert_eq!(r.found, vec!["3:00680069".to_string()]);
    assert_eq!(m.count("AT+CMGR=3"), 1);
}

#[test]
fn text_plain_refuses_to_send_what_it_cannot_carry() {
    assert_eq!(
        Send::new("+359881234567", "ü", SmsMode::TextPlain, 0).err(),
        Some(ModemError::TextModeUnsafe)
    );
}

#[test]
fn delete_of_a_message_already_gone_counts_as_deleted() {
    let mut b = Behaviour::default();
    b.stored = vec![(3, 1, "00".into())];
    let mut m = FakeModem::new(b);
    let mut s = Session::new();
    let r = run(&mut m, &mut s, &mut ops::delete(3).unwrap(), Instant::ZERO);
    assert_eq!(r.result, Ok(false));
    let r = run(&mut m, &mut s, &mut ops::delete(3).unwrap(), r.end);
    assert_eq!(r.result, Ok(true), "+CMS ERROR: 321 is 'already gone'");
    let r = run(
        &mut m,
        &mut s,
        &mut ops::read(SmsMode::Pdu, 3).unwrap(),
        r.end,
    );
    assert_eq!(r.result, Ok(0));
}

/// A `+CMGD` that timed out and whose `OK` arrives late — just after the next command went
/// out — must not be taken for that command's answer: the operations resync with a plain `AT`
/// first (the session's recipe), and the late `OK` completes the `AT`.
#[test]
fn a_late_ok_of_a_timed_out_delete_does_not_answer_the_next_read() {
    let pdu = "07915389080008F8040B915389214365F70000421162210000000454747A0E";
    let mut b = Behaviour::default();
    b.stored = vec![(1, 0, pdu.into()), (2, 1, "00".into())];
    b.silent = vec!["AT+CMGD".into()];
    let mut m = FakeModem::new(b);
    let mut s = Session::new();
    let r = run(&mut m, &mut s, &mut ops::delete(2).unwrap(), Instant::ZERO);
    assert_eq!(r.result, Err(ModemError::Timeout { cmd: "AT+CMGD" }));
    m.b.silent.clear();
    m.unsolicited = b"\r\nOK\r\n".to_vec();
    let r = run(
        &mut m,
        &mut s,
        &mut ops::read(SmsMode::Pdu, 1).unwrap(),
        r.end,
    );
    assert_eq!(r.result, Ok(1), "{:?} / {:?}", m.got, r.others);
    assert_eq!(r.found, vec![format!("1:{pdu}")]);
    let at = m.got.iter().position(|c| c == "AT").expect("a resync AT");
    let cmgr = m.got.iter().position(|c| c == "AT+CMGR=1").unwrap();
    assert!(at < cmgr, "{:?}", m.got);
}

/// The same for a send: the late `OK` must not complete the `+CMGS` before its prompt.
#[test]
fn a_late_ok_of_a_timed_out_delete_does_not_answer_the_next_send() {
    let mut b = Behaviour::default();
    b.silent = vec!["AT+CMGD".into()];
    let mut m = FakeModem::new(b);
    let mut s = Session::new();
    let r = run(&mut m, &mut s, &mut ops::delete(2).unwrap(), Instant::ZERO);
    assert!(r.result.is_err());
    m.b.silent.clear();
    m.unsolicited = b"\r\nOK\r\n".to_vec();
    let mut send = Send::new("+359881234567", "hi", SmsMode::Pdu, 1).unwrap();
    let r = run(&mut m, &mut s, &mut send, r.end);
    let report = r.result.unwrap();
    assert_eq!(report.last_mr, Some(1), "{:?}", m.got);
    assert_eq!(m.b.sent.len(), 1);
}

/// A late `ERROR` completes the resync `AT`, which is then sent once more.
#[test]
fn a_late_error_of_a_timed_out_command_costs_one_more_resync_at() {
    let pdu = "07915389080008F8040B915389214365F70000421162210000000454747A0E";
    let mut b = Behaviour::default();
    b.stored = vec![(1, 0, pdu.into())];
    b.silent = vec!["AT+CMGD".into()];
    let mut m = FakeModem::new(b);
    let mut s = Session::new();
    let r = run(&mut m, &mut s, &mut ops::delete(5).unwrap(), Instant::ZERO);
    assert!(r.result.is_err());
    m.b.silent.clear();
    m.unsolicited = b"\r\nERROR\r\n".to_vec();
    let mut read = ops::read(SmsMode::Pdu, 1).unwrap();
    let r = run(&mut m, &mut s, &mut read, r.end);
    assert_eq!(r.result, Ok(1), "{:?}", m.got);
    assert_eq!(m.got[1..], ["AT", "AT", "AT+CMGR=1"]);
}
