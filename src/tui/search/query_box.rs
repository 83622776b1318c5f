//! The `/` box layer: typing runs the query as it changes (filtering the
//! list, finding in the report, or filling the results view below); Enter
//! keeps what it found, Esc undoes it, the arrows move in what it filters.

use super::*;
use crate::tui::action::{Action, Bar, Context};
use crate::tui::app::{App, Pane};
use crate::tui::input::{InputEvent, TextInput};
use crate::tui::keymap::Key;
use crate::tui::layer::{Flow, LayerKind, LayerState};
use crate::tui::marks::MarkLayer;
use crate::tui::picker::list_step;
use crate::tui::report_list::ListRow;
use ratatui::layout::Rect;
use ratatui::Frame;

impl App {
    // ---- the box ------------------------------------------------------------

    /// Open the box over the list or the reader.
    pub(super) fn open_input(&mut self, target: Target) {
        let text = match target {
            Target::List => self.search.filter.as_ref().map(|f| f.query.clone()),
            Target::Reader | Target::Results => None,
        }
        .unwrap_or_default();
        if target == Target::List {
            self.start_filter();
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
    pub(super) fn list_rank(&mut self) -> Vec<usize> {
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
    pub(in crate::tui) fn search_changed(&mut self, b: &mut SearchBox) {
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
                let page = results::page(self);
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
        let row = crate::tui::ui::areas(screen, app).status;
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
