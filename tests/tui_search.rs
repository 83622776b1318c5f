//! Search in the reader, driven headless: the `/` filter of the report
//! list (with the index and with the text scan that stands in until it is
//! ready), find in the report with `n`/`N`, the results view, and render
//! snapshots of all three with the cursor in the box.

mod tui_support;

use gwr::corpus::Corpus;
use gwr::report::Report;
use gwr::search::passage;
use gwr::search::UpdateStats;
use gwr::topics::TopicSource;
use gwr::tui::action::Action;
use gwr::tui::app::{App, Msg, Pane};
use gwr::tui::keymap::Key;
use gwr::tui::keymap::KeyCode;
use gwr::tui::layer::LayerKind;
use gwr::tui::marks::{MarkKind, MarkLayer};
use gwr::tui::report_list::ListRow;
use gwr::tui::search::Results;
use gwr::tui::search::{Engine, SearchBox, SearchMsg};
use ratatui::backend::TestBackend;
use ratatui::layout::Position;
use ratatui::style::Modifier;
use ratatui::Terminal;
use tui_support::*;

/// The test corpus plus reports from the built-in corpus, so queries have
/// something to tell apart.
fn reports() -> Vec<Report> {
    let mut out = corpus().reports;
    let builtin = gwr::corpus::load_builtin();
    out.extend(builtin.reports.into_iter().take(12));
    out
}

fn loaded(w: u16, h: u16) -> App {
    let mut app = app_with(
        Corpus {
            reports: reports(),
            problems: Vec::new(),
        },
        Default::default(),
        Default::default(),
        w,
        h,
    );
    app.update(Msg::Resize(w, h));
    app
}

/// Every report of the app, parsed (the app itself holds them only
/// through its catalogue).
fn all_reports(app: &App) -> Vec<gwr::report::Report> {
    (0..app.report_count())
        .map(|i| (*app.report(i).expect("report")).clone())
        .collect()
}

fn with_index(w: u16, h: u16) -> App {
    let mut app = loaded(w, h);
    let idx =
        gwr::search::from_reports(&all_reports(&app), &TopicSource::builtin()).expect("index");
    app.update(Msg::Search(SearchMsg::Topics(TopicSource::builtin())));
    app.update(Msg::Search(SearchMsg::Ready(Box::new(Ok((
        idx,
        UpdateStats::default(),
    ))))));
    app
}

fn key(app: &mut App, code: KeyCode) {
    app.update(Msg::Key(Key::plain(code)));
}

fn typed(app: &mut App, text: &str) {
    for c in text.chars() {
        app.update(Msg::Key(Key::char(c)));
    }
}

fn focus_list(app: &mut App) {
    app.update(Msg::Action(Action::FocusNext));
    assert_eq!(app.focus, Pane::List);
}

fn list_reports(app: &App) -> Vec<usize> {
    app.list
        .rows
        .iter()
        .filter_map(|r| match r {
            ListRow::Report(i) => Some(*i),
            _ => None,
        })
        .collect()
}

/// Passages of `report` with `needle` in one of their paragraphs, by a
/// plain substring test.
fn passages_with(report: &Report, needle: &str) -> u32 {
    passage::passages(report)
        .iter()
        .filter(|p| {
            report.paragraphs[p.paragraphs.clone()]
                .iter()
                .any(|para| para.text.contains(needle))
        })
        .count() as u32
}

fn status_row(app: &App, w: u16, h: u16) -> String {
    screen_rows(app, w, h)[h as usize - 2].clone()
}

