//! Table output shared by every subcommand: TSV with a header, CSV, or
//! JSON. Every text cell passes through the display sanitiser on the way
//! out, in every format: a file named `a\x1b]0;x\x07.txt` must not retitle
//! or repaint the terminal of a user who lists it.

use serde::Serialize;
use std::io::Write;

/// Output format of a subcommand.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    Tsv,
    /// RFC 4180 CSV (quoted where needed), for spreadsheets.
    Csv,
    Json,
}

/// One table: a header and rows of cells.
pub struct Table {
    pub columns: Vec<&'static str>,
    pub rows: Vec<Vec<Cell>>,
}

/// A cell: text, a number, or nothing (unknown).
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(untagged)]
pub enum Cell {
    Text(String),
    Int(i64),
    Float(f64),
    Empty,
}

impl From<Option<String>> for Cell {
    fn from(v: Option<String>) -> Self {
        v.map(Cell::Text).unwrap_or(Cell::Empty)
    }
}

impl From<&str> for Cell {
    fn from(v: &str) -> Self {
        Cell::Text(v.to_string())
    }
}

impl From<String> for Cell {
    fn from(v: String) -> Self {
        Cell::Text(v)
    }
}

impl std::fmt::Display for Cell {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Cell::Text(s) => f.write_str(&tsv_escape(&shown(s))),
            Cell::Int(v) => write!(f, "{v}"),
            Cell::Float(v) => write!(f, "{v}"),
            Cell::Empty => Ok(()),
        }
    }
}

/// `s` as it may reach a terminal: control characters (C0, DEL, C1) made
/// visible (`␛`) and invisible ones (bidirectional overrides, zero-width)
/// dropped; tabs and line breaks are kept for each format to treat.
fn shown(s: &str) -> std::borrow::Cow<'_, str> {
    let harmful = |c: char| {
        (c.is_control() && !matches!(c, '\t' | '\n' | '\r')) || crate::text::chars::is_invisible(c)
    };
    if !s.chars().any(harmful) {
        return std::borrow::Cow::Borrowed(s);
    }
    let layout = |c: char| matches!(c, '\t' | '\n' | '\r');
    std::borrow::Cow::Owned(
        s.chars()
            .filter_map(|c| {
                if layout(c) {
                    Some(c)
                } else {
                    crate::text::sanitize::visible_char(c)
                }
            })
            .collect(),
    )
}

/// TSV cells cannot hold tabs or newlines: they become spaces. A cell that
/// starts with `"` is quoted (inner quotes doubled), because CSV-style TSV
/// readers (Python's `csv`, pandas, spreadsheets) would otherwise take that
/// quote as the start of a quoted cell.
fn tsv_escape(s: &str) -> String {
    let flat: String = s
        .chars()
        .map(|c| {
            if c == '\t' || c == '\n' || c == '\r' {
                ' '
            } else {
                c
            }
        })
        .collect();
    if flat.starts_with('"') {
        format!("\"{}\"", flat.replace('"', "\"\""))
    } else {
        flat
    }
}

impl Table {
    pub fn write(&self, format: Format, out: &mut dyn Write) -> std::io::Result<()> {
        match format {
            Format::Tsv => {
                writeln!(out, "{}", self.columns.join("\t"))?;
                for row in &self.rows {
                    let cells: Vec<String> = row.iter().map(|c| c.to_string()).collect();
                    writeln!(out, "{}", cells.join("\t"))?;
                }
            }
            Format::Csv => self.write_csv(out, false)?,
            Format::Json => {
                let objects: Vec<serde_json::Map<String, serde_json::Value>> = self
                    .rows
                    .iter()
                    .map(|row| {
                        self.columns
                            .iter()
                            .zip(row)
                            .map(|(k, v)| {
                                let v = match v {
                                    Cell::Empty => serde_json::Value::Null,
                                    Cell::Text(s) => {
                                        serde_json::Value::String(shown(s).into_owned())
                                    }
                                    other => serde_json::to_value(other).unwrap_or_default(),
                                };
                                (k.to_string(), v)
                            })
                            .collect()
                    })
                    .collect();
                serde_json::to_writer_pretty(&mut *out, &objects)?;
                writeln!(out)?;
            }
        }
        Ok(())
    }

    /// CSV with a header row; `bom` starts it with a UTF-8 byte-order mark
    /// so Excel reads the Chinese text as UTF-8.
    pub fn write_csv(&self, out: &mut dyn Write, bom: bool) -> std::io::Result<()> {
        if bom {
            out.write_all("\u{FEFF}".as_bytes())?;
        }
        let mut w = csv::Writer::from_writer(out);
        w.write_record(&self.columns)?;
        for row in &self.rows {
            w.write_record(row.iter().map(|c| match c {
                Cell::Text(s) => shown(s).into_owned(),
                Cell::Int(v) => v.to_string(),
                Cell::Float(v) => v.to_string(),
                Cell::Empty => String::new(),
            }))?;
        }
        w.flush()?;
        Ok(())
    }
}
