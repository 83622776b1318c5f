//! The report model: cleaned paragraphs that remember their original lines,
//! metadata, the section outline ([`outline`], the one place that decides
//! what a heading is), a report's identity across runs ([`ReportKey`]) and
//! lending reports one at a time ([`Reports`]).
//!
//! Layer: above `text` and `numbers` only; everything else builds on it.

pub mod key;
pub mod outline;
mod reports;

pub use key::{find_report, ReportKey};
pub use reports::Reports;

use serde::Serialize;
use std::ops::Range;

/// How a file's bytes were turned into text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, serde::Deserialize)]
pub enum Encoding {
    Utf8,
    Utf8Bom,
    Utf16Le,
    Utf16Be,
    Gb18030,
    Big5,
}

impl Encoding {
    pub fn name(self) -> &'static str {
        match self {
            Encoding::Utf8 => "UTF-8",
            Encoding::Utf8Bom => "UTF-8-BOM",
            Encoding::Utf16Le => "UTF-16LE",
            Encoding::Utf16Be => "UTF-16BE",
            Encoding::Gb18030 => "GB18030",
            Encoding::Big5 => "Big5",
        }
    }
}

/// A run of paragraph text that came from one line of the original file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct LineSpan {
    /// Byte offset in `Paragraph::text` where this line's text starts.
    pub offset: usize,
    /// 1-based line number in the original file.
    pub line: u32,
}

/// One paragraph of cleaned report text.
///
/// Most paragraphs are one original line; lines broken in the middle of a
/// sentence (web dumps break around linked words) are joined, and `spans`
/// keeps where each original line starts so every byte maps back to its line.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Paragraph {
    pub text: String,
    /// Never empty; `spans[0].offset == 0`; offsets strictly increase and lie
    /// on char boundaries.
    pub spans: Vec<LineSpan>,
}

impl Paragraph {
    pub fn single(line: u32, text: impl Into<String>) -> Self {
        Paragraph {
            text: text.into(),
            spans: vec![LineSpan { offset: 0, line }],
        }
    }

    /// The original line the paragraph starts on.
    pub fn line(&self) -> u32 {
        self.spans[0].line
    }

    /// The original line the paragraph ends on.
    pub fn last_line(&self) -> u32 {
        self.spans.last().map(|s| s.line).unwrap_or(0)
    }

    /// The original line of the byte at `offset` in `text`.
    pub fn line_at(&self, offset: usize) -> u32 {
        let idx = self.spans.partition_point(|s| s.offset <= offset);
        self.spans[idx.saturating_sub(1)].line
    }
}

/// Administrative level of the government that delivered a report.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, serde::Deserialize,
)]
#[serde(rename_all = "lowercase")]
pub enum Level {
    National,
    Provincial,
    City,
    District,
    County,
}

impl Level {
    pub fn name(self) -> &'static str {
        match self {
            Level::National => "national",
            Level::Provincial => "provincial",
            Level::City => "city",
            Level::District => "district",
            Level::County => "county",
        }
    }

    pub fn from_name(name: &str) -> Option<Level> {
        Some(match name {
            "national" => Level::National,
            "provincial" | "province" => Level::Provincial,
            "city" => Level::City,
            "district" => Level::District,
            "county" => Level::County,
            _ => return None,
        })
    }
}

/// A calendar date as a report states it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, serde::Deserialize)]
pub struct Date {
    pub year: u16,
    pub month: u8,
    pub day: u8,
}

impl std::fmt::Display for Date {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

/// What a report says about itself. Unknown stays `None`: never invented.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, serde::Deserialize)]
pub struct Metadata {
    pub title: Option<String>,
    pub level: Option<Level>,
    /// For national reports: `全国`.
    pub province: Option<String>,
    pub city: Option<String>,
    /// District or county.
    pub county: Option<String>,
    /// The year the report was delivered.
    pub year: Option<u16>,
    /// The date of delivery, when the text states it.
    pub date: Option<Date>,
    /// The year under review (usually `year - 1`).
    pub review_year: Option<u16>,
    /// 6-digit administrative code of the most specific known place.
    pub adcode: Option<String>,
}

/// How a section was recognised.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum SectionKind {
    /// A numbered heading: `一、`, `（一）`, `1.`, `（1）`, `①`, `一是`, `第一，`.
    Heading,
    /// A `——…。` bullet.
    Bullet,
    /// The lead sentence that opens a paragraph (`生态环境更加优美。`).
    Lead,
    /// An appendix: `民生实事:`, `名词解释`, `注释`.
    Appendix,
}

