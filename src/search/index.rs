//! The index on disk: where it lives, opening it, keeping it up to date.
//!
//! One index per corpus under `<cache>/index/<corpus key>/`. On open, only
//! added, changed or removed files are re-indexed; the manifest of indexed
//! files is the commit payload, so documents and manifest change together
//! and an interrupted build resumes from its last commit. A damaged, partial
//! or incompatible index is rebuilt; an unusable cache directory falls back
//! to an index in memory; a second gwr waits for the one holding the writer
//! lock instead of failing. Every such event is reported as a notice.

use super::manifest::{Diff, Manifest, Pointer};
use super::passage;
use super::pread::PreadDirectory;
use super::schema::{self, Fields};
use super::searcher::Searcher;
use super::tokenizer;
use super::SearchError;
use crate::corpus::LoadProblem;
use crate::corpus::{Scan, Source};
use crate::topics::TopicSource;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};
use tantivy::directory::{Directory, MmapDirectory, INDEX_WRITER_LOCK};
use tantivy::indexer::IndexWriterOptions;
use tantivy::merge_policy::LogMergePolicy;
use tantivy::{Index, IndexReader, IndexWriter, ReloadPolicy, TantivyDocument, TantivyError, Term};

/// Manifest files of an index on disk: `manifest-<opstamp>.json`.
const MANIFEST_PREFIX: &str = "manifest-";
/// Reports parsed ahead of the index writer (tantivy queues thousands of
/// documents more itself).
const PARSE_AHEAD: usize = 8;
/// Commit after this much report text, so an interrupted build keeps most
/// of its work.
const COMMIT_EVERY_BYTES: u64 = 256 << 20;
/// Indexing memory per writer thread. A build of 30,000 reports peaked at
/// 292 MB resident with 32 MB (311 MB with 48); the smaller flushed
/// segments cost a little more merging.
const WRITER_MEMORY_PER_THREAD: usize = 32 << 20;
/// Merges run one at a time: each holds buffers, and on two cores more of
/// them only take time from indexing.
const MERGE_THREADS: usize = 1;
/// Segments (of passages) larger than this are not merged again: the
/// segments a writer thread flushes (about 20,000 passages) are merged
/// into larger ones once, never into one giant segment, whose merge would
/// rewrite the whole index at the end of every build. Queries cost little
/// more on a few more segments, searched in parallel.
const MERGE_MAX_DOCS: usize = 60_000;
/// How long a gwr waits for another one that is updating the same index
/// before it builds its own in memory.
const LOCK_WAIT: Duration = Duration::from_secs(600);
const LOCK_POLL: Duration = Duration::from_millis(100);

/// Receives progress and notices from indexing. The command line draws a
/// progress bar; the TUI gets the same events as messages.
pub trait Progress {
    /// Something the user should know (a rebuild, a fallback, a wait).
    fn notice(&mut self, message: &str);
    /// Indexing of `total` reports starts.
    fn start(&mut self, total: u64);
    /// One more report is indexed.
    fn advance(&mut self);
    /// The index is ready (segments merged) after a `start`; may also come
    /// without one.
    fn finish(&mut self);
}

/// Progress that goes nowhere.
pub struct Silent;

impl Progress for Silent {
    fn notice(&mut self, _: &str) {}
    fn start(&mut self, _: u64) {}
    fn advance(&mut self) {}
    fn finish(&mut self) {}
}

/// Where an index lives.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Location {
    Disk(PathBuf),
    Memory,
}

impl Location {
    /// The index directory; `None` in memory.
    pub fn dir(&self) -> Option<&Path> {
        match self {
            Location::Disk(dir) => Some(dir),
            Location::Memory => None,
        }
    }
}

/// What an update did.
#[derive(Debug, Default)]
pub struct UpdateStats {
    pub added: usize,
    pub changed: usize,
    pub removed: usize,
    /// Files that could not be loaded while indexing.
    pub problems: Vec<LoadProblem>,
}

