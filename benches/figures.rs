//! Figure extraction speed over the whole corpus shipped with the repo
//! (assets/corpus and tests/fixtures/corpus): bytes of paragraph text per
//! second on one core. Target: at least 20 MB/s. `extract_corpus` reads
//! paragraphs alone; `extract_reports` whole reports, with the time of
//! every figure read from the report's parts and years.

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use gwr::corpus::load_paths;
use gwr::figures::{extract_paragraph, extract_report};
use gwr::numbers::parse_number;
use gwr::report::Report;
use std::hint::black_box;
use std::path::PathBuf;

fn corpus_reports() -> Vec<Report> {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let corpus = load_paths(&[
        root.join("assets/corpus"),
        root.join("tests/fixtures/corpus"),
    ]);
    assert!(corpus.reports.len() > 80, "the whole corpus loads");
    corpus.reports
}

fn extraction(c: &mut Criterion) {
    let reports = corpus_reports();
    let paragraphs: Vec<&str> = reports
        .iter()
        .flat_map(|r| r.paragraphs.iter().map(|p| p.text.as_str()))
        .collect();
    let bytes: usize = paragraphs.iter().map(|p| p.len()).sum();
    let mut group = c.benchmark_group("figures");
    group.throughput(Throughput::Bytes(bytes as u64));
    group.sample_size(10);
    group.bench_function("extract_corpus", |b| {
        b.iter(|| {
            let mut n = 0;
            for p in &paragraphs {
                n += extract_paragraph(black_box(p)).len();
            }
            n
        })
    });
    group.bench_function("extract_reports", |b| {
        b.iter(|| {
            reports
                .iter()
                .map(|r| extract_report(black_box(r)).len())
                .sum::<usize>()
        })
    });
    group.finish();
}

fn numbers(c: &mut Criterion) {
    let inputs = [
        "2407.6",
        "1,234",
        "１２３",
        "1.2万",
        "二十三",
        "一千二百",
        "两万三千",
        "八十九点四",
        "1.39万亿",
    ];
    c.bench_function("parse_number", |b| {
        b.iter(|| {
            inputs
                .iter()
                .filter_map(|s| parse_number(black_box(s)))
                .sum::<f64>()
        })
    });
}

criterion_group!(benches, extraction, numbers);
criterion_main!(benches);
