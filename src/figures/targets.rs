//! Targets against outcomes: for a place with reports of consecutive
//! years, the target the report of year Y sets for Y beside the outcome the
//! report of Y+1 states for Y, for the same canonical indicator, kind and
//! unit.
//!
//! [`sides_of`] reads what one report says (compact: a walk across a corpus
//! keeps only these); [`Targets::build`] pairs them up by place, year,
//! indicator, kind and unit. [`Row::met`] tells whether a target was met,
//! following the target's qualifier and the indicator's direction
//! (`assets/indicators.toml`):
//!
//! - `以上`, `不低于`, `超过` (`>=`, `>`): the outcome reaches the target;
//!   `以内`, `不超过`, `控制在`, `低于` (`<=`, `<`): it stays within it;
//! - a plain target (`=`) and a range (`6%—6.5%`) follow the direction: at
//!   least the target (or the range's low end) when higher is better, at
//!   most the target (or the high end) for a ceiling or when lower is
//!   better;
//! - `左右` (about X) likewise, with a tolerance of [`ABOUT_TOLERANCE`] of
//!   X on the wrong side: GDP growth `5%左右` is met from 4.75 %, prices
//!   `3%左右` up to 3.15 %.

use super::canonical::{self, Direction};
use super::{extract_report, tables, Kind, Qualifier, RangeEnd, ReportFigure, Status};
use crate::corpus::places;
use crate::report::{Level, Metadata, Report};
use std::collections::BTreeMap;

/// How far on the wrong side of a `左右` target an outcome may be, as a
/// share of the target, and still meet it.
pub const ABOUT_TOLERANCE: f64 = 0.05;

/// A target or an outcome as one report states it.
#[derive(Debug, Clone, PartialEq)]
pub struct Side {
    /// As written, qualifier word included: `5%左右`, `6.5%－7%`.
    pub raw: String,
    /// The value, or a range's low end.
    pub value: f64,
    /// A range's high end.
    pub value_high: Option<f64>,
    /// A range has `=`: its ends say the rest.
    pub qualifier: Qualifier,
    /// The report's file and the original line of the figure.
    pub file: String,
    pub line: u32,
    /// Where it is in the report: the paragraph (index into
    /// `Report::paragraphs`) and the byte range of the figure in its text,
    /// for a reader to jump to.
    pub paragraph: usize,
    pub range: std::ops::Range<usize>,
    /// Where the report was read from ([`Report::path`]).
    pub path: Option<std::path::PathBuf>,
}

/// What one figure of a report contributes.
#[derive(Debug, Clone, PartialEq)]
pub struct Stated {
    pub year: u16,
    pub indicator: &'static str,
    pub kind: Kind,
    pub unit: &'static str,
    pub status: Status,
    pub side: Side,
}

/// The targets a report sets for its planned year and the outcomes it
/// states for the year it reviews.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct ReportSides {
    /// The place, named one way for every report of it ([`place_name`]).
    pub place: Option<String>,
    pub stated: Vec<Stated>,
}

/// A place's name however its reports write it: `全国` for the nation;
/// full names from the division table (`河北` → `河北省`); a county or
/// district with its city when the table knows it (`海拉尔区` →
/// `呼伦贝尔市海拉尔区`).
pub fn place_name(meta: &Metadata) -> Option<String> {
    if meta.level == Some(Level::National) || meta.province.as_deref() == Some("全国") {
        return Some("全国".to_string());
    }
    let written: String = [&meta.province, &meta.city, &meta.county]
        .iter()
        .filter_map(|n| n.as_deref())
        .collect();
    if written.is_empty() {
        return None;
    }
    let resolved = places::table().resolve_text(&written);
    let pick = |p: &Option<String>, q: &Option<String>| p.clone().or_else(|| q.clone());
    let province = pick(&resolved.province, &meta.province);
    let city = pick(&resolved.city, &meta.city);
    let county = pick(&resolved.county, &meta.county);
    Some(match (county, city, province) {
        (Some(county), Some(city), _) => format!("{city}{county}"),
        (Some(county), None, _) => county,
        (None, Some(city), _) => city,
        (None, None, Some(province)) => province,
        (None, None, None) => written,
    })
}

