//! The app driven headless by messages, with its state asserted: opening
//! reports, section jumps, resizing, bookmarks and marks across restarts,
//! the keymap, the mouse, and robustness against any sequence of input.

mod tui_support;

use gwr::tui::action::{hints, Action, Bar, Context, ALL};
use gwr::tui::app::{App, MouseInput, MouseKind, Msg, Pane, Settings};
use gwr::tui::bookmarks::BookmarkList;
use gwr::tui::help;
use gwr::tui::help::Help;
use gwr::tui::keymap::{Key, KeyCode, KeyLabel, Keymap};
use gwr::tui::layer::LayerKind;
use gwr::tui::memory::{report_key, MemoryStore};
use gwr::tui::reader::{self, Anchor};
use proptest::prelude::*;
use tui_support::*;

fn act(app: &mut App, actions: &[Action]) {
    for &a in actions {
        app.update(Msg::Action(a));
    }
}

fn keys(app: &mut App, typed: &str) {
    for c in typed.chars() {
        app.update(Msg::Key(Key::char(c)));
    }
}

fn city_app(w: u16, h: u16) -> App {
    let mut a = app(w, h);
    open_city(&mut a);
    a
}

fn at(paragraph: usize) -> Anchor {
    Anchor {
        paragraph,
        offset: 0,
    }
}

/// The text of the reading pane's top row.
fn top_row(app: &App) -> String {
    let view = reader::frame(app, app.areas().reader_inner);
    let (_, report) = app.current_report().expect("a report is open");
    let row = &view.rows[0];
    match &row.line {
        Some(l) => report.paragraphs[row.paragraph].text[l.range.clone()].to_string(),
        None => String::new(),
    }
}

#[test]
fn loading_opens_the_first_report_of_the_list() {
    let a = app(120, 30);
    assert!(!a.loading);
    let (i, _) = a.current_report().expect("a report is open");
    assert_eq!(Some(i), a.list.selected_report());
    assert_eq!(a.focus, Pane::Reader);
    // Sorted by year, newest first.
    let years: Vec<Option<u16>> = a
        .list
        .rows
        .iter()
        .filter_map(|r| match r {
            gwr::tui::report_list::ListRow::Report(i) => Some(a.report(*i).unwrap().meta.year),
            _ => None,
        })
        .collect();
    assert_eq!(years, [Some(2024), Some(2024), Some(2024), Some(2023)]);
}

#[test]
fn a_report_is_opened_from_the_list() {
    let mut a = app(120, 30);
    act(&mut a, &[Action::FocusLeft, Action::FocusLeft]);
    assert_eq!(a.focus, Pane::List);
    act(&mut a, &[Action::Bottom, Action::Open]);
    let (i, r) = a.current_report().expect("open");
    assert_eq!(r.meta.year, Some(2023));
    assert_eq!(Some(i), a.list.selected_report());
    assert_eq!(a.focus, Pane::Reader);
}

#[test]
fn sorting_and_grouping_keep_the_selection() {
    let mut a = city_app(120, 30);
    act(&mut a, &[Action::FocusLeft, Action::FocusLeft]);
    a.list.select_report(1);
    act(&mut a, &[Action::CycleSort]);
    assert_eq!(a.list.selected_report(), Some(1));
    act(&mut a, &[Action::CycleGroup]);
    assert_eq!(a.list.selected_report(), Some(1));
    let headers = a
        .list
        .rows
        .iter()
        .filter(|r| matches!(r, gwr::tui::report_list::ListRow::Group { .. }))
        .count();
    assert_eq!(headers, 3, "北京市, 江苏省, 浙江省");
    // Moving never lands on a header.
    for _ in 0..10 {
        act(&mut a, &[Action::Down]);
        assert!(a.list.selected_report().is_some());
    }
}

