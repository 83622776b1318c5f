//! The recall guarantee: any string that occurs in a report's text finds the
//! passage (section) that contains it, whatever jieba makes of it; and
//! every passage found really contains it.

use gwr::corpus::synthetic::Rng;
use gwr::report::{Report, Section, SectionKind};
use gwr::search::{from_reports, Query, SearchIndex};
use gwr::search::{locate, normalize};
use std::path::PathBuf;

/// Real reports of every kind (district pages, provincial reports, a
/// GB18030 file), small enough for a debug build.
fn real_reports() -> Vec<Report> {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let builtin = gwr::corpus::load_builtin().reports;
    let mut reports: Vec<Report> = builtin
        .iter()
        .filter(|r| r.file.starts_with("samples/"))
        .cloned()
        .collect();
    reports.extend(
        builtin
            .iter()
            .filter(|r| r.file.starts_with("provinces-2026/"))
            .step_by(8)
            .cloned(),
    );
    let fixtures = gwr::corpus::load_paths(&[root.join("tests/fixtures/corpus/gbk")]);
    assert!(fixtures.problems.is_empty(), "{:?}", fixtures.problems);
    reports.extend(fixtures.reports);
    assert!(reports.len() >= 10);
    reports
}

/// Give reports without an outline artificial sections (a heading every
/// few paragraphs, two levels), so passages are sections whatever the
/// outline finds today.
fn with_sections(mut r: Report) -> Report {
    if !r.sections.is_empty() {
        return r;
    }
    let n = r.paragraphs.len();
    let mut sections = Vec::new();
    let mut p = 2;
    while p < n {
        let top = sections.len();
        let end = (p + 9).min(n);
        sections.push(section(&r, p, end, 1, None));
        if p + 4 < end {
            sections.push(section(&r, p + 4, end, 2, Some(top)));
        }
        p = end;
    }
    r.sections = sections;
    r
}

fn section(r: &Report, p: usize, end: usize, depth: u8, parent: Option<usize>) -> Section {
    Section {
        label: String::new(),
        title: r.paragraphs[p].text.chars().take(8).collect(),
        depth,
        kind: SectionKind::Heading,
        parent,
        paragraph: p,
        heading: 0..0,
        paragraphs: p..end,
        first_line: r.paragraphs[p].line(),
        last_line: r.paragraphs[end - 1].last_line(),
    }
}

fn is_cjk(c: char) -> bool {
    ('\u{4E00}'..='\u{9FFF}').contains(&c)
}

/// All passages the query matches, as (file, first paragraph).
fn matching(idx: &SearchIndex, q: &str) -> Vec<(String, std::ops::Range<usize>)> {
    let query = Query::parse(q).unwrap_or_else(|e| panic!("{q}: {e}"));
    let all = idx.passage_count() as usize;
    idx.searcher()
        .search(&query, all)
        .expect("search")
        .into_iter()
        .map(|h| (h.file, h.paragraphs))
        .collect()
}

fn passage_contains(r: &Report, paras: std::ops::Range<usize>, q: &str) -> bool {
    let needles = locate::needles(&Query::parse(q).unwrap().expr);
    !locate::find(r, paras, &needles).is_empty()
}

