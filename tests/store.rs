//! The store: reading state on disk, config files, key specs. Every test
//! works in its own temporary directory and passes paths explicitly (tests
//! run in parallel threads; the process environment is never changed).

use gwr::report::{find_report, ReportKey};
use gwr::store::state::{StateFile, STATE_FILE_NAME};
use gwr::store::{
    self, atomic, Bookmark, Borders, Color, Config, Diagnostic, Environment, KeySpec, Paths,
    Position, ReadingState, StoreError,
};
use proptest::prelude::*;
use std::path::{Path, PathBuf};

fn tempdir() -> tempfile::TempDir {
    tempfile::tempdir().expect("temporary directory")
}

fn pos(section: usize, offset: usize) -> Position {
    Position {
        section: Some(section),
        offset,
    }
}

fn files_in(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .map(|rd| {
            rd.filter_map(|e| e.ok())
                .map(|e| e.file_name().to_string_lossy().into_owned())
                .collect()
        })
        .unwrap_or_default();
    names.sort();
    names
}

fn aside_files(dir: &Path) -> Vec<PathBuf> {
    files_in(dir)
        .into_iter()
        .filter(|n| n.starts_with("state.json.corrupt-"))
        .map(|n| dir.join(n))
        .collect()
}

#[cfg(unix)]
fn set_mode(path: &Path, mode: u32) {
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(path, std::fs::Permissions::from_mode(mode)).expect("chmod");
}

/// A directory made unwritable for the duration of a test; undone on drop
/// (also when the test fails).
#[cfg(unix)]
struct ReadOnlyDir {
    dir: PathBuf,
    immutable: bool,
    /// Whether writing into it really fails. Permission bits do not stop
    /// root, so as root the directory is also made immutable (`chattr +i`,
    /// which binds root too) where the file system allows it.
    enforced: bool,
}

#[cfg(unix)]
impl ReadOnlyDir {
    fn new(dir: &Path) -> Self {
        set_mode(dir, 0o555);
        let mut guard = ReadOnlyDir {
            dir: dir.to_path_buf(),
            immutable: false,
            enforced: !Self::writable(dir),
        };
        if !guard.enforced {
            guard.immutable = std::process::Command::new("chattr")
                .arg("+i")
                .arg(dir)
                .stderr(std::process::Stdio::null())
                .status()
                .is_ok_and(|s| s.success());
            guard.enforced = !Self::writable(dir);
        }
        if !guard.enforced {
            eprintln!("note: cannot make a directory read-only here; skipping the assertion");
        }
        guard
    }

    fn writable(dir: &Path) -> bool {
        let probe = dir.join(".probe");
        let ok = std::fs::write(&probe, b"x").is_ok();
        let _ = std::fs::remove_file(&probe);
        ok
    }
}

#[cfg(unix)]
impl Drop for ReadOnlyDir {
    fn drop(&mut self) {
        if self.immutable {
            let _ = std::process::Command::new("chattr")
                .arg("-i")
                .arg(&self.dir)
                .status();
        }
        set_mode(&self.dir, 0o755);
    }
}

// ---------------------------------------------------------------- state

#[test]
fn state_round_trips_through_the_file() {
    let dir = tempdir();
    let path = dir.path().join("nested/state").join(STATE_FILE_NAME);
    let (mut file, mut state, diags) = StateFile::load(&path);
    assert!(diags.is_empty(), "{diags:?}");
    assert_eq!(state, ReadingState::default());

    let a = ReportKey::from_stored("2026_北京市.txt#00000000000000aa");
    let b = ReportKey::from_stored("sub/x#y.txt#00000000000000bb");
    state.set_last_report(&b);
    state.set_position(&a, pos(3, 120));
    state.set_position(&b, pos(0, 7));
    // Before the first heading, or a report without an outline.
    let c = ReportKey::from_stored("no-outline.txt#00000000000000cc");
    let preface = Position {
        section: None,
        offset: 40,
    };
    state.set_position(&c, preface);
    assert!(state.add_bookmark(Bookmark::new(&a, pos(3, 120), "稳增长")));
    assert!(!state.add_bookmark(Bookmark::new(&a, pos(3, 120), "again")));
    state.add_bookmark(Bookmark::new(&b, pos(1, 0), "label with \"quotes\"\n"));
    state.set_mark('a', &a, pos(2, 2));
    state.set_mark('中', &b, pos(4, 0));
    let saved = state.clone();
    let diags = file.save(&mut state).expect("save");
    assert!(diags.is_empty(), "{diags:?}");
    assert_eq!(state, saved, "saving alone changes nothing");

    let (_, loaded, diags) = StateFile::load(&path);
    assert!(diags.is_empty(), "{diags:?}");
    assert_eq!(loaded, saved);
    assert_eq!(loaded.position(&a), Some(pos(3, 120)));
    assert_eq!(loaded.position(&c), Some(preface));
    assert_eq!(loaded.bookmarks_for(&a).count(), 1);
    assert_eq!(loaded.mark('中').map(|m| m.position), Some(pos(4, 0)));
    // Only the state file and its lock file: no temporary files left.
    let names = files_in(path.parent().expect("parent"));
    assert_eq!(names, vec!["state.json", "state.json.lock"]);
}

