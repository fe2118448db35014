//! The foundation's modem session driven against the in-memory simulated modem with simulated
//! time: every profile through a receive/read/delete/send cycle, and every fault as the session
//! sees it.

use smsctl::at::{CmsError, FinalCode, UrcKind};
use smsctl::modem::session::{pump, Event, Session, Stage};
use smsctl::pdu::{self, SubmitParams};
use smsctl::sim::{MemPort, Profile, Sim, Unplugged};
use smsctl::time::{Duration, Instant};

const TIMEOUT: Duration = Duration::from_secs(2);

/// What the session reported, as owned text.
#[derive(Debug, Default)]
struct Seen {
    responses: Vec<String>,
    done: Option<(FinalCode, String)>,
    urcs: Vec<(UrcKind, String)>,
    unexpected: Vec<String>,
    timed_out: Option<Stage>,
    prompt: bool,
}

struct Rig {
    port: MemPort,
    session: Session,
}

fn text(b: &[u8]) -> String {
    String::from_utf8_lossy(b).into_owned()
}

impl Rig {
    fn new(sim: Sim) -> Self {
        Rig {
            port: MemPort::new(sim, Instant::ZERO),
            session: Session::new(),
        }
    }

    fn now(&self) -> Instant {
        self.port.now()
    }

    /// Pumps until the session is idle, moving simulated time to the next deadline each time.
    fn drive(&mut self, seen: &mut Seen) -> Result<(), Unplugged> {
        for _ in 0..1000 {
            let now = self.now();
            pump(&mut self.port, &mut self.session, now, &mut |e| match e {
                Event::Response(l) => seen.responses.push(text(l)),
                Event::Done { code, line } => seen.done = Some((code, text(line))),
                Event::Urc { kind, line, .. } => seen.urcs.push((kind, text(line))),
                Event::Unexpected(l) => seen.unexpected.push(text(l)),
                Event::TimedOut(s) => seen.timed_out = Some(s),
                Event::Prompt => seen.prompt = true,
                Event::Overflow { .. } => {}
            })?;
            if self.session.is_idle() {
                return Ok(());
            }
            let next = [self.port.poll_timeout(), self.session.poll_timeout()]
                .into_iter()
                .flatten()
                .filter(|t| *t > now)
                .min()
                .unwrap_or(now + Duration::from_millis(10));
            self.port.set_now(next);
        }
        panic!("the session never became idle");
    }

    /// After a timeout the session settles before it takes a command: let simulated time pass
    /// (reading whatever comes) until it is ready.
    fn wait_ready(&mut self) {
        while !self.session.is_ready(self.now()) {
            let next = self.session.poll_timeout().expect("settling ends");
            let now = next.max(self.now());
            self.port.set_now(now);
            pump(&mut self.port, &mut self.session, now, &mut |_| {}).expect("plugged");
        }
    }

    fn at(&mut self, cmd: &str) -> Seen {
        let mut seen = Seen::default();
        self.wait_ready();
        self.session
            .send(self.now(), cmd.as_bytes(), TIMEOUT)
            .expect("idle session");
        self.drive(&mut seen).expect("plugged");
        seen
    }

    fn ok(&mut self, cmd: &str) -> Seen {
        let seen = self.at(cmd);
        assert_eq!(
            seen.done.as_ref().map(|d| d.0),
            Some(FinalCode::Ok),
            "{cmd}: {seen:?}"
        );
        seen
    }

    /// Lets `d` of simulated time pass with no command, collecting URCs.
    fn idle(&mut self, d: Duration) -> Seen {
        let mut seen = Seen::default();
        let until = self.now() + d;
        loop {
            let now = self.now();
            pump(&mut self.port, &mut self.session, now, &mut |e| {
                if let Event::Urc { kind, line, .. } = e {
                    seen.urcs.push((kind, text(line)));
                }
            })
            .expect("plugged");
            if now >= until {
                return seen;
            }
            let next = self
                .port
                .poll_timeout()
                .filter(|t| *t > now)
                .unwrap_or(until);
            self.port.set_now(next.min(until));
        }
    }

