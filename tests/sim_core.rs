//! The simulated modem in memory, driven with simulated time: V.250 behaviour, SIM, network,
//! text-mode SMS, storage, indications, profiles and faults.

use smsctl::modem::Port;
use smsctl::sim::{Fault, MemPort, Profile, Sim, Unplugged};
use smsctl::time::{Duration, Instant};

mod support;

use support::sim_mem::{at, quiet};

#[test]
fn echo_is_on_at_power_up_until_ate0_and_back_with_ate1() {
    let t = Instant::ZERO;
    let mut sim = Sim::new(Profile::Generic, t);
    assert_eq!(at(&mut sim, t, "AT"), "AT\r\r\nOK\r\n");
    assert_eq!(at(&mut sim, t, "ATE0"), "ATE0\r\r\nOK\r\n");
    assert_eq!(at(&mut sim, t, "AT"), "\r\nOK\r\n");
    assert_eq!(at(&mut sim, t, "ATE1"), "\r\nOK\r\n");
    assert_eq!(at(&mut sim, t, "AT"), "AT\r\r\nOK\r\n");
    // ATZ restores power-up settings: echo stays on, CMEE goes back to 0.
    at(&mut sim, t, "AT+CMEE=1");
    assert_eq!(at(&mut sim, t, "ATZ"), "ATZ\r\r\nOK\r\n");
    assert_eq!(
        at(&mut sim, t, "AT+CMEE?"),
        "AT+CMEE?\r\r\n+CMEE: 0\r\n\r\nOK\r\n"
    );
    at(&mut sim, t, "AT+CMEE=2");
    assert!(at(&mut sim, t, "AT&F").ends_with("\r\nOK\r\n"));
    assert!(at(&mut sim, t, "AT+CMEE?").contains("+CMEE: 0"));
}

#[test]
fn chained_commands_unknown_commands_and_a_slash() {
    let (mut sim, t) = quiet(Profile::Generic);
    assert_eq!(at(&mut sim, t, "AT+CMEE=1;+CREG=2"), "\r\nOK\r\n");
    assert_eq!(
        at(&mut sim, t, "AT+CREG?;+CSQ"),
        "\r\n+CREG: 2,1,\"1A2B\",\"00C3D4E5\"\r\n\r\n+CSQ: 18,99\r\n\r\nOK\r\n"
    );
    assert_eq!(at(&mut sim, t, "AT+NOPE"), "\r\n+CME ERROR: 4\r\n");
    at(&mut sim, t, "AT+CMEE=2");
    assert_eq!(
        at(&mut sim, t, "AT+NOPE"),
        "\r\n+CME ERROR: operation not supported\r\n"
    );
    at(&mut sim, t, "AT+CMEE=0");
    assert_eq!(at(&mut sim, t, "AT+NOPE"), "\r\nERROR\r\n");
    // A failing command stops the line: what ran before it still answered.
    assert_eq!(
        at(&mut sim, t, "AT+CSQ;+NOPE;+CSQ"),
        "\r\n+CSQ: 18,99\r\n\r\nERROR\r\n"
    );
    sim.input(t, b"A/");
    assert_eq!(sim.take_output(t), b"");
    // Not an AT line: silently ignored, as a modem does.
    assert_eq!(at(&mut sim, t, "hello"), "");
    // Noise before AT is skipped.
    assert_eq!(at(&mut sim, t, "\x1bxxAT"), "\r\nOK\r\n");
}

