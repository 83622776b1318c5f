//! Topics in the reader, headless: `>`/`<` along a topic in list order,
//! the topic view, the compare view (default partner, sides, scrolling
//! apart and together, the shared-figure strip); render snapshots.

mod tui_support;

use gwr::cli::output::Cell;
use gwr::cli::sections::{table, Query};
use gwr::corpus::{self, Corpus};
use gwr::figures::{self, compare::in_paragraphs};
use gwr::report::{Level, Report};
use gwr::topics::{
    comparable, next_report_with_topic, Direction, Hit, ReportTopics, SectionType, Taxonomy,
    TopicId,
};
use gwr::tui::app::{App, Msg, Settings};
use gwr::tui::compare::{strip_lines, ComparePicker, CompareState, SideId};
use gwr::tui::keymap::Key;
use gwr::tui::layer::LayerKind;
use gwr::tui::marks::{MarkKind, MarkLayer};
use gwr::tui::memory::MemoryStore;
use gwr::tui::topic_view::{TopicPicker, TopicView};
use std::collections::{BTreeSet, HashMap};
use std::sync::OnceLock;
use tui_support::*;

fn builtin() -> Corpus {
    corpus::load_builtin()
}

fn classified() -> &'static (Corpus, Vec<ReportTopics>) {
    static C: OnceLock<(Corpus, Vec<ReportTopics>)> = OnceLock::new();
    C.get_or_init(|| {
        let c = builtin();
        let t = Taxonomy::builtin().classify_all(&c.reports);
        (c, t)
    })
}

/// The built-in corpus with its topics classified (by a worker thread).
fn builtin_app(w: u16, h: u16) -> App {
    let mut app = app_with(builtin(), Settings::default(), MemoryStore::default(), w, h);
    app.wait_for_topics();
    app
}

/// Type keys, each time waiting as a user would for the topic view and the
/// compare picker to fill in (they are gathered on a worker thread).
fn press(app: &mut App, keys: &str) {
    for c in keys.chars() {
        app.update(Msg::Key(Key::char(c)));
        wait_for_views(app);
    }
}

fn press_key(app: &mut App, code: gwr::tui::keymap::KeyCode) {
    app.update(Msg::Key(Key::plain(code)));
    wait_for_views(app);
}

fn wait_for_views(app: &mut App) {
    app.wait_for_views();
}

fn environment() -> TopicId {
    Taxonomy::builtin()
        .find_topic("生态环境")
        .expect("the built-in taxonomy has 生态环境")
}

/// The first provincial report in list order with an environment section
/// in `part`, and that section's place.
fn provincial_environment(app: &App, part: SectionType) -> (usize, Hit) {
    let (corpus, topics) = classified();
    app.list_order()
        .into_iter()
        .find_map(|r| {
            let report = &corpus.reports[r];
            if report.meta.level != Some(Level::Provincial) {
                return None;
            }
            let hit = topics[r].best(report, environment(), Some(part))?;
            hit.section.map(|_| (r, hit))
        })
        .expect("a provincial report treats the environment")
}

fn provincial_environment_review(app: &App) -> (usize, Hit) {
    provincial_environment(app, SectionType::Review)
}

/// Reports permuted into list order, for the model's own walk.
fn in_list_order(app: &App) -> (Vec<Report>, Vec<ReportTopics>) {
    let (corpus, topics) = classified();
    let order = app.list_order();
    (
        order.iter().map(|&r| corpus.reports[r].clone()).collect(),
        order.iter().map(|&r| topics[r].clone()).collect(),
    )
}

fn target_paragraph(app: &App) -> Option<usize> {
    app.reader
        .marks
        .layer(MarkLayer::Target)
        .first()
        .map(|m| m.paragraph)
}

