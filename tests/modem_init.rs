//! The init sequence against a scripted in-memory modem: every branch of the sequence —
//! identification, PIN entry and the refusal to retry a wrong PIN, SIM errors, vendor set-up,
//! PDU→text fallback, `+CNMI` fallback, transient retries, a modem that never answers.

#![allow(clippy::field_reassign_with_default)]

mod support;

use smsctl::at::result::{CmeError, FinalCode};
use smsctl::modem::facts::{SimState, SmsMode};
use smsctl::modem::init::{Init, InitConfig, PinMemory};
use smsctl::modem::{ModemError, Session};
use smsctl::time::{Duration, Instant};
use support::fake_modem::{run, Behaviour, FakeModem};

fn config() -> InitConfig {
    InitConfig::default()
}

fn with_pin(pin: &str) -> InitConfig {
    let mut c = config();
    c.pin = Some(pin.try_into().unwrap());
    c
}

fn init(
    b: Behaviour,
    cfg: InitConfig,
    mem: PinMemory,
) -> (FakeModem, Init, Result<(), ModemError>) {
    let mut m = FakeModem::new(b);
    let mut s = Session::new();
    let mut i = Init::new(cfg, mem);
    let r = run(&mut m, &mut s, &mut i, Instant::ZERO);
    (m, i, r.result)
}

#[test]
fn plain_modem_goes_through_every_step_in_order() {
    let (m, i, r) = init(Behaviour::default(), config(), PinMemory::default());
    r.unwrap();
    let expected = [
        "ATQ0V1",
        "ATE0",
        "AT+CMEE=1",
        "AT+CGMI",
        "AT+CGMM",
        "AT+CGMR",
        "AT+CGSN",
        "AT+CIMI",
        "AT+CPIN?",
        "AT+CMGF=0",
        "AT+CPMS=\"SM\",\"SM\",\"SM\"",
        "AT+CNMI=2,1,0,2,0",
        "AT+CSCA?",
        "AT+CREG?",
        "AT+CSQ",
        "AT+COPS?",
    ];
    assert_eq!(m.got, expected);
    let f = i.facts();
    assert_eq!(f.manufacturer.as_str(), "smsctl");
    assert_eq!(f.model.as_str(), "MODEL-1");
    assert_eq!(f.firmware.as_str(), "REV-2");
    assert_eq!(f.imei.as_str(), "490154203237518");
    assert_eq!(f.imsi.as_str(), "284011234567890");
    assert_eq!(f.sim, SimState::Ready);
    assert_eq!(f.mode, SmsMode::Pdu);
    let st = f.storage.clone().unwrap();
    assert_eq!(
        (st.name.as_str(), st.used, st.total, st.index_base),
        ("SM", 0, 30, 1)
    );
    assert_eq!(f.cnmi, Some([2, 1, 0, 2, 0]));
    assert_eq!(f.smsc.as_ref().unwrap().as_str(), "+359888000888");
    assert!(f.registration.unwrap().status.is_registered());
    assert_eq!(f.signal.unwrap().dbm(), Some(-77));
    assert_eq!(f.operator.as_ref().unwrap().as_str(), "A1 BG");
}

#[test]
fn configured_pin_is_entered_once_when_asked() {
    let (m, i, r) = init(
        Behaviour::with_pin("1234"),
        with_pin("1234"),
        PinMemory::default(),
    );
    r.unwrap();
    assert_eq!(m.count("AT+CPIN=\"1234\""), 1);
    assert_eq!(m.count("AT+CPIN?"), 2);
    assert_eq!(i.facts().sim, SimState::Unlocked);
    assert!(!i.pin_memory().rejected);
}

#[test]
fn pin_is_not_entered_when_the_sim_does_not_ask() {
    let (m, i, r) = init(Behaviour::default(), with_pin("1234"), PinMemory::default());
    r.unwrap();
    assert_eq!(m.count("AT+CPIN="), 0);
    assert_eq!(i.facts().sim, SimState::Ready);
}

