//! `gwr search` and `gwr index` as a script meets them.

mod cli_support;
use cli_support::{fixture, stderr, stdout};
use std::path::Path;
use std::process::Output;

fn gwr(cache: &Path, args: &[&str]) -> Output {
    cli_support::run(
        cli_support::command()
            .args(args)
            .env("GWR_CACHE_DIR", cache),
    )
}

#[test]
fn search_rows_point_at_the_original_line() {
    let cache = tempfile::tempdir().unwrap();
    let corpus = fixture("tests/fixtures/corpus/gbk");
    let out = gwr(cache.path(), &["search", "污水", &corpus]);
    assert!(out.status.success(), "{}", stderr(&out));
    let text = stdout(&out);
    let mut lines = text.lines();
    assert_eq!(
        lines.next(),
        Some("file\tpath\tline\tsection\tscore\tsnippet")
    );
    let rows: Vec<Vec<&str>> = lines.map(|l| l.split('\t').collect()).collect();
    assert!(!rows.is_empty());
    let mut last_score = f64::MAX;
    for row in &rows {
        assert_eq!(row.len(), 6, "{row:?}");
        let score: f64 = row[4].parse().unwrap();
        assert!(score <= last_score, "best first");
        last_score = score;
        assert!(row[5].contains("污水"), "snippet shows the hit: {}", row[5]);
        // The line number is a line of the original (GB18030) file that
        // holds the hit.
        // `path` opens it from the current directory: the folder as given
        // joined with `file`.
        assert_eq!(Path::new(row[1]), Path::new(&corpus).join(row[0]));
        let bytes = std::fs::read(row[1]).unwrap();
        let (decoded, _, _) = encoding_rs::GB18030.decode(&bytes);
        let line_no: usize = row[2].parse().unwrap();
        let line = decoded.lines().nth(line_no - 1).unwrap();
        assert!(
            line.contains("污水"),
            "line {line_no} of {}: {line}",
            row[0]
        );
    }
}

