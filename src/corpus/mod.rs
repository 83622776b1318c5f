//! Turning files into reports: finding files and their stamps ([`source`]),
//! decoding, Word files and web pages ([`formats`]), removing page furniture ([`clean`]), metadata ([`meta`],
//! completed from China's divisions in [`places`]); and generating
//! synthetic corpora for benchmarks ([`synthetic`]).
//!
//! Layer: above `report`, `text` and `numbers`, which are all it imports.

pub mod clean;
pub mod decode;
pub mod formats;
pub mod meta;
pub mod places;
pub mod source;
mod stream;
pub mod synthetic;

pub use source::{scan, Scan, Source, SourceFile};
pub use stream::each_report;

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
    /// A Word file, page or PDF that could not be read; the reason says why.
    #[error("{0}")]
    Unreadable(String),
    #[error("no report text left after removing page furniture")]
    NoText,
    #[error("the file changed since the corpus was loaded; restart gwr to read it again")]
    Changed,
    #[error("the file is gone since the corpus was loaded")]
    Vanished,
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

/// Files larger than this are refused unread: reports are well under a
/// megabyte, and reading a stray disk image would exhaust memory.
pub const MAX_FILE_BYTES: u64 = 128 * 1024 * 1024;

/// Find report files under the given files and folders.
///
/// Folders are walked recursively, in name order, and only report files
/// are taken (`.txt`, `.docx`, `.html`, `.htm`, `.pdf`: see
/// [`formats::EXTENSIONS`]; files with other names are skipped silently). A file named
/// directly is taken whatever its extension. A missing path, an unreadable
/// folder, and anything named like a report that is not a regular file (a
/// FIFO, socket or device, a dangling link) are problems, each named with
/// why; the rest is still found. [`STDIN`] (`-`) stands for one report read
/// from standard input.
pub fn find_files(paths: &[PathBuf]) -> (Vec<FoundFile>, Vec<LoadProblem>) {
    find_some_files(paths, usize::MAX)
}

/// The first `limit` files [`find_files`] would find, without walking the
/// rest of the folders (a reader shows one report while a large corpus
/// loads).
pub fn find_some_files(paths: &[PathBuf], limit: usize) -> (Vec<FoundFile>, Vec<LoadProblem>) {
    let mut found = Vec::new();
    let mut problems = Vec::new();
    for arg in paths {
        if found.len() >= limit {
            break;
        }
        if arg.as_os_str() == STDIN {
            found.push(FoundFile {
                path: arg.clone(),
                display: STDIN.to_string(),
            });
            continue;
        }
        match std::fs::metadata(arg) {
            Ok(m) if m.is_dir() => walk(arg, arg, limit, &mut found, &mut problems),
            Ok(m) if m.is_file() => found.push(FoundFile {
                path: arg.clone(),
                display: arg
                    .file_name()
                    .map(|n| n.to_string_lossy().into_owned())
                    .unwrap_or_else(|| arg.to_string_lossy().into_owned()),
            }),
            Ok(_) => problems.push(LoadProblem {
                path: arg.clone(),
                error: LoadError::Io("not a regular file or folder".into()),
            }),
            Err(e) => problems.push(LoadProblem {
                path: arg.clone(),
                error: LoadError::Io(e.to_string()),
            }),
        }
    }
    (found, problems)
}

