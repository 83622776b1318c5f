//! Headings that do not open a paragraph or carry no number: lead sentences
//! inside a section written as one paragraph, enumerations running on in
//! the text, lists of parallel passages, part titles without a number.
//! Expectations written down by reading the reports.

use gwr::corpus::parse_report;
use gwr::report::outline::outline;
use gwr::report::{Paragraph, Report, Section, SectionKind};

fn load(rel: &str) -> Report {
    let path = format!("{}/{rel}", env!("CARGO_MANIFEST_DIR"));
    let bytes = std::fs::read(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
    let name = rel.rsplit('/').next().unwrap_or(rel);
    parse_report(name, None, &bytes).unwrap_or_else(|e| panic!("{path}: {e}"))
}

/// (label, title) of every section whose heading is on original line `line`,
/// in order.
fn on_line(r: &Report, line: u32) -> Vec<(String, String)> {
    r.sections
        .iter()
        .filter(|s| s.first_line == line)
        .map(|s| (s.label.clone(), s.title.clone()))
        .collect()
}

fn titled<'a>(r: &'a Report, title: &str) -> &'a Section {
    r.sections
        .iter()
        .find(|s| s.title == title)
        .unwrap_or_else(|| panic!("{}: no section {title}", r.file))
}

fn pairs(v: &[(&str, &str)]) -> Vec<(String, String)> {
    v.iter()
        .map(|(l, t)| (l.to_string(), t.to_string()))
        .collect()
}

#[test]
fn leads_inside_a_one_paragraph_section_are_its_subsections() {
    let r = load("assets/corpus/provinces-2026/2026_山东省.txt");
    assert_eq!(
        on_line(&r, 20),
        pairs(&[
            ("（二）", "产业优化升级迈出坚实步伐"),
            ("", "创新驱动持续强化"),
            ("", "新动能加快培育"),
            ("", "实数融合不断突破"),
        ])
    );
    let parent = r
        .sections
        .iter()
        .position(|s| s.label == "（二）" && s.first_line == 20);
    let lead = titled(&r, "新动能加快培育");
    assert_eq!((lead.kind, lead.depth), (SectionKind::Lead, 3));
    assert_eq!(lead.parent, parent);
    // The heading is where the sentence starts in the paragraph, and the
    // passage runs to the next lead, inside the same paragraph.
    let text = &r.paragraphs[lead.paragraph].text;
    assert_eq!(&text[lead.heading.clone()], "新动能加快培育");
    assert!(text[..lead.heading.start].ends_with('。'));
    let i = r.sections.iter().position(|s| s.title == "新动能加快培育");
    let end = r.section_end(i.unwrap());
    assert_eq!(end.0, lead.paragraph);
    assert!(text[end.1..].starts_with("实数融合不断突破"));
    assert_eq!(r.section_at_offset(lead.paragraph, end.1 - 1), i);
    assert_eq!(r.section_at_offset(lead.paragraph, 0), parent);
    // A detail that reports one achievement is no lead.
    assert!(r
        .sections
        .iter()
        .all(|s| s.title != "推动出台民营经济促进条例"));
    // Tasks written the same way.
    assert_eq!(
        on_line(&r, 47)[1..],
        pairs(&[("", "全力释放消费潜能"), ("", "积极扩大有效投资")])
    );
}

#[test]
fn a_list_of_measures_after_a_lead_is_its_detail() {
    // 四川's tasks: each paragraph opens with a lead; the short sentences
    // inside are measures, not leads (as the annotators saw it).
    let r = load("assets/corpus/provinces-2026/2026_四川省.txt");
    for line in 48..=99 {
        let got = on_line(&r, line);
        assert!(got.len() <= 1, "line {line}: {got:?}");
    }
}

