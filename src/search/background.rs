//! Opening the index without making the reader wait: on a worker thread,
//! and for a large corpus whose index is missing or stale, in a child
//! `gwr index` process whose memory is not the reader's.

use super::index::{index_dir, open, open_up_to_date, Progress, SearchIndex, UpdateStats};
use super::SearchError;
use crate::corpus::{Scan, Source};
use crate::topics::TopicSource;
use std::path::{Path, PathBuf};

/// Events of [`spawn_open`].
pub enum IndexEvent {
    Notice(String),
    Start(u64),
    Advance,
    /// The index is ready (or could not be opened at all).
    Ready(Box<Result<(SearchIndex, UpdateStats), SearchError>>),
}

/// Corpora of at least this many files are indexed by a child `gwr index`
/// when [`spawn_open`] is given the gwr binary (`GWR_INDEX_CHILD_MIN`
/// overrides, for tests).
const CHILD_MIN_FILES: usize = 200;

/// Set in a child `gwr index`: progress goes to stderr as lines of
/// [`PROGRESS_PREFIX`] for the parent to read, not as a progress bar.
pub const PROGRESS_LINES_ENV: &str = "GWR_PROGRESS_LINES";
pub const PROGRESS_PREFIX: &str = "gwr-progress ";

/// Scan the corpus and open its index on a background thread, reporting
/// progress as messages (for the TUI, which keeps drawing meanwhile).
///
/// With `indexer` (the gwr binary), a large corpus whose index is missing
/// or out of date is indexed by a child `gwr index` first: the writer's
/// memory (about 250 MB at scale) is then not added to the reader's, and
/// the build finishes even if the reader is closed meanwhile.
pub fn spawn_open(
    source: Source,
    cache_dir: Option<PathBuf>,
    topics: TopicSource,
    indexer: Option<PathBuf>,
) -> std::sync::mpsc::Receiver<IndexEvent> {
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        struct Send(std::sync::mpsc::Sender<IndexEvent>);
        impl Progress for Send {
            fn notice(&mut self, m: &str) {
                let _ = self.0.send(IndexEvent::Notice(m.to_string()));
            }
            fn start(&mut self, total: u64) {
                let _ = self.0.send(IndexEvent::Start(total));
            }
            fn advance(&mut self) {
                let _ = self.0.send(IndexEvent::Advance);
            }
            fn finish(&mut self) {}
        }
        let mut progress = Send(tx.clone());
        let scan = crate::corpus::scan(&source);
        if let (Some(exe), Some(cache), Source::Paths(paths)) = (&indexer, &cache_dir, &source) {
            let min = std::env::var("GWR_INDEX_CHILD_MIN")
                .ok()
                .and_then(|v| v.parse().ok())
                .unwrap_or(CHILD_MIN_FILES);
            if scan.files.len() >= min {
                if let Some(current) = open_current(&scan, cache, &topics) {
                    let _ = tx.send(IndexEvent::Ready(Box::new(Ok((
                        current,
                        UpdateStats::default(),
                    )))));
                    return;
                }
                if let Err(e) = index_in_child(exe, paths, cache, &mut progress) {
                    progress.notice(&format!(
                        "indexing in a separate process failed ({e}); indexing here"
                    ));
                }
            }
        }
        let result = open(&scan, cache_dir.as_deref(), &topics, &mut progress);
        let _ = tx.send(IndexEvent::Ready(Box::new(result)));
    });
    rx
}

/// The corpus's index in `cache_dir`, if it is there and up to date.
pub(super) fn open_current(
    scan: &Scan,
    cache_dir: &Path,
    topics: &TopicSource,
) -> Option<SearchIndex> {
    open_up_to_date(&index_dir(cache_dir, scan), scan, topics).ok()
}

/// Run `gwr index PATHS` with the same cache directory, passing its
/// progress and notices on.
fn index_in_child(
    exe: &Path,
    paths: &[PathBuf],
    cache_dir: &Path,
    progress: &mut dyn Progress,
) -> std::io::Result<()> {
    use std::io::BufRead;
    let mut child = std::process::Command::new(exe)
        .arg("index")
        .args(paths)
        .env("GWR_CACHE_DIR", cache_dir)
        .env(PROGRESS_LINES_ENV, "1")
        .stdin(std::process::Stdio::null())
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::piped())
        .spawn()?;
    if let Some(stderr) = child.stderr.take() {
        for line in std::io::BufReader::new(stderr).lines() {
            let line = line?;
            match line.strip_prefix(PROGRESS_PREFIX) {
                Some("advance") => progress.advance(),
                Some(rest) => {
                    if let Some(total) = rest.strip_prefix("start ").and_then(|n| n.parse().ok()) {
                        progress.start(total);
                    }
                }
                // Problems with single files are reported again by the
                // reader's own load; the rest (a rebuild, a wait) is news.
                None => {
                    let message = line.strip_prefix("gwr: ").unwrap_or(&line);
                    progress.notice(message);
                }
            }
        }
    }
    let status = child.wait()?;
    if status.success() {
        Ok(())
    } else {
        Err(std::io::Error::other(format!(
            "gwr index exited with {status}"
        )))
    }
}
