//! The outline of four whole reports scored against
//! tests/fixtures/outline/gold.tsv (two annotators, every heading) with the
//! rules of tests/fixtures/outline/score.py, ported line for line.
//!
//! Set `GWR_OUTLINE_TSV=path` to also write the predictions as TSV, to
//! compare this scorer with `python3 tests/fixtures/outline/score.py`.

mod figures_support;

use figures_support::{fixture, read_tsv, Row};
use gwr::cli::outline::table;
use gwr::cli::output::Format;
use gwr::corpus::load_paths;
use std::collections::{BTreeSet, HashMap};

/// The four reports of the gold file, where this repository keeps them.
const FILES: [&str; 4] = [
    "assets/corpus/provinces-2026/2026_四川省.txt",
    "assets/corpus/provinces-2026/2026_湖北省.txt",
    "tests/fixtures/corpus/national/2019_全国_国务院.txt",
    "tests/fixtures/corpus/gbk/2013_内蒙古自治区_呼伦贝尔市_海拉尔区.txt",
];

/// score.py's `P`: characters dropped before comparing titles.
fn is_dropped(c: char) -> bool {
    c.is_whitespace() || "\u{3000}，,。；;：:！!、“”\"'（）()《》—-".contains(c)
}

fn is_numeral(c: char) -> bool {
    "一二三四五六七八九十".contains(c)
}

/// Python's `\d` on these files: ASCII and full-width digits.
fn is_decimal(c: char) -> bool {
    c.is_ascii_digit() || ('０'..='９').contains(&c)
}

/// score.py's `LABEL`: the length in bytes of a numbering label at the
/// start of `t` (`一、`, `五是`, `（三）`, `2.`, `第一，`, `——`, `①`).
fn label_len(t: &str) -> usize {
    let chars: Vec<(usize, char)> = t.char_indices().collect();
    let end_at = |i: usize| chars.get(i).map_or(t.len(), |&(b, _)| b);
    let run = |from: usize, pred: &dyn Fn(char) -> bool| {
        chars[from.min(chars.len())..]
            .iter()
            .take_while(|(_, c)| pred(*c))
            .count()
    };
    let Some(&(_, first)) = chars.first() else {
        return 0;
    };
    let n = run(0, &is_numeral);
    if n > 0 && chars.get(n).is_some_and(|&(_, c)| c == '、' || c == '是') {
        return end_at(n + 1);
    }
    if first == '（' || first == '(' {
        let n = run(1, &|c| is_numeral(c) || is_decimal(c));
        if n > 0
            && chars
                .get(1 + n)
                .is_some_and(|&(_, c)| c == '）' || c == ')')
        {
            return end_at(n + 2);
        }
    }
    let n = run(0, &is_decimal);
    if n > 0 && chars.get(n).is_some_and(|&(_, c)| ".．、".contains(c)) {
        return end_at(n + 1);
    }
    if first == '第' {
        let n = run(1, &is_numeral);
        if n > 0 && chars.get(1 + n).is_some_and(|&(_, c)| "，,、".contains(c)) {
            return end_at(n + 2);
        }
    }
    if t.starts_with("——") {
        return "——".len();
    }
    if ('①'..='⑳').contains(&first) {
        return first.len_utf8();
    }
    0
}

/// score.py's `key`: the first four characters of a title without its
/// label and punctuation.
fn key(title: &str) -> String {
    let t = title.trim();
    t[label_len(t)..]
        .chars()
        .filter(|&c| !is_dropped(c))
        .take(4)
        .collect()
}

#[derive(Debug, PartialEq)]
struct Score {
    parts: usize,
    found_parts: usize,
    recall: f64,
    precision: f64,
    missed: Vec<String>,
}

/// score.py's `main`: predicted rows match gold rows on the file (by the
/// path's tail), line and title key; each gold row matches once.
fn score(gold: &[Row], pred: &[Row]) -> Score {
    let gold_files: BTreeSet<&str> = gold.iter().map(|g| g["file"].as_str()).collect();
    let gold_file = |p: &str| -> Option<&str> {
        let f = p.replace('\\', "/");
        let f = f.trim_start_matches(['.', '/']);
        gold_files
            .iter()
            .copied()
            .find(|g| f == *g || f.ends_with(&format!("/{g}")) || g.ends_with(&format!("/{f}")))
    };
    let mut by_file: HashMap<&str, Vec<(u32, String, String)>> = HashMap::new();
    for p in pred {
        let Some(g) = gold_file(&p["file"]) else {
            continue;
        };
        let Ok(line) = p["line"].parse::<u32>() else {
            continue;
        };
        by_file
            .entry(g)
            .or_default()
            .push((line, p["depth"].clone(), key(&p["title"])));
    }
    let (mut parts, mut found_parts, mut req, mut hit, mut n_pred, mut right) = (0, 0, 0, 0, 0, 0);
    let mut missed = Vec::new();
    for f in &gold_files {
        let rows: Vec<&Row> = gold.iter().filter(|g| g["file"] == *f).collect();
        let got = by_file.get(f).cloned().unwrap_or_default();
        let mut avail: HashMap<(u32, String), usize> = HashMap::new();
        for (l, _, k) in &got {
            *avail.entry((*l, k.clone())).or_default() += 1;
        }
        for g in &rows {
            let line: u32 = g["line"].parse().expect("gold line");
            if g["depth"] == "1" {
                parts += 1;
                found_parts += usize::from(got.iter().any(|(l, d, _)| *l == line && d == "1"));
            }
            if g["optional"] == "1" {
                continue;
            }
            req += 1;
            match avail.get_mut(&(line, key(&g["title"]))) {
                Some(n) if *n > 0 => {
                    *n -= 1;
                    hit += 1;
                }
                _ => missed.push(format!("{f}:{line}\t{}{}", g["label"], g["title"])),
            }
        }
        let every: BTreeSet<(u32, String)> = rows
            .iter()
            .map(|g| (g["line"].parse().expect("gold line"), key(&g["title"])))
            .collect();
        n_pred += got.len();
        right += got
            .iter()
            .filter(|(l, _, k)| every.contains(&(*l, k.clone())))
            .count();
    }
    let ratio = |a: usize, b: usize| if b == 0 { 0.0 } else { a as f64 / b as f64 };
    Score {
        parts,
        found_parts,
        recall: ratio(hit, req),
        precision: ratio(right, n_pred),
        missed,
    }
}

