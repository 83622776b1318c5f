//! One indicator across reports: every report's values of a canonical
//! indicator (or of one indicator phrase), grouped by status, period, unit
//! and kind, so a year's outcomes never share a list with another year's
//! targets, and values of different units never share one scale.

use super::format::when_label;
use super::{canonical, extract_report, Kind, Period, Qualifier, ReportFigure, Status};
use crate::report::Report;
use crate::report::Reports;
use rayon::prelude::*;

/// Which figures belong to the indicator.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Indicator {
    /// Figures whose canonical indicator is this.
    Canonical(&'static str),
    /// Figures without a canonical indicator whose phrase normalises to
    /// this ([`canonical::normalize`]).
    Phrase(String),
}

impl Indicator {
    /// The indicator a figure names: its canonical one, else its phrase.
    pub fn of(figure: &super::Figure) -> Indicator {
        match figure.canonical {
            Some(name) => Indicator::Canonical(name),
            None => Indicator::Phrase(canonical::normalize(&figure.indicator)),
        }
    }

    pub fn matches(&self, figure: &super::Figure) -> bool {
        match self {
            Indicator::Canonical(name) => figure.canonical == Some(*name),
            Indicator::Phrase(p) => {
                figure.canonical.is_none() && canonical::normalize(&figure.indicator) == *p
            }
        }
    }

    pub fn name(&self) -> &str {
        match self {
            Indicator::Canonical(name) => name,
            Indicator::Phrase(p) => p,
        }
    }
}

/// One value of the indicator in one report.
#[derive(Debug, Clone, PartialEq)]
pub struct AcrossRow {
    /// Index of the report in the list given to [`across`].
    pub report: usize,
    /// Index of the figure among that report's figures.
    pub figure: usize,
    pub year: Option<u16>,
    pub value: f64,
    pub qualifier: Qualifier,
}

/// Values of one status and period, in one unit and of one kind: they
/// can be ranked together and share a bar scale.
#[derive(Debug, Clone, PartialEq)]
pub struct UnitGroup {
    pub status: Status,
    pub period: Option<Period>,
    pub unit: &'static str,
    pub kind: Kind,
    pub rows: Vec<AcrossRow>,
}

impl UnitGroup {
    /// What the group's values are: `2025 实绩 · %, change`.
    pub fn label(&self) -> String {
        let kind = match self.kind {
            Kind::Level => "level",
            Kind::Change => "change",
            Kind::Pp => "change in points",
        };
        let unit = if self.unit == "百分点" {
            "个百分点"
        } else {
            self.unit
        };
        format!("{} · {unit}, {kind}", when_label(self.status, self.period))
    }

    /// The largest magnitude in the group: the full length of a bar.
    pub fn max_magnitude(&self) -> f64 {
        self.rows
            .iter()
            .map(|r| r.value.abs())
            .filter(|v| v.is_finite())
            .fold(0.0, f64::max)
    }
}

/// How the rows of each group are ordered.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum AcrossSort {
    #[default]
    Value,
    Year,
}

impl AcrossSort {
    pub fn next(self) -> AcrossSort {
        match self {
            AcrossSort::Value => AcrossSort::Year,
            AcrossSort::Year => AcrossSort::Value,
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            AcrossSort::Value => "value",
            AcrossSort::Year => "year",
        }
    }
}

/// Every figure of every report, extracted in parallel; `out[i]` are the
/// figures of `reports[i]`.
pub fn extract_corpus<R: Reports + ?Sized>(reports: &R) -> Vec<Vec<ReportFigure>> {
    (0..reports.count())
        .into_par_iter()
        .map(|i| reports.with(i, extract_report).unwrap_or_default())
        .collect()
}

/// The figures of one report that measure an indicator, and where each is
/// in the report's whole list of figures: what a chart across a large
/// corpus keeps instead of every figure of every report.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Matching {
    /// Positions in the report's whole list, increasing.
    positions: Vec<usize>,
    figures: Vec<ReportFigure>,
}

impl Matching {
    /// The figures of `all` (a report's whole list) that measure
    /// `indicator`.
    pub fn of(all: &[ReportFigure], indicator: &Indicator) -> Matching {
        let (positions, figures) = all
            .iter()
            .enumerate()
            .filter(|(_, rf)| indicator.matches(&rf.figure))
            .map(|(i, rf)| (i, rf.clone()))
            .unzip();
        Matching { positions, figures }
    }

    /// The figures of `report` that measure `indicator`, extracted now.
    pub fn extract(report: &Report, indicator: &Indicator) -> Matching {
        Matching::of(&extract_report(report), indicator)
    }

    /// The figure at `position` in the report's whole list, if it measures
    /// the indicator.
    pub fn get(&self, position: usize) -> Option<&ReportFigure> {
        let k = self.positions.binary_search(&position).ok()?;
        self.figures.get(k)
    }
}

/// [`across`] over the figures that measure the indicator, rows naming
/// each figure by its position in its report's whole list.
pub fn across_matching(
    matching: &[Matching],
    years: &[Option<u16>],
    indicator: &Indicator,
) -> Vec<UnitGroup> {
    let lists: Vec<&[ReportFigure]> = matching.iter().map(|m| &m.figures[..]).collect();
    let mut groups = across(&lists, years, indicator);
    for row in groups.iter_mut().flat_map(|g| g.rows.iter_mut()) {
        row.figure = matching[row.report].positions[row.figure];
    }
    groups
}

