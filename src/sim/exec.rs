//! Executing one command: V.250 basics, identification, SIM, network. SMS commands are in
//! `sms`.

use super::parse::{split_args, Cmd, Kind};
use super::{Fail, Flow, Lock, Profile, Settings, Sim};
use crate::time::Instant;

/// Verbose text of a `+CME ERROR` code (3GPP TS 27.007 §9.2).
pub(super) fn cme_text(n: u16) -> &'static str {
    match n {
        3 => "operation not allowed",
        4 => "operation not supported",
        10 => "SIM not inserted",
        11 => "SIM PIN required",
        12 => "SIM PUK required",
        13 => "SIM failure",
        16 => "incorrect password",
        21 => "invalid index",
        30 => "no network service",
        50 => "Incorrect parameters",
        _ => "unknown",
    }
}

/// Verbose text of a `+CMS ERROR` code (3GPP TS 27.005 §3.2.5).
pub(super) fn cms_text(n: u16) -> &'static str {
    match n {
        300 => "ME failure",
        302 => "operation not allowed",
        303 => "operation not supported",
        304 => "invalid PDU mode parameter",
        305 => "invalid text mode parameter",
        310 => "SIM not inserted",
        311 => "SIM PIN required",
        316 => "SIM PUK required",
        321 => "invalid memory index",
        322 => "memory full",
        330 => "SMSC address unknown",
        500 => "unknown error",
        _ => "unknown error",
    }
}

/// What `AT+CLAC` lists: every command every profile understands (profile-only ones are added
/// by `clac`).
const COMMANDS: [&str; 46] = [
    "ATE", "ATV", "ATQ", "ATX", "ATZ", "AT&F", "AT&C", "AT&D", "AT&W", "AT&K", "ATI", "ATL", "ATM",
    "ATH", "ATS0", "AT+GCAP", "AT+GMI", "AT+GMM", "AT+GMR", "AT+GSN", "AT+CGMI", "AT+CGMM",
    "AT+CGMR", "AT+CGSN", "AT+CIMI", "AT+CLAC", "AT+CMEE", "AT+CFUN", "AT+CPAS", "AT+CPIN",
    "AT+CPINR", "AT+CREG", "AT+CGREG", "AT+CEREG", "AT+CSQ", "AT+COPS", "AT+CSCA", "AT+CSCS",
    "AT+CSMS", "AT+CSMP", "AT+CMGF", "AT+CPMS", "AT+CNMI", "AT+CMGL", "AT+CMGR", "AT+CMGD",
];

/// A number argument, or `ERROR`.
pub(super) fn num(s: &str) -> Result<u32, Fail> {
    s.trim().parse().map_err(|_| Fail::Error)
}

/// The numeric value of a basic command (`E0` → 0, `E` → 0).
fn basic_value(kind: &Kind) -> Result<u32, Fail> {
    match kind {
        Kind::Exec => Ok(0),
        Kind::Set(v) => num(v),
        _ => Err(Fail::Error),
    }
}

