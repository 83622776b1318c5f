//! The outline pane: the report's sections as a tree with folds, the
//! section being read marked.

use super::app::{App, Pane};
use super::ui::scroll_offset;
use crate::report::Report;
use crate::text::width::{fit, for_display};
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph};
use ratatui::Frame;
use std::collections::BTreeSet;

#[derive(Debug, Clone, Default)]
pub struct OutlineState {
    /// Folded sections: their descendants are hidden.
    pub collapsed: BTreeSet<usize>,
    /// The selected section.
    pub selected: usize,
    /// First visible item (an index into the visible list).
    pub offset: usize,
    /// The section being read when the selection last followed it: the
    /// selection follows the reading when it moves to another section, and
    /// stays where the user (keys, the wheel) put it until then.
    pub followed: Option<usize>,
}

/// Sections with children.
pub fn has_children(report: &Report, s: usize) -> bool {
    report
        .sections
        .get(s + 1..)
        .is_some_and(|rest| rest.iter().any(|c| c.parent == Some(s)))
}

fn ancestors(report: &Report, s: usize) -> impl Iterator<Item = usize> + '_ {
    // A malformed parent chain must not loop forever: at most one step per
    // section.
    let mut cur = report.sections.get(s).and_then(|x| x.parent);
    let mut steps = 0;
    std::iter::from_fn(move || {
        let p = cur?;
        steps += 1;
        if steps > report.sections.len() {
            return None;
        }
        cur = report.sections.get(p).and_then(|x| x.parent);
        Some(p)
    })
}

impl OutlineState {
    /// The state for a newly opened report: the top two levels shown.
    pub fn for_report(report: &Report) -> OutlineState {
        let top = report.sections.iter().map(|s| s.depth).min().unwrap_or(1);
        let collapsed = (0..report.sections.len())
            .filter(|&s| report.sections[s].depth > top && has_children(report, s))
            .collect();
        OutlineState {
            collapsed,
            selected: 0,
            offset: 0,
            followed: None,
        }
    }

    pub fn is_visible(&self, report: &Report, s: usize) -> bool {
        ancestors(report, s).all(|a| !self.collapsed.contains(&a))
    }

    /// Sections shown, in order.
    pub fn visible(&self, report: &Report) -> Vec<usize> {
        (0..report.sections.len())
            .filter(|&s| self.is_visible(report, s))
            .collect()
    }

    /// `s` or, when it is folded away, its nearest shown ancestor.
    pub fn shown_for(&self, report: &Report, s: usize) -> usize {
        if self.is_visible(report, s) {
            return s;
        }
        ancestors(report, s)
            .find(|&a| self.is_visible(report, a))
            .unwrap_or(s)
    }

    pub fn move_by(&mut self, report: &Report, delta: isize) {
        let vis = self.visible(report);
        if vis.is_empty() {
            return;
        }
        let here = vis.partition_point(|&s| s < self.selected);
        let target = (here as isize + delta).clamp(0, vis.len() as isize - 1);
        self.selected = vis[target as usize];
    }

    pub fn toggle(&mut self, report: &Report) {
        let s = self.selected;
        if !has_children(report, s) {
            return;
        }
        if !self.collapsed.remove(&s) {
            self.collapsed.insert(s);
        }
    }

    pub fn collapse_all(&mut self, report: &Report) {
        self.collapsed = (0..report.sections.len())
            .filter(|&s| has_children(report, s))
            .collect();
        self.selected = self.shown_for(report, self.selected);
    }

    pub fn expand_all(&mut self) {
        self.collapsed.clear();
    }

    /// The index of the selection among the visible sections.
    pub fn selected_row(&self, report: &Report) -> usize {
        self.visible(report)
            .iter()
            .position(|&s| s == self.selected)
            .unwrap_or(0)
    }
}

pub fn draw(frame: &mut Frame, area: Rect, app: &App, block: Block, reading: Option<usize>) {
    let theme = &app.settings.theme;
    let block = block.title(Line::from(" Outline "));
    let inner = block.inner(area);
    frame.render_widget(block, area);
    if inner.width == 0 || inner.height == 0 {
        return;
    }
    let Some((_, report)) = app.current_report() else {
        return;
    };
    if report.sections.is_empty() {
        frame.render_widget(
            Paragraph::new(Span::styled("(no sections found)", theme.muted)),
            inner,
        );
        return;
    }
    let state = &app.outline;
    let focused = app.focus == Pane::Outline && !app.view_open();
    let vis = state.visible(report);
    let h = inner.height as usize;
    let w = inner.width as usize;
    let sel_row = vis.iter().position(|&s| s == state.selected).unwrap_or(0);
    let offset = scroll_offset(state.offset, sel_row, h, vis.len());
    let reading = reading.map(|s| state.shown_for(report, s));
    let top = app.reader.index.top_depth;
    let lines: Vec<Line> = vis
        .iter()
        .enumerate()
        .skip(offset)
        .take(h)
        .map(|(row, &s)| {
            let sec = &report.sections[s];
            let indent = "  ".repeat(usize::from(sec.depth.saturating_sub(top)).min(8));
            let fold = if !has_children(report, s) {
                "  "
            } else if state.collapsed.contains(&s) {
                "+ "
            } else {
                "- "
            };
            let gutter = if Some(s) == reading { ">" } else { " " };
            let label = format!("{}{}", sec.label, sec.title);
            let text = format!("{gutter}{indent}{fold}{}", for_display(&label));
            let mut style = if Some(s) == reading {
                theme.current
            } else {
                theme.text
            };
            if row == sel_row {
                style = style.patch(theme.selected(focused));
            }
            Line::from(Span::styled(fit(&text, w, theme.ellipsis()), style))
        })
        .collect();
    frame.render_widget(Paragraph::new(lines), inner);
}
