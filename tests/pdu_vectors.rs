//! Public PDU vectors decoded and encoded: real network PDUs and library test data, copied as
//! data with an attribution line each.

use smsctl::pdu::{
    self, Alphabet, Coding, Concat, MessageClass, NumberingPlan, Pdu, PduError, StatusKind,
    SubmitParams, TypeOfNumber, UserData, Validity,
};
use std::time::Duration;

fn deliver(hex: &str) -> pdu::Deliver {
    match pdu::decode_hex(hex.as_bytes(), true) {
        Ok(Pdu::Deliver(d)) => d,
        other => panic!("expected SMS-DELIVER, got {other:?}"),
    }
}

fn submit(hex: &str) -> pdu::Submit {
    match pdu::decode_hex(hex.as_bytes(), true) {
        Ok(Pdu::Submit(s)) => s,
        other => panic!("expected SMS-SUBMIT, got {other:?}"),
    }
}

fn report(hex: &str) -> pdu::StatusReport {
    match pdu::decode_hex(hex.as_bytes(), true) {
        Ok(Pdu::StatusReport(r)) => r,
        other => panic!("expected SMS-STATUS-REPORT, got {other:?}"),
    }
}

fn encode_hex(p: &SubmitParams<'_>) -> (usize, String) {
    let mut buf = [0u8; pdu::PDU_MAX_OCTETS];
    let mut hex = [0u8; pdu::PDU_MAX_HEX];
    let enc = pdu::encode_submit(p, &mut buf).expect("encodes");
    let h = pdu::to_hex(&buf[..enc.len_total], &mut hex).expect("hex fits");
    (enc.tpdu_len, h.to_string())
}

// --- chan_dongle issue #8 (bg111/asterisk-chan-dongle, a user's report): an emoji PDU. ---

#[test]
fn emoji_surrogate_pairs() {
    let d = deliver("07913306092041F0040B913306991364F60008619091516061800AD83DDE03D83DDE0E0020");
    assert_eq!(d.smsc.as_ref().map(|a| a.as_str()), Some("+33609002140"));
    assert_eq!(d.sender.as_str(), "+33609931466");
    assert_eq!(d.dcs.alphabet, Alphabet::Ucs2);
    assert_eq!(d.text(), Some("😃😎 "));
    assert_eq!(d.scts.to_string(), "2016-09-19T15:06:16+02:00");
}

// --- python-gsmmodem, test/test_pdu.py (faucamp/python-gsmmodem, LGPL-3.0+) ---

#[test]
fn gsmmodem_deliver_test2() {
    let d = deliver("06917228195339040B917228214365F700003130805120618005D4F29C2E03");
    assert_eq!(d.smsc.as_ref().unwrap().as_str(), "+2782913593");
    assert_eq!(d.sender.as_str(), "+27821234567");
    assert_eq!(d.sender.ton, TypeOfNumber::International);
    assert_eq!(d.sender.npi, NumberingPlan::Isdn);
    assert_eq!(d.pid, 0);
    assert_eq!(d.scts.to_string(), "2013-03-08T15:02:16+02:00");
    assert_eq!(d.text(), Some("Test2"));
}

#[test]
fn gsmmodem_deliver_long_text_and_plus_eight() {
    let d = deliver(
        "07915892000000F0040B915892214365F700007040213252242331493A283D0795C3F33C88FE06C9CB\
         6132885EC6D341EDF27C1E3E97E7207B3A0C0A5241E377BB1D7693E72E",
    );
    assert_eq!(d.smsc.as_ref().unwrap().as_str(), "+85290000000");
    assert_eq!(d.sender.as_str(), "+85291234567");
    assert_eq!(d.scts.to_string(), "2007-04-12T23:25:42+08:00");
    assert_eq!(
        d.text(),
        Some("It is easy to read text messages via AT commands.")
    );
}

#[test]
fn gsmmodem_extension_characters() {
    let d = deliver("06917228195339040B917228214365F70000313062315352800A800D8A5E98D337A910");
    assert_eq!(d.text(), Some("@{tést}!"));
}