#[test]
fn identification_network_and_smsc() {
    let (mut sim, t) = quiet(Profile::Generic);
    assert_eq!(at(&mut sim, t, "AT+CGMI"), "\r\nsmsctl\r\n\r\nOK\r\n");
    assert!(at(&mut sim, t, "AT+CGMM").contains("SIMULATED-3GPP"));
    assert!(at(&mut sim, t, "AT+CGMR").contains("1.0"));
    assert!(at(&mut sim, t, "AT+CGSN").contains("490154203237518"));
    assert!(at(&mut sim, t, "AT+CIMI").contains("284011234567890"));
    assert!(at(&mut sim, t, "ATI").contains("Model: SIMULATED-3GPP"));
    assert!(at(&mut sim, t, "AT+CGREG?").contains("+CGREG: 0,1"));
    assert!(at(&mut sim, t, "AT+COPS?").contains("+COPS: 0,0,\"SIMNET\",2"));
    at(&mut sim, t, "AT+COPS=3,2");
    assert!(at(&mut sim, t, "AT+COPS?").contains("+COPS: 0,2,\"28401\",2"));
    assert!(at(&mut sim, t, "AT+CSCA?").contains("+CSCA: \"+359888000888\",145"));
    at(&mut sim, t, "AT+CSCA=\"+15551234\"");
    assert!(at(&mut sim, t, "AT+CSCA?").contains("\"+15551234\""));
    at(&mut sim, t, "AT+CSCS=\"UCS2\"");
    assert!(at(&mut sim, t, "AT+CSCA?").contains("\"002B00310035003500350031003200330034\""));
}

#[test]
fn pin_entry_counts_tries_and_puk_unblocks() {
    let t = Instant::ZERO;
    let mut sim = Sim::with_pin(Profile::Generic, Some("1234"), t);
    at(&mut sim, t, "ATE0;+CMEE=1");
    assert!(at(&mut sim, t, "AT+CPIN?").contains("+CPIN: SIM PIN"));
    assert!(at(&mut sim, t, "AT+CREG?").contains("+CREG: 0,0"));
    assert!(at(&mut sim, t, "AT+CMGL=4").contains("+CMS ERROR: 311"));
    assert!(at(&mut sim, t, "AT+CIMI").contains("+CME ERROR: 11"));
    for left in [2, 1] {
        assert!(at(&mut sim, t, "AT+CPIN=\"0000\"").contains("+CME ERROR: 16"));
        assert!(at(&mut sim, t, "AT+CPINR").contains(&format!("SIM PIN,{left},3")));
    }
    assert!(at(&mut sim, t, "AT+CPIN=\"0000\"").contains("+CME ERROR: 16"));
    assert!(at(&mut sim, t, "AT+CPIN?").contains("+CPIN: SIM PUK"));
    // The right PIN is no longer enough.
    assert!(at(&mut sim, t, "AT+CPIN=\"1234\"").contains("+CME ERROR: 12"));
    assert!(at(&mut sim, t, "AT+CPIN=\"11111111\",\"4321\"").contains("+CME ERROR: 16"));
    assert_eq!(
        at(&mut sim, t, "AT+CPIN=\"12345678\",\"4321\""),
        "\r\nOK\r\n"
    );
    assert!(at(&mut sim, t, "AT+CPIN?").contains("+CPIN: READY"));
    assert!(at(&mut sim, t, "AT+CREG?").contains("+CREG: 0,1"));
    // The new PIN is asked after a power cycle.
    at(&mut sim, t, "AT+CFUN=1,1");
    at(&mut sim, t, "ATE0");
    assert!(at(&mut sim, t, "AT+CPIN?").contains("SIM PIN"));
    assert_eq!(at(&mut sim, t, "AT+CPIN=\"4321\""), "\r\nOK\r\n");
}