#[test]
fn wrong_pin_is_tried_once_and_never_again() {
    let (m, i, r) = init(
        Behaviour::with_pin("1234"),
        with_pin("9999"),
        PinMemory::default(),
    );
    assert_eq!(r, Err(ModemError::PinRejected));
    assert_eq!(m.count("AT+CPIN=\""), 1);
    let mem = i.pin_memory();
    assert!(mem.rejected);
    // The next init (the recovery ladder) of the same process must not spend a second try.
    let mut b = m.b.clone();
    b.echo = true;
    let (m2, _, r2) = init(b, with_pin("9999"), mem);
    assert_eq!(r2, Err(ModemError::PinRejected));
    assert_eq!(m2.count("AT+CPIN=\""), 0);
    assert_eq!(m2.b.pin_tries, 2, "a try of the SIM was spent");
    assert!(ModemError::PinRejected.is_lasting());
}

#[test]
fn pin_required_without_a_configured_pin_is_a_clear_error() {
    let (m, i, r) = init(Behaviour::with_pin("1234"), config(), PinMemory::default());
    assert_eq!(r, Err(ModemError::PinRequired));
    assert_eq!(m.count("AT+CPIN=\""), 0);
    assert_eq!(i.facts().sim, SimState::PinRequired);
}

#[test]
fn puk_and_missing_sim_are_lasting_errors() {
    let mut b = Behaviour::default();
    b.sim_state = "SIM PUK".into();
    let (m, i, r) = init(b, with_pin("1234"), PinMemory::default());
    assert_eq!(r, Err(ModemError::SimPuk));
    assert_eq!(m.count("AT+CPIN=\""), 0);
    assert_eq!(i.facts().sim, SimState::Puk);

    let mut b = Behaviour::default();
    b.sim_state = "NOT INSERTED".into();
    let (_, i, r) = init(b, config(), PinMemory::default());
    assert_eq!(r, Err(ModemError::NoSim));
    assert_eq!(i.facts().sim, SimState::Missing);
    assert!(ModemError::NoSim.is_lasting() && ModemError::SimPuk.is_lasting());
    assert!(!ModemError::NoAnswer { tries: 3 }.is_lasting());
}

#[test]
fn huawei_gets_curc_and_index_base_zero() {
    let mut b = Behaviour::default();
    b.manufacturer = "huawei".into();
    let (m, i, r) = init(b, config(), PinMemory::default());
    r.unwrap();
    let curc = m
        .got
        .iter()
        .position(|c| c == "AT^CURC=0")
        .expect("AT^CURC=0 sent");
    let cmgf = m.got.iter().position(|c| c == "AT+CMGF=0").unwrap();
    assert!(curc < cmgf);
    assert_eq!(i.facts().storage.as_ref().unwrap().index_base, 0);
    assert_eq!(m.count("AT+ZCDRUN"), 0);
}

#[test]
fn zte_gets_zcdrun_and_zoprt() {
    let mut b = Behaviour::default();
    b.manufacturer = "ZTE INCORPORATED".into();
    let (m, _, r) = init(b, config(), PinMemory::default());
    r.unwrap();
    assert_eq!(m.count("AT+ZCDRUN=8"), 1);
    assert_eq!(m.count("AT+ZOPRT=5"), 1);
    assert_eq!(m.count("AT^CURC"), 0);
}

#[test]
fn pdu_refused_falls_back_to_text_mode_with_ucs2() {
    let mut b = Behaviour::default();
    b.pdu_ok = false;
    let (m, i, r) = init(b, config(), PinMemory::default());
    r.unwrap();
    assert_eq!(m.count("AT+CMGF=0"), 1);
    assert_eq!(m.count("AT+CMGF=1"), 1);
    assert_eq!(m.count("AT+CSDH=1"), 1);
    assert_eq!(m.count("AT+CSCS=\"UCS2\""), 1);
    assert_eq!(i.facts().mode, SmsMode::TextUcs2);
}

#[test]
fn text_mode_without_ucs2_is_text_plain() {
    let mut b = Behaviour::default();
    b.pdu_ok = false;
    b.ucs2_ok = false;
    let (_, i, r) = init(b, config(), PinMemory::default());
    r.unwrap();
    assert_eq!(i.facts().mode, SmsMode::TextPlain);
    assert!(i.facts().mode.is_text());
}

#[test]
fn configured_text_mode_skips_pdu() {
    let mut cfg = config();
    cfg.text_mode = true;
    let (m, i, r) = init(Behaviour::default(), cfg, PinMemory::default());
    r.unwrap();
    assert_eq!(m.count("AT+CMGF=0"), 0);
    assert_eq!(i.facts().mode, SmsMode::TextUcs2);
}

