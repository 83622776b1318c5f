//! Arbitrary input never breaks the topic model: random paragraphs and
//! outlines (including broken ones) for classification and the compare
//! API, random text for the taxonomy file.

use gwr::report::{Encoding, Metadata, Paragraph, Report, Section, SectionKind};
use gwr::topics::{comparable, next_report_with_topic, Direction, SectionType, Taxonomy, TopicId};
use proptest::prelude::*;

/// Text pieces that exercise the classifier: keywords, heading labels,
/// sentence ends, years, plans, and odd characters.
fn piece() -> impl Strategy<Value = String> {
    prop_oneof![
        Just("生态环境".to_string()),
        Just("营商环境".to_string()),
        Just("就业".to_string()),
        Just("高校毕业生".to_string()),
        Just("教育".to_string()),
        Just("（一）".to_string()),
        Just("一是".to_string()),
        Just("。".to_string()),
        Just("！".to_string()),
        Just("，".to_string()),
        Just("2025年".to_string()),
        Just("“十五五”时期".to_string()),
        Just("十四五”".to_string()),
        Just("工作回顾".to_string()),
        Just("重点工作".to_string()),
        Just("政府自身建设".to_string()),
        Just("一年来".to_string()),
        Just("力争".to_string()),
        Just("1.2万".to_string()),
        Just("\u{0}\u{7}\t\r".to_string()),
        Just("\u{200b}\u{feff}".to_string()),
        Just("😀é".to_string()),
        "\\PC{0,12}",
        "[一-龥]{1,8}",
    ]
}

fn paragraph_text() -> impl Strategy<Value = String> {
    prop::collection::vec(piece(), 0..12).prop_map(|v| v.concat())
}

#[derive(Debug, Clone)]
struct RawSection {
    depth: u8,
    kind: u8,
    parent: Option<usize>,
    paragraph: usize,
    heading: (usize, usize),
    paragraphs: (usize, usize),
    title: String,
}

fn raw_section() -> impl Strategy<Value = RawSection> {
    (
        0u8..6,
        0u8..4,
        prop::option::of(0usize..12),
        0usize..12,
        (0usize..80, 0usize..80),
        (0usize..12, 0usize..14),
        paragraph_text(),
    )
        .prop_map(
            |(depth, kind, parent, paragraph, heading, paragraphs, title)| RawSection {
                depth,
                kind,
                parent,
                paragraph,
                heading,
                paragraphs,
                title,
            },
        )
}

fn report() -> impl Strategy<Value = Report> {
    (
        prop::collection::vec(paragraph_text(), 0..10),
        prop::collection::vec(raw_section(), 0..10),
        prop::option::of(1950u16..2100),
        prop::option::of(1950u16..2100),
    )
        .prop_map(|(texts, raw, year, review_year)| {
            let paragraphs: Vec<Paragraph> = texts
                .into_iter()
                .enumerate()
                .map(|(i, t)| Paragraph::single(i as u32 + 1, t))
                .collect();
            let sections = raw
                .into_iter()
                .map(|r| Section {
                    label: String::new(),
                    title: r.title,
                    depth: r.depth,
                    kind: match r.kind {
                        0 => SectionKind::Heading,
                        1 => SectionKind::Bullet,
                        2 => SectionKind::Lead,
                        _ => SectionKind::Appendix,
                    },
                    parent: r.parent,
                    paragraph: r.paragraph,
                    heading: r.heading.0..r.heading.1,
                    paragraphs: r.paragraphs.0..r.paragraphs.1,
                    first_line: 1,
                    last_line: 1,
                })
                .collect();
            Report {
                file: "random.txt".into(),
                path: None,
                encoding: Encoding::Utf8,
                meta: Metadata {
                    year,
                    review_year,
                    ..Metadata::default()
                },
                line_count: paragraphs.len() as u32,
                paragraphs,
                sections,
                markers: Vec::new(),
            }
        })
}