#[test]
fn next_and_previous_follow_the_topic_in_list_order() {
    let mut app = builtin_app(120, 40);
    let (start, hit) = provincial_environment_review(&app);
    app.reveal(start, hit.paragraph, hit.range.clone());
    assert_eq!(app.focus_section(), hit.section);

    let order = app.list_order();
    let (reports, topics) = in_list_order(&app);
    let at = order.iter().position(|&r| r == start).unwrap();
    let part = Some(SectionType::Review);
    let (next_pos, next_hit) =
        next_report_with_topic(&reports, &topics, at, environment(), part, Direction::Next)
            .expect("another report reviews the environment");
    let with = topics
        .iter()
        .zip(&reports)
        .filter(|(t, r)| t.best(r, environment(), part).is_some())
        .count();

    press(&mut app, ">");
    assert_eq!(app.reader.report, Some(order[next_pos]));
    assert_eq!(target_paragraph(&app), Some(next_hit.paragraph));
    assert_eq!(
        app.message.as_deref(),
        Some(format!("生态环境 · 回顾 · {with}/{} reports", order.len()).as_str())
    );
    // The heading lands in view, near the top, as the section being read.
    assert_eq!(app.focus_section(), next_hit.section);

    press(&mut app, "<");
    assert_eq!(app.reader.report, Some(start));
    assert_eq!(target_paragraph(&app), Some(hit.paragraph));

    // From the last report of the list that has it, `>` wraps to the first.
    let having: Vec<usize> = (0..order.len())
        .filter(|&i| topics[i].best(&reports[i], environment(), part).is_some())
        .collect();
    let (first, last) = (having[0], *having.last().unwrap());
    let last_hit = topics[last]
        .best(&reports[last], environment(), part)
        .unwrap();
    app.reveal(order[last], last_hit.paragraph, last_hit.range.clone());
    press(&mut app, ">");
    assert_eq!(app.reader.report, Some(order[first]));
    press(&mut app, "<");
    assert_eq!(app.reader.report, Some(order[last]));
}

#[test]
fn the_list_order_is_the_one_the_user_sees() {
    let mut app = builtin_app(120, 40);
    // Sorted by place instead of year: `>` follows the new order.
    press_key(&mut app, gwr::tui::keymap::KeyCode::Tab);
    press(&mut app, "ss");
    press_key(&mut app, gwr::tui::keymap::KeyCode::Esc);
    let (start, hit) = provincial_environment_review(&app);
    app.reveal(start, hit.paragraph, hit.range.clone());
    let order = app.list_order();
    let (reports, topics) = in_list_order(&app);
    let at = order.iter().position(|&r| r == start).unwrap();
    let expected = next_report_with_topic(
        &reports,
        &topics,
        at,
        environment(),
        Some(SectionType::Review),
        Direction::Next,
    )
    .map(|(p, _)| order[p]);
    press(&mut app, ">");
    assert_eq!(app.reader.report, expected);
}

#[test]
fn a_message_when_no_other_report_has_the_topic() {
    let mut a = app(120, 40);
    open_city(&mut a);
    // The city report's review: 生态环境更加优美 (its only environment
    // section; the provincial reports have none).
    let section = a
        .report(1)
        .unwrap()
        .sections
        .iter()
        .position(|s| s.title == "生态环境更加优美")
        .unwrap();
    let p = a.report(1).unwrap().sections[section].paragraph;
    a.reveal(1, p, 0..3);
    let topics = Taxonomy::builtin().classify(&a.report(1).unwrap());
    assert_eq!(topics.sections[section].primary, Some(environment()));
    press(&mut a, ">");
    assert_eq!(a.reader.report, Some(1));
    let msg = a.message.clone().unwrap_or_default();
    assert!(msg.starts_with("No other report has 生态环境"), "{msg}");
}

