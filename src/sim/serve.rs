//! The std driver: one [`Sim`] on a pty (or an existing tty) with a unix control socket, in a
//! single `poll(2)` loop that sleeps until a byte arrives or the simulator's next deadline.

use std::fs::File;
use std::io::{self, Read, Write};
use std::os::fd::AsRawFd;
use std::os::unix::net::{UnixListener, UnixStream};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::thread::JoinHandle;

use super::pty::{open_tty, replace_link, Pty};
use super::{Profile, Sim};
use crate::time::Instant;

/// How often the driver retries a tty nobody holds the other end of (EIO, hang-up).
const PEER_RETRY_MS: i32 = 50;

/// Longest wait without looking at the stop flag.
const MAX_WAIT_MS: i32 = 200;

/// Output kept for a slow reader before the oldest is dropped, as a UART would.
const MAX_PENDING: usize = 64 * 1024;

/// Longest control line accepted.
const MAX_CONTROL_LINE: usize = 4096;

/// Where the modem appears.
#[derive(Debug, Clone)]
pub enum Endpoint {
    /// A new pty, with a symlink at this path to its slave.
    Link(PathBuf),
    /// An existing tty at this path.
    Attach(PathBuf),
}

/// What `smsctl sim` runs.
#[derive(Debug, Clone)]
pub struct Options {
    /// The modem to imitate.
    pub profile: Profile,
    /// The SIM's PIN, if it asks for one.
    pub pin: Option<String>,
    /// Where the modem appears.
    pub endpoint: Endpoint,
    /// The control socket's path.
    pub control: PathBuf,
}

/// The modem's tty as the driver holds it.
#[derive(Debug)]
struct Device {
    file: File,
    /// The pty, kept so its master stays open (link mode).
    _pty: Option<Pty>,
    link: Option<PathBuf>,
    /// Whether someone holds the other end (no EIO, no hang-up).
    peer: bool,
    pending: Vec<u8>,
}

impl Device {
    fn open(endpoint: &Endpoint) -> io::Result<Device> {
        match endpoint {
            Endpoint::Link(link) => {
                let mut pty = Pty::open()?;
                let file = pty.master().try_clone()?;
                replace_link(link, pty.slave_path())?;
                log::info!("sim: {} -> {}", link.display(), pty.slave_path().display());
                Ok(Device {
                    file,
                    _pty: Some(pty),
                    link: Some(link.clone()),
                    peer: false,
                    pending: Vec::new(),
                })
            }
            Endpoint::Attach(path) => Ok(Device {
                file: open_tty(path)?,
                _pty: None,
                link: None,
                peer: false,
                pending: Vec::new(),
            }),
        }
    }

    fn close(self) {
        if let Some(link) = &self.link {
            let _ = std::fs::remove_file(link);
        }
    }

    /// Queues output; discarded while nobody listens, as a modem talks into the void.
    fn send(&mut self, bytes: &[u8]) {
        if !self.peer || bytes.is_empty() {
            return;
        }
        self.pending.extend_from_slice(bytes);
        if self.pending.len() > MAX_PENDING {
            let cut = self.pending.len() - MAX_PENDING;
            self.pending.drain(..cut);
        }
        self.flush();
    }

    fn flush(&mut self) {
        while !self.pending.is_empty() {
            match self.file.write(&self.pending) {
                Ok(0) => break,
                Ok(n) => {
                    self.pending.drain(..n);
                }
                Err(e) if e.kind() == io::ErrorKind::WouldBlock => break,
                Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
                Err(_) => {
                    self.lost_peer();
                    break;
                }
            }
        }
    }

    fn lost_peer(&mut self) {
        self.peer = false;
        self.pending.clear();
    }

    /// Reads what the host wrote; `None` when nothing is there.
    fn receive(&mut self) -> Option<Vec<u8>> {
        let mut buf = [0u8; 1024];
        match self.file.read(&mut buf) {
            Ok(0) => {
                self.lost_peer();
                None
            }
            Ok(n) => {
                self.peer = true;
                Some(buf.get(..n).unwrap_or_default().to_vec())
            }
            Err(e) if e.kind() == io::ErrorKind::WouldBlock => {
                // Someone holds the other end: reads would block instead of failing.
                self.peer = true;
                None
            }
            Err(_) => {
                // EIO: nobody holds the other end. Retry after a short wait.
                self.lost_peer();
                None
            }
        }
    }
}