#[test]
fn gsmmodem_submit_relative_validity() {
    let s = submit("07911326040000F0310D0B911326880736F40000A90FF7FBDD454E87CDE1B0DB357EB701");
    assert_eq!(s.smsc.as_ref().unwrap().as_str(), "+31624000000");
    assert_eq!(s.recipient.as_str(), "+31628870634");
    assert_eq!(s.mr, 0x0D);
    assert_eq!(s.validity, Validity::Relative(0xA9));
    assert_eq!(
        Validity::relative_duration(0xA9),
        Duration::from_secs(3 * 86400)
    );
    assert_eq!(s.text(), Some("www.diafaan.com"));
}

#[test]
fn gsmmodem_status_report() {
    let r = report("0006D60B911326880736F4111011719551401110117195714000");
    assert!(r.smsc.is_none());
    assert_eq!(r.mr, 214);
    assert_eq!(r.recipient.as_str(), "+31628870634");
    assert_eq!(r.status.kind(), StatusKind::Delivered);
    assert_eq!(r.status.describe(), "delivered");
    assert_eq!(r.scts.to_string(), "2011-01-11T17:59:15+01:00");
    assert_eq!(r.discharge.to_string(), "2011-01-11T17:59:17+01:00");
}

#[test]
fn gsmmodem_zte_status_report_with_odd_number_digits() {
    // A semi-invalid report captured from a ZTE modem; the number holds semi-octet 0xB,
    // which TS 23.040 §9.1.2.3 defines as `#` (python-gsmmodem shows it as `b`).
    let r = report("0297F1061C0F910B487228297020F5317062419272803170624192138000");
    assert_eq!(r.mr, 28);
    assert_eq!(r.recipient.as_str(), "+#08427829207025");
    assert_eq!(r.scts.to_string(), "2013-07-26T14:29:27+02:00");
    assert_eq!(r.discharge.to_string(), "2013-07-26T14:29:31+02:00");
}

#[test]
fn gsmmodem_concat_8bit_reference_from_short_code() {
    let d = deliver(
        "0591721891F1400781721881F800003160526104848059050003C30101916536FB1DCABEEB2074D85E\
         064941B19CAB060319A5C522289C96D3D3ED32286C0FA7D96131BBEC024941B19CAB0603DDD36C36A8\
         8C87A7E565D0DB0D82C55EB0DB4B068BCD5C20",
    );
    assert_eq!(d.smsc.as_ref().unwrap().as_str(), "+2781191");
    assert_eq!(d.sender.as_str(), "2781188");
    assert_eq!(
        d.concat,
        Some(Concat {
            reference: 0xC3,
            total: 1,
            seq: 1
        })
    );
    assert_eq!(
        d.text(),
        Some("Hello!You have R 19.50 FREE airtime available. R 19.50 will expire on 01/07/2013. ")
    );
}

#[test]
fn gsmmodem_ucs2_submit() {
    let s = submit("07914346466554F601000B914316565811F9000806304253F68449");
    assert_eq!(s.recipient.as_str(), "+34616585119");
    assert_eq!(s.text(), Some("あ叶葉"));
}

#[test]
fn gsmmodem_eight_bit_data_is_data() {
    let s = submit("0591721891F101000B917228214365F700040C48656C6C6F20776F726C6421");
    assert_eq!(s.dcs.alphabet, Alphabet::Eight);
    match &s.user_data {
        UserData::Data(d) => assert_eq!(&d[..], b"Hello world!"),
        other => panic!("expected data, got {other:?}"),
    }
}

#[test]
fn gsmmodem_absolute_validity() {
    let s = submit(
        "0019000B917228001011F100003170013193008017D474BB3CA787DB70903DCC4E93D3F43C885E9ED301",
    );
    match s.validity {
        Validity::Absolute(t) => assert_eq!(t.to_string(), "2013-07-10T13:39:00+02:00"),
        other => panic!("expected absolute validity, got {other:?}"),
    }
    assert_eq!(s.text(), Some("Timestamp validity test"));
}

#[test]
fn gsmmodem_ucs2_length_beyond_140_is_rejected() {
    // python-gsmmodem notes the user data length (160) is invalid for UCS-2.
    let e = pdu::decode_hex(b"0041010C910661345542F60008A0050003000301306F3044", true).unwrap_err();
    assert!(matches!(e, PduError::Invalid { value: 0xA0, .. }), "{e}");
}