/// `gwr outline` of the four reports, exactly as it prints the TSV.
fn predicted_tsv() -> String {
    let paths: Vec<_> = FILES.iter().map(|f| fixture(f)).collect();
    let corpus = load_paths(&paths);
    assert!(corpus.problems.is_empty(), "{:?}", corpus.problems);
    assert_eq!(corpus.reports.len(), 4);
    let mut out = Vec::new();
    table(&corpus)
        .write(Format::Tsv, &mut out)
        .expect("write TSV");
    String::from_utf8(out).expect("UTF-8 TSV")
}

#[test]
fn gold_outline_meets_the_bars() {
    let gold_text =
        std::fs::read_to_string(fixture("tests/fixtures/outline/gold.tsv")).expect("gold file");
    let gold = read_tsv(&gold_text);
    let tsv = predicted_tsv();
    if let Ok(path) = std::env::var("GWR_OUTLINE_TSV") {
        std::fs::write(path, &tsv).expect("write predictions");
    }
    let s = score(&gold, &read_tsv(&tsv));
    println!(
        "outline: parts={}/{} recall={:.3} precision={:.3}",
        s.found_parts, s.parts, s.recall, s.precision
    );
    for m in &s.missed {
        println!("MISSED\t{m}");
    }
    assert_eq!(s.found_parts, s.parts, "every part at depth 1");
    assert!(s.recall >= 0.95, "recall {:.3} < 0.95", s.recall);
    assert!(s.precision >= 0.90, "precision {:.3} < 0.90", s.precision);
}

#[test]
fn keys_strip_labels_and_punctuation_like_score_py() {
    assert_eq!(key("一、2025年工作回顾"), "2025");
    assert_eq!(key("（三）切实加强社会建设"), "切实加强");
    assert_eq!(key("五是着力惠民生增福祉"), "着力惠民");
    assert_eq!(key("2.实现城镇新增就业"), "实现城镇");
    assert_eq!(key("第一，调整农业结构"), "调整农业");
    assert_eq!(key("——经济运行保持"), "经济运行");
    assert_eq!(key("③持续"), "持续");
    assert_eq!(key("“十五五”发展的主要考虑"), "十五五发");
    // Not labels: `一要` (score.py knows `是` and `、` only), a year.
    assert_eq!(key("一要转变作风"), "一要转变");
    assert_eq!(key("2025年是收官之年"), "2025");
}

#[test]
fn scorer_counts_like_score_py() {
    // Hand-checked: one heading found, one found with a wrong title (a
    // miss and a false positive), one optional not predicted; the part is
    // found at depth 1.
    let gold = read_tsv(
        "file\tline\tdepth\tlabel\ttitle\toptional\n\
         d/a.txt\t1\t1\t一、\t工作回顾\t0\n\
         d/a.txt\t2\tsub\t\t经济运行稳中有进\t0\n\
         d/a.txt\t3\tsub\t\t就业总体向好\t1\n\
         d/a.txt\t4\tsub\t\t民生保障有力\t0\n",
    );
    let pred = read_tsv(
        "file\tline\tdepth\tlabel\ttitle\n\
         a.txt\t1\t1\t一、\t工作回顾\n\
         a.txt\t2\t3\t\t经济运行稳中有进\n\
         a.txt\t4\t3\t\t社会大局稳定\n\
         other.txt\t1\t1\t一、\t工作回顾\n",
    );
    let s = score(&gold, &pred);
    assert_eq!((s.found_parts, s.parts), (1, 1));
    assert!((s.recall - 2.0 / 3.0).abs() < 1e-9, "{s:?}");
    assert!((s.precision - 2.0 / 3.0).abs() < 1e-9, "{s:?}");
    assert_eq!(s.missed, ["d/a.txt:4\t民生保障有力"]);
}
