//! What the index treats as a document: a *passage*, which is either the
//! text before a report's first section (its preamble) or a section's own
//! paragraphs (`Report::own_paragraphs`: up to its first subsection).
//!
//! Passages partition a report: every paragraph is in exactly one, which is
//! what makes "every string in the text is found" hold for the whole report.
//! They are cut where sections open a paragraph, in paragraph order, which
//! equals `own_paragraphs` for a well-formed outline without headings
//! inside paragraphs and still partitions the text if an outline is not.

use super::schema::Fields;
use super::tokenizer;
use crate::report::Report;
use crate::text::hash::Fnv;
use crate::topics::Taxonomy;
use std::ops::Range;
use tantivy::TantivyDocument;

/// One searchable unit of a report.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Passage {
    /// The section whose own text this is; `None` for the preamble (or a
    /// report without sections).
    pub section: Option<usize>,
    pub paragraphs: Range<usize>,
}

/// The passages of a report, in order, none empty.
pub fn passages(report: &Report) -> Vec<Passage> {
    let n = report.paragraphs.len();
    // (first paragraph, section) of every section that opens a paragraph;
    // of several opening one paragraph, the last (deepest) owns it. A
    // heading inside a paragraph (a lead sentence after `（一）…。`) is
    // searched with the paragraph it stands in.
    let mut starts: Vec<(usize, usize)> = (0..report.sections.len())
        .filter_map(|i| {
            let (p, offset) = report.section_start(i);
            (offset == 0).then_some((p.min(n), i))
        })
        .collect();
    starts.sort_by_key(|&(p, i)| (p, i));
    let mut cuts: Vec<(usize, Option<usize>)> = vec![(0, None)];
    for (p, i) in starts {
        match cuts.last_mut() {
            Some(last) if last.0 == p => last.1 = Some(i),
            _ => cuts.push((p, Some(i))),
        }
    }
    let mut out = Vec::with_capacity(cuts.len());
    for (k, &(start, section)) in cuts.iter().enumerate() {
        let end = cuts.get(k + 1).map(|c| c.0).unwrap_or(n);
        if start < end {
            out.push(Passage {
                section,
                paragraphs: start..end,
            });
        }
    }
    out
}

/// A hash of what the index knows about a report's structure: when a
/// re-read report does not match it, the index entry is stale (the file or
/// the program changed) and paragraph numbers from the index are wrong.
pub fn fingerprint(report: &Report) -> u64 {
    let mut h = Fnv::new();
    h.u64(report.paragraphs.len() as u64);
    for p in &report.paragraphs {
        h.u64(p.text.len() as u64);
        h.u64(p.line() as u64);
    }
    for p in passages(report) {
        h.u64(p.section.map(|s| s as u64 + 1).unwrap_or(0));
        h.u64(p.paragraphs.start as u64);
    }
    h.finish()
}

