//! The figures overlay, figure highlighting and the cross-report chart,
//! driven headless: state asserted, screens snapshotted.

mod tui_support;

use gwr::corpus::Corpus;
use gwr::figures::{extract_report, Kind, ReportFigure};
use gwr::tui::action::Action;
use gwr::tui::app::{App, Msg, Settings};
use gwr::tui::figures::{indicator_text, reading_section, FigureChart, FigureTable, SortColumn};
use gwr::tui::keymap::Key;
use gwr::tui::layer::LayerKind;
use gwr::tui::marks::{MarkKind, MarkLayer};
use gwr::tui::memory::MemoryStore;
use gwr::tui::reader::{self, Anchor};
use gwr::tui::theme::Theme;
use tui_support::*;

fn act(app: &mut App, actions: &[Action]) {
    for &a in actions {
        app.update(Msg::Action(a));
    }
}

fn type_text(app: &mut App, text: &str) {
    for c in text.chars() {
        app.update(Msg::Key(Key::char(c)));
    }
}

fn figures_corpus() -> Corpus {
    let mut c = corpus();
    c.reports.push(earlier_city());
    c
}

fn city(w: u16, h: u16) -> App {
    let mut a = app_with(
        figures_corpus(),
        Settings::default(),
        MemoryStore::default(),
        w,
        h,
    );
    open_city(&mut a);
    a
}

fn table_figures(app: &App) -> Vec<ReportFigure> {
    let t = app.layer::<FigureTable>().expect("table open");
    t.rows.iter().map(|&i| t.figures[i].clone()).collect()
}

#[test]
fn overlay_lists_every_figure_of_the_report() {
    let mut app = city(120, 40);
    act(&mut app, &[Action::Figures]);
    assert_eq!(app.view(), Some(LayerKind::Figures));
    let expected = extract_report(&app.report(1).unwrap());
    assert!(expected.len() > 10, "{}", expected.len());
    assert_eq!(table_figures(&app), expected);
    // Esc closes it, and the reading pane is back.
    act(&mut app, &[Action::Back]);
    assert_eq!(app.view(), None);
    assert!(app.layer::<FigureTable>().is_none());
}

#[test]
fn section_scope_narrows_to_the_section_being_read() {
    let mut app = city(120, 40);
    // A lead sentence's section gives way to the heading above it.
    app.reader.anchor = Anchor {
        paragraph: 7,
        offset: 0,
    };
    app.update(Msg::Tick);
    act(&mut app, &[Action::Figures, Action::FigureScope]);
    let report = &*app.report(1).unwrap();
    let section = reading_section(report, 7).expect("a section");
    assert_eq!(report.sections[section].title, "经济运行稳中向好");
    let range = report.sections[section].paragraphs.clone();
    let all = extract_report(report);
    let in_section: Vec<_> = all
        .iter()
        .filter(|f| range.contains(&f.paragraph))
        .cloned()
        .collect();
    let shown = table_figures(&app);
    assert_eq!(shown, in_section);
    assert!(!shown.is_empty() && shown.len() < all.len());
    act(&mut app, &[Action::FigureScope]);
    assert_eq!(table_figures(&app).len(), all.len());
}

