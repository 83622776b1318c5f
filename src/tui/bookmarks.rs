//! Bookmarks and marks. The bookmark list layer (`B`): every bookmark,
//! newest last; open or delete one. The pending-mark layer: after `m` or
//! `'`, the next key is the mark's letter.

use super::action::{Action, Bar, Context};
use super::app::App;
use super::app::Pane;
use super::keymap::{Key, KeyCode};
use super::layer::{Flow, LayerState};
use super::memory::{find_report, Bookmark, Position};
use super::picker::{list_step, moved};
use super::reader::pane_block;
use super::reader::ReportIndex;
use super::ui::{open_popup, popup_area, scroll_offset};
use crate::store::Modifiers;
use crate::text::width::truncate;
use crate::text::width::{fit, for_display};
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;
use ratatui::Frame;

/// How a bookmark is listed: the report it is in, then its label.
pub fn entry_text(app: &App, i: usize) -> String {
    let Some(b) = app.state.bookmarks.get(i) else {
        return String::new();
    };
    let report = find_report(&b.report, app.report_keys())
        .and_then(|i| app.catalog().entry(i))
        .map(|e| e.title().to_string())
        .unwrap_or_else(|| format!("({} not loaded)", b.report));
    format!("{}  {}", for_display(&report), for_display(&b.label))
}

/// Where the overlay goes on a screen of `area`.
pub fn area(area: Rect, app: &App) -> Rect {
    popup_area(area, 80, app.state.bookmarks.len().max(1) as u16 + 2)
}

/// The bookmark list layer.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct BookmarkList {
    pub selected: usize,
}

impl LayerState for BookmarkList {
    fn context(&self) -> Option<Context> {
        Some(Context::Bookmarks)
    }

    fn act(&mut self, app: &mut App, a: Action) -> Flow {
        let count = app.state.bookmarks.len();
        if let Some(d) = list_step(a, app.size.1.saturating_sub(6) as isize) {
            self.selected = moved(self.selected, d, count);
            return Flow::Stay;
        }
        match a {
            Action::Back | Action::Quit => Flow::Close,
            Action::Open => {
                app.open_bookmark(self.selected);
                Flow::Close
            }
            Action::DeleteBookmark => {
                let i = self.selected;
                if let Some(b) = app.state.bookmarks.get(i).cloned() {
                    app.state.remove_bookmark(&b);
                    self.selected = i.min(app.state.bookmarks.len().saturating_sub(1));
                    app.save();
                    app.message = Some("Bookmark deleted".into());
                }
                Flow::Stay
            }
            _ => Flow::Stay,
        }
    }

    fn bar(&self, _app: &App) -> Option<Bar> {
        Some(Bar::Bookmarks)
    }

    fn area(&self, screen: Rect, app: &App) -> Option<Rect> {
        Some(area(screen, app))
    }

    fn draw(&self, frame: &mut Frame, screen: Rect, app: &App) {
        draw(frame, screen, app, self.selected);
    }
}

/// A key that waits for the next one (`m` and `'` take a letter).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PendingMark {
    SetMark,
    JumpToMark,
}

impl PendingMark {
    /// What the status line says while waiting.
    pub fn prompt(self) -> &'static str {
        match self {
            PendingMark::SetMark => "Set mark: press a letter",
            PendingMark::JumpToMark => "Jump to mark: press a letter (' = back)",
        }
    }
}

impl LayerState for PendingMark {
    fn context(&self) -> Option<Context> {
        None
    }

    /// Any key ends the wait; a plain character is the mark.
    fn key(&mut self, app: &mut App, key: Key) -> Option<Flow> {
        if let (KeyCode::Char(c), Modifiers::NONE) = (key.code, key.modifiers) {
            match self {
                PendingMark::SetMark => app.set_mark(c),
                PendingMark::JumpToMark => app.jump_to_mark(c),
            }
        }
        Some(Flow::Close)
    }

    fn act(&mut self, _app: &mut App, _a: Action) -> Flow {
        Flow::Pass
    }

    fn is_view(&self) -> bool {
        false
    }

