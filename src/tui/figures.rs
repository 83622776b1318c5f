//! The figures layers: the table (`f`) of the open report's figures, or of
//! the section being read, to sort, filter and jump from; over it the
//! cross-report chart of one indicator (`a` in the table); and figure
//! highlighting in the reading pane (`F`). What a figure is and how it
//! reads come from [`crate::figures`]; this feature only shows them.
//!
//! Figures are extracted lazily: a report's when the table or the
//! highlighting first needs them (cached per report), the whole corpus on
//! a worker thread when a chart first needs it.

use super::action::{Action, Bar, Context};
use super::app::{App, Pane};
use super::input::{InputEvent, TextInput};
use super::keymap::{Key, KeyCode};
use super::layer::{Flow, LayerKind, LayerState};
use super::marks::{Mark, MarkKind, MarkLayer};
use super::picker::{list_step, moved};
use super::reader::{pane_block, report_title};
use super::report_list::place;
use super::theme::Theme;
use super::ui::{open_popup, popup_area, scroll_offset};
use super::walk::Walk;
use crate::figures::across::{self, AcrossSort, Indicator, Matching, UnitGroup};
use crate::figures::format::{human_value, qualifier_word, Change};
use crate::figures::{extract_report, Qualifier, ReportFigure};
use crate::report::ReportKey;
use crate::report::{Report, SectionKind};
use crate::text::sentence::sentence_around;
use crate::text::width::{display_width, fit, for_display, truncate_with};
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;
use ratatui::Frame;
use std::cmp::Ordering;
use std::collections::HashMap;
use std::ops::Range;
use std::sync::Arc;

/// A report's figures, shared between the cache, the table and the chart.
pub type Figures = Arc<[ReportFigure]>;

/// What the figures feature keeps between layers: the highlighting, the
/// figures extracted, the sort last chosen. The table and the chart are
/// layers owning their own state.
#[derive(Default)]
pub struct FiguresUi {
    /// Figures highlighted in the reading pane.
    pub highlight: bool,
    /// Figures per report index, with the key of the report they are of
    /// (a reloaded corpus reuses indices for other reports).
    cache: HashMap<usize, (ReportKey, Figures)>,
    /// The sort last chosen; a new table starts with it.
    sort: (SortColumn, bool),
}

// ---- the table -------------------------------------------------------------

/// What the table is sorted by.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum SortColumn {
    /// The order of the text.
    #[default]
    Text,
    Indicator,
    /// By unit, then numerically.
    Value,
    Qualifier,
    Change,
    Section,
}

impl SortColumn {
    pub fn next(self) -> SortColumn {
        use SortColumn::*;
        match self {
            Text => Indicator,
            Indicator => Value,
            Value => Qualifier,
            Qualifier => Change,
            Change => Section,
            Section => Text,
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            SortColumn::Text => "text order",
            SortColumn::Indicator => "indicator",
            SortColumn::Value => "value",
            SortColumn::Qualifier => "qualifier",
            SortColumn::Change => "change",
            SortColumn::Section => "section",
        }
    }
}

/// The table of one report's figures.
pub struct FigureTable {
    pub report: usize,
    key: ReportKey,
    pub figures: Figures,
    /// The section being read when the table opened (lead sentences give
    /// way to the heading above them).
    pub section: Option<usize>,
    /// Only the figures of `section`.
    pub section_scope: bool,
    pub sort: SortColumn,
    pub descending: bool,
    pub filter: TextInput,
    /// Keys go to the filter.
    pub typing: bool,
    /// Indices into `figures`: in scope, matching the filter, sorted.
    pub rows: Vec<usize>,
    pub selected: usize,
}

/// The indicator column: the canonical name, else the phrase as written.
pub fn indicator_text(rf: &ReportFigure) -> &str {
    rf.figure.canonical.unwrap_or(&rf.figure.indicator)
}

