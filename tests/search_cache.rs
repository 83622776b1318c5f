//! The index on disk: incremental updates, rebuilding a damaged or foreign
//! index, falling back to memory when the cache cannot be written, and two
//! users of one index at once.

use gwr::corpus::{Scan, Source};
use gwr::search::{self, Location, Progress, Query, SearchIndex};
use gwr::topics::TopicSource;
use std::path::{Path, PathBuf};

#[derive(Default)]
struct Recorder {
    notices: Vec<String>,
    indexed: u64,
}

impl Progress for Recorder {
    fn notice(&mut self, message: &str) {
        self.notices.push(message.to_string());
    }
    fn start(&mut self, _: u64) {}
    fn advance(&mut self) {
        self.indexed += 1;
    }
    fn finish(&mut self) {}
}

fn samples() -> Vec<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/corpus/samples");
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .collect();
    files.sort();
    assert!(files.len() >= 4);
    files
}

/// A corpus folder with copies of the first `n` sample files.
fn corpus(n: usize) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    for f in samples().iter().take(n) {
        std::fs::copy(f, dir.path().join(f.file_name().unwrap())).unwrap();
    }
    dir
}

fn scan(dir: &Path) -> Scan {
    gwr::corpus::scan(&Source::Paths(vec![dir.to_path_buf()]))
}

fn open(dir: &Path, cache: &Path) -> (SearchIndex, search::UpdateStats, Recorder) {
    let mut rec = Recorder::default();
    let (idx, stats) =
        search::open(&scan(dir), Some(cache), &TopicSource::builtin(), &mut rec).expect("open");
    (idx, stats, rec)
}

fn files_matching(idx: &SearchIndex, q: &str) -> Vec<String> {
    let mut files: Vec<String> = idx
        .searcher()
        .search(&Query::parse(q).unwrap(), 1000)
        .unwrap()
        .into_iter()
        .map(|h| h.file)
        .collect();
    files.sort();
    files.dedup();
    files
}

/// The report text of a file, as the index sees it (page furniture
/// removed).
fn report_text(file: &Path) -> String {
    let bytes = std::fs::read(file).unwrap();
    let name = file.file_name().unwrap().to_string_lossy();
    let report = gwr::corpus::parse_report(&name, None, &bytes).unwrap();
    report
        .paragraphs
        .iter()
        .map(|p| p.text.as_str())
        .collect::<Vec<_>>()
        .join("\n")
}

/// A string of `file`'s report text that no other sample contains.
fn unique_string(file: &Path) -> String {
    let text = report_text(file);
    let others: Vec<String> = samples()
        .iter()
        .filter(|f| *f != file)
        .map(|f| std::fs::read_to_string(f).unwrap())
        .collect();
    let chars: Vec<char> = text.chars().collect();
    for w in chars.windows(6) {
        let s: String = w.iter().collect();
        if w.iter().all(|c| ('\u{4E00}'..='\u{9FFF}').contains(c))
            && !others.iter().any(|o| o.contains(&s))
        {
            return s;
        }
    }
    panic!("no unique string in {}", file.display());
}

