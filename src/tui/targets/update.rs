//! Opening the targets view, gathering its rows on a worker, and its keys.

use super::state::*;
use super::view::{body_height, draw};
use crate::figures::across::Indicator;
use crate::figures::canonical;
use crate::figures::targets::{place_name, sides_of};
use crate::tui::action::{Action, Bar, Context};
use crate::tui::app::{App, Pane};
use crate::tui::figures::{area, FigureChart, FigureTable};
use crate::tui::layer::{Flow, LayerKind, LayerState};
use crate::tui::picker::{list_step, moved};
use crate::tui::ui::open_popup;
use crate::tui::walk::Walk;
use ratatui::layout::Rect;
use ratatui::Frame;
use std::sync::Arc;

impl App {
    /// The place of report `i` as targets name it, from the catalogue.
    fn place_of(&self, i: usize) -> Option<String> {
        place_name(&self.catalog().entry(i)?.meta)
    }

    /// The targets view of report `i`'s place, on `indicator`'s rows.
    fn open_place_targets(&mut self, i: usize, indicator: Option<&str>) {
        let Some(place) = self.place_of(i) else {
            self.message = Some("This report names no place".into());
            return;
        };
        let view = self.targets_view(TargetsScope::Place(place), indicator.map(str::to_string));
        self.open(view);
    }

    /// `o` in the reader: the targets view of the open report's place.
    pub(in crate::tui) fn open_place_targets_here(&mut self) {
        match self.reader.report {
            Some(i) => self.open_place_targets(i, None),
            None => self.message = Some("Open a report first".into()),
        }
    }

    /// `o` in the figures table: its report's place, on the selected
    /// figure's indicator.
    pub(in crate::tui) fn targets_of_table(&mut self, table: &FigureTable) {
        let indicator = table
            .rows
            .get(table.selected)
            .and_then(|&i| table.figures.get(i))
            .and_then(|rf| rf.figure.canonical);
        self.open_place_targets(table.report, indicator);
    }

    /// `o` in the chart: its indicator, in the unit and kind of the
    /// selected row's group, in every place, on the selected row's place.
    pub(in crate::tui) fn targets_of_chart(&mut self, chart: &FigureChart) {
        let Indicator::Canonical(name) = chart.indicator else {
            self.message = Some(
                "Targets are paired for the known indicators only (assets/indicators.toml)".into(),
            );
            return;
        };
        let entries = chart.entries();
        let Some(&(g, _)) = entries.get(chart.selected).or(entries.first()) else {
            self.message = Some("No value of this indicator yet".into());
            return;
        };
        let group = &chart.groups[g];
        let place = chart.selected_row().and_then(|(r, _)| self.place_of(r));
        let view = self.targets_view(indicator_scope(name, group.kind, group.unit), place);
        self.open(view);
    }

    /// A view of `scope`, its reports read from the start on a worker.
    fn targets_view(&self, scope: TargetsScope, origin: Option<String>) -> TargetsView {
        let mut view = TargetsView {
            scope,
            rows: Vec::new(),
            selected: 0,
            jump: Jump::default(),
            sides: Vec::new(),
            files: Default::default(),
            gathering: None,
            corpus: self.corpus_generation,
            moved: false,
            origin,
            back: Vec::new(),
        };
        self.gather_targets(&mut view);
        view
    }

    /// Start reading the reports the view's scope needs: a place's own
    /// (the catalogue knows each report's place without its text), or
    /// every report for an indicator.
    fn gather_targets(&self, view: &mut TargetsView) {
        let scope = view.scope.clone();
        let place = match &scope {
            TargetsScope::Place(place) => Some(place.clone()),
            TargetsScope::Indicator { .. } => None,
        };
        view.gathering = Some(Walk::start_where(
            Arc::clone(self.catalog_arc()),
            (0..self.report_count()).collect(),
            move |entry| place.is_none() || place_name(&entry.meta) == place,
            move |r, report| {
                let mut sides = sides_of(report);
                scope.keep(&mut sides);
                if sides.stated.is_empty() {
                    return Vec::new();
                }
                vec![(r, report.file.clone(), sides)]
            },
        ));
        receive(view, false);
    }
}

