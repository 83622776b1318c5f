//! Lines → paragraphs: character clean-up, page furniture removal, joining
//! lines broken mid-sentence. Every paragraph keeps its original line numbers.

use crate::report::Paragraph;

/// One line of the original file, its characters cleaned.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SourceLine {
    /// 1-based line number in the original file.
    pub line: u32,
    pub text: String,
}

/// Split decoded text into lines (LF, CRLF and lone CR all end a line).
/// (Placeholder: no character clean-up yet.)
pub fn split_lines(text: &str) -> Vec<SourceLine> {
    text.split('\n')
        .enumerate()
        .map(|(i, l)| SourceLine {
            line: i as u32 + 1,
            text: l.trim_end_matches('\r').to_string(),
        })
        .collect()
}

/// Remove page furniture and build paragraphs. (Placeholder: every
/// non-blank line is a paragraph.)
pub fn clean(lines: &[SourceLine]) -> Vec<Paragraph> {
    lines
        .iter()
        .filter(|l| !l.text.trim().is_empty())
        .map(|l| Paragraph::single(l.line, l.text.trim()))
        .collect()
}