#[test]
fn topic_view_lists_the_rows_of_gwr_sections() {
    let mut app = builtin_app(120, 40);
    let (start, hit) = provincial_environment_review(&app);
    app.reveal(start, hit.paragraph, hit.range.clone());
    press(&mut app, "T");
    assert_eq!(app.view(), Some(LayerKind::TopicView));
    let view = app.layer::<TopicView>().unwrap();
    assert_eq!(view.topic, Some(environment()));

    let (corpus, _) = classified();
    let query = Query::new(Taxonomy::builtin(), Some("生态环境"), None).unwrap();
    let cli = table(corpus, &query);
    let mut expected: Vec<(String, i64, String)> = cli
        .rows
        .iter()
        .map(|row| match (&row[0], &row[2], &row[4]) {
            (Cell::Text(f), Cell::Int(l), Cell::Text(t)) => (f.clone(), *l, t.clone()),
            other => panic!("unexpected cells {other:?}"),
        })
        .collect();
    // A row is a section (at its heading) or a passage of one (where it
    // starts, called by its opening words).
    let mut got: Vec<(String, i64, String)> = view
        .rows
        .iter()
        .map(|r| {
            let report = &corpus.reports[r.report];
            let s = &report.sections[r.section];
            let line = report.paragraphs[r.paragraph].line_at(r.heading.start);
            let title = if (s.paragraph, &s.heading) == (r.paragraph, &r.heading) {
                s.title.clone()
            } else {
                r.title.clone()
            };
            (report.file.clone(), line as i64, title)
        })
        .collect();
    assert!(!got.is_empty());
    // The view lists them in list order; the command line in file order.
    let order = app.list_order();
    let rank: HashMap<usize, usize> = order.iter().enumerate().map(|(i, &r)| (r, i)).collect();
    let ranks: Vec<usize> = view.rows.iter().map(|r| rank[&r.report]).collect();
    assert!(ranks.windows(2).all(|w| w[0] <= w[1]), "list order");
    expected.sort();
    got.sort();
    assert_eq!(got, expected);

    // Length and figure count of the section being read.
    let row = &view.rows[view.selected];
    assert_eq!((row.report, Some(row.section)), (start, hit.section));
    let report = &corpus.reports[start];
    let sec = &report.sections[row.section];
    let chars: usize = report.paragraphs[sec.paragraphs.clone()]
        .iter()
        .map(|p| p.text.chars().count())
        .sum();
    assert_eq!(row.chars, chars);
    let figs = figures::extract_report(report);
    assert_eq!(
        row.figures,
        figs.iter()
            .filter(|f| sec.paragraphs.contains(&f.paragraph))
            .count()
    );

    // Enter opens the chosen row's section.
    press(&mut app, "j");
    let row = app.layer::<TopicView>().unwrap().rows[1].clone();
    press_key(&mut app, gwr::tui::keymap::KeyCode::Enter);
    assert_eq!(app.view(), None);
    assert_eq!(app.reader.report, Some(row.report));
    assert_eq!(target_paragraph(&app), Some(row.paragraph));
}

#[test]
fn topic_view_picks_another_topic_by_typing() {
    let mut app = builtin_app(80, 24);
    let (start, hit) = provincial_environment_review(&app);
    app.reveal(start, hit.paragraph, hit.range.clone());
    press(&mut app, "T/");
    assert!(app.layer::<TopicPicker>().is_some());
    press(&mut app, "教育");
    press_key(&mut app, gwr::tui::keymap::KeyCode::Enter);
    let view = app.layer::<TopicView>().unwrap();
    assert!(app.layer::<TopicPicker>().is_none());
    let education = Taxonomy::builtin().find_topic("教育").unwrap();
    assert_eq!(view.topic, Some(education));
    let (corpus, topics) = classified();
    for r in &view.rows {
        // Every row is a place that carries education: a section, or a
        // passage of one.
        let place = topics[r.report]
            .places
            .iter()
            .find(|p| p.paragraph == r.paragraph && p.range == r.heading)
            .expect("a place");
        assert!(place.score(education).is_some());
        assert_eq!(place.section, Some(r.section));
        assert!(r.report < corpus.reports.len());
    }
    press_key(&mut app, gwr::tui::keymap::KeyCode::Esc);
    assert_eq!(app.view(), None);
}

/// Canonical indicators stated in `paragraphs` of `report`.
fn canonical_in(report: &Report, paragraphs: std::ops::Range<usize>) -> BTreeSet<&'static str> {
    let figs = figures::extract_report(report);
    in_paragraphs(&figs, paragraphs)
        .iter()
        .filter_map(|f| f.figure.canonical)
        .collect()
}

fn open_compare_on_environment(w: u16, h: u16) -> (App, usize, Hit) {
    open_compare_on(w, h, SectionType::Review)
}

fn open_compare_on(w: u16, h: u16, part: SectionType) -> (App, usize, Hit) {
    let mut app = builtin_app(w, h);
    let (start, hit) = provincial_environment(&app, part);
    app.reveal(start, hit.paragraph, hit.range.clone());
    press(&mut app, "c");
    assert_eq!(app.view(), Some(LayerKind::Compare));
    (app, start, hit)
}

