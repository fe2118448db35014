//! Output: formatting responses (V0/V1, Q0/Q1, the armed output faults), queueing bytes
//! with their due time, and the timers (hang end, floods, noise).

use super::{exec, Chunk, Prompt, Sim, FLOOD_INTERVAL, NOISE_INTERVAL};
use crate::time::Instant;

impl Sim {
    /// Formats and queues a command's response, applying the armed output faults.
    pub(super) fn respond(&mut self, now: Instant, resp: Response) {
        let mut bytes = Vec::new();
        let mut urc = self
            .faults
            .urc_in_response
            .then(|| self.profile.typical_urc());
        if urc.is_some() {
            self.faults.urc_in_response = false;
        }
        for block in &resp.blocks {
            if self.set.verbose {
                bytes.extend_from_slice(b"\r\n");
            }
            for line in block {
                bytes.extend_from_slice(line.as_bytes());
                bytes.extend_from_slice(b"\r\n");
            }
            if let Some(u) = urc.take() {
                bytes.extend_from_slice(format!("\r\n{u}\r\n").as_bytes());
            }
        }
        if let Some(u) = urc.take() {
            bytes.extend_from_slice(format!("\r\n{u}\r\n").as_bytes());
        }
        match resp.end {
            End::Prompt => bytes.extend_from_slice(b"\r\n> "),
            End::None => {}
            End::Final(code) => {
                if !self.set.quiet {
                    let text = self.final_text(code);
                    if self.set.verbose {
                        bytes.extend_from_slice(format!("\r\n{text}\r\n").as_bytes());
                    } else {
                        bytes.extend_from_slice(text.as_bytes());
                        bytes.push(b'\r');
                    }
                }
            }
        }
        if self.faults.garbage > 0 {
            let n = std::mem::take(&mut self.faults.garbage);
            let mut junk: Vec<u8> = (0..n).map(|_| self.junk_byte()).collect();
            junk.extend_from_slice(&bytes);
            bytes = junk;
        }
        if self.faults.drop > 0 {
            let n = self.faults.drop.min(bytes.len());
            bytes.drain(..n);
            self.faults.drop -= n;
        }
        let due = now + self.faults.slow;
        self.enqueue(due, bytes);
    }

    pub(super) fn final_text(&self, code: Final) -> String {
        let verbose = self.set.verbose;
        match code {
            Final::Ok => if verbose { "OK" } else { "0" }.to_string(),
            Final::Fail(Fail::Error) => if verbose { "ERROR" } else { "4" }.to_string(),
            Final::Fail(Fail::Unknown) => match self.profile.unknown_command_answer() {
                Some(text) => text.to_string(),
                None => self.final_text(Final::Fail(Fail::Cme(4))),
            },
            Final::Fail(Fail::Cme(n)) => match self.set.cmee {
                0 => self.final_text(Final::Fail(Fail::Error)),
                1 => format!("+CME ERROR: {n}"),
                _ => format!("+CME ERROR: {}", exec::cme_text(n)),
            },
            Final::Fail(Fail::Refused(i)) => match self.faults.refusals.get(i) {
                Some((_, Some(line))) => line.clone(),
                _ => self.final_text(Final::Fail(Fail::Error)),
            },
            Final::Fail(Fail::Cms(n)) => match self.set.cmee {
                2 => format!("+CMS ERROR: {}", exec::cms_text(n)),
                _ => format!("+CMS ERROR: {n}"),
            },
        }
    }

    /// A byte of line noise: never CR or LF, so it sticks to the next line.
    pub(super) fn junk_byte(&mut self) -> u8 {
        // xorshift64: deterministic so a failing test replays.
        self.rng ^= self.rng << 13;
        self.rng ^= self.rng >> 7;
        self.rng ^= self.rng << 17;
        let b = (self.rng >> 24) as u8;
        if b == b'\r' || b == b'\n' {
            b'~'
        } else {
            b
        }
    }

