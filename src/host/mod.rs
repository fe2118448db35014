//! The real world: the serial port, processes, the config file, systemd notification, signals
//! and logging. The only part of smsctl that touches the operating system.
pub mod actions;
pub mod config;
pub mod exec;
pub mod facts;
pub mod json;
pub mod limits_store;
pub mod modem;
pub mod serial;
pub mod timer;
