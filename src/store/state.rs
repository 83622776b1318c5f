//! The reading state: the last report, the position in every report,
//! bookmarks and marks, saved as JSON in the state directory.
//!
//! Safety rules, because this is the user's own work:
//! - the file is replaced atomically ([`super::atomic`]); a failed save
//!   leaves the previous file whole;
//! - a file that cannot be parsed is renamed aside
//!   (`state.json.corrupt-20260305T140212Z`), never deleted; one with some
//!   unreadable entries is copied aside before they are dropped;
//! - a file that can be neither read nor set aside, or that a newer gwr
//!   wrote, is never overwritten: saving is refused with a message;
//! - saving re-reads the file under a lock and merges (three-way, against
//!   what this instance loaded), so two gwr instances never drop each
//!   other's bookmarks, marks or positions.
//!
//! Reports are named by [`ReportKey`] (see `report::key`).

use super::{atomic, file_stamp, now_unix, Diagnostic, StoreError};
use crate::report::key::same_report;
use crate::report::{find_report, ReportKey};
use serde::{Deserialize, Serialize};
use serde_json::Value;
use std::collections::{BTreeMap, HashSet};
use std::fs::{File, TryLockError};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

/// The state file's name inside the state directory.
pub const STATE_FILE_NAME: &str = "state.json";
/// The format version this gwr writes; a higher one is never overwritten.
pub const STATE_VERSION: u64 = 1;
/// A state file larger than this is not ours.
const MAX_STATE_BYTES: u64 = 64 << 20;

/// A place in a report: a section and a character offset, so the same
/// sentence comes back into view whatever the terminal width.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Position {
    /// Index into [`Report::sections`]; `None` counts from the start of the
    /// report (text before the first heading, or a report without an
    /// outline).
    pub section: Option<usize>,
    /// Character (not byte) offset from the start of the section (the
    /// reader decides how paragraphs are counted; the store only keeps it).
    pub offset: usize,
}

/// A saved place with a label.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Bookmark {
    /// The report's key ([`ReportKey`]).
    pub report: String,
    pub position: Position,
    /// What the user typed, or a snippet of the text.
    #[serde(default)]
    pub label: String,
    /// Unix time of creation (see [`super::format_utc`]).
    #[serde(default)]
    pub created: u64,
}

impl Bookmark {
    /// A bookmark created now.
    pub fn new(report: &ReportKey, position: Position, label: impl Into<String>) -> Self {
        Bookmark {
            report: report.as_str().to_string(),
            position,
            label: label.into(),
            created: now_unix(),
        }
    }
}

/// A vim-style mark: a named place in any report.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Mark {
    /// The report's key ([`ReportKey`]).
    pub report: String,
    pub position: Position,
}

/// Everything remembered between runs. Plain data: change it freely, then
/// [`StateFile::save`] it.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct ReadingState {
    /// Key of the report open at the last save.
    pub last_report: Option<String>,
    /// Report key → where the reader was.
    pub positions: BTreeMap<String, Position>,
    pub bookmarks: Vec<Bookmark>,
    pub marks: BTreeMap<char, Mark>,
}

/// The on-disk shape: the state plus the format version.
#[derive(Serialize)]
struct OnDisk<'a> {
    version: u64,
    #[serde(flatten)]
    state: &'a ReadingState,
}

impl ReadingState {
    /// Where the reader was in this report.
    pub fn position(&self, key: &ReportKey) -> Option<Position> {
        self.positions.get(key.as_str()).copied().or_else(|| {
            self.positions
                .iter()
                .find(|(k, _)| key.matches(k))
                .map(|(_, p)| *p)
        })
    }

    /// Remember where the reader is; entries for the same text under an old
    /// name are replaced.
    pub fn set_position(&mut self, key: &ReportKey, at: Position) {
        self.positions
            .retain(|k, _| k == key.as_str() || !key.matches(k));
        self.positions.insert(key.as_str().to_string(), at);
    }

    pub fn set_last_report(&mut self, key: &ReportKey) {
        self.last_report = Some(key.as_str().to_string());
    }

    /// The index of the last report among the loaded reports with these
    /// keys.
    pub fn last_report_in<'a, I>(&self, keys: I) -> Option<usize>
    where
        I: IntoIterator<Item = &'a ReportKey>,
        I::IntoIter: Clone,
    {
        find_report(self.last_report.as_deref()?, keys)
    }

