//! Table output shared by every subcommand: TSV with a header, CSV, JSON
//! (one array) or JSON Lines, written row by row as rows are made through a
//! [`Sink`] (`gwr figures … | head` stops early). Every text cell passes
//! through the display sanitiser on the way out, in every format: a file
//! named `a\x1b]0;x\x07.txt` must not retitle or repaint the terminal of a
//! user who lists it.

use serde::Serialize;
use std::io::Write;

/// Output format of a subcommand.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    Tsv,
    /// RFC 4180 CSV (quoted where needed), for spreadsheets.
    Csv,
    /// One JSON array of objects.
    Json,
    /// One JSON object per line, each written as soon as it is made.
    Jsonl,
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

impl From<&std::path::Path> for Cell {
    fn from(v: &std::path::Path) -> Self {
        Cell::Text(v.to_string_lossy().into_owned())
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
        self.write_to(Sink::new(format, false, &self.columns, out)?)
    }

    /// CSV with a header row; `bom` starts it with a UTF-8 byte-order mark
    /// so Excel reads the Chinese text as UTF-8.
    pub fn write_csv(&self, out: &mut dyn Write, bom: bool) -> std::io::Result<()> {
        self.write_to(Sink::new(Format::Csv, bom, &self.columns, out)?)
    }

    fn write_to<W: Write>(&self, mut sink: Sink<W>) -> std::io::Result<()> {
        for row in &self.rows {
            sink.row(row)?;
        }
        sink.finish()
    }
}

/// Rows written as they come, in one format: the header (TSV, CSV) first,
/// a JSON array opened before the first row and closed by
/// [`Sink::finish`], byte for byte what one whole [`Table`] gives.
pub struct Sink<W: Write> {
    columns: Vec<&'static str>,
    out: Out<W>,
    rows: usize,
}

enum Out<W: Write> {
    Tsv(W),
    // Boxed: the writer carries its buffer state inline.
    Csv(Box<csv::Writer<W>>),
    Json(W),
    Jsonl(W),
}

impl<W: Write> Sink<W> {
    /// Start a table: `bom` starts CSV with a UTF-8 byte-order mark (for
    /// Excel); the other formats have none.
    pub fn new(
        format: Format,
        bom: bool,
        columns: &[&'static str],
        mut out: W,
    ) -> std::io::Result<Sink<W>> {
        let out = match format {
            Format::Tsv => {
                writeln!(out, "{}", columns.join("\t"))?;
                Out::Tsv(out)
            }
            Format::Csv => {
                if bom {
                    out.write_all("\u{FEFF}".as_bytes())?;
                }
                let mut w = Box::new(csv::Writer::from_writer(out));
                w.write_record(columns).map_err(io_error)?;
                Out::Csv(w)
            }
            Format::Json => Out::Json(out),
            Format::Jsonl => Out::Jsonl(out),
        };
        Ok(Sink {
            columns: columns.to_vec(),
            out,
            rows: 0,
        })
    }

    /// Write one row, its cells in the order of the columns.
    pub fn row(&mut self, row: &[Cell]) -> std::io::Result<()> {
        let first = self.rows == 0;
        self.rows += 1;
        match &mut self.out {
            Out::Tsv(out) => {
                let cells: Vec<String> = row.iter().map(|c| c.to_string()).collect();
                writeln!(out, "{}", cells.join("\t"))
            }
            Out::Csv(w) => w
                .write_record(row.iter().map(|c| match c {
                    Cell::Text(s) => shown(s).into_owned(),
                    Cell::Int(v) => v.to_string(),
                    Cell::Float(v) => v.to_string(),
                    Cell::Empty => String::new(),
                }))
                .map_err(io_error),
            Out::Json(out) => {
                // serde_json's pretty array: each object indented by two.
                let object = serde_json::to_string_pretty(&json_object(&self.columns, row))?;
                out.write_all(if first { b"[\n" } else { b",\n" })?;
                for (i, line) in object.lines().enumerate() {
                    if i > 0 {
                        out.write_all(b"\n")?;
                    }
                    write!(out, "  {line}")?;
                }
                Ok(())
            }
            Out::Jsonl(out) => {
                serde_json::to_writer(&mut *out, &json_object(&self.columns, row))?;
                out.write_all(b"\n")
            }
        }
    }

    /// Push what is buffered on to the output (between batches of rows).
    pub fn flush(&mut self) -> std::io::Result<()> {
        match &mut self.out {
            Out::Tsv(out) | Out::Json(out) | Out::Jsonl(out) => out.flush(),
            Out::Csv(w) => w.flush(),
        }
    }

    /// End the table (close the JSON array) and flush.
    pub fn finish(mut self) -> std::io::Result<()> {
        if let Out::Json(out) = &mut self.out {
            out.write_all(if self.rows == 0 { b"[]\n" } else { b"\n]\n" })?;
        }
        self.flush()
    }
}

/// The I/O error inside a CSV one, so a closed pipe is still seen as one.
fn io_error(e: csv::Error) -> std::io::Error {
    match e.into_kind() {
        csv::ErrorKind::Io(e) => e,
        other => std::io::Error::other(format!("{other:?}")),
    }
}

fn json_object(
    columns: &[&'static str],
    row: &[Cell],
) -> serde_json::Map<String, serde_json::Value> {
    columns
        .iter()
        .zip(row)
        .map(|(k, v)| {
            let v = match v {
                Cell::Empty => serde_json::Value::Null,
                Cell::Text(s) => serde_json::Value::String(shown(s).into_owned()),
                other => serde_json::to_value(other).unwrap_or_default(),
            };
            (k.to_string(), v)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn table(rows: Vec<Vec<Cell>>) -> Table {
        Table {
            columns: vec!["file", "line", "value", "note"],
            rows,
        }
    }

    fn written(table: &Table, format: Format) -> String {
        let mut out = Vec::new();
        table.write(format, &mut out).expect("write");
        String::from_utf8(out).expect("UTF-8")
    }

    #[test]
    fn json_written_row_by_row_is_serde_json_s_pretty_array() {
        let rows = [
            vec![
                Cell::from("a.txt"),
                Cell::Int(3),
                Cell::Float(1.5),
                Cell::from("多行\n\"引号\""),
            ],
            vec![
                Cell::from("b.txt"),
                Cell::Int(9),
                Cell::Float(f64::NAN),
                Cell::Empty,
            ],
        ];
        for n in 0..=rows.len() {
            let t = table(rows[..n].to_vec());
            let objects: Vec<_> = t.rows.iter().map(|r| json_object(&t.columns, r)).collect();
            let whole = serde_json::to_string_pretty(&objects).expect("JSON") + "\n";
            assert_eq!(written(&t, Format::Json), whole, "{n} rows");
        }
    }

    #[test]
    fn jsonl_is_one_compact_object_a_line() {
        let t = table(vec![
            vec![
                Cell::from("a.txt"),
                Cell::Int(3),
                Cell::Float(1.5),
                Cell::Empty,
            ],
            vec![
                Cell::from("b\tc"),
                Cell::Int(4),
                Cell::Float(2.0),
                Cell::from("x"),
            ],
        ]);
        assert_eq!(
            written(&t, Format::Jsonl),
            "{\"file\":\"a.txt\",\"line\":3,\"value\":1.5,\"note\":null}\n\
             {\"file\":\"b\\tc\",\"line\":4,\"value\":2.0,\"note\":\"x\"}\n"
        );
    }
}