#[test]
fn gsmmodem_encode_hello_world() {
    let (len, hex) = encode_hex(&SubmitParams::new("+27820001111", "Hello World!"));
    assert_eq!(hex, "0001000B917228001011F100000CC8329BFD065DDF72363904");
    assert_eq!(len, hex.len() / 2 - 1);
}

#[test]
fn gsmmodem_encode_concatenated_three_parts() {
    let text = "Lorem ipsum dolor sit amet, consectetur adipisicing elit, sed do eiusmod tempor \
incididunt ut labore et dolore magna aliqua.Ut enim ad minim veniam, quinostrud exercitation \
ullamco laboris nisi ut aliquip ex ea commodo consequat.Duis aute irure dolor in reprehenderit \
in voluptate velit esse cillum doloe eu fugiat nulla pariatur.Excepteur sint occaecat cupidatat \
non proident, sunt in culpa qui officia deserunt mollit anim id est laborum";
    let expected = [
        "0045000B915121551532F40000A0050003000301986F79B90D4AC3E7F53688FC66BFE5A0799A0E0AB7CB74\
1668FC76CFCB637A995E9783C2E4343C3D4F8FD3EE33A8CC4ED359A079990C22BF41E5747DDE7E9341F4721BFE96\
83D2EE719A9C26D7DD74509D0E6287C56F791954A683C86FF65B5E06B5C36777181466A7E3F5B0AB4A0795DDE936\
284C06B5D3EE741B642FBBD3E1360B14AFA7DD",
        "0045000B915121551532F40000A0050003000302DE73BABC4E0695F165F9384D0FD3D36F37A8CE6687DBE3\
37881D16BFE5E939C89D9EA741753A28CC4EC7EB6938A88C0795C3A0F1BBDD7E93DFA0F1DB3D2FC7EB61BA8B584F\
CF41E13ABD0C4ACBEBF23288FC66BFE5A0B41B242FC3E56574D94D2ECBD37450DA0DB2BFD975383D4C2F83EC6576\
9A0E2ACFE765D038CD66D7DB20F29BFD2E83CA",
        "0045000B915121551532F400008C050003000303EA2073FD9C0ED341EE3A9B1D06C1C3F274985E97BB8AF8\
71194E2FD7E5A079DA4D07BDC7E370791CA683C675789A1CA687E920F7DB0D82CBDF6972D94D6781E675371D9476\
83C675363C0C8AD7D3A0B7D99C1EA7C32072795E96D7DD7450FBCD66A7E9A0B03BDD06A5C9A0F29C0E6287C56F79\
BD0D",
    ];
    let parts: Vec<_> = pdu::split(text, Coding::Gsm7).unwrap().collect();
    assert_eq!(parts.len(), 3);
    for (part, want) in parts.iter().zip(expected) {
        let p = SubmitParams {
            reject_duplicates: true,
            concat: part.concat(0),
            ..SubmitParams::new("+15125551234", part.text)
        };
        assert_eq!(encode_hex(&p).1, want, "part {}", part.seq);
    }
}

// --- ModemManager, src/tests/test-sms-part-3gpp.c (linux-mobile-broadband/ModemManager,
//     GPL-2.0+) ---

#[test]
fn modemmanager_extended_characters_and_negative_offset() {
    let d = deliver(
        "07912104442961f4040b91617195729 1f800001120821105050a6ac8b2bc7c9a83c220f6db7d2ecb41ed\
         f27c1e3e97411bde06754fd3d1a0f9bb5d0695f1f4b29b5c2683c6e8b03c3ca697e5f34d6ae303d1d1f2f7\
         dd0d4abb59a0797d8c0685e7a00028ec26832a960b28ec2683be6050780eba97d96c17"
            .replace(' ', "")
            .as_str(),
    );
    assert_eq!(d.smsc.as_ref().unwrap().as_str(), "+12404492164");
    assert_eq!(d.sender.as_str(), "+16175927198");
    assert_eq!(d.scts.to_string(), "2011-02-28T11:50:50-05:00");
    assert_eq!(
        d.text(),
        Some(
            "Here's a longer message [{with some extended characters}] \
             thrown in, such as £ and ΩΠΨ and §¿ as well."
        )
    );
}

