//! The session's rules, one case each, plus `pump` over a scripted port. Every byte stream goes
//! through the split helper.

use smsctl::modem::session::{
    pump, Error, Session, BODY_CAPACITY, COMMAND_CAPACITY, DEFAULT_TIMEOUT, ESC, ESCAPE_SEQUENCE,
    SEND_TIMEOUT, SETTLE_INTERVAL,
};
use smsctl::modem::Port;
use smsctl::testing::assert_split_invariant;
use smsctl::testing::trace::render;
use smsctl::time::{Duration, Instant};

/// Sends `cmd` (if any) to a fresh session at time zero, feeds the chunks, returns the events.
fn run(cmd: Option<&[u8]>, chunks: &[&[u8]]) -> Vec<String> {
    let mut s = Session::new();
    if let Some(c) = cmd {
        s.send(Instant::ZERO, c, DEFAULT_TIMEOUT).unwrap();
    }
    let mut out = Vec::new();
    for c in chunks {
        s.handle_input(c, &mut |ev| out.push(render(ev)));
    }
    out
}

fn check(cmd: Option<&[u8]>, input: &[u8], want: &[&str]) {
    let got = assert_split_invariant(input, |c| run(cmd, c));
    assert_eq!(got, want);
}

#[test]
fn creg_answers_creg_query() {
    check(
        Some(b"AT+CREG?"),
        b"\r\n+CREG: 0,1\r\n\r\nOK\r\n",
        &["response +CREG: 0,1", "done OK"],
    );
}

#[test]
fn creg_with_one_param_while_idle_is_a_urc() {
    check(None, b"\r\n+CREG: 1\r\n", &["urc Creg +CREG: 1"]);
}

#[test]
fn creg_while_another_command_runs_is_a_urc() {
    check(
        Some(b"AT+CSQ"),
        b"\r\n+CREG: 5\r\n\r\n+CSQ: 9,99\r\n\r\nOK\r\n",
        &["urc Creg +CREG: 5", "response +CSQ: 9,99", "done OK"],
    );
}

#[test]
fn chained_command_answers_each_name() {
    check(
        Some(b"AT+CMEE=1;+CREG?"),
        b"\r\n+CREG: 0,1\r\n\r\nOK\r\n",
        &["response +CREG: 0,1", "done OK"],
    );
}

#[test]
fn cmti_between_cmgl_header_and_pdu_is_a_urc() {
    check(
        Some(b"AT+CMGL=4"),
        b"\r\n+CMGL: 3,0,,4\r\n\r\n+CMTI: \"SM\",4\r\n00040000\r\n\r\nOK\r\n",
        &[
            "response +CMGL: 3,0,,4",
            "urc Cmti +CMTI: \"SM\",4",
            "response 00040000",
            "done OK",
        ],
    );
}

#[test]
fn cmgr_body_line_is_an_answer_even_if_it_reads_like_a_urc_word() {
    // Text mode: the body "RING" after a +CMGR header belongs to the message.
    check(
        Some(b"AT+CMGR=1"),
        b"\r\n+CMGR: \"REC UNREAD\",\"+3598\",,\"26/11/26,16:00:00+08\"\r\nRING\r\n\r\nOK\r\n",
        &[
            "response +CMGR: \"REC UNREAD\",\"+3598\",,\"26/11/26,16:00:00+08\"",
            "response RING",
            "done OK",
        ],
    );
}

#[test]
fn unknown_named_line_during_a_command_is_unexpected() {
    check(
        Some(b"AT+CSQ"),
        b"\r\n+XYZ: 1\r\n\r\n+CSQ: 9,99\r\n\r\nOK\r\n",
        &["unexpected +XYZ: 1", "response +CSQ: 9,99", "done OK"],
    );
}

#[test]
fn plain_lines_answer_basic_commands() {
    check(
        Some(b"ATI"),
        b"ATI\r\r\nManufacturer: huawei\r\nModel: E173\r\n\r\nOK\r\n",
        &[
            "response Manufacturer: huawei",
            "response Model: E173",
            "done OK",
        ],
    );
}

#[test]
fn stray_lines_while_idle_are_unexpected() {
    check(
        None,
        b"\r\nOK\r\n\r\nhello\r\n",
        &["unexpected OK", "unexpected hello"],
    );
}

#[test]
fn cmt_header_followed_by_a_final_code_is_reported_alone() {
    check(
        Some(b"AT"),
        b"\r\n+CMT: ,24\r\n\r\nOK\r\n",
        &["urc Cmt +CMT: ,24", "done OK"],
    );
}

#[test]
fn cmt_header_followed_by_a_cmti_is_reported_alone() {
    check(
        None,
        b"\r\n+CMT: ,24\r\n+CMTI: \"SM\",1\r\n",
        &["urc Cmt +CMT: ,24", "urc Cmti +CMTI: \"SM\",1"],
    );
}

