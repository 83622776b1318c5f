//! The mouse (opt-in by config): the wheel scrolls the pane under the
//! pointer, a click focuses and selects; a second click opens; a click on a
//! footnote marker opens its note.

use super::app::{App, MouseInput, MouseKind, Move, Pane};
use super::notes::Notes;
use super::{reader, ui};
use ratatui::layout::Rect;

impl App {
    pub(super) fn mouse(&mut self, m: MouseInput) {
        if !self.settings.mouse || self.view_open() {
            return;
        }
        let areas = self.areas();
        let hit = |r: Option<Rect>| r.is_some_and(|r| r.contains((m.column, m.row).into()));
        let pane = if hit(areas.list) {
            Pane::List
        } else if hit(areas.outline) {
            Pane::Outline
        } else if hit(Some(areas.reader)) {
            Pane::Reader
        } else {
            return;
        };
        let saved_focus = self.focus;
        self.focus = pane;
        match m.kind {
            MouseKind::ScrollUp | MouseKind::ScrollDown => {
                let d = if m.kind == MouseKind::ScrollUp { -3 } else { 3 };
                self.move_in_pane(Move::Lines(d));
                // The wheel scrolls what is under the pointer, focus stays.
                self.focus = saved_focus;
            }
            MouseKind::Click => self.click(pane, m, &areas),
        }
    }

    fn click(&mut self, pane: Pane, m: MouseInput, areas: &ui::Areas) {
        match pane {
            Pane::List => {
                let Some(r) = areas.list else { return };
                let h = r.height.saturating_sub(2) as usize;
                let offset = ui::scroll_offset(
                    self.list.offset,
                    self.list.selected,
                    h,
                    self.list.rows.len(),
                );
                let row = offset + m.row.saturating_sub(r.y + 1) as usize;
                if m.row > r.y && row < self.list.rows.len() {
                    let was = self.list.selected;
                    self.list.selected = row;
                    self.list.move_by(0);
                    if was == self.list.selected {
                        self.open_in_pane();
                    }
                }
            }
            Pane::Outline => {
                let Some(r) = areas.outline else { return };
                let Some((_, report)) = self.current_report() else {
                    return;
                };
                let vis = self.outline.visible(report);
                let h = r.height.saturating_sub(2) as usize;
                let sel_row = self.outline.selected_row(report);
                let offset = ui::scroll_offset(self.outline.offset, sel_row, h, vis.len());
                let row = offset + m.row.saturating_sub(r.y + 1) as usize;
                if m.row > r.y {
                    if let Some(&s) = vis.get(row) {
                        let was = self.outline.selected;
                        self.outline.selected = s;
                        if was == s {
                            self.open_in_pane();
                        }
                    }
                }
            }
            Pane::Reader => {
                // A click on a footnote marker opens its note.
                let view = reader::frame(self, areas.reader_inner);
                let area = view.text_area;
                if m.row < area.y || m.column < area.x {
                    return;
                }
                let Some(row) = view.rows.get((m.row - area.y) as usize) else {
                    return;
                };
                let (Some(line), Some((_, report))) = (&row.line, self.current_report()) else {
                    return;
                };
                let text = &report.paragraphs[row.paragraph].text;
                let col = (m.column - area.x) as usize;
                let Some(offset) = byte_at_column(text, line.range.clone(), col) else {
                    return;
                };
                let hit = self
                    .reader
                    .index
                    .markers
                    .get(&row.paragraph)
                    .into_iter()
                    .flatten()
                    .copied()
                    .find(|&mk| report.markers[mk].range.contains(&offset));
                if let Some(mk) = hit {
                    self.open(Notes {
                        markers: vec![mk],
                        selected: 0,
                    });
                }
            }
        }
    }
}

/// The byte offset of the character drawn at display column `col` of a
/// wrapped line.
fn byte_at_column(text: &str, range: std::ops::Range<usize>, col: usize) -> Option<usize> {
    use unicode_segmentation::UnicodeSegmentation;
    let line = text.get(range.clone())?;
    let mut x = 0;
    for (i, g) in line.grapheme_indices(true) {
        let w = crate::text::width::grapheme_width(g);
        if col < x + w {
            return Some(range.start + i);
        }
        x += w;
    }
    None
}
