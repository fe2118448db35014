//! Vectors from python-messaging, messaging/test/test_sms.py (pmarti/python-messaging,
//! GPL-2.0), copied as data: SUBMIT encodings with validity, status-report request, Latin-1 and
//! Cyrillic text, a 3-part message; part counts; real DELIVERs and a status report.

use smsctl::pdu::{self, Coding, Pdu, StatusKind, SubmitParams, TypeOfNumber};
use std::time::Duration;

const FOUR_DAYS: Duration = Duration::from_secs(4 * 86400);

fn encode(p: &SubmitParams<'_>) -> (usize, String) {
    let mut buf = [0u8; pdu::PDU_MAX_OCTETS];
    let mut hex = [0u8; pdu::PDU_MAX_HEX];
    let enc = pdu::encode_submit(p, &mut buf).unwrap();
    (
        enc.tpdu_len,
        pdu::to_hex(&buf[..enc.len_total], &mut hex)
            .unwrap()
            .to_string(),
    )
}

#[test]
fn submit_encodings() {
    assert_eq!(
        encode(&SubmitParams::new("+34616585119", "hola")).1,
        "0001000B914316565811F9000004E8373B0C"
    );
    let (len, hex) = encode(&SubmitParams {
        validity: Some(FOUR_DAYS),
        ..SubmitParams::new("+34616585119", "hola")
    });
    assert_eq!(
        (len, hex.as_str()),
        (18, "0011000B914316565811F90000AA04E8373B0C")
    );
    assert_eq!(
        encode(&SubmitParams {
            status_report_request: true,
            ..SubmitParams::new("+34654123456", "hey yo")
        })
        .1,
        "0021000B914356143254F6000006E8721E947F03"
    );
    assert_eq!(
        encode(&SubmitParams {
            validity: Some(FOUR_DAYS),
            ..SubmitParams::new("+34654123456", "Hölä")
        })
        .1,
        "0011000B914356143254F60000AA04483E7B0F"
    );
    assert_eq!(
        encode(&SubmitParams::new("+34654123456", "BÄRÇA äñ@")).1,
        "0001000B914356143254F6000009C2AD341104EDFB00"
    );
    let ru = SubmitParams {
        validity: Some(FOUR_DAYS),
        ..SubmitParams::new("655345678", "Русский")
    };
    assert_eq!(ru.coding, Coding::Ucs2);
    assert_eq!(
        encode(&ru).1,
        "001100098156355476F80008AA0E0420044304410441043A04380439"
    );
}

#[test]
fn three_part_seven_bit_message() {
    let text =
        "Or walk with Kings - nor lose the common touch, if neither foes nor loving friends \
can hurt you, If all men count with you, but none too much; If you can fill the unforgiving \
minute With sixty seconds' worth of distance run, Yours is the Earth and everything thats in it, \
And - which is more - you will be a Man, my son";
    let expected = [
        "005100098156355476F80000AAA00500038803019E72D03DCC5E83EE693A1AB44CBBCF73500BE47ECB41EC\
F7BC0CA2A3CBA0F1BBDD7EBB41F4777D8C6681D26690BB9CA6A3CB7290F95D9E83DC6F3988FDB6A7DD6790599E2EB\
BC973D038EC06A1EB723A28FFAEB340493328CC6683DA653768FCAEBBE9A07B9A8E06E5DF7516485CA783DC6F7719\
447FBF41EDFA18BD0325CDA0FCBB0E1A87DD",
        "005100098156355476F80000AAA005000388030240E6349B0DA2A3CBA0BADBFC969FD3F6B4FB0C6AA7DD75\
7A19744DD3D1A0791A4FCF83E6E5F1DB4D9E9F40F7B79C8E06BDCD20727A4E0FBBC76590BCEE6681B2EFBA7C0E4ACF\
41747419540CCBE96850D84D0695ED65799E8E4EBBCF203A3A4C9F83D26E509ACE0205DD64500B7447A7C768507A0E\
6ABFE565500B947FD741F7349B0D129741",
        "005100098156355476F80000AA14050003880303C2A066D8CD02B5F3A0F9DB0D",
    ];
    let parts: Vec<_> = pdu::split(text, Coding::Gsm7).unwrap().collect();
    assert_eq!(parts.len(), expected.len());
    for (part, want) in parts.iter().zip(expected) {
        let p = SubmitParams {
            validity: Some(FOUR_DAYS),
            concat: part.concat(136),
            ..SubmitParams::new("655345678", part.text)
        };
        assert_eq!(encode(&p).1, want, "part {}", part.seq);
    }
}

#[test]
fn part_counts() {
    let count = |t: String| pdu::split(&t, Coding::for_text(&t)).unwrap().total();
    let x = |n: usize| "x".repeat(n);
    assert_eq!(count(x(160)), 1);
    assert_eq!(count(x(161)), 2);
    assert_eq!(count(x(153 * 2)), 2);
    assert_eq!(count(x(153 * 2 + 1)), 3);
    assert_eq!(count(x(153 * 3)), 3);
    assert_eq!(count(x(153 * 3 + 1)), 4);
    assert_eq!(count("€".repeat(80)), 1);
    assert_eq!(count("€".repeat(79) + "x"), 1);
    assert_eq!(count("€".repeat(153)), 3);
    assert_eq!(count("€".repeat(229) + "x"), 4);
    assert_eq!(count("ő".repeat(70)), 1);
    assert_eq!(count("ő".repeat(70) + "x"), 2);
    assert_eq!(count("ő".repeat(67 * 2)), 2);
    assert_eq!(count("ő".repeat(67 * 2) + "x"), 3);
    assert_eq!(count("ő".repeat(67 * 3)), 3);
    assert_eq!(count("ő".repeat(67 * 3) + "x"), 4);
}

