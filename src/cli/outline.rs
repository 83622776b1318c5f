//! `gwr outline`: one row per section.

use super::output::{Cell, Table};
use crate::corpus::Corpus;
use crate::report::Report;

pub const COLUMNS: [&str; 6] = ["file", "path", "line", "depth", "label", "title"];

/// A row per section of the report.
pub fn rows(r: &Report) -> Vec<Vec<Cell>> {
    r.sections
        .iter()
        .map(|s| {
            vec![
                Cell::from(r.file.as_str()),
                super::path_cell(r),
                Cell::Int(s.first_line as i64),
                Cell::Int(s.depth as i64),
                Cell::from(s.label.as_str()),
                Cell::from(s.title.as_str()),
            ]
        })
        .collect()
}

pub fn table(corpus: &Corpus) -> Table {
    super::table_of(corpus, &COLUMNS, &rows)
}