#[test]
fn every_sort_orders_its_column() {
    let mut app = city(120, 40);
    act(&mut app, &[Action::Figures]);
    let n = table_figures(&app).len();
    let mut seen = Vec::new();
    for _ in 0..7 {
        act(&mut app, &[Action::FigureSort]);
        let t = app.layer::<FigureTable>().expect("table");
        seen.push(t.sort);
        for reversed in [false, true] {
            if reversed {
                act(&mut app, &[Action::FigureSortReverse]);
            }
            let t = app.layer::<FigureTable>().expect("table");
            let rows = table_figures(&app);
            assert_eq!(rows.len(), n, "sorting keeps every figure");
            let desc = t.descending;
            let ordered = |a: std::cmp::Ordering| {
                if desc {
                    a.is_ge()
                } else {
                    a.is_le()
                }
            };
            for w in rows.windows(2) {
                let (a, b) = (&w[0], &w[1]);
                let ok = match t.sort {
                    SortColumn::Text => ordered(
                        (a.paragraph, a.figure.range.start)
                            .cmp(&(b.paragraph, b.figure.range.start)),
                    ),
                    SortColumn::Indicator => ordered(indicator_text(a).cmp(indicator_text(b))),
                    // Within a unit, numerically.
                    SortColumn::Value => {
                        a.figure.unit != b.figure.unit
                            || ordered(a.figure.value.total_cmp(&b.figure.value))
                    }
                    SortColumn::When => ordered(
                        (a.figure.period, a.figure.status).cmp(&(b.figure.period, b.figure.status)),
                    ),
                    _ => true,
                };
                assert!(
                    ok,
                    "{:?} desc={desc}: {} before {}",
                    t.sort, a.figure.raw, b.figure.raw
                );
            }
            if t.sort == SortColumn::Value {
                // Units stay together.
                let mut units: Vec<&str> = rows.iter().map(|r| r.figure.unit).collect();
                units.dedup();
                let mut distinct = units.clone();
                distinct.sort();
                distinct.dedup();
                assert_eq!(units.len(), distinct.len(), "{units:?}");
                // Numbers, not strings: 2.45万亿元 and 2.45亿元 are far apart,
                // 1200亿元 sits between them.
                let yuan: Vec<f64> = rows
                    .iter()
                    .filter(|r| r.figure.unit == "元")
                    .map(|r| r.figure.value)
                    .collect();
                let mut sorted = yuan.clone();
                sorted.sort_by(|a, b| a.total_cmp(b));
                if desc {
                    sorted.reverse();
                }
                assert_eq!(yuan, sorted);
                assert!(yuan.contains(&1.2e11) && yuan.contains(&2.45e12));
            }
        }
        // Back to the first direction for the next column.
        act(&mut app, &[Action::FigureSortReverse]);
    }
    assert_eq!(
        seen,
        [
            SortColumn::Indicator,
            SortColumn::Value,
            SortColumn::Qualifier,
            SortColumn::Change,
            SortColumn::When,
            SortColumn::Section,
            SortColumn::Text
        ]
    );
}

#[test]
fn typing_filters_and_esc_clears() {
    let mut app = city(120, 40);
    act(&mut app, &[Action::Figures]);
    let all = table_figures(&app).len();
    app.update(Msg::Key(Key::char('/')));
    type_text(&mut app, "就业");
    let rows = table_figures(&app);
    assert!(!rows.is_empty() && rows.len() < all);
    assert!(rows.iter().all(|r| r.figure.indicator.contains("就业")
        || r.figure.canonical.is_some_and(|c| c.contains("就业"))));
    // j is typed into the filter, not a move.
    type_text(&mut app, "j");
    assert_eq!(table_figures(&app).len(), 0);
    app.update(Msg::Key(Key::plain(gwr::tui::keymap::KeyCode::Esc)));
    assert_eq!(table_figures(&app).len(), all);
    assert_eq!(
        app.view(),
        Some(LayerKind::Figures),
        "Esc leaves the filter first"
    );
    // A Chinese character starts the filter without `/`; a section title
    // and the raw text are searched too.
    type_text(&mut app, "改革");
    let rows = table_figures(&app);
    assert!(!rows.is_empty());
    assert!(rows.iter().all(|r| r.section.is_some()));
    app.update(Msg::Key(Key::plain(gwr::tui::keymap::KeyCode::Enter)));
    assert!(!app.layer::<FigureTable>().expect("table").typing);
    type_text(&mut app, "j");
    assert_eq!(app.layer::<FigureTable>().expect("table").selected, 1);
}