impl Sim {
    pub(super) fn exec(
        &mut self,
        now: Instant,
        cmd: &Cmd,
        info: &mut Vec<String>,
    ) -> Result<Flow, Fail> {
        let name = cmd.name.as_str();
        let kind = &cmd.kind;
        match name {
            "E" => self.set.echo = basic_value(kind)? != 0,
            "V" => self.set.verbose = basic_value(kind)? != 0,
            "Q" => self.set.quiet = basic_value(kind)? != 0,
            "X" | "&C" | "&D" | "&W" | "&K" | "L" | "M" | "H" => {
                basic_value(kind)?;
            }
            "Z" | "&F" => {
                basic_value(kind)?;
                self.set = Settings::power_up(self.profile);
            }
            "I" => {
                info.push(format!("Manufacturer: {}", self.profile.manufacturer()));
                info.push(format!("Model: {}", self.profile.model()));
                info.push(format!("Revision: {}", self.profile.revision()));
                info.push(format!("IMEI: {}", self.profile.imei()));
                info.push("+GCAP: +CGSM".to_string());
            }
            s if s.starts_with('S') && s.len() > 1 => match kind {
                Kind::Read => info.push(format!("{:03}", self.s_register(s))),
                Kind::Set(_) | Kind::Exec => {}
                Kind::Test => return Err(Fail::Error),
            },
            "+CGMI" | "+GMI" => self.ident(kind, info, self.profile.manufacturer())?,
            "+CGMM" | "+GMM" => self.ident(kind, info, self.profile.model())?,
            "+CGMR" | "+GMR" => self.ident(kind, info, self.profile.revision())?,
            "+CGSN" | "+GSN" => self.ident(kind, info, self.profile.imei())?,
            "+GCAP" => info.push("+GCAP: +CGSM".to_string()),
            "+CIMI" => {
                self.need_sim_cme()?;
                self.ident(kind, info, "284011234567890")?;
            }
            "+CMEE" => match kind {
                Kind::Set(v) => {
                    let n = num(v)?;
                    if n > 2 {
                        return Err(Fail::Error);
                    }
                    self.set.cmee = n as u8;
                }
                Kind::Read => info.push(format!("+CMEE: {}", self.set.cmee)),
                Kind::Test => info.push("+CMEE: (0-2)".to_string()),
                Kind::Exec => self.set.cmee = 0,
            },
            "+CFUN" => match kind {
                Kind::Read => info.push("+CFUN: 1".to_string()),
                Kind::Test => info.push("+CFUN: (0,1,4),(0-1)".to_string()),
                Kind::Set(v) => {
                    let args = split_args(v);
                    let reset = args.get(1).map(|s| num(s)).transpose()?.unwrap_or(0);
                    num(args.first().map_or("", String::as_str))?;
                    if reset == 1 {
                        // Answer first, then reboot: the power-up lines follow the OK.
                        self.respond(now, super::Response::ok(Vec::new()));
                        self.power_up(now);
                        return Ok(Flow::Silent);
                    }
                }
                Kind::Exec => return Err(Fail::Error),
            },
            "+CPAS" => info.push("+CPAS: 0".to_string()),
            "+CPIN" => self.cpin(now, kind, info)?,
            "+CPINR" => {
                let (pin, puk) = match self.lock {
                    Lock::Pin { tries } => (tries, 10),
                    Lock::Puk { tries } => (0, tries),
                    Lock::Blocked => (0, 0),
                    Lock::Ready => (3, 10),
                };
                info.push(format!("+CPINR: SIM PIN,{pin},3"));
                info.push(format!("+CPINR: SIM PUK,{puk},10"));
            }
            "+CREG" | "+CGREG" | "+CEREG" => self.creg(name, kind, info)?,
            "+CLAC" => match kind {
                Kind::Exec => self.clac(info),
                Kind::Test => {}
                _ => return Err(Fail::Error),
            },
            "+CSQ" => match kind {
                Kind::Exec => info.push("+CSQ: 18,99".to_string()),
                Kind::Test => info.push("+CSQ: (0-31,99),(0-7,99)".to_string()),
                _ => return Err(Fail::Error),
            },
            "+COPS" => self.cops(kind, info)?,
            "^CURC" if self.profile == Profile::HuaweiE173 => match kind {
                Kind::Set(v) => self.set.curc = num(v)? != 0,
                Kind::Read => info.push(format!("^CURC: {}", u8::from(self.set.curc))),
                Kind::Test => info.push("^CURC: (0-1)".to_string()),
                Kind::Exec => return Err(Fail::Error),
            },
            "+ZCDRUN" if self.profile == Profile::ZteMf190 => match kind {
                Kind::Set(v) => match num(v)? {
                    8 => info.push("Close autorun state result(0:FAIL 1:SUCCESS):1".to_string()),
                    9 => info.push("Open autorun state result(0:FAIL 1:SUCCESS):1".to_string()),
                    _ => {}
                },
                _ => return Err(Fail::Error),
            },
            "+ZOPRT" if self.profile == Profile::ZteMf190 => match kind {
                Kind::Set(v) => self.zoprt = num(v)? as u8,
                Kind::Read => info.push(format!("+ZOPRT: {}", self.zoprt)),
                _ => return Err(Fail::Error),
            },
            _ => return self.exec_sms(cmd, info),
        }
        Ok(Flow::Next)
    }

    fn s_register(&self, name: &str) -> u8 {
        match name {
            "S3" => 13,
            "S4" => 10,
            "S5" => 8,
            _ => 0,
        }
    }

    fn ident(&self, kind: &Kind, info: &mut Vec<String>, value: &str) -> Result<(), Fail> {
        match kind {
            Kind::Exec => {
                info.push(value.to_string());
                Ok(())
            }
            Kind::Test => Ok(()),
            _ => Err(Fail::Error),
        }
    }

    /// `Err(+CME ERROR: 11/12)` unless the SIM is unlocked.
    pub(super) fn need_sim_cme(&self) -> Result<(), Fail> {
        match self.lock {
            Lock::Ready => Ok(()),
            Lock::Pin { .. } => Err(Fail::Cme(11)),
            Lock::Puk { .. } => Err(Fail::Cme(12)),
            Lock::Blocked => Err(Fail::Cme(13)),
        }
    }

    /// `Err(+CMS ERROR: 311/316)` unless the SIM is unlocked.
    pub(super) fn need_sim_cms(&self) -> Result<(), Fail> {
        match self.lock {
            Lock::Ready => Ok(()),
            Lock::Pin { .. } => Err(Fail::Cms(311)),
            Lock::Puk { .. } => Err(Fail::Cms(316)),
            Lock::Blocked => Err(Fail::Cms(310)),
        }
    }

