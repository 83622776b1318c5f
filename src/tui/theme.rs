//! How each part of the screen looks, by role (the role names are those of
//! the config file's `[themes.*]` tables), and the border glyphs. Every
//! role carries a modifier as well as a colour, so with colours removed
//! (`NO_COLOR`) headings, selections and markers stay visible.

use ratatui::style::{Color, Modifier, Style};
use ratatui::symbols::border;

/// An ASCII border set for terminals that draw box-drawing characters two
/// columns wide (some CJK locales).
pub const ASCII_BORDER: border::Set<'static> = border::Set {
    top_left: "+",
    top_right: "+",
    bottom_left: "+",
    bottom_right: "+",
    vertical_left: "|",
    vertical_right: "|",
    horizontal_top: "-",
    horizontal_bottom: "-",
};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Theme {
    /// ASCII borders and chrome.
    pub ascii: bool,
    /// Report text.
    pub text: Style,
    /// Section titles by depth; deeper levels use `heading4`.
    pub heading1: Style,
    pub heading2: Style,
    pub heading3: Style,
    pub heading4: Style,
    /// Lead sentences that open a paragraph.
    pub lead: Style,
    /// Footnote markers such as `[6]`.
    pub marker: Style,
    /// Figures (numbers with units) when highlighted.
    pub figure: Style,
    /// Search matches.
    pub search_match: Style,
    /// The selected row of a list or the outline.
    pub selection: Style,
    /// The section being read, in the outline; the open report, in the list.
    pub current: Style,
    pub border: Style,
    pub border_focused: Style,
    /// Pane titles and group headers.
    pub title: Style,
    /// Secondary details.
    pub muted: Style,
    pub status: Style,
    /// Keys and their descriptions in the hint bar and help.
    pub hint_key: Style,
    pub hint_text: Style,
    /// Messages that report a problem.
    pub error: Style,
}

fn fg(c: Color) -> Style {
    Style::default().fg(c)
}

const BOLD: Modifier = Modifier::BOLD;

impl Default for Theme {
    /// The built-in theme for dark backgrounds.
    fn default() -> Self {
        Theme {
            ascii: false,
            text: Style::default(),
            heading1: fg(Color::Yellow).add_modifier(BOLD),
            heading2: fg(Color::Cyan).add_modifier(BOLD),
            heading3: fg(Color::Green).add_modifier(BOLD),
            heading4: Style::default().add_modifier(BOLD),
            lead: Style::default().add_modifier(BOLD),
            marker: fg(Color::Magenta).add_modifier(Modifier::UNDERLINED),
            figure: fg(Color::LightCyan),
            search_match: fg(Color::Yellow).add_modifier(Modifier::REVERSED),
            selection: Style::default().add_modifier(Modifier::REVERSED),
            current: fg(Color::LightYellow).add_modifier(BOLD),
            border: fg(Color::DarkGray),
            border_focused: fg(Color::Cyan).add_modifier(BOLD),
            title: Style::default().add_modifier(BOLD),
            muted: Style::default().add_modifier(Modifier::DIM),
            status: Style::default().add_modifier(Modifier::REVERSED),
            hint_key: fg(Color::Cyan).add_modifier(BOLD),
            hint_text: Style::default(),
            error: fg(Color::Red).add_modifier(BOLD),
        }
    }
}

fn strip(s: Style) -> Style {
    Style {
        fg: None,
        bg: None,
        underline_color: None,
        ..s
    }
}

impl Theme {
    pub fn with_ascii(self, ascii: bool) -> Theme {
        Theme { ascii, ..self }
    }

    /// The same theme without colours (`NO_COLOR`).
    pub fn without_colors(self) -> Theme {
        Theme {
            ascii: self.ascii,
            text: strip(self.text),
            heading1: strip(self.heading1),
            heading2: strip(self.heading2),
            heading3: strip(self.heading3),
            heading4: strip(self.heading4),
            lead: strip(self.lead),
            marker: strip(self.marker),
            figure: strip(self.figure),
            search_match: strip(self.search_match),
            selection: strip(self.selection),
            current: strip(self.current),
            border: strip(self.border),
            border_focused: strip(self.border_focused),
            title: strip(self.title),
            muted: strip(self.muted),
            status: strip(self.status),
            hint_key: strip(self.hint_key),
            hint_text: strip(self.hint_text),
            error: strip(self.error),
        }
    }

    pub fn border_set(&self) -> border::Set<'static> {
        if self.ascii {
            ASCII_BORDER
        } else {
            border::PLAIN
        }
    }

    /// Marks text cut to fit. `…` is ambiguous-width, so the ASCII theme
    /// (chosen for terminals that draw such glyphs wide) uses `~`.
    pub fn ellipsis(&self) -> &'static str {
        if self.ascii {
            "~"
        } else {
            "…"
        }
    }

    pub fn border(&self, focused: bool) -> Style {
        if focused {
            self.border_focused
        } else {
            self.border
        }
    }

    /// A pane title; the focused pane's is shown reversed, so focus is
    /// visible without colour.
    pub fn title(&self, focused: bool) -> Style {
        if focused {
            self.title
                .patch(self.border_focused)
                .add_modifier(Modifier::REVERSED)
        } else {
            self.title
        }
    }

    /// A section title: lead sentences by their own style, others by depth.
    pub fn heading(&self, depth: u8, lead: bool) -> Style {
        if lead {
            return self.lead;
        }
        match depth {
            0 | 1 => self.heading1,
            2 => self.heading2,
            3 => self.heading3,
            _ => self.heading4,
        }
    }

    /// The selected row; in a pane without focus only underlined.
    pub fn selected(&self, focused: bool) -> Style {
        if focused {
            self.selection
        } else {
            Style::default().add_modifier(Modifier::UNDERLINED)
        }
    }

    /// A one-off message in the status line.
    pub fn message(&self) -> Style {
        self.status.add_modifier(BOLD)
    }
}
