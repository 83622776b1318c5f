//! Opening the compare view on the section being read (its partner found
//! in the next report that has the topic), scrolling the sides apart or
//! together, and the keys of the view.

use super::view::*;
use super::*;
use crate::figures::compare::in_paragraphs;
use crate::topics::{most_similar, Hit};
use crate::tui::action::{Action, Bar, Context};
use crate::tui::app::{App, Move, Pane};
use crate::tui::layer::{Flow, LayerState};
use crate::tui::marks::Marks;
use crate::tui::picker::Picker;
use crate::tui::reader::{self, Anchor, Doc, ReportIndex, WrapCache};
use crate::tui::topics::next_in_order;
use crate::tui::ui::open_popup;
use crate::tui::walk::Walk;
use ratatui::layout::Rect;
use ratatui::Frame;
use std::ops::Range;
use std::sync::Arc;

impl App {
    fn compare_side(
        &mut self,
        report: usize,
        section: Option<usize>,
        paragraphs: Range<usize>,
    ) -> Side {
        let figures = self
            .report_figures(report)
            .map(|f| in_paragraphs(&f, paragraphs.clone()).to_vec())
            .unwrap_or_default();
        let index = self
            .report(report)
            .map(|r| ReportIndex::new(&r))
            .unwrap_or_default();
        Side {
            report,
            section,
            anchor: Anchor {
                paragraph: paragraphs.start,
                offset: 0,
            },
            paragraphs,
            index,
            cache: WrapCache::default(),
            marks: Marks::default(),
            figures,
        }
    }

    pub(super) fn side_of_hit(&mut self, report: usize, hit: &Hit) -> Option<Side> {
        let paragraphs = hit_paragraphs(&*self.report(report)?, hit);
        Some(self.compare_side(report, hit.section, paragraphs))
    }

    /// `c`: open the compare view on the section being read.
    pub fn open_compare(&mut self) {
        let Some((current, report)) = self.report_being_read() else {
            return;
        };
        if report.sections.is_empty() {
            self.message = Some("This report has no sections to compare".into());
            return;
        }
        let here = self.topic_here();
        let section = match here {
            Some(h) => Some(h.section),
            None => self.focus_section(),
        };
        let Some(section) = section else {
            self.message = Some("Go to a section to compare it".into());
            return;
        };
        let Some(paragraphs) = report.sections.get(section).map(|s| s.paragraphs.clone()) else {
            return;
        };
        let left = self.compare_side(current, Some(section), paragraphs);
        let mut state = CompareState {
            left,
            right: None,
            active: SideId::Left,
            sync: false,
            topic: here.map(|h| h.topic),
            part: here.and_then(|h| h.part),
            shared: Vec::new(),
            strip_offset: 0,
            corpus: self.corpus_generation,
        };
        // The most similar place of each other report; the first report
        // after this one in the list that has one.
        // Only the reports up to that one are classified in full, and
        // only those whose summary has the topic in the part.
        let source = self
            .report_topics(current)
            .and_then(|t| t.sections.get(section).cloned());
        let partner = source.filter(|s| s.primary.is_some()).and_then(|source| {
            let topic = source.primary?;
            let part = source.kind.as_filter();
            next_in_order(&self.list_order(), current, true, |r| {
                if !self.topics.may_have(r, topic, part) {
                    return None;
                }
                let topics = self.report_topics(r)?;
                let report = self.report(r)?;
                most_similar(&source, &report, &topics).map(|(hit, _)| hit)
            })
        });
        match partner.and_then(|(r, hit)| self.side_of_hit(r, &hit)) {
            Some(side) => state.right = Some(side),
            None => {
                self.message = Some("No other report has this topic: pick a section".into());
            }
        }
        state.refresh_shared();
        let picker = state.right.is_none().then(|| self.compare_picker(&state));
        self.open(state);
        if let Some(picker) = picker {
            self.open(picker);
        }
    }

    /// The picker of the other side: the places about the topic in every
    /// other report (every section when there is no topic), in list order,
    /// gathered on a worker while the picker is open.
    fn compare_picker(&mut self, state: &CompareState) -> ComparePicker {
        let (left_report, topic) = (state.left.report, state.topic);
        let taxonomy = self.topics.taxonomy();
        let reports: Vec<usize> = self
            .list_order()
            .into_iter()
            .filter(|&r| r != left_report)
            .filter(|&r| topic.is_none_or(|t| self.topics.may_have(r, t, None)))
            .collect();
        let catalog = Arc::clone(self.catalog_arc());
        let entries = Arc::clone(&catalog);
        let gathering = Walk::start(catalog, reports, move |r, report| {
            let place = entries.entry(r).map(report_label).unwrap_or_default();
            candidates_of(r, report, &taxonomy, topic, &place)
        });
        let mut picker = ComparePicker {
            picker: Picker::default(),
            gathering: Some(gathering),
        };
        picker.receive(self, Some(state), false);
        picker
    }

    /// The text width and height of a side's pane.
    fn compare_viewport(&self, state: &CompareState, id: SideId) -> (usize, usize) {
        let a = areas(self.area(), self, state.shared.len());
        let inner = a.inner(id);
        (reader::text_width(inner), inner.height.max(1) as usize)
    }

