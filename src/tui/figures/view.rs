//! Drawing the figures table and the chart, from `&state`.

use super::state::*;
use crate::figures::format::{compact_value, human_value, qualifier_word, when_label, Change};
use crate::figures::ReportFigure;
use crate::report::Report;
use crate::text::sentence::sentence_around;
use crate::text::width::{fit, fit_right, for_display, truncate_with};
use crate::tui::app::App;
use crate::tui::reader::{pane_block, report_title};
use crate::tui::report_list::place;
use crate::tui::theme::Theme;
use crate::tui::ui::{popup_area, scroll_offset};
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;
use ratatui::Frame;

// ---- drawing -----------------------------------------------------------------

/// Where the overlay goes: most of the screen above the status line and
/// the hint bar, which stay visible.
pub fn area(area: Rect) -> Rect {
    let tiny = area.width < 30 || area.height < 8;
    let above = Rect {
        height: if tiny { area.height } else { area.height - 2 },
        ..area
    };
    popup_area(above, 132, above.height)
}

/// Rows left for table rows (or chart lines) inside the overlay: the
/// border, the filter or title line, the header and the sentence line
/// take the rest.
pub(super) fn body_height(popup: Rect) -> usize {
    let inner = popup.height.saturating_sub(2) as usize;
    inner.saturating_sub(if inner >= 6 { 3 } else { 2 })
}

/// Column widths of the table in `width` columns (0: not shown).
pub(super) struct Columns {
    pub(super) indicator: usize,
    pub(super) value: usize,
    pub(super) qualifier: usize,
    pub(super) change: usize,
    /// When the figure applies: `2025 实绩`.
    pub(super) when: usize,
    pub(super) section: usize,
}

pub(super) fn columns(width: usize) -> Columns {
    const VALUE: usize = 14;
    const QUALIFIER: usize = 6;
    const CHANGE: usize = 5;
    // `2025 实绩`; a span (`2021-2025 实绩`) where there is room.
    const WHEN: usize = 9;
    const WHEN_SPAN: usize = 14;
    if width >= 60 {
        let when = if width >= 100 { WHEN_SPAN } else { WHEN };
        let rest = width - VALUE - QUALIFIER - CHANGE - when - 5;
        let indicator = rest * 55 / 100;
        Columns {
            indicator,
            value: VALUE,
            qualifier: QUALIFIER,
            change: CHANGE,
            when,
            section: rest - indicator,
        }
    } else if width >= 36 {
        let when = if width >= 46 { WHEN } else { 0 };
        let gaps = if when > 0 { 4 } else { 3 };
        Columns {
            indicator: width - VALUE - QUALIFIER - CHANGE - when - gaps,
            value: VALUE,
            qualifier: QUALIFIER,
            change: CHANGE,
            when,
            section: 0,
        }
    } else {
        let value = VALUE.min(width / 2);
        Columns {
            indicator: width.saturating_sub(value + 1),
            value,
            qualifier: 0,
            change: 0,
            when: 0,
            section: 0,
        }
    }
}

/// Cells of one table line, each fitted to its column, with their styles.
pub(super) fn cells(cols: &Columns, texts: [(&str, Style); 6], theme: &Theme) -> Line<'static> {
    let widths = [
        cols.indicator,
        cols.value,
        cols.qualifier,
        cols.change,
        cols.when,
        cols.section,
    ];
    let mut spans = Vec::new();
    for (i, ((text, style), w)) in texts.into_iter().zip(widths).enumerate() {
        if w == 0 {
            continue;
        }
        if !spans.is_empty() {
            spans.push(Span::raw(" "));
        }
        let text = for_display(text);
        let cell = if i == 1 {
            fit_right(&text, w, theme.ellipsis())
        } else {
            fit(&text, w, theme.ellipsis())
        };
        spans.push(Span::styled(cell, style));
    }
    Line::from(spans)
}

pub(super) fn sort_mark(theme: &Theme, descending: bool) -> &'static str {
    match (theme.ascii, descending) {
        (false, false) => " ▲",
        (false, true) => " ▼",
        (true, false) => " ^",
        (true, true) => " v",
    }
}

/// The sentence holding a figure, for the line under the table.
pub(super) fn sentence_of<'r>(report: &'r Report, rf: &ReportFigure) -> &'r str {
    let Some(p) = report.paragraphs.get(rf.paragraph) else {
        return "";
    };
    let range = sentence_around(&p.text, rf.figure.range.clone());
    p.text.get(range).unwrap_or("")
}