#[test]
fn text_mode_deliver_list_read_delete_with_cmti() {
    let (mut sim, t) = quiet(Profile::Generic);
    at(&mut sim, t, "AT+CMGF=1;+CNMI=2,1,0,0,0");
    let d = sim
        .deliver(t, "+359888111222", "status")
        .expect("delivered");
    assert_eq!(d.stored.len(), 1);
    assert_eq!(
        String::from_utf8_lossy(&sim.take_output(t)),
        "\r\n+CMTI: \"SM\",1\r\n"
    );
    sim.deliver(t, "+359888111222", "ping").expect("delivered");
    sim.take_output(t);
    let list = at(&mut sim, t, "AT+CMGL=\"REC UNREAD\"");
    assert_eq!(
        list,
        "\r\n+CMGL: 1,\"REC UNREAD\",\"+359888111222\",,\"24/05/01,10:00:01+08\"\r\nstatus\r\n\
         +CMGL: 2,\"REC UNREAD\",\"+359888111222\",,\"24/05/01,10:00:02+08\"\r\nping\r\n\r\nOK\r\n"
    );
    // Listing marked them read.
    assert_eq!(at(&mut sim, t, "AT+CMGL=\"REC UNREAD\""), "\r\nOK\r\n");
    assert!(at(&mut sim, t, "AT+CMGR=2").starts_with("\r\n+CMGR: \"REC READ\",\"+359888111222\""));
    assert_eq!(at(&mut sim, t, "AT+CMGD=1"), "\r\nOK\r\n");
    assert_eq!(at(&mut sim, t, "AT+CMGR=1"), "\r\nOK\r\n");
    assert_eq!(at(&mut sim, t, "AT+CMGR=31"), "\r\n+CMS ERROR: 321\r\n");
    assert!(at(&mut sim, t, "AT+CPMS?").contains("+CPMS: \"SM\",1,30,\"SM\",1,30,\"SM\",1,30"));
    assert!(at(&mut sim, t, "AT+CMGD=?").contains("+CMGD: (2),(0-4)"));
    // Delete flag 1 removes read messages only.
    sim.deliver(t, "+359888111222", "unread one")
        .expect("delivered");
    sim.take_output(t);
    at(&mut sim, t, "AT+CMGD=0,1");
    assert!(at(&mut sim, t, "AT+CMGL=\"ALL\"").contains("unread one"));
    assert!(at(&mut sim, t, "AT+CPMS?").contains("\"SM\",1,30"));
    at(&mut sim, t, "AT+CMGD=0,4");
    assert!(at(&mut sim, t, "AT+CPMS?").contains("\"SM\",0,30"));
}

#[test]
fn timestamps_are_fresh_per_sender_even_in_the_same_second() {
    let (mut sim, t) = quiet(Profile::Generic);
    at(&mut sim, t, "AT+CMGF=1");
    for _ in 0..3 {
        sim.deliver(t, "+1555", "same text").expect("delivered");
    }
    let list = at(&mut sim, t, "AT+CMGL=\"ALL\"");
    let stamps: Vec<&str> = list
        .lines()
        .filter(|l| l.starts_with("+CMGL"))
        .filter_map(|l| l.split_once(",\"REC").map(|(_, rest)| rest))
        .collect();
    assert_eq!(stamps.len(), 3);
    assert!(stamps.windows(2).all(|w| w[0] != w[1]), "{stamps:?}");
}

#[test]
fn routed_cmt_in_text_mode_is_not_stored() {
    let (mut sim, t) = quiet(Profile::Generic);
    at(&mut sim, t, "AT+CMGF=1;+CNMI=2,2,0,0,0");
    let d = sim.deliver(t, "+359888111222", "hi").expect("delivered");
    assert_eq!(d.routed, 1);
    assert_eq!(
        String::from_utf8_lossy(&sim.take_output(t)),
        "\r\n+CMT: \"+359888111222\",,\"24/05/01,10:00:01+08\"\r\nhi\r\n"
    );
    assert!(at(&mut sim, t, "AT+CPMS?").contains("\"SM\",0,30"));
}

#[test]
fn storages_sm_and_me_have_capacity_and_no_indication_with_cnmi_zero() {
    let (mut sim, t) = quiet(Profile::Generic);
    assert!(at(&mut sim, t, "AT+CPMS=?")
        .contains("+CPMS: (\"SM\",\"ME\"),(\"SM\",\"ME\"),(\"SM\",\"ME\")"));
    assert_eq!(
        at(&mut sim, t, "AT+CPMS=\"ME\",\"ME\",\"ME\""),
        "\r\n+CPMS: 0,100,0,100,0,100\r\n\r\nOK\r\n"
    );
    let d = sim.deliver(t, "+1", "x").expect("delivered");
    assert_eq!(d.stored, vec![(smsctl::sim::Mem::Me, 1)]);
    // +CNMI is 0,0 after power-up: no +CMTI.
    assert_eq!(sim.take_output(t), b"");
    assert!(at(&mut sim, t, "AT+CPMS=\"XX\"").contains("+CMS ERROR: 302"));
}

