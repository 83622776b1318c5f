//! The application state and `update`: every key, resize, mouse event and
//! loaded corpus becomes a [`Msg`]; `update` changes the state. No drawing
//! and no terminal here, so tests drive the whole app headless.

use super::action::{Action, Context};
use super::bookmarks::{BookmarkList, PendingMark};
use super::help::{self, Help};
use super::keymap::{Key, Keymap};
use super::layer::{Flow, Layer, LayerKind, LayerOf, Layers};
use super::marks::{Mark, MarkKind, MarkLayer};
use super::memory::{find_report, ReadingState, ReportKey, StateStore};
use super::outline_pane::OutlineState;
use super::reader::{self, Anchor, Doc, ReaderState, ReportIndex, Row};
use super::report_list::ListState;
use super::theme::Theme;
use super::ui;
use crate::library::Catalog;
use crate::report::Report;
use ratatui::layout::Rect;
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

    /// Where keys go: the layer on top, else the focused pane.
    pub fn context(&self) -> Context {
        self.layers
            .iter()
            .rev()
            .find_map(|l| l.state().context())
            .unwrap_or_else(|| self.pane_context())
    }

    /// The focused pane's context.
    pub fn pane_context(&self) -> Context {
        match self.focus {
            Pane::List => Context::List,
            Pane::Outline => Context::Outline,
            Pane::Reader => Context::Reader,
        }
    }

    /// The topmost open layer of type `T`.
    pub fn layer<T: LayerOf>(&self) -> Option<&T> {
        self.layers.find()
    }

    pub fn layer_mut<T: LayerOf>(&mut self) -> Option<&mut T> {
        self.layers.find_mut()
    }

    /// The kind of the layer on top.
    pub fn top_layer(&self) -> Option<LayerKind> {
        self.layers.top().map(Layer::kind)
    }

    /// The view on top (see `LayerState::is_view`): what the screen shows
    /// over the panes.
    pub fn view(&self) -> Option<LayerKind> {
        self.layers.top_view().map(Layer::kind)
    }

    /// A view is open over the panes.
    pub fn view_open(&self) -> bool {
        self.layers.top_view().is_some()
    }

    /// Open a layer over everything, once the key being handled is.
    pub fn open(&mut self, layer: impl Into<Layer>) {
        self.opening.push(layer.into());
    }

    /// `?` over a view: help scrolled to the keys of `context`.
    pub(super) fn open_help_at(&mut self, context: Context) {
        let scroll = help::first_row_of(self, self.area(), context);
        self.open(Help { scroll });
    }

    /// Run `f` on the topmost layer of type `T`, taken off the stack
    /// meanwhile so that `f` may change the rest of the app.
    pub(super) fn with_layer<T: LayerOf, R>(
        &mut self,
        f: impl FnOnce(&mut App, &mut T) -> R,
    ) -> Option<R> {
        let i = self.layers.position::<T>()?;
        let mut layer = self.layers.remove(i);
        let out = T::of_mut(&mut layer).map(|state| f(self, state));
        self.layers.put(i, layer);
        out
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

    // ---- routing --------------------------------------------------------------

    /// A key goes to the layer on top (which reads it its own way or looks
    /// it up in its context), else to the focused pane's context.
    fn key(&mut self, key: Key) {
        self.message = None;
        let Some(depth) = self.layers.len().checked_sub(1) else {
            if let Some(a) = self.settings.keymap.lookup(key, self.pane_context()) {
                self.act_panes(a);
            }
            return;
        };
        let mut layer = self.layers.remove(depth);
        let flow = match layer.state_mut().key(self, key) {
            Some(flow) => flow,
            None => {
                let context = layer.state().context();
                match context.and_then(|c| self.settings.keymap.lookup(key, c)) {
                    Some(a) => layer.state_mut().act_or_help(self, a),
                    None => Flow::Stay,
                }
            }
        };
        self.after(depth, layer, flow);
    }

    /// An action goes down the layers until one takes it, else to the
    /// panes.
    pub fn act(&mut self, a: Action) {
        let mut depth = self.layers.len();
        while depth > 0 {
            depth -= 1;
            let mut layer = self.layers.remove(depth);
            let flow = layer.state_mut().act_or_help(self, a);
            self.after(depth, layer, flow);
            if flow != Flow::Pass {
                return;
            }
        }
        self.act_panes(a);
    }

    /// Put a layer that handled something back at `depth`, or close it.
    fn after(&mut self, depth: usize, layer: Layer, flow: Flow) {
        match flow {
            Flow::Stay | Flow::Pass => self.layers.put(depth, layer),
            Flow::Close => self.layers.truncate(depth),
            Flow::CloseDownTo(kind) => {
                if !self.layers.close_down_to(depth, kind) {
                    self.layers.truncate(depth);
                }
            }
        }
    }

    /// Push the layers opened while handling a message.
    fn flush_opening(&mut self) {
        for layer in std::mem::take(&mut self.opening) {
            self.layers.push(layer);
        }
    }

    /// Let every layer take its background work, lowest first; a layer
    /// that closes takes those above it along.
    fn tick_layers(&mut self, wait: bool) {
        let mut i = 0;
        while i < self.layers.len() {
            let mut layer = self.layers.remove(i);
            match layer.state_mut().tick(self, wait) {
                Flow::Close | Flow::CloseDownTo(_) => self.layers.truncate(i),
                Flow::Stay | Flow::Pass => {
                    self.layers.put(i, layer);
                    i += 1;
                }
            }
        }
        self.flush_opening();
    }

    fn first_report(&mut self, report: Report) {
        let key = ReportKey::of(&report);
        // The report read last time; with none, whichever came first.
        let wanted = self
            .state
            .last_report
            .as_deref()
            .is_none_or(|k| key.matches(k));
        if !self.loading || !self.catalog.is_empty() || !wanted {
            return;
        }
        self.catalog = Arc::new(Catalog::from_reports(vec![report]));
        self.corpus_generation += 1;
        self.rebuild_list();
        self.open_report(0);
    }

    fn loaded(&mut self, catalog: Box<Catalog>) {
        // A report shown ahead of the corpus stays open where it is read.
        self.remember_position();
        let reading = self.reader.report.and_then(|i| self.report_key(i).cloned());
        self.reader = ReaderState::default();
        self.open = None;
        self.jump_back = None;
        self.loading = false;
        self.load_problems = catalog.problems.iter().map(|p| p.to_string()).collect();
        let notices = catalog.notices.clone();
        self.catalog = Arc::from(catalog);
        self.corpus_generation += 1;
        self.rebuild_list();
        self.topics.start(&self.catalog);
        if !self.load_problems.is_empty() {
            self.message = Some(format!(
                "{} file(s) could not be loaded: {}",
                self.load_problems.len(),
                self.load_problems.join("; ")
            ));
        } else if !notices.is_empty() {
            self.message = Some(notices.join("; "));
        }
        let last = self.state.last_report.clone();
        let restored = reading
            .and_then(|k| find_report(k.as_str(), self.report_keys()))
            .or_else(|| last.and_then(|k| find_report(&k, self.report_keys())));
        let first = restored.or_else(|| {
            self.list.select_first();
            self.list.selected_report()
        });
        if let Some(i) = first {
            self.open_report(i);
        }
        self.search_reload();
    }

    // ---- opening and positions ------------------------------------------

    /// Open report `i` at its remembered position.
    pub fn open_report(&mut self, i: usize) {
        if i >= self.catalog.len() || self.reader.report == Some(i) {
            return;
        }
        let report = match self.catalog.report(i) {
            Ok(r) => r,
            Err(problem) => {
                // Changed or gone since it was listed: say so, keep reading.
                self.message = Some(problem.to_string());
                return;
            }
        };
        if self.reader.report.is_some() {
            // Switching reports: a good moment to save (not every key is).
            self.save();
        }
        let index = ReportIndex::new(&report);
        let key = self.catalog.entries()[i].key.clone();
        let anchor = self
            .state
            .position(&key)
            .map(|p| index.anchor_of_position(&report, p))
            .unwrap_or_default();
        self.outline = OutlineState::for_report(&report);
        self.reader = ReaderState {
            report: Some(i),
            anchor,
            index,
            cache: Default::default(),
            marks: Default::default(),
        };
        self.open = Some(report);
        self.state.set_last_report(&key);
        self.list.select_report(i);
    }

    /// Record the reading position of the open report in the state.
    pub fn remember_position(&mut self) {
        if let Some((i, report)) = self.current_report() {
            let pos = self.reader.index.position(report, self.reader.anchor);
            if let Some(key) = self.catalog.entry(i).map(|e| &e.key) {
                self.state.set_position(key, pos);
            }
        }
    }

    pub fn save(&mut self) {
        self.remember_position();
        match self.store.save(&mut self.state) {
            Ok(notes) if !notes.is_empty() => self.message = Some(notes.join("; ")),
            Ok(_) => {}
            Err(e) => self.message = Some(format!("Could not save reading state: {e}")),
        }
    }

    fn quit(&mut self) {
        self.save();
        self.quit = true;
    }

    /// Move the reader to `anchor` in report `i`, remembering where it was.
    pub(super) fn jump(&mut self, i: usize, anchor: Anchor) {
        if let Some(cur) = self.reader.report {
            self.jump_back = Some((cur, self.reader.anchor));
        }
        self.open_report(i);
        if self.reader.report == Some(i) {
            self.reader.anchor = anchor;
        }
    }

    /// Open report `i` with the byte range `range` of paragraph `paragraph`
    /// in view, a few rows below the top so its context shows, and its
    /// sentence marked (search hits, figures, comparisons all land here).
    pub fn reveal(&mut self, i: usize, paragraph: usize, range: std::ops::Range<usize>) {
        let Some(report) = self.report(i) else {
            return;
        };
        let Some(text) = report.paragraphs.get(paragraph).map(|p| &p.text) else {
            return;
        };
        let sentence = crate::text::sentence::sentence_around(text, range);
        let at = Anchor {
            paragraph,
            offset: sentence.start,
        };
        self.jump(i, at);
        if self.reader.report != Some(i) {
            return;
        }
        let (width, height) = self.reader_viewport();
        let Some(report) = self.open.clone() else {
            return;
        };
        let cache = &mut self.reader.cache;
        let mut source = |p: usize| cache.lines(i, &report, width, p);
        let mut doc = Doc::new(&report, &mut source);
        let row = doc.row_of(at);
        let context = (height / 3).min(4);
        let top = doc.backward(row, context);
        self.reader.anchor = doc.anchor_of(top);
        self.reader.marks.set(
            MarkLayer::Target,
            vec![Mark {
                paragraph,
                range: sentence,
                kind: MarkKind::Target,
            }],
        );
    }

    pub(super) fn jump_here(&mut self, anchor: Anchor) {
        if let Some(i) = self.reader.report {
            self.jump(i, anchor);
        }
    }

    // ---- actions ----------------------------------------------------------

    /// An action for the panes (no layer took it).
    fn act_panes(&mut self, a: Action) {
        if self.search_act(a) {
            return;
        }
        let narrow = self.areas().narrow;
        match a {
            Action::Quit => self.quit(),
            Action::Suspend => {
                // Stopped, gwr may never be resumed: keep what was read.
                self.save();
                self.suspend = true;
            }
            // Back out of the list or outline first, then out of gwr.
            Action::Back => {
                if self.focus != Pane::Reader {
                    self.focus = Pane::Reader;
                } else {
                    self.quit();
                }
            }
            Action::Help => self.open(Help { scroll: 0 }),
            Action::FocusNext => self.focus_to(match self.focus {
                Pane::List => Pane::Outline,
                Pane::Outline => Pane::Reader,
                Pane::Reader => Pane::List,
            }),
            Action::FocusPrev => self.focus_to(match self.focus {
                Pane::List => Pane::Reader,
                Pane::Outline => Pane::List,
                Pane::Reader => Pane::Outline,
            }),
            Action::FocusLeft => self.focus_to(match self.focus {
                Pane::Reader => Pane::Outline,
                _ => Pane::List,
            }),
            Action::FocusRight => self.focus_to(match self.focus {
                Pane::List => Pane::Outline,
                _ => Pane::Reader,
            }),
            Action::TogglePanel => {
                if narrow {
                    self.focus = if self.focus == Pane::Reader {
                        Pane::Outline
                    } else {
                        Pane::Reader
                    };
                } else {
                    self.panel_hidden = !self.panel_hidden;
                    if self.panel_hidden {
                        self.focus = Pane::Reader;
                    }
                }
            }
            Action::NextSection => self.section_jump(true, false),
            Action::PrevSection => self.section_jump(false, false),
            Action::NextTopSection => self.section_jump(true, true),
            Action::PrevTopSection => self.section_jump(false, true),
            Action::AddBookmark => self.add_bookmark(),
            Action::ListBookmarks => self.open(BookmarkList { selected: 0 }),
            Action::SetMark => self.open(PendingMark::SetMark),
            Action::JumpToMark => self.open(PendingMark::JumpToMark),
            Action::CycleSort => {
                self.list.sort = self.list.sort.next();
                self.rebuild_list();
                self.message = Some(format!("Sorted by {}", self.list.sort.name()));
            }
            Action::CycleGroup => {
                self.list.group = self.list.group.next();
                self.rebuild_list();
                self.message = Some(format!("Reports {}", self.list.group.name()));
            }
            Action::ToggleFold => self.with_outline(|o, r| o.toggle(r)),
            Action::CollapseAll => self.with_outline(|o, r| o.collapse_all(r)),
            Action::ExpandAll => self.with_outline(|o, _| o.expand_all()),
            Action::DeleteBookmark => {}
            Action::Down
            | Action::Up
            | Action::HalfPageDown
            | Action::HalfPageUp
            | Action::PageDown
            | Action::PageUp
            | Action::Top
            | Action::Bottom => {
                if let Some(m) = Move::of_action(a) {
                    self.move_in_pane(m);
                }
            }
            Action::Open => self.open_in_pane(),
            Action::Figures => self.open_figures(),
            Action::ToggleFigureHighlight => self.toggle_figure_highlight(),
            Action::FigureScope
            | Action::FigureSort
            | Action::FigureSortReverse
            | Action::FigureFilter
            | Action::FigureAcross => {}
            // Search's actions are taken by `search_act` above; a box's
            // own are the box's.
            Action::Search
            | Action::NextMatch
            | Action::PrevMatch
            | Action::SearchResults
            | Action::SearchAccept
            | Action::SearchCancel
            | Action::SearchAllHits => {}
            Action::TopicNext => self.topic_jump(true),
            Action::TopicPrev => self.topic_jump(false),
            Action::Compare => self.open_compare(),
            Action::TopicView => self.open_topic_view(),
            Action::CompareSwitchSide
            | Action::CompareSync
            | Action::ComparePick
            | Action::TopicPick => {}
            // A text box's own keys, taken by the box.
            Action::BoxDown
            | Action::BoxUp
            | Action::BoxPageDown
            | Action::BoxPageUp
            | Action::CursorLeft
            | Action::CursorRight
            | Action::CursorStart
            | Action::CursorEnd
            | Action::DeleteBack
            | Action::DeleteForward
            | Action::DeleteToStart
            | Action::DeleteWordBack => {}
        }
    }

    fn focus_to(&mut self, pane: Pane) {
        self.focus = pane;
        if pane != Pane::Reader {
            self.panel_hidden = false;
        }
    }

    fn with_outline(&mut self, f: impl FnOnce(&mut OutlineState, &Report)) {
        if let Some(report) = &self.open {
            f(&mut self.outline, report);
        }
    }

    // ---- moving -----------------------------------------------------------

    pub(super) fn move_in_pane(&mut self, m: Move) {
        let areas = self.areas();
        match self.focus {
            Pane::List => {
                let h = areas.list.map(|r| r.height.saturating_sub(2)).unwrap_or(10) as usize;
                match m {
                    Move::Top => self.list.select_first(),
                    Move::Bottom => self.list.select_last(),
                    _ => self.list.move_by(m.rows(h)),
                }
            }
            Pane::Outline => {
                let h = areas
                    .outline
                    .map(|r| r.height.saturating_sub(2))
                    .unwrap_or(10) as usize;
                self.with_outline(|o, r| match m {
                    Move::Top => o.move_by(r, isize::MIN / 2),
                    Move::Bottom => o.move_by(r, isize::MAX / 2),
                    _ => o.move_by(r, m.rows(h)),
                });
            }
            Pane::Reader => self.scroll_reader(m),
        }
    }

    /// The text width and height of the reading pane.
    pub fn reader_viewport(&self) -> (usize, usize) {
        let inner = self.areas().reader_inner;
        (reader::text_width(inner), inner.height.max(1) as usize)
    }

    fn scroll_reader(&mut self, m: Move) {
        let (width, height) = self.reader_viewport();
        let Some(idx) = self.reader.report else {
            return;
        };
        let Some(report) = self.open.clone() else {
            return;
        };
        let before = self.reader.anchor;
        let cache = &mut self.reader.cache;
        let mut source = |p: usize| cache.lines(idx, &report, width, p);
        let mut doc = Doc::new(&report, &mut source);
        let top = doc.row_of(before);
        let target = m.target(&mut doc, top, height);
        let anchor = if target == top {
            before
        } else {
            doc.anchor_of(target)
        };
        if matches!(m, Move::Top | Move::Bottom) {
            self.jump_here(anchor);
        } else {
            self.reader.anchor = anchor;
        }
    }

    fn section_jump(&mut self, forward: bool, top_only: bool) {
        let Some((_, report)) = self.current_report() else {
            return;
        };
        let here = self.reader.anchor;
        let top_depth = self.reader.index.top_depth;
        let starts = report
            .sections
            .iter()
            .filter(|s| !top_only || s.depth == top_depth)
            .map(|s| Anchor {
                paragraph: s.paragraph,
                offset: s.heading.start,
            });
        let target = if forward {
            starts.filter(|&a| a > here).min()
        } else {
            starts.filter(|&a| a < here).max()
        };
        match target {
            Some(a) => self.jump_here(a),
            None => {
                self.message = Some(
                    match (report.sections.is_empty(), forward) {
                        (true, _) => "This report has no sections",
                        (false, true) => "No later section",
                        (false, false) => "No earlier section",
                    }
                    .to_string(),
                )
            }
        }
    }

    pub(super) fn open_in_pane(&mut self) {
        match self.focus {
            Pane::List => {
                if let Some(i) = self.list.selected_report() {
                    if self.reader.report != Some(i) {
                        if let Some(cur) = self.reader.report {
                            self.jump_back = Some((cur, self.reader.anchor));
                        }
                        self.open_report(i);
                    }
                    self.focus = Pane::Reader;
                }
            }
            Pane::Outline => {
                let target = self.current_report().and_then(|(_, r)| {
                    r.sections.get(self.outline.selected).map(|s| Anchor {
                        paragraph: s.paragraph,
                        offset: s.heading.start,
                    })
                });
                if let Some(a) = target {
                    self.jump_here(a);
                    self.focus = Pane::Reader;
                }
            }
            Pane::Reader => self.open_notes(),
        }
    }

    // ---- after every update -------------------------------------------------

    /// Keep derived state consistent: the outline selection follows the
    /// reading position unless the outline is being used; scroll offsets
    /// keep selections in view; the reader's visible rows are wrapped.
    fn settle(&mut self) {
        self.tick_layers(false);
        self.settle_figures();
        let areas = self.areas();
        let (width, height) = self.reader_viewport();
        let open = self.open.clone();
        if let Some(report) = open.as_deref() {
            self.reader.warm(report, width, height);
        }
        let view = reader::frame(self, areas.reader_inner);
        if let Some(report) = open.as_deref() {
            if self.focus != Pane::Outline {
                if let Some(s) = view.section {
                    self.outline.selected = self.outline.shown_for(report, s);
                }
            }
            if let Some(r) = areas.outline {
                let vis = self.outline.visible(report);
                let sel = self.outline.selected_row(report);
                let h = r.height.saturating_sub(2) as usize;
                self.outline.offset = ui::scroll_offset(self.outline.offset, sel, h, vis.len());
            }
        }
        if let Some(r) = areas.list {
            let h = r.height.saturating_sub(2) as usize;
            self.list.offset = ui::scroll_offset(
                self.list.offset,
                self.list.selected,
                h,
                self.list.rows.len(),
            );
        }
    }
}

