//! The non-interactive subcommands: TSV (default), CSV, JSON or JSON Lines
//! on stdout, diagnostics on stderr. The commands with a row per report's
//! part stream: reports are parsed a batch at a time and their rows written
//! as they are made, so memory does not grow with the corpus.
//!
//! Layer: the top, beside `tui`; it calls the model and the library.

pub mod figures;
pub mod index;
pub mod list;
pub mod outline;
pub mod output;
pub mod search;
pub mod sections;
pub mod show;
pub mod targets;

use crate::corpus::{self, Corpus};
use crate::report::Report;
use output::{Cell, Format, Sink, Table};
use std::io::Write;
use std::path::PathBuf;

/// The rows one report gives a table command.
pub type RowsOf<'a> = dyn Fn(&Report) -> Vec<Vec<Cell>> + Sync + 'a;

/// A table command's whole table over a loaded corpus (tests, the gold
/// scorers): the rows of every report, in order.
pub fn table_of(corpus: &Corpus, columns: &[&'static str], rows: &RowsOf) -> Table {
    Table {
        columns: columns.to_vec(),
        rows: corpus.reports.iter().flat_map(rows).collect(),
    }
}

/// Stream a table command over the reports of `paths` (the built-in corpus
/// when empty) to stdout, problems on stderr as they come. The header is
/// written with the first report, so a corpus of which nothing loads prints
/// no table: `Err` with the message (empty when already said). A closed
/// pipe (`| head`) ends it quietly.
pub fn stream(
    paths: &[PathBuf],
    format: Format,
    bom: bool,
    columns: &[&'static str],
    rows: &RowsOf,
) -> Result<(), String> {
    let stdout = std::io::stdout();
    let mut sink: Option<Sink<std::io::BufWriter<std::io::StdoutLock>>> = None;
    let walked = corpus::each_report(
        paths,
        |report| rows(&report),
        |made| -> std::io::Result<()> {
            let made = match made {
                Ok(made) => made,
                Err(problem) => {
                    eprintln!("gwr: {problem}");
                    return Ok(());
                }
            };
            let sink = match &mut sink {
                Some(sink) => sink,
                None => sink.insert(Sink::new(
                    format,
                    bom,
                    columns,
                    std::io::BufWriter::new(stdout.lock()),
                )?),
            };
            for row in &made {
                sink.row(row)?;
            }
            sink.flush()
        },
    );
    let finished = walked.and_then(|()| match sink {
        Some(sink) => sink.finish().map(|()| true),
        None => Ok(false),
    });
    match finished {
        Ok(true) => Ok(()),
        Ok(false) => Err("no report could be loaded".into()),
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
        Err(e) => Err(e.to_string()),
    }
}

/// Write a whole table to stdout; a closed pipe is not an error.
pub fn print(table: &Table, format: Format, bom: bool) -> Result<(), String> {
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    let written = if format == Format::Csv {
        table.write_csv(&mut out, bom)
    } else {
        table.write(format, &mut out)
    };
    match written.and_then(|()| out.flush()) {
        Ok(()) => Ok(()),
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
        Err(e) => Err(e.to_string()),
    }
}

/// The `path` column: where the report was read from, as given on the
/// command line joined with its `file`, so `$EDITOR +LINE path` opens it
/// from the current directory; `-` for standard input, empty for the
/// built-in corpus.
pub fn path_cell(report: &Report) -> Cell {
    report.path.as_deref().map_or(Cell::Empty, Cell::from)
}
