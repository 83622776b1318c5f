//! The user's config (read by the store, terminal-free) turned into what
//! the TUI uses: the keymap, ratatui styles.

use super::action::Action;
use super::app::Settings;
use super::keymap::Keymap;
use super::theme::Theme;
use crate::store::{self, Borders, Config};
use ratatui::style::{Color, Modifier, Style};

/// Settings from the config; `--ascii-borders` and `--mouse` on the
/// command line switch those on whatever the config says.
pub fn from_config(config: &Config, ascii_flag: bool, mouse_flag: bool) -> Settings {
    let mut keymap = Keymap::default();
    for (name, specs) in &config.keys {
        if let Some(action) = Action::from_name(name) {
            keymap.bind(action, specs.clone());
        }
    }
    let mut theme = theme(&config.theme).with_ascii(ascii_flag || config.borders == Borders::Ascii);
    if config.no_color {
        theme = theme.without_colors();
    }
    Settings {
        theme,
        mouse: mouse_flag || config.mouse,
        keymap,
    }
}

fn color(c: store::Color) -> Color {
    use store::Color as S;
    match c {
        S::Reset => Color::Reset,
        S::Black => Color::Black,
        S::Red => Color::Red,
        S::Green => Color::Green,
        S::Yellow => Color::Yellow,
        S::Blue => Color::Blue,
        S::Magenta => Color::Magenta,
        S::Cyan => Color::Cyan,
        S::Gray => Color::Gray,
        S::DarkGray => Color::DarkGray,
        S::LightRed => Color::LightRed,
        S::LightGreen => Color::LightGreen,
        S::LightYellow => Color::LightYellow,
        S::LightBlue => Color::LightBlue,
        S::LightMagenta => Color::LightMagenta,
        S::LightCyan => Color::LightCyan,
        S::White => Color::White,
        S::Indexed(i) => Color::Indexed(i),
        S::Rgb(r, g, b) => Color::Rgb(r, g, b),
    }
}

pub fn style(s: &store::Style) -> Style {
    let mut out = Style::default();
    if let Some(fg) = s.fg {
        out = out.fg(color(fg));
    }
    if let Some(bg) = s.bg {
        out = out.bg(color(bg));
    }
    for (on, m) in [
        (s.bold, Modifier::BOLD),
        (s.dim, Modifier::DIM),
        (s.italic, Modifier::ITALIC),
        (s.underlined, Modifier::UNDERLINED),
        (s.reversed, Modifier::REVERSED),
    ] {
        if on {
            out = out.add_modifier(m);
        }
    }
    out
}

/// The config's theme, role by role.
pub fn theme(t: &store::Theme) -> Theme {
    Theme {
        ascii: false,
        text: style(&t.text),
        heading1: style(&t.heading1),
        heading2: style(&t.heading2),
        heading3: style(&t.heading3),
        heading4: style(&t.heading4),
        lead: style(&t.lead),
        marker: style(&t.marker),
        figure: style(&t.figure),
        search_match: style(&t.search_match),
        selection: style(&t.selection),
        current: style(&t.current),
        border: style(&t.border),
        border_focused: style(&t.border_focused),
        title: style(&t.title),
        muted: style(&t.muted),
        status: style(&t.status),
        hint_key: style(&t.hint_key),
        hint_text: style(&t.hint_text),
        error: style(&t.error),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tui::keymap::Key;
    use std::path::Path;

    fn config(toml: &str) -> (Config, Vec<String>) {
        let (mut c, diags) = Config::from_toml(toml, Path::new("config.toml"), &Default::default());
        let mut msgs: Vec<String> = diags.iter().map(ToString::to_string).collect();
        msgs.extend(
            c.retain_known_actions(|n| Action::from_name(n).is_some())
                .iter()
                .map(ToString::to_string),
        );
        (c, msgs)
    }

    #[test]
    fn the_built_in_config_is_the_built_in_look_and_keymap() {
        let (c, msgs) = config("");
        assert!(msgs.is_empty(), "{msgs:?}");
        let s = from_config(&c, false, false);
        assert_eq!(s.theme, Theme::default());
        assert!(!s.mouse);
        let km = Keymap::default();
        for a in super::super::action::ALL {
            assert_eq!(s.keymap.keys(a), km.keys(a), "{a:?}");
        }
    }

    #[test]
    fn config_keys_theme_borders_and_mouse_apply() {
        let (c, msgs) = config(
            "borders = \"ascii\"\nmouse = true\n[keys]\ndown = [\"n\", \"ctrl-j\"]\nnext_section = \"shift-n\"\nno_such_action = \"x\"\n[themes.default]\nheading1 = \"italic red on blue\"\n",
        );
        assert_eq!(msgs.len(), 1, "the unknown action is reported: {msgs:?}");
        assert!(msgs[0].contains("no_such_action"), "{msgs:?}");
        let s = from_config(&c, false, false);
        assert!(s.theme.ascii && s.mouse);
        assert_eq!(
            s.keymap.keys(Action::Down),
            [Key::char('n'), Key::ctrl('j')]
        );
        assert_eq!(s.keymap.keys(Action::NextSection), [Key::char('N')]);
        assert_eq!(
            s.theme.heading1,
            Style::default()
                .fg(Color::Red)
                .bg(Color::Blue)
                .add_modifier(Modifier::ITALIC)
        );
    }

    #[test]
    fn no_color_in_the_config_removes_colours() {
        let (c, _) = config("no_color = true\n");
        let s = from_config(&c, true, true);
        assert_eq!(s.theme.heading1.fg, None);
        assert!(s.theme.heading1.add_modifier.contains(Modifier::BOLD));
        assert!(
            s.theme.ascii && s.mouse,
            "flags switch borders and mouse on"
        );
    }
}
