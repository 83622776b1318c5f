//! The application state and `update`: every key, resize, mouse event and
//! loaded corpus becomes a [`Msg`]; `update` changes the state. No drawing
//! and no terminal here, so tests drive the whole app headless.
//!
//! `update` routes keys and actions through the layers to the panes;
//! `reading` opens reports and keeps positions; `moves` scrolls, jumps
//! and keeps derived state settled after every update.

mod moves;
mod reading;
mod update;

pub(super) use moves::Move;

use crate::library::Catalog;
use crate::report::Report;
use crate::tui::action::Action;
use crate::tui::keymap::{Key, Keymap};
use crate::tui::layer::{Layer, Layers};
use crate::tui::memory::{ReadingState, ReportKey, StateStore};
use crate::tui::outline_pane::OutlineState;
use crate::tui::reader::{Anchor, ReaderState};
use crate::tui::report_list::ListState;
use crate::tui::theme::Theme;
use crate::tui::ui;
use ratatui::layout::Rect;
use std::path::PathBuf;
use std::sync::Arc;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Pane {
    List,
    Outline,
    Reader,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MouseKind {
    Click,
    ScrollUp,
    ScrollDown,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct MouseInput {
    pub kind: MouseKind,
    pub column: u16,
    pub row: u16,
}

#[derive(Debug)]
pub enum Msg {
    Action(Action),
    Key(Key),
    Resize(u16, u16),
    Mouse(MouseInput),
    /// The report read last time, loaded ahead of the rest of the corpus
    /// so the first frame need not wait for all of it.
    FirstReport(Box<Report>),
    /// The catalogued corpus (boxed: a catalogue is large for a message).
    Loaded(Box<Catalog>),
    /// Time passed while background work runs: collect what it finished.
    Tick,
    /// From the background indexer.
    Search(super::search::SearchMsg),
}

/// Where the reader opens: a report file and a line of it (`gwr
/// FILE:LINE`, and after `e` edited a file).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StartAt {
    pub file: PathBuf,
    /// 1-based line of the original file.
    pub line: u32,
}

impl StartAt {
    /// Whether `path` is this file (however either is spelled).
    pub fn names(&self, path: &std::path::Path) -> bool {
        path == self.file
            || matches!(
                (path.canonicalize(), self.file.canonicalize()),
                (Ok(a), Ok(b)) if a == b
            )
    }
}

/// What the user configured.
#[derive(Debug, Clone, Default)]
pub struct Settings {
    pub theme: Theme,
    pub mouse: bool,
    pub keymap: Keymap,
}

pub struct App {
    pub settings: Settings,
    /// The reports: light entries, texts parsed on demand (shared with
    /// the workers that walk the corpus).
    catalog: Arc<Catalog>,
    /// The report being read, held so the catalogue's cache never evicts
    /// it and drawing never waits for it.
    open: Option<Arc<Report>>,
    /// Counts the corpora loaded: work started on one corpus (a chart
    /// across reports) is dropped when it ends on another.
    pub corpus_generation: u64,
    pub loading: bool,
    pub load_problems: Vec<String>,
    pub focus: Pane,
    /// Wide terminals: the list and outline hidden by the user.
    pub panel_hidden: bool,
    pub size: (u16, u16),
    pub list: ListState,
    pub outline: OutlineState,
    pub reader: ReaderState,
    /// What is open over the panes, lowest first.
    pub layers: Layers,
    /// Layers opened while a key was handled, pushed once it is.
    opening: Vec<Layer>,
    /// A one-off message for the status line, cleared by the next key.
    pub message: Option<String>,
    pub quit: bool,
    /// Text `y` copied, for the event loop to send to the terminal's
    /// clipboard.
    pub clipboard: Option<String>,
    /// `e` asked for the editor on this file at this line; the event loop
    /// runs it.
    pub edit: Option<StartAt>,
    /// Open this file at this line once it is loaded (then `None`).
    pub start_at: Option<StartAt>,
    /// Ctrl-Z asked to hand the terminal back to the shell; the event
    /// loop does it (it owns the terminal) and clears the flag.
    pub suspend: bool,
    pub state: ReadingState,
    store: Box<dyn StateStore>,
    /// Where the last jump came from (`''` goes back).
    pub(super) jump_back: Option<(usize, Anchor)>,
    /// Figure highlighting, the figure cache, the sort last chosen.
    pub figures: super::figures::FiguresUi,
    /// The index, the `/` box, the list filter, matches, results.
    pub search: super::search::SearchState,
    /// Topics of the reports, `>`/`<`, the topic and compare views.
    pub topics: super::topics::TopicsState,
}

/// Terminal size assumed until the first resize (headless use).
const DEFAULT_SIZE: (u16, u16) = (120, 40);

impl App {
    pub fn new(settings: Settings, mut store: Box<dyn StateStore>) -> App {
        let (state, messages) = store.load();
        App {
            settings,
            catalog: Arc::default(),
            open: None,
            corpus_generation: 0,
            loading: true,
            load_problems: Vec::new(),
            focus: Pane::Reader,
            panel_hidden: false,
            size: DEFAULT_SIZE,
            list: ListState::default(),
            outline: OutlineState::default(),
            reader: ReaderState::default(),
            layers: Layers::default(),
            opening: Vec::new(),
            message: (!messages.is_empty()).then(|| messages.join("; ")),
            quit: false,
            suspend: false,
            start_at: None,
            clipboard: None,
            edit: None,
            state,
            store,
            jump_back: None,
            figures: Default::default(),
            search: Default::default(),
            topics: Default::default(),
        }
    }

    pub fn current_report(&self) -> Option<(usize, &Report)> {
        let i = self.reader.report?;
        self.open.as_deref().map(|r| (i, r))
    }

    /// The open report as a handle of its own, for code that changes the
    /// app while it looks at the report.
    pub fn report_being_read(&self) -> Option<(usize, Arc<Report>)> {
        Some((self.reader.report?, Arc::clone(self.open.as_ref()?)))
    }

    /// The reports of the corpus.
    pub fn catalog(&self) -> &Catalog {
        &self.catalog
    }

    /// Report `i`'s key in the reading state.
    pub fn report_key(&self, i: usize) -> Option<&ReportKey> {
        self.catalog.entry(i).map(|e| &e.key)
    }

    /// Every report's key, in catalogue order.
    pub fn report_keys(&self) -> impl Iterator<Item = &ReportKey> + Clone {
        self.catalog.entries().iter().map(|e| &e.key)
    }

    /// The catalogue, to share with a worker thread.
    pub(super) fn catalog_arc(&self) -> &Arc<Catalog> {
        &self.catalog
    }

    /// Rebuild the report list's rows (after loading, sorting, grouping,
    /// filtering).
    pub(super) fn rebuild_list(&mut self) {
        self.list.rebuild(self.catalog.entries());
    }

    /// How many reports the corpus has.
    pub fn report_count(&self) -> usize {
        self.catalog.len()
    }

    /// Report `i`: the open one, else from the catalogue (parsed again if
    /// it is not cached). `None` if there is none or it cannot be read.
    pub fn report(&self, i: usize) -> Option<Arc<Report>> {
        match &self.open {
            Some(r) if self.reader.report == Some(i) => Some(Arc::clone(r)),
            _ => self.catalog.get(i),
        }
    }

    /// Loaded, and nothing runs in the background: the topics are
    /// classified, the search index is open (or failed), no figures are
    /// being extracted.
    pub fn idle(&self) -> bool {
        !self.loading && !self.topics.busy() && !self.search.busy() && !self.working()
    }

    /// Background work whose results the screen shows is running (the
    /// event loop then sends ticks).
    pub fn working(&self) -> bool {
        self.layers.iter().any(|l| l.state().busy())
    }

    /// Wait for the background work of the open layers: the chart's
    /// figures, the topic view's rows, the compare picker's places (tests,
    /// benchmarks).
    pub fn wait_for_views(&mut self) {
        self.tick_layers(true);
        self.settle();
    }

    pub fn area(&self) -> Rect {
        Rect::new(0, 0, self.size.0, self.size.1)
    }

    pub fn areas(&self) -> ui::Areas {
        ui::areas(self.area(), self)
    }

    /// Text shown in the reading pane when no report is open.
    pub fn empty_reader_text(&self) -> Vec<String> {
        if self.loading {
            return vec!["Loading reports…".to_string()];
        }
        let mut out = vec!["No report could be loaded.".to_string()];
        out.extend(self.load_problems.iter().cloned());
        out
    }

    pub fn update(&mut self, msg: Msg) {
        match msg {
            Msg::Action(a) => self.act(a),
            Msg::Key(k) => self.key(k),
            Msg::Resize(w, h) => self.size = (w, h),
            Msg::Mouse(m) => self.mouse(m),
            Msg::FirstReport(report) => self.first_report(*report),
            Msg::Loaded(corpus) => self.loaded(corpus),
            Msg::Tick => {}
            Msg::Search(m) => self.search_msg(m),
        }
        self.flush_opening();
        self.poll_topics();
        self.settle();
    }
}
