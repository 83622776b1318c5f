//! Report metadata read from the text: every file with a MANIFEST row,
//! hand-checked expectations for the built-in samples, place completion,
//! and properties over arbitrary input.

mod fuzz_support;

use gwr::corpus::clean::SourceLine;
use gwr::corpus::meta::extract;
use gwr::corpus::parse_report;
use gwr::corpus::places;
use gwr::report::{Level, Metadata};
use proptest::prelude::*;
use std::path::{Path, PathBuf};

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// One MANIFEST row: the fields checked here.
#[derive(Debug)]
struct Row {
    file: String,
    year: u16,
    province: String,
    city: String,
    county: String,
}

fn manifest(dir: &Path) -> Vec<Row> {
    let text = std::fs::read_to_string(dir.join("MANIFEST.tsv")).expect("MANIFEST.tsv");
    let mut lines = text.lines();
    let header: Vec<&str> = lines.next().expect("header").split('\t').collect();
    let col = |name: &str| {
        header
            .iter()
            .position(|h| *h == name)
            .unwrap_or_else(|| panic!("MANIFEST column {name}"))
    };
    let (file, year, province, city, county) = (
        col("file"),
        col("year"),
        col("province"),
        col("city"),
        col("county"),
    );
    lines
        .filter(|l| !l.trim().is_empty())
        .map(|l| {
            let cols: Vec<&str> = l.split('\t').collect();
            let get = |i: usize| cols.get(i).copied().unwrap_or("").to_string();
            Row {
                file: get(file),
                year: get(year).parse().expect("year"),
                province: get(province),
                city: get(city),
                county: get(county),
            }
        })
        .collect()
}

/// Parse a file through the whole pipeline under a neutral name, so only
/// the text can supply the answers.
fn parse_anonymous(path: &Path) -> Metadata {
    let bytes = std::fs::read(path).expect("read report");
    parse_report("report.txt", None, &bytes)
        .expect("report parses")
        .meta
}

