//! Targets against outcomes (`gwr targets`, `figures::targets`) on real
//! reports: the State Council's targets and outcomes of 1999–2025 scored
//! against tests/fixtures/figures/targets-national.tsv with the rules of
//! score_targets.py, a district's two consecutive reports, and the views a
//! reader opens (one place; one indicator across places).
//!
//! Set `GWR_TARGETS_TSV=path` to also write the national rows as TSV, to
//! compare this scorer with `python3 tests/fixtures/figures/score_targets.py`.

mod figures_support;

use figures_support::{fixture, read_tsv, Row};
use gwr::cli::output::Format;
use gwr::cli::targets::{table, Filter};
use gwr::corpus::load_paths;
use gwr::figures::targets::Targets;
use gwr::figures::Kind;
use std::collections::BTreeMap;

fn targets_tsv(dir: &str, filter: &Filter) -> String {
    let corpus = load_paths(&[fixture(dir)]);
    assert!(corpus.problems.is_empty(), "{:?}", corpus.problems);
    let mut out = Vec::new();
    table(&corpus, filter)
        .write(Format::Tsv, &mut out)
        .expect("write TSV");
    String::from_utf8(out).expect("UTF-8 TSV")
}

/// score_targets.py's indicator words, by the gold's indicator code.
fn indicator_words(code: &str) -> &'static [&'static str] {
    match code {
        "GDP" => &["生产总值"],
        "CPI" => &["消费价格"],
        "JOBS" => &["就业"],
        "UNEMP" => &["失业率"],
        "INCOME" => &["可支配收入"],
        "REVENUE" => &["一般公共预算收入", "财政收入"],
        "GRAIN" => &["粮食"],
        "DEFICIT" => &["赤字率", "赤字"],
        _ => &[],
    }
}

fn close(a: Option<f64>, b: f64) -> bool {
    a.is_some_and(|a| (a - b).abs() <= 1e-6 * 1f64.max(b.abs()))
}

/// score_targets.py: for each (year, indicator) of the gold with both a
/// target and an outcome, is there a row for the nation, that year and
/// indicator with both gold values? Returns (hits, pairs, misses).
fn score(gold: &[Row], rows: &[Row]) -> (usize, usize, Vec<String>) {
    let mut sides: BTreeMap<(String, String), BTreeMap<String, f64>> = BTreeMap::new();
    for g in gold {
        let value: f64 = g["value"].parse().expect("gold value");
        sides
            .entry((g["year"].clone(), g["indicator"].clone()))
            .or_default()
            .insert(g["side"].clone(), value);
    }
    let nation = ["全国", "国务院", "中国", "国家"];
    let num = |r: &Row, k: &str| r.get(k).and_then(|v| v.trim().parse::<f64>().ok());
    let mut hits = 0;
    let mut pairs = 0;
    let mut misses = Vec::new();
    for ((year, code), v) in &sides {
        let (Some(&target), Some(&outcome)) = (v.get("target"), v.get("outcome")) else {
            continue;
        };
        pairs += 1;
        let hit = rows.iter().any(|r| {
            nation.iter().any(|n| r["place"].contains(n))
                && &r["year"] == year
                && indicator_words(code)
                    .iter()
                    .any(|w| r["indicator"].contains(w))
                && close(num(r, "target_value"), target)
                && close(num(r, "outcome_value"), outcome)
        });
        if hit {
            hits += 1;
        } else {
            misses.push(format!("{year} {code}: target {target} outcome {outcome}"));
        }
    }
    (hits, pairs, misses)
}

#[test]
fn national_targets_and_outcomes_meet_the_bar() {
    let gold_text = std::fs::read_to_string(fixture("tests/fixtures/figures/targets-national.tsv"))
        .expect("gold file");
    let gold = read_tsv(&gold_text);
    let tsv = targets_tsv("tests/fixtures/corpus/national", &Filter::default());
    if let Ok(path) = std::env::var("GWR_TARGETS_TSV") {
        std::fs::write(path, &tsv).expect("write rows");
    }
    let rows = read_tsv(&tsv);
    let (hits, pairs, misses) = score(&gold, &rows);
    println!("targets: pairs={hits}/{pairs}");
    assert_eq!(pairs, 63, "TARGETS.md: 63 pairs have both sides");
    assert!(
        hits as f64 >= 0.95 * pairs as f64,
        "{hits}/{pairs}; missed: {misses:#?}"
    );
    // Every row says whether a target with an outcome was met.
    for r in &rows {
        let both = !r["target_value"].is_empty() && !r["outcome_value"].is_empty();
        assert_eq!(both, !r["met"].is_empty(), "{r:?}");
    }
}

