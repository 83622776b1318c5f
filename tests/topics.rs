//! Topics and section types on real reports: hand-checked tables for the
//! provincial reports, the samples' livelihood sections, the national
//! reports' parts, automated checks over all 31 provinces, the compare API,
//! and the user's taxonomy file.

use gwr::corpus::Corpus;
use gwr::report::Report;
use gwr::topics::{
    self, comparable, next_report_with_topic, Direction, Hit, HitKind, ReportTopics, SectionType,
    Source, Taxonomy, TopicId,
};
use std::path::{Path, PathBuf};
use std::sync::{Arc, OnceLock};

fn repo(rel: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join(rel)
}

struct Classified {
    corpus: Corpus,
    topics: Vec<ReportTopics>,
}

impl Classified {
    fn load(rel: &str) -> Classified {
        let corpus = gwr::corpus::load_paths(&[repo(rel)]);
        assert!(corpus.problems.is_empty(), "{:?}", corpus.problems);
        let topics = taxonomy().classify_all(&corpus.reports);
        Classified { corpus, topics }
    }

    fn report(&self, file_part: &str) -> (usize, &Report, &ReportTopics) {
        let i = self
            .corpus
            .reports
            .iter()
            .position(|r| r.file.contains(file_part))
            .unwrap_or_else(|| panic!("no report named like {file_part}"));
        (i, &self.corpus.reports[i], &self.topics[i])
    }
}

fn provinces() -> &'static Classified {
    static P: OnceLock<Classified> = OnceLock::new();
    P.get_or_init(|| Classified::load("assets/corpus/provinces-2026"))
}

fn samples() -> &'static Classified {
    static S: OnceLock<Classified> = OnceLock::new();
    S.get_or_init(|| Classified::load("assets/corpus/samples"))
}

fn national() -> &'static Classified {
    static N: OnceLock<Classified> = OnceLock::new();
    N.get_or_init(|| Classified::load("tests/fixtures/corpus/national"))
}

fn taxonomy() -> Arc<Taxonomy> {
    Taxonomy::builtin()
}

fn topic(name: &str) -> TopicId {
    taxonomy()
        .find_topic(name)
        .unwrap_or_else(|| panic!("topic {name}"))
}

/// The words a reader sees first at a hit: a section's title, or the
/// opening sentence of a passage.
fn hit_heading(report: &Report, hit: &Hit) -> String {
    match (hit.kind, hit.section) {
        (HitKind::Primary | HitKind::Secondary, Some(s)) => report.sections[s].title.clone(),
        _ => {
            let text = &report.paragraphs[hit.paragraph].text[hit.range.clone()];
            first_sentence(text)
        }
    }
}

/// The hit's title and its lead sentence: the first sentence of the text
/// that follows the heading (in the same paragraph, or the next one).
fn hit_title_and_lead(report: &Report, hit: &Hit) -> String {
    match (hit.kind, hit.section) {
        (HitKind::Primary | HitKind::Secondary, Some(s)) => {
            let sec = &report.sections[s];
            let para = &report.paragraphs[sec.paragraph].text;
            let after = para.get(sec.heading.end.min(para.len())..).unwrap_or("");
            let lead = if after.trim_matches(['。', ' ', '：']).is_empty() {
                report
                    .paragraphs
                    .get(sec.paragraph + 1)
                    .map(|p| first_sentence(&p.text))
                    .unwrap_or_default()
            } else {
                first_sentence(after)
            };
            format!("{}｜{}", sec.title, lead)
        }
        _ => hit_heading(report, hit),
    }
}

fn first_sentence(text: &str) -> String {
    let text = text.trim_start_matches(['。', ' ', '，']);
    match text.find('。') {
        Some(i) => text[..i + '。'.len_utf8()].to_string(),
        None => text.to_string(),
    }
}

fn normalized(s: &str) -> &str {
    s.trim().trim_end_matches(['。', '：', ':'])
}

// ------------------------------------------------------------ taxonomy ---

