//! Driving a [`Session`] over a [`Port`], and the fuzzing entry point.

use super::{Event, Session, DEFAULT_TIMEOUT, SEND_TIMEOUT};
use crate::modem::port::Port;
use crate::time::{Duration, Instant};

/// How many bytes [`pump`] reads per call at most, so a modem that never stops talking cannot
/// keep the caller from its other work.
pub const PUMP_READ_LIMIT: usize = 4096;

/// Drives `session` over `port` once: writes what is queued, reads what is available, handles
/// the deadline at `now`, and writes again (the body after a prompt, ESC and CR after a
/// timeout at the prompt).
/// Returns the port's error when it is gone. Commands cannot be sent from inside `on`; the
/// caller sends the next one after `pump` returns.
pub fn pump<P: Port>(
    port: &mut P,
    session: &mut Session,
    now: Instant,
    on: &mut impl FnMut(Event<'_>),
) -> Result<(), P::Error> {
    write_queued(port, session)?;
    let mut buf = [0u8; 64];
    let mut read = 0usize;
    while read < PUMP_READ_LIMIT {
        match port.read(&mut buf) {
            Ok(0) | Err(nb::Error::WouldBlock) => break,
            Ok(n) => {
                session.handle_input_at(now, buf.get(..n).unwrap_or(&buf), on);
                read = read.saturating_add(n);
                write_queued(port, session)?;
            }
            Err(nb::Error::Other(e)) => return Err(e),
        }
    }
    session.handle_timeout(now, on);
    write_queued(port, session)
}

/// Writes what the session has queued, as far as the port takes it now. It reads nothing, so
/// no answer can slip past whoever is about to send or handle the next command; [`pump`] and
/// the procedures' `drive` both write through it.
pub fn write_queued<P: Port>(port: &mut P, session: &mut Session) -> Result<(), P::Error> {
    while let Some(out) = session.poll_transmit() {
        match port.write(out) {
            Ok(0) | Err(nb::Error::WouldBlock) => break,
            Ok(n) => session.transmitted(n),
            Err(nb::Error::Other(e)) => return Err(e),
        }
    }
    Ok(())
}

/// Runs arbitrary bytes through a session; for fuzzing and property tests. The first byte
/// chooses the clock step; each later byte is either modem output or, for bytes 0xF8..=0xFF,
/// an instruction: send a plain or `+CMGS`/`+CMGL` command, advance the clock, write out the
/// transmit queue. Never panics.
pub fn fuzz_session(data: &[u8]) {
    let Some((&step, rest)) = data.split_first() else {
        return;
    };
    let step = Duration::from_millis(u64::from(step).saturating_mul(100));
    let mut now = Instant::ZERO;
    let mut s = Session::new();
    let mut events = 0usize;
    let mut on = |ev: Event<'_>| {
        events = events.saturating_add(1);
        core::hint::black_box(ev);
    };
    for &b in rest {
        match b {
            0xf8 => {
                let _ = s.send(now, b"AT+CREG?", DEFAULT_TIMEOUT);
            }
            0xf9 => {
                let _ = s.send(now, b"AT+CMGL=4", DEFAULT_TIMEOUT);
            }
            0xfa => {
                let _ = s.send_with_body(now, b"AT+CMGS=5", b"0001000000", SEND_TIMEOUT);
            }
            0xfb => {
                now = now.saturating_add(step);
                s.handle_timeout(now, &mut on);
            }
            0xfc => {
                if let Some(n) = s.poll_transmit().map(<[u8]>::len) {
                    s.transmitted(n);
                }
            }
            0xfd => {
                now = now.saturating_add(Duration::from_secs(61));
                s.handle_timeout(now, &mut on);
            }
            _ => s.handle_byte(b, &mut on),
        }
    }
    core::hint::black_box(events);
}