/// A name a user types (`河北`, `海拉尔区`, `国务院`) as [`place_name`]
/// writes it, when the division table knows it.
pub fn place_query(name: &str) -> String {
    let name = name.trim();
    if ["全国", "国务院", "中国", "国家"].contains(&name) {
        return "全国".to_string();
    }
    let resolved = places::table().resolve_text(name);
    let meta = Metadata {
        province: resolved.province,
        city: resolved.city,
        county: resolved.county,
        ..Metadata::default()
    };
    place_name(&meta).unwrap_or_else(|| name.to_string())
}

/// What a report says about its targets and outcomes.
pub fn sides_of(report: &Report) -> ReportSides {
    sides_from(report, &extract_report(report))
}

/// [`sides_of`] from the figures of the report, already extracted.
pub fn sides_from(report: &Report, figures: &[ReportFigure]) -> ReportSides {
    // The year under review as the figures' time was read with it (from
    // the text when the metadata has none).
    let review = report
        .meta
        .review_year
        .or_else(|| super::settings(report).iter().find_map(|s| s.review_year));
    let plan = review.map(|r| r.saturating_add(1));
    let mut stated: Vec<Stated> = Vec::new();
    let mut i = 0;
    while i < figures.len() {
        let rf = &figures[i];
        let f = &rf.figure;
        // A range is its two ends, one after the other.
        let high = (f.bound == RangeEnd::Low)
            .then(|| figures.get(i + 1))
            .flatten()
            .filter(|h| h.figure.bound == RangeEnd::High && h.paragraph == rf.paragraph);
        i += if high.is_some() { 2 } else { 1 };
        let (Some(indicator), Some(year)) = (f.canonical, f.period.and_then(|p| p.single())) else {
            continue;
        };
        let wanted = match f.status {
            Status::Target => plan,
            Status::Actual => review,
        };
        if wanted != Some(year) {
            continue;
        }
        let text = &report.paragraphs[rf.paragraph].text;
        let last = high.map_or(f, |h| &h.figure);
        stated.push(Stated {
            year,
            indicator,
            kind: f.kind,
            unit: f.unit,
            status: f.status,
            side: Side {
                raw: written(text, f.range.start, last.range.end, last.qualifier),
                value: f.value,
                value_high: high.map(|h| h.figure.value),
                qualifier: if high.is_some() {
                    Qualifier::Exact
                } else {
                    f.qualifier
                },
                file: report.file.clone(),
                line: rf.line,
                paragraph: rf.paragraph,
                range: f.range.start..last.range.end,
                path: report.path.clone(),
            },
        });
    }
    ReportSides {
        place: place_name(&report.meta),
        stated,
    }
}

/// `text[start..end]` with the qualifier word written after it, when it is
/// the figure's (`5%左右`, `1100万人以上`).
fn written(text: &str, start: usize, end: usize, qualifier: Qualifier) -> String {
    let raw = text.get(start..end).unwrap_or_default();
    let after = text
        .get(end..)
        .and_then(|rest| tables::tables().after.qualifier_prefix(rest))
        .filter(|&(_, q)| q == qualifier)
        .map_or(0, |(len, _)| len);
    let tail = text.get(end..end + after).unwrap_or_default();
    format!("{raw}{tail}")
}

/// One place, year, indicator, kind and unit: its target and outcome.
#[derive(Debug, Clone, PartialEq)]
pub struct Row {
    pub place: String,
    pub year: u16,
    pub indicator: &'static str,
    pub kind: Kind,
    pub unit: &'static str,
    pub target: Option<Side>,
    pub outcome: Option<Side>,
}

impl Row {
    /// Which way the indicator is better.
    pub fn direction(&self) -> Direction {
        canonical::indicators()
            .by_name(self.indicator)
            .map_or(Direction::Higher, |i| i.direction)
    }

    /// Whether the outcome met the target; `None` when a side is missing.
    pub fn met(&self) -> Option<bool> {
        let (t, o) = (self.target.as_ref()?, self.outcome.as_ref()?);
        let higher = self.direction() == Direction::Higher;
        let tolerance = ABOUT_TOLERANCE * t.value.abs();
        // A fall is stated by its size (`降低3.1%以上`: at least 3.1 down),
        // so its bound holds the signed value the other way.
        let qualifier = if t.value < 0.0 {
            mirrored(t.qualifier)
        } else {
            t.qualifier
        };
        Some(match (qualifier, t.value_high) {
            (_, Some(_)) if higher => o.value >= t.value,
            (_, Some(high)) => o.value <= high,
            (Qualifier::AtLeast, _) => o.value >= t.value,
            (Qualifier::MoreThan, _) => o.value > t.value,
            (Qualifier::AtMost, _) => o.value <= t.value,
            (Qualifier::LessThan, _) => o.value < t.value,
            (Qualifier::Exact, _) if higher => o.value >= t.value,
            (Qualifier::Exact, _) => o.value <= t.value,
            (Qualifier::About, _) if higher => o.value >= t.value - tolerance,
            (Qualifier::About, _) => o.value <= t.value + tolerance,
        })
    }

