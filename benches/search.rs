//! Search at scale, on synthetic corpora generated from the real paragraphs
//! (`gwr::corpus::synthetic`): index build time and size, open time, and
//! query latency (p50/p99) for 1–3 word queries and for as-you-type prefixes
//! of 2–4 characters, each compared with a plain linear scan of the same
//! text (what grep does).
//!
//! Sizes come from `GWR_BENCH_SIZES` (default `1000,10000`); the documented
//! 30,000-report run is `GWR_BENCH_SIZES=30000 cargo bench --bench search`
//! (above 10,000 reports only the printed measurements run, not criterion).
//! Corpora are generated once under `target/gwr-bench/`; the index is
//! rebuilt on every run (set `GWR_BENCH_REUSE=1` to keep it).

use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion};
use gwr::corpus::synthetic::{self, Config, Rng};
use gwr::corpus::Source;
use gwr::search::{self, tokenizer, Query, SearchIndex, Silent};
use std::hint::black_box;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

const SEED: u64 = 42;
/// Queries per latency distribution.
const QUERIES: usize = 300;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn sizes() -> Vec<usize> {
    std::env::var("GWR_BENCH_SIZES")
        .unwrap_or_else(|_| "1000,10000".into())
        .split(',')
        .filter_map(|s| s.trim().parse().ok())
        .collect()
}

/// The generated corpus of `n` reports, written on first use.
fn corpus_dir(n: usize) -> PathBuf {
    let dir = root().join(format!("target/gwr-bench/corpus-{n}-seed{SEED}"));
    let done = dir.join(".complete");
    if done.exists() {
        return dir;
    }
    let _ = std::fs::remove_dir_all(&dir);
    let mut sources = gwr::corpus::load_builtin().reports;
    sources.extend(gwr::corpus::load_paths(&[root().join("tests/fixtures/corpus")]).reports);
    let places = synthetic::read_places(
        &std::fs::read_to_string(root().join("assets/places/divisions.tsv")).expect("divisions"),
    );
    let t = Instant::now();
    let written = synthetic::generate(&Config::new(n, SEED), &sources, &places, &dir)
        .expect("generate corpus");
    eprintln!(
        "generated {} reports, {:.1} MB in {:.1} s",
        written.files,
        written.bytes as f64 / 1e6,
        t.elapsed().as_secs_f64()
    );
    std::fs::write(&done, b"").expect("marker");
    dir
}

struct Prepared {
    n: usize,
    idx: SearchIndex,
    /// Cleaned text of every report (paragraphs joined by newlines): what
    /// the index holds, for the linear scan.
    texts: Vec<String>,
    words: Vec<Vec<String>>,
    prefixes: Vec<String>,
}

/// The load average (1, 5, 15 minutes), printed with every measurement:
/// the machine may be shared.
fn load() -> String {
    std::fs::read_to_string("/proc/loadavg")
        .map(|l| l.split_whitespace().take(3).collect::<Vec<_>>().join(" "))
        .unwrap_or_else(|_| "unknown".into())
}

fn is_cjk(c: char) -> bool {
    ('\u{4E00}'..='\u{9FFF}').contains(&c)
}

