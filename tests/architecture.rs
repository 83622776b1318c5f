//! The shape of the code, checked: the layers of `src/` import each other
//! without cycles and only downwards, and no source file outgrows what a
//! reader can hold (700 lines before its test module).

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// Top-level modules, lowest layer first, and what each may import.
const LAYERS: &[(&str, &[&str])] = &[
    ("text", &[]),
    ("numbers", &[]),
    ("report", &["text", "numbers"]),
    ("store", &["report", "text"]),
    ("corpus", &["report", "text", "numbers"]),
    ("topics", &["corpus", "report", "text", "numbers", "store"]),
    // figures reads which part of a report (review, targets, tasks) a
    // section is in, to tell last year's outcomes from this year's targets.
    (
        "figures",
        &["topics", "corpus", "report", "text", "numbers"],
    ),
    (
        "search",
        &["corpus", "topics", "report", "text", "numbers", "store"],
    ),
    (
        "library",
        &[
            "corpus", "figures", "topics", "search", "report", "text", "numbers", "store",
        ],
    ),
    (
        "cli",
        &[
            "library", "corpus", "figures", "topics", "search", "report", "text", "numbers",
            "store",
        ],
    ),
    (
        "tui",
        &[
            "library", "corpus", "figures", "topics", "search", "report", "text", "numbers",
            "store",
        ],
    ),
];

/// Lines a source file may have before its test module.
const MAX_LINES: usize = 700;

