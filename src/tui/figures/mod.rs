//! The figures layers: the table (`f`) of the open report's figures, or of
//! the section being read, to sort, filter and jump from; over it the
//! cross-report chart of one indicator (`a` in the table); and figure
//! highlighting in the reading pane (`F`). What a figure is and how it
//! reads come from [`crate::figures`]; this feature only shows them.
//!
//! Figures are extracted lazily: a report's when the table or the
//! highlighting first needs them (cached per report), the whole corpus on
//! a worker thread when a chart first needs it.
//!
//! `state` holds the table and the chart, `update` how keys and the
//! background walk change them, `view` how they are drawn.

mod state;
mod update;
mod view;

pub use state::{indicator_text, reading_section, FigureChart, FigureTable, SortColumn};
pub use view::{area, bar, titled_block};

use crate::figures::ReportFigure;
use crate::report::ReportKey;
use std::collections::HashMap;
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