fn prepare(n: usize) -> Prepared {
    let dir = corpus_dir(n);
    let cache = root().join(format!("target/gwr-bench/cache-{n}"));
    let reuse = std::env::var_os("GWR_BENCH_REUSE").is_some();
    if !reuse {
        let _ = std::fs::remove_dir_all(&cache);
    }
    let source = Source::Paths(vec![dir.clone()]);
    let t = Instant::now();
    let scan = gwr::corpus::scan(&source);
    let scan_time = t.elapsed();
    let text_bytes = scan.bytes();
    let t = Instant::now();
    let (idx, stats) = search::open(
        &scan,
        Some(&cache),
        &gwr::topics::TopicSource::builtin(),
        &mut Silent,
    )
    .expect("build");
    let build = t.elapsed();
    let index_bytes = idx.disk_bytes();
    println!(
        "[{n} reports] corpus {:.1} MB; scan {:.0} ms; build {:.1} s ({} indexed); \
         index {:.1} MB = {:.2} x text; {} passages; load {}",
        text_bytes as f64 / 1e6,
        scan_time.as_secs_f64() * 1e3,
        build.as_secs_f64(),
        stats.added,
        index_bytes as f64 / 1e6,
        index_bytes as f64 / text_bytes.max(1) as f64,
        idx.passage_count(),
        load(),
    );
    drop(idx);

    // Start-up: scan the corpus, open the index, answer the first query.
    tokenizer::jieba();
    let first_query = Query::parse("生态环境").expect("query");
    let t = Instant::now();
    let scan = gwr::corpus::scan(&source);
    let (idx, stats) = search::open(
        &scan,
        Some(&cache),
        &gwr::topics::TopicSource::builtin(),
        &mut Silent,
    )
    .expect("open");
    let opened = t.elapsed();
    let first = idx.searcher().search(&first_query, 20).expect("search");
    let first_result = t.elapsed();
    assert_eq!(stats.added + stats.changed, 0);
    println!(
        "[{n} reports] open {:.0} ms (scan + open); first result {:.0} ms ({} hits); load {}",
        opened.as_secs_f64() * 1e3,
        first_result.as_secs_f64() * 1e3,
        first.len(),
        load(),
    );

    let texts: Vec<String> = {
        use rayon::prelude::*;
        scan.files
            .par_iter()
            .filter_map(|f| f.load().ok())
            .map(|r| {
                r.paragraphs
                    .iter()
                    .map(|p| p.text.as_str())
                    .collect::<Vec<_>>()
                    .join("\n")
            })
            .collect()
    };
    let mut rng = Rng::new(SEED);
    let jieba = tokenizer::jieba();
    let mut words = Vec::new();
    while words.len() < QUERIES {
        let Some(text) = rng.pick(&texts) else { break };
        let lines: Vec<&str> = text.lines().collect();
        let Some(line) = rng.pick(&lines) else {
            continue;
        };
        let candidates: Vec<String> = tokenizer::words(jieba, line)
            .into_iter()
            .filter(|w| (2..=4).contains(&w.chars().count()) && w.chars().all(is_cjk))
            .map(String::from)
            .collect();
        let k = 1 + rng.below(3) as usize;
        if candidates.len() < k {
            continue;
        }
        let start = rng.below((candidates.len() - k + 1) as u64) as usize;
        words.push(candidates[start..start + k].to_vec());
    }
    let mut prefixes = Vec::new();
    while prefixes.len() < QUERIES {
        let Some(text) = rng.pick(&texts) else { break };
        let chars: Vec<char> = text.chars().collect();
        if chars.len() < 8 {
            continue;
        }
        let at = rng.below((chars.len() - 4) as u64) as usize;
        let s = &chars[at..at + 4];
        if !s.iter().all(|&c| is_cjk(c)) {
            continue;
        }
        // As typed: 2, 3, then 4 characters.
        for len in 2..=4 {
            prefixes.push(s[..len].iter().collect());
        }
    }
    Prepared {
        n,
        idx,
        texts,
        words,
        prefixes,
    }
}

fn percentile(sorted: &[Duration], p: f64) -> Duration {
    if sorted.is_empty() {
        return Duration::ZERO;
    }
    let i = ((sorted.len() - 1) as f64 * p).round() as usize;
    sorted[i]
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1e3
}

/// Reports whose text contains every word: the linear scan.
fn grep(texts: &[String], words: &[String]) -> usize {
    let finders: Vec<memchr::memmem::Finder> = words
        .iter()
        .map(|w| memchr::memmem::Finder::new(w.as_bytes()))
        .collect();
    texts
        .iter()
        .filter(|t| finders.iter().all(|f| f.find(t.as_bytes()).is_some()))
        .count()
}