    /// Queues bytes that go out as soon as everything before them has (echo, prompts).
    pub(super) fn emit_now(&mut self, now: Instant, bytes: &[u8]) {
        self.enqueue(now, bytes.to_vec());
    }

    /// Queues an unsolicited result code.
    pub(super) fn urc(&mut self, now: Instant, line: &str) {
        if self.plugged {
            self.enqueue(now, format!("\r\n{line}\r\n").into_bytes());
        }
    }

    pub(super) fn enqueue(&mut self, due: Instant, bytes: Vec<u8>) {
        if bytes.is_empty() || !self.plugged {
            return;
        }
        // Output keeps its order: nothing overtakes a slow answer queued before it.
        let due = self.out.back().map_or(due, |c| due.max(c.due));
        self.out.push_back(Chunk { due, bytes });
    }

    /// Runs the timers due at `now`: the end of a hang, floods and noise.
    pub fn handle_timeout(&mut self, now: Instant) {
        if self.faults.hang_until.is_some_and(|t| now >= t) {
            self.faults.hang_until = None;
        }
        if !self.plugged || self.is_hung(now) {
            return;
        }
        if let Some(t) = self.next_flood.filter(|t| now >= *t) {
            if self.set.curc {
                self.rssi_phase = (self.rssi_phase + 1) % 4;
                let rssi = 15 + self.rssi_phase;
                self.urc(now, &format!("^RSSI:{rssi}"));
            }
            self.next_flood = Some(t.max(now) + FLOOD_INTERVAL);
        }
        if let Some(t) = self.next_noise.filter(|t| now >= *t) {
            self.urc(now, "+ZUSIMR:2");
            self.next_noise = Some(t.max(now) + NOISE_INTERVAL);
        }
    }

    /// The bytes due by `now` (empty when none are).
    pub fn take_output(&mut self, now: Instant) -> Vec<u8> {
        self.handle_timeout(now);
        let mut out = Vec::new();
        while let Some(chunk) = self.out.front() {
            if chunk.due > now {
                break;
            }
            if let Some(chunk) = self.out.pop_front() {
                out.extend_from_slice(&chunk.bytes);
            }
        }
        out
    }

    /// When the simulator next has something to do (output due, a hang ending, a flood).
    pub fn poll_timeout(&self) -> Option<Instant> {
        let flood = self.next_flood.filter(|_| self.set.curc);
        [
            self.out.front().map(|c| c.due),
            self.faults.hang_until,
            flood,
            self.next_noise,
        ]
        .into_iter()
        .flatten()
        .min()
    }
}

/// How a command's execution continues.
#[derive(Debug)]
pub(super) enum Flow {
    /// Run the next command of the line.
    Next,
    /// Show `> ` and collect a body.
    Prompt(Prompt),
    /// End the line without a final result code.
    Silent,
}

/// Why a command failed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Fail {
    /// Plain `ERROR`.
    Error,
    /// A command the modem does not know.
    Unknown,
    /// `+CME ERROR: n` (3GPP TS 27.007 §9.2).
    Cme(u16),
    /// `+CMS ERROR: n` (3GPP TS 27.005 §3.2.5).
    Cms(u16),
    /// Refused by the `refuse` fault: the line of refusal number n, or `ERROR`.
    Refused(usize),
}

#[derive(Debug, Clone, Copy)]
pub(super) enum Final {
    Ok,
    Fail(Fail),
}

#[derive(Debug)]
pub(super) enum End {
    Final(Final),
    Prompt,
    None,
}

/// A response in the making: information blocks (one per command) and how it ends.
#[derive(Debug)]
pub(super) struct Response {
    pub(super) blocks: Vec<Vec<String>>,
    pub(super) end: End,
}

impl Response {
    pub(super) fn ok(blocks: Vec<Vec<String>>) -> Self {
        Response {
            blocks,
            end: End::Final(Final::Ok),
        }
    }

    pub(super) fn fail(blocks: Vec<Vec<String>>, fail: Fail) -> Self {
        Response {
            blocks,
            end: End::Final(Final::Fail(fail)),
        }
    }
}
