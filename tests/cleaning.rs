//! Decoding, character clean-up, page furniture and paragraph building on
//! the in-repo corpus (assets/corpus, tests/fixtures/corpus: 90 files), plus
//! property tests on arbitrary input.

mod fuzz_support;

use gwr::corpus::{self, clean, decode, Corpus};
use gwr::report::{Encoding, Paragraph, Report};
use gwr::text::chars;
use proptest::prelude::*;
use std::path::{Path, PathBuf};
use std::sync::LazyLock;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn corpus_dirs() -> Vec<PathBuf> {
    vec![
        root().join("assets/corpus"),
        root().join("tests/fixtures/corpus"),
    ]
}

/// Every in-repo report file, loaded once for all tests.
static CORPUS: LazyLock<Corpus> = LazyLock::new(|| corpus::load_paths(&corpus_dirs()));

fn report(file_end: &str) -> &'static Report {
    let matches: Vec<&Report> = CORPUS
        .reports
        .iter()
        .filter(|r| r.path.as_ref().is_some_and(|p| p.ends_with(file_end)))
        .collect();
    assert_eq!(matches.len(), 1, "exactly one report at {file_end}");
    matches[0]
}

fn count_txt(dir: &Path) -> usize {
    let mut n = 0;
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            n += count_txt(&path);
        } else if path.extension().is_some_and(|e| e == "txt") {
            n += 1;
        }
    }
    n
}

#[test]
fn furniture_table_compiles() {
    clean::check_furniture_table().unwrap();
}

#[test]
fn every_corpus_file_loads_without_problem() {
    assert!(CORPUS.problems.is_empty(), "{:?}", CORPUS.problems);
    let expected: usize = corpus_dirs().iter().map(|d| count_txt(d)).sum();
    assert!(expected >= 90, "only {expected} files in the corpus");
    assert_eq!(CORPUS.reports.len(), expected);
    for r in &CORPUS.reports {
        assert!(
            r.paragraphs.len() >= 5,
            "{}: {} paragraphs",
            r.file,
            r.paragraphs.len()
        );
    }
}

#[test]
fn builtin_corpus_loads_without_problem() {
    let builtin = corpus::load_builtin();
    assert!(builtin.problems.is_empty(), "{:?}", builtin.problems);
    assert_eq!(
        builtin.reports.len(),
        count_txt(&root().join("assets/corpus"))
    );
}

#[test]
fn encodings_are_detected() {
    for r in &CORPUS.reports {
        let path = r.path.as_ref().unwrap();
        let expected = if path.to_string_lossy().contains("/gbk/") {
            Encoding::Gb18030
        } else {
            Encoding::Utf8
        };
        assert_eq!(r.encoding, expected, "{}", path.display());
    }
}

/// Strings that only web-page chrome contains.
const FURNITURE: &[&str] = &[
    "导航菜单",
    "本文仅代表作者观点",
    "本文地址",
    "留言与评论",
    "【字号",
    "字号：",
    "【字体",
    "扫一扫在手机打开当前页",
    "本作品是中华人民共和国的",
    "中文维基文库",
    "Public domain",
    "点击图片进入专题",
    "本报记者",
    "日报记者",
    "打印本页",
    "关闭窗口",
    "分享到",
    "第127/192页",
    "粗体文字",
    "http://",
    "https://",
    "/baogao/",
];

/// Chrome that starts a line (report text may use the words elsewhere:
/// `相关报道总点击量超610亿次`).
const FURNITURE_STARTS: &[&str] = &[
    "上一篇",
    "下一篇",
    "验证码",
    "相关报道",
    "相关文档",
    "相关链接",
    "相关附件",
    "您的位置",
    "当前位置",
    "责任编辑",
    "阅读量",
    "发表时间",
    "来源：",
    "来源:",
    "（来源",
    "时间：",
    "编辑：",
];

