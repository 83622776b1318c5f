//! A one-line text input (filters, searches, pickers). Drawing puts the
//! real terminal cursor at the insertion point, so an input method shows
//! its candidate window there.

use super::action::{Action, Context};
use super::keymap::{Key, KeyCode, Keymap};
use super::theme::Theme;
use crate::text::width::{display_width, for_display};
use ratatui::layout::{Position, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;
use ratatui::Frame;
use unicode_segmentation::UnicodeSegmentation;

/// What a key did to the input.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum InputEvent {
    /// The text changed: refilter.
    Changed,
    /// Only the cursor moved.
    Moved,
    /// Enter.
    Submit,
    /// Esc.
    Cancel,
    /// Not an editing key; the caller may use it (arrows up/down, Tab …).
    Ignored,
}

/// The text being typed and the cursor in it (a byte offset on a grapheme
/// boundary).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TextInput {
    text: String,
    cursor: usize,
}

impl TextInput {
    pub fn new(text: &str) -> TextInput {
        TextInput {
            text: text.to_string(),
            cursor: text.len(),
        }
    }

    pub fn text(&self) -> &str {
        &self.text
    }

    pub fn cursor(&self) -> usize {
        self.cursor
    }

    pub fn is_empty(&self) -> bool {
        self.text.is_empty()
    }

    pub fn clear(&mut self) {
        self.text.clear();
        self.cursor = 0;
    }

    pub fn insert(&mut self, s: &str) {
        // Control characters never enter the text: they would reach the
        // terminal when it is drawn.
        let clean: String = s.chars().filter(|c| !c.is_control()).collect();
        self.text.insert_str(self.cursor, &clean);
        self.cursor += clean.len();
    }

    fn prev_boundary(&self) -> usize {
        self.text[..self.cursor]
            .grapheme_indices(true)
            .next_back()
            .map(|(i, _)| i)
            .unwrap_or(0)
    }

    fn next_boundary(&self) -> usize {
        self.text[self.cursor..]
            .graphemes(true)
            .next()
            .map(|g| self.cursor + g.len())
            .unwrap_or(self.text.len())
    }

    /// Start of the word before the cursor (spaces, then non-spaces).
    fn word_start(&self) -> usize {
        let before = &self.text[..self.cursor];
        let trimmed = before.trim_end();
        trimmed
            .char_indices()
            .rev()
            .find(|(_, c)| c.is_whitespace())
            .map(|(i, c)| i + c.len_utf8())
            .unwrap_or(0)
    }

    /// A key typed into the box: its editing actions from the keymap
    /// (`Context::TextBox`), Enter and Esc as the keymap binds accepting and
    /// cancelling, and a plain character typed. The box's other actions
    /// (moving in the list below, …) come back `Ignored` for the caller.
    pub fn handle(&mut self, key: Key, keymap: &Keymap) -> InputEvent {
        match keymap.lookup(key, Context::TextBox) {
            Some(Action::SearchAccept) => InputEvent::Submit,
            Some(Action::SearchCancel) => InputEvent::Cancel,
            Some(a) => self.edit(a).unwrap_or(InputEvent::Ignored),
            None => match key.code {
                KeyCode::Char(c) if !key.modifiers.ctrl && !key.modifiers.alt => {
                    let mut buf = [0u8; 4];
                    let before = self.text.len();
                    self.insert(c.encode_utf8(&mut buf));
                    if self.text.len() == before {
                        InputEvent::Ignored
                    } else {
                        InputEvent::Changed
                    }
                }
                _ => InputEvent::Ignored,
            },
        }
    }

    /// Apply an editing action; `None` for actions that do not edit.
    pub fn edit(&mut self, a: Action) -> Option<InputEvent> {
        Some(match a {
            Action::DeleteToStart => {
                self.text.replace_range(..self.cursor, "");
                self.cursor = 0;
                InputEvent::Changed
            }
            Action::DeleteWordBack => {
                let start = self.word_start();
                self.text.replace_range(start..self.cursor, "");
                self.cursor = start;
                InputEvent::Changed
            }
            Action::DeleteBack => {
                if self.cursor == 0 {
                    return Some(InputEvent::Moved);
                }
                let start = self.prev_boundary();
                self.text.replace_range(start..self.cursor, "");
                self.cursor = start;
                InputEvent::Changed
            }
            Action::DeleteForward => {
                if self.cursor == self.text.len() {
                    return Some(InputEvent::Moved);
                }
                let end = self.next_boundary();
                self.text.replace_range(self.cursor..end, "");
                InputEvent::Changed
            }
            Action::CursorLeft => {
                self.cursor = self.prev_boundary();
                InputEvent::Moved
            }
            Action::CursorRight => {
                self.cursor = self.next_boundary();
                InputEvent::Moved
            }
            Action::CursorStart => {
                self.cursor = 0;
                InputEvent::Moved
            }
            Action::CursorEnd => {
                self.cursor = self.text.len();
                InputEvent::Moved
            }
            _ => return None,
        })
    }

