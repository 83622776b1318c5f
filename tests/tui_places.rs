//! The reader with headings inside paragraphs and topics on passages:
//! `]`/`[` and the outline pane land on a heading where it stands in its
//! paragraph, the outline follows it, and `>` lands on a passage where no
//! section is about the topic.

mod tui_support;

use gwr::corpus::{self, Corpus};
use gwr::report::Report;
use gwr::topics::{PlaceKind, SectionType, Taxonomy};
use gwr::tui::action::Action;
use gwr::tui::app::{App, Msg, Pane, Settings};
use gwr::tui::marks::MarkLayer;
use gwr::tui::memory::MemoryStore;
use gwr::tui::reader::Anchor;
use tui_support::*;

fn act(app: &mut App, actions: &[Action]) {
    for &a in actions {
        app.update(Msg::Action(a));
    }
}

fn load(rel: &str) -> Report {
    let path = format!("{}/{rel}", env!("CARGO_MANIFEST_DIR"));
    let bytes = std::fs::read(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
    let name = rel.rsplit('/').next().unwrap_or(rel);
    corpus::parse_report(name, None, &bytes).unwrap_or_else(|e| panic!("{path}: {e}"))
}

fn section(report: &Report, title: &str) -> usize {
    report
        .sections
        .iter()
        .position(|s| s.title == title)
        .unwrap_or_else(|| panic!("no section {title}"))
}

fn heading_at(report: &Report, i: usize) -> Anchor {
    let s = &report.sections[i];
    Anchor {
        paragraph: s.paragraph,
        offset: s.heading.start,
    }
}

#[test]
fn section_jumps_and_the_outline_land_inside_a_paragraph() {
    let report = load("assets/corpus/provinces-2026/2026_山东省.txt");
    let corpus = Corpus {
        reports: vec![report.clone()],
        problems: Vec::new(),
    };
    let mut app = app_with(corpus, Settings::default(), MemoryStore::default(), 120, 30);
    app.open_report(0);
    let part = section(&report, "产业优化升级迈出坚实步伐");
    let first = section(&report, "创新驱动持续强化");
    let second = section(&report, "新动能加快培育");
    assert_eq!(
        report.sections[first].paragraph,
        report.sections[part].paragraph
    );
    // Shown a few rows down by the reveal; `]` reaches its heading.
    let s = &report.sections[part];
    app.reveal(0, s.paragraph, s.heading.clone());
    for _ in 0..5 {
        if app.reader.anchor == heading_at(&report, part) {
            break;
        }
        act(&mut app, &[Action::NextSection]);
    }
    assert_eq!(app.reader.anchor, heading_at(&report, part));
    act(&mut app, &[Action::NextSection]);
    assert_eq!(app.reader.anchor, heading_at(&report, first));
    assert!(app.reader.anchor.offset > 0, "inside the paragraph");
    act(&mut app, &[Action::NextSection]);
    assert_eq!(app.reader.anchor, heading_at(&report, second));
    act(&mut app, &[Action::PrevSection]);
    assert_eq!(app.reader.anchor, heading_at(&report, first));

    // The outline, unfolded, follows the heading being read and opens
    // another one where it stands.
    act(&mut app, &[Action::FocusLeft, Action::ExpandAll]);
    assert_eq!(app.focus, Pane::Outline);
    act(&mut app, &[Action::FocusRight]);
    act(&mut app, &[Action::NextSection]);
    assert_eq!(app.reader.anchor, heading_at(&report, second));
    assert_eq!(app.outline.selected, second);
    act(&mut app, &[Action::FocusLeft, Action::Down, Action::Open]);
    assert_eq!(app.reader.anchor, heading_at(&report, second + 1));
    assert_eq!(report.sections[second + 1].title, "实数融合不断突破");
}

#[test]
fn topic_jump_lands_on_a_passage_where_no_section_is_about_the_topic() {
    // 北京's review speaks of health inside `六是民生保障持续加强。…`: no
    // section of the review is about it, a passage is.
    let taxonomy = Taxonomy::builtin();
    let health = taxonomy.find_topic("医疗卫生").unwrap();
    let beijing = load("assets/corpus/provinces-2026/2026_北京市.txt");
    let other = load("assets/corpus/provinces-2026/2026_四川省.txt");
    let rt = taxonomy.classify(&beijing);
    let best = rt
        .best(&beijing, health, Some(SectionType::Review))
        .expect("health in 北京's review");
    let place = rt.place_of(&best).expect("a place");
    assert_eq!(place.kind, PlaceKind::Passage);
    assert!(beijing.paragraphs[best.paragraph].text[best.range.clone()].contains("健康北京"));

    // From 四川's health place in the review, `>` goes to 北京's passage.
    let rt_other = taxonomy.classify(&other);
    let from = rt_other
        .best(&other, health, Some(SectionType::Review))
        .expect("health in 四川's review");
    let corpus = Corpus {
        reports: vec![other.clone(), beijing.clone()],
        problems: Vec::new(),
    };
    let mut app = app_with(corpus, Settings::default(), MemoryStore::default(), 120, 30);
    app.wait_for_topics();
    app.reveal(0, from.paragraph, from.range.clone());
    app.update(Msg::Action(Action::TopicNext));
    let open = app.current_report().map(|(_, r)| r.file.clone());
    assert_eq!(open.as_deref(), Some(beijing.file.as_str()));
    let target = app.reader.marks.layer(MarkLayer::Target).first().cloned();
    let target = target.expect("the landing is marked");
    assert_eq!(target.paragraph, best.paragraph);
    assert_eq!(app.reader.anchor.paragraph, best.paragraph);
    assert!(app.reader.anchor.offset <= best.range.start);
    assert!(app.message.as_deref().unwrap_or("").contains("医疗卫生"));
}
