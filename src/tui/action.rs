//! The one table of actions: what each key does, where it works, and how
//! help and the hint bar describe it. The serde names of [`Action`] are the
//! words of the `[keys]` table of the config file.

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// Everything a key can ask for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Action {
    Quit,
    Back,
    Help,
    FocusNext,
    FocusPrev,
    FocusLeft,
    FocusRight,
    TogglePanel,
    Down,
    Up,
    HalfPageDown,
    HalfPageUp,
    PageDown,
    PageUp,
    Top,
    Bottom,
    Open,
    NextSection,
    PrevSection,
    NextTopSection,
    PrevTopSection,
    AddBookmark,
    ListBookmarks,
    DeleteBookmark,
    SetMark,
    JumpToMark,
    CycleSort,
    CycleGroup,
    ToggleFold,
    CollapseAll,
    ExpandAll,
    Figures,
    ToggleFigureHighlight,
    FigureScope,
    FigureSort,
    FigureSortReverse,
    FigureFilter,
    FigureAcross,
    Search,
    NextMatch,
    PrevMatch,
    SearchResults,
    SearchAccept,
    SearchCancel,
    SearchAllHits,
    TopicNext,
    TopicPrev,
    Compare,
    TopicView,
    CompareSwitchSide,
    CompareSync,
    ComparePick,
    TopicPick,
    Suspend,
}

/// Where an action works. Lookups try the most specific context first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Context {
    /// Whatever has focus, popups included (except where they say not).
    Global,
    /// The focused pane or the open popup: moving and opening.
    Pane,
    List,
    Outline,
    Reader,
    Bookmarks,
    /// The figures overlay and its cross-report chart.
    Figures,
    /// Inside a `/` box: every other key edits the query.
    SearchInput,
    /// The compare view.
    Compare,
    /// The topic view.
    TopicView,
}

impl Context {
    pub fn title(self) -> &'static str {
        match self {
            Context::Global => "Everywhere",
            Context::Pane => "In the focused pane or popup",
            Context::List => "Report list",
            Context::Outline => "Outline",
            Context::Reader => "Reader",
            Context::Bookmarks => "Bookmarks",
            Context::Figures => "Figures (f)",
            Context::SearchInput => "In a search box (/)",
            Context::Compare => "Compare view",
            Context::TopicView => "Topic view",
        }
    }
}

/// All actions, in the order help lists them.
pub const ALL: [Action; 54] = [
    Action::Help,
    Action::Quit,
    Action::Back,
    Action::FocusNext,
    Action::FocusPrev,
    Action::FocusLeft,
    Action::FocusRight,
    Action::TogglePanel,
    Action::NextSection,
    Action::PrevSection,
    Action::NextTopSection,
    Action::PrevTopSection,
    Action::AddBookmark,
    Action::ListBookmarks,
    Action::SetMark,
    Action::JumpToMark,
    Action::Down,
    Action::Up,
    Action::HalfPageDown,
    Action::HalfPageUp,
    Action::PageDown,
    Action::PageUp,
    Action::Top,
    Action::Bottom,
    Action::Open,
    Action::CycleSort,
    Action::CycleGroup,
    Action::ToggleFold,
    Action::CollapseAll,
    Action::ExpandAll,
    Action::DeleteBookmark,
    Action::Figures,
    Action::ToggleFigureHighlight,
    Action::FigureScope,
    Action::FigureSort,
    Action::FigureSortReverse,
    Action::FigureFilter,
    Action::FigureAcross,
    Action::Search,
    Action::NextMatch,
    Action::PrevMatch,
    Action::SearchResults,
    Action::SearchAccept,
    Action::SearchCancel,
    Action::SearchAllHits,
    Action::TopicNext,
    Action::TopicPrev,
    Action::Compare,
    Action::TopicView,
    Action::CompareSwitchSide,
    Action::CompareSync,
    Action::ComparePick,
    Action::TopicPick,
    Action::Suspend,
];

impl Action {
    /// The config-file word for the action.
    pub fn name(self) -> String {
        serde_json::to_value(self)
            .ok()
            .and_then(|v| v.as_str().map(str::to_string))
            .unwrap_or_default()
    }