#[test]
fn typing_a_chinese_query_filters_the_list_to_exactly_the_reports_with_it() {
    for indexed in [false, true] {
        let mut app = if indexed {
            with_index(120, 36)
        } else {
            loaded(120, 36)
        };
        for query in ["污水", "稳中求进", "高质量发展", "口袋公园", "营商环境"] {
            focus_list(&mut app);
            app.update(Msg::Action(Action::Search));
            assert!(app.layer::<SearchBox>().is_some());
            typed(&mut app, query);
            let expected: Vec<(usize, u32)> = all_reports(&app)
                .iter()
                .enumerate()
                .map(|(i, r)| (i, passages_with(r, query)))
                .filter(|&(_, n)| n > 0)
                .collect();
            let mut shown = list_reports(&app);
            let counts: Vec<u32> = shown
                .iter()
                .map(|&i| app.search.filter.as_ref().unwrap().counts[i])
                .collect();
            // Best first.
            assert!(
                counts.windows(2).all(|w| w[0] >= w[1]),
                "{query}: {counts:?}"
            );
            shown.sort_unstable();
            let want: Vec<usize> = expected.iter().map(|&(i, _)| i).collect();
            assert_eq!(shown, want, "{query} (index: {indexed})");
            for &(i, n) in &expected {
                assert_eq!(gwr::tui::search::list_hits(&app, i), Some(n), "{query}");
            }
            let engine = app.search.filter.as_ref().unwrap().engine;
            assert_eq!(engine == Engine::Index, indexed);
            let info = app.layer::<SearchBox>().unwrap().info.clone().unwrap();
            assert!(
                info.starts_with(&format!("{} reports", want.len())),
                "{info}"
            );
            assert_eq!(info.contains("text scan"), !indexed, "{info}");
            key(&mut app, KeyCode::Esc);
            app.update(Msg::Action(Action::Back));
        }
    }
}

#[test]
fn esc_restores_the_list_and_the_selection() {
    let mut app = with_index(120, 36);
    focus_list(&mut app);
    app.update(Msg::Action(Action::Down));
    app.update(Msg::Action(Action::Down));
    let rows = app.list.rows.clone();
    let selected = app.list.selected_report();
    app.update(Msg::Action(Action::Search));
    typed(&mut app, "黑臭水体");
    assert!(list_reports(&app).len() < rows.len());
    assert_eq!(app.list.selected, 0, "the best match is selected");
    key(&mut app, KeyCode::Esc);
    assert!(app.layer::<SearchBox>().is_none());
    assert_eq!(app.list.rows, rows);
    assert_eq!(app.list.selected_report(), selected);

    // Enter keeps the filter and focuses the list; Esc there clears it.
    app.update(Msg::Action(Action::Search));
    typed(&mut app, "黑臭水体");
    key(&mut app, KeyCode::Enter);
    assert!(app.layer::<SearchBox>().is_none());
    assert_eq!(app.focus, Pane::List);
    assert!(list_reports(&app).len() < rows.len());
    let title = screen_rows(&app, 120, 36)[0].clone();
    assert!(
        title.contains(&format!(
            "Reports ({}/{})",
            list_reports(&app).len(),
            rows.len()
        )),
        "{title}"
    );
    app.update(Msg::Action(Action::Back));
    assert_eq!(app.list.rows, rows);
    assert_eq!(app.list.selected_report(), selected);
}

#[test]
fn a_bad_query_says_why_in_the_box_and_keeps_the_list() {
    let mut app = with_index(120, 36);
    focus_list(&mut app);
    app.update(Msg::Action(Action::Search));
    typed(&mut app, "污水");
    let narrowed = list_reports(&app);
    assert!(!narrowed.is_empty());
    // Each of these is fine until its last character.
    for bad in [" \"", " (", " )", " |", " year:20x"] {
        let (head, last) = bad.split_at(bad.len() - 1);
        typed(&mut app, head);
        let before = list_reports(&app);
        assert!(app.layer::<SearchBox>().unwrap().info.is_ok(), "{head}");
        typed(&mut app, last);
        let info = app.layer::<SearchBox>().unwrap().info.clone();
        assert!(info.is_err(), "{bad}: {info:?}");
        assert_eq!(list_reports(&app), before, "{bad}: the list stays");
        let status = status_row(&app, 120, 36);
        assert!(status.contains("bad query"), "{bad}: {status}");
        for _ in bad.chars() {
            key(&mut app, KeyCode::Backspace);
        }
    }
    assert!(app.layer::<SearchBox>().unwrap().info.is_ok());
}

