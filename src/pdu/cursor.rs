//! A checked reader over PDU octets: every read says which field it is for, so running out of
//! bytes becomes `PduError::Truncated { at, field, .. }` and never a panic.

use super::error::{Field, PduError};

/// Reads octets front to back, tracking the absolute offset for error messages.
#[derive(Debug, Clone)]
pub(crate) struct Cursor<'a> {
    bytes: &'a [u8],
    pos: usize,
}

impl<'a> Cursor<'a> {
    pub(crate) fn new(bytes: &'a [u8]) -> Self {
        Cursor { bytes, pos: 0 }
    }

    /// Offset of the next octet.
    pub(crate) fn pos(&self) -> usize {
        self.pos
    }

    /// Octets not read yet.
    pub(crate) fn remaining(&self) -> usize {
        self.bytes.len().saturating_sub(self.pos)
    }

    /// Reads one octet for `field`.
    pub(crate) fn u8(&mut self, field: Field) -> Result<u8, PduError> {
        let b = self
            .bytes
            .get(self.pos)
            .copied()
            .ok_or_else(|| self.truncated(field, 1))?;
        self.pos = self.pos.saturating_add(1);
        Ok(b)
    }

    /// Reads `n` octets for `field`.
    pub(crate) fn take(&mut self, n: usize, field: Field) -> Result<&'a [u8], PduError> {
        let end = self
            .pos
            .checked_add(n)
            .ok_or_else(|| self.truncated(field, n))?;
        let s = self
            .bytes
            .get(self.pos..end)
            .ok_or_else(|| self.truncated(field, n))?;
        self.pos = end;
        Ok(s)
    }

    /// Reads `N` octets for `field` into an array.
    pub(crate) fn array<const N: usize>(&mut self, field: Field) -> Result<[u8; N], PduError> {
        let s = self.take(N, field)?;
        let mut a = [0u8; N];
        for (d, s) in a.iter_mut().zip(s) {
            *d = *s;
        }
        Ok(a)
    }

    fn truncated(&self, field: Field, need: usize) -> PduError {
        PduError::Truncated {
            at: self.pos,
            field,
            need,
            remain: self.remaining(),
        }
    }
}
