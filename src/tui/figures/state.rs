//! The figures table and the cross-report chart: what each shows and how
//! its rows are ordered.

use super::Figures;
use crate::figures::across::{self, AcrossSort, Indicator, Matching, UnitGroup};
use crate::figures::format::{when_label, Change};
use crate::figures::{Qualifier, ReportFigure};
use crate::report::ReportKey;
use crate::report::{Report, SectionKind};
use crate::tui::input::TextInput;
use crate::tui::walk::Walk;
use std::cmp::Ordering;
use std::collections::HashMap;

// ---- the table -------------------------------------------------------------

/// What the table is sorted by.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum SortColumn {
    /// The order of the text.
    #[default]
    Text,
    Indicator,
    /// By unit, then numerically.
    Value,
    Qualifier,
    Change,
    /// By period, then outcomes before targets.
    When,
    Section,
}

impl SortColumn {
    pub fn next(self) -> SortColumn {
        use SortColumn::*;
        match self {
            Text => Indicator,
            Indicator => Value,
            Value => Qualifier,
            Qualifier => Change,
            Change => When,
            When => Section,
            Section => Text,
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            SortColumn::Text => "text order",
            SortColumn::Indicator => "indicator",
            SortColumn::Value => "value",
            SortColumn::Qualifier => "qualifier",
            SortColumn::Change => "change",
            SortColumn::When => "when",
            SortColumn::Section => "section",
        }
    }
}

/// The table of one report's figures.
pub struct FigureTable {
    pub report: usize,
    pub(super) key: ReportKey,
    pub figures: Figures,
    /// The section being read when the table opened (lead sentences give
    /// way to the heading above them).
    pub section: Option<usize>,
    /// Only the figures of `section`.
    pub section_scope: bool,
    pub sort: SortColumn,
    pub descending: bool,
    pub filter: TextInput,
    /// Keys go to the filter.
    pub typing: bool,
    /// Indices into `figures`: in scope, matching the filter, sorted.
    pub rows: Vec<usize>,
    pub selected: usize,
}

/// The indicator column: the canonical name, else the phrase as written.
pub fn indicator_text(rf: &ReportFigure) -> &str {
    rf.figure.canonical.unwrap_or(&rf.figure.indicator)
}

pub(super) fn section_title(report: &Report, rf: &ReportFigure) -> String {
    rf.section
        .and_then(|s| report.sections.get(s))
        .map(|s| format!("{}{}", s.label, s.title))
        .unwrap_or_default()
}

pub(super) fn qualifier_rank(q: Qualifier) -> u8 {
    match q {
        Qualifier::Exact => 0,
        Qualifier::About => 1,
        Qualifier::LessThan => 2,
        Qualifier::AtMost => 3,
        Qualifier::AtLeast => 4,
        Qualifier::MoreThan => 5,
    }
}

/// The section scope narrows to: the deepest section holding `paragraph`,
/// or the heading above it when that is a lead sentence or bullet.
pub fn reading_section(report: &Report, paragraph: usize) -> Option<usize> {
    let mut s = report.section_at(paragraph)?;
    while let Some(sec) = report.sections.get(s) {
        match (sec.kind, sec.parent) {
            (SectionKind::Lead | SectionKind::Bullet, Some(p)) => s = p,
            _ => break,
        }
    }
    Some(s)
}