#[test]
fn cpin_ready_answers_a_query_but_is_a_urc_at_power_up() {
    check(None, b"\r\n+CPIN: READY\r\n", &["urc Cpin +CPIN: READY"]);
    check(
        Some(b"AT+CPIN?"),
        b"\r\n+CPIN: READY\r\n\r\nOK\r\n",
        &["response +CPIN: READY", "done OK"],
    );
}

#[test]
fn echo_off_modem_answers_the_same() {
    check(
        Some(b"AT+CSQ"),
        b"\r\n+CSQ: 9,99\r\n\r\nOK\r\n",
        &["response +CSQ: 9,99", "done OK"],
    );
}

#[test]
fn refuses_a_second_command_and_oversized_ones() {
    let mut s = Session::new();
    let t = Instant::ZERO;
    assert_eq!(s.send(t, b"\r", DEFAULT_TIMEOUT), Err(Error::EmptyCommand));
    let long = vec![b'A'; COMMAND_CAPACITY];
    assert_eq!(
        s.send(t, &long, DEFAULT_TIMEOUT),
        Err(Error::CommandTooLong {
            len: COMMAND_CAPACITY + 1
        })
    );
    let body = vec![b'0'; BODY_CAPACITY];
    assert_eq!(
        s.send_with_body(t, b"AT+CMGS=1", &body, SEND_TIMEOUT),
        Err(Error::BodyTooLong {
            len: BODY_CAPACITY + 1
        })
    );
    assert!(s.is_idle() && s.poll_transmit().is_none());
    s.send(t, b"AT\r", DEFAULT_TIMEOUT).unwrap();
    assert_eq!(s.send(t, b"AT", DEFAULT_TIMEOUT), Err(Error::Busy));
    assert_eq!(s.poll_transmit(), Some(&b"AT\r"[..]));
    assert_eq!(s.in_flight(), Some(&b"AT\r"[..]));
    assert_eq!(
        Error::CommandTooLong { len: 200 }.to_string(),
        "command of 200 bytes exceeds 128 bytes"
    );
}

#[test]
fn deadline_is_reported_and_only_reached_at_it() {
    let mut s = Session::new();
    let t0 = Instant::from_secs(100);
    s.send(t0, b"AT+COPS=?", Duration::from_secs(120)).unwrap();
    assert_eq!(s.poll_timeout(), Some(Instant::from_secs(220)));
    let mut events = Vec::new();
    s.handle_timeout(Instant::from_millis(219_999), &mut |ev| {
        events.push(render(ev))
    });
    assert!(events.is_empty() && !s.is_idle());
    s.handle_timeout(Instant::from_secs(220), &mut |ev| events.push(render(ev)));
    assert_eq!(events, ["timeout Answer"]);
    // No command in flight, but settling until the line has been quiet long enough.
    let quiet = Instant::from_secs(220) + SETTLE_INTERVAL;
    assert!(s.is_idle() && s.is_settling(Instant::from_secs(220)));
    assert_eq!(s.poll_timeout(), Some(quiet));
    s.handle_timeout(quiet, &mut |ev| events.push(render(ev)));
    assert_eq!(events, ["timeout Answer"], "settling ends without an event");
    assert!(s.is_ready(quiet) && s.poll_timeout().is_none());
}

#[test]
fn prompt_timeout_sends_esc_and_discards_unsent_bytes() {
    let mut s = Session::new();
    s.send_with_body(Instant::ZERO, b"AT+CMGS=5", b"0001000000", SEND_TIMEOUT)
        .unwrap();
    let mut events = Vec::new();
    s.handle_timeout(Instant::ZERO + SEND_TIMEOUT, &mut |ev| {
        events.push(render(ev))
    });
    assert_eq!(events, ["timeout Prompt"]);
    assert_eq!(s.poll_transmit(), Some(&[ESC, b'\r'][..]), "ESC then CR");
    assert_eq!(ESCAPE_SEQUENCE, [ESC, b'\r']);
}

#[test]
fn timeout_after_the_body_sends_no_esc() {
    let mut s = Session::new();
    s.send_with_body(Instant::ZERO, b"AT+CMGS=5", b"0001000000\x1a", SEND_TIMEOUT)
        .unwrap();
    s.transmitted(100);
    let mut events = Vec::new();
    s.handle_input(b"\r\n> ", &mut |ev| events.push(render(ev)));
    assert_eq!(
        s.poll_transmit(),
        Some(&b"0001000000\x1a"[..]),
        "one Ctrl-Z"
    );
    s.transmitted(4);
    assert_eq!(s.poll_transmit(), Some(&b"000000\x1a"[..]));
    s.handle_timeout(Instant::ZERO + SEND_TIMEOUT, &mut |ev| {
        events.push(render(ev))
    });
    assert_eq!(events, ["prompt", "timeout AfterBody"]);
    assert_eq!(s.poll_transmit(), None);
}

