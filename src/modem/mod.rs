//! The modem session: one command in flight with its deadline, classification of every line as
//! an answer or an unsolicited result code, and the operations built on it. Generic over a port
//! with `nb` semantics; time is passed in, never read.

pub mod ladder;
pub mod port;
pub mod session;

pub use port::Port;
pub use session::{fuzz_session, pump, Session};
