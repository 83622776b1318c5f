//! The one place that decides what a heading is: paragraphs → section tree,
//! appendices, footnote markers.
//!
//! Steps: every paragraph is looked at on its own for what it could open
//! (`candidates`: a numbered heading, an appendix, a `——` bullet, an
//! unnumbered part title, a lead sentence) and for an enumeration running
//! on inside it (`inline`); lead sentences are kept only where they
//! structure the text (`leads`); the candidates become a tree by how their
//! numbering nests (`tree`); a section written as one long paragraph gets
//! the lead sentences inside it (`inline`); markers are linked to appendix
//! items (`markers`). The rules' numbers and word lists live in
//! `assets/headings.toml`.
//!
//! What callers can rely on:
//! - sections in text order: by paragraph, then by `heading.start` (a
//!   paragraph may hold several headings: `（一）…。项目投资量质齐升。…`);
//!   a section's text runs from its heading to the next section that is
//!   not its descendant, so its paragraph range may end with part of a
//!   paragraph (see `Report::section_end`); `first_line` is the line of
//!   the heading itself;
//! - a parent comes before its children, is shallower, starts before them
//!   and its paragraph range holds theirs;
//! - depths 1 and 2 hold numbered headings (and appendices with their
//!   items) only: lead sentences, bullets and paragraph-long list items are
//!   at depth 3 or deeper, so a depth may skip a level below its parent;
//! - a list that starts past 1 with nothing above it (a page beginning at
//!   `（五）`) sits at depth 2 with no parent;
//! - a label standing alone (`第一，` on its own line) takes its title from
//!   the next paragraph's first sentence; its `heading` range is then the
//!   label only, and so it is for `附件1` followed by a title line.

mod candidates;
mod inline;
mod label;
mod leads;
mod markers;
mod rules;
mod tree;

use super::{Marker, Paragraph, Section, SectionKind};
use candidates::{Candidate, Title, Words};
use label::Style;
use tree::Node;

/// The outline of a report.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Structure {
    pub sections: Vec<Section>,
    pub markers: Vec<Marker>,
}

/// Byte length of the numbering label `text` starts with (`一、`, `（一）`,
/// `1.`, `①`, `一是`), if any. The cleaner uses it to keep numbered lines
/// apart, so both agree on what a label is.
pub fn numbering_label_len(text: &str) -> Option<usize> {
    label::parse_label(text, false)
        .filter(|l| !l.continues_only)
        .map(|l| l.range.end)
}

/// Where a node starts, as (paragraph, byte offset); a heading at the start
/// of its paragraph (after spaces) starts the paragraph: offset 0.
fn start_of(paragraphs: &[Paragraph], n: &Node) -> (usize, usize) {
    let at = n.start();
    let text = &paragraphs[n.para].text;
    let lead_in = text.get(..at).unwrap_or("");
    (n.para, if lead_in.trim().is_empty() { 0 } else { at })
}

/// Byte offset just past a heading's sentence: its title and the mark that
/// ends it.
fn after_title(text: &str, title: &Title) -> usize {
    let end = title.range.end.min(text.len());
    match text[end..].chars().next() {
        Some(c) if matches!(c, '。' | '！' | '？' | '：' | '；' | '!' | '?' | ':' | ';') => {
            end + c.len_utf8()
        }
        _ => end,
    }
}

/// Whether `text` has at least `n` characters.
fn has_chars(text: &str, n: usize) -> bool {
    text.len() >= n && text.chars().nth(n.saturating_sub(1)).is_some()
}

