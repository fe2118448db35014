//! # smsctl — run a remote Raspberry Pi over SMS
//!
//! A Pi on a pole in a field has one link to the world: a cheap USB GSM modem. Its owner texts
//! `status`, `reboot`, `connect`, `disconnect` or a command they defined; smsctl checks the
//! sender, runs the action and texts the result back. It has to keep doing that for a year,
//! unattended, on a modem that hangs, vanishes from the USB bus and garbles its output.
//!
//! ## Design: a sans-IO core, std at the edges
//!
//! Data flows one way:
//!
//! ```text
//! port bytes → at (framing) → modem (session) → pdu (codec) → command (router)
//!            → action → reply → pdu → modem → port bytes
//! ```
//!
//! The protocol core — [`at`], [`pdu`], [`modem`], [`command`] — never performs I/O, never reads
//! a clock, never allocates and never panics, whatever bytes arrive. Time is passed in as an
//! argument and the core says when it next needs to be woken; "need more bytes" is a state, not
//! an error; running out of room in a fixed buffer is a value the caller handles. This is what
//! lets the same code be driven by a real serial port on the Pi, by a simulated modem in tests
//! with simulated time, and by a fuzzer, with identical behaviour. The core builds with
//! `#![no_std]` and no allocator: `cargo build --lib --no-default-features`.
//!
//! Everything that touches the operating system lives behind the default `std` feature: the
//! serial port, processes, the config file, systemd notification and signals (`host`), the
//! simulated modem (`sim`) and the receive–dispatch–reply loop (`daemon`).
//!
//! The session, not the byte parser, decides whether a line answers the command in flight or is
//! an unsolicited result code: only the session knows what is in flight. The byte parser frames
//! lines and result codes and is armed by the session when a `> ` prompt or a command echo is
//! expected.
#![cfg_attr(not(feature = "std"), no_std)]
#![forbid(unsafe_op_in_unsafe_fn)]
#![warn(missing_debug_implementations, rust_2018_idioms)]

/// Declares the modules of the protocol core. They never panic and never overflow, whatever
/// bytes arrive: outside tests, indexing, `unwrap`/`expect`, panics and unchecked arithmetic are
/// build errors (clippy) in every one of them, declared here once.
macro_rules! core_modules {
    ($($(#[$doc:meta])* $name:ident;)*) => {$(
        $(#[$doc])*
        #[cfg_attr(
            not(test),
            deny(
                clippy::indexing_slicing,
                clippy::unwrap_used,
                clippy::expect_used,
                clippy::panic,
                clippy::unreachable,
                clippy::todo,
                clippy::unimplemented,
                clippy::arithmetic_side_effects
            )
        )]
        pub mod $name;
    )*};
}

core_modules! {
    at;
    command;
    hex;
    modem;
    pdu;
    throttle;
    time;
}

#[cfg(any(test, feature = "std"))]
pub mod testing;

#[cfg(feature = "std")]
pub mod cli;
#[cfg(feature = "std")]
pub mod host;
#[cfg(feature = "std")]
pub mod sim;

/// The version of this build, as shown by `smsctl --version` and the boot greeting.
pub const VERSION: &str = env!("CARGO_PKG_VERSION");