    fn send_sms(&mut self, to: &str, body: &str) -> Seen {
        let mut buf = [0u8; pdu::PDU_MAX_OCTETS];
        let mut hex = [0u8; pdu::PDU_MAX_HEX];
        let enc = pdu::encode_submit(&SubmitParams::new(to, body), &mut buf).unwrap();
        let hex = pdu::to_hex(&buf[..enc.len_total], &mut hex).unwrap();
        let cmd = format!("AT+CMGS={}", enc.tpdu_len);
        let mut seen = Seen::default();
        self.wait_ready();
        self.session
            .send_with_body(self.now(), cmd.as_bytes(), hex.as_bytes(), TIMEOUT)
            .unwrap();
        self.drive(&mut seen).unwrap();
        seen
    }
}

fn init(profile: Profile) -> (Rig, Seen) {
    let mut rig = Rig::new(Sim::new(profile, Instant::ZERO));
    let power_up = rig.idle(Duration::from_millis(1));
    rig.ok("ATE0");
    rig.ok("AT+CMEE=1");
    rig.ok("AT+CMGF=0");
    rig.ok("AT+CNMI=2,1,0,0,0");
    (rig, power_up)
}

/// Receive, list, delete and reply: what the daemon does, on every profile.
#[test]
fn every_profile_runs_the_receive_read_delete_reply_cycle() {
    for profile in Profile::ALL {
        let (mut rig, _) = init(profile);
        if profile == Profile::HuaweiE173 {
            rig.ok("AT^CURC=0");
        }
        rig.ok("AT+CPMS=\"SM\",\"SM\",\"SM\"");
        let answer = rig.port.control("deliver +359888111222 status");
        let base = if profile == Profile::HuaweiE173 { 0 } else { 1 };
        assert_eq!(answer, vec![format!("ok stored SM {base}")], "{profile}");
        let urcs = rig.idle(Duration::from_millis(1)).urcs;
        assert_eq!(
            urcs,
            vec![(UrcKind::Cmti, format!("+CMTI: \"SM\",{base}"))],
            "{profile}"
        );
        let list = rig.ok("AT+CMGL=4");
        assert_eq!(list.responses.len(), 2, "{profile}: {list:?}");
        assert!(list.responses[0].starts_with(&format!("+CMGL: {base},0,,")));
        let pdu = pdu::decode_hex(list.responses[1].as_bytes(), true).unwrap();
        assert_eq!(pdu.text(), Some("status"), "{profile}");
        rig.ok(&format!("AT+CMGD={base}"));
        assert!(rig.ok("AT+CMGL=4").responses.is_empty());
        let sent = rig.send_sms("+359888111222", "all fine");
        assert!(sent.prompt, "{profile}");
        assert_eq!(sent.responses, vec!["+CMGS: 1"], "{profile}");
        assert_eq!(sent.done.map(|d| d.0), Some(FinalCode::Ok));
        assert_eq!(rig.port.sim().sent()[0].text, "all fine");
    }
}

#[test]
fn profile_noise_arrives_as_urcs() {
    let (_, power_up) = init(Profile::Sim800);
    let lines: Vec<&str> = power_up.urcs.iter().map(|(_, l)| l.as_str()).collect();
    assert_eq!(
        lines,
        ["RDY", "+CFUN: 1", "+CPIN: READY", "Call Ready", "SMS Ready"]
    );

    let (mut rig, _) = init(Profile::HuaweiE173);
    let flood = rig.idle(Duration::from_secs(10)).urcs;
    assert!(flood.len() >= 4, "{flood:?}");
    assert!(
        flood.iter().all(|(k, _)| *k == UrcKind::HuaweiRssi),
        "{flood:?}"
    );
    rig.ok("AT^CURC=0");
    assert!(rig.idle(Duration::from_secs(10)).urcs.is_empty());
    let unknown = rig.at("AT+NOPE");
    assert_eq!(
        unknown.done.map(|d| d.0),
        Some(FinalCode::CommandNotSupport)
    );

    let (mut rig, power_up) = init(Profile::ZteMf190);
    assert_eq!(power_up.urcs.len(), 1);
    assert_eq!(power_up.urcs[0].1, "+ZUSIMR:2");
    assert_eq!(rig.idle(Duration::from_secs(21)).urcs.len(), 1);
}

#[test]
fn hang_times_the_command_out_and_the_modem_comes_back() {
    let (mut rig, _) = init(Profile::Generic);
    rig.port.control("fault hang 5");
    let seen = rig.at("AT");
    assert_eq!(seen.timed_out, Some(Stage::Answer));
    rig.port.set_now(rig.now() + Duration::from_secs(5));
    rig.ok("AT");
}