#[test]
fn json_limit_and_builtin_corpus() {
    let cache = tempfile::tempdir().unwrap();
    let out = gwr(
        cache.path(),
        &["search", "科技 创新", "--limit", "3", "--format", "json"],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON");
    let rows = v.as_array().unwrap();
    assert_eq!(rows.len(), 3);
    for r in rows {
        for key in ["file", "path", "line", "section", "score", "snippet"] {
            assert!(r.get(key).is_some(), "{key} in {r}");
        }
        assert!(r["line"].as_i64().unwrap() > 0);
    }
}

#[test]
fn a_bad_query_is_explained_with_exit_code_2() {
    let cache = tempfile::tempdir().unwrap();
    let out = gwr(cache.path(), &["search", "污水 foo:bar"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(out.stdout.is_empty());
    let err = stderr(&out);
    assert!(err.contains("unknown field `foo:`"), "{err}");
    // The caret line sits under `foo:` (污水 is four columns wide).
    assert!(err.lines().any(|l| l == "       ^^^^"), "{err}");
    let out = gwr(cache.path(), &["search", "\"unclosed"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("never closed"));
    let out = gwr(cache.path(), &["search", "topic:没有这个话题"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("unknown topic"), "{}", stderr(&out));
    assert!(out.stdout.is_empty());
}

#[test]
fn index_builds_then_updates_nothing() {
    let cache = tempfile::tempdir().unwrap();
    let corpus = fixture("assets/corpus/samples");
    let first = gwr(cache.path(), &["index", &corpus]);
    assert!(first.status.success(), "{}", stderr(&first));
    let text = stdout(&first);
    let mut lines = text.lines();
    assert_eq!(
        lines.next(),
        Some("index\treports\tpassages\tadded\tchanged\tremoved\tbytes\tseconds")
    );
    let row: Vec<&str> = lines.next().unwrap().split('\t').collect();
    assert!(row[0].starts_with(&cache.path().to_string_lossy().into_owned()));
    assert_eq!(&row[1..2], &["5"]);
    assert_eq!(&row[3..6], &["5", "0", "0"]);
    assert!(row[6].parse::<u64>().unwrap() > 0);
    let again = gwr(cache.path(), &["index", &corpus]);
    let row2 = stdout(&again);
    let row2: Vec<&str> = row2.lines().nth(1).unwrap().split('\t').collect();
    assert_eq!(&row2[3..6], &["0", "0", "0"]);
}

#[test]
fn two_processes_search_the_same_corpus_at_once() {
    let cache = tempfile::tempdir().unwrap();
    let corpus = fixture("assets/corpus/samples");
    let spawn = || {
        cli_support::command()
            .args(["search", "生态", &corpus])
            .env("GWR_CACHE_DIR", cache.path())
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .expect("spawn gwr")
    };
    let (a, b) = (spawn(), spawn());
    let (a, b) = (a.wait_with_output().unwrap(), b.wait_with_output().unwrap());
    assert!(a.status.success(), "{}", stderr(&a));
    assert!(b.status.success(), "{}", stderr(&b));
    assert_eq!(stdout(&a), stdout(&b));
    assert!(stdout(&a).lines().count() > 1);
    for o in [&a, &b] {
        assert!(!stderr(o).contains("memory"), "no fallback: {}", stderr(o));
    }
}

#[test]
fn an_unusable_cache_still_answers() {
    let blocker = tempfile::NamedTempFile::new().unwrap();
    let cache = blocker.path().join("cache");
    let out = gwr(
        &cache,
        &["search", "生态", &fixture("assets/corpus/samples")],
    );
    assert!(out.status.success());
    assert!(stderr(&out).contains("in memory"), "{}", stderr(&out));
    assert!(stdout(&out).lines().count() > 1);
}

#[test]
fn missing_paths_are_an_error_with_exit_code_2() {
    let cache = tempfile::tempdir().unwrap();
    let out = gwr(cache.path(), &["search", "生态", "/no/such/folder"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("/no/such/folder"));
}

/// A directory nobody may write into for the test's duration (root too:
/// `chattr +i` where the file system has it); `None` when this machine
/// cannot make one.
struct Immutable(std::path::PathBuf);

impl Immutable {
    fn new(dir: &Path) -> Option<Immutable> {
        let made = std::process::Command::new("chattr")
            .arg("+i")
            .arg(dir)
            .stderr(std::process::Stdio::null())
            .status()
            .is_ok_and(|s| s.success());
        let guard = made.then(|| Immutable(dir.to_path_buf()));
        let probe = dir.join(".probe");
        if std::fs::write(&probe, b"x").is_ok() {
            let _ = std::fs::remove_file(&probe);
            eprintln!("note: cannot make a directory read-only here; skipping");
            return None;
        }
        guard
    }
}

impl Drop for Immutable {
    fn drop(&mut self) {
        let _ = std::process::Command::new("chattr")
            .arg("-i")
            .arg(&self.0)
            .status();
    }
}

#[test]
fn a_read_only_index_that_is_up_to_date_is_used_and_index_says_it_cannot_save() {
    let cache = tempfile::tempdir().unwrap();
    let corpus = tempfile::tempdir().unwrap();
    let samples = Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/corpus/samples");
    for name in ["000_c2261995aa5722eb.txt", "001_a1c83bb14aa6ee28.txt"] {
        std::fs::copy(samples.join(name), corpus.path().join(name)).unwrap();
    }
    let folder = corpus.path().to_string_lossy().into_owned();
    assert!(gwr(cache.path(), &["index", &folder]).status.success());
    let before = gwr(cache.path(), &["search", "生态", &folder]);
    let index_dir = std::fs::read_dir(cache.path().join("index"))
        .unwrap()
        .next()
        .unwrap()
        .unwrap()
        .path();
    let Some(_frozen) = Immutable::new(&index_dir) else {
        return;
    };
    let after = gwr(cache.path(), &["search", "生态", &folder]);
    assert!(after.status.success(), "{}", stderr(&after));
    assert_eq!(stdout(&after), stdout(&before));
    assert!(!stderr(&after).contains("memory"), "{}", stderr(&after));
    assert!(stderr(&after).contains("read-only"), "{}", stderr(&after));

    // Out of date: searching still answers (from memory), indexing fails.
    std::fs::copy(
        samples.join("002_0fa8e233480ea161.txt"),
        corpus.path().join("002.txt"),
    )
    .unwrap();
    let search = gwr(cache.path(), &["search", "生态", &folder]);
    assert!(search.status.success(), "{}", stderr(&search));
    assert!(stderr(&search).contains("in memory"), "{}", stderr(&search));
    let index = gwr(cache.path(), &["index", &folder]);
    assert!(!index.status.success());
    assert!(
        stderr(&index).contains("could not save"),
        "{}",
        stderr(&index)
    );
}