#[test]
fn section_jumps() {
    let mut a = city_app(120, 30);
    assert_eq!(a.reader.anchor, at(0));
    act(&mut a, &[Action::NextSection]);
    assert_eq!(a.reader.anchor, at(4), "一、");
    act(&mut a, &[Action::NextSection]);
    assert_eq!(a.reader.anchor, at(6), "（一）");
    act(&mut a, &[Action::NextSection]);
    assert_eq!(a.reader.anchor, at(7), "lead sentence");
    act(&mut a, &[Action::NextTopSection]);
    assert_eq!(a.reader.anchor, at(10), "二、");
    act(&mut a, &[Action::PrevSection]);
    assert_eq!(a.reader.anchor, at(9), "（二） of part one");
    act(&mut a, &[Action::PrevTopSection]);
    assert_eq!(a.reader.anchor, at(4));
    act(&mut a, &[Action::PrevTopSection]);
    assert_eq!(a.reader.anchor, at(4), "nothing earlier");
    assert!(a.message.is_some());
    // Scrolled into a section, `[` goes to its start.
    act(&mut a, &[Action::NextSection, Action::Down, Action::Down]);
    assert!(a.reader.anchor > at(6));
    act(&mut a, &[Action::PrevSection]);
    assert_eq!(a.reader.anchor, at(6));
    // The outline follows the reading.
    assert_eq!(a.outline.selected, 1);
}

#[test]
fn outline_jumps_and_folds() {
    let mut a = city_app(120, 30);
    act(&mut a, &[Action::FocusLeft]);
    assert_eq!(a.focus, Pane::Outline);
    let report = a.current_report().expect("open").1.clone();
    // Lead sentences (depth 3) start folded away.
    assert!(!a.outline.visible(&report).contains(&2));
    act(&mut a, &[Action::Down]);
    assert_eq!(a.outline.selected, 1);
    act(&mut a, &[Action::ToggleFold, Action::Down]);
    assert_eq!(a.outline.selected, 2, "unfolded: the lead sentence");
    act(&mut a, &[Action::Open]);
    assert_eq!(a.reader.anchor, at(7));
    assert_eq!(a.focus, Pane::Reader);
    act(&mut a, &[Action::FocusLeft, Action::CollapseAll]);
    assert_eq!(a.outline.visible(&report), [0, 5, 8]);
    assert_eq!(
        a.outline.selected, 0,
        "selection moved to the visible parent"
    );
    act(&mut a, &[Action::ExpandAll]);
    assert_eq!(a.outline.visible(&report).len(), report.sections.len());
}

#[test]
fn scrolling_stops_at_the_ends() {
    let mut a = city_app(120, 30);
    act(&mut a, &[Action::Up, Action::PageUp]);
    assert_eq!(a.reader.anchor, at(0));
    act(&mut a, &[Action::Bottom]);
    let bottom = a.reader.anchor;
    act(
        &mut a,
        &[Action::Down, Action::PageDown, Action::HalfPageDown],
    );
    assert_eq!(
        a.reader.anchor, bottom,
        "no scrolling past a full last page"
    );
    let view = reader::frame(&a, a.areas().reader_inner);
    assert_eq!(view.percent, Some(100));
    assert_eq!(view.rows.len(), a.areas().reader_inner.height as usize);
    act(&mut a, &[Action::Top]);
    assert_eq!(a.reader.anchor, at(0));
    act(&mut a, &[Action::HalfPageDown]);
    let half = a.reader.anchor;
    act(&mut a, &[Action::HalfPageUp]);
    assert_eq!(a.reader.anchor, at(0));
    assert!(half > at(0));
}

#[test]
fn resizing_keeps_the_sentence_at_the_top() {
    let mut a = city_app(120, 30);
    act(
        &mut a,
        &[
            Action::NextSection,
            Action::Down,
            Action::Down,
            Action::Down,
        ],
    );
    let anchor = a.reader.anchor;
    let before = top_row(&a);
    assert!(
        anchor.offset > 0,
        "the top is inside a paragraph: {anchor:?}"
    );
    for (w, h) in [(50, 30), (200, 60), (40, 12), (10, 5), (133, 41)] {
        a.update(Msg::Resize(w, h));
        assert_eq!(a.reader.anchor, anchor, "a resize does not move the anchor");
        let view = reader::frame(&a, a.areas().reader_inner);
        let row = &view.rows[0];
        assert_eq!(row.paragraph, anchor.paragraph);
        let line = row.line.as_ref().expect("a text row");
        assert!(
            line.range.start <= anchor.offset && anchor.offset < line.range.end,
            "at {w}x{h} the top row {:?} holds the anchor {}",
            line.range,
            anchor.offset
        );
    }
    a.update(Msg::Resize(120, 30));
    assert_eq!(top_row(&a), before);
}

