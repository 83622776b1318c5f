//! Frame time as a reader feels it: one frame of the reading pane (and the
//! whole screen) for a provincial report at 200×60, with the wrap cache
//! warm (scrolling) and cold (first frame at a new width).

use criterion::{criterion_group, criterion_main, Criterion};
use gwr::corpus::{parse_report, Corpus};
use gwr::tui::action::Action;
use gwr::tui::app::{App, Msg, Settings};
use gwr::tui::memory::MemoryStore;
use gwr::tui::{reader, ui};
use ratatui::backend::TestBackend;
use ratatui::Terminal;
use std::hint::black_box;
use std::path::Path;

const W: u16 = 200;
const H: u16 = 60;

fn provincial_app() -> App {
    let path =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/corpus/provinces-2026/2026_广东省.txt");
    let bytes = std::fs::read(&path).expect("provincial report");
    let report = parse_report("2026_广东省.txt", None, &bytes).expect("parses");
    let mut app = App::new(Settings::default(), Box::new(MemoryStore::default()));
    app.update(Msg::Resize(W, H));
    app.update(Msg::Loaded(Box::new(
        Corpus {
            reports: vec![report],
            problems: Vec::new(),
        }
        .into(),
    )));
    // Somewhere in the middle of the text.
    for _ in 0..6 {
        app.update(Msg::Action(Action::PageDown));
    }
    app
}

fn render(c: &mut Criterion) {
    let mut app = provincial_app();
    let mut terminal = Terminal::new(TestBackend::new(W, H)).expect("terminal");
    let inner = app.areas().reader_inner;
    let area = app.areas().reader;

    c.bench_function("reader pane 200x60 (warm)", |b| {
        b.iter(|| {
            terminal
                .draw(|f| {
                    let view = reader::frame(&app, inner);
                    let block = reader::pane_block(&app.settings.theme, true);
                    reader::draw(f, area, &app, &view, Some(block));
                })
                .expect("draw");
            black_box(terminal.backend().buffer().area);
        })
    });

    c.bench_function("whole screen 200x60 (warm)", |b| {
        b.iter(|| {
            terminal.draw(|f| ui::draw(f, &app)).expect("draw");
        })
    });

    c.bench_function("reader pane 200x60 (cold: nothing wrapped)", |b| {
        b.iter(|| {
            app.reader.cache = Default::default();
            terminal
                .draw(|f| {
                    let view = reader::frame(&app, inner);
                    reader::draw(f, area, &app, &view, None);
                })
                .expect("draw");
        })
    });

    c.bench_function("page down + frame 200x60", |b| {
        b.iter(|| {
            app.update(Msg::Action(Action::PageDown));
            app.update(Msg::Action(Action::PageUp));
            terminal.draw(|f| ui::draw(f, &app)).expect("draw");
        })
    });
}

criterion_group!(benches, render);
criterion_main!(benches);
