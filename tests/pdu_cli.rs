//! `smsctl pdu decode|encode` through the binary.

use std::process::{Command, Output};

fn smsctl(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_smsctl"))
        .args(args)
        .output()
        .expect("the smsctl binary runs")
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

/// chan_dongle issue #8 (bg111/asterisk-chan-dongle, a user's report): an emoji PDU.
const EMOJI: &str = "07913306092041F0040B913306991364F60008619091516061800AD83DDE03D83DDE0E0020";

#[test]
fn decode_prints_every_field() {
    let o = smsctl(&["pdu", "decode", EMOJI]);
    assert!(o.status.success(), "{o:?}");
    let text = stdout(&o);
    for line in [
        "type: SMS-DELIVER",
        "smsc: +33609002140 (international)",
        "sender: +33609931466 (international)",
        "timestamp: 2016-09-19T15:06:16+02:00",
        "coding: ucs2",
        "class: none",
        "concat: none",
        "text: 😃😎 ",
    ] {
        assert!(
            text.lines().any(|l| l == line),
            "missing {line:?} in\n{text}"
        );
    }
}

#[test]
fn decode_json_is_one_object_with_stable_names() {
    // ModemManager src/tests/test-sms-part-3gpp.c (GPL-2.0+): KPN welcome, 16-bit reference.
    let hex = "07911356131313F64004850120390011609232239180A006080400100201D7327BFD6EB340E232\
1BF46E83EA7790F59D1E97DBE1341B442F83C465763D3DA797E56537C81D0ECB41AB59CC1693C1\
6031D96C064241E5656838AF03A96230982A269BCD462917C8FA4E8FCBED709A0D7ABBE9F6B0FB\
5C7683D27350984D4FABC9A0B33C4C4FCF5D20EBFB2D079DCB62793DBD06D9C36E50FB2D4E97D9\
A0B49B5E96BBCB";
    let o = smsctl(&["pdu", "decode", "--json", hex]);
    assert!(o.status.success(), "{o:?}");
    let text = stdout(&o);
    assert_eq!(text.lines().count(), 1);
    for field in [
        r#""type":"SMS-DELIVER""#,
        r#""smsc":"+31653131316""#,
        r#""smsc_type":"international""#,
        r#""sender":"1002""#,
        r#""sender_type":"unknown""#,
        r#""timestamp":"2011-06-29T23:32:19+02:00""#,
        r#""coding":"gsm7""#,
        r#""class":null"#,
        r#""concat":{"reference":16,"part":1,"total":2}"#,
        r#""text":"Welkom, bel om uw Voicemail"#,
        r#""data_hex":null"#,
    ] {
        assert!(text.contains(field), "missing {field} in {text}");
    }
}

#[test]
fn decode_json_escapes_strings() {
    // ModemManager: SFR text with CR LF; python-gsmmodem: "@{tést}!" has no quotes, so build one.
    let o = smsctl(&["pdu", "encode", "+15551234", "say \"hi\"\\"]);
    let line = stdout(&o);
    let hex = line.split_whitespace().nth(1).unwrap().to_string();
    let o = smsctl(&["pdu", "decode", "--json", &hex]);
    assert!(
        stdout(&o).contains(r#""text":"say \"hi\"\\""#),
        "{}",
        stdout(&o)
    );
    let o = smsctl(&["pdu", "encode", "+15551234", "a\nb\u{1}"]);
    let hex = stdout(&o).split_whitespace().nth(1).unwrap().to_string();
    let o = smsctl(&["pdu", "decode", "--json", &hex]);
    assert!(
        stdout(&o).contains(r#""text":"a\nb\u0001""#),
        "{}",
        stdout(&o)
    );
}

#[test]
fn bad_pdu_names_offset_and_problem() {
    let o = smsctl(&[
        "pdu",
        "decode",
        "07912143658709f1040b918100551512f20000111010214365000be8329bfd4697d9ec37",
    ]);
    assert_eq!(o.status.code(), Some(1));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(
        err.contains(
            "truncated at octet 26: user data length 11 septets needs 10 octets, 9 remain"
        ),
        "{err}"
    );
    let o = smsctl(&["pdu", "decode", "07zz"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&o.stderr).contains("not a hex digit at character 2"));
}

#[test]
fn encode_prints_length_and_hex_per_part() {
    // python-gsmmodem test/test_pdu.py (LGPL-3.0+): "Hello World!" to +27820001111.
    let o = smsctl(&["pdu", "encode", "+27820001111", "Hello", "World!"]);
    assert!(o.status.success());
    assert_eq!(
        stdout(&o),
        "24 0001000B917228001011F100000CC8329BFD065DDF72363904\n"
    );

    let long = "x".repeat(161);
    let o = smsctl(&["pdu", "encode", "--report", "0888123456", &long]);
    let out = stdout(&o);
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines.len(), 2);
    for (i, line) in lines.iter().enumerate() {
        let (len, hex) = line.split_once(' ').unwrap();
        let len: usize = len.parse().unwrap();
        assert_eq!(len, hex.len() / 2 - 1);
        // SMSC 00, first octet SUBMIT + SRR + UDHI = 0x61.
        assert!(hex.starts_with("0061"), "{hex}");
        let o = smsctl(&["pdu", "decode", hex]);
        let text = stdout(&o);
        assert!(text.contains("recipient: 0888123456 (unknown)"), "{text}");
        assert!(text.contains("status report requested: yes"));
        assert!(text.contains(&format!("part {} of 2", i + 1)), "{text}");
    }
}

#[test]
fn encode_ucs2_forced_and_usage_errors() {
    let o = smsctl(&["pdu", "encode", "--ucs2", "+359882505000", "ok"]);
    let out = stdout(&o);
    // DCS 0x08, UDL 4, then "o" "k" as UTF-16BE.
    assert!(out.trim_end().ends_with("000804006F006B"), "{out}");
    assert_eq!(smsctl(&["pdu", "encode", "+1"]).status.code(), Some(2));
    assert_eq!(smsctl(&["pdu", "frob"]).status.code(), Some(2));
    let o = smsctl(&["pdu", "encode", "+12x4", "hi"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&o.stderr).contains("bad character 'x'"));
}
