//! Key specs as written in the config (`"j"`, `"ctrl-d"`, `"pgdn"`,
//! `"shift-tab"`), parsed into terminal-free values. They are the keys of
//! the whole program: the TUI turns each terminal key event into one with
//! [`KeySpec::new`] — the one normaliser, which the parser uses too — and
//! its keymap compares them.
//!
//! Normalisation: Shift is folded into characters (`shift-g` is `G`, and a
//! terminal's Shift+G event is `G`), Shift+Tab is [`KeyCode::BackTab`],
//! which is what terminals report, and a letter with Ctrl is lower case
//! (terminals report Ctrl-D as `d` or `D` depending on Caps Lock).

use std::fmt;
use std::str::FromStr;

/// A key without modifiers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum KeyCode {
    /// A printable character (`' '` for space).
    Char(char),
    Enter,
    Esc,
    Tab,
    /// Shift+Tab.
    BackTab,
    Backspace,
    Delete,
    Insert,
    Home,
    End,
    PageUp,
    PageDown,
    Up,
    Down,
    Left,
    Right,
    /// Function key F1–F24.
    F(u8),
}

/// Modifier keys held with a key.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Modifiers {
    pub ctrl: bool,
    pub alt: bool,
    pub shift: bool,
}

impl Modifiers {
    pub const NONE: Modifiers = Modifiers {
        ctrl: false,
        alt: false,
        shift: false,
    };
}

/// A key with its modifiers, normalised (see the module docs).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct KeySpec {
    pub code: KeyCode,
    pub modifiers: Modifiers,
}

/// Why a key spec was rejected; the message quotes the spec.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("bad key {spec:?}: {reason}")]
pub struct KeySpecError {
    pub spec: String,
    pub reason: String,
}

/// Names accepted for non-character keys, with the canonical one first.
const NAMED_KEYS: &[(KeyCode, &[&str])] = &[
    (KeyCode::Enter, &["enter", "return", "ret"]),
    (KeyCode::Esc, &["esc", "escape"]),
    (KeyCode::Tab, &["tab"]),
    (KeyCode::BackTab, &["backtab"]),
    (KeyCode::Backspace, &["backspace", "bs"]),
    (KeyCode::Delete, &["del", "delete"]),
    (KeyCode::Insert, &["ins", "insert"]),
    (KeyCode::Home, &["home"]),
    (KeyCode::End, &["end"]),
    (KeyCode::PageUp, &["pgup", "pageup", "page-up", "page_up"]),
    (
        KeyCode::PageDown,
        &["pgdn", "pagedown", "page-down", "page_down", "pgdown"],
    ),
    (KeyCode::Up, &["up"]),
    (KeyCode::Down, &["down"]),
    (KeyCode::Left, &["left"]),
    (KeyCode::Right, &["right"]),
    (KeyCode::Char(' '), &["space", "spc"]),
];

impl KeySpec {
    /// A key as a terminal reports it, normalised like parsed specs.
    pub fn new(code: KeyCode, modifiers: Modifiers) -> Self {
        let mut code = code;
        let mut modifiers = modifiers;
        match code {
            KeyCode::Char(c) => {
                let c = if modifiers.shift { shifted(c) } else { c };
                let c = if modifiers.ctrl {
                    c.to_ascii_lowercase()
                } else {
                    c
                };
                code = KeyCode::Char(c);
                modifiers.shift = false;
            }
            KeyCode::Tab if modifiers.shift => {
                code = KeyCode::BackTab;
                modifiers.shift = false;
            }
            KeyCode::BackTab => modifiers.shift = false,
            _ => {}
        }
        KeySpec { code, modifiers }
    }

    /// A character key without modifiers (as typed: `G`, `?`).
    pub const fn char(c: char) -> Self {
        KeySpec::plain(KeyCode::Char(c))
    }

    /// A key without modifiers.
    pub const fn plain(code: KeyCode) -> Self {
        KeySpec {
            code,
            modifiers: Modifiers::NONE,
        }
    }

    /// Ctrl and a (lower-case) letter.
    pub const fn ctrl(c: char) -> Self {
        KeySpec {
            code: KeyCode::Char(c.to_ascii_lowercase()),
            modifiers: Modifiers {
                ctrl: true,
                alt: false,
                shift: false,
            },
        }
    }

