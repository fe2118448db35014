//! Table tests for the network and SIM parsers: `+CSQ`, `+CREG`/`+CGREG`/`+CEREG`, `+COPS`,
//! `+CPMS`, `+CPIN`, `+CSCA`, `+CLIP`.

use smsctl::at::parse::cops::{CopsMode, OperFormat, Operator};
use smsctl::at::parse::cpms::Usage;
use smsctl::at::parse::creg::Domain;
use smsctl::at::parse::{
    AccessTech, Clip, Cops, Cpin, CpmsQuery, CpmsSet, CpmsTest, Csca, Csq, ErrorKind, Mem,
    RegStatus, Registration, Shape,
};

/// (line, rssi, ber, dBm, bars)
type CsqRow = (&'static [u8], u8, u8, Option<i16>, u8);

#[test]
fn csq_dbm_and_bars() {
    let rows: &[CsqRow] = &[
        (b"+CSQ: 0,0", 0, 0, Some(-113), 0),
        (b"+CSQ: 1,99", 1, 99, Some(-111), 0),
        (b"+CSQ: 2,99", 2, 99, Some(-109), 1),
        (b"+CSQ: 9,99", 9, 99, Some(-95), 2),
        (b"+CSQ: 10,0", 10, 0, Some(-93), 3),
        (b"+CSQ: 17,99", 17, 99, Some(-79), 4),
        (b"+CSQ: 20,99", 20, 99, Some(-73), 5),
        (b"+CSQ: 31,7", 31, 7, Some(-51), 5),
        (b"+CSQ: 99,99", 99, 99, None, 0),
        // Out of range values are kept, with no dBm and no bars.
        (b"+CSQ: 32,99", 32, 99, None, 0),
        (b"+CSQ: 115,99", 115, 99, None, 0),
    ];
    for &(line, rssi, ber, dbm, bars) in rows {
        let q = Csq::parse(line).unwrap();
        assert_eq!(
            (q.rssi, q.ber, q.dbm(), q.bars()),
            (rssi, ber, dbm, bars),
            "{line:?}"
        );
    }
    assert_eq!(
        Csq::parse(b"+CSQ: 256,99").unwrap_err().kind,
        ErrorKind::Overflow
    );
    assert_eq!(
        Csq::parse(b"+CSQ: 17").unwrap_err().kind,
        ErrorKind::Missing
    );
    assert_eq!(
        Csq::parse(b"+CSQ: 17,99,1").unwrap_err().kind,
        ErrorKind::TooMany
    );
    assert_eq!(
        Csq::parse(b"+CSQ: ,99").unwrap_err().kind,
        ErrorKind::Missing
    );
}

struct Reg {
    line: &'static [u8],
    expect: Shape,
    domain: Domain,
    n: Option<u8>,
    status: RegStatus,
    lac: Option<u32>,
    ci: Option<u32>,
    act: Option<AccessTech>,
}

// One argument per column keeps the table below readable as a table.
#[allow(clippy::too_many_arguments)]
const fn reg(
    line: &'static [u8],
    expect: Shape,
    domain: Domain,
    n: Option<u8>,
    status: RegStatus,
    lac: Option<u32>,
    ci: Option<u32>,
    act: Option<AccessTech>,
) -> Reg {
    Reg {
        line,
        expect,
        domain,
        n,
        status,
        lac,
        ci,
        act,
    }
}

#[test]
fn registration_table() {
    use AccessTech::*;
    use Domain::*;
    use RegStatus::*;
    use Shape::*;
    #[rustfmt::skip]
    let rows = [
        // gammu, tests/at-creg/{huawei,sierra312u,telit,siemens}.dump and
        // tests/at-creg-corner/empty-lac.dump (GPL-2.0)
        reg(b"+CREG: 2,1,4CA,81DE445", Answer, Cs, Some(2), Home, Some(0x4CA), Some(0x81D_E445), None),
        reg(b"+CREG: 2,5,\"2AF5\",\"0B88E350\",2", Answer, Cs, Some(2), Roaming, Some(0x2AF5), Some(0x0B88_E350), Some(Utran)),
        reg(b"+CREG: 0,1,\"5E25\",\"605F\",2", Answer, Cs, Some(0), Home, Some(0x5E25), Some(0x605F), Some(Utran)),
        reg(b"+CREG: 0,1,\"5E25\",\"605F\"", Answer, Cs, Some(0), Home, Some(0x5E25), Some(0x605F), None),
        reg(b"+CREG: 2,1,\"\",\"605F\"", Answer, Cs, Some(2), Home, None, Some(0x605F), None),
        // ModemManager, src/tests/test-modem-helpers.c, registration tests (GPL-2.0+)
        reg(b"+CREG: 1,3", Answer, Cs, Some(1), Denied, None, None, None),
        reg(b"+CREG: 3", Unsolicited, Cs, None, Denied, None, None, None),
        reg(b"+CREG: 0,1,84CD,00D30173", Answer, Cs, Some(0), Home, Some(0x84CD), Some(0xD3_0173), None),
        reg(b"+CREG: 1,84CD,00D30156", Unsolicited, Cs, None, Home, Some(0x84CD), Some(0xD3_0156), None),
        reg(b"+CREG: 2,1,\"CE00\",\"01CEAD8F\"", Answer, Cs, Some(2), Home, Some(0xCE00), Some(0x01CE_AD8F), None),
        reg(b"+CREG: 1,\"CE00\",\"00005449\"", Unsolicited, Cs, None, Home, Some(0xCE00), Some(0x5449), None),
        reg(b"+CREG: 2,0,00,0", Answer, Cs, Some(2), NotRegistered, Some(0), Some(0), None),
        reg(b"+CREG: 2,1,8BE3,2BAF", Answer, Cs, Some(2), Home, Some(0x8BE3), Some(0x2BAF), None),
        reg(b"+CREG: 2,8BE3,2BAF", Unsolicited, Cs, None, Searching, Some(0x8BE3), Some(0x2BAF), None),
        reg(b"+CREG: 2,1,\"8BE3\",\"00002BAF\"", Answer, Cs, Some(2), Home, Some(0x8BE3), Some(0x2BAF), None),
        reg(b"+CREG: 2,,", Unsolicited, Cs, None, Searching, None, None, None),
        reg(b"+CREG:002,001,\"18d8\",\"ffff\"", Answer, Cs, Some(2), Home, Some(0x18D8), Some(0xFFFF), None),
        reg(b"+CREG:2,1,0001,0010", Answer, Cs, Some(2), Home, Some(1), Some(0x10), None),
        reg(b"+CREG: 1,0001,0010,0", Unsolicited, Cs, None, Home, Some(1), Some(0x10), Some(Gsm)),
        reg(b"+CREG: 001,\"0001\",\"0010\",000", Unsolicited, Cs, None, Home, Some(1), Some(0x10), Some(Gsm)),
        reg(b"+CREG: 2,6,\"8B37\",\"0A265185\",7", Answer, Cs, Some(2), HomeSmsOnly, Some(0x8B37), Some(0x0A26_5185), Some(Eutran)),
        reg(b"+CREG: 6,\"8B37\",\"0A265185\",7", Unsolicited, Cs, None, HomeSmsOnly, Some(0x8B37), Some(0x0A26_5185), Some(Eutran)),
        reg(b"+CGREG: 1,3", Answer, Gprs, Some(1), Denied, None, None, None),
        reg(b"+CGREG: 3", Unsolicited, Gprs, None, Denied, None, None, None),
        reg(b"+CGREG: 2,1,\"8BE3\",\"00002B5D\",3", Answer, Gprs, Some(2), Home, Some(0x8BE3), Some(0x2B5D), Some(GsmEgprs)),
        reg(b"+CGREG: 1,\"8BE3\",\"00002B5D\",3", Unsolicited, Gprs, None, Home, Some(0x8BE3), Some(0x2B5D), Some(GsmEgprs)),
        reg(b"+CGREG: 5,\"0502\",\"0404736D\",2", Unsolicited, Gprs, None, Roaming, Some(0x0502), Some(0x0404_736D), Some(Utran)),
        reg(b"+CGREG: 2,1, 81ED, 1A9CEB", Answer, Gprs, Some(2), Home, Some(0x81ED), Some(0x1A_9CEB), None),
        reg(b"+CGREG: 1,\"1422\",\"00000142\",3,\"00\"", Unsolicited, Gprs, None, Home, Some(0x1422), Some(0x142), Some(GsmEgprs)),
        reg(b"+CEREG: 1,3", Answer, Eps, Some(1), Denied, None, None, None),
        reg(b"+CEREG: 3", Unsolicited, Eps, None, Denied, None, None, None),
        reg(b"+CEREG: 2,1, 1F00, 79D903 ,7", Answer, Eps, Some(2), Home, Some(0x1F00), Some(0x79_D903), Some(Eutran)),
        reg(b"+CEREG: 1, 1F00, 79D903 ,7", Unsolicited, Eps, None, Home, Some(0x1F00), Some(0x79_D903), Some(Eutran)),
        reg(b"+CEREG: 1, 2, 0001, 00000100, 7", Answer, Eps, Some(1), Searching, Some(1), Some(0x100), Some(Eutran)),
        reg(b"+CEREG: 2, 0001, 00000100, 7", Unsolicited, Eps, None, Searching, Some(1), Some(0x100), Some(Eutran)),
        // The shape is read from the line when it can be, whatever the caller expected: a
        // quoted second field is a LAC (URC), a quoted third one is a LAC (answer).
        reg(b"+CREG: 1,\"CE00\",\"00005449\",2", Answer, Cs, None, Home, Some(0xCE00), Some(0x5449), Some(Utran)),
        reg(b"+CREG: 2,1,\"CE00\",\"00005449\"", Unsolicited, Cs, Some(2), Home, Some(0xCE00), Some(0x5449), None),
        reg(b"+CREG: 1", Answer, Cs, None, Home, None, None, None),
        reg(b"+CREG: 0,1", Unsolicited, Cs, Some(0), Home, None, None, None),
        // Unknown values are kept.
        reg(b"+CREG: 0,11", Answer, Cs, Some(0), RegStatus::Unknown(11), None, None, None),
        reg(b"+CEREG: 1,\"1F00\",\"79D903\",42", Unsolicited, Eps, None, Home, Some(0x1F00), Some(0x79_D903), Some(AccessTech::Unknown(42))),
        reg(b"+C5GREG: 1,\"00AB12\",\"0000000123456\",11", Unsolicited, FiveG, None, Home, Some(0xAB12), None, None),
    ];
    for r in rows {
        let got = Registration::parse(r.line, r.expect);
        if r.domain == FiveG {
            // A 13-digit NR cell id does not fit 32 bits: refused, not truncated.
            assert_eq!(got.unwrap_err().kind, ErrorKind::Overflow);
            continue;
        }
        let want = Registration {
            domain: r.domain,
            n: r.n,
            status: r.status,
            lac: r.lac,
            ci: r.ci,
            act: r.act,
        };
        assert_eq!(got, Ok(want), "{}", String::from_utf8_lossy(r.line));
    }
}

#[test]
fn registration_rejects() {
    let bad: &[(&[u8], ErrorKind)] = &[
        // gammu, tests/at-creg-corner/{mismatched-quotes,single-quote}.dump (GPL-2.0)
        (b"+CREG: 2,1,\"0B,\"0100701\",7", ErrorKind::Quote),
        (b"+CREG: 2,1,\"5E25", ErrorKind::Quote),
        // ModemManager, src/tests/test-modem-helpers.c (GPL-2.0+): lines ModemManager repairs
        // with vendor regexes; here they are errors, never guesses.
        (b"+CREG: 2,1,  0 5, 2715", ErrorKind::Hex),
        (b"+CGREG: 1, \"0426\", \"F0,0F\"", ErrorKind::Hex),
        (b"+CREG: ", ErrorKind::Missing),
        (b"+CREG: 2,1,\"123456789\",\"1\"", ErrorKind::Overflow),
        (b"+CREG: 2,256", ErrorKind::Overflow),
        (b"+COPS: 2,1", ErrorKind::Prefix),
    ];
    for &(line, kind) in bad {
        for shape in [Shape::Answer, Shape::Unsolicited] {
            assert_eq!(
                Registration::parse(line, shape).map_err(|e| e.kind),
                Err(kind),
                "{} {shape:?}",
                String::from_utf8_lossy(line)
            );
        }
    }
    // Novatel E362 puts an extra field before the cell id. Read as an answer the access
    // technology is not a number; read as a URC (6 fields, nothing quoted, so the caller's
    // expectation decides) the fields shift: ambiguous lines follow the caller.
    let novatel: &[u8] = b"+CEREG: 2,1, 1F00, 20 ,79D903 ,7";
    assert_eq!(
        Registration::parse(novatel, Shape::Answer)
            .unwrap_err()
            .kind,
        ErrorKind::Number
    );
    assert_eq!(
        Registration::parse(novatel, Shape::Unsolicited).map(|r| r.n),
        Ok(None)
    );
    assert!(RegStatus::Home.is_registered());
    assert!(RegStatus::RoamingSmsOnly.is_registered());
    assert!(!RegStatus::Searching.is_registered());
    assert!(!RegStatus::Unknown(200).is_registered());
}

#[test]
fn cops_table() {
    let op = |format, name| Some(Operator { format, name });
    let rows: &[(&[u8], Cops<'static>)] = &[
        // ModemManager, src/tests/test-modem-helpers.c, cops_query_data (GPL-2.0+)
        (
            b"+COPS: 1,0,\"CHINA MOBILE\"",
            Cops {
                mode: CopsMode::Manual,
                operator: op(OperFormat::Long, b"CHINA MOBILE"),
                act: None,
            },
        ),
        (
            b"+COPS: 1,0,\"CHINA MOBILE\",7",
            Cops {
                mode: CopsMode::Manual,
                operator: op(OperFormat::Long, b"CHINA MOBILE"),
                act: Some(AccessTech::Eutran),
            },
        ),
        (
            b"+COPS: 1,2,\"46000\"",
            Cops {
                mode: CopsMode::Manual,
                operator: op(OperFormat::Numeric, b"46000"),
                act: None,
            },
        ),
        (
            b"+COPS: 1,2,\"46000\",7",
            Cops {
                mode: CopsMode::Manual,
                operator: op(OperFormat::Numeric, b"46000"),
                act: Some(AccessTech::Eutran),
            },
        ),
        (
            b"+COPS: 0",
            Cops {
                mode: CopsMode::Automatic,
                operator: None,
                act: None,
            },
        ),
        (
            b"+COPS: 0,1,\"T-Mobile USA, In\",2",
            Cops {
                mode: CopsMode::Automatic,
                operator: op(OperFormat::Short, b"T-Mobile USA, In"),
                act: Some(AccessTech::Utran),
            },
        ),
        (
            b"+COPS: 9,5,\"x\"",
            Cops {
                mode: CopsMode::Unknown(9),
                operator: op(OperFormat::Unknown(5), b"x"),
                act: None,
            },
        ),
        (
            b"+COPS: 2,0,\"\"",
            Cops {
                mode: CopsMode::Deregistered,
                operator: None,
                act: None,
            },
        ),
    ];
    for (line, want) in rows {
        assert_eq!(
            Cops::parse(line).as_ref(),
            Ok(want),
            "{}",
            String::from_utf8_lossy(line)
        );
    }
    // The `=?` scan list is not a query answer.
    let scan: &[u8] = b"+COPS: (2,\"T-Mobile\",\"TMO\",\"31026\",0),(1,\"AT&T\",\"AT&T\",\"310410\",0),,(0,1,2,3,4),(0,1,2)";
    assert!(Cops::parse(scan).is_err());
    assert_eq!(
        Cops::parse(b"+COPS: 0,0,\"A\",7,1").unwrap_err().kind,
        ErrorKind::TooMany
    );
}

#[test]
fn cpms_answers() {
    let q = CpmsQuery::parse(b"+CPMS: \"SM\",3,30,\"SM\",3,30,\"SM\",3,30").unwrap();
    let u = Usage { used: 3, total: 30 };
    assert_eq!(q.mems(), &[(Mem::Sm, u), (Mem::Sm, u), (Mem::Sm, u)]);
    let q = CpmsQuery::parse(b"+CPMS: \"ME\",30,30").unwrap();
    assert_eq!(
        q.mems(),
        &[(
            Mem::Me,
            Usage {
                used: 30,
                total: 30
            }
        )]
    );
    assert!(q.mems()[0].1.is_full());
    let q = CpmsQuery::parse(b"+CPMS: \"ME\",0,23,\"SM\",1,20").unwrap();
    assert_eq!(q.mems().len(), 2);
    assert_eq!(q.mems()[1], (Mem::Sm, Usage { used: 1, total: 20 }));
    assert_eq!(
        CpmsQuery::parse(b"+CPMS: \"SM\",3").unwrap_err().kind,
        ErrorKind::Missing
    );
    assert_eq!(
        CpmsQuery::parse(b"+CPMS: 3,30,3").unwrap_err().kind,
        ErrorKind::Value
    );
    assert_eq!(
        CpmsQuery::parse(b"+CPMS: 3,30,3,30,3,30").unwrap_err().kind,
        ErrorKind::Value
    );

    let s = CpmsSet::parse(b"+CPMS: 3,30,3,30,3,30").unwrap();
    assert_eq!(s.usage(), &[u, u, u]);
    // python-gsmmodem, test/fakemodems.py, Wavecom profile (LGPL-3.0+)
    let s = CpmsSet::parse(b"+CPMS: 14,50,14,50").unwrap();
    assert_eq!(
        s.usage(),
        &[Usage {
            used: 14,
            total: 50
        }; 2]
    );
    assert_eq!(CpmsSet::parse(b"+CPMS: 1,2").unwrap().usage().len(), 1);
    assert_eq!(
        CpmsSet::parse(b"+CPMS: 1,2,3").unwrap_err().kind,
        ErrorKind::Missing
    );
    assert_eq!(
        CpmsSet::parse(b"+CPMS: \"SM\",3,30,\"SM\",3,30")
            .unwrap_err()
            .kind,
        ErrorKind::Number
    );
    assert_eq!(
        CpmsSet::parse(b"+CPMS: \"SM\",3").unwrap_err().kind,
        ErrorKind::Number
    );
}

#[test]
fn cpms_test_answers() {
    let names = |t: &CpmsTest<'_>, i| t.list(i).map(|m| m.name().to_vec()).collect::<Vec<_>>();
    // gammu, tests/at-cpms/brovi-e3372-325.dump and generic.dump (GPL-2.0)
    for line in [
        &b"+CPMS: (\"SM\",\"ME\"),(\"SM\",\"ME\"),(\"SM\",\"ME\")"[..],
        b"+CPMS: (\"SM\",\"ME\"), (\"SM\",\"ME\"), (\"SM\",\"ME\")",
    ] {
        let t = CpmsTest::parse(line).unwrap();
        assert_eq!(t.len(), 3);
        for i in 0..3 {
            assert_eq!(names(&t, i), [b"SM".to_vec(), b"ME".to_vec()]);
        }
        assert!(t.supports(2, Mem::Me));
        assert!(!t.supports(2, Mem::Sr));
        assert_eq!(t.list(3).count(), 0);
    }
    // gammu, tests/at-cpms/alcatel-s320.dump (GPL-2.0)
    let t = CpmsTest::parse(
        b"+CPMS: (\"SM\", \"ME\", \"SM_P\", \"ME_P\", \"MT\"), (\"SM\", \"ME\", \"SM_P\", \"ME_P\", \"MT\"), (\"SM\", \"ME\", \"SM_P\", \"ME_P\", \"MT\")",
    )
    .unwrap();
    assert_eq!(t.list(1).nth(2), Some(Mem::Other(b"SM_P")));
    assert!(t.supports(0, Mem::Mt));
    // gammu, tests/at-cpms-sm/iwow.dump and tests/at-cpms/samsung-j700.dump (GPL-2.0)
    let t = CpmsTest::parse(b"+CPMS: \"SM\",\"SM\",\"SM\"").unwrap();
    assert_eq!((t.len(), names(&t, 0)), (3, vec![b"SM".to_vec()]));
    let t = CpmsTest::parse(b"+CPMS: ").unwrap();
    assert!(t.is_empty());
    // python-gsmmodem, test/fakemodems.py, generic and Huawei profiles (LGPL-3.0+)
    let t = CpmsTest::parse(
        b"+CPMS: (\"ME\",\"MT\",\"SM\",\"SR\"),(\"ME\",\"MT\",\"SM\",\"SR\"),(\"ME\",\"MT\",\"SM\",\"SR\")",
    )
    .unwrap();
    assert!(t.supports(1, Mem::Sr));
    // Broken ones: gammu, tests/at-cpms-sr/generic.dump (GPL-2.0); python-gsmmodem Wavecom
    // profile, nested lists (LGPL-3.0+).
    assert!(CpmsTest::parse(b"+CPMS: (ME\", \"SR\"), (\"ME\", \"SR\"), (\"ME\")").is_err());
    assert!(CpmsTest::parse(b"+CPMS: ((\"SM\",\"BM\",\"SR\"),(\"SM\"))").is_err());
    assert!(CpmsTest::parse(b"+CPMS: (SM,ME)").is_err());
}

#[test]
fn cpin_table() {
    let rows: &[(&[u8], Cpin<'static>)] = &[
        // python-gsmmodem, test/fakemodems.py (LGPL-3.0+)
        (b"+CPIN: READY", Cpin::Ready),
        (b"+CPIN: SIM PIN", Cpin::SimPin),
        (b"+CPIN: SIM PUK", Cpin::SimPuk),
        (b"+CPIN: SIM PIN2", Cpin::SimPin2),
        (b"+CPIN: SIM PUK2", Cpin::SimPuk2),
        (b"+CPIN: PH-SIM PIN", Cpin::PhSimPin),
        (b"+CPIN: PH-NET PIN", Cpin::PhNetPin),
        (b"+CPIN: PH-CORP PUK", Cpin::PhCorpPuk),
        (b"+CPIN: \"SIM PIN\"", Cpin::SimPin),
        (b"+CPIN:READY", Cpin::Ready),
        (b"+CPIN: READY ", Cpin::Ready),
        (b"+CPIN: NOT INSERTED", Cpin::Other(b"NOT INSERTED")),
    ];
    for (line, want) in rows {
        assert_eq!(
            Cpin::parse(line).as_ref(),
            Ok(want),
            "{}",
            String::from_utf8_lossy(line)
        );
    }
    assert!(Cpin::parse(b"+CPIN: READY").unwrap().is_ready());
    assert!(!Cpin::parse(b"+CPIN: SIM PIN").unwrap().is_ready());
    assert_eq!(
        Cpin::parse(b"+CPIN: ").unwrap_err().kind,
        ErrorKind::Missing
    );
    assert_eq!(
        Cpin::parse(b"+CPIN: \"\"").unwrap_err().kind,
        ErrorKind::Missing
    );
    assert_eq!(
        Cpin::parse(b"+CPIN: A,B").unwrap_err().kind,
        ErrorKind::TooMany
    );
}

#[test]
fn csca_table() {
    let rows: &[(&[u8], &[u8], Option<u8>)] = &[
        // gammu, tests/at-smsc/01.dump, 02.dump, 03.dump, 05.dump (GPL-2.0)
        (
            b"+CSCA: 002B00390037003200350034003100320030003000330032,145",
            b"002B00390037003200350034003100320030003000330032",
            Some(145),
        ),
        (b"+CSCA: \"+79168999100\",145", b"+79168999100", Some(145)),
        (b"+CSCA: \"6281100000\",145", b"6281100000", Some(145)),
        (
            b"+CSCA: \"002B003400340037003800300032003000390032003000330035\",145",
            b"002B003400340037003800300032003000390032003000330035",
            Some(145),
        ),
        (b"+CSCA: \"\",129", b"", Some(129)),
        (b"+CSCA: \"+35988000301\"", b"+35988000301", None),
    ];
    for &(line, number, toa) in rows {
        let c = Csca::parse(line).unwrap();
        assert_eq!((c.number, c.toa), (number, toa), "{line:?}");
        assert_eq!(c.is_set(), !number.is_empty());
    }
    assert_eq!(
        Csca::parse(b"+CSCA: \"+359\",145,1").unwrap_err().kind,
        ErrorKind::TooMany
    );
    assert_eq!(
        Csca::parse(b"+CSCA: \"+359\",x").unwrap_err().kind,
        ErrorKind::Number
    );
}

#[test]
fn clip_table() {
    // python-gsmmodem, test/fakemodems.py, generic and Wavecom profiles (LGPL-3.0+)
    let c = Clip::parse(b"+CLIP: \"+27820001234\",145,,,,0").unwrap();
    assert_eq!(
        (c.number, c.toa, c.alpha, c.validity),
        (&b"+27820001234"[..], Some(145), None, Some(0))
    );
    let c = Clip::parse(b"+CLIP: \"+27820001234\",145").unwrap();
    assert_eq!((c.toa, c.validity), (Some(145), None));
    let c = Clip::parse(b"+CLIP: \"0888123456\",129,\"\",,\"Ivan\",0").unwrap();
    assert_eq!(c.alpha, Some(&b"Ivan"[..]));
    let c = Clip::parse(b"+CLIP: \"\",128,,,,1").unwrap();
    assert_eq!((c.number, c.validity), (&b""[..], Some(1)));
    assert_eq!(
        Clip::parse(b"+CLIP: ").unwrap_err().kind,
        ErrorKind::Missing
    );
}
