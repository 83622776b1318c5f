//! Render snapshots (ratatui's TestBackend, insta) of every pane and
//! overlay at 40, 80 and 120 columns, plus checks of what snapshots of
//! text cannot show: styles, colours, and the edges of popups.

mod tui_support;

use gwr::text::width::display_width;
use gwr::tui::action::Action;
use gwr::tui::app::{App, Msg, Settings};
use gwr::tui::memory::MemoryStore;
use gwr::tui::theme::Theme;
use ratatui::backend::TestBackend;
use ratatui::buffer::Buffer;
use ratatui::style::{Color, Modifier};
use ratatui::Terminal;
use tui_support::*;

fn act(app: &mut App, actions: &[Action]) {
    for &a in actions {
        app.update(Msg::Action(a));
    }
}

fn buffer(app: &mut App, w: u16, h: u16) -> Buffer {
    app.update(Msg::Resize(w, h));
    let mut terminal = Terminal::new(TestBackend::new(w, h)).expect("terminal");
    terminal.draw(|f| gwr::tui::ui::draw(f, app)).expect("draw");
    terminal.backend().buffer().clone()
}

fn city_app(w: u16, h: u16, settings: Settings) -> App {
    let mut a = app_with(corpus(), settings, MemoryStore::default(), w, h);
    open_city(&mut a);
    a
}

fn ascii() -> Settings {
    Settings {
        theme: Theme::default().with_ascii(true),
        ..Settings::default()
    }
}

const SIZES: [(u16, u16); 3] = [(40, 20), (80, 24), (120, 30)];

#[test]
fn main_screen() {
    for (w, h) in SIZES {
        let mut a = city_app(w, h, Settings::default());
        insta::assert_snapshot!(format!("main_{w}"), screen(&mut a, w, h));
    }
}

#[test]
fn reading_inside_a_section() {
    // Two section jumps: into （一） of part one; the outline marks it.
    for (w, h) in SIZES {
        let mut a = city_app(w, h, Settings::default());
        act(&mut a, &[Action::NextSection, Action::NextSection]);
        insta::assert_snapshot!(format!("section_{w}"), screen(&mut a, w, h));
    }
}

#[test]
fn side_panel_on_narrow_terminals() {
    for (w, h) in [(40, 20), (80, 24)] {
        let mut a = city_app(w, h, Settings::default());
        act(&mut a, &[Action::FocusNext]);
        insta::assert_snapshot!(format!("panel_list_{w}"), screen(&mut a, w, h));
        act(&mut a, &[Action::FocusNext]);
        insta::assert_snapshot!(format!("panel_outline_{w}"), screen(&mut a, w, h));
    }
}

#[test]
fn outline_and_list_focused_on_a_wide_terminal() {
    let mut a = city_app(120, 30, Settings::default());
    act(
        &mut a,
        &[Action::FocusLeft, Action::ExpandAll, Action::Down],
    );
    insta::assert_snapshot!("outline_focused_120", screen(&mut a, 120, 30));
    act(&mut a, &[Action::FocusLeft, Action::CycleGroup]);
    insta::assert_snapshot!("list_grouped_120", screen(&mut a, 120, 30));
}

#[test]
fn help_overlay() {
    for (w, h) in SIZES {
        let mut a = city_app(w, h, Settings::default());
        act(&mut a, &[Action::Help]);
        insta::assert_snapshot!(format!("help_{w}"), screen(&mut a, w, h));
    }
}

#[test]
fn bookmarks_overlay() {
    for (w, h) in SIZES {
        let mut a = city_app(w, h, Settings::default());
        act(
            &mut a,
            &[
                Action::NextSection,
                Action::AddBookmark,
                Action::NextTopSection,
                Action::AddBookmark,
                Action::ListBookmarks,
            ],
        );
        insta::assert_snapshot!(format!("bookmarks_{w}"), screen(&mut a, w, h));
    }
}

#[test]
fn notes_overlay() {
    for (w, h) in SIZES {
        let mut a = city_app(w, h, Settings::default());
        act(&mut a, &[Action::NextSection, Action::Open]);
        insta::assert_snapshot!(format!("notes_{w}"), screen(&mut a, w, h));
    }
}

#[test]
fn ascii_borders() {
    for (w, h) in SIZES {
        let mut a = city_app(w, h, ascii());
        act(&mut a, &[Action::NextSection, Action::NextSection]);
        let s = screen(&mut a, w, h);
        assert!(!s.contains(['─', '│', '┌', '┐', '└', '┘', '…']), "{s}");
        insta::assert_snapshot!(format!("ascii_{w}"), s);
        act(&mut a, &[Action::Help]);
        let s = screen(&mut a, w, h);
        assert!(!s.contains(['─', '│', '┌', '┐', '└', '┘', '…']), "{s}");
    }
}

#[test]
fn wide_table_row_wraps_inside_the_pane() {
    for (w, h) in SIZES {
        let mut a = city_app(w, h, Settings::default());
        act(&mut a, &[Action::NextTopSection, Action::NextTopSection]);
        // Part two holds the table row.
        let s = screen(&mut a, w, h);
        assert!(s.contains("指标名称"), "{s}");
        insta::assert_snapshot!(format!("table_{w}"), s);
    }
}

#[test]
fn tiny_terminals_show_something_and_never_panic() {
    for (w, h) in [(10, 5), (20, 6), (1, 1), (0, 0), (3, 2), (100, 3)] {
        let mut a = city_app(w, h, Settings::default());
        let s = screen(&mut a, w, h);
        if (w, h) == (10, 5) {
            insta::assert_snapshot!("tiny_10x5", s.clone());
            // Some report text is visible.
            assert!(
                s.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c)),
                "{s}"
            );
        }
        for overlay in [Action::Help, Action::ListBookmarks] {
            act(&mut a, &[overlay]);
            let _ = screen(&mut a, w, h);
            act(&mut a, &[Action::Back]);
        }
        act(&mut a, &[Action::FocusNext]);
        let _ = screen(&mut a, w, h);
    }
}

