//! The one error type of the PDU layer: a small `Copy` value that names the octet where the
//! problem was found and what was wrong there.

use core::fmt;

/// The field of a PDU an error refers to (TS 23.040 §9.2.3 names).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Field {
    /// The length octet or digits of the leading SMSC address (TS 24.011 §8.2.5.1).
    SmscAddress,
    /// The first octet: message type and flags.
    FirstOctet,
    /// TP-MR.
    MessageReference,
    /// TP-OA, TP-DA or TP-RA.
    Address,
    /// TP-PID.
    ProtocolId,
    /// TP-DCS.
    DataCoding,
    /// TP-SCTS.
    Timestamp,
    /// TP-DT (status report).
    DischargeTime,
    /// TP-ST (status report).
    Status,
    /// TP-PI (status report).
    ParameterIndicator,
    /// TP-VP.
    ValidityPeriod,
    /// TP-UDL.
    UserDataLength,
    /// The user data header inside TP-UD.
    UserDataHeader,
    /// The text or data of TP-UD.
    UserData,
}

impl Field {
    /// A short human name for messages.
    pub fn name(self) -> &'static str {
        match self {
            Field::SmscAddress => "SMSC address",
            Field::FirstOctet => "first octet",
            Field::MessageReference => "message reference",
            Field::Address => "address",
            Field::ProtocolId => "protocol identifier",
            Field::DataCoding => "data coding scheme",
            Field::Timestamp => "service centre timestamp",
            Field::DischargeTime => "discharge time",
            Field::Status => "status",
            Field::ParameterIndicator => "parameter indicator",
            Field::ValidityPeriod => "validity period",
            Field::UserDataLength => "user data length",
            Field::UserDataHeader => "user data header",
            Field::UserData => "user data",
        }
    }
}

/// Everything that can go wrong decoding or encoding a PDU. Offsets (`at`) count octets from
/// the start of the bytes given to the decoder (the SMSC part included when present); for hex
/// input they count octets, i.e. hex digit pairs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PduError {
    /// The PDU ends inside `field`, which needs `need` octets at `at`; `remain` are left.
    Truncated {
        /// Octet offset where the field starts.
        at: usize,
        /// The field that does not fit.
        field: Field,
        /// Octets the field needs.
        need: usize,
        /// Octets left in the PDU.
        remain: usize,
    },
    /// TP-UDL announces more user data than the PDU holds.
    UserDataTooShort {
        /// Octet offset of TP-UDL.
        at: usize,
        /// The announced length.
        length: u8,
        /// Whether `length` counts septets (GSM 7-bit) or octets.
        septets: bool,
        /// Octets the announced length needs.
        need: usize,
        /// Octets left after TP-UDL.
        remain: usize,
    },
    /// A field holds a value the format does not allow.
    Invalid {
        /// Octet offset of the field.
        at: usize,
        /// The field.
        field: Field,
        /// The offending octet.
        value: u8,
        /// What is wrong with it.
        why: &'static str,
    },
    /// The data coding scheme is compressed or reserved: the text cannot be decoded.
    UnsupportedCoding {
        /// Octet offset of TP-DCS.
        at: usize,
        /// The TP-DCS octet.
        dcs: u8,
        /// `true` for compression (TS 23.038 §4), `false` for a reserved coding.
        compressed: bool,
    },
    /// Hex input has a character that is not a hex digit at character `at`.
    HexDigit {
        /// Character offset in the hex text.
        at: usize,
    },
    /// Hex input has an odd number of digits.
    HexOddLength {
        /// The number of hex digits.
        len: usize,
    },
    /// The input (or the encoded PDU) is longer than any SMS PDU can be.
    TooLong {
        /// Octets given or needed.
        len: usize,
        /// The maximum, [`super::PDU_MAX_OCTETS`].
        max: usize,
    },
    /// The output buffer is too small for the encoded PDU.
    BufferTooSmall {
        /// Octets the buffer holds.
        have: usize,
    },
    /// A phone number to encode has a character that is not a digit, `*`, `#`, `a`–`c`.
    BadNumber {
        /// Character offset in the number.
        at: usize,
        /// The character.
        ch: char,
    },
    /// A phone number to encode is empty or has more than 20 digits.
    NumberLength {
        /// Digits given.
        digits: usize,
    },
    /// An alphanumeric address does not fit: more than 11 septets or not GSM 7-bit.
    AlphanumericAddress {
        /// Septets needed (0 when a character is outside the GSM alphabet).
        septets: usize,
    },
    /// A text has a character outside the GSM 7-bit alphabet and GSM 7-bit was asked for.
    NotGsm7 {
        /// Byte offset of the character in the text.
        at: usize,
        /// The character.
        ch: char,
    },
    /// A text part does not fit one PDU in the chosen coding.
    TextTooLong {
        /// Septets (GSM 7-bit) or UTF-16 units (UCS-2) the text needs, header included.
        units: usize,
        /// The limit for that coding with that header.
        limit: usize,
    },
    /// A long text needs more than 255 parts.
    TooManyParts {
        /// Parts needed.
        parts: usize,
    },
    /// A concatenation header with a part number of 0 or above the total.
    BadConcat {
        /// Part number.
        seq: u8,
        /// Total parts.
        total: u8,
    },
}

