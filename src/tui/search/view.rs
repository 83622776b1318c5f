//! Drawing search: the box on the status line (or in the results view),
//! the status line's search part, the results view with snippets.

use super::*;
use crate::library::Entry;
use crate::report::Report;
use crate::search::locate;
use crate::text::width::{display_width, fit, for_display};
use crate::tui::app::App;
use crate::tui::reader::pane_block;
use crate::tui::report_list::place;
use crate::tui::ui::{open_popup, scroll_offset};
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;
use ratatui::Frame;

/// `3/17 · Indexing 120/300 · `: the status line's search part, before
/// the position.
pub fn status_prefix(app: &App) -> String {
    let mut out = String::new();
    if let Some(p) = app.search.progress() {
        out.push_str(&p);
        out.push_str(" · ");
    }
    if let Some(s) = app
        .search
        .reader
        .as_ref()
        .filter(|s| Some(s.report) == app.reader.report && !s.matches.is_empty())
    {
        match s.current {
            Some(c) => out.push_str(&format!("{}/{} · ", c + 1, s.matches.len())),
            None => out.push_str(&format!("{} matches · ", s.matches.len())),
        }
    }
    out
}

/// A report's hit count in the filtered list.
pub fn list_hits(app: &App, report: usize) -> Option<u32> {
    let f = app.search.filter.as_ref()?;
    app.list.filter.as_ref()?;
    f.counts.get(report).copied()
}

/// The box on one row: prompt and text (with the real cursor), then what
/// the query found or why it cannot run.
pub fn draw_box(frame: &mut Frame, area: Rect, app: &App, input: &SearchBox, prompt: &str) {
    let theme = &app.settings.theme;
    if area.width == 0 || area.height == 0 {
        return;
    }
    frame.render_widget(
        Paragraph::new(Span::styled(" ".repeat(area.width as usize), theme.status)),
        area,
    );
    let (info, style) = match &input.info {
        Ok(s) => (s.clone(), theme.muted),
        Err(e) => (format!("bad query: {e}"), theme.message()),
    };
    let info = for_display(&info).into_owned();
    let text_w = display_width(prompt) + display_width(&for_display(input.input.text())) + 2;
    let w = area.width as usize;
    // The info takes what the text leaves, at most half when the text is long.
    let info_w = display_width(&info)
        .min(w.saturating_sub(text_w).max(w / 2))
        .min(w.saturating_sub(display_width(prompt) + 2));
    let box_w = (w - info_w).max(1) as u16;
    input.input.draw(
        frame,
        Rect {
            width: box_w,
            height: 1,
            ..area
        },
        prompt,
        theme,
    );
    if info_w > 0 {
        let r = Rect {
            x: area.x + box_w,
            width: info_w as u16,
            height: 1,
            ..area
        };
        frame.render_widget(
            Paragraph::new(Span::styled(fit(&info, info_w, theme.ellipsis()), style)),
            r,
        );
    }
}

pub fn draw_results(frame: &mut Frame, area: Rect, app: &App, results: &Results) {
    let theme = &app.settings.theme;
    let popup = super::results::area(area);
    open_popup(frame, popup);
    let title = format!(" Search results: {} ", results.summary());
    let block = pane_block(theme, true).title(Line::from(for_display(&title).into_owned()));
    let inner = block.inner(popup);
    frame.render_widget(block, popup);
    if inner.width == 0 || inner.height == 0 {
        return;
    }
    // The query line: the box when editing, else the query.
    let query_row = Rect { height: 1, ..inner };
    match app
        .layer::<SearchBox>()
        .filter(|i| i.target == Target::Results)
    {
        Some(input) => draw_box(frame, query_row, app, input, "Search /"),
        None => {
            let text = format!("Search /{}", for_display(&results.query));
            frame.render_widget(
                Paragraph::new(Span::styled(
                    fit(&text, inner.width as usize, theme.ellipsis()),
                    theme.hint_key,
                )),
                query_row,
            );
        }
    }
    let list = Rect {
        y: inner.y + 1,
        height: inner.height - 1,
        ..inner
    };
    if list.height == 0 {
        return;
    }
    if results.hits.is_empty() {
        let msg = if results.query.is_empty() {
            "Type a query: words, \"phrases\", -exclusions, a | b, year:2023, province:安徽"
        } else {
            "No section matches"
        };
        frame.render_widget(
            Paragraph::new(Span::styled(
                fit(msg, list.width as usize, theme.ellipsis()),
                theme.muted,
            )),
            list,
        );
        return;
    }
    let per_hit = if list.height >= 4 { 2 } else { 1 };
    let shown = (list.height as usize / per_hit).max(1);
    let offset = scroll_offset(results.offset, results.selected, shown, results.hits.len());
    let w = list.width as usize;
    let mut lines: Vec<Line> = Vec::new();
    for (k, hit) in results.hits.iter().enumerate().skip(offset).take(shown) {
        let Some(report) = app.report(hit.report) else {
            continue;
        };
        let selected = k == results.selected;
        let base = if selected {
            theme.selected(true)
        } else {
            theme.text
        };
        let head = format!(
            " {} · {}",
            app.catalog()
                .entry(hit.report)
                .map(report_label)
                .unwrap_or_default(),
            section_label(&report, hit.section)
        );
        lines.push(Line::from(Span::styled(
            fit(&for_display(&head), w, theme.ellipsis()),
            base.patch(theme.title),
        )));
        if per_hit == 2 {
            lines.push(snippet_line(
                &report,
                hit,
                &results.needles,
                w,
                theme.text,
                theme.search_match,
            ));
        }
    }
    frame.render_widget(Paragraph::new(lines), list);
}

/// `2024 江城市`: the year and the most specific place (or the title).
pub fn report_label(report: &Entry) -> String {
    let year = report
        .meta
        .year
        .map(|y| y.to_string())
        .unwrap_or_else(|| "----".into());
    format!("{year} {}", place(report).unwrap_or_else(|| report.title()))
}

pub(super) fn section_label(report: &Report, section: Option<usize>) -> String {
    match section.and_then(|s| report.sections.get(s)) {
        Some(s) => format!("{}{}", s.label, s.title),
        None => "(before the first section)".into(),
    }
}

/// The snippet around the first match, indented, the query highlighted.
pub(super) fn snippet_line(
    report: &Report,
    hit: &ResultHit,
    needles: &[Vec<Option<char>>],
    width: usize,
    text: Style,
    highlight: Style,
) -> Line<'static> {
    let indent = "   ";
    let chars = width.saturating_sub(indent.len()) / 2;
    let (p, bytes) = first_match(report, hit, needles).unwrap_or((hit.paragraphs.start, 0..0));
    let Some(para) = report.paragraphs.get(p) else {
        return Line::default();
    };
    let snippet = locate::snippet(&para.text, bytes, chars.max(4));
    let mut spans = vec![Span::raw(indent)];
    let mut at = 0;
    for (range, _) in locate::find_in(&snippet, needles) {
        if range.start > at {
            spans.push(Span::styled(
                for_display(&snippet[at..range.start]).into_owned(),
                text,
            ));
        }
        spans.push(Span::styled(
            for_display(&snippet[range.clone()]).into_owned(),
            highlight,
        ));
        at = range.end;
    }
    if at < snippet.len() {
        spans.push(Span::styled(for_display(&snippet[at..]).into_owned(), text));
    }
    Line::from(spans)
}