/// The tantivy documents of a report; `taxonomy` gives sections their
/// topics.
pub fn documents(
    report: &Report,
    report_id: u64,
    fields: &Fields,
    taxonomy: &Taxonomy,
) -> Vec<TantivyDocument> {
    let meta = &report.meta;
    let classified = if report.sections.is_empty() {
        None
    } else {
        Some(taxonomy.classify(report))
    };
    passages(report)
        .into_iter()
        .map(|passage| {
            let mut doc = TantivyDocument::default();
            doc.add_u64(fields.report, report_id);
            doc.add_u64(
                fields.section,
                passage.section.map(|s| s as u64 + 1).unwrap_or(0),
            );
            doc.add_u64(fields.para_start, passage.paragraphs.start as u64);
            doc.add_u64(fields.para_end, passage.paragraphs.end as u64);
            let line = report
                .paragraphs
                .get(passage.paragraphs.start)
                .map(|p| p.line())
                .unwrap_or(0);
            doc.add_u64(fields.line, line as u64);
            if let Some(year) = meta.year {
                doc.add_u64(fields.year, year as u64);
            }
            if let Some(level) = meta.level {
                doc.add_text(fields.level, level.name());
            }
            for (field, value) in [
                (fields.province, &meta.province),
                (fields.city, &meta.city),
                (fields.county, &meta.county),
            ] {
                if let Some(v) = value {
                    doc.add_text(field, v);
                    doc.add_text(fields.place, v);
                }
            }
            match passage.section {
                Some(s) => {
                    if let Some(sec) = report.sections.get(s) {
                        doc.add_text(fields.title, &sec.title);
                        doc.add_text(fields.title_words, &sec.title);
                    }
                }
                None => {
                    if let Some(t) = &meta.title {
                        doc.add_text(fields.title, t);
                        doc.add_text(fields.title_words, t);
                    }
                }
            }
            // Every topic a place in it carries (a section at its heading,
            // a passage of a section's text).
            let topics = classified
                .as_ref()
                .map(|c| c.topics_in(passage.paragraphs.clone()))
                .unwrap_or_default();
            for id in topics {
                if let Some(topic) = taxonomy.topic(id) {
                    doc.add_text(fields.topic, super::topics::term(topic));
                }
            }
            for p in &report.paragraphs[passage.paragraphs.clone()] {
                doc.add_text(fields.text, &p.text);
            }
            doc
        })
        .collect()
}

/// Make sure the segmenter the title words need is ready before indexing
/// on tantivy's worker threads (each would otherwise block on it).
pub fn prepare() {
    tokenizer::jieba();
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::{Encoding, Metadata, Paragraph, Section, SectionKind};

    fn section(paragraph: usize, end: usize, depth: u8, parent: Option<usize>) -> Section {
        Section {
            label: String::new(),
            title: format!("s{paragraph}"),
            depth,
            kind: SectionKind::Heading,
            parent,
            paragraph,
            heading: 0..0,
            paragraphs: paragraph..end,
            first_line: paragraph as u32 + 1,
            last_line: end as u32,
        }
    }

    pub(crate) fn report(n: usize, sections: Vec<Section>) -> Report {
        Report {
            file: "t.txt".into(),
            path: None,
            encoding: Encoding::Utf8,
            meta: Metadata::default(),
            paragraphs: (0..n)
                .map(|i| Paragraph::single(i as u32 + 1, format!("段落{i}")))
                .collect(),
            sections,
            markers: vec![],
            line_count: n as u32,
        }
    }

    #[test]
    fn no_sections_is_one_passage() {
        let r = report(3, vec![]);
        assert_eq!(
            passages(&r),
            vec![Passage {
                section: None,
                paragraphs: 0..3
            }]
        );
    }

    #[test]
    fn well_formed_outline_matches_own_paragraphs() {
        // 0 preamble; 1 一、 (2 （一）, 4 （二）); 6 二、
        let r = report(
            8,
            vec![
                section(1, 6, 1, None),
                section(2, 4, 2, Some(0)),
                section(4, 6, 2, Some(0)),
                section(6, 8, 1, None),
            ],
        );
        let ps = passages(&r);
        assert_eq!(ps[0].section, None);
        assert_eq!(ps[0].paragraphs, 0..1);
        for p in &ps[1..] {
            let s = p.section.unwrap();
            assert_eq!(p.paragraphs, r.own_paragraphs(s));
        }
        assert_eq!(ps.len(), 5);
    }

    #[test]
    fn malformed_outline_still_partitions() {
        let r = report(
            5,
            vec![
                section(3, 5, 1, None),
                section(1, 9, 2, Some(0)),
                section(3, 3, 3, Some(1)),
                section(99, 99, 1, None),
            ],
        );
        let ps = passages(&r);
        let mut covered = [0; 5];
        for p in &ps {
            for i in p.paragraphs.clone() {
                covered[i] += 1;
            }
        }
        assert!(covered.iter().all(|&c| c == 1), "{ps:?}");
        assert_eq!(ps[2].section, Some(2), "deepest section of paragraph 3");
    }
}
