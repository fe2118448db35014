//! Errors and unusual codings: every prefix of a valid PDU is an error (never a panic), and
//! compressed/reserved codings, message-waiting groups and bad fields are reported precisely.

use smsctl::pdu::{self, Alphabet, Field, MessageClass, Pdu, PduError, WaitingKind};

/// ModemManager src/tests/test-sms-part-3gpp.c (GPL-2.0+): "hellohello" from +18005551212.
const HELLO: &str = "07912143658709f1040b918100551512f20000111010214365000ae8329bfd4697d9ec37";

fn bytes(hex: &str) -> Vec<u8> {
    let mut out = vec![0u8; hex.len() / 2];
    let n = pdu::from_hex(hex.as_bytes(), &mut out).unwrap();
    out.truncate(n);
    out
}

/// HELLO with its TP-DCS octet (offset 18) replaced.
fn with_dcs(dcs: u8) -> Vec<u8> {
    let mut b = bytes(HELLO);
    b[18] = dcs;
    b
}

#[test]
fn every_prefix_is_an_error_with_an_offset_inside_it() {
    for hex in [
        HELLO,
        // python-gsmmodem test/test_pdu.py (LGPL-3.0+): SUBMIT with relative validity.
        "07911326040000F0310D0B911326880736F40000A90FF7FBDD454E87CDE1B0DB357EB701",
        // chan_dongle issue #8: emoji.
        "07913306092041F0040B913306991364F60008619091516061800AD83DDE03D83DDE0E0020",
    ] {
        let full = bytes(hex);
        assert!(pdu::decode(&full, true).is_ok());
        for cut in 0..full.len() {
            let e = pdu::decode(&full[..cut], true).unwrap_err();
            let at = match e {
                PduError::Truncated { at, .. } | PduError::UserDataTooShort { at, .. } => at,
                other => panic!("prefix {cut} of {hex}: {other}"),
            };
            assert!(at <= cut, "offset {at} beyond prefix {cut}: {e}");
        }
    }
}

#[test]
fn truncated_field_is_named() {
    let b = bytes(HELLO);
    assert_eq!(
        pdu::decode(&b[..22], true).unwrap_err(),
        PduError::Truncated {
            at: 19,
            field: Field::Timestamp,
            need: 7,
            remain: 3
        }
    );
    assert_eq!(
        pdu::decode(&b[..22], true).unwrap_err().to_string(),
        "truncated at octet 19: service centre timestamp needs 7 octets, 3 remain"
    );
}

#[test]
fn compressed_and_reserved_codings_are_errors() {
    assert_eq!(
        pdu::decode(&with_dcs(0x20), true).unwrap_err(),
        PduError::UnsupportedCoding {
            at: 18,
            dcs: 0x20,
            compressed: true
        }
    );
    assert_eq!(
        pdu::decode(&with_dcs(0x0C), true).unwrap_err(),
        PduError::UnsupportedCoding {
            at: 18,
            dcs: 0x0C,
            compressed: false
        }
    );
    let e = pdu::decode(&with_dcs(0x85), true).unwrap_err();
    assert!(
        e.to_string()
            .contains("unsupported data coding scheme 0x85 at octet 18: reserved coding"),
        "{e}"
    );
}

#[test]
fn message_waiting_and_class_groups() {
    let Pdu::Deliver(d) = pdu::decode(&with_dcs(0xC8), true).unwrap() else {
        panic!()
    };
    let w = d.dcs.waiting.unwrap();
    assert_eq!(
        (w.kind, w.active, w.store),
        (WaitingKind::Voicemail, true, false)
    );
    assert_eq!(d.text(), Some("hellohello"));
    let Pdu::Deliver(d) = pdu::decode(&with_dcs(0xDA), true).unwrap() else {
        panic!()
    };
    let w = d.dcs.waiting.unwrap();
    assert_eq!(
        (w.kind, w.active, w.store),
        (WaitingKind::Email, true, true)
    );
    let Pdu::Deliver(d) = pdu::decode(&with_dcs(0x12), true).unwrap() else {
        panic!()
    };
    assert_eq!(d.dcs.class, Some(MessageClass::Sim));
    assert_eq!(d.dcs.alphabet, Alphabet::Gsm7);
    // Group F, class 0 ("flash"), GSM 7-bit.
    let Pdu::Deliver(d) = pdu::decode(&with_dcs(0xF0), true).unwrap() else {
        panic!()
    };
    assert_eq!(d.dcs.class, Some(MessageClass::Flash));
    assert_eq!(d.text(), Some("hellohello"));
}

