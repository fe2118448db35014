//! The framer over realistic byte streams, each fed whole, byte by byte and split at every
//! index (`smsctl::testing::assert_split_invariant`).

use smsctl::at::framer::{Event, Framer, LINE_CAPACITY};
use smsctl::testing::assert_split_invariant;

/// Feeds the chunks to a fresh framer, arming the prompt and echo as `arm` says before the
/// first byte, and renders the events as strings.
fn frame(chunks: &[&[u8]], arm: &dyn Fn(&mut Framer)) -> Vec<String> {
    let mut f = Framer::new();
    arm(&mut f);
    let mut out = Vec::new();
    for c in chunks {
        f.feed(c, &mut |ev| out.push(render(ev)));
    }
    out
}

fn render(ev: Event<'_>) -> String {
    match ev {
        Event::Line(l) => format!("line {}", String::from_utf8_lossy(l)),
        Event::Final { code, .. } => format!("final {code}"),
        Event::Prompt => "prompt".into(),
        Event::Echo => "echo".into(),
        Event::Overflow { kept, len } => format!("overflow {} of {len}", kept.len()),
    }
}

#[test]
fn sim800_power_up_and_query() {
    let input = b"\0\r\nRDY\r\n\r\n+CFUN: 1\r\n\r\n+CPIN: READY\r\n\r\nCall Ready\r\n\r\nSMS Ready\r\nAT+CSQ\r\r\n+CSQ: 18,0\r\n\r\nOK\r\n";
    let got = assert_split_invariant(input, |c| frame(c, &|f| f.expect_echo(b"AT+CSQ\r")));
    assert_eq!(
        got,
        [
            "line RDY",
            "line +CFUN: 1",
            "line +CPIN: READY",
            "line Call Ready",
            "line SMS Ready",
            "echo",
            "line +CSQ: 18,0",
            "final OK"
        ]
    );
}

#[test]
fn cmgs_prompt_then_pdu_echo() {
    let input = b"AT+CMGS=18\r\r\n> 0011000B915389025005F00000AA05E8329BFD06\x1a\r\n+CMGS: 42\r\n\r\nOK\r\n";
    let got = assert_split_invariant(input, |c| {
        let mut f = Framer::new();
        f.expect_echo(b"AT+CMGS=18\r");
        f.expect_prompt();
        let mut out = Vec::new();
        for chunk in c {
            for &b in *chunk {
                let mut arm_body = false;
                if let Some(ev) = f.push(b) {
                    arm_body = ev == Event::Prompt;
                    out.push(render(ev));
                }
                if arm_body {
                    f.expect_echo(b"0011000B915389025005F00000AA05E8329BFD06");
                }
            }
        }
        out
    });
    assert_eq!(
        got,
        ["echo", "prompt", "echo", "line +CMGS: 42", "final OK"]
    );
}

#[test]
fn huawei_command_not_support_and_double_cr() {
    let input = b"\r\n^RSSI:14\r\n\r\n+CLAC: A\r\r\n\r\nCOMMAND NOT SUPPORT\r\n";
    let got = assert_split_invariant(input, |c| frame(c, &|_| {}));
    assert_eq!(
        got,
        [
            "line ^RSSI:14",
            "line +CLAC: A",
            "final COMMAND NOT SUPPORT"
        ]
    );
}

#[test]
fn overflow_is_reported_once_and_framing_resumes() {
    let mut input = b"\r\n+CMGL: 1,0,,200\r\n".to_vec();
    input.extend(std::iter::repeat_n(b'F', 700));
    input.extend_from_slice(b"\r\n+CMTI: \"SM\",2\r\nOK\r\n");
    let got = assert_split_invariant(&input, |c| frame(c, &|_| {}));
    assert_eq!(
        got,
        [
            "line +CMGL: 1,0,,200".to_string(),
            format!("overflow {LINE_CAPACITY} of 700"),
            "line +CMTI: \"SM\",2".to_string(),
            "final OK".to_string()
        ]
    );
}

#[test]
fn unarmed_prompt_is_text() {
    let got = assert_split_invariant(b"\r\n> hello\r\n", |c| frame(c, &|_| {}));
    assert_eq!(got, ["line > hello"]);
}

/// Every trace's modem bytes through an unarmed framer: same events however split, no line
/// lost (every line of the trace that is not blank comes out as a line, code or overflow).
#[test]
fn every_trace_frames_identically_however_split() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/traces");
    let mut n = 0;
    for entry in std::fs::read_dir(dir).expect("tests/traces exists") {
        let path = entry.expect("dir entry").path();
        let text = std::fs::read_to_string(&path).expect("trace reads");
        let trace = smsctl::testing::trace::parse(&text);
        let got = assert_split_invariant(&trace.modem, |c| frame(c, &|_| {}));
        let lines = trace
            .modem
            .split(|&b| b == b'\r' || b == b'\n')
            .filter(|l| l.iter().any(|&b| b != 0))
            .count();
        assert_eq!(got.len(), lines, "{}", path.display());
        n += 1;
    }
    assert!(n >= 5);
}
