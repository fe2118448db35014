//! The configuration file (`/etc/smsctl/smsctl.toml`), validated once into types that cannot be
//! wrong: a non-empty allowlist of normalised numbers, `Duration`s, non-empty argv vectors,
//! enums instead of strings. Code after start-up never re-checks.
//!
//! Parsing collects every problem instead of stopping at the first: TOML syntax errors (all
//! of them, with their lines), then each key's type and value, each reported with the key and
//! the line. Unknown keys are warnings (probable typos; other versions may know them). Every
//! optional key has a documented default (README, "Configuration").

mod duration;
mod raw;
mod validate;

pub use duration::{format_duration, parse_duration};

use crate::command::number::{CountryCode, Number};
use crate::command::policy::{CommandEntry, Limits, Policy, UnknownPolicy};
use std::fmt;
use std::path::{Path, PathBuf};
use std::time::Duration;

/// Where the config lives unless `--config` says otherwise.
pub const DEFAULT_PATH: &str = "/etc/smsctl/smsctl.toml";

/// The validated configuration.
#[derive(Debug, Clone, PartialEq)]
pub struct Config {
    /// `[modem]`
    pub modem: ModemConfig,
    /// `[auth]`
    pub auth: AuthConfig,
    /// `[limits]`
    pub limits: Limits,
    /// `[daemon]`
    pub daemon: DaemonConfig,
    /// `[notify]`
    pub notify: NotifyConfig,
    /// `[state]`
    pub state: StateConfig,
    /// `[actions]`
    pub actions: ActionsConfig,
    /// `[commands.NAME]`, sorted by name.
    pub commands: Vec<CommandConfig>,
}

/// `[modem]`: the serial port and the modem's recovery ladder.
#[derive(Debug, Clone, PartialEq)]
pub struct ModemConfig {
    /// The serial device (required).
    pub port: PathBuf,
    /// Line speed (default 115200).
    pub baud: u32,
    /// Hardware flow control (default false).
    pub rtscts: bool,
    /// The SIM PIN, 4 to 8 digits, only if the SIM asks for one.
    pub pin: Option<Secret>,
    /// PDU (default) or text mode.
    pub mode: ModemMode,
    /// Message storage (default `SM`).
    pub storage: String,
    /// An `AT` when the line has been quiet this long (default 60 s).
    pub health_interval: Duration,
    /// `AT+CFUN=1,1` on the recovery ladder (default false).
    pub soft_reset: bool,
    /// A command that power-cycles the modem (default none).
    pub reset_command: Option<Argv>,
    /// Reboot the Pi after the modem has been dead this long (default never).
    pub reboot_host_after: Option<Duration>,
}

/// How messages are exchanged with the modem.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ModemMode {
    /// `AT+CMGF=0` (default).
    Pdu,
    /// `AT+CMGF=1`, the fallback.
    Text,
}

/// `[auth]`: who may command.
#[derive(Debug, Clone, PartialEq)]
pub struct AuthConfig {
    /// The allowed numbers, normalised, never empty, no duplicates.
    pub allow: Vec<Number>,
    /// To match national and international forms.
    pub country_code: Option<CountryCode>,
    /// The word required before every command (default none).
    pub secret: Option<Secret>,
    /// Unknown senders: ignored (default) or answered.
    pub unknown: UnknownPolicy,
}

/// `[daemon]`
#[derive(Debug, Clone, PartialEq)]
pub struct DaemonConfig {
    /// Sweep modem storage this often (default 10 min).
    pub sweep_interval: Duration,
    /// Give up on an incomplete multipart message after this long (default 10 min).
    pub reassembly_timeout: Duration,
    /// The data link shown by `status` (default `ppp0`).
    pub link_interface: String,
    /// Default duration of `connect`, minutes (default 30).
    pub connect_minutes: u16,
    /// Log level (default info; `SMSCTL_LOG` overrides).
    pub log_level: log::LevelFilter,
}

/// `[notify]`
#[derive(Debug, Clone, PartialEq)]
pub struct NotifyConfig {
    /// Numbers greeted once per boot (default none).
    pub on_boot: Vec<Number>,
    /// At most this many greetings a day (default 3).
    pub max_per_day: u32,
}

/// `[state]`
#[derive(Debug, Clone, PartialEq)]
pub struct StateConfig {
    /// The state directory (default `/var/lib/smsctl`; `$STATE_DIRECTORY` wins).
    pub dir: PathBuf,
}

impl StateConfig {
    /// The directory to use: the first entry of `$STATE_DIRECTORY` when systemd sets it
    /// (`state_directory` is its value), else the configured one.
    pub fn resolve(&self, state_directory: Option<&std::ffi::OsStr>) -> PathBuf {
        state_directory
            .and_then(|v| v.to_str())
            .and_then(|v| v.split(':').next())
            .filter(|v| !v.is_empty())
            .map_or_else(|| self.dir.clone(), PathBuf::from)
    }
}

/// `[actions]`: the argv of the built-ins that act on the machine.
#[derive(Debug, Clone, PartialEq)]
pub struct ActionsConfig {
    /// Default `systemctl reboot`.
    pub reboot: Argv,
    /// Default `pon`.
    pub connect: Argv,
    /// Default `poff`.
    pub disconnect: Argv,
}

/// `[commands.NAME]`: a user-defined command.
#[derive(Debug, Clone, PartialEq)]
pub struct CommandConfig {
    /// Its name, as texted (lowercase).
    pub name: String,
    /// What runs: argv, never a shell.
    pub exec: Argv,
    /// Killed (its whole process group) after this long (default 30 s).
    pub timeout: Duration,
    /// What the reply says.
    pub reply: ReplyMode,
    /// Whether words after the command are passed on as arguments (default false).
    pub args: bool,
}

