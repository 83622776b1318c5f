//! Opening reports (the first one ahead of the corpus, the corpus, one
//! from the list), remembering and saving where the reader is, and jumps
//! that `''` can undo.

use super::*;
use crate::library::Catalog;
use crate::report::Report;
use crate::tui::marks::{Mark, MarkKind, MarkLayer};
use crate::tui::memory::{find_report, ReportKey};
use crate::tui::outline_pane::OutlineState;
use crate::tui::reader::{Anchor, Doc, ReaderState, ReportIndex};
use std::sync::Arc;

impl App {
    pub(super) fn first_report(&mut self, report: Report) {
        let key = ReportKey::of(&report);
        // The report asked for, else the one read last time; with none,
        // whichever came first.
        let wanted = match &self.start_at {
            Some(at) => report.path.as_deref().is_some_and(|p| at.names(p)),
            None => self
                .state
                .last_report
                .as_deref()
                .is_none_or(|k| key.matches(k)),
        };
        if !self.loading || !self.catalog.is_empty() || !wanted {
            return;
        }
        self.catalog = Arc::new(Catalog::from_reports(vec![report]));
        self.corpus_generation += 1;
        self.rebuild_list();
        self.open_report(0);
        self.go_to_start();
    }

    pub(super) fn loaded(&mut self, catalog: Box<Catalog>) {
        // A report shown ahead of the corpus stays open where it is read.
        self.remember_position();
        let reading = self.reader.report.and_then(|i| self.report_key(i).cloned());
        // Its marks too (the line `gwr FILE:LINE` opened at).
        let marks = std::mem::take(&mut self.reader.marks);
        self.reader = ReaderState::default();
        self.open = None;
        self.jump_back = None;
        self.loading = false;
        self.load_problems = catalog.problems.iter().map(|p| p.to_string()).collect();
        let notices = catalog.notices.clone();
        self.catalog = Arc::from(catalog);
        self.corpus_generation += 1;
        self.rebuild_list();
        self.topics.start(&self.catalog);
        if !self.load_problems.is_empty() {
            self.message = Some(format!(
                "{} file(s) could not be loaded: {}",
                self.load_problems.len(),
                self.load_problems.join("; ")
            ));
        } else if !notices.is_empty() {
            self.message = Some(notices.join("; "));
        }
        let last = self.state.last_report.clone();
        let same = reading.and_then(|k| find_report(k.as_str(), self.report_keys()));
        if let Some(i) = same {
            self.open_report(i);
            self.reader.marks = marks;
        }
        let restored = same.or_else(|| last.and_then(|k| find_report(&k, self.report_keys())));
        let first = restored.or_else(|| {
            self.list.select_first();
            self.list.selected_report()
        });
        if let Some(i) = first {
            self.open_report(i);
        }
        self.go_to_start();
        self.search_reload();
    }

    // ---- opening and positions ------------------------------------------

    /// Open report `i` at its remembered position.
    pub fn open_report(&mut self, i: usize) {
        if i >= self.catalog.len() || self.reader.report == Some(i) {
            return;
        }
        let report = match self.catalog.report(i) {
            Ok(r) => r,
            Err(problem) => {
                // Changed or gone since it was listed: say so, keep reading.
                self.message = Some(problem.to_string());
                return;
            }
        };
        if self.reader.report.is_some() {
            // Switching reports: a good moment to save (not every key is).
            self.save();
        }
        let index = ReportIndex::new(&report);
        let key = self.catalog.entries()[i].key.clone();
        let anchor = self
            .state
            .position(&key)
            .map(|p| index.anchor_of_position(&report, p))
            .unwrap_or_default();
        self.outline = OutlineState::for_report(&report);
        self.reader = ReaderState {
            report: Some(i),
            anchor,
            index,
            cache: Default::default(),
            marks: Default::default(),
        };
        self.open = Some(report);
        self.state.set_last_report(&key);
        self.list.select_report(i);
    }