    /// Parse a spec: modifiers (`ctrl-`, `alt-`, `shift-`, or `C-`, `A-`,
    /// `M-`, `S-`; `+` works as well as `-`) then one character or a key
    /// name (`enter`, `esc`, `tab`, `backspace`, `del`, `ins`, `home`,
    /// `end`, `pgup`, `pgdn`, `up`, `down`, `left`, `right`, `space`,
    /// `f1`…`f24`; names ignore case, characters do not).
    pub fn parse(spec: &str) -> Result<KeySpec, KeySpecError> {
        let err = |reason: &str| KeySpecError {
            spec: spec.to_string(),
            reason: reason.to_string(),
        };
        let mut modifiers = Modifiers::default();
        // A lone space is the space key; otherwise surrounding blanks are
        // typing noise.
        let mut rest = if spec == " " { spec } else { spec.trim() };
        if rest.is_empty() {
            return Err(err("empty key"));
        }
        while let Some((flag, after)) = strip_modifier(rest) {
            if after.is_empty() {
                return Err(err("a modifier needs a key after it"));
            }
            let already = match flag {
                Flag::Ctrl => std::mem::replace(&mut modifiers.ctrl, true),
                Flag::Alt => std::mem::replace(&mut modifiers.alt, true),
                Flag::Shift => std::mem::replace(&mut modifiers.shift, true),
            };
            if already {
                return Err(err("a modifier is repeated"));
            }
            rest = after;
        }
        let mut chars = rest.chars();
        let code = match (chars.next(), chars.next()) {
            (Some(c), None) => {
                if c.is_control() {
                    return Err(err("control characters cannot be bound; use a key name"));
                }
                KeyCode::Char(c)
            }
            _ => named_key(rest).ok_or_else(|| {
                err(
                    "unknown key name (use one character or enter, esc, tab, backspace, \
                     del, ins, home, end, pgup, pgdn, up, down, left, right, space, f1-f24)",
                )
            })?,
        };
        Ok(KeySpec::new(code, modifiers))
    }
}

#[derive(Clone, Copy)]
enum Flag {
    Ctrl,
    Alt,
    Shift,
}

/// Split one leading modifier off a spec. The separator must be followed by
/// something, so `"-"` and `"ctrl--"` keep their minus key.
fn strip_modifier(s: &str) -> Option<(Flag, &str)> {
    const WORDS: &[(&str, Flag)] = &[
        ("ctrl", Flag::Ctrl),
        ("control", Flag::Ctrl),
        ("alt", Flag::Alt),
        ("meta", Flag::Alt),
        ("shift", Flag::Shift),
    ];
    const LETTERS: &[(&str, Flag)] = &[
        ("C", Flag::Ctrl),
        ("A", Flag::Alt),
        ("M", Flag::Alt),
        ("S", Flag::Shift),
    ];
    let split = |name_len: usize| -> Option<&str> {
        let sep = s.get(name_len..name_len + 1)?;
        (sep == "-" || sep == "+").then(|| &s[name_len + 1..])
    };
    for (word, flag) in WORDS {
        if s.len() > word.len()
            && s.get(..word.len())
                .is_some_and(|head| head.eq_ignore_ascii_case(word))
        {
            if let Some(rest) = split(word.len()) {
                return Some((*flag, rest));
            }
        }
    }
    for (letter, flag) in LETTERS {
        if s.starts_with(letter) {
            if let Some(rest) = split(1) {
                return Some((*flag, rest));
            }
        }
    }
    None
}

fn named_key(name: &str) -> Option<KeyCode> {
    let lower = name.to_ascii_lowercase();
    if let Some((code, _)) = NAMED_KEYS
        .iter()
        .find(|(_, names)| names.contains(&lower.as_str()))
    {
        return Some(*code);
    }
    let n: u8 = lower.strip_prefix('f')?.parse().ok()?;
    (1..=24).contains(&n).then_some(KeyCode::F(n))
}

/// The character Shift produces from `c` on a US layout, for letters; other
/// characters (`?`, `！`) already are what the terminal sends.
fn shifted(c: char) -> char {
    let mut upper = c.to_uppercase();
    match (upper.next(), upper.next()) {
        (Some(u), None) => u,
        _ => c,
    }
}

impl FromStr for KeySpec {
    type Err = KeySpecError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        KeySpec::parse(s)
    }
}

impl fmt::Display for KeyCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            KeyCode::Char(' ') => f.write_str("space"),
            KeyCode::Char(c) => write!(f, "{c}"),
            KeyCode::F(n) => write!(f, "f{n}"),
            KeyCode::BackTab => f.write_str("shift-tab"),
            other => {
                let name = NAMED_KEYS
                    .iter()
                    .find(|(code, _)| code == other)
                    .and_then(|(_, names)| names.first())
                    .unwrap_or(&"?");
                f.write_str(name)
            }
        }
    }
}

