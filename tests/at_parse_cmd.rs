//! Command formatting (`at::cmd`) and hex (`at::hex`): exact bytes, refusals, capacity, and
//! round trips through the parsers where a command has an answer of the same shape.

use smsctl::at::cmd::{
    self, Builder, CmdError, MsgFormat, CMD_CAPACITY, CTRL_Z, PDU_BODY_CAPACITY,
};
use smsctl::at::hex::{self, HexError};
use smsctl::at::parse::{Cmti, CpmsQuery, Csca, Mem, MsgStatus};

fn bytes(r: Result<cmd::Command, CmdError>) -> Vec<u8> {
    r.expect("command formats").as_bytes().to_vec()
}

#[test]
fn every_helper_formats_exactly() {
    let table: Vec<(Result<cmd::Command, CmdError>, &[u8])> = vec![
        (cmd::at(), b"AT\r"),
        (cmd::ate0(), b"ATE0\r"),
        (cmd::cmee(1), b"AT+CMEE=1\r"),
        (cmd::cpin_query(), b"AT+CPIN?\r"),
        (cmd::cpin_enter(b"1234"), b"AT+CPIN=\"1234\"\r"),
        (
            cmd::cpin_unblock(b"12345678", b"1234"),
            b"AT+CPIN=\"12345678\",\"1234\"\r",
        ),
        (cmd::cmgf(MsgFormat::Pdu), b"AT+CMGF=0\r"),
        (cmd::cmgf(MsgFormat::Text), b"AT+CMGF=1\r"),
        (cmd::cscs(b"UCS2"), b"AT+CSCS=\"UCS2\"\r"),
        (cmd::cpms_query(), b"AT+CPMS?\r"),
        (
            cmd::cpms(Mem::Sm, Mem::Sm, Mem::Sm),
            b"AT+CPMS=\"SM\",\"SM\",\"SM\"\r",
        ),
        (
            cmd::cpms(Mem::Me, Mem::Other(b"MT"), Mem::Sr),
            b"AT+CPMS=\"ME\",\"MT\",\"SR\"\r",
        ),
        (cmd::cnmi(2, 1, 0, 2, 0), b"AT+CNMI=2,1,0,2,0\r"),
        (cmd::csca_query(), b"AT+CSCA?\r"),
        (
            cmd::csca_set(b"+35988000301", 145),
            b"AT+CSCA=\"+35988000301\",145\r",
        ),
        (cmd::creg_query(), b"AT+CREG?\r"),
        (cmd::creg_set(2), b"AT+CREG=2\r"),
        (cmd::cgreg_query(), b"AT+CGREG?\r"),
        (cmd::cereg_query(), b"AT+CEREG?\r"),
        (cmd::csq(), b"AT+CSQ\r"),
        (cmd::cops_query(), b"AT+COPS?\r"),
        (cmd::cops_format(0), b"AT+COPS=3,0\r"),
        (cmd::cmgl_pdu(MsgStatus::All), b"AT+CMGL=4\r"),
        (cmd::cmgl_pdu(MsgStatus::RecUnread), b"AT+CMGL=0\r"),
        (cmd::cmgl_text(MsgStatus::All), b"AT+CMGL=\"ALL\"\r"),
        (
            cmd::cmgl_text(MsgStatus::RecRead),
            b"AT+CMGL=\"REC READ\"\r",
        ),
        (cmd::cmgr(0), b"AT+CMGR=0\r"),
        (cmd::cmgr(4_294_967_295), b"AT+CMGR=4294967295\r"),
        (cmd::cmgd(3, None), b"AT+CMGD=3\r"),
        (cmd::cmgd(0, Some(4)), b"AT+CMGD=0,4\r"),
        (cmd::cmgs_pdu(23), b"AT+CMGS=23\r"),
        (cmd::cmgs_pdu(164), b"AT+CMGS=164\r"),
        (
            cmd::cmgs_text(b"+359888123456"),
            b"AT+CMGS=\"+359888123456\"\r",
        ),
        (cmd::huawei_curc(0), b"AT^CURC=0\r"),
        (cmd::zte_zcdrun(8), b"AT+ZCDRUN=8\r"),
        (cmd::zte_zoprt(5), b"AT+ZOPRT=5\r"),
        (cmd::cfun(1, Some(1)), b"AT+CFUN=1,1\r"),
        (cmd::cfun(1, None), b"AT+CFUN=1\r"),
        (cmd::cgmi(), b"AT+CGMI\r"),
        (cmd::cgmm(), b"AT+CGMM\r"),
        (cmd::cgmr(), b"AT+CGMR\r"),
        (cmd::cgsn(), b"AT+CGSN\r"),
        (cmd::cimi(), b"AT+CIMI\r"),
    ];
    for (got, want) in table {
        assert_eq!(bytes(got), want, "{}", String::from_utf8_lossy(want));
    }
}

