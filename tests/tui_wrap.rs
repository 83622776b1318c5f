//! Properties of the CJK-aware wrapper and the width helpers.

use gwr::text::width::{display_width, for_display, truncate, truncate_with};
use gwr::text::wrap::{is_no_end, is_no_start, wrap, WrappedLine};
use proptest::prelude::*;
use unicode_segmentation::UnicodeSegmentation;

/// Pieces report text is made of, plus hostile ones.
fn piece() -> impl Strategy<Value = String> {
    prop_oneof![
        4 => "[政府工作报告经济发展稳中求进乡村振兴生态环境]{1,6}",
        3 => prop::sample::select(vec![
            "，", "。", "、", "；", "：", "！", "？", "）", "」", "』", "”", "’", "》", "%",
            ",", ".", ")", "（", "「", "『", "“", "‘", "《", "(", "——", "……", "。”", "）。",
        ])
        .prop_map(str::to_string),
        2 => "[A-Za-z]{1,12}",
        2 => "[0-9]{1,6}(\\.[0-9]{1,3})?",
        1 => prop::sample::select(vec![" ", "  ", "\u{3000}", "\t", "\n", "\r\n"]).prop_map(str::to_string),
        1 => prop::sample::select(vec![
            "e\u{301}", "👨\u{200d}👩\u{200d}👧", "🇨🇳", "\u{1b}[31m", "\u{7f}", "\u{9b}", "ｱﾞ",
        ])
        .prop_map(str::to_string),
        1 => any::<String>(),
    ]
}

fn text() -> impl Strategy<Value = String> {
    prop::collection::vec(piece(), 0..40).prop_map(|v| v.concat())
}

/// Report-like text: closing punctuation never runs three long, so a legal
/// break always exists once a line holds a few characters.
fn report_like() -> impl Strategy<Value = String> {
    let word = "[政府工作报告经济发展稳中求进乡村振兴]{2,8}";
    let closer = prop::sample::select(vec![
        "，", "。", "、", "；", "：", "！", "？", "。”", "）。", "）",
    ]);
    let opener = prop::sample::select(vec!["（", "“", "《", "「"]);
    let latin = "[A-Za-z0-9]{2,6}|[0-9]{2,3}\\.[0-9]{1,2}";
    prop::collection::vec(
        (
            prop::option::of(opener),
            prop_oneof![3 => word.boxed(), 1 => latin.boxed()],
            prop::option::of(closer),
        )
            .prop_map(|(o, w, c)| format!("{}{}{}", o.unwrap_or(""), w, c.unwrap_or(""))),
        0..60,
    )
    .prop_map(|v| v.concat())
}

fn is_gap_char(c: char) -> bool {
    c.is_whitespace() || c == '\u{3000}'
}

/// Checks every wrapper property except the kinsoku rule at line starts.
fn check_lines(text: &str, width: usize, lines: &[WrappedLine]) -> Result<(), TestCaseError> {
    prop_assert!(!lines.is_empty());
    let mut covered = 0;
    for line in lines {
        let r = line.range.clone();
        prop_assert!(r.start >= covered && r.start <= r.end && r.end <= text.len());
        prop_assert!(text.is_char_boundary(r.start) && text.is_char_boundary(r.end));
        // Nothing lost: what lies between lines is whitespace only.
        prop_assert!(
            text[covered..r.start].chars().all(is_gap_char),
            "lost {:?}",
            &text[covered..r.start]
        );
        let slice = &text[r.clone()];
        prop_assert_eq!(line.width, display_width(slice));
        let single_wide_grapheme = slice.graphemes(true).count() == 1;
        prop_assert!(
            line.width <= width || single_wide_grapheme,
            "line {:?} is {} wide at width {}",
            slice,
            line.width,
            width
        );
        // What is shown fits too.
        prop_assert_eq!(display_width(&for_display(slice)), line.width);
        covered = r.end;
    }
    prop_assert!(text[covered..].chars().all(is_gap_char));
    Ok(())
}

/// Whether the wrapper could have broken legally anywhere inside `range`.
fn has_legal_break(text: &str, range: std::ops::Range<usize>) -> bool {
    let clusters: Vec<&str> = text[range].graphemes(true).collect();
    let first = |g: &str| g.chars().next().unwrap_or(' ');
    let last = |g: &str| g.chars().last().unwrap_or(' ');
    let space = |g: &str| g.chars().all(is_gap_char);
    (1..clusters.len()).any(|i| {
        let prev = clusters[..i].iter().rev().find(|g| !space(g));
        !space(clusters[i])
            && !is_no_start(first(clusters[i]))
            && prev.is_some_and(|p| !is_no_end(last(p)))
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(10_000))]

    #[test]
    fn wrapper_is_width_safe_lossless_and_kinsoku_aware(s in text(), width in 2usize..60) {
        let lines = wrap(&s, width);
        check_lines(&s, width, &lines)?;
        for pair in lines.windows(2) {
            let gap = &s[pair[0].range.end..pair[1].range.start];
            if gap.contains(['\n', '\r', '\u{0B}', '\u{0C}', '\u{85}', '\u{2028}', '\u{2029}']) {
                continue; // a hard line break, not the wrapper's choice
            }
            let next = &s[pair[1].range.clone()];
            if let Some(first) = next.chars().next() {
                if is_no_start(first) {
                    // Allowed only when the previous line gave no choice.
                    prop_assert!(
                        !has_legal_break(&s, pair[0].range.start..pair[1].range.end.min(pair[1].range.start + first.len_utf8())),
                        "line starts with {:?} although the line before could break: {:?}",
                        first,
                        lines.iter().map(|l| &s[l.range.clone()]).collect::<Vec<_>>()
                    );
                }
            }
        }
    }

    #[test]
    fn report_text_never_starts_a_line_with_closing_punctuation(s in report_like(), width in 6usize..80) {
        let lines = wrap(&s, width);
        check_lines(&s, width, &lines)?;
        for l in &lines {
            let line = &s[l.range.clone()];
            prop_assert!(
                !line.chars().next().is_some_and(is_no_start) || l.range.start == 0,
                "{:?} starts with closing punctuation", line
            );
            prop_assert!(
                !line.chars().last().is_some_and(is_no_end) || l.range.end == s.len(),
                "{:?} ends with an opening bracket", line
            );
        }
    }

    #[test]
    fn truncation_fits(s in text(), max in 0usize..40) {
        let t = truncate(&s, max);
        prop_assert!(s.starts_with(t));
        prop_assert!(display_width(t) <= max);
        let m = truncate_with(&s, max, "…");
        prop_assert!(display_width(&m) <= max);
    }
}

#[test]
fn giant_lines_wrap() {
    // A megabyte without a newline, and one without any break opportunity.
    let giant = "数据ABC123，".repeat(60_000);
    let lines = wrap(&giant, 80);
    assert!(lines.iter().all(|l| l.width <= 80));
    assert_eq!(lines.last().map(|l| l.range.end), Some(giant.len()));
    let unbroken = "x".repeat(1_000_000);
    let lines = wrap(&unbroken, 100);
    assert_eq!(lines.len(), 10_000);
}
