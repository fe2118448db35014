//! A checked tokenizer for the parameters of an AT information response.
//!
//! 3GPP TS 27.007 §4.1 and V.250 §5.7: after `+NAME:` come parameters separated by commas. A
//! parameter is a bare token (a decimal number, `READY`, Huawei's unquoted hex LAC), a string in
//! double quotes (which may hold commas: `"24/11/26,12:00:00+08"`), a list in parentheses (test
//! answers such as `("SM","ME")`), or empty (`,,`). Spaces around a parameter are skipped; real
//! modems put them after commas (`"REC READ", "+4123"`) and at the end of a line.
//!
//! Never `split(',')`: a comma inside quotes is data. An unterminated quote, text glued to a
//! closing quote, or more than [`MAX_PARAMS`] parameters is an error with the offset where the
//! problem starts.

use super::{ErrorKind, ParseError};

/// Most parameters any response smsctl parses has. The longest is the text-mode `+CMGR` header
/// of a received message: `stat,oa,alpha,scts,tooa,fo,pid,dcs,sca,tosca,length` = 11
/// (27.005 §3.4.3 with `+CSDH=1`); a few more are allowed for vendor extras (`+CLIP` has 6,
/// `+CEREG` 7 with the reject cause), rounded up to 16.
pub const MAX_PARAMS: usize = 16;

/// How a parameter was written on the line.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Form {
    /// Written as is: a number, a word, unquoted hex, or nothing.
    Bare,
    /// In double quotes; `raw` is what is between them.
    Quoted,
    /// In parentheses; `raw` is what is between them.
    Group,
}

/// One parameter of a response line, borrowed from it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Param<'a> {
    /// The bytes of the parameter without quotes, parentheses or surrounding spaces.
    pub raw: &'a [u8],
    /// How it was written.
    pub form: Form,
    /// Offset of `raw` in the line, for error reports.
    pub at: usize,
}

const EMPTY: Param<'static> = Param {
    raw: b"",
    form: Form::Bare,
    at: 0,
};

impl<'a> Param<'a> {
    fn err(&self, kind: ErrorKind) -> ParseError {
        ParseError { kind, at: self.at }
    }

    /// True for a parameter with nothing in it, quoted (`""`) or not (`,,`).
    pub fn is_empty(&self) -> bool {
        self.raw.is_empty()
    }

    /// A decimal number (quotes tolerated), checked against `u32` overflow.
    pub fn u32(&self) -> Result<u32, ParseError> {
        if self.form == Form::Group {
            return Err(self.err(ErrorKind::Number));
        }
        if self.raw.is_empty() {
            return Err(self.err(ErrorKind::Missing));
        }
        let mut value: u32 = 0;
        for (i, &b) in self.raw.iter().enumerate() {
            let at = self.at.saturating_add(i);
            if !b.is_ascii_digit() {
                return Err(ParseError {
                    kind: ErrorKind::Number,
                    at,
                });
            }
            value = value
                .checked_mul(10)
                .and_then(|v| v.checked_add(u32::from(b.wrapping_sub(b'0'))))
                .ok_or(ParseError {
                    kind: ErrorKind::Overflow,
                    at: self.at,
                })?;
        }
        Ok(value)
    }

    /// A decimal number that must fit a `u16`.
    pub fn u16(&self) -> Result<u16, ParseError> {
        u16::try_from(self.u32()?).map_err(|_| self.err(ErrorKind::Overflow))
    }

    /// A decimal number that must fit a `u8`.
    pub fn u8(&self) -> Result<u8, ParseError> {
        u8::try_from(self.u32()?).map_err(|_| self.err(ErrorKind::Overflow))
    }

    /// `None` when empty, else the number.
    pub fn opt_u8(&self) -> Result<Option<u8>, ParseError> {
        if self.is_empty() {
            Ok(None)
        } else {
            self.u8().map(Some)
        }
    }

    /// `None` when empty, else the number.
    pub fn opt_u16(&self) -> Result<Option<u16>, ParseError> {
        if self.is_empty() {
            Ok(None)
        } else {
            self.u16().map(Some)
        }
    }

    /// Hexadecimal, quoted (`"4CA"`) or not (Huawei: `4CA`), 1 to 8 digits.
    pub fn hex_u32(&self) -> Result<u32, ParseError> {
        if self.form == Form::Group {
            return Err(self.err(ErrorKind::Hex));
        }
        if self.raw.is_empty() {
            return Err(self.err(ErrorKind::Missing));
        }
        if self.raw.len() > 8 {
            return Err(self.err(ErrorKind::Overflow));
        }
        let mut value: u32 = 0;
        for (i, &b) in self.raw.iter().enumerate() {
            let digit = crate::at::hex::nibble(b).ok_or(ParseError {
                kind: ErrorKind::Hex,
                at: self.at.saturating_add(i),
            })?;
            // At most 8 digits: the shift cannot lose bits.
            value = (value << 4) | u32::from(digit);
        }
        Ok(value)
    }

    /// `None` when empty, else the hex number.
    pub fn opt_hex_u32(&self) -> Result<Option<u32>, ParseError> {
        if self.is_empty() {
            Ok(None)
        } else {
            self.hex_u32().map(Some)
        }
    }

    /// The text of a string parameter; bare words are accepted as well (modems differ).
    pub fn text(&self) -> Result<&'a [u8], ParseError> {
        match self.form {
            Form::Group => Err(self.err(ErrorKind::Value)),
            Form::Bare | Form::Quoted => Ok(self.raw),
        }
    }

    /// `None` when empty, else the text.
    pub fn opt_text(&self) -> Result<Option<&'a [u8]>, ParseError> {
        if self.is_empty() {
            Ok(None)
        } else {
            self.text().map(Some)
        }
    }
}

