//! Where a corpus comes from: the built-in corpus or the user's files and
//! folders, each file with a stamp that changes when the file does (the
//! catalogue and the search index both key their entries on it).

use crate::corpus::{self, LoadError, LoadProblem};
use crate::report::Report;
use crate::text::hash::Fnv;
use rayon::prelude::*;
use std::path::PathBuf;
use std::time::UNIX_EPOCH;

/// Where reports come from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Source {
    Builtin,
    /// Files and folders as the user gave them.
    Paths(Vec<PathBuf>),
}

impl Source {
    /// The user's paths, or the built-in corpus when there are none.
    pub fn from_paths(paths: &[PathBuf]) -> Source {
        if paths.is_empty() {
            Source::Builtin
        } else {
            Source::Paths(paths.to_vec())
        }
    }
}

/// A root of the corpus: a folder or a single file, canonical.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Root {
    pub path: PathBuf,
    pub is_dir: bool,
}

/// One report file of the corpus.
#[derive(Debug, Clone)]
pub struct SourceFile {
    /// Index into [`Scan::roots`]; 0 for the built-in corpus.
    pub root: usize,
    /// Path relative to its root folder (a file root: its name); for the
    /// built-in corpus, its path there. This is `Report::file`.
    pub file: String,
    /// Where it is read from; `None` for the built-in corpus.
    pub path: Option<PathBuf>,
    /// Changes whenever the content may have: size and modification time
    /// (built-in corpus: size and content hash).
    pub stamp: (u64, u64),
    builtin: Option<&'static [u8]>,
}

impl SourceFile {
    /// Read and parse the report.
    pub fn load(&self) -> Result<Report, LoadProblem> {
        match (self.builtin, &self.path) {
            (Some(bytes), _) => {
                corpus::parse_report(&self.file, None, bytes).map_err(|error| LoadProblem {
                    path: PathBuf::from(&self.file),
                    error,
                })
            }
            (None, Some(path)) => corpus::load_file(&corpus::FoundFile {
                path: path.clone(),
                display: self.file.clone(),
            }),
            (None, None) => Err(LoadProblem {
                path: PathBuf::from(&self.file),
                error: LoadError::Io("no such file".into()),
            }),
        }
    }

    /// The identity of the file inside its corpus.
    pub fn key(&self) -> (usize, &str) {
        (self.root, &self.file)
    }
}

/// The files of a corpus as found now.
#[derive(Debug, Default)]
pub struct Scan {
    /// Canonical roots, sorted; empty for the built-in corpus.
    pub roots: Vec<Root>,
    pub files: Vec<SourceFile>,
    /// Path arguments that could not be read.
    pub problems: Vec<LoadProblem>,
}

impl Scan {
    /// A stable name for the corpus, which keys its index directory.
    pub fn corpus_key(&self) -> u64 {
        let mut h = Fnv::new();
        if self.roots.is_empty() {
            h.bytes(b"builtin");
        }
        for r in &self.roots {
            h.bytes(r.path.to_string_lossy().as_bytes());
            h.bytes(&[0, r.is_dir as u8]);
        }
        h.finish()
    }

    /// Total size of the corpus files in bytes.
    pub fn bytes(&self) -> u64 {
        self.files.iter().map(|f| f.stamp.0).sum()
    }
}

/// Find the corpus files and their stamps.
pub fn scan(source: &Source) -> Scan {
    match source {
        Source::Builtin => Scan {
            roots: vec![],
            files: corpus::builtin_files()
                .into_iter()
                .map(|(file, bytes)| {
                    let mut h = Fnv::new();
                    h.bytes(bytes);
                    SourceFile {
                        root: 0,
                        file,
                        path: None,
                        stamp: (bytes.len() as u64, h.finish()),
                        builtin: Some(bytes),
                    }
                })
                .collect(),
            problems: vec![],
        },
        Source::Paths(paths) => scan_paths(paths),
    }
}

fn scan_paths(paths: &[PathBuf]) -> Scan {
    let mut problems = Vec::new();
    let mut roots: Vec<(Root, PathBuf)> = Vec::new();
    for arg in paths {
        match std::fs::canonicalize(arg).and_then(|c| std::fs::metadata(&c).map(|m| (c, m))) {
            Ok((canonical, meta)) => roots.push((
                Root {
                    path: canonical,
                    is_dir: meta.is_dir(),
                },
                arg.clone(),
            )),
            Err(e) => problems.push(LoadProblem {
                path: arg.clone(),
                error: LoadError::Io(e.to_string()),
            }),
        }
    }
    roots.sort_by(|a, b| a.0.path.cmp(&b.0.path));
    roots.dedup_by(|a, b| a.0 == b.0);
    let mut found: Vec<(usize, corpus::FoundFile)> = Vec::new();
    for (i, (root, _)) in roots.iter().enumerate() {
        let (files, probs) = corpus::find_files(std::slice::from_ref(&root.path));
        problems.extend(probs);
        found.extend(files.into_iter().map(|f| (i, f)));
    }
    let files: Vec<SourceFile> = found
        .into_par_iter()
        .filter_map(|(root, f)| {
            let meta = std::fs::metadata(&f.path).ok()?;
            Some(SourceFile {
                root,
                file: f.display,
                stamp: stamp_of(&meta),
                path: Some(f.path),
                builtin: None,
            })
        })
        .collect();
    Scan {
        roots: roots.into_iter().map(|(r, _)| r).collect(),
        files,
        problems,
    }
}

/// A file's stamp: its size and modification time in nanoseconds.
pub fn stamp_of(meta: &std::fs::Metadata) -> (u64, u64) {
    (meta.len(), mtime_nanos(meta))
}

fn mtime_nanos(meta: &std::fs::Metadata) -> u64 {
    meta.modified()
        .ok()
        .and_then(|t| t.duration_since(UNIX_EPOCH).ok())
        .map(|d| d.as_nanos().min(u64::MAX as u128) as u64)
        .unwrap_or(0)
}