/// The scope of one measure, with the nation's name for it.
fn indicator_scope(
    name: &'static str,
    kind: crate::figures::Kind,
    unit: &'static str,
) -> TargetsScope {
    let mut names = vec![name, canonical::indicators().for_nation(name)];
    names.dedup();
    TargetsScope::Indicator { names, kind, unit }
}

/// Add the sides read since the last look (all of them with `wait`).
fn receive(view: &mut TargetsView, wait: bool) {
    let arrived = Walk::drain(&mut view.gathering, wait);
    if arrived.is_empty() {
        return;
    }
    for (r, file, sides) in arrived {
        view.files.entry(file).or_insert(r);
        view.sides.push(sides);
    }
    view.rebuild();
}

impl TargetsView {
    /// `o`: the selected row's indicator in every place, or its place's
    /// every indicator; Esc comes back to this view as it is.
    fn turn(&mut self, app: &mut App) {
        let Some(row) = self.selected_row() else {
            return;
        };
        let (scope, origin) = match &self.scope {
            TargetsScope::Place(_) => (
                indicator_scope(row.indicator, row.kind, row.unit),
                row.place.clone(),
            ),
            TargetsScope::Indicator { .. } => (
                TargetsScope::Place(row.place.clone()),
                row.indicator.to_string(),
            ),
        };
        let next = app.targets_view(scope, Some(origin));
        let mut back = std::mem::take(&mut self.back);
        back.push(std::mem::replace(self, next));
        self.back = back;
    }

    /// Esc after `o`: the view before, as it was.
    fn go_back(&mut self) -> bool {
        let Some(previous) = self.back.pop() else {
            return false;
        };
        let back = std::mem::take(&mut self.back);
        *self = previous;
        self.back = back;
        true
    }
}

impl LayerState for TargetsView {
    fn context(&self) -> Option<Context> {
        Some(Context::Targets)
    }

    fn act(&mut self, app: &mut App, a: Action) -> Flow {
        if let Some(d) = list_step(a, body_height(area(app.area())) as isize) {
            self.moved = true;
            self.selected = moved(self.selected, d, self.rows.len());
            return Flow::Stay;
        }
        match a {
            Action::Back if self.go_back() => Flow::Stay,
            Action::Back | Action::Quit => Flow::Close,
            Action::TargetsSide => {
                self.jump = self.jump.other();
                app.message = Some(format!("Enter opens the {}", self.jump.name()));
                Flow::Stay
            }
            Action::TargetsOther => {
                self.turn(app);
                Flow::Stay
            }
            Action::Open => {
                let Some((report, paragraph, range)) = self.jump_target() else {
                    return Flow::Stay;
                };
                app.focus = Pane::Reader;
                app.reveal(report, paragraph, range);
                // The figures table and chart it came from close too.
                Flow::CloseDownTo(LayerKind::Figures)
            }
            _ => Flow::Stay,
        }
    }

    /// Take the sides read meanwhile; a view of another corpus closes.
    fn tick(&mut self, app: &mut App, wait: bool) -> Flow {
        if self.corpus != app.corpus_generation {
            return Flow::Close;
        }
        receive(self, wait);
        Flow::Stay
    }

    fn busy(&self) -> bool {
        self.gathering.is_some()
    }

    fn hides_below(&self) -> bool {
        true
    }

    fn bar(&self, _app: &App) -> Option<Bar> {
        Some(Bar::Targets)
    }

    fn area(&self, screen: Rect, _app: &App) -> Option<Rect> {
        Some(area(screen))
    }

    fn draw(&self, frame: &mut Frame, screen: Rect, app: &App) {
        let popup = area(screen);
        open_popup(frame, popup);
        draw(frame, popup, app, self);
    }
}