    pub fn from_name(name: &str) -> Option<Action> {
        serde_json::from_value(serde_json::Value::String(name.to_string())).ok()
    }

    pub fn context(self) -> Context {
        use Action::*;
        match self {
            Down | Up | HalfPageDown | HalfPageUp | PageDown | PageUp | Top | Bottom | Open => {
                Context::Pane
            }
            CycleSort | CycleGroup => Context::List,
            ToggleFold | CollapseAll | ExpandAll => Context::Outline,
            DeleteBookmark => Context::Bookmarks,
            FigureScope | FigureSort | FigureSortReverse | FigureFilter | FigureAcross => {
                Context::Figures
            }
            SearchAccept | SearchCancel | SearchAllHits => Context::SearchInput,
            TopicNext | TopicPrev | Compare | TopicView => Context::Reader,
            CompareSwitchSide | CompareSync | ComparePick => Context::Compare,
            TopicPick => Context::TopicView,
            _ => Context::Global,
        }
    }

    /// What help says the action does.
    pub fn description(self) -> &'static str {
        use Action::*;
        match self {
            Quit => "Quit (closes a popup first)",
            Suspend => "Suspend to the shell (`fg` resumes)",
            Back => "Close the popup or side panel; quit",
            Help => "Show or hide this help",
            FocusNext => "Focus the next pane",
            FocusPrev => "Focus the previous pane",
            FocusLeft => "Focus the pane to the left",
            FocusRight => "Focus the pane to the right",
            TogglePanel => "Show or hide the report list and outline",
            Down => "Down one line or item",
            Up => "Up one line or item",
            HalfPageDown => "Down half a page",
            HalfPageUp => "Up half a page",
            PageDown => "Down a page",
            PageUp => "Up a page",
            Top => "Go to the top",
            Bottom => "Go to the end",
            Open => "Open: report, section, footnotes on screen, bookmark",
            NextSection => "Next section",
            PrevSection => "Previous section (or start of this one)",
            NextTopSection => "Next top-level section",
            PrevTopSection => "Previous top-level section",
            AddBookmark => "Bookmark the position",
            ListBookmarks => "List bookmarks",
            DeleteBookmark => "Delete the bookmark",
            SetMark => "Set a mark: then a letter",
            JumpToMark => "Jump to a mark: then a letter; again: back",
            CycleSort => "Sort by year, place or title",
            CycleGroup => "Group by province, by year, or not",
            ToggleFold => "Fold or unfold the section",
            CollapseAll => "Fold the whole outline",
            ExpandAll => "Unfold the whole outline",
            Figures => "Table of the report's figures; chart across reports",
            ToggleFigureHighlight => "Highlight figures in the text (off at start)",
            FigureScope => "Whole report or the section being read",
            FigureSort => "Sort by the next column (values by unit, then size)",
            FigureSortReverse => "Reverse the sort",
            FigureFilter => "Filter by typing (typing Chinese starts it too)",
            FigureAcross => "Its indicator in every report, as a bar chart",
            Search => "Search: filter the report list (in the list) or find in the report",
            NextMatch => "Next search match (wraps)",
            PrevMatch => "Previous search match (wraps)",
            SearchResults => "Search results: every matching section with a snippet",
            SearchAccept => "Keep the filter / stay at the match",
            SearchCancel => "Clear the search and go back",
            SearchAllHits => "Show every hit of the query in the results view",
            TopicNext => "Same topic and part, next report in the list",
            TopicPrev => "Same topic and part, previous report in the list",
            Compare => "Compare with another report's section",
            TopicView => "Every report's sections on this topic",
            CompareSwitchSide => "Switch the side that scrolls",
            CompareSync => "Scroll both sides together, or each on its own",
            ComparePick => "Pick the other report's section",
            TopicPick => "Pick another topic",
        }
    }
}

/// A key as the keymap sees it: shifted characters carry no SHIFT (`G`,
/// `?`), so bindings read the way they are typed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Key {
    pub code: KeyCode,
    pub modifiers: KeyModifiers,
}

impl Key {
    pub const fn new(code: KeyCode, modifiers: KeyModifiers) -> Key {
        Key { code, modifiers }
    }

