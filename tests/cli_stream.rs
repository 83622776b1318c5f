//! Table commands as a pipeline meets them: JSON Lines written row by row,
//! `| head` ending quietly, `-` reading one report from standard input, and
//! the `path` column that opens from the current directory.

mod cli_support;
use cli_support::{command, fixture, run, stderr, stdout};
use std::io::{BufRead, BufReader, Write};
use std::process::Stdio;

const SAMPLE: &str = "assets/corpus/samples/000_c2261995aa5722eb.txt";
const COMMANDS: [&str; 4] = ["list", "outline", "figures", "sections"];

fn gwr(args: &[&str]) -> std::process::Output {
    let out = run(command().current_dir(env!("CARGO_MANIFEST_DIR")).args(args));
    assert!(out.status.success(), "gwr {args:?}: {}", stderr(&out));
    out
}

fn tsv_rows(out: &str) -> Vec<Vec<String>> {
    out.lines()
        .map(|l| l.split('\t').map(str::to_string).collect())
        .collect()
}

#[test]
fn jsonl_is_one_object_per_row_with_the_json_array_values() {
    for cmd in COMMANDS {
        let lines = stdout(&gwr(&[cmd, "--format", "jsonl", SAMPLE]));
        let objects: Vec<serde_json::Value> = lines
            .lines()
            .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("{cmd}: {e}: {l}")))
            .collect();
        let array: serde_json::Value =
            serde_json::from_str(&stdout(&gwr(&[cmd, "--format", "json", SAMPLE])))
                .expect("JSON array");
        assert!(!objects.is_empty(), "{cmd}");
        assert_eq!(array.as_array(), Some(&objects), "{cmd}");
        let tsv = stdout(&gwr(&[cmd, SAMPLE]));
        let header = tsv.lines().next().unwrap_or_default();
        let keys: Vec<&str> = objects[0]
            .as_object()
            .expect("object")
            .keys()
            .map(String::as_str)
            .collect();
        assert_eq!(keys.join("\t"), header, "{cmd}");
        assert_eq!(tsv.lines().count(), objects.len() + 1, "{cmd}");
    }
}

#[test]
fn json_of_nothing_is_an_empty_array_and_jsonl_prints_nothing() {
    let filter = ["figures", "--indicator", "没有这个指标", SAMPLE];
    let json = stdout(&gwr(&[&filter[..], &["--format", "json"]].concat()));
    assert_eq!(json, "[]\n");
    let jsonl = stdout(&gwr(&[&filter[..], &["--format", "jsonl"]].concat()));
    assert_eq!(jsonl, "");
}

#[test]
fn closing_the_pipe_early_ends_quietly_with_success() {
    // The built-in corpus gives about a megabyte of figures: far more than
    // a pipe holds, so gwr is still writing when the reader goes.
    for format in ["tsv", "jsonl", "json", "csv"] {
        let mut child = command()
            .args(["figures", "--format", format])
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("spawn gwr");
        let mut first = String::new();
        BufReader::new(child.stdout.take().expect("stdout"))
            .read_line(&mut first)
            .expect("first line");
        assert!(!first.is_empty(), "{format}");
        let out = child.wait_with_output().expect("wait");
        assert!(out.status.success(), "{format}: {:?}", out.status);
        assert_eq!(stderr(&out), "", "{format}");
    }
}

#[test]
fn dash_reads_one_report_from_standard_input() {
    for cmd in COMMANDS {
        let mut child = command()
            .current_dir(env!("CARGO_MANIFEST_DIR"))
            .args([cmd, "-"])
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("spawn gwr");
        let bytes = std::fs::read(fixture(SAMPLE)).expect("sample");
        let mut stdin = child.stdin.take().expect("stdin");
        std::thread::spawn(move || stdin.write_all(&bytes));
        let out = child.wait_with_output().expect("wait");
        assert!(out.status.success(), "{cmd}: {}", stderr(&out));
        let piped = tsv_rows(&stdout(&out));
        let named = tsv_rows(&stdout(&gwr(&[cmd, SAMPLE])));
        assert_eq!(piped.len(), named.len(), "{cmd}");
        assert!(piped.len() > 1, "{cmd}");
        assert_eq!(piped[0], named[0], "{cmd}: header");
        for (p, n) in piped[1..].iter().zip(&named[1..]) {
            // file and path are `-`; every other cell is the same.
            assert_eq!(&p[..2], ["-", "-"], "{cmd}");
            assert_eq!(p[2..], n[2..], "{cmd}");
        }
    }
}

#[test]
fn empty_standard_input_is_a_named_problem() {
    let out = run(command()
        .args(["list", "-"])
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped()));
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("-: empty file"), "{}", stderr(&out));
    assert_eq!(stdout(&out), "");
}

#[test]
fn path_opens_from_the_current_directory_at_the_line() {
    let folder = "tests/fixtures/corpus/gbk";
    let rows = tsv_rows(&stdout(&gwr(&["figures", folder])));
    assert_eq!(&rows[0][..3], ["file", "path", "line"]);
    assert!(rows.len() > 10);
    for r in &rows[1..] {
        // The path is the folder as given joined with the file, so it
        // opens from where gwr ran, and the figure is on its line.
        assert_eq!(r[1], format!("{folder}/{}", r[0]));
        let bytes = std::fs::read(std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(&r[1]))
            .expect("path opens from the current directory");
        let (text, _, _) = encoding_rs::GB18030.decode(&bytes);
        let line: usize = r[2].parse().expect("line");
        let original = text.split('\n').nth(line - 1).expect("line exists");
        assert!(original.contains(r[3].as_str()), "{} line {line}", r[1]);
    }
    // The built-in corpus has no path on disk.
    let builtin = tsv_rows(&stdout(&gwr(&["list"])));
    assert!(builtin[1..].iter().all(|r| r[1].is_empty()));
}

#[test]
fn rows_keep_the_order_of_the_files() {
    // Parsed in parallel, written in the order the files are found.
    let rows = tsv_rows(&stdout(&gwr(&["outline", "assets/corpus"])));
    let files: Vec<&str> = rows[1..].iter().map(|r| r[0].as_str()).collect();
    let mut sorted = files.clone();
    sorted.sort();
    assert_eq!(files, sorted);
}