#[derive(Debug, Clone, Copy)]
pub(super) enum Move {
    Lines(isize),
    /// `Pages(n, d)`: n pages of 1/d of the height.
    Pages(isize, isize),
    Top,
    Bottom,
}

impl Move {
    /// The movement a key asks for, if it is one.
    pub(super) fn of_action(a: Action) -> Option<Move> {
        Some(match a {
            Action::Down => Move::Lines(1),
            Action::Up => Move::Lines(-1),
            Action::HalfPageDown => Move::Pages(1, 2),
            Action::HalfPageUp => Move::Pages(-1, 2),
            Action::PageDown => Move::Pages(1, 1),
            Action::PageUp => Move::Pages(-1, 1),
            Action::Top => Move::Top,
            Action::Bottom => Move::Bottom,
            _ => return None,
        })
    }

    /// The top row of a text view `height` rows high after this move from
    /// `top`.
    pub(super) fn target(self, doc: &mut Doc, top: Row, height: usize) -> Row {
        let last_top = doc.last_top(height);
        match self {
            Move::Top => doc.first_row(),
            Move::Bottom => last_top,
            _ => {
                let k = self.rows(height);
                if k >= 0 {
                    // Never further than a full last page; a jump may have
                    // put the top lower already, then stay.
                    doc.forward(top, k as usize).min(last_top.max(top))
                } else {
                    doc.backward(top, k.unsigned_abs())
                }
            }
        }
    }

    /// Rows to move in a pane `height` rows high.
    pub(super) fn rows(self, height: usize) -> isize {
        let h = height.max(1) as isize;
        match self {
            Move::Lines(n) => n,
            // A page keeps two rows of context.
            Move::Pages(n, 1) => n * (h - 2).max(1),
            Move::Pages(n, d) => n * (h / d).max(1),
            Move::Top => isize::MIN / 2,
            Move::Bottom => isize::MAX / 2,
        }
    }
}