#[test]
fn find_in_the_report_with_n_and_n_and_the_counter() {
    let mut app = with_index(120, 36);
    open_city(&mut app);
    app.update(Msg::Action(Action::Search));
    assert_eq!(app.context(), gwr::tui::action::Context::TextBox);
    typed(&mut app, "增长");
    let city = app.report(1).unwrap().clone();
    let expected: usize = city
        .paragraphs
        .iter()
        .map(|p| p.text.matches("增长").count())
        .sum();
    assert!(expected >= 5);
    key(&mut app, KeyCode::Enter);
    let marks = app.reader.marks.layer(MarkLayer::Search).to_vec();
    assert_eq!(marks.len(), expected);
    assert_eq!(
        marks
            .iter()
            .filter(|m| m.kind == MarkKind::CurrentMatch)
            .count(),
        1
    );
    for m in &marks {
        assert_eq!(&city.paragraphs[m.paragraph].text[m.range.clone()], "增长");
    }
    let counter = |app: &App| {
        let s = app.search.reader.as_ref().unwrap();
        (s.current.unwrap() + 1, s.matches.len())
    };
    assert_eq!(counter(&app), (1, expected));
    assert!(status_row(&app, 120, 36).contains(&format!("1/{expected}")));
    app.update(Msg::Action(Action::NextMatch));
    assert_eq!(counter(&app), (2, expected));
    assert!(status_row(&app, 120, 36).contains(&format!("2/{expected}")));
    app.update(Msg::Action(Action::PrevMatch));
    app.update(Msg::Action(Action::PrevMatch));
    assert_eq!(counter(&app), (expected, expected));
    assert!(app.message.as_deref().unwrap_or("").contains("wrapped"));
    app.update(Msg::Action(Action::NextMatch));
    assert_eq!(counter(&app), (1, expected));
    assert!(app
        .message
        .as_deref()
        .unwrap_or("")
        .contains("wrapped to the top"));
    // Every match is reached and shown on screen.
    for k in 0..expected {
        let s = app.search.reader.as_ref().unwrap();
        let (p, _) = s.matches[s.current.unwrap()].clone();
        let rows = gwr::tui::reader::frame(&app, app.areas().reader_inner).rows;
        assert!(rows.iter().any(|r| r.paragraph == p), "match {k} on screen");
        app.update(Msg::Action(Action::NextMatch));
    }
    // Esc clears the highlighting first, then quits.
    app.update(Msg::Action(Action::Back));
    assert!(app.reader.marks.layer(MarkLayer::Search).is_empty());
    assert!(!app.quit);
}

#[test]
fn find_folds_width_and_whitespace_like_the_index() {
    let mut app = with_index(120, 36);
    open_city(&mut app);
    let city = app.report(1).unwrap().clone();
    for (query, wanted) in [
        ("ｐｍ２.５", "PM2.5"),
        ("\"指标名称 2022年\"", "指标名称        2022年"),
    ] {
        app.update(Msg::Action(Action::Search));
        typed(&mut app, query);
        key(&mut app, KeyCode::Enter);
        let marks = app.reader.marks.layer(MarkLayer::Search).to_vec();
        assert!(!marks.is_empty(), "{query}");
        for m in &marks {
            let text = &city.paragraphs[m.paragraph].text[m.range.clone()];
            assert_eq!(text, wanted, "{query}");
        }
        // The index finds the same report.
        let q = gwr::search::Query::parse(query).unwrap();
        let (searcher, loaded) = app.search.ready().expect("index");
        let found = searcher.matching_reports(&q).unwrap();
        assert!(
            found.iter().any(|m| loaded[m.report as usize] == Some(1)),
            "{query}"
        );
        app.update(Msg::Action(Action::Back));
    }
}

#[test]
fn enter_in_the_filtered_list_opens_the_report_at_its_first_hit() {
    let mut app = with_index(120, 36);
    focus_list(&mut app);
    app.update(Msg::Action(Action::Search));
    typed(&mut app, "黑臭水体");
    key(&mut app, KeyCode::Enter);
    assert!(list_reports(&app).contains(&1));
    app.list.select_report(1);
    app.update(Msg::Action(Action::Open));
    assert_eq!(app.reader.report, Some(1));
    assert_eq!(app.focus, Pane::Reader);
    let marks = app.reader.marks.layer(MarkLayer::Search).to_vec();
    assert_eq!(marks.len(), 1);
    assert_eq!(marks[0].kind, MarkKind::CurrentMatch);
    let screen = screen_rows(&app, 120, 36).join("\n");
    assert!(screen.contains("黑臭水体"), "{screen}");
}