/// What a configured command replies.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ReplyMode {
    /// Its output (stdout and stderr), trimmed to fit (default).
    Output,
    /// Its exit status.
    Exit,
    /// A fixed text.
    Text(String),
}

/// A program and its arguments; never empty, the program never an empty string.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Argv(Vec<String>);

impl Argv {
    /// Checks and wraps `v`.
    pub fn new(v: Vec<String>) -> Result<Argv, String> {
        match v.first() {
            None => Err("empty command: give at least the program".into()),
            Some(p) if p.trim().is_empty() => Err("the program is an empty string".into()),
            _ if v.iter().any(|a| a.contains('\0')) => Err("NUL character in argv".into()),
            _ => Ok(Argv(v)),
        }
    }

    /// The program.
    pub fn program(&self) -> &str {
        self.0.first().map_or("", String::as_str)
    }

    /// The arguments after the program.
    pub fn args(&self) -> &[String] {
        self.0.get(1..).unwrap_or(&[])
    }

    /// All of it.
    pub fn as_slice(&self) -> &[String] {
        &self.0
    }
}

impl fmt::Display for Argv {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0.join(" "))
    }
}

/// A value that must never be shown: the SIM PIN, the secret. `Debug` and `Display` print `***`.
#[derive(Clone, PartialEq, Eq)]
pub struct Secret(String);

impl Secret {
    /// The value itself, for the one place that needs it.
    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("***")
    }
}

impl fmt::Display for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("***")
    }
}

/// One thing wrong with the config: which key, on which line, what.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    /// 1-based line in the file, when known.
    pub line: Option<usize>,
    /// The dotted key (`limits.sms_per_day`), or empty for the whole file.
    pub key: String,
    /// What is wrong.
    pub message: String,
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if let Some(line) = self.line {
            write!(f, "line {line}: ")?;
        }
        if !self.key.is_empty() {
            write!(f, "{}: ", self.key)?;
        }
        f.write_str(&self.message)
    }
}

/// The result of checking a config: the config when there were no errors, and every error and
/// warning found.
#[derive(Debug, Clone)]
pub struct Checked {
    /// `Some` exactly when `errors` is empty.
    pub config: Option<Config>,
    /// Problems that make the config unusable.
    pub errors: Vec<Problem>,
    /// Problems worth fixing that do not stop smsctl.
    pub warnings: Vec<Problem>,
}

/// Checks config text (no file-mode check: see [`check_file`]).
pub fn check(text: &str) -> Checked {
    validate::check(text)
}

/// Why a config file could not be used.
#[derive(Debug)]
pub enum LoadError {
    /// The file could not be read.
    Io(PathBuf, std::io::Error),
    /// It was read and is wrong; every problem found.
    Invalid(PathBuf, Vec<Problem>),
}

impl fmt::Display for LoadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            LoadError::Io(p, e) => write!(f, "{}: {e}", p.display()),
            LoadError::Invalid(p, problems) => {
                write!(f, "{}: {} problem(s)", p.display(), problems.len())?;
                for problem in problems {
                    write!(f, "\n  {problem}")?;
                }
                Ok(())
            }
        }
    }
}

impl std::error::Error for LoadError {}

/// Reads and checks the file at `path`, with the file-mode warning (the file may hold the SIM
/// PIN and the secret: it should be readable by its owner only, mode 0600).
pub fn check_file(path: &Path) -> Result<Checked, LoadError> {
    let text = std::fs::read_to_string(path).map_err(|e| LoadError::Io(path.to_owned(), e))?;
    let mut checked = check(&text);
    if let Some(w) = mode_warning(path) {
        checked.warnings.insert(0, w);
    }
    Ok(checked)
}

/// A warning when `path` can be read, written or run by group or others.
pub fn mode_warning(path: &Path) -> Option<Problem> {
    use std::os::unix::fs::PermissionsExt;
    let mode = std::fs::metadata(path).ok()?.permissions().mode() & 0o7777;
    (mode & 0o077 != 0).then(|| Problem {
        line: None,
        key: String::new(),
        message: format!(
            "file mode is {mode:04o}: group or others can read it, and it may hold the SIM PIN \
             and the secret; run `chmod 600 {}`",
            path.display()
        ),
    })
}

impl Config {
    /// Loads the file at `path` for the daemon: errors stop, warnings are logged.
    pub fn load(path: &Path) -> Result<Config, LoadError> {
        let checked = check_file(path)?;
        for w in &checked.warnings {
            log::warn!("{}: {w}", path.display());
        }
        checked
            .config
            .ok_or_else(|| LoadError::Invalid(path.to_owned(), checked.errors))
    }

    /// The configured commands as the router sees them; build once and keep beside the config
    /// for [`Config::policy`].
    pub fn command_entries(&self) -> Vec<CommandEntry<'_>> {
        self.commands
            .iter()
            .map(|c| CommandEntry {
                name: &c.name,
                args: c.args,
            })
            .collect()
    }

    /// The router's policy ([`crate::command::decide`]), borrowing from the config and from
    /// `entries` (made by [`Config::command_entries`]).
    pub fn policy<'a>(&'a self, entries: &'a [CommandEntry<'a>]) -> Policy<'a> {
        Policy {
            allow: &self.auth.allow,
            country_code: self.auth.country_code,
            secret: self.auth.secret.as_ref().map(Secret::expose),
            unknown: self.auth.unknown,
            commands: entries,
            connect_minutes: self.daemon.connect_minutes,
            limits: self.limits,
        }
    }

    /// The configured command called `name`.
    pub fn command(&self, name: &str) -> Option<&CommandConfig> {
        self.commands.iter().find(|c| c.name == name)
    }
}
