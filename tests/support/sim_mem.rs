//! Driving the in-memory simulated modem from tests.

use smsctl::sim::{Profile, Sim};
use smsctl::time::Instant;

/// Feeds `line` + CR at `t` and returns everything due by `t`.
pub fn at(sim: &mut Sim, t: Instant, line: &str) -> String {
    sim.input(t, format!("{line}\r").as_bytes());
    String::from_utf8_lossy(&sim.take_output(t)).into_owned()
}

/// A modem of `profile` with echo off and its power-up lines read.
pub fn quiet(profile: Profile) -> (Sim, Instant) {
    let t = Instant::from_secs(1);
    let mut sim = Sim::new(profile, t);
    sim.take_output(t);
    assert!(at(&mut sim, t, "ATE0").ends_with("\r\nOK\r\n"));
    (sim, t)
}