fn walk(
    root: &Path,
    dir: &Path,
    limit: usize,
    found: &mut Vec<FoundFile>,
    problems: &mut Vec<LoadProblem>,
) {
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
    let mut paths = Vec::new();
    for entry in entries {
        match entry {
            Ok(entry) => paths.push((entry.path(), entry.file_type().ok())),
            Err(e) => problems.push(LoadProblem {
                path: dir.to_path_buf(),
                error: LoadError::Io(e.to_string()),
            }),
        }
    }
    paths.sort_by(|a, b| a.0.cmp(&b.0));
    for (path, entry_type) in paths {
        if found.len() >= limit {
            return;
        }
        // Follow symlinks for the type, but never loop: a folder reached
        // through a link is not descended into. The entry's own type costs
        // no stat; only links are followed (search scans tens of thousands
        // of files at start-up).
        let is_link = entry_type.is_some_and(|t| t.is_symlink());
        let target = match entry_type {
            Some(t) if !t.is_symlink() => Ok(t),
            _ => std::fs::metadata(&path).map(|m| m.file_type()),
        };
        let (is_dir, is_file) = match &target {
            Ok(t) => (t.is_dir(), t.is_file()),
            Err(_) => (false, false),
        };
        if is_dir {
            if !is_link {
                walk(root, &path, limit, found, problems);
            }
        } else if !is_file && is_report_file(&path) {
            // Never opened: a FIFO would block the reader, a device never
            // end. But a user who put it there should hear why it is left.
            let why = match &target {
                Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                    "a link to nothing (dangling symbolic link)".to_string()
                }
                Err(e) => e.to_string(),
                Ok(t) => format!("not a regular file ({})", crate::text::file_kind(t)),
            };
            problems.push(LoadProblem {
                path,
                error: LoadError::Io(why),
            });
        } else if is_file && is_report_file(&path) {
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
    formats::has_report_extension(&path.to_string_lossy())
}

/// The path argument that stands for standard input, as in most Unix
/// tools; a file named `-` is `./-`.
pub const STDIN: &str = "-";

/// Read and parse one found file.
pub fn load_file(file: &FoundFile) -> Result<Report, LoadProblem> {
    let problem = |error| LoadProblem {
        path: file.path.clone(),
        error,
    };
    let bytes = if file.path.as_os_str() == STDIN {
        read_limited_from(std::io::stdin().lock())
    } else {
        std::fs::File::open(&file.path)
            .map_err(|e| LoadError::Io(e.to_string()))
            .and_then(read_limited_from)
    }
    .map_err(problem)?;
    // The bytes go into the extraction: UTF-8 text becomes the text in place.
    let format = formats::detect(&file.display, &bytes);
    let extracted = formats::extract_owned(format, bytes).map_err(problem)?;
    parse_extracted(&file.display, Some(file.path.clone()), format, extracted).map_err(problem)
}

fn read_limited_from(source: impl std::io::Read) -> Result<Vec<u8>, LoadError> {
    use std::io::Read;
    let mut bytes = Vec::new();
    source
        .take(MAX_FILE_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| LoadError::Io(e.to_string()))?;
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return Err(LoadError::Io(format!(
            "file larger than {} MB",
            MAX_FILE_BYTES / (1024 * 1024)
        )));
    }
    Ok(bytes)
}

/// Load every report under the given paths, in parallel. Problems are
/// collected, never fatal: every file that can be read is loaded.
pub fn load_paths(paths: &[PathBuf]) -> Corpus {
    let (found, mut problems) = find_files(paths);
    let results: Vec<Result<Report, LoadProblem>> = found.par_iter().map(load_file).collect();
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

/// Number the paragraphs of a Word file or web page by the lines `gwr show`
/// prints them on (one paragraph a line, a blank line between): the lines
/// of the extracted text mean nothing to a user, the printed text does.
/// Returns the number of lines printed.
fn number_as_shown(paragraphs: &mut [crate::report::Paragraph]) -> u32 {
    for (i, p) in paragraphs.iter_mut().enumerate() {
        let line = u32::try_from(2 * i + 1).unwrap_or(u32::MAX);
        p.spans.truncate(1);
        p.spans[0].line = line;
    }
    u32::try_from((2 * paragraphs.len()).saturating_sub(1)).unwrap_or(u32::MAX)
}

/// The whole pipeline for one file: decode, clean, metadata, outline.
///
/// Errors say why a file is not a report: empty (nothing visible in it),
/// binary, undecodable, or nothing left once page furniture is removed.
pub fn parse_report(file: &str, path: Option<PathBuf>, bytes: &[u8]) -> Result<Report, LoadError> {
    let format = formats::detect(file, bytes);
    parse_extracted(file, path, format, formats::extract(format, bytes)?)
}

/// [`parse_report`] after extraction. The lines (which borrow the
/// extracted text) and the text are gone before the outline is built, so a
/// report's peak holds the text about twice, not four times.
fn parse_extracted(
    file: &str,
    path: Option<PathBuf>,
    format: formats::Format,
    extracted: formats::Extracted,
) -> Result<Report, LoadError> {
    let (line_count, paragraphs, meta) = {
        let lines = clean::split_lines(&extracted.text);
        if lines.iter().all(|l| l.text.trim().is_empty()) {
            return Err(LoadError::Empty);
        }
        let mut line_count = lines.last().map(|l| l.line).unwrap_or(0);
        let mut paragraphs = clean::clean(&lines);
        if paragraphs.is_empty() {
            return Err(LoadError::NoText);
        }
        if format != formats::Format::Text {
            line_count = number_as_shown(&mut paragraphs);
        }
        paragraphs.shrink_to_fit();
        let meta = meta::extract(&lines, &paragraphs, file);
        (line_count, paragraphs, meta)
    };
    let encoding = extracted.encoding;
    drop(extracted);
    let structure = outline::outline(&paragraphs);
    Ok(Report {
        file: file.to_string(),
        path,
        encoding,
        meta,
        paragraphs,
        sections: structure.sections,
        markers: structure.markers,
        line_count,
    })
}
