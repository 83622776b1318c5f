//! Checking an index on disk before it answers, without reading all of it
//! on every start. Every index file ends with a CRC-32 of its body; a file
//! is checked against it the first time it is seen and whenever its size
//! or modification time changed since, and the files found whole are
//! remembered in `verified.json` beside them. A damaged file (a flipped
//! bit in postings, positions, terms, stored text, fast fields or norms)
//! is then caught before the index is searched, and the index is rebuilt
//! with a message, instead of answering with wrong titles and lines.
//!
//! A file modified shortly before it was checked is checked again next
//! time (as git treats "racily clean" files): file systems keep
//! modification times in coarse ticks, and a write in the same tick as
//! the check would leave the stamp unchanged. So the first open after a
//! build checks the new files once (about a second for the 1.6 GB of a
//! 30,000-report index), later opens only look at their stamps.

use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use tantivy::index::SegmentComponent;
use tantivy::Index;

const VERIFIED_FILE: &str = "verified.json";
/// `verified.json` of thousands of segments is a few hundred KB.
const MAX_VERIFIED_BYTES: u64 = 16 << 20;

/// How long after its last modification a file's stamp can be trusted.
const RACY_NANOS: u64 = 2_000_000_000;

/// File (relative to the index directory) → (size, modification time in
/// nanoseconds) when it was last found whole, at time `at`.
#[derive(Debug, Default, Serialize, Deserialize)]
struct Verified {
    at: u64,
    files: BTreeMap<String, (u64, u64)>,
}

fn now_nanos() -> u64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_nanos().min(u128::from(u64::MAX)) as u64)
        .unwrap_or(0)
}

/// The files of the index's searchable segments, relative to its directory.
pub fn index_files(index: &Index) -> tantivy::Result<Vec<PathBuf>> {
    use SegmentComponent as C;
    let metas = index.searchable_segment_metas()?;
    Ok(metas
        .iter()
        .flat_map(|m| {
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
        })
        .collect())
}

fn stamp(path: &Path) -> Option<(u64, u64)> {
    std::fs::metadata(path)
        .ok()
        .map(|m| crate::corpus::source::stamp_of(&m))
}

fn load(dir: &Path) -> Verified {
    crate::store::bounded::read_regular(&dir.join(VERIFIED_FILE), MAX_VERIFIED_BYTES)
        .ok()
        .and_then(|bytes| serde_json::from_slice(&bytes).ok())
        .unwrap_or_default()
}

fn save(dir: &Path, verified: &Verified) {
    // Best effort: a read-only directory checks again next time.
    if let Ok(bytes) = serde_json::to_vec(verified) {
        let _ = crate::store::atomic::write(&dir.join(VERIFIED_FILE), &bytes);
    }
}

/// The damaged files among `files`, checking only those not verified as
/// they are now; the rest of what was checked is remembered as whole.
pub fn damaged_files(dir: &Path, files: &[PathBuf]) -> std::io::Result<Vec<PathBuf>> {
    let before = load(dir);
    let mut now = Verified {
        at: now_nanos(),
        files: BTreeMap::new(),
    };
    let mut unchecked = Vec::new();
    for rel in files {
        let key = rel.to_string_lossy().into_owned();
        let Some(stamp) = stamp(&dir.join(rel)) else {
            continue;
        };
        let settled = stamp.1.saturating_add(RACY_NANOS) <= before.at;
        if before.files.get(&key) != Some(&stamp) || !settled {
            unchecked.push(rel.clone());
        }
        now.files.insert(key, stamp);
    }
    let damaged = super::pread::damaged_files(dir, unchecked.iter().cloned())?;
    if damaged.is_empty() && !unchecked.is_empty() {
        save(dir, &now);
    }
    Ok(damaged)
}