#[test]
fn modemmanager_alphanumeric_sender_ucs2() {
    let d = deliver(
        "07919730071111f10414d04937bd2c7797e9d3e61400081130929102406108044204350441 0442"
            .replace(' ', "")
            .as_str(),
    );
    assert_eq!(d.smsc.as_ref().unwrap().as_str(), "+79037011111");
    assert_eq!(d.sender.ton, TypeOfNumber::Alphanumeric);
    assert_eq!(d.sender.as_str(), "InternetSMS");
    assert_eq!(d.scts.to_string(), "2011-03-29T19:20:04+04:00");
    assert_eq!(d.text(), Some("тест"));
}

#[test]
fn modemmanager_hellohello_national_and_flags() {
    let base = "07912143658709f1040b918100551512f20000111010214365000ae8329bfd4697d9ec37";
    let d = deliver(base);
    assert_eq!(d.sender.as_str(), "+18005551212");
    assert_eq!(d.scts.to_string(), "2011-01-01T12:34:56+00:00");
    assert_eq!(d.text(), Some("hellohello"));
    assert!(!d.more_messages);
    // Type 0x81: a national number, shown without a plus.
    let natl = deliver(&base.replacen("0b9181", "0b8181", 1));
    assert_eq!(natl.sender.as_str(), "18005551212");
    // TP-MMS clear: more messages waiting.
    let mms = deliver(&base.replacen("f1040b", "f1000b", 1));
    assert!(mms.more_messages);
}

#[test]
fn modemmanager_eight_bit_and_group_f() {
    let d = deliver("07912143658709f1040b918100551512f200f4111010214365000ae8329bfd4697d9ec37de");
    assert_eq!(d.dcs.alphabet, Alphabet::Eight);
    assert_eq!(d.dcs.class, Some(MessageClass::Flash));
    match d.user_data {
        UserData::Data(data) => assert_eq!(
            &data[..],
            &[0xe8, 0x32, 0x9b, 0xfd, 0x46, 0x97, 0xd9, 0xec, 0x37, 0xde]
        ),
        other => panic!("expected data, got {other:?}"),
    }
}

#[test]
fn modemmanager_group_f_class_1_full_160_septets() {
    let d = deliver(
        "07913306091093F0040485810000F1116042318051 80A049B7F90D9A1AA5A01668F8769BD3E4B29B9E2E\
         B359A03FC85D06A9C3ED707A0EA2CBC3EE79BB4CA7CBCBA05643617DA7C76990FD4D979741EE77DD5E0ED7\
         41ED371D442E83E0E1F9BC0CD281E677D9B84C06C1DF7539E85C9097E520FB9B2E2F83C6EF369C5E064D8D\
         52D0BC2E07DDEF77D7DC2C7799E5A0771D040FCB41F402BB0047BFDD6550B80ECAD966"
            .replace(' ', "")
            .as_str(),
    );
    assert_eq!(d.sender.as_str(), "1800");
    assert_eq!(d.dcs.class, Some(MessageClass::Me));
    assert_eq!(d.scts.to_string(), "2011-06-24T13:08:15+02:00");
    assert_eq!(
        d.text(),
        Some(
            "Info SFR - Confidentiel, à ne jamais transmettre -\r\n\
             Voici votre nouveau mot de passe : sw2ced pour gérer \
             votre compte SFR sur www.sfr.fr ou par téléphone au 963"
        )
    );
}

#[test]
fn modemmanager_insufficient_data() {
    let e = pdu::decode_hex(
        b"07912143658709f1040b918100551512f20000111010214365000be8329bfd4697d9ec37",
        true,
    )
    .unwrap_err();
    assert_eq!(
        e.to_string(),
        "truncated at octet 26: user data length 11 septets needs 10 octets, 9 remain"
    );
}