    /// How far the outcome is past the target in the better direction, in
    /// the unit (negative: short of it); against a range's end that counts.
    pub fn margin(&self) -> Option<f64> {
        let (t, o) = (self.target.as_ref()?, self.outcome.as_ref()?);
        Some(match self.direction() {
            Direction::Higher => o.value - t.value,
            Direction::Lower | Direction::Ceiling => t.value_high.unwrap_or(t.value) - o.value,
        })
    }

    /// `yes`, `no`, or empty.
    pub fn met_word(&self) -> &'static str {
        match self.met() {
            Some(true) => "yes",
            Some(false) => "no",
            None => "",
        }
    }
}

/// The bound that holds a fall's signed value when `q` bounds its size.
fn mirrored(q: Qualifier) -> Qualifier {
    match q {
        Qualifier::AtLeast => Qualifier::AtMost,
        Qualifier::MoreThan => Qualifier::LessThan,
        Qualifier::AtMost => Qualifier::AtLeast,
        Qualifier::LessThan => Qualifier::MoreThan,
        q => q,
    }
}

/// Every row of a corpus, sorted by place, year, indicator, kind and unit.
#[derive(Debug, Clone, Default)]
pub struct Targets {
    rows: Vec<Row>,
}

/// Place, year, indicator, kind, unit.
type Key = (String, u16, &'static str, Kind, &'static str);

impl Targets {
    /// Pair the sides of many reports. When two reports of one place and
    /// year state the same side, the first one given counts.
    pub fn build(reports: impl IntoIterator<Item = ReportSides>) -> Targets {
        let mut by_key: BTreeMap<Key, Row> = BTreeMap::new();
        for r in reports {
            let Some(place) = r.place else { continue };
            for s in r.stated {
                let key: Key = (place.clone(), s.year, s.indicator, s.kind, s.unit);
                let row = by_key.entry(key).or_insert_with(|| Row {
                    place: place.clone(),
                    year: s.year,
                    indicator: s.indicator,
                    kind: s.kind,
                    unit: s.unit,
                    target: None,
                    outcome: None,
                });
                let slot = match s.status {
                    Status::Target => &mut row.target,
                    Status::Actual => &mut row.outcome,
                };
                slot.get_or_insert(s.side);
            }
        }
        Targets {
            rows: by_key.into_values().collect(),
        }
    }

