//! The section outline, appendices and footnote markers, checked on real
//! reports of different styles (expectations written down by reading the
//! files) and on arbitrary input.

mod fuzz_support;

use gwr::corpus::parse_report;
use gwr::report::outline::{outline, Structure};
use gwr::report::{Paragraph, Report, Section, SectionKind};
use proptest::prelude::*;

fn load(rel: &str) -> Report {
    let path = format!("{}/{rel}", env!("CARGO_MANIFEST_DIR"));
    let bytes = std::fs::read(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
    let name = rel.rsplit('/').next().unwrap_or(rel);
    parse_report(name, None, &bytes).unwrap_or_else(|e| panic!("{path}: {e}"))
}

fn in_appendix(r: &Report, mut idx: usize) -> bool {
    loop {
        let s = &r.sections[idx];
        if s.kind == SectionKind::Appendix {
            return true;
        }
        match s.parent {
            Some(p) => idx = p,
            None => return false,
        }
    }
}

/// Every section of depth 1 or 2 outside appendices, as (label, title).
fn top_two_levels(r: &Report) -> Vec<(String, String)> {
    r.sections
        .iter()
        .enumerate()
        .filter(|(i, s)| s.depth <= 2 && !in_appendix(r, *i))
        .map(|(_, s)| (s.label.clone(), s.title.clone()))
        .collect()
}

/// The top two levels are exactly `expected`, and every one of them is a
/// numbered heading: no lead sentence, bullet or body text up there.
fn assert_top_two(r: &Report, expected: &[(&str, &str)]) {
    let got = top_two_levels(r);
    let want: Vec<(String, String)> = expected
        .iter()
        .map(|(l, t)| (l.to_string(), t.to_string()))
        .collect();
    assert_eq!(got, want, "{}", r.file);
    for (i, s) in r.sections.iter().enumerate() {
        if s.depth <= 2 && !in_appendix(r, i) {
            assert_eq!(s.kind, SectionKind::Heading, "{}: {:?}", r.file, s.title);
        }
    }
}

fn depth_of(r: &Report, label: &str, title: &str) -> u8 {
    r.sections
        .iter()
        .find(|s| s.label == label && s.title == title)
        .unwrap_or_else(|| panic!("{}: no section {label}{title}", r.file))
        .depth
}

/// The section opening at original line `line`.
fn at_line(r: &Report, line: u32) -> &Section {
    r.sections
        .iter()
        .find(|s| r.paragraphs[s.paragraph].line() == line)
        .unwrap_or_else(|| panic!("{}: no section at line {line}", r.file))
}

const SAMPLES: &str = "assets/corpus/samples";

#[test]
fn sample_000_starts_mid_report_at_five() {
    let r = load(&format!("{SAMPLES}/000_c2261995aa5722eb.txt"));
    assert_top_two(
        &r,
        &[
            ("(五)", "坚定不移抓民生,公共服务不断改善"),
            ("(六)", "坚定不移抓作风,自身建设不断增强"),
        ],
    );
    // The page begins inside (四): (五) is a second-level heading.
    assert_eq!(depth_of(&r, "(五)", "坚定不移抓民生,公共服务不断改善"), 2);
    let lead = at_line(&r, 2);
    assert_eq!(
        (lead.kind, lead.title.as_str()),
        (SectionKind::Lead, "生态环境更加优美")
    );
    assert_eq!(lead.depth, 3);
    let lead = at_line(&r, 5);
    assert_eq!(lead.title, "民生福祉不断增进");
    let five = r.sections.iter().position(|s| s.label == "(五)");
    assert_eq!(lead.parent, five);
    // A heading paragraph of its own: the range is the whole line.
    let s = at_line(&r, 4);
    assert_eq!(
        &r.paragraphs[s.paragraph].text[s.heading.clone()],
        "(五)坚定不移抓民生,公共服务不断改善"
    );
}

#[test]
fn sample_001_inline_headings() {
    let r = load(&format!("{SAMPLES}/001_a1c83bb14aa6ee28.txt"));
    assert_top_two(
        &r,
        &[
            ("(四)", "聚焦聚力改革创新,内生动力持续激发"),
            ("(五)", "聚焦聚力品质提升,城乡面貌显著改善"),
            ("(六)", "聚焦聚力民生福祉,社会事业全面进步"),
        ],
    );
    // The heading continues with body text; its range stops at the title.
    let s = at_line(&r, 5);
    let text = &r.paragraphs[s.paragraph].text;
    assert_eq!(
        &text[s.heading.clone()],
        "(四)聚焦聚力改革创新,内生动力持续激发"
    );
    assert!(text[s.heading.end..].starts_with('。'));
}

#[test]
fn sample_002_second_level_headings_with_leads() {
    let r = load(&format!("{SAMPLES}/002_0fa8e233480ea161.txt"));
    assert_top_two(
        &r,
        &[
            ("(五)", "民生保障坚强有力"),
            ("(六)", "城市建设推进有序"),
            ("(七)", "社会大局和谐稳定"),
            ("(八)", "政府建设不断提升"),
        ],
    );
    let lead = at_line(&r, 4);
    assert_eq!(
        (lead.kind, lead.title.as_str()),
        (SectionKind::Lead, "完善“一老一幼”基础设施")
    );
    let leads = r
        .sections
        .iter()
        .filter(|s| s.kind == SectionKind::Lead)
        .count();
    assert_eq!(
        leads, 14,
        "every body paragraph of this page opens with a lead"
    );
}

#[test]
fn sample_003_enumeration_then_top_level() {
    let r = load(&format!("{SAMPLES}/003_c0ca0c8aa34eeb98.txt"));
    assert_top_two(
        &r,
        &[
            ("五是", "民生福祉持续提升"),
            ("六是", "社会大局和谐稳定"),
            ("二、", "2023年工作思路"),
        ],
    );
    assert_eq!(depth_of(&r, "五是", "民生福祉持续提升"), 2);
    assert_eq!(depth_of(&r, "二、", "2023年工作思路"), 1);
    // `[6]`…`[10]` point to notes this page does not have.
    assert_eq!(r.markers.len(), 5);
    assert!(r.markers.iter().all(|m| m.target.is_none()));
}

#[test]
fn sample_004_appendix_and_markers() {
    let r = load(&format!("{SAMPLES}/004_304e5ed636b3d688.txt"));
    assert_top_two(
        &r,
        &[
            ("(四)", "聚焦生态宜居,提升城乡功能品质"),
            ("(五)", "抓好社会事业,全力增进民生福祉"),
            ("(六)", "强化自身建设,打造人民满意政府"),
        ],
    );
    let app = r
        .sections
        .iter()
        .position(|s| s.kind == SectionKind::Appendix)
        .expect("民生实事 appendix");
    assert_eq!(r.sections[app].title, "民生实事");
    assert_eq!(r.sections[app].depth, 1);
    let items: Vec<(&str, u8, u32)> = r
        .sections
        .iter()
        .filter(|s| s.parent == Some(app))
        .map(|s| (s.label.as_str(), s.depth, r.paragraphs[s.paragraph].line()))
        .collect();
    assert_eq!(items, vec![("1.", 2, 39), ("2.", 2, 41), ("3.", 2, 43)]);
    assert_eq!(
        r.sections[app + 2].title,
        "完成12个社区的“四根管”维修更换工作"
    );

    let target_line = |label: &str| {
        let m = r
            .markers
            .iter()
            .find(|m| m.label == label)
            .unwrap_or_else(|| panic!("marker {label}"));
        assert_eq!(
            &r.paragraphs[m.paragraph].text[m.range.clone()],
            format!("[{label}]")
        );
        m.target.map(|t| r.paragraphs[t].line())
    };
    assert_eq!(target_line("实事1"), Some(39));
    assert_eq!(target_line("实事3"), Some(43));
    // The page cut the list after item 3, and it has no notes.
    assert_eq!(target_line("实事4"), None);
    assert_eq!(target_line("24"), None);
    assert_eq!(r.markers.len(), 14);
    // The lead before (四) on a page starting mid-section.
    assert_eq!(at_line(&r, 5).title, "坚持科技自立自强");
}

#[test]
fn hebei_standalone_headings_and_leads() {
    let r = load("assets/corpus/provinces-2026/2026_河北省.txt");
    assert_top_two(
        &r,
        &[
            ("一、", "“十四五”时期经济社会发展回顾"),
            ("二、", "“十五五”时期的主要目标任务"),
            ("（一）", "努力在推进创新驱动发展中闯出新路子"),
            (
                "（二）",
                "努力在推进京津冀协同发展和高标准高质量建设雄安新区中彰显新担当",
            ),
            ("（三）", "努力在推进全面绿色转型中实现新突破"),
            ("（四）", "努力在推进深化改革开放中培育新优势"),
            ("（五）", "努力在推进共同富裕中展现新作为"),
            ("三、", "2026年主要工作"),
            ("（一）", "全力办好国家大事，纵深推进京津冀协同发展"),
            ("（二）", "充分挖掘内需潜力，推动经济稳定增长"),
            ("（三）", "强化创新驱动发展，加速新旧动能转换"),
            ("（四）", "全面深化改革开放，持续优化营商环境"),
            ("（五）", "加快乡村全面振兴，促进城乡融合发展"),
            ("（六）", "切实增进百姓福祉，保持社会大局稳定"),
        ],
    );
    let lead = at_line(&r, 46);
    assert_eq!(
        (lead.kind, lead.title.as_str(), lead.depth),
        (SectionKind::Lead, "推动雄安新区高标准高质量建设", 3)
    );
    // Six paragraphs in a row opening `这五年，…` are a list of passages,
    // each led by its first sentence (as the annotators of
    // tests/fixtures/outline/gold.tsv mark `五年来，我们…` in 四川).
    let lead = at_line(&r, 24);
    assert_eq!(
        (lead.kind, lead.title.as_str()),
        (
            SectionKind::Lead,
            "这五年，生态环境大幅改善，绿色转型成色更足"
        )
    );
    let five_years = r.sections.iter().filter(|s| s.title.starts_with("这五年"));
    assert_eq!(five_years.count(), 6);
    // The date line under the title is not a bullet.
    assert!(r
        .sections
        .iter()
        .all(|s| s.kind != SectionKind::Bullet || !s.title.contains("2026年")));
}

#[test]
fn guangdong_enumerations_and_two_appendices() {
    let r = load("assets/corpus/provinces-2026/2026_广东省.txt");
    assert_top_two(
        &r,
        &[
            ("一、", "2025年和“十四五”时期工作回顾"),
            ("一是", "联合港澳承办十五运会和残特奥会"),
            ("二是", "推动全省经济运行稳中有进、稳中向好"),
            ("三是", "加快推进科技创新和产业创新深度融合"),
            ("四是", "持续优化提升营商环境"),
            ("五是", "“百县千镇万村高质量发展工程”实现三年初见成效"),
            ("六是", "全力保障和改善民生"),
            ("二、", "“十五五”时期的主要目标和重点任务"),
            ("一是", "聚焦经济建设这一中心工作"),
            ("二是", "锚定高质量发展这一首要任务"),
            ("三是", "坚定走在前列这一目标定位"),
            ("四是", "践行为人民服务这一根本宗旨"),
            ("五是", "激活改革开放创新这三大动力"),
            ("三、", "2026年工作安排"),
            ("（一）", "久久为功推动粤港澳大湾区建设，打造富有活力和国际竞争力的一流湾区和世界级城市群"),
            ("（二）", "坚持实体经济为本、制造业当家，加快构建更加强大的现代化产业体系"),
            ("（三）", "打造具有全球影响力的产业科技创新中心，加快培育和发展新质生产力"),
            ("（四）", "推动供需高水平动态适配，在建设强大国内市场中努力扩大有潜能的消费、有需求的生产、有效益的投资"),
            ("（五）", "坚定不移深化改革，充分激发全社会创新创造活力和高质量发展的澎湃动能"),
            ("（六）", "扩大高水平对外开放，在服务和融入新发展格局中展现更大作为"),
            ("（七）", "坚定自觉把“百县千镇万村高质量发展工程”持续抓下去，提升城乡区域发展平衡性协调性"),
            ("（八）", "推动城市高质量发展，建设现代化人民城市"),
            ("（九）", "推动海洋经济高质量发展，加快打造海上新广东"),
            ("（十）", "牢固树立和践行绿水青山就是金山银山的理念，加快建设美丽中国先行区"),
            ("（十一）", "繁荣发展社会主义文化，高水平推进文化强省建设"),
            ("（十二）", "用心用情用力办好群众身边大大小小的事，更好满足人民群众日益增长的美好生活需要"),
            ("（十三）", "统筹高质量发展和高水平安全，守牢安全发展底线"),
            ("（十四）", "全面加强政府自身建设，努力建设人民满意的法治政府、廉洁政府、服务型政府"),
        ],
    );
    let appendices: Vec<(&str, &str, usize)> = r
        .sections
        .iter()
        .enumerate()
        .filter(|(_, s)| s.kind == SectionKind::Appendix)
        .map(|(i, s)| {
            let items = r.sections.iter().filter(|c| c.parent == Some(i)).count();
            (s.label.as_str(), s.title.as_str(), items)
        })
        .collect();
    assert_eq!(
        appendices,
        vec![
            ("附件1", "2026年省十件民生实事", 10),
            ("附件2", "名词解释", 13)
        ]
    );
    // The appendix's own `一、` list does not continue the report's.
    assert_eq!(
        depth_of(
            &r,
            "一、",
            "提高低保、特困人员、孤儿基本生活与残疾人两项补贴和重点群体救助保障水平"
        ),
        2
    );
    assert_eq!(depth_of(&r, "1.", "“四上”企业"), 2);
}

#[test]
fn hainan_notes_and_their_markers() {
    let r = load("assets/corpus/provinces-2026/2026_海南省.txt");
    assert_top_two(
        &r,
        &[
            ("一、", "2025年和“十四五”时期工作回顾"),
            ("二、", "“十五五”时期主要目标任务"),
            ("三、", "2026年主要工作"),
            ("（一）", "聚力促进更高水平开放"),
            ("（二）", "聚力释放有效需求潜力"),
            ("（三）", "聚力构建现代化产业体系"),
            ("（四）", "聚力激发教育科技人才活力"),
            ("（五）", "聚力强化区域协调发展"),
            ("（六）", "聚力推动城乡融合发展"),
            ("（七）", "聚力打造美丽中国样板"),
            ("（八）", "聚力提高人民生活品质"),
            ("（九）", "聚力落实宏观经济政策"),
            ("（十）", "聚力筑牢安全发展底线"),
            ("四、", "加强政府自身建设"),
        ],
    );
    let notes = r
        .sections
        .iter()
        .position(|s| s.kind == SectionKind::Appendix && s.title == "注释")
        .expect("注释");
    let count = r
        .sections
        .iter()
        .filter(|s| s.parent == Some(notes))
        .count();
    assert_eq!(count, 28);
    // `“双环”旅游公路［6］` → note ［6］, and every marker finds its note.
    let m = r.markers.iter().find(|m| m.label == "6").expect("［6］");
    let target = m.target.expect("note 6 linked");
    assert!(r.paragraphs[target].text.starts_with("［6］“双环”旅游公路"));
    assert!(r.markers.iter().all(|m| m.target.is_some()));
    // A note's own number is its label, not a marker.
    assert!(r
        .markers
        .iter()
        .all(|m| m.paragraph < r.sections[notes].paragraph));
    // Standalone leads own the paragraph after them.
    let lead = at_line(&r, 25);
    assert_eq!(
        (lead.kind, lead.title.as_str()),
        (SectionKind::Lead, "产业结构持续优化")
    );
    assert_eq!(lead.paragraphs.len(), 2);
    assert!(r
        .sections
        .iter()
        .all(|s| r.paragraphs[s.paragraph].line() != 26));
}

#[test]
fn national_2024_inline_headings_enumerations_bullets() {
    let r = load("tests/fixtures/corpus/national/2024_全国_国务院.txt");
    assert_top_two(
        &r,
        &[
            ("一、", "2023年工作回顾"),
            ("一是", "加大宏观调控力度，推动经济运行持续好转"),
            ("二是", "依靠创新引领产业升级，增强城乡区域发展新动能"),
            ("三是", "深化改革扩大开放，持续改善营商环境"),
            ("四是", "强化生态环境保护治理，加快发展方式绿色转型"),
            ("五是", "着力抓好民生保障，推进社会事业发展"),
            ("六是", "全面加强政府建设，大力提升治理效能"),
            ("二、", "2024年经济社会发展总体要求和政策取向"),
            ("三、", "2024年政府工作任务"),
            ("（一）", "大力推进现代化产业体系建设，加快发展新质生产力"),
            ("（二）", "深入实施科教兴国战略，强化高质量发展的基础支撑"),
            ("（三）", "着力扩大国内需求，推动经济实现良性循环"),
            ("（四）", "坚定不移深化改革，增强发展内生动力"),
            ("（五）", "扩大高水平对外开放，促进互利共赢"),
            ("（六）", "更好统筹发展和安全，有效防范化解重点领域风险"),
            ("（七）", "坚持不懈抓好“三农”工作，扎实推进乡村全面振兴"),
            ("（八）", "推动城乡融合和区域协调发展，大力优化经济布局"),
            ("（九）", "加强生态文明建设，推进绿色低碳发展"),
            ("（十）", "切实保障和改善民生，加强和创新社会治理"),
        ],
    );
    let bullet = at_line(&r, 28);
    assert_eq!(
        (bullet.kind, bullet.label.as_str(), bullet.title.as_str()),
        (SectionKind::Bullet, "——", "经济总体回升向好")
    );
    assert_eq!(bullet.depth, 3);
    let lead = at_line(&r, 98);
    assert_eq!(
        (lead.kind, lead.title.as_str(), lead.depth),
        (SectionKind::Lead, "推动产业链供应链优化升级", 3)
    );
    // Five paragraphs in a row open with a lead, though the section runs on
    // into the closing paragraphs of the report.
    let lead = at_line(&r, 169);
    assert_eq!(
        (lead.kind, lead.title.as_str()),
        (SectionKind::Lead, "多措并举稳就业促增收")
    );
    assert_eq!(at_line(&r, 177).title, "维护国家安全和社会稳定");
    // `今年发展主要预期目标是：` introduces targets; it is no heading.
    assert!(r.sections.iter().all(|s| !s.title.contains("预期目标")));
    // `——2024年3月5日在…会议上` under the title is not a bullet.
    assert!(r.sections.iter().all(|s| !s.title.contains("会议")));
}

#[test]
fn gbk_district_report() {
    let r = load("tests/fixtures/corpus/gbk/2013_内蒙古自治区_呼伦贝尔市_海拉尔区.txt");
    assert_top_two(
        &r,
        &[
            ("一、", "过去一年工作回顾"),
            ("二、", "2013年工作安排"),
            ("（一）", "加快产业发展，切实做强做优县域经济"),
            ("（二）", "坚持城乡统筹发展，加快推进新型城镇化进程"),
            ("（三）", "切实加强社会建设，保障和改善民生"),
            ("（四）", "全面加强新形势下的政府自身建设"),
        ],
    );
    let lead = at_line(&r, 24);
    assert_eq!(
        (lead.kind, lead.title.as_str()),
        (SectionKind::Lead, "做强三产")
    );
}

#[test]
fn gbk_2012_every_second_level_heading() {
    let r = load("tests/fixtures/corpus/gbk/2012_内蒙古自治区_呼伦贝尔市_海拉尔区.txt");
    let top = top_two_levels(&r);
    assert_eq!(top.len(), 2 + 8 + 10);
    assert_eq!(top[0], ("一、".into(), "过去一年工作回顾".into()));
    assert_eq!(
        top[9],
        ("二、".into(), "2012年政府工作总体要求和目标任务".into())
    );
    assert_eq!(
        top[19],
        (
            "（十）".into(),
            "以转变作风和提高素质为基础，强化宗旨观念和服务意识，确保政府自身建设得到新提高".into()
        )
    );
}

// ---- Headings inside paragraphs and without numbers --------------------
// Lead sentences inside a section written as one paragraph, enumerations
// running on in the text, lists of parallel passages, part titles without a
// number.

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

// ---- Rules on small made-up texts -------------------------------------

fn paras(lines: &[&str]) -> Vec<Paragraph> {
    lines
        .iter()
        .enumerate()
        .map(|(i, t)| Paragraph::single(i as u32 + 1, *t))
        .collect()
}

fn titles(lines: &[&str]) -> Vec<(u8, String, String)> {
    outline(&paras(lines))
        .sections
        .into_iter()
        .map(|s| (s.depth, s.label, s.title))
        .collect()
}

const BODY: &str = "这是一段很长的正文，介绍了过去一年的各项工作，内容丰富，数字翔实，共有七十多个字符，用来检验规则。";

#[test]
fn numbers_that_are_not_headings() {
    let got = titles(&[
        "一、总体要求",
        "1.2万元用于补贴，惠及群众。",
        "2023年，全区经济平稳运行。",
        "二、三产业协调发展，结构持续优化。",
        "5.5%左右的增长目标是合适的。",
        BODY,
    ]);
    assert_eq!(got, vec![(1, "一、".into(), "总体要求".into())]);
}

#[test]
fn long_enumeration_items_stay_deep() {
    let long_item = format!("一是{BODY}{BODY}");
    let got = titles(&["一、工作回顾", "（一）经济平稳运行", &long_item, BODY]);
    assert_eq!(
        got[..2],
        [
            (1, "一、".into(), "工作回顾".into()),
            (2, "（一）".into(), "经济平稳运行".into())
        ]
    );
    assert_eq!(got.len(), 3);
    assert!(got[2].0 >= 3, "{got:?}");
    // Even directly under a top-level heading a paragraph-long item is no
    // second-level heading.
    let got = titles(&["一、工作回顾", &long_item, &format!("二是{BODY}{BODY}")]);
    assert!(got[1..].iter().all(|(d, ..)| *d >= 3), "{got:?}");
}

#[test]
fn quoted_slogans_and_narrative_openers_are_not_leads() {
    let got = titles(&[
        "（一）生态环境",
        &format!("“绿水青山就是金山银山”。{BODY}"),
        &format!("我们坚持生态优先。{BODY}"),
        &format!("各位代表！{BODY}"),
        &format!("今年发展主要预期目标是：{BODY}"),
    ]);
    assert_eq!(got, vec![(1, "（一）".into(), "生态环境".into())]);
}

#[test]
fn leads_need_company() {
    // One short opening sentence among long paragraphs is just a sentence …
    let lone = titles(&["（一）经济", BODY, &format!("推进改革。{BODY}"), BODY, BODY]);
    assert_eq!(lone.len(), 1, "{lone:?}");
    // … but a section built from them has leads.
    let built = titles(&[
        "（一）经济",
        &format!("推进改革。{BODY}"),
        &format!("扩大开放。{BODY}"),
        &format!("改善民生。{BODY}"),
    ]);
    let leads: Vec<&str> = built.iter().skip(1).map(|(_, _, t)| t.as_str()).collect();
    assert_eq!(leads, ["推进改革", "扩大开放", "改善民生"]);
    // Body-level sections sit at level 3 or below.
    assert!(built.iter().skip(1).all(|(d, ..)| *d == 3));
    // Three in a row count even among many other paragraphs.
    let run = titles(&[
        "（一）民生",
        BODY,
        BODY,
        BODY,
        &format!("稳定就业。{BODY}"),
        &format!("强化医疗。{BODY}"),
        &format!("兜牢底线。{BODY}"),
        BODY,
        BODY,
        &format!("繁荣文化。{BODY}"),
        BODY,
        BODY,
        BODY,
        BODY,
        BODY,
    ]);
    let leads: Vec<&str> = run.iter().skip(1).map(|(_, _, t)| t.as_str()).collect();
    assert_eq!(leads, ["稳定就业", "强化医疗", "兜牢底线"]);
}

#[test]
fn styles_nest_by_use() {
    let got = titles(&[
        "一、主要任务",
        "（一）稳增长",
        "1.扩大内需",
        "（1）促进消费",
        "（2）扩大投资",
        "2.稳定外需",
        "①稳外贸",
        "（二）调结构",
        "二、自身建设",
    ]);
    let depths: Vec<u8> = got.iter().map(|(d, ..)| *d).collect();
    assert_eq!(depths, [1, 2, 3, 4, 4, 3, 4, 2, 1]);
    // Parts above `一、`.
    let got = titles(&[
        "第一部分　过去五年工作回顾",
        "一、经济发展",
        "第二部分：今后五年的任务",
        "一、总体要求",
    ]);
    let depths: Vec<(u8, &str)> = got.iter().map(|(d, _, t)| (*d, t.as_str())).collect();
    assert_eq!(
        depths,
        [
            (1, "过去五年工作回顾"),
            (2, "经济发展"),
            (1, "今后五年的任务"),
            (2, "总体要求")
        ]
    );
    // Without `一、`, `（一）` is the top level.
    let got = titles(&["（一）稳增长", "1.扩大内需", "（二）调结构"]);
    let depths: Vec<u8> = got.iter().map(|(d, ..)| *d).collect();
    assert_eq!(depths, [1, 2, 1]);
}

#[test]
fn inline_heading_title_and_range() {
    let text = "（一）精准施策稳经济，回升向好态势巩固拓展。面对国内外形势，我们坚持稳中求进。";
    let s = outline(&paras(&[text])).sections;
    assert_eq!(s.len(), 1);
    assert_eq!(s[0].title, "精准施策稳经济，回升向好态势巩固拓展");
    assert_eq!(
        &text[s[0].heading.clone()],
        "（一）精准施策稳经济，回升向好态势巩固拓展"
    );
}

#[test]
fn label_alone_borrows_the_next_line() {
    let got = titles(&[
        "三、主要措施",
        "第一，",
        "调整农业结构。这是重点。",
        "第二，",
        "改革流通体制。",
    ]);
    assert_eq!(
        got,
        vec![
            (1, "三、".into(), "主要措施".into()),
            (2, "第一，".into(), "调整农业结构".into()),
            (2, "第二，".into(), "改革流通体制".into()),
        ]
    );
}

#[test]
fn markers_link_to_notes_and_projects() {
    let p = paras(&[
        "一、工作",
        "打造“口袋公园”[1]3处[实事2]，建设“四根管”〔2〕。",
        "名词解释",
        "1.口袋公园：小型公园。",
        "2.四根管：供水、排水、供暖、燃气管道。",
        "民生实事：",
        "1.老旧小区改造。",
        "2.口袋公园建设。",
    ]);
    let st = outline(&p);
    let links: Vec<(String, Option<u32>)> = st
        .markers
        .iter()
        .map(|m| (m.label.clone(), m.target.map(|t| p[t].line())))
        .collect();
    assert_eq!(
        links,
        vec![
            ("1".into(), Some(4)),
            ("实事2".into(), Some(8)),
            ("2".into(), Some(5)),
        ]
    );
}

// ---- Arbitrary input ---------------------------------------------------

fn fragment() -> impl Strategy<Value = String> {
    prop_oneof![
        Just("一、".to_string()),
        Just("二、".to_string()),
        Just("（一）".to_string()),
        Just("(五)".to_string()),
        Just("1.".to_string()),
        Just("2.".to_string()),
        Just("1.2".to_string()),
        Just("（1）".to_string()),
        Just("①".to_string()),
        Just("一是".to_string()),
        Just("第二，".to_string()),
        Just("——".to_string()),
        Just("［3］".to_string()),
        Just("[实事1]".to_string()),
        Just("〔2".to_string()),
        Just("民生实事：".to_string()),
        Just("名词解释".to_string()),
        Just("附件1".to_string()),
        Just("2026年重点工作".to_string()),
        Just("推进改革。".to_string()),
        Just("生态环境更加优美。".to_string()),
        Just("“".to_string()),
        Just("，".to_string()),
        Just("　".to_string()),
        "[\\PC\\p{Han}]{0,12}",
        any::<String>().prop_map(|s| s.chars().take(8).collect()),
    ]
}

fn paragraph_text() -> impl Strategy<Value = String> {
    prop::collection::vec(fragment(), 0..6).prop_map(|v| v.concat())
}

/// Paragraphs with increasing line numbers; some span several lines.
fn arbitrary_paragraphs() -> impl Strategy<Value = Vec<Paragraph>> {
    prop::collection::vec((paragraph_text(), 0u32..3, 1u32..3), 1..14).prop_map(|v| {
        let mut line = 1;
        v.into_iter()
            .map(|(text, extra_spans, gap)| {
                line += gap;
                let mut spans = vec![gwr::report::LineSpan { offset: 0, line }];
                let bounds: Vec<usize> = text
                    .char_indices()
                    .map(|(i, _)| i)
                    .filter(|&i| i > 0)
                    .collect();
                for k in 0..extra_spans as usize {
                    if let Some(&offset) =
                        bounds.get((k + 1) * bounds.len() / (extra_spans as usize + 1))
                    {
                        if spans.last().is_some_and(|s| s.offset < offset) {
                            line += 1;
                            spans.push(gwr::report::LineSpan { offset, line });
                        }
                    }
                }
                Paragraph { text, spans }
            })
            .collect()
    })
}

/// The structural promises of an outline: headings on char boundaries in
/// their paragraph, sections in text order (a paragraph may hold several),
/// each starting in the paragraph its range starts with, children after and
/// inside their parent, lines matching the text.
fn check_well_formed(paragraphs: &[Paragraph], st: &Structure) -> Result<(), String> {
    let n = paragraphs.len();
    let mut last_start = None;
    for (i, s) in st.sections.iter().enumerate() {
        let fail = |what: &str| Err(format!("section {i} {s:?}: {what}"));
        if s.paragraph >= n {
            return fail("paragraph out of range");
        }
        let text = &paragraphs[s.paragraph].text;
        let start = (s.paragraph, s.heading.start);
        if last_start.is_some_and(|p| p >= start) {
            return fail("sections not in text order");
        }
        last_start = Some(start);
        if s.heading.start > s.heading.end || s.heading.end > text.len() {
            return fail("heading outside its paragraph");
        }
        if !text.is_char_boundary(s.heading.start) || !text.is_char_boundary(s.heading.end) {
            return fail("heading not on char boundaries");
        }
        if s.paragraphs.start != s.paragraph
            || s.paragraphs.end <= s.paragraphs.start
            || s.paragraphs.end > n
        {
            return fail("bad paragraph range");
        }
        if s.depth == 0 || s.first_line > s.last_line {
            return fail("bad depth or lines");
        }
        if s.first_line != paragraphs[s.paragraph].line_at(s.heading.start)
            || s.last_line > paragraphs[s.paragraphs.end - 1].last_line()
            || s.last_line < paragraphs[s.paragraphs.end - 1].line()
        {
            return fail("lines do not match the text");
        }
        if let Some(p) = s.parent {
            let parent = st.sections.get(p).filter(|_| p < i);
            let Some(parent) = parent else {
                return fail("parent after child");
            };
            if parent.depth >= s.depth {
                return fail("not deeper than its parent");
            }
            if (parent.paragraph, parent.heading.start) >= start
                || parent.paragraphs.start > s.paragraphs.start
                || s.paragraphs.end > parent.paragraphs.end
            {
                return fail("not inside its parent");
            }
        }
    }
    for m in &st.markers {
        let Some(p) = paragraphs.get(m.paragraph) else {
            return Err(format!("{m:?}: paragraph out of range"));
        };
        let text = &p.text;
        if m.range.end > text.len()
            || !text.is_char_boundary(m.range.start)
            || !text.is_char_boundary(m.range.end)
        {
            return Err(format!("{m:?}: bad range"));
        }
        if m.target.is_some_and(|t| t >= n) {
            return Err(format!("{m:?}: bad target"));
        }
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(fuzz_support::cases(10_000)))]

    #[test]
    fn outline_is_well_formed(paragraphs in arbitrary_paragraphs()) {
        let st = outline(&paragraphs);
        let checked = check_well_formed(&paragraphs, &st);
        prop_assert!(checked.is_ok(), "{:?}", checked);
    }
}