#[test]
fn quoted_arguments_refuse_what_would_break_the_line() {
    assert_eq!(
        cmd::cpin_enter(b"12\"4").unwrap_err(),
        CmdError::BadByte { byte: b'"', at: 2 }
    );
    assert_eq!(
        cmd::cpin_enter(b"12\r4").unwrap_err(),
        CmdError::BadByte { byte: b'\r', at: 2 }
    );
    assert_eq!(
        cmd::cmgs_text(b"+359\x1A").unwrap_err(),
        CmdError::BadByte { byte: 0x1A, at: 4 }
    );
    assert_eq!(
        cmd::cscs(b"\xC3\xA9").unwrap_err(),
        CmdError::BadByte { byte: 0xC3, at: 0 }
    );
    assert_eq!(
        Builder::new(b"+X\n").unwrap_err(),
        CmdError::BadByte { byte: b'\n', at: 2 }
    );
    // An empty quoted argument is allowed (`AT+CSCA=""` style).
    assert_eq!(bytes(cmd::cpin_enter(b"")), b"AT+CPIN=\"\"\r");
}

#[test]
fn numbers_out_of_range_are_refused() {
    assert_eq!(
        cmd::cmgs_pdu(0).unwrap_err(),
        CmdError::OutOfRange { value: 0 }
    );
    assert_eq!(
        cmd::cmgs_pdu(165).unwrap_err(),
        CmdError::OutOfRange { value: 165 }
    );
    assert_eq!(
        cmd::cmgd(1, Some(5)).unwrap_err(),
        CmdError::OutOfRange { value: 5 }
    );
    assert!(cmd::cmgl_pdu(MsgStatus::Other(b"NEW")).is_err());
    assert!(cmd::cmgl_text(MsgStatus::Unknown(9)).is_err());
}

#[test]
fn a_full_buffer_is_an_error_not_a_panic() {
    let long = vec![b'1'; CMD_CAPACITY];
    match cmd::cmgs_text(&long) {
        Err(CmdError::Full { need }) => assert!(need > CMD_CAPACITY),
        other => panic!("expected Full, got {other:?}"),
    }
    // The longest real argument fits: 21 UCS-2 characters in hex.
    let ucs2 = vec![b'0'; 84];
    let c = cmd::cmgs_text(&ucs2).unwrap();
    assert_eq!(c.as_bytes().len(), 9 + 84 + 1 + 1);
    // Exactly at capacity: "AT" + body + "\r".
    let body = vec![b'X'; CMD_CAPACITY - 3];
    assert_eq!(
        Builder::new(&body)
            .unwrap()
            .finish()
            .unwrap()
            .as_bytes()
            .len(),
        CMD_CAPACITY
    );
    let body = vec![b'X'; CMD_CAPACITY - 2];
    assert!(Builder::new(&body).unwrap().finish().is_err());
}

#[test]
fn command_body_strips_at_and_cr() {
    assert_eq!(cmd::cmgr(3).unwrap().body(), b"+CMGR=3");
    assert_eq!(cmd::at().unwrap().body(), b"");
    assert_eq!(format!("{:?}", cmd::cmgr(3).unwrap()), "\"AT+CMGR=3\\r\"");
}

#[test]
fn pdu_body_is_hex_then_ctrl_z() {
    let pdu = [0x00, 0x11, 0x00, 0x0B, 0x91, 0xAB];
    let body = cmd::pdu_body(&pdu).unwrap();
    assert_eq!(body.as_bytes(), b"0011000B91AB\x1A");
    // The largest PDU fits exactly.
    let max = [0x5Au8; 12 + 164];
    let body = cmd::pdu_body(&max).unwrap();
    assert_eq!(body.as_bytes().len(), PDU_BODY_CAPACITY);
    assert_eq!(body.as_bytes().last(), Some(&CTRL_Z));
    assert!(matches!(
        cmd::pdu_body(&[0u8; 177]),
        Err(CmdError::Full { .. })
    ));

    assert_eq!(cmd::text_body(b"hello").unwrap().as_bytes(), b"hello\x1A");
    assert_eq!(
        cmd::text_body(b"a\x1Ab").unwrap_err(),
        CmdError::BadByte { byte: 0x1A, at: 1 }
    );
    assert_eq!(
        cmd::text_body(b"\x1B").unwrap_err(),
        CmdError::BadByte { byte: 0x1B, at: 0 }
    );
}