    /// Add a bookmark unless one already marks the same place; returns
    /// whether it was added.
    pub fn add_bookmark(&mut self, bookmark: Bookmark) -> bool {
        let duplicate = self
            .bookmarks
            .iter()
            .any(|b| b.position == bookmark.position && same_report(&b.report, &bookmark.report));
        if !duplicate {
            self.bookmarks.push(bookmark);
        }
        !duplicate
    }

    /// Remove a bookmark; returns whether it was there.
    pub fn remove_bookmark(&mut self, bookmark: &Bookmark) -> bool {
        let before = self.bookmarks.len();
        self.bookmarks.retain(|b| b != bookmark);
        self.bookmarks.len() != before
    }

    /// The bookmarks of one report, in the order they were made.
    pub fn bookmarks_for<'a>(
        &'a self,
        key: &'a ReportKey,
    ) -> impl Iterator<Item = &'a Bookmark> + 'a {
        self.bookmarks
            .iter()
            .filter(move |b| key.matches(&b.report))
    }

    pub fn set_mark(&mut self, name: char, key: &ReportKey, at: Position) {
        self.marks.insert(
            name,
            Mark {
                report: key.as_str().to_string(),
                position: at,
            },
        );
    }

    pub fn mark(&self, name: char) -> Option<&Mark> {
        self.marks.get(&name)
    }

    /// The JSON written to disk.
    pub fn to_json(&self) -> Result<Vec<u8>, serde_json::Error> {
        let doc = OnDisk {
            version: STATE_VERSION,
            state: self,
        };
        let mut out = serde_json::to_vec_pretty(&doc)?;
        out.push(b'\n');
        Ok(out)
    }

    /// Parse a state file's bytes, keeping every entry that can be read.
    /// `Err` when the file as a whole is not a state file.
    pub fn from_json(bytes: &[u8]) -> Result<ParsedState, String> {
        let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
        let value: Value =
            serde_json::from_slice(bytes).map_err(|e| format!("not valid JSON ({e})"))?;
        let Value::Object(mut obj) = value else {
            return Err("not a JSON object".into());
        };
        let version = match obj.remove("version") {
            None => STATE_VERSION,
            Some(v) => v
                .as_u64()
                .filter(|&v| v > 0)
                .ok_or_else(|| format!("version is {}, not a positive whole number", kind(&v)))?,
        };
        let mut parsed = ParsedState {
            state: ReadingState::default(),
            version,
            skipped: Vec::new(),
        };
        let skipped = &mut parsed.skipped;
        let state = &mut parsed.state;
        match obj.remove("last_report") {
            None | Some(Value::Null) => {}
            Some(Value::String(s)) => state.last_report = Some(s),
            Some(other) => skipped.push(format!(
                "last_report: expected a string, found {}",
                kind(&other)
            )),
        }
        match obj.remove("positions") {
            None => {}
            Some(Value::Object(map)) => {
                for (key, v) in map {
                    match serde_json::from_value::<Position>(v) {
                        Ok(p) => {
                            state.positions.insert(key, p);
                        }
                        Err(e) => skipped.push(format!("positions.{}: {e}", short(&key))),
                    }
                }
            }
            Some(other) => skipped.push(format!(
                "positions: expected an object, found {}",
                kind(&other)
            )),
        }
        match obj.remove("bookmarks") {
            None => {}
            Some(Value::Array(items)) => {
                for (i, v) in items.into_iter().enumerate() {
                    match serde_json::from_value::<Bookmark>(v) {
                        Ok(b) => state.bookmarks.push(b),
                        Err(e) => skipped.push(format!("bookmarks[{i}]: {e}")),
                    }
                }
            }
            Some(other) => skipped.push(format!(
                "bookmarks: expected a list, found {}",
                kind(&other)
            )),
        }
        match obj.remove("marks") {
            None => {}
            Some(Value::Object(map)) => {
                for (key, v) in map {
                    let mut chars = key.chars();
                    let name = match (chars.next(), chars.next()) {
                        (Some(c), None) => c,
                        _ => {
                            skipped.push(format!(
                                "marks.{}: a mark is named by one character",
                                short(&key)
                            ));
                            continue;
                        }
                    };
                    match serde_json::from_value::<Mark>(v) {
                        Ok(m) => {
                            state.marks.insert(name, m);
                        }
                        Err(e) => skipped.push(format!("marks.{}: {e}", short(&key))),
                    }
                }
            }
            Some(other) => {
                skipped.push(format!("marks: expected an object, found {}", kind(&other)))
            }
        }
        for key in obj.keys() {
            skipped.push(format!("{}: unknown field", short(key)));
        }
        Ok(parsed)
    }
}

