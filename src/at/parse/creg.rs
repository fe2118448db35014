//! `+CREG` / `+CGREG` / `+CEREG` / `+C5GREG` — network registration (27.007 §7.2, §10.1.20,
//! §10.1.22, §10.1.45).
//!
//! The same name carries two shapes: the answer to `AT+CREG?` starts with `<n>` (the URC
//! setting), the URC does not:
//!
//! | fields | answer to `AT+CREG?` | URC |
//! |---|---|---|
//! | 1 | — | `stat` |
//! | 2 | `n,stat` | — |
//! | 3 | — | `stat,lac,ci` |
//! | 4 | `n,stat,lac,ci` | `stat,lac,ci,act` |
//! | 5+ | `n,stat,lac,ci,act[,…]` | `stat,lac,ci,act[,…]` |
//!
//! LAC and CI are hex, quoted by most modems and bare by Huawei (`+CREG: 2,1,4CA,81DE445`).
//! The shape is read from the line when it can be: the field count, or which field is quoted
//! (a quoted second field is a LAC, so the line is a URC). Only a line that is ambiguous even
//! then (4 or 5 fields, nothing quoted) is read in the [`Shape`] the caller expects.

use super::{after_name, ErrorKind, Params, ParseError};

/// Which registration the line reports.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Domain {
    /// `+CREG`: circuit switched (calls, SMS).
    Cs,
    /// `+CGREG`: GPRS packet switched.
    Gprs,
    /// `+CEREG`: EPS (LTE).
    Eps,
    /// `+C5GREG`: 5G.
    FiveG,
}

/// What the caller expects when the line alone cannot tell.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Shape {
    /// The answer to `AT+CREG?`: `n,stat[,…]`.
    Answer,
    /// An unsolicited report: `stat[,…]`.
    Unsolicited,
}

/// Registration status `<stat>`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RegStatus {
    /// 0: not registered, not searching.
    NotRegistered,
    /// 1: registered, home network.
    Home,
    /// 2: not registered, searching.
    Searching,
    /// 3: registration denied.
    Denied,
    /// 4: unknown (e.g. out of coverage).
    NoInfo,
    /// 5: registered, roaming.
    Roaming,
    /// 6: registered for SMS only, home network.
    HomeSmsOnly,
    /// 7: registered for SMS only, roaming.
    RoamingSmsOnly,
    /// 8: attached for emergency bearer services only.
    EmergencyOnly,
    /// 9: registered for "CSFB not preferred", home network.
    HomeCsfbNotPreferred,
    /// 10: registered for "CSFB not preferred", roaming.
    RoamingCsfbNotPreferred,
    /// A value this code does not know.
    Unknown(u8),
}

impl RegStatus {
    /// The status for `<stat>` value `n`.
    pub fn from_number(n: u8) -> Self {
        match n {
            0 => RegStatus::NotRegistered,
            1 => RegStatus::Home,
            2 => RegStatus::Searching,
            3 => RegStatus::Denied,
            4 => RegStatus::NoInfo,
            5 => RegStatus::Roaming,
            6 => RegStatus::HomeSmsOnly,
            7 => RegStatus::RoamingSmsOnly,
            8 => RegStatus::EmergencyOnly,
            9 => RegStatus::HomeCsfbNotPreferred,
            10 => RegStatus::RoamingCsfbNotPreferred,
            n => RegStatus::Unknown(n),
        }
    }

    /// True when SMS can be sent and received: registered at home or roaming, SMS-only included.
    pub fn is_registered(&self) -> bool {
        matches!(
            self,
            RegStatus::Home
                | RegStatus::Roaming
                | RegStatus::HomeSmsOnly
                | RegStatus::RoamingSmsOnly
                | RegStatus::HomeCsfbNotPreferred
                | RegStatus::RoamingCsfbNotPreferred
        )
    }
}