#[test]
fn compare_defaults_to_the_next_report_with_the_topic() {
    let (app, start, hit) = open_compare_on_environment(80, 24);
    let state = app.layer::<CompareState>().unwrap();
    assert_eq!(state.left.report, start);
    assert_eq!(state.left.section, hit.section);
    assert_eq!(state.topic, Some(environment()));

    let (corpus, topics) = classified();
    let best: HashMap<usize, Hit> =
        comparable(&corpus.reports, topics, start, hit.section.unwrap())
            .into_iter()
            .map(|c| (c.report, c.hit))
            .collect();
    let order = app.list_order();
    let at = order.iter().position(|&r| r == start).unwrap();
    let partner = (1..order.len())
        .map(|k| order[(at + k) % order.len()])
        .find(|r| best.contains_key(r))
        .expect("a partner");
    let right = state.right.as_ref().expect("a right side");
    assert_eq!(right.report, partner);
    assert_eq!(right.section, best[&partner].section);
    assert_ne!(right.report, state.left.report);
}

#[test]
fn compare_scrolls_apart_and_together() {
    use gwr::tui::keymap::KeyCode;
    // This year's tasks at 80x16: both sides (the partner is 天津's
    // environment passage, one paragraph) are longer than the pane.
    let (mut app, _, _) = open_compare_on(80, 16, SectionType::Tasks);
    let rows = |app: &App| {
        (
            app.compare_top_row(SideId::Left).unwrap(),
            app.compare_top_row(SideId::Right).unwrap(),
        )
    };
    assert_eq!(rows(&app), (0, 0));
    assert!(app.compare_percent(SideId::Left).unwrap() < 100);
    // How far each side can scroll.
    press(&mut app, "G");
    assert_eq!(app.compare_percent(SideId::Left), Some(100));
    press_key(&mut app, KeyCode::Tab);
    press(&mut app, "G");
    let (max_left, max_right) = rows(&app);
    assert!(
        max_left >= 6 && max_right >= 6,
        "both sides scroll: {max_left} {max_right}"
    );
    press(&mut app, "g");
    press_key(&mut app, KeyCode::Tab);
    press(&mut app, "g");
    assert_eq!(rows(&app), (0, 0));
    assert_eq!(app.layer::<CompareState>().unwrap().active, SideId::Left);

    // The left side first: only it moves.
    press(&mut app, "jj");
    assert_eq!(rows(&app), (2, 0));
    // Tab: the right side.
    press_key(&mut app, KeyCode::Tab);
    assert_eq!(app.layer::<CompareState>().unwrap().active, SideId::Right);
    press(&mut app, "jjj");
    assert_eq!(rows(&app), (2, 3));
    press(&mut app, "k");
    assert_eq!(rows(&app), (2, 2));
    // Together: both move by the same rows.
    press(&mut app, "s");
    assert!(app.layer::<CompareState>().unwrap().sync);
    press(&mut app, "jjj");
    assert_eq!(rows(&app), (5, 5));
    press(&mut app, "k");
    assert_eq!(rows(&app), (4, 4));
    // A page down on both, each stopping at its own end.
    app.update(Msg::Key(Key::ctrl('d')));
    let (l, r) = rows(&app);
    let step = (l - 4).max(r - 4);
    assert!(step > 1);
    assert_eq!(
        (l - 4, r - 4),
        (step.min(max_left - 4), step.min(max_right - 4))
    );
    press(&mut app, "g");
    assert_eq!(rows(&app), (0, 0));
    // Apart again.
    press(&mut app, "s");
    press(&mut app, "j");
    assert_eq!(rows(&app), (0, 1));
    // Enter opens the active (right) side's section in the reader.
    let right = app.layer::<CompareState>().unwrap().right.clone().unwrap();
    press_key(&mut app, KeyCode::Enter);
    assert_eq!(app.view(), None);
    assert_eq!(app.reader.report, Some(right.report));
    assert!(app.layer::<CompareState>().is_none());
}

