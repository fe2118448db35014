//! Pseudo-terminals for the simulator: a new pty with a symlink to it (`--link`), an existing
//! tty in raw mode (`--attach`), and [`RawTty`], the host side a test opens.

use std::ffi::CStr;
use std::fs::{File, OpenOptions};
use std::io::{self, Read, Write};
use std::os::fd::{AsRawFd, FromRawFd, OwnedFd, RawFd};
use std::os::unix::fs::OpenOptionsExt;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

/// The master side of a new pseudo-terminal.
#[derive(Debug)]
pub struct Pty {
    master: File,
    slave: PathBuf,
}

impl Pty {
    /// Opens a new pty pair in raw mode; the master is non-blocking.
    pub fn open() -> io::Result<Pty> {
        // SAFETY: plain libc calls on a descriptor we own; the name buffer outlives the call.
        let fd = unsafe { libc::posix_openpt(libc::O_RDWR | libc::O_NOCTTY | libc::O_CLOEXEC) };
        if fd < 0 {
            return Err(io::Error::last_os_error());
        }
        // SAFETY: `fd` is a fresh descriptor nobody else owns.
        let master = File::from(unsafe { OwnedFd::from_raw_fd(fd) });
        // SAFETY: `fd` is an open pty master.
        if unsafe { libc::grantpt(fd) } != 0 || unsafe { libc::unlockpt(fd) } != 0 {
            return Err(io::Error::last_os_error());
        }
        let mut name = [0 as libc::c_char; 128];
        // SAFETY: the buffer is valid for its length; ptsname_r NUL-terminates on success.
        if unsafe { libc::ptsname_r(fd, name.as_mut_ptr(), name.len()) } != 0 {
            return Err(io::Error::last_os_error());
        }
        // SAFETY: ptsname_r succeeded, so `name` holds a NUL-terminated string.
        let slave = unsafe { CStr::from_ptr(name.as_ptr()) };
        let slave = PathBuf::from(slave.to_string_lossy().into_owned());
        // On Linux, termios calls on the master apply to the slave: the host's side is raw
        // (no echo, no CR/LF translation) until the host sets its own modes.
        set_raw(fd)?;
        set_nonblocking(fd)?;
        Ok(Pty { master, slave })
    }

    /// The slave device (`/dev/pts/N`) a host opens.
    pub fn slave_path(&self) -> &Path {
        &self.slave
    }

    /// The master, for reading and writing.
    pub fn master(&mut self) -> &mut File {
        &mut self.master
    }
}

/// Puts the tty behind `fd` in raw mode: 8 data bits, no echo, no line editing, no
/// translation, reads return as soon as one byte is there.
pub fn set_raw(fd: RawFd) -> io::Result<()> {
    // SAFETY: termios is plain old data; tcgetattr fills it before use.
    let mut t: libc::termios = unsafe { std::mem::zeroed() };
    // SAFETY: `fd` is open and `t` is a valid termios.
    if unsafe { libc::tcgetattr(fd, &mut t) } != 0 {
        return Err(io::Error::last_os_error());
    }
    // SAFETY: `t` is a valid termios.
    unsafe { libc::cfmakeraw(&mut t) };
    t.c_cflag |= libc::CLOCAL | libc::CREAD;
    t.c_cc[libc::VMIN] = 1;
    t.c_cc[libc::VTIME] = 0;
    // SAFETY: as above.
    if unsafe { libc::tcsetattr(fd, libc::TCSANOW, &t) } != 0 {
        return Err(io::Error::last_os_error());
    }
    Ok(())
}

fn set_nonblocking(fd: RawFd) -> io::Result<()> {
    // SAFETY: fcntl on an open descriptor.
    let flags = unsafe { libc::fcntl(fd, libc::F_GETFL) };
    // SAFETY: as above.
    if flags < 0 || unsafe { libc::fcntl(fd, libc::F_SETFL, flags | libc::O_NONBLOCK) } < 0 {
        return Err(io::Error::last_os_error());
    }
    Ok(())
}

/// Opens an existing tty (`--attach`) read-write, non-blocking, raw.
pub fn open_tty(path: &Path) -> io::Result<File> {
    let file = OpenOptions::new()
        .read(true)
        .write(true)
        .custom_flags(libc::O_NOCTTY | libc::O_NONBLOCK)
        .open(path)?;
    set_raw(file.as_raw_fd())?;
    Ok(file)
}

/// Points `link` at `target`, atomically replacing whatever `link` was (a new symlink under a
/// temporary name, renamed over it).
pub fn replace_link(link: &Path, target: &Path) -> io::Result<()> {
    let name = link
        .file_name()
        .ok_or_else(|| io::Error::new(io::ErrorKind::InvalidInput, "link path has no name"))?;
    let tmp = link.with_file_name(format!(
        ".{}.{}.tmp",
        name.to_string_lossy(),
        std::process::id()
    ));
    let _ = std::fs::remove_file(&tmp);
    std::os::unix::fs::symlink(target, &tmp)?;
    std::fs::rename(&tmp, link)
}