#[test]
fn cmgs_text_mode_prompt_ctrl_z_and_esc() {
    let (mut sim, t) = quiet(Profile::Generic);
    at(&mut sim, t, "AT+CMGF=1");
    assert_eq!(at(&mut sim, t, "AT+CMGS=\"+359888111222\""), "\r\n> ");
    sim.input(t, b"line one\rline two\x1a");
    assert_eq!(
        String::from_utf8_lossy(&sim.take_output(t)),
        "\r\n> \r\n+CMGS: 1\r\n\r\nOK\r\n"
    );
    assert_eq!(at(&mut sim, t, "AT+CMGS=\"+1\""), "\r\n> ");
    sim.input(t, b"never\x1b");
    assert_eq!(sim.take_output(t), b"\r\nOK\r\n");
    let sent = sim.sent();
    assert_eq!(sent.len(), 1);
    assert_eq!(sent[0].to, "+359888111222");
    assert_eq!(sent[0].text, "line one\nline two");
    assert_eq!(sent[0].parts, 1);
}

#[test]
fn a_long_delivery_becomes_concatenated_parts() {
    let (mut sim, t) = quiet(Profile::Generic);
    at(&mut sim, t, "AT+CMGF=1;+CNMI=2,1,0,0,0");
    let text = "x".repeat(300);
    let d = sim.deliver(t, "+1", &text).expect("delivered");
    assert_eq!(d.stored.len(), 2);
    assert_eq!(
        String::from_utf8_lossy(&sim.take_output(t)),
        "\r\n+CMTI: \"SM\",1\r\n\r\n+CMTI: \"SM\",2\r\n"
    );
    let answer = sim.control(t, "storage");
    assert_eq!(answer.len(), 3);
    assert!(answer[0].contains("\"part\":[1,1,2]"), "{answer:?}");
    assert!(answer[1].contains("\"part\":[1,2,2]"), "{answer:?}");
    assert_eq!(answer[2], "ok 2 held 0");
}

#[test]
fn huawei_floods_rssi_until_curc_0_and_says_command_not_support() {
    let t = Instant::ZERO;
    let mut sim = Sim::new(Profile::HuaweiE173, t);
    at(&mut sim, t, "ATE0");
    let t2 = t + Duration::from_secs(5);
    assert_eq!(sim.poll_timeout(), Some(Instant::from_secs(2)));
    let noise = String::from_utf8_lossy(&sim.take_output(t2)).into_owned();
    assert!(noise.contains("^RSSI:"), "{noise}");
    assert_eq!(at(&mut sim, t2, "AT+NOPE"), "\r\nCOMMAND NOT SUPPORT\r\n");
    assert_eq!(at(&mut sim, t2, "AT^CURC=0"), "\r\nOK\r\n");
    assert_eq!(sim.take_output(t2 + Duration::from_secs(60)), b"");
    // Indexes from 0, and ^SMMEMFULL instead of +CMTI when full.
    at(&mut sim, t2, "AT+CNMI=2,1,0,0,0");
    let d = sim.deliver(t2, "+1", "first").expect("delivered");
    assert_eq!(d.stored, vec![(smsctl::sim::Mem::Sm, 0)]);
    assert_eq!(sim.take_output(t2), b"\r\n+CMTI: \"SM\",0\r\n");
    assert!(sim.control(t2, "fault storage-full")[0].starts_with("ok"));
    let d = sim.deliver(t2, "+1", "second").expect("delivered");
    assert_eq!(d.held, 1);
    assert_eq!(sim.take_output(t2), b"\r\n^SMMEMFULL: \"SM\"\r\n");
    sim.deliver(t2, "+1", "third").expect("delivered");
    assert_eq!(sim.take_output(t2), b"", "told only once");
    // Deleting frees space: the network delivers what it held, with indications.
    assert_eq!(
        at(&mut sim, t2, "AT+CMGD=0"),
        "\r\nOK\r\n\r\n+CMTI: \"SM\",0\r\n\r\n+CMTI: \"SM\",1\r\n"
    );
}

