//! How the figures layers change: opening the table, keys in the table and
//! its filter, the chart gathered on worker threads, jumps to a figure,
//! and the highlighting that follows the open report.

use super::state::*;
use super::view::{area, body_height, draw_chart, draw_table};
use super::Figures;
use crate::figures::across::{self, AcrossSort, Indicator, Matching};
use crate::figures::extract_report;
use crate::tui::action::{Action, Bar, Context};
use crate::tui::app::{App, Pane};
use crate::tui::input::{InputEvent, TextInput};
use crate::tui::keymap::{Key, KeyCode};
use crate::tui::layer::{Flow, LayerKind, LayerState};
use crate::tui::marks::{Mark, MarkKind, MarkLayer};
use crate::tui::picker::{list_step, moved};
use crate::tui::ui::open_popup;
use crate::tui::walk::Walk;
use ratatui::layout::Rect;
use ratatui::Frame;
use std::ops::Range;
use std::sync::Arc;

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
    pub(in crate::tui) fn open_figures(&mut self) {
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

    pub(in crate::tui) fn toggle_figure_highlight(&mut self) {
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
        // The chart opens on the group of the figure it came from: its
        // year's outcomes or targets, in its unit, first.
        let (report, figure) = chart.origin;
        if let Some(g) = chart.groups.iter().position(|g| {
            g.rows
                .iter()
                .any(|r| (r.report, r.figure) == (report, figure))
        }) {
            chart.groups[..=g].rotate_right(1);
        }
        across::sort(&mut chart.groups, chart.sort, chart.descending);
        chart.select(keep);
    }

    /// After every update: keep the highlighting on the open report.
    pub(in crate::tui) fn settle_figures(&mut self) {
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
            Action::Copy => {
                if let (Some(row), Some(report)) = (self.selected_figure(), report) {
                    app.copy_figure(&report, row);
                }
            }
            Action::FigureAcross => {
                if let Some(chart) = app.chart_of(self) {
                    app.open(chart);
                }
            }
            Action::Targets => app.targets_of_table(self),
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
            Action::Targets => app.targets_of_chart(self),
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