#[test]
fn positions_are_independent_of_width() {
    let mut a = city_app(80, 24);
    act(
        &mut a,
        &[Action::NextSection, Action::NextSection, Action::Down],
    );
    let (_, report) = a.current_report().expect("open");
    let pos = a.reader.index.position(report, a.reader.anchor);
    assert_eq!(pos.section, Some(1), "inside （一）");
    assert!(pos.offset > 0);
    assert_eq!(
        a.reader.index.anchor_of_position(report, pos),
        a.reader.anchor
    );
}

#[test]
fn every_row_survives_the_round_trip_through_a_position() {
    let mut a = city_app(60, 20);
    let (idx, report) = a
        .current_report()
        .map(|(i, r)| (i, r.clone()))
        .expect("open");
    for width in [20usize, 37, 58] {
        let cache = &mut a.reader.cache;
        let mut source = |p: usize| cache.lines(idx, &report, width, p);
        let mut doc = reader::Doc::new(&report, &mut source);
        let mut row = doc.first_row();
        let last = doc.last_row();
        loop {
            let anchor = doc.anchor_of(row);
            let pos = a.reader.index.position(&report, anchor);
            let back = a.reader.index.anchor_of_position(&report, pos);
            assert_eq!(back, anchor, "width {width}, row {row:?}");
            assert_eq!(doc.row_of(back), row);
            if row == last {
                break;
            }
            row = doc.forward(row, 1);
        }
    }
}

#[test]
fn the_last_report_is_shown_before_the_corpus_has_loaded() {
    let store = MemoryStore::default();
    let mut first = app_with(corpus(), Settings::default(), store.clone(), 120, 30);
    open_city(&mut first);
    act(&mut first, &[Action::NextSection, Action::Quit]);

    let mut a = App::new(Settings::default(), Box::new(store.clone()));
    a.update(Msg::Resize(120, 30));
    // Not the report read last time: ignored.
    a.update(Msg::FirstReport(Box::new(province_report(2023, "浙江省"))));
    assert!(a.current_report().is_none());
    a.update(Msg::FirstReport(Box::new(city_report())));
    assert!(a.loading);
    assert_eq!(
        a.current_report().map(|(_, r)| r.file.as_str()),
        Some("2024_江城市.txt")
    );
    assert_eq!(a.reader.anchor, at(4), "at its remembered position");
    act(&mut a, &[Action::Down, Action::Down]);
    let reading_at = a.reader.anchor;
    a.update(Msg::Loaded(Box::new(corpus().into())));
    assert!(!a.loading);
    assert_eq!(a.report_count(), 4);
    assert_eq!(
        a.current_report().map(|(i, _)| i),
        Some(1),
        "the same report, now from the corpus"
    );
    assert_eq!(a.reader.anchor, reading_at, "where the reader had got to");
    assert_eq!(a.list.selected_report(), Some(1));
}

#[test]
fn with_nothing_read_before_the_first_parsed_report_is_shown_while_the_rest_loads() {
    let mut a = App::new(Settings::default(), Box::new(MemoryStore::default()));
    a.update(Msg::Resize(120, 30));
    a.update(Msg::FirstReport(Box::new(province_report(2023, "浙江省"))));
    assert!(a.loading);
    let shown = a.current_report().map(|(_, r)| r.file.clone());
    assert!(
        shown.is_some(),
        "a report is on screen before the corpus loaded"
    );
    // A second early report does not replace it.
    a.update(Msg::FirstReport(Box::new(city_report())));
    assert_eq!(a.current_report().map(|(_, r)| r.file.clone()), shown);
    a.update(Msg::Loaded(Box::new(corpus().into())));
    assert!(!a.loading);
    assert_eq!(a.report_count(), 4);
    assert_eq!(
        a.current_report().map(|(_, r)| r.file.clone()),
        shown,
        "the same report stays open once the corpus is in"
    );
}

