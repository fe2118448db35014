//! The modem layer's error: why an initialisation or an operation did not succeed.

use core::fmt;

use crate::at::cmd::CmdError;
use crate::at::parse::ParseError;
use crate::at::result::FinalCode;
use crate::pdu::PduError;

/// Why the modem layer gave up on something. Small and `Copy`: it is kept as the "last error"
/// of the modem's health and shown in `STATUS=`. Commands are named by a static label
/// (`"AT+CPMS"`), never by the bytes sent (a `+CPIN` carries the PIN).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ModemError {
    /// Nothing answered `AT` after this many tries.
    NoAnswer {
        /// How many `AT`s were sent.
        tries: u8,
    },
    /// A command got no final result code before its deadline.
    Timeout {
        /// The command.
        cmd: &'static str,
    },
    /// A command was refused with a permanent error (or a transient one that outlasted its
    /// retries).
    Refused {
        /// The command.
        cmd: &'static str,
        /// The final result code, which carries the TS 27.005/27.007 meaning.
        code: FinalCode,
    },
    /// An answer line did not parse.
    Malformed {
        /// The command.
        cmd: &'static str,
        /// What was wrong, where.
        err: ParseError,
    },
    /// An answer the command needs never came (`+CMGS` completed without `+CMGS: <mr>`…).
    MissingAnswer {
        /// The command.
        cmd: &'static str,
    },
    /// The SIM wants its PIN and none is configured.
    PinRequired,
    /// The configured PIN was refused; it is never tried again (three wrong tries lock the
    /// SIM), until smsctl is restarted with a corrected config.
    PinRejected,
    /// The SIM wants its PUK: the PIN was entered wrong too often. Needs a person.
    SimPuk,
    /// No SIM (or a SIM the modem cannot read).
    NoSim,
    /// The SIM is locked in a way smsctl cannot unlock (network personalisation, PIN2…).
    SimLocked,
    /// A command could not be formatted (an argument with a forbidden byte, too long).
    Format(CmdError),
    /// A message could not be encoded or decoded.
    Pdu(PduError),
    /// Text mode without UCS-2 cannot carry this text safely (a CR/LF in the body, or a
    /// character the modem's character set may not have).
    TextModeUnsafe,
    /// The modem's port is gone (unplugged, closed).
    PortGone,
}

impl ModemError {
    /// Whether the error needs a person (the SIM), rather than time or the recovery ladder.
    pub fn is_lasting(&self) -> bool {
        matches!(
            self,
            ModemError::PinRequired
                | ModemError::PinRejected
                | ModemError::SimPuk
                | ModemError::NoSim
                | ModemError::SimLocked
        )
    }
}

impl fmt::Display for ModemError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ModemError::NoAnswer { tries } => {
                write!(f, "no answer to AT after {tries} tries")
            }
            ModemError::Timeout { cmd } => write!(f, "{cmd}: no answer before the deadline"),
            ModemError::Refused { cmd, code } => write!(f, "{cmd}: {code}"),
            ModemError::Malformed { cmd, err } => write!(f, "{cmd}: malformed answer: {err}"),
            ModemError::MissingAnswer { cmd } => write!(f, "{cmd}: the expected answer line never came"),
            ModemError::PinRequired => {
                f.write_str("the SIM asks for a PIN and none is configured (modem.pin)")
            }
            ModemError::PinRejected => f.write_str(
                "the SIM refused the configured PIN; not trying again (fix modem.pin and restart)",
            ),
            ModemError::SimPuk => {
                f.write_str("the SIM is blocked and asks for its PUK: unlock it in a phone")
            }
            ModemError::NoSim => f.write_str("no SIM card (or the modem cannot read it)"),
            ModemError::SimLocked => {
                f.write_str("the SIM or modem is locked (network or PIN2 lock) and needs a code")
            }
            ModemError::Format(e) => write!(f, "command not formatted: {e}"),
            ModemError::Pdu(e) => write!(f, "message coding: {e}"),
            ModemError::TextModeUnsafe => f.write_str(
                "text mode without UCS-2 cannot carry this text (line breaks or non-GSM characters)",
            ),
            ModemError::PortGone => f.write_str("the modem's port is gone"),
        }
    }
}

impl From<CmdError> for ModemError {
    fn from(e: CmdError) -> Self {
        ModemError::Format(e)
    }
}

impl From<PduError> for ModemError {
    fn from(e: PduError) -> Self {
        ModemError::Pdu(e)
    }
}
