//! Which command names a command line carries, and whether a line's name is one of them.

/// The names of the commands in an AT command line, for matching answer lines: `AT+CREG?`
/// carries `+CREG`; `AT+CMEE=1;+CREG=2` carries `+CMEE` and `+CREG`; `AT^SYSINFO` carries
/// `^SYSINFO`. Basic commands (`ATI`, `ATE0`) carry none: their answers have no name.
pub(crate) fn carries_name(cmd: &[u8], name: &[u8]) -> bool {
    if name.is_empty() {
        return false;
    }
    let body = match cmd.get(..2) {
        Some(at) if at.eq_ignore_ascii_case(b"AT") => cmd.get(2..).unwrap_or(&[]),
        _ => cmd,
    };
    body.split(|&b| b == b';').any(|segment| {
        let segment = segment.trim_ascii();
        let end = segment
            .iter()
            .position(|&b| matches!(b, b'=' | b'?' | b'\r' | b'\n' | b' '))
            .unwrap_or(segment.len());
        let own = segment.get(..end).unwrap_or(&[]);
        matches!(own.first(), Some(b'+' | b'^')) && own.eq_ignore_ascii_case(name)
    })
}

/// Whether an answer line with this name is followed by a body line that belongs to it: the
/// PDU (or text) line after a `+CMGR:` or `+CMGL:` header.
pub(crate) fn has_body_line(name: &[u8]) -> bool {
    name.eq_ignore_ascii_case(b"+CMGR") || name.eq_ignore_ascii_case(b"+CMGL")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_of_commands() {
        assert!(carries_name(b"AT+CREG?", b"+CREG"));
        assert!(carries_name(b"at+creg?", b"+CREG"));
        assert!(carries_name(b"AT+CMGL=4", b"+CMGL"));
        assert!(carries_name(b"AT+CMEE=1;+CREG=2", b"+CREG"));
        assert!(carries_name(b"AT^SYSINFO", b"^SYSINFO"));
        assert!(carries_name(b"AT+CPMS=\"SM\",\"SM\",\"SM\"", b"+CPMS"));
        assert!(!carries_name(b"AT+CSQ", b"+CREG"));
        assert!(!carries_name(b"AT+CMGL=4", b"+CMGLX"));
        assert!(!carries_name(b"ATI", b"I"));
        assert!(!carries_name(b"AT+CSQ", b""));
        assert!(!carries_name(b"", b"+CSQ"));
    }
}