#[test]
fn report_keys_are_stable_distinct_and_survive_renames() {
    let corpus = gwr::corpus::load_builtin();
    assert!(corpus.reports.len() >= 10);
    let keys: Vec<ReportKey> = corpus.reports.iter().map(ReportKey::of).collect();
    let distinct: std::collections::HashSet<&ReportKey> = keys.iter().collect();
    assert_eq!(distinct.len(), keys.len());
    // Same text → same key on every run.
    let again = gwr::corpus::load_builtin();
    assert_eq!(ReportKey::of(&again.reports[3]), keys[3]);
    for (i, key) in keys.iter().enumerate() {
        assert_eq!(find_report(key.as_str(), &keys), Some(i));
        assert_eq!(key.file(), corpus.reports[i].file);
    }

    // A key saved without its digest names the report by its file.
    assert_eq!(find_report(&corpus.reports[2].file, &keys), Some(2));

    // The user renames a file (or opens a parent folder): found by its text.
    let mut renamed = corpus.reports.clone();
    renamed[5].file = format!("moved/{}", renamed[5].file);
    let renamed_keys: Vec<ReportKey> = renamed.iter().map(ReportKey::of).collect();
    assert_eq!(find_report(keys[5].as_str(), &renamed_keys), Some(5));
    let mut state = ReadingState::default();
    state.set_position(&keys[5], pos(2, 9));
    state.set_last_report(&keys[5]);
    let new_key = ReportKey::of(&renamed[5]);
    assert_eq!(state.position(&new_key), Some(pos(2, 9)));
    assert_eq!(state.last_report_in(&renamed_keys), Some(5));
    state.set_position(&new_key, pos(3, 0));
    assert_eq!(state.positions.len(), 1, "the old name's entry is replaced");

    // Same file name, different text: not the same report.
    let mut edited = corpus.reports.clone();
    edited[5].paragraphs.truncate(1);
    assert_ne!(ReportKey::of(&edited[5]), keys[5]);
    let edited_keys: Vec<ReportKey> = edited.iter().map(ReportKey::of).collect();
    assert_eq!(find_report(keys[5].as_str(), &edited_keys), None);
    assert_eq!(state.position(&ReportKey::of(&edited[5])), None);
}

#[test]
fn corrupted_state_is_set_aside_with_a_message() {
    let dir = tempdir();
    let path = dir.path().join(STATE_FILE_NAME);
    let garbage = b"{\"version\": 1, \"bookmarks\": [ \xff truncated";
    std::fs::write(&path, garbage).expect("seed");

    let (mut file, mut state, diags) = StateFile::load(&path);
    assert_eq!(state, ReadingState::default());
    assert_eq!(diags.len(), 1, "{diags:?}");
    let message = diags[0].to_string();
    assert!(message.contains("set aside"), "{message}");
    let aside = aside_files(dir.path());
    assert_eq!(aside.len(), 1);
    assert!(message.contains(&*aside[0].to_string_lossy()), "{message}");
    assert_eq!(std::fs::read(&aside[0]).ok().as_deref(), Some(&garbage[..]));
    assert!(!path.exists());

    // The session goes on and saves normally; the damaged file stays.
    let key = ReportKey::from_stored("r#0000000000000001");
    state.add_bookmark(Bookmark::new(&key, pos(1, 1), "x"));
    file.save(&mut state).expect("save after setting aside");
    assert_eq!(StateFile::load(&path).1.bookmarks.len(), 1);
    assert_eq!(std::fs::read(&aside[0]).ok().as_deref(), Some(&garbage[..]));

    // A second corruption in the same second gets its own name.
    std::fs::write(&path, b"not json").expect("seed");
    let (_, _, diags) = StateFile::load(&path);
    assert_eq!(diags.len(), 1);
    assert_eq!(aside_files(dir.path()).len(), 2);
}

