//! Queries answered by reading loaded reports, without an index: the
//! as-you-type filter while the index is still being built, and search
//! inside the one report being read.
//!
//! The answers are the index's: the same passages are the documents (so
//! `a b` means both in one passage), strings match per paragraph with the
//! same folding ([`super::normalize`]), place filters match a name or its
//! beginning, titles are the passage's section title.

use super::normalize::{self, Folded};
use super::passage::{self, Passage};
use super::query::{Expr, Filter, PlaceField};
use super::tokenizer;
use crate::report::Reports;
use crate::report::{Level, Report};
use crate::topics::{ReportTopics, Taxonomy, TopicId};
use rayon::prelude::*;
use std::cell::OnceCell;

/// Characters search skips (see [`normalize::fold`]): text holding none
/// of them can be tested for a plain CJK string with `str::contains`.
const SKIPPED: [char; 6] = [
    '\u{AD}', '\u{200B}', '\u{200C}', '\u{200D}', '\u{2060}', '\u{FEFF}',
];

/// A string to find, folded once per query.
#[derive(Debug, Clone)]
struct Needle {
    units: Vec<Option<char>>,
    /// The string itself when every character folds only from itself (CJK
    /// text): a plain substring test then decides, unless the text holds
    /// skipped characters.
    plain: Option<String>,
}

impl Needle {
    fn new(s: &str) -> Needle {
        let units = normalize::folded(s);
        let plain = units
            .iter()
            .all(|u| matches!(u, Some(c) if ('\u{3001}'..='\u{9FFF}').contains(c)))
            .then(|| units.iter().flatten().collect::<String>());
        Needle { units, plain }
    }

    fn is_in(&self, text: &str) -> bool {
        if self.units.is_empty() {
            return false;
        }
        if let Some(plain) = &self.plain {
            if text.contains(plain.as_str()) {
                return true;
            }
            if !text.contains(SKIPPED) {
                return false;
            }
        }
        let units: Vec<Option<char>> = normalize::units(text).map(|u| u.ch).collect();
        units.windows(self.units.len()).any(|w| w == self.units)
    }
}

/// A query compiled for scanning.
#[derive(Debug, Clone)]
enum Cond {
    All(Vec<Cond>),
    Any(Vec<Cond>),
    Not(Box<Cond>),
    Text(Needle),
    Title(Needle),
    Year(Option<u16>, Option<u16>),
    Level(Level),
    Place(PlaceField, String),
    /// `None`: a topic the taxonomy lacks, or no taxonomy.
    Topic(Option<TopicId>),
}

/// A query ready to be tested against loaded reports.
#[derive(Debug, Clone)]
pub struct Scan {
    cond: Cond,
    uses_topics: bool,
    taxonomy: Option<std::sync::Arc<Taxonomy>>,
}

impl Scan {
    /// `taxonomy` answers `topic:`; without one, topic conditions match
    /// nothing (see [`Scan::needs_taxonomy`]).
    pub fn new(expr: &Expr, taxonomy: Option<std::sync::Arc<Taxonomy>>) -> Scan {
        let mut uses_topics = false;
        let cond = compile(expr, taxonomy.as_deref(), &mut uses_topics);
        Scan {
            cond,
            uses_topics,
            taxonomy,
        }
    }

    /// The query has a `topic:` condition and no taxonomy was given.
    pub fn needs_taxonomy(&self) -> bool {
        self.uses_topics && self.taxonomy.is_none()
    }

    /// The passages of `report` the query matches, in text order.
    pub fn passages(&self, report: &Report) -> Vec<Passage> {
        let topics: OnceCell<Option<ReportTopics>> = OnceCell::new();
        passage::passages(report)
            .into_iter()
            .filter(|p| {
                let at = At {
                    report,
                    passage: p,
                    taxonomy: self.taxonomy.as_deref(),
                    topics: &topics,
                };
                at.test(&self.cond)
            })
            .collect()
    }

