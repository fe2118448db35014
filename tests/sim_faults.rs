//! The simulated modem in memory: the `refuse` fault, deleting an empty index per profile, and
//! `ATV0`/`ATQ1` result codes, power-up lines held for a host, `+CEREG` and `+CLAC`.

use smsctl::sim::{Fault, Profile, Sim};
use smsctl::time::Instant;

mod support;

use support::sim_mem::{at, quiet};

fn refuse(prefix: &str, line: Option<&str>) -> Fault {
    Fault::Refuse {
        prefix: prefix.to_string(),
        line: line.map(str::to_string),
    }
}

#[test]
fn refuse_answers_error_for_matching_commands_until_fault_none() {
    let (mut sim, t) = quiet(Profile::Generic);
    sim.fault(t, refuse("+CMGF=0", None));
    sim.fault(t, refuse("+CNMI=2,1,0,2", Some("+CMS ERROR: 303")));
    assert_eq!(at(&mut sim, t, "AT+CMGF=0"), "\r\nERROR\r\n");
    // Case-insensitive, and other values of the same command pass.
    assert_eq!(at(&mut sim, t, "at+cmgf=0"), "\r\nERROR\r\n");
    assert_eq!(at(&mut sim, t, "AT+CMGF=1"), "\r\nOK\r\n");
    assert_eq!(at(&mut sim, t, "AT+CMGF?"), "\r\n+CMGF: 1\r\n\r\nOK\r\n");
    // A prefix: the longer command is refused too, with the given line.
    assert_eq!(
        at(&mut sim, t, "AT+CNMI=2,1,0,2,0"),
        "\r\n+CMS ERROR: 303\r\n"
    );
    assert_eq!(at(&mut sim, t, "AT+CNMI=2,1,0,1,0"), "\r\nOK\r\n");
    // In a chained line the commands before the refused one run, the rest do not.
    assert_eq!(
        at(&mut sim, t, "AT+CSQ;+CMGF=0;+CGMI"),
        "\r\n+CSQ: 18,99\r\n\r\nERROR\r\n"
    );
    sim.fault(t, Fault::None);
    assert_eq!(at(&mut sim, t, "AT+CMGF=0"), "\r\nOK\r\n");
    assert_eq!(at(&mut sim, t, "AT+CNMI=2,1,0,2,0"), "\r\nOK\r\n");
}

#[test]
fn refuse_matches_basic_commands_and_its_table_is_bounded() {
    let (mut sim, t) = quiet(Profile::Generic);
    sim.fault(t, refuse("E1", None));
    assert_eq!(at(&mut sim, t, "ATE1"), "\r\nERROR\r\n");
    assert_eq!(at(&mut sim, t, "AT"), "\r\nOK\r\n");
    // Re-arming the same prefix replaces its line instead of adding a row.
    sim.fault(t, refuse("E1", Some("+CME ERROR: 3")));
    assert_eq!(at(&mut sim, t, "ATE1"), "\r\n+CME ERROR: 3\r\n");
    // Beyond the bound the oldest refusal goes: E1 was first.
    for i in 0..smsctl::sim::MAX_REFUSALS {
        sim.fault(t, refuse(&format!("+X{i}"), None));
    }
    assert_eq!(at(&mut sim, t, "AT+X0"), "\r\nERROR\r\n");
    assert_eq!(at(&mut sim, t, "ATE1"), "\r\nOK\r\n");
}

#[test]
fn deleting_an_empty_index_answers_per_profile() {
    for (profile, expect) in [
        (Profile::Generic, "\r\nOK\r\n"),
        (Profile::Sim800, "\r\nOK\r\n"),
        (Profile::HuaweiE173, "\r\n+CMS ERROR: 321\r\n"),
        (Profile::ZteMf190, "\r\n+CMS ERROR: 321\r\n"),
    ] {
        let (mut sim, t) = quiet(profile);
        at(&mut sim, t, "AT^CURC=0");
        let base = profile.index_base();
        assert_eq!(
            at(&mut sim, t, &format!("AT+CMGD={base}")),
            expect,
            "{profile}"
        );
        // A stored message deletes with OK everywhere, and deleting it again is the empty case.
        let d = sim.deliver(t, "+1", "hi").unwrap();
        let (_, index) = d.stored[0];
        sim.take_output(t);
        assert_eq!(at(&mut sim, t, &format!("AT+CMGD={index}")), "\r\nOK\r\n");
        assert_eq!(
            at(&mut sim, t, &format!("AT+CMGD={index}")),
            expect,
            "{profile}"
        );
        // Out of range is 321 on every profile; the bulk flags never fail on empty storage.
        assert_eq!(at(&mut sim, t, "AT+CMGD=999"), "\r\n+CMS ERROR: 321\r\n");
        assert_eq!(at(&mut sim, t, "AT+CMGD=1,4"), "\r\nOK\r\n");
    }
}

