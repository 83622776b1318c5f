//! The report list: one row per report (year, level, place), sortable and
//! groupable, with group header rows.

use super::app::App;
use super::theme::Theme;
use super::ui::scroll_offset;
use crate::library::Entry;
use crate::report::Level;
use crate::text::width::{display_width, fit, for_display};
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph};
use ratatui::Frame;
use std::cmp::Ordering;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SortKey {
    Year,
    Place,
    Title,
}

impl SortKey {
    pub fn next(self) -> SortKey {
        match self {
            SortKey::Year => SortKey::Place,
            SortKey::Place => SortKey::Title,
            SortKey::Title => SortKey::Year,
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            SortKey::Year => "year",
            SortKey::Place => "place",
            SortKey::Title => "title",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Grouping {
    None,
    Province,
    Year,
}

impl Grouping {
    pub fn next(self) -> Grouping {
        match self {
            Grouping::None => Grouping::Province,
            Grouping::Province => Grouping::Year,
            Grouping::Year => Grouping::None,
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            Grouping::None => "no groups",
            Grouping::Province => "by province",
            Grouping::Year => "by year",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ListRow {
    Group { label: String, count: usize },
    Report(usize),
}

#[derive(Debug, Clone)]
pub struct ListState {
    pub sort: SortKey,
    pub group: Grouping,
    pub rows: Vec<ListRow>,
    /// Index into `rows`; always a report row when there is one.
    pub selected: usize,
    pub offset: usize,
    /// Only these reports, in this order (a search filter).
    pub filter: Option<Vec<usize>>,
}

impl Default for ListState {
    fn default() -> Self {
        ListState {
            sort: SortKey::Year,
            group: Grouping::None,
            rows: Vec::new(),
            selected: 0,
            offset: 0,
            filter: None,
        }
    }
}

/// The most specific place a report names.
pub fn place(report: &Entry) -> Option<&str> {
    let m = &report.meta;
    m.county
        .as_deref()
        .or(m.city.as_deref())
        .or(m.province.as_deref())
}

fn level_short(level: Option<Level>) -> &'static str {
    match level {
        Some(Level::National) => "国",
        Some(Level::Provincial) => "省",
        Some(Level::City) => "市",
        Some(Level::District) => "区",
        Some(Level::County) => "县",
        None => "  ",
    }
}

/// Sorts places in the official order (by administrative code) when
/// known, else by name; unknown last.
fn place_key(report: &Entry) -> (u8, String, String) {
    match (&report.meta.adcode, place(report)) {
        (Some(code), p) => (0, code.clone(), p.unwrap_or("").to_string()),
        (None, Some(p)) => (1, String::new(), p.to_string()),
        (None, None) => (2, String::new(), report.file.clone()),
    }
}

fn compare(a: &Entry, b: &Entry, key: SortKey) -> Ordering {
    let year = |r: &Entry| std::cmp::Reverse(r.meta.year.unwrap_or(0));
    let title = |r: &Entry| r.title().to_string();
    let by = match key {
        SortKey::Year => year(a)
            .cmp(&year(b))
            .then_with(|| place_key(a).cmp(&place_key(b))),
        SortKey::Place => place_key(a)
            .cmp(&place_key(b))
            .then_with(|| year(a).cmp(&year(b))),
        SortKey::Title => title(a).cmp(&title(b)),
    };
    by.then_with(|| a.file.cmp(&b.file))
}

impl ListState {
    /// Rebuild the rows after loading, sorting or grouping; the selection
    /// stays on the same report.
    pub fn rebuild(&mut self, reports: &[Entry]) {
        let keep = self.selected_report();
        if let Some(only) = &self.filter {
            self.rows = only.iter().map(|&r| ListRow::Report(r)).collect();
            self.selected = 0;
            match keep {
                Some(r) => self.select_report(r),
                None => self.move_by(0),
            }
            return;
        }
        let mut order: Vec<usize> = (0..reports.len()).collect();
        let group_key = |r: &Entry| -> (u8, String, String) {
            match self.group {
                Grouping::None => (0, String::new(), String::new()),
                Grouping::Province => match (&r.meta.adcode, &r.meta.province) {
                    (Some(code), Some(p)) => (0, code.chars().take(2).collect(), p.clone()),
                    (None, Some(p)) => (1, String::new(), p.clone()),
                    (_, None) => (2, String::new(), "(province unknown)".to_string()),
                },
                Grouping::Year => match r.meta.year {
                    Some(y) => (0, format!("{:05}", 99999 - u32::from(y)), y.to_string()),
                    None => (1, String::new(), "(year unknown)".to_string()),
                },
            }
        };
        order.sort_by(|&a, &b| {
            group_key(&reports[a])
                .cmp(&group_key(&reports[b]))
                .then_with(|| compare(&reports[a], &reports[b], self.sort))
        });
        self.rows.clear();
        let mut i = 0;
        while i < order.len() {
            let key = group_key(&reports[order[i]]);
            let mut j = i;
            while j < order.len() && group_key(&reports[order[j]]) == key {
                j += 1;
            }
            if self.group != Grouping::None {
                self.rows.push(ListRow::Group {
                    label: key.2.clone(),
                    count: j - i,
                });
            }
            self.rows
                .extend(order[i..j].iter().map(|&r| ListRow::Report(r)));
            i = j;
        }
        self.selected = 0;
        match keep {
            Some(r) => self.select_report(r),
            None => self.move_by(0),
        }
    }

    pub fn selected_report(&self) -> Option<usize> {
        match self.rows.get(self.selected) {
            Some(ListRow::Report(r)) => Some(*r),
            _ => None,
        }
    }

    pub fn select_report(&mut self, report: usize) {
        if let Some(i) = self.rows.iter().position(|r| *r == ListRow::Report(report)) {
            self.selected = i;
        }
    }

    /// Move the selection by `delta` report rows (headers are skipped).
    pub fn move_by(&mut self, delta: isize) {
        let reports: Vec<usize> = self
            .rows
            .iter()
            .enumerate()
            .filter(|(_, r)| matches!(r, ListRow::Report(_)))
            .map(|(i, _)| i)
            .collect();
        if reports.is_empty() {
            self.selected = 0;
            return;
        }
        let here = reports.partition_point(|&i| i < self.selected);
        let target = (here as isize + delta).clamp(0, reports.len() as isize - 1);
        self.selected = reports[target as usize];
    }

    /// The first report row of the list.
    pub fn select_first(&mut self) {
        self.selected = 0;
        self.move_by(0);
    }

    pub fn select_last(&mut self) {
        self.selected = self.rows.len().saturating_sub(1);
        self.move_by(0);
    }

    pub fn title(&self, count: usize) -> String {
        if let Some(only) = &self.filter {
            return format!(" Reports ({}/{count}) ", only.len());
        }
        format!(" Reports ({count}) ")
    }

    /// Shown on the bottom border: how the list is ordered.
    pub fn order_label(&self) -> String {
        match self.group {
            Grouping::None => format!(" by {} ", self.sort.name()),
            g => format!(" {}, {} ", g.name(), self.sort.name()),
        }
    }
}

/// One report as a list row: `2026 省 浙江省`.
pub fn row_text(report: &Entry, width: usize, theme: &Theme) -> String {
    let year = report
        .meta
        .year
        .map(|y| y.to_string())
        .unwrap_or_else(|| "----".to_string());
    let name = place(report).unwrap_or_else(|| report.title());
    let head = format!("{year} {} ", level_short(report.meta.level));
    let rest = width.saturating_sub(display_width(&head));
    format!("{head}{}", fit(&for_display(name), rest, theme.ellipsis()))
}

pub fn draw(frame: &mut Frame, area: Rect, app: &App, block: Block) {
    let theme = &app.settings.theme;
    let block = block
        .title(Line::from(app.list.title(app.report_count())))
        .title_bottom(Line::from(app.list.order_label()));
    let inner = block.inner(area);
    frame.render_widget(block, area);
    if inner.width == 0 || inner.height == 0 {
        return;
    }
    let focused = app.focus == super::app::Pane::List && !app.view_open();
    let h = inner.height as usize;
    let offset = scroll_offset(app.list.offset, app.list.selected, h, app.list.rows.len());
    let current = app.reader.report;
    let w = inner.width as usize;
    let lines: Vec<Line> = app
        .list
        .rows
        .iter()
        .enumerate()
        .skip(offset)
        .take(h)
        .map(|(i, row)| match row {
            ListRow::Group { label, count } => Line::from(Span::styled(
                fit(
                    &format!("{} ({count})", for_display(label)),
                    w,
                    theme.ellipsis(),
                ),
                theme.title,
            )),
            ListRow::Report(r) => {
                let Some(report) = app.catalog().entry(*r) else {
                    return Line::default();
                };
                let gutter = if Some(*r) == current { "*" } else { " " };
                let hits = super::search::list_hits(app, *r)
                    .map(|n| format!(" {n}"))
                    .unwrap_or_default();
                let room = w.saturating_sub(1 + display_width(&hits));
                let text = format!(
                    "{gutter}{}{hits}",
                    fit(&row_text(report, room, theme), room, "")
                );
                let mut style = if Some(*r) == current {
                    theme.current
                } else {
                    theme.text
                };
                if i == app.list.selected {
                    style = style.patch(theme.selected(focused));
                }
                Line::from(Span::styled(text, style))
            }
        })
        .collect();
    if lines.is_empty() {
        let msg = if app.loading { "Loading" } else { "No reports" };
        frame.render_widget(Paragraph::new(Span::styled(msg, theme.muted)), inner);
        return;
    }
    frame.render_widget(Paragraph::new(lines), inner);
}
