//! What the modem told about itself and its network: recorded by the init sequence and the
//! network queries, shown by `smsctl probe` and the daemon's `STATUS=`.

use core::fmt;

use heapless::String;

use crate::at::parse::{AccessTech, Csq, RegStatus};

/// Longest identification string kept (`+CGMI`, `+CGMM`, `+CGMR`): real ones are up to ~30
/// characters (`Revision:1418B04SIM800L24`, `BD_MF190V1.0.0B05`); a longer one is cut.
pub const IDENT_CAPACITY: usize = 48;

/// Longest IMEI/IMSI kept: 15 digits (TS 23.003), a few spare for odd firmware.
pub const ID_NUMBER_CAPACITY: usize = 20;

/// Longest operator name kept: the long alphanumeric `+COPS` name is up to 16 characters
/// (TS 24.008 network name), UCS-2 hex of it 64; 64 keeps the common forms.
pub const OPERATOR_CAPACITY: usize = 64;

/// Longest SMSC number kept: `+` and 20 digits (TS 23.040 §9.1.2.5), plus quotes stripped.
pub const SMSC_CAPACITY: usize = 24;

/// A printable-ASCII copy of `bytes`, cut to `N` bytes; other bytes become `?`.
pub fn printable<const N: usize>(bytes: &[u8]) -> String<N> {
    let mut s = String::new();
    for &b in bytes.trim_ascii() {
        let c = if (b' '..=b'~').contains(&b) {
            char::from(b)
        } else {
            '?'
        };
        if s.push(c).is_err() {
            break;
        }
    }
    s
}

/// The SIM's state as init last saw it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum SimState {
    /// Not asked yet.
    #[default]
    Unknown,
    /// `+CPIN: READY` without a PIN.
    Ready,
    /// Ready after the configured PIN was entered.
    Unlocked,
    /// Wants a PIN (none configured, or the configured one was refused).
    PinRequired,
    /// Wants its PUK.
    Puk,
    /// No SIM.
    Missing,
    /// Some other lock.
    Locked,
}

impl fmt::Display for SimState {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            SimState::Unknown => "unknown",
            SimState::Ready => "ready",
            SimState::Unlocked => "ready (PIN entered)",
            SimState::PinRequired => "PIN required",
            SimState::Puk => "PUK required (blocked)",
            SimState::Missing => "no SIM",
            SimState::Locked => "locked",
        })
    }
}

/// How messages are exchanged with the modem, as init settled it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum SmsMode {
    /// Not set yet.
    #[default]
    Unknown,
    /// `AT+CMGF=0`.
    Pdu,
    /// `AT+CMGF=1` with `AT+CSCS="UCS2"`: addresses and bodies in UCS-2 hex.
    TextUcs2,
    /// `AT+CMGF=1` in the modem's own character set: bodies with line breaks are rejected.
    TextPlain,
}

impl SmsMode {
    /// Whether messages are read and sent in text mode.
    pub fn is_text(self) -> bool {
        matches!(self, SmsMode::TextUcs2 | SmsMode::TextPlain)
    }
}

impl fmt::Display for SmsMode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            SmsMode::Unknown => "unknown",
            SmsMode::Pdu => "PDU",
            SmsMode::TextUcs2 => "text (UCS2)",
            SmsMode::TextPlain => "text (line breaks rejected)",
        })
    }
}

/// The message storage in use.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Storage {
    /// Its name (`SM`, `ME`, `MT`).
    pub name: String<4>,
    /// Messages stored at init.
    pub used: u16,
    /// Room in all.
    pub total: u16,
    /// The first index (0 on Huawei sticks, else 1).
    pub index_base: u8,
}

/// Registration as `+CREG?` told.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Reg {
    /// The status.
    pub status: RegStatus,
    /// The access technology, when given.
    pub act: Option<AccessTech>,
}

/// Everything recorded about the modem. Fields stay `None`/empty when the modem did not say.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ModemFacts {
    /// `+CGMI`.
    pub manufacturer: String<IDENT_CAPACITY>,
    /// `+CGMM`.
    pub model: String<IDENT_CAPACITY>,
    /// `+CGMR`.
    pub firmware: String<IDENT_CAPACITY>,
    /// `+CGSN`.
    pub imei: String<ID_NUMBER_CAPACITY>,
    /// `+CIMI` (optional; not every SIM answers before unlock).
    pub imsi: String<ID_NUMBER_CAPACITY>,
    /// The SIM.
    pub sim: SimState,
    /// PDU or text mode.
    pub mode: SmsMode,
    /// The storage, after `AT+CPMS`.
    pub storage: Option<Storage>,
    /// The accepted `+CNMI` setting; `None` when every one was refused (only sweeps find
    /// messages then).
    pub cnmi: Option<[u8; 5]>,
    /// The service centre; `Some("")` when the modem has none (sending will fail).
    pub smsc: Option<String<SMSC_CAPACITY>>,
    /// Registration.
    pub registration: Option<Reg>,
    /// Signal.
    pub signal: Option<Csq>,
    /// The operator's name (or MCC+MNC).
    pub operator: Option<String<OPERATOR_CAPACITY>>,
}

impl ModemFacts {
    /// Which vendor set-up applies, from `+CGMI`.
    pub fn vendor(&self) -> Vendor {
        Vendor::of(self.manufacturer.as_bytes())
    }
}

/// Modem families with their own set-up commands.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Vendor {
    /// Huawei: `AT^CURC=0` (stop the `^RSSI`/`^MODE`/`^DSFLOWRPT` flood); storage from 0.
    Huawei,
    /// ZTE: `AT+ZCDRUN=8` (no CD-ROM autorun), `AT+ZOPRT=5` (online).
    Zte,
    /// Everything else: no vendor set-up.
    Other,
}

impl Vendor {
    /// The vendor named in a `+CGMI` answer (case-insensitive substring).
    pub fn of(manufacturer: &[u8]) -> Vendor {
        let has = |needle: &[u8]| {
            manufacturer
                .windows(needle.len())
                .any(|w| w.eq_ignore_ascii_case(needle))
        };
        if has(b"huawei") {
            Vendor::Huawei
        } else if has(b"zte") {
            Vendor::Zte
        } else {
            Vendor::Other
        }
    }

    /// The first storage index of this vendor's modems.
    pub fn index_base(self) -> u8 {
        match self {
            Vendor::Huawei => 0,
            _ => 1,
        }
    }
}