    /// Draw `prompt` and the text on one row of `area`, scrolled so the
    /// cursor is visible, and place the terminal cursor there.
    pub fn draw(&self, frame: &mut Frame, area: Rect, prompt: &str, theme: &Theme) {
        if area.width == 0 || area.height == 0 {
            return;
        }
        let prompt = for_display(prompt);
        let prompt_w = display_width(&prompt).min(area.width as usize / 2);
        let room = (area.width as usize).saturating_sub(prompt_w + 1).max(1);
        // Scroll whole graphemes off the left until the cursor fits.
        let before = &self.text[..self.cursor];
        let mut start = 0;
        let mut width_before = display_width(&for_display(before));
        let mut graphemes = before.grapheme_indices(true);
        while width_before >= room {
            match graphemes.next() {
                Some((i, g)) => {
                    start = i + g.len();
                    width_before -= display_width(&for_display(g)).min(width_before);
                }
                None => break,
            }
        }
        let shown = for_display(&self.text[start..]);
        let line = Line::from(vec![
            Span::styled(prompt.to_string(), theme.hint_key),
            Span::styled(shown.into_owned(), theme.text),
        ]);
        let row = Rect { height: 1, ..area };
        frame.render_widget(Paragraph::new(line), row);
        let x = area.x as usize + prompt_w + width_before;
        let x = x.min(area.right().saturating_sub(1) as usize) as u16;
        frame.set_cursor_position(Position { x, y: area.y });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A key through the default keymap.
    trait Type {
        fn handle_key(&mut self, key: Key) -> InputEvent;
    }

    impl Type for TextInput {
        fn handle_key(&mut self, key: Key) -> InputEvent {
            self.handle(key, &Keymap::default())
        }
    }

    fn key(code: KeyCode) -> Key {
        Key::plain(code)
    }

    fn ctrl(c: char) -> Key {
        Key::ctrl(c)
    }

    #[test]
    fn edits_chinese_by_grapheme() {
        let mut input = TextInput::default();
        for c in "口袋公园".chars() {
            assert_eq!(input.handle_key(key(KeyCode::Char(c))), InputEvent::Changed);
        }
        assert_eq!(input.text(), "口袋公园");
        input.handle_key(key(KeyCode::Left));
        input.handle_key(key(KeyCode::Backspace));
        assert_eq!(input.text(), "口袋园");
        assert_eq!(input.cursor(), "口袋".len());
        input.handle_key(key(KeyCode::Delete));
        assert_eq!(input.text(), "口袋");
        input.handle_key(key(KeyCode::Home));
        input.handle_key(key(KeyCode::Char('“')));
        assert_eq!(input.text(), "“口袋");
        assert_eq!(input.handle_key(key(KeyCode::Enter)), InputEvent::Submit);
        assert_eq!(input.handle_key(key(KeyCode::Esc)), InputEvent::Cancel);
        assert_eq!(input.handle_key(key(KeyCode::Down)), InputEvent::Ignored);
    }

    #[test]
    fn control_keys_and_characters() {
        let mut input = TextInput::new("污水 处理设施");
        input.handle_key(ctrl('w'));
        assert_eq!(input.text(), "污水 ");
        input.handle_key(ctrl('u'));
        assert_eq!(input.text(), "");
        assert_eq!(
            input.handle_key(key(KeyCode::Char('\u{1b}'))),
            InputEvent::Ignored
        );
        input.insert("a\u{1b}[2Jb");
        assert_eq!(input.text(), "a[2Jb");
        // Backspace at the start and Delete at the end do nothing.
        input.handle_key(key(KeyCode::End));
        assert_eq!(input.handle_key(key(KeyCode::Delete)), InputEvent::Moved);
        input.handle_key(key(KeyCode::Home));
        assert_eq!(input.handle_key(key(KeyCode::Backspace)), InputEvent::Moved);
        assert_eq!(input.text(), "a[2Jb");
    }

    #[test]
    fn cursor_sits_after_wide_text() {
        use ratatui::backend::TestBackend;
        use ratatui::Terminal;
        let mut term = Terminal::new(TestBackend::new(20, 1)).unwrap();
        let input = TextInput::new("口袋公园");
        term.draw(|f| input.draw(f, f.area(), "/", &Theme::default()))
            .unwrap();
        // "/" is one column, each Chinese character two.
        term.backend_mut()
            .assert_cursor_position(Position { x: 9, y: 0 });
        // A long text scrolls so the cursor stays inside the area.
        let long = TextInput::new(&"污水处理".repeat(10));
        term.draw(|f| long.draw(f, f.area(), "/", &Theme::default()))
            .unwrap();
        let pos = term.get_cursor_position().unwrap();
        assert!(pos.x < 20, "{pos:?}");
    }
}