fn src() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("src")
}

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).expect("src is readable") {
        let path = entry.expect("entry").path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// The code of a file before its test module.
fn code(text: &str) -> &str {
    text.find("#[cfg(test)]").map_or(text, |i| &text[..i])
}

/// The top-level modules named by `crate::…` paths in `code`, including
/// grouped imports (`use crate::{a, b::c}`), comments skipped.
fn crate_imports(code: &str) -> BTreeSet<String> {
    let mut found = BTreeSet::new();
    for line in code.lines() {
        let line = line.trim_start();
        if line.starts_with("//") {
            continue;
        }
        let mut rest = line;
        while let Some(i) = rest.find("crate::") {
            rest = &rest[i + "crate::".len()..];
            if let Some(group) = rest.strip_prefix('{') {
                let end = group.find('}').unwrap_or(group.len());
                for item in group[..end].split(',') {
                    let name: String = item
                        .trim()
                        .chars()
                        .take_while(|c| c.is_alphanumeric() || *c == '_')
                        .collect();
                    if !name.is_empty() {
                        found.insert(name);
                    }
                }
            } else {
                let name: String = rest
                    .chars()
                    .take_while(|c| c.is_alphanumeric() || *c == '_')
                    .collect();
                found.insert(name);
            }
        }
    }
    found
}

fn top_module(path: &Path) -> Option<String> {
    let rel = path.strip_prefix(src()).ok()?;
    let first = rel.components().next()?.as_os_str().to_str()?;
    Some(first.trim_end_matches(".rs").to_string())
}

/// module → (imported module → files that import it).
fn graph() -> BTreeMap<String, BTreeMap<String, BTreeSet<String>>> {
    let mut files = Vec::new();
    rust_files(&src(), &mut files);
    let known: BTreeSet<&str> = LAYERS.iter().map(|(m, _)| *m).collect();
    let mut graph: BTreeMap<String, BTreeMap<String, BTreeSet<String>>> = BTreeMap::new();
    for file in files {
        let Some(module) = top_module(&file).filter(|m| known.contains(m.as_str())) else {
            continue;
        };
        let text = std::fs::read_to_string(&file).expect("source is UTF-8");
        for import in crate_imports(code(&text)) {
            if import != module && known.contains(import.as_str()) {
                graph
                    .entry(module.clone())
                    .or_default()
                    .entry(import)
                    .or_default()
                    .insert(file.strip_prefix(src()).unwrap().display().to_string());
            }
        }
    }
    graph
}

#[test]
fn every_top_level_module_has_a_layer() {
    let known: BTreeSet<&str> = LAYERS.iter().map(|(m, _)| *m).collect();
    let mut files = Vec::new();
    rust_files(&src(), &mut files);
    let unknown: BTreeSet<String> = files
        .iter()
        .filter_map(|f| top_module(f))
        .filter(|m| !["lib", "main", "bin"].contains(&m.as_str()) && !known.contains(m.as_str()))
        .collect();
    assert!(unknown.is_empty(), "modules without a layer: {unknown:?}");
}

#[test]
fn layers_import_only_downwards() {
    let allowed: BTreeMap<&str, &[&str]> = LAYERS.iter().copied().collect();
    let mut wrong = Vec::new();
    for (module, imports) in graph() {
        for (import, files) in imports {
            if !allowed[module.as_str()].contains(&import.as_str()) {
                wrong.push(format!("{module} → {import} in {files:?}"));
            }
        }
    }
    assert!(
        wrong.is_empty(),
        "imports against the layers:\n{}",
        wrong.join("\n")
    );
}

#[test]
fn the_module_graph_has_no_cycle() {
    let graph = graph();
    // Depth-first search for a back edge.
    fn visit(
        m: &str,
        graph: &BTreeMap<String, BTreeMap<String, BTreeSet<String>>>,
        path: &mut Vec<String>,
        done: &mut BTreeSet<String>,
    ) -> Option<Vec<String>> {
        if let Some(i) = path.iter().position(|p| p == m) {
            let mut cycle = path[i..].to_vec();
            cycle.push(m.to_string());
            return Some(cycle);
        }
        if done.contains(m) {
            return None;
        }
        path.push(m.to_string());
        for next in graph.get(m).into_iter().flat_map(|n| n.keys()) {
            if let Some(cycle) = visit(next, graph, path, done) {
                return Some(cycle);
            }
        }
        path.pop();
        done.insert(m.to_string());
        None
    }
    let mut done = BTreeSet::new();
    for (m, _) in LAYERS {
        let cycle = visit(m, &graph, &mut Vec::new(), &mut done);
        assert!(cycle.is_none(), "cycle: {}", cycle.unwrap().join(" → "));
    }
}

#[test]
fn figures_and_search_do_not_know_each_other_and_the_model_no_terminal() {
    let graph = graph();
    let imports = |m: &str| {
        graph
            .get(m)
            .map(|g| g.keys().cloned().collect::<BTreeSet<String>>())
            .unwrap_or_default()
    };
    assert!(!imports("figures").contains("search"));
    assert!(!imports("search").contains("figures"));
    for model in [
        "text", "numbers", "report", "store", "corpus", "figures", "topics", "search", "library",
    ] {
        let i = imports(model);
        assert!(
            !i.contains("tui") && !i.contains("cli"),
            "{model} imports {i:?}"
        );
    }
    // Only the reader knows the terminal crates.
    let mut files = Vec::new();
    rust_files(&src(), &mut files);
    for file in files {
        if top_module(&file).as_deref() == Some("tui") {
            continue;
        }
        let text = std::fs::read_to_string(&file).unwrap();
        let code: String = text
            .lines()
            .filter(|l| !l.trim_start().starts_with("//"))
            .collect();
        assert!(
            !code.contains("ratatui::") && !code.contains("crossterm::"),
            "{} uses terminal crates",
            file.display()
        );
    }
}

#[test]
fn no_source_file_is_over_700_lines_before_its_tests() {
    let mut files = Vec::new();
    rust_files(&src(), &mut files);
    let mut long: Vec<String> = files
        .iter()
        .filter_map(|f| {
            let text = std::fs::read_to_string(f).unwrap();
            let lines = code(&text).lines().count();
            (lines > MAX_LINES).then(|| format!("{} ({lines} lines)", f.display()))
        })
        .collect();
    long.sort();
    assert!(
        long.is_empty(),
        "files over {MAX_LINES} lines:\n{}",
        long.join("\n")
    );
}

#[test]
fn the_checker_sees_imports_in_every_form() {
    let code = "use crate::corpus::Scan;\nuse crate::{report::Report, text};\n// crate::tui::x\nlet x = crate::search::open();";
    let found = crate_imports(code);
    let expected: BTreeSet<String> = ["corpus", "report", "text", "search"]
        .map(String::from)
        .into();
    assert_eq!(found, expected);
}