/// Add the lead sentences inside paragraphs that hold a whole section (see
/// `inline::leads`) as leaves under that section. First the paragraphs of
/// numbered headings; only in a report written that way, the long
/// paragraphs opened by a lead sentence too.
fn add_inline_leads(paragraphs: &[Paragraph], nodes: Vec<Node>, rules: &rules::Rules) -> Vec<Node> {
    let limits = &rules.limits;
    let starts: Vec<(usize, usize)> = nodes.iter().map(|n| start_of(paragraphs, n)).collect();
    let ends = tree::ends(&nodes, &starts, paragraphs.len());
    let alone = |i: usize| {
        let n = &nodes[i];
        !n.in_appendix
            && ends[i] == (n.para + 1, 0)
            && nodes.get(i + 1).is_none_or(|m| m.para > n.para)
            && n.title.body_follows
            && n.title.range.end > n.label.end
    };
    let numbered = |n: &Node| {
        n.kind == SectionKind::Heading
            && n.style
                .is_some_and(|s| !matches!(s, Style::Unnumbered | Style::Bracket))
    };
    let mut found: Vec<(usize, Vec<std::ops::Range<usize>>)> = Vec::new();
    for (i, n) in nodes.iter().enumerate() {
        if !(numbered(n) && alone(i)) {
            continue;
        }
        let text = &paragraphs[n.para].text;
        if !has_chars(text, limits.inline_paragraph_chars) {
            continue;
        }
        let leads = inline::leads(
            text,
            after_title(text, &n.title),
            true,
            2,
            limits,
            &rules.lead,
        );
        if !leads.is_empty() {
            found.push((i, leads));
        }
    }
    if !found.is_empty() {
        for (i, n) in nodes.iter().enumerate() {
            let text = &paragraphs[n.para].text;
            if n.kind != SectionKind::Lead
                || !alone(i)
                || !has_chars(text, limits.inline_lead_paragraph_chars)
            {
                continue;
            }
            let after = after_title(text, &n.title);
            let min = limits.inline_lead_paragraph_min;
            let leads = inline::leads(text, after, false, min, limits, &rules.lead);
            if !leads.is_empty() {
                found.push((i, leads));
            }
        }
        found.sort_by_key(|(i, _)| *i);
    }
    if found.is_empty() {
        return nodes;
    }
    // Rebuild the list with the leads after their section, renumbering
    // parents.
    let mut next_list = nodes.iter().map(|n| n.list).max().unwrap_or(0);
    let mut new_index = Vec::with_capacity(nodes.len());
    let mut out: Vec<Node> = Vec::with_capacity(nodes.len());
    let mut pending = found.into_iter().peekable();
    for (i, mut n) in nodes.into_iter().enumerate() {
        new_index.push(out.len());
        n.parent = n.parent.map(|p| new_index[p]);
        let para = n.para;
        let parent = out.len();
        out.push(n);
        if pending.peek().is_some_and(|(j, _)| *j == i) {
            let Some((_, leads)) = pending.next() else {
                break;
            };
            for range in leads {
                next_list += 1;
                out.push(Node {
                    para,
                    kind: SectionKind::Lead,
                    style: None,
                    ordinal: 0,
                    list: next_list,
                    label: range.start..range.start,
                    title: Title {
                        range,
                        words: Words::Own,
                        heading_form: true,
                        body_follows: true,
                    },
                    parent: Some(parent),
                    implied: false,
                    appendix: None,
                    in_appendix: false,
                });
            }
        }
    }
    out
}

/// Build the outline of a report's paragraphs.
pub fn outline(paragraphs: &[Paragraph]) -> Structure {
    let rules = &*rules::RULES;
    let mut cands = candidates::detect(paragraphs);
    leads::parallel(paragraphs, &mut cands, &rules.limits);
    leads::filter(&mut cands, &rules.limits);
    let has_top_numbers = cands.iter().any(|c| {
        matches!(c, Some(Candidate::Numbered { label, title })
            if label.style == Style::CnComma && title.heading_form)
    });
    let found = candidates::in_text_order(paragraphs, cands);
    let nodes = tree::build(found, rules, !has_top_numbers);
    let nodes = add_inline_leads(paragraphs, nodes, rules);
    let depths = tree::depths(&nodes);
    let ends = {
        let starts: Vec<(usize, usize)> = nodes.iter().map(|n| start_of(paragraphs, n)).collect();
        tree::ends(&nodes, &starts, paragraphs.len())
    };
    let markers = markers::markers(paragraphs, &nodes, rules);

    let sections = nodes
        .iter()
        .zip(depths)
        .zip(ends)
        .map(|((n, depth), end)| {
            let text = &paragraphs[n.para].text;
            let label = text[n.label.clone()].trim_end().to_string();
            let heading_end = if n.title.range.end > n.label.end {
                n.title.range.end
            } else {
                n.label.start + label.len()
            };
            let heading_start = n.start();
            let last_paragraph = if end.1 > 0 { end.0 + 1 } else { end.0 };
            let range = n.para..last_paragraph.max(n.para + 1);
            let last_line = match end {
                (p, offset) if offset > 0 => paragraphs[p].line_at(offset - 1),
                _ => paragraphs[range.end - 1].last_line(),
            };
            Section {
                label,
                title: n.title.text(paragraphs, n.para).to_string(),
                depth,
                kind: n.kind,
                parent: n.parent,
                paragraph: n.para,
                heading: heading_start..heading_end,
                first_line: paragraphs[n.para].line_at(heading_start),
                last_line,
                paragraphs: range,
            }
        })
        .collect();
    Structure { sections, markers }
}
