//! The topic view drawn from `&state`: one line a section, the status
//! line's text.

use super::*;
use crate::text::width::{display_width, fit, for_display, truncate_with};
use crate::tui::app::App;
use crate::tui::compare::main_area;
use crate::tui::reader::pane_block;
use crate::tui::ui::{open_popup, scroll_offset};
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;
use ratatui::Frame;

/// Rows of sections the view shows at once.
pub(super) fn topic_list_height(app: &App) -> usize {
    let inner = view_inner(main_area(app.area(), app));
    (inner.height as usize).saturating_sub(2).max(1)
}

pub(super) fn view_inner(area: Rect) -> Rect {
    if area.width >= 30 && area.height >= 8 {
        Rect {
            x: area.x + 1,
            y: area.y + 1,
            width: area.width - 2,
            height: area.height - 2,
        }
    } else {
        area
    }
}

/// One line of the table: place, part, length, figures, section.
pub fn row_line(row: &TopicRow, part: &str, width: usize, marker: &str) -> String {
    let place = fit(&for_display(&row.place), 16, marker);
    let part = fit(&for_display(part), 8, marker);
    let head = format!("{place} {part} {:>6} {:>4}  ", row.chars, row.figures);
    let rest = width.saturating_sub(display_width(&head));
    let title = if row.secondary {
        format!("({})", row.title)
    } else {
        row.title.clone()
    };
    fit(
        &format!("{head}{}", fit(&for_display(&title), rest, marker)),
        width,
        marker,
    )
}

/// The status line in the topic view.
pub(super) fn status_text(app: &App, view: &TopicView) -> Option<String> {
    if app.layer::<TopicPicker>().is_some() {
        return Some("Type to filter the topics; Enter shows one".into());
    }
    let row = view.rows.get(view.selected)?;
    let report = app.report(row.report)?;
    Some(format!(
        "{}/{}  {}",
        view.selected + 1,
        view.rows.len(),
        crate::tui::reader::report_title(&report)
    ))
}

pub(super) fn draw(frame: &mut Frame, area: Rect, app: &App, view: &TopicView) {
    let picking = app.layer::<TopicPicker>().is_some();
    let theme = &app.settings.theme;
    let taxonomy = app.topics.taxonomy();
    let main = main_area(area, app);
    open_popup(frame, main);
    let inner = view_inner(main);
    let name = view
        .topic
        .map(|t| taxonomy.topic_name(t).to_string())
        .unwrap_or_default();
    if inner != main {
        let reports = {
            let mut r: Vec<usize> = view.rows.iter().map(|r| r.report).collect();
            r.dedup();
            r.len()
        };
        let gathering = view
            .gathering
            .as_ref()
            .map(|w| format!(" ({})", w.progress_label()))
            .unwrap_or_default();
        let title = format!(
            " Topic: {}: {} sections in {reports} reports{gathering} ",
            for_display(&name),
            view.rows.len()
        );
        let title = truncate_with(
            &title,
            main.width.saturating_sub(2) as usize,
            theme.ellipsis(),
        )
        .into_owned();
        let block = pane_block(theme, !picking).title(Line::from(title));
        frame.render_widget(block, main);
    }
    if inner.width == 0 || inner.height == 0 {
        return;
    }
    let w = inner.width as usize;
    let header = fit(
        &format!(
            "{} {} {:>6} {:>4}  Section (secondary topic in brackets)",
            fit("Report", 16, ""),
            fit("Part", 8, ""),
            "Chars",
            "Figs"
        ),
        w,
        theme.ellipsis(),
    );
    let list = Rect {
        y: inner.y + 1,
        height: inner.height - 1,
        ..inner
    };
    let h = list.height as usize;
    let offset = scroll_offset(0, view.selected, h, view.rows.len());
    let lines: Vec<Line> = view
        .rows
        .iter()
        .enumerate()
        .skip(offset)
        .take(h)
        .map(|(i, row)| {
            let text = row_line(row, taxonomy.type_name(row.part), w, theme.ellipsis());
            let style = if i == view.selected {
                theme.text.patch(theme.selected(!picking))
            } else {
                theme.text
            };
            Line::from(Span::styled(text, style))
        })
        .collect();
    frame.render_widget(
        Paragraph::new(Span::styled(header, theme.title)),
        Rect { height: 1, ..inner },
    );
    if lines.is_empty() && !picking && view.gathering.is_none() {
        frame.render_widget(
            Paragraph::new(Span::styled(
                fit("No section has this topic", w, theme.ellipsis()),
                theme.muted,
            )),
            list,
        );
    } else {
        frame.render_widget(Paragraph::new(lines), list);
    }
}
