//! Lists that a selection moves in, and the one picker: a filter box over
//! a list of labelled items (the compare view's other side, the topic
//! view's topic). Every list moves the same way: the pane keys (`j`/`k`,
//! pages, `g`/`G`) in a popup, the text box's keys (arrows, `C-n`/`C-p`,
//! PgDn/PgUp) under a box; Enter takes the row, Esc gives up, Home and End
//! move the box's cursor.

use super::action::{Action, Context};
use super::input::{InputEvent, TextInput};
use super::keymap::{Key, Keymap};
use super::reader::pane_block;
use super::theme::Theme;
use super::ui::{open_popup, scroll_offset};
use crate::text::width::{fit, for_display};
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;
use ratatui::Frame;

/// How far a moving action goes in a list of `page` visible rows: a row,
/// half a page, a page, or to an end. Half a page is at least one row.
pub fn list_step(a: Action, page: isize) -> Option<isize> {
    let page = page.max(1);
    match a {
        Action::Down | Action::BoxDown => Some(1),
        Action::Up | Action::BoxUp => Some(-1),
        Action::HalfPageDown => Some((page / 2).max(1)),
        Action::HalfPageUp => Some(-(page / 2).max(1)),
        Action::PageDown | Action::BoxPageDown => Some(page),
        Action::PageUp | Action::BoxPageUp => Some(-page),
        Action::Top => Some(isize::MIN / 2),
        Action::Bottom => Some(isize::MAX / 2),
        _ => None,
    }
}

/// `selected` moved by `step` in a list of `len` rows, kept inside it.
pub fn moved(selected: usize, step: isize, len: usize) -> usize {
    selected
        .saturating_add_signed(step)
        .min(len.saturating_sub(1))
}

/// Something a picker lists: what it shows and what its filter matches.
pub trait PickItem {
    fn label(&self) -> &str;
}

/// What a key did to a picker.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Picked {
    /// Still picking (typed, moved, or nothing).
    Open,
    /// Enter on a row: the index into `items`.
    Chosen(usize),
    /// Enter with nothing listed.
    Nothing,
    /// Esc.
    Cancelled,
}

/// A filter box over items: every word typed must be in a row's label.
#[derive(Debug, Clone)]
pub struct Picker<T> {
    pub input: TextInput,
    pub items: Vec<T>,
    /// Indices into `items` matching the filter.
    pub shown: Vec<usize>,
    /// Index into `shown`.
    pub selected: usize,
    /// The user moved the selection: items arriving leave it alone.
    pub moved: bool,
}

impl<T> Default for Picker<T> {
    fn default() -> Self {
        Picker {
            input: TextInput::default(),
            items: Vec::new(),
            shown: Vec::new(),
            selected: 0,
            moved: false,
        }
    }
}

impl<T: PickItem> Picker<T> {
    pub fn new(items: Vec<T>) -> Picker<T> {
        let mut p = Picker {
            items,
            ..Picker::default()
        };
        p.refilter();
        p
    }

    /// More items (a walk's results): listed, the selection kept.
    pub fn extend(&mut self, more: Vec<T>) {
        self.items.extend(more);
        self.refilter();
    }

    /// Recompute `shown` after the filter or the items changed, keeping
    /// the selected item selected when it is still listed.
    pub fn refilter(&mut self) {
        let terms: Vec<String> = self
            .input
            .text()
            .split_whitespace()
            .map(str::to_lowercase)
            .collect();
        let keep = self.shown.get(self.selected).copied();
        self.shown = self
            .items
            .iter()
            .enumerate()
            .filter(|(_, item)| {
                let label = item.label().to_lowercase();
                terms.iter().all(|t| label.contains(t.as_str()))
            })
            .map(|(i, _)| i)
            .collect();
        self.selected = keep
            .and_then(|k| self.shown.iter().position(|&i| i == k))
            .unwrap_or(0);
    }

    /// The item on the selected row.
    pub fn selected_item(&self) -> Option<&T> {
        self.items.get(*self.shown.get(self.selected)?)
    }

    /// Select the first listed item `wanted` accepts, unless the user has
    /// moved.
    pub fn preselect(&mut self, wanted: impl Fn(&T) -> bool) {
        if self.moved {
            return;
        }
        if let Some(i) = self.shown.iter().position(|&i| wanted(&self.items[i])) {
            self.selected = i;
        }
    }

    /// A key: typed into the filter, or the box's actions (`page`: the
    /// rows the list shows).
    pub fn key(&mut self, key: Key, keymap: &Keymap, page: usize) -> Picked {
        match self.input.handle(key, keymap) {
            InputEvent::Changed => {
                self.refilter();
                Picked::Open
            }
            InputEvent::Moved => Picked::Open,
            InputEvent::Submit => self.act(Action::SearchAccept, page),
            InputEvent::Cancel => self.act(Action::SearchCancel, page),
            InputEvent::Ignored => match keymap.lookup(key, Context::TextBox) {
                Some(a) => self.act(a, page),
                None => Picked::Open,
            },
        }
    }

