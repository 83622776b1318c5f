//! The topic view (`T`): for one topic, every report's sections about it
//! (in list order) with their part, length and figure count; `Enter` opens
//! one. `/` picks another topic from a filterable list.

use super::action::{Action, Key};
use super::app::{App, Overlay, Pane};
use super::compare::main_area;
use super::input::{InputEvent, TextInput};
use super::reader::pane_block;
use super::report_list::row_text;
use super::ui::{open_popup, scroll_offset};
use super::walk::Walk;
use crate::figures::compare::in_paragraphs;
use crate::figures::extract_report;
use crate::report::Report;
use crate::text::width::{display_width, fit, for_display, truncate_with};
use crate::topics::ReportTopics;
use crate::topics::{SectionType, TopicId};
use crossterm::event::KeyEvent;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;
use ratatui::Frame;
use std::ops::Range;
use std::sync::Arc;

/// One section about the topic.
#[derive(Debug, Clone, PartialEq)]
pub struct TopicRow {
    pub report: usize,
    pub section: usize,
    /// `2026 省 浙江省`.
    pub place: String,
    /// Label and title.
    pub title: String,
    pub part: SectionType,
    /// The topic is the section's secondary one.
    pub secondary: bool,
    /// Characters of the section's text, its sub-sections included.
    pub chars: usize,
    pub figures: usize,
    pub paragraph: usize,
    pub heading: Range<usize>,
}

#[derive(Debug, Clone, Default)]
pub struct TopicPicker {
    pub input: TextInput,
    /// Topics matching the filter.
    pub shown: Vec<TopicId>,
    pub selected: usize,
}

#[derive(Default)]
pub struct TopicView {
    pub topic: Option<TopicId>,
    pub rows: Vec<TopicRow>,
    pub selected: usize,
    /// The user moved the selection: rows arriving leave it alone.
    moved: bool,
    pub picker: Option<TopicPicker>,
    /// The rows still being gathered.
    gathering: Option<Walk<TopicRow>>,
}

impl std::fmt::Debug for TopicView {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("TopicView")
            .field("topic", &self.topic)
            .field("rows", &self.rows.len())
            .field("selected", &self.selected)
            .field("gathering", &self.gathering.is_some())
            .finish_non_exhaustive()
    }
}

impl TopicView {
    /// (reports walked, reports to walk) while the rows are gathered.
    pub fn progress(&self) -> Option<(usize, usize)> {
        self.gathering.as_ref().map(|w| (w.walked(), w.total()))
    }
}

impl App {
    /// `T`: the topic view on the topic being read (or the topic list when
    /// there is none).
    pub fn open_topic_view(&mut self) {
        let here = self.topic_here().map(|h| h.topic);
        self.topics.view = Some(TopicView::default());
        self.overlay = Some(Overlay::TopicView);
        match here {
            Some(t) => self.show_topic(t),
            None => self.open_topic_picker(),
        }
    }

    /// Start gathering the sections about `topic` (as primary or secondary
    /// topic) of every report in list order, each in text order, on a
    /// worker: the view fills in as they come (`settle_topic_view`).
    fn gather_topic_rows(&mut self, topic: TopicId) -> Walk<TopicRow> {
        let taxonomy = self.topics.taxonomy();
        // The summaries say which reports to read and classify.
        let reports: Vec<usize> = self
            .list_order()
            .into_iter()
            .filter(|&r| self.topics.may_have(r, topic, None))
            .collect();
        Walk::start(Arc::clone(self.catalog_arc()), reports, move |r, report| {
            topic_rows_of(r, report, &taxonomy.classify(report), topic)
        })
    }

    /// Name each row's report the way the list does.
    fn place_rows(&self, rows: &mut [TopicRow]) {
        for row in rows {
            row.place = self
                .catalog()
                .entry(row.report)
                .map(|e| row_text(e, 40, &self.settings.theme))
                .unwrap_or_default()
                .trim_end()
                .to_string();
        }
    }