/// Whole lines of chrome.
const CHROME_PARAGRAPHS: &[&str] = &[
    "下载",
    "打印",
    "全屏",
    "收藏",
    "加大",
    "还原",
    "减小",
    "【",
    "】",
    "大",
    "中",
    "小",
    "首页",
    ">",
    "|",
    "×",
    "分享:",
    "分享：",
    "来源:",
    "来源：",
    "时间：",
    "false",
    "云南要闻",
    "宁夏要闻",
    "政务信息",
    "政府信息公开",
    "四川日报",
    "宁夏日报客户端",
    "李莎莎",
];

#[test]
fn no_furniture_survives() {
    for r in &CORPUS.reports {
        for p in &r.paragraphs {
            for f in FURNITURE {
                assert!(
                    !p.text.contains(f),
                    "{} line {}: {f:?} in {:?}",
                    r.file,
                    p.line(),
                    p.text
                );
            }
            assert!(
                !CHROME_PARAGRAPHS.contains(&p.text.as_str()),
                "{} line {}: chrome {:?}",
                r.file,
                p.line(),
                p.text
            );
            for label in FURNITURE_STARTS {
                assert!(
                    !p.text.starts_with(label),
                    "{} line {}: {:?}",
                    r.file,
                    p.line(),
                    p.text
                );
            }
            assert!(
                !(p.text.contains("作政府工作报告") && p.text.ends_with('摄')),
                "{}: photo caption {:?}",
                r.file,
                p.text
            );
        }
    }
}

/// What a report must keep at its edges: its first paragraphs, exactly,
/// and how its last paragraph starts, with that paragraph's original line.
struct Edges {
    file: &'static str,
    first: &'static [&'static str],
    last: &'static str,
    last_line: u32,
}

