//! The one place that decides what a heading is: paragraphs → section tree,
//! appendices, footnote markers.
//!
//! Steps: every paragraph is looked at on its own for what it could open
//! (`candidates`: a numbered heading, an appendix, a `——` bullet, a lead
//! sentence); lead sentences are kept only where they structure the text
//! (`leads`); the candidates become a tree by how their numbering nests
//! (`tree`); markers are linked to appendix items (`markers`). The rules'
//! numbers and word lists live in `assets/headings.toml`.
//!
//! What callers can rely on:
//! - at most one section per paragraph, in paragraph order; a parent comes
//!   before its children, is shallower, and its paragraph range holds
//!   theirs;
//! - depths 1 and 2 hold numbered headings (and appendices with their
//!   items) only: lead sentences, bullets and paragraph-long list items are
//!   at depth 3 or deeper, so a depth may skip a level below its parent;
//! - a list that starts past 1 with nothing above it (a page beginning at
//!   `（五）`) sits at depth 2 with no parent;
//! - a label standing alone (`第一，` on its own line) takes its title from
//!   the next paragraph's first sentence; its `heading` range is then the
//!   label only, and so it is for `附件1` followed by a title line.

mod candidates;
mod label;
mod leads;
mod markers;
mod rules;
mod tree;

use super::{Marker, Paragraph, Section, SectionKind};
use candidates::Candidate;
use label::Style;

/// The outline of a report.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Structure {
    pub sections: Vec<Section>,
    pub markers: Vec<Marker>,
}

/// Build the outline of a report's paragraphs.
/// Byte length of the numbering label `text` starts with (`一、`, `（一）`,
/// `1.`, `①`, `一是`), if any. The cleaner uses it to keep numbered lines
/// apart, so both agree on what a label is.
pub fn numbering_label_len(text: &str) -> Option<usize> {
    label::parse_label(text, false)
        .filter(|l| !l.continues_only)
        .map(|l| l.range.end)
}

pub fn outline(paragraphs: &[Paragraph]) -> Structure {
    let rules = &*rules::RULES;
    let mut cands = candidates::detect(paragraphs);
    leads::filter(&mut cands, &rules.limits);
    let has_top_numbers = cands.iter().any(|c| {
        matches!(c, Some(Candidate::Numbered { label, title })
            if label.style == Style::CnComma && title.heading_form)
    });
    let nodes = tree::build(cands, rules, !has_top_numbers);
    let depths = tree::depths(&nodes);
    let ranges = tree::ranges(&nodes, paragraphs.len());
    let markers = markers::markers(paragraphs, &nodes, rules);

    let sections = nodes
        .iter()
        .zip(depths)
        .zip(ranges)
        .map(|((n, depth), range)| {
            let text = &paragraphs[n.para].text;
            let label = text[n.label.clone()].trim_end().to_string();
            let heading_end = if n.title.range.end > n.label.end {
                n.title.range.end
            } else {
                n.label.start + label.len()
            };
            let heading_start = match n.kind {
                SectionKind::Lead => n.title.range.start,
                _ => n.label.start,
            };
            let last = range.end.saturating_sub(1).max(range.start);
            Section {
                label,
                title: n.title.text.clone(),
                depth,
                kind: n.kind,
                parent: n.parent,
                paragraph: n.para,
                heading: heading_start..heading_end,
                first_line: paragraphs[range.start].line(),
                last_line: paragraphs[last].last_line(),
                paragraphs: range,
            }
        })
        .collect();
    Structure { sections, markers }
}