#[test]
fn builtin_taxonomy_has_the_fourteen_topics_of_the_issue() {
    let tax = taxonomy();
    let names: Vec<&str> = tax.topics().iter().map(|t| t.name.as_str()).collect();
    assert_eq!(
        names,
        [
            "经济运行",
            "产业发展",
            "科技创新与人才",
            "改革与营商环境",
            "对外开放",
            "乡村振兴",
            "城乡建设",
            "生态环境",
            "就业收入与社会保障",
            "教育",
            "医疗卫生",
            "文化旅游体育",
            "社会治理与安全",
            "政府自身建设",
        ]
    );
    for t in tax.topics() {
        assert!(!t.id.is_empty() && t.id.is_ascii(), "{t:?}");
        assert_eq!(tax.find_topic(&t.id), tax.find_topic(&t.name));
        assert_eq!(
            tax.find_topic(&t.id.to_uppercase()),
            tax.find_topic(&t.name)
        );
    }
    assert_eq!(tax.find_topic("nonsense"), None);
    for k in SectionType::ALL {
        assert_eq!(tax.find_type(k.id()), Some(k));
        assert_eq!(tax.find_type(tax.type_name(k)), Some(k));
    }
    assert_eq!(tax.find_type("回顾"), Some(SectionType::Review));
    assert_eq!(tax.find_type("TASKS"), Some(SectionType::Tasks));
}

#[test]
fn longest_keyword_wins_where_keywords_overlap() {
    let tax = taxonomy();
    let score = |text: &str, name: &str| tax.keyword_scores(text)[topic(name).index()];
    // 营商环境 is not the environment, 高校毕业生 are jobs not schools.
    assert_eq!(score("持续优化营商环境", "生态环境"), 0.0);
    assert!(score("持续优化营商环境", "改革与营商环境") > 0.0);
    assert_eq!(score("高校毕业生", "教育"), 0.0);
    assert!(score("高校毕业生", "就业收入与社会保障") > 0.0);
    assert!(score("粮食安全", "乡村振兴") > 0.0);
    assert_eq!(score("粮食安全", "社会治理与安全"), 0.0);
    assert_eq!(score("学习教育", "教育"), 0.0);
}

/// A user taxonomy of two topics (`tests/fixtures/topics/small.toml`).
const SMALL_TAXONOMY: &str = include_str!("fixtures/topics/small.toml");

#[test]
fn user_taxonomy_in_config_dir_replaces_the_default() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join(topics::FILE_NAME), SMALL_TAXONOMY).unwrap();
    let loaded = topics::load(Some(dir.path()));
    assert!(loaded.warnings.is_empty(), "{:?}", loaded.warnings);
    assert_eq!(
        loaded.source,
        Source::File(dir.path().join(topics::FILE_NAME))
    );
    let tax = loaded.taxonomy;
    assert_eq!(tax.topics().len(), 2);
    assert_eq!(tax.find_topic("water"), tax.find_topic("水"));
    // Types keep their built-in names when the file gives none.
    assert_eq!(tax.type_name(SectionType::Review), "回顾");
    // It classifies with the user's words.
    let (_, report, _) = provinces().report("北京");
    let rt = tax.classify(report);
    assert_eq!(rt.sections.len(), report.sections.len());
    assert!(rt
        .sections
        .iter()
        .all(|s| s.primary.is_none_or(|t| t.index() < 2) && s.profile.len() == 2));
}

#[test]
fn missing_file_or_no_config_dir_gives_the_builtin_silently() {
    let dir = tempfile::tempdir().unwrap();
    for loaded in [topics::load(Some(dir.path())), topics::load(None)] {
        assert_eq!(loaded.source, Source::Builtin);
        assert!(loaded.warnings.is_empty());
        assert_eq!(loaded.taxonomy.topics().len(), 14);
    }
}

