//! A report's identity across runs, for the reading state, bookmarks and
//! the catalogue.
//!
//! A report is identified by `FILE#DIGEST`: its path relative to the folder
//! it was found under ([`Report::file`]) and a 64-bit FNV-1a digest of its
//! cleaned text. Moving the corpus folder keeps `FILE`; renaming a file or
//! opening a parent folder keeps `DIGEST`; either match finds the report.
//! The text digest (rather than the path alone) means a position is never
//! applied to a different report that happens to have the same file name,
//! e.g. `2024.txt` in two places' folders. The price: a report whose text
//! changes (edited, or cleaned differently by a newer gwr) starts afresh;
//! its old entries stay in the file, unshown.

use super::Report;
use serde::{Deserialize, Serialize};

/// A report's identity across runs; see the module docs.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(transparent)]
pub struct ReportKey(String);

impl ReportKey {
    /// The key of a loaded report. It hashes the whole text (about a
    /// millisecond per megabyte in an optimised build), so compute it once
    /// per report — when the corpus loads or a report opens — and keep it,
    /// rather than while drawing.
    pub fn of(report: &Report) -> Self {
        ReportKey(format!("{}#{:016x}", report.file, text_digest(report)))
    }

    /// A key as stored (no check: stored keys may come from anywhere).
    pub fn from_stored(key: &str) -> Self {
        ReportKey(key.to_string())
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The report's file, relative to its corpus folder.
    pub fn file(&self) -> &str {
        split_key(&self.0).0
    }

    /// Whether `stored` (a key from the state) names this report.
    pub fn matches(&self, stored: &str) -> bool {
        same_report(&self.0, stored)
    }
}

impl std::fmt::Display for ReportKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

/// FNV-1a 64 of the cleaned text, paragraphs separated by newlines: stable
/// across runs, platforms and Rust versions (unlike `DefaultHasher`).
fn text_digest(report: &Report) -> u64 {
    let mut h = crate::text::hash::Fnv::new();
    for p in &report.paragraphs {
        h.bytes(p.text.as_bytes());
        h.bytes(b"\n");
    }
    h.finish()
}

/// `(file, digest)`; the digest is the part after the last `#` when it is
/// 16 hex digits (file names may contain `#`).
fn split_key(key: &str) -> (&str, Option<&str>) {
    match key.rsplit_once('#') {
        Some((file, digest))
            if digest.len() == 16 && digest.bytes().all(|b| b.is_ascii_hexdigit()) =>
        {
            (file, Some(digest))
        }
        _ => (key, None),
    }
}

pub(crate) fn same_report(a: &str, b: &str) -> bool {
    a == b || matches!((split_key(a).1, split_key(b).1), (Some(x), Some(y)) if x == y)
}

/// The index of the report a stored key names among reports with these
/// keys: the same file and text first, then the same text under another
/// name. A stored key without a digest (written by an early gwr) names its
/// file.
pub fn find_report<'a, I>(stored: &str, keys: I) -> Option<usize>
where
    I: IntoIterator<Item = &'a ReportKey>,
    I::IntoIter: Clone,
{
    let keys = keys.into_iter();
    let (file, digest) = split_key(stored);
    keys.clone()
        .position(|k| k.as_str() == stored)
        .or_else(|| match digest {
            None => keys.clone().position(|k| k.file() == file),
            Some(_) => keys.clone().position(|k| k.matches(stored)),
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_split_and_match() {
        assert_eq!(
            split_key("a/b.txt#0123456789abcdef"),
            ("a/b.txt", Some("0123456789abcdef"))
        );
        assert_eq!(split_key("a#b.txt"), ("a#b.txt", None));
        assert_eq!(split_key("x#0123"), ("x#0123", None));
        assert!(same_report("a#0123456789abcdef", "b#0123456789abcdef"));
        assert!(!same_report("a#0123456789abcdef", "a#0123456789abcdee"));
        assert!(!same_report("a", "a#0123456789abcdef"));
        assert!(same_report("plain", "plain"));
    }
}