    /// Every report with a matching passage and how many, as (position in
    /// `reports`, passages), in `reports` order.
    pub fn matching_reports<R: Reports + ?Sized>(&self, reports: &R) -> Vec<(usize, u32)> {
        self.matching_reports_among(reports, |_| true)
    }

    /// [`Scan::matching_reports`] among the reports `i` for which
    /// `wanted(i)`.
    pub fn matching_reports_among<R: Reports + ?Sized>(
        &self,
        reports: &R,
        wanted: impl Fn(usize) -> bool + Sync,
    ) -> Vec<(usize, u32)> {
        (0..reports.count())
            .into_par_iter()
            .filter(|&i| wanted(i))
            .filter_map(|i| {
                let n = reports.with(i, |r| self.passages(r).len() as u32)?;
                (n > 0).then_some((i, n))
            })
            .collect()
    }
}

fn compile(expr: &Expr, taxonomy: Option<&Taxonomy>, uses_topics: &mut bool) -> Cond {
    let mut sub = |items: &[Expr]| -> Vec<Cond> {
        items
            .iter()
            .map(|e| compile(e, taxonomy, uses_topics))
            .collect()
    };
    match expr {
        Expr::And(items) => Cond::All(sub(items)),
        Expr::Or(items) => Cond::Any(sub(items)),
        Expr::Not(inner) => Cond::Not(Box::new(compile(inner, taxonomy, uses_topics))),
        Expr::Text(s) => Cond::Text(Needle::new(s)),
        Expr::Filter(f) => match f {
            Filter::Year { from, to } => Cond::Year(*from, *to),
            Filter::Level(l) => Cond::Level(*l),
            Filter::Place(which, name) => Cond::Place(*which, tokenizer::place_key(name)),
            Filter::Topic(name) => {
                *uses_topics = true;
                Cond::Topic(taxonomy.and_then(|t| t.find_topic(name)))
            }
            Filter::Title(s) => Cond::Title(Needle::new(s)),
        },
    }
}

/// One passage being tested.
struct At<'a> {
    report: &'a Report,
    passage: &'a Passage,
    taxonomy: Option<&'a Taxonomy>,
    /// The report's topics, classified on first need.
    topics: &'a OnceCell<Option<ReportTopics>>,
}

impl At<'_> {
    fn test(&self, cond: &Cond) -> bool {
        let meta = &self.report.meta;
        match cond {
            Cond::All(items) => items.iter().all(|c| self.test(c)),
            Cond::Any(items) => items.iter().any(|c| self.test(c)),
            Cond::Not(inner) => !self.test(inner),
            Cond::Text(needle) => self
                .report
                .paragraphs
                .get(self.passage.paragraphs.clone())
                .unwrap_or(&[])
                .iter()
                .any(|p| needle.is_in(&p.text)),
            Cond::Title(needle) => self.title().is_some_and(|t| needle.is_in(t)),
            // The index has no condition for an open range both ways.
            Cond::Year(None, None) => false,
            Cond::Year(from, to) => meta
                .year
                .is_some_and(|y| from.is_none_or(|f| y >= f) && to.is_none_or(|t| y <= t)),
            Cond::Level(level) => meta.level == Some(*level),
            Cond::Place(which, key) => {
                let names = match which {
                    PlaceField::Province => [meta.province.as_deref(), None, None],
                    PlaceField::City => [meta.city.as_deref(), None, None],
                    PlaceField::County => [meta.county.as_deref(), None, None],
                    PlaceField::Any => [
                        meta.province.as_deref(),
                        meta.city.as_deref(),
                        meta.county.as_deref(),
                    ],
                };
                !key.is_empty()
                    && names
                        .into_iter()
                        .flatten()
                        .any(|n| tokenizer::place_key(n).starts_with(key.as_str()))
            }
            Cond::Topic(None) => false,
            Cond::Topic(Some(id)) => {
                let Some(taxonomy) = self.taxonomy else {
                    return false;
                };
                // As the index has it: the topics the places in the passage
                // carry, in a report with an outline.
                let topics = self.topics.get_or_init(|| {
                    (!self.report.sections.is_empty()).then(|| taxonomy.classify(self.report))
                });
                topics
                    .as_ref()
                    .is_some_and(|t| t.topics_in(self.passage.paragraphs.clone()).contains(id))
            }
        }
    }

    /// The title the index gives the passage: its section's, or the
    /// report's for the text before the first section.
    fn title(&self) -> Option<&str> {
        match self.passage.section {
            Some(s) => self.report.sections.get(s).map(|s| s.title.as_str()),
            None => self.report.meta.title.as_deref(),
        }
    }
}