#[test]
fn bad_user_taxonomy_gives_a_message_and_the_builtin() {
    let cases: &[(&[u8], &str)] = &[
        (b"[[topic]\nname = 1", "line 1"),
        (b"[[topic]]\nname = \"x\"\n[topic.keywords]\n\"a\" = \"heavy\"\n", "line 4"),
        (b"version = 1\n", "no [[topic]]"),
        (b"[[topic]]\nname = \"x\"\n", "no keywords"),
        (b"[[topic]]\nname = \"x\"\n[topic.keywords]\n\"a\" = -1\n", "weight > 0"),
        (b"[[topic]]\nname = \"x\"\n[topic.keywords]\n\"\" = 1\n", "empty keyword"),
        (b"[weights]\ntitle = -2\n[[topic]]\nname = \"x\"\n[topic.keywords]\n\"a\" = 1\n", "title"),
        (b"[weights]\nmin_score = 7\n[[topic]]\nname = \"x\"\n[topic.keywords]\n\"a\" = 1\n", "min_score"),
        (b"[[topic]]\nname = \"x\"\n[topic.keywords]\n\"a\" = 1\n[[topic]]\nname = \"x\"\n[topic.keywords]\n\"b\" = 1\n", "twice"),
        (b"[[topic]]\nname = \"x\"\n[topic.keywords]\n\"a\" = 1\n[[type]]\nid = \"summary\"\n", "summary"),
        (b"[[topic]]\nname = \"x\"\ncolour = \"red\"\n[topic.keywords]\n\"a\" = 1\n", "colour"),
        (b"\xff\xfe[[topic]]", "UTF-8"),
    ];
    for (bytes, expected) in cases {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join(topics::FILE_NAME), bytes).unwrap();
        let loaded = topics::load(Some(dir.path()));
        assert_eq!(loaded.source, Source::Builtin, "{expected}");
        assert_eq!(loaded.taxonomy.topics().len(), 14);
        assert_eq!(loaded.warnings.len(), 1, "{expected}");
        let w = &loaded.warnings[0];
        assert!(w.contains(topics::FILE_NAME), "{w}");
        assert!(w.contains(expected), "expected `{expected}` in: {w}");
        assert!(w.contains("built-in"), "{w}");
    }
}

#[test]
fn unreadable_user_taxonomy_gives_a_message() {
    let dir = tempfile::tempdir().unwrap();
    // A folder where the file should be cannot be read as a file.
    std::fs::create_dir(dir.path().join(topics::FILE_NAME)).unwrap();
    let loaded = topics::load(Some(dir.path()));
    assert_eq!(loaded.source, Source::Builtin);
    assert_eq!(loaded.warnings.len(), 1);
    assert!(
        loaded.warnings[0].contains("cannot read"),
        "{:?}",
        loaded.warnings
    );
}

#[test]
fn the_shipped_taxonomy_file_parses_as_a_user_file() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join(topics::FILE_NAME),
        std::fs::read(repo("assets/topics.toml")).unwrap(),
    )
    .unwrap();
    let loaded = topics::load(Some(dir.path()));
    assert!(loaded.warnings.is_empty(), "{:?}", loaded.warnings);
    assert_eq!(loaded.taxonomy.topics(), taxonomy().topics());
}

// ------------------------------------------------ provinces: environment ---

/// Read from the reports: the environment section of the review and of
/// this year's tasks. Where the review has no section of its own, the
/// sentence that opens the passage about it inside a mixed section.
const ENVIRONMENT: &[(&str, &str, &str)] = &[
    (
        "北京",
        "美丽北京建设成效凸显",
        "推动减污降碳扩绿协同增效，建设人与自然和谐共生的美丽北京",
    ),
    (
        "上海",
        "生态文明建设进一步加强",
        "着力推进经济社会发展全面绿色低碳转型，加快建设美丽上海",
    ),
    (
        "云南",
        "绿色本底不断夯实、愈加丰厚",
        "持续提升生态环境质量，增强绿色发展动能",
    ),
    (
        "内蒙古",
        "这五年生态安全屏障进一步夯实",
        "坚持生态优先、绿色发展，筑牢我国北方重要生态安全屏障",
    ),
    (
        "河北",
        "这五年，生态环境大幅改善，绿色转型成色更足",
        "打造良好生态环境",
    ),
    (
        "西藏",
        "生态优先筑高地守底线",
        "立足绿色发展，奋力打造生态文明高地",
    ),
    (
        "江苏",
        "加强生态环境保护，美丽江苏生动图景日益展现",
        "深入推进绿色低碳发展",
    ),
    (
        "广西",
        "加强环境污染防治，保护好山山水水",
        "坚定不移推进绿色低碳发展",
    ),
    (
        "山东",
        "绿色低碳转型迈出坚实步伐",
        "奋力推进美丽中国先行区建设",
    ),
    (
        "陕西",
        "加强生态建设，推进发展方式转型",
        "推动绿色低碳转型，加快美丽陕西建设",
    ),
    // The review's passage on it opens with a lead inside `五是…`.
    ("湖南", "大力度推进生态整治", "着力加强生态文明建设"),
    (
        "新疆",
        "持续加强生态环境保护",
        "坚持绿色低碳引领，扎实推进美丽新疆建设",
    ),
];

