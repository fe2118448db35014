//! The DCE side of a V.250 command line: `AT` followed by basic commands (`E0`, `&F`, `S0=0`)
//! and extended commands (`+CMGF=1`, `+CPIN?`, `+CNMI=?`, `^CURC=0`) chained with `;`.
//!
//! This parses what a host sends, the opposite direction of `crate::at`'s framer.

/// How an extended command was invoked (V.250 §5.4.2).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Kind {
    /// `+CMD` — execute.
    Exec,
    /// `+CMD=args` — set, with the raw argument text (quotes kept).
    Set(String),
    /// `+CMD?` — read.
    Read,
    /// `+CMD=?` — test.
    Test,
}

/// One command of a command line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Cmd {
    /// Upper-case name with its prefix: `E`, `&F`, `S7`, `+CMGF`, `^CURC`.
    pub name: String,
    /// How it was invoked. Basic commands with a number (`E0`) come as `Set("0")`.
    pub kind: Kind,
}

impl Cmd {
    fn new(name: String, kind: Kind) -> Self {
        Cmd { name, kind }
    }
}

/// Characters that may start an extended command name.
const EXT_PREFIXES: &str = "+^$%*#!";

/// Parses one command line (without its CR). `None` when the line does not start with `AT`
/// (a modem ignores it); `Some(Err(()))` when it is malformed (answered `ERROR`).
pub fn parse_line(line: &str) -> Option<Result<Vec<Cmd>, ()>> {
    let trimmed = line.trim_start_matches([' ', '\n']);
    let mut chars = trimmed.chars();
    let a = chars.next()?;
    let t = chars.next()?;
    if !a.eq_ignore_ascii_case(&'A') || !t.eq_ignore_ascii_case(&'T') {
        return None;
    }
    Some(parse_body(chars.as_str()))
}

/// Removes spaces outside quoted strings (V.250 §5.2.1 says they are ignored).
fn strip_spaces(body: &str) -> Vec<char> {
    let mut out = Vec::with_capacity(body.len());
    let mut quoted = false;
    for c in body.chars() {
        if c == '"' {
            quoted = !quoted;
        }
        if quoted || c != ' ' {
            out.push(c);
        }
    }
    out
}

fn parse_body(body: &str) -> Result<Vec<Cmd>, ()> {
    let s = strip_spaces(body);
    let mut cmds = Vec::new();
    let mut i = 0usize;
    while let Some(&c) = s.get(i) {
        if c == ';' {
            i += 1;
            continue;
        }
        if EXT_PREFIXES.contains(c) {
            i = parse_extended(&s, i, &mut cmds)?;
        } else if c.is_ascii_alphabetic() || c == '&' {
            i = parse_basic(&s, i, &mut cmds)?;
        } else {
            return Err(());
        }
    }
    Ok(cmds)
}

fn is_name_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || "!%-./:_".contains(c)
}

fn parse_extended(s: &[char], start: usize, cmds: &mut Vec<Cmd>) -> Result<usize, ()> {
    let mut i = start + 1;
    let mut name: String = s.get(start).into_iter().collect();
    while let Some(&c) = s.get(i) {
        if !is_name_char(c) {
            break;
        }
        name.push(c.to_ascii_uppercase());
        i += 1;
    }
    if name.len() < 2 {
        return Err(());
    }
    let kind = match (s.get(i), s.get(i + 1)) {
        (Some('='), Some('?')) => {
            i += 2;
            Kind::Test
        }
        (Some('?'), _) => {
            i += 1;
            Kind::Read
        }
        (Some('='), _) => {
            i += 1;
            let mut args = String::new();
            let mut quoted = false;
            while let Some(&c) = s.get(i) {
                if c == '"' {
                    quoted = !quoted;
                } else if c == ';' && !quoted {
                    break;
                }
                args.push(c);
                i += 1;
            }
            if quoted {
                return Err(());
            }
            Kind::Set(args)
        }
        _ => Kind::Exec,
    };
    match s.get(i) {
        None | Some(';') => {}
        // V.250 wants `;` between extended commands; tolerate a missing one before another.
        Some(&c) if EXT_PREFIXES.contains(c) => {}
        Some(_) => return Err(()),
    }
    cmds.push(Cmd::new(name, kind));
    Ok(i)
}

