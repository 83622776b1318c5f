//! The event loop: terminal events and the loaded corpus become messages,
//! `update` applies them, then one frame is drawn.

use super::action::Action;
use super::app::{App, MouseInput, MouseKind, Msg, StartAt};
use super::copy::{osc52, Multiplexer};
use super::keymap::key_of;
use super::layer::LayerKind;
use super::memory::{FileStore, ReportKey};
use super::terminal::{Input, TerminalGuard};
use super::{settings, ui};
use crate::corpus::Source;
use crate::corpus::{self, Corpus, LoadError, LoadProblem};
use crate::library::{self, Catalog};
use crate::report::Report;
use crate::store;
use crate::topics::TopicSource;
use crossterm::event::{self, Event, KeyEventKind, MouseButton, MouseEventKind};
use signal_hook::consts::{SIGHUP, SIGINT, SIGTERM};
use std::io::{self, Write};
use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{mpsc, Arc};
use std::time::Duration;

/// How the TUI was started.
#[derive(Debug, Clone, Default)]
pub struct Options {
    /// Report files or folders; empty: the built-in corpus.
    pub paths: Vec<PathBuf>,
    /// Draw the first frame that shows a report, then exit (for measuring
    /// start-up).
    pub exit_after_first_frame: bool,
    /// Exit once loaded and idle (for measuring memory and load time).
    pub exit_when_idle: bool,
    pub ascii_borders: bool,
    pub mouse: bool,
    /// Open this report file at this line (`gwr FILE:LINE`).
    pub start_at: Option<StartAt>,
    /// The gwr binary, to index a large corpus in a child process (see
    /// `search::index::spawn_open`); `None`: index in this process.
    pub indexer: Option<PathBuf>,
}

/// Larger files wait for the whole corpus (which reports them).
const FIRST_REPORT_MAX_BYTES: u64 = 16 << 20;

/// The report read last time, found by the file name in its key: parsed
/// alone, it is on screen long before the whole corpus is.
fn first_report(paths: &[PathBuf], last: &str) -> Option<Report> {
    let key = ReportKey::from_stored(last);
    let file = key.file();
    if paths.is_empty() {
        let f = corpus::BUILTIN.get_file(file)?;
        return corpus::parse_report(file, None, f.contents()).ok();
    }
    report_found(paths, |f| f.display == file)
}

/// The first of the files under `paths` that `wanted` picks, parsed (not
/// too large to hold up the first frame).
fn report_found(paths: &[PathBuf], wanted: impl Fn(&corpus::FoundFile) -> bool) -> Option<Report> {
    let (found, _) = corpus::find_files(paths);
    let f = found.into_iter().find(|f| wanted(f))?;
    if std::fs::metadata(&f.path).ok()?.len() > FIRST_REPORT_MAX_BYTES {
        return None;
    }
    let bytes = std::fs::read(&f.path).ok()?;
    corpus::parse_report(&f.display, Some(f.path.clone()), &bytes).ok()
}

/// With no report read before: the first of the user's files that parses
/// (a few tries), so a large corpus shows text while the rest loads. The
/// built-in corpus loads fast enough to wait for.
fn any_first_report(paths: &[PathBuf]) -> Option<Report> {
    if paths.is_empty() {
        return None;
    }
    let (found, _) = corpus::find_some_files(paths, 5);
    found.into_iter().find_map(|f| {
        if std::fs::metadata(&f.path).ok()?.len() > FIRST_REPORT_MAX_BYTES {
            return None;
        }
        let bytes = std::fs::read(&f.path).ok()?;
        let report = corpus::parse_report(&f.display, Some(f.path.clone()), &bytes).ok()?;
        (!report.paragraphs.is_empty()).then_some(report)
    })
}

/// Catalogue the corpus with the topic summaries of the user's taxonomy,
/// reusing the catalogue saved in the cache directory for files that did
/// not change.
fn load(paths: &[PathBuf]) -> Catalog {
    let cache_dir = crate::search::index::default_cache_dir();
    // Its warnings are told by the search thread, which loads it too.
    let (topics, _warnings) = TopicSource::load();
    Catalog::open(
        &Source::from_paths(paths),
        cache_dir.as_deref(),
        library::catalog::DEFAULT_BUDGET,
        &topics,
    )
}

