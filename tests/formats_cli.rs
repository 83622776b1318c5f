//! A folder of the files users have: Word files, portal pages, a PDF, a
//! damaged file. `gwr list` loads what it can and names the rest with one
//! line each; `gwr show` prints a report's text, its lines the lines the
//! other commands cite.

mod cli_support;
mod formats_support;

use cli_support::{stderr, stdout};
use formats_support::{docx, gb_bytes, portal_page, Layout};
use gwr::corpus::parse_report;

fn gwr(args: &[&str]) -> std::process::Output {
    cli_support::run(cli_support::command().args(args))
}

fn real_report() -> gwr::report::Report {
    let (_, bytes) = gwr::corpus::builtin_files()
        .into_iter()
        .find(|(name, _)| name.contains("河北"))
        .expect("the 河北 report is built in");
    parse_report("report.txt", None, bytes).unwrap()
}

/// A folder: a Word file, a GB2312 page, a text file, and three files that
/// cannot be read.
fn folder() -> tempfile::TempDir {
    let report = real_report();
    let dir = tempfile::tempdir().unwrap();
    let write = |name: &str, bytes: &[u8]| std::fs::write(dir.path().join(name), bytes).unwrap();
    write("工作报告.docx", &docx(&report));
    std::fs::create_dir_all(dir.path().join("网页")).unwrap();
    write(
        "网页/content_123.htm",
        &gb_bytes(&portal_page(&report, Layout::Table, Some("gb2312"))),
    );
    write("损坏.docx", b"PK\x03\x04 cut off in the download");
    write("空.html", b"");
    write("扫描件.pdf", b"\x89PNG\r\n\x1a\n not a pdf at all");
    write("说明.doc", b"not searched for");
    dir
}

fn word_file(dir: &tempfile::TempDir) -> String {
    dir.path()
        .join("工作报告.docx")
        .to_string_lossy()
        .into_owned()
}

#[test]
fn a_folder_of_word_files_and_pages_loads_and_names_what_it_cannot() {
    let dir = folder();
    let out = gwr(&["list", &dir.path().to_string_lossy()]);
    assert!(out.status.success(), "{}", stderr(&out));
    let listing = stdout(&out);
    let rows: Vec<&str> = listing.lines().skip(1).collect();
    assert_eq!(rows.len(), 2, "{listing}");
    for row in &rows {
        let cells: Vec<&str> = row.split('\t').collect();
        assert_eq!(cells[4], "河北省", "{row}");
        assert_eq!(cells[7], "2026", "{row}");
    }
    assert!(rows.iter().any(|r| r.contains("GB18030")), "{listing}");
    let errors = stderr(&out);
    let lines: Vec<&str> = errors.lines().collect();
    assert_eq!(lines.len(), 3, "{errors}");
    for name in ["损坏.docx", "空.html", "扫描件.pdf"] {
        assert!(
            lines
                .iter()
                .any(|l| l.starts_with("gwr: ") && l.contains(name)),
            "{name} in {errors}"
        );
    }
}

#[test]
fn show_prints_the_paragraphs_and_its_lines_are_the_outline_lines() {
    let dir = folder();
    let file = word_file(&dir);
    let out = gwr(&["show", &file]);
    assert!(out.status.success(), "{}", stderr(&out));
    let shown = stdout(&out);
    let report = real_report();
    let paragraphs: Vec<&str> = shown.trim_end().split("\n\n").collect();
    for p in &report.paragraphs {
        assert!(paragraphs.contains(&p.text.trim()), "{} not shown", p.text);
    }
    let lines: Vec<&str> = shown.lines().collect();
    let outline = stdout(&gwr(&["outline", &file]));
    for row in outline.lines().skip(1) {
        let cells: Vec<&str> = row.split('\t').collect();
        let line: usize = cells[2].parse().unwrap();
        let heading: String = format!("{}{}", cells[4], cells[5])
            .chars()
            .take(8)
            .collect();
        assert!(
            lines[line - 1].contains(&heading),
            "line {line}: {}",
            lines[line - 1]
        );
    }
}

#[test]
fn show_section_prints_one_outline_entry() {
    let dir = folder();
    let file = word_file(&dir);
    let outline = stdout(&gwr(&["outline", &file]));
    let (n, row) = outline
        .lines()
        .skip(1)
        .enumerate()
        .find(|(_, r)| r.split('\t').nth(4) == Some("二、"))
        .expect("a 二、 heading");
    let title = row.split('\t').nth(5).unwrap();
    let out = gwr(&["show", &file, "--section", &(n + 1).to_string()]);
    assert!(out.status.success(), "{}", stderr(&out));
    let shown = stdout(&out);
    assert!(shown.starts_with(&format!("二、{title}")), "{shown}");
    assert!(
        !shown.contains("\n三、"),
        "the next top heading is not in it"
    );
    let beyond = gwr(&["show", &file, "--section", "100000"]);
    assert_eq!(beyond.status.code(), Some(2));
    assert!(stderr(&beyond).contains("no outline entry"));
}

#[test]
fn show_of_a_folder_of_several_reports_asks_for_one() {
    let dir = folder();
    let out = gwr(&["show", &dir.path().to_string_lossy()]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("name one file"), "{}", stderr(&out));
    let broken = gwr(&["show", &dir.path().join("损坏.docx").to_string_lossy()]);
    assert_eq!(broken.status.code(), Some(1));
    assert_eq!(stderr(&broken).lines().count(), 1, "{}", stderr(&broken));
}

#[test]
fn search_finds_word_files_and_pages_at_the_lines_show_prints() {
    let dir = folder();
    let cache = tempfile::tempdir().unwrap();
    let root = dir.path().to_string_lossy().into_owned();
    let out = cli_support::run(
        cli_support::command()
            .args(["search", "雄安", &root, "--limit", "100"])
            .env("GWR_CACHE_DIR", cache.path()),
    );
    assert!(out.status.success(), "{}", stderr(&out));
    let table = stdout(&out);
    let rows: Vec<Vec<&str>> = table
        .lines()
        .skip(1)
        .map(|l| l.split('\t').collect())
        .collect();
    for file in ["工作报告.docx", "网页/content_123.htm"] {
        let hits: Vec<&Vec<&str>> = rows.iter().filter(|r| r[0] == file).collect();
        assert!(!hits.is_empty(), "{file} in {table}");
        let shown = stdout(&gwr(&["show", &dir.path().join(file).to_string_lossy()]));
        let lines: Vec<&str> = shown.lines().collect();
        for row in hits {
            let line: usize = row[2].parse().unwrap();
            assert!(
                lines[line - 1].contains("雄安"),
                "{file} line {line}: {}",
                lines[line - 1]
            );
        }
    }
}