fn section_title(report: &Report, rf: &ReportFigure) -> String {
    rf.section
        .and_then(|s| report.sections.get(s))
        .map(|s| format!("{}{}", s.label, s.title))
        .unwrap_or_default()
}

fn qualifier_rank(q: Qualifier) -> u8 {
    match q {
        Qualifier::Exact => 0,
        Qualifier::About => 1,
        Qualifier::LessThan => 2,
        Qualifier::AtMost => 3,
        Qualifier::AtLeast => 4,
        Qualifier::MoreThan => 5,
    }
}

/// The section scope narrows to: the deepest section holding `paragraph`,
/// or the heading above it when that is a lead sentence or bullet.
pub fn reading_section(report: &Report, paragraph: usize) -> Option<usize> {
    let mut s = report.section_at(paragraph)?;
    while let Some(sec) = report.sections.get(s) {
        match (sec.kind, sec.parent) {
            (SectionKind::Lead | SectionKind::Bullet, Some(p)) => s = p,
            _ => break,
        }
    }
    Some(s)
}

impl FigureTable {
    /// Recompute the rows after a change of scope, filter or sort, keeping
    /// the selected figure selected when it is still listed.
    pub fn rebuild(&mut self, report: &Report) {
        let keep = self.rows.get(self.selected).copied();
        let scope = self
            .section_scope
            .then(|| self.section.and_then(|s| report.sections.get(s)))
            .flatten()
            .map(|s| s.paragraphs.clone());
        let terms: Vec<String> = self
            .filter
            .text()
            .split_whitespace()
            .map(str::to_lowercase)
            .collect();
        let figures = &self.figures;
        let mut rows: Vec<usize> = (0..figures.len())
            .filter(|&i| {
                let rf = &figures[i];
                if let Some(r) = &scope {
                    if !r.contains(&rf.paragraph) {
                        return false;
                    }
                }
                if terms.is_empty() {
                    return true;
                }
                let hay = format!(
                    "{} {} {} {}",
                    rf.figure.indicator,
                    rf.figure.canonical.unwrap_or(""),
                    section_title(report, rf),
                    rf.figure.raw
                )
                .to_lowercase();
                terms.iter().all(|t| hay.contains(t.as_str()))
            })
            .collect();
        let sort = self.sort;
        let descending = self.descending;
        let titles: HashMap<usize, String> = if sort == SortColumn::Section {
            rows.iter()
                .map(|&i| (i, section_title(report, &figures[i])))
                .collect()
        } else {
            HashMap::new()
        };
        rows.sort_by(|&a, &b| {
            let (fa, fb) = (&figures[a], &figures[b]);
            let primary = match sort {
                SortColumn::Text => Ordering::Equal,
                SortColumn::Indicator => indicator_text(fa).cmp(indicator_text(fb)),
                SortColumn::Value => fa
                    .figure
                    .unit
                    .cmp(fb.figure.unit)
                    .then_with(|| fa.figure.value.total_cmp(&fb.figure.value)),
                SortColumn::Qualifier => {
                    qualifier_rank(fa.figure.qualifier).cmp(&qualifier_rank(fb.figure.qualifier))
                }
                SortColumn::Change => Change::of(fa.figure.kind, fa.figure.value)
                    .cmp(&Change::of(fb.figure.kind, fb.figure.value))
                    .then_with(|| fa.figure.value.total_cmp(&fb.figure.value)),
                SortColumn::Section => titles.get(&a).cmp(&titles.get(&b)),
            };
            let primary = if descending && sort != SortColumn::Text {
                primary.reverse()
            } else {
                primary
            };
            let order = a.cmp(&b);
            primary.then(if descending && sort == SortColumn::Text {
                order.reverse()
            } else {
                order
            })
        });
        self.rows = rows;
        self.selected = keep
            .and_then(|k| self.rows.iter().position(|&r| r == k))
            .unwrap_or(0);
    }

    fn selected_figure(&self) -> Option<&ReportFigure> {
        self.rows
            .get(self.selected)
            .and_then(|&i| self.figures.get(i))
    }
}