/// One node of a report's outline.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Section {
    /// The numbering as written (`一、`, `（一）`, `1.`, `五是`); empty for lead
    /// sentences and unnumbered appendices.
    pub label: String,
    /// The heading text without its label and without trailing body text.
    pub title: String,
    /// 1 = top level.
    pub depth: u8,
    pub kind: SectionKind,
    pub parent: Option<usize>,
    /// Index of the paragraph holding the heading.
    pub paragraph: usize,
    /// Byte range of label + title inside that paragraph; body text may follow.
    pub heading: Range<usize>,
    /// Paragraphs covered, from the heading up to the next section of the
    /// same or a higher level (children included).
    pub paragraphs: Range<usize>,
    /// First and last original line covered.
    pub first_line: u32,
    pub last_line: u32,
}

/// A footnote marker in the text (`[6]`, `[实事1]`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Marker {
    pub paragraph: usize,
    /// Byte range of the marker including brackets.
    pub range: Range<usize>,
    /// The label inside the brackets (`6`, `实事1`).
    pub label: String,
    /// The paragraph holding the note or list item it refers to, if the
    /// report has one.
    pub target: Option<usize>,
}

/// What a report is called: its title, or its file when it states none.
pub fn title_or_file<'a>(meta: &'a Metadata, file: &'a str) -> &'a str {
    meta.title
        .as_deref()
        .filter(|t| !t.trim().is_empty())
        .unwrap_or(file)
}

/// A report: cleaned text, metadata and outline.
#[derive(Debug, Clone, Serialize)]
pub struct Report {
    /// Path relative to the folder argument it was found under (a file
    /// argument: its file name); for the built-in corpus, its path in it.
    pub file: String,
    /// Where it was read from; `None` for the built-in corpus.
    #[serde(skip)]
    pub path: Option<std::path::PathBuf>,
    pub encoding: Encoding,
    pub meta: Metadata,
    pub paragraphs: Vec<Paragraph>,
    pub sections: Vec<Section>,
    pub markers: Vec<Marker>,
    /// Number of lines in the original file.
    pub line_count: u32,
}

impl Report {
    /// Characters of cleaned text.
    pub fn char_count(&self) -> usize {
        self.paragraphs.iter().map(|p| p.text.chars().count()).sum()
    }

    /// The deepest section covering the start of paragraph `idx`.
    pub fn section_at(&self, idx: usize) -> Option<usize> {
        self.section_at_offset(idx, 0)
    }

    /// The deepest section whose text holds byte `offset` of paragraph
    /// `idx` (the later one of equal depth).
    pub fn section_at_offset(&self, idx: usize, offset: usize) -> Option<usize> {
        let here = (idx, offset);
        self.sections
            .iter()
            .enumerate()
            .filter(|(i, s)| s.paragraphs.contains(&idx) && self.section_start(*i) <= here)
            .filter(|(i, _)| here < self.section_end(*i))
            .max_by_key(|(_, s)| s.depth)
            .map(|(i, _)| i)
    }