/// Access technology `<AcT>` (27.007 §7.3).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum AccessTech {
    /// 0: GSM.
    Gsm,
    /// 1: GSM Compact.
    GsmCompact,
    /// 2: UTRAN (3G).
    Utran,
    /// 3: GSM with EGPRS.
    GsmEgprs,
    /// 4: UTRAN with HSDPA.
    UtranHsdpa,
    /// 5: UTRAN with HSUPA.
    UtranHsupa,
    /// 6: UTRAN with HSDPA and HSUPA.
    UtranHspa,
    /// 7: E-UTRAN (LTE).
    Eutran,
    /// 8: EC-GSM-IoT.
    EcGsmIot,
    /// 9: E-UTRAN NB-S1 (NB-IoT).
    EutranNb,
    /// 10: E-UTRA connected to a 5G core.
    Eutra5gcn,
    /// 11: NR connected to a 5G core.
    Nr5gcn,
    /// 12: NG-RAN.
    NgRan,
    /// 13: E-UTRA–NR dual connectivity.
    EutraNr,
    /// A value this code does not know.
    Unknown(u8),
}

impl AccessTech {
    /// The technology for `<AcT>` value `n`.
    pub fn from_number(n: u8) -> Self {
        const ALL: [AccessTech; 14] = [
            AccessTech::Gsm,
            AccessTech::GsmCompact,
            AccessTech::Utran,
            AccessTech::GsmEgprs,
            AccessTech::UtranHsdpa,
            AccessTech::UtranHsupa,
            AccessTech::UtranHspa,
            AccessTech::Eutran,
            AccessTech::EcGsmIot,
            AccessTech::EutranNb,
            AccessTech::Eutra5gcn,
            AccessTech::Nr5gcn,
            AccessTech::NgRan,
            AccessTech::EutraNr,
        ];
        ALL.get(usize::from(n))
            .copied()
            .unwrap_or(AccessTech::Unknown(n))
    }
}

/// A registration report or query answer.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Registration {
    /// Which registration.
    pub domain: Domain,
    /// The URC setting `<n>`, present in query answers only.
    pub n: Option<u8>,
    /// The registration status.
    pub status: RegStatus,
    /// Location (or tracking) area code, if given and not empty.
    pub lac: Option<u32>,
    /// Cell id, if given and not empty.
    pub ci: Option<u32>,
    /// Access technology, if given.
    pub act: Option<AccessTech>,
}

const NAMES: [(&[u8], Domain); 4] = [
    (b"+CREG", Domain::Cs),
    (b"+CGREG", Domain::Gprs),
    (b"+CEREG", Domain::Eps),
    (b"+C5GREG", Domain::FiveG),
];

impl Registration {
    /// Parses a `+CREG:`, `+CGREG:`, `+CEREG:` or `+C5GREG:` line; `expect` decides only
    /// the shapes the line cannot tell by itself (see the module documentation).
    pub fn parse(line: &[u8], expect: Shape) -> Result<Self, ParseError> {
        let (start, domain) = NAMES
            .iter()
            .find_map(|&(name, domain)| after_name(line, name).ok().map(|at| (at, domain)))
            .ok_or(ParseError {
                kind: ErrorKind::Prefix,
                at: 0,
            })?;
        let p = Params::split(line, start)?;
        let quoted = |i: usize| {
            p.get(i)
                .is_some_and(|x| x.form == super::params::Form::Quoted)
        };
        let answer = match p.len() {
            0 => {
                return Err(ParseError {
                    kind: ErrorKind::Missing,
                    at: line.len(),
                })
            }
            1 | 3 => false,
            2 => true,
            _ if quoted(1) => false,
            _ if quoted(2) => true,
            _ => expect == Shape::Answer,
        };
        let (n, first): (Option<u8>, usize) = if answer {
            (Some(p.req(0)?.u8()?), 1)
        } else {
            (None, 0)
        };
        let field = |i: usize| p.get(first.saturating_add(i));
        let status = RegStatus::from_number(p.req(first)?.u8()?);
        let lac = field(1).map_or(Ok(None), |x| x.opt_hex_u32())?;
        let ci = field(2).map_or(Ok(None), |x| x.opt_hex_u32())?;
        let act = field(3)
            .map_or(Ok(None), |x| x.opt_u8())?
            .map(AccessTech::from_number);
        Ok(Registration {
            domain,
            n,
            status,
            lac,
            ci,
            act,
        })
    }
}