// ---- the chart ---------------------------------------------------------------

/// One indicator across all reports.
pub struct FigureChart {
    pub indicator: Indicator,
    /// The rows of the reports read so far.
    pub groups: Vec<UnitGroup>,
    /// Every report's figures of the indicator, by report index (empty for
    /// a report not read yet).
    figures: Vec<Matching>,
    /// The reports still being read, on worker threads; the chart grows
    /// as they come (`settle_figures`).
    gathering: Option<Walk<(usize, Matching)>>,
    /// `App::corpus_generation` of those figures.
    corpus: u64,
    pub sort: AcrossSort,
    pub descending: bool,
    /// Index into the rows of all groups, in order.
    pub selected: usize,
    /// The user moved the selection: rows arriving leave it alone.
    moved: bool,
    /// The figure the chart was opened on, selected once it is read.
    origin: (usize, usize),
}

impl FigureChart {
    /// (group, row) of every row, in display order.
    pub fn entries(&self) -> Vec<(usize, usize)> {
        self.groups
            .iter()
            .enumerate()
            .flat_map(|(g, group)| (0..group.rows.len()).map(move |r| (g, r)))
            .collect()
    }

    /// The selected row's report and figure index.
    pub fn selected_row(&self) -> Option<(usize, usize)> {
        let (g, r) = *self.entries().get(self.selected)?;
        let row = self.groups.get(g)?.rows.get(r)?;
        Some((row.report, row.figure))
    }

    fn resort(&mut self) {
        let keep = self.selected_row();
        across::sort(&mut self.groups, self.sort, self.descending);
        self.select(keep);
    }

    fn select(&mut self, target: Option<(usize, usize)>) {
        let found = self
            .groups
            .iter()
            .flat_map(|g| g.rows.iter())
            .position(|row| Some((row.report, row.figure)) == target);
        self.selected = found.unwrap_or(0);
    }

    /// (reports read, reports to read) while the figures are read.
    pub fn progress(&self) -> Option<(usize, usize)> {
        self.gathering.as_ref().map(|w| (w.walked(), w.total()))
    }

    /// `, 1234/30000 reports read` while the figures are read.
    fn progress_text(&self) -> String {
        self.gathering
            .as_ref()
            .map(|w| format!(", {}", w.progress_label()))
            .unwrap_or_default()
    }

    /// Figure `figure` (its position among all of the report's figures)
    /// of report `report`, if it is on the chart.
    pub fn figure(&self, report: usize, figure: usize) -> Option<&ReportFigure> {
        self.figures.get(report)?.get(figure)
    }
}

// ---- state changes -------------------------------------------------------------

impl App {
    /// The figures of report `i`, extracted now unless cached.
    pub fn report_figures(&mut self, i: usize) -> Option<Figures> {
        let key = self.report_key(i)?.clone();
        let report = self.report(i)?;
        if let Some((k, f)) = self.figures.cache.get(&i) {
            if *k == key {
                return Some(f.clone());
            }
        }
        let figures: Figures = extract_report(&report).into();
        self.figures.cache.insert(i, (key, figures.clone()));
        Some(figures)
    }

    fn cached_figures(&self, i: usize) -> Option<Figures> {
        let (k, f) = self.figures.cache.get(&i)?;
        (self.report_key(i) == Some(k)).then(|| f.clone())
    }

    /// `f`: the table of the open report's figures.
    pub(super) fn open_figures(&mut self) {
        let Some(i) = self.reader.report else {
            self.message = Some("Open a report first".into());
            return;
        };
        let Some(figures) = self.report_figures(i) else {
            return;
        };
        let Some(report) = self.report(i) else {
            return;
        };
        let report = &*report;
        let (sort, descending) = self.figures.sort;
        let mut table = FigureTable {
            report: i,
            key: self.catalog().entries()[i].key.clone(),
            figures,
            section: reading_section(report, self.reader.anchor.paragraph),
            section_scope: false,
            sort,
            descending,
            filter: TextInput::default(),
            typing: false,
            rows: Vec::new(),
            selected: 0,
        };
        table.rebuild(report);
        self.open(table);
    }