/// Every value of `indicator` in `figures` (one list per report, with
/// that report's year), grouped by status, period, unit and kind: the
/// largest group first.
/// Rows are sorted by value, largest first; see [`sort`].
pub fn across<F: AsRef<[ReportFigure]>>(
    figures: &[F],
    years: &[Option<u16>],
    indicator: &Indicator,
) -> Vec<UnitGroup> {
    let mut groups: Vec<UnitGroup> = Vec::new();
    for (report, list) in figures.iter().enumerate() {
        for (i, rf) in list.as_ref().iter().enumerate() {
            let f = &rf.figure;
            if !indicator.matches(f) {
                continue;
            }
            let row = AcrossRow {
                report,
                figure: i,
                year: years.get(report).copied().flatten(),
                value: f.value,
                qualifier: f.qualifier,
            };
            match groups.iter_mut().find(|g| {
                (g.status, g.period, g.unit, g.kind) == (f.status, f.period, f.unit, f.kind)
            }) {
                Some(g) => g.rows.push(row),
                None => groups.push(UnitGroup {
                    status: f.status,
                    period: f.period,
                    unit: f.unit,
                    kind: f.kind,
                    rows: vec![row],
                }),
            }
        }
    }
    groups.sort_by(|a, b| {
        b.rows
            .len()
            .cmp(&a.rows.len())
            .then_with(|| b.period.cmp(&a.period))
            .then_with(|| a.status.cmp(&b.status))
            .then_with(|| a.unit.cmp(b.unit))
            .then_with(|| a.kind.name().cmp(b.kind.name()))
    });
    sort(&mut groups, AcrossSort::Value, true);
    groups
}

/// Order each group's rows by value or by year, ties by the other, then
/// by report and position (so the order is total).
pub fn sort(groups: &mut [UnitGroup], by: AcrossSort, descending: bool) {
    for g in groups {
        g.rows.sort_by(|a, b| {
            let by_value = || a.value.total_cmp(&b.value);
            let by_year = || a.year.cmp(&b.year);
            let primary = match by {
                AcrossSort::Value => by_value().then_with(by_year),
                AcrossSort::Year => by_year().then_with(by_value),
            };
            let primary = if descending {
                primary.reverse()
            } else {
                primary
            };
            primary
                .then_with(|| a.report.cmp(&b.report))
                .then_with(|| a.figure.cmp(&b.figure))
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::figures::extract_paragraph;

    fn figures(texts: &[&str]) -> Vec<Vec<ReportFigure>> {
        texts
            .iter()
            .map(|t| {
                extract_paragraph(t)
                    .into_iter()
                    .map(|figure| ReportFigure {
                        figure,
                        paragraph: 0,
                        line: 1,
                        section: None,
                    })
                    .collect()
            })
            .collect()
    }

    #[test]
    fn one_row_per_value_grouped_by_unit() {
        let per_report = figures(&[
            "城镇新增就业15万人，城镇调查失业率5.5%左右。",
            "新增城镇就业9568人。",
            "城镇新增就业120万人以上，城镇新增就业增长3%。",
            "粮食产量1200万吨。",
        ]);
        let years = [Some(2024), Some(2023), Some(2024), None];
        let ind = Indicator::Canonical("城镇新增就业");
        let groups = across(&per_report, &years, &ind);
        let people = &groups[0];
        assert_eq!(people.unit, "人");
        let got: Vec<(usize, f64)> = people.rows.iter().map(|r| (r.report, r.value)).collect();
        assert_eq!(got, [(2, 1.2e6), (0, 1.5e5), (1, 9568.0)]);
        assert_eq!(people.rows[0].qualifier, Qualifier::AtLeast);
        assert_eq!(people.max_magnitude(), 1.2e6);
        // A growth rate never shares the scale of counts.
        assert!(groups
            .iter()
            .skip(1)
            .all(|g| g.unit != "人" || g.kind != Kind::Level));
        let mut by_year = groups.clone();
        sort(&mut by_year, AcrossSort::Year, false);
        let years: Vec<Option<u16>> = by_year[0].rows.iter().map(|r| r.year).collect();
        assert_eq!(years, [Some(2023), Some(2024), Some(2024)]);
    }

    #[test]
    fn outcomes_and_targets_of_different_years_never_share_a_group() {
        // Beijing's 2025 outcome beside other places' 2026 targets: the
        // issue's chart ranked them together.
        let mut per_report = figures(&[
            "地区生产总值增长5.4%。",
            "地区生产总值增长5%左右。",
            "地区生产总值增长4.5%以上。",
            "地区生产总值增长5.2%。",
        ]);
        let when = [
            (Status::Actual, 2025),
            (Status::Target, 2026),
            (Status::Target, 2026),
            (Status::Actual, 2024),
        ];
        for (list, (status, year)) in per_report.iter_mut().zip(when) {
            list[0].figure.status = status;
            list[0].figure.period = Some(Period::year(year));
        }
        let ind = Indicator::Canonical("地区生产总值");
        let groups = across(&per_report, &[None; 4], &ind);
        let got: Vec<(String, Vec<usize>)> = groups
            .iter()
            .map(|g| (g.label(), g.rows.iter().map(|r| r.report).collect()))
            .collect();
        assert_eq!(
            got,
            [
                ("2026 目标 · %, change".to_string(), vec![1, 2]),
                ("2025 实绩 · %, change".to_string(), vec![0]),
                ("2024 实绩 · %, change".to_string(), vec![3]),
            ]
        );
    }

    #[test]
    fn phrases_without_a_canonical_name_match_by_phrase() {
        let per_report = figures(&["新建口袋公园12个。", "新建口袋公园30个。"]);
        let first = &per_report[0][0].figure;
        let ind = Indicator::of(first);
        assert!(matches!(ind, Indicator::Phrase(_)), "{ind:?}");
        let groups = across(&per_report, &[None, None], &ind);
        assert_eq!(groups.len(), 1);
        assert_eq!(groups[0].rows.len(), 2);
        assert_eq!(groups[0].rows[0].value, 30.0);
    }
}
