//! Which report of a corpus the search index means by each of its report
//! numbers. The reader matches the index to its catalogue, the command line
//! to the files it scanned; both through [`index_positions`], so a report
//! is the same one wherever it is looked up.

use super::catalog::Entry;
use crate::corpus::SourceFile;
use crate::search::SearchIndex;
use std::collections::HashMap;
use std::path::{Path, PathBuf};

/// A report file as a corpus lists it.
pub trait Listed {
    /// Path relative to its corpus folder (`Report::file`).
    fn file(&self) -> &str;
    /// Its path as the index stores it (canonical), if it has one.
    fn canonical_path(&self) -> Option<PathBuf>;
    /// The index's fingerprint of the report as last parsed, when known
    /// without parsing it again.
    fn fingerprint(&self) -> Option<u64>;
}

impl Listed for Entry {
    fn file(&self) -> &str {
        &self.file
    }

    fn canonical_path(&self) -> Option<PathBuf> {
        self.path
            .as_deref()
            .and_then(|p| std::fs::canonicalize(p).ok())
    }

    fn fingerprint(&self) -> Option<u64> {
        Some(self.fingerprint)
    }
}

impl Listed for SourceFile {
    fn file(&self) -> &str {
        &self.file
    }

    /// A scan joins files to canonical roots: the path is canonical.
    fn canonical_path(&self) -> Option<PathBuf> {
        self.path.clone()
    }

    fn fingerprint(&self) -> Option<u64> {
        None
    }
}

/// For each report number of the index, the position in `listed` of the
/// same report: the same file relative to its folder and, when several
/// folders have one, the same file on disk; and, where `listed` knows its
/// fingerprint, still as it was indexed. `None` for numbers that match no
/// listed report (removed, changed since indexing, or never used).
pub fn index_positions<L: Listed>(index: &SearchIndex, listed: &[L]) -> Vec<Option<usize>> {
    let mut by_file: HashMap<&str, Vec<usize>> = HashMap::new();
    for (i, r) in listed.iter().enumerate() {
        by_file.entry(r.file()).or_default().push(i);
    }
    let entries = &index.manifest().entries;
    let len = entries.iter().map(|e| e.id as usize + 1).max().unwrap_or(0);
    let mut out = vec![None; len];
    let searcher = index.searcher();
    for e in entries {
        let Some(candidates) = by_file.get(e.file.as_str()) else {
            continue;
        };
        let indexed_path = || searcher.report(e.id).and_then(|r| r.path.as_deref());
        let found = match candidates.as_slice() {
            [only] => Some(*only),
            many => many.iter().copied().find(|&i| {
                let on_disk = listed[i].canonical_path();
                on_disk.is_some() && on_disk.as_deref() == indexed_path().map(Path::new)
            }),
        };
        let current = found.filter(|&i| listed[i].fingerprint().is_none_or(|f| f == e.fingerprint));
        if let (Some(i), Some(slot)) = (current, out.get_mut(e.id as usize)) {
            *slot = Some(i);
        }
    }
    out
}