/// The canonical spelling (`ctrl-d`, `shift-tab`, `G`, `space`), which
/// parses back to the same spec; what the help overlay shows.
impl fmt::Display for KeySpec {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.modifiers.ctrl {
            f.write_str("ctrl-")?;
        }
        if self.modifiers.alt {
            f.write_str("alt-")?;
        }
        if self.modifiers.shift {
            f.write_str("shift-")?;
        }
        write!(f, "{}", self.code)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn p(s: &str) -> KeySpec {
        match KeySpec::parse(s) {
            Ok(k) => k,
            Err(e) => panic!("{s:?} should parse: {e}"),
        }
    }

    fn mods(ctrl: bool, alt: bool, shift: bool) -> Modifiers {
        Modifiers { ctrl, alt, shift }
    }

    #[test]
    fn parses_the_usual_specs() {
        assert_eq!(p("j"), KeySpec::char('j'));
        assert_eq!(p("G"), KeySpec::char('G'));
        assert_eq!(p("shift-g"), KeySpec::char('G'));
        assert_eq!(p("?"), KeySpec::char('?'));
        assert_eq!(p("？"), KeySpec::char('？'));
        assert_eq!(p("space"), KeySpec::char(' '));
        assert_eq!(p(" "), KeySpec::char(' '));
        assert_eq!(
            p("ctrl-d"),
            KeySpec::new(KeyCode::Char('d'), mods(true, false, false))
        );
        assert_eq!(p("Ctrl+D"), p("ctrl-shift-d"));
        assert_eq!(p("C-d"), p("ctrl-d"));
        assert_eq!(p("M-x"), p("alt-x"));
        assert_eq!(p("pgdn").code, KeyCode::PageDown);
        assert_eq!(p("PageUp").code, KeyCode::PageUp);
        assert_eq!(p("shift-tab"), p("backtab"));
        assert_eq!(p("shift-tab").modifiers, Modifiers::default());
        assert_eq!(p("F5").code, KeyCode::F(5));
        assert_eq!(
            p("shift-up"),
            KeySpec::new(KeyCode::Up, mods(false, false, true))
        );
        assert_eq!(p("-"), KeySpec::char('-'));
        assert_eq!(p("+"), KeySpec::char('+'));
        assert_eq!(
            p("ctrl--"),
            KeySpec::new(KeyCode::Char('-'), mods(true, false, false))
        );
        assert_eq!(p("S"), KeySpec::char('S'));
        assert_eq!(p("C"), KeySpec::char('C'));
    }

    #[test]
    fn rejects_bad_specs_quoting_them() {
        for bad in [
            "",
            "   ",
            "ctrl-",
            "ctrl-ctrl-d",
            "jj",
            "f0",
            "f25",
            "hyper-x",
            "\u{1b}",
            "ctrl-\u{7f}",
        ] {
            match KeySpec::parse(bad) {
                Ok(k) => panic!("{bad:?} should be rejected, got {k:?}"),
                Err(e) => assert!(e.to_string().contains(&format!("{bad:?}")), "{e}"),
            }
        }
    }

    #[test]
    fn display_round_trips() {
        for s in [
            "j",
            "G",
            "ctrl-d",
            "alt-x",
            "ctrl-alt-D",
            "shift-tab",
            "space",
            "pgdn",
            "pgup",
            "enter",
            "esc",
            "f12",
            "shift-up",
            "ctrl--",
            "-",
            "？",
            "home",
            "end",
            "del",
        ] {
            let k = p(s);
            assert_eq!(p(&k.to_string()), k, "{s}");
        }
        assert_eq!(p("PageDown").to_string(), "pgdn");
        assert_eq!(p("shift-g").to_string(), "G");
        assert_eq!(p("backtab").to_string(), "shift-tab");
    }

    #[test]
    fn terminal_events_normalise_like_specs() {
        // Terminals report Shift+G as 'G' with SHIFT, Shift+Tab as BackTab
        // with SHIFT.
        assert_eq!(
            KeySpec::new(KeyCode::Char('G'), mods(false, false, true)),
            p("G")
        );
        assert_eq!(
            KeySpec::new(KeyCode::BackTab, mods(false, false, true)),
            p("shift-tab")
        );
        assert_eq!(
            KeySpec::new(KeyCode::Char('d'), mods(true, false, false)),
            p("ctrl-d")
        );
        // Ctrl-D with Caps Lock, or with Shift.
        assert_eq!(
            KeySpec::new(KeyCode::Char('D'), mods(true, false, false)),
            KeySpec::ctrl('d')
        );
        assert_eq!(
            KeySpec::new(KeyCode::Char('D'), mods(true, false, true)),
            KeySpec::ctrl('d')
        );
    }
}