    pub const fn plain(code: KeyCode) -> Key {
        Key::new(code, KeyModifiers::NONE)
    }

    pub const fn char(c: char) -> Key {
        Key::plain(KeyCode::Char(c))
    }

    pub const fn ctrl(c: char) -> Key {
        Key::new(KeyCode::Char(c), KeyModifiers::CONTROL)
    }

    pub fn from_event(e: KeyEvent) -> Key {
        Key::normalized(e.code, e.modifiers)
    }

    pub fn normalized(code: KeyCode, modifiers: KeyModifiers) -> Key {
        let keep = KeyModifiers::CONTROL | KeyModifiers::ALT | KeyModifiers::SHIFT;
        let mut modifiers = modifiers & keep;
        let code = match code {
            KeyCode::Char(c) => {
                modifiers.remove(KeyModifiers::SHIFT);
                // Terminals report Ctrl-D as 'd' or 'D' depending on caps.
                if modifiers.contains(KeyModifiers::CONTROL) {
                    KeyCode::Char(c.to_ascii_lowercase())
                } else {
                    KeyCode::Char(c)
                }
            }
            KeyCode::BackTab => {
                modifiers.remove(KeyModifiers::SHIFT);
                KeyCode::BackTab
            }
            other => other,
        };
        Key { code, modifiers }
    }

    /// How help shows the key; ASCII only, so it never depends on how a
    /// terminal draws ambiguous-width arrows.
    pub fn label(self) -> String {
        let base = match self.code {
            KeyCode::Char(' ') => "Space".to_string(),
            KeyCode::Char(c) => c.to_string(),
            KeyCode::Enter => "Enter".into(),
            KeyCode::Esc => "Esc".into(),
            KeyCode::Tab => "Tab".into(),
            KeyCode::BackTab => "S-Tab".into(),
            KeyCode::Backspace => "Bksp".into(),
            KeyCode::Delete => "Del".into(),
            KeyCode::Insert => "Ins".into(),
            KeyCode::Left => "Left".into(),
            KeyCode::Right => "Right".into(),
            KeyCode::Up => "Up".into(),
            KeyCode::Down => "Down".into(),
            KeyCode::Home => "Home".into(),
            KeyCode::End => "End".into(),
            KeyCode::PageUp => "PgUp".into(),
            KeyCode::PageDown => "PgDn".into(),
            KeyCode::F(n) => format!("F{n}"),
            other => format!("{other:?}"),
        };
        let mut out = String::new();
        if self.modifiers.contains(KeyModifiers::CONTROL) {
            out.push_str("C-");
        }
        if self.modifiers.contains(KeyModifiers::ALT) {
            out.push_str("M-");
        }
        if self.modifiers.contains(KeyModifiers::SHIFT) {
            out.push_str("S-");
        }
        out.push_str(&base);
        out
    }
}

