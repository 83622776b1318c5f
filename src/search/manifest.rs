//! What an index holds: which file each report number is, with the stamp
//! it had when indexed.
//!
//! It changes atomically with the documents it describes: an index in
//! memory keeps it in the commit payload; an index on disk writes it to its
//! own file first and commits a payload naming that file and its hash
//! ([`Pointer`]), so opening the index does not parse megabytes of JSON
//! twice (tantivy reads its `meta.json`, payload included, on every open).

use super::schema::SCHEMA_VERSION;
use crate::corpus::source::{Root, Scan, SourceFile};
use serde::{Deserialize, Serialize};
use std::collections::HashMap;

/// Version of the payload format.
const FORMAT: u32 = 2;

/// One indexed report. Stored as a JSON array, the most compact form a
/// hundred thousand of them can take.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(from = "EntryRow", into = "EntryRow")]
pub struct Entry {
    pub id: u64,
    pub root: usize,
    pub file: String,
    pub stamp: (u64, u64),
    /// `passage::fingerprint` of the report as indexed; 0 if it could not
    /// be loaded (it has no documents).
    pub fingerprint: u64,
    /// Where the report was read from, for indexes built from loaded
    /// reports (files of a scan are found through their root).
    pub path: Option<std::path::PathBuf>,
}

type EntryRow = (
    u64,
    usize,
    String,
    u64,
    u64,
    u64,
    Option<std::path::PathBuf>,
);

impl From<EntryRow> for Entry {
    fn from((id, root, file, len, modified, fingerprint, path): EntryRow) -> Entry {
        Entry {
            id,
            root,
            file,
            stamp: (len, modified),
            fingerprint,
            path,
        }
    }
}

impl From<Entry> for EntryRow {
    fn from(e: Entry) -> EntryRow {
        (
            e.id,
            e.root,
            e.file,
            e.stamp.0,
            e.stamp.1,
            e.fingerprint,
            e.path,
        )
    }
}

/// The commit payload of an index on disk: where its manifest is.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Pointer {
    /// File name in the index directory.
    pub manifest_file: String,
    /// `Fnv` of the file's bytes: a manifest that does not match is
    /// damaged.
    pub hash: u64,
}

impl Pointer {
    pub fn from_payload(payload: &str) -> Option<Pointer> {
        serde_json::from_str(payload).ok()
    }

    pub fn to_payload(&self) -> String {
        serde_json::to_string(self).unwrap_or_default()
    }
}

/// The reports of an index.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Manifest {
    format: u32,
    schema: u32,
    /// Fingerprint of the topic taxonomy the passages were classified with.
    #[serde(default)]
    pub topics: u64,
    pub roots: Vec<Root>,
    pub next_id: u64,
    pub entries: Vec<Entry>,
}

/// What must change to bring an index up to date with a scan.
#[derive(Debug, Default)]
pub struct Diff {
    /// Reports to delete (removed or changed files).
    pub stale: Vec<u64>,
    /// Files to index (added or changed), as indices into `Scan::files`.
    pub to_index: Vec<usize>,
    pub added: usize,
    pub changed: usize,
    pub removed: usize,
}

impl Diff {
    pub fn is_empty(&self) -> bool {
        self.stale.is_empty() && self.to_index.is_empty()
    }
}

impl Manifest {
    /// An empty manifest for a corpus.
    pub fn new(roots: Vec<Root>, topics: u64) -> Manifest {
        Manifest {
            format: FORMAT,
            schema: SCHEMA_VERSION,
            topics,
            roots,
            next_id: 0,
            entries: Vec::new(),
        }
    }

    pub fn to_payload(&self) -> String {
        serde_json::to_string(self).unwrap_or_default()
    }

    /// Read a payload; `None` if it is not one this version wrote.
    pub fn from_payload(payload: &str) -> Option<Manifest> {
        let m: Manifest = serde_json::from_str(payload).ok()?;
        (m.format == FORMAT && m.schema == SCHEMA_VERSION).then_some(m)
    }

    /// Compare with the corpus as it is now.
    pub fn diff(&self, scan: &Scan) -> Diff {
        let mut indexed: HashMap<(usize, &str), &Entry> = self
            .entries
            .iter()
            .map(|e| ((e.root, e.file.as_str()), e))
            .collect();
        let mut diff = Diff::default();
        for (i, f) in scan.files.iter().enumerate() {
            match indexed.remove(&f.key()) {
                Some(e) if e.stamp == f.stamp => {}
                Some(e) => {
                    diff.stale.push(e.id);
                    diff.to_index.push(i);
                    diff.changed += 1;
                }
                None => {
                    diff.to_index.push(i);
                    diff.added += 1;
                }
            }
        }
        for e in indexed.into_values() {
            diff.stale.push(e.id);
            diff.removed += 1;
        }
        diff.stale.sort_unstable();
        diff
    }

    /// Forget reports (after deleting their documents).
    pub fn remove(&mut self, ids: &[u64]) {
        let mut sorted = ids.to_vec();
        sorted.sort_unstable();
        self.entries
            .retain(|e| sorted.binary_search(&e.id).is_err());
    }

    /// Record a newly indexed file and return its report number.
    pub fn add(&mut self, file: &SourceFile, fingerprint: u64) -> u64 {
        self.push(Entry {
            id: 0,
            root: file.root,
            file: file.file.clone(),
            stamp: file.stamp,
            fingerprint,
            path: None,
        })
    }

    /// Record an entry under the next report number and return it.
    pub fn push(&mut self, mut entry: Entry) -> u64 {
        entry.id = self.next_id;
        self.next_id += 1;
        self.entries.push(entry);
        self.next_id - 1
    }

    /// Mark a report as needing re-indexing (its entry no longer matches
    /// any file stamp).
    pub fn invalidate(&mut self, id: u64) {
        if let Some(e) = self.entries.iter_mut().find(|e| e.id == id) {
            e.stamp = (u64::MAX, u64::MAX);
        }
    }

    /// Report number → entry.
    pub fn by_id(&self) -> HashMap<u64, &Entry> {
        self.entries.iter().map(|e| (e.id, e)).collect()
    }
}