#[test]
fn environment_sections_match_the_hand_checked_table() {
    let p = provinces();
    let env = topic("生态环境");
    let mut wrong = Vec::new();
    for (place, review, tasks) in ENVIRONMENT {
        let (_, report, rt) = p.report(place);
        for (part, expected) in [(SectionType::Review, review), (SectionType::Tasks, tasks)] {
            let got = rt
                .best(report, env, Some(part))
                .map(|h| hit_heading(report, &h))
                .unwrap_or_default();
            if normalized(&got) != *expected {
                wrong.push(format!("{place} {part:?}: expected {expected}, got {got}"));
            }
        }
    }
    assert!(wrong.is_empty(), "{wrong:#?}");
}

/// Every report has the topic in the part, and the place found opens with
/// words about it.
fn check_topic_in_all(name: &str, parts: &[SectionType]) -> Vec<String> {
    let p = provinces();
    let tax = taxonomy();
    let id = topic(name);
    let mut wrong = Vec::new();
    for (report, rt) in p.corpus.reports.iter().zip(&p.topics) {
        for &part in parts {
            match rt.best(report, id, Some(part)) {
                None => wrong.push(format!("{} {part:?}: no {name}", report.file)),
                Some(hit) => {
                    let opening = hit_title_and_lead(report, &hit);
                    if !tax.mentions(&opening, id) {
                        wrong.push(format!(
                            "{} {part:?}: `{opening}` is not about {name}",
                            report.file
                        ));
                    }
                }
            }
        }
    }
    wrong
}

#[test]
fn every_province_has_environment_in_review_and_tasks() {
    assert_eq!(provinces().corpus.reports.len(), 31);
    let wrong = check_topic_in_all("生态环境", &[SectionType::Review, SectionType::Tasks]);
    assert!(wrong.is_empty(), "{wrong:#?}");
}

#[test]
fn every_province_has_livelihood_in_review_and_tasks() {
    let wrong = check_topic_in_all(
        "就业收入与社会保障",
        &[SectionType::Review, SectionType::Tasks],
    );
    assert!(wrong.is_empty(), "{wrong:#?}");
}

/// Read from the reports: education sections.
const EDUCATION: &[(&str, SectionType, &str)] = &[
    ("北京", SectionType::Tasks, "加快建设高质量教育体系"),
    ("上海", SectionType::Tasks, "办好人民满意的教育"),
    ("湖南", SectionType::Tasks, "办好人民满意的教育"),
    ("辽宁", SectionType::Tasks, "办好人民满意教育"),
    ("福建", SectionType::Tasks, "优先推动教育发展"),
    ("宁夏", SectionType::Tasks, "深化教育提质扩优工程"),
    ("贵州", SectionType::Tasks, "优化提升教育水平"),
    ("山西", SectionType::Tasks, "构建优质教育体系"),
    ("宁夏", SectionType::Review, "教育发展持续加力"),
    ("福建", SectionType::Review, "教育体系更健全"),
];

#[test]
fn education_sections_match_the_hand_checked_table() {
    let p = provinces();
    let edu = topic("教育");
    let mut wrong = Vec::new();
    for (place, part, expected) in EDUCATION {
        let (_, report, rt) = p.report(place);
        let got = rt
            .best(report, edu, Some(*part))
            .map(|h| hit_heading(report, &h))
            .unwrap_or_default();
        if normalized(&got) != *expected {
            wrong.push(format!("{place} {part:?}: expected {expected}, got {got}"));
        }
    }
    assert!(wrong.is_empty(), "{wrong:#?}");
}

