//! Text mode with UCS-2: `AT+CSMP=17,167,0,8` so texts go out as UCS-2 (data coding scheme 8),
//! and the service centre kept through it. FIELD.md: some units clear the SMSC on `AT+CSMP`,
//! so `AT+CSCA?` is read before it and again at the usual `AT+CSCA?` step; when the number
//! changed or became empty, the previous one is written back with `AT+CSCA="…",145` (in the
//! UCS-2 character set then in effect) and the repair logged.

use heapless::String;

use super::{Init, Step};
use crate::at::cmd::{self, Command};
use crate::modem::error::ModemError;
use crate::modem::facts::{SmsMode, SMSC_CAPACITY};
use crate::modem::procedure::Outcome;

/// The `+CSMP` parameters: first octet 17 (SMS-SUBMIT, relative validity period), validity
/// 167 (one day), protocol 0, data coding scheme 8 (UCS-2).
pub const CSMP_UCS2: &[u8] = b"+CSMP=17,167,0,8";

/// The service centre as UCS-2 hex: four hex digits per character.
const SMSC_HEX_CAPACITY: usize = SMSC_CAPACITY * 4;

impl Init {
    /// After the `AT+CSCA?` before `+CSMP`: remember the number, then `+CSMP`.
    pub(super) fn after_csca_before(&mut self, outcome: Outcome) -> Result<(), ModemError> {
        self.optional("AT+CSCA?", outcome)?;
        self.smsc_before = self.facts.smsc.clone();
        self.go(Step::Csmp);
        Ok(())
    }

    /// After `AT+CSMP=17,167,0,8` (a refusal is logged: texts may then go out garbled).
    pub(super) fn after_csmp(&mut self, outcome: Outcome) -> Result<(), ModemError> {
        if outcome == Outcome::Ok {
            note!(
                self,
                "modem init: AT+CSMP=17,167,0,8 (texts are sent as UCS-2)"
            );
        }
        self.optional("AT+CSMP=17,167,0,8", outcome)?;
        self.go(Step::Cpms);
        Ok(())
    }

    /// After the usual `AT+CSCA?`: whether the number `+CSMP` may have cleared must be
    /// restored.
    pub(super) fn smsc_needs_restore(&self) -> bool {
        let before = self.smsc_before.as_ref().filter(|n| !n.is_empty());
        self.facts.mode == SmsMode::TextUcs2
            && before.is_some()
            && before != self.facts.smsc.as_ref()
    }

    /// After `AT+CSCA="…",145`.
    pub(super) fn after_csca_restore(&mut self, outcome: Outcome) -> Result<(), ModemError> {
        self.optional("AT+CSCA=<number>,145", outcome)?;
        if outcome == Outcome::Ok {
            self.facts.smsc = self.smsc_before.clone();
            let n = self.smsc_before.as_ref().map_or("", |n| n.as_str());
            caution!(
                self,
                "modem init: service centre restored to {n} after AT+CSMP"
            );
        }
        self.go(Step::Creg);
        Ok(())
    }

    /// `AT+CSCA="<previous number as UCS-2 hex>",145`.
    pub(super) fn restore_command(&self) -> Result<Command, ModemError> {
        let n = self.smsc_before.as_ref().map_or("", |n| n.as_str());
        let mut hex: String<SMSC_HEX_CAPACITY> = String::new();
        for c in n.chars() {
            let v = u32::from(c);
            for shift in [12u32, 8, 4, 0] {
                let digit = char::from_digit((v >> shift) & 0xf, 16).unwrap_or('0');
                hex.push(digit.to_ascii_uppercase())
                    .map_err(|_| cmd::CmdError::Full { need: n.len() })?;
            }
        }
        Ok(cmd::csca_set(hex.as_bytes(), 145)?)
    }
}