impl fmt::Display for PduError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match *self {
            PduError::Truncated {
                at,
                field,
                need,
                remain,
            } => write!(
                f,
                "truncated at octet {at}: {} needs {need} octet{}, {remain} remain",
                field.name(),
                plural(need)
            ),
            PduError::UserDataTooShort {
                at,
                length,
                septets,
                need,
                remain,
            } => write!(
                f,
                "truncated at octet {at}: user data length {length} {} needs {need} octets, \
                 {remain} remain",
                if septets { "septets" } else { "octets" }
            ),
            PduError::Invalid {
                at,
                field,
                value,
                why,
            } => write!(
                f,
                "invalid {} at octet {at} (0x{value:02X}): {why}",
                field.name()
            ),
            PduError::UnsupportedCoding {
                at,
                dcs,
                compressed,
            } => write!(
                f,
                "unsupported data coding scheme 0x{dcs:02X} at octet {at}: {}",
                if compressed {
                    "compressed text"
                } else {
                    "reserved coding"
                }
            ),
            PduError::HexDigit { at } => write!(f, "not a hex digit at character {at}"),
            PduError::HexOddLength { len } => {
                write!(f, "odd number of hex digits ({len})")
            }
            PduError::TooLong { len, max } => {
                write!(f, "PDU of {len} octets is longer than the maximum {max}")
            }
            PduError::BufferTooSmall { have } => {
                write!(f, "output buffer of {have} octets is too small")
            }
            PduError::BadNumber { at, ch } => write!(
                f,
                "bad character {ch:?} at position {at} of the number (digits, * # a b c only)"
            ),
            PduError::NumberLength { digits } => {
                write!(f, "a number needs 1 to 20 digits, not {digits}")
            }
            PduError::AlphanumericAddress { septets } => write!(
                f,
                "alphanumeric address needs {septets} septets, at most 11 GSM 7-bit septets fit"
            ),
            PduError::NotGsm7 { at, ch } => {
                write!(
                    f,
                    "character {ch:?} at byte {at} is not in the GSM 7-bit alphabet"
                )
            }
            PduError::TextTooLong { units, limit } => {
                write!(f, "text part needs {units} units, one PDU holds {limit}")
            }
            PduError::TooManyParts { parts } => {
                write!(f, "text needs {parts} parts, at most 255 are possible")
            }
            PduError::BadConcat { seq, total } => {
                write!(f, "concatenation part {seq} of {total} is impossible")
            }
        }
    }
}

fn plural(n: usize) -> &'static str {
    if n == 1 {
        ""
    } else {
        "s"
    }
}

#[cfg(feature = "std")]
impl std::error::Error for PduError {}
