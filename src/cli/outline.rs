//! `gwr outline`: one row per section.

use super::output::{Cell, Table};
use crate::corpus::Corpus;

pub fn table(corpus: &Corpus) -> Table {
    let mut rows = Vec::new();
    for r in &corpus.reports {
        for s in &r.sections {
            rows.push(vec![
                Cell::from(r.file.as_str()),
                Cell::Int(s.first_line as i64),
                Cell::Int(s.depth as i64),
                Cell::from(s.label.as_str()),
                Cell::from(s.title.as_str()),
            ]);
        }
    }
    Table {
        columns: vec!["file", "line", "depth", "label", "title"],
        rows,
    }
}
