//! Properties of the number parser and the figure extractor on any input:
//! no panic, finite values, and every figure's raw text at its byte range.

mod fuzz_support;

use gwr::figures::extract_paragraph;
use gwr::numbers::{numeral_at, parse_integer, parse_number};
use proptest::prelude::*;

/// Characters the extractor reacts to, so random text reaches deep paths:
/// digits (half- and full-width), Chinese numerals and magnitudes, units,
/// qualifiers, range connectors, quotes, brackets, clause marks.
const POOL: &[&str] = &[
    "0",
    "1",
    "2",
    "5",
    "9",
    ".",
    ",",
    "，",
    "１",
    "２",
    "．",
    "一",
    "二",
    "两",
    "三",
    "十",
    "百",
    "千",
    "万",
    "亿",
    "零",
    "〇",
    "点",
    "點",
    "百分之",
    "成",
    "%",
    "％",
    "个百分点",
    "元",
    "万元",
    "亿元",
    "人",
    "个",
    "家",
    "项",
    "年",
    "平",
    "平方米",
    "公里",
    "千瓦",
    "余",
    "多",
    "以上",
    "以下",
    "左右",
    "超过",
    "近",
    "约",
    "控制在",
    "不低于",
    "—",
    "-",
    "~",
    "至",
    "到",
    "第",
    "届",
    "“",
    "”",
    "\"",
    "《",
    "》",
    "[",
    "]",
    "【",
    "】",
    "(",
    ")",
    "、",
    "。",
    "；",
    "：",
    "增长",
    "下降",
    "提高到",
    "同比",
    "较上年",
    "比",
    "由",
    "新增",
    "完成",
    "投入",
    "的",
    "和",
    "PM",
    "+",
    "/",
    "圈",
    "分钟",
    "方面",
    "八项规定",
    "新增城镇就业",
    "空气质量优良天数比例",
    " ",
    "\u{3000}",
    "\n",
    "\t",
    "a",
    "Z",
    "\u{0}",
    "\u{200B}",
    "🙂",
    "\u{FEFF}",
];

fn report_like() -> impl Strategy<Value = String> {
    prop::collection::vec(prop::sample::select(POOL), 0..60).prop_map(|parts| parts.concat())
}

fn check_text(text: &str) -> Result<(), TestCaseError> {
    for f in extract_paragraph(text) {
        prop_assert!(f.value.is_finite(), "{:?} in {:?}", f, text);
        prop_assert!(text.is_char_boundary(f.range.start) && text.is_char_boundary(f.range.end));
        prop_assert_eq!(text.get(f.range.clone()), Some(f.raw.as_str()));
        prop_assert!(!f.raw.is_empty());
        prop_assert!(!f.unit.is_empty());
    }
    Ok(())
}

fn check_numbers(text: &str) -> Result<(), TestCaseError> {
    if let Some(v) = parse_number(text) {
        prop_assert!(v.is_finite(), "{} → {}", text, v);
    }
    let _ = parse_integer(text);
    for (i, _) in text.char_indices() {
        if let Some(n) = numeral_at(text, i) {
            prop_assert!(n.end > i && text.is_char_boundary(n.end));
            prop_assert!(n.value.to_f64().is_finite());
        }
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(fuzz_support::cases(10_000)))]

    #[test]
    fn number_parser_never_panics_on_any_string(s in any::<String>()) {
        check_numbers(&s)?;
    }

    #[test]
    fn number_parser_never_panics_on_numeral_soup(s in report_like()) {
        check_numbers(&s)?;
    }

    #[test]
    fn extractor_never_panics_on_any_string(s in any::<String>()) {
        check_text(&s)?;
    }

    #[test]
    fn extractor_keeps_raw_at_its_range_on_report_like_text(s in report_like()) {
        check_text(&s)?;
    }
}

#[test]
fn giant_and_degenerate_lines() {
    let cases = [
        "9".repeat(100_000),
        "一".repeat(100_000),
        "万".repeat(50_000),
        "1,".repeat(50_000),
        "百分之".repeat(30_000),
        "“".repeat(50_000) + "5个",
        "[".repeat(50_000) + "5个",
        "5个".repeat(50_000),
        "1—".repeat(50_000) + "2个",
        "\u{0}".repeat(10_000) + "3亿元",
    ];
    for text in &cases {
        let figures = extract_paragraph(text);
        for f in &figures {
            assert!(f.value.is_finite());
            assert_eq!(&text[f.range.clone()], f.raw);
        }
    }
    assert_eq!(extract_paragraph(&"5个".repeat(1000)).len(), 1000);
}

#[test]
fn unmatched_quotes_stay_linear() {
    let text = "“".repeat(40_000) + &"’".repeat(40_000) + "5个";
    assert_eq!(extract_paragraph(&text).len(), 1);
}
