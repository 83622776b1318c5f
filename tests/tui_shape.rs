//! The shape of the reader's code, checked: no file in `src/tui` is longer
//! than 700 lines before its test module, and each opens with a comment
//! saying what it owns.

use std::path::{Path, PathBuf};

const MAX_LINES: usize = 700;

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    let mut entries: Vec<_> = std::fs::read_dir(dir)
        .expect("src/tui is readable")
        .filter_map(|e| e.ok())
        .map(|e| e.path())
        .collect();
    entries.sort();
    for path in entries {
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

fn tui_files() -> Vec<PathBuf> {
    let mut files = Vec::new();
    rust_files(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("src/tui"),
        &mut files,
    );
    assert!(files.len() > 20, "found {} files", files.len());
    files
}

/// Lines before the first `#[cfg(test)]`.
fn code_lines(text: &str) -> usize {
    text.lines()
        .take_while(|l| !l.trim_start().starts_with("#[cfg(test)]"))
        .count()
}

#[test]
fn no_tui_file_passes_700_lines_before_its_tests() {
    let long: Vec<String> = tui_files()
        .iter()
        .filter_map(|p| {
            let n = code_lines(&std::fs::read_to_string(p).ok()?);
            (n > MAX_LINES).then(|| format!("{}: {n} lines", p.display()))
        })
        .collect();
    assert!(long.is_empty(), "split these: {long:#?}");
}

#[test]
fn every_tui_module_says_what_it_owns() {
    let silent: Vec<String> = tui_files()
        .iter()
        .filter(|p| {
            let text = std::fs::read_to_string(p).unwrap_or_default();
            let opening: Vec<&str> = text.lines().take_while(|l| l.starts_with("//!")).collect();
            // A sentence at least, not a bare title.
            opening.join(" ").len() < 40
        })
        .map(|p| p.display().to_string())
        .collect();
    assert!(silent.is_empty(), "no opening comment: {silent:#?}");
}

#[test]
fn the_counter_stops_at_the_test_module() {
    let text = "//! x\nfn a() {}\n\n#[cfg(test)]\nmod tests {\n}\n";
    assert_eq!(code_lines(text), 3);
    assert_eq!(code_lines("fn a() {}\n"), 1);
}