    fn draw(&self, _frame: &mut Frame, _screen: Rect, _app: &App) {}
}

pub fn draw(frame: &mut Frame, area: Rect, app: &App, selected: usize) {
    let theme = &app.settings.theme;
    let count = app.state.bookmarks.len();
    let popup = self::area(area, app);
    open_popup(frame, popup);
    let block = pane_block(theme, true).title(Line::from(format!(" Bookmarks ({count}) ")));
    let inner = block.inner(popup);
    frame.render_widget(block, popup);
    let w = inner.width as usize;
    if count == 0 {
        frame.render_widget(
            Paragraph::new(Span::styled(
                fit(
                    "No bookmarks yet: b bookmarks the position.",
                    w,
                    theme.ellipsis(),
                ),
                theme.muted,
            )),
            inner,
        );
        return;
    }
    let h = inner.height as usize;
    let offset = scroll_offset(0, selected, h, count);
    let lines: Vec<Line> = (offset..count.min(offset + h))
        .map(|i| {
            let style = if i == selected {
                theme.selected(true)
            } else {
                theme.text
            };
            Line::from(Span::styled(
                fit(&entry_text(app, i), w, theme.ellipsis()),
                style,
            ))
        })
        .collect();
    frame.render_widget(Paragraph::new(lines), inner);
}

// ---- bookmarks and marks: the state side ----------------------------------

impl App {
    /// A short description of the reading position: the section, or the
    /// text at the top.
    fn position_label(&self) -> String {
        let Some((_, report)) = self.current_report() else {
            return String::new();
        };
        let a = self.reader.anchor;
        let text = match report
            .section_at(a.paragraph)
            .and_then(|s| report.sections.get(s))
        {
            Some(s) => format!("{}{}", s.label, s.title),
            None => report
                .paragraphs
                .get(a.paragraph)
                .and_then(|p| p.text.get(a.offset.min(p.text.len())..))
                .unwrap_or("")
                .to_string(),
        };
        truncate(&text, 40).to_string()
    }

    pub(super) fn add_bookmark(&mut self) {
        let Some((i, report)) = self.current_report() else {
            return;
        };
        let position = self.reader.index.position(report, self.reader.anchor);
        let label = self.position_label();
        if self.state.add_bookmark(Bookmark::new(
            &self.catalog().entries()[i].key,
            position,
            label.clone(),
        )) {
            self.message = Some(format!("Bookmarked: {label}"));
            self.save();
        } else {
            self.message = Some("Already bookmarked".into());
        }
    }

    pub(super) fn open_bookmark(&mut self, i: usize) {
        let Some(b) = self.state.bookmarks.get(i).cloned() else {
            return;
        };
        self.go_to_saved(&b.report, b.position);
    }

    /// Open the report with key `key` at a remembered position.
    fn go_to_saved(&mut self, key: &str, pos: Position) {
        let Some(i) = find_report(key, self.report_keys()) else {
            self.message = Some("That report is not in the loaded corpus".into());
            return;
        };
        let Some(report) = self.report(i) else {
            self.message = Some(format!("{key}: that report cannot be read now"));
            return;
        };
        let report = &*report;
        let anchor = ReportIndex::new(report).anchor_of_position(report, pos);
        self.jump(i, anchor);
        self.focus = Pane::Reader;
    }

    pub(super) fn set_mark(&mut self, c: char) {
        let Some((i, report)) = self.current_report() else {
            return;
        };
        if c == '\'' || c.is_control() {
            return;
        }
        let position = self.reader.index.position(report, self.reader.anchor);
        let key = self.catalog().entries()[i].key.clone();
        self.state.set_mark(c, &key, position);
        self.save();
        self.message = Some(format!("Mark {c} set"));
    }

    pub(super) fn jump_to_mark(&mut self, c: char) {
        if c == '\'' {
            if let Some((i, a)) = self.jump_back {
                self.jump(i, a);
            }
            return;
        }
        match self.state.marks.get(&c).cloned() {
            Some(m) => self.go_to_saved(&m.report, m.position),
            None => self.message = Some(format!("No mark {c}")),
        }
    }
}
