//! The one table of actions. Each action's row says, in one place, where it
//! works (its [`Context`]), what `?` help says it does, its default keys,
//! and where the hint bar shows it (a [`Bar`], a rank there, a word). The
//! [`Action`] enum, [`ALL`], the keymap's defaults, help and every hint bar
//! are generated from it, so an action cannot exist without a row and help
//! cannot disagree with the bindings. The serde names of [`Action`] are the
//! words of the config file's `[keys]` table.

use super::keymap::{Key, KeyCode};
use serde::{Deserialize, Serialize};
use std::collections::HashMap;
use std::sync::OnceLock;

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
    /// A one-line text box (`/`, a filter, a picker): every key that is no
    /// action of its own is typed.
    TextBox,
    /// The compare view.
    Compare,
    /// The topic view.
    TopicView,
    /// The targets-against-outcomes view.
    Targets,
}

impl Context {
    /// Every context, in the order help lists them.
    pub const HELP_ORDER: [Context; 11] = [
        Context::Global,
        Context::Pane,
        Context::List,
        Context::Outline,
        Context::Bookmarks,
        Context::Figures,
        Context::TextBox,
        Context::Reader,
        Context::Compare,
        Context::TopicView,
        Context::Targets,
    ];

    pub fn title(self) -> &'static str {
        match self {
            Context::Global => "Everywhere",
            Context::Pane => "In the focused pane or popup",
            Context::List => "Report list",
            Context::Outline => "Outline",
            Context::Reader => "Reader",
            Context::Bookmarks => "Bookmarks",
            Context::Figures => "Figures (f)",
            Context::TextBox => "In a text box (/, a filter, a picker)",
            Context::Compare => "Compare view",
            Context::TopicView => "Topic view",
            Context::Targets => "Targets view (o)",
        }
    }

    /// The contexts a key is looked up in, most specific first: a text box
    /// has only its own keys (the rest are typed).
    pub fn lookup_order(self) -> &'static [Context] {
        match self {
            Context::Global => &[Context::Global],
            Context::Pane => &[Context::Pane, Context::Global],
            Context::List => &[Context::List, Context::Pane, Context::Global],
            Context::Outline => &[Context::Outline, Context::Pane, Context::Global],
            Context::Reader => &[Context::Reader, Context::Pane, Context::Global],
            Context::Bookmarks => &[Context::Bookmarks, Context::Pane, Context::Global],
            Context::Figures => &[Context::Figures, Context::Pane, Context::Global],
            Context::TextBox => &[Context::TextBox],
            Context::Compare => &[Context::Compare, Context::Pane, Context::Global],
            Context::TopicView => &[Context::TopicView, Context::Pane, Context::Global],
            Context::Targets => &[Context::Targets, Context::Pane, Context::Global],
        }
    }
}

/// A hint bar: the keys that work in one place, most useful first (the bar
/// shows what fits).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Bar {
    List,
    Outline,
    Reader,
    Bookmarks,
    /// The footnote popup.
    Notes,
    /// The help popup.
    Help,
    /// The figures table.
    Figures,
    /// The figures table while a filter is typed.
    FigureFilter,
    /// The cross-report chart of one indicator.
    Chart,
    /// A `/` box.
    SearchBox,
    /// The search results view.
    Results,
    Compare,
    TopicView,
    /// Targets against outcomes.
    Targets,
}

impl Bar {
    pub const ALL: [Bar; 14] = [
        Bar::List,
        Bar::Outline,
        Bar::Reader,
        Bar::Bookmarks,
        Bar::Notes,
        Bar::Help,
        Bar::Figures,
        Bar::FigureFilter,
        Bar::Chart,
        Bar::SearchBox,
        Bar::Results,
        Bar::Compare,
        Bar::TopicView,
        Bar::Targets,
    ];

    /// Where the keys of the bar are looked up.
    pub fn context(self) -> Context {
        match self {
            Bar::List => Context::List,
            Bar::Outline => Context::Outline,
            Bar::Reader => Context::Reader,
            Bar::Bookmarks => Context::Bookmarks,
            Bar::Notes | Bar::Help | Bar::Results => Context::Pane,
            Bar::Figures | Bar::Chart => Context::Figures,
            Bar::FigureFilter | Bar::SearchBox => Context::TextBox,
            Bar::Compare => Context::Compare,
            Bar::TopicView => Context::TopicView,
            Bar::Targets => Context::Targets,
        }
    }
}