    pub(super) fn toggle_figure_highlight(&mut self) {
        self.figures.highlight = !self.figures.highlight;
        if !self.figures.highlight {
            self.reader.marks.clear(MarkLayer::Figures);
        }
        self.message = Some(
            if self.figures.highlight {
                "Figures highlighted"
            } else {
                "Figure highlighting off"
            }
            .into(),
        );
    }

    /// Open the report at the figure, its sentence and the figure marked.
    fn show_figure(&mut self, report: usize, paragraph: usize, range: Range<usize>) {
        self.focus = Pane::Reader;
        self.reveal(report, paragraph, range.clone());
        if self.reader.report == Some(report) {
            let mut marks = self.reader.marks.layer(MarkLayer::Target).to_vec();
            marks.push(Mark {
                paragraph,
                range,
                kind: MarkKind::Figure,
            });
            self.reader.marks.set(MarkLayer::Target, marks);
        }
    }

    /// The chart of the selected figure's indicator; the corpus is
    /// extracted first when some report's figures are not known yet.
    fn chart_of(&mut self, table: &FigureTable) -> Option<FigureChart> {
        let Some(&fi) = table.rows.get(table.selected) else {
            self.message = Some("No figure selected".into());
            return None;
        };
        let rf = table.figures.get(fi)?;
        let indicator = Indicator::of(&rf.figure);
        if indicator.name().is_empty() {
            self.message = Some("This figure names no indicator".into());
            return None;
        }
        let n = self.report_count();
        let cached: Option<Vec<Matching>> = (0..n)
            .map(|i| Some(Matching::of(&self.cached_figures(i)?, &indicator)))
            .collect();
        // Every report's figures known: the chart at once; else read them
        // on worker threads, only those of the indicator kept.
        let (figures, gathering) = match cached {
            Some(matching) => (matching, None),
            None => {
                let wanted = indicator.clone();
                let walk = Walk::start(
                    Arc::clone(self.catalog_arc()),
                    (0..n).collect(),
                    move |r, report| vec![(r, Matching::extract(report, &wanted))],
                );
                (vec![Matching::default(); n], Some(walk))
            }
        };
        let mut chart = FigureChart {
            indicator,
            groups: Vec::new(),
            figures,
            gathering,
            corpus: self.corpus_generation,
            sort: AcrossSort::Value,
            descending: true,
            selected: 0,
            moved: false,
            origin: (table.report, fi),
        };
        self.regroup_chart(&mut chart);
        Some(chart)
    }

    /// The chart's rows from the figures read so far, sorted, keeping the
    /// selection (the figure it was opened on until the user moves).
    fn regroup_chart(&self, chart: &mut FigureChart) {
        let years: Vec<Option<u16>> = self
            .catalog()
            .entries()
            .iter()
            .map(|e| e.meta.year)
            .collect();
        let keep = if chart.moved {
            chart.selected_row()
        } else {
            Some(chart.origin)
        };
        chart.groups = across::across_matching(&chart.figures, &years, &chart.indicator);
        across::sort(&mut chart.groups, chart.sort, chart.descending);
        chart.select(keep);
    }

    /// After every update: keep the highlighting on the open report.
    pub(super) fn settle_figures(&mut self) {
        if !self.figures.highlight {
            return;
        }
        let Some(i) = self.reader.report else {
            return;
        };
        if !self.reader.marks.layer(MarkLayer::Figures).is_empty() {
            return;
        }
        if let Some(figures) = self.report_figures(i) {
            let marks = figures
                .iter()
                .map(|rf| Mark {
                    paragraph: rf.paragraph,
                    range: rf.figure.range.clone(),
                    kind: MarkKind::Figure,
                })
                .collect();
            self.reader.marks.set(MarkLayer::Figures, marks);
        }
    }
}