#[test]
fn reading_state_survives_a_restart() {
    let store = MemoryStore::default();
    let mut a = app_with(corpus(), Settings::default(), store.clone(), 120, 30);
    open_city(&mut a);
    act(
        &mut a,
        &[
            Action::NextSection,
            Action::NextSection,
            Action::AddBookmark,
        ],
    );
    act(&mut a, &[Action::NextTopSection, Action::Down]);
    let left_at = a.reader.anchor;
    keys(&mut a, "ma");
    act(&mut a, &[Action::Top, Action::Quit]);
    assert!(a.quit);

    let mut b = app_with(corpus(), Settings::default(), store.clone(), 100, 40);
    let (_, r) = b.current_report().expect("the last report is reopened");
    assert_eq!(r.file, "2024_江城市.txt");
    assert_eq!(b.reader.anchor, at(0), "it was left at the top");
    assert_eq!(b.state.bookmarks.len(), 1);
    act(&mut b, &[Action::ListBookmarks, Action::Open]);
    assert_eq!(b.view(), None);
    assert_eq!(b.reader.anchor, at(6), "the bookmark at （一）");
    keys(&mut b, "'a");
    assert_eq!(b.reader.anchor, left_at, "mark a");
    keys(&mut b, "''");
    assert_eq!(b.reader.anchor, at(6), "'' jumps back");

    // Positions are per report.
    act(
        &mut b,
        &[
            Action::FocusLeft,
            Action::FocusLeft,
            Action::Top,
            Action::Open,
        ],
    );
    act(&mut b, &[Action::NextTopSection]);
    let other = b.current_report().expect("open").0;
    assert_ne!(other, 1);
    act(&mut b, &[Action::Quit]);
    let c = app_with(corpus(), Settings::default(), store, 100, 40);
    assert_eq!(c.current_report().map(|(i, _)| i), Some(other));
    assert_eq!(c.reader.anchor, at(1));
    let city_key = report_key(&c.report(1).unwrap());
    assert!(c.state.positions.contains_key(&city_key));
}

/// The real state file: what one run saves, the next finds, in a
/// temporary state directory.
#[test]
fn bookmarks_and_positions_persist_in_a_state_dir() {
    use gwr::store::{self, Environment};
    use gwr::tui::memory::FileStore;
    let dir = tempfile::tempdir().expect("temp dir");
    let env = Environment::rooted_at(dir.path());
    let open = || {
        let start = store::open(&env);
        let messages = start.messages.iter().map(ToString::to_string).collect();
        let fs = FileStore::new(start.state, start.state_file, messages);
        app_with_store(corpus(), Settings::default(), Box::new(fs), 120, 30)
    };

    let mut a = open();
    assert_eq!(a.message, None, "a fresh state dir is no problem");
    open_city(&mut a);
    act(
        &mut a,
        &[
            Action::NextSection,
            Action::AddBookmark,
            Action::NextTopSection,
        ],
    );
    keys(&mut a, "mz");
    act(&mut a, &[Action::Down, Action::Down]);
    let left_at = a.reader.anchor;
    act(&mut a, &[Action::Quit]);
    let saved = std::fs::read_to_string(dir.path().join("state").join("state.json"))
        .expect("state.json written");
    assert!(saved.contains("一、2023年工作回顾"), "{saved}");

    let mut b = open();
    assert_eq!(b.current_report().map(|(i, _)| i), Some(1), "last report");
    assert_eq!(b.reader.anchor, left_at, "position in it");
    assert_eq!(b.state.bookmarks.len(), 1);
    act(&mut b, &[Action::ListBookmarks, Action::Open]);
    assert_eq!(b.reader.anchor, at(4));
    keys(&mut b, "'z");
    assert_eq!(b.reader.anchor, at(10), "mark z");
    // Deleting persists too.
    act(
        &mut b,
        &[
            Action::ListBookmarks,
            Action::DeleteBookmark,
            Action::Back,
            Action::Quit,
        ],
    );
    let c = open();
    assert!(c.state.bookmarks.is_empty());
}

