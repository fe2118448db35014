//! The real world: the serial port, processes, the config file, systemd notification, signals
//! and logging. The only part of smsctl that touches the operating system.
pub mod config;
pub mod serial;