// ---- the layers ------------------------------------------------------------------

impl FigureTable {
    /// Move the selection by `step` rows.
    fn move_by(&mut self, step: isize) {
        self.selected = moved(self.selected, step, self.rows.len());
    }

    /// A key while typing the filter: the box's keys, else typed. `None`
    /// for keys the box does not take.
    fn filter_key(&mut self, app: &mut App, key: Key) -> Option<Flow> {
        let report = app.report(self.report);
        match self.filter.handle(key, &app.settings.keymap) {
            InputEvent::Changed => {
                if let Some(report) = &report {
                    self.rebuild(report);
                }
            }
            InputEvent::Moved => {}
            InputEvent::Submit => self.typing = false,
            InputEvent::Cancel => {
                self.typing = false;
                self.filter.clear();
                if let Some(report) = &report {
                    self.rebuild(report);
                }
            }
            InputEvent::Ignored => {
                let a = app.settings.keymap.lookup(key, Context::TextBox)?;
                let step = list_step(a, body_height(area(app.area())) as isize)?;
                self.move_by(step);
            }
        }
        Some(Flow::Stay)
    }

    /// Show the selected figure in the reader; whether there is one.
    fn jump_to_row(&self, app: &mut App) -> bool {
        let Some(rf) = self.selected_figure() else {
            return false;
        };
        app.show_figure(self.report, rf.paragraph, rf.figure.range.clone());
        true
    }
}

impl LayerState for FigureTable {
    fn context(&self) -> Option<Context> {
        Some(Context::Figures)
    }

    /// Typing goes to the filter; otherwise the figures' keys, and a
    /// Chinese character (an input method commits words) starts the
    /// filter.
    fn key(&mut self, app: &mut App, key: Key) -> Option<Flow> {
        if self.typing {
            if let Some(flow) = self.filter_key(app, key) {
                return Some(flow);
            }
        }
        if let Some(a) = app.settings.keymap.lookup(key, Context::Figures) {
            return Some(self.act_or_help(app, a));
        }
        let plain = !key.modifiers.ctrl && !key.modifiers.alt;
        if let (KeyCode::Char(c), true, false) = (key.code, plain, self.typing) {
            if !c.is_ascii() && !c.is_control() {
                self.typing = true;
                self.filter.insert(c.encode_utf8(&mut [0u8; 4]));
                if let Some(report) = app.report(self.report) {
                    self.rebuild(&report);
                }
            }
        }
        Some(Flow::Stay)
    }

    fn act(&mut self, app: &mut App, a: Action) -> Flow {
        let report = app.report(self.report);
        if let Some(d) = list_step(a, body_height(area(app.area())) as isize) {
            self.move_by(d);
            return Flow::Stay;
        }
        match a {
            Action::Back | Action::Quit => return Flow::Close,
            Action::Open if self.jump_to_row(app) => return Flow::Close,
            Action::FigureScope => {
                if self.section.is_none() {
                    app.message = Some("Not in a section: all figures are shown".into());
                } else if let Some(report) = report {
                    self.section_scope = !self.section_scope;
                    self.rebuild(&report);
                }
            }
            Action::FigureSort => {
                self.sort = self.sort.next();
                // Values read best largest first; words from A.
                self.descending = self.sort == SortColumn::Value;
                if let Some(report) = report {
                    self.rebuild(&report);
                }
                app.figures.sort = (self.sort, self.descending);
                app.message = Some(format!("Sorted by {}", self.sort.name()));
            }
            Action::FigureSortReverse => {
                self.descending = !self.descending;
                if let Some(report) = report {
                    self.rebuild(&report);
                }
                app.figures.sort = (self.sort, self.descending);
            }
            Action::FigureFilter => self.typing = true,
            Action::FigureAcross => {
                if let Some(chart) = app.chart_of(self) {
                    app.open(chart);
                }
            }
            Action::SearchAccept if self.typing => self.typing = false,
            _ => {}
        }
        Flow::Stay
    }

