//! `gwr targets` over the 90 real report files shipped with the repo
//! (assets/corpus and tests/fixtures/corpus): load, extract every figure
//! with its time, pair targets with outcomes, build the table. Target: at
//! most 1 s.
//!
//! The reader's targets view (`o`) over those files ten times (900
//! reports): how long the key takes (the view opens; its reports are read
//! on a worker) and how long until the view is whole, for one place's view
//! and for an indicator's view across every place.

use criterion::{criterion_group, criterion_main, Criterion};
use gwr::cli::targets::{table, Filter};
use gwr::corpus::{load_paths, Corpus};
use gwr::figures::Kind;
use gwr::tui::action::Action;
use gwr::tui::app::{App, Msg, Settings};
use gwr::tui::figures::FigureTable;
use gwr::tui::memory::MemoryStore;
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

/// The 90 files ten times over, each copy in a folder of its own; the
/// reader on the State Council's 2024 report, its figures table on GDP
/// growth.
fn reader_on_900_reports() -> App {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let once = load_paths(&[
        root.join("assets/corpus"),
        root.join("tests/fixtures/corpus"),
    ]);
    let mut reports = Vec::new();
    for copy in 0..10 {
        for r in &once.reports {
            let mut r = r.clone();
            r.file = format!("copy{copy}/{}", r.file);
            reports.push(r);
        }
    }
    let national = reports
        .iter()
        .position(|r| r.file.ends_with("2024_全国_国务院.txt"))
        .expect("the 2024 national report");
    let mut app = App::new(Settings::default(), Box::new(MemoryStore::default()));
    app.update(Msg::Resize(160, 48));
    app.update(Msg::Loaded(Box::new(
        Corpus {
            reports,
            problems: Vec::new(),
        }
        .into(),
    )));
    app.open_report(national);
    app.update(Msg::Action(Action::Figures));
    let table = app.layer::<FigureTable>().expect("figures table");
    let growth = table
        .rows
        .iter()
        .position(|&i| {
            let f = &table.figures[i].figure;
            f.canonical == Some("国内生产总值") && f.kind == Kind::Change
        })
        .expect("GDP growth");
    if let Some(t) = app.layer_mut::<FigureTable>() {
        t.selected = growth;
    }
    app
}

fn targets_view(c: &mut Criterion) {
    let mut app = reader_on_900_reports();
    let mut group = c.benchmark_group("targets view, 900 reports");
    group.sample_size(10);
    let mut view = |name: &str, app: &mut App, whole: bool| {
        group.bench_function(name, |b| {
            b.iter(|| {
                app.update(Msg::Action(Action::Targets));
                if whole {
                    app.wait_for_views();
                }
                // Closing it stops the reading.
                app.update(Msg::Action(Action::Back));
            })
        });
    };
    view("place: the key", &mut app, false);
    view("place: whole", &mut app, true);
    app.update(Msg::Action(Action::FigureAcross));
    app.wait_for_views();
    view("indicator in every place: the key", &mut app, false);
    view("indicator in every place: whole", &mut app, true);
    group.finish();
}

criterion_group!(benches, targets, targets_view);
criterion_main!(benches);
