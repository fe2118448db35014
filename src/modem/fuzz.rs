//! A fuzz entry for the procedures above the session: the init sequence, the message list in
//! PDU and text mode, and a multipart send, fed arbitrary modem output.

use crate::modem::facts::SmsMode;
use crate::modem::init::{Init, InitConfig, PinMemory};
use crate::modem::ops::{self, Send};
use crate::modem::procedure::{Poll, Procedure};
use crate::modem::session::Session;
use crate::time::{Duration, Instant};

/// A text of 170 characters: two parts.
const LONG: &str = "0123456789012345678901234567890123456789012345678901234567890123456789\
                    0123456789012345678901234567890123456789012345678901234567890123456789\
                    012345678901234567890123456789";

/// Runs arbitrary bytes as modem output through one procedure; never panics. The first byte
/// chooses the procedure (init with a PIN, list in PDU mode, list in plain text mode, list in
/// UCS-2 text mode, a two-part send); the rest is cut at 0xFF bytes into answers, each fed
/// after the procedure sent its next command; an empty answer lets the deadline pass.
pub fn fuzz_procedures(data: &[u8]) {
    let Some((&which, rest)) = data.split_first() else {
        return;
    };
    match which % 5 {
        0 => {
            let mut pin = heapless::String::new();
            let _ = pin.push_str("1234");
            let config = InitConfig {
                pin: Some(pin),
                ..InitConfig::default()
            };
            feed(&mut Init::new(config, PinMemory::default()), rest);
        }
        1 => feed_op(ops::list(SmsMode::Pdu), rest),
        2 => feed_op(ops::list(SmsMode::TextPlain), rest),
        3 => feed_op(ops::list(SmsMode::TextUcs2), rest),
        _ => {
            if let Ok(mut send) = Send::new("+359881234567", LONG, SmsMode::Pdu, 1) {
                feed(&mut send, rest);
            }
        }
    }
}

fn feed_op<T: Procedure, E>(op: Result<T, E>, answers: &[u8]) {
    if let Ok(mut op) = op {
        feed(&mut op, answers);
    }
}

fn feed<T: Procedure>(proc: &mut T, answers: &[u8]) {
    let mut session = Session::new();
    let mut now = Instant::ZERO;
    let mut found = 0usize;
    for answer in answers.split(|&b| b == 0xff) {
        match proc.poll(now, &mut session) {
            Poll::Ready(r) => {
                core::hint::black_box(r.is_ok());
                return;
            }
            Poll::Pending(wake) => {
                if let Some(w) = wake {
                    now = now.max(w);
                }
            }
        }
        if let Some(n) = session.poll_transmit().map(<[u8]>::len) {
            session.transmitted(n);
        }
        if answer.is_empty() {
            now = now.saturating_add(Duration::from_secs(61));
            session.handle_timeout(now, &mut |ev| {
                proc.handle(now, &ev, &mut |_| found = found.saturating_add(1))
            });
        } else {
            session.handle_input(answer, &mut |ev| {
                proc.handle(now, &ev, &mut |_| found = found.saturating_add(1))
            });
        }
    }
    core::hint::black_box(found);
}