#[test]
fn enter_shows_the_figure_in_the_reading_pane() {
    let mut app = city(120, 40);
    act(&mut app, &[Action::Figures]);
    // Far into the report, where the first screen does not reach.
    act(&mut app, &[Action::Bottom]);
    let target = table_figures(&app).last().cloned().expect("a figure");
    act(&mut app, &[Action::Open]);
    assert_eq!(app.view(), None);
    assert_eq!(app.reader.report, Some(1));
    let view = reader::frame(&app, app.areas().reader_inner);
    assert!(
        view.rows.iter().any(|r| r.paragraph == target.paragraph),
        "paragraph {} on screen",
        target.paragraph
    );
    let marks = app.reader.marks.layer(MarkLayer::Target);
    assert!(
        marks.iter().any(|m| m.paragraph == target.paragraph
            && m.range == target.figure.range
            && m.kind == MarkKind::Figure),
        "{marks:?}"
    );
    let screen = screen(&mut app, 120, 40);
    assert!(screen.contains(&target.figure.raw), "{screen}");
}

#[test]
fn highlighting_follows_the_open_report() {
    let mut app = city(120, 40);
    assert!(app.reader.marks.layer(MarkLayer::Figures).is_empty());
    act(&mut app, &[Action::ToggleFigureHighlight]);
    let n = extract_report(&app.report(1).unwrap()).len();
    assert_eq!(app.reader.marks.layer(MarkLayer::Figures).len(), n);
    app.open_report(4);
    app.update(Msg::Tick);
    let n4 = extract_report(&app.report(4).unwrap()).len();
    assert!(n4 > 0);
    let marks = app.reader.marks.layer(MarkLayer::Figures);
    assert_eq!(marks.len(), n4);
    let first = &extract_report(&app.report(4).unwrap())[0];
    assert_eq!(marks[0].range, first.figure.range);
    act(&mut app, &[Action::ToggleFigureHighlight]);
    assert!(app.reader.marks.layer(MarkLayer::Figures).is_empty());
}

#[test]
fn chart_of_one_indicator_in_the_test_corpus() {
    let mut app = city(120, 40);
    act(&mut app, &[Action::Figures]);
    let rows = table_figures(&app);
    let at = rows
        .iter()
        .position(|r| r.figure.canonical == Some("城镇新增就业"))
        .expect("城镇新增就业 in the city report");
    app.layer_mut::<FigureTable>().expect("table").selected = at;
    act(&mut app, &[Action::FigureAcross]);
    app.wait_for_views();
    let chart = app.layer::<FigureChart>().expect("chart");
    assert!(chart.progress().is_none(), "every report read");
    // One group per year and status: this year's targets never ranked
    // with last year's outcomes; the group of the figure it came from first.
    type Group = (String, Vec<(Option<u16>, f64)>);
    let groups: Vec<Group> = chart
        .groups
        .iter()
        .map(|g| {
            (
                g.label(),
                g.rows.iter().map(|r| (r.year, r.value)).collect(),
            )
        })
        .collect();
    assert_eq!(
        groups,
        [
            (
                "2024 目标 · 人, level".to_string(),
                vec![(Some(2024), 150_000.0)]
            ),
            (
                "2023 目标 · 人, level".to_string(),
                vec![(Some(2023), 120_000.0)]
            ),
            (
                "2022 实绩 · 人, level".to_string(),
                vec![(Some(2023), 132_000.0)]
            ),
        ]
    );
    // Opened on the figure it came from.
    assert_eq!(chart.selected_row(), Some((1, rows_index(&app, at))));
}

/// Open report `ri`'s figures table on the first figure of `indicator`;
/// the table row.
fn select_indicator(app: &mut App, ri: usize, indicator: &str) -> usize {
    app.open_report(ri);
    act(app, &[Action::Figures]);
    let at = table_figures(app)
        .iter()
        .position(|r| r.figure.canonical == Some(indicator))
        .expect("in the table");
    app.layer_mut::<FigureTable>().expect("table").selected = at;
    at
}

