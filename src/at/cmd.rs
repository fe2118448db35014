//! AT command formatting into fixed buffers.
//!
//! A [`Command`] is a complete command line, `AT…` followed by a single `\r` (V.250 §5.2.1:
//! S3, never `\n`). It is built with a [`Builder`] that checks room on every write and refuses
//! quoted arguments that would break the line (a `"`, a control byte such as CR or Ctrl-Z, or a
//! non-ASCII byte). The helpers below cover every command smsctl sends; the message body that
//! follows the `> ` prompt of `+CMGS` is a [`Body`]: hex PDU or text, then Ctrl-Z.
//!
//! Nothing allocates and nothing panics: running out of room is [`CmdError::Full`].

use core::fmt;

use super::hex;

/// Room for one command line. The longest smsctl sends is a text-mode `AT+CMGS="<da>"` with
/// the address in UCS-2 hex (`+CSCS="UCS2"`): `AT+CMGS="` (9) + 21 characters (a `+` and up
/// to 20 digits, TS 23.040 §9.1.2.5) × 4 hex digits (84) + `"` (1) + `,145` (4) + `\r` (1)
/// = 99; rounded up to 128 to leave room for vendor commands.
pub const CMD_CAPACITY: usize = 128;

/// Most SMSC address octets before a TPDU: a length octet, a type octet and 10 octets of
/// semi-octet digits (TS 24.011 §8.2.5.1: RP address of up to 12 octets in all).
pub const MAX_SMSC_OCTETS: usize = 12;

/// Most TPDU octets of an SMS-SUBMIT (TS 23.040 §9.2.2.2): first octet (1) + TP-MR (1) +
/// destination address (12) + TP-PID (1) + TP-DCS (1) + TP-VP (up to 7) + TP-UDL (1) + user
/// data (140) = 164.
pub const MAX_TPDU_OCTETS: usize = 164;

/// Room for a PDU-mode `+CMGS` body: SMSC address and TPDU in hex, then Ctrl-Z:
/// (12 + 164) × 2 + 1 = 353.
pub const PDU_BODY_CAPACITY: usize = (MAX_SMSC_OCTETS + MAX_TPDU_OCTETS) * 2 + 1;

/// Ctrl-Z: ends a `+CMGS` body and sends it (27.005 §3.5.1).
pub const CTRL_Z: u8 = 0x1A;

/// ESC: leaves the `> ` prompt without sending (27.005 §3.5.1).
pub const ESC: u8 = 0x1B;

/// Why a command could not be formatted.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CmdError {
    /// The buffer is full; the command would need at least this many bytes.
    Full {
        /// Bytes the command needs so far.
        need: usize,
    },
    /// A byte that may not appear in this argument, at this offset of the argument.
    BadByte {
        /// The byte refused.
        byte: u8,
        /// Its offset in the argument.
        at: usize,
    },
    /// A numeric argument outside what the command accepts.
    OutOfRange {
        /// The value refused.
        value: u32,
    },
}

impl fmt::Display for CmdError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            CmdError::Full { need } => write!(f, "command needs {need} bytes, buffer full"),
            CmdError::BadByte { byte, at } => {
                write!(f, "byte 0x{byte:02X} at {at} not allowed in argument")
            }
            CmdError::OutOfRange { value } => write!(f, "argument {value} out of range"),
        }
    }
}

/// A fixed buffer of `N` bytes and its fill level.
#[derive(Clone, Copy)]
struct Buf<const N: usize> {
    bytes: [u8; N],
    len: usize,
}

impl<const N: usize> Buf<N> {
    const fn new() -> Self {
        Buf {
            bytes: [0; N],
            len: 0,
        }
    }

    fn as_bytes(&self) -> &[u8] {
        self.bytes.get(..self.len).unwrap_or_default()
    }

    fn push(&mut self, data: &[u8]) -> Result<(), CmdError> {
        let end = self.len.saturating_add(data.len());
        let dst = self
            .bytes
            .get_mut(self.len..end)
            .ok_or(CmdError::Full { need: end })?;
        dst.copy_from_slice(data);
        self.len = end;
        Ok(())
    }
}

/// Shows the bytes with CR, Ctrl-Z and other control bytes escaped.
fn debug_bytes(f: &mut fmt::Formatter<'_>, bytes: &[u8]) -> fmt::Result {
    f.write_str("\"")?;
    for &b in bytes {
        for c in core::ascii::escape_default(b) {
            fmt::Write::write_char(f, char::from(c))?;
        }
    }
    f.write_str("\"")
}

/// A complete command line, ending with `\r`.
#[derive(Clone, Copy)]
pub struct Command {
    buf: Buf<CMD_CAPACITY>,
}

impl Command {
    /// The bytes to write to the port.
    pub fn as_bytes(&self) -> &[u8] {
        self.buf.as_bytes()
    }