#[test]
fn the_strip_lists_exactly_the_indicators_on_both_sides() {
    for (w, h) in [(80, 24), (160, 48)] {
        let (app, _, _) = open_compare_on_environment(w, h);
        let state = app.layer::<CompareState>().unwrap();
        let (corpus, _) = classified();
        let right = state.right.as_ref().unwrap();
        let left_set = canonical_in(
            &corpus.reports[state.left.report],
            state.left.paragraphs.clone(),
        );
        let right_set = canonical_in(&corpus.reports[right.report], right.paragraphs.clone());
        let expected: BTreeSet<&str> = left_set.intersection(&right_set).copied().collect();
        let got: BTreeSet<&str> = state.shared.iter().map(|s| s.name).collect();
        assert_eq!(got, expected);
        assert_eq!(got.len(), state.shared.len(), "each indicator once");
        // Every shared figure is marked on its side, and only those.
        for side in [&state.left, right] {
            let marked = side.marks.layer(MarkLayer::Compare);
            let shared_figs = side
                .figures
                .iter()
                .filter(|f| f.figure.canonical.is_some_and(|c| expected.contains(c)))
                .count();
            assert_eq!(marked.len(), shared_figs);
            assert!(marked.iter().all(|m| m.kind == MarkKind::SharedFigure));
        }
        let lines = strip_lines(&app, state, 200, w >= 120).join("\n");
        for name in &expected {
            assert!(lines.contains(name), "{name} in {lines}");
        }
    }
}

#[test]
fn compare_picker_chooses_the_other_side_by_typing() {
    use gwr::tui::keymap::KeyCode;
    let (mut app, start, _) = open_compare_on_environment(120, 40);
    press(&mut app, "p");
    let picker = app.layer::<ComparePicker>().unwrap().picker.clone();
    assert!(picker.items.iter().all(|c| c.report != start));
    // Type a place name: only that report's places remain.
    let (corpus, _) = classified();
    let wanted = picker
        .items
        .iter()
        .map(|c| c.report)
        .find(|&r| {
            r != app
                .layer::<CompareState>()
                .unwrap()
                .right
                .as_ref()
                .unwrap()
                .report
        })
        .expect("another candidate report");
    let place = corpus.reports[wanted].meta.province.clone().unwrap();
    for c in place.chars() {
        app.update(Msg::Key(Key::char(c)));
    }
    let picker = app.layer::<ComparePicker>().unwrap().picker.clone();
    assert!(!picker.shown.is_empty());
    assert!(picker
        .shown
        .iter()
        .all(|&i| picker.items[i].label.contains(&place)));
    press_key(&mut app, KeyCode::Enter);
    let state = app.layer::<CompareState>().unwrap();
    assert!(app.layer::<ComparePicker>().is_none());
    assert_eq!(state.right.as_ref().unwrap().report, wanted);
    assert_eq!(state.active, SideId::Right);
    // Esc closes the view.
    press_key(&mut app, KeyCode::Esc);
    assert_eq!(app.view(), None);
}

#[test]
fn compare_renders_stacked_at_80_and_side_by_side_at_160() {
    let (app, _, _) = open_compare_on_environment(80, 24);
    let text = render(&app, 80, 24);
    assert!(text.contains("Shared figures"), "{text}");
    insta::assert_snapshot!("compare_80x24", text);
    let (app, _, _) = open_compare_on_environment(160, 48);
    let text = render(&app, 160, 48);
    insta::assert_snapshot!("compare_160x48", text);
}

#[test]
fn topic_view_renders() {
    let mut app = builtin_app(80, 24);
    let (start, hit) = provincial_environment_review(&app);
    app.reveal(start, hit.paragraph, hit.range.clone());
    press(&mut app, "T");
    insta::assert_snapshot!("topic_view_80x24", render(&app, 80, 24));
    press(&mut app, "/");
    insta::assert_snapshot!("topic_picker_80x24", render(&app, 80, 24));
}

