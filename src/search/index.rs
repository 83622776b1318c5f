//! The index on disk: where it lives, opening it, keeping it up to date.
//!
//! One index per corpus under `<cache>/index/<corpus key>/`. On open, only
//! added, changed or removed files are re-indexed; the manifest of indexed
//! files is the commit payload, so documents and manifest change together
//! and an interrupted build resumes from its last commit. A damaged, partial
//! or incompatible index is rebuilt; an unusable cache directory falls back
//! to an index in memory; a second gwr waits for the one holding the writer
//! lock instead of failing. Every such event is reported as a notice.

use super::manifest::{Manifest, Pointer};
use super::passage;
use super::readonly::{self, ReadOnlyDirectory};
use super::schema::{self, Fields};
use super::searcher::Searcher;
use super::tokenizer;
use super::verify;
use super::writer::{apply, commit, new_writer, Target};
use super::SearchError;

pub use super::background::{spawn_open, IndexEvent, PROGRESS_LINES_ENV, PROGRESS_PREFIX};
use crate::corpus::LoadProblem;
use crate::corpus::Scan;
use crate::topics::TopicSource;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};
use tantivy::directory::{Directory, MmapDirectory, INDEX_WRITER_LOCK};
use tantivy::{Index, IndexReader, ReloadPolicy, TantivyError};

/// Manifest files of an index on disk: `manifest-<opstamp>.json`.
pub(super) const MANIFEST_PREFIX: &str = "manifest-";
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
    let opened = if readonly::writable(dir) {
        Index::open_in_dir(dir)
    } else {
        ReadOnlyDirectory::open(dir).and_then(Index::open)
    };
    let mut index = opened.map_err(|e| Unusable::Invalid(e.to_string()))?;
    make_searchable(&mut index);
    let (schema, _) = schema::build();
    if serde_json::to_string(&index.schema()).ok() != serde_json::to_string(&schema).ok() {
        return Err(Unusable::Invalid(
            "it was built by another version of gwr".into(),
        ));
    }
    let manifest = read_manifest(&index, Some(dir), scan, topics)?;
    let files = verify::index_files(&index).map_err(|e| Unusable::Invalid(e.to_string()))?;
    let damaged =
        verify::damaged_files(dir, &files).map_err(|e| Unusable::Invalid(e.to_string()))?;
    if !damaged.is_empty() {
        let names: Vec<String> = damaged.iter().map(|p| p.display().to_string()).collect();
        return Err(Unusable::Invalid(format!(
            "damaged index files: {}",
            names.join(", ")
        )));
    }
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
    if !readonly::writable(dir) {
        return open_read_only(dir, scan, topics, progress);
    }
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

/// An index in a directory gwr cannot write: used as it is when it is
/// whole and up to date, else refused (nothing could be saved there).
fn open_read_only(
    dir: &Path,
    scan: &Scan,
    topics: &TopicSource,
    progress: &mut dyn Progress,
) -> Result<(SearchIndex, UpdateStats), String> {
    let opened = open_up_to_date(dir, scan, topics)
        .map_err(|why| format!("the directory is read-only and {why}"))?;
    progress.notice(&format!(
        "the index in {} is read-only; using it as it is",
        dir.display()
    ));
    Ok((opened, UpdateStats::default()))
}

/// The index in `dir` as it is, if it is whole and holds the corpus as
/// scanned now; else why not.
pub(super) fn open_up_to_date(
    dir: &Path,
    scan: &Scan,
    topics: &TopicSource,
) -> Result<SearchIndex, String> {
    let (index, manifest, reader) = open_existing(dir, scan, topics).map_err(|u| match u {
        Unusable::Missing => "holds no index".to_string(),
        Unusable::Invalid(why) => format!("its index is unusable ({why})"),
    })?;
    if !manifest.diff(scan).is_empty() {
        return Err("its index is out of date".into());
    }
    let (_, fields) = schema::build();
    Ok(SearchIndex::assemble(
        index,
        reader,
        fields,
        manifest,
        Location::Disk(dir.to_path_buf()),
        topics.clone(),
    ))
}

impl SearchIndex {
    pub(super) fn assemble(
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
                let files = verify::index_files(&self.index)
                    .map_err(|e| SearchError::Damaged(e.to_string()))?;
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