#[test]
fn modemmanager_kpn_welcome_16bit_reference() {
    let d = deliver(
        "07911356131313F64004850120390011609232239180A006080400100201D7327BFD6EB340E232\
         1BF46E83EA7790F59D1E97DBE1341B442F83C465763D3DA797E56537C81D0ECB41AB59CC1693C1\
         6031D96C064241E5656838AF03A96230982A269BCD462917C8FA4E8FCBED709A0D7ABBE9F6B0FB\
         5C7683D27350984D4FABC9A0B33C4C4FCF5D20EBFB2D079DCB62793DBD06D9C36E50FB2D4E97D9\
         A0B49B5E96BBCB",
    );
    assert_eq!(d.smsc.as_ref().unwrap().as_str(), "+31653131316");
    assert_eq!(d.sender.as_str(), "1002");
    assert_eq!(d.sender.npi, NumberingPlan::Other(5));
    assert_eq!(d.scts.to_string(), "2011-06-29T23:32:19+02:00");
    assert_eq!(
        d.concat,
        Some(Concat {
            reference: 0x0010,
            total: 2,
            seq: 1
        })
    );
    assert_eq!(
        d.text(),
        Some(
            "Welkom, bel om uw Voicemail te beluisteren naar +31612001233 \
             (PrePay: *100*1233#). Voicemail ontvangen is altijd gratis. \
             Voor gebruik van mobiel interne"
        )
    );
}

#[test]
fn modemmanager_us_multipart_reassembles() {
    let p1 = deliver(
        "07912160130320F5440B916171056429F5000021405291650569A00500034C0201A9E8F41C949E\
         83C2207B599E07B1DFEE33885E9ED341E4F23C7D7697C920FA1B54C697E5E3F4BC0C6AD7D9F434\
         081E96D341E3303C2C4EB3D3F4BC0B94A483E6E8779D4D06CDD1EF3BA80E0785E7A0B7BB0C6A97\
         E7F3F0B9CC02B9DF7450780EA2DFDF2C50780EA2A3CBA0BA9B5C96B3F369F71954768FDFE4B4FB\
         0C9297E1F2F2BCECA6CF41",
    );
    let p2 = deliver(
        "07912160130320F6440B916171056429F5000021405291651569320500034C0202E9E8301D4447\
         9741F0B09C3E0785E56590BCCC0ED3CB6410FD0D7ABBCBA0B0FB4D4797E52E10",
    );
    assert_eq!(p1.scts.to_string(), "2012-04-25T19:56:50-04:00");
    let mut table = pdu::Reassembly::new(Duration::from_secs(600));
    let t0 = smsctl::time::Instant::from_secs(10);
    // Second part first: any order works.
    let r = table.add(&p2.sender, p2.concat.unwrap(), p2.text().unwrap(), t0);
    assert!(matches!(
        r,
        pdu::Added::Pending {
            received: 1,
            total: 2,
            evicted: None
        }
    ));
    match table.add(&p1.sender, p1.concat.unwrap(), p1.text().unwrap(), t0) {
        pdu::Added::Complete(m) => {
            assert_eq!(m.sender.as_str(), "+16175046925");
            assert_eq!(m.reference, 0x4C);
            assert_eq!(
                m.text.as_str(),
                "This is a very long test designed to exercise multi part capability. It should \
                 show up as one message, not as two, as the underlying encoding represents \
                 that the parts are related to one another. "
            );
        }
        other => panic!("expected complete, got {other:?}"),
    }
    assert!(table.is_empty());
}

#[test]
fn modemmanager_submit_stored_by_us() {
    let s = submit("002100098136397339F70008224F60597D4F60597D4F60597D4F60597D4F60597D4F60597D4F60597D4F60597D4F60");
    assert!(s.smsc.is_none());
    assert!(s.status_report_request);
    assert_eq!(s.recipient.as_str(), "639337937");
    assert_eq!(s.text(), Some("你好你好你好你好你好你好你好你好你"));
}

#[test]
fn modemmanager_status_report_national() {
    let r = report("07914356060013F1065A098136397339F7219011700463802190117004638030");
    assert_eq!(r.smsc.as_ref().unwrap().as_str(), "+34656000311");
    assert_eq!(r.recipient.as_str(), "639337937");
    assert_eq!(r.mr, 0x5A);
    assert_eq!(r.scts.to_string(), "2012-09-11T07:40:36+02:00");
    assert_eq!(r.status.0, 0x30);
    assert_eq!(r.status.kind(), StatusKind::Trying);
}