/// Where a heading in a part is plainly about education or jobs (its own
/// words say so more than anything else), the part has that topic, found
/// at a place whose title or lead is about it.
#[test]
fn a_section_titled_for_education_or_jobs_is_found() {
    let p = provinces();
    let tax = taxonomy();
    let mut checked = 0;
    let mut wrong = Vec::new();
    for name in ["教育", "就业收入与社会保障"] {
        let id = topic(name);
        for (report, rt) in p.corpus.reports.iter().zip(&p.topics) {
            for part in [SectionType::Review, SectionType::Tasks] {
                let titled = report.sections.iter().zip(&rt.sections).any(|(s, st)| {
                    let scores = tax.keyword_scores(&s.title);
                    let top = scores.iter().cloned().fold(0.0, f32::max);
                    st.kind == part && top > 0.0 && scores[id.index()] == top
                });
                if !titled {
                    continue;
                }
                checked += 1;
                match rt.best(report, id, Some(part)) {
                    Some(hit) if tax.mentions(&hit_title_and_lead(report, &hit), id) => {}
                    other => wrong.push(format!("{} {part:?} {name}: {other:?}", report.file)),
                }
            }
        }
    }
    assert!(checked >= 40, "only {checked} parts checked");
    assert!(wrong.is_empty(), "{wrong:#?}");
}

// ------------------------------------------------------------- samples ---

#[test]
fn samples_livelihood_sections_are_jobs_income_and_social_security() {
    let s = samples();
    let welfare = topic("就业收入与社会保障");
    // (file, label, title) of each sample's livelihood section.
    let livelihood = [
        ("000_", "(五)", "坚定不移抓民生"),
        ("001_", "(六)", "聚焦聚力民生福祉"),
        ("002_", "(五)", "民生保障坚强有力"),
        ("003_", "五是", "民生福祉持续提升"),
        ("004_", "(五)", "抓好社会事业"),
    ];
    for (file, label, title) in livelihood {
        let (_, report, rt) = s.report(file);
        let i = report
            .sections
            .iter()
            .position(|x| x.label == label && x.title.starts_with(title))
            .unwrap_or_else(|| panic!("{file}: no {label}{title} in {:#?}", report.sections));
        let st = &rt.sections[i];
        let per_passage = st.mixed
            && rt
                .places
                .iter()
                .filter(|x| report.sections[i].paragraphs.contains(&x.paragraph))
                .any(|x| x.topics.first().map(|t| t.0) == Some(welfare));
        assert!(
            st.primary == Some(welfare) || per_passage,
            "{file} {label}: {st:?}"
        );
    }
}

#[test]
fn samples_livelihood_subsections_get_their_own_topics() {
    let s = samples();
    // Read from the samples: the lead sentences inside the livelihood
    // sections and what each is about.
    let expected = [
        ("000_", "民生福祉不断增进", "就业收入与社会保障"),
        ("000_", "社会事业加快发展", "教育"),
        ("000_", "治理能力持续提升", "社会治理与安全"),
        ("002_", "积极强化社会保障", "就业收入与社会保障"),
        ("002_", "均衡发展公共服务", "教育"),
        ("002_", "打好污染防治攻坚", "生态环境"),
        ("002_", "疫情防控科学有效", "医疗卫生"),
        ("004_", "坚持教育优先发展", "教育"),
        ("004_", "落实就业优先战略", "就业收入与社会保障"),
        ("004_", "提升养老服务质量", "就业收入与社会保障"),
        ("004_", "守护人民健康安全", "医疗卫生"),
        ("004_", "维护社会安全稳定", "社会治理与安全"),
        ("004_", "持续改善生态环境", "生态环境"),
    ];
    for (file, title, name) in expected {
        let (_, report, rt) = s.report(file);
        let i = report
            .sections
            .iter()
            .position(|x| normalized(&x.title) == title)
            .unwrap_or_else(|| panic!("{file}: no section {title}"));
        assert_eq!(rt.sections[i].primary, Some(topic(name)), "{file} {title}");
    }
}

