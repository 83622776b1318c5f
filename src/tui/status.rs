//! The status line (report, section, position; or a message; or what the
//! view on top says) and the hint bar (the keys that work in the layer on
//! top or the focused pane, from the action table and the keymap).

use super::action::{hints, Bar};
use super::app::{App, Pane};
use super::bookmarks::PendingMark;
use super::reader::{report_title, ReaderFrame};
use crate::text::width::{display_width, fit, for_display};
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;
use ratatui::Frame;

/// The left part of the status line: report and section being read.
pub fn status_text(app: &App, view: &ReaderFrame) -> String {
    if let Some(p) = app.layer::<PendingMark>() {
        return p.prompt().into();
    }
    if let Some(m) = &app.message {
        return m.clone();
    }
    if let Some(t) = app.layers.top_view().and_then(|l| l.state().status(app)) {
        return t;
    }
    let Some((_, report)) = app.current_report() else {
        return if app.loading {
            "gwr: loading reports".into()
        } else {
            "gwr".into()
        };
    };
    // The pane's border already names the report: the section matters more.
    match view.section.and_then(|i| report.sections.get(i)) {
        Some(sec) => format!("{}{}", sec.label, sec.title),
        None => report_title(report).to_string(),
    }
}

/// The right part: section number and percentage read.
pub fn position_text(app: &App, view: &ReaderFrame) -> String {
    if let Some(t) = app.layers.top_view().and_then(|l| l.state().position(app)) {
        return t;
    }
    let Some((_, report)) = app.current_report() else {
        return String::new();
    };
    let pct = view.percent.map(|p| format!("{p}%")).unwrap_or_default();
    match view.section {
        Some(s) => format!("[{}/{}] {pct}", s + 1, report.sections.len()),
        None => pct,
    }
}

pub fn draw_status(frame: &mut Frame, area: Rect, app: &App, view: &ReaderFrame) {
    let theme = &app.settings.theme;
    let w = area.width as usize;
    let right = format!(
        "{}{}",
        super::search::status_prefix(app),
        position_text(app, view)
    );
    let right_w = display_width(&right);
    let style = if app.message.is_some() || app.layer::<PendingMark>().is_some() {
        theme.message()
    } else {
        theme.status
    };
    let text = if right_w + 3 <= w {
        let left = fit(
            &format!(" {}", for_display(&status_text(app, view))),
            w - right_w - 2,
            theme.ellipsis(),
        );
        format!("{left} {right} ")
    } else {
        fit(
            &format!(" {}", for_display(&status_text(app, view))),
            w,
            theme.ellipsis(),
        )
    };
    frame.render_widget(Paragraph::new(Span::styled(text, style)), area);
}

/// The hints that fit in `width` columns, as (keys, word) pairs.
pub fn hint_items(app: &App, width: usize) -> Vec<(String, &'static str)> {
    let km = &app.settings.keymap;
    let mut out = Vec::new();
    let mut used = 0;
    let table = hints(hint_bar(app));
    for h in table {
        let keys: Vec<String> = h
            .actions
            .iter()
            .filter_map(|&a| km.short_label(a))
            .collect();
        if keys.is_empty() {
            continue;
        }
        let keys = keys.join("/");
        let w = display_width(&keys) + 1 + display_width(h.word) + 2;
        if used + w > width {
            break;
        }
        used += w;
        out.push((keys, h.word));
    }
    out
}

/// The bar of the layer on top (a picker shows its view's), else the
/// focused pane's.
pub fn hint_bar(app: &App) -> Bar {
    let layer_bar = app.layers.iter().rev().find_map(|l| l.state().bar(app));
    layer_bar.unwrap_or(match app.focus {
        Pane::List => Bar::List,
        Pane::Outline => Bar::Outline,
        Pane::Reader => Bar::Reader,
    })
}

pub fn draw_hints(frame: &mut Frame, area: Rect, app: &App) {
    let theme = &app.settings.theme;
    let mut spans = vec![Span::raw(" ")];
    for (keys, word) in hint_items(app, area.width.saturating_sub(1) as usize) {
        spans.push(Span::styled(keys, theme.hint_key));
        spans.push(Span::styled(format!(" {word}  "), theme.hint_text));
    }
    let line = Line::from(spans);
    frame.render_widget(Paragraph::new(line), area);
}
