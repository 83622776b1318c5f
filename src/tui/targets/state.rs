//! What the targets view shows: its scope, the sides read so far, the rows
//! they pair into.

use crate::figures::targets::{ReportSides, Row, Targets};
use crate::figures::Kind;
use crate::tui::walk::Walk;
use std::collections::HashMap;

/// Which rows the view lists.
#[derive(Debug, Clone, PartialEq)]
pub enum TargetsScope {
    /// Every indicator and year of one place, named as
    /// [`crate::figures::targets::place_name`] names it.
    Place(String),
    /// One measure in every place: its canonical names (a place's and the
    /// nation's: 地区生产总值, 国内生产总值), kind and unit.
    Indicator {
        names: Vec<&'static str>,
        kind: Kind,
        unit: &'static str,
    },
}

impl TargetsScope {
    /// `江城市` or `地区生产总值`.
    pub fn name(&self) -> &str {
        match self {
            TargetsScope::Place(place) => place,
            TargetsScope::Indicator { names, .. } => names.first().copied().unwrap_or(""),
        }
    }

    /// Whether a report's figures can give a row of the scope: the other
    /// reports' sides are dropped on the worker.
    pub(super) fn keep(&self, sides: &mut ReportSides) {
        if let TargetsScope::Indicator { names, kind, unit } = self {
            sides
                .stated
                .retain(|s| names.contains(&s.indicator) && s.kind == *kind && s.unit == *unit);
        }
    }
}

/// Which side Enter opens.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Jump {
    #[default]
    Target,
    Outcome,
}

impl Jump {
    pub fn other(self) -> Jump {
        match self {
            Jump::Target => Jump::Outcome,
            Jump::Outcome => Jump::Target,
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            Jump::Target => "target",
            Jump::Outcome => "outcome",
        }
    }
}

/// One report's sides, read on the worker: its index, its file (sides
/// name their report by file) and what it states.
pub(super) type Read = (usize, String, ReportSides);

/// The targets view layer.
pub struct TargetsView {
    pub scope: TargetsScope,
    /// The rows of the scope from the reports read so far: by year and
    /// indicator ([`Targets::for_place`]'s order), or as
    /// [`Targets::for_indicators`] ranks them.
    pub rows: Vec<Row>,
    pub selected: usize,
    /// The side Enter opens.
    pub jump: Jump,
    /// What the reports read so far state, in report order (the first
    /// report of a place and year to state a side counts).
    pub(super) sides: Vec<ReportSides>,
    /// Report index by file, to open a side's report.
    pub(super) files: HashMap<String, usize>,
    /// The reports still being read.
    pub(super) gathering: Option<Walk<Read>>,
    /// `App::corpus_generation` of the rows: a reload closes the view.
    pub(super) corpus: u64,
    /// The user moved the selection: rows arriving leave it alone.
    pub(super) moved: bool,
    /// Selected once it arrives, until the user moves: the row of this
    /// indicator (a place's view) or place (an indicator's view).
    pub(super) origin: Option<String>,
    /// The views `o` turned away from, as they were (a walk still
    /// running goes on): Esc goes back to them.
    pub(super) back: Vec<TargetsView>,
}

impl TargetsView {
    /// (reports read, reports to read) while the rows are gathered.
    pub fn progress(&self) -> Option<(usize, usize)> {
        self.gathering.as_ref().map(|w| (w.walked(), w.total()))
    }

    pub fn selected_row(&self) -> Option<&Row> {
        self.rows.get(self.selected)
    }

    /// The rows again from every side read, keeping the selection.
    pub(super) fn rebuild(&mut self) {
        let keep = if self.moved {
            self.selected_row().map(row_key)
        } else {
            None
        };
        let targets = Targets::build(self.sides.iter().cloned());
        let rows: Vec<&Row> = match &self.scope {
            // Only the place's reports were read (their place named as
            // `place_name` names it), so every row is the place's, in
            // `for_place`'s order; asking `for_place` would read the name
            // again as typed, which can differ (a district named without
            // its city is resolved to one of several).
            TargetsScope::Place(_) => targets.rows().iter().collect(),
            TargetsScope::Indicator { names, kind, unit } => {
                targets.for_indicators(names, *kind, unit)
            }
        };
        self.rows = rows.into_iter().cloned().collect();
        let found = match (&keep, &self.origin) {
            (Some(k), _) => self.rows.iter().position(|r| row_key(r) == *k),
            (None, Some(origin)) => self.rows.iter().position(|r| match &self.scope {
                TargetsScope::Place(_) => r.indicator == origin,
                TargetsScope::Indicator { .. } => r.place == *origin,
            }),
            (None, None) => None,
        };
        if let Some(k) = found {
            self.selected = k;
        }
        self.selected = self.selected.min(self.rows.len().saturating_sub(1));
    }

    /// The report and place in it of the side Enter opens.
    pub fn jump_target(&self) -> Option<(usize, usize, std::ops::Range<usize>)> {
        let row = self.selected_row()?;
        let side = match self.jump {
            Jump::Target => row.target.as_ref().or(row.outcome.as_ref()),
            Jump::Outcome => row.outcome.as_ref().or(row.target.as_ref()),
        }?;
        let report = *self.files.get(&side.file)?;
        Some((report, side.paragraph, side.range.clone()))
    }
}

/// What names a row across rebuilds.
fn row_key(r: &Row) -> (String, u16, &'static str, Kind, &'static str) {
    (r.place.clone(), r.year, r.indicator, r.kind, r.unit)
}
