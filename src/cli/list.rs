//! `gwr list`: one row per report.

use super::output::{Cell, Table};
use crate::corpus::Corpus;

pub fn table(corpus: &Corpus) -> Table {
    let rows = corpus
        .reports
        .iter()
        .map(|r| {
            let m = &r.meta;
            vec![
                Cell::from(r.file.as_str()),
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
            ]
        })
        .collect();
    Table {
        columns: vec![
            "file", "title", "level", "province", "city", "county", "year", "date", "encoding",
            "sections", "chars",
        ],
        rows,
    }
}
