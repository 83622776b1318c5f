//! The query language against a small hand-made corpus whose metadata and
//! outline are known: words, phrases, exclusion, OR, field filters, and
//! what a hit carries.

use gwr::report::{Encoding, Level, Metadata, Paragraph, Report, Section, SectionKind};
use gwr::search::{from_reports, locate, Query, SearchIndex};

struct Spec {
    file: &'static str,
    meta: Metadata,
    paragraphs: &'static [&'static str],
    /// (paragraph, depth, title)
    sections: &'static [(usize, u8, &'static str)],
}

fn build(spec: Spec) -> Report {
    let paragraphs: Vec<Paragraph> = spec
        .paragraphs
        .iter()
        .enumerate()
        .map(|(i, t)| Paragraph::single(i as u32 + 1, *t))
        .collect();
    let n = paragraphs.len();
    let mut sections: Vec<Section> = Vec::new();
    for (i, &(p, depth, title)) in spec.sections.iter().enumerate() {
        let end = spec.sections[i + 1..]
            .iter()
            .find(|s| s.1 <= depth)
            .map(|s| s.0)
            .unwrap_or(n);
        let parent = (0..i).rev().find(|&j| spec.sections[j].1 < depth);
        sections.push(Section {
            label: String::new(),
            title: title.to_string(),
            depth,
            kind: SectionKind::Heading,
            parent,
            paragraph: p,
            heading: 0..spec.paragraphs[p].len(),
            paragraphs: p..end,
            first_line: p as u32 + 1,
            last_line: end as u32,
        });
    }
    Report {
        file: spec.file.to_string(),
        path: None,
        encoding: Encoding::Utf8,
        meta: spec.meta,
        paragraphs,
        sections,
        markers: vec![],
        line_count: n as u32,
    }
}

fn meta(level: Option<Level>, place: [Option<&str>; 3], year: Option<u16>) -> Metadata {
    Metadata {
        level,
        province: place[0].map(String::from),
        city: place[1].map(String::from),
        county: place[2].map(String::from),
        year,
        ..Metadata::default()
    }
}

fn corpus() -> Vec<Report> {
    vec![
        build(Spec {
            file: "a.txt",
            meta: meta(
                Some(Level::Provincial),
                [Some("安徽省"), None, None],
                Some(2023),
            ),
            paragraphs: &[
                "2023年安徽省政府工作报告",
                "一、生态环境保护",
                "推进污水处理设施建设，加强大气污染防治。",
                "（一）光伏产业",
                "光伏装机容量增长，风电稳步发展。",
                "二、科技创新",
                "建设合肥综合性国家科学中心。",
            ],
            sections: &[
                (1, 1, "生态环境保护"),
                (3, 2, "光伏产业"),
                (5, 1, "科技创新"),
            ],
        }),
        build(Spec {
            file: "b.txt",
            meta: meta(
                Some(Level::City),
                [Some("安徽省"), Some("合肥市"), None],
                Some(2022),
            ),
            paragraphs: &[
                "合肥市政府工作报告",
                "一、生态环境",
                "加快污水管网改造，煤炭消费总量下降。",
                "二、产业发展",
                "风电项目开工。Green  Development 绿色发展。",
            ],
            sections: &[(1, 1, "生态环境"), (3, 1, "产业发展")],
        }),
        build(Spec {
            file: "c.txt",
            meta: meta(
                Some(Level::District),
                [Some("内蒙古自治区"), Some("呼伦贝尔市"), Some("海拉尔区")],
                Some(2012),
            ),
            paragraphs: &[
                "海拉尔区政府工作报告",
                "一、城市建设",
                "污水处理厂投入运行，供热管网改造。",
            ],
            sections: &[(1, 1, "城市建设")],
        }),
        build(Spec {
            file: "d.txt",
            meta: meta(
                Some(Level::National),
                [Some("全国"), None, None],
                Some(2024),
            ),
            paragraphs: &[
                "政府工作报告",
                "我代表国务院，向大会报告政府工作。",
                "推进生态环境保护，煤炭清洁高效利用。ＧＤＰ增长5.2%。",
            ],
            sections: &[],
        }),
        build(Spec {
            file: "e.txt",
            meta: Metadata::default(),
            paragraphs: &["没有元数据的报告", "污水处理能力提升。"],
            sections: &[],
        }),
    ]
}

fn index() -> (SearchIndex, Vec<Report>) {
    let reports = corpus();
    (
        from_reports(&reports, &gwr::topics::TopicSource::builtin()).expect("index"),
        reports,
    )
}

