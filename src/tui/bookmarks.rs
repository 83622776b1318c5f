//! The bookmark list overlay (`B`): every bookmark, newest last; open or
//! delete one.

use super::app::App;
use super::memory::report_key;
use super::reader::{pane_block, report_title};
use super::ui::{open_popup, popup_area, scroll_offset};
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
    let report = app
        .reports
        .iter()
        .find(|r| report_key(r) == b.report)
        .map(|r| report_title(r).to_string())
        .unwrap_or_else(|| format!("({} not loaded)", b.report));
    format!("{}  {}", for_display(&report), for_display(&b.label))
}

/// Where the overlay goes on a screen of `area`.
pub fn area(area: Rect, app: &App) -> Rect {
    popup_area(area, 80, app.state.bookmarks.len().max(1) as u16 + 2)
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
                theme.dim(),
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
                theme.body()
            };
            Line::from(Span::styled(
                fit(&entry_text(app, i), w, theme.ellipsis()),
                style,
            ))
        })
        .collect();
    frame.render_widget(Paragraph::new(lines), inner);
}