#[test]
fn hex_round_trips_and_rejects_bad_input() {
    let mut out = [0u8; 16];
    assert_eq!(hex::encode(&[0x07, 0x91, 0xAF, 0x00], &mut out), Ok(8));
    assert_eq!(&out[..8], b"0791AF00");
    let mut back = [0u8; 4];
    assert_eq!(hex::decode(b"0791af00", &mut back), Ok(4));
    assert_eq!(back, [0x07, 0x91, 0xAF, 0x00]);
    assert_eq!(hex::decode(b"", &mut back), Ok(0));
    assert_eq!(hex::decode(b"079", &mut back), Err(HexError::OddLength));
    assert_eq!(
        hex::decode(b"07G1", &mut back),
        Err(HexError::BadDigit { at: 2 })
    );
    assert_eq!(
        hex::decode(b"0791 F", &mut back),
        Err(HexError::BadDigit { at: 4 })
    );
    assert_eq!(
        hex::decode(b"0102030405", &mut back),
        Err(HexError::NoRoom { need: 5 })
    );
    assert_eq!(
        hex::encode(&[1, 2, 3], &mut [0u8; 5]),
        Err(HexError::NoRoom { need: 6 })
    );
    assert_eq!(hex::nibble(b'f'), Some(15));
    assert_eq!(hex::nibble(b'g'), None);
    assert_eq!(
        HexError::BadDigit { at: 3 }.to_string(),
        "not a hex digit at byte 3"
    );

    // Every byte value survives the round trip.
    let all: Vec<u8> = (0..=255).collect();
    let mut digits = [0u8; 512];
    hex::encode(&all, &mut digits).unwrap();
    let mut again = [0u8; 256];
    hex::decode(&digits, &mut again).unwrap();
    assert_eq!(&again[..], &all[..]);
}

#[test]
fn formatted_commands_parse_back() {
    // The `AT+CPMS=` arguments come back in the `+CPMS?` answer.
    let c = cmd::cpms(Mem::Sm, Mem::Me, Mem::Mt).unwrap();
    let args = c.body().strip_prefix(b"+CPMS=").unwrap();
    let mut answer = b"+CPMS: ".to_vec();
    for (i, mem) in args.split(|&b| b == b',').enumerate() {
        if i > 0 {
            answer.push(b',');
        }
        answer.extend_from_slice(mem);
        answer.extend_from_slice(b",0,30");
    }
    let q = CpmsQuery::parse(&answer).unwrap();
    let mems: Vec<Mem<'_>> = q.mems().iter().map(|(m, _)| *m).collect();
    assert_eq!(mems, [Mem::Sm, Mem::Me, Mem::Mt]);

    // `AT+CSCA="…",145` has the shape of the `+CSCA:` answer.
    let c = cmd::csca_set(b"+35988000301", 145).unwrap();
    let mut line = b"+CSCA: ".to_vec();
    line.extend_from_slice(c.body().strip_prefix(b"+CSCA=").unwrap());
    assert_eq!(
        Csca::parse(&line),
        Ok(Csca {
            number: b"+35988000301",
            toa: Some(145)
        })
    );

    // The index of a `+CMTI` goes into `AT+CMGR=` unchanged, whatever its size.
    for index in [0u32, 1, 9, 10, 255, 65_535, u32::MAX] {
        let mut urc = b"+CMTI: \"SM\",".to_vec();
        urc.extend_from_slice(index.to_string().as_bytes());
        let got = Cmti::parse(&urc).unwrap().index;
        let c = cmd::cmgr(got).unwrap();
        assert_eq!(c.body(), format!("+CMGR={index}").as_bytes());
    }

    // `AT+CMGL=` status arguments are the words and numbers `+CMGL:` answers carry.
    for n in 0..=4u8 {
        let s = MsgStatus::from_number(n);
        let pdu = cmd::cmgl_pdu(s).unwrap();
        assert_eq!(pdu.body(), format!("+CMGL={n}").as_bytes());
        let text = cmd::cmgl_text(s).unwrap();
        let word = text
            .body()
            .strip_prefix(b"+CMGL=\"")
            .unwrap()
            .strip_suffix(b"\"")
            .unwrap();
        assert_eq!(MsgStatus::from_word(word), s);
    }
}
