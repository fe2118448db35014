//! What the session does after a timeout (settling), with overlong `+CMT` headers, and with
//! echoes. The traces `late_ok_after_cmgd_timeout.trace` and
//! `cmt_header_longer_than_pairing_buffer.trace` (in `session_traces.rs`) play the whole
//! scenarios; these tests pin the single rules. Byte streams go through the split helper.

use proptest::prelude::*;
use smsctl::modem::session::{Error, Session, DEFAULT_TIMEOUT, SEND_TIMEOUT, SETTLE_INTERVAL};
use smsctl::testing::assert_split_invariant;
use smsctl::testing::trace::render;
use smsctl::time::{Duration, Instant};

const T0: Instant = Instant::ZERO;

/// A session whose `AT+CMGD=3` timed out at `DEFAULT_TIMEOUT`.
fn timed_out() -> (Session, Instant) {
    let mut s = Session::new();
    s.send(T0, b"AT+CMGD=3", DEFAULT_TIMEOUT).unwrap();
    let t = T0 + DEFAULT_TIMEOUT;
    let mut events = Vec::new();
    s.handle_timeout(t, &mut |ev| events.push(render(ev)));
    assert_eq!(events, ["timeout Answer"]);
    (s, t)
}

#[test]
fn settling_refuses_commands_until_the_line_is_quiet() {
    let (mut s, t) = timed_out();
    let until = t + SETTLE_INTERVAL;
    let settling = Error::Settling { until };
    let refused = Err(settling);
    assert_eq!(s.send(t, b"AT", DEFAULT_TIMEOUT), refused);
    assert_eq!(
        s.send_with_body(t, b"AT+CMGS=5", b"00", SEND_TIMEOUT),
        refused
    );
    assert_eq!(s.poll_timeout(), Some(until));
    assert!(s.is_idle() && s.in_flight().is_none());
    assert!(s.is_settling(t + Duration::from_millis(499)) && !s.is_settling(until));
    // Ready at the instant the interval ends, even without handle_timeout.
    assert_eq!(s.send(until, b"AT", DEFAULT_TIMEOUT), Ok(()));
    assert_eq!(
        settling.to_string(),
        "the modem may still answer a timed-out command: no command before the line is quiet \
         at 10500 ms"
    );
}

#[test]
fn every_byte_restarts_the_quiet_interval() {
    let (mut s, t) = timed_out();
    let later = t + Duration::from_millis(300);
    let mut events = Vec::new();
    // Half a line: no event yet, but the line is not quiet.
    s.handle_input_at(later, b"\r\nO", &mut |ev| events.push(render(ev)));
    assert!(events.is_empty());
    assert_eq!(s.poll_timeout(), Some(later + SETTLE_INTERVAL));
    let end = later + Duration::from_millis(100);
    s.handle_input_at(end, b"K\r\n", &mut |ev| events.push(render(ev)));
    assert_eq!(events, ["unexpected OK"], "a late OK completes nothing");
    assert!(s.is_settling(end + Duration::from_millis(499)));
    s.handle_timeout(end + SETTLE_INTERVAL, &mut |ev| events.push(render(ev)));
    assert!(s.is_ready(end + SETTLE_INTERVAL) && s.poll_timeout().is_none());
}

#[test]
fn late_lines_while_settling_are_unexpected_and_urcs_stay_urcs() {
    // Fed at the timeout instant, however split.
    let input = b"\r\n+CMGD: 3\r\n\r\n+CMTI: \"SM\",4\r\n\r\nERROR\r\n";
    let got = assert_split_invariant(input, |chunks| {
        let (mut s, t) = timed_out();
        let mut out = Vec::new();
        for c in chunks {
            s.handle_input_at(t, c, &mut |ev| out.push(render(ev)));
        }
        out.push(format!("{:?}", s.send(t, b"AT", DEFAULT_TIMEOUT)));
        out
    });
    assert_eq!(
        got,
        [
            "unexpected +CMGD: 3",
            "urc Cmti +CMTI: \"SM\",4",
            "unexpected ERROR",
            "Err(Settling { until: Instant(10500) })"
        ]
    );
}

/// The resync recipe: after settling, a plain `AT`; the late `OK` completes it and the `AT`'s
/// own `OK` falls into the settling interval that follows the first completion after a
/// timeout, so the next command gets only its own answer.
#[test]
fn resync_at_absorbs_a_doubled_ok() {
    let input = b"\r\nOK\r\n\r\nOK\r\n";
    let got = assert_split_invariant(input, |chunks| {
        let (mut s, t) = timed_out();
        let ready = t + SETTLE_INTERVAL;
        s.send(ready, b"AT", DEFAULT_TIMEOUT).unwrap();
        let late = ready + Duration::from_millis(1500);
        let mut out = Vec::new();
        for c in chunks {
            s.handle_input_at(late, c, &mut |ev| out.push(render(ev)));
            // The modem layer tries its next command as soon as it can: never taken here.
            if s.send(late, b"AT+CMGR=4", DEFAULT_TIMEOUT).is_ok() {
                out.push(String::from("sent AT+CMGR=4"));
            }
        }
        out.push(format!("{:?}", s.send(late, b"AT+CMGR=4", DEFAULT_TIMEOUT)));
        out
    });
    assert_eq!(
        got,
        [
            "done OK",
            "unexpected OK",
            "Err(Settling { until: Instant(12500) })"
        ]
    );
}

