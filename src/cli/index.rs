//! `gwr index`: build or update the search index of a corpus, with a
//! progress bar, and print what it did. Also the index opening shared with
//! `gwr search`.

use super::output::{Cell, Table};
use crate::corpus::LoadProblem;
use crate::corpus::{Scan, Source};
use crate::search::index::{self, Location, Progress, SearchIndex, UpdateStats};
use crate::search::SearchError;
use crate::topics::TopicSource;
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use std::path::PathBuf;
use std::time::Instant;

/// A progress bar on stderr (drawn only on a terminal); notices are printed
/// above it.
pub struct Bar {
    bar: Option<ProgressBar>,
    /// Progress as lines for a parent gwr (`index::PROGRESS_LINES_ENV`).
    lines: bool,
}

impl Bar {
    pub fn new() -> Bar {
        Bar {
            bar: None,
            lines: std::env::var_os(index::PROGRESS_LINES_ENV).is_some(),
        }
    }
}

impl Default for Bar {
    fn default() -> Self {
        Self::new()
    }
}

impl Progress for Bar {
    fn notice(&mut self, message: &str) {
        let line = format!("gwr: {}", crate::text::sanitize::visible(message));
        match &self.bar {
            Some(bar) => bar.suspend(|| eprintln!("{line}")),
            None => eprintln!("{line}"),
        }
    }

    fn start(&mut self, total: u64) {
        if self.lines {
            eprintln!("{}start {total}", index::PROGRESS_PREFIX);
            return;
        }
        let bar = ProgressBar::with_draw_target(Some(total), ProgressDrawTarget::stderr());
        if let Ok(style) = ProgressStyle::with_template(
            "{spinner} indexing {bar:30} {pos}/{len} reports, {elapsed} (about {eta} left)",
        ) {
            bar.set_style(style);
        }
        // Keeps moving while the last segments are merged.
        bar.enable_steady_tick(std::time::Duration::from_millis(250));
        self.bar = Some(bar);
    }

    fn advance(&mut self) {
        if self.lines {
            eprintln!("{}advance", index::PROGRESS_PREFIX);
        }
        if let Some(bar) = &self.bar {
            bar.inc(1);
        }
    }

    fn finish(&mut self) {
        if let Some(bar) = self.bar.take() {
            bar.finish_and_clear();
        }
    }
}

fn report_problems(problems: &[LoadProblem]) {
    for p in problems {
        eprintln!("gwr: {p}");
    }
}

/// Scan the corpus of `paths` (the built-in corpus when empty), reporting
/// unreadable paths; `None` when there is no report file at all.
pub fn scan(paths: &[PathBuf]) -> Option<Scan> {
    let scan = crate::corpus::scan(&Source::from_paths(paths));
    report_problems(&scan.problems);
    if scan.files.is_empty() {
        eprintln!("gwr: no report could be loaded");
        return None;
    }
    Some(scan)
}

/// The topic taxonomy, as `gwr sections` uses it; warnings go to stderr.
pub fn topics() -> TopicSource {
    let (topics, warnings) = TopicSource::load();
    for w in warnings {
        eprintln!("gwr: {}", crate::text::sanitize::visible(&w));
    }
    topics
}

/// Open the corpus's index in the cache directory, updating it with a
/// progress bar; problems and notices go to stderr.
pub fn open(scan: &Scan, topics: &TopicSource) -> Result<(SearchIndex, UpdateStats), SearchError> {
    let cache = index::default_cache_dir();
    let mut bar = Bar::new();
    let opened = index::open(scan, cache.as_deref(), topics, &mut bar)?;
    report_problems(&opened.1.problems);
    Ok(opened)
}

/// Rebuild a damaged index.
pub fn rebuild(
    idx: SearchIndex,
    scan: &Scan,
    why: &SearchError,
) -> Result<SearchIndex, SearchError> {
    let mut bar = Bar::new();
    bar.notice(&format!("{why}; rebuilding the index"));
    let cache = index::default_cache_dir();
    let (idx, stats) = idx.rebuild(scan, cache.as_deref(), &mut bar)?;
    report_problems(&stats.problems);
    Ok(idx)
}

/// `gwr index`: one row describing the index after the update.
pub fn table(paths: &[PathBuf]) -> Result<Table, String> {
    let scan = scan(paths).ok_or_else(String::new)?;
    let started = Instant::now();
    let (mut idx, mut stats) = open(&scan, &topics()).map_err(|e| e.to_string())?;
    // The explicit command also reads every file of the index once to
    // catch damage that opening cannot see; an index written from nothing
    // just now has nothing older to check (and reading it all again would
    // only add its largest file to the build's peak memory).
    let written_now = stats.added == idx.report_count() && stats.changed == 0 && stats.removed == 0;
    let checked = if written_now { Ok(()) } else { idx.verify() };
    if let Err(damage) = checked {
        idx = rebuild(idx, &scan, &damage).map_err(|e| e.to_string())?;
        stats = UpdateStats {
            added: idx.report_count(),
            ..UpdateStats::default()
        };
    }
    let location = match idx.location() {
        Location::Disk(dir) => dir.to_string_lossy().into_owned(),
        // The user asked for an index to keep; one in memory is gone
        // when this process ends (the reason was given as a notice).
        Location::Memory => match index::default_cache_dir() {
            Some(cache) => {
                return Err(format!(
                    "could not save the index in {}",
                    crate::text::sanitize::visible(&cache.to_string_lossy())
                ))
            }
            None => "memory".to_string(),
        },
    };
    Ok(Table {
        columns: vec![
            "index", "reports", "passages", "added", "changed", "removed", "bytes", "seconds",
        ],
        rows: vec![vec![
            Cell::from(location),
            Cell::Int(idx.report_count() as i64),
            Cell::Int(idx.passage_count() as i64),
            Cell::Int(stats.added as i64),
            Cell::Int(stats.changed as i64),
            Cell::Int(stats.removed as i64),
            Cell::Int(idx.disk_bytes() as i64),
            Cell::Float((started.elapsed().as_secs_f64() * 1000.0).round() / 1000.0),
        ]],
    })
}