#[test]
fn a_damaged_state_file_is_set_aside_with_a_message() {
    use gwr::store::{self, Environment};
    use gwr::tui::memory::FileStore;
    let dir = tempfile::tempdir().expect("temp dir");
    let state_dir = dir.path().join("state");
    std::fs::create_dir_all(&state_dir).expect("mkdir");
    std::fs::write(state_dir.join("state.json"), b"{ not json \x1b[31m").expect("write");
    let start = store::open(&Environment::rooted_at(dir.path()));
    let messages = start.messages.iter().map(ToString::to_string).collect();
    let fs = FileStore::new(start.state, start.state_file, messages);
    let a = app_with_store(corpus(), Settings::default(), Box::new(fs), 120, 30);
    assert!(a.message.is_some(), "the user is told");
    assert!(a.current_report().is_some(), "and reads on");
    let aside = std::fs::read_dir(&state_dir)
        .expect("list")
        .filter_map(|e| e.ok())
        .any(|e| e.file_name().to_string_lossy().contains("corrupt"));
    assert!(aside, "the damaged file is kept");
}

#[test]
fn bookmarks_are_deleted_from_the_overlay() {
    let mut a = city_app(120, 30);
    act(
        &mut a,
        &[
            Action::NextSection,
            Action::AddBookmark,
            Action::AddBookmark,
        ],
    );
    assert_eq!(
        a.state.bookmarks.len(),
        1,
        "the same place twice is one bookmark"
    );
    act(
        &mut a,
        &[
            Action::NextSection,
            Action::AddBookmark,
            Action::ListBookmarks,
        ],
    );
    assert_eq!(a.context(), Context::Bookmarks);
    act(&mut a, &[Action::Down, Action::DeleteBookmark]);
    assert_eq!(a.state.bookmarks.len(), 1);
    assert_eq!(a.state.bookmarks[0].label, "一、2023年工作回顾");
    assert_eq!(a.view(), Some(LayerKind::Bookmarks));
    assert_eq!(
        a.layer::<BookmarkList>(),
        Some(&BookmarkList { selected: 0 })
    );
}

#[test]
fn footnotes_open_and_lead_to_the_note() {
    let mut a = city_app(120, 30);
    act(&mut a, &[Action::NextSection]);
    assert_eq!(a.markers_on_screen(), [0]);
    act(&mut a, &[Action::Open]);
    assert_eq!(a.view(), Some(LayerKind::Notes));
    act(&mut a, &[Action::Open]);
    assert_eq!(a.view(), None);
    assert_eq!(a.reader.anchor.paragraph, 16, "the note paragraph");
    // Nothing on screen: a message, no popup.
    act(
        &mut a,
        &[Action::Top, Action::NextTopSection, Action::NextTopSection],
    );
    a.update(Msg::Resize(120, 8));
    act(&mut a, &[Action::NextSection]);
    if a.markers_on_screen().is_empty() {
        act(&mut a, &[Action::Open]);
        assert_eq!(a.view(), None);
        assert!(a.message.is_some());
    }
}

#[test]
fn narrow_terminals_show_list_and_outline_as_a_side_panel() {
    let mut a = city_app(80, 24);
    assert!(a.areas().narrow);
    assert_eq!(a.areas().list, None);
    act(&mut a, &[Action::FocusNext]);
    assert_eq!(a.focus, Pane::List);
    let areas = a.areas();
    assert!(areas.list.is_some() && areas.outline.is_some());
    act(&mut a, &[Action::Back]);
    assert_eq!(a.focus, Pane::Reader);
    assert!(!a.quit, "Esc closes the panel before it quits");
    act(&mut a, &[Action::TogglePanel]);
    assert_eq!(a.focus, Pane::Outline);
    act(&mut a, &[Action::TogglePanel]);
    assert_eq!(a.focus, Pane::Reader);

    // Wide: the panel can be hidden for a wider reading pane.
    let mut w = city_app(120, 30);
    let before = w.areas().reader.width;
    act(&mut w, &[Action::TogglePanel]);
    assert!(w.areas().reader.width > before);
    assert_eq!(w.areas().list, None);
    act(&mut w, &[Action::FocusLeft]);
    assert!(w.areas().list.is_some(), "focusing a pane shows it again");
}