#[test]
fn input_until_idle_stops_after_the_final_code() {
    let mut s = Session::new();
    s.send(Instant::ZERO, b"AT", DEFAULT_TIMEOUT).unwrap();
    let input = b"\r\nOK\r\n+CMTI: \"SM\",1\r\n";
    let mut events = Vec::new();
    let n = s.handle_input_until_idle(input, &mut |ev| events.push(render(ev)));
    assert_eq!(n, 5, "the CR after OK ends the line");
    assert_eq!(events, ["done OK"]);
    let rest = input.get(n..).unwrap();
    assert_eq!(
        s.handle_input_until_idle(rest, &mut |ev| events.push(render(ev))),
        rest.len()
    );
    assert_eq!(events, ["done OK", "urc Cmti +CMTI: \"SM\",1"]);
}

/// A port that echoes nothing and answers each CR-terminated command with a scripted reply,
/// giving at most `grain` bytes per read or write.
struct Scripted {
    replies: Vec<&'static [u8]>,
    pending: Vec<u8>,
    written: Vec<u8>,
    grain: usize,
    gone: bool,
}

impl Port for Scripted {
    type Error = &'static str;
    fn read(&mut self, buf: &mut [u8]) -> nb::Result<usize, &'static str> {
        if self.gone {
            return Err(nb::Error::Other("unplugged"));
        }
        if self.pending.is_empty() {
            return Err(nb::Error::WouldBlock);
        }
        let n = self.pending.len().min(buf.len()).min(self.grain);
        buf[..n].copy_from_slice(&self.pending[..n]);
        self.pending.drain(..n);
        Ok(n)
    }
    fn write(&mut self, buf: &[u8]) -> nb::Result<usize, &'static str> {
        let n = buf.len().min(self.grain);
        for &b in &buf[..n] {
            self.written.push(b);
            if (b == b'\r' || b == 0x1a) && !self.replies.is_empty() {
                let r = self.replies.remove(0);
                self.pending.extend_from_slice(r);
            }
        }
        Ok(n)
    }
}

#[test]
fn pump_drives_a_cmgs_over_a_port() {
    let mut port = Scripted {
        replies: vec![b"\r\n> ", b"\r\n+CMGS: 9\r\n\r\nOK\r\n"],
        pending: Vec::new(),
        written: Vec::new(),
        grain: 3,
        gone: false,
    };
    let mut s = Session::new();
    s.send_with_body(Instant::ZERO, b"AT+CMGS=5", b"0001000000", SEND_TIMEOUT)
        .unwrap();
    let mut events = Vec::new();
    for ms in 0..50 {
        pump(&mut port, &mut s, Instant::from_millis(ms), &mut |ev| {
            events.push(render(ev))
        })
        .unwrap();
    }
    assert_eq!(events, ["prompt", "response +CMGS: 9", "done OK"]);
    assert_eq!(port.written, b"AT+CMGS=5\r0001000000\x1a");
    port.gone = true;
    assert_eq!(
        pump(&mut port, &mut s, Instant::from_millis(60), &mut |_| {}),
        Err("unplugged")
    );
}

#[test]
fn pump_times_out_a_silent_modem() {
    let mut port = Scripted {
        replies: vec![],
        pending: Vec::new(),
        written: Vec::new(),
        grain: 64,
        gone: false,
    };
    let mut s = Session::new();
    s.send(Instant::ZERO, b"AT", DEFAULT_TIMEOUT).unwrap();
    let mut events = Vec::new();
    let mut now = Instant::ZERO;
    while let Some(deadline) = s.poll_timeout() {
        now = deadline; // the host sleeps on the port until the deadline
        pump(&mut port, &mut s, now, &mut |ev| events.push(render(ev))).unwrap();
    }
    assert_eq!(events, ["timeout Answer"]);
    // The deadline, then the settling interval of a quiet line.
    assert_eq!(now, Instant::ZERO + DEFAULT_TIMEOUT + SETTLE_INTERVAL);
    assert!(s.is_ready(now));
}

/// A 50-message +CMGL answer (over 4 KiB, so split at sampled indexes) is streamed line by line
/// with a +CMTI in the middle, however the bytes are split.
#[test]
fn long_cmgl_answer_streams_identically_however_split() {
    let pdu = "0791539878000000040C9153892805050000006211626100008005E8329BFD06";
    let mut input = String::from("AT+CMGL=4\r\r\n");
    let mut want = Vec::new();
    for i in 0..50 {
        input.push_str(&format!("+CMGL: {i},1,,24\r\n{pdu}\r\n"));
        want.push(format!("response +CMGL: {i},1,,24"));
        want.push(format!("response {pdu}"));
        if i == 25 {
            input.push_str("\r\n+CMTI: \"SM\",51\r\n");
            want.push(String::from("urc Cmti +CMTI: \"SM\",51"));
        }
    }
    input.push_str("\r\nOK\r\n");
    want.push(String::from("done OK"));
    assert!(input.len() > smsctl::testing::EXHAUSTIVE_SPLIT_LIMIT);
    let got = assert_split_invariant(input.as_bytes(), |c| run(Some(b"AT+CMGL=4"), c));
    assert_eq!(got, want);
}
