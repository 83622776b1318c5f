//! The catalogue of a corpus: one light entry per report (what the report
//! list, sorting, bookmarks and the status line need) and a cache of parsed
//! [`Report`]s bounded by a budget of text bytes. A report that is not cached
//! is parsed again from its file, so a corpus of 30,000 reports (1.7 GB of
//! text, ≈ 6 GB parsed) is read in a few hundred megabytes.
//!
//! The entries are saved in the cache directory, keyed by the corpus folders;
//! on the next start the entries of unchanged files (same size and
//! modification time) are reused without parsing them.
//!
//! Each entry also holds the report's [`TopicSummary`], made from the same
//! parse as the entry and saved with it under the fingerprint of the
//! taxonomy used ([`TopicSource::key`]): a later start with the same
//! taxonomy classifies nothing; with another taxonomy the summaries are
//! missing and [`Catalog::topic_summaries`] makes them again.

use crate::corpus::source::{self, Scan, Source, SourceFile};
use crate::corpus::{Corpus, LoadError, LoadProblem};
use crate::report::{Encoding, Metadata, Report, ReportKey, Reports};
use crate::topics::TopicSource;
use crate::topics::TopicSummary;
use rayon::prelude::*;
use serde::{Deserialize, Serialize};
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};

/// Text bytes of parsed reports the reader keeps cached by default: the
/// report being read and the ones around it, without holding the corpus.
pub const DEFAULT_BUDGET: usize = 64 << 20;

/// Bumped whenever [`Entry`], the parse pipeline or the classification
/// changes what an entry holds, so an old catalogue is rebuilt rather than
/// misread.
/// 3: outlines hold headings inside paragraphs, and topic summaries come
/// from every place of a report (sections and passages).
const FORMAT_VERSION: u32 = 3;

/// A saved catalogue larger than this is not read: 30,000 entries take
/// about 16 MB.
const MAX_SAVED_BYTES: u64 = 1 << 30;

/// What the catalogue knows of one report without holding its text.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Entry {
    /// `Report::file`.
    pub file: String,
    /// Where it is read from (`Report::path`); `None` for the built-in
    /// corpus.
    pub path: Option<PathBuf>,
    /// Size and modification time of the file when it was catalogued
    /// (`(0, 0)` for reports held in memory, which are never read again).
    pub stamp: (u64, u64),
    pub meta: Metadata,
    pub encoding: Encoding,
    pub sections: usize,
    /// Characters of cleaned text (`Report::char_count`).
    pub chars: usize,
    /// Bytes of cleaned text: what the report costs the cache.
    pub text_bytes: usize,
    /// The report's key in the reading state (`ReportKey::of`).
    pub key: ReportKey,
    /// The search index's fingerprint of the report
    /// (`search::passage::fingerprint`), to match index entries to reports.
    pub fingerprint: u64,
    /// Where the report treats each topic, under the catalogue's taxonomy
    /// ([`Catalog::topics`]); `None` until classified with it.
    pub topics: Option<TopicSummary>,
}

impl Entry {
    fn of(report: &Report, stamp: (u64, u64)) -> Entry {
        Entry {
            file: report.file.clone(),
            path: report.path.clone(),
            stamp,
            meta: report.meta.clone(),
            encoding: report.encoding,
            sections: report.sections.len(),
            chars: report.char_count(),
            text_bytes: text_bytes(report),
            key: ReportKey::of(report),
            fingerprint: crate::search::passage::fingerprint(report),
            topics: None,
        }
    }

    /// The title, or the file name when the report states none.
    pub fn title(&self) -> &str {
        crate::report::title_or_file(&self.meta, &self.file)
    }
}

fn text_bytes(report: &Report) -> usize {
    report.paragraphs.iter().map(|p| p.text.len()).sum()
}

/// Where an entry's report comes from when it is not cached.
#[derive(Debug)]
enum Origin {
    /// Parsed again from its file (or the built-in bytes) on a miss.
    File(SourceFile),
    /// Held for the catalogue's lifetime (small in-memory corpora).
    Held(Arc<Report>),
}

/// Parsed reports, least recently used evicted first.
#[derive(Debug, Default)]
struct Cache {
    budget: usize,
    /// Text bytes of the cached reports.
    used: usize,
    clock: u64,
    /// Report index → (report, last use).
    slots: HashMap<usize, (Arc<Report>, u64)>,
}

impl Cache {
    fn get(&mut self, i: usize) -> Option<Arc<Report>> {
        self.clock += 1;
        let clock = self.clock;
        self.slots.get_mut(&i).map(|(r, used)| {
            *used = clock;
            Arc::clone(r)
        })
    }