    /// The table closes when its report is no longer loaded.
    fn tick(&mut self, app: &mut App, _wait: bool) -> Flow {
        if app.report_key(self.report) == Some(&self.key) {
            Flow::Stay
        } else {
            Flow::Close
        }
    }

    fn bar(&self, _app: &App) -> Option<Bar> {
        Some(if self.typing {
            Bar::FigureFilter
        } else {
            Bar::Figures
        })
    }

    fn area(&self, screen: Rect, _app: &App) -> Option<Rect> {
        Some(area(screen))
    }

    fn draw(&self, frame: &mut Frame, screen: Rect, app: &App) {
        let popup = area(screen);
        open_popup(frame, popup);
        draw_table(frame, popup, app, self);
    }
}

impl FigureChart {
    /// Add the figures read since the last look (all of them with `wait`).
    fn receive(&mut self, app: &App, wait: bool) {
        let arrived = Walk::drain(&mut self.gathering, wait);
        if arrived.is_empty() {
            return;
        }
        for (r, matching) in arrived {
            if let Some(slot) = self.figures.get_mut(r) {
                *slot = matching;
            }
        }
        app.regroup_chart(self);
    }
}

impl LayerState for FigureChart {
    fn context(&self) -> Option<Context> {
        Some(Context::Figures)
    }

    fn act(&mut self, app: &mut App, a: Action) -> Flow {
        if let Some(d) = list_step(a, body_height(area(app.area())) as isize) {
            let n = self.entries().len();
            self.moved = true;
            self.selected = moved(self.selected, d, n);
            return Flow::Stay;
        }
        match a {
            Action::Back | Action::Quit => return Flow::Close,
            Action::Open => {
                let Some((report, fi)) = self.selected_row() else {
                    return Flow::Stay;
                };
                let Some(rf) = self.figure(report, fi) else {
                    return Flow::Stay;
                };
                let (paragraph, range) = (rf.paragraph, rf.figure.range.clone());
                app.show_figure(report, paragraph, range);
                return Flow::CloseDownTo(LayerKind::Figures);
            }
            Action::FigureSort => {
                self.sort = self.sort.next();
                self.descending = self.sort == AcrossSort::Value;
                self.resort();
                app.message = Some(format!("Sorted by {}", self.sort.name()));
            }
            Action::FigureSortReverse => {
                self.descending = !self.descending;
                self.resort();
            }
            _ => {}
        }
        Flow::Stay
    }

    /// Take the figures read meanwhile; a chart of another corpus closes.
    fn tick(&mut self, app: &mut App, wait: bool) -> Flow {
        if self.corpus != app.corpus_generation {
            return Flow::Close;
        }
        self.receive(app, wait);
        Flow::Stay
    }

    fn busy(&self) -> bool {
        self.gathering.is_some()
    }

    fn hides_below(&self) -> bool {
        true
    }

    fn bar(&self, _app: &App) -> Option<Bar> {
        Some(Bar::Chart)
    }

    fn area(&self, screen: Rect, _app: &App) -> Option<Rect> {
        Some(area(screen))
    }

    fn draw(&self, frame: &mut Frame, screen: Rect, app: &App) {
        let popup = area(screen);
        open_popup(frame, popup);
        draw_chart(frame, popup, app, self);
    }
}

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
fn body_height(popup: Rect) -> usize {
    let inner = popup.height.saturating_sub(2) as usize;
    inner.saturating_sub(if inner >= 6 { 3 } else { 2 })
}

/// Column widths of the table in `width` columns (0: not shown).
struct Columns {
    indicator: usize,
    value: usize,
    qualifier: usize,
    change: usize,
    section: usize,
}