#[test]
fn the_results_view_lists_hits_and_opens_one_marked_on_screen() {
    let mut app = with_index(120, 36);
    focus_list(&mut app);
    app.update(Msg::Action(Action::Search));
    typed(&mut app, "增长");
    // C-r: every hit of the typed query.
    app.update(Msg::Key(Key::ctrl('r')));
    assert_eq!(app.view(), Some(LayerKind::Results));
    let results = app.layer::<Results>().cloned().expect("results");
    let expected: u32 = all_reports(&app)
        .iter()
        .map(|r| passages_with(r, "增长"))
        .sum();
    assert_eq!(results.total, expected as usize);
    assert_eq!(results.hits.len(), expected as usize);
    let screen = screen_rows(&app, 120, 36).join("\n");
    assert!(screen.contains("Search results"), "{screen}");
    assert!(screen.contains(&format!("{expected} sections")), "{screen}");
    // Move to the third hit and open it.
    app.update(Msg::Action(Action::Down));
    app.update(Msg::Action(Action::Down));
    let hit = app.layer::<Results>().unwrap().hits[2].clone();
    app.update(Msg::Action(Action::Open));
    assert_eq!(app.view(), None);
    assert_eq!(app.reader.report, Some(hit.report));
    let marks = app.reader.marks.layer(MarkLayer::Search).to_vec();
    let current: Vec<_> = marks
        .iter()
        .filter(|m| m.kind == MarkKind::CurrentMatch)
        .collect();
    assert_eq!(current.len(), 1);
    assert!(hit.paragraphs.contains(&current[0].paragraph));
    let rows = gwr::tui::reader::frame(&app, app.areas().reader_inner).rows;
    assert!(rows.iter().any(|r| r.paragraph == current[0].paragraph));
    assert!(!app.reader.marks.layer(MarkLayer::Target).is_empty());
    // R again shows the same query; `/` edits it; Esc closes.
    app.update(Msg::Action(Action::SearchResults));
    assert_eq!(app.view(), Some(LayerKind::Results));
    assert_eq!(app.layer::<Results>().unwrap().query, "增长");
    app.update(Msg::Action(Action::Search));
    typed(&mut app, " year:1900");
    assert!(app.layer::<Results>().unwrap().hits.is_empty());
    key(&mut app, KeyCode::Esc);
    app.update(Msg::Action(Action::Back));
    assert_eq!(app.view(), None);
}

#[test]
fn the_index_arriving_switches_the_engine_of_an_open_filter() {
    let mut app = loaded(120, 36);
    assert!(app.search.busy());
    assert!(app.search.progress().is_none());
    app.update(Msg::Search(SearchMsg::Start(16)));
    app.update(Msg::Search(SearchMsg::Advanced(5)));
    assert!(status_row(&app, 120, 36).contains("Indexing 5/16"));
    focus_list(&mut app);
    app.update(Msg::Action(Action::Search));
    typed(&mut app, "稳中求进");
    let before = list_reports(&app);
    assert_eq!(app.search.filter.as_ref().unwrap().engine, Engine::Scan);
    let idx =
        gwr::search::from_reports(&all_reports(&app), &TopicSource::builtin()).expect("index");
    app.update(Msg::Search(SearchMsg::Ready(Box::new(Ok((
        idx,
        UpdateStats::default(),
    ))))));
    assert_eq!(app.search.filter.as_ref().unwrap().engine, Engine::Index);
    assert_eq!(list_reports(&app), before);
    assert!(!app.search.busy());
}

// ---- render snapshots ---------------------------------------------------------

fn cursor(app: &App, w: u16, h: u16) -> Position {
    let mut terminal = Terminal::new(TestBackend::new(w, h)).expect("terminal");
    terminal.draw(|f| gwr::tui::ui::draw(f, app)).expect("draw");
    terminal.get_cursor_position().expect("cursor")
}

