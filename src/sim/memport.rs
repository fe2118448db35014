//! The simulated modem as an in-memory [`Port`], driven with simulated time.

use std::collections::VecDeque;
use std::fmt;

use super::Sim;
use crate::modem::Port;
use crate::time::Instant;

/// The port error of [`MemPort`]: the simulated modem was unplugged.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Unplugged;

impl fmt::Display for Unplugged {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("the simulated modem is unplugged")
    }
}

/// A [`Port`] wired straight to a [`Sim`]. The test sets the clock with [`MemPort::set_now`];
/// reads return what the modem has said by then.
#[derive(Debug)]
pub struct MemPort {
    sim: Sim,
    now: Instant,
    pending: VecDeque<u8>,
}

impl MemPort {
    /// A port to `sim`, with the clock at `now`.
    pub fn new(sim: Sim, now: Instant) -> Self {
        MemPort {
            sim,
            now,
            pending: VecDeque::new(),
        }
    }

    /// Moves the clock (never backwards).
    pub fn set_now(&mut self, now: Instant) {
        self.now = self.now.max(now);
    }

    /// The clock.
    pub fn now(&self) -> Instant {
        self.now
    }

    /// The modem.
    pub fn sim(&self) -> &Sim {
        &self.sim
    }

    /// The modem, to deliver SMS or inject faults.
    pub fn sim_mut(&mut self) -> &mut Sim {
        &mut self.sim
    }

    /// Runs a control-protocol command at the port's clock.
    pub fn control(&mut self, line: &str) -> Vec<String> {
        self.sim.control(self.now, line)
    }

    /// When the modem next has something to say.
    pub fn poll_timeout(&self) -> Option<Instant> {
        if self.pending.is_empty() {
            self.sim.poll_timeout()
        } else {
            Some(self.now)
        }
    }
}

impl Port for MemPort {
    type Error = Unplugged;

    fn read(&mut self, buf: &mut [u8]) -> nb::Result<usize, Unplugged> {
        if !self.sim.is_plugged() {
            self.pending.clear();
            return Err(nb::Error::Other(Unplugged));
        }
        self.pending.extend(self.sim.take_output(self.now));
        if self.pending.is_empty() || buf.is_empty() {
            return Err(nb::Error::WouldBlock);
        }
        let mut n = 0;
        for slot in buf.iter_mut() {
            let Some(b) = self.pending.pop_front() else {
                break;
            };
            *slot = b;
            n += 1;
        }
        Ok(n)
    }

    fn write(&mut self, buf: &[u8]) -> nb::Result<usize, Unplugged> {
        if !self.sim.is_plugged() {
            return Err(nb::Error::Other(Unplugged));
        }
        if buf.is_empty() {
            return Err(nb::Error::WouldBlock);
        }
        self.sim.input(self.now, buf);
        Ok(buf.len())
    }
}