const EDGES: &[Edges] = &[
    // Sample starting mid-report: the paginated page title goes, the first
    // body paragraph stays; the site navigation at the end goes.
    Edges {
        file: "samples/000_c2261995aa5722eb.txt",
        first: &[],
        last: "坚持把学习习近平总书记重要讲话指示批示精神",
        last_line: 10,
    },
    Edges {
        file: "samples/004_304e5ed636b3d688.txt",
        first: &["(辽宁省)抚顺市望花区人民政府工作报告(2022年12月14日)"],
        last: "3.实施塔峪镇安全饮水提升改造工程",
        last_line: 43,
    },
    Edges {
        file: "provinces-2026/2026_上海市.txt",
        first: &[
            "2026年上海市政府工作报告",
            "——2026年2月3日在上海市第十六届人民代表大会第四次会议上",
            "上海市市长 龚 正",
            "各位代表：",
        ],
        last: "各位代表，团结凝聚力量，奋斗铸就伟业。",
        last_line: 122,
    },
    // Label and value on separate lines (`来源:` / `四川日报`), footer cut at
    // `责任编辑：` even though report-like text follows it.
    Edges {
        file: "provinces-2026/2026_四川省.txt",
        first: &[
            "2026年四川省人民政府工作报告",
            "2026年2月3日在四川省第十四届人民代表大会第五次会议上",
            "四川省人民政府省长 施小琳",
            "各位代表：",
        ],
        last: "20.“一件事”全链条专项整治",
        last_line: 127,
    },
    // Breadcrumb over several lines, the title repeated, a caption.
    Edges {
        file: "provinces-2026/2026_陕西省.txt",
        first: &[
            "陕西省2026年政府工作报告",
            "2026年1月27日在陕西省第十四届人民代表大会第四次会议上 陕西省省长 赵刚",
            "各位代表：",
        ],
        last: "各位代表！蓝图鼓舞人心，实干谱写华章。",
        last_line: 83,
    },
    Edges {
        file: "provinces-2026/2026_宁夏回族自治区.txt",
        first: &[
            "2026年宁夏回族自治区政府工作报告",
            "政府工作报告",
            "——2026年2月3日在宁夏回族自治区第十三届人民代表大会第四次会议上",
            "自治区人民政府主席 张雨浦",
            "各位代表：",
        ],
        last: "各位代表！“十五五”蓝图引领未来",
        last_line: 113,
    },
    Edges {
        file: "provinces-2026/2026_云南省.txt",
        first: &[
            "2026年政府工作报告",
            "——2026年1月28日在云南省第十四届人民代表大会第四次会议上",
        ],
        last: "各位代表！实干兴滇，笃行致远。",
        last_line: 119,
    },
    Edges {
        file: "provinces-2026/2026_青海省.txt",
        first: &[
            "政府工作报告",
            "――2026年1月27日在青海省第十四届人民代表大会第四次会议上",
            "省长 罗东川",
            "各位代表：",
        ],
        last: "各位代表！时代浪潮奔涌向前",
        last_line: 120,
    },
    // Appendices at the end are report text.
    Edges {
        file: "provinces-2026/2026_海南省.txt",
        first: &[],
        last: "一般地方性法规制定权、经济特区法规制定权",
        last_line: 259,
    },
    Edges {
        file: "provinces-2026/2026_内蒙古自治区.txt",
        first: &[],
        last: "10.发放城镇住房保障家庭租赁补贴1.6万户",
        last_line: 72,
    },
    // Wikisource: licence footer gone, last paragraph of the speech kept.
    Edges {
        file: "national/1954_全国_国务院.txt",
        first: &["各位代表："],
        last: "五年以來，中央人民政府在中國共産黨和毛澤東主席的領導之下",
        last_line: 205,
    },
    Edges {
        file: "national/2025_全国_国务院.txt",
        first: &[],
        last: "各位代表！信心凝聚力量，实干谱写华章。",
        last_line: 170,
    },
    // Title broken over two lines, speaker indented on the next.
    Edges {
        file: "national/2017_全国_国务院.txt",
        first: &[
            "政府工作报告",
            "——2017年3月5日在第十二届全国人民代表大会第五次会议上",
            "国务院总理",
            "李克强",
        ],
        last: "使命重在担当，实干铸就辉煌。",
        last_line: 357,
    },
    // GB18030 with CRLF: letter-spaced title collapsed, indentation gone.
    Edges {
        file: "gbk/2012_内蒙古自治区_呼伦贝尔市_海拉尔区.txt",
        first: &[
            "政府工作报告",
            "----2012年2月29日在海拉尔区第十三届人民代表大会第六次会议上",
            "海拉尔区人民政府区长\u{3000}\u{3000}张天喜",
            "各位代表：",
        ],
        last: "各位代表！回顾过去，成绩喜人；展望未来，催人奋进。",
        last_line: 71,
    },
];

fn assert_starts(p: &Paragraph, start: &str, line: u32) {
    assert!(
        p.text.starts_with(start),
        "expected {start:?}…, got {:?}",
        p.text
    );
    assert_eq!(p.line(), line, "line of {start:?}");
}

#[test]
fn first_and_last_paragraphs_are_kept() {
    for edges in EDGES {
        let r = report(edges.file);
        let first: Vec<&str> = r
            .paragraphs
            .iter()
            .take(edges.first.len())
            .map(|p| p.text.as_str())
            .collect();
        assert_eq!(first, edges.first, "first paragraphs of {}", edges.file);
        let last = r.paragraphs.last().expect("a paragraph");
        assert_starts(last, edges.last, edges.last_line);
    }
    // The first body paragraph of a page that starts mid-report, from line 2.
    let r = report("samples/000_c2261995aa5722eb.txt");
    assert_starts(&r.paragraphs[0], "生态环境更加优美。严格落实", 2);
    // Appendix headings stay paragraphs of their own.
    let r = report("samples/004_304e5ed636b3d688.txt");
    assert!(r.paragraphs.iter().any(|p| p.text == "民生实事:"));
    let r = report("provinces-2026/2026_内蒙古自治区.txt");
    assert!(r.paragraphs.iter().any(|p| p.text == "附件"));
    // The title broken over two lines is one paragraph of two lines.
    let r = report("national/2017_全国_国务院.txt");
    assert_eq!(r.paragraphs[0].spans.len(), 2);
}

