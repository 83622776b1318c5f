//! The reader as a stack of layers over the panes (the report list, the
//! outline, the reading pane). Each layer owns its state — help, the
//! bookmark list, footnotes, a pending mark, a `/` box, search results, the
//! figures table and its chart, the compare view and its picker, the topic
//! view and its picker — and says how it takes keys, how it is drawn and
//! which hints it shows ([`LayerState`]).
//!
//! Keys go to the layer on top: it looks them up in its context of the
//! keymap (or types them, in a text box); with no layer, the focused pane's
//! context takes them. An action (from a key, or sent as a message) goes to
//! the top layer, which takes it or passes it down (a text box passes what
//! it does not own, so `n` still steps through matches while a search box is
//! open). A layer opened while another handles a key is queued and pushed
//! afterwards, over it; a layer that closes takes the layers above it along.
//!
//! A new layer is a folder with its state implementing [`LayerState`] and
//! one line in the `layers!` list below.

use super::action::{Action, Bar, Context};
use super::app::App;
use super::keymap::Key;
use ratatui::layout::Rect;
use ratatui::Frame;

/// What a layer does after a key or an action.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Flow {
    /// Taken; the layer stays open.
    Stay,
    /// Not this layer's: the layer below (or the panes) may take it.
    Pass,
    /// Taken; the layer closes, and the layers opened over it with it.
    Close,
    /// Taken; the layer closes down to (and with) the nearest layer of this
    /// kind below it: a picker that gives up closes its view.
    CloseDownTo(LayerKind),
}

/// How a layer behaves. Handlers get the app without the layer in it (it
/// is taken off the stack while it handles), so they may change anything
/// else; they open layers with [`App::open`].
pub trait LayerState {
    /// Where the layer's keys are looked up, and where help opened over it
    /// starts; `None`: the context of what is below.
    fn context(&self) -> Option<Context>;

    /// A key, when the layer reads keys its own way (text boxes, pickers, a
    /// pending mark); `None` looks the key up in [`LayerState::context`].
    fn key(&mut self, _app: &mut App, _key: Key) -> Option<Flow> {
        None
    }

    fn act(&mut self, app: &mut App, a: Action) -> Flow;

    /// An action, where `?` over a view opens help at the view's keys
    /// (closing help returns to the view).
    fn act_or_help(&mut self, app: &mut App, a: Action) -> Flow {
        match (a, self.is_view(), self.context()) {
            (Action::Help, true, Some(context)) => {
                app.open_help_at(context);
                Flow::Stay
            }
            _ => self.act(app, a),
        }
    }

    /// After every update: take what background work finished (`wait`:
    /// wait for all of it); `Close` when what the layer shows is gone.
    fn tick(&mut self, _app: &mut App, _wait: bool) -> Flow {
        Flow::Stay
    }

    /// Background work whose results the layer shows is running.
    fn busy(&self) -> bool {
        false
    }

    /// A view of its own over the panes (popups, the compare and topic
    /// views): the panes lose focus, the mouse is off, the status line is
    /// the view's, and help opened over it starts at its keys. Text boxes,
    /// pickers and a pending mark belong to what is below.
    fn is_view(&self) -> bool {
        true
    }

    /// Drawing it hides the views below (help, the chart over its table).
    fn hides_below(&self) -> bool {
        false
    }

    /// The hint bar; `None`: the bar of what is below.
    fn bar(&self, _app: &App) -> Option<Bar> {
        None
    }

    /// The left of the status line, for a view; `None`: the reader's.
    fn status(&self, _app: &App) -> Option<String> {
        None
    }

    /// The right of the status line, for a view; `None`: the reader's.
    fn position(&self, _app: &App) -> Option<String> {
        None
    }

    /// Where the layer is drawn on a screen of `screen`, if it is a popup.
    fn area(&self, _screen: Rect, _app: &App) -> Option<Rect> {
        None
    }

    /// Draw from `&self`: drawing never changes state.
    fn draw(&self, frame: &mut Frame, screen: Rect, app: &App);
}

/// A state type that is one of the layers.
pub trait LayerOf: Sized {
    fn of(layer: &Layer) -> Option<&Self>;
    fn of_mut(layer: &mut Layer) -> Option<&mut Self>;
}

