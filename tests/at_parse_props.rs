//! Property tests: no parser panics on any line; the formatter never panics and every command
//! it produces ends with a single `\r` and holds no other control byte.

use proptest::prelude::*;
use smsctl::at::cmd;
use smsctl::at::parse::{self, Cmti, Csq, Registration, Shape};

/// Lines that look like responses, so the parsers get past the prefix and into the parameters.
fn response_line() -> impl Strategy<Value = Vec<u8>> {
    let names = prop::sample::select(vec![
        "+CMTI:", "+CDSI:", "+CMGR:", "+CMGL:", "+CMGS:", "+CSQ:", "+CREG:", "+CGREG:", "+CEREG:",
        "+COPS:", "+CPMS:", "+CPIN:", "+CSCA:", "+CMT:", "+CDS:", "+CLIP:",
    ]);
    let piece = prop::sample::select(vec![
        "0",
        "1",
        "99",
        "4294967296",
        "65536",
        "\"SM\"",
        "\"\"",
        "\"",
        ",",
        " ",
        "(",
        ")",
        "4CA",
        "\"REC READ\"",
        "\"24/11/26,12:00:00+08\"",
        "READY",
        "-1",
        "\u{0}",
        "\u{ff}",
    ]);
    (names, prop::collection::vec(piece, 0..24)).prop_map(|(name, pieces)| {
        let mut line = name.as_bytes().to_vec();
        for p in pieces {
            line.extend_from_slice(p.as_bytes());
        }
        line
    })
}

fn check_command(c: &cmd::Command) {
    let b = c.as_bytes();
    assert!(b.starts_with(b"AT"));
    assert_eq!(b.last(), Some(&b'\r'));
    assert!(
        b[..b.len() - 1].iter().all(|&x| !x.is_ascii_control()),
        "{b:?}"
    );
    assert!(b.len() <= cmd::CMD_CAPACITY);
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    #[test]
    fn parsers_never_panic_on_bytes(line in prop::collection::vec(any::<u8>(), 0..300)) {
        let _ = parse::fuzz_all(&line);
    }

    #[test]
    fn parsers_never_panic_on_response_like_lines(line in response_line()) {
        let _ = parse::fuzz_all(&line);
    }

    #[test]
    fn errors_point_inside_the_line(line in response_line()) {
        for e in [
            Cmti::parse(&line).err(),
            Csq::parse(&line).err(),
            Registration::parse(&line, Shape::Answer).err(),
        ].into_iter().flatten() {
            prop_assert!(e.at <= line.len(), "{e} beyond {} bytes", line.len());
        }
    }

    #[test]
    fn formatter_never_panics_and_ends_with_cr(
        arg in prop::collection::vec(any::<u8>(), 0..200),
        n in any::<u32>(),
        small in any::<u8>(),
        flag in prop::option::of(any::<u8>()),
    ) {
        for c in [
            cmd::cpin_enter(&arg),
            cmd::cpin_unblock(&arg, &arg),
            cmd::cscs(&arg),
            cmd::cmgs_text(&arg),
            cmd::csca_set(&arg, small),
            cmd::cmgr(n),
            cmd::cmgd(n, flag),
            cmd::cmgs_pdu(n as usize),
            cmd::cnmi(small, small, small, small, small),
            cmd::cfun(small, flag),
        ].into_iter().flatten() {
            check_command(&c);
        }
        if let Ok(b) = cmd::pdu_body(&arg) {
            prop_assert_eq!(b.as_bytes().len(), arg.len() * 2 + 1);
            prop_assert_eq!(b.as_bytes().last(), Some(&cmd::CTRL_Z));
        }
        if let Ok(b) = cmd::text_body(&arg) {
            prop_assert_eq!(b.as_bytes().iter().filter(|&&x| x == cmd::CTRL_Z).count(), 1);
        }
    }

    #[test]
    fn quoted_pins_round_trip(pin in "[0-9]{4,8}") {
        let c = cmd::cpin_enter(pin.as_bytes()).unwrap();
        let want = format!("AT+CPIN=\"{pin}\"\r");
        prop_assert_eq!(c.as_bytes(), want.as_bytes());
    }

    #[test]
    fn cmti_index_round_trips(index in any::<u32>()) {
        let line = format!("+CMTI: \"SM\",{index}");
        let got = Cmti::parse(line.as_bytes()).unwrap();
        prop_assert_eq!(got.index, index);
        let c = cmd::cmgr(got.index).unwrap();
        let want = format!("AT+CMGR={index}\r");
        prop_assert_eq!(c.as_bytes(), want.as_bytes());
    }

    #[test]
    fn csq_dbm_is_linear_and_bars_monotonic(rssi in 0u8..=31) {
        let q = Csq { rssi, ber: 99 };
        prop_assert_eq!(q.dbm(), Some(-113 + 2 * i16::from(rssi)));
        if rssi > 0 {
            let lower = Csq { rssi: rssi - 1, ber: 99 };
            prop_assert!(lower.bars() <= q.bars());
        }
    }
}