#[test]
fn every_substring_finds_its_section() {
    let reports: Vec<Report> = real_reports().into_iter().map(with_sections).collect();
    let t = std::time::Instant::now();
    let idx = from_reports(&reports, &gwr::topics::TopicSource::builtin()).expect("index");
    eprintln!("index built in {:?}", t.elapsed());
    assert!(idx.passage_count() as usize > reports.len() * 5);
    let t = std::time::Instant::now();
    let mut rng = Rng::new(20240611);
    let mut checked = 0;
    let mut tried = 0;
    while checked < 600 {
        tried += 1;
        assert!(tried < 100_000, "not enough Chinese text to sample");
        let Some(r) = rng.pick(&reports) else {
            continue;
        };
        let Some(p_idx) =
            (!r.paragraphs.is_empty()).then(|| rng.below(r.paragraphs.len() as u64) as usize)
        else {
            continue;
        };
        let chars: Vec<char> = r.paragraphs[p_idx].text.chars().collect();
        let len = 2 + rng.below(5) as usize;
        if chars.len() < len {
            continue;
        }
        let start = rng.below((chars.len() - len + 1) as u64) as usize;
        let sub = &chars[start..start + len];
        if !sub.iter().all(|&c| is_cjk(c)) {
            continue;
        }
        let q: String = sub.iter().collect();
        let hits = matching(&idx, &q);
        let found = hits
            .iter()
            .any(|(file, paras)| *file == r.file && paras.contains(&p_idx));
        assert!(found, "`{q}` (from {} paragraph {p_idx}) not found", r.file);
        // Precision, on a sample of the hits (the scan is slow in debug).
        for (file, paras) in hits.iter().step_by(hits.len() / 8 + 1) {
            let hr = reports
                .iter()
                .find(|x| x.file == *file)
                .expect("hit report");
            assert!(
                passage_contains(hr, paras.clone(), &q),
                "`{q}` falsely matched {file} {paras:?}"
            );
        }
        checked += 1;
    }
    eprintln!("{checked} queries in {:?}", t.elapsed());
}

#[test]
fn jieba_segmentation_does_not_hide_matches() {
    let reports = real_reports();
    let idx = from_reports(&reports, &gwr::topics::TopicSource::builtin()).expect("index");
    let reports_found = |q: &str| {
        let mut files: Vec<String> = matching(&idx, q).into_iter().map(|(f, _)| f).collect();
        files.sort();
        files.dedup();
        files.len()
    };
    // A word inside a longer word, a longer phrase than the dictionary word,
    // a place name inside a longer name.
    for q in [
        "污水处理",
        "污水处理设施",
        "处理",
        "水处",
        "海拉尔",
        "拉尔",
        "蒙古",
    ] {
        let literal = reports
            .iter()
            .filter(|r| r.paragraphs.iter().any(|p| p.text.contains(q)))
            .count();
        let folded = reports
            .iter()
            .filter(|r| passage_contains(r, 0..r.paragraphs.len(), q))
            .count();
        assert!(literal > 0, "{q} should occur in the corpus");
        assert!(folded >= literal);
        assert_eq!(reports_found(q), folded, "{q}");
    }
}

#[test]
fn single_characters_and_mixed_text_are_found() {
    let reports = real_reports();
    let idx = from_reports(&reports, &gwr::topics::TopicSource::builtin()).expect("index");
    let mut rng = Rng::new(99);
    for _ in 0..150 {
        let r = rng.pick(&reports).unwrap();
        let p = &r.paragraphs[rng.below(r.paragraphs.len() as u64) as usize];
        let chars: Vec<char> = p
            .text
            .chars()
            // Query syntax aside, every character that is text for search
            // (punctuation separates, like whitespace).
            .filter(|c| {
                *c != '"'
                    && *c != '|'
                    && *c != '-'
                    && normalize::folded(&c.to_string())
                        .iter()
                        .any(Option::is_some)
            })
            .collect();
        let Some(&c) = rng.pick(&chars) else { continue };
        let q = c.to_string();
        let hits = matching(&idx, &q);
        assert!(
            hits.iter().any(|(f, _)| *f == r.file),
            "`{q}` not found in {}",
            r.file
        );
    }
    // Digits, Latin letters and full-width forms fold together.
    let with_digits = reports
        .iter()
        .find(|r| r.paragraphs.iter().any(|p| p.text.contains("2023年")))
        .expect("a report mentions 2023年");
    assert!(matching(&idx, "2023年")
        .iter()
        .any(|(f, _)| *f == with_digits.file));
    assert_eq!(
        matching(&idx, "２０２３年").len(),
        matching(&idx, "2023年").len()
    );
}
