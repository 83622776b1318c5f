//! The targets view drawn from `&state`: a table of rows, the sentence
//! Enter opens under it.

use super::state::*;
use crate::figures::format::compact_value;
use crate::figures::targets::Row;
use crate::figures::Kind;
use crate::text::sentence::sentence_around;
use crate::text::width::{fit, fit_right, for_display};
use crate::tui::app::App;
use crate::tui::figures::titled_block;
use crate::tui::reader::report_title;
use crate::tui::ui::scroll_offset;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;
use ratatui::Frame;

/// Rows of the table inside the popup: the border, the header and the
/// sentence line take the rest.
pub(super) fn body_height(popup: Rect) -> usize {
    let inner = popup.height.saturating_sub(2) as usize;
    inner.saturating_sub(if inner >= 6 { 2 } else { 1 })
}

/// A column: its header, width (0 for the one that takes what is left),
/// alignment.
struct Column {
    head: &'static str,
    width: usize,
    right: bool,
}

const fn col(head: &'static str, width: usize, right: bool) -> Column {
    Column { head, width, right }
}

/// The columns of a scope, and the order they are dropped in when the
/// width is short (positions in the list).
fn columns(scope: &TargetsScope) -> (Vec<Column>, &'static [usize]) {
    match scope {
        TargetsScope::Place(_) => (
            vec![
                col("Year", 4, false),
                col("Indicator", 0, false),
                col("Kind", 6, false),
                col("Target", 14, true),
                col("Outcome", 14, true),
                col("Met", 3, false),
                col("Margin", 12, true),
            ],
            &[6, 2, 0],
        ),
        TargetsScope::Indicator { .. } => (
            vec![
                col("Place", 0, false),
                col("Year", 4, false),
                col("Target", 14, true),
                col("Outcome", 14, true),
                col("Met", 3, false),
                col("Margin", 12, true),
            ],
            &[5, 1],
        ),
    }
}

/// The widths in `width` columns: dropped columns are 0; the flexible
/// one takes the rest.
fn widths(cols: &[Column], drop: &[usize], width: usize) -> Vec<usize> {
    const FLEX_MIN: usize = 8;
    let mut w: Vec<usize> = cols.iter().map(|c| c.width).collect();
    let need = |w: &[usize]| -> usize {
        let shown = w.iter().zip(cols).filter(|(&x, c)| x > 0 || c.width == 0);
        let n = shown.clone().count();
        shown.map(|(&x, _)| x).sum::<usize>() + n.saturating_sub(1) + FLEX_MIN
    };
    for &d in drop {
        if need(&w) <= width {
            break;
        }
        w[d] = 0;
    }
    // Wider, a name leaves the numbers far from it.
    const FLEX_MAX: usize = 24;
    let used = need(&w) - FLEX_MIN;
    if let Some(flex) = cols.iter().position(|c| c.width == 0) {
        w[flex] = width.saturating_sub(used).clamp(1, FLEX_MAX);
    }
    w
}

/// One line of cells, each fitted to its column.
fn line(
    cols: &[Column],
    widths: &[usize],
    cells: &[(String, Style)],
    marker: &str,
) -> Line<'static> {
    let mut spans = Vec::new();
    for ((c, &w), (text, style)) in cols.iter().zip(widths).zip(cells) {
        if w == 0 {
            continue;
        }
        if !spans.is_empty() {
            spans.push(Span::raw(" "));
        }
        let text = for_display(text);
        let cell = if c.right {
            fit_right(&text, w, marker)
        } else {
            fit(&text, w, marker)
        };
        spans.push(Span::styled(cell, *style));
    }
    Line::from(spans)
}

fn kind_word(kind: Kind) -> &'static str {
    match kind {
        Kind::Level => "level",
        Kind::Change => "change",
        Kind::Pp => "points",
    }
}

/// How far past (`+`) or short of (`-`) the target the outcome is.
fn margin_text(row: &Row) -> String {
    match row.margin() {
        Some(m) if m > 0.0 => format!("+{}", compact_value(m, row.unit)),
        Some(m) => compact_value(m, row.unit),
        None => String::new(),
    }
}

/// The cells of one row, in the scope's columns.
fn cells(scope: &TargetsScope, row: &Row) -> Vec<String> {
    let raw = |s: &Option<crate::figures::targets::Side>| {
        s.as_ref().map(|s| s.raw.clone()).unwrap_or_default()
    };
    let (target, outcome) = (raw(&row.target), raw(&row.outcome));
    let year = row.year.to_string();
    let met = row.met_word().to_string();
    match scope {
        TargetsScope::Place(_) => vec![
            year,
            row.indicator.to_string(),
            kind_word(row.kind).to_string(),
            target,
            outcome,
            met,
            margin_text(row),
        ],
        TargetsScope::Indicator { .. } => vec![
            row.place.clone(),
            year,
            target,
            outcome,
            met,
            margin_text(row),
        ],
    }
}

