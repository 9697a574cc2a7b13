//! Handing freed memory back to the system while a long run goes on.
//!
//! The parent of a run parses each finished file's record on the thread
//! that reads its worker, and frees it on the thread that writes the
//! outputs, between the Parquet writer's and the database's own
//! allocations. glibc's allocator keeps what is freed that way in the
//! middle of its arenas, where it is not returned to the system by itself:
//! the parent's resident memory crept up with the run's length although
//! its heap did not (heaptrack: heap 54 → 64 MB, resident 92 → 118 MB from
//! 1,000 to 10,000 reports; docs/data-formats.md). Trimming now and then
//! returns those free pages and keeps the run's memory flat.

/// Outputs added between two trims: a trim walks every arena (well under a
/// millisecond here), so once every 64 records costs nothing measurable.
pub const RECORDS_PER_TRIM: usize = 64;

/// Returns the free pages of every malloc arena to the system (glibc's
/// `malloc_trim`; elsewhere nothing: other allocators return memory their
/// own way). In the `yujuesuan` binary, whose Rust allocations go to
/// jemalloc (which returns freed pages after a second, see `main.rs`), this
/// trims what SQLite allocates through glibc; in the Python extension,
/// everything.
pub fn release_free_memory() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    {
        unsafe extern "C" {
            /// glibc: releases free memory at the top of the heap and, since
            /// 2.8, the free pages inside every arena; returns 1 if any was
            /// released.
            fn malloc_trim(pad: usize) -> std::ffi::c_int;
        }
        // SAFETY: `malloc_trim` takes a byte count, touches only memory
        // that is already free, and takes the arenas' locks itself, so it
        // may be called from any thread at any time.
        unsafe {
            malloc_trim(0);
        }
    }
}