#[test]
fn generic_storage_full_stops_cmti_until_space_is_freed() {
    let (mut sim, t) = quiet(Profile::Generic);
    at(&mut sim, t, "AT+CMGF=1;+CNMI=2,1,0,0,0");
    for i in 0..30 {
        sim.deliver(t, "+1", &format!("m{i}")).expect("delivered");
    }
    sim.take_output(t);
    let d = sim.deliver(t, "+1", "one too many").expect("delivered");
    assert_eq!(d.held, 1);
    assert_eq!(sim.take_output(t), b"", "no +CMTI when storage is full");
    assert_eq!(
        sim.control(t, "storage").last().map(String::as_str),
        Some("ok 30 held 1")
    );
    assert_eq!(
        at(&mut sim, t, "AT+CMGD=5"),
        "\r\nOK\r\n\r\n+CMTI: \"SM\",5\r\n"
    );
}

#[test]
fn zte_noise_and_its_own_commands() {
    let t = Instant::ZERO;
    let mut sim = Sim::new(Profile::ZteMf190, t);
    assert_eq!(sim.take_output(t), b"\r\n+ZUSIMR:2\r\n");
    at(&mut sim, t, "ATE0");
    assert!(at(&mut sim, t, "AT+ZCDRUN=8").contains("autorun"));
    assert_eq!(at(&mut sim, t, "AT+ZOPRT=5"), "\r\nOK\r\n");
    assert!(at(&mut sim, t, "AT+ZOPRT?").contains("+ZOPRT: 5"));
    let later = t + Duration::from_secs(21);
    assert!(String::from_utf8_lossy(&sim.take_output(later)).contains("+ZUSIMR:2"));
    // Other profiles do not know ZTE's commands.
    let (mut g, t) = quiet(Profile::Generic);
    assert_eq!(at(&mut g, t, "AT+ZOPRT=5"), "\r\nERROR\r\n");
}

#[test]
fn sim800_power_up_lines_and_text_habits() {
    let t = Instant::ZERO;
    let mut sim = Sim::new(Profile::Sim800, t);
    assert_eq!(
        String::from_utf8_lossy(&sim.take_output(t)),
        "\r\nRDY\r\n\r\n+CFUN: 1\r\n\r\n+CPIN: READY\r\n\r\nCall Ready\r\n\r\nSMS Ready\r\n"
    );
    at(&mut sim, t, "ATE0;+CMGF=1");
    sim.deliver(t, "+1", "hi").expect("delivered");
    // SIM800 indicates by default and quotes the empty alpha field.
    assert_eq!(sim.take_output(t), b"\r\n+CMTI: \"SM\",1\r\n");
    assert!(at(&mut sim, t, "AT+CMGR=1").contains("\"REC UNREAD\",\"+1\",\"\",\""));
    assert!(at(&mut sim, t, "AT+CPMS=?").contains("+CPMS: (\"SM\"),"));
}

