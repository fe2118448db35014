//! TP-DCS, the data coding scheme (TS 23.038 §4): alphabet, message class, compression,
//! message-waiting indication.

use core::fmt;

/// The character set of the user data.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Alphabet {
    /// GSM 7-bit default alphabet, packed.
    Gsm7,
    /// 8-bit data (shown as hex).
    Eight,
    /// UCS-2 (decoded as UTF-16, surrogate pairs included).
    Ucs2,
    /// A reserved alphabet or coding group: the text cannot be decoded.
    Reserved,
}

impl Alphabet {
    /// A short human name.
    pub fn name(self) -> &'static str {
        match self {
            Alphabet::Gsm7 => "gsm7",
            Alphabet::Eight => "8bit",
            Alphabet::Ucs2 => "ucs2",
            Alphabet::Reserved => "reserved",
        }
    }
}

/// The message class (TS 23.038 §4).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MessageClass {
    /// Class 0: shown at once, not stored ("flash SMS").
    Flash,
    /// Class 1: mobile-equipment specific.
    Me,
    /// Class 2: SIM specific.
    Sim,
    /// Class 3: terminal-equipment specific.
    Te,
}

impl MessageClass {
    /// 0 to 3.
    pub fn number(self) -> u8 {
        match self {
            MessageClass::Flash => 0,
            MessageClass::Me => 1,
            MessageClass::Sim => 2,
            MessageClass::Te => 3,
        }
    }
}

/// What a message-waiting indication is about (TS 23.038 §4, groups 1100–1110).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum WaitingKind {
    /// Voicemail.
    Voicemail,
    /// Fax.
    Fax,
    /// E-mail.
    Email,
    /// Other.
    Other,
}

impl WaitingKind {
    /// A short human name.
    pub fn name(self) -> &'static str {
        match self {
            WaitingKind::Voicemail => "voicemail",
            WaitingKind::Fax => "fax",
            WaitingKind::Email => "email",
            WaitingKind::Other => "other",
        }
    }
}

/// A message-waiting indication.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct MessageWaiting {
    /// What is waiting.
    pub kind: WaitingKind,
    /// Indication set (`true`) or cleared.
    pub active: bool,
    /// Whether the message should be stored (group 1100 says discard).
    pub store: bool,
}

/// A decoded TP-DCS octet. `raw` keeps the octet, so nothing is lost.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Dcs {
    /// The octet as received.
    pub raw: u8,
    /// The alphabet.
    pub alphabet: Alphabet,
    /// The message class, when the octet gives one.
    pub class: Option<MessageClass>,
    /// Text compressed (TS 23.042): not decodable here.
    pub compressed: bool,
    /// The automatic-deletion group (01xx).
    pub auto_delete: bool,
    /// A message-waiting indication (groups 1100–1110).
    pub waiting: Option<MessageWaiting>,
}

const GROUP_MASK: u8 = 0xF0;
const COMPRESSED: u8 = 0x20;
const CLASS_PRESENT: u8 = 0x10;
const WAITING_ACTIVE: u8 = 0x08;

impl Dcs {
    /// GSM 7-bit, no class (0x00).
    pub const GSM7: Dcs = Dcs::from_octet(0x00);
    /// UCS-2, no class (0x08).
    pub const UCS2: Dcs = Dcs::from_octet(0x08);

    /// Decodes a TP-DCS octet; every value gives a `Dcs`.
    pub const fn from_octet(raw: u8) -> Dcs {
        let general_alphabet = match (raw >> 2) & 0x03 {
            0 => Alphabet::Gsm7,
            1 => Alphabet::Eight,
            2 => Alphabet::Ucs2,
            _ => Alphabet::Reserved,
        };
        let general_class = if raw & CLASS_PRESENT != 0 {
            Some(MessageClass::from_bits_const(raw))
        } else {
            None
        };
        let waiting = MessageWaiting {
            kind: match raw & 0x03 {
                0 => WaitingKind::Voicemail,
                1 => WaitingKind::Fax,
                2 => WaitingKind::Email,
                _ => WaitingKind::Other,
            },
            active: raw & WAITING_ACTIVE != 0,
            store: raw & GROUP_MASK != 0xC0,
        };
        let base = Dcs {
            raw,
            alphabet: Alphabet::Gsm7,
            class: None,
            compressed: false,
            auto_delete: false,
            waiting: None,
        };
        match raw & GROUP_MASK {
            0x00..=0x70 => Dcs {
                alphabet: general_alphabet,
                class: general_class,
                compressed: raw & COMPRESSED != 0,
                auto_delete: raw & 0x40 != 0,
                ..base
            },
            0x80..=0xB0 => Dcs {
                alphabet: Alphabet::Reserved,
                ..base
            },
            0xC0 | 0xD0 => Dcs {
                waiting: Some(waiting),
                ..base
            },
            0xE0 => Dcs {
                alphabet: Alphabet::Ucs2,
                waiting: Some(waiting),
                ..base
            },
            _ => Dcs {
                alphabet: if raw & 0x04 != 0 {
                    Alphabet::Eight
                } else {
                    Alphabet::Gsm7
                },
                class: Some(MessageClass::from_bits_const(raw)),
                ..base
            },
        }
    }

    /// Whether the text can be decoded (not compressed, not reserved).
    pub fn decodable(&self) -> bool {
        !self.compressed && self.alphabet != Alphabet::Reserved
    }
}

impl MessageClass {
    const fn from_bits_const(b: u8) -> Self {
        match b & 0x03 {
            0 => MessageClass::Flash,
            1 => MessageClass::Me,
            2 => MessageClass::Sim,
            _ => MessageClass::Te,
        }
    }
}

impl fmt::Display for Dcs {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.alphabet.name())?;
        if self.compressed {
            f.write_str(", compressed")?;
        }
        if let Some(c) = self.class {
            write!(f, ", class {}", c.number())?;
        }
        if let Some(w) = self.waiting {
            write!(
                f,
                ", {} waiting {}",
                w.kind.name(),
                if w.active { "on" } else { "off" }
            )?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn groups() {
        assert_eq!(Dcs::from_octet(0x00).alphabet, Alphabet::Gsm7);
        assert_eq!(Dcs::from_octet(0x08).alphabet, Alphabet::Ucs2);
        assert_eq!(Dcs::from_octet(0x04).alphabet, Alphabet::Eight);
        let flash = Dcs::from_octet(0x10);
        assert_eq!(flash.class, Some(MessageClass::Flash));
        let f2 = Dcs::from_octet(0xF6);
        assert_eq!(
            (f2.alphabet, f2.class),
            (Alphabet::Eight, Some(MessageClass::Sim))
        );
        assert!(Dcs::from_octet(0x20).compressed);
        assert!(!Dcs::from_octet(0x20).decodable());
        assert_eq!(Dcs::from_octet(0x0C).alphabet, Alphabet::Reserved);
        assert_eq!(Dcs::from_octet(0x90).alphabet, Alphabet::Reserved);
        let mwi = Dcs::from_octet(0xC8).waiting.unwrap();
        assert!(mwi.active && !mwi.store && mwi.kind == WaitingKind::Voicemail);
        let e = Dcs::from_octet(0xE9);
        assert_eq!(e.alphabet, Alphabet::Ucs2);
        assert_eq!(e.waiting.unwrap().kind, WaitingKind::Fax);
        assert!(Dcs::from_octet(0x48).auto_delete);
    }
}