/// The built-in bindings.
pub fn default_keys(action: Action) -> Vec<Key> {
    use Action::*;
    use KeyCode as K;
    match action {
        Quit => vec![Key::char('q'), Key::ctrl('c')],
        Suspend => vec![Key::ctrl('z')],
        Back => vec![Key::plain(K::Esc)],
        Help => vec![Key::char('?'), Key::plain(K::F(1))],
        FocusNext => vec![Key::plain(K::Tab)],
        FocusPrev => vec![Key::plain(K::BackTab)],
        FocusLeft => vec![Key::char('h'), Key::plain(K::Left)],
        FocusRight => vec![Key::char('l'), Key::plain(K::Right)],
        TogglePanel => vec![Key::char('t')],
        Down => vec![Key::char('j'), Key::plain(K::Down)],
        Up => vec![Key::char('k'), Key::plain(K::Up)],
        HalfPageDown => vec![Key::ctrl('d')],
        HalfPageUp => vec![Key::ctrl('u')],
        PageDown => vec![Key::plain(K::PageDown), Key::char(' '), Key::ctrl('f')],
        PageUp => vec![Key::plain(K::PageUp), Key::ctrl('b')],
        Top => vec![Key::char('g'), Key::plain(K::Home)],
        Bottom => vec![Key::char('G'), Key::plain(K::End)],
        Open => vec![Key::plain(K::Enter)],
        NextSection => vec![Key::char(']')],
        PrevSection => vec![Key::char('[')],
        NextTopSection => vec![Key::char('}')],
        PrevTopSection => vec![Key::char('{')],
        AddBookmark => vec![Key::char('b')],
        ListBookmarks => vec![Key::char('B')],
        DeleteBookmark => vec![Key::char('d'), Key::plain(K::Delete)],
        SetMark => vec![Key::char('m')],
        JumpToMark => vec![Key::char('\'')],
        CycleSort => vec![Key::char('s')],
        CycleGroup => vec![Key::char('v')],
        ToggleFold => vec![Key::char('o'), Key::char(' ')],
        CollapseAll => vec![Key::char('-')],
        ExpandAll => vec![Key::char('+'), Key::char('=')],
        Figures => vec![Key::char('f')],
        ToggleFigureHighlight => vec![Key::char('F')],
        FigureScope => vec![Key::char('c')],
        FigureSort => vec![Key::char('s')],
        FigureSortReverse => vec![Key::char('r')],
        FigureFilter => vec![Key::char('/')],
        FigureAcross => vec![Key::char('a')],
        Search => vec![Key::char('/')],
        NextMatch => vec![Key::char('n')],
        PrevMatch => vec![Key::char('N')],
        SearchResults => vec![Key::char('R')],
        SearchAccept => vec![Key::plain(K::Enter)],
        SearchCancel => vec![Key::plain(K::Esc), Key::ctrl('c')],
        SearchAllHits => vec![Key::ctrl('r')],
        TopicNext => vec![Key::char('>')],
        TopicPrev => vec![Key::char('<')],
        Compare => vec![Key::char('c')],
        TopicView => vec![Key::char('T')],
        CompareSwitchSide => vec![Key::plain(K::Tab)],
        CompareSync => vec![Key::char('s')],
        ComparePick => vec![Key::char('p'), Key::char('/')],
        TopicPick => vec![Key::char('/'), Key::char('p')],
    }
}

/// Keys → actions, the defaults with the user's overrides applied.
#[derive(Debug, Clone)]
pub struct Keymap {
    keys: BTreeMap<Action, Vec<Key>>,
}

impl Default for Keymap {
    fn default() -> Self {
        Keymap {
            keys: ALL.iter().map(|&a| (a, default_keys(a))).collect(),
        }
    }
}

impl Keymap {
    /// Replace the keys of one action (from the config file).
    pub fn bind(&mut self, action: Action, keys: Vec<Key>) {
        self.keys.insert(action, keys);
    }

    pub fn keys(&self, action: Action) -> &[Key] {
        self.keys.get(&action).map(Vec::as_slice).unwrap_or(&[])
    }

    /// The action `key` triggers in `context`, trying the context's own
    /// actions, then the pane actions, then the global ones.
    pub fn lookup(&self, key: Key, context: Context) -> Option<Action> {
        let order: &[Context] = match context {
            Context::Global => &[Context::Global],
            Context::Pane => &[Context::Pane, Context::Global],
            specific => match specific {
                Context::List => &[Context::List, Context::Pane, Context::Global],
                Context::Outline => &[Context::Outline, Context::Pane, Context::Global],
                Context::Reader => &[Context::Reader, Context::Pane, Context::Global],
                Context::Figures => &[Context::Figures, Context::Pane, Context::Global],
                Context::SearchInput => &[Context::SearchInput],
                Context::Compare => &[Context::Compare, Context::Pane, Context::Global],
                Context::TopicView => &[Context::TopicView, Context::Pane, Context::Global],
                _ => &[Context::Bookmarks, Context::Pane, Context::Global],
            },
        };
        order.iter().find_map(|&ctx| {
            ALL.iter()
                .copied()
                .find(|&a| a.context() == ctx && self.keys(a).contains(&key))
        })
    }

    /// `j/Down`: every key of the action.
    pub fn label(&self, action: Action) -> String {
        let labels: Vec<String> = self.keys(action).iter().map(|k| k.label()).collect();
        labels.join("/")
    }