#[test]
fn a_file_damaged_while_running_is_set_aside_when_saving() {
    let dir = tempdir();
    let path = dir.path().join(STATE_FILE_NAME);
    let key = ReportKey::from_stored("r#0000000000000001");
    let (mut file, mut state, _) = StateFile::load(&path);
    state.add_bookmark(Bookmark::new(&key, pos(1, 0), "mine"));
    file.save(&mut state).expect("first save");
    // Something else scribbles over the file while gwr runs.
    std::fs::write(&path, b"\0\0\0garbage").expect("scribble");
    state.add_bookmark(Bookmark::new(&key, pos(2, 0), "mine too"));
    let diags = file.save(&mut state).expect("save sets the damage aside");
    assert_eq!(diags.len(), 1, "{diags:?}");
    assert!(diags[0].message.contains("set aside"));
    let aside = aside_files(dir.path());
    assert_eq!(aside.len(), 1);
    assert_eq!(
        std::fs::read(&aside[0]).ok().as_deref(),
        Some(&b"\0\0\0garbage"[..])
    );
    // Everything this instance holds is saved again, including what the
    // damaged file had held.
    assert_eq!(StateFile::load(&path).1.bookmarks.len(), 2);
}

#[test]
fn damaged_entries_are_skipped_and_the_original_kept() {
    let dir = tempdir();
    let path = dir.path().join(STATE_FILE_NAME);
    let original = br#"{"version":1,"bookmarks":[{"report":"r","position":{"section":1,"offset":2},"label":"ok","created":5},{"report":"r","position":{"section":"one"}}],"positions":{"r":{"section":1,"offset":1}}}"#;
    std::fs::write(&path, original).expect("seed");
    let (_, state, diags) = StateFile::load(&path);
    assert_eq!(state.bookmarks.len(), 1);
    assert_eq!(state.positions.len(), 1);
    assert_eq!(diags.len(), 1, "{diags:?}");
    assert!(diags[0].message.contains("bookmarks[1]"), "{}", diags[0]);
    let aside = aside_files(dir.path());
    assert_eq!(aside.len(), 1);
    assert_eq!(
        std::fs::read(&aside[0]).ok().as_deref(),
        Some(&original[..])
    );
    // The original file itself is untouched until the next save.
    assert_eq!(std::fs::read(&path).ok().as_deref(), Some(&original[..]));
}

#[test]
fn a_newer_format_is_never_overwritten() {
    let dir = tempdir();
    let path = dir.path().join(STATE_FILE_NAME);
    let newer = br#"{"version": 2, "bookmarks": [], "future": {"x": 1}}"#;
    std::fs::write(&path, newer).expect("seed");
    let (mut file, mut state, diags) = StateFile::load(&path);
    assert_eq!(diags.len(), 1);
    assert!(diags[0].message.contains("newer gwr"), "{}", diags[0]);
    assert!(file.blocked().is_some());
    state.set_last_report(&ReportKey::from_stored("r"));
    assert!(matches!(file.save(&mut state), Err(StoreError::Blocked(_))));
    assert_eq!(std::fs::read(&path).ok().as_deref(), Some(&newer[..]));
}

#[test]
fn a_state_path_that_is_a_directory_is_left_alone() {
    let dir = tempdir();
    let path = dir.path().join(STATE_FILE_NAME);
    std::fs::create_dir(&path).expect("mkdir");
    std::fs::write(path.join("keep"), b"mine").expect("seed");
    let (mut file, mut state, diags) = StateFile::load(&path);
    assert_eq!(diags.len(), 1, "{diags:?}");
    state.set_last_report(&ReportKey::from_stored("r"));
    assert!(matches!(file.save(&mut state), Err(StoreError::Blocked(_))));
    assert_eq!(
        std::fs::read(path.join("keep")).ok().as_deref(),
        Some(&b"mine"[..])
    );
}