/// Latency distributions of one query class: top-20 search, the per-report
/// filter, and the linear scan.
fn latency(p: &Prepared, class: &str, queries: &[Vec<String>]) {
    let searcher = p.idx.searcher();
    let mut top = Vec::new();
    let mut filter = Vec::new();
    let mut scan = Vec::new();
    let mut reports_matched = 0usize;
    let mut mismatches = 0usize;
    for words in queries {
        let q = Query::parse(&words.join(" ")).expect("query");
        let t = Instant::now();
        black_box(searcher.search(&q, 20).expect("search"));
        top.push(t.elapsed());
        let t = Instant::now();
        let matched = searcher.matching_reports(&q).expect("filter");
        filter.push(t.elapsed());
        let t = Instant::now();
        let grepped = grep(&p.texts, words);
        scan.push(t.elapsed());
        reports_matched += matched.len();
        // One word: the index must find exactly the reports grep finds.
        if words.len() == 1 && matched.len() != grepped {
            mismatches += 1;
        }
    }
    for v in [&mut top, &mut filter, &mut scan] {
        v.sort();
    }
    println!(
        "[{} reports] {class:<22} top-20 p50 {:.2} ms p99 {:.2} ms | filter p50 {:.2} ms p99 {:.2} ms | \
         linear scan p50 {:.1} ms => scan/filter {:.0}x | {:.1} reports matched per query | recall mismatches {mismatches} | load {}",
        p.n,
        ms(percentile(&top, 0.5)),
        ms(percentile(&top, 0.99)),
        ms(percentile(&filter, 0.5)),
        ms(percentile(&filter, 0.99)),
        ms(percentile(&scan, 0.5)),
        ms(percentile(&scan, 0.5)) / ms(percentile(&filter, 0.5)).max(1e-6),
        reports_matched as f64 / queries.len().max(1) as f64,
        load(),
    );
}

fn bench(c: &mut Criterion) {
    for n in sizes() {
        let p = prepare(n);
        let words: Vec<Vec<String>> = p.words.clone();
        let prefixes: Vec<Vec<String>> = p.prefixes.iter().map(|s| vec![s.clone()]).collect();
        latency(&p, "1-3 words", &words);
        latency(&p, "2-4 character prefixes", &prefixes);
        if let Ok(rss) = std::fs::read_to_string("/proc/self/status") {
            if let Some(line) = rss.lines().find(|l| l.starts_with("VmHWM")) {
                println!(
                    "[{n} reports] bench process peak memory (includes all text): {line}; load {}",
                    load()
                );
            }
        }

        if n > 10_000 {
            // The documented large run reports the numbers above; repeating
            // the linear scan of gigabytes for criterion would take hours.
            continue;
        }
        let searcher = p.idx.searcher();
        let mut group = c.benchmark_group(format!("search-{n}"));
        group.sample_size(20);
        let word_queries: Vec<Query> = words
            .iter()
            .take(20)
            .map(|w| Query::parse(&w.join(" ")).expect("query"))
            .collect();
        let prefix_queries: Vec<Query> = prefixes
            .iter()
            .take(30)
            .map(|w| Query::parse(&w[0]).expect("query"))
            .collect();
        group.bench_function(BenchmarkId::new("top20", "words"), |b| {
            b.iter(|| {
                for q in &word_queries {
                    black_box(searcher.search(q, 20).expect("search"));
                }
            })
        });
        group.bench_function(BenchmarkId::new("filter", "prefixes"), |b| {
            b.iter(|| {
                for q in &prefix_queries {
                    black_box(searcher.matching_reports(q).expect("filter"));
                }
            })
        });
        group.bench_function(BenchmarkId::new("linear_scan", "prefixes"), |b| {
            b.iter(|| {
                for w in prefixes.iter().take(30) {
                    black_box(grep(&p.texts, w));
                }
            })
        });
        let dir = corpus_dir(n);
        let cache = root().join(format!("target/gwr-bench/cache-{n}"));
        group.bench_function("open", |b| {
            b.iter(|| {
                let scan = gwr::corpus::scan(&Source::Paths(vec![dir.clone()]));
                black_box(
                    search::open(
                        &scan,
                        Some(Path::new(&cache)),
                        &gwr::topics::TopicSource::builtin(),
                        &mut Silent,
                    )
                    .expect("open"),
                )
            })
        });
        group.finish();
    }
}

criterion_group!(benches, bench);
criterion_main!(benches);
