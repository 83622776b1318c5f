//! Figures: numbers with what they measure (tests/fixtures/figures/SPEC.md).
//!
//! Layer: above `topics` (which part of a report a section is in: review,
//! targets, tasks), `corpus` (places), `report`, `text` and `numbers`;
//! never imports `search`.
//!
//! [`extract_paragraph`] finds every stated quantity in a paragraph: its raw
//! text, value in the base unit, unit, qualifier, kind and indicator phrase,
//! and the canonical indicator it names (`assets/indicators.toml`).
//! [`extract_report`] adds where each figure sits in the report, and when
//! it applies: an outcome or a target, and its year or span ([`time`]).
//! [`targets`] sets the target a report gives for its year beside the
//! outcome the next report states.
//!
//! The word knowledge (units, magnitudes, qualifiers, change verbs, names
//! that are not figures) lives in `assets/figures.toml`; numbers are read by
//! the one number parser, [`crate::numbers`].

pub mod across;
pub mod canonical;
pub mod compare;
mod context;
pub mod format;
mod quotes;
mod scan;
pub mod tables;
pub mod targets;
pub mod time;

pub use scan::RangeEnd;
pub use time::{Part, Period, Setting, Status};

use crate::report::{Level, Report};
use crate::topics::{SectionType, Taxonomy};
use serde::Serialize;
use std::ops::Range;

/// How a figure's value relates to the truth (SPEC `qualifier`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
pub enum Qualifier {
    /// `=`: as stated.
    #[serde(rename = "=")]
    Exact,
    /// `>=`: 以上, 不低于, 至少; the low end of a range.
    #[serde(rename = ">=")]
    AtLeast,
    /// `>`: 超过, 突破, 逾, 余, 多.
    #[serde(rename = ">")]
    MoreThan,
    /// `<`: 近, 将近, 接近.
    #[serde(rename = "<")]
    LessThan,
    /// `<=`: 以下, 以内, 不超过, 控制在; the high end of a range.
    #[serde(rename = "<=")]
    AtMost,
    /// `~`: 约, 左右.
    #[serde(rename = "~")]
    About,
}

impl Qualifier {
    pub fn symbol(self) -> &'static str {
        match self {
            Qualifier::Exact => "=",
            Qualifier::AtLeast => ">=",
            Qualifier::MoreThan => ">",
            Qualifier::LessThan => "<",
            Qualifier::AtMost => "<=",
            Qualifier::About => "~",
        }
    }

    pub fn from_symbol(s: &str) -> Option<Qualifier> {
        Some(match s {
            "=" => Qualifier::Exact,
            ">=" => Qualifier::AtLeast,
            ">" => Qualifier::MoreThan,
            "<" => Qualifier::LessThan,
            "<=" => Qualifier::AtMost,
            "~" => Qualifier::About,
            _ => return None,
        })
    }
}

/// What a figure states (SPEC `kind`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Kind {
    /// A stock, a count, a share, or a flow of the year (新增/完成 X).
    Level,
    /// A change against an earlier period (增长 5%, 较上年增加 17 天).
    Change,
    /// A change in percentage points.
    Pp,
}

impl Kind {
    pub fn name(self) -> &'static str {
        match self {
            Kind::Level => "level",
            Kind::Change => "change",
            Kind::Pp => "pp",
        }
    }

    pub fn from_name(s: &str) -> Option<Kind> {
        Some(match s {
            "level" => Kind::Level,
            "change" => Kind::Change,
            "pp" => Kind::Pp,
            _ => return None,
        })
    }
}

/// One figure in a paragraph.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Figure {
    /// The quantity exactly as written: number, magnitude, unit; no
    /// qualifier. Always `&paragraph[range]`.
    pub raw: String,
    /// In the base unit, magnitudes applied; negative for a fall.
    pub value: f64,
    /// The base unit (`元`, `%`, `百分点`, `平方米`, `人` …).
    pub unit: &'static str,
    pub qualifier: Qualifier,
    pub kind: Kind,
    /// The phrase that says what is measured, as written.
    pub indicator: String,
    /// An outcome or a target (SPEC *When*).
    pub status: Status,
    /// The year or span of years it is about, when the text tells.
    pub period: Option<Period>,
    /// The canonical indicator name, when the phrase names a known one.
    pub canonical: Option<&'static str>,
    /// Byte range of `raw` in the paragraph text.
    pub range: Range<usize>,
    /// Whether it is one end of a range (`6%—6.5%`).
    #[serde(skip)]
    pub bound: RangeEnd,
}

