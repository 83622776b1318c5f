//! `gwr figures`: one row per figure (SPEC columns with status and
//! period, then canonical indicator and section).

use super::output::{Cell, Table};
use crate::corpus::Corpus;
use crate::figures::{self, canonical};
use crate::report::Report;

/// Which figures to list.
#[derive(Debug, Clone, Default)]
pub struct Filter {
    /// A canonical indicator name or one of its aliases; a name the table
    /// does not know matches figures whose own indicator is that phrase.
    pub indicator: Option<String>,
}

/// What `--indicator` asks for.
enum Wanted {
    All,
    Canonical(&'static str),
    Phrase(String),
}

impl Filter {
    fn wanted(&self) -> Wanted {
        match &self.indicator {
            None => Wanted::All,
            Some(name) => match canonical::indicators().resolve(name) {
                Some(ind) => Wanted::Canonical(ind.name.as_str()),
                None => Wanted::Phrase(canonical::normalize(name)),
            },
        }
    }
}

pub const COLUMNS: [&str; 13] = [
    "file",
    "path",
    "line",
    "raw",
    "value",
    "unit",
    "qualifier",
    "kind",
    "indicator",
    "status",
    "period",
    "canonical",
    "section",
];

/// A row per figure of the report that the filter keeps.
pub fn rows(r: &Report, filter: &Filter) -> Vec<Vec<Cell>> {
    let wanted = filter.wanted();
    let mut rows = Vec::new();
    for rf in figures::extract_report(r) {
        let f = &rf.figure;
        let keep = match &wanted {
            Wanted::All => true,
            Wanted::Canonical(name) => f.canonical == Some(*name),
            Wanted::Phrase(p) => canonical::normalize(&f.indicator) == *p,
        };
        if !keep {
            continue;
        }
        let section = rf
            .section
            .and_then(|s| r.sections.get(s))
            .map(|s| s.title.clone());
        rows.push(vec![
            Cell::from(r.file.as_str()),
            super::path_cell(r),
            Cell::Int(rf.line as i64),
            Cell::from(f.raw.as_str()),
            Cell::Float(f.value),
            Cell::from(f.unit),
            Cell::from(f.qualifier.symbol()),
            Cell::from(f.kind.name()),
            Cell::from(f.indicator.as_str()),
            Cell::from(f.status.name()),
            Cell::from(f.period.map(|p| p.to_string())),
            Cell::from(f.canonical.map(str::to_string)),
            Cell::from(section),
        ]);
    }
    rows
}

pub fn table(corpus: &Corpus, filter: &Filter) -> Table {
    super::table_of(corpus, &COLUMNS, &|r: &Report| rows(r, filter))
}