#[test]
fn snapshots_of_the_filter_the_marks_and_the_results() {
    for (w, h) in [(80, 24), (120, 36)] {
        let mut app = with_index(w, h);
        focus_list(&mut app);
        app.update(Msg::Action(Action::Search));
        typed(&mut app, "黑臭水体");
        insta::assert_snapshot!(format!("search_filter_{w}"), screen(&mut app, w, h));
        // The cursor sits after the query in the box on the status row:
        // "Filter /" then four wide characters.
        let mut terminal = Terminal::new(TestBackend::new(w, h)).unwrap();
        terminal.draw(|f| gwr::tui::ui::draw(f, &app)).unwrap();
        terminal
            .backend_mut()
            .assert_cursor_position(Position { x: 8 + 8, y: h - 2 });

        key(&mut app, KeyCode::Esc);
        app.update(Msg::Action(Action::Back));
        open_city(&mut app);
        app.update(Msg::Action(Action::Search));
        typed(&mut app, "增长");
        key(&mut app, KeyCode::Enter);
        app.update(Msg::Action(Action::NextMatch));
        insta::assert_snapshot!(format!("search_reader_{w}"), screen(&mut app, w, h));
        // Matches are drawn in the search style, the current one bold too;
        // other text is not.
        let mut terminal = Terminal::new(TestBackend::new(w, h)).unwrap();
        terminal.draw(|f| gwr::tui::ui::draw(f, &app)).unwrap();
        let buf = terminal.backend().buffer().clone();
        let inner = app.areas().reader_inner;
        let mut marked = 0;
        let mut current = 0;
        for y in inner.top()..inner.bottom() {
            for x in inner.left()..inner.right() {
                let cell = &buf[(x, y)];
                let reversed = cell.modifier.contains(Modifier::REVERSED);
                if cell.symbol() == "增" || cell.symbol() == "长" {
                    if reversed {
                        marked += 1;
                    }
                    if reversed && cell.modifier.contains(Modifier::BOLD) {
                        current += 1;
                    }
                } else if cell.symbol() != " " {
                    assert!(!reversed, "{:?} at {x},{y}", cell.symbol());
                }
            }
        }
        assert!(marked >= 4, "{marked}");
        assert_eq!(current, 2, "one current match of two characters");

        app.update(Msg::Action(Action::SearchResults));
        insta::assert_snapshot!(format!("search_results_{w}"), screen(&mut app, w, h));
        app.update(Msg::Action(Action::Search));
        let pos = cursor(&app, w, h);
        let rows = screen_rows(&app, w, h);
        assert!(
            rows[pos.y as usize].contains("Search /增长"),
            "cursor row {}: {rows:?}",
            pos.y
        );
    }
}

/// At each tiny size a user sees the box where the status line is (when
/// there is one), the current match in the reading pane, the results view's
/// border and title as far as they fit, and the cursor on the screen.
#[test]
fn tiny_terminals_do_not_panic() {
    for (w, h) in [(10, 5), (3, 2), (1, 1), (80, 24)] {
        let mut app = with_index(w, h);
        focus_list(&mut app);
        app.update(Msg::Action(Action::Search));
        typed(&mut app, "经济发展");
        let s = seen(&app, w, h);
        assert!(
            s.rows[0].starts_with('┌'),
            "{w}x{h}: the list's border {:?}",
            s.rows
        );
        if w >= 10 {
            assert!(s.rows[0].contains("Reports"), "{w}x{h}: {:?}", s.rows);
        }
        if let Some(row) = &s.status {
            let prompt: String = "Filter /".chars().take(w as usize).collect();
            assert!(row.starts_with(&prompt), "{w}x{h}: {row:?}");
        }
        key(&mut app, KeyCode::Enter);
        app.update(Msg::Action(Action::Open));
        app.update(Msg::Action(Action::NextMatch));
        let s = seen(&app, w, h);
        let current = app
            .reader
            .marks
            .layer(MarkLayer::Search)
            .iter()
            .find(|m| m.kind == MarkKind::CurrentMatch)
            .cloned()
            .expect("a current match");
        let rows = gwr::tui::reader::frame(&app, app.areas().reader_inner).rows;
        assert!(
            rows.iter().any(|r| r.paragraph == current.paragraph),
            "{w}x{h}: the current match is on screen"
        );
        if let (Some(row), true) = (&s.status, w >= 10) {
            assert!(row.contains("Match"), "{w}x{h}: {row:?}");
        }
        app.update(Msg::Action(Action::SearchResults));
        let s = seen(&app, w, h);
        assert!(s.shows("┌"), "{w}x{h}: the results' border {:?}", s.rows);
        if w >= 10 {
            assert!(s.shows("┌ Search"), "{w}x{h}: {:?}", s.rows);
        }
        if w >= 80 {
            assert!(s.shows("Search results: "), "{w}x{h}: {:?}", s.rows);
        }
        app.update(Msg::Action(Action::Search));
        typed(&mut app, "口袋");
        let s = seen(&app, w, h);
        if w >= 10 && h >= 3 {
            assert!(s.shows("Search /"), "{w}x{h}: {:?}", s.rows);
        }
        key(&mut app, KeyCode::Esc);
        app.update(Msg::Action(Action::Back));
        assert_eq!(app.view(), None, "{w}x{h}");
    }
}
