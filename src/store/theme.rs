//! Colours and text styles by role, terminal-free. Style specs are written
//! like `"bold yellow"`, `"black on cyan"`, `"reversed"`, `"#ffaa00"`; the
//! TUI maps [`Color`] and [`Style`] one-to-one onto ratatui's.

use std::fmt;

/// A terminal colour. Names follow the 16 ANSI colours as ratatui names
/// them; `Indexed` is the 256-colour palette; `Rgb` needs a true-colour
/// terminal.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Color {
    /// The terminal's own default.
    Reset,
    Black,
    Red,
    Green,
    Yellow,
    Blue,
    Magenta,
    Cyan,
    Gray,
    DarkGray,
    LightRed,
    LightGreen,
    LightYellow,
    LightBlue,
    LightMagenta,
    LightCyan,
    White,
    Indexed(u8),
    Rgb(u8, u8, u8),
}

/// Canonical names (written with `-`); parsing also accepts them without
/// separators or with `_`, and `grey` for `gray`.
const COLOR_NAMES: &[(&str, Color)] = &[
    ("reset", Color::Reset),
    ("default", Color::Reset),
    ("black", Color::Black),
    ("red", Color::Red),
    ("green", Color::Green),
    ("yellow", Color::Yellow),
    ("blue", Color::Blue),
    ("magenta", Color::Magenta),
    ("cyan", Color::Cyan),
    ("gray", Color::Gray),
    ("dark-gray", Color::DarkGray),
    ("light-red", Color::LightRed),
    ("light-green", Color::LightGreen),
    ("light-yellow", Color::LightYellow),
    ("light-blue", Color::LightBlue),
    ("light-magenta", Color::LightMagenta),
    ("light-cyan", Color::LightCyan),
    ("white", Color::White),
];

impl Color {
    /// `yellow`, `light-blue`, `#ffaa00`, or a palette index `0`–`255`.
    pub fn parse(word: &str) -> Option<Color> {
        if let Some(hex) = word.strip_prefix('#') {
            if hex.len() != 6 || !hex.bytes().all(|b| b.is_ascii_hexdigit()) {
                return None;
            }
            let byte = |i: usize| u8::from_str_radix(hex.get(i..i + 2)?, 16).ok();
            return Some(Color::Rgb(byte(0)?, byte(2)?, byte(4)?));
        }
        if !word.is_empty() && word.bytes().all(|b| b.is_ascii_digit()) {
            return word.parse().ok().map(Color::Indexed);
        }
        let squashed: String = word
            .chars()
            .filter(|c| !matches!(c, '-' | '_'))
            .map(|c| c.to_ascii_lowercase())
            .collect::<String>()
            .replace("grey", "gray");
        COLOR_NAMES
            .iter()
            .find(|(name, _)| name.replace('-', "") == squashed)
            .map(|(_, c)| *c)
    }
}

impl fmt::Display for Color {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Color::Indexed(i) => write!(f, "{i}"),
            Color::Rgb(r, g, b) => write!(f, "#{r:02x}{g:02x}{b:02x}"),
            named => {
                let name = COLOR_NAMES
                    .iter()
                    .find(|(_, c)| c == named)
                    .map(|(n, _)| *n)
                    .unwrap_or("reset");
                f.write_str(name)
            }
        }
    }
}

/// Foreground, background and text modifiers of one role.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash)]
pub struct Style {
    pub fg: Option<Color>,
    pub bg: Option<Color>,
    pub bold: bool,
    pub dim: bool,
    pub italic: bool,
    pub underlined: bool,
    pub reversed: bool,
}

impl Style {
    /// Parse `"bold yellow on blue"`: modifiers (`bold`, `dim`, `italic`,
    /// `underlined`, `reversed`) and at most one colour before `on` (the
    /// foreground) and one after it (the background), in any order; `""` or
    /// `"plain"` is the terminal's default look.
    pub fn parse(spec: &str) -> Result<Style, String> {
        let mut style = Style::default();
        let mut on = false;
        for word in spec.split_whitespace() {
            let lower = word.to_ascii_lowercase();
            let flag = match lower.as_str() {
                "plain" | "none" => continue,
                "on" => {
                    if on {
                        return Err("\"on\" appears twice".into());
                    }
                    on = true;
                    continue;
                }
                "bold" => &mut style.bold,
                "dim" => &mut style.dim,
                "italic" => &mut style.italic,
                "underline" | "underlined" => &mut style.underlined,
                "reverse" | "reversed" => &mut style.reversed,
                _ => {
                    let color = Color::parse(word).ok_or_else(|| {
                        format!(
                            "unknown colour or modifier {word:?} (colours: black, red, green, \
                             yellow, blue, magenta, cyan, gray, dark-gray, light-red, …, white, \
                             #rrggbb, 0-255; modifiers: bold, dim, italic, underlined, reversed)"
                        )
                    })?;
                    let slot = if on { &mut style.bg } else { &mut style.fg };
                    if slot.is_some() {
                        return Err(format!(
                            "two {} colours",
                            if on { "background" } else { "foreground" }
                        ));
                    }
                    *slot = Some(color);
                    continue;
                }
            };
            *flag = true;
        }
        if on && style.bg.is_none() {
            return Err("\"on\" needs a background colour after it".into());
        }
        Ok(style)
    }

    /// The same style without colours, for `NO_COLOR`: modifiers still tell
    /// headings, selection and matches apart.
    pub fn without_colors(self) -> Style {
        Style {
            fg: None,
            bg: None,
            ..self
        }
    }
}