#[cfg(unix)]
#[test]
fn an_unreadable_state_file_is_left_alone() {
    let dir = tempdir();
    let path = dir.path().join(STATE_FILE_NAME);
    std::fs::write(&path, b"{\"version\":1}").expect("seed");
    set_mode(&path, 0o000);
    let readable = std::fs::read(&path).is_ok();
    let (mut file, mut state, diags) = StateFile::load(&path);
    set_mode(&path, 0o600);
    if readable {
        eprintln!("note: running as root; skipping the unreadable-file assertions");
        return;
    }
    assert_eq!(diags.len(), 1, "{diags:?}");
    assert!(diags[0].message.contains("cannot read"), "{}", diags[0]);
    assert!(matches!(file.save(&mut state), Err(StoreError::Blocked(_))));
    assert_eq!(
        std::fs::read(&path).ok().as_deref(),
        Some(&b"{\"version\":1}"[..])
    );
}

#[cfg(unix)]
#[test]
fn atomic_write_keeps_the_old_file_in_a_read_only_directory() {
    let dir = tempdir();
    let ro = dir.path().join("ro");
    std::fs::create_dir(&ro).expect("mkdir");
    let target = ro.join("f.json");
    atomic::write(&target, b"old contents").expect("first write");
    let guard = ReadOnlyDir::new(&ro);
    let result = atomic::write(&target, b"new contents");
    if guard.enforced {
        assert!(
            result.is_err(),
            "writing into a read-only directory must fail"
        );
        assert_eq!(
            std::fs::read(&target).ok().as_deref(),
            Some(&b"old contents"[..])
        );
        assert_eq!(
            files_in(&ro),
            vec!["f.json"],
            "no temporary file left behind"
        );
    }
}

#[cfg(unix)]
#[test]
fn a_failed_save_loses_nothing_and_a_later_save_succeeds() {
    let dir = tempdir();
    let state_dir = dir.path().join("state");
    std::fs::create_dir(&state_dir).expect("mkdir");
    let path = state_dir.join(STATE_FILE_NAME);
    let key = ReportKey::from_stored("r#0000000000000001");

    let (mut file, mut state, _) = StateFile::load(&path);
    state.add_bookmark(Bookmark::new(&key, pos(1, 0), "first"));
    file.save(&mut state).expect("first save");
    let before = std::fs::read(&path).expect("saved");

    state.add_bookmark(Bookmark::new(&key, pos(2, 0), "second"));
    let guard = ReadOnlyDir::new(&state_dir);
    let result = file.save(&mut state);
    let enforced = guard.enforced;
    drop(guard);
    if enforced {
        match result {
            Err(StoreError::Write { .. }) => {}
            other => panic!("expected a write error, got {other:?}"),
        }
        assert_eq!(std::fs::read(&path).ok(), Some(before));
        assert_eq!(
            state.bookmarks.len(),
            2,
            "the unsaved bookmark is still in memory"
        );
    }
    file.save(&mut state).expect("save once writable again");
    assert_eq!(StateFile::load(&path).1.bookmarks.len(), 2);
}

#[test]
fn concurrent_threads_lose_no_bookmarks() {
    let dir = tempdir();
    let path = dir.path().join(STATE_FILE_NAME);
    const THREADS: usize = 4;
    const EACH: usize = 25;
    std::thread::scope(|scope| {
        for t in 0..THREADS {
            let path = path.clone();
            scope.spawn(move || {
                let key = ReportKey::from_stored(&format!("report-{t}#000000000000000{t}"));
                let (mut file, mut state, _) = StateFile::load(&path);
                for i in 0..EACH {
                    state.add_bookmark(Bookmark::new(&key, pos(i, t), format!("{t}-{i}")));
                    state.set_position(&key, pos(i, 0));
                    file.save(&mut state).expect("concurrent save");
                }
            });
        }
    });
    let (_, state, diags) = StateFile::load(&path);
    assert!(diags.is_empty(), "{diags:?}");
    assert_eq!(state.bookmarks.len(), THREADS * EACH);
    assert_eq!(state.positions.len(), THREADS);
    assert!(aside_files(dir.path()).is_empty());
}

/// Environment variables that turn the next test into a writer process for
/// `concurrent_processes_lose_no_bookmarks`.
const CHILD_DIR_VAR: &str = "GWR_STORE_TEST_CHILD_DIR";
const CHILD_ID_VAR: &str = "GWR_STORE_TEST_CHILD_ID";
const CHILD_BOOKMARKS: usize = 20;