/// At each tiny size a user sees the compare view's topic in the status
/// line (and its strip once it has borders), the picker's title and filter
/// box, the topic view's title or header, and the topic picker; the cursor
/// is always on the screen.
#[test]
fn tiny_terminals_do_not_panic() {
    for (w, h) in [(10, 5), (1, 1), (29, 7), (80, 24), (119, 30), (120, 10)] {
        let (mut app, _, _) = open_compare_on_environment(w, h);
        // The view has borders from 30x8 of room above the status line.
        let main = gwr::tui::compare::main_area(ratatui::layout::Rect::new(0, 0, w, h), &app);
        let bordered = main.width >= 30 && main.height >= 8;
        let s = seen(&app, w, h);
        if let (Some(row), true) = (&s.status, w >= 5) {
            assert!(row.contains("生态"), "{w}x{h}: {row:?}");
        }
        if bordered {
            assert!(s.shows("Shared figures"), "{w}x{h}: {:?}", s.rows);
        }
        press(&mut app, "jsjGp");
        let s = seen(&app, w, h);
        if w >= 10 {
            assert!(s.shows("┌ Compare"), "{w}x{h}: {:?}", s.rows);
        }
        if w >= 10 && h >= 3 {
            assert!(s.shows("Filter:"), "{w}x{h}: {:?}", s.rows);
        }
        press_key(&mut app, gwr::tui::keymap::KeyCode::Esc);
        press_key(&mut app, gwr::tui::keymap::KeyCode::Esc);
        press(&mut app, "T");
        let s = seen(&app, w, h);
        if bordered {
            assert!(
                s.rows[0].contains("Topic: 生态环境"),
                "{w}x{h}: {:?}",
                s.rows
            );
        } else if w >= 6 {
            assert!(s.rows[0].starts_with("Report"), "{w}x{h}: {:?}", s.rows);
        }
        press(&mut app, "/x");
        let s = seen(&app, w, h);
        if w >= 9 {
            assert!(s.shows("┌ Topic"), "{w}x{h}: {:?}", s.rows);
        }
        if let (Some(row), true) = (&s.status, w >= 8) {
            assert!(row.starts_with(" Type to"), "{w}x{h}: {row:?}");
        }
        let wider = w.saturating_add(50);
        app.update(Msg::Resize(wider, h));
        let s = seen(&app, wider, h);
        assert!(s.shows("┌ Topic"), "{wider}x{h}: {:?}", s.rows);
        if h >= 3 {
            assert!(s.shows("Filter: x"), "{wider}x{h}: {:?}", s.rows);
        }
    }
}

#[test]
fn a_reload_closes_the_views() {
    let (mut app, _, _) = open_compare_on_environment(120, 40);
    app.update(Msg::Loaded(Box::new(builtin().into())));
    assert_eq!(app.view(), None);
    assert!(app.layer::<CompareState>().is_none());
    press(&mut app, "T");
    assert_eq!(app.view(), Some(LayerKind::TopicView));
    app.update(Msg::Loaded(Box::new(builtin().into())));
    assert_eq!(app.view(), None);
}

#[test]
fn compare_and_topic_view_at_10x5() {
    let (app, _, _) = open_compare_on_environment(10, 5);
    insta::assert_snapshot!("compare_10x5", render(&app, 10, 5));
    let mut app = builtin_app(10, 5);
    let (start, hit) = provincial_environment_review(&app);
    app.reveal(start, hit.paragraph, hit.range.clone());
    press(&mut app, "T");
    insta::assert_snapshot!("topic_view_10x5", render(&app, 10, 5));
}

mod arbitrary_keys {
    use super::*;
    use proptest::prelude::*;

    fn key() -> impl Strategy<Value = Key> {
        prop_oneof![
            prop::sample::select(vec![
                '>', '<', 'c', 'T', 's', 'p', '/', 'j', 'k', 'g', 'G', 'q', '生', '态', '浙',
                '\u{1b}', '\u{7}', ' ', 'x'
            ])
            .prop_map(Key::char),
            prop::sample::select(vec![
                gwr::tui::keymap::KeyCode::Enter,
                gwr::tui::keymap::KeyCode::Esc,
                gwr::tui::keymap::KeyCode::Tab,
                gwr::tui::keymap::KeyCode::Backspace,
                gwr::tui::keymap::KeyCode::Down,
                gwr::tui::keymap::KeyCode::Up,
                gwr::tui::keymap::KeyCode::PageDown,
                gwr::tui::keymap::KeyCode::End,
            ])
            .prop_map(Key::plain),
            Just(Key::ctrl('d')),
        ]
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(40))]
        /// Any keys at any size on the hand-built corpus: no panic; the
        /// compare sides stay inside their sections and the selections
        /// inside their lists.
        #[test]
        fn any_keys_any_size(keys in prop::collection::vec(key(), 0..40), w in 1u16..170, h in 1u16..50) {
            let mut a = app(w, h);
            open_city(&mut a);
            a.reveal(1, 7, 0..3);
            for k in keys {
                a.update(Msg::Key(k));
                if let Some(s) = a.layer::<CompareState>() {
                    prop_assert_ne!(s.right.as_ref().map(|r| r.report), Some(s.left.report));
                    for side in [Some(&s.left), s.right.as_ref()].into_iter().flatten() {
                        prop_assert!(side.paragraphs.contains(&side.anchor.paragraph));
                    }
                    if let Some(p) = a.layer::<ComparePicker>().map(|p| &p.picker) {
                        prop_assert!(p.shown.is_empty() || p.selected < p.shown.len());
                    }
                }
                if let Some(v) = a.layer::<TopicView>() {
                    prop_assert!(v.rows.is_empty() || v.selected < v.rows.len());
                }
                let _ = render(&a, w, h);
            }
        }
    }
}