impl FigureTable {
    /// Recompute the rows after a change of scope, filter or sort, keeping
    /// the selected figure selected when it is still listed.
    pub fn rebuild(&mut self, report: &Report) {
        let keep = self.rows.get(self.selected).copied();
        let scope = self
            .section_scope
            .then(|| self.section.and_then(|s| report.sections.get(s)))
            .flatten()
            .map(|s| s.paragraphs.clone());
        let terms: Vec<String> = self
            .filter
            .text()
            .split_whitespace()
            .map(str::to_lowercase)
            .collect();
        let figures = &self.figures;
        let mut rows: Vec<usize> = (0..figures.len())
            .filter(|&i| {
                let rf = &figures[i];
                if let Some(r) = &scope {
                    if !r.contains(&rf.paragraph) {
                        return false;
                    }
                }
                if terms.is_empty() {
                    return true;
                }
                // `目标`, `实绩`, `2025` match when a figure applies.
                let hay = format!(
                    "{} {} {} {} {}",
                    rf.figure.indicator,
                    rf.figure.canonical.unwrap_or(""),
                    section_title(report, rf),
                    rf.figure.raw,
                    when_label(rf.figure.status, rf.figure.period)
                )
                .to_lowercase();
                terms.iter().all(|t| hay.contains(t.as_str()))
            })
            .collect();
        let sort = self.sort;
        let descending = self.descending;
        let titles: HashMap<usize, String> = if sort == SortColumn::Section {
            rows.iter()
                .map(|&i| (i, section_title(report, &figures[i])))
                .collect()
        } else {
            HashMap::new()
        };
        rows.sort_by(|&a, &b| {
            let (fa, fb) = (&figures[a], &figures[b]);
            let primary =
                match sort {
                    SortColumn::Text => Ordering::Equal,
                    SortColumn::Indicator => indicator_text(fa).cmp(indicator_text(fb)),
                    SortColumn::Value => fa
                        .figure
                        .unit
                        .cmp(fb.figure.unit)
                        .then_with(|| fa.figure.value.total_cmp(&fb.figure.value)),
                    SortColumn::Qualifier => qualifier_rank(fa.figure.qualifier)
                        .cmp(&qualifier_rank(fb.figure.qualifier)),
                    SortColumn::Change => Change::of(fa.figure.kind, fa.figure.value)
                        .cmp(&Change::of(fb.figure.kind, fb.figure.value))
                        .then_with(|| fa.figure.value.total_cmp(&fb.figure.value)),
                    SortColumn::When => (fa.figure.period, fa.figure.status)
                        .cmp(&(fb.figure.period, fb.figure.status)),
                    SortColumn::Section => titles.get(&a).cmp(&titles.get(&b)),
                };
            let primary = if descending && sort != SortColumn::Text {
                primary.reverse()
            } else {
                primary
            };
            let order = a.cmp(&b);
            primary.then(if descending && sort == SortColumn::Text {
                order.reverse()
            } else {
                order
            })
        });
        self.rows = rows;
        self.selected = keep
            .and_then(|k| self.rows.iter().position(|&r| r == k))
            .unwrap_or(0);
    }

    pub(super) fn selected_figure(&self) -> Option<&ReportFigure> {
        self.rows
            .get(self.selected)
            .and_then(|&i| self.figures.get(i))
    }
}

// ---- the chart ---------------------------------------------------------------

/// One indicator across all reports.
pub struct FigureChart {
    pub indicator: Indicator,
    /// The rows of the reports read so far.
    pub groups: Vec<UnitGroup>,
    /// Every report's figures of the indicator, by report index (empty for
    /// a report not read yet).
    pub(super) figures: Vec<Matching>,
    /// The reports still being read, on worker threads; the chart grows
    /// as they come (`settle_figures`).
    pub(super) gathering: Option<Walk<(usize, Matching)>>,
    /// `App::corpus_generation` of those figures.
    pub(super) corpus: u64,
    pub sort: AcrossSort,
    pub descending: bool,
    /// Index into the rows of all groups, in order.
    pub selected: usize,
    /// The user moved the selection: rows arriving leave it alone.
    pub(super) moved: bool,
    /// The figure the chart was opened on, selected once it is read.
    pub(super) origin: (usize, usize),
}

impl FigureChart {
    /// (group, row) of every row, in display order.
    pub fn entries(&self) -> Vec<(usize, usize)> {
        self.groups
            .iter()
            .enumerate()
            .flat_map(|(g, group)| (0..group.rows.len()).map(move |r| (g, r)))
            .collect()
    }

    /// The selected row's report and figure index.
    pub fn selected_row(&self) -> Option<(usize, usize)> {
        let (g, r) = *self.entries().get(self.selected)?;
        let row = self.groups.get(g)?.rows.get(r)?;
        Some((row.report, row.figure))
    }

    pub(super) fn resort(&mut self) {
        let keep = self.selected_row();
        across::sort(&mut self.groups, self.sort, self.descending);
        self.select(keep);
    }

    pub(super) fn select(&mut self, target: Option<(usize, usize)>) {
        let found = self
            .groups
            .iter()
            .flat_map(|g| g.rows.iter())
            .position(|row| Some((row.report, row.figure)) == target);
        self.selected = found.unwrap_or(0);
    }

    /// (reports read, reports to read) while the figures are read.
    pub fn progress(&self) -> Option<(usize, usize)> {
        self.gathering.as_ref().map(|w| (w.walked(), w.total()))
    }

    /// `, 1234/30000 reports read` while the figures are read.
    pub(super) fn progress_text(&self) -> String {
        self.gathering
            .as_ref()
            .map(|w| format!(", {}", w.progress_label()))
            .unwrap_or_default()
    }

    /// Figure `figure` (its position among all of the report's figures)
    /// of report `report`, if it is on the chart.
    pub fn figure(&self, report: usize, figure: usize) -> Option<&ReportFigure> {
        self.figures.get(report)?.get(figure)
    }
}