/// Not a test on its own: the body of each child process spawned by
/// `concurrent_processes_lose_no_bookmarks` (it does nothing otherwise).
#[test]
fn child_process_saver() {
    let (Some(dir), Some(id)) = (
        std::env::var_os(CHILD_DIR_VAR),
        std::env::var_os(CHILD_ID_VAR),
    ) else {
        return;
    };
    let id = id.to_string_lossy().into_owned();
    let path = PathBuf::from(dir).join(STATE_FILE_NAME);
    let key = ReportKey::from_stored(&format!("proc-{id}"));
    let (mut file, mut state, _) = StateFile::load(&path);
    for i in 0..CHILD_BOOKMARKS {
        state.add_bookmark(Bookmark::new(&key, pos(i, 0), format!("{id}-{i}")));
        state.set_mark(
            char::from_u32(0x4e00 + i as u32).unwrap_or('x'),
            &key,
            pos(i, 1),
        );
        file.save(&mut state).expect("child save");
    }
}

#[test]
fn concurrent_processes_lose_no_bookmarks() {
    let dir = tempdir();
    let exe = std::env::current_exe().expect("test binary");
    const PROCESSES: usize = 3;
    let children: Vec<_> = (0..PROCESSES)
        .map(|id| {
            std::process::Command::new(&exe)
                .args([
                    "child_process_saver",
                    "--exact",
                    "--test-threads=1",
                    "--quiet",
                ])
                .env(CHILD_DIR_VAR, dir.path())
                .env(CHILD_ID_VAR, id.to_string())
                .stdout(std::process::Stdio::null())
                .spawn()
                .expect("spawn child")
        })
        .collect();
    for mut child in children {
        assert!(child.wait().expect("wait").success(), "a child failed");
    }
    let (_, state, diags) = StateFile::load(&dir.path().join(STATE_FILE_NAME));
    assert!(diags.is_empty(), "{diags:?}");
    assert_eq!(state.bookmarks.len(), PROCESSES * CHILD_BOOKMARKS);
    // Marks with the same names: one per name survives, a whole one.
    assert_eq!(state.marks.len(), CHILD_BOOKMARKS);
}

#[test]
fn deletions_and_additions_from_two_instances_both_apply() {
    let dir = tempdir();
    let path = dir.path().join(STATE_FILE_NAME);
    let key = ReportKey::from_stored("r#0000000000000001");
    let (mut seed_file, mut seed, _) = StateFile::load(&path);
    seed.add_bookmark(Bookmark::new(&key, pos(1, 0), "keep"));
    seed.add_bookmark(Bookmark::new(&key, pos(2, 0), "delete me"));
    seed_file.save(&mut seed).expect("seed");

    let (mut file_a, mut a, _) = StateFile::load(&path);
    let (mut file_b, mut b, _) = StateFile::load(&path);
    let doomed = a.bookmarks[1].clone();
    assert!(a.remove_bookmark(&doomed));
    a.set_last_report(&key);
    file_a.save(&mut a).expect("a");
    b.add_bookmark(Bookmark::new(&key, pos(3, 0), "b's new one"));
    file_b.save(&mut b).expect("b");
    let labels: Vec<String> = b.bookmarks.iter().map(|x| x.label.clone()).collect();
    assert_eq!(labels, vec!["keep", "b's new one"]);
    assert_eq!(
        b.last_report.as_deref(),
        Some(key.as_str()),
        "b did not touch it"
    );
    assert_eq!(StateFile::load(&path).1, b);
}

#[test]
fn open_restores_state_from_the_directories_in_the_environment() {
    let dir = tempdir();
    let env = Environment::rooted_at(dir.path());
    let mut start = store::open(&env);
    assert!(start.messages.is_empty(), "{:?}", start.messages);
    let key = ReportKey::from_stored("r#0000000000000001");
    start.state.set_last_report(&key);
    start.state.set_position(&key, pos(4, 2));
    start
        .state_file
        .as_mut()
        .expect("a state file")
        .save(&mut start.state)
        .expect("save");
    let again = store::open(&env);
    assert_eq!(again.state.last_report.as_deref(), Some(key.as_str()));
    assert_eq!(again.state.position(&key), Some(pos(4, 2)));
    assert!(dir.path().join("state").join(STATE_FILE_NAME).exists());

    // No home and no overrides: defaults, a message, nothing saved.
    let nowhere = store::open(&Environment::default());
    assert!(nowhere.paths.is_none() && nowhere.state_file.is_none());
    assert_eq!(nowhere.messages.len(), 1);
}