macro_rules! layers {
    ($($(#[$meta:meta])* $variant:ident($state:ty),)*) => {
        /// One layer, owning its state. (Its size is the largest state's:
        /// the stack holds a handful at most, so none is boxed.)
        #[allow(clippy::large_enum_variant)]
        pub enum Layer {
            $($(#[$meta])* $variant($state),)*
        }

        /// Which layer it is.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        pub enum LayerKind {
            $($variant,)*
        }

        impl Layer {
            pub fn kind(&self) -> LayerKind {
                match self {
                    $(Layer::$variant(_) => LayerKind::$variant,)*
                }
            }

            pub fn state(&self) -> &dyn LayerState {
                match self {
                    $(Layer::$variant(s) => s,)*
                }
            }

            pub fn state_mut(&mut self) -> &mut dyn LayerState {
                match self {
                    $(Layer::$variant(s) => s,)*
                }
            }
        }

        $(
            impl From<$state> for Layer {
                fn from(s: $state) -> Layer {
                    Layer::$variant(s)
                }
            }

            impl LayerOf for $state {
                fn of(layer: &Layer) -> Option<&Self> {
                    match layer {
                        Layer::$variant(s) => Some(s),
                        #[allow(unreachable_patterns)]
                        _ => None,
                    }
                }

                fn of_mut(layer: &mut Layer) -> Option<&mut Self> {
                    match layer {
                        Layer::$variant(s) => Some(s),
                        #[allow(unreachable_patterns)]
                        _ => None,
                    }
                }
            }
        )*
    };
}

layers! {
    /// `?`: the keys.
    Help(super::help::Help),
    /// `B`: the bookmarks.
    Bookmarks(super::bookmarks::BookmarkList),
    /// Enter in the reader: the footnotes on screen.
    Notes(super::notes::Notes),
    /// `m` or `'`, waiting for the letter.
    PendingMark(super::bookmarks::PendingMark),
    /// A `/` box: the list filter, find in the report, the results' query.
    SearchBox(super::search::SearchBox),
    /// `R`: every hit of a query.
    Results(super::search::Results),
    /// `f`: the report's figures.
    Figures(super::figures::FigureTable),
    /// `a` in the figures table: one indicator across the reports.
    Chart(super::figures::FigureChart),
    /// `c`: two reports' sections side by side.
    Compare(super::compare::CompareState),
    /// `p` in the compare view: the other side's section.
    ComparePicker(super::compare::ComparePicker),
    /// `T`: every report's sections on one topic.
    TopicView(super::topic_view::TopicView),
    /// `/` in the topic view: another topic.
    TopicPicker(super::topic_view::TopicPicker),
    /// `o` in the figures table, the chart or the reader: targets
    /// against outcomes.
    Targets(super::targets::TargetsView),
}

/// The open layers, lowest first.
#[derive(Default)]
pub struct Layers(Vec<Layer>);

impl Layers {
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    pub fn len(&self) -> usize {
        self.0.len()
    }

    pub fn iter(&self) -> std::slice::Iter<'_, Layer> {
        self.0.iter()
    }

    pub fn top(&self) -> Option<&Layer> {
        self.0.last()
    }

    /// The kinds, lowest first.
    pub fn kinds(&self) -> Vec<LayerKind> {
        self.0.iter().map(Layer::kind).collect()
    }

    /// The topmost layer of type `T`.
    pub fn find<T: LayerOf>(&self) -> Option<&T> {
        self.0.iter().rev().find_map(T::of)
    }

    pub fn find_mut<T: LayerOf>(&mut self) -> Option<&mut T> {
        self.0.iter_mut().rev().find_map(T::of_mut)
    }

    /// The topmost view (see [`LayerState::is_view`]).
    pub fn top_view(&self) -> Option<&Layer> {
        self.0.iter().rev().find(|l| l.state().is_view())
    }

    pub fn position<T: LayerOf>(&self) -> Option<usize> {
        self.0.iter().rposition(|l| T::of(l).is_some())
    }

    pub(super) fn push(&mut self, layer: Layer) {
        self.0.push(layer);
    }

    pub(super) fn remove(&mut self, i: usize) -> Layer {
        self.0.remove(i)
    }

    /// Put `layer` back at `i` (or on top, if the stack shrank below it).
    pub(super) fn put(&mut self, i: usize, layer: Layer) {
        let i = i.min(self.0.len());
        self.0.insert(i, layer);
    }

    /// Close the layers from `i` up.
    pub(super) fn truncate(&mut self, i: usize) {
        self.0.truncate(i);
    }

    /// Close the topmost layer of `kind` at or below `below` and everything
    /// above it; `false` when there is none.
    pub(super) fn close_down_to(&mut self, below: usize, kind: LayerKind) -> bool {
        let end = below.min(self.0.len());
        match self.0[..end].iter().rposition(|l| l.kind() == kind) {
            Some(i) => {
                self.0.truncate(i);
                true
            }
            None => false,
        }
    }
}
