//! The modem's serial port on the host: `serialport` without libudev, raw 8N1, exclusive.
//!
//! [`SerialPort`] implements the core's [`Port`] trait with `nb` semantics: a read or write that
//! cannot make progress now is `WouldBlock`. The daemon blocks in [`SerialPort::wait_readable`]
//! until bytes arrive or the session's next deadline passes, so the loop never busy-waits.
//! A hang-up (USB unplugged: the tty returns end-of-file or `POLLHUP`) is an error, and the
//! owner closes the port and re-opens it with backoff.

use crate::modem::Port;
use serialport::{ClearBuffer, DataBits, FlowControl, Parity, StopBits, TTYPort};
use std::io::{self, Read, Write};
use std::os::fd::AsRawFd;
use std::path::{Path, PathBuf};
use std::time::Duration;

/// How to open the modem's port.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SerialSettings {
    /// The device; a symlink (`/dev/serial/by-id/…`, `/dev/gsmmodem`) is resolved when opened,
    /// so a re-plugged modem under a new ttyUSB name is found again.
    pub path: PathBuf,
    /// Line speed. USB modems ignore it; SIM800 boards on a UART need it right.
    pub baud: u32,
    /// Hardware flow control (RTS/CTS).
    pub rtscts: bool,
}

/// What [`SerialPort::wait_readable`] saw.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Readiness {
    /// Bytes are waiting.
    Readable,
    /// The timeout passed with nothing to read.
    TimedOut,
    /// The other end is gone (USB unplugged, pty closed).
    HungUp,
}

/// An open serial port to the modem.
#[derive(Debug)]
pub struct SerialPort {
    tty: TTYPort,
    path: PathBuf,
}

impl SerialPort {
    /// Opens `settings.path` raw, 8N1, exclusive (a second opener — another smsctl, a stray
    /// `minicom` — gets an error instead of stealing half the bytes).
    pub fn open(settings: &SerialSettings) -> io::Result<SerialPort> {
        let path = settings.path.to_string_lossy().into_owned();
        let flow = if settings.rtscts {
            FlowControl::Hardware
        } else {
            FlowControl::None
        };
        let mut tty = serialport::new(path, settings.baud)
            .data_bits(DataBits::Eight)
            .parity(Parity::None)
            .stop_bits(StopBits::One)
            .flow_control(flow)
            .timeout(Duration::ZERO)
            .open_native()
            .map_err(io::Error::from)?;
        // Modem-control lines are best effort: a pty (the simulated modem, qemu's USB serial
        // host end) refuses these ioctls, and a modem works without them.
        let _ = serialport::SerialPort::write_data_terminal_ready(&mut tty, true);
        let _ = serialport::SerialPort::write_request_to_send(&mut tty, true);
        Ok(SerialPort {
            tty,
            path: settings.path.clone(),
        })
    }

    /// The path this port was opened from.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Blocks until bytes are readable, the port hangs up, or `timeout` passes.
    pub fn wait_readable(&self, timeout: Duration) -> io::Result<Readiness> {
        let mut pfd = libc::pollfd {
            fd: self.tty.as_raw_fd(),
            events: libc::POLLIN,
            revents: 0,
        };
        let ms = i32::try_from(timeout.as_millis()).unwrap_or(i32::MAX);
        // SAFETY: `pfd` is a valid pollfd for the duration of the call and nfds is 1.
        let rc = unsafe { libc::poll(&mut pfd, 1, ms) };
        if rc < 0 {
            let err = io::Error::last_os_error();
            return if err.kind() == io::ErrorKind::Interrupted {
                Ok(Readiness::TimedOut)
            } else {
                Err(err)
            };
        }
        if rc == 0 {
            return Ok(Readiness::TimedOut);
        }
        if pfd.revents & libc::POLLIN != 0 {
            Ok(Readiness::Readable)
        } else if pfd.revents & (libc::POLLHUP | libc::POLLERR | libc::POLLNVAL) != 0 {
            Ok(Readiness::HungUp)
        } else {
            Ok(Readiness::TimedOut)
        }
    }

    /// Throws away bytes not yet read. Only for a freshly opened port: during operation,
    /// flushing would throw away `+CMTI` notifications.
    pub fn discard_input(&self) -> io::Result<()> {
        serialport::SerialPort::clear(&self.tty, ClearBuffer::Input).map_err(io::Error::from)
    }
}

fn would_block(e: &io::Error) -> bool {
    matches!(
        e.kind(),
        io::ErrorKind::TimedOut | io::ErrorKind::WouldBlock | io::ErrorKind::Interrupted
    )
}

impl Port for SerialPort {
    type Error = io::Error;

    fn read(&mut self, buf: &mut [u8]) -> nb::Result<usize, io::Error> {
        match self.tty.read(buf) {
            Ok(0) if !buf.is_empty() => Err(nb::Error::Other(io::Error::new(
                io::ErrorKind::UnexpectedEof,
                "the modem's port hung up",
            ))),
            Ok(n) => Ok(n),
            Err(e) if would_block(&e) => Err(nb::Error::WouldBlock),
            Err(e) => Err(nb::Error::Other(e)),
        }
    }

    fn write(&mut self, buf: &[u8]) -> nb::Result<usize, io::Error> {
        match self.tty.write(buf) {
            Ok(0) if !buf.is_empty() => Err(nb::Error::WouldBlock),
            Ok(n) => Ok(n),
            Err(e) if would_block(&e) => Err(nb::Error::WouldBlock),
            Err(e) => Err(nb::Error::Other(e)),
        }
    }
}