/// A figure and where it sits in its report.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ReportFigure {
    #[serde(flatten)]
    pub figure: Figure,
    /// Index into `Report::paragraphs`.
    pub paragraph: usize,
    /// 1-based line of the original file where `raw` starts.
    pub line: u32,
    /// Index into `Report::sections` of the deepest section holding it.
    pub section: Option<usize>,
}

/// Every figure in one paragraph of text, in text order, its time read
/// from the paragraph alone (no report around it: years only as written).
pub fn extract_paragraph(text: &str) -> Vec<Figure> {
    extract_paragraph_in(text, &Setting::default())
}

/// Every figure in one paragraph of text, in text order, in a report whose
/// time and part `setting` gives.
pub fn extract_paragraph_in(text: &str, setting: &Setting) -> Vec<Figure> {
    let t = tables::tables();
    let quantities = scan::scan(text, t);
    if quantities.is_empty() {
        return Vec::new();
    }
    let contexts = context::describe(text, &quantities, t);
    let kinds: Vec<Kind> = contexts.iter().map(|c| c.kind).collect();
    let times = time::when(text, &quantities, &kinds, setting);
    quantities
        .into_iter()
        .zip(contexts)
        .zip(times)
        .map(|((q, c), when)| {
            let unit = &t.units[q.unit];
            let mut value = q.value;
            if c.fall && c.kind != Kind::Level {
                value = -value;
            }
            let canonical = canonical::canonical(&c.indicator, unit.base.as_str(), c.kind);
            Figure {
                raw: text[q.start..q.end].to_string(),
                value,
                unit: unit.base.as_str(),
                qualifier: q.qualifier,
                kind: c.kind,
                indicator: c.indicator,
                status: when.status,
                period: when.period,
                canonical,
                range: q.start..q.end,
                bound: q.range,
            }
        })
        .collect()
}

/// Every figure of a report, paragraph by paragraph, its time read from
/// the report's years and parts ([`settings`]).
pub fn extract_report(report: &Report) -> Vec<ReportFigure> {
    let sections = report.paragraph_sections();
    let settings = settings_in(report, &sections);
    // A national report's 经济增长 is the country's: 国内生产总值.
    let national = report.meta.level == Some(Level::National);
    let mut out = Vec::new();
    for (idx, p) in report.paragraphs.iter().enumerate() {
        let setting = settings.get(idx).copied().unwrap_or_default();
        let mut figures = extract_paragraph_in(&p.text, &setting);
        if national {
            for f in &mut figures {
                f.canonical = f.canonical.map(|c| canonical::indicators().for_nation(c));
            }
        }
        if figures.is_empty() {
            continue;
        }
        let section = sections.get(idx).copied().flatten();
        out.extend(figures.into_iter().map(|f| ReportFigure {
            line: p.line_at(f.range.start),
            paragraph: idx,
            section,
            figure: f,
        }));
    }
    out
}

/// The time setting of every paragraph of a report: its years from the
/// metadata, and the part (review or plan) of the section holding it, as
/// the built-in taxonomy places sections (`gwr sections`' `type`). When
/// the metadata knows no year, the year under review is the latest its
/// review names (`《…2022年…任务》`): a page cut from a report still tells
/// a reader which year its outcomes are of.
pub fn settings(report: &Report) -> Vec<Setting> {
    settings_in(report, &report.paragraph_sections())
}

