//! The driver's settings from the configuration, the boot-time clock, and clear messages for
//! a port that does not open.

use std::io;
use std::path::{Path, PathBuf};
use std::time::{SystemTime, UNIX_EPOCH};

use super::COMMAND_TIMEOUT;
use crate::host::config::Config;
use crate::host::serial::SerialSettings;
use crate::modem::init::{InitConfig, PIN_CAPACITY};
use crate::modem::ladder::LadderConfig;
use crate::time::{Duration, Instant};

/// At most one host reboot per this interval.
pub const REBOOT_MIN_INTERVAL: Duration = Duration::from_secs(86_400);

/// The file in the state directory that remembers the last host reboot smsctl asked for.
pub const REBOOT_GUARD_FILE: &str = "modem-reboot";

/// The time on the boot-time clock (`CLOCK_BOOTTIME`: counts through suspend, never jumps
/// when NTP sets the wall clock), as the core's [`Instant`].
pub fn boot_now() -> Instant {
    let mut ts = libc::timespec {
        tv_sec: 0,
        tv_nsec: 0,
    };
    // SAFETY: `ts` is a valid timespec for the call to fill.
    let rc = unsafe { libc::clock_gettime(libc::CLOCK_BOOTTIME, &mut ts) };
    if rc != 0 {
        return Instant::ZERO;
    }
    let secs = u64::try_from(ts.tv_sec).unwrap_or(0);
    let ms = u64::try_from(ts.tv_nsec).unwrap_or(0) / 1_000_000;
    Instant::from_millis(secs.saturating_mul(1000).saturating_add(ms))
}

pub(super) fn wall_secs() -> u64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_secs())
}

/// Everything the driver needs, from the configuration.
#[derive(Debug, Clone)]
pub struct DriverSettings {
    /// The port.
    pub serial: SerialSettings,
    /// The init sequence.
    pub init: InitConfig,
    /// An `AT` after this much quiet.
    pub health_interval: Duration,
    /// How long that `AT` waits.
    pub health_timeout: Duration,
    /// The ladder's rungs and timings.
    pub ladder: LadderConfig,
    /// The reset command (argv), if configured.
    pub reset_command: Option<Vec<String>>,
    /// The host reboot (argv), used when `ladder.reboot_host_after` is set.
    pub reboot_command: Vec<String>,
    /// Where the last host reboot is remembered; `None` = in memory only.
    pub reboot_guard: Option<PathBuf>,
    /// How long the ladder's commands may run.
    pub command_timeout: Duration,
}

impl DriverSettings {
    /// Settings from the validated config; `state_dir` holds the reboot guard.
    pub fn from_config(cfg: &Config, state_dir: &Path) -> DriverSettings {
        let m = &cfg.modem;
        let mut init = InitConfig {
            text_mode: m.mode == crate::host::config::ModemMode::Text,
            ..InitConfig::default()
        };
        if let Some(pin) = &m.pin {
            let mut p = heapless::String::<PIN_CAPACITY>::new();
            if p.push_str(pin.expose()).is_ok() {
                init.pin = Some(p);
            }
        }
        let mut storage = heapless::String::new();
        if storage.push_str(&m.storage).is_ok() {
            init.storage = storage;
        }
        DriverSettings {
            serial: SerialSettings {
                path: m.port.clone(),
                baud: m.baud,
                rtscts: m.rtscts,
            },
            init,
            health_interval: m.health_interval,
            health_timeout: super::HEALTH_TIMEOUT,
            ladder: LadderConfig {
                soft_reset: m.soft_reset,
                reset_command: m.reset_command.is_some(),
                reboot_host_after: m.reboot_host_after,
                ..LadderConfig::default()
            },
            reset_command: m.reset_command.as_ref().map(|a| a.as_slice().to_vec()),
            reboot_command: cfg.actions.reboot.as_slice().to_vec(),
            reboot_guard: Some(state_dir.join(REBOOT_GUARD_FILE)),
            command_timeout: COMMAND_TIMEOUT,
        }
    }
}

/// A clear message for a port that does not open.
pub fn open_hint(path: &Path, e: &io::Error) -> String {
    let p = path.display();
    match e.kind() {
        io::ErrorKind::NotFound => format!(
            "{p} does not exist: is the modem plugged in (lsusb), switched to modem mode \
             (usb_modeswitch), and is this its AT port? /dev/serial/by-id/ lists the ports"
        ),
        io::ErrorKind::PermissionDenied => {
            format!("{p}: permission denied (run as root or add the user to the dialout group)")
        }
        _ if e.raw_os_error() == Some(libc::EBUSY) => format!(
            "{p} is busy: another program holds it (ModemManager? a running smsctl? minicom?)"
        ),
        _ => format!("{p}: {e}"),
    }
}