/// The index among the report's figures of table row `row`.
fn rows_index(app: &App, row: usize) -> usize {
    app.layer::<FigureTable>()
        .map(|t| t.rows[row])
        .unwrap_or(usize::MAX)
}

#[test]
fn chart_over_the_builtin_corpus_and_enter_opens_the_report() {
    let corpus = gwr::corpus::load_builtin();
    let all: Vec<Vec<ReportFigure>> = corpus.reports.iter().map(extract_report).collect();
    let indicator = "城镇新增就业";
    let (ri, _) = all
        .iter()
        .enumerate()
        .find(|(_, f)| f.iter().any(|f| f.figure.canonical == Some(indicator)))
        .expect("a report with new urban jobs");
    let expected: Vec<(usize, usize)> = all
        .iter()
        .enumerate()
        .flat_map(|(r, list)| {
            list.iter()
                .enumerate()
                .filter(|(_, f)| f.figure.canonical == Some(indicator))
                .map(move |(i, _)| (r, i))
        })
        .collect();
    assert!(expected.len() > 5, "{}", expected.len());
    let mut app = app_with(corpus, Settings::default(), MemoryStore::default(), 120, 40);
    select_indicator(&mut app, ri, indicator);
    act(&mut app, &[Action::FigureAcross]);
    let computing = screen(&mut app, 120, 40);
    app.wait_for_views();
    assert!(!app.working());
    let chart = app.layer::<FigureChart>().expect("chart");
    if chart.progress().is_some() {
        panic!("not computed:\n{computing}");
    }
    let groups = &chart.groups;
    let mut got: Vec<(usize, usize)> = groups
        .iter()
        .flat_map(|g| g.rows.iter().map(|r| (r.report, r.figure)))
        .collect();
    got.sort();
    assert_eq!(got, expected, "one row per (report, figure)");
    for g in groups {
        let f = |r: &gwr::figures::across::AcrossRow| &all[r.report][r.figure].figure;
        assert!(g
            .rows
            .iter()
            .all(|r| f(r).unit == g.unit && f(r).kind == g.kind));
        for w in g.rows.windows(2) {
            assert!(w[0].value >= w[1].value, "by value, largest first");
        }
    }
    // Pick a row in another report and jump there.
    let entries = chart.entries();
    let target = (0..entries.len())
        .find(|&i| {
            let (g, r) = entries[i];
            groups[g].rows[r].report != ri
        })
        .expect("another report");
    app.layer_mut::<FigureChart>().expect("chart").selected = target;
    let (report, fi) = app
        .layer::<FigureChart>()
        .and_then(|c| c.selected_row())
        .expect("row");
    act(&mut app, &[Action::Open]);
    assert_eq!(app.view(), None);
    assert_eq!(app.reader.report, Some(report));
    let figure = &all[report][fi];
    let view = reader::frame(&app, app.areas().reader_inner);
    assert!(view.rows.iter().any(|r| r.paragraph == figure.paragraph));
    assert!(app
        .reader
        .marks
        .layer(MarkLayer::Target)
        .iter()
        .any(|m| m.range == figure.figure.range && m.kind == MarkKind::Figure));
}

