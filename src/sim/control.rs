//! The control protocol: one command per line, answered by lines of which the last starts with
//! `ok` or `error`.
//!
//! | command | answer |
//! | --- | --- |
//! | `deliver FROM TEXT…` | `ok stored SM 1 2`, `ok routed 1`, `ok held 1` (combined when mixed) |
//! | `deliver-pdu HEX` | as `deliver` |
//! | `fault NAME [ARGS]` | `ok fault NAME` |
//! | `pause-on COMMAND` | `ok` |
//! | `resume` | `ok resumed` or `ok not paused` |
//! | `sent` | one JSON object a line (`to`, `text`, `parts`, `time`), then `ok N` |
//! | `storage` | one JSON object a line (`mem`, `index`, `status`, …), then `ok N` |
//! | `quit` | `ok bye`, then the simulator exits |
//!
//! Anything else is answered `error …`.

use std::io::{self, BufRead, BufReader, Write};
use std::os::unix::net::UnixStream;
use std::path::Path;
use std::time::Duration as StdDuration;

use super::sms::Delivery;
use super::store::Body;
use super::text::{hex, json_string, unhex};
use super::{pdumode, Fault, Sim};
use crate::time::Instant;

impl Sim {
    /// Runs one control command at `now`; the answer's last line starts `ok` or `error`.
    pub fn control(&mut self, now: Instant, line: &str) -> Vec<String> {
        let line = line.trim();
        let (verb, rest) = match line.split_once(char::is_whitespace) {
            Some((v, r)) => (v, r.trim()),
            None => (line, ""),
        };
        match verb {
            "deliver" => {
                let Some((from, text)) = rest.split_once(char::is_whitespace) else {
                    return vec!["error usage: deliver FROM TEXT...".to_string()];
                };
                if from.is_empty() || !from.chars().all(|c| c.is_ascii_alphanumeric() || c == '+') {
                    return vec![format!("error bad sender `{from}`")];
                }
                match self.deliver(now, from, text.trim_start()) {
                    Ok(d) => vec![delivery_answer(&d)],
                    Err(e) => vec![format!("error {e}")],
                }
            }
            "deliver-pdu" => {
                let Some(bytes) = unhex(rest) else {
                    return vec![
                        "error usage: deliver-pdu HEX (an even number of hex digits)".to_string(),
                    ];
                };
                if pdumode::decode_deliver(&bytes).is_none() {
                    return vec!["error not an SMS-DELIVER PDU with its SMSC address".to_string()];
                }
                let d = self.deliver_pdu(now, bytes);
                vec![delivery_answer(&d)]
            }
            "fault" => match rest.parse::<Fault>() {
                Ok(f) => {
                    let answer = format!("ok fault {f}");
                    self.fault(now, f);
                    vec![answer]
                }
                Err(e) => vec![format!("error {e}")],
            },
            "pause-on" => {
                let pattern = rest.to_ascii_uppercase();
                let pattern = pattern.strip_prefix("AT").unwrap_or(&pattern);
                if pattern.is_empty() || pattern.contains(char::is_whitespace) {
                    return vec!["error usage: pause-on COMMAND (e.g. pause-on +CMGD)".into()];
                }
                self.pause = Some(pattern.to_string());
                vec!["ok".to_string()]
            }
            "resume" => {
                self.pause = None;
                if self.resume(now) {
                    vec!["ok resumed".to_string()]
                } else {
                    vec!["ok not paused".to_string()]
                }
            }
            "sent" => {
                let mut out: Vec<String> = self
                    .sent
                    .iter()
                    .map(|s| {
                        format!(
                            "{{\"to\":{},\"text\":{},\"parts\":{},\"time\":{}}}",
                            json_string(&s.to),
                            json_string(&s.text),
                            s.parts,
                            s.time.as_millis()
                        )
                    })
                    .collect();
                out.push(format!("ok {}", self.sent.len()));
                out
            }
            "storage" => {
                let stored = self.stored();
                let mut out: Vec<String> = stored
                    .iter()
                    .map(|(mem, index, status, body)| {
                        let head = format!(
                            "{{\"mem\":\"{}\",\"index\":{index},\"status\":\"{}\"",
                            mem.name(),
                            status.text()
                        );
                        match body {
                            Body::Built {
                                from,
                                text,
                                scts,
                                concat,
                                ..
                            } => {
                                let part = concat.map_or(String::new(), |c| {
                                    format!(",\"part\":[{},{},{}]", c.reference, c.seq, c.total)
                                });
                                format!(
                                    "{head},\"from\":{},\"text\":{},\"scts\":\"{scts}\"{part}}}",
                                    json_string(from),
                                    json_string(text)
                                )
                            }
                            Body::Pdu(bytes) => format!("{head},\"pdu\":\"{}\"}}", hex(bytes)),
                        }
                    })
                    .collect();
                out.push(format!(
                    "ok {} held {}",
                    stored.len(),
                    self.held_by_network()
                ));
                out
            }
            "quit" => {
                self.quit = true;
                vec!["ok bye".to_string()]
            }
            "" => vec!["error empty command".to_string()],
            other => vec![format!(
                "error unknown command `{other}` (deliver, deliver-pdu, fault, pause-on, \
                 resume, sent, storage, quit)"
            )],
        }
    }