/// Waits until `fd` is readable or `timeout` passes; whether it became readable (or hung up).
pub fn wait_readable(fd: RawFd, timeout: Duration) -> io::Result<bool> {
    let mut p = libc::pollfd {
        fd,
        events: libc::POLLIN,
        revents: 0,
    };
    let ms = libc::c_int::try_from(timeout.as_millis()).unwrap_or(libc::c_int::MAX);
    // SAFETY: one valid pollfd.
    let n = unsafe { libc::poll(&mut p, 1, ms) };
    if n < 0 {
        let e = io::Error::last_os_error();
        return if e.kind() == io::ErrorKind::Interrupted {
            Ok(false)
        } else {
            Err(e)
        };
    }
    Ok(n > 0)
}

/// The host's end of a simulated modem: a tty opened raw, with reads bounded by timeouts.
#[derive(Debug)]
pub struct RawTty {
    file: File,
    /// Bytes read but not yet handed out by `read_until`.
    buffered: Vec<u8>,
}

impl RawTty {
    /// Opens the tty at `path` (e.g. the `--link` symlink) in raw mode.
    pub fn open(path: &Path) -> io::Result<Self> {
        Ok(RawTty {
            file: open_tty(path)?,
            buffered: Vec::new(),
        })
    }

    /// Writes all of `bytes`, waiting at most a second for room.
    pub fn send(&mut self, bytes: &[u8]) -> io::Result<()> {
        let deadline = Instant::now() + Duration::from_secs(1);
        let mut rest = bytes;
        while !rest.is_empty() {
            match self.file.write(rest) {
                Ok(n) => rest = rest.get(n..).unwrap_or_default(),
                Err(e) if e.kind() == io::ErrorKind::WouldBlock => {
                    if Instant::now() > deadline {
                        return Err(io::Error::new(io::ErrorKind::TimedOut, "tty write stuck"));
                    }
                    std::thread::sleep(Duration::from_millis(5));
                }
                Err(e) => return Err(e),
            }
        }
        Ok(())
    }

    /// Reads until the bytes read contain `needle` or `timeout` passes; returns everything read
    /// up to and including the needle (`TimedOut` error carries what came).
    pub fn read_until(&mut self, needle: &[u8], timeout: Duration) -> io::Result<Vec<u8>> {
        let deadline = Instant::now() + timeout;
        loop {
            if let Some(pos) = find(&self.buffered, needle) {
                let end = pos + needle.len();
                let rest = self.buffered.split_off(end);
                return Ok(std::mem::replace(&mut self.buffered, rest));
            }
            let now = Instant::now();
            if now >= deadline {
                return Err(io::Error::new(
                    io::ErrorKind::TimedOut,
                    format!(
                        "waited {timeout:?} for {:?}, got {:?}",
                        String::from_utf8_lossy(needle),
                        String::from_utf8_lossy(&self.buffered)
                    ),
                ));
            }
            self.fill(deadline - now)?;
        }
    }

    /// Everything that arrives within `window`.
    pub fn read_for(&mut self, window: Duration) -> io::Result<Vec<u8>> {
        let deadline = Instant::now() + window;
        loop {
            let now = Instant::now();
            if now >= deadline {
                return Ok(std::mem::take(&mut self.buffered));
            }
            self.fill(deadline - now)?;
        }
    }

    /// Sends `command` and a CR, and reads up to the final `OK`/`ERROR` line.
    pub fn at(&mut self, command: &str, timeout: Duration) -> io::Result<String> {
        self.send(format!("{command}\r").as_bytes())?;
        let deadline = Instant::now() + timeout;
        let mut got = Vec::new();
        loop {
            let left = deadline.saturating_duration_since(Instant::now());
            got.extend(self.read_until(b"\r\n", left)?);
            let text = String::from_utf8_lossy(&got).into_owned();
            let last = text.trim_end().rsplit("\r\n").next().unwrap_or_default();
            if last == "OK" || last.contains("ERROR") || last == "COMMAND NOT SUPPORT" {
                return Ok(text);
            }
        }
    }

    fn fill(&mut self, wait: Duration) -> io::Result<()> {
        if !wait_readable(self.file.as_raw_fd(), wait.min(Duration::from_millis(50)))? {
            return Ok(());
        }
        let mut buf = [0u8; 512];
        match self.file.read(&mut buf) {
            Ok(0) => Ok(()),
            Ok(n) => {
                self.buffered
                    .extend_from_slice(buf.get(..n).unwrap_or_default());
                Ok(())
            }
            Err(e) if e.kind() == io::ErrorKind::WouldBlock => Ok(()),
            Err(e) => Err(e),
        }
    }
}

impl AsRawFd for RawTty {
    fn as_raw_fd(&self) -> RawFd {
        self.file.as_raw_fd()
    }
}

fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    if needle.is_empty() {
        return Some(0);
    }
    hay.windows(needle.len()).position(|w| w == needle)
}