#[test]
fn help_over_compare_and_topic_view_shows_their_keys_and_returns_to_them() {
    let (mut app, _, _) = open_compare_on_environment(120, 40);
    let sides = app
        .layer::<CompareState>()
        .map(|c| (c.left.report, c.right.as_ref().map(|r| r.report)));
    press(&mut app, "?");
    assert_eq!(app.view(), Some(LayerKind::Help));
    let text = render(&app, 120, 40);
    // Help opens scrolled to the view's keys (at the top they are off screen).
    assert!(text.contains("Compare view"), "{text}");
    assert!(!text.contains("Report list"), "{text}");
    press_key(&mut app, gwr::tui::keymap::KeyCode::Esc);
    assert_eq!(app.view(), Some(LayerKind::Compare));
    let after = app
        .layer::<CompareState>()
        .map(|c| (c.left.report, c.right.as_ref().map(|r| r.report)));
    assert_eq!(after, sides, "the same two sides");

    press_key(&mut app, gwr::tui::keymap::KeyCode::Esc);
    press(&mut app, "T");
    assert_eq!(app.view(), Some(LayerKind::TopicView));
    press(&mut app, "?");
    let text = render(&app, 120, 40);
    assert!(text.contains("Topic view"), "{text}");
    press(&mut app, "?");
    assert_eq!(app.view(), Some(LayerKind::TopicView));
}

/// Many reports: gathering a topic's sections (or the compare picker's
/// places) takes far longer than a key. The view opens at once, says how
/// far it has read, keys keep working, and closing it stops the walk.
#[test]
fn topic_view_and_compare_picker_fill_in_while_keys_keep_working() {
    use gwr::tui::keymap::KeyCode;
    let mut reports = Vec::new();
    for copy in 0..6 {
        for mut r in builtin().reports {
            r.file = format!("copy{copy}/{}", r.file);
            reports.push(r);
        }
    }
    let corpus = Corpus {
        reports,
        problems: Vec::new(),
    };
    let mut app = app_with(corpus, Settings::default(), MemoryStore::default(), 120, 40);
    let (start, hit) = provincial_environment_review(&app);
    app.reveal(start, hit.paragraph, hit.range.clone());

    app.update(Msg::Key(Key::char('T')));
    assert_eq!(app.view(), Some(LayerKind::TopicView));
    let (walked, total) = app
        .layer::<TopicView>()
        .unwrap()
        .progress()
        .expect("gathering");
    assert!(walked < total, "{walked}/{total}");
    assert!(app.working(), "the event loop keeps drawing what arrives");
    let text = render(&app, 120, 40);
    assert!(text.contains("reports read"), "{text}");
    app.update(Msg::Key(Key::plain(KeyCode::Esc)));
    assert_eq!(app.view(), None, "Esc closes the view at once");
    assert!(!app.working(), "and stops the walk");

    // The compare picker (`c` then `p`) alike.
    app.update(Msg::Key(Key::char('c')));
    assert_eq!(app.view(), Some(LayerKind::Compare));
    app.update(Msg::Key(Key::char('p')));
    assert!(app.layer::<CompareState>().is_some());
    assert!(app.layer::<ComparePicker>().is_some());
    assert!(app.working());
    assert!(render(&app, 120, 40).contains("reports read"));
    app.update(Msg::Key(Key::plain(KeyCode::Esc)));
    assert!(app.layer::<CompareState>().is_some());
    assert!(app.layer::<ComparePicker>().is_none());
    assert!(!app.working());
}
