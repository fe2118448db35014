//! Helpers shared by the integration tests. Each test file that uses them says `mod support;`.
#![allow(dead_code)]

pub mod counting_alloc;
pub mod fake_modem;
pub mod sim_mem;