    /// Record the reading position of the open report in the state.
    pub fn remember_position(&mut self) {
        if let Some((i, report)) = self.current_report() {
            let pos = self.reader.index.position(report, self.reader.anchor);
            if let Some(key) = self.catalog.entry(i).map(|e| &e.key) {
                self.state.set_position(key, pos);
            }
        }
    }

    pub fn save(&mut self) {
        self.remember_position();
        match self.store.save(&mut self.state) {
            Ok(notes) if !notes.is_empty() => self.message = Some(notes.join("; ")),
            Ok(_) => {}
            Err(e) => self.message = Some(format!("Could not save reading state: {e}")),
        }
    }

    pub(super) fn quit(&mut self) {
        self.save();
        self.quit = true;
    }

    /// Move the reader to `anchor` in report `i`, remembering where it was.
    pub(in crate::tui) fn jump(&mut self, i: usize, anchor: Anchor) {
        if let Some(cur) = self.reader.report {
            self.jump_back = Some((cur, self.reader.anchor));
        }
        self.open_report(i);
        if self.reader.report == Some(i) {
            self.reader.anchor = anchor;
        }
    }

    /// Open report `i` with the byte range `range` of paragraph `paragraph`
    /// in view, a few rows below the top so its context shows, and its
    /// sentence marked (search hits, figures, comparisons all land here).
    pub fn reveal(&mut self, i: usize, paragraph: usize, range: std::ops::Range<usize>) {
        let Some(report) = self.report(i) else {
            return;
        };
        let Some(text) = report.paragraphs.get(paragraph).map(|p| &p.text) else {
            return;
        };
        let sentence = crate::text::sentence::sentence_around(text, range);
        let at = Anchor {
            paragraph,
            offset: sentence.start,
        };
        self.jump(i, at);
        if self.reader.report != Some(i) {
            return;
        }
        let (width, height) = self.reader_viewport();
        let Some(report) = self.open.clone() else {
            return;
        };
        let cache = &mut self.reader.cache;
        let mut source = |p: usize| cache.lines(i, &report, width, p);
        let mut doc = Doc::new(&report, &mut source);
        let row = doc.row_of(at);
        let context = (height / 3).min(4);
        let top = doc.backward(row, context);
        self.reader.anchor = doc.anchor_of(top);
        self.reader.marks.set(
            MarkLayer::Target,
            vec![Mark {
                paragraph,
                range: sentence,
                kind: MarkKind::Target,
            }],
        );
    }

    /// Open the report [`App::start_at`] names at its line, if it is in the
    /// corpus (else say so).
    pub(super) fn go_to_start(&mut self) {
        let Some(at) = self.start_at.take() else {
            return;
        };
        let found = self
            .catalog
            .entries()
            .iter()
            .position(|e| e.path.as_deref().is_some_and(|p| at.names(p)));
        match found {
            Some(i) => self.go_to_line(i, at.line),
            None => {
                self.message = Some(format!(
                    "{} is not among the reports read",
                    crate::text::sanitize::visible(&at.file.to_string_lossy())
                ))
            }
        }
    }

    /// Open report `i` at `line` of its file: the paragraph holding the
    /// line, or the first after it (a blank or cleaned-away line).
    pub fn go_to_line(&mut self, i: usize, line: u32) {
        let Some(report) = self.report(i) else {
            return;
        };
        let at = report
            .paragraphs
            .iter()
            .position(|p| p.last_line() >= line)
            .map(|p| {
                let paragraph = &report.paragraphs[p];
                let offset = paragraph
                    .spans
                    .iter()
                    .find(|s| s.line == line)
                    .map_or(0, |s| s.offset);
                (p, offset)
            })
            .or_else(|| report.paragraphs.len().checked_sub(1).map(|p| (p, 0)));
        match at {
            Some((paragraph, offset)) => self.reveal(i, paragraph, offset..offset),
            None => self.open_report(i),
        }
    }

    pub(in crate::tui) fn jump_here(&mut self, anchor: Anchor) {
        if let Some(i) = self.reader.report {
            self.jump(i, anchor);
        }
    }
}
