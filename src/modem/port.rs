//! The narrow byte pipe between the session and a modem.

/// A byte pipe to a modem with `nb` semantics: a call that cannot make progress now returns
/// `Err(nb::Error::WouldBlock)` and the caller tries again later (after the port becomes
/// readable, or at the session's next deadline). `Ok(0)` is never used for "no data".
///
/// Implementations: the serial port on the host (`host`), an in-memory simulated modem (`sim`),
/// and scripted ports in tests. An `Err(nb::Error::Other(_))` means the port is gone (USB
/// unplugged, pty closed): the owner closes it and re-opens it with backoff.
pub trait Port {
    /// Why the port failed.
    type Error: core::fmt::Debug;

    /// Reads the bytes available now into `buf`, returning how many (at least one).
    fn read(&mut self, buf: &mut [u8]) -> nb::Result<usize, Self::Error>;

    /// Writes a prefix of `buf`, returning how many bytes were taken (at least one).
    fn write(&mut self, buf: &[u8]) -> nb::Result<usize, Self::Error>;
}
