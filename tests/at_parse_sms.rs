//! Table tests for the SMS parsers: `+CMTI`, `+CDSI`, `+CMGR`, `+CMGL`, `+CMGS`, `+CMT`, `+CDS`.

use smsctl::at::parse::{
    CdsPdu, Cdsi, CmglPdu, CmglText, CmgrPdu, CmgrText, Cmgs, CmtPdu, CmtText, Cmti, ErrorKind,
    Mem, MsgStatus, ParseError,
};

fn err(kind: ErrorKind, at: usize) -> ParseError {
    ParseError { kind, at }
}

#[test]
fn cmti_table() {
    let ok: &[(&[u8], Mem<'_>, u32)] = &[
        (b"+CMTI: \"SM\",3", Mem::Sm, 3),
        (b"+CMTI: \"ME\",12", Mem::Me, 12),
        (b"+CMTI: \"MT\",1", Mem::Mt, 1),
        // Huawei numbers storage from 0.
        (b"+CMTI: \"SM\",0", Mem::Sm, 0),
        (b"+CMTI:\"SM\",7", Mem::Sm, 7),
        (b"+CMTI: \"SM\", 4 ", Mem::Sm, 4),
        (b"+cmti: \"sm\",5", Mem::Sm, 5),
        (b"+CMTI: \"XY\",9", Mem::Other(b"XY"), 9),
        (b"+CMTI: \"SM\",4294967295", Mem::Sm, u32::MAX),
    ];
    for &(line, mem, index) in ok {
        assert_eq!(Cmti::parse(line), Ok(Cmti { mem, index }), "{line:?}");
    }
    let bad: &[(&[u8], ParseError)] = &[
        (b"+CMTI: \"SM\",4294967296", err(ErrorKind::Overflow, 12)),
        (b"+CMTI: \"SM\"", err(ErrorKind::Missing, 10)),
        (b"+CMTI: \"SM\",", err(ErrorKind::Missing, 12)),
        (b"+CMTI: \"SM\",x", err(ErrorKind::Number, 12)),
        (b"+CMTI: \"SM\",-1", err(ErrorKind::Number, 12)),
        (b"+CMTI: \"SM,3", err(ErrorKind::Quote, 7)),
        (b"+CMTI: \"SM\"x,3", err(ErrorKind::Quote, 11)),
        (b"+CMTI: \"SM\",3,4", err(ErrorKind::TooMany, 14)),
        (b"+CMTI: ,3", err(ErrorKind::Missing, 7)),
        (b"+CMT: \"SM\",3", err(ErrorKind::Prefix, 0)),
        (b"+CMTIX: \"SM\",3", err(ErrorKind::Prefix, 5)),
        (b"", err(ErrorKind::Prefix, 0)),
    ];
    for &(line, e) in bad {
        assert_eq!(
            Cmti::parse(line),
            Err(e),
            "{:?}",
            String::from_utf8_lossy(line)
        );
    }
}

#[test]
fn cdsi_table() {
    assert_eq!(
        Cdsi::parse(b"+CDSI: \"SR\",5"),
        Ok(Cdsi {
            mem: Mem::Sr,
            index: 5
        })
    );
    assert_eq!(
        Cdsi::parse(b"+CMTI: \"SR\",5").unwrap_err().kind,
        ErrorKind::Prefix
    );
}

/// (line, index, status, alpha, length)
type PduRow = (
    &'static [u8],
    Option<u32>,
    Option<MsgStatus<'static>>,
    Option<&'static [u8]>,
    u16,
);

#[test]
fn cmgr_pdu_table() {
    use MsgStatus::*;
    let rows: &[PduRow] = &[
        (b"+CMGR: 0,,23", None, Some(RecUnread), None, 23),
        (
            b"+CMGR: 1,\"alpha\",23",
            None,
            Some(RecRead),
            Some(b"alpha"),
            23,
        ),
        (
            b"+CMGR: 1,\"a,b\",23",
            None,
            Some(RecRead),
            Some(b"a,b"),
            23,
        ),
        (b"+CMGR: ,,92", None, None, None, 92),
        (b"+CMGR: 7,,23", None, Some(Unknown(7)), None, 23),
        // gammu, tests/at-sms/01.dump, 04.dump, 12.dump, 30.dump, 42.dump (GPL-2.0)
        (b"+CMGR: 1,,78", None, Some(RecRead), None, 78),
        (b"+CMGR: 1,,156", None, Some(RecRead), None, 156),
        (b"+CMGR: 1,,30", None, Some(RecRead), None, 30),
        (b"+CMGR: 1,,25", None, Some(RecRead), None, 25),
        (b"+CMGR: 1,,45", None, Some(RecRead), None, 45),
        // moteus/lua-lluv-gsmmodem, test/test_at.lua, collected from gammu dumps (MIT)
        (b"+CMGR: 3,,29", None, Some(StoSent), None, 29),
        (b"+CMGR: 0,23", None, Some(RecUnread), None, 23),
        (b"+CMGR: 4,1,,151", Some(4), Some(RecRead), None, 151),
        (b"+CMGR: 24", None, None, None, 24),
        // ModemManager, src/tests/test-modem-helpers.c, Telit HE910 (GPL-2.0+)
        (b"+CMGR: 0,\"\",50", None, Some(RecUnread), None, 50),
    ];
    for &(line, index, status, alpha, length) in rows {
        let want = CmgrPdu {
            index,
            status,
            alpha,
            length,
        };
        assert_eq!(
            CmgrPdu::parse(line),
            Ok(want),
            "{:?}",
            String::from_utf8_lossy(line)
        );
    }
    let bad: &[(&[u8], ErrorKind)] = &[
        (b"+CMGR: ", ErrorKind::Missing),
        (b"+CMGR: 0,,", ErrorKind::Missing),
        (b"+CMGR: 0,,70000", ErrorKind::Overflow),
        (b"+CMGR: 1,2,3,4,5", ErrorKind::TooMany),
        (b"+CMGR: 0,,x", ErrorKind::Number),
        // A text-mode header is not a PDU-mode one.
        (
            b"+CMGR: \"REC READ\",\"+31625044454\",,\"07/07/05,09:56:03+08\"",
            ErrorKind::Number,
        ),
    ];
    for &(line, kind) in bad {
        assert_eq!(
            CmgrPdu::parse(line).map_err(|e| e.kind),
            Err(kind),
            "{line:?}"
        );
    }
}

#[test]
fn cmgr_text_table() {
    // moteus/lua-lluv-gsmmodem, test/test_at.lua, collected from gammu dumps (MIT)
    let h =
        CmgrText::parse(b"+CMGR: \"REC READ\",\"+31625044454\",,\"07/07/05,09:56:03+08\"").unwrap();
    assert_eq!(h.status, MsgStatus::RecRead);
    assert_eq!(h.addr, b"+31625044454");
    assert_eq!(h.alpha, None);
    assert_eq!(h.scts, Some(&b"07/07/05,09:56:03+08"[..]));
    assert_eq!((h.toa, h.length), (None, None));

    // Alpha field left out, spaces after the commas.
    let h = CmgrText::parse(b"+CMGR: \"REC READ\", \"+4123456789132\", \"2009/8/18,19:11:45\"")
        .unwrap();
    assert_eq!(h.addr, b"+4123456789132");
    assert_eq!(h.alpha, None);
    assert_eq!(h.scts, Some(&b"2009/8/18,19:11:45"[..]));

    // The long (+CSDH=1) form, trailing space.
    let h = CmgrText::parse(
        b"+CMGR: \"REC READ\",\"3473065111\",,\"06/05/28,18:15:41+80\",129,17,0,18,\"+393492001157\",145,6 ",
    )
    .unwrap();
    assert_eq!(h.addr, b"3473065111");
    assert_eq!(h.scts, Some(&b"06/05/28,18:15:41+80"[..]));
    assert_eq!(h.toa, Some(129));
    assert_eq!(h.length, Some(6));

    // No space after the colon.
    let h = CmgrText::parse(
        b"+CMGR:\"REC READ\",\"+393488535999\",,\"07/04/05,18:02:28+08\",145,4,0,0,\"+393492000466\",145,93",
    )
    .unwrap();
    assert_eq!((h.toa, h.length), (Some(145), Some(93)));

    // A stored message: no time stamp, the type of address comes fourth.
    let h = CmgrText::parse(
        b"+CMGR: \"STO UNSENT\",\"+10011\",,145,17,0,0,167,\"+8613800100500\",145,4 ",
    )
    .unwrap();
    assert_eq!(h.status, MsgStatus::StoUnsent);
    assert_eq!(h.addr, b"+10011");
    assert_eq!((h.scts, h.toa, h.length), (None, Some(145), Some(4)));

    // The brief's own forms, with an alpha.
    let h =
        CmgrText::parse(b"+CMGR: \"REC UNREAD\",\"+3591234\",,\"24/11/26,12:00:00+08\"").unwrap();
    assert_eq!(h.status, MsgStatus::RecUnread);
    assert_eq!(h.scts, Some(&b"24/11/26,12:00:00+08"[..]));
    let h = CmgrText::parse(
        b"+CMGR: \"REC UNREAD\",\"+3591234\",\"Ivan, home\",\"24/11/26,12:00:00+08\"",
    )
    .unwrap();
    assert_eq!(h.alpha, Some(&b"Ivan, home"[..]));
    // A numeric status from a modem in text mode, an unknown word kept.
    assert_eq!(
        CmgrText::parse(b"+CMGR: 0,\"+359\",,\"x\"").unwrap().status,
        MsgStatus::RecUnread
    );
    assert_eq!(
        CmgrText::parse(b"+CMGR: \"NEW\",\"+359\",,\"x\"")
            .unwrap()
            .status,
        MsgStatus::Other(b"NEW")
    );
    assert_eq!(
        CmgrText::parse(b"+CMGR: \"REC READ\"").map_err(|e| e.kind),
        Err(ErrorKind::Missing)
    );
    assert_eq!(
        CmgrText::parse(b"+CMGR: \"REC READ\",\"+359").map_err(|e| e.kind),
        Err(ErrorKind::Quote)
    );
}

#[test]
fn cmgl_table() {
    use MsgStatus::*;
    // ModemManager, src/tests/test-modem-helpers.c, generic and Pantech (GPL-2.0+)
    let rows: &[(&[u8], CmglPdu<'static>)] = &[
        (
            b"+CMGL: 0,1,,147",
            CmglPdu {
                index: 0,
                status: Some(RecRead),
                alpha: None,
                length: 147,
            },
        ),
        (
            b"+CMGL: 17,3,35",
            CmglPdu {
                index: 17,
                status: Some(StoSent),
                alpha: None,
                length: 35,
            },
        ),
        (
            b"+CMGL: 2,0,\"Mum\",22",
            CmglPdu {
                index: 2,
                status: Some(RecUnread),
                alpha: Some(b"Mum"),
                length: 22,
            },
        ),
    ];
    for (line, want) in rows {
        assert_eq!(CmglPdu::parse(line).as_ref(), Ok(want), "{line:?}");
    }
    assert_eq!(
        CmglPdu::parse(b"+CMGL: 3,1").map_err(|e| e.kind),
        Err(ErrorKind::Missing)
    );
    assert_eq!(
        CmglPdu::parse(b"+CMGL: 3,1,,2,9").map_err(|e| e.kind),
        Err(ErrorKind::TooMany)
    );
    assert_eq!(
        CmglPdu::parse(b"+CMGL: x,1,,2").map_err(|e| e.kind),
        Err(ErrorKind::Number)
    );

    let t =
        CmglText::parse(b"+CMGL: 1,\"REC READ\",\"+31625044454\",,\"07/07/05,09:56:03+08\",145,14")
            .unwrap();
    assert_eq!(t.index, 1);
    assert_eq!(t.header.status, RecRead);
    assert_eq!(t.header.addr, b"+31625044454");
    assert_eq!(t.header.scts, Some(&b"07/07/05,09:56:03+08"[..]));
    assert_eq!((t.header.toa, t.header.length), (Some(145), Some(14)));
    let t = CmglText::parse(b"+CMGL: 2,\"STO UNSENT\",\"+359888\",,").unwrap();
    assert_eq!(
        (t.index, t.header.status, t.header.scts),
        (2, StoUnsent, None)
    );
    let t =
        CmglText::parse(b"+CMGL: 0,\"REC UNREAD\",\"+3591234\",\"Ivan\",\"24/11/26,12:00:00+08\"")
            .unwrap();
    assert_eq!(t.header.alpha, Some(&b"Ivan"[..]));
}

#[test]
fn cmgs_table() {
    assert_eq!(Cmgs::parse(b"+CMGS: 5"), Ok(Cmgs { mr: 5, extra: None }));
    assert_eq!(Cmgs::parse(b"+CMGS: 0"), Ok(Cmgs { mr: 0, extra: None }));
    assert_eq!(
        Cmgs::parse(b"+CMGS: 255"),
        Ok(Cmgs {
            mr: 255,
            extra: None
        })
    );
    // moteus/lua-lluv-gsmmodem, test/test_at.lua (MIT)
    assert_eq!(
        Cmgs::parse(b"+CMGS: 5,\"07/02/05,08:30:45+32\""),
        Ok(Cmgs {
            mr: 5,
            extra: Some(b"07/02/05,08:30:45+32")
        })
    );
    assert_eq!(Cmgs::parse(b"+CMGS: 256"), Err(err(ErrorKind::Overflow, 7)));
    assert_eq!(Cmgs::parse(b"+CMGS: "), Err(err(ErrorKind::Missing, 0)));
    assert_eq!(
        Cmgs::parse(b"+CMGS: 1,2,3").map_err(|e| e.kind),
        Err(ErrorKind::TooMany)
    );
}

#[test]
fn cmt_cds_table() {
    assert_eq!(
        CmtPdu::parse(b"+CMT: ,23"),
        Ok(CmtPdu {
            alpha: None,
            length: 23
        })
    );
    assert_eq!(
        CmtPdu::parse(b"+CMT: \"Mum\",23"),
        Ok(CmtPdu {
            alpha: Some(b"Mum"),
            length: 23
        })
    );
    assert_eq!(
        CmtPdu::parse(b"+CMT: 23"),
        Ok(CmtPdu {
            alpha: None,
            length: 23
        })
    );
    assert_eq!(
        CmtPdu::parse(b"+CMT: ,").map_err(|e| e.kind),
        Err(ErrorKind::Missing)
    );
    assert_eq!(
        CmtPdu::parse(b"+CMTI: \"SM\",1").map_err(|e| e.kind),
        Err(ErrorKind::Prefix)
    );

    let t = CmtText::parse(b"+CMT: \"+359888123456\",,\"24/11/26,12:00:00+08\"").unwrap();
    assert_eq!(t.addr, b"+359888123456");
    assert_eq!(t.alpha, None);
    assert_eq!(t.scts, b"24/11/26,12:00:00+08");
    assert_eq!((t.toa, t.length), (None, None));
    let t = CmtText::parse(
        b"+CMT: \"+359888123456\",\"Ivan\",\"24/11/26,12:00:00+08\",145,4,0,0,\"+35988000301\",145,5",
    )
    .unwrap();
    assert_eq!(
        (t.alpha, t.toa, t.length),
        (Some(&b"Ivan"[..]), Some(145), Some(5))
    );
    // A PDU-mode header is not a text-mode one.
    assert!(CmtText::parse(b"+CMT: ,23").is_err());

    assert_eq!(CdsPdu::parse(b"+CDS: 25"), Ok(CdsPdu { length: 25 }));
    assert_eq!(
        CdsPdu::parse(b"+CDS: 25,1").map_err(|e| e.kind),
        Err(ErrorKind::TooMany)
    );
}

#[test]
fn msg_status_words_and_numbers_agree() {
    for n in 0..=4u8 {
        let s = MsgStatus::from_number(n);
        let w = s.word().unwrap();
        assert_eq!(MsgStatus::from_word(w), s);
        assert_eq!(s.number(), Some(n));
    }
    assert_eq!(MsgStatus::from_number(9).word(), None);
    assert_eq!(MsgStatus::from_word(b"rec read"), MsgStatus::RecRead);
}
