//! `gwr search QUERY [PATH...]`: one row per matching section, best first:
//! file, line (of the first hit), section, score, snippet.

use super::index as cli_index;
use super::output::{Cell, Table};
use crate::library::reconcile::index_positions;
use crate::report::Report;
use crate::search::locate::{self, Match};
use crate::search::{tokenizer, Hit, Query, QueryError, SearchError};
use rayon::prelude::*;
use std::collections::HashMap;
use std::path::PathBuf;

/// Characters of context in a snippet.
const SNIPPET_CHARS: usize = 60;

/// Why `gwr search` printed no table.
#[derive(Debug)]
pub enum Failure {
    /// The query is not understood (exit code 2).
    Query(String),
    /// Nothing to search or the index failed (exit code 1); already
    /// reported when empty.
    Other(String),
}

/// The message for a query error, with a caret line under the culprit.
pub fn explain(query: &str, e: &QueryError) -> String {
    use unicode_width::UnicodeWidthStr;
    let chars: Vec<char> = query.chars().collect();
    let start = e.at.start.min(chars.len());
    let end = e.at.end.clamp(start, chars.len());
    let shown = crate::text::sanitize::visible(query);
    let before: String = chars[..start].iter().collect();
    let culprit: String = chars[start..end].iter().collect();
    let pad = " ".repeat(crate::text::sanitize::visible(&before).width());
    let marks = "^".repeat(crate::text::sanitize::visible(&culprit).width().max(1));
    format!(
        "bad query: {}\n  {shown}\n  {pad}{marks}",
        crate::text::sanitize::visible(&e.message)
    )
}

/// Run a search and build its table.
pub fn table(query: &str, paths: &[PathBuf], limit: usize) -> Result<Table, Failure> {
    let parsed = Query::parse(query).map_err(|e| Failure::Query(explain(query, &e)))?;
    // The dictionary and the topic taxonomy load while the corpus is
    // scanned.
    tokenizer::warm_up();
    let topics = std::thread::spawn(cli_index::topics);
    let scan = cli_index::scan(paths);
    let topics = topics
        .join()
        .map_err(|_| Failure::Other("cannot load the topic taxonomy".into()))?;
    parsed
        .check_topics(&topics.taxonomy)
        .map_err(|e| Failure::Query(explain(query, &e)))?;
    let scan = scan.ok_or_else(|| Failure::Other(String::new()))?;
    let other = |e: SearchError| Failure::Other(e.to_string());
    let (mut idx, _) = cli_index::open(&scan, &topics).map_err(other)?;
    tokenizer::jieba();
    let needles = locate::needles(&parsed.expr);
    let mut retried = false;
    loop {
        let hits = match idx.searcher().search(&parsed, limit) {
            Ok(h) => h,
            Err(damage @ SearchError::Damaged(_)) if !retried => {
                retried = true;
                idx = cli_index::rebuild(idx, &scan, &damage).map_err(other)?;
                continue;
            }
            Err(e) => return Err(other(e)),
        };
        let searcher = idx.searcher();
        let positions = index_positions(&idx, &scan.files);
        let file_of = |hit: &Hit| {
            positions
                .get(hit.report as usize)
                .copied()
                .flatten()
                .map(|i| &scan.files[i])
        };
        let mut wanted: Vec<&Hit> = Vec::new();
        for hit in &hits {
            if !wanted.iter().any(|w| w.report == hit.report) {
                wanted.push(hit);
            }
        }
        let loaded: Vec<(u64, Option<Report>, bool)> = wanted
            .par_iter()
            .map(|hit| {
                let report = file_of(hit).and_then(|f| f.load().ok());
                let current = report.as_ref().is_none_or(|r| searcher.is_current(hit, r));
                (hit.report, report, current)
            })
            .collect();
        let stale: Vec<u64> = loaded
            .iter()
            .filter(|(_, _, current)| !current)
            .map(|(id, _, _)| *id)
            .collect();
        let reports: HashMap<u64, Option<Report>> = loaded
            .into_iter()
            .map(|(id, report, _)| (id, report))
            .collect();
        if !stale.is_empty() && !retried {
            // The file or the program changed after indexing: the stored
            // paragraph numbers are wrong. Re-index those and ask again.
            retried = true;
            idx.refresh(&scan, &stale, &mut cli_index::Bar::new())
                .map_err(other)?;
            continue;
        }
        let rows = hits
            .iter()
            .map(|hit| {
                row(
                    hit,
                    reports.get(&hit.report).and_then(|r| r.as_ref()),
                    file_of(hit).and_then(|f| f.path.as_deref()),
                    &needles,
                )
            })
            .collect();
        return Ok(Table {
            columns: COLUMNS.to_vec(),
            rows,
        });
    }
}

/// `path` beside `file`, as in the other tables: the file as found from
/// the current directory (empty for the built-in corpus).
pub const COLUMNS: [&str; 6] = ["file", "path", "line", "section", "score", "snippet"];

fn row(
    hit: &Hit,
    report: Option<&Report>,
    path: Option<&std::path::Path>,
    needles: &[Vec<Option<char>>],
) -> Vec<Cell> {
    let first: Option<Match> = report.and_then(|r| {
        locate::find(r, hit.paragraphs.clone(), needles)
            .into_iter()
            .next()
    });
    let section = report
        .zip(hit.section)
        .and_then(|(r, s)| r.sections.get(s))
        .map(|s| {
            if s.label.is_empty() {
                s.title.clone()
            } else {
                format!("{}{}", s.label, s.title)
            }
        });
    let snippet = report.and_then(|r| match &first {
        Some(m) => r
            .paragraphs
            .get(m.paragraph)
            .map(|p| locate::snippet(&p.text, m.bytes.clone(), SNIPPET_CHARS)),
        None => r
            .paragraphs
            .get(hit.paragraphs.start)
            .map(|p| locate::snippet(&p.text, 0..0, SNIPPET_CHARS)),
    });
    vec![
        Cell::from(hit.file.as_str()),
        path.map_or(Cell::Empty, |p| {
            Cell::from(p.to_string_lossy().into_owned())
        }),
        Cell::Int(first.as_ref().map(|m| m.line).unwrap_or(hit.line) as i64),
        Cell::from(section),
        Cell::Float((hit.score as f64 * 1000.0).round() / 1000.0),
        Cell::from(snippet),
    ]
}
