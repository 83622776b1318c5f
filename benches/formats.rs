//! Loading a 5 MB portal page and a Word file of the same text: the whole
//! pipeline (charset, HTML parse and article extraction, or unzip and
//! numbering; then clean, metadata, outline).

#[path = "../tests/formats_support/mod.rs"]
mod formats_support;

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use formats_support::{docx, portal_page, Layout};
use gwr::report::Report;
use std::hint::black_box;

/// The built-in reports' paragraphs as one report, repeated until its page
/// is at least `bytes` long.
fn big_report(bytes: usize) -> Report {
    let reports: Vec<Report> = gwr::corpus::load_builtin().reports;
    let mut big = reports[0].clone();
    big.paragraphs.clear();
    'fill: loop {
        for r in &reports {
            big.paragraphs.extend(r.paragraphs.iter().cloned());
            if big
                .paragraphs
                .iter()
                .map(|p| p.text.len() + 120)
                .sum::<usize>()
                >= bytes
            {
                break 'fill;
            }
        }
    }
    big
}

fn formats(c: &mut Criterion) {
    let report = big_report(6 << 20);
    let page = portal_page(&report, Layout::Modern, Some("utf-8")).into_bytes();
    let word = docx(&report);
    let mut group = c.benchmark_group("formats");
    group.sample_size(10);
    group.throughput(Throughput::Bytes(page.len() as u64));
    group.bench_function(format!("portal_page_{}MB", page.len() >> 20), |b| {
        b.iter(|| {
            let r = gwr::corpus::parse_report("page.html", None, &page).unwrap();
            black_box(r.paragraphs.len())
        })
    });
    group.throughput(Throughput::Bytes(word.len() as u64));
    group.bench_function("docx_same_text", |b| {
        b.iter(|| {
            let r = gwr::corpus::parse_report("report.docx", None, &word).unwrap();
            black_box(r.paragraphs.len())
        })
    });
    group.finish();
}

criterion_group!(benches, formats);
criterion_main!(benches);