#[test]
fn only_changed_files_are_reindexed() {
    let cache = tempfile::tempdir().unwrap();
    let dir = corpus(3);
    let (idx, stats, rec) = open(dir.path(), cache.path());
    assert_eq!((stats.added, stats.changed, stats.removed), (3, 0, 0));
    assert_eq!(rec.indexed, 3);
    assert!(matches!(idx.location(), Location::Disk(_)));
    assert!(rec.notices.is_empty(), "{:?}", rec.notices);
    drop(idx);

    let (idx, stats, rec) = open(dir.path(), cache.path());
    assert_eq!((stats.added, stats.changed, stats.removed), (0, 0, 0));
    assert_eq!(rec.indexed, 0, "nothing changed, nothing indexed");
    assert_eq!(idx.report_count(), 3);
    drop(idx);

    let files = samples();
    let removed_string = unique_string(&files[2]);
    let changed = dir.path().join(files[0].file_name().unwrap());
    // A new sentence in the body (the end of a page is site furniture).
    let text = std::fs::read_to_string(&changed).unwrap();
    let lines: Vec<&str> = text.lines().collect();
    let mut edited: Vec<&str> = lines[..lines.len() / 2].to_vec();
    edited.push("新增一段独一无二的测试文字，说明政府工作的新进展。");
    edited.extend(&lines[lines.len() / 2..]);
    std::fs::write(&changed, edited.join("\n")).unwrap();
    std::fs::remove_file(dir.path().join(files[2].file_name().unwrap())).unwrap();
    std::fs::copy(&files[3], dir.path().join(files[3].file_name().unwrap())).unwrap();

    let (idx, stats, rec) = open(dir.path(), cache.path());
    assert_eq!((stats.added, stats.changed, stats.removed), (1, 1, 1));
    assert_eq!(rec.indexed, 2);
    assert_eq!(idx.report_count(), 3);
    let name = |i: usize| files[i].file_name().unwrap().to_string_lossy().into_owned();
    assert_eq!(files_matching(&idx, "独一无二的测试"), vec![name(0)]);
    assert!(files_matching(&idx, &removed_string).is_empty());
    assert_eq!(
        files_matching(&idx, &unique_string(&files[3])),
        vec![name(3)]
    );
}

fn index_files(cache: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for d in std::fs::read_dir(cache.join("index")).unwrap() {
        for f in std::fs::read_dir(d.unwrap().path()).unwrap() {
            let p = f.unwrap().path();
            if !p.file_name().unwrap().to_string_lossy().starts_with('.') {
                out.push(p);
            }
        }
    }
    out
}

fn truncate(path: &Path) {
    let len = std::fs::metadata(path).unwrap().len();
    let f = std::fs::OpenOptions::new().write(true).open(path).unwrap();
    f.set_len(len / 2).unwrap();
}

#[test]
fn truncated_index_files_are_rebuilt_with_a_message() {
    let cache = tempfile::tempdir().unwrap();
    let dir = corpus(2);
    let probe = unique_string(&samples()[1]);
    drop(open(dir.path(), cache.path()));
    let segment_files: Vec<PathBuf> = index_files(cache.path())
        .into_iter()
        .filter(|p| p.extension().is_some_and(|e| e != "json"))
        .collect();
    assert!(!segment_files.is_empty());
    for f in &segment_files {
        truncate(f);
    }
    let (idx, stats, rec) = open(dir.path(), cache.path());
    assert!(
        rec.notices.iter().any(|n| n.contains("rebuilding")),
        "{:?}",
        rec.notices
    );
    assert_eq!(stats.added, 2);
    assert!(matches!(idx.location(), Location::Disk(_)));
    assert_eq!(files_matching(&idx, &probe).len(), 1);
    drop(idx);
    // Rebuilt for good: the next start is quiet.
    let (_, stats, rec) = open(dir.path(), cache.path());
    assert!(rec.notices.is_empty(), "{:?}", rec.notices);
    assert_eq!(stats.added, 0);
}

#[test]
fn truncated_or_foreign_meta_is_rebuilt() {
    let cache = tempfile::tempdir().unwrap();
    let dir = corpus(2);
    drop(open(dir.path(), cache.path()));
    let meta = index_files(cache.path())
        .into_iter()
        .find(|p| p.file_name().unwrap() == "meta.json")
        .unwrap();
    truncate(&meta);
    let (idx, _, rec) = open(dir.path(), cache.path());
    assert!(
        rec.notices.iter().any(|n| n.contains("rebuilding")),
        "{:?}",
        rec.notices
    );
    assert_eq!(idx.report_count(), 2);
    let index_dir = match idx.location() {
        Location::Disk(d) => d.clone(),
        Location::Memory => panic!("expected a disk index"),
    };
    drop(idx);

    // The list of indexed reports, damaged.
    let manifest = index_files(cache.path())
        .into_iter()
        .find(|p| {
            p.file_name()
                .unwrap()
                .to_string_lossy()
                .starts_with("manifest-")
        })
        .expect("a manifest file");
    truncate(&manifest);
    let (idx, _, rec) = open(dir.path(), cache.path());
    assert!(
        rec.notices.iter().any(|n| n.contains("missing or damaged")),
        "{:?}",
        rec.notices
    );
    assert_eq!(idx.report_count(), 2);
    drop(idx);

    // An index another program (or version) wrote in our place.
    std::fs::remove_dir_all(&index_dir).unwrap();
    std::fs::create_dir_all(&index_dir).unwrap();
    let mut schema = tantivy::schema::Schema::builder();
    schema.add_text_field("body", tantivy::schema::TEXT);
    let foreign = tantivy::Index::create_in_dir(&index_dir, schema.build()).unwrap();
    let mut w: tantivy::IndexWriter = foreign.writer(15_000_000).unwrap();
    w.commit().unwrap();
    drop(w);
    let (idx, _, rec) = open(dir.path(), cache.path());
    assert!(
        rec.notices.iter().any(|n| n.contains("another version")),
        "{:?}",
        rec.notices
    );
    assert_eq!(idx.report_count(), 2);
}

