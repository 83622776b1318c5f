//! Text utilities shared by the model and the TUI: character clean-up,
//! display width, the CJK-aware wrapper.

pub mod chars;
pub mod hash;
pub mod sanitize;
pub mod sentence;
pub mod width;
pub mod wrap;
