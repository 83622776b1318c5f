//! Moving in the panes (lines, pages, sections), opening what is
//! selected, and settling derived state after every update: the outline
//! follows the reading, selections stay in view.

use super::*;
use crate::tui::action::Action;
use crate::tui::reader::{self, Anchor, Doc, Row};
use crate::tui::ui;

impl App {
    // ---- moving -----------------------------------------------------------

    pub(in crate::tui) fn move_in_pane(&mut self, m: Move) {
        let areas = self.areas();
        match self.focus {
            Pane::List => {
                let h = areas.list.map(|r| r.height.saturating_sub(2)).unwrap_or(10) as usize;
                match m {
                    Move::Top => self.list.select_first(),
                    Move::Bottom => self.list.select_last(),
                    _ => self.list.move_by(m.rows(h)),
                }
            }
            Pane::Outline => {
                let h = areas
                    .outline
                    .map(|r| r.height.saturating_sub(2))
                    .unwrap_or(10) as usize;
                self.with_outline(|o, r| match m {
                    Move::Top => o.move_by(r, isize::MIN / 2),
                    Move::Bottom => o.move_by(r, isize::MAX / 2),
                    _ => o.move_by(r, m.rows(h)),
                });
            }
            Pane::Reader => self.scroll_reader(m),
        }
    }

    /// The text width and height of the reading pane.
    pub fn reader_viewport(&self) -> (usize, usize) {
        let inner = self.areas().reader_inner;
        (reader::text_width(inner), inner.height.max(1) as usize)
    }

    pub(super) fn scroll_reader(&mut self, m: Move) {
        let (width, height) = self.reader_viewport();
        let Some(idx) = self.reader.report else {
            return;
        };
        let Some(report) = self.open.clone() else {
            return;
        };
        let before = self.reader.anchor;
        let cache = &mut self.reader.cache;
        let mut source = |p: usize| cache.lines(idx, &report, width, p);
        let mut doc = Doc::new(&report, &mut source);
        let top = doc.row_of(before);
        let target = m.target(&mut doc, top, height);
        let anchor = if target == top {
            before
        } else {
            doc.anchor_of(target)
        };
        if matches!(m, Move::Top | Move::Bottom) {
            self.jump_here(anchor);
        } else {
            self.reader.anchor = anchor;
        }
    }

    pub(super) fn section_jump(&mut self, forward: bool, top_only: bool) {
        let Some((_, report)) = self.current_report() else {
            return;
        };
        let here = self.reader.anchor;
        let top_depth = self.reader.index.top_depth;
        let starts = report
            .sections
            .iter()
            .filter(|s| !top_only || s.depth == top_depth)
            .map(|s| Anchor {
                paragraph: s.paragraph,
                offset: s.heading.start,
            });
        let target = if forward {
            starts.filter(|&a| a > here).min()
        } else {
            starts.filter(|&a| a < here).max()
        };
        match target {
            Some(a) => self.jump_here(a),
            None => {
                self.message = Some(
                    match (report.sections.is_empty(), forward) {
                        (true, _) => "This report has no sections",
                        (false, true) => "No later section",
                        (false, false) => "No earlier section",
                    }
                    .to_string(),
                )
            }
        }
    }

    pub(in crate::tui) fn open_in_pane(&mut self) {
        match self.focus {
            Pane::List => {
                if let Some(i) = self.list.selected_report() {
                    if self.reader.report != Some(i) {
                        if let Some(cur) = self.reader.report {
                            self.jump_back = Some((cur, self.reader.anchor));
                        }
                        self.open_report(i);
                    }
                    self.focus = Pane::Reader;
                }
            }
            Pane::Outline => {
                let target = self.current_report().and_then(|(_, r)| {
                    r.sections.get(self.outline.selected).map(|s| Anchor {
                        paragraph: s.paragraph,
                        offset: s.heading.start,
                    })
                });
                if let Some(a) = target {
                    self.jump_here(a);
                    self.focus = Pane::Reader;
                }
            }
            Pane::Reader => self.open_notes(),
        }
    }

    // ---- after every update -------------------------------------------------

    /// Keep derived state consistent: the outline selection follows the
    /// reading into each new section unless the outline has focus (so what
    /// the wheel or the keys selected there stays until the reading moves
    /// on); scroll offsets keep selections in view; the reader's visible
    /// rows are wrapped.
    pub(super) fn settle(&mut self) {
        self.tick_layers(false);
        self.settle_figures();
        let areas = self.areas();
        let (width, height) = self.reader_viewport();
        let open = self.open.clone();
        if let Some(report) = open.as_deref() {
            self.reader.warm(report, width, height);
        }
        let view = reader::frame(self, areas.reader_inner);
        if let Some(report) = open.as_deref() {
            let moved_on = view.section.filter(|&s| self.outline.followed != Some(s));
            if let (Some(s), true) = (moved_on, self.focus != Pane::Outline) {
                self.outline.selected = self.outline.shown_for(report, s);
                self.outline.followed = Some(s);
            }
            if let Some(r) = areas.outline {
                let vis = self.outline.visible(report);
                let sel = self.outline.selected_row(report);
                let h = r.height.saturating_sub(2) as usize;
                self.outline.offset = ui::scroll_offset(self.outline.offset, sel, h, vis.len());
            }
        }
        if let Some(r) = areas.list {
            let h = r.height.saturating_sub(2) as usize;
            self.list.offset = ui::scroll_offset(
                self.list.offset,
                self.list.selected,
                h,
                self.list.rows.len(),
            );
        }
    }
}

#[derive(Debug, Clone, Copy)]
pub(in crate::tui) enum Move {
    Lines(isize),
    /// `Pages(n, d)`: n pages of 1/d of the height.
    Pages(isize, isize),
    Top,
    Bottom,
}

impl Move {
    /// The movement a key asks for, if it is one.
    pub(in crate::tui) fn of_action(a: Action) -> Option<Move> {
        Some(match a {
            Action::Down => Move::Lines(1),
            Action::Up => Move::Lines(-1),
            Action::HalfPageDown => Move::Pages(1, 2),
            Action::HalfPageUp => Move::Pages(-1, 2),
            Action::PageDown => Move::Pages(1, 1),
            Action::PageUp => Move::Pages(-1, 1),
            Action::Top => Move::Top,
            Action::Bottom => Move::Bottom,
            _ => return None,
        })
    }

    /// The top row of a text view `height` rows high after this move from
    /// `top`.
    pub(in crate::tui) fn target(self, doc: &mut Doc, top: Row, height: usize) -> Row {
        let last_top = doc.last_top(height);
        match self {
            Move::Top => doc.first_row(),
            Move::Bottom => last_top,
            _ => {
                let k = self.rows(height);
                if k >= 0 {
                    // Never further than a full last page; a jump may have
                    // put the top lower already, then stay.
                    doc.forward(top, k as usize).min(last_top.max(top))
                } else {
                    doc.backward(top, k.unsigned_abs())
                }
            }
        }
    }

    /// Rows to move in a pane `height` rows high.
    pub(in crate::tui) fn rows(self, height: usize) -> isize {
        let h = height.max(1) as isize;
        match self {
            Move::Lines(n) => n,
            // A page keeps two rows of context.
            Move::Pages(n, 1) => n * (h - 2).max(1),
            Move::Pages(n, d) => n * (h / d).max(1),
            Move::Top => isize::MIN / 2,
            Move::Bottom => isize::MAX / 2,
        }
    }
}