/// The matching passages as `file#section` (`-` for a preamble), sorted.
fn hits(idx: &SearchIndex, q: &str) -> Vec<String> {
    let query = Query::parse(q).unwrap_or_else(|e| panic!("{q}: {e}"));
    let mut out: Vec<String> = idx
        .searcher()
        .search(&query, 100)
        .expect("search")
        .into_iter()
        .map(|h| {
            format!(
                "{}#{}",
                h.file.trim_end_matches(".txt"),
                h.section.map(|s| s.to_string()).unwrap_or("-".into())
            )
        })
        .collect();
    out.sort();
    out
}

#[test]
fn words_are_anded_and_match_inside_longer_words() {
    let (idx, _) = index();
    assert_eq!(hits(&idx, "污水 管网"), vec!["b#0", "c#0"]);
    assert_eq!(hits(&idx, "污水管网"), vec!["b#0"]);
    assert_eq!(hits(&idx, "处理"), vec!["a#0", "c#0", "e#-"]);
    assert_eq!(hits(&idx, "污水 风电"), Vec::<String>::new());
}

#[test]
fn phrases_are_exact_with_any_whitespace() {
    let (idx, _) = index();
    assert_eq!(hits(&idx, "\"污水管网\""), vec!["b#0"]);
    assert_eq!(hits(&idx, "\"green development\""), vec!["b#1"]);
    assert_eq!(hits(&idx, "green development"), vec!["b#1"]);
    assert!(hits(&idx, "\"development green\"").is_empty());
    assert!(hits(&idx, "greendevelopment").is_empty());
    assert_eq!(hits(&idx, "gdp增长"), vec!["d#-"]);
    assert_eq!(hits(&idx, "ＧＤＰ"), vec!["d#-"]);
}

#[test]
fn punctuation_separates_like_whitespace() {
    let (idx, _) = index();
    // Written with a comma, found with a full stop, a space or the comma.
    for q in ["\"设施建设。加强\"", "\"设施建设 加强\"", "设施建设，加强"] {
        assert_eq!(hits(&idx, q), vec!["a#0"], "{q}");
    }
    // A separator is still required: the two words are not adjacent.
    assert!(hits(&idx, "\"设施建设加强\"").is_empty());
    // The decimal point and `%` stay text.
    assert_eq!(hits(&idx, "5.2%"), vec!["d#-"]);
    assert!(hits(&idx, "5.3%").is_empty());
    let only = Query::parse("，。").map(|_| ()).unwrap_err();
    assert!(
        only.message.contains("nothing to search"),
        "{}",
        only.message
    );
}

#[test]
fn exclusion_and_or() {
    let (idx, _) = index();
    assert_eq!(hits(&idx, "污水 -煤炭"), vec!["a#0", "c#0", "e#-"]);
    assert_eq!(hits(&idx, "光伏 | 风电"), vec!["a#1", "b#1"]);
    assert_eq!(hits(&idx, "(光伏 | 风电) -绿色"), vec!["a#1"]);
    assert_eq!(hits(&idx, "风电 -year:2022"), vec!["a#1"]);
    assert_eq!(
        hits(&idx, "污水 | -煤炭 year:2022"),
        vec!["b#-", "b#0", "b#1"]
    );
}

#[test]
fn year_filters() {
    let (idx, _) = index();
    assert_eq!(hits(&idx, "year:2023"), vec!["a#-", "a#0", "a#1", "a#2"]);
    assert_eq!(hits(&idx, "year:2020..2023 风电"), vec!["a#1", "b#1"]);
    assert_eq!(hits(&idx, "year:..2012"), vec!["c#-", "c#0"]);
    assert_eq!(hits(&idx, "year:2024.. 煤炭"), vec!["d#-"]);
    assert_eq!(hits(&idx, "year:二〇二四 煤炭"), vec!["d#-"]);
    assert!(hits(&idx, "year:1999").is_empty());
}

#[test]
fn place_and_level_filters() {
    let (idx, _) = index();
    assert_eq!(hits(&idx, "province:安徽 污水"), vec!["a#0", "b#0"]);
    assert_eq!(hits(&idx, "province:安徽省 污水"), vec!["a#0", "b#0"]);
    assert_eq!(hits(&idx, "province:内蒙古 污水"), vec!["c#0"]);
    assert_eq!(hits(&idx, "province:全国 煤炭"), vec!["d#-"]);
    assert_eq!(hits(&idx, "city:合肥 风电"), vec!["b#1"]);
    assert_eq!(hits(&idx, "county:海拉尔"), vec!["c#-", "c#0"]);
    assert_eq!(
        hits(&idx, "place:合肥 | place:海拉尔区"),
        vec!["b#-", "b#0", "b#1", "c#-", "c#0"]
    );
    assert!(hits(&idx, "province:合肥").is_empty(), "合肥 is a city");
    assert!(
        hits(&idx, "level:county").is_empty(),
        "海拉尔区 is a district"
    );
    assert_eq!(hits(&idx, "level:district"), vec!["c#-", "c#0"]);
    assert_eq!(hits(&idx, "level:省 风电"), vec!["a#1"]);
    assert_eq!(hits(&idx, "level:national"), vec!["d#-"]);
}