#[test]
fn chart_sort_toggles() {
    let mut app = city(120, 40);
    act(&mut app, &[Action::Figures]);
    let at = table_figures(&app)
        .iter()
        .position(|r| r.figure.canonical == Some("地区生产总值") && r.figure.kind == Kind::Change)
        .expect("GDP growth");
    app.layer_mut::<FigureTable>().expect("table").selected = at;
    act(&mut app, &[Action::FigureAcross]);
    app.wait_for_views();
    act(&mut app, &[Action::FigureSortReverse]);
    let chart = app.layer::<FigureChart>().expect("chart");
    for g in &chart.groups {
        for w in g.rows.windows(2) {
            assert!(w[0].value <= w[1].value);
        }
    }
    act(&mut app, &[Action::FigureSort]);
    let chart = app.layer::<FigureChart>().expect("chart");
    for g in &chart.groups {
        for w in g.rows.windows(2) {
            assert!(w[0].year <= w[1].year, "by year, earliest first");
        }
    }
    // Esc goes back to the table, again closes.
    act(&mut app, &[Action::Back]);
    assert!(app.layer::<FigureChart>().is_none());
    assert_eq!(app.view(), Some(LayerKind::Figures));
    act(&mut app, &[Action::Back]);
    assert_eq!(app.view(), None);
}

// ---- snapshots ------------------------------------------------------------------

const SIZES: [(u16, u16); 2] = [(80, 24), (160, 48)];

#[test]
fn overlay_snapshots() {
    for (w, h) in SIZES {
        let mut app = city(w, h);
        act(&mut app, &[Action::Figures, Action::Down, Action::Down]);
        insta::assert_snapshot!(format!("overlay_{w}"), screen(&mut app, w, h));
        act(&mut app, &[Action::FigureSort, Action::FigureSort]);
        insta::assert_snapshot!(format!("overlay_by_value_{w}"), screen(&mut app, w, h));
        type_text(&mut app, "/生产总值");
        insta::assert_snapshot!(format!("overlay_filtered_{w}"), screen(&mut app, w, h));
    }
}

#[test]
fn chart_snapshots() {
    for (w, h) in SIZES {
        let mut app = city(w, h);
        act(&mut app, &[Action::Figures]);
        let at = table_figures(&app)
            .iter()
            .position(|r| r.figure.canonical == Some("城镇新增就业"))
            .expect("jobs");
        app.layer_mut::<FigureTable>().expect("table").selected = at;
        act(&mut app, &[Action::FigureAcross]);
        app.wait_for_views();
        insta::assert_snapshot!(format!("chart_{w}"), screen(&mut app, w, h));
    }
}

#[test]
fn highlighted_reader_snapshot() {
    let mut app = city(80, 24);
    act(
        &mut app,
        &[Action::ToggleFigureHighlight, Action::NextSection],
    );
    insta::assert_snapshot!("highlighted_80", screen(&mut app, 80, 24));
    // The marks are styled with the theme's figure role.
    app.update(Msg::Resize(80, 24));
    let mut terminal =
        ratatui::Terminal::new(ratatui::backend::TestBackend::new(80, 24)).expect("terminal");
    terminal
        .draw(|f| gwr::tui::ui::draw(f, &app))
        .expect("draw");
    let buf = terminal.backend().buffer().clone();
    let figure_fg = Theme::default().figure.fg;
    let styled = (0..24)
        .flat_map(|y| (0..80).map(move |x| (x, y)))
        .filter(|&p| buf[p].fg == figure_fg.unwrap_or_default())
        .count();
    assert!(styled > 4, "{styled} cells in the figure colour");
}

#[test]
fn tiny_and_odd_sizes_never_panic() {
    for (w, h) in [
        (10, 5),
        (1, 1),
        (0, 0),
        (29, 7),
        (35, 10),
        (61, 9),
        (80, 24),
    ] {
        let mut app = city(w.max(1), h.max(1));
        act(&mut app, &[Action::Figures]);
        let _ = render(&app, w, h);
        type_text(&mut app, "/增长");
        let _ = render(&app, w, h);
        act(&mut app, &[Action::FigureFilter]);
        app.update(Msg::Key(Key::plain(gwr::tui::keymap::KeyCode::Enter)));
        act(&mut app, &[Action::Bottom, Action::FigureAcross]);
        app.wait_for_views();
        let _ = render(&app, w, h);
        act(&mut app, &[Action::PageDown, Action::Open]);
        let _ = render(&app, w, h);
    }
    let mut app = city(10, 5);
    act(&mut app, &[Action::Figures]);
    insta::assert_snapshot!("overlay_10x5", render(&app, 10, 5));
}

