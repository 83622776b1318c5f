//! Turning files into reports: finding files, decoding, removing page
//! furniture, metadata. Terminal-free.

pub mod clean;
pub mod decode;
pub mod meta;
pub mod places;

use crate::report::{outline, Report};
use include_dir::{include_dir, Dir};
use rayon::prelude::*;
use std::path::{Path, PathBuf};

/// The built-in sample corpus, compiled into the binary.
pub static BUILTIN: Dir<'static> = include_dir!("$CARGO_MANIFEST_DIR/assets/corpus");

/// Why one file could not be loaded.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum LoadError {
    #[error("cannot read: {0}")]
    Io(String),
    #[error("empty file")]
    Empty,
    #[error("binary file, not text ({0})")]
    Binary(String),
    #[error("cannot decode: {0}")]
    Undecodable(String),
    #[error("no report text left after removing page furniture")]
    NoText,
}

/// A file that could not be loaded, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LoadProblem {
    /// The path as the user gave it (joined with the folder argument).
    pub path: PathBuf,
    pub error: LoadError,
}

impl std::fmt::Display for LoadProblem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "{}: {}",
            crate::text::sanitize::visible(&self.path.to_string_lossy()),
            self.error
        )
    }
}

/// Every report that loaded, plus what did not.
#[derive(Debug, Default)]
pub struct Corpus {
    pub reports: Vec<Report>,
    pub problems: Vec<LoadProblem>,
}

/// A report file found under a path argument.
#[derive(Debug, Clone)]
pub struct FoundFile {
    pub path: PathBuf,
    /// Path relative to the folder argument; a file argument: its name.
    pub display: String,
}

/// Find `.txt` files under the given files and folders (recursively, sorted
/// within each folder). A missing path argument is a problem; other files
/// are skipped silently.
pub fn find_files(paths: &[PathBuf]) -> (Vec<FoundFile>, Vec<LoadProblem>) {
    let mut found = Vec::new();
    let mut problems = Vec::new();
    for arg in paths {
        match std::fs::metadata(arg) {
            Ok(m) if m.is_dir() => walk(arg, arg, &mut found, &mut problems),
            Ok(_) => found.push(FoundFile {
                path: arg.clone(),
                display: arg
                    .file_name()
                    .map(|n| n.to_string_lossy().into_owned())
                    .unwrap_or_else(|| arg.to_string_lossy().into_owned()),
            }),
            Err(e) => problems.push(LoadProblem {
                path: arg.clone(),
                error: LoadError::Io(e.to_string()),
            }),
        }
    }
    (found, problems)
}

fn walk(root: &Path, dir: &Path, found: &mut Vec<FoundFile>, problems: &mut Vec<LoadProblem>) {
    let entries = match std::fs::read_dir(dir) {
        Ok(e) => e,
        Err(e) => {
            problems.push(LoadProblem {
                path: dir.to_path_buf(),
                error: LoadError::Io(e.to_string()),
            });
            return;
        }
    };
    let mut entries: Vec<(PathBuf, Option<std::fs::FileType>)> = entries
        .filter_map(|e| e.ok().map(|e| (e.path(), e.file_type().ok())))
        .collect();
    entries.sort_by(|a, b| a.0.cmp(&b.0));
    for (path, file_type) in entries {
        // Follow symlinks for the type, but never loop: a folder reached
        // through a link is not descended into. The entry's own type needs
        // no stat (search scans tens of thousands of files on start).
        let is_link = file_type.is_some_and(|t| t.is_symlink());
        let is_dir = match file_type {
            Some(t) if !t.is_symlink() => t.is_dir(),
            _ => path.is_dir(),
        };
        if is_dir {
            if !is_link {
                walk(root, &path, found, problems);
            }
        } else if is_report_file(&path) {
            let display = path
                .strip_prefix(root)
                .unwrap_or(&path)
                .to_string_lossy()
                .into_owned();
            found.push(FoundFile { path, display });
        }
    }
}

fn is_report_file(path: &Path) -> bool {
    path.extension()
        .map(|e| e.eq_ignore_ascii_case("txt"))
        .unwrap_or(false)
}

/// Load every report under the given paths, in parallel. Problems are
/// collected, never fatal.
pub fn load_paths(paths: &[PathBuf]) -> Corpus {
    let (found, mut problems) = find_files(paths);
    let results: Vec<Result<Report, LoadProblem>> = found
        .par_iter()
        .map(|f| {
            let bytes = std::fs::read(&f.path).map_err(|e| LoadProblem {
                path: f.path.clone(),
                error: LoadError::Io(e.to_string()),
            })?;
            parse_report(&f.display, Some(f.path.clone()), &bytes).map_err(|error| LoadProblem {
                path: f.path.clone(),
                error,
            })
        })
        .collect();
    let mut reports = Vec::with_capacity(results.len());
    for r in results {
        match r {
            Ok(rep) => reports.push(rep),
            Err(p) => problems.push(p),
        }
    }
    Corpus { reports, problems }
}

/// The report files of the built-in corpus: (path in it, bytes), sorted.
pub fn builtin_files() -> Vec<(String, &'static [u8])> {
    let mut files = Vec::new();
    collect_builtin(&BUILTIN, &mut files);
    files.sort_by(|a, b| a.0.cmp(&b.0));
    files
}

/// Load the built-in sample corpus.
pub fn load_builtin() -> Corpus {
    let files = builtin_files();
    let results: Vec<Result<Report, LoadProblem>> = files
        .par_iter()
        .map(|(name, bytes)| {
            parse_report(name, None, bytes).map_err(|error| LoadProblem {
                path: PathBuf::from(name),
                error,
            })
        })
        .collect();
    let mut corpus = Corpus::default();
    for r in results {
        match r {
            Ok(rep) => corpus.reports.push(rep),
            Err(p) => corpus.problems.push(p),
        }
    }
    corpus
}

fn collect_builtin(dir: &'static Dir<'static>, out: &mut Vec<(String, &'static [u8])>) {
    for f in dir.files() {
        if is_report_file(f.path()) {
            out.push((f.path().to_string_lossy().into_owned(), f.contents()));
        }
    }
    for d in dir.dirs() {
        collect_builtin(d, out);
    }
}

/// The whole pipeline for one file: decode, clean, metadata, outline.
pub fn parse_report(file: &str, path: Option<PathBuf>, bytes: &[u8]) -> Result<Report, LoadError> {
    let decoded = decode::decode(bytes)?;
    let lines = clean::split_lines(&decoded.text);
    let line_count = lines.len() as u32;
    let paragraphs = clean::clean(&lines);
    if paragraphs.is_empty() {
        return Err(LoadError::NoText);
    }
    let meta = meta::extract(&lines, &paragraphs, file);
    let structure = outline::outline(&paragraphs);
    Ok(Report {
        file: file.to_string(),
        path,
        encoding: decoded.encoding,
        meta,
        paragraphs,
        sections: structure.sections,
        markers: structure.markers,
        line_count,
    })
}