fn columns(width: usize) -> Columns {
    const VALUE: usize = 14;
    const QUALIFIER: usize = 6;
    const CHANGE: usize = 5;
    if width >= 60 {
        let rest = width - VALUE - QUALIFIER - CHANGE - 4;
        let indicator = rest * 55 / 100;
        Columns {
            indicator,
            value: VALUE,
            qualifier: QUALIFIER,
            change: CHANGE,
            section: rest - indicator,
        }
    } else if width >= 36 {
        Columns {
            indicator: width - VALUE - QUALIFIER - CHANGE - 3,
            value: VALUE,
            qualifier: QUALIFIER,
            change: CHANGE,
            section: 0,
        }
    } else {
        let value = VALUE.min(width / 2);
        Columns {
            indicator: width.saturating_sub(value + 1),
            value,
            qualifier: 0,
            change: 0,
            section: 0,
        }
    }
}

/// `s` right-aligned in `width` columns (cut with `marker` if too wide).
fn fit_right(s: &str, width: usize, marker: &str) -> String {
    let cut = truncate_with(s, width, marker);
    let pad = width.saturating_sub(display_width(&cut));
    format!("{}{cut}", " ".repeat(pad))
}

/// Cells of one table line, each fitted to its column, with their styles.
fn cells(cols: &Columns, texts: [(&str, Style); 5], theme: &Theme) -> Line<'static> {
    let widths = [
        cols.indicator,
        cols.value,
        cols.qualifier,
        cols.change,
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

fn sort_mark(theme: &Theme, descending: bool) -> &'static str {
    match (theme.ascii, descending) {
        (false, false) => " ▲",
        (false, true) => " ▼",
        (true, false) => " ^",
        (true, true) => " v",
    }
}

/// The sentence holding a figure, for the line under the table.
fn sentence_of<'r>(report: &'r Report, rf: &ReportFigure) -> &'r str {
    let Some(p) = report.paragraphs.get(rf.paragraph) else {
        return "";
    };
    let range = sentence_around(&p.text, rf.figure.range.clone());
    p.text.get(range).unwrap_or("")
}

fn draw_table(frame: &mut Frame, popup: Rect, app: &App, t: &FigureTable) {
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
    let max = popup.width.saturating_sub(2) as usize;
    let block = pane_block(theme, true).title(Line::from(
        truncate_with(&title, max, theme.ellipsis()).into_owned(),
    ));
    let inner = block.inner(popup);
    frame.render_widget(block, popup);
    if inner.width == 0 || inner.height == 0 {
        return;
    }
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
                "/ filter  s sort  r reverse  c report/section  a across reports".to_string(),
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

fn draw_chart(frame: &mut Frame, popup: Rect, app: &App, chart: &FigureChart) {
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
    let max = popup.width.saturating_sub(2) as usize;
    let block = pane_block(theme, true).title(Line::from(
        truncate_with(&title, max, theme.ellipsis()).into_owned(),
    ));
    let inner = block.inner(popup);
    frame.render_widget(block, popup);
    if inner.width == 0 || inner.height == 0 {
        return;
    }
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
    for g in groups {
        let kind = match g.kind {
            crate::figures::Kind::Level => "level",
            crate::figures::Kind::Change => "change",
            crate::figures::Kind::Pp => "change in points",
        };
        let unit = if g.unit == "百分点" {
            "个百分点"
        } else {
            g.unit
        };
        lines.push(Line::from(Span::styled(
            fit(
                &for_display(&format!("{unit}, {kind} ({})", g.rows.len())),
                w,
                theme.ellipsis(),
            ),
            theme.title,
        )));
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
                    fit_right(&human_value(row.value, g.unit), VALUE, theme.ellipsis()),
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
            let shown = [c.indicator, c.value, c.qualifier, c.change, c.section];
            let gaps = shown.iter().filter(|&&x| x > 0).count().saturating_sub(1);
            let total: usize = shown.iter().sum::<usize>() + gaps;
            assert!(total <= w.max(1), "{w}: {total}");
        }
    }
}
