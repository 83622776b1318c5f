//! Text utilities shared by the model and the TUI: character classes
//! ([`chars`]), the stable hash ([`hash`]), character clean-up and the
//! display sanitiser ([`sanitize`]), sentences, display width, the CJK-aware
//! wrapper.
//!
//! Layer: the bottom, with `numbers`; imports no other module of gwr.

pub mod chars;
pub mod hash;
pub mod sanitize;
pub mod sentence;
pub mod width;
pub mod wrap;

/// How messages name what sits at a path when it is not a regular file.
pub fn file_kind(t: &std::fs::FileType) -> &'static str {
    use std::os::unix::fs::FileTypeExt;
    if t.is_dir() {
        "a directory"
    } else if t.is_fifo() {
        "a named pipe"
    } else if t.is_socket() {
        "a socket"
    } else if t.is_char_device() || t.is_block_device() {
        "a device"
    } else if t.is_file() {
        "a file"
    } else {
        "not a file"
    }
}