    /// The first key of the action, for the hint bar.
    pub fn short_label(&self, action: Action) -> Option<String> {
        self.keys(action).first().map(|k| k.label())
    }
}

/// One entry of the hint bar: actions shown together (`j/k`) and a word.
pub struct Hint {
    pub actions: &'static [Action],
    pub word: &'static str,
}

const fn h(actions: &'static [Action], word: &'static str) -> Hint {
    Hint { actions, word }
}

const LIST_HINTS: &[Hint] = &[
    h(&[Action::Down, Action::Up], "move"),
    h(&[Action::Open], "open"),
    h(&[Action::Search], "filter"),
    h(&[Action::Help], "help"),
    h(&[Action::FocusNext], "pane"),
    h(&[Action::CycleSort], "sort"),
    h(&[Action::CycleGroup], "group"),
    h(&[Action::Quit], "quit"),
];

const OUTLINE_HINTS: &[Hint] = &[
    h(&[Action::Down, Action::Up], "move"),
    h(&[Action::Open], "go to"),
    h(&[Action::Help], "help"),
    h(&[Action::FocusNext], "pane"),
    h(&[Action::ToggleFold], "fold"),
    h(&[Action::CollapseAll, Action::ExpandAll], "fold all"),
    h(&[Action::Quit], "quit"),
];

const READER_HINTS: &[Hint] = &[
    h(&[Action::Down, Action::Up], "scroll"),
    h(&[Action::Help], "help"),
    h(&[Action::NextSection, Action::PrevSection], "section"),
    h(&[Action::Search], "find"),
    h(&[Action::Figures], "figures"),
    h(&[Action::TopicNext, Action::TopicPrev], "same topic"),
    h(&[Action::Compare], "compare"),
    h(&[Action::FocusNext], "pane"),
    h(&[Action::NextTopSection, Action::PrevTopSection], "part"),
    h(&[Action::Open], "notes"),
    h(&[Action::AddBookmark], "bookmark"),
    h(&[Action::ListBookmarks], "bookmarks"),
    h(&[Action::Quit], "quit"),
];

const BOOKMARK_HINTS: &[Hint] = &[
    h(&[Action::Down, Action::Up], "move"),
    h(&[Action::Open], "go to"),
    h(&[Action::DeleteBookmark], "delete"),
    h(&[Action::Back], "close"),
];

/// The footnote popup.
pub const NOTES_HINTS: &[Hint] = &[
    h(&[Action::Down, Action::Up], "move"),
    h(&[Action::Open], "go to note"),
    h(&[Action::Back], "close"),
];

/// The help popup.
pub const HELP_HINTS: &[Hint] = &[
    h(&[Action::Down, Action::Up], "scroll"),
    h(&[Action::PageDown, Action::PageUp], "page"),
    h(&[Action::Back], "close"),
];

/// The figures table.
pub const FIGURES_HINTS: &[Hint] = &[
    h(&[Action::Down, Action::Up], "move"),
    h(&[Action::Open], "go to"),
    h(&[Action::FigureFilter], "filter"),
    h(&[Action::FigureSort], "sort"),
    h(&[Action::FigureAcross], "across reports"),
    h(&[Action::FigureScope], "section"),
    h(&[Action::FigureSortReverse], "reverse"),
    h(&[Action::Back], "close"),
];

/// The figures table while a filter is typed.
pub const FIGURE_FILTER_HINTS: &[Hint] = &[
    h(&[Action::Open], "done"),
    h(&[Action::Back], "clear"),
    h(&[Action::Down, Action::Up], "move"),
];

/// The cross-report chart of one indicator.
pub const FIGURE_CHART_HINTS: &[Hint] = &[
    h(&[Action::Down, Action::Up], "move"),
    h(&[Action::Open], "go to"),
    h(&[Action::FigureSort], "value/year"),
    h(&[Action::FigureSortReverse], "reverse"),
    h(&[Action::Back], "back"),
];

/// A `/` box.
const SEARCH_INPUT_HINTS: &[Hint] = &[
    h(&[Action::SearchAccept], "keep"),
    h(&[Action::SearchCancel], "clear"),
    h(&[Action::SearchAllHits], "all hits"),
];