#[test]
fn an_unwritable_cache_falls_back_to_memory() {
    let dir = corpus(2);
    let blocker = tempfile::NamedTempFile::new().unwrap();
    let cache = blocker.path().join("cache");
    let (idx, stats, rec) = open(dir.path(), &cache);
    assert_eq!(idx.location(), &Location::Memory);
    assert_eq!(stats.added, 2);
    assert!(
        rec.notices.iter().any(|n| n.contains("in memory")),
        "{:?}",
        rec.notices
    );
    assert_eq!(files_matching(&idx, &unique_string(&samples()[0])).len(), 1);
}

#[test]
fn two_openers_at_once_both_succeed() {
    let cache = tempfile::tempdir().unwrap();
    let dir = corpus(4);
    let (a, b) = std::thread::scope(|s| {
        let a = s.spawn(|| open(dir.path(), cache.path()));
        let b = s.spawn(|| open(dir.path(), cache.path()));
        (a.join().unwrap(), b.join().unwrap())
    });
    for (idx, _, _) in [&a, &b] {
        assert_eq!(idx.report_count(), 4);
        assert!(matches!(idx.location(), Location::Disk(_)));
    }
    assert_eq!(a.1.added + b.1.added, 4, "the reports were indexed once");
    let probe = unique_string(&samples()[2]);
    assert_eq!(files_matching(&a.0, &probe), files_matching(&b.0, &probe));
}

#[test]
fn stale_reports_are_refreshed() {
    let cache = tempfile::tempdir().unwrap();
    let dir = corpus(2);
    let (mut idx, _, _) = open(dir.path(), cache.path());
    let q = Query::parse(&unique_string(&samples()[0])).unwrap();
    let hit = idx.searcher().search(&q, 1).unwrap().remove(0);
    let mut rec = Recorder::default();
    let stats = idx
        .refresh(&scan(dir.path()), &[hit.report], &mut rec)
        .unwrap();
    assert_eq!((stats.changed, rec.indexed), (1, 1));
    let again = idx.searcher().search(&q, 1).unwrap().remove(0);
    assert_ne!(again.report, hit.report, "re-indexed under a new number");
    assert_eq!(again.file, hit.file);
    drop(idx);
    let (_, stats, _) = open(dir.path(), cache.path());
    assert_eq!(stats.added + stats.changed + stats.removed, 0);
}

#[test]
fn a_changed_topic_taxonomy_rebuilds() {
    let cache = tempfile::tempdir().unwrap();
    let dir = corpus(2);
    drop(open(dir.path(), cache.path()));
    let edited = TopicSource {
        key: TopicSource::builtin().key ^ 1,
        ..TopicSource::builtin()
    };
    let mut rec = Recorder::default();
    let (idx, stats) =
        search::open(&scan(dir.path()), Some(cache.path()), &edited, &mut rec).unwrap();
    assert!(
        rec.notices.iter().any(|n| n.contains("taxonomy changed")),
        "{:?}",
        rec.notices
    );
    assert_eq!((stats.added, idx.report_count()), (2, 2));
}