pub(super) fn draw_table(frame: &mut Frame, popup: Rect, app: &App, t: &FigureTable) {
    let theme = &app.settings.theme;
    let Some(report) = app.report(t.report) else {
        return;
    };
    let scope = match (
        t.section_scope,
        t.section.and_then(|s| report.sections.get(s)),
    ) {
        (true, Some(s)) => format!("{}{}", s.label, s.title),
        _ => report_title(&report).to_string(),
    };
    let sorted = match t.sort {
        SortColumn::Text if !t.descending => String::new(),
        s => format!(", by {}", s.name()),
    };
    let title = format!(
        " Figures {}/{}{sorted}: {} ",
        t.rows.len(),
        t.figures.len(),
        for_display(&scope)
    );
    let Some(inner) = titled_block(frame, popup, &title, theme) else {
        return;
    };
    let w = inner.width as usize;
    let row_at = |y: u16| Rect {
        y,
        height: 1,
        ..inner
    };
    // The filter line.
    let filter_row = row_at(inner.y);
    if t.typing {
        t.filter.draw(frame, filter_row, "Filter: ", theme);
    } else {
        let (text, style) = if t.filter.is_empty() {
            (
                "/ filter (目标, 2025…)  s sort  r reverse  c section  a across  o targets"
                    .to_string(),
                theme.muted,
            )
        } else {
            (format!("Filter: {}", t.filter.text()), theme.text)
        };
        frame.render_widget(
            Paragraph::new(Span::styled(
                fit(&for_display(&text), w, theme.ellipsis()),
                style,
            )),
            filter_row,
        );
    }
    if inner.height < 2 {
        return;
    }
    let cols = columns(w);
    let mark = |c: SortColumn, label: &str| {
        if t.sort == c {
            format!("{label}{}", sort_mark(theme, t.descending))
        } else {
            label.to_string()
        }
    };
    let headers = [
        mark(SortColumn::Indicator, "Indicator"),
        mark(SortColumn::Value, "Value"),
        mark(SortColumn::Qualifier, "Qual."),
        mark(SortColumn::Change, "Chg."),
        mark(SortColumn::When, "When"),
        mark(SortColumn::Section, "Section"),
    ];
    let hs = theme.title;
    let header = cells(
        &cols,
        [
            (&headers[0], hs),
            (&headers[1], hs),
            (&headers[2], hs),
            (&headers[3], hs),
            (&headers[4], hs),
            (&headers[5], hs),
        ],
        theme,
    );
    frame.render_widget(Paragraph::new(header), row_at(inner.y + 1));
    let h = body_height(popup);
    let body = Rect {
        y: inner.y + 2,
        height: h as u16,
        ..inner
    };
    if t.rows.is_empty() {
        let text = if t.figures.is_empty() {
            "This report states no figures."
        } else {
            "No figure matches."
        };
        frame.render_widget(
            Paragraph::new(Span::styled(fit(text, w, theme.ellipsis()), theme.muted)),
            body,
        );
    } else {
        let offset = scroll_offset(0, t.selected, h, t.rows.len());
        let lines: Vec<Line> = t
            .rows
            .iter()
            .enumerate()
            .skip(offset)
            .take(h)
            .filter_map(|(n, &i)| {
                let rf = t.figures.get(i)?;
                let f = &rf.figure;
                let text = report
                    .paragraphs
                    .get(rf.paragraph)
                    .map(|p| p.text.as_str())
                    .unwrap_or("");
                let value = human_value(f.value, f.unit);
                let qualifier = qualifier_word(text, f).unwrap_or("");
                let change = Change::of(f.kind, f.value)
                    .map(|c| c.symbol(theme.ascii))
                    .unwrap_or("");
                let section = section_title(&report, rf);
                let when = when_label(f.status, f.period);
                let selected = n == t.selected;
                let style = |s: Style| {
                    if selected {
                        theme.selected(true)
                    } else {
                        s
                    }
                };
                Some(cells(
                    &cols,
                    [
                        (indicator_text(rf), style(theme.text)),
                        (&value, style(theme.figure)),
                        (qualifier, style(theme.text)),
                        (change, style(theme.text)),
                        (&when, style(theme.muted)),
                        (&section, style(theme.muted)),
                    ],
                    theme,
                ))
            })
            .collect();
        frame.render_widget(Paragraph::new(lines), body);
    }
    if inner.height >= 6 {
        let sentence = t
            .selected_figure()
            .map(|rf| sentence_of(&report, rf))
            .unwrap_or("");
        frame.render_widget(
            Paragraph::new(Span::styled(
                fit(&for_display(sentence), w, theme.ellipsis()),
                theme.muted,
            )),
            row_at(inner.bottom() - 1),
        );
    }
}

