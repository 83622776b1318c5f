//! Keys and the keymap. A key is the store's [`KeySpec`] (the config's
//! words and the terminal's events normalised by the one function,
//! [`KeySpec::new`]); this file turns crossterm's events into keys, labels
//! keys for help and the hint bar, and maps keys to actions: the defaults of
//! the action table with the user's `[keys]` applied.

use super::action::{Action, Context, ALL};
use crate::store::Modifiers;
use crossterm::event::{KeyCode as Term, KeyEvent, KeyModifiers};
use std::collections::BTreeMap;

pub use crate::store::KeyCode;

/// A key as the keymap sees it: shifted characters carry no Shift (`G`,
/// `?`), so bindings read the way they are typed.
pub type Key = crate::store::KeySpec;

/// The key of a terminal event; `None` for keys no binding can name
/// (media keys, a lone modifier).
pub fn key_of(e: KeyEvent) -> Option<Key> {
    let code = match e.code {
        Term::Char(c) => KeyCode::Char(c),
        Term::Enter => KeyCode::Enter,
        Term::Esc => KeyCode::Esc,
        Term::Tab => KeyCode::Tab,
        Term::BackTab => KeyCode::BackTab,
        Term::Backspace => KeyCode::Backspace,
        Term::Delete => KeyCode::Delete,
        Term::Insert => KeyCode::Insert,
        Term::Home => KeyCode::Home,
        Term::End => KeyCode::End,
        Term::PageUp => KeyCode::PageUp,
        Term::PageDown => KeyCode::PageDown,
        Term::Up => KeyCode::Up,
        Term::Down => KeyCode::Down,
        Term::Left => KeyCode::Left,
        Term::Right => KeyCode::Right,
        Term::F(n) => KeyCode::F(n),
        _ => return None,
    };
    let m = e.modifiers;
    Some(Key::new(
        code,
        Modifiers {
            ctrl: m.contains(KeyModifiers::CONTROL),
            alt: m.contains(KeyModifiers::ALT),
            shift: m.contains(KeyModifiers::SHIFT),
        },
    ))
}

/// How help and the hint bar show a key: short (`C-d`, `PgDn`) and ASCII
/// only, so it never depends on how a terminal draws ambiguous-width
/// arrows.
pub trait KeyLabel {
    fn label(&self) -> String;
}

impl KeyLabel for Key {
    fn label(&self) -> String {
        let base = match self.code {
            KeyCode::Char(' ') => "Space".to_string(),
            KeyCode::Char(c) => c.to_string(),
            KeyCode::Enter => "Enter".into(),
            KeyCode::Esc => "Esc".into(),
            KeyCode::Tab => "Tab".into(),
            KeyCode::BackTab => "S-Tab".into(),
            KeyCode::Backspace => "Bksp".into(),
            KeyCode::Delete => "Del".into(),
            KeyCode::Insert => "Ins".into(),
            KeyCode::Left => "Left".into(),
            KeyCode::Right => "Right".into(),
            KeyCode::Up => "Up".into(),
            KeyCode::Down => "Down".into(),
            KeyCode::Home => "Home".into(),
            KeyCode::End => "End".into(),
            KeyCode::PageUp => "PgUp".into(),
            KeyCode::PageDown => "PgDn".into(),
            KeyCode::F(n) => format!("F{n}"),
        };
        let mut out = String::new();
        if self.modifiers.ctrl {
            out.push_str("C-");
        }
        if self.modifiers.alt {
            out.push_str("M-");
        }
        if self.modifiers.shift {
            out.push_str("S-");
        }
        out.push_str(&base);
        out
    }
}

/// Keys → actions: the table's defaults with the user's overrides applied.
#[derive(Debug, Clone)]
pub struct Keymap {
    keys: BTreeMap<Action, Vec<Key>>,
}

impl Default for Keymap {
    fn default() -> Self {
        Keymap {
            keys: ALL.iter().map(|&a| (a, a.spec().keys.to_vec())).collect(),
        }
    }
}

impl Keymap {
    /// Replace the keys of one action (from the config file).
    pub fn bind(&mut self, action: Action, keys: Vec<Key>) {
        self.keys.insert(action, keys);
    }

    pub fn keys(&self, action: Action) -> &[Key] {
        self.keys.get(&action).map(Vec::as_slice).unwrap_or(&[])
    }

    /// The action `key` triggers in `context`: the context's own actions
    /// first, then the more general ones it falls back to.
    pub fn lookup(&self, key: Key, context: Context) -> Option<Action> {
        context.lookup_order().iter().find_map(|&ctx| {
            ALL.iter()
                .copied()
                .find(|&a| a.context() == ctx && self.keys(a).contains(&key))
        })
    }

    /// `j/Down`: every key of the action.
    pub fn label(&self, action: Action) -> String {
        let labels: Vec<String> = self.keys(action).iter().map(|k| k.label()).collect();
        labels.join("/")
    }

    /// The first key of the action, for the hint bar.
    pub fn short_label(&self, action: Action) -> Option<String> {
        self.keys(action).first().map(|k| k.label())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn terminal_events_become_normalised_keys() {
        let ev = |code, m| key_of(KeyEvent::new(code, m));
        assert_eq!(
            ev(Term::Char('G'), KeyModifiers::SHIFT),
            Some(Key::char('G'))
        );
        assert_eq!(
            ev(Term::Char('D'), KeyModifiers::CONTROL | KeyModifiers::SHIFT),
            Some(Key::ctrl('d'))
        );
        assert_eq!(
            ev(Term::BackTab, KeyModifiers::SHIFT),
            Some(Key::plain(KeyCode::BackTab))
        );
        assert_eq!(
            ev(Term::Tab, KeyModifiers::SHIFT),
            Some(Key::plain(KeyCode::BackTab))
        );
        assert_eq!(ev(Term::CapsLock, KeyModifiers::NONE), None);
        assert_eq!(Key::ctrl('d').label(), "C-d");
    }

    #[test]
    fn context_keys_win_over_general_ones() {
        let km = Keymap::default();
        let space = Key::char(' ');
        assert_eq!(km.lookup(space, Context::Outline), Some(Action::ToggleFold));
        assert_eq!(km.lookup(space, Context::Reader), Some(Action::PageDown));
        assert_eq!(km.lookup(Key::char('d'), Context::Reader), None);
        assert_eq!(
            km.lookup(Key::char('d'), Context::Bookmarks),
            Some(Action::DeleteBookmark)
        );
        assert_eq!(
            km.lookup(Key::char('q'), Context::Reader),
            Some(Action::Quit)
        );
        // A text box takes only its own keys: `q` is typed.
        assert_eq!(km.lookup(Key::char('q'), Context::TextBox), None);
        assert_eq!(
            km.lookup(Key::plain(KeyCode::Down), Context::TextBox),
            Some(Action::BoxDown)
        );
    }
}
