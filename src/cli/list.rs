//! `gwr list`: one row per report.

use super::output::{Cell, Table};
use crate::corpus::Corpus;
use crate::report::Report;

pub const COLUMNS: [&str; 12] = [
    "file", "path", "title", "level", "province", "city", "county", "year", "date", "encoding",
    "sections", "chars",
];

/// The report's row.
pub fn rows(r: &Report) -> Vec<Vec<Cell>> {
    let m = &r.meta;
    vec![vec![
        Cell::from(r.file.as_str()),
        super::path_cell(r),
        Cell::from(m.title.clone()),
        Cell::from(m.level.map(|l| l.name().to_string())),
        Cell::from(m.province.clone()),
        Cell::from(m.city.clone()),
        Cell::from(m.county.clone()),
        m.year.map(|y| Cell::Int(y as i64)).unwrap_or(Cell::Empty),
        Cell::from(m.date.map(|d| d.to_string())),
        Cell::from(r.encoding.name()),
        Cell::Int(r.sections.len() as i64),
        Cell::Int(r.char_count() as i64),
    ]]
}

pub fn table(corpus: &Corpus) -> Table {
    super::table_of(corpus, &COLUMNS, &rows)
}
