//! Metadata from the text: title, level, place, year, date.

use super::clean::SourceLine;
use crate::report::{Metadata, Paragraph};

/// Read a report's metadata from its text, with the file name as a
/// fallback. (Placeholder: nothing found yet.)
pub fn extract(_lines: &[SourceLine], _paragraphs: &[Paragraph], _file: &str) -> Metadata {
    Metadata::default()
}
