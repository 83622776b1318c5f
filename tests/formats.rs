//! Word files and portal pages made from the real report texts read as the
//! text files do: the same place and year, the same headings, every
//! paragraph, none of the portal's chrome.

mod formats_support;

use formats_support::{docx, gb_bytes, portal_page, Layout, CHROME};
use gwr::corpus::{self, parse_report};
use gwr::report::{Report, SectionKind};

/// The real texts: the built-in corpus (31 provinces, 5 district pages)
/// and the national and GB18030 fixtures.
fn real_reports() -> Vec<Report> {
    let mut texts: Vec<Vec<u8>> = corpus::builtin_files()
        .into_iter()
        .map(|(_, bytes)| bytes.to_vec())
        .collect();
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/corpus");
    for folder in ["national", "gbk"] {
        let mut files: Vec<_> = std::fs::read_dir(root.join(folder))
            .unwrap()
            .map(|e| e.unwrap().path())
            .filter(|p| p.extension().is_some_and(|e| e == "txt"))
            .collect();
        files.sort();
        // Every fourth national report: all decades, a quick test.
        let step = if folder == "national" { 4 } else { 1 };
        texts.extend(
            files
                .iter()
                .step_by(step)
                .map(|p| std::fs::read(p).unwrap()),
        );
    }
    // A neutral name: the place and year must come from the text, as they
    // must from a user's `报告.docx`.
    texts
        .iter()
        .map(|t| parse_report("report.txt", None, t).expect("a real report parses"))
        .collect()
}

fn squeeze(s: &str) -> String {
    s.split_whitespace().collect()
}

fn headings(r: &Report) -> Vec<(String, String)> {
    r.sections
        .iter()
        .filter(|s| s.kind == SectionKind::Heading)
        .map(|s| (s.label.clone(), squeeze(&s.title)))
        .collect()
}

/// Check a report read from another format against its text file.
fn reads_like_the_text(text: &Report, other: &Report, what: &str) -> Vec<String> {
    let mut failures = Vec::new();
    let place = |r: &Report| {
        (
            r.meta.province.clone(),
            r.meta.city.clone(),
            r.meta.county.clone(),
        )
    };
    if place(text) != place(other) || text.meta.year != other.meta.year {
        failures.push(format!(
            "{what}: place/year {:?} {:?} against the text's {:?} {:?}",
            place(other),
            other.meta.year,
            place(text),
            text.meta.year
        ));
    }
    let want = headings(text);
    let got = headings(other);
    let found = want.iter().filter(|h| got.contains(h)).count();
    if (found as f64) < 0.95 * want.len() as f64 {
        let missing: Vec<_> = want.iter().filter(|h| !got.contains(h)).take(5).collect();
        failures.push(format!(
            "{what}: {found} of {} headings, missing e.g. {missing:?}",
            want.len()
        ));
    }
    let shown = gwr::cli::show::text(other, None).unwrap();
    let shown_paragraphs: std::collections::HashSet<String> =
        shown.split("\n\n").map(squeeze).collect();
    let lost: Vec<&str> = text
        .paragraphs
        .iter()
        .map(|p| p.text.as_str())
        .filter(|p| !shown_paragraphs.contains(&squeeze(p)))
        .collect();
    if !lost.is_empty() {
        failures.push(format!(
            "{what}: {} paragraphs not shown, e.g. {:?}",
            lost.len(),
            &lost[..lost.len().min(3)]
        ));
    }
    failures
}

#[test]
fn word_files_read_like_their_text() {
    let mut failures = Vec::new();
    let reports = real_reports();
    for (i, text) in reports.iter().enumerate() {
        let bytes = docx(text);
        let word = parse_report("报告.docx", None, &bytes)
            .unwrap_or_else(|e| panic!("report {i} as .docx: {e}"));
        failures.extend(reads_like_the_text(
            text,
            &word,
            &format!("report {i} .docx"),
        ));
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
    assert!(reports.len() > 45);
}

#[test]
fn word_numbering_gives_the_headings_their_numbers() {
    let report = &real_reports()[0];
    let bytes = docx(report);
    let word = parse_report("报告.docx", None, &bytes).unwrap();
    let labels: Vec<&str> = word.sections.iter().map(|s| s.label.as_str()).collect();
    for label in ["一、", "二、", "（一）", "（二）"] {
        assert!(labels.contains(&label), "{label} in {labels:?}");
    }
    let shown = gwr::cli::show::text(&word, None).unwrap();
    assert!(
        !shown.contains("已删除的文字"),
        "a tracked deletion is not text"
    );
}

#[test]
fn portal_pages_read_like_their_text_without_the_chrome() {
    let mut failures = Vec::new();
    for (i, text) in real_reports().iter().enumerate() {
        let pages = [
            (
                "UTF-8",
                portal_page(text, Layout::Modern, Some("utf-8")).into_bytes(),
            ),
            (
                "GB2312",
                gb_bytes(&portal_page(text, Layout::Table, Some("gb2312"))),
            ),
            (
                "undeclared GB",
                gb_bytes(&portal_page(text, Layout::Modern, None)),
            ),
        ];
        for (what, bytes) in pages {
            let what = format!("report {i} page in {what}");
            let page = match parse_report("index.html", None, &bytes) {
                Ok(page) => page,
                Err(e) => {
                    failures.push(format!("{what}: {e}"));
                    continue;
                }
            };
            if what.contains("GB") {
                assert_eq!(page.encoding.name(), "GB18030", "{what}");
            }
            failures.extend(reads_like_the_text(text, &page, &what));
            let shown = gwr::cli::show::text(&page, None).unwrap();
            for chrome in CHROME {
                if shown.contains(chrome) {
                    let line = shown.lines().find(|l| l.contains(chrome)).unwrap_or("");
                    failures.push(format!("{what}: chrome {chrome:?} shown in {line:?}"));
                }
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn lines_of_a_word_file_are_the_lines_show_prints() {
    let report = &real_reports()[3];
    let word = parse_report("报告.docx", None, &docx(report)).unwrap();
    let shown = gwr::cli::show::text(&word, None).unwrap();
    let lines: Vec<&str> = shown.lines().collect();
    assert_eq!(word.line_count as usize, lines.len());
    for s in &word.sections {
        let line = lines[s.first_line as usize - 1];
        let heading: String = format!("{}{}", s.label, s.title).chars().take(8).collect();
        assert!(
            line.contains(&heading),
            "line {} is {line:?}, the outline says {heading}",
            s.first_line
        );
    }
}

#[test]
fn broken_files_get_a_one_line_reason() {
    let cases: [(&str, &[u8]); 6] = [
        ("坏.docx", b"PK\x03\x04 this is no zip archive at all"),
        ("旧.docx", b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1 old word"),
        ("空.html", b""),
        ("空白.html", b"<!DOCTYPE html><html><head><title>x</title></head><body><script>var a=1;</script></body></html>"),
        ("假.pdf", b"\x00\x01\x02\x03\xFF\xFE binary"),
        ("真.pdf", b"%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj"),
    ];
    for (name, bytes) in cases {
        let error = parse_report(name, None, bytes).expect_err(name).to_string();
        assert!(
            !error.is_empty() && !error.contains('\n'),
            "{name}: {error}"
        );
    }
    let zip_without_document = formats_support::zip(&[("other.xml", "<a/>")]);
    let error = parse_report("x.docx", None, &zip_without_document)
        .unwrap_err()
        .to_string();
    assert!(error.contains("not a Word document"), "{error}");
}