/// What [`ReadingState::from_json`] could read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParsedState {
    pub state: ReadingState,
    pub version: u64,
    /// One line per entry that could not be read (and would be lost by
    /// saving without setting the file aside).
    pub skipped: Vec<String>,
}

fn kind(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "true/false",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "a list",
        Value::Object(_) => "an object",
    }
}

/// A key from the file, cut short for a message (a damaged file can hold
/// megabytes in one key).
fn short(key: &str) -> String {
    const MAX_CHARS: usize = 40;
    match key.char_indices().nth(MAX_CHARS) {
        Some((cut, _)) => format!("{}…", &key[..cut]),
        None => key.to_string(),
    }
}

/// The state file on disk and what this instance last read from or wrote
/// to it (the base of the three-way merge on save).
#[derive(Debug)]
pub struct StateFile {
    path: PathBuf,
    base: ReadingState,
    /// Why saving must not happen (the file could not be kept safe).
    blocked: Option<String>,
}

/// What reading the file found.
enum OnDiskState {
    Missing,
    Parsed(ParsedState),
    /// Not a state file at all: set it aside.
    Corrupt(String),
    /// Exists but cannot be read: leave it alone and do not overwrite.
    Unreadable(String),
}

impl StateFile {
    /// Read the state at `path`. Never fails: a missing file gives the
    /// default state; every problem gives a message (and the file is set
    /// aside or protected as the module docs describe).
    pub fn load(path: &Path) -> (StateFile, ReadingState, Vec<Diagnostic>) {
        let mut file = StateFile {
            path: path.to_path_buf(),
            base: ReadingState::default(),
            blocked: None,
        };
        let mut diags = Vec::new();
        let _lock = lock(path);
        let state = match file.take_disk_state(&mut diags) {
            Ok(state) => state.unwrap_or_default(),
            Err(reason) => {
                diags.push(Diagnostic::about_file(
                    path,
                    format!(
                        "{reason}; reading positions and bookmarks will not be saved this session"
                    ),
                ));
                file.blocked = Some(reason);
                ReadingState::default()
            }
        };
        file.base = state.clone();
        (file, state, diags)
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Why saving is refused, if it is.
    pub fn blocked(&self) -> Option<&str> {
        self.blocked.as_deref()
    }

    /// Save `state`, merged with whatever other instances saved since this
    /// one loaded or saved: their additions are kept, this instance's
    /// changes and deletions win. `state` becomes the merged result.
    /// Returns messages about the file found on disk (set aside, …).
    pub fn save(&mut self, state: &mut ReadingState) -> Result<Vec<Diagnostic>, StoreError> {
        if let Some(reason) = &self.blocked {
            return Err(StoreError::Blocked(reason.clone()));
        }
        let write_err = |path: &Path, source| StoreError::Write {
            path: path.to_path_buf(),
            source,
        };
        if let Some(dir) = self.path.parent().filter(|d| !d.as_os_str().is_empty()) {
            std::fs::create_dir_all(dir).map_err(|e| write_err(dir, e))?;
        }
        let _lock = lock(&self.path);
        let mut diags = Vec::new();
        let theirs = match self.take_disk_state(&mut diags) {
            Ok(Some(theirs)) => theirs,
            // Nothing usable on disk (deleted, or damaged and set aside):
            // no one else's changes to merge, and everything this instance
            // holds is written again.
            Ok(None) => self.base.clone(),
            Err(reason) => {
                self.blocked = Some(reason.clone());
                return Err(StoreError::Blocked(reason));
            }
        };
        let merged = merge(&self.base, state, &theirs);
        let json = merged
            .to_json()
            .map_err(|e| write_err(&self.path, std::io::Error::other(e)))?;
        atomic::write(&self.path, &json).map_err(|e| write_err(&self.path, e))?;
        *state = merged.clone();
        self.base = merged;
        Ok(diags)
    }

    /// The state on disk now, with anything unreadable set aside first;
    /// `None` when there is none. `Err` when the file must not be
    /// overwritten.
    fn take_disk_state(&self, diags: &mut Vec<Diagnostic>) -> Result<Option<ReadingState>, String> {
        let path = &self.path;
        match read_disk(path) {
            OnDiskState::Missing => Ok(None),
            OnDiskState::Unreadable(e) => Err(format!("cannot read the reading state ({e})")),
            OnDiskState::Corrupt(reason) => {
                let aside = aside_path(path);
                std::fs::rename(path, &aside).map_err(|e| {
                    format!(
                        "the reading state is damaged ({reason}) and could not be set aside ({e})"
                    )
                })?;
                diags.push(Diagnostic::about_file(
                    path,
                    format!(
                        "the reading state is damaged ({reason}); it was set aside as {} and gwr \
                         starts with an empty reading state",
                        crate::text::sanitize::visible(&aside.to_string_lossy())
                    ),
                ));
                Ok(None)
            }
            OnDiskState::Parsed(parsed) => {
                if parsed.version > STATE_VERSION {
                    return Err(format!(
                        "the reading state was written by a newer gwr (format {}, this gwr \
                         knows {STATE_VERSION})",
                        parsed.version
                    ));
                }
                if let Some(first) = parsed.skipped.first() {
                    let aside = aside_path(path);
                    std::fs::copy(path, &aside).map_err(|e| {
                        format!(
                            "{} entries of the reading state are damaged and the file could not \
                             be copied aside ({e})",
                            parsed.skipped.len()
                        )
                    })?;
                    diags.push(Diagnostic::about_file(
                        path,
                        format!(
                            "skipped {} damaged entries of the reading state (first: {}); the \
                             file as it was is kept as {}",
                            parsed.skipped.len(),
                            first,
                            crate::text::sanitize::visible(&aside.to_string_lossy())
                        ),
                    ));
                }
                Ok(Some(parsed.state))
            }
        }
    }
}

fn read_disk(path: &Path) -> OnDiskState {
    use super::bounded::{read_regular, ReadError};
    match read_regular(path, MAX_STATE_BYTES) {
        Ok(bytes) => match ReadingState::from_json(&bytes) {
            Ok(parsed) => OnDiskState::Parsed(parsed),
            Err(reason) => OnDiskState::Corrupt(reason),
        },
        Err(ReadError::Missing) => OnDiskState::Missing,
        Err(e @ ReadError::TooLarge(_)) => OnDiskState::Corrupt(e.to_string()),
        // A directory, FIFO or device is nothing gwr wrote: never read,
        // moved or replaced.
        Err(e) => OnDiskState::Unreadable(e.to_string()),
    }
}

/// A free name next to `path` for setting it aside.
fn aside_path(path: &Path) -> PathBuf {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| STATE_FILE_NAME.to_string());
    let stem = format!("{name}.corrupt-{}", file_stamp(now_unix()));
    let dir = path.parent().unwrap_or(Path::new(""));
    let mut candidate = dir.join(&stem);
    let mut n = 1;
    while std::fs::symlink_metadata(&candidate).is_ok() {
        n += 1;
        candidate = dir.join(format!("{stem}-{n}"));
    }
    candidate
}

