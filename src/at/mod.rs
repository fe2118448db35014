//! The AT layer: byte-at-a-time framing of modem output into lines and result codes, typed
//! parsers for the information responses smsctl uses, and command formatting into fixed
//! buffers. No I/O, no heap, no panics on any input.

pub mod cmd;
pub mod framer;
pub use crate::hex;
pub mod parse;
pub mod result;
pub mod urc;

pub use framer::{fuzz_framer, Event, Framer, LINE_CAPACITY};
pub use result::{CmeError, CmsError, FinalCode};
pub use urc::UrcKind;