/// The search results view.
pub const RESULTS_HINTS: &[Hint] = &[
    h(&[Action::Down, Action::Up], "move"),
    h(&[Action::Open], "open"),
    h(&[Action::Search], "edit query"),
    h(&[Action::Back], "close"),
];

/// The compare view.
pub const COMPARE_HINTS: &[Hint] = &[
    h(&[Action::Down, Action::Up], "scroll"),
    h(&[Action::CompareSwitchSide], "side"),
    h(&[Action::CompareSync], "together"),
    h(&[Action::ComparePick], "pick"),
    h(&[Action::Open], "open"),
    h(&[Action::Back], "close"),
];

/// The topic view.
pub const TOPIC_VIEW_HINTS: &[Hint] = &[
    h(&[Action::Down, Action::Up], "move"),
    h(&[Action::Open], "open"),
    h(&[Action::TopicPick], "topic"),
    h(&[Action::Back], "close"),
];

/// The hints of a context, most useful first; the bar shows what fits.
pub fn hints(context: Context) -> &'static [Hint] {
    match context {
        Context::List => LIST_HINTS,
        Context::Outline => OUTLINE_HINTS,
        Context::Reader => READER_HINTS,
        Context::Bookmarks => BOOKMARK_HINTS,
        Context::Figures => FIGURES_HINTS,
        Context::SearchInput => SEARCH_INPUT_HINTS,
        Context::Compare => COMPARE_HINTS,
        Context::TopicView => TOPIC_VIEW_HINTS,
        Context::Pane | Context::Global => HELP_HINTS,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_round_trip() {
        for a in ALL {
            assert_eq!(Action::from_name(&a.name()), Some(a), "{a:?}");
        }
        assert_eq!(Action::NextTopSection.name(), "next_top_section");
        assert_eq!(Action::from_name("no_such_action"), None);
    }

    #[test]
    fn all_lists_every_action_once() {
        let mut seen = std::collections::BTreeSet::new();
        for a in ALL {
            assert!(seen.insert(a), "{a:?} twice");
        }
        // A new variant must be added to ALL: serde knows all of them.
        assert_eq!(seen.len(), ALL.len());
    }

    #[test]
    fn context_keys_win_over_general_ones() {
        let km = Keymap::default();
        let space = Key::char(' ');
        assert_eq!(km.lookup(space, Context::Outline), Some(Action::ToggleFold));
        assert_eq!(km.lookup(space, Context::Reader), Some(Action::PageDown));
        assert_eq!(km.lookup(Key::char('d'), Context::Reader), None);
        assert_eq!(
            km.lookup(Key::char('d'), Context::Bookmarks),
            Some(Action::DeleteBookmark)
        );
        assert_eq!(
            km.lookup(Key::char('q'), Context::Reader),
            Some(Action::Quit)
        );
    }

    #[test]
    fn no_key_means_two_things_in_one_context() {
        let km = Keymap::default();
        for ctx in [
            Context::Global,
            Context::Pane,
            Context::List,
            Context::Outline,
            Context::Reader,
            Context::Bookmarks,
            Context::Figures,
            Context::Compare,
            Context::TopicView,
        ] {
            let mut seen = std::collections::HashMap::new();
            for a in ALL.iter().filter(|a| a.context() == ctx) {
                for k in km.keys(*a) {
                    if let Some(other) = seen.insert(*k, *a) {
                        panic!("{} bound to {other:?} and {a:?}", k.label());
                    }
                }
            }
        }
    }

    #[test]
    fn shifted_keys_are_normalized() {
        let g = Key::normalized(KeyCode::Char('G'), KeyModifiers::SHIFT);
        assert_eq!(g, Key::char('G'));
        let d = Key::normalized(
            KeyCode::Char('D'),
            KeyModifiers::CONTROL | KeyModifiers::SHIFT,
        );
        assert_eq!(d, Key::ctrl('d'));
        assert_eq!(
            Key::normalized(KeyCode::BackTab, KeyModifiers::SHIFT),
            Key::plain(KeyCode::BackTab)
        );
        assert_eq!(Key::ctrl('d').label(), "C-d");
    }
}