/// An exclusive lock on `state.json.lock` next to the state file, held
/// while the file is read, merged and replaced, so concurrent instances
/// take turns. Best effort: without a lock file (a read-only directory)
/// reading still works and writing fails anyway, and a lock held for
/// seconds (a stuck process, a network file system) is given up on rather
/// than hanging gwr at quit — the atomic rename still keeps the file whole.
fn lock(path: &Path) -> Option<File> {
    const PATIENCE: Duration = Duration::from_secs(3);
    const NAP: Duration = Duration::from_millis(5);
    let mut name = path.file_name()?.to_os_string();
    name.push(".lock");
    let file = std::fs::OpenOptions::new()
        .create(true)
        .truncate(false)
        .write(true)
        .open(path.with_file_name(name))
        .ok()?;
    let start = Instant::now();
    loop {
        match file.try_lock() {
            Ok(()) => return Some(file),
            Err(TryLockError::WouldBlock) if start.elapsed() < PATIENCE => std::thread::sleep(NAP),
            Err(_) => return None,
        }
    }
}

/// Three-way merge: start from what is on disk (`theirs`) and apply what
/// this instance changed since `base` — additions, changes and deletions.
fn merge(base: &ReadingState, mine: &ReadingState, theirs: &ReadingState) -> ReadingState {
    let last_report = if mine.last_report != base.last_report {
        mine.last_report.clone()
    } else {
        theirs.last_report.clone()
    };
    let base_marks: HashSet<&Bookmark> = base.bookmarks.iter().collect();
    let mine_marks: HashSet<&Bookmark> = mine.bookmarks.iter().collect();
    let mut bookmarks: Vec<Bookmark> = theirs
        .bookmarks
        .iter()
        .filter(|b| mine_marks.contains(b) || !base_marks.contains(b))
        .cloned()
        .collect();
    let mut present: HashSet<Bookmark> = bookmarks.iter().cloned().collect();
    for b in &mine.bookmarks {
        if !base_marks.contains(b) && present.insert(b.clone()) {
            bookmarks.push(b.clone());
        }
    }
    ReadingState {
        last_report,
        positions: merge_maps(&base.positions, &mine.positions, &theirs.positions),
        bookmarks,
        marks: merge_maps(&base.marks, &mine.marks, &theirs.marks),
    }
}

