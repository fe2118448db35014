//! The framer and the session allocate nothing, over a long conversation (thousands of lines:
//! every trace repeated, a 50-message +CMGL answer, URC floods), counted per thread.

mod support;

use smsctl::at::framer::{Event, Framer};
use smsctl::modem::session::{self, Session, DEFAULT_TIMEOUT, SEND_TIMEOUT, SETTLE_INTERVAL};
use smsctl::time::{Duration, Instant};
use support::counting_alloc::{count, Counting};

#[global_allocator]
static ALLOC: Counting = Counting;

const PDU: &[u8] = b"0791539878000000040C9153892805050000006211626100008005E8329BFD06";

/// A +CMGL answer of 50 messages with Huawei reports and a +CMTI among them.
fn long_cmgl() -> Vec<u8> {
    let mut v = b"AT+CMGL=4\r\r\n".to_vec();
    for i in 0..50 {
        v.extend_from_slice(format!("+CMGL: {i},1,,24\r\n").as_bytes());
        v.extend_from_slice(PDU);
        v.extend_from_slice(b"\r\n\r\n^RSSI:17\r\n");
        if i == 25 {
            v.extend_from_slice(b"\r\n+CMTI: \"SM\",51\r\n");
        }
    }
    v.extend_from_slice(b"\r\nOK\r\n");
    v
}

#[test]
fn framer_allocates_nothing() {
    let input = long_cmgl().repeat(40); // 40 × 154 lines
    let mut f = Framer::new();
    let (allocs, lines) = count(|| {
        let mut lines = 0u32;
        f.expect_echo(b"AT+CMGL=4");
        f.feed(&input, &mut |ev| {
            if matches!(ev, Event::Line(_) | Event::Final { .. }) {
                lines += 1;
            }
        });
        lines
    });
    assert!(lines > 6_000, "{lines}");
    assert_eq!(allocs, 0);
}

#[test]
fn session_allocates_nothing() {
    let cmgl = long_cmgl();
    let send =
        b"AT+CMGS=19\r\r\n> 0011000B915389025005F00000AA05E8329BFD06\x1a\r\n+CMGS: 7\r\n\r\nOK\r\n";
    let mut s = Session::new();
    let mut now = Instant::ZERO;
    let (allocs, (events, urcs)) = count(|| {
        let mut events = 0u32;
        let mut urcs = 0u32;
        let mut on = |ev: session::Event<'_>| {
            events += 1;
            if let session::Event::Urc { .. } = ev {
                urcs += 1;
            }
        };
        for round in 0..40u64 {
            now = now + Duration::from_millis(250);
            s.send(now, b"AT+CMGL=4", DEFAULT_TIMEOUT).unwrap();
            s.handle_input(&cmgl, &mut on);
            s.send_with_body(
                now,
                b"AT+CMGS=19",
                b"0011000B915389025005F00000AA05E8329BFD06",
                SEND_TIMEOUT,
            )
            .unwrap();
            s.handle_input(send, &mut on);
            while let Some(n) = s.poll_transmit().map(<[u8]>::len) {
                s.transmitted(n);
            }
            s.send(now, b"AT+CSQ", DEFAULT_TIMEOUT).unwrap();
            // The timeout, the settling interval, the resync AT and the one after it.
            now = now + Duration::from_secs(11 + round);
            s.handle_timeout(now, &mut on);
            now = now + SETTLE_INTERVAL;
            s.handle_timeout(now, &mut on);
            s.send(now, b"AT", DEFAULT_TIMEOUT).unwrap();
            s.handle_input_at(now, b"\r\nOK\r\n", &mut on);
            now = now + SETTLE_INTERVAL;
            s.handle_timeout(now, &mut on);
        }
        (events, urcs)
    });
    assert!(events > 6_000, "{events}");
    assert_eq!(urcs, 40 * 51);
    assert!(s.is_idle());
    assert_eq!(allocs, 0);
}