#[test]
fn slow_answers_arrive_late_but_arrive() {
    let (mut rig, _) = init(Profile::Generic);
    rig.port.control("fault slow 1500");
    let t0 = rig.now();
    rig.ok("AT+CSQ");
    assert_eq!(rig.now() - t0, Duration::from_millis(1500));
}

#[test]
fn garbage_and_dropped_bytes() {
    let (mut rig, _) = init(Profile::Generic);
    rig.port.control("fault garbage 12");
    let seen = rig.ok("AT+CGMI");
    assert_eq!(seen.responses.last().map(String::as_str), Some("smsctl"));
    // Dropping the final OK's bytes leaves the command to its deadline.
    rig.port.control("fault drop 6");
    let seen = rig.at("AT");
    assert_eq!(seen.timed_out, Some(Stage::Answer));
    rig.ok("AT");
}

#[test]
fn urc_in_the_middle_of_a_response() {
    let (mut rig, _) = init(Profile::Generic);
    rig.port.control("fault urc-in-response");
    let seen = rig.ok("AT+CSQ;+CGMI");
    assert_eq!(seen.responses, vec!["+CSQ: 18,99", "smsctl"]);
    assert_eq!(seen.urcs, vec![(UrcKind::Creg, "+CREG: 1".to_string())]);
}

#[test]
fn cms_error_on_the_next_send_only() {
    let (mut rig, _) = init(Profile::Generic);
    rig.port.control("fault cms-error 512");
    let seen = rig.send_sms("+1555", "x");
    assert_eq!(
        seen.done.map(|d| d.0),
        Some(FinalCode::CmsError(CmsError(512)))
    );
    let seen = rig.send_sms("+1555", "x");
    assert_eq!(seen.done.map(|d| d.0), Some(FinalCode::Ok));
}

#[test]
fn storage_full_means_no_cmti_until_a_delete() {
    let (mut rig, _) = init(Profile::Generic);
    rig.port.control("deliver +1 one");
    rig.idle(Duration::from_millis(1));
    rig.port.control("fault storage-full");
    assert_eq!(rig.port.control("deliver +1 two"), vec!["ok held 1"]);
    assert!(rig.idle(Duration::from_secs(1)).urcs.is_empty());
    // The held message arrives right after the delete's OK.
    let mut urcs = rig.ok("AT+CMGD=1").urcs;
    urcs.extend(rig.idle(Duration::from_millis(1)).urcs);
    assert_eq!(urcs, vec![(UrcKind::Cmti, "+CMTI: \"SM\",1".to_string())]);
}

#[test]
fn unplug_fails_the_port_and_replug_brings_a_fresh_modem() {
    let (mut rig, _) = init(Profile::Generic);
    rig.port.control("fault unplug");
    rig.session.send(rig.now(), b"AT", TIMEOUT).unwrap();
    let mut seen = Seen::default();
    assert_eq!(rig.drive(&mut seen), Err(Unplugged));
    rig.port.control("fault replug");
    rig.session.reset();
    // Echo is on again after the power cycle; the session copes with it.
    let seen = rig.ok("AT+CGMM");
    assert_eq!(seen.responses, vec!["SIMULATED-3GPP"]);
}

#[test]
fn pause_on_stops_the_exchange_at_a_chosen_command() {
    let (mut rig, _) = init(Profile::Generic);
    rig.port.control("deliver +1 hello");
    rig.idle(Duration::from_millis(1));
    rig.port.control("pause-on +CMGD");
    let seen = rig.at("AT+CMGD=1");
    assert_eq!(seen.timed_out, Some(Stage::Answer));
    assert_eq!(rig.port.control("storage").last().unwrap(), "ok 1 held 0");
    assert_eq!(rig.port.control("resume"), vec!["ok resumed"]);
    // The held command runs now; its late OK is unexpected to an idle session.
    let mut late = Vec::new();
    let now = rig.now();
    pump(&mut rig.port, &mut rig.session, now, &mut |e| {
        if let Event::Unexpected(l) = e {
            late.push(text(l));
        }
    })
    .unwrap();
    assert_eq!(late, vec!["OK"]);
    assert_eq!(rig.port.control("storage").last().unwrap(), "ok 0 held 0");
}