impl fmt::Display for Style {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut words: Vec<String> = [
            (self.bold, "bold"),
            (self.dim, "dim"),
            (self.italic, "italic"),
            (self.underlined, "underlined"),
            (self.reversed, "reversed"),
        ]
        .iter()
        .filter(|(on, _)| *on)
        .map(|(_, w)| w.to_string())
        .collect();
        if let Some(fg) = self.fg {
            words.push(fg.to_string());
        }
        if let Some(bg) = self.bg {
            words.push(format!("on {bg}"));
        }
        if words.is_empty() {
            f.write_str("plain")
        } else {
            f.write_str(&words.join(" "))
        }
    }
}

/// Declares the theme's roles once: the struct fields, their names in the
/// config file, and lookup by name all come from this list.
macro_rules! theme_roles {
    ($($(#[doc = $doc:literal])* $field:ident,)*) => {
        /// The resolved look of every part of the screen.
        #[derive(Debug, Clone, PartialEq, Eq)]
        pub struct Theme {
            /// The theme's name in the config (`default`, `light`, …).
            pub name: String,
            $($(#[doc = $doc])* pub $field: Style,)*
        }

        impl Theme {
            /// Every role's name as written in `[themes.NAME]`.
            pub const ROLES: &'static [&'static str] = &[$(stringify!($field)),*];

            /// The style of a role by its config name.
            pub fn role(&self, name: &str) -> Option<&Style> {
                match name {
                    $(stringify!($field) => Some(&self.$field),)*
                    _ => None,
                }
            }

            pub(crate) fn role_mut(&mut self, name: &str) -> Option<&mut Style> {
                match name {
                    $(stringify!($field) => Some(&mut self.$field),)*
                    _ => None,
                }
            }

            /// A theme with every role plain; the embedded config fills it.
            pub(crate) fn plain(name: &str) -> Theme {
                Theme { name: name.to_string(), $($field: Style::default(),)* }
            }

            /// Every role without colours (`NO_COLOR`).
            pub fn without_colors(&self) -> Theme {
                Theme { name: self.name.clone(), $($field: self.$field.without_colors(),)* }
            }
        }
    };
}

theme_roles! {
    /// Report text.
    text,
    /// Section titles by depth; deeper levels use `heading4`.
    heading1,
    heading2,
    heading3,
    heading4,
    /// Lead sentences that open a paragraph (an unnumbered section).
    lead,
    /// Footnote markers such as `[6]`.
    marker,
    /// Figures (numbers with units) when highlighted.
    figure,
    /// Search matches.
    search_match,
    /// Bookmark indicators.
    bookmark,
    /// The selected row of a list or the outline.
    selection,
    /// The outline entry of the section being read.
    current,
    /// Pane borders, and the focused pane's border.
    border,
    border_focused,
    /// Pane titles.
    title,
    /// Secondary details: years, levels, counts.
    muted,
    /// The status line.
    status,
    /// Keys and their descriptions in the hint bar and help overlay.
    hint_key,
    hint_text,
    /// Error messages.
    error,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_colours() {
        assert_eq!(Color::parse("yellow"), Some(Color::Yellow));
        assert_eq!(Color::parse("Light-Blue"), Some(Color::LightBlue));
        assert_eq!(Color::parse("dark_grey"), Some(Color::DarkGray));
        assert_eq!(Color::parse("darkgray"), Some(Color::DarkGray));
        assert_eq!(Color::parse("#FFaa00"), Some(Color::Rgb(255, 170, 0)));
        assert_eq!(Color::parse("244"), Some(Color::Indexed(244)));
        for bad in ["256", "#fff", "#gggggg", "#ффф", "", "bluish", "-"] {
            assert_eq!(Color::parse(bad), None, "{bad}");
        }
        for (_, c) in COLOR_NAMES {
            assert_eq!(Color::parse(&c.to_string()), Some(*c));
        }
    }

    #[test]
    fn parses_styles() {
        let s = Style::parse("bold yellow on blue").expect("valid");
        assert_eq!(s.fg, Some(Color::Yellow));
        assert_eq!(s.bg, Some(Color::Blue));
        assert!(s.bold && !s.italic);
        assert_eq!(Style::parse("").ok(), Some(Style::default()));
        assert_eq!(Style::parse("plain").ok(), Some(Style::default()));
        assert!(Style::parse("reversed").is_ok_and(|s| s.reversed));
        assert!(Style::parse("red green").is_err());
        assert!(Style::parse("on").is_err());
        assert!(Style::parse("red on").is_err());
        assert!(Style::parse("on red on blue").is_err());
        assert!(Style::parse("boldd").is_err_and(|e| e.contains("\"boldd\"")));
        let round = Style::parse("italic underlined #102030 on 17").expect("valid");
        assert_eq!(Style::parse(&round.to_string()).ok(), Some(round));
    }

    #[test]
    fn roles_are_addressable_by_name() {
        let mut t = Theme::plain("x");
        for role in Theme::ROLES {
            assert!(t.role(role).is_some(), "{role}");
            if let Some(s) = t.role_mut(role) {
                s.fg = Some(Color::Red);
            }
        }
        assert!(t.role("nope").is_none());
        let mono = t.without_colors();
        assert!(Theme::ROLES
            .iter()
            .all(|r| mono.role(r).is_some_and(|s| s.fg.is_none())));
    }
}