#[test]
fn cnmi_settings_are_tried_until_one_is_accepted() {
    let mut b = Behaviour::default();
    b.cnmi_ok = vec!["1,1,0,0,0".into()];
    let (m, i, r) = init(b, config(), PinMemory::default());
    r.unwrap();
    let tried: Vec<_> = m.got.iter().filter(|c| c.starts_with("AT+CNMI=")).collect();
    assert_eq!(
        tried,
        [
            "AT+CNMI=2,1,0,2,0",
            "AT+CNMI=2,1,0,1,0",
            "AT+CNMI=2,1,0,0,0",
            "AT+CNMI=1,1,0,0,0"
        ]
    );
    assert_eq!(i.facts().cnmi, Some([1, 1, 0, 0, 0]));

    let mut b = Behaviour::default();
    b.cnmi_ok = vec![];
    let (_, i, r) = init(b, config(), PinMemory::default());
    r.unwrap();
    assert_eq!(
        i.facts().cnmi,
        None,
        "no CNMI is a warning, never a failure"
    );
}

#[test]
fn empty_service_centre_is_only_a_warning() {
    let mut b = Behaviour::default();
    b.smsc = String::new();
    let (_, i, r) = init(b, config(), PinMemory::default());
    r.unwrap();
    assert_eq!(i.facts().smsc.as_ref().unwrap().as_str(), "");
}

#[test]
fn network_queries_never_fail_the_init() {
    let mut b = Behaviour::default();
    b.manufacturer = "huawei".into(); // unknown commands: COMMAND NOT SUPPORT
    let mut m = FakeModem::new(b);
    // The three queries keep failing with a transient error.
    m.b.busy = vec![
        ("AT+CREG".into(), 99),
        ("AT+CSQ".into(), 99),
        ("AT+COPS".into(), 99),
    ];
    let mut s = Session::new();
    let mut i = Init::new(config(), PinMemory::default());
    let r = run(&mut m, &mut s, &mut i, Instant::ZERO);
    // 314 is transient: retried with backoff, then given up without failing.
    r.result.unwrap();
    assert_eq!(i.facts().registration, None);
    assert_eq!(i.facts().signal, None);
    assert_eq!(m.count("AT+CSQ"), 6);
}

#[test]
fn sim_busy_at_boot_is_retried_with_backoff() {
    let mut b = Behaviour::default();
    b.busy = vec![("AT+CPMS".into(), 2)];
    let mut m = FakeModem::new(b);
    let mut s = Session::new();
    let mut i = Init::new(config(), PinMemory::default());
    let r = run(&mut m, &mut s, &mut i, Instant::ZERO);
    r.result.unwrap();
    assert_eq!(m.count("AT+CPMS="), 3);
    // Two pauses: 1 s then 2 s, plus the ESC's half second.
    assert!(r.end >= Instant::from_millis(3_500), "ended at {:?}", r.end);
    assert!(i.facts().storage.is_some());
}

#[test]
fn a_modem_that_never_answers_fails_after_bounded_probes() {
    let mut b = Behaviour::default();
    b.silent = vec!["AT".into()];
    b.echo = false;
    let mut m = FakeModem::new(b);
    let mut s = Session::new();
    let mut i = Init::new(config(), PinMemory::default());
    let r = run(&mut m, &mut s, &mut i, Instant::ZERO);
    assert_eq!(r.result, Err(ModemError::NoAnswer { tries: 10 }));
    assert_eq!(m.count("AT"), 10);
    // The ESC's half second, then ten 1 s probes; the session settles for half a second after
    // each timeout but the last: 0.5 + 0.5 + 10 × 1 + 9 × 0.5 = 15.5 s.
    assert!(
        r.end <= Instant::ZERO + Duration::from_millis(15_500),
        "{:?}",
        r.end
    );
}

#[test]
fn a_modem_that_hangs_mid_init_fails_with_the_command_named() {
    let mut b = Behaviour::default();
    b.silent = vec!["AT+CPMS".into()];
    let (_, _, r) = init(b, config(), PinMemory::default());
    assert_eq!(r, Err(ModemError::Timeout { cmd: "AT+CPMS" }));
}

#[test]
fn a_stuck_prompt_is_left_with_esc_first() {
    let b = Behaviour::default();
    let mut m = FakeModem::new(b);
    // The modem sits at a `> ` prompt from an interrupted send.
    let _ = m.b.answer("AT+CMGS=20");
    let mut s = Session::new();
    let mut i = Init::new(config(), PinMemory::default());
    // Drive the prompt state into the fake: it only enters it via a command.
    use smsctl::modem::Port;
    m.write(b"AT+CMGS=20\r").unwrap();
    let mut buf = [0u8; 64];
    let _ = m.read(&mut buf);
    let r = run(&mut m, &mut s, &mut i, Instant::ZERO);
    r.result.unwrap();
    assert_eq!(m.b.sent.len(), 0, "the ESC must cancel, not send");
}