    fn insert(&mut self, i: usize, report: Arc<Report>) {
        let bytes = text_bytes(&report);
        if bytes > self.budget {
            // Kept only by whoever asked for it.
            return;
        }
        self.clock += 1;
        self.used += bytes;
        if let Some((old, _)) = self.slots.insert(i, (report, self.clock)) {
            self.used -= text_bytes(&old);
        }
        while self.used > self.budget {
            // A report someone still holds (the one being read) stays: evicting
            // it would free nothing and parse it twice.
            let victim = self
                .slots
                .iter()
                .filter(|(&k, (r, _))| k != i && Arc::strong_count(r) == 1)
                .min_by_key(|(_, (_, used))| *used)
                .map(|(&k, _)| k);
            let Some(k) = victim else { break };
            if let Some((r, _)) = self.slots.remove(&k) {
                self.used -= text_bytes(&r);
            }
        }
    }
}

/// The reports of a corpus: entries always, parsed reports on demand.
#[derive(Debug)]
pub struct Catalog {
    entries: Vec<Entry>,
    origins: Vec<Origin>,
    cache: Mutex<Cache>,
    /// Files parsed since the catalogue was made (building it included).
    parses: AtomicUsize,
    /// Entries taken from the saved catalogue without parsing their file.
    reused: usize,
    /// Files that could not be loaded when the catalogue was made.
    pub problems: Vec<LoadProblem>,
    /// Things the user should know about the catalogue itself (a damaged
    /// saved catalogue, one that could not be saved).
    pub notices: Vec<String>,
    /// The taxonomy the entries' topic summaries are made with; `None` for
    /// reports held in memory without one.
    topics: Option<TopicSource>,
    /// Where the catalogue is saved.
    file: Option<PathBuf>,
}

/// The saved form of a catalogue.
#[derive(Serialize, Deserialize)]
struct Saved<E> {
    version: u32,
    /// [`TopicSource::key`] of the taxonomy of the entries' topic summaries.
    topics: u64,
    entries: E,
}

impl Default for Catalog {
    fn default() -> Self {
        Catalog::from_reports(Vec::new())
    }
}

impl From<Corpus> for Catalog {
    fn from(corpus: Corpus) -> Catalog {
        let mut catalog = Catalog::from_reports(corpus.reports);
        catalog.problems = corpus.problems;
        catalog
    }
}

impl Catalog {
    /// A catalogue holding these reports in memory (tests, a report shown
    /// before the corpus has loaded).
    pub fn from_reports(reports: Vec<Report>) -> Catalog {
        let entries = reports.iter().map(|r| Entry::of(r, (0, 0))).collect();
        let origins = reports
            .into_iter()
            .map(|r| Origin::Held(Arc::new(r)))
            .collect();
        Catalog::new(entries, origins, usize::MAX)
    }

    fn new(entries: Vec<Entry>, origins: Vec<Origin>, budget: usize) -> Catalog {
        Catalog {
            entries,
            origins,
            cache: Mutex::new(Cache {
                budget,
                ..Cache::default()
            }),
            parses: AtomicUsize::new(0),
            reused: 0,
            problems: Vec::new(),
            notices: Vec::new(),
            topics: None,
            file: None,
        }
    }

