//! Test helpers shared by every parser and session test (and usable by other crates' tests):
//! the split-invariance check that STYLE.md's habit 3 asks of every recorded trace.

#[cfg(not(feature = "std"))]
extern crate std;

use core::fmt::Debug;
use std::vec::Vec;

pub mod trace;

/// Inputs up to this many bytes are split at every index; longer ones at sampled indexes.
pub const EXHAUSTIVE_SPLIT_LIMIT: usize = 4096;

/// How many split indexes are sampled for inputs longer than [`EXHAUSTIVE_SPLIT_LIMIT`].
pub const SAMPLED_SPLITS: usize = 1024;

/// Feeds `input` to `run` in several chunkings and asserts that every chunking yields the same
/// events; returns the events of the whole-input run so the caller can assert on them.
///
/// `run` receives the input as a list of chunks and must build a *fresh* parser (or session),
/// feed it every chunk in order, and return the events it produced (owned: turn borrowed lines
/// into `Vec<u8>`/`String`). The chunkings are:
/// 1. the whole input as one chunk;
/// 2. one chunk per byte;
/// 3. two chunks split at every index `0..=len` — for inputs over [`EXHAUSTIVE_SPLIT_LIMIT`]
///    bytes, at [`SAMPLED_SPLITS`] indexes spread evenly plus the first and last 64;
/// 4. chunks of every length 2..=7 (exercises several splits in one run).
///
/// Panics (a test failure) naming the first chunking whose events differ.
///
/// ```
/// use smsctl::at::framer::{Event, Framer};
/// let lines = smsctl::testing::assert_split_invariant(b"\r\n+CSQ: 9,99\r\n\r\nOK\r\n", |chunks| {
///     let mut f = Framer::new();
///     let mut out = Vec::new();
///     for c in chunks {
///         f.feed(c, &mut |ev| out.push(format!("{ev:?}")));
///     }
///     out
/// });
/// assert_eq!(lines.len(), 2);
/// ```
pub fn assert_split_invariant<E: PartialEq + Debug>(
    input: &[u8],
    mut run: impl FnMut(&[&[u8]]) -> Vec<E>,
) -> Vec<E> {
    let whole = run(&[input]);

    let bytes: Vec<&[u8]> = input.chunks(1).collect();
    let got = run(&bytes);
    assert_eq!(got, whole, "byte-by-byte feed differs from the whole feed");

    for i in split_indexes(input.len()) {
        let (a, b) = input.split_at(i);
        let got = run(&[a, b]);
        assert_eq!(
            got, whole,
            "feed split at index {i} differs from the whole feed"
        );
    }

    for n in 2..=7 {
        let chunks: Vec<&[u8]> = input.chunks(n).collect();
        let got = run(&chunks);
        assert_eq!(
            got, whole,
            "feed in chunks of {n} differs from the whole feed"
        );
    }
    whole
}

/// The split indexes for an input of `len` bytes (see [`assert_split_invariant`]).
fn split_indexes(len: usize) -> Vec<usize> {
    if len <= EXHAUSTIVE_SPLIT_LIMIT {
        return (0..=len).collect();
    }
    let mut v: Vec<usize> = (0..SAMPLED_SPLITS)
        .map(|k| k * len / SAMPLED_SPLITS)
        .collect();
    v.extend(0..64);
    v.extend(len - 64..=len);
    v.sort_unstable();
    v.dedup();
    v
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sampled_indexes_cover_both_ends() {
        let v = split_indexes(10_000);
        assert!(v.contains(&0) && v.contains(&10_000) && v.contains(&5_000));
        assert!(v.len() < 1_200);
        assert_eq!(split_indexes(3), [0, 1, 2, 3]);
    }

    #[test]
    #[should_panic(expected = "differs")]
    fn a_split_sensitive_parser_is_caught() {
        // Counts chunks: differs as soon as the input is split.
        assert_split_invariant(b"abc", |chunks| std::vec![chunks.len()]);
    }
}
