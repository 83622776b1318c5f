//! Search in the reader: the index opened or built in the background, the
//! `/` box that filters the report list as you type, `/` in the reading
//! pane with every match marked and `n`/`N`, and the way into the results
//! view ([`super::search_results`]).
//!
//! Queries use the search language ([`crate::search::query`]). Until the
//! index is ready (and whenever it fails) the same query is answered by
//! scanning the loaded text ([`crate::search::linear`]), which gives the
//! index's answers more slowly; the box says which one answered.

use super::action::{Action, Bar, Context};
use super::app::{App, Pane};
use super::input::{InputEvent, TextInput};
use super::keymap::Key;
use super::layer::{Flow, LayerKind, LayerState};
use super::marks::{Mark, MarkKind, MarkLayer};
use super::picker::list_step;
use super::reader::{Anchor, Doc};
use super::report_list::ListRow;
use super::search_results::Results;
use crate::corpus::Source;
use crate::library::reconcile::index_positions;
use crate::library::Catalog;
use crate::report::Report;
use crate::search::index::{self, IndexEvent, Location};
use crate::search::linear;
use crate::search::locate;
use crate::search::{Query, SearchError, SearchIndex, Searcher, UpdateStats};
use crate::text::width::{display_width, fit, for_display};
use crate::topics::TopicSource;
use ratatui::layout::Rect;
use ratatui::text::Span;
use ratatui::widgets::Paragraph;
use ratatui::Frame;
use std::ops::Range;
use std::path::PathBuf;
use std::sync::mpsc;
use std::sync::Arc;

/// What the background indexer reports.
pub enum SearchMsg {
    /// The topic taxonomy is loaded (scanning can answer `topic:` now).
    Topics(TopicSource),
    Notice(String),
    /// Indexing of this many reports starts.
    Start(u64),
    /// This many more reports are indexed.
    Advanced(u64),
    Ready(Box<Result<(SearchIndex, UpdateStats), SearchError>>),
    /// The indexer is gone (after `Ready`, or having failed without one).
    Stopped,
}

impl std::fmt::Debug for SearchMsg {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            SearchMsg::Topics(_) => write!(f, "Topics"),
            SearchMsg::Notice(m) => write!(f, "Notice({m:?})"),
            SearchMsg::Start(n) => write!(f, "Start({n})"),
            SearchMsg::Advanced(n) => write!(f, "Advanced({n})"),
            SearchMsg::Stopped => write!(f, "Stopped"),
            SearchMsg::Ready(r) => match r.as_ref() {
                Ok((idx, _)) => write!(f, "Ready({} reports)", idx.report_count()),
                Err(e) => write!(f, "Ready(Err({e}))"),
            },
        }
    }
}

/// Load the topic taxonomy, then open (or build) the index of the corpus
/// on a background thread; the event loop polls the channel. The jieba
/// dictionary (for ranking) loads last, off the first frame's way.
pub fn spawn(paths: Vec<PathBuf>, indexer: Option<PathBuf>) -> mpsc::Receiver<SearchMsg> {
    let (tx, rx) = mpsc::channel();
    std::thread::spawn(move || {
        let (topics, warnings) = TopicSource::load();
        for w in warnings {
            let _ = tx.send(SearchMsg::Notice(w));
        }
        let _ = tx.send(SearchMsg::Topics(topics.clone()));
        let events = index::spawn_open(
            Source::from_paths(&paths),
            index::default_cache_dir(),
            topics,
            indexer,
        );
        for ev in events {
            let msg = match ev {
                IndexEvent::Notice(m) => SearchMsg::Notice(m),
                IndexEvent::Start(n) => SearchMsg::Start(n),
                IndexEvent::Advance => SearchMsg::Advanced(1),
                IndexEvent::Ready(r) => SearchMsg::Ready(r),
            };
            if tx.send(msg).is_err() {
                return;
            }
        }
        crate::search::tokenizer::jieba();
    });
    rx
}