/// [`settings`], given [`Report::paragraph_sections`].
fn settings_in(report: &Report, sections: &[Option<usize>]) -> Vec<Setting> {
    let section_at = |idx: usize| sections.get(idx).copied().flatten();
    let kinds = Taxonomy::builtin().section_types(report);
    let part = |idx: usize| match section_at(idx)
        .and_then(|s| kinds.get(s))
        .copied()
        .unwrap_or(SectionType::Other)
    {
        SectionType::Review => Part::Review,
        SectionType::Targets
        | SectionType::Tasks
        | SectionType::Government
        | SectionType::Appendix => Part::Plan,
        SectionType::Other => Part::Unknown,
    };
    let parts: Vec<Part> = (0..report.paragraphs.len()).map(part).collect();
    let review_year = report.meta.review_year.or_else(|| {
        time::review_year_named(
            report
                .paragraphs
                .iter()
                .zip(&parts)
                .filter(|(_, &p)| p == Part::Review)
                .map(|(p, _)| p.text.as_str()),
        )
    });
    let year = report
        .meta
        .year
        .or(review_year.map(|r| r.saturating_add(1)));
    // A span a paragraph opens with (`今后五年的发展目标：…`) carries to the
    // paragraphs after it in the same top-level section that name no time.
    let root = |idx: usize| {
        let mut s = section_at(idx)?;
        while let Some(parent) = report.sections.get(s)?.parent.filter(|&p| p < s) {
            s = parent;
        }
        Some(s)
    };
    let mut carried = None;
    let mut previous_root = None;
    let mut out = Vec::with_capacity(parts.len());
    for (idx, part) in parts.into_iter().enumerate() {
        let here = root(idx);
        if here != previous_root {
            carried = None;
            previous_root = here;
        }
        let setting = Setting {
            year,
            review_year,
            part,
            carried,
        };
        if let Some(span) = time::opening_span(&report.paragraphs[idx].text, &setting) {
            carried = span;
        }
        out.push(setting);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::{Encoding, LineSpan, Metadata, Paragraph, Section, SectionKind};

    fn report(paragraphs: Vec<Paragraph>, sections: Vec<Section>) -> Report {
        Report {
            file: "r.txt".into(),
            path: None,
            encoding: Encoding::Utf8,
            meta: Metadata::default(),
            paragraphs,
            sections,
            markers: Vec::new(),
            line_count: 10,
        }
    }

    #[test]
    fn figures_map_to_original_lines_and_sections() {
        // One paragraph joined from lines 3 and 4 of the original file.
        let first = "新增城镇就业9568人，";
        let text = format!("{first}投入资金2.45亿元。");
        let joined = Paragraph {
            text,
            spans: vec![
                LineSpan { offset: 0, line: 3 },
                LineSpan {
                    offset: first.len(),
                    line: 4,
                },
            ],
        };
        let heading = Paragraph::single(1, "（一）民生");
        let section = Section {
            label: "（一）".into(),
            title: "民生".into(),
            depth: 1,
            kind: SectionKind::Heading,
            parent: None,
            paragraph: 0,
            heading: 0..heading.text.len(),
            paragraphs: 0..2,
            first_line: 1,
            last_line: 4,
        };
        let r = report(vec![heading, joined], vec![section]);
        let figures = extract_report(&r);
        let got: Vec<(&str, u32, usize, Option<usize>)> = figures
            .iter()
            .map(|f| (f.figure.raw.as_str(), f.line, f.paragraph, f.section))
            .collect();
        assert_eq!(
            got,
            [("9568人", 3, 1, Some(0)), ("2.45亿元", 4, 1, Some(0))]
        );
        for f in &figures {
            assert_eq!(
                &r.paragraphs[f.paragraph].text[f.figure.range.clone()],
                f.figure.raw
            );
        }
    }

    #[test]
    fn figure_fields() {
        let f = extract_paragraph("城镇登记失业率下降0.3个百分点");
        assert_eq!(f.len(), 1);
        assert_eq!(f[0].raw, "0.3个百分点");
        assert_eq!(f[0].value, -0.3);
        assert_eq!(f[0].unit, "百分点");
        assert_eq!(f[0].kind, Kind::Pp);
        assert_eq!(f[0].qualifier, Qualifier::Exact);
        assert_eq!(f[0].indicator, "城镇登记失业率");
        assert_eq!(f[0].canonical, Some("城镇登记失业率"));
        let none = extract_paragraph("全面完成“十四五”规划目标任务，2023年1月24日");
        assert!(none.is_empty(), "{none:?}");
    }
}
