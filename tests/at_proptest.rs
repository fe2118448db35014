//! Property tests: arbitrary bytes, arming and clock ticks never panic the framer or the
//! session, and the session never reports an event with a line longer than the framer's buffer.

use proptest::prelude::*;
use smsctl::at::framer::{Event, Framer, LINE_CAPACITY};
use smsctl::modem::session::{self, Session, DEFAULT_TIMEOUT, SEND_TIMEOUT, SETTLE_INTERVAL};
use smsctl::time::{Duration, Instant};

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn framer_never_panics(data in proptest::collection::vec(any::<u8>(), 0..2048)) {
        smsctl::at::fuzz_framer(&data);
        let mut f = Framer::new();
        f.expect_prompt();
        f.expect_echo(&data);
        let mut longest = 0;
        f.feed(&data, &mut |ev| {
            if let Event::Line(l) | Event::Final { line: l, .. } = ev {
                longest = longest.max(l.len());
            }
        });
        prop_assert!(longest <= LINE_CAPACITY);
    }

    #[test]
    fn session_never_panics(
        data in proptest::collection::vec(any::<u8>(), 0..2048),
        steps in proptest::collection::vec((0u8..6, 0u64..70_000), 0..32),
    ) {
        smsctl::modem::fuzz_session(&data);
        let mut s = Session::new();
        let mut now = Instant::ZERO;
        let mut events = 0usize;
        let piece = data.len() / (steps.len() + 1) + 1;
        let mut chunks = data.chunks(piece);
        for (op, ms) in steps {
            match op {
                0 => { let _ = s.send(now, b"AT+CMGL=4", DEFAULT_TIMEOUT); }
                1 => { let _ = s.send_with_body(now, b"AT+CMGS=5", b"00010000", SEND_TIMEOUT); }
                2 => { let _ = s.send(now, b"AT+CREG?", Duration::from_millis(ms)); }
                _ => {
                    now = now + Duration::from_millis(ms);
                    s.handle_timeout(now, &mut |_| events += 1);
                }
            }
            if let Some(c) = chunks.next() {
                s.handle_input(c, &mut |ev| {
                    events += 1;
                    if let session::Event::Response(l) | session::Event::Unexpected(l) = ev {
                        assert!(l.len() <= LINE_CAPACITY);
                    }
                });
            }
            if let Some(n) = s.poll_transmit().map(<[u8]>::len) {
                s.transmitted(n);
            }
            if let Some(t) = s.poll_timeout() {
                // Idle with a timeout: settling, which ends at most one interval from now.
                prop_assert!(!s.is_idle() || t <= now + SETTLE_INTERVAL);
                prop_assert!(t >= Instant::ZERO);
            }
        }
    }
}