    /// Catalogue the corpus of `source`: the built-in corpus is parsed and
    /// held; files are parsed once to make their entries and topic
    /// summaries (classified with `topics`), or not at all when the
    /// catalogue saved in `cache_dir` has them with the same stamp; then
    /// parsed again only when read, keeping at most `budget` bytes of text
    /// cached. Saved entries made with another taxonomy keep their entry
    /// but lose their summary (see [`Catalog::topic_summaries`]).
    pub fn open(
        source: &Source,
        cache_dir: Option<&Path>,
        budget: usize,
        topics: &TopicSource,
    ) -> Catalog {
        if *source == Source::Builtin {
            // Held in memory: the topics worker classifies these few.
            let mut catalog = Catalog::from(crate::corpus::load_builtin());
            catalog.parses.store(catalog.len(), Ordering::Relaxed);
            catalog.topics = Some(topics.clone());
            return catalog;
        }
        let scan = source::scan(source);
        let file = cache_dir.map(|dir| catalog_file(dir, &scan));
        let mut notices = Vec::new();
        let saved = file
            .as_deref()
            .map(|f| read_saved(f, topics.key, &mut notices))
            .unwrap_or_default();
        let by_path: HashMap<&Path, &Entry> = saved
            .iter()
            .filter_map(|e| Some((e.path.as_deref()?, e)))
            .collect();
        let parses = AtomicUsize::new(0);
        let made: Vec<Result<(Entry, bool), LoadProblem>> = scan
            .files
            .par_iter()
            .map(|f| {
                let known = f.path.as_deref().and_then(|p| by_path.get(p));
                match known {
                    Some(e) if e.stamp == f.stamp && e.file == f.file => Ok(((*e).clone(), true)),
                    // Each worker holds one parsed report at a time.
                    _ => {
                        parses.fetch_add(1, Ordering::Relaxed);
                        f.load().map(|r| {
                            let mut entry = Entry::of(&r, f.stamp);
                            entry.topics = Some(TopicSummary::classify(&r, &topics.taxonomy));
                            (entry, false)
                        })
                    }
                }
            })
            .collect();
        let mut entries = Vec::with_capacity(made.len());
        let mut origins = Vec::with_capacity(made.len());
        let mut problems = scan.problems;
        let mut reused = 0;
        for (result, f) in made.into_iter().zip(scan.files) {
            match result {
                Ok((entry, was_saved)) => {
                    reused += usize::from(was_saved);
                    entries.push(entry);
                    origins.push(Origin::File(f));
                }
                Err(p) => problems.push(p),
            }
        }
        let changed = reused != entries.len() || saved.len() != entries.len();
        if let (Some(file), true) = (&file, changed) {
            if let Err(e) = save(file, topics.key, &entries) {
                notices.push(format!(
                    "could not save the report catalogue {}: {e}",
                    file.display()
                ));
            }
        }
        let mut catalog = Catalog::new(entries, origins, budget);
        catalog.parses = parses;
        catalog.reused = reused;
        catalog.problems = problems;
        catalog.notices = notices;
        catalog.topics = Some(topics.clone());
        catalog.file = file;
        catalog
    }

    /// The taxonomy the entries' topic summaries are made with (`None` for
    /// reports held in memory: [`Catalog::from_reports`]).
    pub fn topics(&self) -> Option<&TopicSource> {
        self.topics.as_ref()
    }

    /// Reports whose topic summary [`Catalog::topic_summaries`] would have
    /// to classify with `topics`.
    pub fn missing_summaries(&self, topics: &TopicSource) -> usize {
        match &self.topics {
            Some(t) if t.key == topics.key => {
                self.entries.iter().filter(|e| e.topics.is_none()).count()
            }
            _ => self.len(),
        }
    }

    /// Every report's topic summary under `topics`: the entries' own when
    /// made with the same taxonomy, the others classified now (one report
    /// at a time; on all cores with `parallel`) and saved with the
    /// catalogue, so that the next start has them. A report that cannot be
    /// read any more has an empty summary.
    pub fn topic_summaries(&self, topics: &TopicSource, parallel: bool) -> Vec<TopicSummary> {
        let same = self.topics.as_ref().is_some_and(|t| t.key == topics.key);
        let one = |i: usize| -> Option<TopicSummary> {
            match &self.entries[i].topics {
                Some(known) if same => Some(known.clone()),
                _ => self.with(i, |r| TopicSummary::classify(r, &topics.taxonomy)),
            }
        };
        let made: Vec<Option<TopicSummary>> = if parallel {
            (0..self.len()).into_par_iter().map(one).collect()
        } else {
            (0..self.len()).map(one).collect()
        };
        let classified = !same || self.entries.iter().any(|e| e.topics.is_none());
        if let (Some(file), true) = (&self.file, classified) {
            let entries: Vec<Entry> = self
                .entries
                .iter()
                .zip(&made)
                .map(|(e, s)| Entry {
                    topics: s.clone(),
                    ..e.clone()
                })
                .collect();
            // Not saved: only costs classifying them again next time.
            let _ = save(file, topics.key, &entries);
        }
        made.into_iter().map(Option::unwrap_or_default).collect()
    }

    pub fn len(&self) -> usize {
        self.entries.len()
    }

    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    pub fn entries(&self) -> &[Entry] {
        &self.entries
    }

    pub fn entry(&self, i: usize) -> Option<&Entry> {
        self.entries.get(i)
    }

    /// Report `i`, from the cache or parsed again from its file. A file that
    /// changed or vanished since it was catalogued is a problem naming it.
    pub fn report(&self, i: usize) -> Result<Arc<Report>, LoadProblem> {
        self.fetch(i, true)
    }

