//! The command of each init step, its label for logs and errors, and the vendor set-up
//! commands.

use super::{Init, Step, CNMI_CHOICES, PROBE_SETTINGS};
use crate::at::cmd::{self, Command};
use crate::at::parse::Mem;
use crate::modem::error::ModemError;
use crate::modem::facts::Vendor;
use crate::time::Duration;

impl Init {
    /// The label of the current step's command, for logs and errors (never the PIN).
    pub(super) fn label(&self) -> &'static str {
        match self.step {
            Step::Escape => "ESC",
            Step::Probe => "ATQ0V1",
            Step::Echo => "ATE0",
            Step::Cmee => "AT+CMEE=1",
            Step::Cgmi => "AT+CGMI",
            Step::Cgmm => "AT+CGMM",
            Step::Cgmr => "AT+CGMR",
            Step::Cgsn => "AT+CGSN",
            Step::Cimi => "AT+CIMI",
            Step::CpinQuery => "AT+CPIN?",
            Step::CpinEnter => "AT+CPIN=<pin>",
            Step::Vendor(i) => vendor_commands(self.facts.vendor())
                .get(usize::from(i))
                .map_or("vendor set-up", |(label, _)| label),
            Step::CmgfPdu => "AT+CMGF=0",
            Step::CmgfText => "AT+CMGF=1",
            Step::Csdh => "AT+CSDH=1",
            Step::Cscs => "AT+CSCS=\"UCS2\"",
            Step::CscaBefore => "AT+CSCA?",
            Step::Csmp => "AT+CSMP=17,167,0,8",
            Step::CscaRestore => "AT+CSCA=<number>,145",
            Step::Cpms => "AT+CPMS",
            Step::Cnmi(_) => "AT+CNMI",
            Step::Csca => "AT+CSCA?",
            Step::Creg => "AT+CREG?",
            Step::Csq => "AT+CSQ",
            Step::Cops => "AT+COPS?",
            Step::Done | Step::Failed => "",
        }
    }

    /// The command of the current step and its deadline.
    pub(super) fn command(&self) -> Result<(Command, Duration), ModemError> {
        let t = self.config.command_timeout;
        let cmd = match self.step {
            Step::Probe => {
                let probe = cmd::Builder::new(PROBE_SETTINGS)?.finish()?;
                return Ok((probe, self.config.probe_timeout));
            }
            Step::Echo => cmd::ate0()?,
            Step::Cmee => cmd::cmee(1)?,
            Step::Cgmi => cmd::cgmi()?,
            Step::Cgmm => cmd::cgmm()?,
            Step::Cgmr => cmd::cgmr()?,
            Step::Cgsn => cmd::cgsn()?,
            Step::Cimi => cmd::cimi()?,
            Step::CpinQuery => cmd::cpin_query()?,
            Step::CpinEnter => {
                let pin = self.config.pin.as_ref().map_or("", |p| p.as_str());
                cmd::cpin_enter(pin.as_bytes())?
            }
            Step::Vendor(i) => {
                let build = vendor_commands(self.facts.vendor())
                    .get(usize::from(i))
                    .map(|(_, f)| *f)
                    .unwrap_or(cmd::at);
                build()?
            }
            Step::CmgfPdu => cmd::cmgf(cmd::MsgFormat::Pdu)?,
            Step::CmgfText => cmd::cmgf(cmd::MsgFormat::Text)?,
            Step::Csdh => cmd::Builder::new(b"+CSDH=1")?.finish()?,
            Step::Cscs => cmd::cscs(b"UCS2")?,
            Step::Cpms => {
                let mem = Mem::from_name(self.config.storage.as_bytes());
                cmd::cpms(mem, mem, mem)?
            }
            Step::Cnmi(i) => {
                let [a, b, c, d, e] = CNMI_CHOICES
                    .get(usize::from(i))
                    .copied()
                    .unwrap_or_default();
                cmd::cnmi(a, b, c, d, e)?
            }
            Step::Csca | Step::CscaBefore => cmd::csca_query()?,
            Step::Csmp => cmd::Builder::new(super::CSMP_UCS2)?.finish()?,
            Step::CscaRestore => self.restore_command()?,
            Step::Creg => cmd::creg_query()?,
            Step::Csq => cmd::csq()?,
            Step::Cops => cmd::cops_query()?,
            Step::Escape | Step::Done | Step::Failed => cmd::at()?,
        };
        Ok((cmd, t))
    }
}

/// The vendor set-up commands, with their labels.
pub(super) type VendorCommand = (&'static str, fn() -> Result<Command, cmd::CmdError>);

pub(super) fn vendor_commands(v: Vendor) -> &'static [VendorCommand] {
    fn curc() -> Result<Command, cmd::CmdError> {
        cmd::huawei_curc(0)
    }
    fn zcdrun() -> Result<Command, cmd::CmdError> {
        cmd::zte_zcdrun(8)
    }
    fn zoprt() -> Result<Command, cmd::CmdError> {
        cmd::zte_zoprt(5)
    }
    match v {
        Vendor::Huawei => &[("AT^CURC=0", curc)],
        Vendor::Zte => &[("AT+ZCDRUN=8", zcdrun), ("AT+ZOPRT=5", zoprt)],
        Vendor::Other => &[],
    }
}
