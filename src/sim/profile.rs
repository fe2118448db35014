//! Modem profiles: the identity and the habits of the modems the simulator imitates.

use std::fmt;
use std::str::FromStr;

/// Which real modem the simulator behaves like.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Profile {
    /// A plain 3GPP TS 27.005/27.007 modem without quirks.
    Generic,
    /// ZTE MF190: `+ZUSIMR:2` noise, accepts `+ZCDRUN` and `+ZOPRT`.
    ZteMf190,
    /// Huawei E173: `^RSSI` flood until `AT^CURC=0`, `COMMAND NOT SUPPORT` for unknown commands,
    /// storage indexes from 0, `^SMMEMFULL` instead of `+CMTI` when storage is full.
    HuaweiE173,
    /// SIMCom SIM800: power-up lines (`RDY`, `+CFUN: 1`, `+CPIN: READY`, `Call Ready`,
    /// `SMS Ready`), indications on by default, an empty alpha field (`""`) in text-mode headers.
    Sim800,
}

impl Profile {
    /// Every profile, in the order the README lists them.
    pub const ALL: [Profile; 4] = [
        Profile::Generic,
        Profile::ZteMf190,
        Profile::HuaweiE173,
        Profile::Sim800,
    ];

    /// The name used on the command line.
    pub fn name(self) -> &'static str {
        match self {
            Profile::Generic => "generic",
            Profile::ZteMf190 => "zte-mf190",
            Profile::HuaweiE173 => "huawei-e173",
            Profile::Sim800 => "sim800",
        }
    }

    /// `+CGMI`.
    pub fn manufacturer(self) -> &'static str {
        match self {
            Profile::Generic => "smsctl",
            Profile::ZteMf190 => "ZTE INCORPORATED",
            Profile::HuaweiE173 => "huawei",
            Profile::Sim800 => "SIMCOM_Ltd",
        }
    }

    /// `+CGMM`.
    pub fn model(self) -> &'static str {
        match self {
            Profile::Generic => "SIMULATED-3GPP",
            Profile::ZteMf190 => "MF190",
            Profile::HuaweiE173 => "E173",
            Profile::Sim800 => "SIMCOM_SIM800L",
        }
    }

    /// `+CGMR`.
    pub fn revision(self) -> &'static str {
        match self {
            Profile::Generic => "1.0",
            Profile::ZteMf190 => "BD_MF190V1.0.0B05",
            Profile::HuaweiE173 => "11.126.85.00.209",
            Profile::Sim800 => "Revision:1418B04SIM800L24",
        }
    }

    /// `+CGSN` (a well-formed IMEI with a valid Luhn digit).
    pub fn imei(self) -> &'static str {
        match self {
            Profile::Generic => "490154203237518",
            Profile::ZteMf190 => "356793030000013",
            Profile::HuaweiE173 => "353142040000018",
            Profile::Sim800 => "868100000000016",
        }
    }

    /// The first storage index (`+CMTI: "SM",0` on Huawei sticks).
    pub fn index_base(self) -> u16 {
        match self {
            Profile::HuaweiE173 => 0,
            _ => 1,
        }
    }

    /// Whether `+CMGD=<index>` on an empty (but valid) index fails with `+CMS ERROR: 321`
    /// instead of answering `OK`.
    ///
    /// Real units differ and the standard (3GPP TS 27.005 §3.5.4) does not say. Facts found:
    /// gammu's logs from Huawei sticks answer an empty location with `+CMS ERROR: 321`
    /// ("invalid memory index") on `+CMGR` (gammu issues #4 and #89), and FIELD.md notes that
    /// `321` "means the index is already gone"; SIMCom units answer `AT+CMGD=n,0` with a bare
    /// `OK` (python-gsmmodem issue #106, a SIM7600 log). Nothing public showed a ZTE deleting an
    /// empty slot; it is grouped with Huawei as the brief asks, so that both answers are tested.
    pub fn delete_empty_fails(self) -> bool {
        matches!(self, Profile::HuaweiE173 | Profile::ZteMf190)
    }

    /// Capacity of the SIM store (`SM`).
    pub fn sm_capacity(self) -> u16 {
        match self {
            Profile::Sim800 => 50,
            _ => 30,
        }
    }

    /// Capacity of the modem's own store (`ME`).
    pub fn me_capacity(self) -> u16 {
        match self {
            Profile::Sim800 => 0,
            _ => 100,
        }
    }

    /// The `+CNMI` setting after power-up: `[mode, mt, bm, ds, bfr]`.
    pub fn default_cnmi(self) -> [u8; 5] {
        match self {
            Profile::Sim800 => [2, 1, 0, 0, 0],
            _ => [0, 0, 0, 0, 0],
        }
    }

    /// Lines printed at power-up, before any command.
    pub fn power_up_lines(self) -> &'static [&'static str] {
        match self {
            Profile::Sim800 => &["RDY", "+CFUN: 1", "+CPIN: READY", "Call Ready", "SMS Ready"],
            Profile::ZteMf190 => &["+ZUSIMR:2"],
            _ => &[],
        }
    }

    /// The answer to an unknown command (`ERROR` unless the modem has its own words for it).
    pub fn unknown_command_answer(self) -> Option<&'static str> {
        match self {
            Profile::HuaweiE173 => Some("COMMAND NOT SUPPORT"),
            _ => None,
        }
    }

    /// A URC this modem sends unprompted, used by the `urc-in-response` fault.
    pub fn typical_urc(self) -> &'static str {
        match self {
            Profile::Generic | Profile::Sim800 => "+CREG: 1",
            Profile::ZteMf190 => "+ZUSIMR:2",
            Profile::HuaweiE173 => "^RSSI:17",
        }
    }

    /// Whether text-mode headers carry `""` in the alpha field instead of leaving it empty.
    pub fn quoted_empty_alpha(self) -> bool {
        self == Profile::Sim800
    }
}

impl fmt::Display for Profile {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

impl FromStr for Profile {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
        match s.to_ascii_lowercase().as_str() {
            "generic" | "3gpp" => Ok(Profile::Generic),
            "zte-mf190" | "zte" | "mf190" => Ok(Profile::ZteMf190),
            "huawei-e173" | "huawei" | "e173" => Ok(Profile::HuaweiE173),
            "sim800" | "simcom" => Ok(Profile::Sim800),
            other => Err(format!(
                "unknown profile `{other}` (generic, zte-mf190, huawei-e173, sim800)"
            )),
        }
    }
}
