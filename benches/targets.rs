//! `gwr targets` over the 90 real report files shipped with the repo
//! (assets/corpus and tests/fixtures/corpus): load, extract every figure
//! with its time, pair targets with outcomes, build the table. Target: at
//! most 1 s.

use criterion::{criterion_group, criterion_main, Criterion};
use gwr::cli::targets::{table, Filter};
use gwr::corpus::load_paths;
use std::hint::black_box;
use std::path::PathBuf;

fn targets(c: &mut Criterion) {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let paths = [
        root.join("assets/corpus"),
        root.join("tests/fixtures/corpus"),
    ];
    assert_eq!(load_paths(&paths).reports.len(), 90, "the 90 real files");
    let mut group = c.benchmark_group("targets");
    group.sample_size(10);
    group.bench_function("load_and_pair_90_files", |b| {
        b.iter(|| {
            let corpus = load_paths(black_box(&paths));
            table(&corpus, &Filter::default()).rows.len()
        })
    });
    group.finish();
}

criterion_group!(benches, targets);
criterion_main!(benches);