/// The parameters of one line, in a fixed array.
#[derive(Clone, Copy, Debug)]
pub struct Params<'a> {
    items: [Param<'a>; MAX_PARAMS],
    len: usize,
}

fn is_space(b: u8) -> bool {
    b == b' ' || b == b'\t'
}

impl<'a> Params<'a> {
    /// Splits `line` from offset `start` (just after the `+NAME:`) up to its end. An empty rest
    /// (or only spaces) has no parameters; `a,` has two, the second empty.
    pub fn split(line: &'a [u8], start: usize) -> Result<Self, ParseError> {
        let mut out = Params {
            items: [EMPTY; MAX_PARAMS],
            len: 0,
        };
        let mut pos = start;
        let blank = line
            .get(start..)
            .is_none_or(|rest| rest.iter().all(|&b| is_space(b)));
        if blank {
            return Ok(out);
        }
        loop {
            while line.get(pos).is_some_and(|&b| is_space(b)) {
                pos = pos.saturating_add(1);
            }
            let (param, next) = Self::one(line, pos)?;
            let slot = out.items.get_mut(out.len).ok_or(ParseError {
                kind: ErrorKind::TooMany,
                at: pos,
            })?;
            *slot = param;
            out.len = out.len.saturating_add(1);
            // `next` is at a comma or at the end of the line.
            match line.get(next) {
                Some(b',') => pos = next.saturating_add(1),
                _ => return Ok(out),
            }
        }
    }

    /// Reads one parameter starting at `pos` (spaces already skipped). Returns it and the
    /// offset of the comma that ends it, or the line length.
    fn one(line: &'a [u8], pos: usize) -> Result<(Param<'a>, usize), ParseError> {
        let rest = line.get(pos..).unwrap_or_default();
        let (close, form) = match rest.first() {
            Some(b'"') => (Some(b'"'), Form::Quoted),
            Some(b'(') => (Some(b')'), Form::Group),
            _ => (None, Form::Bare),
        };
        if let Some(close) = close {
            let body_at = pos.saturating_add(1);
            let body = rest.get(1..).unwrap_or_default();
            let end = find_close(body, close).ok_or(ParseError {
                kind: ErrorKind::Quote,
                at: pos,
            })?;
            let raw = body.get(..end).unwrap_or_default();
            // After the closing quote: spaces, then a comma or the end of the line.
            let mut next = body_at.saturating_add(end).saturating_add(1);
            while line.get(next).is_some_and(|&b| is_space(b)) {
                next = next.saturating_add(1);
            }
            return match line.get(next) {
                None | Some(b',') => Ok((
                    Param {
                        raw,
                        form,
                        at: body_at,
                    },
                    next,
                )),
                Some(_) => Err(ParseError {
                    kind: ErrorKind::Quote,
                    at: next,
                }),
            };
        }
        let len = rest.iter().position(|&b| b == b',').unwrap_or(rest.len());
        let mut raw = rest.get(..len).unwrap_or_default();
        while let Some((&last, init)) = raw.split_last() {
            if !is_space(last) {
                break;
            }
            raw = init;
        }
        if let Some(q) = raw
            .iter()
            .position(|&b| b == b'"' || b == b'(' || b == b')')
        {
            return Err(ParseError {
                kind: ErrorKind::Quote,
                at: pos.saturating_add(q),
            });
        }
        Ok((
            Param {
                raw,
                form: Form::Bare,
                at: pos,
            },
            pos.saturating_add(len),
        ))
    }

    /// How many parameters the line has.
    pub fn len(&self) -> usize {
        self.len
    }

    /// True when the line has no parameters at all.
    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    /// The parameters as a slice.
    pub fn as_slice(&self) -> &[Param<'a>] {
        self.items.get(..self.len).unwrap_or_default()
    }

    /// Parameter `i`, or a `Missing` error pointing at the end of the last one.
    pub fn req(&self, i: usize) -> Result<Param<'a>, ParseError> {
        self.as_slice().get(i).copied().ok_or(ParseError {
            kind: ErrorKind::Missing,
            at: self.end(),
        })
    }

    /// Parameter `i` if the line has it.
    pub fn get(&self, i: usize) -> Option<Param<'a>> {
        self.as_slice().get(i).copied()
    }

    /// Fails with `TooMany` when the line has more than `n` parameters.
    pub fn at_most(&self, n: usize) -> Result<(), ParseError> {
        match self.as_slice().get(n) {
            Some(extra) => Err(ParseError {
                kind: ErrorKind::TooMany,
                at: extra.at,
            }),
            None => Ok(()),
        }
    }

    /// Offset just after the last parameter, for errors about what is missing.
    fn end(&self) -> usize {
        self.as_slice()
            .last()
            .map_or(0, |p| p.at.saturating_add(p.raw.len()))
    }
}

/// Position of the closing byte in `body`; inside a group, quoted parts may hold `)`.
fn find_close(body: &[u8], close: u8) -> Option<usize> {
    let mut in_quote = false;
    for (i, &b) in body.iter().enumerate() {
        if close == b'"' {
            if b == b'"' {
                return Some(i);
            }
        } else if b == b'"' {
            in_quote = !in_quote;
        } else if b == close && !in_quote {
            return Some(i);
        }
    }
    None
}