fn merge_maps<K: Ord + Clone, V: PartialEq + Clone>(
    base: &BTreeMap<K, V>,
    mine: &BTreeMap<K, V>,
    theirs: &BTreeMap<K, V>,
) -> BTreeMap<K, V> {
    let mut out = theirs.clone();
    for key in base.keys().chain(mine.keys()) {
        let m = mine.get(key);
        if m != base.get(key) {
            match m {
                Some(v) => out.insert(key.clone(), v.clone()),
                None => out.remove(key),
            };
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn bm(report: &str, section: usize, created: u64) -> Bookmark {
        Bookmark {
            report: report.into(),
            position: Position {
                section: Some(section),
                offset: 0,
            },
            label: String::new(),
            created,
        }
    }

    #[test]
    fn merge_keeps_both_sides_additions_and_my_deletions() {
        let base = ReadingState {
            bookmarks: vec![bm("a", 1, 1), bm("a", 2, 2)],
            ..Default::default()
        };
        let mut mine = base.clone();
        mine.bookmarks.retain(|b| b.position.section != Some(1)); // I deleted 1
        mine.bookmarks.push(bm("a", 3, 3)); // and added 3
        let mut theirs = base.clone();
        theirs.bookmarks.push(bm("b", 4, 4)); // they added 4
        theirs.bookmarks.retain(|b| b.position.section != Some(2)); // and deleted 2
        let merged = merge(&base, &mine, &theirs);
        let sections: Vec<Option<usize>> = merged
            .bookmarks
            .iter()
            .map(|b| b.position.section)
            .collect();
        assert_eq!(sections, vec![Some(4), Some(3)]);
    }

    #[test]
    fn merge_maps_apply_only_my_changes() {
        let p = |s| Position {
            section: Some(s),
            offset: 0,
        };
        let base: BTreeMap<String, Position> =
            [("x".into(), p(1)), ("y".into(), p(1)), ("z".into(), p(1))].into();
        let mut mine = base.clone();
        mine.insert("x".into(), p(2)); // changed
        mine.remove("y"); // deleted
        let mut theirs = base.clone();
        theirs.insert("z".into(), p(3)); // they changed z
        theirs.insert("w".into(), p(3)); // and added w
        let out = merge_maps(&base, &mine, &theirs);
        let expected: BTreeMap<String, Position> =
            [("x".into(), p(2)), ("z".into(), p(3)), ("w".into(), p(3))].into();
        assert_eq!(out, expected);
    }

    #[test]
    fn lenient_parsing_keeps_what_it_can() {
        let json = br#"{
            "version": 1,
            "last_report": "r#0000000000000001",
            "positions": {"r#0000000000000001": {"section": 2, "offset": 5}, "bad": {"section": -1, "offset": 0}},
            "bookmarks": [{"report": "r", "position": {"section": null, "offset": 2}, "label": "x", "created": 3}, 7],
            "marks": {"a": {"report": "r", "position": {"section": 0, "offset": 1}}, "ab": {"report": "r", "position": {"section": 0, "offset": 1}}},
            "extra": true
        }"#;
        let parsed = ReadingState::from_json(json).expect("an object");
        assert_eq!(parsed.state.positions.len(), 1);
        assert_eq!(parsed.state.bookmarks.len(), 1);
        assert_eq!(parsed.state.marks.len(), 1);
        assert_eq!(parsed.skipped.len(), 4, "{:?}", parsed.skipped);
        for bad in [
            &b"[]"[..],
            b"",
            b"nul",
            b"{\"version\": \"one\"}",
            b"{\"version\": 0}",
        ] {
            assert!(ReadingState::from_json(bad).is_err());
        }
        let deep = "[".repeat(100_000);
        assert!(ReadingState::from_json(deep.as_bytes()).is_err());
    }

    #[test]
    fn json_round_trip_includes_the_version() {
        let mut s = ReadingState::default();
        s.marks.insert(
            '中',
            Mark {
                report: "r".into(),
                position: Position {
                    section: Some(1),
                    offset: 2,
                },
            },
        );
        s.last_report = Some("r".into());
        let bytes = s.to_json().expect("serialises");
        let text = String::from_utf8_lossy(&bytes);
        assert!(text.contains("\"version\": 1"), "{text}");
        let back = ReadingState::from_json(&bytes).expect("parses");
        assert!(back.skipped.is_empty());
        assert_eq!(back.state, s);
    }
}