fn parse_basic(s: &[char], start: usize, cmds: &mut Vec<Cmd>) -> Result<usize, ()> {
    let mut i = start;
    let mut name = String::new();
    if s.get(i) == Some(&'&') {
        name.push('&');
        i += 1;
    }
    let letter = s.get(i).copied().ok_or(())?;
    if !letter.is_ascii_alphabetic() {
        return Err(());
    }
    name.push(letter.to_ascii_uppercase());
    i += 1;
    // `D` (dial) takes the rest of the line as its argument.
    if name == "D" {
        let rest: String = s.get(i..).unwrap_or(&[]).iter().collect();
        cmds.push(Cmd::new(name, Kind::Set(rest)));
        return Ok(s.len());
    }
    // `Sn=v`, `Sn?`
    if name == "S" {
        let digits = take_digits(s, &mut i);
        if digits.is_empty() {
            return Err(());
        }
        name.push_str(&digits);
        let kind = match s.get(i) {
            Some('?') => {
                i += 1;
                Kind::Read
            }
            Some('=') => {
                i += 1;
                Kind::Set(take_digits(s, &mut i))
            }
            _ => Kind::Exec,
        };
        cmds.push(Cmd::new(name, kind));
        return Ok(i);
    }
    let digits = take_digits(s, &mut i);
    let kind = if digits.is_empty() {
        Kind::Exec
    } else {
        Kind::Set(digits)
    };
    cmds.push(Cmd::new(name, kind));
    Ok(i)
}

/// The ASCII digits starting at `*i`; `*i` moves past them.
fn take_digits(s: &[char], i: &mut usize) -> String {
    let digits: String = s
        .get(*i..)
        .unwrap_or(&[])
        .iter()
        .take_while(|c| c.is_ascii_digit())
        .collect();
    *i += digits.len();
    digits
}

/// Splits the arguments of a set command at commas outside quotes, unquoting each.
pub fn split_args(args: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut cur = String::new();
    let mut quoted = false;
    for c in args.chars() {
        match c {
            '"' => quoted = !quoted,
            ',' if !quoted => out.push(std::mem::take(&mut cur)),
            _ => cur.push(c),
        }
    }
    out.push(cur);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(line: &str) -> Vec<(String, Kind)> {
        parse_line(line)
            .expect("an AT line")
            .expect("well formed")
            .into_iter()
            .map(|c| (c.name, c.kind))
            .collect()
    }

    #[test]
    fn chained_extended_commands() {
        assert_eq!(
            names("AT+CMEE=1;+CREG=2"),
            vec![
                ("+CMEE".into(), Kind::Set("1".into())),
                ("+CREG".into(), Kind::Set("2".into()))
            ]
        );
    }

    #[test]
    fn basic_commands_run_together() {
        assert_eq!(
            names("ate0v1&f s0=0"),
            vec![
                ("E".into(), Kind::Set("0".into())),
                ("V".into(), Kind::Set("1".into())),
                ("&F".into(), Kind::Exec),
                ("S0".into(), Kind::Set("0".into())),
            ]
        );
    }

    #[test]
    fn read_test_and_quoted_semicolon() {
        assert_eq!(
            names("AT+CPIN?;+CNMI=?;+CSCA=\"+1;2\",145;^CURC=0"),
            vec![
                ("+CPIN".into(), Kind::Read),
                ("+CNMI".into(), Kind::Test),
                ("+CSCA".into(), Kind::Set("\"+1;2\",145".into())),
                ("^CURC".into(), Kind::Set("0".into())),
            ]
        );
    }

    #[test]
    fn not_an_at_line_is_ignored_and_junk_is_an_error() {
        assert!(parse_line("hello").is_none());
        assert!(parse_line("A").is_none());
        assert_eq!(parse_line("AT"), Some(Ok(vec![])));
        assert_eq!(parse_line("AT+CSCA=\"open"), Some(Err(())));
        assert_eq!(parse_line("AT=5"), Some(Err(())));
        assert_eq!(parse_line("AT+"), Some(Err(())));
    }

    #[test]
    fn args_split_outside_quotes() {
        assert_eq!(
            split_args("\"SM\",\"a,b\",3"),
            vec!["SM".to_string(), "a,b".into(), "3".into()]
        );
    }
}
