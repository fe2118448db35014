//! The parameter tokenizer: quotes with commas inside, empty parameters, spaces, groups,
//! unquoted hex, and the errors with their offsets.

use smsctl::at::parse::params::{Form, Params, MAX_PARAMS};
use smsctl::at::parse::{fields, ErrorKind, ParseError};

fn split(line: &[u8]) -> Vec<(Vec<u8>, Form, usize)> {
    Params::split(line, 0)
        .unwrap()
        .as_slice()
        .iter()
        .map(|p| (p.raw.to_vec(), p.form, p.at))
        .collect()
}

fn bare(s: &str, at: usize) -> (Vec<u8>, Form, usize) {
    (s.as_bytes().to_vec(), Form::Bare, at)
}

fn quoted(s: &str, at: usize) -> (Vec<u8>, Form, usize) {
    (s.as_bytes().to_vec(), Form::Quoted, at)
}

#[test]
fn splits_like_a_modem_means_it() {
    assert_eq!(split(b""), vec![]);
    assert_eq!(split(b"   "), vec![]);
    assert_eq!(split(b"1"), vec![bare("1", 0)]);
    assert_eq!(split(b"1,"), vec![bare("1", 0), bare("", 2)]);
    assert_eq!(split(b",,"), vec![bare("", 0), bare("", 1), bare("", 2)]);
    assert_eq!(
        split(b"\"REC READ\",\"+359\",,\"24/11/26,12:00:00+08\""),
        vec![
            quoted("REC READ", 1),
            quoted("+359", 12),
            bare("", 18),
            quoted("24/11/26,12:00:00+08", 20),
        ]
    );
    // Spaces around parameters, inside quotes kept.
    assert_eq!(
        split(b" 1 , \" a b \" ,2 "),
        vec![bare("1", 1), quoted(" a b ", 6), bare("2", 14)]
    );
    assert_eq!(split(b"2,1,4CA,81DE445")[2], bare("4CA", 4));
    assert_eq!(split(b"\"\",\"x\"")[0], quoted("", 1));
    assert_eq!(
        split(b"(\"SM\",\"ME\"),(\"SM\")"),
        vec![
            (b"\"SM\",\"ME\"".to_vec(), Form::Group, 1),
            (b"\"SM\"".to_vec(), Form::Group, 13),
        ]
    );
    // A `)` inside quotes does not close a group.
    assert_eq!(split(b"(\"a)\")")[0], (b"\"a)\"".to_vec(), Form::Group, 1));
}

#[test]
fn refuses_broken_quoting_with_offsets() {
    let e = |line: &[u8]| Params::split(line, 0).unwrap_err();
    assert_eq!(
        e(b"\"abc"),
        ParseError {
            kind: ErrorKind::Quote,
            at: 0
        }
    );
    assert_eq!(
        e(b"1,\"abc"),
        ParseError {
            kind: ErrorKind::Quote,
            at: 2
        }
    );
    assert_eq!(
        e(b"\"a\"b"),
        ParseError {
            kind: ErrorKind::Quote,
            at: 3
        }
    );
    assert_eq!(
        e(b"ab\"c\""),
        ParseError {
            kind: ErrorKind::Quote,
            at: 2
        }
    );
    assert_eq!(
        e(b"(1,2"),
        ParseError {
            kind: ErrorKind::Quote,
            at: 0
        }
    );
    assert_eq!(
        e(b"1)"),
        ParseError {
            kind: ErrorKind::Quote,
            at: 1
        }
    );
    let too_many = vec![b','; MAX_PARAMS];
    assert_eq!(e(&too_many).kind, ErrorKind::TooMany);
    let just_enough = vec![b','; MAX_PARAMS - 1];
    assert_eq!(Params::split(&just_enough, 0).unwrap().len(), MAX_PARAMS);
}

#[test]
fn numbers_are_checked() {
    let p = Params::split(
        b"0,4294967295,4294967296,65536,256,12a,,\"7\",FFFFFFFF,123456789",
        0,
    )
    .unwrap();
    let get = |i| p.get(i).unwrap();
    assert_eq!(get(0).u32(), Ok(0));
    assert_eq!(get(1).u32(), Ok(u32::MAX));
    assert_eq!(get(2).u32().unwrap_err().kind, ErrorKind::Overflow);
    assert_eq!(get(3).u16().unwrap_err().kind, ErrorKind::Overflow);
    assert_eq!(get(4).u8().unwrap_err().kind, ErrorKind::Overflow);
    assert_eq!(
        get(5).u32(),
        Err(ParseError {
            kind: ErrorKind::Number,
            at: 36
        })
    );
    assert_eq!(get(6).u32().unwrap_err().kind, ErrorKind::Missing);
    assert_eq!(get(6).opt_u8(), Ok(None));
    assert_eq!(get(7).u8(), Ok(7));
    assert_eq!(get(8).hex_u32(), Ok(u32::MAX));
    assert_eq!(get(9).hex_u32().unwrap_err().kind, ErrorKind::Overflow);
    assert_eq!(get(5).hex_u32(), Ok(0x12A));
    assert_eq!(p.req(10).unwrap_err().kind, ErrorKind::Missing);
    assert_eq!(p.at_most(9).unwrap_err().kind, ErrorKind::TooMany);
    assert!(p.at_most(10).is_ok());
}

#[test]
fn names_are_matched_whole_and_without_case() {
    assert_eq!(fields(b"+CSQ: 1,2", b"+CSQ").unwrap().len(), 2);
    assert_eq!(fields(b"+csq:1,2", b"+CSQ").unwrap().len(), 2);
    assert_eq!(
        fields(b"+CSQX: 1", b"+CSQ").unwrap_err(),
        ParseError {
            kind: ErrorKind::Prefix,
            at: 4
        }
    );
    assert_eq!(
        fields(b"+CS", b"+CSQ").unwrap_err(),
        ParseError {
            kind: ErrorKind::Prefix,
            at: 0
        }
    );
    assert_eq!(
        fields(b"+CSQ", b"+CSQ").unwrap_err(),
        ParseError {
            kind: ErrorKind::Prefix,
            at: 4
        }
    );
    assert!(fields(b"+CSQ:", b"+CSQ").unwrap().is_empty());
}

#[test]
fn errors_display_kind_and_offset() {
    let e = ParseError {
        kind: ErrorKind::Quote,
        at: 11,
    };
    assert_eq!(e.to_string(), "bad quoting at byte 11");
    let e = ParseError {
        kind: ErrorKind::Overflow,
        at: 7,
    };
    assert_eq!(e.to_string(), "number out of range at byte 7");
}