fn deliver(hex: &str) -> pdu::Deliver {
    match pdu::decode_hex(hex.as_bytes(), true) {
        Ok(Pdu::Deliver(d)) => d,
        other => panic!("{other:?}"),
    }
}

#[test]
fn delivers() {
    let d = deliver("07911326040000F0040B911346610089F60000208062917314080CC8F71D14969741F977FD07");
    assert_eq!(
        (d.smsc.as_ref().unwrap().as_str(), d.sender.as_str()),
        ("+31624000000", "+31641600986")
    );
    assert_eq!(d.text(), Some("How are you?"));
    // The zone octet 0x08 is "minus zero quarters".
    assert_eq!(d.scts.to_string(), "2002-08-26T19:37:41+00:00");

    let d = deliver("07914306073011F0040B914316709807F2000880604290224080084E2D5174901A8BAF");
    assert_eq!(d.sender.as_str(), "+34610789702");
    assert_eq!(d.text(), Some("中兴通讯"));

    let d = deliver("0791447758100650040C914497716247010000909010711423400A2050EC468B81C4733A");
    assert_eq!(d.sender.as_str(), "+447917267410");
    assert_eq!(d.text(), Some("  1741 bst"));
    assert_eq!(d.scts.to_string(), "2009-09-01T17:41:32+01:00");
}

#[test]
fn alphanumeric_senders_odd_and_even() {
    let d = deliver(
        "07919471060040340409D0C6A733390400009060920173018093CC74595C96838C4F6772085AD6DDE4320B44\
4E9741D4B03C6D7EC3E9E9B71B9474D3CB727799DEA286CFE5B9991DA6CBC3F432E85E9793CBA0F09A9EB6A7CB72\
BA0B9474D3CB727799DE72D6E9FABAFB0CBAA7E56490BA4CD7D34170F91BE4ACD3F575F7794E0F9F4161F1B92C2F\
8FD1EE32DD054AA2E520E3D3991C82A8E5701B",
    );
    assert_eq!(d.sender.ton, TypeOfNumber::Alphanumeric);
    assert_eq!(d.sender.as_str(), "FONIC");
    assert_eq!(d.smsc.as_ref().unwrap().as_str(), "+491760000443");
    assert_eq!(
        d.text(),
        Some(
            "Lieber FONIC Kunde, die Tarifoption Internet-Tagesflatrate wurde aktiviert. \
             Internet-Nutzung wird jetzt pro Nutzungstag abgerechnet. Ihr FONIC Team"
        )
    );
    let d = deliver(
        "07919333852804000412D0F7FBDD454FB75D693A0000903002801153402BCD301E9F0605D9E971191483C1\
40412A35690D52832063D2F9040599A058EE05A3BD6430580E",
    );
    assert_eq!(d.sender.as_str(), "www.tim.it");
    assert_eq!(
        d.text(),
        Some("Maxxi Alice 100 ATTIVATA FINO AL 19/04/2009")
    );
}

#[test]
fn german_multipart_with_euro() {
    let p1 = deliver(
        "07919471227210244405852122F039F101506271217180A005000319020198E9B2B82C0759DFE4B0F9ED2EB7\
967537B9CC02B5D37450122D2FCB41EE303DFD7687D96537881A96A7CD6F383DFD7683F46134BBEC064DD36550DA0D\
22A7CBF3721BE42CD3F5A0198B56036DCA20B8FC0D6A0A4170767D0EAAE540433A082E7F83A6E5F93CFD76BB40D7B2\
DB0D9AA6CB2072BA3C2F83926EF31BE44E8FD17450BB8C9683CA",
    );
    let p2 = deliver(
        "07919471227210244405852122F039F1015062712181804F050003190202E4E8309B5E7683DAFC319A5E76B3\
40F73D9A5D7683A6E93268FD9ED3CB6EF67B0E5AD172B19B2C2693C9602E90355D6683A6F0B007946E8382F5393BEC\
26BB00",
    );
    assert_eq!(p1.text(), Some("Lieber Vodafone-Kunde, mit Ihrer nationalen Tarifoption zahlen Sie in diesem Netz 3,45 € pro MB plus 59 Ct pro Session. Wenn Sie diese Info nicht mehr e"));
    assert_eq!(
        p2.text(),
        Some("rhalten möchten, wählen Sie kostenlos +4917212220. Viel Spaß im Ausland.")
    );
    let c1 = p1.concat.unwrap();
    let c2 = p2.concat.unwrap();
    assert_eq!((c1.reference, c1.seq, c1.total), (25, 1, 2));
    assert_eq!((c2.reference, c2.seq, c2.total), (25, 2, 2));
}

#[test]
fn status_report_confirmation() {
    match pdu::decode_hex(
        b"07914306073011F006270B913426565711F7012081111345400120811174054043",
        true,
    ) {
        Ok(Pdu::StatusReport(r)) => {
            assert_eq!(r.smsc.as_ref().unwrap().as_str(), "+34607003110");
            assert_eq!(r.mr, 0x27);
            assert_eq!(r.recipient.as_str(), "+43626575117");
            assert_eq!(r.scts.to_string(), "2010-02-18T11:31:54+01:00");
            assert_eq!(r.status.0, 0x43);
            assert_eq!(r.status.kind(), StatusKind::Failed);
        }
        other => panic!("{other:?}"),
    }
}
