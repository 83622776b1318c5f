//! `gwr targets`: one row per place, year, canonical indicator, kind and
//! unit, with the target the report of that year set and the outcome the
//! next year's report states (`figures::targets`).

use super::output::{Cell, Table};
use crate::corpus::Corpus;
use crate::figures::canonical;
use crate::figures::targets::{place_query, sides_of, ReportSides, Side, Targets};
use rayon::prelude::*;
use std::path::PathBuf;

/// Which rows to show, checked against the indicator table.
#[derive(Debug, Clone, Default)]
pub struct Filter {
    /// Canonical names (a national one with it: 地区生产总值 and
    /// 国内生产总值).
    indicators: Option<Vec<&'static str>>,
    /// As [`place_query`] writes it.
    place: Option<String>,
    year: Option<u16>,
}

impl Filter {
    /// `indicator`: a canonical name or an alias (`新增城镇就业`); `place`:
    /// a place however reports name it (`河北`, `海拉尔区`, `全国`). An
    /// indicator the table does not know is an error naming it.
    pub fn new(
        indicator: Option<&str>,
        place: Option<&str>,
        year: Option<u16>,
    ) -> Result<Filter, String> {
        let table = canonical::indicators();
        let indicators = match indicator {
            Some(name) => {
                let ind = table.resolve(name).ok_or_else(|| {
                    format!(
                        "unknown indicator `{}`; `gwr targets` pairs the canonical indicators of assets/indicators.toml (e.g. 地区生产总值, 城镇新增就业)",
                        crate::text::sanitize::visible(name)
                    )
                })?;
                let name = ind.name.as_str();
                let mut names = vec![name, table.for_nation(name)];
                names.dedup();
                Some(names)
            }
            None => None,
        };
        Ok(Filter {
            indicators,
            place: place.map(place_query),
            year,
        })
    }
}

pub const COLUMNS: [&str; 18] = [
    "place",
    "year",
    "indicator",
    "kind",
    "unit",
    "target_raw",
    "target_value",
    "target_value_high",
    "target_qualifier",
    "outcome_raw",
    "outcome_value",
    "met",
    "target_file",
    "target_path",
    "target_line",
    "outcome_file",
    "outcome_path",
    "outcome_line",
];

pub fn table(corpus: &Corpus, filter: &Filter) -> Table {
    let sides: Vec<_> = corpus.reports.par_iter().map(sides_of).collect();
    paired(sides, filter)
}

/// The table over the reports of `paths` (the built-in corpus when
/// empty), problems on stderr: reports are read a batch at a time and only
/// their targets and outcomes kept, which is all the pairing needs.
pub fn table_of_paths(paths: &[PathBuf], filter: &Filter) -> Result<Table, String> {
    let mut sides = Vec::new();
    crate::corpus::each_report(
        paths,
        |report| sides_of(&report),
        |made| -> Result<(), std::convert::Infallible> {
            match made {
                Ok(s) => sides.push(s),
                Err(problem) => eprintln!("gwr: {problem}"),
            }
            Ok(())
        },
    )
    .unwrap_or_else(|never| match never {});
    if sides.is_empty() {
        return Err("no report could be loaded".into());
    }
    Ok(paired(sides, filter))
}

/// Pair the reports' targets with the outcomes the next year states.
fn paired(sides: Vec<ReportSides>, filter: &Filter) -> Table {
    let targets = Targets::build(sides);
    let rows = targets
        .rows()
        .iter()
        .filter(|r| {
            filter
                .indicators
                .as_ref()
                .is_none_or(|names| names.contains(&r.indicator))
                && filter.place.as_ref().is_none_or(|p| &r.place == p)
                && filter.year.is_none_or(|y| r.year == y)
        })
        .map(|r| {
            let t = r.target.as_ref();
            let o = r.outcome.as_ref();
            let text = |s: Option<&Side>, f: fn(&Side) -> String| Cell::from(s.map(f));
            let path = |s: Option<&Side>| {
                s.and_then(|s| s.path.as_deref())
                    .map_or(Cell::Empty, Cell::from)
            };
            vec![
                Cell::from(r.place.as_str()),
                Cell::Int(i64::from(r.year)),
                Cell::from(r.indicator),
                Cell::from(r.kind.name()),
                Cell::from(r.unit),
                text(t, |s| s.raw.clone()),
                t.map_or(Cell::Empty, |s| Cell::Float(s.value)),
                t.and_then(|s| s.value_high)
                    .map_or(Cell::Empty, Cell::Float),
                text(t, |s| s.qualifier.symbol().to_string()),
                text(o, |s| s.raw.clone()),
                o.map_or(Cell::Empty, |s| Cell::Float(s.value)),
                r.met().map_or(Cell::Empty, |_| Cell::from(r.met_word())),
                text(t, |s| s.file.clone()),
                path(t),
                t.map_or(Cell::Empty, |s| Cell::Int(i64::from(s.line))),
                text(o, |s| s.file.clone()),
                path(o),
                o.map_or(Cell::Empty, |s| Cell::Int(i64::from(s.line))),
            ]
        })
        .collect();
    Table {
        columns: COLUMNS.to_vec(),
        rows,
    }
}
