//! How messages change the app: keys and actions routed through the layer
//! stack (the top layer first, passed down until one takes them) to the
//! panes, and what each pane action does.

use super::*;
use crate::report::Report;
use crate::tui::action::{Action, Context};
use crate::tui::bookmarks::{BookmarkList, PendingMark};
use crate::tui::help::{self, Help};
use crate::tui::keymap::Key;
use crate::tui::layer::{Flow, Layer, LayerKind, LayerOf};
use crate::tui::outline_pane::OutlineState;

impl App {
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
    pub(in crate::tui) fn open_help_at(&mut self, context: Context) {
        let scroll = help::first_row_of(self, self.area(), context);
        self.open(Help { scroll });
    }

    /// Run `f` on the topmost layer of type `T`, taken off the stack
    /// meanwhile so that `f` may change the rest of the app.
    pub(in crate::tui) fn with_layer<T: LayerOf, R>(
        &mut self,
        f: impl FnOnce(&mut App, &mut T) -> R,
    ) -> Option<R> {
        let i = self.layers.position::<T>()?;
        let mut layer = self.layers.remove(i);
        let out = T::of_mut(&mut layer).map(|state| f(self, state));
        self.layers.put(i, layer);
        out
    }

    // ---- routing --------------------------------------------------------------

    /// A key goes to the layer on top (which reads it its own way or looks
    /// it up in its context), else to the focused pane's context.
    pub(super) fn key(&mut self, key: Key) {
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
    pub(super) fn after(&mut self, depth: usize, layer: Layer, flow: Flow) {
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
    pub(super) fn flush_opening(&mut self) {
        for layer in std::mem::take(&mut self.opening) {
            self.layers.push(layer);
        }
    }

    /// Let every layer take its background work, lowest first; a layer
    /// that closes takes those above it along.
    pub(super) fn tick_layers(&mut self, wait: bool) {
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

    // ---- actions ----------------------------------------------------------

    /// An action for the panes (no layer took it).
    pub(super) fn act_panes(&mut self, a: Action) {
        if self.search_act(a) {
            return;
        }
        let narrow = self.areas().narrow;
        match a {
            Action::Quit => self.quit(),
            Action::Copy => self.copy_here(),
            Action::Edit => self.edit_here(),
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
            | Action::FigureAcross
            | Action::Targets => {}
            Action::PlaceTargets => self.open_place_targets_here(),
            Action::TargetsSide | Action::TargetsOther => {}
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

    pub(super) fn focus_to(&mut self, pane: Pane) {
        self.focus = pane;
        if pane != Pane::Reader {
            self.panel_hidden = false;
        }
    }

    pub(super) fn with_outline(&mut self, f: impl FnOnce(&mut OutlineState, &Report)) {
        if let Some(report) = &self.open {
            f(&mut self.outline, report);
        }
    }
}
