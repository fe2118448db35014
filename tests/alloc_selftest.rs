//! The counting allocator itself counts: a test of the tool the allocation tests rely on.

mod support;

use support::counting_alloc::{count, Counting};

#[global_allocator]
static ALLOC: Counting = Counting;

#[test]
fn counts_this_threads_allocations() {
    let (n, v) = count(|| vec![1u8; 64]);
    assert_eq!(v.len(), 64);
    assert!(n >= 1, "a Vec allocation must be counted");
    let (n, s) = count(|| 2u64 + 2);
    assert_eq!(s, 4);
    assert_eq!(n, 0);
}
