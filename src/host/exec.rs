//! Running a command: argv (never a shell), in its own process group, with a timeout after
//! which the whole group is killed, and with its output (stdout and stderr together) captured
//! up to a bound. Returns the exit status and how long it took.

use std::io::{self, Read};
use std::os::unix::process::{CommandExt, ExitStatusExt};
use std::process::{Command, Stdio};
use std::sync::{mpsc, Arc, Mutex};
use std::time::{Duration, Instant};

/// Bytes of output kept: more than the longest reply (8 parts × 153 characters = 1224), so a
/// reply is cut by the reply shaper, not here; the rest is read and thrown away so the command
/// never blocks on a full pipe.
pub const OUTPUT_CAP: usize = 4096;

/// After the command has exited, how long to wait for the rest of its output (a background
/// child may hold the pipe open; its output is not waited for longer than this).
const OUTPUT_GRACE: Duration = Duration::from_millis(500);

/// How a command ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Exit {
    /// It exited with this code.
    Code(i32),
    /// A signal ended it (not ours).
    Signal(i32),
    /// It ran past its timeout; its process group was killed.
    TimedOut,
}

impl Exit {
    /// Exit code 0.
    pub fn success(self) -> bool {
        self == Exit::Code(0)
    }
}

impl std::fmt::Display for Exit {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Exit::Code(c) => write!(f, "exit {c}"),
            Exit::Signal(s) => write!(f, "killed by signal {s}"),
            Exit::TimedOut => f.write_str("timed out"),
        }
    }
}

/// What running a command gave.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RunResult {
    /// How it ended.
    pub exit: Exit,
    /// The first bytes of its stdout and stderr, interleaved as written (at most the cap).
    pub output: Vec<u8>,
    /// Whether output was thrown away beyond the cap.
    pub truncated: bool,
    /// From start to exit (or kill).
    pub duration: Duration,
}

#[derive(Default)]
struct Capture {
    bytes: Vec<u8>,
    truncated: bool,
}

/// Runs `argv` (program first; each entry one argument, passed untouched: no shell, no
/// globbing, no splitting) with stdin from `/dev/null`, killing its process group after
/// `timeout`, keeping at most `cap` bytes of output. Fails only when it cannot be started.
pub fn run(argv: &[&str], timeout: Duration, cap: usize) -> io::Result<RunResult> {
    let Some((program, args)) = argv.split_first() else {
        return Err(io::Error::new(io::ErrorKind::InvalidInput, "empty argv"));
    };
    let (mut reader, writer) = io::pipe()?;
    let mut cmd = Command::new(program);
    cmd.args(args)
        .stdin(Stdio::null())
        .stdout(writer.try_clone()?)
        .stderr(writer)
        .process_group(0);
    let start = Instant::now();
    let mut child = cmd.spawn()?;
    // The Command holds our copies of the pipe's write end: drop them, or the reader would
    // never see the end of the output.
    drop(cmd);
    let pid = i32::try_from(child.id()).unwrap_or(0);

    let capture = Arc::new(Mutex::new(Capture::default()));
    let (read_done, read_done_rx) = mpsc::channel::<()>();
    {
        let capture = Arc::clone(&capture);
        std::thread::spawn(move || {
            let mut buf = [0u8; 1024];
            loop {
                match reader.read(&mut buf) {
                    Ok(0) => break,
                    Ok(n) => {
                        let chunk = buf.get(..n).unwrap_or(&[]);
                        let Ok(mut c) = capture.lock() else { break };
                        let room = cap.saturating_sub(c.bytes.len());
                        let keep = chunk.get(..room.min(n)).unwrap_or(&[]);
                        c.bytes.extend_from_slice(keep);
                        if keep.len() < n {
                            c.truncated = true;
                        }
                    }
                    Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
                    Err(_) => break,
                }
            }
            let _ = read_done.send(());
        });
    }
    let (exited, exited_rx) = mpsc::channel();
    std::thread::spawn(move || {
        let _ = exited.send(child.wait());
    });

    let status = match exited_rx.recv_timeout(timeout) {
        Ok(status) => Some(status?),
        Err(_) => {
            // The child is not reaped yet (its waiter has not returned), so its pid, which is
            // its process group id, cannot have been reused: the signal reaches its group.
            if pid > 0 {
                // SAFETY: kill(2) with a negative pid signals that process group; no memory is
                // involved.
                unsafe {
                    libc::kill(-pid, libc::SIGKILL);
                }
            }
            let _ = exited_rx.recv();
            None
        }
    };
    let duration = start.elapsed();
    let _ = read_done_rx.recv_timeout(OUTPUT_GRACE);
    let (output, truncated) = match capture.lock() {
        Ok(mut c) => (std::mem::take(&mut c.bytes), c.truncated),
        Err(_) => (Vec::new(), false),
    };
    let exit = match status {
        None => Exit::TimedOut,
        Some(s) => match (s.code(), s.signal()) {
            (Some(c), _) => Exit::Code(c),
            (None, Some(sig)) => Exit::Signal(sig),
            (None, None) => Exit::Code(-1),
        },
    };
    Ok(RunResult {
        exit,
        output,
        truncated,
        duration,
    })
}