// ---------------------------------------------------------------- config

fn write_config(dir: &Path, text: &str) -> (Paths, Environment) {
    let env = Environment::rooted_at(dir);
    let paths = Paths::new(&env).expect("paths");
    std::fs::write(&paths.config_file, text).expect("write config");
    (paths, env)
}

#[test]
fn a_missing_config_gives_the_defaults_silently() {
    let dir = tempdir();
    let env = Environment::rooted_at(dir.path());
    // In the config directory, absent is normal.
    let paths = Paths::new(&env).expect("paths");
    assert!(!paths.config_file.exists());
    let (config, diags) = Config::load(&paths, &env);
    assert!(diags.is_empty(), "{diags:?}");
    assert_eq!(config, Config::default());

    // Named by GWR_CONFIG but absent: worth saying.
    let named_env = Environment {
        config_file: Some(dir.path().join("absent.toml")),
        ..env.clone()
    };
    let named = Paths::new(&named_env).expect("paths");
    let (config, diags) = Config::load(&named, &named_env);
    assert_eq!(diags.len(), 1);
    assert!(diags[0].to_string().contains("absent.toml"));
    assert_eq!(config, Config::default());
}

#[test]
fn config_overrides_only_what_it_names() {
    let dir = tempdir();
    let (paths, env) = write_config(
        dir.path(),
        "mouse = true\ncorpus = \"reports\"\n\n[themes.default]\nheading1 = \"bold red\"\n\n[keys]\nquit = [\"x\", \"ctrl-c\"]\n",
    );
    let (config, diags) = Config::load(&paths, &env);
    assert!(diags.is_empty(), "{diags:?}");
    let defaults = Config::default();
    assert!(config.mouse);
    assert_eq!(config.corpus, Some(dir.path().join("reports")));
    assert_eq!(config.theme.heading1.fg, Some(Color::Red));
    assert!(config.theme.heading1.bold);
    // Everything not named keeps its default.
    assert_eq!(config.borders, defaults.borders);
    assert_eq!(config.theme.name, defaults.theme.name);
    assert_eq!(config.theme.heading2, defaults.theme.heading2);
    assert_eq!(config.theme.selection, defaults.theme.selection);
    assert_eq!(config.no_color, defaults.no_color);
    assert_eq!(config.keys.len(), 1);
    assert_eq!(
        config.keys.get("quit"),
        Some(&vec![
            KeySpec::char('x'),
            KeySpec::parse("ctrl-c").expect("spec")
        ])
    );
}

fn line_and_key(d: &Diagnostic) -> (Option<usize>, Option<&str>) {
    (d.line, d.key.as_deref())
}

