//! Targets against outcomes in the reader (`o`): the view of a place from
//! the figures table, of an indicator in every place from the chart, Enter
//! to the sentences, and the chart across reports grouped by when its
//! values apply. Driven headless: state asserted, screens snapshotted.

mod tui_support;

use gwr::corpus::{load_builtin, load_paths, Corpus};
use gwr::figures::{Kind, Status};
use gwr::report::{Level, Report};
use gwr::tui::action::Action;
use gwr::tui::app::{App, Msg, Settings};
use gwr::tui::figures::{FigureChart, FigureTable};
use gwr::tui::keymap::Key;
use gwr::tui::layer::LayerKind;
use gwr::tui::marks::MarkLayer;
use gwr::tui::memory::MemoryStore;
use gwr::tui::targets::{TargetsScope, TargetsView};
use tui_support::*;

fn act(app: &mut App, actions: &[Action]) {
    for &a in actions {
        app.update(Msg::Action(a));
    }
}

/// The test corpus with the city's report of the year before: the 2023
/// report's targets for 2023 beside the 2024 report's outcomes.
fn city_corpus() -> Corpus {
    let mut c = corpus();
    c.reports.push(earlier_city());
    c
}

fn city(w: u16, h: u16) -> App {
    let mut app = app_with(
        city_corpus(),
        Settings::default(),
        MemoryStore::default(),
        w,
        h,
    );
    open_city(&mut app);
    app
}

fn targets(app: &App) -> &TargetsView {
    app.layer::<TargetsView>().expect("targets view open")
}

/// Open report `ri`'s figures table on the first figure of `indicator`
/// of `kind` (and `status`, when given).
fn select(app: &mut App, ri: usize, indicator: &str, kind: Kind, status: Option<Status>) {
    app.open_report(ri);
    act(app, &[Action::Figures]);
    let t = app.layer::<FigureTable>().expect("table");
    let at = t
        .rows
        .iter()
        .position(|&i| {
            let f = &t.figures[i].figure;
            f.canonical == Some(indicator) && f.kind == kind && status.is_none_or(|s| f.status == s)
        })
        .unwrap_or_else(|| panic!("{indicator} in report {ri}"));
    app.layer_mut::<FigureTable>().expect("table").selected = at;
}

fn report_index(app: &App, file: &str) -> usize {
    app.catalog()
        .entries()
        .iter()
        .position(|e| e.file.ends_with(file))
        .unwrap_or_else(|| panic!("{file} in the corpus"))
}

#[test]
fn the_place_of_the_report_every_year_from_the_figures_table() {
    let mut app = city(120, 40);
    act(&mut app, &[Action::Figures, Action::Targets]);
    assert_eq!(app.view(), Some(LayerKind::Targets));
    app.wait_for_views();
    let view = targets(&app);
    assert_eq!(view.scope, TargetsScope::Place("江城市".into()));
    assert!(view.progress().is_none(), "every report read");
    // 2023: the 2023 report aimed at 5%左右, the 2024 report states 5.2%.
    let gdp = view
        .rows
        .iter()
        .find(|r| r.year == 2023 && r.indicator == "地区生产总值" && r.kind == Kind::Change)
        .expect("GDP growth 2023");
    let raw = |s: &Option<gwr::figures::targets::Side>| s.as_ref().map(|s| s.raw.clone());
    assert_eq!(raw(&gdp.target).as_deref(), Some("5%左右"));
    assert_eq!(raw(&gdp.outcome).as_deref(), Some("5.2%"));
    assert_eq!(gdp.met(), Some(true));
    // Only the city's rows, by year.
    assert!(view.rows.iter().all(|r| r.place == "江城市"));
    assert!(view.rows.windows(2).all(|w| w[0].year <= w[1].year));
    let screen = screen(&mut app, 120, 40);
    assert!(
        screen.contains("Targets against outcomes · 江城市"),
        "{screen}"
    );
    assert!(
        screen.contains("5%左右") && screen.contains("5.2%"),
        "{screen}"
    );
}

#[test]
fn enter_opens_the_target_or_the_outcome_sentence() {
    let mut app = city(120, 40);
    act(&mut app, &[Action::Figures, Action::Targets]);
    app.wait_for_views();
    let at = targets(&app)
        .rows
        .iter()
        .position(|r| r.year == 2023 && r.indicator == "地区生产总值" && r.kind == Kind::Change)
        .expect("GDP growth 2023");
    app.layer_mut::<TargetsView>().expect("view").selected = at;
    act(&mut app, &[Action::Open]);
    // The view and the table under it close; the target's sentence is marked.
    assert_eq!(app.view(), None);
    let earlier = report_index(&app, "2023_江城市.txt");
    assert_eq!(app.reader.report, Some(earlier));
    let marked = |app: &App| {
        let report = app
            .report(app.reader.report.expect("open"))
            .expect("report");
        app.reader
            .marks
            .layer(MarkLayer::Target)
            .iter()
            .map(|m| report.paragraphs[m.paragraph].text[m.range.clone()].to_string())
            .collect::<Vec<_>>()
            .join("")
    };
    assert!(marked(&app).contains("5%左右"), "{}", marked(&app));
    // Tab: Enter opens the outcome, in the next year's report.
    act(&mut app, &[Action::Figures, Action::Targets]);
    app.wait_for_views();
    app.layer_mut::<TargetsView>().expect("view").selected = at;
    act(&mut app, &[Action::TargetsSide, Action::Open]);
    assert_eq!(
        app.reader.report,
        Some(report_index(&app, "2024_江城市.txt"))
    );
    assert!(marked(&app).contains("5.2%"), "{}", marked(&app));
}

