//! Topic classification of the whole corpus (built-in + test fixtures):
//! the keyword automaton is built once, then every report is classified.

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use gwr::topics::Taxonomy;
use std::hint::black_box;
use std::path::Path;

fn topics(c: &mut Criterion) {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let corpus = gwr::corpus::load_paths(&[
        root.join("assets/corpus"),
        root.join("tests/fixtures/corpus"),
    ]);
    assert!(corpus.problems.is_empty(), "{:?}", corpus.problems);
    let reports = corpus.reports;
    let bytes: usize = reports
        .iter()
        .flat_map(|r| &r.paragraphs)
        .map(|p| p.text.len())
        .sum();
    let taxonomy = Taxonomy::builtin();

    let mut group = c.benchmark_group("topics");
    group.throughput(Throughput::Bytes(bytes as u64));
    group.sample_size(20);
    group.bench_function("classify/whole_corpus_one_core", |b| {
        b.iter(|| {
            for r in &reports {
                black_box(taxonomy.classify(r).sections.len());
            }
        })
    });
    group.bench_function("classify_all/whole_corpus_parallel", |b| {
        b.iter(|| black_box(taxonomy.classify_all(&reports).len()))
    });
    group.finish();

    c.bench_function("topics/taxonomy_from_toml", |b| {
        b.iter(|| {
            black_box(Taxonomy::from_toml(gwr::topics::DEFAULT_TOML).map(|t| t.topics().len()))
        })
    });
}

criterion_group!(benches, topics);
criterion_main!(benches);