#[test]
fn a_resync_that_ends_quietly_settles_once_more_then_is_ready() {
    let (mut s, t) = timed_out();
    let ready = t + SETTLE_INTERVAL;
    s.send(ready, b"AT", DEFAULT_TIMEOUT).unwrap();
    let done = ready + Duration::from_millis(20);
    let mut events = Vec::new();
    s.handle_input_at(done, b"\r\nOK\r\n", &mut |ev| events.push(render(ev)));
    assert_eq!(events, ["done OK"]);
    assert_eq!(s.poll_timeout(), Some(done + SETTLE_INTERVAL));
    s.handle_timeout(done + SETTLE_INTERVAL, &mut |_| {});
    // The debt is paid: the next command completes without another interval.
    s.send(done + SETTLE_INTERVAL, b"AT+CSQ", DEFAULT_TIMEOUT)
        .unwrap();
    s.handle_input(b"\r\n+CSQ: 9,99\r\n\r\nOK\r\n", &mut |_| {});
    assert!(s.is_ready(done + SETTLE_INTERVAL) && s.poll_timeout().is_none());
}

#[test]
fn a_cmt_header_longer_than_a_line_does_not_lend_its_pdu_to_the_command() {
    // Over the framer's 512-byte line: reported as an overflow, the PDU line as unexpected.
    let mut input = b"\r\n+CMT: \"".to_vec();
    input.extend(std::iter::repeat_n(b'0', 600));
    input.extend_from_slice(b"\",24\r\n0791539878000000040C91538928050500000062116261000080\r\n");
    input.extend_from_slice(b"\r\n+CSQ: 9,99\r\n\r\nOK\r\n");
    let got = assert_split_invariant(&input, |chunks| {
        let mut s = Session::new();
        s.send(T0, b"AT+CSQ", DEFAULT_TIMEOUT).unwrap();
        let mut out = Vec::new();
        for c in chunks {
            s.handle_input(c, &mut |ev| out.push(render(ev)));
        }
        out
    });
    assert_eq!(
        got,
        [
            "overflow 611",
            "unexpected 0791539878000000040C91538928050500000062116261000080",
            "response +CSQ: 9,99",
            "done OK"
        ]
    );
}

#[test]
fn swallowed_echoes_are_counted() {
    let mut s = Session::new();
    assert_eq!(s.echoes_swallowed(), 0);
    s.send(T0, b"ATE0", DEFAULT_TIMEOUT).unwrap();
    s.handle_input(b"ATE0\r\r\nOK\r\n", &mut |_| {});
    assert_eq!(s.echoes_swallowed(), 1);
    s.send(T0, b"AT+CSQ", DEFAULT_TIMEOUT).unwrap();
    s.handle_input(b"\r\n+CSQ: 9,99\r\n\r\nOK\r\n", &mut |_| {});
    assert_eq!(s.echoes_swallowed(), 1, "echo is off now");
    s.reset();
    assert_eq!(s.echoes_swallowed(), 0);
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    /// Whatever came before and during it, settling ends: once the input stops, the session
    /// takes a command again by the time `poll_timeout` named, at most one interval later.
    #[test]
    fn settling_always_ends(
        before in proptest::collection::vec(any::<u8>(), 0..512),
        during in proptest::collection::vec((any::<u8>(), 0u64..400), 0..64),
        body in any::<bool>(),
    ) {
        let mut s = Session::new();
        let _ = if body {
            s.send_with_body(T0, b"AT+CMGS=5", b"0001000000", SEND_TIMEOUT)
        } else {
            s.send(T0, b"AT+CMGL=4", DEFAULT_TIMEOUT)
        };
        s.handle_input(&before, &mut |_| {});
        let mut now = T0 + SEND_TIMEOUT;
        s.handle_timeout(now, &mut |_| {});
        for (b, ms) in during {
            now = now + Duration::from_millis(ms);
            s.handle_timeout(now, &mut |_| {});
            s.handle_input_at(now, &[b], &mut |_| {});
        }
        // The input may have completed nothing or a command sent meanwhile (none was): only
        // settling or idle is possible, and it ends within one interval of quiet.
        prop_assert!(s.is_idle());
        if let Some(t) = s.poll_timeout() {
            prop_assert!(t <= now + SETTLE_INTERVAL);
            s.handle_timeout(t, &mut |_| {});
            now = t;
        }
        prop_assert!(s.is_ready(now));
        prop_assert!(s.poll_timeout().is_none());
        prop_assert_eq!(s.send(now, b"AT", DEFAULT_TIMEOUT), Ok(()));
    }
}