/// Everything the indexer sent since the last look, with progress steps
/// added up (one message per report would redraw once per report).
pub fn drain(rx: &mpsc::Receiver<SearchMsg>) -> Vec<SearchMsg> {
    let mut out: Vec<SearchMsg> = Vec::new();
    loop {
        match rx.try_recv() {
            Ok(msg) => match (out.last_mut(), msg) {
                (Some(SearchMsg::Advanced(n)), SearchMsg::Advanced(k)) => *n += k,
                (_, msg) => out.push(msg),
            },
            Err(mpsc::TryRecvError::Empty) => return out,
            Err(mpsc::TryRecvError::Disconnected) => {
                out.push(SearchMsg::Stopped);
                return out;
            }
        }
    }
}

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
    rank: Vec<usize>,
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

    fn taxonomy(&self) -> Option<Arc<crate::topics::Taxonomy>> {
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

impl App {
    // ---- index ------------------------------------------------------------

    pub(super) fn search_msg(&mut self, msg: SearchMsg) {
        match msg {
            SearchMsg::Topics(t) => self.search.topics = Some(t),
            SearchMsg::Stopped => {
                if self.search.busy() {
                    self.message = Some(
                        "The search index stopped unexpectedly; searching by scanning the text"
                            .into(),
                    );
                    self.search.index = IndexStatus::Failed("the indexer stopped".into());
                }
            }
            SearchMsg::Notice(m) => self.message = Some(format!("Search: {m}")),
            SearchMsg::Start(total) => self.search.index = IndexStatus::Building { done: 0, total },
            SearchMsg::Advanced(n) => {
                if let IndexStatus::Building { done, .. } = &mut self.search.index {
                    *done += n;
                }
            }
            SearchMsg::Ready(result) => match *result {
                Ok((index, stats)) => {
                    let indexed = stats.added + stats.changed;
                    if matches!(index.location(), Location::Memory) && self.message.is_none() {
                        self.message = Some("Search: the index is in memory for this run".into());
                    } else if indexed > 0 && self.message.is_none() {
                        self.message = Some(format!(
                            "Search index ready: {indexed} report(s) indexed, {} in all",
                            index.report_count()
                        ));
                    }
                    let searcher = index.searcher();
                    self.search.index = IndexStatus::Ready(Box::new(ReadyIndex {
                        index,
                        searcher,
                        loaded: None,
                    }));
                    self.search_reload();
                }
                Err(e) => {
                    self.message = Some(format!(
                        "Search index unavailable ({e}); searching by scanning the text"
                    ));
                    self.search.index = IndexStatus::Failed(e.to_string());
                }
            },
        }
    }

    /// The corpus or the index changed: map one onto the other and run
    /// the active filter again.
    pub(super) fn search_reload(&mut self) {
        if !self.loading {
            let catalog = Arc::clone(self.catalog_arc());
            if let IndexStatus::Ready(r) = &mut self.search.index {
                r.loaded = Some(index_positions(&r.index, catalog.entries()));
            }
        }
        if let Some(f) = &self.search.filter {
            if f.counts.len() != self.report_count() {
                // Positions changed with the corpus: start over.
                self.search.filter = None;
                self.list.filter = None;
                self.rebuild_list();
                self.with_layer(|app, b: &mut SearchBox| {
                    if b.target == Target::List {
                        app.search_changed(b);
                    }
                });
                return;
            }
        }
        if self.layer::<SearchBox>().is_some() {
            self.with_layer(|app, b: &mut SearchBox| {
                if b.target != Target::Reader {
                    app.search_changed(b);
                }
            });
        } else if let Some(q) = self.search.filter.as_ref().map(|f| f.query.clone()) {
            // A query that ran before runs again; an error keeps the old list.
            let _ = self.apply_filter(&q, false);
        }
    }

    // ---- keys in the panes ---------------------------------------------------

    /// Search actions in the panes, and those search changes the meaning
    /// of (Esc clears a search first, Enter opens a filtered report at its
    /// hit). Returns whether it was taken.
    pub(super) fn search_act(&mut self, a: Action) -> bool {
        match a {
            Action::Search => {
                match self.focus {
                    Pane::List => self.open_input(Target::List),
                    _ => self.open_input(Target::Reader),
                }
                true
            }
            Action::NextMatch => {
                self.search_step(true);
                true
            }
            Action::PrevMatch => {
                self.search_step(false);
                true
            }
            Action::SearchResults => {
                let query = self.active_query();
                self.open_results(query);
                true
            }
            // With no box open: the results view, with an empty box.
            Action::SearchAllHits => {
                self.open_results(None);
                true
            }
            Action::Back => self.search_back(),
            Action::Open if self.focus == Pane::List && self.search.filter.is_some() => {
                match self.list.selected_report() {
                    Some(i) => {
                        let query = self.search.filter.as_ref().map(|f| f.query.clone());
                        self.open_at_hit(i, query.as_deref().unwrap_or(""), None);
                        self.focus = Pane::Reader;
                    }
                    None => self.message = Some("No report matches".into()),
                }
                true
            }
            _ => false,
        }
    }

    /// Esc: clear the list filter (in the list) or the highlighting (in
    /// the reader) before anything else.
    fn search_back(&mut self) -> bool {
        if self.focus == Pane::List && self.search.filter.is_some() {
            self.clear_filter();
            return true;
        }
        if self.focus == Pane::Reader && self.reader_search_here() {
            self.search.reader = None;
            self.reader.marks.clear(MarkLayer::Search);
            self.message = Some("Search cleared".into());
            return true;
        }
        false
    }

    fn reader_search_here(&self) -> bool {
        self.search
            .reader
            .as_ref()
            .is_some_and(|s| Some(s.report) == self.reader.report)
    }

    /// The query the user is working with: the box, the list filter, the
    /// reader's search, the last one.
    fn active_query(&self) -> Option<String> {
        let here = self
            .search
            .reader
            .as_ref()
            .filter(|s| Some(s.report) == self.reader.report)
            .map(|s| s.query.clone());
        let filter = self.search.filter.as_ref().map(|f| f.query.clone());
        let (first, second) = if self.focus == Pane::List {
            (filter, here)
        } else {
            (here, filter)
        };
        first
            .or(second)
            .or_else(|| Some(self.search.last_query.clone()))
            .filter(|q| !q.trim().is_empty())
    }

    // ---- the box ------------------------------------------------------------

    /// Open the box over the list or the reader.
    fn open_input(&mut self, target: Target) {
        let text = match target {
            Target::List => self.search.filter.as_ref().map(|f| f.query.clone()),
            Target::Reader | Target::Results => None,
        }
        .unwrap_or_default();
        if target == Target::List && self.search.filter.is_none() {
            let rank = self.list_rank();
            self.search.filter = Some(ListFilter {
                query: String::new(),
                counts: Vec::new(),
                engine: Engine::Scan,
                before: self.list.selected_report(),
                rank,
            });
        }
        if target == Target::Reader {
            let anchor = self.reader.anchor;
            self.search.reader = self.reader.report.map(|report| ReaderSearch {
                report,
                query: String::new(),
                matches: Vec::new(),
                current: None,
                origin: anchor,
            });
            self.reader.marks.clear(MarkLayer::Search);
        }
        let mut b = SearchBox {
            target,
            input: TextInput::new(&text),
            info: Ok(String::new()),
        };
        if !text.is_empty() {
            self.search_changed(&mut b);
        }
        self.open(b);
    }

    /// Each report's row in the unfiltered list.
    fn list_rank(&mut self) -> Vec<usize> {
        let mut rank = vec![usize::MAX; self.report_count()];
        for (row, r) in self.list.rows.iter().enumerate() {
            if let ListRow::Report(i) = r {
                if let Some(slot) = rank.get_mut(*i) {
                    *slot = row;
                }
            }
        }
        rank
    }

    /// The text in the box changed: run it.
    pub(super) fn search_changed(&mut self, b: &mut SearchBox) {
        let text = b.input.text().to_string();
        b.info = match b.target {
            Target::List => self.apply_filter(&text, true),
            Target::Reader => self.find_in_report(&text, true),
            Target::Results => self.rerun_results(&text),
        };
    }

    /// Enter in the box; whether the results view goes too (an empty
    /// query with nothing found).
    fn accept_input(&mut self, b: &SearchBox) -> Flow {
        let text = b.input.text().trim().to_string();
        if !text.is_empty() && b.info.is_ok() {
            self.search.last_query = text.clone();
        }
        match b.target {
            Target::List => {
                if text.is_empty() || b.info.is_err() {
                    self.clear_filter();
                } else {
                    self.focus = Pane::List;
                }
            }
            Target::Reader => match &self.search.reader {
                Some(s) if s.matches.is_empty() && !text.is_empty() => {
                    self.message = Some(match &b.info {
                        Err(e) => e.clone(),
                        Ok(_) => format!("Not found: {text}"),
                    });
                }
                Some(s) => {
                    if let Some(c) = s.current {
                        self.message = Some(format!("Match {}/{}", c + 1, s.matches.len()));
                    }
                    let origin = s.origin;
                    if let Some(i) = self.reader.report {
                        if origin != self.reader.anchor {
                            self.jump_back = Some((i, origin));
                        }
                    }
                }
                None => {}
            },
            Target::Results => {
                let nothing = self.layer::<Results>().is_none_or(|r| r.hits.is_empty());
                if text.is_empty() && nothing {
                    return Flow::CloseDownTo(LayerKind::Results);
                }
            }
        }
        Flow::Close
    }

    /// Esc in the box: the search is undone.
    fn cancel_input(&mut self, b: &SearchBox) -> Flow {
        match b.target {
            Target::List => self.clear_filter(),
            Target::Reader => {
                if let Some(s) = self.search.reader.take() {
                    if self.reader.report == Some(s.report) {
                        self.reader.anchor = s.origin;
                    }
                }
                self.reader.marks.clear(MarkLayer::Search);
            }
            Target::Results => {
                if self.layer::<Results>().is_none_or(|r| r.query.is_empty()) {
                    return Flow::CloseDownTo(LayerKind::Results);
                }
            }
        }
        Flow::Close
    }

    /// Up and Down move in what the box filters, while typing.
    fn move_under_box(&mut self, target: Target, a: Action) {
        match target {
            Target::List => {
                let page = self
                    .areas()
                    .list
                    .map(|r| r.height.saturating_sub(2))
                    .unwrap_or(10) as isize;
                if let Some(d) = list_step(a, page) {
                    self.list.move_by(d);
                }
            }
            Target::Results => {
                let page = super::search_results::page(self);
                if let (Some(d), Some(r)) = (list_step(a, page), self.layer_mut::<Results>()) {
                    r.move_by(d);
                }
            }
            Target::Reader => {
                if let Some(d) = list_step(a, 1) {
                    self.search_step(d > 0);
                }
            }
        }
    }

    // ---- the list filter ------------------------------------------------------

    /// Filter the list by `text`; the box's info line.
    fn apply_filter(&mut self, text: &str, select_best: bool) -> Result<String, String> {
        if self.search.filter.is_none() {
            let rank = self.list_rank();
            self.search.filter = Some(ListFilter {
                query: String::new(),
                counts: Vec::new(),
                engine: Engine::Scan,
                before: self.list.selected_report(),
                rank,
            });
        }
        if text.trim().is_empty() {
            // An empty box shows the whole list.
            if let Some(f) = self.search.filter.as_mut() {
                f.query.clear();
                f.counts.clear();
            }
            self.list.filter = None;
            self.rebuild_list();
            return Ok(String::new());
        }
        let query = self.search.parse(text)?;
        let (found, engine) = report_matches(&self.search, self.catalog(), &query)?;
        let n = self.report_count();
        let Some(filter) = self.search.filter.as_mut() else {
            return Ok(String::new());
        };
        let mut counts = vec![0u32; n];
        for &(i, n) in &found {
            if let Some(c) = counts.get_mut(i) {
                *c = n;
            }
        }
        let mut order: Vec<usize> = found.iter().map(|&(i, _)| i).collect();
        let rank = &filter.rank;
        order.sort_by_key(|&i| {
            (
                std::cmp::Reverse(counts[i]),
                rank.get(i).copied().unwrap_or(usize::MAX),
                i,
            )
        });
        let passages: u64 = found.iter().map(|&(_, n)| n as u64).sum();
        filter.query = text.trim().to_string();
        filter.counts = counts;
        filter.engine = engine;
        self.list.filter = Some(order);
        self.rebuild_list();
        if select_best {
            self.list.select_first();
            self.list.offset = 0;
        }
        Ok(describe(found.len(), passages, engine, &self.search))
    }

    fn clear_filter(&mut self) {
        let before = self.search.filter.take().and_then(|f| f.before);
        self.list.filter = None;
        self.rebuild_list();
        if let Some(i) = before {
            self.list.select_report(i);
        }
    }

    /// Open report `i` at the first match of `query` (or at `at`, a match
    /// given by paragraph and bytes), every match marked.
    pub(super) fn open_at_hit(&mut self, i: usize, query: &str, at: Option<(usize, Range<usize>)>) {
        let Some(report) = self.report(i) else {
            return;
        };
        let matches = match self.search.parse(query) {
            Ok(q) => matches_in(&self.search, &report, &q),
            Err(_) => Vec::new(),
        };
        let current = match &at {
            Some((p, bytes)) => matches
                .iter()
                .position(|(mp, mb)| mp == p && mb.start == bytes.start)
                .or_else(|| matches.iter().position(|(mp, _)| mp >= p)),
            None => (!matches.is_empty()).then_some(0),
        };
        let target = current.and_then(|c| matches.get(c).cloned()).or(at);
        match target {
            Some((p, bytes)) => self.reveal(i, p, bytes),
            None => {
                if let Some(cur) = self.reader.report.filter(|&c| c != i) {
                    self.jump_back = Some((cur, self.reader.anchor));
                }
                self.open_report(i);
            }
        }
        if self.reader.report != Some(i) {
            return;
        }
        self.search.last_query = query.to_string();
        self.search.reader = Some(ReaderSearch {
            report: i,
            query: query.to_string(),
            matches,
            current,
            origin: self.reader.anchor,
        });
        self.set_search_marks();
        if let Some(s) = &self.search.reader {
            self.message = Some(match s.current {
                Some(c) => format!("Match {}/{}: n next, N previous", c + 1, s.matches.len()),
                None => "Nothing to highlight for this query here".into(),
            });
        }
    }

    // ---- find in the open report --------------------------------------------

    /// Find `text` in the open report; while typing, move to the first
    /// match after where the search started.
    fn find_in_report(&mut self, text: &str, typing: bool) -> Result<String, String> {
        let Some((i, report)) = self.current_report() else {
            return Err("No report is open".into());
        };
        let origin = self
            .search
            .reader
            .as_ref()
            .filter(|s| s.report == i)
            .map(|s| s.origin)
            .unwrap_or(self.reader.anchor);
        if text.trim().is_empty() {
            self.search.reader = Some(ReaderSearch {
                report: i,
                query: String::new(),
                matches: Vec::new(),
                current: None,
                origin,
            });
            self.reader.marks.clear(MarkLayer::Search);
            if typing {
                self.reader.anchor = origin;
            }
            return Ok(String::new());
        }
        let query = self.search.parse(text)?;
        let matches = matches_in(&self.search, report, &query);
        let current = matches
            .iter()
            .position(|(p, b)| {
                Anchor {
                    paragraph: *p,
                    offset: b.start,
                } >= origin
            })
            .or((!matches.is_empty()).then_some(0));
        let n = matches.len();
        self.search.reader = Some(ReaderSearch {
            report: i,
            query: text.trim().to_string(),
            matches,
            current,
            origin,
        });
        self.set_search_marks();
        match current {
            Some(c) => {
                self.show_current_match();
                Ok(format!("{}/{n}", c + 1))
            }
            None => {
                if typing {
                    self.reader.anchor = origin;
                }
                if query.expr.highlight_strings().is_empty() {
                    Ok("no text to find: fields select reports (/ in the list)".into())
                } else {
                    Ok("no match in this report".into())
                }
            }
        }
    }

    /// `n`/`N`: the next or previous match, wrapping with a message.
    pub(super) fn search_step(&mut self, forward: bool) {
        let Some(i) = self.reader.report else {
            return;
        };
        if !self.reader_search_here() {
            // A search from the list or an earlier report: find it here.
            let Some(query) = self.active_query() else {
                self.message = Some("No search yet: press / to search".into());
                return;
            };
            let _ = self.find_in_report(&query, false);
            self.search.reader = self.search.reader.take().map(|mut s| {
                s.current = None;
                s
            });
        }
        let Some(s) = self.search.reader.as_mut().filter(|s| s.report == i) else {
            return;
        };
        let n = s.matches.len();
        if n == 0 {
            self.message = Some(format!("Not found: {}", s.query));
            return;
        }
        let here = self.reader.anchor;
        let (next, wrapped) = match (s.current, forward) {
            (Some(c), true) if c + 1 < n => (c + 1, false),
            (Some(_), true) => (0, true),
            (Some(c), false) if c > 0 => (c - 1, false),
            (Some(_), false) => (n - 1, true),
            // No current match yet: the first one at or after the top of
            // the pane (or before it, going back).
            (None, true) => match s.matches.iter().position(|(p, b)| {
                Anchor {
                    paragraph: *p,
                    offset: b.start,
                } >= here
            }) {
                Some(k) => (k, false),
                None => (0, true),
            },
            (None, false) => match s.matches.iter().rposition(|(p, b)| {
                Anchor {
                    paragraph: *p,
                    offset: b.start,
                } < here
            }) {
                Some(k) => (k, false),
                None => (n - 1, true),
            },
        };
        s.current = Some(next);
        self.message = Some(match (wrapped, forward) {
            (true, true) => format!("Search wrapped to the top: {}/{n}", next + 1),
            (true, false) => format!("Search wrapped to the bottom: {}/{n}", next + 1),
            _ => format!("Match {}/{n}", next + 1),
        });
        self.set_search_marks();
        self.show_current_match();
    }

    /// Mark every match of the reader's search, the current one apart.
    fn set_search_marks(&mut self) {
        let Some(s) = self
            .search
            .reader
            .as_ref()
            .filter(|s| Some(s.report) == self.reader.report)
        else {
            return;
        };
        let marks = s
            .matches
            .iter()
            .enumerate()
            .map(|(k, (paragraph, range))| Mark {
                paragraph: *paragraph,
                range: range.clone(),
                kind: if Some(k) == s.current {
                    MarkKind::CurrentMatch
                } else {
                    MarkKind::Match
                },
            })
            .collect();
        self.reader.marks.set(MarkLayer::Search, marks);
    }

    /// Scroll so the current match is on screen, a few rows below the top
    /// when it was not.
    fn show_current_match(&mut self) {
        let Some((p, bytes)) = self
            .search
            .reader
            .as_ref()
            .and_then(|s| s.matches.get(s.current?).cloned())
        else {
            return;
        };
        let Some(i) = self.reader.report else {
            return;
        };
        let (width, height) = self.reader_viewport();
        let Some(report) = self.report(i) else {
            return;
        };
        let cache = &mut self.reader.cache;
        let mut source = |k: usize| cache.lines(i, &report, width, k);
        let mut doc = Doc::new(&report, &mut source);
        let top = doc.row_of(self.reader.anchor);
        let row = doc.row_of(Anchor {
            paragraph: p,
            offset: bytes.start,
        });
        let bottom = doc.forward(top, height.saturating_sub(1));
        if row >= top && row <= bottom {
            return;
        }
        let context = (height / 3).min(4);
        let new_top = doc.backward(row, context);
        self.reader.anchor = doc.anchor_of(new_top);
    }
}

/// The box's info for a list filter.
fn describe(reports: usize, passages: u64, engine: Engine, state: &SearchState) -> String {
    let found = format!("{reports} reports, {passages} sections");
    match (engine, &state.index) {
        (Engine::Index, _) => found,
        (Engine::Scan, IndexStatus::Failed(_)) => format!("{found} (text scan: no index)"),
        (Engine::Scan, _) => format!("{found} (text scan until the index is ready)"),
    }
}

/// `3/17 · Indexing 120/300 · `: the status line's search part, before
/// the position.
pub fn status_prefix(app: &App) -> String {
    let mut out = String::new();
    if let Some(p) = app.search.progress() {
        out.push_str(&p);
        out.push_str(" · ");
    }
    if let Some(s) = app
        .search
        .reader
        .as_ref()
        .filter(|s| Some(s.report) == app.reader.report && !s.matches.is_empty())
    {
        match s.current {
            Some(c) => out.push_str(&format!("{}/{} · ", c + 1, s.matches.len())),
            None => out.push_str(&format!("{} matches · ", s.matches.len())),
        }
    }
    out
}

/// A report's hit count in the filtered list.
pub fn list_hits(app: &App, report: usize) -> Option<u32> {
    let f = app.search.filter.as_ref()?;
    app.list.filter.as_ref()?;
    f.counts.get(report).copied()
}

/// The box on one row: prompt and text (with the real cursor), then what
/// the query found or why it cannot run.
pub fn draw_box(frame: &mut Frame, area: Rect, app: &App, input: &SearchBox, prompt: &str) {
    let theme = &app.settings.theme;
    if area.width == 0 || area.height == 0 {
        return;
    }
    frame.render_widget(
        Paragraph::new(Span::styled(" ".repeat(area.width as usize), theme.status)),
        area,
    );
    let (info, style) = match &input.info {
        Ok(s) => (s.clone(), theme.muted),
        Err(e) => (format!("bad query: {e}"), theme.message()),
    };
    let info = for_display(&info).into_owned();
    let text_w = display_width(prompt) + display_width(&for_display(input.input.text())) + 2;
    let w = area.width as usize;
    // The info takes what the text leaves, at most half when the text is long.
    let info_w = display_width(&info)
        .min(w.saturating_sub(text_w).max(w / 2))
        .min(w.saturating_sub(display_width(prompt) + 2));
    let box_w = (w - info_w).max(1) as u16;
    input.input.draw(
        frame,
        Rect {
            width: box_w,
            height: 1,
            ..area
        },
        prompt,
        theme,
    );
    if info_w > 0 {
        let r = Rect {
            x: area.x + box_w,
            width: info_w as u16,
            height: 1,
            ..area
        };
        frame.render_widget(
            Paragraph::new(Span::styled(fit(&info, info_w, theme.ellipsis()), style)),
            r,
        );
    }
}

impl LayerState for SearchBox {
    fn context(&self) -> Option<Context> {
        Some(Context::TextBox)
    }

    fn key(&mut self, app: &mut App, key: Key) -> Option<Flow> {
        Some(match self.input.handle(key, &app.settings.keymap) {
            InputEvent::Changed => {
                app.search_changed(self);
                Flow::Stay
            }
            InputEvent::Moved => Flow::Stay,
            InputEvent::Submit => app.accept_input(self),
            InputEvent::Cancel => app.cancel_input(self),
            InputEvent::Ignored => match app.settings.keymap.lookup(key, Context::TextBox) {
                Some(a) => self.act(app, a),
                None => Flow::Stay,
            },
        })
    }

    /// The box's own actions; the rest go to what is below.
    fn act(&mut self, app: &mut App, a: Action) -> Flow {
        match a {
            Action::SearchAccept => app.accept_input(self),
            Action::SearchCancel => app.cancel_input(self),
            Action::SearchAllHits => {
                let query = self.input.text().to_string();
                app.open_results(Some(query).filter(|q| !q.trim().is_empty()));
                match self.target {
                    Target::Results => Flow::CloseDownTo(LayerKind::Results),
                    _ => Flow::Close,
                }
            }
            Action::BoxDown | Action::BoxUp | Action::BoxPageDown | Action::BoxPageUp => {
                app.move_under_box(self.target, a);
                Flow::Stay
            }
            _ if a.context() == Context::TextBox => {
                if self.input.edit(a) == Some(InputEvent::Changed) {
                    app.search_changed(self);
                }
                Flow::Stay
            }
            _ => Flow::Pass,
        }
    }

    fn is_view(&self) -> bool {
        false
    }

    fn bar(&self, _app: &App) -> Option<Bar> {
        Some(Bar::SearchBox)
    }

    /// Over the status line; the results view draws its own box.
    fn draw(&self, frame: &mut Frame, screen: Rect, app: &App) {
        let row = super::ui::areas(screen, app).status;
        let Some(row) = row.filter(|_| self.target != Target::Results) else {
            return;
        };
        let prompt = match self.target {
            Target::List => "Filter /",
            _ => "Find /",
        };
        draw_box(frame, row, app, self, prompt);
    }
}

/// A `/` box is drawn over the status line.
pub fn box_on_status_row(app: &App) -> bool {
    app.layer::<SearchBox>()
        .is_some_and(|b| b.target != Target::Results)
}
