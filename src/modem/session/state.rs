//! How the session's state follows the framer's events: classification of every line as an
//! answer, a URC or unexpected; settling; `+CMT`/`+CDS` pairing.

use heapless::Vec;
use log::warn;

use super::{
    classify, Arm, Event, Phase, State, SETTLE_INTERVAL, TRANSMIT_CAPACITY, URC_HEADER_CAPACITY,
};
use crate::at::framer;
use crate::at::urc::{line_name, UrcKind};
use crate::time::Instant;

impl State {
    /// Moves the clock to `now` (never back) and ends settling if the line has been quiet
    /// long enough.
    pub(super) fn advance(&mut self, now: Instant) {
        self.now = self.now.max(now);
        if self.phase == Phase::Settling && self.now >= self.quiet_until {
            self.phase = Phase::Idle;
        }
    }

    /// Settles (or keeps settling) for [`SETTLE_INTERVAL`] from now.
    pub(super) fn settle(&mut self) {
        self.phase = Phase::Settling;
        self.quiet_until = self.now.saturating_add(SETTLE_INTERVAL);
    }

    /// Appends to the transmit queue. Capacity covers a command, its body and an ESC, and the
    /// queue is emptied on every timeout, so bytes never have to be dropped here; if a stuck
    /// port ever made them not fit, the oldest unsent bytes give way.
    pub(super) fn queue(&mut self, bytes: &[u8]) {
        if self.tx.len().saturating_add(bytes.len()) > TRANSMIT_CAPACITY {
            self.tx.clear();
            self.tx_done = 0;
        }
        let _ = self.tx.extend_from_slice(bytes);
    }

    pub(super) fn on_framed(
        &mut self,
        ev: framer::Event<'_>,
        on: &mut impl FnMut(Event<'_>),
    ) -> Arm {
        // The PDU line of a header too long to keep: unexpected too, never an answer.
        if core::mem::take(&mut self.orphan_pdu_next) {
            if let framer::Event::Line(pdu) = ev {
                if !is_named_urc(pdu) {
                    warn!("PDU line of an overlong +CMT/+CDS header: reported unexpected");
                    on(Event::Unexpected(pdu));
                    return Arm::Nothing;
                }
            }
        }
        // A +CMT/+CDS header pairs with the next line only; anything else flushes it alone.
        if let Some((kind, header)) = self.pair.take() {
            if let framer::Event::Line(pdu) = ev {
                if !is_named_urc(pdu) {
                    on(Event::Urc {
                        kind,
                        line: &header,
                        pdu: Some(pdu),
                    });
                    return Arm::Nothing;
                }
            }
            on(Event::Urc {
                kind,
                line: &header,
                pdu: None,
            });
        }
        match ev {
            framer::Event::Line(line) => self.on_line(line, on),
            framer::Event::Final { code, line } => {
                if !self.phase.in_command() {
                    on(Event::Unexpected(line));
                } else {
                    self.phase = Phase::Idle;
                    if core::mem::take(&mut self.late_owed) {
                        // This may have been the late code; the command's own may follow.
                        self.settle();
                    }
                    self.body_line_next = false;
                    on(Event::Done { code, line });
                }
            }
            framer::Event::Prompt => {
                if self.phase == Phase::Prompt {
                    self.phase = Phase::AfterBody;
                    let body = self.body.clone();
                    self.queue(&body);
                    on(Event::Prompt);
                    return Arm::EchoBody;
                }
                // The framer is armed only in the prompt phase; a timeout disarms it.
                on(Event::Unexpected(b">"));
            }
            framer::Event::Echo => self.echoes = self.echoes.saturating_add(1),
            framer::Event::Overflow { kept, len } => {
                self.body_line_next = false;
                // An overlong +CMT/+CDS header: its PDU line must not pass for an answer.
                self.orphan_pdu_next = UrcKind::of(kept).has_pdu_line();
                on(Event::Overflow { kept, len });
            }
        }
        Arm::Nothing
    }

    fn on_line(&mut self, line: &[u8], on: &mut impl FnMut(Event<'_>)) {
        let kind = UrcKind::of(line);
        if self.phase.in_command() {
            if self.body_line_next && !is_named_urc(line) {
                self.body_line_next = false;
                on(Event::Response(line));
                return;
            }
            if !kind.always_unsolicited() {
                let name = line_name(line);
                if name.is_empty() {
                    on(Event::Response(line));
                    return;
                }
                if classify::carries_name(&self.cmd, name) {
                    self.body_line_next = classify::has_body_line(name);
                    on(Event::Response(line));
                    return;
                }
                if kind == UrcKind::Unknown {
                    on(Event::Unexpected(line));
                    return;
                }
            }
        } else if kind == UrcKind::Unknown {
            on(Event::Unexpected(line));
            return;
        }
        if kind.has_pdu_line() {
            let mut header = Vec::new();
            if header.extend_from_slice(line).is_ok() {
                self.pair = Some((kind, header));
            } else {
                warn!(
                    "{kind:?} header of {} bytes exceeds {URC_HEADER_CAPACITY}: it and its PDU \
                     line are reported unexpected",
                    line.len()
                );
                self.orphan_pdu_next = true;
                on(Event::Unexpected(line));
            }
            return;
        }
        on(Event::Urc {
            kind,
            line,
            pdu: None,
        });
    }
}

/// A line that names a known URC with `+`/`^`: never a PDU or body line (those are hex, or
/// text read as UCS-2 hex).
fn is_named_urc(line: &[u8]) -> bool {
    !line_name(line).is_empty() && UrcKind::of(line) != UrcKind::Unknown
}
