//! `gwr targets` through the real binary: the header scripts read, JSON,
//! filters, a clear error for an unknown indicator, and the built-in corpus.

mod cli_support;

use cli_support::{command, fixture, run, stderr, stdout};

/// The header line: a public contract, spelled out here rather than taken
/// from the code that writes it.
const HEADER_LINE: &str = "place\tyear\tindicator\tkind\tunit\ttarget_raw\ttarget_value\ttarget_value_high\ttarget_qualifier\toutcome_raw\toutcome_value\tmet\ttarget_file\ttarget_path\ttarget_line\toutcome_file\toutcome_path\toutcome_line";

#[test]
fn tsv_rows_pair_a_target_with_the_next_reports_outcome() {
    let out = run(command().args([
        "targets",
        "--indicator",
        "新增城镇就业",
        "--year",
        "2024",
        &fixture("tests/fixtures/corpus/national"),
    ]));
    assert!(out.status.success(), "{}", stderr(&out));
    let text = stdout(&out);
    let mut lines = text.lines();
    assert_eq!(lines.next(), Some(HEADER_LINE));
    let rows: Vec<Vec<&str>> = lines.map(|l| l.split('\t').collect()).collect();
    assert_eq!(rows.len(), 1, "{text}");
    let r = &rows[0];
    assert_eq!(
        &r[..12],
        &[
            "全国",
            "2024",
            "城镇新增就业",
            "level",
            "人",
            "1200万人以上",
            "12000000",
            "",
            ">=",
            "1256万人",
            "12560000",
            "yes"
        ]
    );
    assert_eq!(
        (r[12], r[15]),
        ("2024_全国_国务院.txt", "2025_全国_国务院.txt")
    );
    // The paths open from the current directory.
    for (file, path) in [(r[12], r[13]), (r[15], r[16])] {
        assert!(path.ends_with(&format!("national/{file}")), "{path}");
        assert!(std::path::Path::new(path).is_file(), "{path}");
    }
}

#[test]
fn json_has_every_column_and_null_for_a_missing_side() {
    let out = run(command().args([
        "targets",
        "--format",
        "json",
        "--place",
        "北京",
        "--indicator",
        "地区生产总值",
    ]));
    assert!(out.status.success(), "{}", stderr(&out));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON");
    let rows = v.as_array().expect("array");
    // The built-in corpus has one year of Beijing: the 2025 outcome and
    // the 2026 target stand in rows of their own, nothing to pair.
    let growth_2025 = rows
        .iter()
        .find(|r| r["year"] == 2025 && r["kind"] == "change")
        .expect("2025 growth");
    assert_eq!(growth_2025["place"], "北京市");
    assert_eq!(growth_2025["outcome_raw"], "5.4%");
    assert!(growth_2025["target_raw"].is_null());
    assert!(growth_2025["met"].is_null());
    let growth_2026 = rows
        .iter()
        .find(|r| r["year"] == 2026 && r["kind"] == "change")
        .expect("2026 growth");
    assert_eq!(growth_2026["target_raw"], "5%左右");
    for key in HEADER_LINE.split('\t') {
        assert!(growth_2026.get(key).is_some(), "key {key}");
    }
}

#[test]
fn an_unknown_indicator_is_a_usage_error() {
    let out = run(command().args(["targets", "--indicator", "不存在的指标"]));
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("不存在的指标"), "{}", stderr(&out));
    assert!(out.stdout.is_empty());
}