    /// Report `i` from the cache, or parsed and cached only if `keep`:
    /// walks across the corpus pass once over every report and would
    /// otherwise evict the ones being read.
    fn fetch(&self, i: usize, keep: bool) -> Result<Arc<Report>, LoadProblem> {
        let Some(origin) = self.origins.get(i) else {
            return Err(LoadProblem {
                path: PathBuf::from(format!("(report {i})")),
                error: LoadError::Io("no such report in the corpus".into()),
            });
        };
        let file = match origin {
            Origin::Held(r) => return Ok(Arc::clone(r)),
            Origin::File(f) => f,
        };
        if let Some(r) = self.lock().get(i) {
            return Ok(r);
        }
        check_unchanged(file, &self.entries[i])?;
        self.parses.fetch_add(1, Ordering::Relaxed);
        let report = Arc::new(file.load()?);
        if ReportKey::of(&report) != self.entries[i].key {
            // Same size and time but other text: still not what was listed.
            return Err(changed(file));
        }
        if keep {
            self.lock().insert(i, Arc::clone(&report));
        }
        Ok(report)
    }

    /// Report `i` when it can be read (walks across the corpus skip the
    /// ones that cannot).
    pub fn get(&self, i: usize) -> Option<Arc<Report>> {
        self.report(i).ok()
    }

    /// Files parsed since the catalogue was made, building it included.
    pub fn parses(&self) -> usize {
        self.parses.load(Ordering::Relaxed)
    }

    /// Entries reused from the saved catalogue.
    pub fn reused(&self) -> usize {
        self.reused
    }

    /// Text bytes of the reports in the cache now.
    pub fn cached_bytes(&self) -> usize {
        self.lock().used
    }

    /// Bytes of cleaned text of the whole corpus.
    pub fn text_bytes(&self) -> usize {
        self.entries.iter().map(|e| e.text_bytes).sum()
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Cache> {
        // The cache stays consistent even if a holder panicked mid-way
        // (every change is a whole insert or remove).
        self.cache.lock().unwrap_or_else(|e| e.into_inner())
    }
}

fn changed(file: &SourceFile) -> LoadProblem {
    LoadProblem {
        path: file
            .path
            .clone()
            .unwrap_or_else(|| PathBuf::from(&file.file)),
        error: LoadError::Changed,
    }
}

/// The file is still the one catalogued: same size and modification time.
fn check_unchanged(file: &SourceFile, entry: &Entry) -> Result<(), LoadProblem> {
    let Some(path) = &file.path else {
        return Ok(());
    };
    match std::fs::metadata(path) {
        Ok(meta) if source::stamp_of(&meta) == entry.stamp => Ok(()),
        Ok(_) => Err(changed(file)),
        Err(_) => Err(LoadProblem {
            path: path.clone(),
            error: LoadError::Vanished,
        }),
    }
}

/// Where the catalogue of a scanned corpus is saved.
pub fn catalog_file(cache_dir: &Path, scan: &Scan) -> PathBuf {
    cache_dir
        .join("catalog")
        .join(format!("{:016x}.json", scan.corpus_key()))
}

/// The saved entries; none when there is no file, and none with a notice
/// when it is damaged or of another version (it is then rebuilt). Their
/// topic summaries only if made with the taxonomy of fingerprint `topics`.
fn read_saved(file: &Path, topics: u64, notices: &mut Vec<String>) -> Vec<Entry> {
    let bytes = match crate::store::bounded::read_regular(file, MAX_SAVED_BYTES) {
        Ok(b) => b,
        Err(crate::store::bounded::ReadError::Missing) => return Vec::new(),
        Err(e) => {
            notices.push(format!(
                "the saved catalogue {} is not used ({e}); it is made again",
                crate::text::sanitize::visible(&file.to_string_lossy())
            ));
            return Vec::new();
        }
    };
    match serde_json::from_slice::<Saved<Vec<Entry>>>(&bytes) {
        Ok(saved) if saved.version == FORMAT_VERSION => {
            let mut entries = saved.entries;
            if saved.topics != topics {
                for e in &mut entries {
                    e.topics = None;
                }
            }
            entries
        }
        Ok(_) => Vec::new(),
        Err(e) => {
            notices.push(format!(
                "the report catalogue {} was damaged ({e}); rebuilt",
                file.display()
            ));
            Vec::new()
        }
    }
}

fn save(file: &Path, topics: u64, entries: &[Entry]) -> std::io::Result<()> {
    if let Some(dir) = file.parent() {
        std::fs::create_dir_all(dir)?;
    }
    let saved = Saved {
        version: FORMAT_VERSION,
        topics,
        entries,
    };
    let bytes = serde_json::to_vec(&saved).map_err(std::io::Error::other)?;
    crate::store::atomic::write(file, &bytes)
}

impl Reports for Catalog {
    fn count(&self) -> usize {
        self.len()
    }

    fn with<R>(&self, i: usize, f: impl FnOnce(&Report) -> R) -> Option<R> {
        self.fetch(i, false).ok().map(|r| f(&r))
    }
}