/// The popup's border with `title` cut to fit; the room inside, if any.
pub fn titled_block(frame: &mut Frame, popup: Rect, title: &str, theme: &Theme) -> Option<Rect> {
    let max = popup.width.saturating_sub(2) as usize;
    let block = pane_block(theme, true).title(Line::from(
        truncate_with(title, max, theme.ellipsis()).into_owned(),
    ));
    let inner = block.inner(popup);
    frame.render_widget(block, popup);
    (inner.width > 0 && inner.height > 0).then_some(inner)
}

/// A bar of `fraction` (0..=1) of `width` columns: eighth blocks, or `#`
/// in the ASCII theme. A value that is not zero gets at least a sliver.
pub fn bar(fraction: f64, width: usize, ascii: bool) -> String {
    const PARTS: [&str; 8] = ["", "▏", "▎", "▍", "▌", "▋", "▊", "▉"];
    let fraction = if fraction.is_finite() {
        fraction.clamp(0.0, 1.0)
    } else {
        0.0
    };
    if ascii {
        let n = (fraction * width as f64).round() as usize;
        let n = if fraction > 0.0 { n.max(1) } else { n };
        return "#".repeat(n.min(width));
    }
    let eighths = (fraction * width as f64 * 8.0).round() as usize;
    let eighths = if fraction > 0.0 {
        eighths.max(1)
    } else {
        eighths
    };
    let eighths = eighths.min(width * 8);
    let mut out = "█".repeat(eighths / 8);
    out.push_str(PARTS[eighths % 8]);
    out
}

