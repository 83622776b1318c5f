//! Where `>` lands for a topic and a part, scored against
//! tests/fixtures/topics/gold.tsv (8 provincial reports × 科技创新 /
//! 医疗卫生 / 乡村振兴 × review / tasks, two annotators) with the rules of
//! tests/fixtures/topics/score.py, ported line for line: the landing is
//! the highest-scored `gwr sections` row for the topic in the part.
//!
//! Set `GWR_TOPICS_TSV=dir` to also write `sections.tsv` and `outline.tsv`
//! there, to compare with `python3 tests/fixtures/topics/score.py`.

mod figures_support;

use figures_support::{fixture, read_tsv, Row};
use gwr::cli::output::{Format, Table};
use gwr::cli::sections::Query;
use gwr::corpus::load_paths;
use gwr::topics::Taxonomy;
use std::collections::{BTreeMap, BTreeSet};

fn basename(path: &str) -> &str {
    path.rsplit(['/', '\\']).next().unwrap_or(path)
}

fn tsv(table: &Table) -> String {
    let mut out = Vec::new();
    table.write(Format::Tsv, &mut out).expect("write TSV");
    String::from_utf8(out).expect("UTF-8 TSV")
}

/// score.py's `main`: (landed, groups, the groups missed).
fn score(gold: &[Row], sections: &[Row], outline: &[Row]) -> (usize, usize, Vec<String>) {
    let mut want: BTreeMap<(String, String, String), BTreeSet<u64>> = BTreeMap::new();
    for g in gold {
        let key = (
            basename(&g["file"]).to_string(),
            g["topic"].clone(),
            g["part"].clone(),
        );
        // An empty line (the part has nothing) is a group no landing hits.
        let lines = want.entry(key).or_default();
        if let Ok(l) = g["line"].parse() {
            lines.insert(l);
        }
    }
    let mut heads: BTreeMap<&str, Vec<(u64, u64)>> = BTreeMap::new();
    for o in outline {
        if let Ok(line) = o["line"].parse::<u64>() {
            let depth = o["depth"].parse().unwrap_or(9);
            heads
                .entry(basename(&o["file"]))
                .or_default()
                .push((line, depth));
        }
    }
    for hs in heads.values_mut() {
        hs.sort();
    }
    // The lines a heading's section covers: to the next heading as high.
    let span = |f: &str, line: u64| -> (u64, u64) {
        let hs = heads.get(f).map(Vec::as_slice).unwrap_or(&[]);
        for (i, &(l, d)) in hs.iter().enumerate() {
            if l == line {
                let next = hs[i + 1..].iter().find(|&&(l2, d2)| d2 <= d && l2 > l);
                return (line, next.map_or(u64::MAX, |&(l2, _)| l2 - 1));
            }
        }
        (line, line)
    };
    let part_matches = |part: &str, kind: &str| match part {
        "review" => kind.contains("回顾"),
        "tasks" => kind.contains("任务") || kind.contains("目标"),
        _ => false,
    };
    let (mut landed, mut missed) = (0, Vec::new());
    for ((f, t, part), lines) in &want {
        let cands: Vec<&Row> = sections
            .iter()
            .filter(|s| {
                basename(&s["file"]) == f
                    && format!("{}|{}", s["topic"], s["secondary"]).contains(t.as_str())
                    && part_matches(part, &s["type"])
            })
            .collect();
        // Python's `max` keeps the first of equal scores.
        let best = cands.iter().copied().fold(None::<&Row>, |best, s| {
            let v: f64 = s["score"].parse().unwrap_or(0.0);
            match best {
                Some(b) if b["score"].parse::<f64>().unwrap_or(0.0) >= v => Some(b),
                _ => Some(s),
            }
        });
        let ok = best.is_some_and(|b| {
            let (a, z) = span(f, b["line"].parse().unwrap_or(0));
            lines.iter().any(|l| (a..=z).contains(l))
        });
        if ok {
            landed += 1;
        } else {
            missed.push(format!(
                "{f}\t{t}\t{part}\tgold {lines:?}\t{}",
                best.map_or("no candidate".to_string(), |b| format!(
                    "landed {} {}",
                    b["line"], b["title"]
                ))
            ));
        }
    }
    (landed, want.len(), missed)
}

#[test]
fn topic_landings_meet_the_bar() {
    let gold_text =
        std::fs::read_to_string(fixture("tests/fixtures/topics/gold.tsv")).expect("gold file");
    let gold = read_tsv(&gold_text);
    let files: BTreeSet<&str> = gold.iter().map(|g| g["file"].as_str()).collect();
    let paths: Vec<_> = files
        .iter()
        .map(|f| fixture(&format!("assets/corpus/{f}")))
        .collect();
    let corpus = load_paths(&paths);
    assert!(corpus.problems.is_empty(), "{:?}", corpus.problems);
    assert_eq!(corpus.reports.len(), 8);
    let query = Query::new(Taxonomy::builtin(), None, None).expect("query");
    let sections = tsv(&gwr::cli::sections::table(&corpus, &query));
    let outline = tsv(&gwr::cli::outline::table(&corpus));
    if let Ok(dir) = std::env::var("GWR_TOPICS_TSV") {
        std::fs::write(format!("{dir}/sections.tsv"), &sections).expect("write");
        std::fs::write(format!("{dir}/outline.tsv"), &outline).expect("write");
    }
    let (landed, groups, missed) = score(&gold, &read_tsv(&sections), &read_tsv(&outline));
    println!("topics: landed={landed}/{groups}");
    for m in &missed {
        println!("MISSED\t{m}");
    }
    assert_eq!(groups, 48);
    assert!(landed >= 45, "landed {landed}/{groups} < 45");
}

#[test]
fn scorer_counts_like_score_py() {
    // Hand-checked: a landing on a gold line; one on a heading whose
    // section holds the gold line; one on the wrong line; a group with no
    // candidate (and a candidate of the wrong part).
    let gold = read_tsv(
        "file\ttopic\tpart\tline\tbest\n\
         p/a.txt\t教育\treview\t3\t1\n\
         p/a.txt\t教育\ttasks\t12\t1\n\
         p/a.txt\t医疗卫生\treview\t5\t1\n\
         p/a.txt\t乡村振兴\ttasks\t\t0\n",
    );
    let sections = read_tsv(
        "file\tline\tdepth\ttitle\ttopic\ttype\tscore\tsecondary\n\
         a.txt\t3\t3\tx\t教育\t回顾\t0.5\t\n\
         a.txt\t4\t3\tx\t教育\t回顾\t0.5\t\n\
         a.txt\t10\t2\tx\t科技创新与人才\t任务\t0.9\t教育\n\
         a.txt\t11\t3\tx\t教育\t目标\t0.4\t\n\
         a.txt\t6\t3\tx\t医疗卫生\t回顾\t0.7\t\n\
         a.txt\t5\t3\tx\t医疗卫生\t任务\t0.9\t\n\
         a.txt\t20\t3\tx\t乡村振兴\t回顾\t0.9\t\n",
    );
    let outline = read_tsv(
        "file\tline\tdepth\tlabel\ttitle\n\
         a.txt\t10\t2\t（一）\tx\n\
         a.txt\t11\t3\t\tx\n\
         a.txt\t13\t2\t（二）\tx\n",
    );
    let (landed, groups, missed) = score(&gold, &sections, &outline);
    assert_eq!((landed, groups), (2, 4), "{missed:?}");
}