/// An open index for one corpus.
pub struct SearchIndex {
    index: Index,
    reader: IndexReader,
    fields: Fields,
    manifest: Manifest,
    location: Location,
    topics: TopicSource,
    /// Handed out by [`SearchIndex::searcher`]; rebuilt when the manifest
    /// changes (building its report table takes milliseconds at scale).
    searcher: Searcher,
}

/// The cache directory (`store::paths`: `GWR_CACHE_DIR`, else the
/// platform's cache directory for gwr); `None` without either.
pub fn default_cache_dir() -> Option<PathBuf> {
    let env = crate::store::paths::Environment::from_process();
    crate::store::paths::Paths::new(&env)
        .map(|p| p.cache_dir)
        .ok()
        .or(env.cache_dir)
}

/// The directory of a corpus's index inside a cache directory.
pub fn index_dir(cache_dir: &Path, scan: &Scan) -> PathBuf {
    cache_dir
        .join("index")
        .join(format!("{:016x}", scan.corpus_key()))
}

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
fn open_current(scan: &Scan, cache_dir: &Path, topics: &TopicSource) -> Option<SearchIndex> {
    let dir = index_dir(cache_dir, scan);
    let (index, manifest, reader) = open_existing(&dir, scan, topics).ok()?;
    if !manifest.diff(scan).is_empty() {
        return None;
    }
    let (_, fields) = schema::build();
    Some(SearchIndex::assemble(
        index,
        reader,
        fields,
        manifest,
        Location::Disk(dir),
        topics.clone(),
    ))
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

/// Open the index of a scanned corpus in `cache_dir` (or in memory when
/// `None`), bringing it up to date; `topics` classifies the sections.
pub fn open(
    scan: &Scan,
    cache_dir: Option<&Path>,
    topics: &TopicSource,
    progress: &mut dyn Progress,
) -> Result<(SearchIndex, UpdateStats), SearchError> {
    if let Some(cache) = cache_dir {
        let dir = index_dir(cache, scan);
        match open_disk(&dir, scan, topics, progress) {
            Ok(opened) => return Ok(opened),
            Err(reason) => progress.notice(&format!(
                "cannot use the index in {}: {reason}; using an index in memory for this run",
                dir.display()
            )),
        }
    }
    open_memory(scan, topics, progress)
}

/// Build a fresh index in memory.
pub fn open_memory(
    scan: &Scan,
    topics: &TopicSource,
    progress: &mut dyn Progress,
) -> Result<(SearchIndex, UpdateStats), SearchError> {
    let (schema, fields) = schema::build();
    let mut index = Index::builder()
        .schema(schema)
        .create_in_ram()
        .map_err(SearchError::index)?;
    make_searchable(&mut index);
    let mut manifest = Manifest::new(scan.roots.clone(), topics.key);
    let diff = manifest.diff(scan);
    let mut writer = new_writer(&index, None).map_err(SearchError::index)?;
    let into = Target {
        fields: &fields,
        taxonomy: &topics.taxonomy,
        dir: None,
    };
    let stats = apply(&mut writer, &into, &mut manifest, scan, &diff, progress)
        .map_err(SearchError::index)?;
    writer.wait_merging_threads().map_err(SearchError::index)?;
    progress.finish();
    let reader = new_reader(&index).map_err(SearchError::index)?;
    Ok((
        SearchIndex::assemble(
            index,
            reader,
            fields,
            manifest,
            Location::Memory,
            topics.clone(),
        ),
        stats,
    ))
}

/// Index reports that are loaded already (the TUI's corpus, tests), in
/// memory.
pub fn from_reports(
    reports: &[crate::report::Report],
    topics: &TopicSource,
) -> Result<SearchIndex, SearchError> {
    let (schema, fields) = schema::build();
    let mut index = Index::builder()
        .schema(schema)
        .create_in_ram()
        .map_err(SearchError::index)?;
    make_searchable(&mut index);
    let mut manifest = Manifest::new(Vec::new(), topics.key);
    let mut writer = new_writer(&index, None).map_err(SearchError::index)?;
    passage::prepare();
    for report in reports {
        let id = manifest.push(super::manifest::Entry {
            id: 0,
            root: 0,
            file: report.file.clone(),
            stamp: (0, 0),
            fingerprint: passage::fingerprint(report),
            path: report.path.clone(),
        });
        for doc in passage::documents(report, id, &fields, &topics.taxonomy) {
            writer.add_document(doc).map_err(SearchError::index)?;
        }
    }
    commit(&mut writer, &manifest, None).map_err(SearchError::index)?;
    writer.wait_merging_threads().map_err(SearchError::index)?;
    let reader = new_reader(&index).map_err(SearchError::index)?;
    Ok(SearchIndex::assemble(
        index,
        reader,
        fields,
        manifest,
        Location::Memory,
        topics.clone(),
    ))
}

/// A writer for `index`, which is in `dir` on disk (`None`: in memory).
/// On disk it writes through the same index opened again on a
/// [`PreadDirectory`], so merges do not hold the segments they read in
/// resident memory (searching keeps the memory maps).
fn new_writer(index: &Index, dir: Option<&Path>) -> tantivy::Result<IndexWriter<TantivyDocument>> {
    let writing;
    let index = match dir {
        Some(dir) => {
            writing = Index::open(PreadDirectory::open(dir)?)?;
            tokenizer::register(&writing);
            &writing
        }
        None => index,
    };
    let threads = std::thread::available_parallelism()
        .map(|n| n.get())
        .unwrap_or(1)
        .clamp(1, 4);
    let writer = index.writer_with_options(
        IndexWriterOptions::builder()
            .num_worker_threads(threads)
            .memory_budget_per_thread(WRITER_MEMORY_PER_THREAD)
            .num_merge_threads(MERGE_THREADS)
            .build(),
    )?;
    let mut policy = LogMergePolicy::default();
    policy.set_max_docs_before_merge(MERGE_MAX_DOCS);
    writer.set_merge_policy(Box::new(policy));
    Ok(writer)
}

/// Register the tokenizers (tantivy does not store them) and search the
/// segments of a query in parallel, one thread per core: on two cores this
/// halves the slowest as-you-type filters on a large corpus.
fn make_searchable(index: &mut Index) {
    tokenizer::register(index);
    let threads = std::thread::available_parallelism()
        .map(|n| n.get())
        .unwrap_or(1)
        .clamp(1, 4);
    if threads > 1 {
        // Without the pool, segments are searched one after another: slower,
        // not wrong.
        let _ = index.set_multithread_executor(threads);
    }
}

fn new_reader(index: &Index) -> tantivy::Result<IndexReader> {
    index
        .reader_builder()
        .reload_policy(ReloadPolicy::Manual)
        .try_into()
}

fn is_lock_busy(e: &TantivyError) -> bool {
    matches!(
        e,
        TantivyError::LockFailure(tantivy::directory::error::LockError::LockBusy, _)
    )
}

/// Why a disk index could not be used as it is.
enum Unusable {
    /// Not there yet.
    Missing,
    /// Damaged, partial or from another version: rebuild.
    Invalid(String),
}

/// Open an existing index and check that it is whole and ours.
fn open_existing(
    dir: &Path,
    scan: &Scan,
    topics: &TopicSource,
) -> Result<(Index, Manifest, IndexReader), Unusable> {
    if !dir.join("meta.json").exists() {
        return Err(Unusable::Missing);
    }
    let mut index = Index::open_in_dir(dir).map_err(|e| Unusable::Invalid(e.to_string()))?;
    make_searchable(&mut index);
    let (schema, _) = schema::build();
    if serde_json::to_string(&index.schema()).ok() != serde_json::to_string(&schema).ok() {
        return Err(Unusable::Invalid(
            "it was built by another version of gwr".into(),
        ));
    }
    let manifest = read_manifest(&index, Some(dir), scan, topics)?;
    let reader = new_reader(&index).map_err(|e| Unusable::Invalid(e.to_string()))?;
    Ok((index, manifest, reader))
}

fn read_manifest(
    index: &Index,
    dir: Option<&Path>,
    scan: &Scan,
    topics: &TopicSource,
) -> Result<Manifest, Unusable> {
    let metas = index
        .load_metas()
        .map_err(|e| Unusable::Invalid(e.to_string()))?;
    let other_version = || Unusable::Invalid("it was built by another version of gwr".into());
    let manifest = match (&metas.payload, dir) {
        (Some(p), Some(dir)) => {
            let pointer = Pointer::from_payload(p).ok_or_else(other_version)?;
            let damaged = || Unusable::Invalid("its list of reports is missing or damaged".into());
            let bytes = std::fs::read(dir.join(&pointer.manifest_file)).map_err(|_| damaged())?;
            let mut hash = crate::text::hash::Fnv::new();
            hash.bytes(&bytes);
            if hash.finish() != pointer.hash {
                return Err(damaged());
            }
            let text = std::str::from_utf8(&bytes).map_err(|_| damaged())?;
            Manifest::from_payload(text).ok_or_else(other_version)?
        }
        (Some(p), None) => Manifest::from_payload(p).ok_or_else(other_version)?,
        // Created but nothing committed yet (perhaps by another gwr that is
        // building it now).
        (None, _) if metas.segments.is_empty() => Manifest::new(scan.roots.clone(), topics.key),
        (None, _) => return Err(Unusable::Invalid("it has no list of its reports".into())),
    };
    if manifest.roots != scan.roots {
        return Err(Unusable::Invalid("it belongs to another corpus".into()));
    }
    if manifest.topics != topics.key {
        return Err(Unusable::Invalid(
            "the topic taxonomy changed since it was built".into(),
        ));
    }
    Ok(manifest)
}

/// Hold the writer lock of a directory without an index writer (to create
/// or wipe the index). `Ok(None)`: another process holds it.
fn lock_dir(dir: &Path) -> Result<Option<tantivy::directory::DirectoryLock>, String> {
    let directory = MmapDirectory::open(dir).map_err(|e| e.to_string())?;
    match directory.acquire_lock(&INDEX_WRITER_LOCK) {
        Ok(lock) => Ok(Some(lock)),
        Err(tantivy::directory::error::LockError::LockBusy) => Ok(None),
        Err(e) => Err(e.to_string()),
    }
}

/// Remove every index file, keeping the lock files other processes may
/// hold.
fn wipe(dir: &Path) -> Result<(), String> {
    let entries = std::fs::read_dir(dir).map_err(|e| e.to_string())?;
    for entry in entries {
        let entry = entry.map_err(|e| e.to_string())?;
        let name = entry.file_name();
        if name.to_string_lossy().starts_with(".tantivy-")
            && name.to_string_lossy().ends_with(".lock")
        {
            continue;
        }
        let path = entry.path();
        let removed = if path.is_dir() {
            std::fs::remove_dir_all(&path)
        } else {
            std::fs::remove_file(&path)
        };
        removed.map_err(|e| format!("cannot remove {}: {e}", path.display()))?;
    }
    Ok(())
}

fn open_disk(
    dir: &Path,
    scan: &Scan,
    topics: &TopicSource,
    progress: &mut dyn Progress,
) -> Result<(SearchIndex, UpdateStats), String> {
    std::fs::create_dir_all(dir).map_err(|e| e.to_string())?;
    let (_, fields) = schema::build();
    let started = Instant::now();
    let mut told_waiting = false;
    let mut wait = |progress: &mut dyn Progress, what: &str| -> Result<(), String> {
        if started.elapsed() > LOCK_WAIT {
            return Err(format!("another gwr has been {what} it for too long"));
        }
        if !told_waiting {
            progress.notice(&format!(
                "another gwr is {what} the index in {}; waiting for it",
                dir.display()
            ));
            told_waiting = true;
        }
        std::thread::sleep(LOCK_POLL);
        Ok(())
    };
    loop {
        let (index, mut manifest, reader) = match open_existing(dir, scan, topics) {
            Ok(opened) => opened,
            Err(_) => {
                let Some(lock) = lock_dir(dir)? else {
                    wait(progress, "updating")?;
                    continue;
                };
                // A reader can lose a race with another gwr's cleanup of
                // old files; with the lock held, look once more.
                let unusable = match open_existing(dir, scan, topics) {
                    Ok(_) => {
                        drop(lock);
                        continue;
                    }
                    Err(u) => u,
                };
                if let Unusable::Invalid(reason) = unusable {
                    progress.notice(&format!(
                        "the index in {} cannot be used ({reason}); rebuilding it",
                        dir.display()
                    ));
                    wipe(dir)?;
                } else if dir.join("meta.json").exists() {
                    // Created by another gwr since we looked.
                    drop(lock);
                    continue;
                }
                let (schema, _) = schema::build();
                let created = Index::builder()
                    .schema(schema)
                    .create_in_dir(dir)
                    .map_err(|e| e.to_string());
                drop(lock);
                created?;
                continue;
            }
        };
        let mut stats = UpdateStats::default();
        if !manifest.diff(scan).is_empty() {
            let mut writer = match new_writer(&index, Some(dir)) {
                Ok(w) => w,
                Err(e) if is_lock_busy(&e) => {
                    wait(progress, "updating")?;
                    continue;
                }
                Err(e) => return Err(e.to_string()),
            };
            // What another gwr committed while we waited is already done.
            manifest = read_manifest(&index, Some(dir), scan, topics).map_err(|u| match u {
                Unusable::Invalid(r) => r,
                Unusable::Missing => "the index disappeared".to_string(),
            })?;
            let diff = manifest.diff(scan);
            let into = Target {
                fields: &fields,
                taxonomy: &topics.taxonomy,
                dir: Some(dir),
            };
            stats = apply(&mut writer, &into, &mut manifest, scan, &diff, progress)
                .map_err(|e| e.to_string())?;
            writer.wait_merging_threads().map_err(|e| e.to_string())?;
            progress.finish();
            reader.reload().map_err(|e| e.to_string())?;
        }
        return Ok((
            SearchIndex::assemble(
                index,
                reader,
                fields,
                manifest,
                Location::Disk(dir.to_path_buf()),
                topics.clone(),
            ),
            stats,
        ));
    }
}

/// Commit, recording the manifest: inline for an index in memory, in its
/// own file (named in the payload) for an index in `dir`.
fn commit(
    writer: &mut IndexWriter<TantivyDocument>,
    manifest: &Manifest,
    dir: Option<&Path>,
) -> tantivy::Result<()> {
    let mut prepared = writer.prepare_commit()?;
    let Some(dir) = dir else {
        prepared.set_payload(&manifest.to_payload());
        prepared.commit()?;
        return Ok(());
    };
    let bytes = manifest.to_payload().into_bytes();
    let name = format!("{MANIFEST_PREFIX}{}.json", prepared.opstamp());
    crate::store::atomic::write(&dir.join(&name), &bytes)?;
    let mut hash = crate::text::hash::Fnv::new();
    hash.bytes(&bytes);
    prepared.set_payload(
        &Pointer {
            manifest_file: name.clone(),
            hash: hash.finish(),
        }
        .to_payload(),
    );
    prepared.commit()?;
    // Earlier manifests describe commits no reader opens any more.
    if let Ok(entries) = std::fs::read_dir(dir) {
        for entry in entries.flatten() {
            let other = entry.file_name().to_string_lossy().into_owned();
            if other.starts_with(MANIFEST_PREFIX) && other != name {
                let _ = std::fs::remove_file(entry.path());
            }
        }
    }
    Ok(())
}

/// What documents are built with and where the manifest goes.
struct Target<'a> {
    fields: &'a Fields,
    taxonomy: &'a crate::topics::Taxonomy,
    /// The index directory; `None` for an index in memory.
    dir: Option<&'a Path>,
}