#[test]
fn v0_gives_numeric_result_codes_and_terse_info_until_v1() {
    let (mut sim, t) = quiet(Profile::Generic);
    assert_eq!(at(&mut sim, t, "ATV0"), "0\r");
    assert_eq!(at(&mut sim, t, "AT"), "0\r");
    assert_eq!(at(&mut sim, t, "AT+NOPE"), "4\r");
    // Information text keeps its words, without the leading CR LF (V.250 §6.2.6).
    assert_eq!(at(&mut sim, t, "AT+CSQ"), "+CSQ: 18,99\r\n0\r");
    assert_eq!(
        at(&mut sim, t, "AT+CSQ;+CGMI"),
        "+CSQ: 18,99\r\nsmsctl\r\n0\r"
    );
    // Extended result codes keep their text, ended like a numeric code.
    at(&mut sim, t, "AT+CMEE=1");
    assert_eq!(at(&mut sim, t, "AT+NOPE"), "+CME ERROR: 4\r");
    assert_eq!(at(&mut sim, t, "AT+CMGD=999"), "+CMS ERROR: 321\r");
    // The refuse fault's plain ERROR is numeric too.
    sim.fault(t, refuse("+CMGF", None));
    assert_eq!(at(&mut sim, t, "AT+CMGF=0"), "4\r");
    sim.fault(t, Fault::None);
    assert_eq!(at(&mut sim, t, "ATV1"), "\r\nOK\r\n");
    assert_eq!(at(&mut sim, t, "AT+CSQ"), "\r\n+CSQ: 18,99\r\n\r\nOK\r\n");
    // A modem left in V0 by someone else: ATZ (and an init that sends ATV1) restores it.
    at(&mut sim, t, "ATV0");
    assert_eq!(at(&mut sim, t, "ATZ"), "\r\nOK\r\n");
}

#[test]
fn v0_with_echo_and_a_chained_v1_on_one_line() {
    let t = Instant::ZERO;
    let mut sim = Sim::new(Profile::Generic, t);
    assert_eq!(at(&mut sim, t, "ATV0"), "ATV0\r0\r");
    // The line's result follows the setting in force when it ends.
    assert_eq!(at(&mut sim, t, "ATE0V1"), "ATE0V1\r\r\nOK\r\n");
    assert_eq!(at(&mut sim, t, "ATV0;+CGMI;V1"), "\r\nsmsctl\r\n\r\nOK\r\n");
}

#[test]
fn q1_suppresses_result_codes_but_not_information_until_q0() {
    let (mut sim, t) = quiet(Profile::Generic);
    at(&mut sim, t, "AT+CNMI=2,1,0,0,0");
    assert_eq!(at(&mut sim, t, "ATQ1"), "");
    assert_eq!(at(&mut sim, t, "AT"), "");
    assert_eq!(at(&mut sim, t, "AT+NOPE"), "");
    assert_eq!(at(&mut sim, t, "AT+CSQ"), "\r\n+CSQ: 18,99\r\n");
    // Unsolicited codes still come.
    sim.deliver(t, "+1", "hi").unwrap();
    assert_eq!(sim.take_output(t), b"\r\n+CMTI: \"SM\",1\r\n");
    // V0 and Q1 together: information only, terse.
    assert_eq!(at(&mut sim, t, "ATV0"), "");
    assert_eq!(at(&mut sim, t, "AT+CSQ"), "+CSQ: 18,99\r\n");
    assert_eq!(at(&mut sim, t, "ATQ0"), "0\r");
    assert_eq!(at(&mut sim, t, "ATV1"), "\r\nOK\r\n");
    assert_eq!(at(&mut sim, t, "AT"), "\r\nOK\r\n");
}