#[test]
fn keys_reach_the_layer_on_top() {
    let mut a = city_app(120, 30);
    keys(&mut a, "j");
    assert!(a.reader.anchor > at(0));
    keys(&mut a, "?");
    assert_eq!(a.view(), Some(LayerKind::Help));
    keys(&mut a, "j");
    assert_eq!(a.view(), Some(LayerKind::Help));
    assert_eq!(a.layer::<Help>(), Some(&Help { scroll: 1 }));
    keys(&mut a, "q");
    assert_eq!(a.view(), None, "q closes the popup");
    assert!(!a.quit);
    a.update(Msg::Key(Key::plain(KeyCode::Tab)));
    assert_eq!(a.focus, Pane::List);
    a.update(Msg::Key(Key::plain(KeyCode::Tab)));
    assert_eq!(a.focus, Pane::Outline);
    let before = a.outline.collapsed.clone();
    keys(&mut a, "j ");
    assert_ne!(a.outline.collapsed, before, "Space folds in the outline");
    let shift_tab = crossterm::event::KeyEvent::new(
        crossterm::event::KeyCode::BackTab,
        crossterm::event::KeyModifiers::SHIFT,
    );
    a.update(Msg::Key(
        gwr::tui::keymap::key_of(shift_tab).expect("a key"),
    ));
    assert_eq!(a.focus, Pane::List);
    keys(&mut a, "q");
    assert!(a.quit);
}

#[test]
fn help_and_hints_are_the_keymap() {
    let mut km = Keymap::default();
    km.bind(Action::Down, vec![Key::char('n')]);
    let settings = Settings {
        keymap: km.clone(),
        ..Settings::default()
    };
    let mut a = app_with(corpus(), settings, MemoryStore::default(), 120, 30);
    open_city(&mut a);
    let text: Vec<String> = help::lines(&km)
        .into_iter()
        .map(|l| format!("{l:?}"))
        .collect();
    for action in ALL {
        let label = km.label(action);
        assert!(
            text.iter()
                .any(|l| l.contains(&format!("\"{label}\"")) && l.contains(action.description())),
            "help lacks {action:?} ({label})"
        );
    }
    // Every hint names keys that do what the hint says in that context.
    let tables = [
        (Context::List, hints(Bar::List)),
        (Context::Outline, hints(Bar::Outline)),
        (Context::Reader, hints(Bar::Reader)),
        (Context::Bookmarks, hints(Bar::Bookmarks)),
        (Context::Pane, hints(Bar::Help)),
        (Context::Pane, hints(Bar::Notes)),
    ];
    for (ctx, table) in tables {
        for h in table {
            for &action in &h.actions {
                let key = km.keys(action)[0];
                assert_eq!(
                    km.lookup(key, ctx),
                    Some(action),
                    "{ctx:?}: {}",
                    key.label()
                );
            }
        }
    }
    keys(&mut a, "j");
    assert_eq!(a.reader.anchor, at(0), "j was rebound");
    keys(&mut a, "n");
    assert!(a.reader.anchor > at(0));
}