fn paragraph_texts(text: &str) -> Vec<String> {
    clean::clean(&clean::split_lines(text))
        .into_iter()
        .map(|p| p.text)
        .collect()
}

/// A page from a portal not in the corpus, with the chrome such portals
/// carry: a breadcrumb line, the document table with values on the next
/// line, a toolbar, a date stamp, share buttons, an image link, a site
/// footer with registration numbers.
const UNSEEN_PORTAL_PAGE: &str = "\
首页 > 政务公开 > 政府工作报告
索引号：
11530000/2025-00012
发文机关：
某市人民政府
字体：【大 中 小】  打印
某市2025年政府工作报告
——2025年1月10日在某市第十五届人民代表大会第三次会议上
市长 张三
发布时间：2025/01/15
各位代表：
现在，我代表市人民政府，向大会报告工作，请予审议，并请市政协委员和其他列席人员提出意见。
一、2024年工作回顾
过去一年，全市地区生产总值增长5.1%，一般公共预算收入增长3.2%，城镇新增就业4.1万人，居民收入稳步增长。
来源：国家统计局的数据表明，我市消费品零售总额增速居全省前列，外贸进出口实现逆势增长，新动能加快成长。
中
二、2025年工作安排
相关报道显示，我市营商环境评价连续三年位居全省第一，市场主体数量突破五十万户，创历史新高。
今年经济社会发展的主要预期目标是：地区生产总值增长5%左右，城镇调查失业率5.5%左右。
各位代表！让我们更加紧密地团结在以习近平同志为核心的党中央周围，奋力谱写高质量发展新篇章！
分享到：微信 微博
【打印】【关闭】
相关新闻：
某市召开人大会议
主办单位：某市人民政府办公室
京ICP备12345678号 京公网安备11010502030000号
";

#[test]
fn furniture_rules_generalise_to_an_unseen_portal() {
    assert_eq!(
        paragraph_texts(UNSEEN_PORTAL_PAGE),
        [
            "某市2025年政府工作报告",
            "——2025年1月10日在某市第十五届人民代表大会第三次会议上",
            "市长 张三",
            "各位代表：",
            "现在，我代表市人民政府，向大会报告工作，请予审议，并请市政协委员和其他列席人员提出意见。",
            "一、2024年工作回顾",
            "过去一年，全市地区生产总值增长5.1%，一般公共预算收入增长3.2%，城镇新增就业4.1万人，居民收入稳步增长。",
            // Chrome-like words inside the body are report text.
            "来源：国家统计局的数据表明，我市消费品零售总额增速居全省前列，外贸进出口实现逆势增长，新动能加快成长。",
            "中",
            "二、2025年工作安排",
            "相关报道显示，我市营商环境评价连续三年位居全省第一，市场主体数量突破五十万户，创历史新高。",
            "今年经济社会发展的主要预期目标是：地区生产总值增长5%左右，城镇调查失业率5.5%左右。",
            "各位代表！让我们更加紧密地团结在以习近平同志为核心的党中央周围，奋力谱写高质量发展新篇章！",
        ]
    );
}

#[test]
fn a_footer_marker_early_in_the_file_does_not_cut_the_report() {
    let mut text = String::from("各位代表：\n相关报道：\n");
    for i in 0..20 {
        text.push_str(&format!("第{i}段，经济运行稳中向好，主要指标好于预期。\n"));
    }
    let texts = paragraph_texts(&text);
    assert_eq!(texts.len(), 22);
    assert_eq!(texts[1], "相关报道：");
}