/// Whether a character is one search ignores (for tests of the fast path).
pub fn is_skipped(c: char) -> bool {
    normalize::fold(c) == Folded::Skip
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::{Encoding, Metadata, Paragraph, Section, SectionKind};
    use crate::search::query::Query;

    fn report() -> Report {
        let texts = [
            "2024年某市政府工作报告",
            "一、生态环境",
            "推进污水处理设施建设，新建口袋公园１２个。",
            "二、民生保障",
            "加快ＧＤＰ增长，污\u{200B}水 处理能力提升。",
        ];
        let section = |p: usize, end: usize, title: &str| Section {
            label: String::new(),
            title: title.into(),
            depth: 1,
            kind: SectionKind::Heading,
            parent: None,
            paragraph: p,
            heading: 0..0,
            paragraphs: p..end,
            first_line: p as u32 + 1,
            last_line: end as u32,
        };
        Report {
            file: "t.txt".into(),
            path: None,
            encoding: Encoding::Utf8,
            meta: Metadata {
                title: Some("2024年某市政府工作报告".into()),
                year: Some(2024),
                province: Some("安徽省".into()),
                level: Some(Level::City),
                ..Metadata::default()
            },
            paragraphs: texts
                .iter()
                .enumerate()
                .map(|(i, t)| Paragraph::single(i as u32 + 1, *t))
                .collect(),
            sections: vec![section(1, 3, "生态环境"), section(3, 5, "民生保障")],
            markers: vec![],
            line_count: 5,
        }
    }

    fn sections(q: &str) -> Vec<Option<usize>> {
        let q = Query::parse(q).unwrap();
        Scan::new(&q.expr, None)
            .passages(&report())
            .into_iter()
            .map(|p| p.section)
            .collect()
    }

    #[test]
    fn strings_fold_like_the_index() {
        assert_eq!(sections("污水处理"), vec![Some(0)]);
        assert_eq!(sections("\"污水 处理\""), vec![Some(1)]);
        assert_eq!(sections("污水"), vec![Some(0), Some(1)]);
        assert_eq!(sections("gdp"), vec![Some(1)]);
        assert_eq!(sections("12个"), vec![Some(0)]);
        assert_eq!(sections("公园 -污水"), Vec::<Option<usize>>::new());
        assert_eq!(sections("公园 | gdp"), vec![Some(0), Some(1)]);
        assert_eq!(sections("工作报告"), vec![None]);
    }

    #[test]
    fn fields_select_passages() {
        assert_eq!(sections("污水 year:2024").len(), 2);
        assert!(sections("污水 year:2025..").is_empty());
        assert_eq!(sections("污水 province:安徽").len(), 2);
        assert!(sections("污水 province:徽").is_empty());
        assert_eq!(sections("level:city").len(), 3);
        assert_eq!(sections("title:民生"), vec![Some(1)]);
    }

    #[test]
    fn topics_need_a_taxonomy() {
        let q = Query::parse("topic:生态环境").unwrap();
        assert!(Scan::new(&q.expr, None).needs_taxonomy());
        let scan = Scan::new(&q.expr, Some(Taxonomy::builtin()));
        assert!(!scan.needs_taxonomy());
    }

    #[test]
    fn skipped_characters_are_the_normalizers() {
        for c in SKIPPED {
            assert!(is_skipped(c), "{c:?}");
        }
    }
}