#[test]
fn scorer_counts_like_score_targets_py() {
    let gold = read_tsv(
        "file\tside\tyear\tindicator\traw\tvalue\tvalue_high\tqualifier\tline\tnote\n\
         a\ttarget\t2024\tGDP\t5%左右\t5\t\t~\t1\t\n\
         b\toutcome\t2024\tGDP\t5%\t5\t\t=\t1\t\n\
         a\ttarget\t2024\tJOBS\t1200万人以上\t12000000\t\t>=\t1\t\n\
         b\toutcome\t2024\tJOBS\t1256万人\t12560000\t\t=\t1\t\n\
         a\ttarget\t2024\tCPI\t3%左右\t3\t\t~\t1\t\n",
    );
    let rows = read_tsv(
        "place\tyear\tindicator\ttarget_value\toutcome_value\n\
         全国\t2024\t国内生产总值\t5\t5.0000000001\n\
         全国\t2024\t城镇新增就业\t12000000\t12000000\n\
         河北省\t2024\t居民消费价格\t3\t0.2\n",
    );
    let (hits, pairs, misses) = score(&gold, &rows);
    assert_eq!((hits, pairs), (1, 2), "{misses:?}");
}

#[test]
fn a_district_over_two_consecutive_years() {
    // 海拉尔区's reports of 2012 and 2013 (GB18030): the 2012 report's
    // targets for 2012 beside the 2013 report's outcomes for 2012.
    let tsv = targets_tsv("tests/fixtures/corpus/gbk", &Filter::default());
    let rows = read_tsv(&tsv);
    let gdp = rows
        .iter()
        .find(|r| r["year"] == "2012" && r["indicator"] == "地区生产总值" && r["kind"] == "change")
        .expect("地区生产总值 growth, 2012");
    assert_eq!(gdp["place"], "呼伦贝尔市海拉尔区");
    assert_eq!(gdp["target_raw"], "21%");
    assert_eq!(gdp["outcome_raw"], "18.5%");
    assert_eq!(gdp["met"], "no");
    assert!(gdp["target_file"].starts_with("2012_"));
    assert!(gdp["outcome_file"].starts_with("2013_"));
    // However the place is named, and one year only.
    for name in ["海拉尔区", "呼伦贝尔市海拉尔区"] {
        let filter = Filter::new(None, Some(name), Some(2012)).expect("filter");
        let rows = read_tsv(&targets_tsv("tests/fixtures/corpus/gbk", &filter));
        assert!(rows.len() > 5, "{name}: {} rows", rows.len());
        assert!(rows.iter().all(|r| r["year"] == "2012"));
    }
}

#[test]
fn indicator_filter_takes_aliases_and_refuses_unknown_names() {
    // 经济增长 of a national report is 国内生产总值; asking for the places'
    // own name finds it too.
    let filter = Filter::new(Some("地区生产总值"), Some("全国"), Some(2024)).expect("filter");
    let rows = read_tsv(&targets_tsv("tests/fixtures/corpus/national", &filter));
    let growth = rows
        .iter()
        .find(|r| r["kind"] == "change")
        .expect("GDP growth 2024");
    assert_eq!(growth["indicator"], "国内生产总值");
    assert_eq!(growth["target_raw"], "5%左右");
    assert_eq!(growth["target_qualifier"], "~");
    assert_eq!(growth["outcome_raw"], "5%");
    assert_eq!(growth["met"], "yes");
    let err = Filter::new(Some("不存在的指标"), None, None).expect_err("unknown");
    assert!(err.contains("不存在的指标"), "{err}");
}

#[test]
fn a_range_target_keeps_both_ends() {
    // 2016: 国内生产总值增长6.5%－7%; the 2017 report: 6.7%.
    let filter = Filter::new(Some("国内生产总值"), None, Some(2016)).expect("filter");
    let rows = read_tsv(&targets_tsv("tests/fixtures/corpus/national", &filter));
    let growth = rows
        .iter()
        .find(|r| r["kind"] == "change")
        .expect("GDP growth 2016");
    assert_eq!(
        (
            growth["target_value"].as_str(),
            growth["target_value_high"].as_str()
        ),
        ("6.5", "7")
    );
    assert_eq!(growth["target_raw"], "6.5%－7%");
    assert_eq!(growth["met"], "yes");
}

#[test]
fn views_of_one_place_and_of_one_indicator() {
    let corpus = load_paths(&[fixture("tests/fixtures/corpus/national")]);
    let targets = Targets::of_reports(&corpus.reports);
    // One place: every indicator, every year the corpus covers.
    let nation = targets.for_place("国务院");
    let years: std::collections::BTreeSet<u16> = nation.iter().map(|r| r.year).collect();
    assert!(years.contains(&2003) && years.contains(&2024), "{years:?}");
    assert!(nation.windows(2).all(|w| w[0].year <= w[1].year));
    // One indicator: furthest past the target first, missing sides last.
    let growth = targets.for_indicator("国内生产总值", Kind::Change, "%");
    let margins: Vec<Option<f64>> = growth.iter().map(|r| r.margin()).collect();
    let known: Vec<f64> = margins.iter().map_while(|m| *m).collect();
    assert!(known.len() >= 19, "{} years with both sides", known.len());
    assert!(known.windows(2).all(|w| w[0] >= w[1]), "{known:?}");
    assert!(margins[known.len()..].iter().all(Option::is_none));
    // 2022: 5.5%左右 aimed at, 3% reached: the furthest short.
    let last = growth[known.len() - 1];
    assert_eq!((last.year, last.met()), (2022, Some(false)));
}