/// A report of a province named `province`, reviewing `year - 1`
/// (`headings`: the review's and the plan's) and planning `year`.
fn hebei(
    year: u16,
    province: &str,
    headings: [&'static str; 2],
    review: &str,
    plan: &str,
) -> Report {
    let first = format!("一、{}", headings[0]);
    let second = format!("二、{}", headings[1]);
    build(
        &format!("{year}_{province}.txt"),
        meta(
            &format!("{year}年政府工作报告"),
            province,
            None,
            year,
            Level::Provincial,
        ),
        &[
            &format!("{year}年政府工作报告"),
            &first,
            review,
            &second,
            plan,
        ],
        &[
            head(1, "一、", headings[0], 1),
            head(3, "二、", headings[1], 1),
        ],
    )
}

#[test]
fn a_place_however_its_reports_name_it() {
    let corpus = Corpus {
        reports: vec![
            hebei(
                2024,
                "河北",
                ["2023年工作回顾", "2024年工作安排"],
                "全省生产总值增长5.5%。",
                "全省生产总值增长5.5%左右。",
            ),
            hebei(
                2025,
                "河北省",
                ["2024年工作回顾", "2025年工作安排"],
                "全省生产总值增长5.4%。",
                "全省生产总值增长5%左右。",
            ),
        ],
        problems: Vec::new(),
    };
    let mut app = app_with(corpus, Settings::default(), MemoryStore::default(), 100, 30);
    app.open_report(1);
    act(&mut app, &[Action::PlaceTargets]);
    app.wait_for_views();
    let view = targets(&app);
    assert_eq!(view.scope, TargetsScope::Place("河北省".into()));
    let row = view
        .rows
        .iter()
        .find(|r| r.year == 2024 && r.kind == Kind::Change)
        .expect("2024 growth, target and outcome");
    assert_eq!(
        row.target.as_ref().map(|s| s.raw.as_str()),
        Some("5.5%左右")
    );
    assert_eq!(row.outcome.as_ref().map(|s| s.raw.as_str()), Some("5.4%"));
    assert_eq!(row.met(), Some(true));
}

fn national() -> App {
    let corpus = load_paths(&[fixture("tests/fixtures/corpus/national")]);
    assert!(corpus.problems.is_empty(), "{:?}", corpus.problems);
    app_with(corpus, Settings::default(), MemoryStore::default(), 120, 40)
}

fn fixture(path: &str) -> std::path::PathBuf {
    std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(path)
}

/// The chart across reports opened from report `file`'s first figure of
/// `indicator` (of `kind`, and `status` when given), every report read;
/// the report's index.
fn open_chart(
    app: &mut App,
    file: &str,
    indicator: &str,
    kind: Kind,
    status: Option<Status>,
) -> usize {
    let ri = report_index(app, file);
    select(app, ri, indicator, kind, status);
    act(app, &[Action::FigureAcross]);
    app.wait_for_views();
    ri
}

/// The national reports, the chart of 国内生产总值 growth open on the
/// outcome the 2024 report states.
fn national_growth_chart() -> App {
    let mut app = national();
    let growth = (Kind::Change, Some(Status::Actual));
    open_chart(
        &mut app,
        "2024_全国_国务院.txt",
        "国内生产总值",
        growth.0,
        growth.1,
    );
    app
}

#[test]
fn the_indicator_in_every_place_from_the_chart_and_back() {
    let mut app = national_growth_chart();
    act(&mut app, &[Action::Targets]);
    // The view opens at once: the reports are read on a worker.
    assert_eq!(app.view(), Some(LayerKind::Targets));
    app.wait_for_views();
    let view = targets(&app);
    assert!(
        matches!(&view.scope, TargetsScope::Indicator { names, kind: Kind::Change, unit: "%" } if names.contains(&"国内生产总值")),
        "{:?}",
        view.scope
    );
    // Furthest past the target first; 2022 (5.5%左右 aimed at, 3% reached)
    // the furthest short.
    let margins: Vec<f64> = view.rows.iter().map_while(|r| r.margin()).collect();
    assert!(margins.len() >= 19, "{margins:?}");
    assert!(margins.windows(2).all(|w| w[0] >= w[1]), "{margins:?}");
    assert_eq!(view.rows[margins.len() - 1].year, 2022);
    // Opened on the place of the chart's row.
    assert_eq!(view.selected_row().map(|r| r.place.as_str()), Some("全国"));
    let screen = screen(&mut app, 120, 40);
    assert!(
        screen.contains("国内生产总值 (%, change) in every place"),
        "{screen}"
    );

    // `o`: every indicator of the row's place; Esc: back to the indicator.
    act(&mut app, &[Action::TargetsOther]);
    app.wait_for_views();
    assert_eq!(targets(&app).scope, TargetsScope::Place("全国".into()));
    let kinds: std::collections::BTreeSet<&str> =
        targets(&app).rows.iter().map(|r| r.indicator).collect();
    assert!(kinds.len() >= 5, "{kinds:?}");
    act(&mut app, &[Action::Back]);
    app.wait_for_views();
    assert!(matches!(
        targets(&app).scope,
        TargetsScope::Indicator { .. }
    ));
    // Esc again closes it: the chart is there again.
    act(&mut app, &[Action::Back]);
    assert_eq!(app.view(), Some(LayerKind::Chart));
}

// ---- the chart across reports, grouped by when -----------------------------------

/// The repro: 地区生产总值 growth from the 2026 北京 report. Its
/// 2025 result is ranked with the other provinces' 2025 results only,
/// never with their 2026 targets, and the chart opens on that group.
#[test]
fn the_chart_never_ranks_outcomes_with_targets() {
    let mut app = app_with(
        load_builtin(),
        Settings::default(),
        MemoryStore::default(),
        100,
        36,
    );
    let ri = open_chart(
        &mut app,
        "2026_北京市.txt",
        "地区生产总值",
        Kind::Change,
        Some(Status::Actual),
    );
    let chart = app.layer::<FigureChart>().expect("chart");
    let first = &chart.groups[0];
    assert_eq!(first.label(), "2025 实绩 · %, change");
    assert!(first.rows.iter().any(|r| r.report == ri));
    assert!(chart
        .groups
        .iter()
        .any(|g| g.label() == "2026 目标 · %, change" && g.rows.len() > 5));
    for g in &chart.groups {
        let figures: Vec<_> = g
            .rows
            .iter()
            .filter_map(|r| chart.figure(r.report, r.figure))
            .collect();
        assert!(figures
            .iter()
            .all(|f| (f.figure.status, f.figure.period) == (g.status, g.period)));
    }
    insta::assert_snapshot!("chart_groups_100x36", screen(&mut app, 100, 36));
}

/// Amounts are written the way reports write them, never in raw digits.
#[test]
fn the_chart_writes_values_compactly() {
    let mut app = app_with(
        load_builtin(),
        Settings::default(),
        MemoryStore::default(),
        100,
        36,
    );
    open_chart(
        &mut app,
        "2026_北京市.txt",
        "地区生产总值",
        Kind::Level,
        None,
    );
    let screen = screen(&mut app, 100, 36);
    assert!(screen.contains("万亿元"), "{screen}");
    assert!(!screen.contains(",000,"), "{screen}");
    insta::assert_snapshot!("chart_levels_100x36", screen);
}

// ---- snapshots and small screens ---------------------------------------------------

#[test]
fn targets_snapshots() {
    for (w, h) in [(80, 24), (120, 30)] {
        let mut app = city(w, h);
        act(&mut app, &[Action::Figures, Action::Targets]);
        app.wait_for_views();
        insta::assert_snapshot!(format!("place_{w}x{h}"), screen(&mut app, w, h));
    }
    let mut app = national_growth_chart();
    act(&mut app, &[Action::Targets, Action::Top]);
    app.wait_for_views();
    insta::assert_snapshot!("indicator_120x40", screen(&mut app, 120, 40));
}

#[test]
fn tiny_screens_never_panic_and_hostile_names_are_drawn_safe() {
    // A place name with a control character and a bidi override.
    let hostile = || {
        let mut c = city_corpus();
        for r in &mut c.reports {
            if r.meta.city.as_deref() == Some("江城市") {
                r.meta.city = Some("江\u{1b}[31m城\u{202e}市".into());
            }
        }
        c
    };
    for (w, h) in [(10, 5), (1, 1), (29, 7), (35, 10), (61, 9), (80, 24)] {
        let mut app = app_with(hostile(), Settings::default(), MemoryStore::default(), w, h);
        open_city(&mut app);
        act(&mut app, &[Action::Figures, Action::Targets]);
        app.wait_for_views();
        let shown = render(&app, w, h);
        assert!(
            !shown.contains('\u{1b}') && !shown.contains('\u{202e}'),
            "{shown:?}"
        );
        act(
            &mut app,
            &[Action::Bottom, Action::TargetsSide, Action::TargetsOther],
        );
        app.wait_for_views();
        let _ = render(&app, w, h);
        app.update(Msg::Key(Key::plain(gwr::tui::keymap::KeyCode::Enter)));
        let _ = render(&app, w, h);
    }
    let mut app = city(10, 5);
    act(&mut app, &[Action::Figures, Action::Targets]);
    app.wait_for_views();
    insta::assert_snapshot!("targets_10x5", render(&app, 10, 5));
}
