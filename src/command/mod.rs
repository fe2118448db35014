//! The SMS command language: who may speak, what they said, and what should happen. This module
//! decides; it never executes (actions sit behind a trait).

pub mod number;
pub mod policy;
