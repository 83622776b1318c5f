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