fn check_manifest(dir: &str) -> usize {
    let dir = root().join(dir);
    let rows = manifest(&dir);
    assert!(!rows.is_empty());
    let mut failures = Vec::new();
    for row in &rows {
        let m = parse_anonymous(&dir.join(&row.file));
        let mut wrong = Vec::new();
        if m.year != Some(row.year) {
            wrong.push(format!("year {:?} != {}", m.year, row.year));
        }
        if m.province.as_deref() != Some(row.province.as_str()) {
            wrong.push(format!("province {:?} != {}", m.province, row.province));
        }
        if !row.city.is_empty() && m.city.as_deref() != Some(row.city.as_str()) {
            wrong.push(format!("city {:?} != {}", m.city, row.city));
        }
        if !row.county.is_empty() && m.county.as_deref() != Some(row.county.as_str()) {
            wrong.push(format!("county {:?} != {}", m.county, row.county));
        }
        // The level must agree with what the row describes.
        let expected_level = if row.province == "全国" {
            Level::National
        } else if !row.county.is_empty() {
            if row.county.ends_with('区') {
                Level::District
            } else {
                Level::County
            }
        } else if !row.city.is_empty() {
            Level::City
        } else {
            Level::Provincial
        };
        if m.level != Some(expected_level) {
            wrong.push(format!("level {:?} != {:?}", m.level, expected_level));
        }
        // The review year is the year before delivery or, for a report
        // given late in the year, the year itself.
        match m.review_year {
            Some(r) if r + 1 == row.year || r == row.year => {}
            other => wrong.push(format!("review year {other:?} for {}", row.year)),
        }
        if !wrong.is_empty() {
            failures.push(format!("{}: {}", row.file, wrong.join("; ")));
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {} reports wrong:\n{}",
        failures.len(),
        rows.len(),
        failures.join("\n")
    );
    rows.len()
}

#[test]
fn provinces_2026_match_manifest() {
    assert_eq!(check_manifest("assets/corpus/provinces-2026"), 31);
}

#[test]
fn national_reports_match_manifest() {
    assert_eq!(check_manifest("tests/fixtures/corpus/national"), 52);
}

#[test]
fn gbk_reports_match_manifest() {
    assert_eq!(check_manifest("tests/fixtures/corpus/gbk"), 2);
}

/// Provincial reports state their delivery date; check the exact dates of
/// a few (read off their delivery lines by hand), including the one
/// written in Chinese numerals and the one broken over two lines.
#[test]
fn provincial_delivery_dates() {
    let dir = root().join("assets/corpus/provinces-2026");
    for (file, date) in [
        ("2026_安徽省.txt", "2026-02-05"),
        ("2026_甘肃省.txt", "2026-01-27"),
        ("2026_广东省.txt", "2026-01-26"),
        ("2026_贵州省.txt", "2026-01-27"),
        ("2026_浙江省.txt", "2026-01-14"),
        ("2026_青海省.txt", "2026-01-27"),
    ] {
        let m = parse_anonymous(&dir.join(file));
        assert_eq!(
            m.date.map(|d| d.to_string()).as_deref(),
            Some(date),
            "{file}"
        );
        assert_eq!(m.review_year, Some(2025), "{file}");
    }
    let m = parse_anonymous(&dir.join("2026_陕西省.txt"));
    assert_eq!(m.title.as_deref(), Some("陕西省2026年政府工作报告"));
    let m = parse_anonymous(&dir.join("2026_广东省.txt"));
    assert_eq!(m.title.as_deref(), Some("政府工作报告"));
    let m = parse_anonymous(&dir.join("2026_北京市.txt"));
    assert_eq!(
        m.city.as_deref(),
        Some("北京市"),
        "a municipality is its own city"
    );
    assert_eq!(m.adcode.as_deref(), Some("110000"));
}

#[test]
fn national_reports_dated_in_the_text() {
    let dir = root().join("tests/fixtures/corpus/national");
    let m = parse_anonymous(&dir.join("2024_全国_国务院.txt"));
    assert_eq!(m.date.map(|d| d.to_string()).as_deref(), Some("2024-03-05"));
    assert_eq!(m.title.as_deref(), Some("政府工作报告"));
    assert_eq!(m.review_year, Some(2023));
    assert_eq!(m.city, None);
    assert_eq!(m.county, None);
    assert_eq!(m.adcode, None);
    // The title broken over two lines (`政府工作报` / `告`).
    let m = parse_anonymous(&dir.join("2017_全国_国务院.txt"));
    assert_eq!(m.date.map(|d| d.to_string()).as_deref(), Some("2017-03-05"));
    assert_eq!(m.title.as_deref(), Some("政府工作报告"));
    // Traditional characters, no title, no date.
    let m = parse_anonymous(&dir.join("1954_全国_国务院.txt"));
    assert_eq!(m.title, None);
    assert_eq!(m.date, None);
    let m = parse_anonymous(&dir.join("1957_全国_国务院.txt"));
    assert_eq!(m.date.map(|d| d.to_string()).as_deref(), Some("1957-06-26"));
    // Delivered in December 1964, reviewing 1964 and planning 1965.
    let m = parse_anonymous(&dir.join("1964_全国_国务院.txt"));
    assert_eq!((m.year, m.review_year), (Some(1964), Some(1964)));
}

#[test]
fn gbk_reports_date_and_title() {
    let dir = root().join("tests/fixtures/corpus/gbk");
    let m = parse_anonymous(&dir.join("2012_内蒙古自治区_呼伦贝尔市_海拉尔区.txt"));
    assert_eq!(m.title.as_deref(), Some("政府工作报告"));
    assert_eq!(m.date.map(|d| d.to_string()).as_deref(), Some("2012-02-29"));
    assert_eq!(m.review_year, Some(2011));
    assert_eq!(m.adcode.as_deref(), Some("150702"));
}

/// The five built-in samples, read by hand: what the text itself says, and
/// unknown where it does not.
#[test]
fn samples_as_a_careful_reader_sees_them() {
    struct Expect {
        file: &'static str,
        title: Option<&'static str>,
        level: Option<Level>,
        province: Option<&'static str>,
        city: Option<&'static str>,
        county: Option<&'static str>,
        year: Option<u16>,
        date: Option<&'static str>,
        review_year: Option<u16>,
    }
    let expectations = [
        // A page of a site's collection: `区2023年政府工作报告-39篇(第127/192页)`
        // says a district's 2023 report and nothing about which district.
        // (`阜阳名小吃` hints at Anhui but names a brand, not the government.)
        Expect {
            file: "000_c2261995aa5722eb.txt",
            title: Some("区2023年政府工作报告"),
            level: Some(Level::District),
            province: None,
            city: None,
            county: None,
            year: Some(2023),
            date: None,
            review_year: Some(2022),
        },
        Expect {
            file: "001_a1c83bb14aa6ee28.txt",
            title: Some("铜陵市铜官区人民政府工作报告"),
            level: Some(Level::District),
            province: Some("安徽省"),
            city: Some("铜陵市"),
            county: Some("铜官区"),
            year: Some(2024),
            date: Some("2024-01-24"),
            review_year: Some(2023),
        },
        // A page from the middle of a report with no header: the formulas
        // `区人大代表建议`, `区政协提案`, `自觉接受区人大…监督` make it a
        // district's; which district, and which year, it never says. `我省`
        // and the 《辽宁省…》 documents it studies point to Liaoning, but the
        // report never names its own province, and a rule taking a province
        // the body names would misfire on every report that names a partner
        // province; so the province stays unknown.
        Expect {
            file: "002_0fa8e233480ea161.txt",
            title: None,
            level: Some(Level::District),
            province: None,
            city: None,
            county: None,
            year: None,
            date: None,
            review_year: None,
        },
        // 通州区 exists in Beijing and in 南通市; the title says which.
        Expect {
            file: "003_c0ca0c8aa34eeb98.txt",
            title: Some("南通市通州区人民政府工作报告"),
            level: Some(Level::District),
            province: Some("江苏省"),
            city: Some("南通市"),
            county: Some("通州区"),
            year: Some(2023),
            date: Some("2023-01-02"),
            review_year: Some(2022),
        },
        // Delivered on 14 December 2022: it reviews 2022 and plans 2023.
        Expect {
            file: "004_304e5ed636b3d688.txt",
            title: Some("抚顺市望花区人民政府工作报告"),
            level: Some(Level::District),
            province: Some("辽宁省"),
            city: Some("抚顺市"),
            county: Some("望花区"),
            year: Some(2022),
            date: Some("2022-12-14"),
            review_year: Some(2022),
        },
    ];
    let dir = root().join("assets/corpus/samples");
    for e in expectations {
        let m = parse_anonymous(&dir.join(e.file));
        assert_eq!(m.title.as_deref(), e.title, "{} title", e.file);
        assert_eq!(m.level, e.level, "{} level", e.file);
        assert_eq!(m.province.as_deref(), e.province, "{} province", e.file);
        assert_eq!(m.city.as_deref(), e.city, "{} city", e.file);
        assert_eq!(m.county.as_deref(), e.county, "{} county", e.file);
        assert_eq!(m.year, e.year, "{} year", e.file);
        assert_eq!(
            m.date.map(|d| d.to_string()).as_deref(),
            e.date,
            "{} date",
            e.file
        );
        assert_eq!(m.review_year, e.review_year, "{} review year", e.file);
    }
}

/// Without anything in the text, the file name supplies year and place;
/// with the text saying otherwise, the text wins.
#[test]
fn file_name_fallback() {
    let dir = root().join("tests/fixtures/corpus/gbk");
    let name = "2012_内蒙古自治区_呼伦贝尔市_海拉尔区.txt";
    let bytes = std::fs::read(dir.join(name)).expect("read");
    let named = parse_report(name, None, &bytes).expect("parses").meta;
    assert_eq!(named, parse_anonymous(&dir.join(name)));

    let body = "各位代表：\n现在，我代表区政府向大会作工作报告，请予审议。\n";
    let m = parse_report(name, None, body.as_bytes())
        .expect("parses")
        .meta;
    assert_eq!(m.year, Some(2012));
    assert_eq!(m.province.as_deref(), Some("内蒙古自治区"));
    assert_eq!(m.city.as_deref(), Some("呼伦贝尔市"));
    assert_eq!(m.county.as_deref(), Some("海拉尔区"));
    assert_eq!(m.level, Some(Level::District));
    assert_eq!(m.review_year, Some(2011));

    let m = parse_report("1999_全国_国务院.txt", None, "各位代表：\n".as_bytes())
        .expect("parses")
        .meta;
    assert_eq!(m.year, Some(1999));
    assert_eq!(m.province.as_deref(), Some("全国"));
    assert_eq!(m.level, Some(Level::National));

    let m = parse_report("report.txt", None, body.as_bytes())
        .expect("parses")
        .meta;
    assert_eq!(m.year, None);
    assert_eq!(m.province, None);
    assert_eq!(m.level, Some(Level::District));
}

#[test]
fn place_completion() {
    let table = places::table();
    let p = table.resolve_text("海拉尔区");
    assert_eq!(
        (
            p.province.as_deref(),
            p.city.as_deref(),
            p.county.as_deref()
        ),
        (Some("内蒙古自治区"), Some("呼伦贝尔市"), Some("海拉尔区"))
    );
    let p = table.resolve_text("铜官区");
    assert_eq!(
        (p.province.as_deref(), p.city.as_deref()),
        (Some("安徽省"), Some("铜陵市"))
    );
    let p = table.resolve_text("通州区");
    assert_eq!((p.province, p.city, p.adcode), (None, None, None));
    let p = table.resolve_text("南通市通州区");
    assert_eq!(
        (
            p.province.as_deref(),
            p.city.as_deref(),
            p.adcode.as_deref()
        ),
        (Some("江苏省"), Some("南通市"), Some("320612"))
    );
    for city in ["北京市", "上海市", "天津市", "重庆市"] {
        let p = table.resolve_text(city);
        assert_eq!(p.city.as_deref(), Some(city));
        assert_eq!(p.province.as_deref(), Some(city));
    }
}

/// The same resolution inside a report: a delivery line naming only the
/// ambiguous district leaves its city unknown; the province in the title
/// settles it.
#[test]
fn ambiguous_district_in_a_report() {
    let lines = gwr::corpus::clean::split_lines;
    let m = extract(
        &lines("政府工作报告\n——2023年1月5日在通州区第十七届人民代表大会第二次会议上"),
        &[],
        "report.txt",
    );
    assert_eq!(m.county.as_deref(), Some("通州区"));
    assert_eq!((m.city, m.province, m.adcode), (None, None, None));
    assert_eq!(m.level, Some(Level::District));

    let m = extract(
        &lines("(江苏省)通州区人民政府工作报告\n——2023年1月5日在通州区第十七届人民代表大会第二次会议上"),
        &[],
        "report.txt",
    );
    assert_eq!(m.city.as_deref(), Some("南通市"));
    assert_eq!(m.province.as_deref(), Some("江苏省"));

    let m = extract(
        &lines("2024年北京市通州区政府工作报告\n北京市通州区人民政府区长 某某"),
        &[],
        "report.txt",
    );
    assert_eq!(m.city.as_deref(), Some("北京市"));
    assert_eq!(m.adcode.as_deref(), Some("110112"));
}

fn lines_of(texts: &[String]) -> Vec<SourceLine<'_>> {
    texts
        .iter()
        .enumerate()
        .map(|(i, t)| SourceLine {
            line: i as u32 + 1,
            text: t.as_str().into(),
            ..Default::default()
        })
        .collect()
}