#[test]
fn topic_filters_use_the_taxonomy() {
    let (idx, _) = index();
    // A topic of the taxonomy, by name or id: the sections classified so.
    assert_eq!(hits(&idx, "topic:生态环境"), vec!["a#0", "b#0"]);
    assert_eq!(hits(&idx, "topic:environment"), vec!["a#0", "b#0"]);
    assert_eq!(hits(&idx, "topic:生态环境 煤炭"), vec!["b#0"]);
    assert_eq!(
        hits(&idx, "topic:生态环境 | topic:科技创新与人才"),
        vec!["a#0", "a#2", "b#0"]
    );
    // Anything else is an error, naming the topics there are.
    let e = idx.searcher().parse("topic:生态环境保护").unwrap_err();
    assert!(e.message.contains("unknown topic"), "{}", e.message);
    assert!(
        e.message.contains("生态环境 (environment)"),
        "{}",
        e.message
    );
}

#[test]
fn title_filters_match_the_section_title() {
    let (idx, _) = index();
    assert_eq!(hits(&idx, "title:光伏"), vec!["a#1"]);
    assert_eq!(hits(&idx, "title:创"), vec!["a#2"]);
    assert_eq!(hits(&idx, "title:生态环境"), vec!["a#0", "b#0"]);
}

#[test]
fn hits_carry_report_section_paragraphs_and_ranges() {
    let (idx, reports) = index();
    let q = Query::parse("光伏 风电").unwrap();
    let found = idx.searcher().search(&q, 10).unwrap();
    assert_eq!(found.len(), 1);
    let h = &found[0];
    assert_eq!(h.file, "a.txt");
    assert_eq!(h.section, Some(1));
    assert_eq!(h.paragraphs, 3..5);
    assert_eq!(h.line, 4);
    assert!(h.score > 0.0);
    let report = &reports[0];
    assert!(idx.searcher().is_current(h, report));
    let ms = locate::find(report, h.paragraphs.clone(), &locate::needles(&q.expr));
    let texts: Vec<&str> = ms
        .iter()
        .map(|m| &report.paragraphs[m.paragraph].text[m.bytes.clone()])
        .collect();
    assert_eq!(texts, vec!["光伏", "光伏", "风电"]);
    assert_eq!(ms[0].chars, 3..5, "inside `（一）光伏产业`");
    assert_eq!(ms[2].line, 5);
}

#[test]
fn title_matches_rank_first_and_reports_are_counted() {
    let (idx, _) = index();
    let q = Query::parse("生态环境").unwrap();
    let found = idx.searcher().search(&q, 10).unwrap();
    assert!(found.len() >= 3);
    assert!(
        found[0].section.is_some(),
        "a section titled 生态环境… ranks above the national preamble: {found:?}"
    );
    let per_report = idx.searcher().matching_reports(&q).unwrap();
    let files: Vec<(String, u32)> = per_report
        .iter()
        .map(|m| {
            (
                idx.searcher().report(m.report).unwrap().file.clone(),
                m.passages,
            )
        })
        .collect();
    assert_eq!(files.len(), 3, "{files:?}");
    assert!(files.contains(&("a.txt".to_string(), 1)), "{files:?}");
    assert!(files.contains(&("d.txt".to_string(), 1)));
    assert_eq!(
        idx.searcher().count(&q).unwrap(),
        per_report
            .iter()
            .map(|m| m.passages as usize)
            .sum::<usize>()
    );
}

#[test]
fn every_error_is_a_message_not_an_empty_result() {
    for (q, says) in [
        ("nosuch:x", "unknown field"),
        ("year:soon", "not a year"),
        ("level:village", "unknown level"),
        ("\"open", "never closed"),
        ("a | ", "`|`"),
        ("-only", "exclusions only"),
        ("", "empty query"),
    ] {
        let e = Query::parse(q).expect_err(q);
        assert!(e.message.contains(says), "{q}: {}", e.message);
        assert!(e.at.end <= q.chars().count());
    }
}