#[test]
fn held_power_up_lines_wait_for_a_host_then_go_out_first() {
    let t = Instant::ZERO;
    let mut sim = Sim::new(Profile::Sim800, t);
    sim.hold_power_up_lines();
    assert_eq!(sim.take_output(t), b"");
    sim.host_present(t);
    let boot = sim.take_output(t);
    assert!(boot.starts_with(b"\r\nRDY\r\n"), "{boot:?}");
    assert!(boot.ends_with(b"\r\nSMS Ready\r\n"), "{boot:?}");
    sim.host_present(t);
    assert_eq!(sim.take_output(t), b"");
    // A reset while the host holds the port: the driver calls host_present again at once.
    assert_eq!(at(&mut sim, t, "AT+CFUN=1,1"), "AT+CFUN=1,1\r\r\nOK\r\n");
    sim.host_present(t);
    assert_eq!(sim.take_output(t), boot);
    // Unplugged, nothing is held; re-plugged, a fresh set waits again.
    sim.fault(t, Fault::Unplug);
    sim.fault(t, Fault::Replug);
    assert_eq!(sim.take_output(t), b"");
    sim.host_present(t);
    assert_eq!(sim.take_output(t), boot);
    // The generic profile has no power-up lines: nothing is held.
    let mut sim = Sim::new(Profile::Generic, t);
    sim.hold_power_up_lines();
    sim.host_present(t);
    assert_eq!(sim.take_output(t), b"");
}

#[test]
fn cereg_has_the_shape_of_cgreg() {
    let (mut sim, t) = quiet(Profile::Generic);
    assert_eq!(
        at(&mut sim, t, "AT+CEREG?"),
        "\r\n+CEREG: 0,1\r\n\r\nOK\r\n"
    );
    assert_eq!(
        at(&mut sim, t, "AT+CEREG=?"),
        "\r\n+CEREG: (0-2)\r\n\r\nOK\r\n"
    );
    assert_eq!(at(&mut sim, t, "AT+CEREG=2"), "\r\nOK\r\n");
    assert_eq!(
        at(&mut sim, t, "AT+CEREG?"),
        "\r\n+CEREG: 2,1,\"1A2B\",\"00C3D4E5\"\r\n\r\nOK\r\n"
    );
    // Its own setting: +CGREG is untouched.
    assert_eq!(
        at(&mut sim, t, "AT+CGREG?"),
        "\r\n+CGREG: 0,1\r\n\r\nOK\r\n"
    );
    assert_eq!(at(&mut sim, t, "AT+CEREG=3"), "\r\nERROR\r\n");
    // Not registered while the SIM is locked.
    let mut sim = Sim::with_pin(Profile::Generic, Some("1234"), t);
    sim.take_output(t);
    at(&mut sim, t, "ATE0");
    assert_eq!(
        at(&mut sim, t, "AT+CEREG?"),
        "\r\n+CEREG: 0,0\r\n\r\nOK\r\n"
    );
}

#[test]
fn clac_lists_commands_that_are_all_understood() {
    for profile in Profile::ALL {
        let (mut sim, t) = quiet(profile);
        at(&mut sim, t, "AT^CURC=0");
        let list = at(&mut sim, t, "AT+CLAC");
        assert!(list.ends_with("\r\nOK\r\n"), "{list:?}");
        let names: Vec<&str> = list
            .lines()
            .map(str::trim)
            .filter(|l| l.starts_with("AT"))
            .collect();
        assert!(names.len() > 40, "{profile}: {names:?}");
        for must in ["AT+CMGS", "AT+CEREG", "AT+CLAC", "AT+CNMI"] {
            assert!(names.contains(&must), "{profile}: {must}");
        }
        assert_eq!(names.contains(&"AT^CURC"), profile == Profile::HuaweiE173);
        assert_eq!(names.contains(&"AT+ZOPRT"), profile == Profile::ZteMf190);
        // Huawei ends the lines CR CR LF (FIELD.md), the others CR LF.
        assert_eq!(
            list.contains("AT+CSQ\r\r\n"),
            profile == Profile::HuaweiE173,
            "{profile}"
        );
        at(&mut sim, t, "AT+CMEE=1");
        for name in names {
            let answer = at(&mut sim, t, &format!("{name}=?"));
            assert!(
                !answer.contains("ERROR: 4") && !answer.contains("NOT SUPPORT"),
                "{profile}: {name}=? answered {answer:?}"
            );
            // Leave a `> ` prompt of `+CMGS=?` or a reset behind, if any.
            sim.input(t, b"\x1b");
            sim.take_output(t);
        }
    }
}
