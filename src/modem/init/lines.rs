//! What each init step learns from the answer lines of its command.

use super::{Init, Step};
use crate::modem::answer;
use crate::modem::facts::{printable, SmsMode};

impl Init {
    pub(super) fn on_line(&mut self, line: &[u8]) {
        let first = !self.got_line;
        self.got_line = true;
        let f = &mut self.facts;
        match self.step {
            Step::Cgmi if first => f.manufacturer = printable(answer::ident(line, b"+CGMI")),
            Step::Cgmm if first => f.model = printable(answer::ident(line, b"+CGMM")),
            Step::Cgmr if first => f.firmware = printable(answer::ident(line, b"+CGMR")),
            Step::Cgsn if first => f.imei = printable(answer::ident(line, b"+CGSN")),
            Step::Cimi if first => f.imsi = printable(answer::ident(line, b"+CIMI")),
            Step::CpinQuery => self.pin_answer = answer::cpin(line),
            Step::Cpms => {
                if let Some(s) = answer::cpms(line, &self.config.storage, f.vendor()) {
                    f.storage = Some(s);
                }
            }
            Step::Csca | Step::CscaBefore => {
                f.smsc = answer::csca(line, f.mode == SmsMode::TextUcs2)
            }
            Step::Creg => {
                if let Some(r) = answer::creg(line) {
                    f.registration = Some(r);
                }
            }
            Step::Csq => {
                if let Ok(csq) = crate::at::parse::Csq::parse(line) {
                    f.signal = Some(csq);
                }
            }
            Step::Cops => {
                if let Some(op) = answer::cops(line) {
                    f.operator = Some(op);
                }
            }
            _ => {}
        }
    }
}