/// Delete what is stale and index what is new, committing in batches.
fn apply(
    writer: &mut IndexWriter<TantivyDocument>,
    into: &Target,
    manifest: &mut Manifest,
    scan: &Scan,
    diff: &Diff,
    progress: &mut dyn Progress,
) -> tantivy::Result<UpdateStats> {
    let (fields, taxonomy, dir) = (into.fields, into.taxonomy, into.dir);
    let mut stats = UpdateStats {
        added: diff.added,
        changed: diff.changed,
        removed: diff.removed,
        problems: Vec::new(),
    };
    if diff.is_empty() {
        return Ok(stats);
    }
    if !diff.to_index.is_empty() {
        progress.start(diff.to_index.len() as u64);
        passage::prepare();
    }
    for &id in &diff.stale {
        writer.delete_term(Term::from_field_u64(fields.report, id));
    }
    manifest.remove(&diff.stale);
    // Report numbers are handed out in order, so each file's number is
    // known before its documents are built. One thread reads, parses and
    // classifies the files ahead of the writer, blocking when it is
    // `PARSE_AHEAD` reports ahead: parsing takes about a fifth of the
    // work, so it keeps tantivy's indexing threads fed without competing
    // with them for the cores in bursts, and no thread spins.
    let first_id = manifest.next_id;
    let to_index = &diff.to_index;
    std::thread::scope(|scope| -> tantivy::Result<()> {
        let (sender, parsed) = std::sync::mpsc::sync_channel(PARSE_AHEAD);
        scope.spawn(move || {
            for (k, &i) in to_index.iter().enumerate() {
                let file = &scan.files[i];
                let built = file.load().map(|report| {
                    (
                        passage::fingerprint(&report),
                        passage::documents(&report, first_id + k as u64, fields, taxonomy),
                    )
                });
                if sender.send((file, built)).is_err() {
                    // The writer stopped on an error.
                    return;
                }
            }
        });
        let mut since_commit = 0u64;
        for (file, built) in parsed {
            since_commit += file.stamp.0;
            match built {
                Ok((fingerprint, docs)) => {
                    let id = manifest.add(file, fingerprint);
                    debug_assert!(id >= first_id && id < first_id + to_index.len() as u64);
                    for doc in docs {
                        writer.add_document(doc)?;
                    }
                }
                Err(problem) => {
                    manifest.add(file, 0);
                    stats.problems.push(problem);
                }
            }
            progress.advance();
            if since_commit >= COMMIT_EVERY_BYTES {
                commit(writer, manifest, dir)?;
                since_commit = 0;
            }
        }
        Ok(())
    })?;
    commit(writer, manifest, dir)?;
    Ok(stats)
}