#[test]
fn bad_fields() {
    // Message type 3 is reserved.
    let mut b = bytes(HELLO);
    b[8] = 0x07;
    assert!(matches!(
        pdu::decode(&b, true),
        Err(PduError::Invalid {
            at: 8,
            field: Field::FirstOctet,
            value: 0x07,
            ..
        })
    ));
    // An address of 21 digits.
    let mut b = bytes(HELLO);
    b[9] = 21;
    assert!(matches!(
        pdu::decode(&b, true),
        Err(PduError::Invalid {
            at: 9,
            field: Field::Address,
            value: 21,
            ..
        })
    ));
    // An SMSC address of 12 octets.
    let mut b = bytes(HELLO);
    b[0] = 12;
    assert!(matches!(
        pdu::decode(&b, true),
        Err(PduError::Invalid {
            at: 0,
            field: Field::SmscAddress,
            ..
        })
    ));
    // Too many septets.
    let mut b = bytes(HELLO);
    b[26] = 161;
    assert!(matches!(
        pdu::decode(&b, true),
        Err(PduError::Invalid {
            at: 26,
            field: Field::UserDataLength,
            value: 161,
            ..
        })
    ));
    // A header length beyond the user data.
    let mut b = bytes(HELLO);
    b[8] |= 0x40;
    b[27] = 0x30;
    assert!(matches!(
        pdu::decode(&b, true),
        Err(PduError::Invalid {
            at: 27,
            field: Field::UserDataHeader,
            ..
        })
    ));
}

#[test]
fn hex_errors() {
    assert_eq!(
        pdu::decode_hex(b"0", true).unwrap_err(),
        PduError::HexOddLength { len: 1 }
    );
    assert_eq!(
        pdu::decode_hex(b"00g0", true).unwrap_err(),
        PduError::HexDigit { at: 2 }
    );
    assert_eq!(
        pdu::decode_hex("00".repeat(177).as_bytes(), true).unwrap_err(),
        PduError::TooLong { len: 177, max: 176 }
    );
    // Surrounding whitespace (a line from the modem) is fine; lower case too.
    assert!(pdu::decode_hex(format!("  {HELLO}\r\n").as_bytes(), true).is_ok());
}

#[test]
fn without_smsc_and_other_information_elements() {
    // The same SMS-DELIVER without the SMSC part.
    let b = bytes(HELLO);
    let Pdu::Deliver(d) = pdu::decode(&b[8..], false).unwrap() else {
        panic!()
    };
    assert_eq!(d.text(), Some("hellohello"));
    assert!(d.smsc.is_none());
    // A header with a port-addressing element (IEI 0x05) before the concatenation element:
    // skipped by length. UDHL 11, IEI 05 len 4, IEI 00 len 3 → 12 octets = 14 septets (fill 2 bits).
    let mut buf = [0u8; pdu::PDU_MAX_OCTETS];
    let text = "port test";
    let mut ud = vec![
        0x0B, 0x05, 0x04, 0x0B, 0x84, 0x23, 0xF0, 0x00, 0x03, 0x2A, 0x02, 0x02,
    ];
    let header_septets = (12 * 8usize).div_ceil(7);
    let septets = header_septets + text.len();
    ud.resize(septets * 7 / 8 + 1, 0);
    for (i, c) in text.bytes().enumerate() {
        let bit = (header_septets + i) * 7;
        let v = u16::from(c) << (bit % 8);
        ud[bit / 8] |= v as u8;
        if let Some(x) = ud.get_mut(bit / 8 + 1) {
            *x |= (v >> 8) as u8;
        }
    }
    ud.truncate((septets * 7).div_ceil(8));
    let mut pdu_bytes = vec![0x00, 0x44, 0x04, 0x81, 0x21, 0x43, 0x00, 0x00];
    pdu_bytes.extend_from_slice(&[0x62, 0x11, 0x62, 0x61, 0x00, 0x00, 0x00]);
    pdu_bytes.push(septets as u8);
    pdu_bytes.extend_from_slice(&ud);
    buf[..pdu_bytes.len()].copy_from_slice(&pdu_bytes);
    let Pdu::Deliver(d) = pdu::decode(&buf[..pdu_bytes.len()], true).unwrap() else {
        panic!()
    };
    assert_eq!(d.sender.as_str(), "1234");
    assert_eq!(
        d.concat.map(|c| (c.reference, c.seq, c.total)),
        Some((42, 2, 2))
    );
    assert_eq!(d.text(), Some(text));
    assert_eq!(d.scts.to_string(), "2026-11-26T16:00:00+00:00");
}
