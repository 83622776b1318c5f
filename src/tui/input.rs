//! A one-line text input (filters, searches, pickers). Drawing puts the
//! real terminal cursor at the insertion point, so an input method shows
//! its candidate window there.

use super::theme::Theme;
use crate::text::width::{display_width, for_display};
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
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

    /// Apply an editing key.
    pub fn handle(&mut self, key: KeyEvent) -> InputEvent {
        let ctrl = key.modifiers.contains(KeyModifiers::CONTROL);
        match key.code {
            KeyCode::Enter => InputEvent::Submit,
            KeyCode::Esc => InputEvent::Cancel,
            KeyCode::Char('u') if ctrl => {
                self.text.replace_range(..self.cursor, "");
                self.cursor = 0;
                InputEvent::Changed
            }
            KeyCode::Char('w') if ctrl => {
                let start = self.word_start();
                self.text.replace_range(start..self.cursor, "");
                self.cursor = start;
                InputEvent::Changed
            }
            KeyCode::Char('a') if ctrl => {
                self.cursor = 0;
                InputEvent::Moved
            }
            KeyCode::Char('e') if ctrl => {
                self.cursor = self.text.len();
                InputEvent::Moved
            }
            KeyCode::Char(_) if ctrl || key.modifiers.contains(KeyModifiers::ALT) => {
                InputEvent::Ignored
            }
            KeyCode::Char(c) => {
                let mut buf = [0u8; 4];
                let before = self.text.len();
                self.insert(c.encode_utf8(&mut buf));
                if self.text.len() == before {
                    InputEvent::Ignored
                } else {
                    InputEvent::Changed
                }
            }
            KeyCode::Backspace => {
                if self.cursor == 0 {
                    return InputEvent::Moved;
                }
                let start = self.prev_boundary();
                self.text.replace_range(start..self.cursor, "");
                self.cursor = start;
                InputEvent::Changed
            }
            KeyCode::Delete => {
                if self.cursor == self.text.len() {
                    return InputEvent::Moved;
                }
                let end = self.next_boundary();
                self.text.replace_range(self.cursor..end, "");
                InputEvent::Changed
            }
            KeyCode::Left => {
                self.cursor = self.prev_boundary();
                InputEvent::Moved
            }
            KeyCode::Right => {
                self.cursor = self.next_boundary();
                InputEvent::Moved
            }
            KeyCode::Home => {
                self.cursor = 0;
                InputEvent::Moved
            }
            KeyCode::End => {
                self.cursor = self.text.len();
                InputEvent::Moved
            }
            _ => InputEvent::Ignored,
        }
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

    fn key(code: KeyCode) -> KeyEvent {
        KeyEvent::new(code, KeyModifiers::NONE)
    }

    fn ctrl(c: char) -> KeyEvent {
        KeyEvent::new(KeyCode::Char(c), KeyModifiers::CONTROL)
    }

    #[test]
    fn edits_chinese_by_grapheme() {
        let mut input = TextInput::default();
        for c in "口袋公园".chars() {
            assert_eq!(input.handle(key(KeyCode::Char(c))), InputEvent::Changed);
        }
        assert_eq!(input.text(), "口袋公园");
        input.handle(key(KeyCode::Left));
        input.handle(key(KeyCode::Backspace));
        assert_eq!(input.text(), "口袋园");
        assert_eq!(input.cursor(), "口袋".len());
        input.handle(key(KeyCode::Delete));
        assert_eq!(input.text(), "口袋");
        input.handle(key(KeyCode::Home));
        input.handle(key(KeyCode::Char('“')));
        assert_eq!(input.text(), "“口袋");
        assert_eq!(input.handle(key(KeyCode::Enter)), InputEvent::Submit);
        assert_eq!(input.handle(key(KeyCode::Esc)), InputEvent::Cancel);
        assert_eq!(input.handle(key(KeyCode::Down)), InputEvent::Ignored);
    }

    #[test]
    fn control_keys_and_characters() {
        let mut input = TextInput::new("污水 处理设施");
        input.handle(ctrl('w'));
        assert_eq!(input.text(), "污水 ");
        input.handle(ctrl('u'));
        assert_eq!(input.text(), "");
        assert_eq!(
            input.handle(key(KeyCode::Char('\u{1b}'))),
            InputEvent::Ignored
        );
        input.insert("a\u{1b}[2Jb");
        assert_eq!(input.text(), "a[2Jb");
        // Backspace at the start and Delete at the end do nothing.
        input.handle(key(KeyCode::End));
        assert_eq!(input.handle(key(KeyCode::Delete)), InputEvent::Moved);
        input.handle(key(KeyCode::Home));
        assert_eq!(input.handle(key(KeyCode::Backspace)), InputEvent::Moved);
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