#[test]
fn samples_parts_come_from_the_wording_when_no_heading_names_them() {
    let s = samples();
    let kinds = |file: &str| {
        let (_, report, rt) = s.report(file);
        report
            .sections
            .iter()
            .zip(&rt.sections)
            .map(|(x, t)| (x.title.clone(), t.kind))
            .collect::<Vec<_>>()
    };
    // Pages from the middle of a review: what was done.
    for file in ["000_", "001_", "002_"] {
        for (title, kind) in kinds(file) {
            assert_eq!(kind, SectionType::Review, "{file} {title}");
        }
    }
    // A page from the middle of next year's plans, with its self-building
    // part and appendix.
    for (title, kind) in kinds("004_") {
        let expected = if title.contains("自身建设")
            || ["严格依法行政", "着力务实勤政", "确保廉洁从政"].contains(&title.as_str())
        {
            SectionType::Government
        } else if title.contains("民生实事") || kind == SectionType::Appendix {
            SectionType::Appendix
        } else {
            SectionType::Tasks
        };
        assert_eq!(kind, expected, "004 {title}");
    }
    // `二、2023年工作思路` names the report's year.
    let (_, report, rt) = s.report("003_");
    let i = report
        .sections
        .iter()
        .position(|x| x.title.contains("2023年工作思路"))
        .unwrap();
    assert_eq!(rt.sections[i].kind, SectionType::Tasks);
    let j = report
        .sections
        .iter()
        .position(|x| x.title.contains("民生福祉持续提升"))
        .unwrap();
    assert_eq!(rt.sections[j].kind, SectionType::Review);
}

// --------------------------------------------------------------- parts ---