#[test]
fn broken_lines_are_joined_and_map_back() {
    let r = report("national/1954_全国_国务院.txt");
    let p = &r.paragraphs[1];
    assert!(p.text.starts_with(
        "我們第一届全國人民代表大會第一次會議，在聽了劉少奇同志關於憲法草案的報告並進行了三天的討論以後"
    ));
    assert_eq!((p.line(), p.last_line()), (3, 7));
    let at = |s: &str| p.text.find(s).unwrap();
    assert_eq!(p.line_at(at("關於憲法草案的報告")), 4);
    assert_eq!(p.line_at(at("中華人民共和國憲法")), 6);
    assert_eq!(p.line_at(at("，接着")), 7);

    // Zero-width lines inside a sentence (1957) do not split it.
    let r = report("national/1957_全国_国务院.txt");
    let p = r
        .paragraphs
        .iter()
        .find(|p| p.text.contains("社会财产沒有遭到損坏"))
        .expect("paragraph across a zero-width line");
    assert_eq!(p.line_at(p.text.find("有遭到損坏").unwrap()), 28);

    // A numbered label on its own line joins its text; a numbered title
    // does not swallow the next line.
    let r = report("national/1955_全国_国务院.txt");
    assert!(r.paragraphs.iter().any(|p| p
        .text
        .starts_with("一、我国人民已经推翻了帝国主义者在中国的统治")));
    let r = report("national/2024_全国_国务院.txt");
    assert!(r.paragraphs.iter().any(|p| p.text == "一、2023年工作回顾"));
    let r = report("national/2014_全国_国务院.txt");
    assert!(r
        .paragraphs
        .iter()
        .any(|p| p.text.contains("今年广义货币M2预期增长13%左右")));

    // Spaced-out digits read as numbers.
    let r = report("national/1998_全国_国务院.txt");
    assert!(r
        .paragraphs
        .iter()
        .any(|p| p.text.contains("1997年国内生产总值达到74772亿元")));
}

/// Characters ignored when comparing paragraph text with the original:
/// whitespace (indentation, letter-spacing, the space joining Latin words)
/// and what character clean-up removes.
fn comparable(s: &str) -> String {
    s.chars()
        .filter(|&c| !c.is_whitespace() && !c.is_control() && !chars::is_invisible(c))
        .collect()
}

/// The original file's lines, decoded and split independently of the
/// library's own splitter (these files use LF or CRLF only).
fn original_lines(r: &Report) -> Vec<String> {
    let bytes = std::fs::read(r.path.as_ref().unwrap()).unwrap();
    let text = match r.encoding {
        Encoding::Gb18030 => encoding_rs::GB18030.decode(&bytes).0.into_owned(),
        _ => String::from_utf8(bytes).unwrap(),
    };
    assert!(!text.replace("\r\n", "").contains('\r'));
    let mut lines: Vec<String> = text
        .split('\n')
        .map(|l| l.strip_suffix('\r').unwrap_or(l).to_string())
        .collect();
    if text.ends_with('\n') {
        lines.pop();
    }
    lines
}

#[test]
fn every_span_occurs_in_its_original_line() {
    for r in &CORPUS.reports {
        let lines = original_lines(r);
        assert_eq!(r.line_count as usize, lines.len(), "{}", r.file);
        for p in &r.paragraphs {
            check_paragraph_shape(p, r.line_count);
            for (i, span) in p.spans.iter().enumerate() {
                let end = p.spans.get(i + 1).map_or(p.text.len(), |s| s.offset);
                let piece = comparable(&p.text[span.offset..end]);
                let original = comparable(&lines[span.line as usize - 1]);
                assert!(
                    !piece.is_empty(),
                    "{}: empty span at line {}",
                    r.file,
                    span.line
                );
                assert!(
                    original.contains(&piece),
                    "{} line {}: {piece:?} not in {original:?}",
                    r.file,
                    span.line
                );
            }
        }
    }
}