#[test]
fn mouse_is_opt_in() {
    let click = |column, row| {
        Msg::Mouse(MouseInput {
            kind: MouseKind::Click,
            column,
            row,
        })
    };
    let wheel = |column, row| {
        Msg::Mouse(MouseInput {
            kind: MouseKind::ScrollDown,
            column,
            row,
        })
    };
    let mut off = city_app(120, 30);
    off.update(wheel(80, 10));
    assert_eq!(off.reader.anchor, at(0));

    let settings = Settings {
        mouse: true,
        ..Settings::default()
    };
    let mut a = app_with(corpus(), settings, MemoryStore::default(), 120, 30);
    open_city(&mut a);
    a.update(wheel(80, 10));
    assert!(
        a.reader.anchor > at(0),
        "the wheel scrolls the pane under it"
    );
    assert_eq!(a.focus, Pane::Reader);
    // Wheel over the outline moves its selection three rows, as the user
    // sees it (the underlined row of an unfocused pane); focus stays, and
    // the section being read does not pull the selection back.
    a.update(Msg::Action(Action::NextSection));
    let outline = a.areas().outline.expect("wide layout");
    let report = a.current_report().expect("open").1.clone();
    let visible = a.outline.visible(&report);
    let before = a.outline.selected_row(&report);
    assert_eq!(
        selected_outline_row(&a, outline),
        outline_label(&report, visible[before])
    );
    a.update(wheel(outline.x + 2, outline.y + 2));
    assert_eq!(a.focus, Pane::Reader);
    let expected = visible[(before + 3).min(visible.len() - 1)];
    assert_ne!(expected, visible[before], "the outline has rows to move to");
    assert_eq!(a.outline.selected, expected);
    a.update(Msg::Tick);
    assert_eq!(a.outline.selected, expected, "still there after an update");
    assert_eq!(
        selected_outline_row(&a, outline),
        outline_label(&report, expected)
    );
    a.update(Msg::Action(Action::Top));
    // A click on the list focuses it and selects the row; a second opens.
    let list = a.areas().list.expect("wide layout");
    a.update(click(list.x + 3, list.y + 4));
    assert_eq!(a.focus, Pane::List);
    let chosen = a.list.selected_report().expect("a report row");
    a.update(click(list.x + 3, list.y + 4));
    assert_eq!(a.current_report().map(|(i, _)| i), Some(chosen));
    // A click on a footnote marker opens the note.
    open_city(&mut a);
    a.update(Msg::Action(Action::NextSection));
    let rows = screen_rows(&a, 120, 30);
    let (y, row) = rows
        .iter()
        .enumerate()
        .find(|(_, r)| r.contains("[1]"))
        .expect("marker on screen");
    let x = gwr::text::width::display_width(&row[..row.find("[1]").expect("found")]);
    a.update(click(x as u16 + 1, y as u16));
    assert_eq!(a.view(), Some(LayerKind::Notes));
}

/// How the outline lists section `s`.
fn outline_label(report: &gwr::report::Report, s: usize) -> String {
    let sec = &report.sections[s];
    format!("{}{}", sec.label, sec.title)
}

/// The outline row drawn as selected (underlined: the pane has no focus),
/// without its gutter, indent and fold mark.
fn selected_outline_row(app: &App, outline: ratatui::layout::Rect) -> String {
    let (w, h) = app.size;
    let mut terminal =
        ratatui::Terminal::new(ratatui::backend::TestBackend::new(w, h)).expect("terminal");
    terminal.draw(|f| gwr::tui::ui::draw(f, app)).expect("draw");
    let buf = terminal.backend().buffer().clone();
    let underlined = ratatui::style::Modifier::UNDERLINED;
    let inside = ratatui::layout::Rect {
        x: outline.x + 1,
        y: outline.y + 1,
        width: outline.width - 2,
        height: outline.height - 2,
    };
    let selected: Vec<String> = rows_of(&buf, inside)
        .into_iter()
        .zip(inside.top()..)
        .filter(|&(_, y)| buf[(inside.x, y)].modifier.contains(underlined))
        .map(|(row, _)| {
            row.trim_start_matches(['>', ' ', '+', '-'])
                .trim_end()
                .to_string()
        })
        .collect();
    assert_eq!(selected.len(), 1, "one selected row: {selected:?}");
    selected[0].clone()
}

#[test]
fn the_builtin_corpus_reads_everywhere() {
    let corpus = gwr::corpus::load_builtin();
    assert!(corpus.reports.len() >= 36);
    let mut a = app_with(corpus, Settings::default(), MemoryStore::default(), 200, 60);
    for i in 0..a.report_count() {
        a.open_report(i);
        for (w, h) in [(200, 60), (80, 24), (10, 5)] {
            a.update(Msg::Resize(w, h));
            act(
                &mut a,
                &[
                    Action::Bottom,
                    Action::PageUp,
                    Action::NextSection,
                    Action::NextTopSection,
                ],
            );
            let _ = render(&a, w, h);
        }
        let (_, r) = a.current_report().expect("open");
        let total = a.reader.index.total_chars();
        assert_eq!(
            total,
            r.paragraphs
                .iter()
                .map(|p| p.text.chars().count())
                .sum::<usize>()
                + r.paragraphs.len().saturating_sub(1)
        );
    }
}