    /// Lets a held command line run, then the bytes that arrived after it.
    fn resume(&mut self, now: Instant) -> bool {
        let Some(line) = self.held_line.take() else {
            return false;
        };
        self.line_complete(now, &line, false);
        let backlog = std::mem::take(&mut self.backlog);
        self.input(now, &backlog);
        true
    }
}

fn delivery_answer(d: &Delivery) -> String {
    let mut answer = String::from("ok");
    if let Some((mem, _)) = d.stored.first() {
        answer.push_str(&format!(" stored {}", mem.name()));
        for (_, index) in &d.stored {
            answer.push_str(&format!(" {index}"));
        }
    }
    if d.routed > 0 {
        answer.push_str(&format!(" routed {}", d.routed));
    }
    if d.held > 0 {
        answer.push_str(&format!(" held {}", d.held));
    }
    answer
}

/// A client of a simulator's control socket, for tests and scripts.
#[derive(Debug)]
pub struct ControlClient {
    reader: BufReader<UnixStream>,
    writer: UnixStream,
}

impl ControlClient {
    /// Connects to the socket at `path`; every read waits at most `timeout`.
    pub fn connect(path: &Path, timeout: StdDuration) -> io::Result<Self> {
        let stream = UnixStream::connect(path)?;
        stream.set_read_timeout(Some(timeout))?;
        stream.set_write_timeout(Some(timeout))?;
        Ok(ControlClient {
            reader: BufReader::new(stream.try_clone()?),
            writer: stream,
        })
    }

    /// Sends one command and returns every answer line, the final `ok…`/`error…` one last.
    pub fn command(&mut self, line: &str) -> io::Result<Vec<String>> {
        self.writer.write_all(format!("{line}\n").as_bytes())?;
        let mut lines = Vec::new();
        loop {
            let mut l = String::new();
            if self.reader.read_line(&mut l)? == 0 {
                return Err(io::Error::new(
                    io::ErrorKind::UnexpectedEof,
                    "the simulator closed the control connection",
                ));
            }
            let l = l.trim_end().to_string();
            let last = l == "ok" || l.starts_with("ok ") || l.starts_with("error");
            lines.push(l);
            if last {
                return Ok(lines);
            }
        }
    }

    /// Sends one command and returns its final line when it starts with `ok`.
    pub fn ok(&mut self, line: &str) -> io::Result<String> {
        let mut lines = self.command(line)?;
        let last = lines.pop().unwrap_or_default();
        if last.starts_with("ok") {
            Ok(last)
        } else {
            Err(io::Error::other(format!("`{line}` answered `{last}`")))
        }
    }
}
