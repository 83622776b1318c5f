//! The one call into C that gwr makes itself, kept in a crate of its own so
//! that gwr is `#![forbid(unsafe_code)]` throughout (as rustix holds the
//! system calls): mimalloc's options have no safe setter.

/// `mi_option_purge_delay` in the mimalloc.h that libmimalloc-sys builds
/// (v3; its Rust bindings do not name it). Recheck on upgrading it.
const MI_OPTION_PURGE_DELAY: libmimalloc_sys::mi_option_t = 15;

/// Give freed pages back to the system at once rather than after mimalloc's
/// delay: parsing a report frees its lines and decoded text before its
/// outline is built, and a table command's peak is then the report, not
/// the report plus the garbage of the stage before (`gwr list` of a 5 MB
/// file of headings: 60 MB instead of 85 MB). Call it first thing in
/// `main`, before other threads exist.
pub fn purge_freed_pages_at_once() {
    // SAFETY: sets one entry of mimalloc's option table, a plain store;
    // called once, before any other thread exists.
    unsafe { libmimalloc_sys::mi_option_set(MI_OPTION_PURGE_DELAY, 0) }
}
