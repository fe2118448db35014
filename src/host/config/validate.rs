//! Raw TOML → [`Config`], collecting every problem on the way.

use super::raw::{self, Field, RawCommand, RawConfig, COMMAND_KEYS, KNOWN_KEYS};
use super::{
    parse_duration, ActionsConfig, Argv, AuthConfig, Checked, CommandConfig, Config, DaemonConfig,
    ModemConfig, ModemMode, NotifyConfig, Problem, ReplyMode, Secret, StateConfig,
};
use crate::command::number::{normalise, CountryCode, Number};
use crate::command::policy::{
    valid_command_name, Builtin, Limits, UnknownPolicy, MAX_ALLOW, MAX_CONNECT_MINUTES,
    MAX_REPLY_PARTS,
};
use std::ops::Range;
use std::path::PathBuf;
use std::time::Duration;
use toml::de::{DeTable, DeValue};
use toml::{Spanned, Value};

/// Serial speeds a USB modem's serial port is set to; anything else is most likely a typo.
const BAUD_RATES: &[u32] = &[
    9600, 19_200, 38_400, 57_600, 115_200, 230_400, 460_800, 921_600,
];

/// Linux interface names are at most 15 bytes (`IFNAMSIZ` 16 with the NUL).
const MAX_IFNAME: usize = 15;

/// A command's timeout may not exceed this: the daemon handles nothing else while a command
/// runs.
const MAX_COMMAND_TIMEOUT: Duration = Duration::from_secs(3600);

/// Longest secret word: it is typed on a phone before every command.
const MAX_SECRET_LEN: usize = 32;

pub(super) fn check(text: &str) -> Checked {
    let mut c = Checker {
        text,
        doc: None,
        errors: Vec::new(),
        warnings: Vec::new(),
    };
    let (doc, syntax) = DeTable::parse_recoverable(text);
    if !syntax.is_empty() {
        for e in syntax {
            c.error(e.span(), "", e.message().trim());
        }
        return c.finish(None);
    }
    c.unknown_keys(doc.get_ref());
    c.doc = Some(doc.into_inner());
    let raw: RawConfig = match toml::from_str(text) {
        Ok(raw) => raw,
        Err(e) => {
            c.error(e.span(), "", e.message().trim());
            return c.finish(None);
        }
    };
    let config = c.config(raw);
    c.finish(Some(config))
}

struct Checker<'t> {
    text: &'t str,
    /// The document with every value's span, for the lines of array items.
    doc: Option<DeTable<'t>>,
    errors: Vec<Problem>,
    warnings: Vec<Problem>,
}