proptest! {
    #![proptest_config(ProptestConfig {
        cases: 10_000,
        failure_persistence: None,
        ..ProptestConfig::default()
    })]

    #[test]
    fn classification_never_panics_and_stays_consistent(r in report()) {
        let tax = Taxonomy::builtin();
        let rt = tax.classify(&r);
        prop_assert_eq!(rt.sections.len(), r.sections.len());
        for s in &rt.sections {
            prop_assert!((0.0..=1.0).contains(&s.score));
            prop_assert!(s.secondary_score <= s.score);
            prop_assert_eq!(s.profile.len(), tax.topics().len());
        }
        // Places in text order, inside their paragraph on char boundaries,
        // each topic once with a score in 0–1, best first.
        for w in rt.places.windows(2) {
            prop_assert!((w[0].paragraph, w[0].range.start, w[0].kind) <= (w[1].paragraph, w[1].range.start, w[1].kind));
        }
        for x in &rt.places {
            let Some(p) = r.paragraphs.get(x.paragraph) else {
                prop_assert!(x.section.is_some(), "a passage outside the text");
                continue;
            };
            prop_assert!(p.text.get(x.range.clone()).is_some());
            prop_assert!(x.topics.windows(2).all(|w| w[0].1 >= w[1].1 && w[0].0 != w[1].0));
            prop_assert!(x.topics.iter().all(|t| (0.0..=1.0).contains(&t.1)));
        }
        for t in 0..tax.topics().len() {
            let id = TopicId(t as u16);
            let everywhere = rt.find(&r, id, None);
            for part in [None, Some(SectionType::Review), Some(SectionType::Tasks)] {
                let found = rt.find(&r, id, part);
                for h in &found {
                    let text = &r.paragraphs[h.paragraph].text;
                    prop_assert!(text.get(h.range.clone()).is_some());
                }
                // `>` lands on one of the places the topic lives, and finds
                // one whenever there is one.
                let best = rt.best(&r, id, part);
                prop_assert_eq!(best.is_some(), !found.is_empty());
                if let Some(b) = best {
                    prop_assert!(found.contains(&b));
                }
            }
            // Stepping from the top finds the first place after paragraph 0,
            // stepping back from the end the last one.
            let next = rt.next_with_topic(&r, 0, id, Direction::Next);
            prop_assert_eq!(next.as_ref(), everywhere.iter().find(|h| h.paragraph > 0));
            let previous = rt.next_with_topic(&r, usize::MAX, id, Direction::Previous);
            prop_assert_eq!(previous.as_ref(), everywhere.last());
        }
        let reports = vec![r.clone(), r];
        let topics = tax.classify_all(&reports);
        for s in 0..reports[0].sections.len() + 1 {
            for c in comparable(&reports, &topics, 0, s) {
                prop_assert_eq!(c.report, 1);
                prop_assert!((0.0..=1.0).contains(&c.score));
            }
        }
        // From past the end, the previous report with the topic is one of the
        // two, and the place named there is one where the topic lives.
        let first_topic = TopicId(0);
        match next_report_with_topic(&reports, &topics, 5, first_topic, None, Direction::Previous) {
            Some((i, hit)) => {
                prop_assert!(i < reports.len());
                prop_assert!(topics[i].find(&reports[i], first_topic, None).contains(&hit));
            }
            None => prop_assert!(topics[0].find(&reports[0], first_topic, None).is_empty()),
        }
        // An id from a bigger taxonomy finds nothing rather than failing.
        prop_assert!(topics[0].find(&reports[0], TopicId(999), None).is_empty());
    }

    #[test]
    fn any_taxonomy_text_is_accepted_or_rejected_without_panic(text in "\\PC{0,200}") {
        // Random text is never a taxonomy (it has no topic); the error
        // says why in words a user can act on.
        match Taxonomy::from_toml(&text) {
            Ok(t) => prop_assert!(!t.topics().is_empty()),
            Err(e) => prop_assert!(!e.to_string().trim().is_empty()),
        }
    }

}

proptest! {
    // Each case compiles a taxonomy; fewer cases keep the suite quick.
    #![proptest_config(ProptestConfig {
        cases: 1_000,
        failure_persistence: None,
        ..ProptestConfig::default()
    })]

    #[test]
    fn any_well_formed_taxonomy_classifies(
        topics in prop::collection::vec(
            ("[a-z一-龥]{1,4}", prop::collection::btree_map("[一-龥a-z]{1,3}", 0.01f32..10.0, 1..6)),
            1..6,
        ),
        r in report(),
    ) {
        let mut toml = String::new();
        for (i, (name, words)) in topics.iter().enumerate() {
            toml.push_str(&format!("[[topic]]\nname = \"{name}{i}\"\n[topic.keywords]\n"));
            for (w, weight) in words {
                toml.push_str(&format!("\"{w}\" = {weight}\n"));
            }
        }
        let tax = Taxonomy::from_toml(&toml).map_err(|e| TestCaseError::fail(format!("{e}\n{toml}")))?;
        let rt = tax.classify(&r);
        prop_assert_eq!(rt.sections.len(), r.sections.len());
        for s in &rt.sections {
            prop_assert!(s.primary.is_none_or(|t| t.index() < topics.len()));
        }
    }
}