impl SearchIndex {
    fn assemble(
        index: Index,
        reader: IndexReader,
        fields: Fields,
        manifest: Manifest,
        location: Location,
        topics: TopicSource,
    ) -> SearchIndex {
        let searcher = Searcher::new(reader.clone(), fields, &manifest, topics.taxonomy.clone());
        SearchIndex {
            index,
            reader,
            fields,
            manifest,
            location,
            topics,
            searcher,
        }
    }

    /// A searcher over the current state of the index (cheap; share it
    /// across threads).
    pub fn searcher(&self) -> Searcher {
        self.searcher.clone()
    }

    pub fn location(&self) -> &Location {
        &self.location
    }

    pub fn manifest(&self) -> &Manifest {
        &self.manifest
    }

    /// Number of reports indexed.
    pub fn report_count(&self) -> usize {
        self.manifest.entries.len()
    }

    /// Number of passages (tantivy documents).
    pub fn passage_count(&self) -> u64 {
        self.reader.searcher().num_docs()
    }

    /// Bytes the index takes on disk (0 in memory).
    pub fn disk_bytes(&self) -> u64 {
        match &self.location {
            Location::Disk(dir) => std::fs::read_dir(dir)
                .map(|entries| {
                    entries
                        .filter_map(|e| e.ok()?.metadata().ok())
                        .filter(|m| m.is_file())
                        .map(|m| m.len())
                        .sum()
                })
                .unwrap_or(0),
            Location::Memory => 0,
        }
    }