#[test]
fn config_errors_name_line_and_key_and_defaults_are_used() {
    let dir = tempdir();
    let text = "\
# my settings
mouse = \"yes\"
borders = \"ascii\"
colour = \"red\"
theme = \"nosuch\"
no_color = 1

[keys]
quit = \"ctrl-\"
down = [\"j\", 5]
up = \"k\"

[themes.default]
heading1 = \"bold purple\"
heding2 = \"bold\"
heading3 = \"italic\"
";
    let (paths, env) = write_config(dir.path(), text);
    let (config, diags) = Config::load(&paths, &env);
    let found: Vec<(Option<usize>, Option<&str>)> = diags.iter().map(line_and_key).collect();
    let expected = [
        (Some(2), Some("mouse")),
        (Some(4), Some("colour")),
        (Some(6), Some("no_color")),
        (Some(9), Some("keys.quit")),
        (Some(10), Some("keys.down")),
        (Some(14), Some("themes.default.heading1")),
        (Some(15), Some("themes.default.heding2")),
        (Some(5), Some("theme")),
    ];
    for e in expected {
        assert!(found.contains(&e), "missing {e:?} in {diags:#?}");
    }
    assert_eq!(diags.len(), expected.len(), "{diags:#?}");
    for d in &diags {
        let shown = d.to_string();
        assert!(
            shown.starts_with(&*paths.config_file.to_string_lossy()),
            "{shown}"
        );
    }
    assert!(diags
        .iter()
        .any(|d| d.message.contains("\"ctrl-\"") && d.key.as_deref() == Some("keys.quit")));

    // Bad values fall back to the defaults; good ones still apply.
    let defaults = Config::default();
    assert_eq!(config.mouse, defaults.mouse);
    assert_eq!(config.no_color, defaults.no_color);
    assert_eq!(config.theme.name, "default");
    assert_eq!(config.theme.heading1, defaults.theme.heading1);
    assert!(config.theme.heading3.italic && config.theme.heading3.fg.is_none());
    assert_eq!(config.borders, Borders::Ascii);
    assert!(!config.keys.contains_key("quit") && !config.keys.contains_key("down"));
    assert_eq!(config.keys.get("up"), Some(&vec![KeySpec::char('k')]));
}

#[test]
fn a_syntax_error_is_reported_by_line_and_the_whole_file_ignored() {
    let dir = tempdir();
    let (paths, env) = write_config(dir.path(), "mouse = true\n\nborders = ascii\n");
    let (config, diags) = Config::load(&paths, &env);
    assert!(!diags.is_empty());
    assert!(diags.iter().all(|d| d.line == Some(3)), "{diags:#?}");
    assert!(diags[0].message.contains("syntax error"));
    assert_eq!(config, Config::default());
}

#[test]
fn no_color_removes_colours_but_keeps_modifiers() {
    let dir = tempdir();
    let (paths, mut env) = write_config(dir.path(), "");
    let (coloured, _) = Config::load(&paths, &env);
    assert!(!coloured.no_color);
    assert!(coloured.theme.heading1.fg.is_some());

    env.no_color = true;
    let (plain, diags) = Config::load(&paths, &env);
    assert!(diags.is_empty());
    assert!(plain.no_color);
    for role in gwr::store::Theme::ROLES {
        let style = plain.theme.role(role).expect("role");
        assert!(style.fg.is_none() && style.bg.is_none(), "{role}: {style}");
    }
    assert!(plain.theme.heading1.bold && plain.theme.selection.reversed);

    // The config can ask for the same.
    env.no_color = false;
    std::fs::write(&paths.config_file, "no_color = true\n").expect("rewrite");
    let (by_config, _) = Config::load(&paths, &env);
    assert!(by_config.no_color && by_config.theme.heading1.fg.is_none());
}

#[test]
fn bad_key_specs_are_rejected_naming_the_key() {
    for bad in ["ctrl-", "jj", "hyper-q", "f99", "", "ctrl-ctrl-x"] {
        let err = KeySpec::parse(bad).expect_err(bad);
        assert!(err.to_string().contains(&format!("{bad:?}")), "{err}");
    }
    let dir = tempdir();
    let (paths, env) = write_config(dir.path(), "[keys]\nhelp = \"F1\"\nnext_section = \"]]\"\n");
    let (config, diags) = Config::load(&paths, &env);
    assert_eq!(diags.len(), 1, "{diags:?}");
    assert_eq!(
        line_and_key(&diags[0]),
        (Some(3), Some("keys.next_section"))
    );
    assert!(diags[0].message.contains("\"]]\""));
    assert!(config.keys.contains_key("help"));
    assert!(!config.keys.contains_key("next_section"));
}

#[test]
fn unreadable_config_files_fall_back_to_defaults() {
    let dir = tempdir();
    let env = Environment::rooted_at(dir.path());
    let paths = Paths::new(&env).expect("paths");
    std::fs::create_dir(&paths.config_file).expect("a directory where the file should be");
    let (config, diags) = Config::load(&paths, &env);
    assert_eq!(diags.len(), 1);
    assert_eq!(config, Config::default());

    let other = dir.path().join("latin1.toml");
    std::fs::write(&other, b"theme = \"caf\xe9\"\n").expect("write");
    let paths = Paths {
        config_file: other,
        ..paths
    };
    let (config, diags) = Config::load(&paths, &env);
    assert_eq!(diags.len(), 1);
    assert!(diags[0].message.contains("UTF-8"));
    assert_eq!(config, Config::default());
}

// ---------------------------------------------------------------- properties

/// A valid state file to mutate, so the fuzzing reaches past the first byte.
fn sample_state_json() -> Vec<u8> {
    let mut s = ReadingState::default();
    let key = ReportKey::from_stored("2026_北京市.txt#0123456789abcdef");
    s.set_last_report(&key);
    s.set_position(&key, pos(1, 2));
    s.add_bookmark(Bookmark::new(&key, pos(3, 4), "标签"));
    s.set_mark('a', &key, pos(5, 6));
    s.to_json().expect("serialises")
}

fn state_bytes() -> impl Strategy<Value = Vec<u8>> {
    let sample = sample_state_json();
    prop_oneof![
        prop::collection::vec(any::<u8>(), 0..300),
        (
            any::<prop::sample::Index>(),
            prop::collection::vec(any::<u8>(), 0..8)
        )
            .prop_map(move |(at, insert)| {
                let mut bytes = sample.clone();
                let i = at.index(bytes.len() + 1);
                bytes.splice(i..i, insert);
                bytes
            }),
        "[{}\\[\\]\":,0-9a-z \\-]{0,200}".prop_map(String::into_bytes),
    ]
}

fn config_bytes() -> impl Strategy<Value = Vec<u8>> {
    let sample = store::config::DEFAULT_CONFIG.as_bytes().to_vec();
    prop_oneof![
        prop::collection::vec(any::<u8>(), 0..300),
        (any::<prop::sample::Index>(), prop::collection::vec(any::<u8>(), 0..8)).prop_map(
            move |(at, insert)| {
                let mut bytes = sample.clone();
                let i = at.index(bytes.len() + 1);
                bytes.splice(i..i, insert);
                bytes
            }
        ),
        "([a-z_.]{1,12} = (\"[a-z \\-#0-9]{0,12}\"|[0-9]{1,3}|true|\\[\"[a-z\\-]{0,6}\"\\])\n|\\[[a-z.]{1,14}\\]\n){0,12}"
            .prop_map(String::into_bytes),
    ]
}

thread_local! {
    /// One directory for all cases of the state-file property (emptied
    /// before each), instead of one per case.
    static STATE_FUZZ_DIR: tempfile::TempDir = tempdir();
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 10_000, ..ProptestConfig::default() })]

    /// Any bytes as the state file: no panic, and nothing lost — the bytes
    /// are still in state.json or in the file they were set aside to.
    #[test]
    fn any_state_file_loads_without_panic_or_loss(bytes in state_bytes()) {
        let dir = STATE_FUZZ_DIR.with(|d| d.path().to_path_buf());
        for name in files_in(&dir) {
            let _ = std::fs::remove_file(dir.join(name));
        }
        let path = dir.join(STATE_FILE_NAME);
        std::fs::write(&path, &bytes).expect("seed");
        let (file, _state, diags) = StateFile::load(&path);
        for d in &diags {
            let _ = d.to_string();
        }
        let kept_in_place = std::fs::read(&path).ok().as_deref() == Some(&bytes[..]);
        let kept_aside = aside_files(&dir)
            .iter()
            .any(|p| std::fs::read(p).ok().as_deref() == Some(&bytes[..]));
        prop_assert!(kept_in_place || kept_aside);
        prop_assert!(file.blocked().is_none() || kept_in_place);
        let _ = ReadingState::from_json(&bytes);
    }

    /// Any bytes as the config file: no panic, and every message points at
    /// a line of the file.
    #[test]
    fn any_config_file_loads_without_panic(bytes in config_bytes()) {
        let file = Path::new("config.toml");
        let (config, diags) = Config::from_toml_bytes(&bytes, file, &Environment::default());
        let lines = 1 + bytes.iter().filter(|&&b| b == b'\n').count();
        for d in &diags {
            let _ = d.to_string();
            if let Some(line) = d.line {
                prop_assert!((1..=lines).contains(&line), "line {} of {}", line, lines);
            }
        }
        // A theme is always resolved: the selected one or the default.
        prop_assert!(["default", "light"].contains(&config.theme.name.as_str())
            || config.theme.name.chars().all(|c| c.is_ascii_lowercase() || c == '_'));
    }

    #[test]
    fn any_key_spec_parses_or_is_rejected_and_round_trips(spec in "\\PC{0,12}|(ctrl|alt|shift|C|M)[-+][a-z]{1,8}") {
        if let Ok(k) = KeySpec::parse(&spec) {
            prop_assert_eq!(KeySpec::parse(&k.to_string()).ok(), Some(k));
        }
    }
}