    fn show_topic(&mut self, topic: TopicId) {
        let gathering = self.gather_topic_rows(topic);
        if let Some(v) = self.topics.view.as_mut() {
            v.topic = Some(topic);
            v.rows = Vec::new();
            v.selected = 0;
            v.moved = false;
            v.picker = None;
            v.gathering = Some(gathering);
        }
        self.settle_topic_view();
    }

    /// Take the rows gathered so far.
    pub(super) fn settle_topic_view(&mut self) {
        self.receive_topic_rows(false);
    }

    /// Wait until the topic view has every row (tests, benchmarks).
    pub fn wait_for_topic_view(&mut self) {
        self.receive_topic_rows(true);
    }

    /// The topic view is still gathering.
    pub fn topic_view_busy(&self) -> bool {
        self.topics
            .view
            .as_ref()
            .is_some_and(|v| v.gathering.is_some())
    }

    /// Add what the walk has (all of it with `wait`) to the view. Until the
    /// user moves, the selection goes to the section being read (or its
    /// report) once it is listed.
    fn receive_topic_rows(&mut self, wait: bool) {
        let Some(v) = self.topics.view.as_mut() else {
            return;
        };
        let mut rows = Walk::drain(&mut v.gathering, wait);
        if rows.is_empty() {
            return;
        }
        self.place_rows(&mut rows);
        let here = self.current_report().map(|(i, _)| i);
        let section = self.focus_section();
        let Some(v) = self.topics.view.as_mut() else {
            return;
        };
        v.rows.extend(rows);
        if !v.moved {
            let found = v
                .rows
                .iter()
                .position(|r| Some(r.report) == here && Some(r.section) == section)
                .or_else(|| v.rows.iter().position(|r| Some(r.report) == here));
            if let Some(k) = found {
                v.selected = k;
            }
        }
    }

    fn open_topic_picker(&mut self) {
        let taxonomy = self.topics.taxonomy();
        let Some(v) = self.topics.view.as_mut() else {
            return;
        };
        let mut picker = TopicPicker {
            input: TextInput::default(),
            shown: Vec::new(),
            selected: 0,
        };
        refilter_topics(&mut picker, &taxonomy);
        if let Some(t) = v.topic {
            picker.selected = picker.shown.iter().position(|&s| s == t).unwrap_or(0);
        }
        v.picker = Some(picker);
    }

    fn close_topic_view(&mut self) {
        self.topics.view = None;
        if self.overlay == Some(Overlay::TopicView) {
            self.overlay = None;
        }
    }

    /// Keys typed into the topic filter; true when taken.
    pub(super) fn topic_view_key(&mut self, key: Key) -> bool {
        let taxonomy = self.topics.taxonomy();
        let Some(view) = self.topics.view.as_mut() else {
            return false;
        };
        let Some(picker) = view.picker.as_mut() else {
            return false;
        };
        match picker.input.handle(KeyEvent::new(key.code, key.modifiers)) {
            InputEvent::Changed => refilter_topics(picker, &taxonomy),
            InputEvent::Moved => {}
            InputEvent::Submit => {
                if let Some(&t) = picker.shown.get(picker.selected) {
                    self.show_topic(t);
                }
            }
            InputEvent::Cancel => {
                if view.topic.is_some() {
                    view.picker = None;
                } else {
                    self.close_topic_view();
                }
            }
            InputEvent::Ignored => {
                use crossterm::event::KeyCode as K;
                let step: isize = match key.code {
                    K::Down => 1,
                    K::Up => -1,
                    _ => 0,
                };
                picker.selected = picker
                    .selected
                    .saturating_add_signed(step)
                    .min(picker.shown.len().saturating_sub(1));
            }
        }
        true
    }

    /// Actions in the topic view; true when handled.
    pub(super) fn topic_view_act(&mut self, a: Action) -> bool {
        let page = topic_list_height(self) as isize;
        let Some(view) = self.topics.view.as_mut() else {
            return false;
        };
        let step = super::app::list_step(a, page);
        if let Some(d) = step {
            view.moved = true;
            view.selected = view
                .selected
                .saturating_add_signed(d)
                .min(view.rows.len().saturating_sub(1));
            return true;
        }
        match a {
            Action::Back | Action::Quit | Action::TopicView => self.close_topic_view(),
            Action::TopicPick => self.open_topic_picker(),
            Action::Open => {
                let Some(row) = view.rows.get(view.selected).cloned() else {
                    return true;
                };
                self.close_topic_view();
                self.reveal(row.report, row.paragraph, row.heading);
                self.focus = Pane::Reader;
            }
            _ => {}
        }
        true
    }
}