    /// Re-index the given reports (found stale: the file or the program
    /// changed since they were indexed), then whatever else changed.
    pub fn refresh(
        &mut self,
        scan: &Scan,
        stale: &[u64],
        progress: &mut dyn Progress,
    ) -> Result<UpdateStats, SearchError> {
        let dir = self.location.dir().map(Path::to_path_buf);
        let mut writer = loop {
            match new_writer(&self.index, dir.as_deref()) {
                Ok(w) => break w,
                Err(e) if is_lock_busy(&e) => std::thread::sleep(LOCK_POLL),
                Err(e) => return Err(SearchError::index(e)),
            }
        };
        if dir.is_some() {
            self.manifest = read_manifest(&self.index, dir.as_deref(), scan, &self.topics)
                .map_err(|u| match u {
                    Unusable::Invalid(r) => SearchError::Index(r),
                    Unusable::Missing => SearchError::Index("the index disappeared".into()),
                })?;
        }
        for &id in stale {
            self.manifest.invalidate(id);
        }
        let diff = self.manifest.diff(scan);
        let into = Target {
            fields: &self.fields,
            taxonomy: &self.topics.taxonomy,
            dir: dir.as_deref(),
        };
        let stats = apply(
            &mut writer,
            &into,
            &mut self.manifest,
            scan,
            &diff,
            progress,
        )
        .map_err(SearchError::index)?;
        writer.wait_merging_threads().map_err(SearchError::index)?;
        progress.finish();
        self.reader.reload().map_err(SearchError::index)?;
        self.searcher = Searcher::new(
            self.reader.clone(),
            self.fields,
            &self.manifest,
            self.topics.taxonomy.clone(),
        );
        Ok(stats)
    }