impl Checker<'_> {
    fn line(&self, span: Option<Range<usize>>) -> Option<usize> {
        let start = span?.start;
        let before = self.text.get(..start)?;
        Some(before.matches('\n').count().saturating_add(1))
    }

    /// Where item `i` of the array `section.key` is.
    fn item_span(&self, section: &str, key: &str, i: usize) -> Option<Range<usize>> {
        let sec = find(self.doc.as_ref()?, section)?.as_table()?;
        let item = find(sec, key)?.as_array()?.get(i)?;
        Some(item.span())
    }

    fn problem(&self, span: Option<Range<usize>>, key: &str, message: &str) -> Problem {
        Problem {
            line: self.line(span),
            key: key.to_owned(),
            message: message.to_owned(),
        }
    }

    fn error(&mut self, span: Option<Range<usize>>, key: &str, message: &str) {
        let p = self.problem(span, key, message);
        self.errors.push(p);
    }

    fn warn(&mut self, span: Option<Range<usize>>, key: &str, message: &str) {
        let p = self.problem(span, key, message);
        self.warnings.push(p);
    }

    fn finish(mut self, config: Option<Config>) -> Checked {
        // Stable sorts: problems of one line keep the order they were found in.
        self.errors.sort_by_key(|p| p.line);
        self.warnings.sort_by_key(|p| p.line);
        let config = config.filter(|_| self.errors.is_empty());
        Checked {
            config,
            errors: self.errors,
            warnings: self.warnings,
        }
    }

    /// Warns about keys no section knows (typos such as `comands_per_hour`).
    fn unknown_keys(&mut self, doc: &DeTable<'_>) {
        for (section, value) in doc {
            let name = section.get_ref().as_ref();
            let span = Some(section.span());
            let table = value.get_ref().as_table();
            if name == "commands" {
                for (cmd, body) in table.into_iter().flatten() {
                    if let DeValue::Table(t) = body.get_ref() {
                        let prefix = format!("commands.{}", cmd.get_ref());
                        self.unknown_in(t, &prefix, COMMAND_KEYS);
                    }
                }
                continue;
            }
            match KNOWN_KEYS.iter().find(|(s, _)| *s == name) {
                Some((_, keys)) => {
                    if let Some(t) = table {
                        self.unknown_in(t, name, keys);
                    }
                }
                None => self.warn(span, name, "unknown section, ignored"),
            }
        }
    }

    fn unknown_in(&mut self, table: &DeTable<'_>, prefix: &str, known: &[&str]) {
        for key in table.keys() {
            let k = key.get_ref().as_ref();
            if !known.contains(&k) {
                let full = format!("{prefix}.{k}");
                self.warn(Some(key.span()), &full, "unknown key, ignored (a typo?)");
            }
        }
    }

    // ---- typed getters: `None` when absent or wrong (wrong is reported) ----

    fn get<T>(
        &mut self,
        field: &Field,
        key: &str,
        conv: impl FnOnce(&Value) -> Result<T, String>,
    ) -> Option<T> {
        let f = field.as_ref()?;
        match conv(f.get_ref()) {
            Ok(v) => Some(v),
            Err(msg) => {
                self.error(Some(f.span()), key, &msg);
                None
            }
        }
    }

    fn string(&mut self, field: &Field, key: &str) -> Option<String> {
        self.get(field, key, |v| as_str(v).map(str::to_owned))
    }

    fn bool(&mut self, field: &Field, key: &str, default: bool) -> bool {
        self.get(field, key, |v| match v {
            Value::Boolean(b) => Ok(*b),
            other => Err(format!(
                "expected true or false, found {}",
                other.type_str()
            )),
        })
        .unwrap_or(default)
    }

    fn int(&mut self, field: &Field, key: &str, range: (i64, i64), default: i64) -> i64 {
        self.get(field, key, |v| match v {
            Value::Integer(n) if (range.0..=range.1).contains(n) => Ok(*n),
            Value::Integer(n) => Err(format!("{n} is out of range {}..={}", range.0, range.1)),
            other => Err(format!("expected an integer, found {}", other.type_str())),
        })
        .unwrap_or(default)
    }

    /// A duration that must not be zero.
    fn duration(&mut self, field: &Field, key: &str, default: Duration) -> Duration {
        self.get(field, key, |v| match parse_duration(as_str(v)?)? {
            Some(d) => Ok(d),
            None => Err("must not be 0".into()),
        })
        .unwrap_or(default)
    }

    /// A duration where `"0"` means never.
    fn duration_or_never(&mut self, field: &Field, key: &str) -> Option<Duration> {
        self.get(field, key, |v| parse_duration(as_str(v)?))
            .flatten()
    }

    fn argv(&mut self, field: &Field, key: &str) -> Option<Argv> {
        self.get(field, key, |v| {
            let Value::Array(items) = v else {
                return Err(format!(
                    "expected an array of strings like [\"prog\", \"arg\"], found {}",
                    v.type_str()
                ));
            };
            let words = items
                .iter()
                .map(|i| as_str(i).map(str::to_owned))
                .collect::<Result<Vec<_>, _>>()?;
            Argv::new(words)
        })
    }

    fn numbers(&mut self, field: &Field, key: &str, cc: Option<&CountryCode>) -> Vec<Number> {
        let Some(f) = field.as_ref() else {
            return Vec::new();
        };
        let Value::Array(items) = f.get_ref() else {
            let found = f.get_ref().type_str();
            self.error(
                Some(f.span()),
                key,
                &format!("expected an array of numbers, found {found}"),
            );
            return Vec::new();
        };
        let mut out: Vec<Number> = Vec::new();
        let (section, name) = key.split_once('.').unwrap_or(("", key));
        for (i, item) in items.iter().enumerate() {
            let parsed =
                as_str(item).and_then(|s| normalise(s, cc).map_err(|e| format!("`{s}`: {e}")));
            let at = self.item_span(section, name, i).or(Some(f.span()));
            match parsed {
                Ok(n) if out.contains(&n) => {
                    self.warn(at, key, &format!("{n} is listed twice"));
                }
                Ok(n) => out.push(n),
                Err(msg) => self.error(at, key, &msg),
            }
        }
        out
    }

    // ---- sections ----

    fn config(&mut self, raw: RawConfig) -> Config {
        let modem = self.modem(raw.modem);
        let auth = self.auth(raw.auth);
        let limits = self.limits(raw.limits);
        let daemon = self.daemon(raw.daemon);
        let notify = self.notify(raw.notify, auth.country_code.as_ref());
        let state = self.state(raw.state);
        let actions = self.actions(raw.actions);
        let commands = raw
            .commands
            .unwrap_or_default()
            .into_iter()
            .filter_map(|(name, body)| self.command(name, body))
            .collect();
        Config {
            modem,
            auth,
            limits,
            daemon,
            notify,
            state,
            actions,
            commands,
        }
    }

    fn modem(&mut self, raw: Option<Spanned<raw::RawModem>>) -> ModemConfig {
        let span = raw.as_ref().map(Spanned::span);
        let m = raw.map(Spanned::into_inner).unwrap_or_default();
        let port = match self.string(&m.port, "modem.port") {
            Some(p) if p.trim().is_empty() => {
                self.error(span_of(&m.port), "modem.port", "empty path");
                PathBuf::new()
            }
            Some(p) => PathBuf::from(p),
            None => {
                if m.port.is_none() {
                    self.error(span, "modem.port", "required: the modem's serial device");
                }
                PathBuf::new()
            }
        };
        let baud = self
            .get(&m.baud, "modem.baud", |v| match v {
                Value::Integer(n) => u32::try_from(*n)
                    .ok()
                    .filter(|b| BAUD_RATES.contains(b))
                    .ok_or_else(|| format!("{n} is not one of {BAUD_RATES:?}")),
                other => Err(format!("expected an integer, found {}", other.type_str())),
            })
            .unwrap_or(115_200);
        let rtscts = self.bool(&m.rtscts, "modem.rtscts", false);
        let pin = self.get(&m.pin, "modem.pin", |v| match v {
            Value::String(s)
                if (4..=8).contains(&s.len()) && s.bytes().all(|b| b.is_ascii_digit()) =>
            {
                Ok(Secret(s.clone()))
            }
            Value::String(_) => Err("a SIM PIN is 4 to 8 digits".into()),
            Value::Integer(_) => {
                Err("write the PIN as a string (\"0123\"): an integer loses leading zeros".into())
            }
            other => Err(format!("expected a string, found {}", other.type_str())),
        });
        let mode = self
            .get(&m.mode, "modem.mode", |v| match as_str(v)? {
                "pdu" => Ok(ModemMode::Pdu),
                "text" => Ok(ModemMode::Text),
                other => Err(format!("`{other}`: expected \"pdu\" or \"text\"")),
            })
            .unwrap_or(ModemMode::Pdu);
        let storage = self
            .get(&m.storage, "modem.storage", |v| {
                let s = as_str(v)?;
                if s.len() == 2 && s.bytes().all(|b| b.is_ascii_alphabetic()) {
                    Ok(s.to_ascii_uppercase())
                } else {
                    Err(format!(
                        "`{s}`: expected a two-letter storage name like \"SM\" or \"ME\""
                    ))
                }
            })
            .unwrap_or_else(|| "SM".into());
        let health_interval = self.duration(
            &m.health_interval,
            "modem.health_interval",
            Duration::from_secs(60),
        );
        let soft_reset = self.bool(&m.soft_reset, "modem.soft_reset", false);
        let reset_command = self.argv(&m.reset_command, "modem.reset_command");
        let reboot_host_after =
            self.duration_or_never(&m.reboot_host_after, "modem.reboot_host_after");
        ModemConfig {
            port,
            baud,
            rtscts,
            pin,
            mode,
            storage,
            health_interval,
            soft_reset,
            reset_command,
            reboot_host_after,
        }
    }

    fn auth(&mut self, raw: Option<Spanned<raw::RawAuth>>) -> AuthConfig {
        let span = raw.as_ref().map(Spanned::span);
        let a = raw.map(Spanned::into_inner).unwrap_or_default();
        let country_code = self.get(&a.country_code, "auth.country_code", |v| {
            let s = match v {
                Value::Integer(n) => n.to_string(),
                other => as_str(other)?.to_owned(),
            };
            CountryCode::parse(&s)
                .ok_or_else(|| format!("`{s}`: expected 1 to 3 digits like \"359\""))
        });
        let errors_before = self.errors.len();
        let allow = self.numbers(&a.allow, "auth.allow", country_code.as_ref());
        if allow.is_empty() && self.errors.len() == errors_before {
            let at = span_of(&a.allow).or(span);
            self.error(
                at,
                "auth.allow",
                "required: at least one number allowed to command",
            );
        }
        if allow.len() > MAX_ALLOW {
            self.error(
                span_of(&a.allow),
                "auth.allow",
                &format!("at most {MAX_ALLOW} numbers"),
            );
        }
        let secret = self.get(&a.secret, "auth.secret", |v| {
            let s = as_str(v)?;
            if s.is_empty() || s.len() > MAX_SECRET_LEN {
                Err(format!("1 to {MAX_SECRET_LEN} characters"))
            } else if s.chars().any(|c| c.is_whitespace() || c.is_control()) {
                Err("one word: no spaces or control characters".into())
            } else {
                Ok(Secret(s.to_owned()))
            }
        });
        let unknown = self
            .get(&a.unknown, "auth.unknown", |v| match as_str(v)? {
                "ignore" => Ok(UnknownPolicy::Ignore),
                "reply" => Ok(UnknownPolicy::Reply),
                other => Err(format!("`{other}`: expected \"ignore\" or \"reply\"")),
            })
            .unwrap_or_default();
        AuthConfig {
            allow,
            country_code,
            secret,
            unknown,
        }
    }

    fn limits(&mut self, raw: Option<Spanned<raw::RawLimits>>) -> Limits {
        let l = raw.map(Spanned::into_inner).unwrap_or_default();
        let d = Limits::default();
        let per_hour = self.int(
            &l.commands_per_hour,
            "limits.commands_per_hour",
            (1, 10_000),
            d.commands_per_hour.into(),
        );
        let per_day = self.int(
            &l.sms_per_day,
            "limits.sms_per_day",
            (1, 10_000),
            d.sms_per_day.into(),
        );
        let parts = self.int(
            &l.reply_parts,
            "limits.reply_parts",
            (1, MAX_REPLY_PARTS.into()),
            d.reply_parts.into(),
        );
        Limits {
            commands_per_hour: u32::try_from(per_hour).unwrap_or(d.commands_per_hour),
            sms_per_day: u32::try_from(per_day).unwrap_or(d.sms_per_day),
            reply_parts: u8::try_from(parts).unwrap_or(d.reply_parts),
        }
    }

    fn daemon(&mut self, raw: Option<Spanned<raw::RawDaemon>>) -> DaemonConfig {
        let d = raw.map(Spanned::into_inner).unwrap_or_default();
        let ten_minutes = Duration::from_secs(600);
        let sweep_interval = self.duration(&d.sweep_interval, "daemon.sweep_interval", ten_minutes);
        let reassembly_timeout = self.duration(
            &d.reassembly_timeout,
            "daemon.reassembly_timeout",
            ten_minutes,
        );
        let link_interface = self
            .get(&d.link_interface, "daemon.link_interface", |v| {
                let s = as_str(v)?;
                let ok = !s.is_empty()
                    && s.len() <= MAX_IFNAME
                    && s.chars().all(|c| c.is_ascii_graphic() && c != '/');
                ok.then(|| s.to_owned())
                    .ok_or_else(|| format!("`{s}`: not a network interface name"))
            })
            .unwrap_or_else(|| "ppp0".into());
        let minutes = self.int(
            &d.connect_minutes,
            "daemon.connect_minutes",
            (1, MAX_CONNECT_MINUTES.into()),
            30,
        );
        let log_level = self
            .get(&d.log_level, "daemon.log_level", |v| {
                let s = as_str(v)?;
                s.parse::<log::LevelFilter>()
                    .map_err(|_| format!("`{s}`: expected off, error, warn, info, debug or trace"))
            })
            .unwrap_or(log::LevelFilter::Info);
        DaemonConfig {
            sweep_interval,
            reassembly_timeout,
            link_interface,
            connect_minutes: u16::try_from(minutes).unwrap_or(30),
            log_level,
        }
    }

    fn notify(
        &mut self,
        raw: Option<Spanned<raw::RawNotify>>,
        cc: Option<&CountryCode>,
    ) -> NotifyConfig {
        let n = raw.map(Spanned::into_inner).unwrap_or_default();
        let on_boot = self.numbers(&n.on_boot, "notify.on_boot", cc);
        let max = self.int(&n.max_per_day, "notify.max_per_day", (0, 100), 3);
        NotifyConfig {
            on_boot,
            max_per_day: u32::try_from(max).unwrap_or(3),
        }
    }

    fn state(&mut self, raw: Option<Spanned<raw::RawState>>) -> StateConfig {
        let s = raw.map(Spanned::into_inner).unwrap_or_default();
        let dir = self
            .get(&s.dir, "state.dir", |v| {
                let p = as_str(v)?;
                if p.starts_with('/') {
                    Ok(PathBuf::from(p))
                } else {
                    Err(format!("`{p}`: must be an absolute path"))
                }
            })
            .unwrap_or_else(|| PathBuf::from("/var/lib/smsctl"));
        StateConfig { dir }
    }

    fn actions(&mut self, raw: Option<Spanned<raw::RawActions>>) -> ActionsConfig {
        let a = raw.map(Spanned::into_inner).unwrap_or_default();
        let or = |v: Option<Argv>, default: &[&str]| {
            v.unwrap_or_else(|| Argv(default.iter().map(|s| (*s).to_owned()).collect()))
        };
        let reboot = self.argv(&a.reboot, "actions.reboot");
        let connect = self.argv(&a.connect, "actions.connect");
        let disconnect = self.argv(&a.disconnect, "actions.disconnect");
        ActionsConfig {
            reboot: or(reboot, &["systemctl", "reboot"]),
            connect: or(connect, &["pon"]),
            disconnect: or(disconnect, &["poff"]),
        }
    }

    fn command(&mut self, name: String, raw: Spanned<RawCommand>) -> Option<CommandConfig> {
        let span = Some(raw.span());
        let c = raw.into_inner();
        let key = |k: &str| format!("commands.{name}.{k}");
        let mut ok = true;
        if !valid_command_name(&name) {
            self.error(
                span.clone(),
                &format!("commands.{name}"),
                "a command name is 1 to 32 of a-z 0-9 _ - starting with a letter",
            );
            ok = false;
        } else if Builtin::from_word(&name).is_some() {
            self.error(
                span.clone(),
                &format!("commands.{name}"),
                "is a built-in command; choose another name",
            );
            ok = false;
        }
        let exec = self.argv(&c.exec, &key("exec"));
        if c.exec.is_none() {
            self.error(
                span,
                &key("exec"),
                "required: the program and its arguments",
            );
        }
        let timeout = self.duration(&c.timeout, &key("timeout"), Duration::from_secs(30));
        if timeout > MAX_COMMAND_TIMEOUT {
            self.error(span_of(&c.timeout), &key("timeout"), "at most 1h");
        }
        let reply_text = self.string(&c.reply_text, &key("reply_text"));
        let reply = self
            .get(&c.reply, &key("reply"), |v| match as_str(v)? {
                "output" => Ok(Some(ReplyMode::Output)),
                "exit" => Ok(Some(ReplyMode::Exit)),
                "text" => Ok(None),
                other => Err(format!(
                    "`{other}`: expected \"output\", \"exit\" or \"text\""
                )),
            })
            .unwrap_or(Some(ReplyMode::Output));
        let reply = match (reply, reply_text) {
            (Some(mode), text) => {
                if text.is_some() {
                    self.warn(
                        span_of(&c.reply_text),
                        &key("reply_text"),
                        "used only with reply = \"text\"",
                    );
                }
                mode
            }
            (None, Some(text)) => ReplyMode::Text(text),
            (None, None) => {
                if c.reply_text.is_none() {
                    self.error(
                        span_of(&c.reply),
                        &key("reply_text"),
                        "required with reply = \"text\"",
                    );
                }
                ReplyMode::Output
            }
        };
        let args = self.bool(&c.args, &key("args"), false);
        Some(CommandConfig {
            name: name.clone(),
            exec: exec.filter(|_| ok)?,
            timeout,
            reply,
            args,
        })
    }
}

/// The value of key `k` in `t`.
fn find<'a, 'i>(t: &'a DeTable<'i>, k: &str) -> Option<&'a DeValue<'i>> {
    t.iter()
        .find(|(name, _)| name.get_ref().as_ref() == k)
        .map(|(_, v)| v.get_ref())
}

fn span_of(field: &Field) -> Option<Range<usize>> {
    field.as_ref().map(Spanned::span)
}

fn as_str(v: &Value) -> Result<&str, String> {
    v.as_str()
        .ok_or_else(|| format!("expected a string, found {}", v.type_str()))
}