/// One row of the table.
#[derive(Debug)]
pub struct ActionSpec {
    pub action: Action,
    pub context: Context,
    /// What help says the action does.
    pub description: &'static str,
    /// The built-in bindings.
    pub keys: &'static [Key],
    /// The bars that show the action: which, the place there (0 first),
    /// and the word.
    pub hints: &'static [(Bar, u8, &'static str)],
    /// Shown beside another action's hint, wherever that one is (`j/k`).
    pub hint_with: Option<Action>,
}

const fn ch(c: char) -> Key {
    Key::char(c)
}

const fn ctrl(c: char) -> Key {
    Key::ctrl(c)
}

const fn k(code: KeyCode) -> Key {
    Key::plain(code)
}

use Bar as B;
use KeyCode as K;

/// The table: `Variant in Context, "help text", [keys], hints [(bar,
/// rank, word)], with Leader;` — the rows in the order help lists them.
macro_rules! action_table {
    ($(
        $(#[$meta:meta])*
        $variant:ident in $context:ident, $description:literal, [$($key:expr),* $(,)?]
            $(, hints [$($hint:expr),* $(,)?])?
            $(, with $leader:ident)?
        ;
    )*) => {
        /// Everything a key can ask for.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
        #[serde(rename_all = "snake_case")]
        pub enum Action {
            $($(#[$meta])* $variant,)*
        }

        /// The rows, indexed by `Action as usize`.
        pub const TABLE: &[ActionSpec] = &[
            $(ActionSpec {
                action: Action::$variant,
                context: Context::$context,
                description: $description,
                keys: &[$($key),*],
                hints: &[$($($hint),*)?],
                hint_with: action_table!(@with $($leader)?),
            },)*
        ];

        /// All actions, in the order help lists them.
        pub const ALL: [Action; TABLE.len()] = [$(Action::$variant,)*];
    };
    (@with) => { None };
    (@with $leader:ident) => { Some(Action::$leader) };
}

action_table! {
    Help in Global, "Show or hide this help", [ch('?'), k(K::F(1))],
        hints [(B::List, 3, "help"), (B::Outline, 2, "help"), (B::Reader, 1, "help")];
    Quit in Global, "Quit (closes a popup first)", [ch('q'), ctrl('c')],
        hints [(B::List, 7, "quit"), (B::Outline, 6, "quit"), (B::Reader, 12, "quit")];
    Back in Global, "Close the popup or side panel; quit", [k(K::Esc)],
        hints [
            (B::Bookmarks, 3, "close"), (B::Notes, 2, "close"), (B::Help, 2, "close"),
            (B::Figures, 8, "close"), (B::Chart, 5, "back"), (B::Results, 3, "close"),
            (B::Compare, 5, "close"), (B::TopicView, 3, "close"), (B::Targets, 4, "close"),
        ];
    FocusNext in Global, "Focus the next pane", [k(K::Tab)],
        hints [(B::List, 4, "pane"), (B::Outline, 3, "pane"), (B::Reader, 7, "pane")];
    FocusPrev in Global, "Focus the previous pane", [k(K::BackTab)];
    FocusLeft in Global, "Focus the pane to the left", [ch('h'), k(K::Left)];
    FocusRight in Global, "Focus the pane to the right", [ch('l'), k(K::Right)];
    TogglePanel in Global, "Show or hide the report list and outline", [ch('t')];
    NextSection in Global, "Next section", [ch(']')], hints [(B::Reader, 2, "section")];
    PrevSection in Global, "Previous section (or start of this one)", [ch('[')],
        with NextSection;
    NextTopSection in Global, "Next top-level section", [ch('}')], hints [(B::Reader, 8, "part")];
    PrevTopSection in Global, "Previous top-level section", [ch('{')], with NextTopSection;
    AddBookmark in Global, "Bookmark the position", [ch('b')],
        hints [(B::Reader, 10, "bookmark")];
    ListBookmarks in Global, "List bookmarks", [ch('B')], hints [(B::Reader, 11, "bookmarks")];
    SetMark in Global, "Set a mark: then a letter", [ch('m')];
    JumpToMark in Global, "Jump to a mark: then a letter; again: back", [ch('\'')];
    Down in Pane, "Down one line or item", [ch('j'), k(K::Down)],
        hints [
            (B::List, 0, "move"), (B::Outline, 0, "move"), (B::Reader, 0, "scroll"),
            (B::Bookmarks, 0, "move"), (B::Notes, 0, "move"), (B::Help, 0, "scroll"),
            (B::Figures, 0, "move"), (B::FigureFilter, 2, "move"), (B::Chart, 0, "move"),
            (B::Results, 0, "move"), (B::Compare, 0, "scroll"), (B::TopicView, 0, "move"),
            (B::Targets, 0, "move"),
        ];
    Up in Pane, "Up one line or item", [ch('k'), k(K::Up)], with Down;
    HalfPageDown in Pane, "Down half a page", [ctrl('d')];
    HalfPageUp in Pane, "Up half a page", [ctrl('u')];
    PageDown in Pane, "Down a page", [k(K::PageDown), ch(' '), ctrl('f')],
        hints [(B::Help, 1, "page")];
    PageUp in Pane, "Up a page", [k(K::PageUp), ctrl('b')], with PageDown;
    Top in Pane, "Go to the top", [ch('g'), k(K::Home)];
    Bottom in Pane, "Go to the end", [ch('G'), k(K::End)];
    Open in Pane, "Open: report, section, footnotes on screen, bookmark", [k(K::Enter)],
        hints [
            (B::List, 1, "open"), (B::Outline, 1, "go to"), (B::Reader, 9, "notes"),
            (B::Bookmarks, 1, "go to"), (B::Notes, 1, "go to note"), (B::Figures, 1, "go to"),
            (B::Chart, 1, "go to"), (B::Results, 1, "open"), (B::Compare, 4, "open"),
            (B::TopicView, 1, "open"), (B::Targets, 1, "go to"),
        ];
    CycleSort in List, "Sort by year, place or title", [ch('s')], hints [(B::List, 5, "sort")];
    CycleGroup in List, "Group by province, by year, or not", [ch('v')],
        hints [(B::List, 6, "group")];
    ToggleFold in Outline, "Fold or unfold the section", [ch('o'), ch(' ')],
        hints [(B::Outline, 4, "fold")];
    CollapseAll in Outline, "Fold the whole outline", [ch('-')],
        hints [(B::Outline, 5, "fold all")];
    ExpandAll in Outline, "Unfold the whole outline", [ch('+'), ch('=')], with CollapseAll;
    DeleteBookmark in Bookmarks, "Delete the bookmark", [ch('d'), k(K::Delete)],
        hints [(B::Bookmarks, 2, "delete")];
    Figures in Global, "Table of the report's figures; chart across reports", [ch('f')],
        hints [(B::Reader, 4, "figures")];
    ToggleFigureHighlight in Global, "Highlight figures in the text (off at start)", [ch('F')];
    FigureScope in Figures, "Whole report or the section being read", [ch('c')],
        hints [(B::Figures, 6, "section")];
    FigureSort in Figures, "Sort by the next column (values by unit, then size)", [ch('s')],
        hints [(B::Figures, 3, "sort"), (B::Chart, 2, "value/year")];
    FigureSortReverse in Figures, "Reverse the sort", [ch('r')],
        hints [(B::Figures, 7, "reverse"), (B::Chart, 3, "reverse")];
    FigureFilter in Figures, "Filter by typing (typing Chinese starts it too)", [ch('/')],
        hints [(B::Figures, 2, "filter")];
    FigureAcross in Figures, "Its indicator in every report, as a bar chart", [ch('a')],
        hints [(B::Figures, 4, "across reports")];
    Targets in Figures,
        "Targets against outcomes: every year of the report's place (table), the indicator in every place (chart)",
        [ch('o')],
        hints [(B::Figures, 5, "targets"), (B::Chart, 4, "targets")];
    Search in Global, "Search: filter the report list (in the list) or find in the report",
        [ch('/')],
        hints [(B::List, 2, "filter"), (B::Reader, 3, "find"), (B::Results, 2, "edit query")];
    NextMatch in Global, "Next search match (wraps)", [ch('n')];
    PrevMatch in Global, "Previous search match (wraps)", [ch('N')];
    SearchResults in Global, "Search results: every matching section with a snippet", [ch('R')];
    SearchAccept in TextBox, "Keep the filter or match; take the picked row", [k(K::Enter)],
        hints [(B::SearchBox, 0, "keep"), (B::FigureFilter, 0, "done")];
    SearchCancel in TextBox, "Clear the search or filter and go back", [k(K::Esc), ctrl('c')],
        hints [(B::SearchBox, 1, "clear"), (B::FigureFilter, 1, "clear")];
    SearchAllHits in TextBox, "Show every hit of the query in the results view", [ctrl('r')],
        hints [(B::SearchBox, 2, "all hits")];
    BoxDown in TextBox, "Down the list below (a search: next match)",
        [k(K::Down), ctrl('n')];
    BoxUp in TextBox, "Up the list below (a search: previous match)", [k(K::Up), ctrl('p')];
    BoxPageDown in TextBox, "Down a page of the list below", [k(K::PageDown)];
    BoxPageUp in TextBox, "Up a page of the list below", [k(K::PageUp)];
    CursorLeft in TextBox, "Cursor left", [k(K::Left)];
    CursorRight in TextBox, "Cursor right", [k(K::Right)];
    CursorStart in TextBox, "Cursor to the start", [k(K::Home), ctrl('a')];
    CursorEnd in TextBox, "Cursor to the end", [k(K::End), ctrl('e')];
    DeleteBack in TextBox, "Delete before the cursor", [k(K::Backspace)];
    DeleteForward in TextBox, "Delete at the cursor", [k(K::Delete)];
    DeleteToStart in TextBox, "Delete everything before the cursor", [ctrl('u')];
    DeleteWordBack in TextBox, "Delete the word before the cursor", [ctrl('w')];
    TopicNext in Reader, "Same topic and part, next report in the list", [ch('>')],
        hints [(B::Reader, 5, "same topic")];
    TopicPrev in Reader, "Same topic and part, previous report in the list", [ch('<')],
        with TopicNext;
    Compare in Reader, "Compare with another report's section", [ch('c')],
        hints [(B::Reader, 6, "compare")];
    TopicView in Reader, "Every report's sections on this topic", [ch('T')];
    PlaceTargets in Reader, "Targets against outcomes of this report's place, every year",
        [ch('o')];
    CompareSwitchSide in Compare, "Switch the side that scrolls", [k(K::Tab)],
        hints [(B::Compare, 1, "side")];
    CompareSync in Compare, "Scroll both sides together, or each on its own", [ch('s')],
        hints [(B::Compare, 2, "together")];
    ComparePick in Compare, "Pick the other report's section", [ch('p'), ch('/')],
        hints [(B::Compare, 3, "pick")];
    TopicPick in TopicView, "Pick another topic", [ch('/'), ch('p')],
        hints [(B::TopicView, 2, "topic")];
    TargetsSide in Targets, "Enter goes to the target's sentence, or the outcome's", [k(K::Tab)],
        hints [(B::Targets, 2, "target/outcome")];
    TargetsOther in Targets,
        "The row's indicator in every place, or every indicator of the row's place (Esc: back)",
        [ch('o')],
        hints [(B::Targets, 3, "place/indicator")];
    Suspend in Global, "Suspend to the shell (`fg` resumes)", [ctrl('z')];
    Copy in Global,
        "Copy the sentence, section or figure row with its source (OSC 52 clipboard)",
        [ch('y')], hints [(B::Reader, 13, "copy"), (B::Figures, 9, "copy")];
    Edit in Global, "Edit the report's file in $VISUAL/$EDITOR at this line", [ch('e')];
}

impl Action {
    /// The action's row of the table.
    pub fn spec(self) -> &'static ActionSpec {
        &TABLE[self as usize]
    }

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
        self.spec().context
    }

    /// What help says the action does.
    pub fn description(self) -> &'static str {
        self.spec().description
    }
}

