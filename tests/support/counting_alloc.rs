//! A global allocator that counts allocations made by the current thread, so a test can prove
//! that a piece of code allocates nothing while other test threads allocate freely.
//!
//! ```text
//! mod support;
//! #[global_allocator]
//! static ALLOC: support::counting_alloc::Counting = support::counting_alloc::Counting;
//! let (n, out) = support::counting_alloc::count(|| work());
//! assert_eq!(n, 0);
//! ```

use std::alloc::{GlobalAlloc, Layout, System};
use std::cell::Cell;

thread_local! {
    static COUNT: Cell<u64> = const { Cell::new(0) };
}

/// Counts every `alloc`, `alloc_zeroed` and `realloc` of the calling thread.
pub struct Counting;

fn bump() {
    // `try_with`: during thread teardown the thread-local may be gone; not counting then is fine.
    let _ = COUNT.try_with(|c| c.set(c.get().saturating_add(1)));
}

unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        bump();
        unsafe { System.alloc(layout) }
    }
    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        bump();
        unsafe { System.alloc_zeroed(layout) }
    }
    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        bump();
        unsafe { System.realloc(ptr, layout, new_size) }
    }
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        unsafe { System.dealloc(ptr, layout) }
    }
}

/// Allocations made by this thread so far.
pub fn allocations() -> u64 {
    COUNT.with(|c| c.get())
}

/// Runs `f` and returns how many allocations this thread made meanwhile, with `f`'s result.
pub fn count<R>(f: impl FnOnce() -> R) -> (u64, R) {
    let before = allocations();
    let r = f();
    (allocations().saturating_sub(before), r)
}