#[test]
fn fault_hang_slow_garbage_drop_urc_and_cms_error() {
    let (mut sim, t) = quiet(Profile::Generic);
    sim.fault(t, Fault::Hang(Duration::from_secs(3)));
    assert_eq!(at(&mut sim, t, "AT"), "");
    assert_eq!(sim.poll_timeout(), Some(t + Duration::from_secs(3)));
    let t = t + Duration::from_secs(3);
    assert_eq!(at(&mut sim, t, "AT"), "\r\nOK\r\n");

    sim.fault(t, Fault::Slow(Duration::from_millis(700)));
    assert_eq!(at(&mut sim, t, "AT"), "");
    assert_eq!(sim.poll_timeout(), Some(t + Duration::from_millis(700)));
    assert_eq!(sim.take_output(t + Duration::from_millis(699)), b"");
    assert_eq!(
        sim.take_output(t + Duration::from_millis(700)),
        b"\r\nOK\r\n"
    );
    sim.fault(t, Fault::Slow(Duration::ZERO));

    sim.fault(t, Fault::Garbage(5));
    let out = {
        sim.input(t, b"AT\r");
        sim.take_output(t)
    };
    assert_eq!(out.len(), 5 + 6);
    assert!(out.ends_with(b"\r\nOK\r\n"));
    assert!(!out[..5].contains(&b'\r') && !out[..5].contains(&b'\n'));

    sim.fault(t, Fault::Drop(4));
    assert_eq!(at(&mut sim, t, "AT"), "\r\n");
    assert_eq!(at(&mut sim, t, "AT"), "\r\nOK\r\n");

    sim.fault(t, Fault::UrcInResponse);
    assert_eq!(
        at(&mut sim, t, "AT+CSQ;+CGMI"),
        "\r\n+CSQ: 18,99\r\n\r\n+CREG: 1\r\n\r\nsmsctl\r\n\r\nOK\r\n"
    );

    at(&mut sim, t, "AT+CMGF=1");
    sim.fault(t, Fault::CmsError(500));
    at(&mut sim, t, "AT+CMGS=\"+1\"");
    sim.input(t, b"x\x1a");
    assert_eq!(sim.take_output(t), b"\r\n+CMS ERROR: 500\r\n");
    assert!(sim.sent().is_empty());
    at(&mut sim, t, "AT+CMGS=\"+1\"");
    sim.input(t, b"x\x1a");
    assert!(String::from_utf8_lossy(&sim.take_output(t)).contains("+CMGS: 1"));
}

#[test]
fn pause_on_holds_a_command_until_resume() {
    let (mut sim, t) = quiet(Profile::Generic);
    assert_eq!(sim.control(t, "pause-on +CMGD"), vec!["ok"]);
    assert_eq!(at(&mut sim, t, "AT+CSQ"), "\r\n+CSQ: 18,99\r\n\r\nOK\r\n");
    assert_eq!(at(&mut sim, t, "AT+CMGD=1"), "");
    assert!(sim.is_paused());
    assert_eq!(
        at(&mut sim, t, "AT"),
        "",
        "later input waits behind the held line"
    );
    assert_eq!(sim.control(t, "resume"), vec!["ok resumed"]);
    assert_eq!(sim.take_output(t), b"\r\nOK\r\n\r\nOK\r\n");
    assert_eq!(sim.control(t, "resume"), vec!["ok not paused"]);
}

#[test]
fn memport_unplug_and_replug() {
    let t = Instant::ZERO;
    let mut port = MemPort::new(Sim::new(Profile::Generic, t), t);
    let mut buf = [0u8; 64];
    assert!(matches!(port.read(&mut buf), Err(nb::Error::WouldBlock)));
    assert_eq!(port.write(b"ATE0\r"), Ok(5));
    let n = port.read(&mut buf).expect("answer");
    assert_eq!(&buf[..n], b"ATE0\r\r\nOK\r\n");
    port.control("fault unplug");
    assert_eq!(port.write(b"AT\r"), Err(nb::Error::Other(Unplugged)));
    assert_eq!(port.read(&mut buf), Err(nb::Error::Other(Unplugged)));
    port.control("fault replug");
    // A re-plugged modem has powered up afresh: echo is on again.
    assert_eq!(port.write(b"AT\r"), Ok(3));
    let n = port.read(&mut buf).expect("answer");
    assert_eq!(&buf[..n], b"AT\r\r\nOK\r\n");
    assert_eq!(port.sim().generation(), 1);
}