#[test]
fn every_corpus_report_is_well_formed_and_inside_its_file() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let dirs = [
        root.join("assets/corpus"),
        root.join("tests/fixtures/corpus"),
    ];
    let corpus = gwr::corpus::load_paths(&dirs);
    assert!(corpus.problems.is_empty(), "{:?}", corpus.problems);
    assert!(corpus.reports.len() >= 90);
    let mut with_headings = 0;
    for r in &corpus.reports {
        let st = Structure {
            sections: r.sections.clone(),
            markers: r.markers.clone(),
        };
        if let Err(e) = check_well_formed(&r.paragraphs, &st) {
            panic!("{}: {e}", r.file);
        }
        for s in &r.sections {
            assert!(
                s.first_line >= 1 && s.last_line <= r.line_count,
                "{}: {s:?}",
                r.file
            );
        }
        if r.sections
            .iter()
            .any(|s| s.depth == 1 && s.kind == SectionKind::Heading)
        {
            with_headings += 1;
        }
    }
    // All provincial and most national reports have numbered parts.
    assert!(with_headings >= 75, "{with_headings}");
}

#[test]
fn giant_paragraphs_and_many_markers() {
    // One long line of marker-like and heading-like text, and many short
    // paragraphs pointing into a long notes list: both stay linear.
    let giant = "一、“[1]（二）〔3〕——。".repeat(60_000);
    let mut lines = vec![giant.as_str(), "注释"];
    let notes: Vec<String> = (1..=99)
        .map(|i| format!("［{i}］名词{i}：说明。"))
        .collect();
    lines.extend(notes.iter().map(String::as_str));
    let st = outline(&paras(&lines));
    assert!(st.markers.len() >= 120_000);
    let first = &st.markers[0];
    assert_eq!(first.label, "1");
    assert_eq!(first.target, Some(2), "［1］ is the first note");
    let notes_section = st
        .sections
        .iter()
        .find(|s| s.title == "注释")
        .expect("注释");
    assert_eq!(notes_section.depth, 1);
}

#[test]
fn paragraph_sections_is_section_at_of_every_paragraph() {
    let corpus = gwr::corpus::load_builtin();
    assert!(corpus.reports.len() > 30);
    for r in &corpus.reports {
        let all = r.paragraph_sections();
        assert_eq!(all.len(), r.paragraphs.len());
        for (i, got) in all.iter().enumerate() {
            assert_eq!(*got, r.section_at(i), "{} paragraph {i}", r.file);
        }
    }
}