    /// [`Report::section_at`] of every paragraph, in one pass over the
    /// sections: asking per paragraph costs paragraphs × sections, minutes
    /// for a file of a hundred thousand headings.
    pub fn paragraph_sections(&self) -> Vec<Option<usize>> {
        let mut deepest: Vec<Option<usize>> = vec![None; self.paragraphs.len()];
        for (i, (start, end)) in self.section_spans().into_iter().enumerate() {
            let s = &self.sections[i];
            // Paragraph starts (p, 0) with start <= (p, 0) < end.
            let first = start.0 + usize::from(start.1 > 0);
            let past = end.0 + usize::from(end.1 > 0);
            let from = first.max(s.paragraphs.start);
            let to = past.min(s.paragraphs.end).min(self.paragraphs.len());
            for slot in deepest.iter_mut().take(to).skip(from) {
                // Later sections of equal depth win, as in `section_at`.
                if slot.is_none_or(|d| self.sections[d].depth <= s.depth) {
                    *slot = Some(i);
                }
            }
        }
        deepest
    }

    /// Where section `i`'s text starts: (paragraph, byte offset), the
    /// offset 0 for a heading that opens its paragraph.
    pub fn section_start(&self, i: usize) -> (usize, usize) {
        let Some(s) = self.sections.get(i) else {
            return (self.paragraphs.len(), 0);
        };
        let text = self
            .paragraphs
            .get(s.paragraph)
            .map_or("", |p| p.text.as_str());
        let lead_in = text.get(..s.heading.start).unwrap_or("");
        (
            s.paragraph,
            if lead_in.trim().is_empty() {
                0
            } else {
                s.heading.start
            },
        )
    }

    /// Where section `i`'s text ends (exclusive): (paragraph, byte offset),
    /// inside its last paragraph where the next section that is not its
    /// descendant starts there, else at the start of the paragraph after.
    pub fn section_end(&self, i: usize) -> (usize, usize) {
        let Some(s) = self.sections.get(i) else {
            return (self.paragraphs.len(), 0);
        };
        let end = (s.paragraphs.end, 0);
        let Some(last) = s.paragraphs.end.checked_sub(1) else {
            return end;
        };
        let descends = |mut j: usize| loop {
            match self.sections[j].parent.filter(|&p| p < j) {
                Some(p) if p == i => return true,
                Some(p) => j = p,
                None => return false,
            }
        };
        let next = (i + 1..self.sections.len())
            .find(|&j| !descends(j))
            .map(|j| self.section_start(j));
        match next {
            Some((p, offset)) if p == last && offset > 0 && (p, offset) > self.section_start(i) => {
                (p, offset)
            }
            _ => end,
        }
    }

    /// [`Report::section_start`] and [`Report::section_end`] of every
    /// section, in one pass.
    pub fn section_spans(&self) -> Vec<((usize, usize), (usize, usize))> {
        let starts: Vec<(usize, usize)> = (0..self.sections.len())
            .map(|i| self.section_start(i))
            .collect();
        let mut ends: Vec<(usize, usize)> = self
            .sections
            .iter()
            .map(|s| (s.paragraphs.end, 0))
            .collect();
        // Open sections, innermost last: the next section that is not a
        // descendant of the top one ends it, inside its last paragraph.
        let mut open: Vec<usize> = Vec::new();
        for (j, s) in self.sections.iter().enumerate() {
            while let Some(&top) = open.last() {
                let mut parent = s.parent.filter(|&p| p < j);
                let mut descends = false;
                while let Some(p) = parent {
                    if p == top {
                        descends = true;
                        break;
                    }
                    parent = self.sections[p].parent.filter(|&q| q < p);
                }
                if descends {
                    break;
                }
                let last = self.sections[top].paragraphs.end.checked_sub(1);
                if starts[j].1 > 0 && Some(starts[j].0) == last && starts[j] > starts[top] {
                    ends[top] = starts[j];
                }
                open.pop();
            }
            open.push(j);
        }
        starts.into_iter().zip(ends).collect()
    }

    /// Paragraph ranges of the section's own text (up to its first child).
    pub fn own_paragraphs(&self, section: usize) -> Range<usize> {
        let s = &self.sections[section];
        let end = self
            .sections
            .iter()
            .skip(section + 1)
            .find(|c| c.parent == Some(section))
            .map(|c| c.paragraph)
            .unwrap_or(s.paragraphs.end);
        s.paragraphs.start..end.max(s.paragraphs.start)
    }
}
