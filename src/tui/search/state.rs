//! What search keeps: the index and how its reports map to the loaded
//! ones, the open box's target, the list filter, the matches in the open
//! report; and the queries answered from them.

use crate::library::Catalog;
use crate::report::Report;
use crate::search::linear;
use crate::search::locate;
use crate::search::{Query, SearchIndex, Searcher};
use crate::topics::TopicSource;
use crate::tui::input::TextInput;
use crate::tui::reader::Anchor;
use std::ops::Range;
use std::sync::Arc;

/// Where the index is.
#[derive(Default)]
pub enum IndexStatus {
    /// Scanning the corpus or opening the index.
    #[default]
    Opening,
    Building {
        done: u64,
        total: u64,
    },
    Ready(Box<ReadyIndex>),
    Failed(String),
}

/// An open index and how its report numbers map to the loaded reports.
pub struct ReadyIndex {
    /// Kept open for the searcher.
    pub index: SearchIndex,
    pub searcher: Searcher,
    /// Report number in the index → position in `App::reports`; `None`
    /// until the corpus is loaded, then for reports not loaded or changed
    /// since they were indexed.
    pub loaded: Option<Vec<Option<usize>>>,
}

/// Which engine answered a query.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Engine {
    Index,
    /// A scan of the loaded text (the index is not ready or failed).
    Scan,
}

/// Where typed text goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Target {
    /// Filter the report list.
    List,
    /// Find in the open report.
    Reader,
    /// The query of the results view.
    Results,
}

/// The `/` box layer: what the typed query applies to.
#[derive(Debug, Clone)]
pub struct SearchBox {
    pub target: Target,
    pub input: TextInput,
    /// What the query found, or why it could not run.
    pub info: Result<String, String>,
}

/// The report list narrowed to the reports a query matches.
#[derive(Debug, Clone)]
pub struct ListFilter {
    pub query: String,
    /// Matching passages per report (by position in `App::reports`).
    pub counts: Vec<u32>,
    pub engine: Engine,
    /// What was selected before the filter, to restore on Esc.
    pub before: Option<usize>,
    /// Each report's row in the unfiltered list (ties in hit counts keep
    /// the list's order).
    pub(super) rank: Vec<usize>,
}

/// Matches of a query in the open report.
#[derive(Debug, Clone)]
pub struct ReaderSearch {
    pub report: usize,
    pub query: String,
    /// (paragraph, byte range), in text order.
    pub matches: Vec<(usize, Range<usize>)>,
    pub current: Option<usize>,
    /// Where the reader was when `/` was pressed (Esc goes back there).
    pub origin: Anchor,
}

#[derive(Default)]
pub struct SearchState {
    pub index: IndexStatus,
    pub topics: Option<TopicSource>,
    pub filter: Option<ListFilter>,
    pub reader: Option<ReaderSearch>,
    /// The last query run anywhere, for `R` and `n` with nothing active.
    pub last_query: String,
}

impl SearchState {
    /// The index's searcher and report map, when it can answer for the
    /// loaded corpus.
    pub fn ready(&self) -> Option<(&Searcher, &[Option<usize>])> {
        match &self.index {
            IndexStatus::Ready(r) => Some((&r.searcher, r.loaded.as_deref()?)),
            _ => None,
        }
    }

    pub(super) fn taxonomy(&self) -> Option<Arc<crate::topics::Taxonomy>> {
        self.topics.as_ref().map(|t| t.taxonomy.clone())
    }

    /// Parse a query, checking `topic:` values when the taxonomy is known.
    pub fn parse(&self, text: &str) -> Result<Query, String> {
        let parsed = match &self.topics {
            Some(t) => Query::parse_checked(text, &t.taxonomy),
            None => Query::parse(text),
        };
        parsed.map_err(|e| e.message)
    }

    /// Progress for the status line (opening an index is quick: only
    /// building one shows).
    pub fn progress(&self) -> Option<String> {
        match &self.index {
            IndexStatus::Building { done, total } => Some(format!("Indexing {done}/{total}")),
            _ => None,
        }
    }

    /// The index is being opened or built: news will come.
    pub fn busy(&self) -> bool {
        matches!(
            self.index,
            IndexStatus::Opening | IndexStatus::Building { .. }
        )
    }
}

/// Every report the query matches with its matching passages, by position
/// in `reports`, and which engine answered.
pub fn report_matches(
    state: &SearchState,
    reports: &Catalog,
    query: &Query,
) -> Result<(Vec<(usize, u32)>, Engine), String> {
    if let Some((searcher, loaded)) = state.ready() {
        if let Ok(found) = searcher.matching_reports(query) {
            let mut out: Vec<(usize, u32)> = found
                .into_iter()
                .filter_map(|m| {
                    Some((
                        loaded.get(m.report as usize).copied().flatten()?,
                        m.passages,
                    ))
                })
                .collect();
            // Reports the index does not know as loaded (changed since, or
            // added) are scanned.
            let mut known = vec![false; reports.len()];
            for &r in loaded.iter().flatten() {
                if let Some(k) = known.get_mut(r) {
                    *k = true;
                }
            }
            if known.iter().any(|k| !k) {
                let scan = linear::Scan::new(&query.expr, state.taxonomy());
                out.extend(scan.matching_reports_among(reports, |i| !known[i]));
            }
            return Ok((out, Engine::Index));
        }
    }
    let scan = linear::Scan::new(&query.expr, state.taxonomy());
    if scan.needs_taxonomy() {
        return Err("topic: needs the topic taxonomy, which is still loading".into());
    }
    Ok((scan.matching_reports(reports), Engine::Scan))
}

/// Every match of `query` in `report`: the highlight strings in the
/// passages the query matches.
pub fn matches_in(
    state: &SearchState,
    report: &Report,
    query: &Query,
) -> Vec<(usize, Range<usize>)> {
    let needles = locate::needles(&query.expr);
    linear::Scan::new(&query.expr, state.taxonomy())
        .passages(report)
        .into_iter()
        .flat_map(|p| locate::find(report, p.paragraphs, &needles))
        .map(|m| (m.paragraph, m.bytes))
        .collect()
}