#[test]
fn enumerations_running_on_in_a_paragraph() {
    let r = load("assets/corpus/provinces-2026/2026_四川省.txt");
    assert_eq!(
        on_line(&r, 38),
        pairs(&[
            ("一是", "战略机遇叠加"),
            ("二是", "经济大省责任"),
            ("三是", "民生发展需要"),
            ("四是", "后发赶超条件"),
        ])
    );
    let r = load("tests/fixtures/corpus/national/2019_全国_国务院.txt");
    let got: Vec<String> = on_line(&r, 83).into_iter().map(|(l, _)| l).collect();
    assert_eq!(got, ["一要", "二要", "三要"]);
    assert!(titled(&r, "平衡好稳增长与防风险的关系，确保经济持续健康发展").depth >= 2);
    // `一要` opening a paragraph is a label too.
    let r = load("tests/fixtures/corpus/gbk/2013_内蒙古自治区_呼伦贝尔市_海拉尔区.txt");
    assert_eq!(on_line(&r, 44), pairs(&[("二要", "依法行政提升公信力")]));
}

#[test]
fn paragraphs_opening_alike_are_a_list_of_passages() {
    let r = load("assets/corpus/provinces-2026/2026_四川省.txt");
    for line in 28..=32 {
        let got = on_line(&r, line);
        assert_eq!(got.len(), 1, "line {line}");
        assert!(got[0].1.starts_with("五年来，我们"), "{got:?}");
        let s = r.sections.iter().find(|s| s.first_line == line).unwrap();
        assert_eq!(s.kind, SectionKind::Lead);
    }
}

#[test]
fn part_titles_without_a_number() {
    // Two parts named without numbers, the second holding `一、`…`四、`.
    let r = load("assets/corpus/provinces-2026/2026_内蒙古自治区.txt");
    let parts: Vec<(u32, &str)> = r
        .sections
        .iter()
        .filter(|s| s.depth == 1 && s.label.is_empty())
        .map(|s| (s.first_line, s.title.as_str()))
        .collect();
    assert_eq!(
        parts,
        [
            (18, "“十四五”时期发展成就和2025年工作回顾"),
            (29, "“十五五”时期主要目标和2026年重点工作"),
        ]
    );
    assert_eq!(
        titled(&r, "把铸牢中华民族共同体意识作为民族地区各项工作的主线").depth,
        1
    );
    // A closing part.
    let r = load("tests/fixtures/corpus/national/1985_全国_国务院.txt");
    let end = titled(&r, "结束语");
    assert_eq!((end.depth, end.first_line), (1, 146));
}

fn paras(lines: &[&str]) -> Vec<Paragraph> {
    lines
        .iter()
        .enumerate()
        .map(|(i, t)| Paragraph::single(i as u32 + 1, *t))
        .collect()
}

#[test]
fn the_issue_example_and_its_opposite() {
    let detail = "深入开展重大项目攻坚行动，完成投资两千多亿元，带动社会投资大幅增长";
    let one = format!(
        "（一）聚力稳增长，稳的基础更加坚实。坚持稳中求进，政策靠前发力。项目投资量质齐升。{detail}。{detail}。消费市场活力迸发。{detail}。{detail}。"
    );
    let two = format!("（二）聚力促改革，动力活力持续增强。{detail}。");
    let st = outline(&paras(&[&one, &two]));
    let got: Vec<(u8, &str)> = st
        .sections
        .iter()
        .map(|s| (s.depth, s.title.as_str()))
        .collect();
    assert_eq!(
        got,
        [
            (1, "聚力稳增长，稳的基础更加坚实"),
            (3, "项目投资量质齐升"),
            (3, "消费市场活力迸发"),
            (1, "聚力促改革，动力活力持续增强"),
        ]
    );
    // Paragraph ranges: both leads end in (or with) the first paragraph.
    assert_eq!(st.sections[1].paragraphs, 0..1);
    assert_eq!(st.sections[2].paragraphs, 0..1);
    // The same sentences in a section that goes on over more paragraphs
    // are not taken for leads: the section is not written as one passage
    // per lead.
    let st = outline(&paras(&[&one, detail, &two]));
    assert_eq!(st.sections.len(), 2, "{:?}", st.sections);
}