    /// Check every index file against its checksum.
    pub fn verify(&self) -> Result<(), SearchError> {
        let damaged: Vec<std::path::PathBuf> = match &self.location {
            // In pieces, without memory maps: mapped, the largest file of a
            // 30,000-report index (a few hundred MB) would be resident while
            // it is checked.
            Location::Disk(dir) => {
                let metas = self
                    .index
                    .searchable_segment_metas()
                    .map_err(|e| SearchError::Damaged(e.to_string()))?;
                use tantivy::index::SegmentComponent as C;
                let files = metas.iter().flat_map(|m| {
                    let mut components = vec![
                        C::Postings,
                        C::Positions,
                        C::Terms,
                        C::Store,
                        C::FastFields,
                        C::FieldNorms,
                    ];
                    if m.has_deletes() {
                        components.push(C::Delete);
                    }
                    components.into_iter().map(|c| m.relative_path(c))
                });
                super::pread::damaged_files(dir, files).map_err(SearchError::index)?
            }
            Location::Memory => self
                .index
                .validate_checksum()
                .map_err(SearchError::index)?
                .into_iter()
                .collect(),
        };
        if damaged.is_empty() {
            Ok(())
        } else {
            let names: Vec<String> = damaged.iter().map(|p| p.display().to_string()).collect();
            Err(SearchError::Damaged(format!(
                "damaged index files: {}",
                names.join(", ")
            )))
        }
    }

    /// Throw the index away and build it again from the corpus.
    pub fn rebuild(
        self,
        scan: &Scan,
        cache_dir: Option<&Path>,
        progress: &mut dyn Progress,
    ) -> Result<(SearchIndex, UpdateStats), SearchError> {
        let location = self.location.clone();
        let topics = self.topics.clone();
        drop(self);
        if let Location::Disk(dir) = &location {
            let wiped = lock_dir(dir).and_then(|lock| match lock {
                Some(lock) => {
                    let r = wipe(dir);
                    drop(lock);
                    r
                }
                None => Err("another gwr is updating it".into()),
            });
            if let Err(e) = wiped {
                progress.notice(&format!(
                    "cannot rebuild the index in {}: {e}",
                    dir.display()
                ));
            }
            return open(scan, cache_dir, &topics, progress);
        }
        open_memory(scan, &topics, progress)
    }
}