    /// The command without `AT` and the final `\r` (`+CMGR=3`), e.g. to match its echo or to
    /// name it in a log line.
    pub fn body(&self) -> &[u8] {
        let b = self.as_bytes();
        b.get(2..b.len().saturating_sub(1)).unwrap_or_default()
    }
}

impl fmt::Debug for Command {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        debug_bytes(f, self.as_bytes())
    }
}

/// Writes a command piece by piece; [`Builder::finish`] adds the `\r`.
#[derive(Clone, Copy, Debug)]
pub struct Builder {
    cmd: Command,
}

/// Decimal digits of `n`, most significant first, in a 10-byte array (u32::MAX has 10).
fn decimal(mut n: u32) -> ([u8; 10], usize) {
    let mut digits = [0u8; 10];
    let mut start = digits.len();
    loop {
        start = start.saturating_sub(1);
        if let Some(d) = digits.get_mut(start) {
            *d = b'0'.saturating_add(u8::try_from(n % 10).unwrap_or(0));
        }
        n /= 10;
        if n == 0 || start == 0 {
            return (digits, start);
        }
    }
}

impl Builder {
    /// Starts a command: writes `AT` and then `body` as is (e.g. `+CMGR=`).
    pub fn new(body: &[u8]) -> Result<Self, CmdError> {
        let mut b = Builder {
            cmd: Command { buf: Buf::new() },
        };
        b.cmd.buf.push(b"AT")?;
        b.raw(body)?;
        Ok(b)
    }

    /// Appends bytes as is. Control bytes are refused: they would end or corrupt the line.
    pub fn raw(&mut self, data: &[u8]) -> Result<&mut Self, CmdError> {
        if let Some(at) = data.iter().position(|b| b.is_ascii_control()) {
            let byte = data.get(at).copied().unwrap_or(0);
            return Err(CmdError::BadByte { byte, at });
        }
        self.cmd.buf.push(data)?;
        Ok(self)
    }

    /// Appends a decimal number.
    pub fn num(&mut self, n: u32) -> Result<&mut Self, CmdError> {
        let (digits, start) = decimal(n);
        self.cmd.buf.push(digits.get(start..).unwrap_or_default())?;
        Ok(self)
    }

    /// Appends a comma.
    pub fn comma(&mut self) -> Result<&mut Self, CmdError> {
        self.cmd.buf.push(b",")?;
        Ok(self)
    }

    /// Appends `"arg"`. Only printable ASCII other than `"` is allowed inside: there is no
    /// escape for a quote in V.250 strings, and a control byte would end the command.
    pub fn quoted(&mut self, arg: &[u8]) -> Result<&mut Self, CmdError> {
        let bad = arg
            .iter()
            .position(|&b| b == b'"' || !(b' '..=b'~').contains(&b));
        if let Some(at) = bad {
            let byte = arg.get(at).copied().unwrap_or(0);
            return Err(CmdError::BadByte { byte, at });
        }
        self.cmd.buf.push(b"\"")?;
        self.cmd.buf.push(arg)?;
        self.cmd.buf.push(b"\"")?;
        Ok(self)
    }

    /// Ends the command with `\r`.
    pub fn finish(&self) -> Result<Command, CmdError> {
        let mut cmd = self.cmd;
        cmd.buf.push(b"\r")?;
        Ok(cmd)
    }
}

/// The message body after the `> ` prompt of `+CMGS`: hex PDU or text, then Ctrl-Z.
#[derive(Clone, Copy)]
pub struct Body {
    buf: Buf<PDU_BODY_CAPACITY>,
}

impl Body {
    /// The bytes to write to the port, Ctrl-Z included.
    pub fn as_bytes(&self) -> &[u8] {
        self.buf.as_bytes()
    }
}

impl fmt::Debug for Body {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        debug_bytes(f, self.as_bytes())
    }
}

/// The PDU-mode body: `pdu` (SMSC address followed by the TPDU) in hex, then Ctrl-Z.
pub fn pdu_body(pdu: &[u8]) -> Result<Body, CmdError> {
    let mut body = Body { buf: Buf::new() };
    let digits = hex::encode(pdu, &mut body.buf.bytes).map_err(|_| CmdError::Full {
        need: pdu.len().saturating_mul(2).saturating_add(1),
    })?;
    body.buf.len = digits;
    body.buf.push(&[CTRL_Z])?;
    Ok(body)
}

/// The text-mode body: `text` (in the `+CSCS` character set), then Ctrl-Z. Ctrl-Z and ESC
/// inside would end the message early or cancel it, and are refused.
pub fn text_body(text: &[u8]) -> Result<Body, CmdError> {
    if let Some(at) = text.iter().position(|&b| b == CTRL_Z || b == ESC) {
        let byte = text.get(at).copied().unwrap_or(0);
        return Err(CmdError::BadByte { byte, at });
    }
    let mut body = Body { buf: Buf::new() };
    body.buf.push(text)?;
    body.buf.push(&[CTRL_Z])?;
    Ok(body)
}

mod helpers;
pub use helpers::*;