    /// The targets and outcomes of a corpus of reports.
    pub fn of_reports<'a>(reports: impl IntoIterator<Item = &'a Report>) -> Targets {
        Targets::build(reports.into_iter().map(sides_of))
    }

    pub fn rows(&self) -> &[Row] {
        &self.rows
    }

    /// Every row of one place (named as a user types it: `河北`,
    /// `海拉尔区`), every indicator and year, by year then indicator.
    pub fn for_place(&self, place: &str) -> Vec<&Row> {
        let wanted = place_query(place);
        let mut rows: Vec<&Row> = self.rows.iter().filter(|r| r.place == wanted).collect();
        rows.sort_by_key(|r| (r.year, r.indicator, r.kind, r.unit));
        rows
    }

    /// One indicator (kind and unit) for every place and year, the outcome
    /// furthest past its target first, down to the furthest short of it;
    /// rows without both sides last.
    pub fn for_indicator(&self, indicator: &str, kind: Kind, unit: &str) -> Vec<&Row> {
        self.for_indicators(&[indicator], kind, unit)
    }

    /// [`Targets::for_indicator`] for any of several names of one
    /// measure (a place's 地区生产总值 and the nation's 国内生产总值).
    pub fn for_indicators(&self, indicators: &[&str], kind: Kind, unit: &str) -> Vec<&Row> {
        let mut rows: Vec<&Row> = self
            .rows
            .iter()
            .filter(|r| indicators.contains(&r.indicator) && r.kind == kind && r.unit == unit)
            .collect();
        rows.sort_by(|a, b| match (a.margin(), b.margin()) {
            (Some(x), Some(y)) => y.total_cmp(&x),
            (Some(_), None) => std::cmp::Ordering::Less,
            (None, Some(_)) => std::cmp::Ordering::Greater,
            (None, None) => (a.year, &a.place).cmp(&(b.year, &b.place)),
        });
        rows
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn side(value: f64, high: Option<f64>, qualifier: Qualifier) -> Side {
        Side {
            raw: String::new(),
            value,
            value_high: high,
            qualifier,
            file: "r.txt".into(),
            line: 1,
            paragraph: 0,
            range: 0..0,
            path: None,
        }
    }

    fn row(indicator: &'static str, target: Side, outcome: f64) -> Row {
        Row {
            place: "全国".into(),
            year: 2024,
            indicator,
            kind: Kind::Change,
            unit: "%",
            target: Some(target),
            outcome: Some(side(outcome, None, Qualifier::Exact)),
        }
    }

    #[test]
    fn met_follows_qualifier_and_direction() {
        use Qualifier::*;
        let gdp = "国内生产总值";
        let cpi = "居民消费价格";
        for (indicator, target, outcome, want) in [
            // 左右: 5 % of the target on the wrong side.
            (gdp, side(5.0, None, About), 5.0, true),
            (gdp, side(5.0, None, About), 4.8, true),
            (gdp, side(5.5, None, About), 3.0, false),
            (cpi, side(3.0, None, About), 0.2, true),
            (cpi, side(3.0, None, About), 3.1, true),
            (cpi, side(3.0, None, About), 3.3, false),
            // The qualifier decides over the direction.
            (gdp, side(6.0, None, AtLeast), 8.1, true),
            (gdp, side(6.0, None, AtLeast), 5.9, false),
            (cpi, side(3.0, None, AtMost), 3.3, false),
            // A range: its low end when higher is better, its high end for a ceiling.
            (gdp, side(6.0, Some(6.5), Exact), 6.1, true),
            (gdp, side(6.5, Some(7.0), Exact), 6.4, false),
            (cpi, side(2.0, Some(3.0), Exact), 2.8, true),
            // Plain: at least for higher is better, at most for a ceiling.
            (gdp, side(7.5, None, Exact), 7.4, false),
            (cpi, side(3.0, None, Exact), 3.0, true),
            // A fall bounded by its size: 降低3.1%以上, fell 5.6 %.
            (
                "单位地区生产总值能耗",
                side(-3.1, None, AtLeast),
                -5.6,
                true,
            ),
            (
                "单位地区生产总值能耗",
                side(-3.1, None, AtLeast),
                -2.0,
                false,
            ),
            ("单位地区生产总值能耗", side(-3.0, None, About), -2.9, true),
        ] {
            let r = row(indicator, target.clone(), outcome);
            assert_eq!(r.met(), Some(want), "{indicator} {target:?} {outcome}");
        }
        let mut missing = row(gdp, side(5.0, None, About), 5.0);
        missing.outcome = None;
        assert_eq!((missing.met(), missing.met_word()), (None, ""));
    }

    #[test]
    fn margin_is_signed_by_direction() {
        let r = row("国内生产总值", side(5.0, None, Qualifier::About), 5.4);
        assert!((r.margin().unwrap() - 0.4).abs() < 1e-9);
        let r = row("居民消费价格", side(3.0, None, Qualifier::About), 0.2);
        assert!((r.margin().unwrap() - 2.8).abs() < 1e-9);
    }

    #[test]
    fn places_are_named_one_way() {
        assert_eq!(place_query("河北"), "河北省");
        assert_eq!(place_query("河北省"), "河北省");
        assert_eq!(place_query("国务院"), "全国");
        assert_eq!(place_query("海拉尔区"), place_query("呼伦贝尔市海拉尔区"));
        assert_eq!(place_query("海拉尔区"), "呼伦贝尔市海拉尔区");
    }

    #[test]
    fn written_keeps_the_qualifier_word() {
        let text = "国内生产总值增长5%左右，城镇新增就业1100万人以上";
        let at = text.find("5%").unwrap();
        assert_eq!(written(text, at, at + 2, Qualifier::About), "5%左右");
        assert_eq!(written(text, at, at + 2, Qualifier::Exact), "5%");
        assert_eq!(written(text, 500, 600, Qualifier::Exact), "");
    }
}