    /// An action: accept, cancel, or move the selection.
    pub fn act(&mut self, a: Action, page: usize) -> Picked {
        match a {
            Action::SearchAccept => match self.shown.get(self.selected) {
                Some(&i) => Picked::Chosen(i),
                None => Picked::Nothing,
            },
            Action::SearchCancel => Picked::Cancelled,
            _ => {
                if let Some(step) = list_step(a, page as isize) {
                    self.moved = true;
                    self.selected = moved(self.selected, step, self.shown.len());
                }
                Picked::Open
            }
        }
    }

    /// The rows a popup of `popup` shows (its border and filter line off).
    pub fn page(popup: Rect) -> usize {
        popup.height.saturating_sub(3).max(1) as usize
    }

    /// The popup: the filter box on its first line, the rows below;
    /// `empty` is said when nothing matches.
    pub fn draw(
        &self,
        frame: &mut Frame,
        popup: Rect,
        title: &str,
        empty: Option<&str>,
        theme: &Theme,
    ) {
        open_popup(frame, popup);
        let block = pane_block(theme, true).title(Line::from(title.to_string()));
        let inner = block.inner(popup);
        frame.render_widget(block, popup);
        if inner.width == 0 || inner.height == 0 {
            return;
        }
        let list = Rect {
            y: inner.y + 1,
            height: inner.height - 1,
            ..inner
        };
        let h = list.height as usize;
        let offset = scroll_offset(0, self.selected, h, self.shown.len());
        let w = list.width as usize;
        let lines: Vec<Line> = self
            .shown
            .iter()
            .enumerate()
            .skip(offset)
            .take(h)
            .filter_map(|(row, &i)| {
                let style = if row == self.selected {
                    theme.text.patch(theme.selected(true))
                } else {
                    theme.text
                };
                Some(Line::from(Span::styled(
                    fit(
                        &for_display(self.items.get(i)?.label()),
                        w,
                        theme.ellipsis(),
                    ),
                    style,
                )))
            })
            .collect();
        match empty {
            Some(message) if lines.is_empty() => frame.render_widget(
                Paragraph::new(Span::styled(fit(message, w, theme.ellipsis()), theme.muted)),
                list,
            ),
            _ => frame.render_widget(Paragraph::new(lines), list),
        }
        self.input
            .draw(frame, Rect { height: 1, ..inner }, "Filter: ", theme);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tui::keymap::KeyCode;

    impl PickItem for &str {
        fn label(&self) -> &str {
            self
        }
    }

    fn type_in(p: &mut Picker<&str>, text: &str, km: &Keymap) {
        for c in text.chars() {
            p.key(Key::char(c), km, 5);
        }
    }

    #[test]
    fn typing_filters_by_every_word_and_keys_move_and_pick() {
        let km = Keymap::default();
        let items = vec![
            "2026 浙江省 回顾",
            "2026 江苏省 任务",
            "2025 浙江省 任务",
            "2024 北京市",
        ];
        let mut p = Picker::new(items);
        assert_eq!(p.shown, [0, 1, 2, 3]);
        type_in(&mut p, "浙江 任务", &km);
        assert_eq!(p.shown, [2], "both words");
        p.key(Key::ctrl('u'), &km, 5);
        assert_eq!(p.shown.len(), 4, "C-u clears the filter");
        assert_eq!(
            p.selected_item(),
            Some(&"2025 浙江省 任务"),
            "still selected"
        );
        // Letters are typed; the arrows, C-n/C-p and PgDn/PgUp move.
        assert_eq!(p.key(Key::plain(KeyCode::Up), &km, 5), Picked::Open);
        assert_eq!(p.key(Key::ctrl('p'), &km, 5), Picked::Open);
        assert_eq!(p.selected, 0);
        assert!(p.moved);
        p.key(Key::ctrl('n'), &km, 5);
        assert_eq!(p.selected, 1);
        p.key(Key::plain(KeyCode::PageDown), &km, 5);
        assert_eq!(p.selected, 3, "a page stops at the last row");
        p.key(Key::plain(KeyCode::PageUp), &km, 2);
        assert_eq!(p.selected, 1);
        assert_eq!(p.key(Key::plain(KeyCode::Enter), &km, 5), Picked::Chosen(1));
        type_in(&mut p, "上海", &km);
        assert_eq!(p.key(Key::plain(KeyCode::Enter), &km, 5), Picked::Nothing);
        assert_eq!(p.key(Key::plain(KeyCode::Esc), &km, 5), Picked::Cancelled);
    }

    #[test]
    fn arriving_items_keep_the_selection() {
        let km = Keymap::default();
        let mut p = Picker::new(vec!["a1", "b1"]);
        p.preselect(|s| s.starts_with('b'));
        assert_eq!(p.selected_item(), Some(&"b1"));
        p.extend(vec!["a2", "b2"]);
        assert_eq!(p.selected_item(), Some(&"b1"));
        p.key(Key::plain(KeyCode::Up), &km, 5);
        p.preselect(|s| *s == "b2");
        assert_eq!(p.selected_item(), Some(&"a1"), "moved: left alone");
    }
}
