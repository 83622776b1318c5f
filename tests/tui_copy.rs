//! `y` and `e` in the headless app: what is copied (with its source) and
//! which file and line the editor is asked for. The terminal side (OSC 52
//! bytes, the editor run) is in `pty_shell.rs`.

mod tui_support;

use gwr::corpus::Corpus;
use gwr::tui::app::{Msg, Pane, Settings};
use gwr::tui::keymap::Key;
use gwr::tui::memory::MemoryStore;
use gwr::tui::StartAt;
use std::path::PathBuf;
use tui_support::*;

/// Line 15 of the city report's file: paragraph 7, `生态环境更加优美。…`.
const ECOLOGY_LINE: u32 = 15;

#[test]
fn y_copies_the_sentence_at_the_line_with_place_year_and_file_line() {
    let mut app = app(120, 40);
    open_city(&mut app);
    app.go_to_line(1, ECOLOGY_LINE);
    app.update(Msg::Key(Key::char('y')));
    assert_eq!(
        app.clipboard.take().as_deref(),
        Some("生态环境更加优美。\n（江城市，2024年，2024_江城市.txt:15）")
    );
    assert!(app.message.as_deref().unwrap_or("").contains("Copied"));
}

#[test]
fn y_in_the_outline_copies_the_whole_section() {
    let mut app = app(120, 40);
    open_city(&mut app);
    app.go_to_line(1, ECOLOGY_LINE);
    app.focus = Pane::Outline;
    // The third section, `生态环境更加优美`, selected in the outline.
    app.outline.selected = 2;
    app.update(Msg::Key(Key::char('y')));
    let text = app.clipboard.take().expect("copied");
    assert!(text.starts_with("生态环境更加优美。严格落实"), "{text}");
    assert!(text.contains("完成8条农村黑臭水体治理任务。\n"), "{text}");
    assert!(!text.contains("乡村振兴"), "only its own section: {text}");
    assert!(
        text.ends_with("（江城市，2024年，2024_江城市.txt:15）"),
        "{text}"
    );
}

#[test]
fn e_asks_for_the_file_at_the_line_and_refuses_a_report_without_one() {
    let mut app = app(120, 40);
    open_city(&mut app);
    app.update(Msg::Key(Key::char('e')));
    assert_eq!(app.edit, None);
    assert!(app.message.as_deref().unwrap_or("").contains("no file"));

    let mut report = city_report();
    report.path = Some(PathBuf::from("/reports/2024_江城市.txt"));
    let corpus = Corpus {
        reports: vec![report],
        problems: Vec::new(),
    };
    let mut app = app_with(corpus, Settings::default(), MemoryStore::default(), 120, 40);
    app.open_report(0);
    app.go_to_line(0, ECOLOGY_LINE);
    app.update(Msg::Key(Key::char('e')));
    assert_eq!(
        app.edit,
        Some(StartAt {
            file: PathBuf::from("/reports/2024_江城市.txt"),
            line: ECOLOGY_LINE,
        })
    );
}