pub(super) fn draw_chart(frame: &mut Frame, popup: Rect, app: &App, chart: &FigureChart) {
    let theme = &app.settings.theme;
    let name = for_display(chart.indicator.name()).into_owned();
    let groups = &chart.groups;
    let values: usize = groups.iter().map(|g| g.rows.len()).sum();
    let mut reports: Vec<usize> = groups
        .iter()
        .flat_map(|g| g.rows.iter().map(|r| r.report))
        .collect();
    reports.sort_unstable();
    reports.dedup();
    let reading = chart.progress_text();
    let title = format!(
        " {name} across reports: {values} values in {} reports{reading}, by {}{} ",
        reports.len(),
        chart.sort.name(),
        sort_mark(theme, chart.descending)
    );
    let Some(inner) = titled_block(frame, popup, &title, theme) else {
        return;
    };
    let w = inner.width as usize;
    if groups.is_empty() {
        let text = match chart.progress() {
            Some((walked, total)) => {
                format!("Reading the figures of the reports: {walked} of {total}…")
            }
            None => "No report states this indicator.".to_string(),
        };
        frame.render_widget(
            Paragraph::new(Span::styled(fit(&text, w, theme.ellipsis()), theme.muted)),
            inner,
        );
        return;
    }
    // year, place, value, qualifier, then the bar.
    const YEAR: usize = 4;
    const PLACE: usize = 12;
    const VALUE: usize = 14;
    const QUALIFIER: usize = 6;
    const MAX_BAR: usize = 60;
    let (place_w, qual_w) = if w >= 60 { (PLACE, QUALIFIER) } else { (8, 0) };
    let fixed = YEAR + 1 + place_w + 1 + VALUE + 1 + if qual_w > 0 { qual_w + 1 } else { 0 };
    // Longer bars tell no more and push the eye far from the values.
    let bar_w = w.saturating_sub(fixed).min(MAX_BAR);
    let mut lines: Vec<Line> = Vec::new();
    let mut selected_line = 0;
    let mut n = 0;
    // The title line of the group holding the selection: kept on screen
    // with it, so the values always say what they are.
    let mut selected_title = 0;
    for g in groups {
        let title_line = lines.len();
        lines.push(Line::from(Span::styled(
            fit(
                &for_display(&format!("{} ({})", g.label(), g.rows.len())),
                w,
                theme.ellipsis(),
            ),
            theme.title,
        )));
        if (n..n + g.rows.len()).contains(&chart.selected) {
            selected_title = title_line;
        }
        let top = g.max_magnitude();
        for row in &g.rows {
            let selected = n == chart.selected;
            if selected {
                selected_line = lines.len();
            }
            n += 1;
            let Some(report) = app.report(row.report) else {
                continue;
            };
            let rf = chart.figure(row.report, row.figure);
            let text = rf
                .and_then(|rf| report.paragraphs.get(rf.paragraph))
                .map(|p| p.text.as_str())
                .unwrap_or("");
            let qualifier = rf
                .and_then(|rf| qualifier_word(text, &rf.figure))
                .unwrap_or("");
            let year = row.year.map(|y| y.to_string()).unwrap_or_default();
            let place = app
                .catalog()
                .entry(row.report)
                .and_then(place)
                .unwrap_or(&report.file);
            let style = |s: Style| {
                if selected {
                    theme.selected(true)
                } else {
                    s
                }
            };
            let mut spans = vec![
                Span::styled(fit(&year, YEAR, ""), style(theme.muted)),
                Span::raw(" "),
                Span::styled(
                    fit(&for_display(place), place_w, theme.ellipsis()),
                    style(theme.text),
                ),
                Span::raw(" "),
                Span::styled(
                    fit_right(&compact_value(row.value, g.unit), VALUE, theme.ellipsis()),
                    style(theme.figure),
                ),
                Span::raw(" "),
            ];
            if qual_w > 0 {
                spans.push(Span::styled(
                    fit(&for_display(qualifier), qual_w, theme.ellipsis()),
                    style(theme.text),
                ));
                spans.push(Span::raw(" "));
            }
            let fraction = if top > 0.0 {
                row.value.abs() / top
            } else {
                0.0
            };
            let bar_style = if row.value < 0.0 {
                theme.marker
            } else {
                theme.figure
            };
            spans.push(Span::styled(bar(fraction, bar_w, theme.ascii), bar_style));
            lines.push(Line::from(spans));
        }
    }
    let detail = inner.height >= 6;
    let h = (inner.height as usize).saturating_sub(usize::from(detail));
    let offset = scroll_offset(0, selected_line, h, lines.len());
    let offset = if selected_line.saturating_sub(selected_title) < h {
        offset.min(selected_title)
    } else {
        offset
    };
    let shown: Vec<Line> = lines.into_iter().skip(offset).take(h).collect();
    frame.render_widget(
        Paragraph::new(shown),
        Rect {
            height: h as u16,
            ..inner
        },
    );
    if detail {
        let text = chart
            .selected_row()
            .and_then(|(r, fi)| {
                let report = app.report(r)?;
                let rf = chart.figure(r, fi)?;
                Some(format!(
                    "{}: {}",
                    report_title(&report),
                    sentence_of(&report, rf)
                ))
            })
            .unwrap_or_default();
        frame.render_widget(
            Paragraph::new(Span::styled(
                fit(&for_display(&text), w, theme.ellipsis()),
                theme.muted,
            )),
            Rect {
                y: inner.bottom() - 1,
                height: 1,
                ..inner
            },
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bars_scale_and_never_overflow() {
        assert_eq!(bar(1.0, 4, false), "████");
        assert_eq!(bar(0.5, 4, false), "██");
        assert_eq!(bar(0.0, 4, false), "");
        assert_eq!(bar(0.001, 4, false), "▏");
        assert_eq!(bar(0.5, 4, true), "##");
        assert_eq!(bar(f64::NAN, 4, false), "");
        assert_eq!(bar(7.0, 3, false), "███");
        assert_eq!(bar(1.0, 0, false), "");
    }

    #[test]
    fn columns_fit_the_width() {
        for w in 0..200 {
            let c = columns(w);
            let shown = [
                c.indicator,
                c.value,
                c.qualifier,
                c.change,
                c.when,
                c.section,
            ];
            let gaps = shown.iter().filter(|&&x| x > 0).count().saturating_sub(1);
            let total: usize = shown.iter().sum::<usize>() + gaps;
            assert!(total <= w.max(1), "{w}: {total}");
        }
    }
}