#[test]
fn a_flipped_bit_in_any_kind_of_index_file_is_caught_on_open_and_rebuilt() {
    let cache = tempfile::tempdir().unwrap();
    let dir = corpus(3);
    let probes: Vec<String> = samples()[..3].iter().map(|f| unique_string(f)).collect();
    let answers = |idx: &SearchIndex| -> Vec<Vec<String>> {
        let mut all: Vec<Vec<String>> = probes.iter().map(|p| files_matching(idx, p)).collect();
        all.push(files_matching(idx, "发展"));
        all
    };
    let (idx, _, _) = open(dir.path(), cache.path());
    let expected = answers(&idx);
    assert!(expected.iter().all(|a| !a.is_empty()));
    drop(idx);
    let kinds: std::collections::BTreeSet<String> = index_files(cache.path())
        .iter()
        .filter_map(|p| p.extension().map(|e| e.to_string_lossy().into_owned()))
        .filter(|e| e != "json")
        .collect();
    for kind in ["idx", "pos", "term", "store", "fast", "fieldnorm"] {
        assert!(kinds.contains(kind), "no .{kind} file among {kinds:?}");
    }
    for kind in &kinds {
        // The largest file of this kind, flipped in the middle of its body.
        let file = index_files(cache.path())
            .into_iter()
            .filter(|p| p.extension().is_some_and(|e| e.to_string_lossy() == *kind))
            .max_by_key(|p| std::fs::metadata(p).unwrap().len())
            .unwrap();
        let mut bytes = std::fs::read(&file).unwrap();
        let middle = bytes.len() / 2;
        bytes[middle] ^= 0x20;
        std::fs::write(&file, &bytes).unwrap();
        let (idx, _, rec) = open(dir.path(), cache.path());
        let name = file.file_name().unwrap().to_string_lossy().into_owned();
        assert!(
            rec.notices.iter().any(|n| n.contains("damaged index files")
                && n.contains(&name)
                && n.contains("rebuilding")),
            ".{kind}: {:?}",
            rec.notices
        );
        assert_eq!(answers(&idx), expected, ".{kind}");
        assert!(idx.verify().is_ok());
    }
}

/// Events of `spawn_open` until the index is ready: (progress steps,
/// notices, what the reader's own open added).
fn spawn_and_wait(dir: &Path, cache: &Path, indexer: &Path) -> (u64, Vec<String>, usize) {
    use search::index::IndexEvent;
    let events = search::index::spawn_open(
        Source::Paths(vec![dir.to_path_buf()]),
        Some(cache.to_path_buf()),
        TopicSource::builtin(),
        Some(indexer.to_path_buf()),
    );
    let (mut steps, mut notices) = (0, Vec::new());
    for ev in events {
        match ev {
            IndexEvent::Advance => steps += 1,
            IndexEvent::Notice(m) => notices.push(m),
            IndexEvent::Start(_) => {}
            IndexEvent::Ready(r) => {
                let (_, stats) = (*r).expect("index");
                return (steps, notices, stats.added);
            }
        }
    }
    panic!("no Ready event");
}

#[test]
fn a_large_corpus_is_indexed_by_a_child_gwr_index_with_its_progress() {
    // Every corpus counts as large here; the child reads the same (empty)
    // config as this process, so both see the built-in topics.
    let config = tempfile::tempdir().unwrap();
    std::env::set_var("GWR_INDEX_CHILD_MIN", "1");
    std::env::set_var("GWR_CONFIG_DIR", config.path());
    let cache = tempfile::tempdir().unwrap();
    let dir = corpus(3);
    let gwr = Path::new(env!("CARGO_BIN_EXE_gwr"));
    let (steps, notices, added_here) = spawn_and_wait(dir.path(), cache.path(), gwr);
    // The child indexed all three (its progress came through); the open
    // in this process found the index up to date.
    assert_eq!(steps, 3, "{notices:?}");
    assert_eq!(added_here, 0, "{notices:?}");
    assert!(notices.is_empty(), "{notices:?}");
    // A child that fails leaves the work to this process, with a message.
    let cache = tempfile::tempdir().unwrap();
    let (_, notices, added_here) =
        spawn_and_wait(dir.path(), cache.path(), Path::new("/bin/false"));
    assert_eq!(added_here, 3);
    assert!(
        notices
            .iter()
            .any(|n| n.contains("separate process failed")),
        "{notices:?}"
    );
}