/// One entry of a hint bar: actions shown together (`j/k`) and a word.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Hint {
    pub actions: Vec<Action>,
    pub word: &'static str,
}

/// The hints of a bar, most useful first, from the table.
pub fn hints(bar: Bar) -> &'static [Hint] {
    static BARS: OnceLock<HashMap<Bar, Vec<Hint>>> = OnceLock::new();
    let bars = BARS.get_or_init(|| Bar::ALL.iter().map(|&bar| (bar, hints_of(bar))).collect());
    bars.get(&bar).map(Vec::as_slice).unwrap_or(&[])
}

fn hints_of(bar: Bar) -> Vec<Hint> {
    let mut ranked: Vec<(u8, Hint)> = TABLE
        .iter()
        .flat_map(|spec| {
            spec.hints
                .iter()
                .filter(move |(b, _, _)| *b == bar)
                .map(move |&(_, rank, word)| {
                    let mut actions = vec![spec.action];
                    actions.extend(
                        TABLE
                            .iter()
                            .filter(|s| s.hint_with == Some(spec.action))
                            .map(|s| s.action),
                    );
                    (rank, Hint { actions, word })
                })
        })
        .collect();
    ranked.sort_by_key(|(rank, _)| *rank);
    ranked.into_iter().map(|(_, h)| h).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tui::keymap::{KeyLabel, Keymap};

    #[test]
    fn names_round_trip() {
        for a in ALL {
            assert_eq!(Action::from_name(&a.name()), Some(a), "{a:?}");
        }
        assert_eq!(Action::NextTopSection.name(), "next_top_section");
        assert_eq!(Action::from_name("no_such_action"), None);
    }

    /// Every row can be used and read: a key to press, words for help, a
    /// name for the config file of its own, and a place in help.
    #[test]
    fn every_action_has_keys_words_and_its_own_name() {
        let mut names = std::collections::HashSet::new();
        for (i, spec) in TABLE.iter().enumerate() {
            let a = spec.action;
            assert_eq!(a as usize, i, "{a:?}: `spec` finds rows by position");
            assert!(!spec.keys.is_empty(), "{a:?} has no key");
            assert!(
                !spec.description.trim().is_empty(),
                "{a:?} is not described"
            );
            assert!(names.insert(a.name()), "{} names two actions", a.name());
            assert!(
                Context::HELP_ORDER.contains(&spec.context),
                "help never lists {:?}",
                spec.context
            );
            if let Some(leader) = spec.hint_with {
                assert!(
                    !leader.spec().hints.is_empty(),
                    "{a:?} is hinted with {leader:?}, which no bar shows"
                );
            }
        }
    }

    #[test]
    fn no_key_means_two_things_in_one_context() {
        let km = Keymap::default();
        for ctx in Context::HELP_ORDER {
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

    /// Each bar lists its hints in a definite order: no two leaders share a
    /// place, and the places run 0, 1, 2, … with no gap.
    #[test]
    fn every_bar_has_distinct_places() {
        for bar in Bar::ALL {
            let mut ranks: Vec<u8> = TABLE
                .iter()
                .flat_map(|s| s.hints.iter())
                .filter(|(b, _, _)| *b == bar)
                .map(|&(_, r, _)| r)
                .collect();
            ranks.sort_unstable();
            let expected: Vec<u8> = (0..ranks.len() as u8).collect();
            assert_eq!(ranks, expected, "{bar:?}");
        }
    }

    /// Every hint names keys that do what the hint says where it is shown.
    #[test]
    fn every_hint_is_a_key_of_its_bar() {
        let km = Keymap::default();
        for bar in Bar::ALL {
            assert!(!hints(bar).is_empty(), "{bar:?} is empty");
            for h in hints(bar) {
                for &action in &h.actions {
                    let key = km.keys(action)[0];
                    // The figure filter still shows the pane's j/k (its
                    // arrows do move); every other bar is exact.
                    if bar == Bar::FigureFilter && action.context() == Context::Pane {
                        continue;
                    }
                    assert_eq!(
                        km.lookup(key, bar.context()),
                        Some(action),
                        "{bar:?}: {}",
                        key.label()
                    );
                }
            }
        }
    }

    #[test]
    fn paired_hints_show_both_keys() {
        let reader = hints(Bar::Reader);
        assert_eq!(reader[0].actions, [Action::Down, Action::Up]);
        assert_eq!(reader[0].word, "scroll");
        let sections = reader
            .iter()
            .find(|h| h.word == "section")
            .expect("section");
        assert_eq!(sections.actions, [Action::NextSection, Action::PrevSection]);
    }
}
