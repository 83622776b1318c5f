//! Loading the in-repo corpus on one core: the whole pipeline (decode +
//! clean + metadata + outline) per file, and the outline's share of it
//! (`outline()` alone over the same reports' paragraphs).

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use gwr::report::Paragraph;
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
    let paragraphs: Vec<Vec<Paragraph>> = files
        .iter()
        .filter_map(|(name, data)| gwr::corpus::parse_report(name, None, data).ok())
        .map(|r| r.paragraphs)
        .collect();
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
    group.bench_function("outline_only/shared_corpus", |b| {
        b.iter(|| {
            for p in &paragraphs {
                black_box(gwr::report::outline::outline(p).sections.len());
            }
        })
    });
    group.finish();
}

criterion_group!(benches, load);
criterion_main!(benches);
