//! The modem session: one command in flight with its deadline, classification of every line as
//! an answer or an unsolicited result code, and the operations built on it. Generic over a port
//! with `nb` semantics; time is passed in, never read.
//!
//! Everything above the session is a [`Procedure`]: a sans-IO state machine that sends one
//! command at a time and reads its events — the init sequence ([`init`]), the message
//! operations and network queries ([`ops`]), the health check ([`health`]). The recovery
//! ladder ([`ladder`]) decides what to do when the modem stops answering; the host driver
//! (`host::modem`) performs it.

pub(crate) mod answer;
pub mod error;
pub mod facts;
mod fuzz;
pub mod health;
pub mod init;
pub mod ladder;
pub mod ops;
pub mod port;
pub mod procedure;
pub mod session;

pub use error::ModemError;
pub use facts::ModemFacts;
pub use fuzz::fuzz_procedures;
pub use health::{HealthTimer, ModemHealth};
pub use init::{Init, InitConfig, PinMemory};
pub use port::Port;
pub use procedure::{Poll, Procedure, Stored};
pub use session::{fuzz_session, pump, Session};