    /// How much of a side has been read: the share of its rows down to
    /// the bottom of its pane.
    pub fn compare_percent(&self, id: SideId) -> Option<u8> {
        let state = self.layer::<CompareState>()?;
        let side = state.side(id)?;
        let report = self.report(side.report)?;
        let (width, height) = self.compare_viewport(state, id);
        let mut source = wrapped_lines(side, &report, width);
        let mut doc = Doc::within(&report, side.paragraphs.clone(), &mut source);
        let top = doc.row_of(side.anchor);
        let (_, bottom) = reader::visible_rows(&mut doc, top, height);
        let last = doc.last_row();
        let seen = rows_before(&mut doc, bottom) + 1;
        let total = rows_before(&mut doc, last) + 1;
        Some((seen * 100 / total).min(100) as u8)
    }

    /// Rows from the start of a side's text to the top of its pane.
    pub fn compare_top_row(&self, id: SideId) -> Option<usize> {
        let state = self.layer::<CompareState>()?;
        let side = state.side(id)?;
        let report = self.report(side.report)?;
        let (width, _) = self.compare_viewport(state, id);
        let mut source = wrapped_lines(side, &report, width);
        let mut doc = Doc::within(&report, side.paragraphs.clone(), &mut source);
        let top = doc.row_of(side.anchor);
        Some(rows_before(&mut doc, top))
    }

    /// Move one side the way the reader moves (`Move::target`).
    fn scroll_side(&self, state: &mut CompareState, id: SideId, step: Move) {
        let (width, height) = self.compare_viewport(state, id);
        let Some(side) = state.side_mut(id) else {
            return;
        };
        let Some(report) = self.report(side.report) else {
            return;
        };
        let report_idx = side.report;
        let cache = &mut side.cache;
        let mut source = |p: usize| cache.lines(report_idx, &report, width, p);
        let mut doc = Doc::within(&report, side.paragraphs.clone(), &mut source);
        let top = doc.row_of(side.anchor);
        let target = step.target(&mut doc, top, height);
        if target != top {
            side.anchor = doc.anchor_of(target);
        }
    }
}

impl LayerState for CompareState {
    fn context(&self) -> Option<Context> {
        Some(Context::Compare)
    }

    fn act(&mut self, app: &mut App, a: Action) -> Flow {
        let (active, sync) = (self.active, self.sync);
        if let Some(m) = Move::of_action(a) {
            // Together, both sides move by the same rows: a page of the
            // active side.
            let step = match m {
                Move::Pages(..) => Move::Lines(m.rows(app.compare_viewport(self, active).1)),
                other => other,
            };
            app.scroll_side(self, active, step);
            if sync {
                app.scroll_side(self, active.other(), step);
            }
            return Flow::Stay;
        }
        match a {
            Action::Back | Action::Quit | Action::Compare => return Flow::Close,
            Action::CompareSwitchSide if self.right.is_some() => {
                self.active = self.active.other();
            }
            Action::CompareSync => {
                self.sync = !self.sync;
                app.message = Some(if self.sync {
                    "Scrolling both sides together".into()
                } else {
                    "Scrolling each side on its own".into()
                });
            }
            Action::ComparePick => {
                let picker = app.compare_picker(self);
                app.open(picker);
            }
            Action::Open => {
                let Some(side) = self.side(self.active) else {
                    return Flow::Stay;
                };
                let (r, at) = (side.report, side.anchor);
                let heading = side
                    .section
                    .filter(|_| side.anchor == side.start())
                    .and_then(|i| {
                        let report = app.report(r)?;
                        let sec = report.sections.get(i)?;
                        Some((sec.paragraph, sec.heading.clone()))
                    });
                let (paragraph, range) = heading.unwrap_or((at.paragraph, at.offset..at.offset));
                app.reveal(r, paragraph, range);
                app.focus = Pane::Reader;
                return Flow::Close;
            }
            _ => {}
        }
        Flow::Stay
    }

    /// A reload closes the view: its sides were of the old corpus.
    fn tick(&mut self, app: &mut App, _wait: bool) -> Flow {
        if self.corpus == app.corpus_generation {
            Flow::Stay
        } else {
            Flow::Close
        }
    }

    fn bar(&self, _app: &App) -> Option<Bar> {
        Some(Bar::Compare)
    }

    fn status(&self, app: &App) -> Option<String> {
        Some(status_text(app, self))
    }

    fn position(&self, app: &App) -> Option<String> {
        Some(position_text(app, self))
    }

    fn area(&self, screen: Rect, app: &App) -> Option<Rect> {
        Some(main_area(screen, app))
    }

    fn draw(&self, frame: &mut Frame, screen: Rect, app: &App) {
        let a = areas(screen, app, self.shared.len());
        open_popup(frame, main_area(screen, app));
        draw_side(frame, app, self, &a, SideId::Left, Some(&self.left));
        draw_side(frame, app, self, &a, SideId::Right, self.right.as_ref());
        draw_strip(frame, app, &a, self);
    }
}

/// Rows from the start of a side's text to `to` (0 when `to` is the first).
fn rows_before(doc: &mut Doc, to: reader::Row) -> usize {
    let mut r = doc.first_row();
    let mut n = 0;
    while r < to {
        let next = doc.forward(r, 1);
        if next == r {
            break;
        }
        r = next;
        n += 1;
    }
    n
}