/// The title: what the rows are, how many, and how far the reading is.
fn title(view: &TargetsView) -> String {
    let years = match (
        view.rows.iter().map(|r| r.year).min(),
        view.rows.iter().map(|r| r.year).max(),
    ) {
        (Some(a), Some(b)) if a != b => format!(", {a}–{b}"),
        (Some(a), _) => format!(", {a}"),
        _ => String::new(),
    };
    let reading = view
        .gathering
        .as_ref()
        .map(|w| format!(" ({})", w.progress_label()))
        .unwrap_or_default();
    let n = view.rows.len();
    match &view.scope {
        TargetsScope::Place(place) => format!(
            " Targets against outcomes · {}: {n} rows{years}{reading} ",
            for_display(place)
        ),
        TargetsScope::Indicator { names, kind, unit } => format!(
            " {} ({}, {}) in every place: targets against outcomes, {n} rows{years}{reading} ",
            for_display(names.first().copied().unwrap_or("")),
            if *unit == "百分点" {
                "个百分点"
            } else {
                unit
            },
            kind_word(*kind)
        ),
    }
}

/// What Enter opens: `target, <report> line 23: <sentence>`.
fn detail(app: &App, view: &TargetsView) -> String {
    let Some((r, paragraph, range)) = view.jump_target() else {
        return String::new();
    };
    let Some(report) = app.report(r) else {
        return String::new();
    };
    let Some(p) = report.paragraphs.get(paragraph) else {
        return String::new();
    };
    let sentence = p
        .text
        .get(sentence_around(&p.text, range.clone()))
        .unwrap_or("");
    let side = match view.selected_row() {
        Some(row) if row.target.is_none() => Jump::Outcome,
        Some(row) if row.outcome.is_none() => Jump::Target,
        _ => view.jump,
    };
    format!(
        "Enter: {} · {} line {}: {sentence}",
        side.name(),
        report_title(&report),
        p.line_at(range.start)
    )
}

pub(super) fn draw(frame: &mut Frame, popup: Rect, app: &App, view: &TargetsView) {
    let theme = &app.settings.theme;
    let Some(inner) = titled_block(frame, popup, &title(view), theme) else {
        return;
    };
    let w = inner.width as usize;
    let row_at = |y: u16| Rect {
        y,
        height: 1,
        ..inner
    };
    let (cols, drop) = columns(&view.scope);
    let widths = widths(&cols, drop, w);
    // The header, the side Enter opens marked.
    let marked = match view.jump {
        Jump::Target => "Target",
        Jump::Outcome => "Outcome",
    };
    let arrow = if theme.ascii { ">" } else { "▸" };
    let head: Vec<(String, Style)> = cols
        .iter()
        .map(|c| {
            let text = if c.head == marked {
                format!("{arrow}{}", c.head)
            } else {
                c.head.to_string()
            };
            (text, theme.title)
        })
        .collect();
    frame.render_widget(
        Paragraph::new(line(&cols, &widths, &head, theme.ellipsis())),
        row_at(inner.y),
    );
    if inner.height < 2 {
        return;
    }
    let h = body_height(popup).max(1).min(inner.height as usize - 1);
    let body = Rect {
        y: inner.y + 1,
        height: h as u16,
        ..inner
    };
    if view.rows.is_empty() {
        let text = match (view.progress(), &view.scope) {
            (Some((walked, total)), _) => format!("Reading the reports: {walked} of {total}…"),
            (None, TargetsScope::Place(place)) => format!(
                "The reports of {} state no target or outcome of a known indicator.",
                for_display(place)
            ),
            (None, TargetsScope::Indicator { .. }) => {
                "No place states a target or outcome of this indicator.".to_string()
            }
        };
        frame.render_widget(
            Paragraph::new(Span::styled(fit(&text, w, theme.ellipsis()), theme.muted)),
            body,
        );
    } else {
        let offset = scroll_offset(0, view.selected, h, view.rows.len());
        let lines: Vec<Line> = view
            .rows
            .iter()
            .enumerate()
            .skip(offset)
            .take(h)
            .map(|(n, row)| {
                let selected = n == view.selected;
                let style = |s: Style| if selected { theme.selected(true) } else { s };
                let met = match row.met() {
                    Some(false) => theme.marker,
                    _ => theme.text,
                };
                let styles: Vec<Style> = match view.scope {
                    TargetsScope::Place(_) => vec![
                        theme.muted,
                        theme.text,
                        theme.muted,
                        theme.figure,
                        theme.figure,
                        met,
                        theme.text,
                    ],
                    TargetsScope::Indicator { .. } => vec![
                        theme.text,
                        theme.muted,
                        theme.figure,
                        theme.figure,
                        met,
                        theme.text,
                    ],
                };
                let cells: Vec<(String, Style)> = cells(&view.scope, row)
                    .into_iter()
                    .zip(styles)
                    .map(|(t, s)| (t, style(s)))
                    .collect();
                line(&cols, &widths, &cells, theme.ellipsis())
            })
            .collect();
        frame.render_widget(Paragraph::new(lines), body);
    }
    if inner.height >= 6 {
        frame.render_widget(
            Paragraph::new(Span::styled(
                fit(&for_display(&detail(app, view)), w, theme.ellipsis()),
                theme.muted,
            )),
            row_at(inner.bottom() - 1),
        );
    }
}