/// A control connection.
#[derive(Debug)]
struct Client {
    stream: UnixStream,
    inbuf: Vec<u8>,
    outbuf: Vec<u8>,
    closed: bool,
}

/// Runs the simulator until `quit` on the control socket or `stop` is set.
pub fn run(opts: &Options, stop: &AtomicBool) -> io::Result<()> {
    let start = std::time::Instant::now();
    let now = || Instant::from_millis(u64::try_from(start.elapsed().as_millis()).unwrap_or(0));
    let mut sim = Sim::with_pin(opts.profile, opts.pin.as_deref(), now());
    sim.hold_power_up_lines();
    let _ = std::fs::remove_file(&opts.control);
    let listener = UnixListener::bind(&opts.control)?;
    listener.set_nonblocking(true)?;
    let mut clients: Vec<Client> = Vec::new();
    let mut device = Some(Device::open(&opts.endpoint)?);
    let mut generation = sim.generation();
    let result = loop {
        if stop.load(Ordering::Relaxed) {
            break Ok(());
        }
        // Unplug and re-plug.
        if !sim.is_plugged() || sim.generation() != generation {
            if let Some(d) = device.take() {
                d.close();
            }
        }
        if sim.is_plugged() && device.is_none() {
            generation = sim.generation();
            match Device::open(&opts.endpoint) {
                Ok(d) => device = Some(d),
                Err(e) => break Err(e),
            }
        }
        let out = sim.take_output(now());
        if let Some(d) = device.as_mut() {
            d.send(&out);
        }
        for c in &mut clients {
            flush_client(c);
        }
        clients.retain(|c| !c.closed);
        if sim.quit_requested() && clients.iter().all(|c| c.outbuf.is_empty()) {
            break Ok(());
        }

        // Sleep until input, the simulator's deadline, or a peer retry.
        let mut wait = MAX_WAIT_MS;
        if let Some(t) = sim.poll_timeout() {
            let ms = t.as_millis().saturating_sub(now().as_millis());
            wait = wait.min(i32::try_from(ms).unwrap_or(i32::MAX));
        }
        let mut fds = vec![pollfd(listener.as_raw_fd(), libc::POLLIN)];
        for c in &clients {
            let mut ev = libc::POLLIN;
            if !c.outbuf.is_empty() {
                ev |= libc::POLLOUT;
            }
            fds.push(pollfd(c.stream.as_raw_fd(), ev));
        }
        let dev_slot = match device.as_ref() {
            Some(d) if d.peer => {
                let mut ev = libc::POLLIN;
                if !d.pending.is_empty() {
                    ev |= libc::POLLOUT;
                }
                fds.push(pollfd(d.file.as_raw_fd(), ev));
                Some(fds.len() - 1)
            }
            Some(_) => {
                wait = wait.min(PEER_RETRY_MS);
                None
            }
            None => None,
        };
        let nfds = libc::nfds_t::try_from(fds.len()).unwrap_or(0);
        // SAFETY: `fds` is a valid array of `nfds` pollfds.
        let n = unsafe { libc::poll(fds.as_mut_ptr(), nfds, wait.max(0)) };
        if n < 0 {
            let e = io::Error::last_os_error();
            if e.kind() != io::ErrorKind::Interrupted {
                break Err(e);
            }
            continue;
        }

        if fds.first().is_some_and(|p| p.revents != 0) {
            while let Ok((stream, _)) = listener.accept() {
                if stream.set_nonblocking(true).is_ok() {
                    clients.push(Client {
                        stream,
                        inbuf: Vec::new(),
                        outbuf: Vec::new(),
                        closed: false,
                    });
                }
            }
        }
        for (c, p) in clients.iter_mut().zip(fds.iter().skip(1)) {
            if p.revents != 0 {
                serve_client(c, &mut sim, now());
            }
        }
        if let Some(d) = device.as_mut() {
            let readable = match dev_slot {
                Some(i) => fds.get(i).is_some_and(|p| p.revents != 0),
                None => true,
            };
            if readable {
                while let Some(bytes) = d.receive() {
                    sim.host_present(now());
                    sim.input(now(), &bytes);
                }
                if d.peer {
                    sim.host_present(now());
                }
                d.flush();
            }
        }
    };
    if let Some(d) = device.take() {
        d.close();
    }
    let _ = std::fs::remove_file(&opts.control);
    result
}

