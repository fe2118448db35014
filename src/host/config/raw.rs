//! The config file as TOML says it, before validation: every leaf is a spanned TOML value, so
//! a value of the wrong type is a problem reported with its line, not a parse failure that
//! hides every later problem.

use serde::Deserialize;
use std::collections::BTreeMap;
use toml::{Spanned, Value};

/// One key's value and where it is, or `None` when the key is absent.
pub(super) type Field = Option<Spanned<Value>>;

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub(super) struct RawConfig {
    pub modem: Option<Spanned<RawModem>>,
    pub auth: Option<Spanned<RawAuth>>,
    pub limits: Option<Spanned<RawLimits>>,
    pub daemon: Option<Spanned<RawDaemon>>,
    pub notify: Option<Spanned<RawNotify>>,
    pub state: Option<Spanned<RawState>>,
    pub actions: Option<Spanned<RawActions>>,
    pub commands: Option<BTreeMap<String, Spanned<RawCommand>>>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub(super) struct RawModem {
    pub port: Field,
    pub baud: Field,
    pub rtscts: Field,
    pub pin: Field,
    pub mode: Field,
    pub storage: Field,
    pub health_interval: Field,
    pub soft_reset: Field,
    pub reset_command: Field,
    pub reboot_host_after: Field,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub(super) struct RawAuth {
    pub allow: Field,
    pub country_code: Field,
    pub secret: Field,
    pub unknown: Field,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub(super) struct RawLimits {
    pub commands_per_hour: Field,
    pub sms_per_day: Field,
    pub reply_parts: Field,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub(super) struct RawDaemon {
    pub sweep_interval: Field,
    pub reassembly_timeout: Field,
    pub link_interface: Field,
    pub connect_minutes: Field,
    pub log_level: Field,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub(super) struct RawNotify {
    pub on_boot: Field,
    pub max_per_day: Field,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub(super) struct RawState {
    pub dir: Field,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub(super) struct RawActions {
    pub reboot: Field,
    pub connect: Field,
    pub disconnect: Field,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub(super) struct RawCommand {
    pub exec: Field,
    pub timeout: Field,
    pub reply: Field,
    pub reply_text: Field,
    pub args: Field,
}

/// The keys each section knows; anything else is reported as a probable typo.
pub(super) const KNOWN_KEYS: &[(&str, &[&str])] = &[
    (
        "modem",
        &[
            "port",
            "baud",
            "rtscts",
            "pin",
            "mode",
            "storage",
            "health_interval",
            "soft_reset",
            "reset_command",
            "reboot_host_after",
        ],
    ),
    ("auth", &["allow", "country_code", "secret", "unknown"]),
    (
        "limits",
        &["commands_per_hour", "sms_per_day", "reply_parts"],
    ),
    (
        "daemon",
        &[
            "sweep_interval",
            "reassembly_timeout",
            "link_interface",
            "connect_minutes",
            "log_level",
        ],
    ),
    ("notify", &["on_boot", "max_per_day"]),
    ("state", &["dir"]),
    ("actions", &["reboot", "connect", "disconnect"]),
];

/// The keys of a `[commands.NAME]` table.
pub(super) const COMMAND_KEYS: &[&str] = &["exec", "timeout", "reply", "reply_text", "args"];