/// At 101 columns the reading pane's text starts at an odd column; Latin
/// runs put Chinese at odd columns too. Every row must still fit, and no
/// wide character may be cut by a popup's edge.
#[test]
fn chinese_at_odd_columns_and_popup_edges() {
    let mut a = city_app(101, 30, Settings::default());
    let areas = a.areas();
    assert_eq!(areas.reader_inner.x % 2, 0);
    assert_eq!((areas.reader_inner.x + 1) % 2, 1, "text column is odd");
    act(&mut a, &[Action::NextSection, Action::NextSection]);
    let s = screen(&mut a, 101, 30);
    for row in s.lines() {
        assert_eq!(display_width(row), 102, "{row}");
    }
    insta::assert_snapshot!("odd_101", s);
    act(&mut a, &[Action::AddBookmark, Action::PrevSection]);
    for overlay in [Action::Help, Action::ListBookmarks, Action::Open] {
        act(&mut a, &[overlay]);
        let buf = buffer(&mut a, 101, 30);
        let popup = gwr::tui::ui::overlay_area(buf.area, &a).expect("an overlay is open");
        assert!(popup.x > 0);
        for y in popup.top()..popup.bottom() {
            if popup.x > 0 {
                let left = buf[(popup.x - 1, y)].symbol();
                assert!(
                    display_width(left) <= 1,
                    "wide {left:?} cut at the popup edge"
                );
            }
        }
        insta::assert_snapshot!(format!("odd_101_{overlay:?}"), screen(&mut a, 101, 30));
        act(&mut a, &[Action::Back]);
    }
}

#[test]
fn headings_and_markers_are_styled() {
    let mut a = city_app(120, 30, Settings::default());
    act(&mut a, &[Action::NextSection]);
    let buf = buffer(&mut a, 120, 30);
    let reader_x = a.areas().reader_inner.x as usize;
    // Where `needle` is drawn in the reading pane.
    let find = |needle: &str| -> (u16, u16) {
        let rows = screen_rows(&a, 120, 30);
        for (y, row) in rows.iter().enumerate() {
            for (i, _) in row.match_indices(needle) {
                // Column of the match: display width of what precedes it.
                let x = display_width(&row[..i]);
                if x >= reader_x {
                    return (x as u16, y as u16);
                }
            }
        }
        panic!("{needle} not in the reading pane");
    };
    let (x, y) = find("一、2023年工作回顾");
    let heading = &buf[(x, y)];
    assert!(heading.modifier.contains(Modifier::BOLD));
    assert_eq!(heading.fg, Color::Yellow);
    let (x, y) = find("（一）经济运行稳中向好");
    assert_eq!(buf[(x, y)].fg, Color::Cyan, "depth 2");
    let (x, y) = find("生态环境更加优美");
    assert!(
        buf[(x, y)].modifier.contains(Modifier::BOLD),
        "lead sentence"
    );
    let (x, y) = find("严格落实");
    assert!(
        !buf[(x, y)].modifier.contains(Modifier::BOLD),
        "its body text"
    );
    let (x, y) = find("[1]");
    assert!(buf[(x, y)].modifier.contains(Modifier::UNDERLINED));
    assert_eq!(buf[(x, y)].fg, Color::Magenta);
    let (x, y) = find("过去一年");
    assert!(!buf[(x, y)].modifier.contains(Modifier::BOLD));
}

#[test]
fn no_color_means_no_colours() {
    let settings = Settings {
        theme: Theme::default().without_colors(),
        ..Settings::default()
    };
    let mut a = city_app(120, 30, settings);
    for step in [
        Action::NextSection,
        Action::Help,
        Action::Back,
        Action::ListBookmarks,
    ] {
        act(&mut a, &[step]);
        let buf = buffer(&mut a, 120, 30);
        for cell in buf.content() {
            assert_eq!(cell.fg, Color::Reset);
            assert_eq!(cell.bg, Color::Reset);
        }
    }
    // Headings are still told apart.
    act(&mut a, &[Action::Back]);
    let buf = buffer(&mut a, 120, 30);
    assert!(buf
        .content()
        .iter()
        .any(|c| c.modifier.contains(Modifier::BOLD)));
}

#[test]
fn text_from_files_never_reaches_the_terminal_raw() {
    let hostile = build(
        "evil\u{1b}]0;pwned\u{7}.txt",
        meta(
            "标题\u{1b}[2J清屏",
            "某省",
            None,
            2024,
            gwr::report::Level::Provincial,
        ),
        &[
            "标题\u{1b}[2J清屏",
            "一、正文\u{1b}[31m红色\u{9b}1m\u{7f}",
            "第二段\u{1b}P+q\u{1b}\\结束\t制表",
        ],
        &[head(1, "一、", "正文", 1)],
    );
    let corpus = gwr::corpus::Corpus {
        reports: vec![hostile],
        problems: Vec::new(),
    };
    let mut a = app_with(corpus, Settings::default(), MemoryStore::default(), 120, 30);
    for step in [Action::FocusLeft, Action::FocusLeft, Action::ListBookmarks] {
        act(&mut a, &[step]);
        let buf = buffer(&mut a, 120, 30);
        for cell in buf.content() {
            assert!(
                !cell.symbol().chars().any(char::is_control),
                "control character in {:?}",
                cell.symbol()
            );
        }
    }
}
