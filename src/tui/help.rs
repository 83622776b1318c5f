//! The `?` help layer, generated from the action table and the keymap in
//! use, so it always tells the truth about the bindings. It owns its scroll
//! position; opened over a view it starts at that view's keys, and closing
//! it shows the view again.

use super::action::{Action, Bar, Context, ALL};
use super::app::App;
use super::keymap::Keymap;
use super::layer::{Flow, LayerState};
use super::picker::list_step;
use super::reader::pane_block;
use super::theme::Theme;
use super::ui::{open_popup, popup_area};
use crate::text::width::{display_width, fit};
use crate::text::wrap::wrap;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;
use ratatui::Frame;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum HelpLine {
    Heading(&'static str),
    Entry {
        keys: String,
        description: &'static str,
    },
    Blank,
}

/// Every action with its keys, grouped by where it works.
pub fn lines(keymap: &Keymap) -> Vec<HelpLine> {
    let mut out = Vec::new();
    for ctx in Context::HELP_ORDER {
        let entries: Vec<HelpLine> = ALL
            .iter()
            .filter(|a| a.context() == ctx)
            .map(|&a| HelpLine::Entry {
                keys: keymap.label(a),
                description: a.description(),
            })
            .collect();
        if entries.is_empty() {
            continue;
        }
        if !out.is_empty() {
            out.push(HelpLine::Blank);
        }
        out.push(HelpLine::Heading(ctx.title()));
        out.extend(entries);
    }
    out
}

/// The help text laid out in `width` columns: a key column and the
/// description beside it, or below it when it does not fit.
pub fn rows(keymap: &Keymap, theme: &Theme, width: usize) -> Vec<Line<'static>> {
    let all = lines(keymap);
    let key_col = all
        .iter()
        .filter_map(|l| match l {
            HelpLine::Entry { keys, .. } => Some(display_width(keys)),
            _ => None,
        })
        .max()
        .unwrap_or(0)
        + 2;
    let mut out = Vec::new();
    for l in &all {
        match l {
            HelpLine::Heading(t) => out.push(Line::from(Span::styled(
                fit(t, width, theme.ellipsis()),
                theme.title,
            ))),
            HelpLine::Blank => out.push(Line::default()),
            HelpLine::Entry { keys, description } => {
                if key_col + display_width(description) <= width {
                    out.push(Line::from(vec![
                        Span::styled(fit(keys, key_col, ""), theme.hint_key),
                        Span::raw(*description),
                    ]));
                } else {
                    out.push(Line::from(Span::styled(
                        fit(keys, width, theme.ellipsis()),
                        theme.hint_key,
                    )));
                    let indent = 2.min(width.saturating_sub(1));
                    for w in wrap(description, width - indent) {
                        out.push(Line::from(format!(
                            "{}{}",
                            " ".repeat(indent),
                            &description[w.range]
                        )));
                    }
                }
            }
        }
    }
    out
}

fn inner_width(area: Rect) -> usize {
    popup_area(area, 72, area.height)
        .width
        .saturating_sub(2)
        .max(1) as usize
}

/// Where the overlay goes on a screen of `area`.
pub fn area(area: Rect, app: &App) -> Rect {
    let n = rows(&app.settings.keymap, &app.settings.theme, inner_width(area)).len();
    popup_area(area, 72, n as u16 + 2)
}

/// Rows of help text on a screen of `area`, for scrolling.
pub fn row_count(app: &App, area: Rect) -> usize {
    rows(&app.settings.keymap, &app.settings.theme, inner_width(area)).len()
}

/// The row where the keys of `context` start (0 when none are listed).
pub fn first_row_of(app: &App, area: Rect, context: Context) -> usize {
    let title = context.title();
    rows(&app.settings.keymap, &app.settings.theme, inner_width(area))
        .iter()
        .position(|l| matches!(&l.spans[..], [s] if s.content.trim_end() == title))
        .unwrap_or(0)
}

pub fn draw(frame: &mut Frame, area: Rect, app: &App, scroll: usize) {
    let theme = &app.settings.theme;
    let popup = self::area(area, app);
    open_popup(frame, popup);
    let all = rows(&app.settings.keymap, theme, inner_width(area));
    let mut block = pane_block(theme, true).title(Line::from(" Help: keys (Esc closes) "));
    let h = popup.height.saturating_sub(2) as usize;
    let top = scroll.min(all.len().saturating_sub(h));
    if all.len() > h {
        block = block.title_bottom(Line::from(format!(
            " {}-{} of {}, j/k scrolls ",
            top + 1,
            (top + h).min(all.len()),
            all.len()
        )));
    }
    let inner = block.inner(popup);
    frame.render_widget(block, popup);
    let shown: Vec<Line> = all.into_iter().skip(top).take(h).collect();
    frame.render_widget(Paragraph::new(shown), inner);
}

/// The help layer: how far it is scrolled.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Help {
    pub scroll: usize,
}

impl LayerState for Help {
    fn context(&self) -> Option<Context> {
        Some(Context::Pane)
    }

    /// `?` again closes help rather than opening it over itself.
    fn act_or_help(&mut self, app: &mut App, a: Action) -> Flow {
        self.act(app, a)
    }

    fn act(&mut self, app: &mut App, a: Action) -> Flow {
        if matches!(a, Action::Back | Action::Quit | Action::Help) {
            return Flow::Close;
        }
        if let Some(d) = list_step(a, app.size.1.saturating_sub(6) as isize) {
            let max = row_count(app, app.area()).saturating_sub(1);
            self.scroll = self.scroll.saturating_add_signed(d).min(max);
        }
        Flow::Stay
    }

    fn hides_below(&self) -> bool {
        true
    }

    fn bar(&self, _app: &App) -> Option<Bar> {
        Some(Bar::Help)
    }

    fn area(&self, screen: Rect, app: &App) -> Option<Rect> {
        Some(area(screen, app))
    }

    fn draw(&self, frame: &mut Frame, screen: Rect, app: &App) {
        draw(frame, screen, app, self.scroll);
    }
}
