//! Load + clean + metadata + outline over the real corpus, on one core.

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use std::hint::black_box;
use std::path::{Path, PathBuf};

fn corpus_files() -> Vec<(String, Vec<u8>)> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let dirs = [
        root.join("assets/corpus"),
        root.join("tests/fixtures/corpus"),
    ];
    let (found, problems) = gwr::corpus::find_files(&dirs.map(PathBuf::from));
    assert!(problems.is_empty(), "{problems:?}");
    found
        .into_iter()
        .map(|f| {
            (
                f.display,
                std::fs::read(&f.path).expect("corpus file readable"),
            )
        })
        .collect()
}

fn load(c: &mut Criterion) {
    let files = corpus_files();
    let bytes: usize = files.iter().map(|(_, b)| b.len()).sum();
    let mut group = c.benchmark_group("load");
    group.throughput(Throughput::Bytes(bytes as u64));
    group.sample_size(20);
    group.bench_function("parse_report/shared_corpus", |b| {
        b.iter(|| {
            for (name, data) in &files {
                let report = gwr::corpus::parse_report(name, None, data);
                black_box(report.map(|r| r.sections.len()).unwrap_or(0));
            }
        })
    });
    group.finish();
}

criterion_group!(benches, load);
criterion_main!(benches);