mod arbitrary_keys {
    use super::*;
    use proptest::prelude::*;

    fn key() -> impl Strategy<Value = Key> {
        prop_oneof![
            prop::sample::select(vec![
                'f', 'F', 's', 'r', 'c', 'a', '/', 'j', 'k', 'g', 'G', 'q', '增', '长', '就',
                '\u{1b}', '\u{7}', ' '
            ])
            .prop_map(Key::char),
            prop::sample::select(vec![
                gwr::tui::keymap::KeyCode::Enter,
                gwr::tui::keymap::KeyCode::Esc,
                gwr::tui::keymap::KeyCode::Backspace,
                gwr::tui::keymap::KeyCode::Down,
                gwr::tui::keymap::KeyCode::PageDown,
                gwr::tui::keymap::KeyCode::End,
            ])
            .prop_map(Key::plain),
        ]
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(48))]
        /// Any keys at any size: no panic, and the table only ever lists
        /// figures of its report, with the selection inside the rows.
        #[test]
        fn any_keys_any_size(keys in prop::collection::vec(key(), 0..40), w in 1u16..130, h in 1u16..45) {
            let mut app = city(w, h);
            for k in keys {
                app.update(Msg::Key(k));
                app.wait_for_views();
                if let Some(t) = app.layer::<FigureTable>() {
                    prop_assert!(t.rows.is_empty() || t.selected < t.rows.len());
                    prop_assert!(t.rows.iter().all(|&i| i < t.figures.len()));
                }
                let _ = render(&app, w, h);
            }
        }
    }
}

/// Many reports: reading every report's figures takes far longer than a
/// key. The chart opens at once and grows as reports are read (its title
/// counts them), keeps the figure it was opened on selected, and closing
/// it stops the reading.
#[test]
fn the_chart_across_reports_grows_while_keys_keep_working() {
    let mut reports = Vec::new();
    for copy in 0..8 {
        for mut r in gwr::corpus::load_builtin().reports {
            r.file = format!("copy{copy}/{}", r.file);
            reports.push(r);
        }
    }
    let corpus = Corpus {
        reports,
        problems: Vec::new(),
    };
    let indicator = "城镇新增就业";
    let ri = corpus
        .reports
        .iter()
        .position(|r| {
            extract_report(r)
                .iter()
                .any(|f| f.figure.canonical == Some(indicator))
        })
        .expect("a report with new urban jobs");
    let mut app = app_with(corpus, Settings::default(), MemoryStore::default(), 120, 40);
    let at = select_indicator(&mut app, ri, indicator);
    let origin = (ri, rows_index(&app, at));

    act(&mut app, &[Action::FigureAcross]);
    let chart = app.layer::<FigureChart>().expect("chart");
    let (read, total) = chart.progress().expect("still reading");
    assert!(read < total, "{read}/{total}");
    assert!(app.working(), "the event loop keeps drawing what arrives");
    assert!(screen(&mut app, 120, 40).contains("reports read"));

    app.wait_for_views();
    let chart = app.layer::<FigureChart>().expect("chart");
    assert!(chart.progress().is_none());
    assert_eq!(
        chart.selected_row(),
        Some(origin),
        "the figure it was opened on"
    );
    let values: usize = chart.groups.iter().map(|g| g.rows.len()).sum();
    assert!(values >= 8, "a value from every copy: {values}");

    // Open it again and close it at once: the reading stops.
    act(&mut app, &[Action::Back, Action::FigureAcross]);
    assert!(app
        .layer::<FigureChart>()
        .is_some_and(|c| c.progress().is_some()));
    act(&mut app, &[Action::Back]);
    assert!(app.layer::<FigureChart>().is_none());
    assert!(!app.working());
}