    fn cpin(&mut self, now: Instant, kind: &Kind, info: &mut Vec<String>) -> Result<(), Fail> {
        match kind {
            Kind::Read => {
                let state = match self.lock {
                    Lock::Ready => "READY",
                    Lock::Pin { .. } => "SIM PIN",
                    Lock::Puk { .. } => "SIM PUK",
                    Lock::Blocked => return Err(Fail::Cme(13)),
                };
                info.push(format!("+CPIN: {state}"));
                Ok(())
            }
            Kind::Test => Ok(()),
            Kind::Exec => Err(Fail::Error),
            Kind::Set(v) => {
                let args = split_args(v);
                let first = args.first().cloned().unwrap_or_default();
                match self.lock {
                    Lock::Ready => Err(Fail::Cme(3)),
                    Lock::Blocked => Err(Fail::Cme(13)),
                    Lock::Pin { tries } => {
                        if self.pin.as_deref() == Some(first.as_str()) {
                            self.unlocked(now);
                            Ok(())
                        } else {
                            let left = tries.saturating_sub(1);
                            self.lock = if left == 0 {
                                Lock::Puk { tries: 10 }
                            } else {
                                Lock::Pin { tries: left }
                            };
                            Err(Fail::Cme(16))
                        }
                    }
                    Lock::Puk { tries } => {
                        let Some(new_pin) = args.get(1) else {
                            return Err(Fail::Cme(12));
                        };
                        if first == self.puk {
                            self.pin = Some(new_pin.clone());
                            self.unlocked(now);
                            Ok(())
                        } else {
                            let left = tries.saturating_sub(1);
                            self.lock = if left == 0 {
                                Lock::Blocked
                            } else {
                                Lock::Puk { tries: left }
                            };
                            Err(Fail::Cme(16))
                        }
                    }
                }
            }
        }
    }

    /// The SIM is open: the modem registers and says so if asked to.
    fn unlocked(&mut self, now: Instant) {
        self.lock = Lock::Ready;
        if self.set.creg > 0 {
            self.urc(now, "+CREG: 1");
        }
        if self.profile == Profile::Sim800 {
            self.urc(now, "Call Ready");
            self.urc(now, "SMS Ready");
        }
    }

    fn registration(&self) -> u8 {
        if self.lock == Lock::Ready {
            1
        } else {
            0
        }
    }

    fn creg(&mut self, name: &str, kind: &Kind, info: &mut Vec<String>) -> Result<(), Fail> {
        let n = match name {
            "+CREG" => &mut self.set.creg,
            "+CGREG" => &mut self.set.cgreg,
            _ => &mut self.set.cereg,
        };
        match kind {
            Kind::Set(v) => {
                let v = num(v)?;
                if v > 2 {
                    return Err(Fail::Error);
                }
                *n = v as u8;
            }
            Kind::Exec => *n = 0,
            Kind::Test => info.push(format!("{name}: (0-2)")),
            Kind::Read => {
                let n = *n;
                let stat = self.registration();
                if n == 2 && stat == 1 {
                    info.push(format!("{name}: 2,{stat},\"1A2B\",\"00C3D4E5\""));
                } else {
                    info.push(format!("{name}: {n},{stat}"));
                }
            }
        }
        Ok(())
    }

    /// `+CLAC`: one command a line. Huawei sticks end some lines `\r\r\n` (FIELD.md); this
    /// one ends them all so, which a host must take as an empty line too.
    fn clac(&self, info: &mut Vec<String>) {
        let extra: &[&str] = match self.profile {
            Profile::HuaweiE173 => &["AT^CURC"],
            Profile::ZteMf190 => &["AT+ZCDRUN", "AT+ZOPRT"],
            Profile::Generic | Profile::Sim800 => &[],
        };
        let tail = if self.profile == Profile::HuaweiE173 {
            "\r"
        } else {
            ""
        };
        for cmd in COMMANDS.iter().chain(extra).chain(&["AT+CMGS", "AT+CNMA"]) {
            info.push(format!("{cmd}{tail}"));
        }
    }

    fn cops(&mut self, kind: &Kind, info: &mut Vec<String>) -> Result<(), Fail> {
        match kind {
            Kind::Read => {
                if self.registration() != 1 {
                    info.push("+COPS: 0".to_string());
                } else if self.set.cops_format == 2 {
                    info.push("+COPS: 0,2,\"28401\",2".to_string());
                } else {
                    info.push(format!("+COPS: 0,{},\"SIMNET\",2", self.set.cops_format));
                }
            }
            Kind::Test => {
                self.need_sim_cme()?;
                info.push("+COPS: (2,\"SIMNET\",\"SIMNET\",\"28401\",2),,(0-4),(0-2)".to_string());
            }
            Kind::Set(v) => {
                let args = split_args(v);
                num(args.first().map_or("", String::as_str))?;
                if let Some(f) = args.get(1) {
                    let f = num(f)?;
                    if f > 2 {
                        return Err(Fail::Error);
                    }
                    self.set.cops_format = f as u8;
                }
            }
            Kind::Exec => {}
        }
        Ok(())
    }
}