#[test]
fn errors_name_the_code_meaning() {
    let e = ModemError::Refused {
        cmd: "AT+CMGS",
        code: FinalCode::CmeError(CmeError::SIM_BUSY),
    };
    assert_eq!(e.to_string(), "AT+CMGS: +CME ERROR: 14 (SIM busy)");
}

/// A modem left in `ATV0` (numeric result codes: `0\r` for `OK`) by another program answers
/// no `AT` in the form smsctl reads; the first probe restores verbose codes.
#[test]
fn a_modem_left_in_numeric_result_codes_is_recovered() {
    let mut b = Behaviour::default();
    b.verbose = false;
    let (m, i, r) = init(b, config(), PinMemory::default());
    r.unwrap();
    assert!(m.b.verbose && !m.b.quiet);
    assert_eq!(m.got.first().map(String::as_str), Some("ATQ0V1"));
    assert_eq!(m.count("ATQ0V1"), 1);
    assert!(i.facts().storage.is_some());
}

/// A modem left in `ATQ1` (no result codes) never finishes a command; the probe sets `Q0`.
#[test]
fn a_quiet_modem_is_recovered() {
    let mut b = Behaviour::default();
    b.quiet = true;
    b.verbose = false;
    let (m, _, r) = init(b, config(), PinMemory::default());
    r.unwrap();
    assert!(m.b.verbose && !m.b.quiet);
}

/// Text mode with UCS-2 sets `AT+CSMP=17,167,0,8` (data coding scheme 8: the text goes out as
/// UCS-2); the service centre is read before and after, and is untouched when it survived.
#[test]
fn ucs2_text_mode_sets_csmp_and_keeps_the_service_centre() {
    let mut b = Behaviour::default();
    b.pdu_ok = false;
    let (m, i, r) = init(b, config(), PinMemory::default());
    r.unwrap();
    assert_eq!(m.count("AT+CSMP=17,167,0,8"), 1);
    let csmp = m.got.iter().position(|c| c.starts_with("AT+CSMP")).unwrap();
    let cscs = m.got.iter().position(|c| c.starts_with("AT+CSCS")).unwrap();
    assert!(cscs < csmp, "{:?}", m.got);
    assert!(m.got[..csmp].iter().any(|c| c == "AT+CSCA?"), "{:?}", m.got);
    assert!(m.got[csmp..].iter().any(|c| c == "AT+CSCA?"), "{:?}", m.got);
    assert_eq!(m.count("AT+CSCA=\""), 0);
    assert_eq!(i.facts().smsc.as_deref(), Some("+359888000888"));
}

/// The FIELD.md quirk: a unit that clears its service centre on `AT+CSMP` gets the previous
/// one back (`AT+CSCA="…",145`, in the UCS-2 character set in effect).
#[test]
fn a_service_centre_cleared_by_csmp_is_restored() {
    let mut b = Behaviour::default();
    b.pdu_ok = false;
    b.csmp_clears_smsc = true;
    let (m, i, r) = init(b, config(), PinMemory::default());
    r.unwrap();
    assert_eq!(m.b.smsc, "+359888000888", "{:?}", m.got);
    let hex: String = "+359888000888"
        .chars()
        .map(|c| format!("{:04X}", c as u32))
        .collect();
    assert_eq!(m.count(&format!("AT+CSCA=\"{hex}\",145")), 1, "{:?}", m.got);
    assert_eq!(i.facts().smsc.as_deref(), Some("+359888000888"));
}

/// Neither PDU mode nor text mode without UCS-2 touches `+CSMP`.
#[test]
fn csmp_only_with_ucs2() {
    let (m, _, r) = init(Behaviour::default(), config(), PinMemory::default());
    r.unwrap();
    assert_eq!(m.count("AT+CSMP"), 0);
    let mut b = Behaviour::default();
    b.pdu_ok = false;
    b.ucs2_ok = false;
    let (m, _, r) = init(b, config(), PinMemory::default());
    r.unwrap();
    assert_eq!(m.count("AT+CSMP"), 0);
}