/// Run the reader until the user quits.
pub fn run(opts: Options) -> anyhow::Result<()> {
    // Config and reading state; every problem becomes a message, none stops
    // the reader.
    let mut start = store::open(&store::Environment::from_process());
    let mut messages: Vec<String> = start.messages.iter().map(ToString::to_string).collect();
    let unknown = start
        .config
        .retain_known_actions(|name| Action::from_name(name).is_some());
    messages.extend(unknown.iter().map(ToString::to_string));
    let settings = settings::from_config(&start.config, opts.ascii_borders, opts.mouse);
    let paths = if opts.paths.is_empty() {
        start.config.corpus.clone().into_iter().collect()
    } else {
        opts.paths.clone()
    };
    let last_report = start.state.last_report.clone();
    let start_at = opts.start_at.clone();
    let search = super::search::spawn(paths.clone(), opts.indexer.clone());
    let reload_paths = paths.clone();
    let state_store = FileStore::new(start.state, start.state_file.take(), messages);
    let mut app = App::new(settings, Box::new(state_store));
    app.start_at = opts.start_at.clone();
    // Load off the UI thread so the first frame is not held up.
    let (tx, rx) = mpsc::channel();
    std::thread::spawn(move || {
        let first = match (start_at, last_report) {
            (Some(at), _) => report_found(&paths, |f| at.names(&f.path)),
            (None, Some(k)) => first_report(&paths, &k),
            (None, None) => any_first_report(&paths),
        };
        if let Some(first) = first {
            let _ = tx.send(Msg::FirstReport(Box::new(first)));
        }
        let _ = tx.send(Msg::Loaded(Box::new(load(&paths))));
    });

    // `kill`, a closed terminal window: save and give the terminal back
    // like `q` would. (Ctrl-C arrives as a key in raw mode.)
    let stop = Arc::new(AtomicBool::new(false));
    for signal in [SIGTERM, SIGHUP, SIGINT] {
        // Without the handler a signal still ends gwr, only less tidily.
        let _ = signal_hook::flag::register(signal, Arc::clone(&stop));
    }
    let mut guard = TerminalGuard::enter(app.settings.mouse)?;
    let mut reload = Reload {
        paths: reload_paths,
        loading: None,
    };
    let result = event_loop(
        &mut app,
        &mut guard,
        &rx,
        &search,
        &opts,
        &stop,
        &mut reload,
    );
    if result.is_err() && !app.loading {
        // The terminal failed us; keep what the reader did.
        app.save();
    }
    drop(guard);
    result
}

/// Loading the corpus again after the editor changed a file.
struct Reload {
    paths: Vec<PathBuf>,
    /// The catalogue on its way, and where to open it.
    loading: Option<(mpsc::Receiver<Catalog>, StartAt)>,
}

impl Reload {
    fn start(&mut self, at: StartAt) {
        let (tx, rx) = mpsc::channel();
        let paths = self.paths.clone();
        std::thread::spawn(move || {
            let _ = tx.send(load(&paths));
        });
        self.loading = Some((rx, at));
    }

    /// Once the catalogue is there: open it at the edited line. (The
    /// place is given only now: a first load still running may end before
    /// this one, with the file as it was.)
    fn finish(&mut self, app: &mut App) {
        let Some((rx, _)) = &self.loading else {
            return;
        };
        let catalog = match rx.try_recv() {
            Ok(catalog) => catalog,
            Err(mpsc::TryRecvError::Empty) => return,
            Err(mpsc::TryRecvError::Disconnected) => {
                self.loading = None;
                app.message = Some("Could not read the corpus again".into());
                return;
            }
        };
        if let Some((_, at)) = self.loading.take() {
            app.start_at = Some(at);
        }
        app.update(Msg::Loaded(Box::new(catalog)));
    }
}

/// `e`: the editor on the file, the terminal handed over meanwhile as
/// Ctrl-Z hands it; a file it changed is loaded again and opened at the
/// line.
fn edit(
    app: &mut App,
    guard: &mut TerminalGuard,
    at: StartAt,
    reload: &mut Reload,
) -> io::Result<()> {
    use super::edit::{editor_command, stamp};
    // Stopped in the editor, gwr may never come back: keep what was read.
    if !app.loading {
        app.save();
    }
    let before = stamp(&at.file);
    let mut command = editor_command(std::env::var_os("VISUAL"), std::env::var_os("EDITOR"), &at);
    let program = command.get_program().to_string_lossy().into_owned();
    let status = guard.outside(|| command.status())?;
    match status {
        Err(e) => {
            app.message = Some(format!(
                "Could not start the editor {}: {e}",
                crate::text::sanitize::visible(&program)
            ))
        }
        Ok(s) if !s.success() => {
            app.message = Some(format!(
                "The editor {} ended with {s}",
                crate::text::sanitize::visible(&program)
            ))
        }
        Ok(_) => {}
    }
    if stamp(&at.file) != before {
        app.message = Some("The file changed: reading it again…".into());
        reload.start(at);
    }
    Ok(())
}

