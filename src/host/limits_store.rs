//! The rate limiter's counters in the state directory (`limits`), so a restart does not reset
//! them. Written atomically (temporary file, fsync, rename, fsync of the directory): after a
//! power cut the file is the old one or the new one, never a torn mix.
//!
//! The windows are on the boot-time clock, which starts at zero on every boot, so the file
//! carries the kernel's boot id (`/proc/sys/kernel/random/boot_id`) and the clock reading when
//! it was written. Read back in the same boot, the windows are restored as they were; read after
//! a reboot, each window keeps its count and the time it had left, starting now (the downtime
//! is unknown and counts as zero): a reboot never resets a limit. See
//! [`crate::command::limits`].
//!
//! The format is text, one record a line:
//!
//! ```text
//! smsctl-limits 1
//! boot 5c3a2e9e-8d1b-4a0c-9a57-1f0f4b0e2d11
//! saved 123456
//! sms 86400000 12
//! sender +359882505000 3600000 4
//! sender * 3600000 1
//! ```

use crate::command::limits::{Key, Limiter, Window};
use crate::time::Instant;
use std::fs;
use std::io::{self, Write};
use std::path::{Path, PathBuf};

/// The file's name in the state directory.
pub const FILE_NAME: &str = "limits";

const MAGIC: &str = "smsctl-limits 1";

/// The kernel's boot id, from `proc_dir/sys/kernel/random/boot_id`.
pub fn boot_id(proc_dir: &Path) -> Option<String> {
    let s = fs::read_to_string(proc_dir.join("sys/kernel/random/boot_id")).ok()?;
    let s = s.trim();
    (!s.is_empty() && s.chars().all(|c| c.is_ascii_hexdigit() || c == '-')).then(|| s.to_owned())
}

/// The counters file of a state directory.
#[derive(Debug, Clone)]
pub struct LimitsStore {
    path: PathBuf,
    boot_id: String,
}

impl LimitsStore {
    /// The store in `state_dir` for the boot `boot_id` (unknown boot id: pass `""`, which
    /// never matches a saved one, so windows are always rebased, the safe reading).
    pub fn new(state_dir: &Path, boot_id: &str) -> Self {
        LimitsStore {
            path: state_dir.join(FILE_NAME),
            boot_id: boot_id.to_owned(),
        }
    }

    /// Where the file is.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Writes `limiter`'s windows still open at `now`.
    pub fn save(&self, limiter: &Limiter, now: Instant) -> io::Result<()> {
        let mut text = format!(
            "{MAGIC}\nboot {}\nsaved {}\n",
            self.boot_id,
            now.as_millis()
        );
        let sms = limiter.sms_window();
        if sms.is_open(now) {
            text.push_str(&format!("sms {} {}\n", sms.end.as_millis(), sms.count));
        }
        for (key, w) in limiter.sender_windows() {
            if w.is_open(now) {
                text.push_str(&format!(
                    "sender {} {} {}\n",
                    key.as_str(),
                    w.end.as_millis(),
                    w.count
                ));
            }
        }
        write_atomically(&self.path, text.as_bytes())
    }

    /// Reads the limiter back at `now`; a missing file is a fresh limiter. A file that does
    /// not parse is an error (the caller logs it and starts fresh).
    pub fn load(&self, now: Instant) -> io::Result<Limiter> {
        let text = match fs::read_to_string(&self.path) {
            Ok(t) => t,
            Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(Limiter::new()),
            Err(e) => return Err(e),
        };
        let bad = |what: &str| {
            io::Error::new(
                io::ErrorKind::InvalidData,
                format!("{}: {what}", self.path.display()),
            )
        };
        let mut lines = text.lines();
        if lines.next() != Some(MAGIC) {
            return Err(bad("not a limits file"));
        }
        let mut boot = None;
        let mut saved = None;
        let mut limiter = Limiter::new();
        for line in lines {
            let f: Vec<&str> = line.split(' ').collect();
            match f.as_slice() {
                ["boot", id] => boot = Some(*id),
                ["saved", ms] => saved = Some(ms.parse::<u64>().map_err(|_| bad(line))?),
                ["sms", end, count] => {
                    let w = window(end, count).ok_or_else(|| bad(line))?;
                    limiter.set_sms_window(w);
                }
                ["sender", key, end, count] => {
                    let key = Key::parse(key).ok_or_else(|| bad(line))?;
                    let w = window(end, count).ok_or_else(|| bad(line))?;
                    if !limiter.set_sender_window(key, w) {
                        return Err(bad("too many senders"));
                    }
                }
                [""] => {}
                _ => return Err(bad(line)),
            }
        }
        let saved = Instant::from_millis(saved.ok_or_else(|| bad("no `saved` line"))?);
        let same_boot = !self.boot_id.is_empty() && boot == Some(self.boot_id.as_str());
        if same_boot {
            return Ok(limiter);
        }
        // A new boot: the old clock's instants mean nothing now; rebase every window.
        let mut rebased = Limiter::new();
        let sms = limiter.sms_window();
        if sms.end > saved {
            rebased.set_sms_window(sms.rebased(saved, now));
        }
        for (key, w) in limiter.sender_windows() {
            if w.end > saved {
                rebased.set_sender_window(key.clone(), w.rebased(saved, now));
            }
        }
        Ok(rebased)
    }
}

impl LimitsStore {
    /// [`LimitsStore::load`] for the daemon: a file that cannot be read or parsed is logged and
    /// replaced by a fresh limiter (the atomic writes make that a damaged disk, not a crash).
    pub fn load_or_fresh(&self, now: Instant) -> Limiter {
        self.load(now).unwrap_or_else(|e| {
            log::warn!("rate-limit counters not restored, starting afresh: {e}");
            Limiter::new()
        })
    }
}

fn window(end: &str, count: &str) -> Option<Window> {
    Some(Window {
        end: Instant::from_millis(end.parse().ok()?),
        count: count.parse().ok()?,
    })
}

/// Replaces `path` with `data` so that a crash leaves either the old or the new content.
pub fn write_atomically(path: &Path, data: &[u8]) -> io::Result<()> {
    let dir = path.parent().unwrap_or(Path::new("."));
    let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("file");
    let tmp = dir.join(format!(".{name}.tmp"));
    {
        let mut f = fs::File::create(&tmp)?;
        f.write_all(data)?;
        f.sync_all()?;
    }
    fs::rename(&tmp, path)?;
    // The rename itself is durable once the directory is synced.
    if let Ok(d) = fs::File::open(dir) {
        let _ = d.sync_all();
    }
    Ok(())
}
