//! Shared by the figure tests: TSV reading and the scoring rules of
//! tests/fixtures/figures/score.py, ported line for line.

#![allow(dead_code)]

use std::collections::HashMap;
use std::path::PathBuf;

pub fn fixture(path: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join(path)
}

/// One TSV row as header → cell.
pub type Row = HashMap<String, String>;

/// Read a TSV with a header line, the way Python's `csv.DictReader` with
/// `delimiter="\t"` does for these files (a cell starting with `"` is
/// quoted, `""` inside is one quote).
pub fn read_tsv(text: &str) -> Vec<Row> {
    let mut rdr = csv::ReaderBuilder::new()
        .delimiter(b'\t')
        .has_headers(true)
        .flexible(true)
        .from_reader(text.as_bytes());
    let headers: Vec<String> = rdr
        .headers()
        .expect("TSV header")
        .iter()
        .map(str::to_string)
        .collect();
    rdr.records()
        .map(|r| {
            let r = r.expect("TSV row");
            headers
                .iter()
                .cloned()
                .zip(
                    r.iter()
                        .map(str::to_string)
                        .chain(std::iter::repeat(String::new())),
                )
                .collect()
        })
        .collect()
}

/// score.py's `PUNCT`: characters ignored when comparing indicators.
pub fn norm(s: &str) -> String {
    s.chars()
        .filter(|&c| {
            !(c.is_whitespace()
                || "\u{3000},，、;；:：。.!！?？\"“”'‘’()（）[]【】《》<>-".contains(c))
        })
        .collect()
}

/// score.py's `same_indicator`.
pub fn same_indicator(gold: &str, pred: &str) -> bool {
    let (a, b) = (norm(gold), norm(pred));
    if a.is_empty() || b.is_empty() {
        return false;
    }
    let (short, long) = if a.chars().count() <= b.chars().count() {
        (a, b)
    } else {
        (b, a)
    };
    long.contains(&short) && long.chars().count() <= 2 * short.chars().count() + 4
}

/// score.py's `same_value`.
pub fn same_value(a: f64, b: f64) -> bool {
    (a - b).abs() <= 1e-9 * 1f64.max(a.abs()).max(b.abs())
}

/// The scores score.py prints.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Score {
    pub gold: usize,
    pub predicted: usize,
    pub matched: usize,
    pub false_pos: usize,
    pub missed: usize,
    pub precision: f64,
    pub recall: f64,
    pub f1: f64,
    pub indicator: f64,
    pub qualifier: f64,
    pub kind: f64,
    /// Among matched pairs whose prediction has the column, and whose gold
    /// value is not `*` (the annotators disagreed): equal status, period.
    pub status: f64,
    pub period: f64,
}

/// score.py's `main`, without `--files-from-gold` or `--abs`.
pub fn score(gold: &[Row], pred: &[Row]) -> Score {
    let key = |r: &Row| {
        (
            r["file"].trim().trim_start_matches(['.', '/']).to_string(),
            r["line"].trim().parse::<i64>().expect("line"),
            r["unit"].trim().to_string(),
        )
    };
    let value = |r: &Row| r["value"].trim().parse::<f64>().expect("value");
    let mut by_key: HashMap<(String, i64, String), Vec<usize>> = HashMap::new();
    for (i, g) in gold.iter().enumerate() {
        by_key.entry(key(g)).or_default().push(i);
    }
    let mut used = vec![false; gold.len()];
    let mut pairs: Vec<(usize, usize)> = Vec::new();
    let mut false_pos = 0;
    for (pi, p) in pred.iter().enumerate() {
        let hit = by_key
            .get(&key(p))
            .into_iter()
            .flatten()
            .copied()
            .find(|&i| !used[i] && same_value(value(&gold[i]), value(p)));
        match hit {
            Some(i) => {
                used[i] = true;
                pairs.push((i, pi));
            }
            None => false_pos += 1,
        }
    }
    let optional = |g: &Row| {
        matches!(
            g.get("optional").map(|s| s.trim()),
            Some("1" | "true" | "yes")
        )
    };
    let required: Vec<usize> = (0..gold.len()).filter(|&i| !optional(&gold[i])).collect();
    let tp = pairs.iter().filter(|(g, _)| !optional(&gold[*g])).count();
    let missed = required.iter().filter(|&&i| !used[i]).count();
    let precision = if tp + false_pos > 0 {
        tp as f64 / (tp + false_pos) as f64
    } else {
        0.0
    };
    let recall = if required.is_empty() {
        0.0
    } else {
        tp as f64 / required.len() as f64
    };
    let f1 = if precision + recall > 0.0 {
        2.0 * precision * recall / (precision + recall)
    } else {
        0.0
    };
    let acc = |ok: &dyn Fn(&Row, &Row) -> bool| {
        if pairs.is_empty() {
            0.0
        } else {
            pairs
                .iter()
                .filter(|(g, p)| ok(&gold[*g], &pred[*p]))
                .count() as f64
                / pairs.len() as f64
        }
    };
    let field = |r: &Row, k: &str, default: &str| -> String {
        let v = r.get(k).map(|s| s.trim()).unwrap_or("");
        if v.is_empty() {
            default.to_string()
        } else {
            v.to_string()
        }
    };
    Score {
        gold: required.len(),
        predicted: pred.len(),
        matched: tp,
        false_pos,
        missed,
        precision,
        recall,
        f1,
        indicator: acc(&|g, p| {
            same_indicator(
                g.get("indicator").map(String::as_str).unwrap_or(""),
                p.get("indicator").map(String::as_str).unwrap_or(""),
            )
        }),
        qualifier: acc(&|g, p| field(g, "qualifier", "=") == field(p, "qualifier", "=")),
        kind: acc(&|g, p| field(g, "kind", "level") == field(p, "kind", "level")),
        status: acc_when(gold, pred, &pairs, "status"),
        period: acc_when(gold, pred, &pairs, "period"),
    }
}

/// score.py's `acc_when`: agreement on a time column over the matched pairs
/// whose prediction has it, a gold `*` not scored.
fn acc_when(gold: &[Row], pred: &[Row], pairs: &[(usize, usize)], key: &str) -> f64 {
    let cell = |r: &Row| r.get(key).map(|s| s.trim().to_string()).unwrap_or_default();
    let have: Vec<(&Row, &Row)> = pairs
        .iter()
        .map(|&(g, p)| (&gold[g], &pred[p]))
        .filter(|(g, p)| p.contains_key(key) && cell(g) != "*")
        .collect();
    if have.is_empty() {
        return 0.0;
    }
    have.iter().filter(|(g, p)| cell(g) == cell(p)).count() as f64 / have.len() as f64
}