fn check_invariants(m: &Metadata) -> Result<(), TestCaseError> {
    if let Some(y) = m.year {
        prop_assert!((1949..=2100).contains(&y), "year {}", y);
    }
    if let Some(r) = m.review_year {
        prop_assert!((1948..=2100).contains(&r), "review year {}", r);
    }
    if let Some(d) = m.date {
        prop_assert!((1949..=2100).contains(&d.year));
        prop_assert!((1..=12).contains(&d.month));
        let leap =
            (d.year.is_multiple_of(4) && !d.year.is_multiple_of(100)) || d.year.is_multiple_of(400);
        let days = match d.month {
            2 if leap => 29,
            2 => 28,
            4 | 6 | 9 | 11 => 30,
            _ => 31,
        };
        prop_assert!(d.day >= 1 && d.day <= days, "date {}", d);
        prop_assert_eq!(m.year, Some(d.year));
    }
    if let Some(code) = &m.adcode {
        prop_assert!(code.len() == 6 && code.bytes().all(|b| b.is_ascii_digit()));
    }
    Ok(())
}

/// Pieces of real header lines, so random input reaches the rules.
fn header_piece() -> impl Strategy<Value = String> {
    prop::sample::select(vec![
        "政府工作报告",
        "——",
        "年",
        "月",
        "日",
        "在",
        "第十四届",
        "届",
        "人民代表大会",
        "全国",
        "第二次会议上",
        "会议上",
        "(",
        ")",
        "安徽省",
        "通州区",
        "海拉尔区",
        "区",
        "省长",
        "区长",
        "我代表",
        "国务院",
        "政府",
        "今年是",
        "“十四五”",
        "收官之年",
        "周年",
        "新中国成立",
        "一、",
        "工作回顾",
        "2024",
        "二〇二六",
        "１９５５",
        "13",
        "99",
        "0",
        "二十九",
        "三十二",
        "十三",
        "9999",
        "1948",
        "去年",
        "明年",
        "全年",
        "主要任务",
        "\u{200B}",
        "　",
    ])
    .prop_map(str::to_string)
}

fn header_line() -> impl Strategy<Value = String> {
    prop::collection::vec(header_piece(), 0..12).prop_map(|v| v.concat())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(fuzz_support::cases(10_000)))]

    #[test]
    fn arbitrary_unicode_never_panics(
        texts in prop::collection::vec(any::<String>(), 0..8),
        file in any::<String>(),
    ) {
        let m = extract(&lines_of(&texts), &[], &file);
        check_invariants(&m)?;
    }

    #[test]
    fn header_like_lines_keep_invariants(
        texts in prop::collection::vec(header_line(), 0..8),
    ) {
        let m = extract(&lines_of(&texts), &[], "report.txt");
        check_invariants(&m)?;
    }
}

#[test]
fn giant_and_control_lines() {
    let giant = "政府工作报告".repeat(200_000);
    let control: String = (0u8..32).map(char::from).collect();
    let texts = vec![
        giant,
        control,
        "\u{FEFF}\u{200B}".to_string(),
        String::new(),
    ];
    let m = extract(&lines_of(&texts), &[], "");
    assert_eq!(m.title, None, "a giant line is not a title");
}
