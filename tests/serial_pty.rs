//! The host serial port over a real pseudo-terminal: bytes both ways, `WouldBlock` when idle,
//! and a hang-up reported when the other end goes away (what a USB re-plug looks like).

use smsctl::host::serial::{Readiness, SerialPort, SerialSettings};
use smsctl::modem::Port;
use std::ffi::CStr;
use std::fs::File;
use std::io::{Read, Write};
use std::os::fd::FromRawFd;
use std::path::PathBuf;
use std::time::Duration;

/// Opens a pty pair; returns the master as a File and the slave's path. The slave fd opened by
/// openpty is closed again so that only the port under test holds it.
fn pty() -> (File, PathBuf) {
    let mut master = 0;
    let mut slave = 0;
    let mut name = [0 as libc::c_char; 128];
    // SAFETY: valid out-pointers; name buffer is large enough for a pty path.
    let rc = unsafe {
        libc::openpty(
            &mut master,
            &mut slave,
            name.as_mut_ptr(),
            std::ptr::null(),
            std::ptr::null(),
        )
    };
    assert_eq!(rc, 0, "openpty: {}", std::io::Error::last_os_error());
    // SAFETY: openpty wrote a NUL-terminated path into `name`.
    let path = unsafe { CStr::from_ptr(name.as_ptr()) }
        .to_string_lossy()
        .into_owned();
    // Raw mode on the master side's view too, so CR/LF pass untouched.
    // SAFETY: `slave` is an open fd from openpty; termios is plain data.
    unsafe {
        let mut t: libc::termios = std::mem::zeroed();
        libc::tcgetattr(slave, &mut t);
        libc::cfmakeraw(&mut t);
        libc::tcsetattr(slave, libc::TCSANOW, &t);
        libc::close(slave);
    }
    // SAFETY: `master` is an open fd we now own.
    (unsafe { File::from_raw_fd(master) }, PathBuf::from(path))
}

fn settings(path: PathBuf) -> SerialSettings {
    SerialSettings {
        path,
        baud: 115_200,
        rtscts: false,
    }
}

fn read_some(port: &mut SerialPort) -> Vec<u8> {
    assert_eq!(
        port.wait_readable(Duration::from_secs(5)).unwrap(),
        Readiness::Readable
    );
    let mut buf = [0u8; 64];
    let n = port.read(&mut buf).expect("bytes are ready");
    buf[..n].to_vec()
}

#[test]
fn bytes_flow_both_ways_and_idle_reads_would_block() {
    let (mut master, path) = pty();
    let mut port = SerialPort::open(&settings(path.clone())).expect("pty opens as a serial port");
    assert_eq!(port.path(), path.as_path());

    let mut buf = [0u8; 16];
    assert!(matches!(port.read(&mut buf), Err(nb::Error::WouldBlock)));
    assert_eq!(
        port.wait_readable(Duration::from_millis(20)).unwrap(),
        Readiness::TimedOut
    );

    master.write_all(b"\r\nOK\r\n").unwrap();
    let mut got = Vec::new();
    while got.len() < 6 {
        got.extend(read_some(&mut port));
    }
    assert_eq!(got, b"\r\nOK\r\n");

    let n = port.write(b"AT+CSQ\r").expect("write goes through");
    assert_eq!(n, 7);
    let mut echo = [0u8; 7];
    master.read_exact(&mut echo).unwrap();
    assert_eq!(&echo, b"AT+CSQ\r");
}

#[test]
fn a_closed_far_end_is_a_hang_up() {
    let (master, path) = pty();
    let mut port = SerialPort::open(&settings(path)).unwrap();
    drop(master);
    // Linux reports POLLIN together with POLLHUP on a pty whose master is gone; either way the
    // wait must end at once and the read must fail rather than report "no bytes yet".
    let seen = port.wait_readable(Duration::from_secs(5)).unwrap();
    assert_ne!(seen, Readiness::TimedOut);
    let mut buf = [0u8; 8];
    assert!(matches!(port.read(&mut buf), Err(nb::Error::Other(_))));
}

#[test]
fn a_missing_device_is_an_error_not_a_panic() {
    let err = SerialPort::open(&settings("/nonexistent/ttyUSB9".into())).unwrap_err();
    assert_eq!(err.kind(), std::io::ErrorKind::NotFound, "{err}");
}