fn event_loop(
    app: &mut App,
    guard: &mut TerminalGuard,
    rx: &mpsc::Receiver<Msg>,
    search: &mpsc::Receiver<super::search::SearchMsg>,
    opts: &Options,
    stop: &AtomicBool,
    reload: &mut Reload,
) -> anyhow::Result<()> {
    let size = guard.terminal.size()?;
    app.update(Msg::Resize(size.width, size.height));
    let mut layer = layer_of(app);
    // poll(2) said input is waiting and crossterm found none (see below).
    let mut unread_input = false;
    loop {
        if app.loading {
            match rx.try_recv() {
                Ok(msg) => app.update(msg),
                Err(mpsc::TryRecvError::Disconnected) => {
                    app.update(Msg::Loaded(Box::new(Catalog::from(Corpus {
                        reports: Vec::new(),
                        problems: vec![LoadProblem {
                            path: PathBuf::from("(corpus)"),
                            error: LoadError::Io("the loader stopped unexpectedly".into()),
                        }],
                    }))))
                }
                Err(mpsc::TryRecvError::Empty) => {}
            }
        }
        reload.finish(app);
        for msg in super::search::drain(search) {
            app.update(Msg::Search(msg));
        }
        // Opening or closing a popup or the side panel: redraw everything,
        // so no half of a wide character survives at the old edges.
        let now = layer_of(app);
        if now != layer {
            super::terminal::redraw_all(&mut guard.terminal)?;
            layer = now;
        }
        if stop.load(Ordering::Relaxed) {
            if !app.loading {
                app.save();
            }
            return Ok(());
        }
        if let Some(text) = app.clipboard.take() {
            let mux = Multiplexer::from_env(
                std::env::var("TMUX").ok().as_deref(),
                std::env::var("TERM").ok().as_deref(),
            );
            // One write, so no frame lands inside the sequence.
            let mut out = io::stdout().lock();
            out.write_all(osc52(&text, mux).as_bytes())?;
            out.flush()?;
        }
        let away = app.suspend || app.edit.is_some();
        if app.suspend {
            app.suspend = false;
            guard.suspend()?;
        }
        if let Some(at) = app.edit.take() {
            edit(app, guard, at, reload)?;
        }
        if away {
            // The terminal may have been resized while gwr was away.
            let size = guard.terminal.size()?;
            app.update(Msg::Resize(size.width, size.height));
        }
        guard.terminal.draw(|f| ui::draw(f, app))?;
        let showing = !app.loading || app.current_report().is_some();
        if app.quit
            || (opts.exit_after_first_frame && showing)
            || (opts.exit_when_idle && app.idle())
        {
            return Ok(());
        }
        // Fault injection for the end-to-end test of the panic hook (debug
        // builds only).
        #[cfg(debug_assertions)]
        if showing && std::env::var_os("GWR_TEST_PANIC").is_some() {
            panic!("GWR_TEST_PANIC: a deliberate panic");
        }
        let wait = if app.loading {
            Duration::from_millis(5)
        } else if app.working() || app.search.busy() {
            // Work in the background (indexing, figures across the corpus):
            // show its progress and results.
            Duration::from_millis(50)
        } else {
            // Idle; wake now and then to notice a signal.
            Duration::from_millis(250)
        };
        // Wait in poll(2), which sees a terminal that went away; then take
        // what crossterm has (keys, a resize) without waiting in it.
        let input = if unread_input {
            // poll(2) would only say "input" again at once: wait in
            // crossterm, which wakes on new input or a resize.
            Input::Unknown
        } else {
            super::terminal::wait_for_input(wait)
        };
        let wait = match input {
            Input::HungUp => {
                // No terminal to give back: keep what the reader did.
                if !app.loading {
                    app.save();
                }
                return Ok(());
            }
            Input::Ready | Input::Quiet => Duration::ZERO,
            Input::Unknown => wait,
        };
        unread_input = false;
        if event::poll(wait)? {
            handle(app, event::read()?);
            // Apply everything queued (a resize storm, key repeat) before
            // drawing again.
            while !app.quit && event::poll(Duration::ZERO)? {
                handle(app, event::read()?);
            }
        } else {
            // Input is waiting that crossterm will not read: its edge-
            // triggered epoll handed it a resize and the terminal's input in
            // one batch and it kept only the resize. It reads that input
            // with the next key or resize; meanwhile gwr must not spin on
            // poll(2) saying "input" (a core at 100 %).
            unread_input = input == Input::Ready;
            if app.working() {
                app.update(Msg::Tick);
            }
        }
    }
}

/// The views over the panes: changes force a full redraw.
fn layer_of(app: &App) -> (Vec<LayerKind>, ui::Areas) {
    (
        app.layers
            .iter()
            .filter(|l| l.state().is_view())
            .map(|l| l.kind())
            .collect(),
        // Panes appearing or moving (the side panel, a hidden panel).
        app.areas(),
    )
}

fn handle(app: &mut App, ev: Event) {
    match ev {
        Event::Key(k) if k.kind != KeyEventKind::Release => {
            if let Some(key) = key_of(k) {
                app.update(Msg::Key(key))
            }
        }
        Event::Resize(w, h) => app.update(Msg::Resize(w, h)),
        Event::Mouse(m) => {
            let kind = match m.kind {
                MouseEventKind::ScrollUp => MouseKind::ScrollUp,
                MouseEventKind::ScrollDown => MouseKind::ScrollDown,
                MouseEventKind::Down(MouseButton::Left) => MouseKind::Click,
                _ => return,
            };
            app.update(Msg::Mouse(MouseInput {
                kind,
                column: m.column,
                row: m.row,
            }));
        }
        _ => {}
    }
}