/// The rows of report `r` for `topic`, given its topics; `place` is left
/// for the drawing thread (it needs the theme).
fn topic_rows_of(
    r: usize,
    report: &Report,
    topics: &ReportTopics,
    topic: TopicId,
) -> Vec<TopicRow> {
    let mut figures = None;
    let mut rows = Vec::new();
    for (i, (sec, st)) in report.sections.iter().zip(&topics.sections).enumerate() {
        let secondary = st.secondary == Some(topic);
        if st.primary != Some(topic) && !secondary {
            continue;
        }
        let figures = figures.get_or_insert_with(|| extract_report(report));
        let chars = report
            .paragraphs
            .get(sec.paragraphs.clone())
            .unwrap_or(&[])
            .iter()
            .map(|p| p.text.chars().count())
            .sum();
        rows.push(TopicRow {
            report: r,
            section: i,
            place: String::new(),
            title: format!("{}{}", sec.label, sec.title),
            part: st.kind,
            secondary,
            chars,
            figures: in_paragraphs(figures, sec.paragraphs.clone()).len(),
            paragraph: sec.paragraph,
            heading: sec.heading.clone(),
        });
    }
    rows
}

fn refilter_topics(picker: &mut TopicPicker, taxonomy: &crate::topics::Taxonomy) {
    let filter = picker.input.text().trim().to_lowercase();
    let keep = picker.shown.get(picker.selected).copied();
    picker.shown = taxonomy
        .topics()
        .iter()
        .enumerate()
        .filter(|(_, t)| {
            filter.is_empty()
                || t.name.to_lowercase().contains(&filter)
                || t.id.to_lowercase().contains(&filter)
        })
        .map(|(i, _)| TopicId(i as u16))
        .collect();
    picker.selected = keep
        .and_then(|k| picker.shown.iter().position(|&t| t == k))
        .unwrap_or(0);
}

/// Rows of sections the view shows at once.
fn topic_list_height(app: &App) -> usize {
    let inner = view_inner(main_area(app.area(), app));
    (inner.height as usize).saturating_sub(2).max(1)
}

fn view_inner(area: Rect) -> Rect {
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
pub fn status_text(app: &App) -> Option<String> {
    if app.overlay != Some(Overlay::TopicView) {
        return None;
    }
    let view = app.topics.view.as_ref()?;
    if view.picker.is_some() {
        return Some("Type to filter the topics; Enter shows one".into());
    }
    let row = view.rows.get(view.selected)?;
    let report = app.report(row.report)?;
    Some(format!(
        "{}/{}  {}",
        view.selected + 1,
        view.rows.len(),
        super::reader::report_title(&report)
    ))
}

pub fn draw(frame: &mut Frame, area: Rect, app: &App) {
    let Some(view) = app.topics.view.as_ref() else {
        return;
    };
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
        let block = pane_block(theme, view.picker.is_none()).title(Line::from(title));
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
                theme.text.patch(theme.selected(view.picker.is_none()))
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
    if lines.is_empty() && view.picker.is_none() && view.gathering.is_none() {
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
    if let Some(p) = &view.picker {
        draw_picker(frame, main, app, p, &taxonomy);
    }
}

fn draw_picker(
    frame: &mut Frame,
    area: Rect,
    app: &App,
    picker: &TopicPicker,
    taxonomy: &crate::topics::Taxonomy,
) {
    let popup = super::ui::popup_area(area, 40, taxonomy.topics().len() as u16 + 3);
    let labels: Vec<String> = picker
        .shown
        .iter()
        .filter_map(|&t| Some(taxonomy.topic(t)?.label()))
        .collect();
    super::ui::draw_filter_popup(
        frame,
        popup,
        " Topic ",
        &picker.input,
        &labels,
        picker.selected,
        None,
        &app.settings.theme,
    );
}