fn pollfd(fd: i32, events: libc::c_short) -> libc::pollfd {
    libc::pollfd {
        fd,
        events,
        revents: 0,
    }
}

fn serve_client(c: &mut Client, sim: &mut Sim, now: Instant) {
    let mut buf = [0u8; 1024];
    loop {
        match c.stream.read(&mut buf) {
            Ok(0) => {
                c.closed = c.outbuf.is_empty();
                break;
            }
            Ok(n) => c.inbuf.extend_from_slice(buf.get(..n).unwrap_or_default()),
            Err(e) if e.kind() == io::ErrorKind::WouldBlock => break,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
            Err(_) => {
                c.closed = true;
                break;
            }
        }
    }
    while let Some(pos) = c.inbuf.iter().position(|&b| b == b'\n') {
        let line: Vec<u8> = c.inbuf.drain(..=pos).collect();
        let line = String::from_utf8_lossy(&line);
        for answer in sim.control(now, &line) {
            c.outbuf.extend_from_slice(answer.as_bytes());
            c.outbuf.push(b'\n');
        }
    }
    if c.inbuf.len() > MAX_CONTROL_LINE {
        c.inbuf.clear();
        c.outbuf.extend_from_slice(b"error line too long\n");
    }
    flush_client(c);
}

fn flush_client(c: &mut Client) {
    while !c.outbuf.is_empty() {
        match c.stream.write(&c.outbuf) {
            Ok(0) => break,
            Ok(n) => {
                c.outbuf.drain(..n);
            }
            Err(e) if e.kind() == io::ErrorKind::WouldBlock => break,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
            Err(_) => {
                c.closed = true;
                break;
            }
        }
    }
}

/// A simulator running on a thread of this process (tests, `smsctl simulate`).
#[derive(Debug)]
pub struct Handle {
    stop: Arc<AtomicBool>,
    thread: Option<JoinHandle<io::Result<()>>>,
    control: PathBuf,
}

impl Handle {
    /// The control socket's path.
    pub fn control_path(&self) -> &Path {
        &self.control
    }

    /// Stops the simulator and returns how its loop ended.
    pub fn stop(mut self) -> io::Result<()> {
        self.stop.store(true, Ordering::Relaxed);
        match self.thread.take().map(JoinHandle::join) {
            Some(Ok(r)) => r,
            Some(Err(_)) => Err(io::Error::other("the simulator thread panicked")),
            None => Ok(()),
        }
    }
}

impl Drop for Handle {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::Relaxed);
        if let Some(t) = self.thread.take() {
            let _ = t.join();
        }
    }
}

/// Starts the simulator on a thread; returns once the control socket and the tty exist.
pub fn spawn(opts: Options) -> io::Result<Handle> {
    let stop = Arc::new(AtomicBool::new(false));
    let control = opts.control.clone();
    let ready_path = match &opts.endpoint {
        Endpoint::Link(p) => p.clone(),
        Endpoint::Attach(p) => p.clone(),
    };
    let _ = std::fs::remove_file(&control);
    let flag = Arc::clone(&stop);
    let thread = std::thread::spawn(move || run(&opts, &flag));
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(5);
    while !(control.exists() && ready_path.exists()) {
        if thread.is_finished() || std::time::Instant::now() > deadline {
            stop.store(true, Ordering::Relaxed);
            return match thread.join() {
                Ok(Err(e)) => Err(e),
                _ => Err(io::Error::new(
                    io::ErrorKind::TimedOut,
                    "the simulator did not start",
                )),
            };
        }
        std::thread::sleep(std::time::Duration::from_millis(5));
    }
    Ok(Handle {
        stop,
        thread: Some(thread),
        control,
    })
}
