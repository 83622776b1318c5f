//! How search changes the reader: the indexer's news, `/`, `n`/`N` and
//! `R` in the panes, the list filtered by a query, matches found and
//! stepped through in the open report.

use super::*;
use crate::library::reconcile::index_positions;
use crate::search::index::Location;
use crate::tui::action::Action;
use crate::tui::app::{App, Pane};
use crate::tui::marks::{Mark, MarkKind, MarkLayer};
use crate::tui::reader::{Anchor, Doc};
use std::ops::Range;
use std::sync::Arc;

impl App {
    // ---- index ------------------------------------------------------------

    pub(in crate::tui) fn search_msg(&mut self, msg: SearchMsg) {
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
    pub(in crate::tui) fn search_reload(&mut self) {
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
    pub(in crate::tui) fn search_act(&mut self, a: Action) -> bool {
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
}

impl App {
    // ---- the list filter ------------------------------------------------------

    /// A list filter, if none is on yet: it remembers the selection (Esc
    /// restores it) and each report's row in the unfiltered list.
    pub(super) fn start_filter(&mut self) {
        if self.search.filter.is_some() {
            return;
        }
        let rank = self.list_rank();
        self.search.filter = Some(ListFilter {
            query: String::new(),
            counts: Vec::new(),
            engine: Engine::Scan,
            before: self.list.selected_report(),
            rank,
        });
    }

    /// Filter the list by `text`; the box's info line.
    pub(super) fn apply_filter(&mut self, text: &str, select_best: bool) -> Result<String, String> {
        self.start_filter();
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

    pub(super) fn clear_filter(&mut self) {
        let before = self.search.filter.take().and_then(|f| f.before);
        self.list.filter = None;
        self.rebuild_list();
        if let Some(i) = before {
            self.list.select_report(i);
        }
    }

    /// Open report `i` at the first match of `query` (or at `at`, a match
    /// given by paragraph and bytes), every match marked.
    pub(in crate::tui) fn open_at_hit(
        &mut self,
        i: usize,
        query: &str,
        at: Option<(usize, Range<usize>)>,
    ) {
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
    pub(super) fn find_in_report(&mut self, text: &str, typing: bool) -> Result<String, String> {
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
    pub(in crate::tui) fn search_step(&mut self, forward: bool) {
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