#[test]
fn part_types_of_top_level_headings() {
    // Read from the reports: each top-level heading and its part.
    use SectionType::*;
    type Parts = &'static [(&'static str, SectionType)];
    let expected: &[(&Classified, &str, Parts)] = &[
        (
            provinces(),
            "北京",
            &[
                ("2025年工作回顾", Review),
                ("“十四五”时期发展成就和“十五五”时期主要目标任务", Targets),
                ("2026年重点工作", Tasks),
            ],
        ),
        (
            provinces(),
            "上海",
            &[
                ("2025年工作回顾", Review),
                (
                    "关于《上海市国民经济和社会发展第十五个五年规划纲要（草案）》的说明",
                    Targets,
                ),
                ("2026年主要任务", Tasks),
                ("深入推进政府治理创新", Government),
            ],
        ),
        (
            provinces(),
            "山西",
            &[
                ("“十四五”时期工作回顾", Review),
                ("“十五五”时期总体要求和目标任务", Targets),
                ("2026年工作安排", Tasks),
                ("全面加强政府自身建设", Government),
            ],
        ),
        (
            provinces(),
            "黑龙江",
            &[
                ("2025年工作回顾和“十四五”时期发展成就", Review),
                ("“十五五”时期经济社会发展重点任务", Targets),
                ("2026年重点工作", Tasks),
                ("持续加强政府自身建设", Government),
            ],
        ),
        (
            provinces(),
            "辽宁",
            &[
                ("2025年和“十四五”时期工作回顾", Review),
                ("“十五五”时期目标任务和2026年工作安排", Tasks),
                ("全面加强政府自身建设", Government),
            ],
        ),
        (
            provinces(),
            "吉林",
            &[
                ("工作回顾", Review),
                ("2026年工作安排", Tasks),
                ("“十五五”时期主要目标任务", Targets),
                ("全面提升政府治理效能", Government),
            ],
        ),
        (
            provinces(),
            "广东",
            &[
                ("2025年和“十四五”时期工作回顾", Review),
                ("“十五五”时期的主要目标和重点任务", Targets),
                ("2026年工作安排", Tasks),
                ("2026年省十件民生实事", Appendix),
                ("名词解释", Appendix),
            ],
        ),
        (
            national(),
            "2024_",
            &[
                ("2023年工作回顾", Review),
                ("2024年经济社会发展总体要求和政策取向", Targets),
                ("2024年政府工作任务", Tasks),
            ],
        ),
        (
            national(),
            "2016_",
            &[
                ("2015年工作回顾", Review),
                ("“十三五”时期主要目标任务和重大举措", Targets),
                ("2016年重点工作", Tasks),
            ],
        ),
        (
            national(),
            "2021_",
            &[
                ("2020年工作回顾", Review),
                ("“十三五”时期发展成就和“十四五”时期主要目标任务", Targets),
                ("2021年重点工作", Tasks),
            ],
        ),
    ];
    let mut wrong = Vec::new();
    for (set, file, parts) in expected {
        let (_, report, rt) = set.report(file);
        let got: Vec<(String, SectionType)> = report
            .sections
            .iter()
            .zip(&rt.sections)
            .filter(|(s, _)| s.depth == 1)
            .map(|(s, t)| (s.title.clone(), t.kind))
            .collect();
        let want: Vec<(String, SectionType)> =
            parts.iter().map(|(t, k)| (t.to_string(), *k)).collect();
        if got != want {
            wrong.push(format!("{file}:\n  got  {got:?}\n  want {want:?}"));
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

#[test]
fn sections_inherit_their_part_and_self_building_takes_over_in_tasks() {
    let p = provinces();
    let (_, report, rt) = p.report("广东");
    for (i, s) in report.sections.iter().enumerate() {
        if let Some(parent) = s.parent {
            let (pk, k) = (rt.sections[parent].kind, rt.sections[i].kind);
            let takes_over = pk == SectionType::Tasks && k == SectionType::Government;
            assert!(
                pk == k || takes_over,
                "{} in {}: {k:?} under {pk:?}",
                s.title,
                report.sections[parent].title
            );
        }
    }
    let own = report
        .sections
        .iter()
        .position(|s| s.title.starts_with("全面加强政府自身建设"))
        .unwrap();
    assert_eq!(rt.sections[own].kind, SectionType::Government);
    assert_eq!(rt.sections[own].primary, Some(topic("政府自身建设")));
}

#[test]
fn every_province_has_review_and_tasks_parts() {
    let p = provinces();
    for (report, rt) in p.corpus.reports.iter().zip(&p.topics) {
        for part in [SectionType::Review, SectionType::Tasks] {
            assert!(
                rt.sections.iter().any(|s| s.kind == part),
                "{} has no {part:?}",
                report.file
            );
        }
    }
}

// ------------------------------------------------------------- compare ---

#[test]
fn comparable_sections_are_about_the_same_topic_in_the_same_part() {
    let p = provinces();
    let env = topic("生态环境");
    let (b, report, rt) = p.report("北京");
    let section = rt
        .best(report, env, Some(SectionType::Tasks))
        .unwrap()
        .section
        .unwrap();
    let found = comparable(&p.corpus.reports, &p.topics, b, section);
    assert_eq!(found.len(), 30, "one place in each other province");
    assert!(found.iter().all(|c| c.report != b));
    assert!(found.windows(2).all(|w| w[0].score >= w[1].score));
    for c in &found {
        assert_eq!(c.hit.part, SectionType::Tasks);
        assert!((0.0..=1.0).contains(&c.score));
        let other = &p.corpus.reports[c.report];
        let rt = &p.topics[c.report];
        let about_env = match c.hit.kind {
            HitKind::Primary => rt.sections[c.hit.section.unwrap()].primary == Some(env),
            HitKind::Secondary => rt.sections[c.hit.section.unwrap()].secondary == Some(env),
            HitKind::Passage => rt.place_of(&c.hit).is_some_and(|x| x.score(env).is_some()),
        };
        assert!(about_env, "{}: {:?}", other.file, c.hit);
    }
    // The top matches are whole environment sections.
    assert!(found[..10].iter().all(|c| c.hit.kind == HitKind::Primary));

    // A section without a topic has nothing to compare.
    let part_heading = report
        .sections
        .iter()
        .position(|s| s.title == "2026年重点工作")
        .unwrap();
    assert_eq!(rt.sections[part_heading].primary, None);
    assert!(comparable(&p.corpus.reports, &p.topics, b, part_heading).is_empty());
    assert!(comparable(&p.corpus.reports, &p.topics, 999, 0).is_empty());
    assert!(comparable(&p.corpus.reports, &p.topics, b, 99_999).is_empty());
}

#[test]
fn next_report_with_topic_walks_the_list_both_ways_and_wraps() {
    let p = provinces();
    let env = topic("生态环境");
    let n = p.corpus.reports.len();
    let mut seen = vec![false; n];
    let mut at = 0;
    for _ in 0..n {
        let (next, hit) = next_report_with_topic(
            &p.corpus.reports,
            &p.topics,
            at,
            env,
            Some(SectionType::Tasks),
            Direction::Next,
        )
        .unwrap();
        assert_eq!(next, (at + 1) % n);
        assert_eq!(hit.part, SectionType::Tasks);
        seen[next] = true;
        at = next;
    }
    assert!(seen.iter().all(|&s| s));
    let (prev, _) = next_report_with_topic(
        &p.corpus.reports,
        &p.topics,
        0,
        env,
        None,
        Direction::Previous,
    )
    .unwrap();
    assert_eq!(prev, n - 1);
    assert!(next_report_with_topic(
        &[] as &[gwr::report::Report],
        &[],
        0,
        env,
        None,
        Direction::Next
    )
    .is_none());
    // A single report has no other report.
    assert!(next_report_with_topic(
        &p.corpus.reports[..1],
        &p.topics[..1],
        0,
        env,
        None,
        Direction::Next
    )
    .is_none());
}

#[test]
fn next_with_topic_moves_through_a_report_in_order() {
    let p = provinces();
    let env = topic("生态环境");
    let (_, report, rt) = p.report("北京");
    let all = rt.find(report, env, None);
    assert!(all.len() >= 2, "{all:?}");
    assert!(all.windows(2).all(|w| w[0].paragraph <= w[1].paragraph));
    let first = rt.next_with_topic(report, 0, env, Direction::Next).unwrap();
    assert_eq!(
        first.paragraph,
        all.iter().map(|h| h.paragraph).find(|&p| p > 0).unwrap()
    );
    let second = rt
        .next_with_topic(report, first.paragraph, env, Direction::Next)
        .unwrap();
    assert!(second.paragraph > first.paragraph);
    let back = rt
        .next_with_topic(report, second.paragraph, env, Direction::Previous)
        .unwrap();
    assert!(back.paragraph < second.paragraph);
    assert!(rt
        .next_with_topic(report, usize::MAX, env, Direction::Next)
        .is_none());
    assert!(rt
        .next_with_topic(report, 0, env, Direction::Previous)
        .is_none());
}

#[test]
fn classification_is_parallel_to_the_report_and_scores_are_shares() {
    for set in [provinces(), samples(), national()] {
        for (report, rt) in set.corpus.reports.iter().zip(&set.topics) {
            assert_eq!(rt.sections.len(), report.sections.len());
            assert!(rt.places.windows(2).all(|w| {
                (w[0].paragraph, w[0].range.start, w[0].kind)
                    < (w[1].paragraph, w[1].range.start, w[1].kind)
            }));
            for s in &rt.sections {
                assert!((0.0..=1.0).contains(&s.score));
                assert!(s.secondary_score <= s.score);
                assert!(s.secondary.is_none() || s.primary.is_some());
                assert!(s.secondary.is_none() || s.secondary != s.primary);
            }
            for x in &rt.places {
                let text = &report.paragraphs[x.paragraph].text;
                assert!(text.get(x.range.clone()).is_some());
                assert!(x.topics.iter().all(|t| (0.0..=1.0).contains(&t.1)));
                assert!(x.topics.windows(2).all(|w| w[0].1 >= w[1].1));
            }
        }
    }
}

/// The compact summary the reader keeps for every report answers "has a
/// place about this topic (in this part)?" exactly as the full topics do.
#[test]
fn a_topic_summary_says_exactly_where_the_full_topics_find_a_place() {
    let count = taxonomy().topics().len();
    for set in [provinces(), samples(), national()] {
        for (report, rt) in set.corpus.reports.iter().zip(&set.topics) {
            let summary = gwr::topics::TopicSummary::of(report, rt, count);
            for t in 0..count {
                let t = TopicId(t as u16);
                assert_eq!(
                    summary.has(t, None),
                    !rt.find(report, t, None).is_empty(),
                    "{} topic {t:?}",
                    report.file
                );
                for part in SectionType::ALL {
                    assert_eq!(
                        summary.has(t, Some(part)),
                        rt.best(report, t, Some(part)).is_some(),
                        "{} topic {t:?} part {part:?}",
                        report.file
                    );
                }
            }
        }
    }
}