/// The invariants every paragraph keeps, whatever the input.
fn check_paragraph_shape(p: &Paragraph, line_count: u32) {
    assert!(!p.spans.is_empty());
    assert_eq!(p.spans[0].offset, 0);
    assert!(!p.text.is_empty());
    assert_eq!(p.text.trim(), p.text, "untrimmed paragraph {:?}", p.text);
    for w in p.spans.windows(2) {
        assert!(w[0].offset < w[1].offset, "offsets increase");
        assert!(w[0].line < w[1].line, "lines increase");
    }
    for s in &p.spans {
        assert!(
            p.text.is_char_boundary(s.offset),
            "span off a char boundary"
        );
        assert!(s.offset < p.text.len());
        assert!(
            (1..=line_count).contains(&s.line),
            "line {} of {line_count}",
            s.line
        );
    }
    for c in p.text.chars() {
        assert!(
            !c.is_control() && !chars::is_invisible(c),
            "control or invisible {c:?} in {:?}",
            p.text
        );
    }
}

fn clean_all(text: &str) -> (u32, Vec<Paragraph>) {
    let lines = clean::split_lines(text);
    for (i, l) in lines.iter().enumerate() {
        assert_eq!(l.line as usize, i + 1);
        assert!(!l
            .text
            .chars()
            .any(|c| c.is_control() || chars::is_invisible(c)));
    }
    (lines.len() as u32, clean::clean(&lines))
}

/// Pieces that exercise every rule: line ends, escape sequences, invisible
/// characters, indentation, numbering labels, furniture, letter-spacing.
fn fragment() -> impl Strategy<Value = String> {
    prop_oneof![
        4 => any::<char>().prop_map(String::from),
        3 => "[一-龥]{1,6}",
        2 => prop::sample::select(vec![
            "\n", "\r\n", "\r", "\n\n", "\u{1b}[1;31m", "\u{1b}]0;标题\u{7}", "\u{1b}", "\u{9b}2J",
            "\u{200b}", "\u{feff}", "\u{202e}", "\u{3000}\u{3000}", "  ", "\t", "一、", "（二）",
            "第三，", "4.", "五是", "各位代表：", "下载", "【字号：", "来源:", "来源：新华社",
            "相关报道：", "本作品是中华人民共和国的", "责任编辑：", "首页", ">", "政 府 工 作",
            "1 9 9 8 年", "。", "，", "：", "M", "PM", "https://example.org/x", "'",
        ])
        .prop_map(String::from),
        1 => "[a-z0-9 .]{0,8}",
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(fuzz_support::cases(10_000)))]

    #[test]
    fn arbitrary_bytes_never_panic(bytes in prop::collection::vec(any::<u8>(), 0..200)) {
        if let Ok(decoded) = decode::decode(&bytes) {
            let (line_count, paragraphs) = clean_all(&decoded.text);
            for p in &paragraphs {
                check_paragraph_shape(p, line_count);
            }
        }
    }

    #[test]
    fn arbitrary_text_keeps_invariants(
        text in prop_oneof![
            any::<String>(),
            prop::collection::vec(fragment(), 0..40).prop_map(|v| v.concat()),
        ]
    ) {
        let (line_count, paragraphs) = clean_all(&text);
        for p in &paragraphs {
            check_paragraph_shape(p, line_count);
        }
    }

    #[test]
    fn report_like_bytes_decode_in_every_encoding(
        text in prop::collection::vec(fragment(), 1..30).prop_map(|v| v.concat()),
        which in 0usize..3,
    ) {
        let bytes: Vec<u8> = match which {
            0 => text.as_bytes().to_vec(),
            1 => encoding_rs::GB18030.encode(&text).0.into_owned(),
            _ => {
                let mut b = vec![0xFF, 0xFE];
                for u in text.encode_utf16() {
                    b.extend_from_slice(&u.to_le_bytes());
                }
                b
            }
        };
        if let Ok(decoded) = decode::decode(&bytes) {
            let (line_count, paragraphs) = clean_all(&decoded.text);
            for p in &paragraphs {
                check_paragraph_shape(p, line_count);
            }
        }
    }
}