fn any_msg() -> impl Strategy<Value = Msg> {
    prop_oneof![
        8 => prop::sample::select(ALL.to_vec()).prop_map(Msg::Action),
        2 => (0u16..160, 0u16..60).prop_map(|(w, h)| Msg::Resize(w, h)),
        2 => any::<char>().prop_map(|c| Msg::Key(Key::char(c))),
        1 => (0u16..170, 0u16..70, 0u8..3).prop_map(|(column, row, k)| Msg::Mouse(MouseInput {
            kind: [MouseKind::Click, MouseKind::ScrollUp, MouseKind::ScrollDown][k as usize],
            column,
            row,
        })),
    ]
}

/// Reports that stress the reader: no sections, one paragraph, a giant
/// unbroken line, text full of control characters.
fn odd_corpus() -> gwr::corpus::Corpus {
    let giant: &'static str = Box::leak("数据ABC123，".repeat(1000).into_boxed_str());
    let mut c = corpus();
    c.reports.push(build(
        "flat.txt",
        gwr::report::Metadata::default(),
        &["只有一段，没有任何标题。"],
        &[],
    ));
    c.reports.push(build(
        "giant.txt",
        gwr::report::Metadata::default(),
        &["一、巨大", giant, "\u{1b}[2J\u{7}\t\u{85}控制字符"],
        &[head(0, "一、", "巨大", 1)],
    ));
    c
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    #[test]
    fn no_input_sequence_panics(msgs in prop::collection::vec(any_msg(), 1..60), report in 0usize..6) {
        let settings = Settings { mouse: true, ..Settings::default() };
        let mut a = app_with(odd_corpus(), settings, MemoryStore::default(), 100, 30);
        a.open_report(report);
        for m in msgs {
            a.update(m);
            let (w, h) = a.size;
            let _ = render(&a, w.min(200), h.min(80));
            // The anchor always points into the open report.
            if let Some((_, r)) = a.current_report() {
                prop_assert!(a.reader.anchor.paragraph < r.paragraphs.len().max(1));
                let text = &r.paragraphs[a.reader.anchor.paragraph].text;
                prop_assert!(a.reader.anchor.offset > text.len() || text.is_char_boundary(a.reader.anchor.offset));
            }
            if a.quit {
                break;
            }
        }
    }
}

#[test]
fn reveal_shows_the_sentence_with_context_and_marks_it() {
    let mut a = city_app(100, 30);
    let (i, report) = a.current_report().expect("open");
    // The second sentence of the last paragraph that has two: far from
    // the top.
    let (p, at) = report
        .paragraphs
        .iter()
        .enumerate()
        .rev()
        .find_map(|(p, para)| {
            let first_end = para.text.find('。')? + '。'.len_utf8();
            (first_end < para.text.len()).then_some((p, first_end))
        })
        .expect("a paragraph of two sentences");
    let second = report.paragraphs[p].text[at..]
        .split_inclusive('。')
        .next()
        .unwrap()
        .to_string();
    let needle = second.chars().nth(1).unwrap().len_utf8();
    a.reveal(i, p, at + needle..at + needle);
    let view = reader::frame(&a, a.areas().reader_inner);
    let row = view
        .rows
        .iter()
        .position(|r| r.paragraph == p && r.line.as_ref().is_some_and(|l| l.range.contains(&at)))
        .expect("the figure is on screen");
    // Context above it, unless the paragraph is at the very top of the text.
    assert!(row >= 1 || p == 0, "row {row}");
    let target = a.reader.marks.layer(gwr::tui::marks::MarkLayer::Target);
    assert_eq!(target.len(), 1);
    let text = &a.current_report().unwrap().1.paragraphs[p].text;
    assert_eq!(&text[target[0].range.clone()], second);
    // `''` goes back to where the reader was.
    keys(&mut a, "''");
    assert_eq!(a.reader.anchor, at_top());
}

fn at_top() -> Anchor {
    Anchor::default()
}
