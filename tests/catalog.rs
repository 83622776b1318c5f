//! The catalogue: every report served through a cache smaller than the
//! corpus, files that change or vanish after cataloguing, and the saved
//! catalogue reused on the next start (or rebuilt when damaged).

use gwr::corpus::{self, LoadError};
use gwr::corpus::{scan, Source};
use gwr::library::catalog::{catalog_file, Catalog};
use gwr::topics::TopicSource;
use gwr::topics::{self, Taxonomy, TopicSummary};
use std::fs;
use std::path::{Path, PathBuf};

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/corpus/national")
}

/// A copy of some fixture reports in a temporary folder (tests change it).
fn corpus_copy(n: usize) -> (tempfile::TempDir, PathBuf) {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("reports");
    fs::create_dir(&dir).unwrap();
    let mut files: Vec<PathBuf> = fs::read_dir(fixtures())
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .collect();
    files.sort();
    for f in files.iter().take(n) {
        fs::copy(f, dir.join(f.file_name().unwrap())).unwrap();
    }
    (tmp, dir)
}

fn open(dir: &Path, cache: &Path, budget: usize) -> Catalog {
    open_with(dir, cache, budget, &TopicSource::builtin())
}

fn open_with(dir: &Path, cache: &Path, budget: usize, topics: &TopicSource) -> Catalog {
    Catalog::open(
        &Source::Paths(vec![dir.to_path_buf()]),
        Some(cache),
        budget,
        topics,
    )
}

#[test]
fn a_budget_smaller_than_the_corpus_serves_every_report_and_stays_under_it() {
    let (tmp, dir) = corpus_copy(12);
    let eager = corpus::load_paths(std::slice::from_ref(&dir));
    let catalog = open(&dir, &tmp.path().join("cache"), 0);
    let total = catalog.text_bytes();
    let budget = total / 4;
    let catalog = open(&dir, &tmp.path().join("cache2"), budget);
    assert_eq!(catalog.len(), 12);
    assert!(catalog.problems.is_empty(), "{:?}", catalog.problems);
    // Twice round, so the second pass must parse again what was evicted.
    for _ in 0..2 {
        for (i, entry) in catalog.entries().iter().enumerate() {
            let report = catalog.report(i).expect("report");
            let expected = eager
                .reports
                .iter()
                .find(|r| r.file == entry.file)
                .expect("same files");
            assert_eq!(report.paragraphs, expected.paragraphs, "{}", entry.file);
            assert_eq!(report.sections, expected.sections, "{}", entry.file);
            assert_eq!(report.meta, entry.meta);
            drop(report);
            assert!(
                catalog.cached_bytes() <= budget,
                "{} cached, budget {budget}",
                catalog.cached_bytes()
            );
        }
    }
    assert!(catalog.cached_bytes() > 0, "the cache holds something");
    // 12 parses to catalogue, and more than 12 to serve the reports twice
    // through a cache that holds a quarter of them.
    assert!(catalog.parses() > 12 + 12, "{} parses", catalog.parses());
}

#[test]
fn the_report_being_read_is_not_evicted_while_held() {
    let (tmp, dir) = corpus_copy(6);
    let catalog = open(&dir, &tmp.path().join("cache"), 0);
    let biggest = (0..catalog.len())
        .max_by_key(|&i| catalog.entry(i).unwrap().text_bytes)
        .unwrap();
    let budget = catalog.entry(biggest).unwrap().text_bytes;
    let catalog = open(&dir, &tmp.path().join("cache"), budget);
    let held = catalog.report(biggest).unwrap();
    let parses = catalog.parses();
    for i in 0..catalog.len() {
        let _ = catalog.report(i).unwrap();
    }
    let again = catalog.report(biggest).unwrap();
    assert!(std::sync::Arc::ptr_eq(&held, &again));
    // Every other report was parsed once; the held one not again.
    assert_eq!(catalog.parses(), parses + catalog.len() - 1);
}

#[test]
fn a_file_changed_or_deleted_after_cataloguing_is_a_message_naming_it() {
    let (tmp, dir) = corpus_copy(3);
    let catalog = open(&dir, &tmp.path().join("cache"), 0);
    let path_of = |i: usize| catalog.entry(i).unwrap().path.clone().unwrap();
    let changed = path_of(0);
    let mut text = fs::read(&changed).unwrap();
    text.extend_from_slice("\n追加的一段文字。\n".as_bytes());
    fs::write(&changed, text).unwrap();
    let deleted = path_of(1);
    fs::remove_file(&deleted).unwrap();

    let problem = catalog.report(0).unwrap_err();
    assert_eq!(problem.error, LoadError::Changed);
    assert!(problem
        .to_string()
        .contains(&*changed.file_name().unwrap().to_string_lossy()));
    let problem = catalog.report(1).unwrap_err();
    assert_eq!(problem.error, LoadError::Vanished);
    assert!(problem
        .to_string()
        .contains(&*deleted.file_name().unwrap().to_string_lossy()));
    assert!(catalog.get(1).is_none());
    // The rest keeps working.
    assert!(catalog.report(2).is_ok());
}

#[test]
fn the_saved_catalogue_is_reused_for_unchanged_files() {
    let (tmp, dir) = corpus_copy(8);
    let cache = tmp.path().join("cache");
    let first = open(&dir, &cache, 1 << 20);
    assert_eq!(first.parses(), 8);
    assert_eq!(first.reused(), 0);
    let scanned = scan(&Source::Paths(vec![dir.clone()]));
    assert!(catalog_file(&cache, &scanned).is_file());

    let second = open(&dir, &cache, 1 << 20);
    assert_eq!(second.parses(), 0, "unchanged files are not parsed");
    assert_eq!(second.reused(), 8);
    assert_eq!(second.entries(), first.entries());

    // One changed file: only it is parsed again.
    let changed = second.entry(3).unwrap().path.clone().unwrap();
    let mut text = fs::read(&changed).unwrap();
    text.extend_from_slice("\n追加的一段文字。\n".as_bytes());
    fs::write(&changed, text).unwrap();
    let third = open(&dir, &cache, 1 << 20);
    assert_eq!(third.parses(), 1);
    assert_eq!(third.reused(), 7);
    assert_ne!(third.entry(3).unwrap().stamp, first.entry(3).unwrap().stamp);
    assert!(third.report(3).is_ok());
}

/// What full classification gives every report of `catalog`, parsing the
/// files afresh: `TopicSummary::of` of the report's topics.
fn classified(catalog: &Catalog, taxonomy: &Taxonomy) -> Vec<TopicSummary> {
    catalog
        .entries()
        .iter()
        .map(|e| {
            let path = e.path.clone().expect("a file");
            let bytes = fs::read(&path).unwrap();
            let r = corpus::parse_report(&e.file, Some(path), &bytes).unwrap();
            TopicSummary::of(&r, &taxonomy.classify(&r), taxonomy.topics().len())
        })
        .collect()
}

#[test]
fn a_later_start_has_every_topic_summary_without_parsing() {
    let (tmp, dir) = corpus_copy(8);
    let cache = tmp.path().join("cache");
    let builtin = TopicSource::builtin();
    let first = open(&dir, &cache, 1 << 20);
    // Summarised from the parse that made the entries: nothing parsed twice.
    assert_eq!(first.missing_summaries(&builtin), 0);
    let made = first.topic_summaries(&builtin, false);
    assert_eq!(first.parses(), 8);

    let second = open(&dir, &cache, 1 << 20);
    assert_eq!(second.missing_summaries(&builtin), 0);
    let reused = second.topic_summaries(&builtin, true);
    assert_eq!(second.parses(), 0, "unchanged files are not parsed");
    let expected = classified(&second, &Taxonomy::builtin());
    assert_eq!(reused, expected);
    assert_eq!(made, expected);
    assert!(expected.iter().all(|s| *s != TopicSummary::default()));
}

#[test]
fn a_changed_file_is_the_only_one_parsed_and_its_summary_follows_it() {
    let (tmp, dir) = corpus_copy(8);
    let cache = tmp.path().join("cache");
    let builtin = TopicSource::builtin();
    let first = open(&dir, &cache, 1 << 20);
    let before = first.topic_summaries(&builtin, false);
    // Report 3 keeps only its first fifth.
    let changed = first.entry(3).unwrap().path.clone().unwrap();
    let text = fs::read_to_string(&changed).unwrap();
    let lines: Vec<&str> = text.lines().collect();
    fs::write(&changed, lines[..lines.len() / 5].join("\n")).unwrap();

    let second = open(&dir, &cache, 1 << 20);
    assert_eq!(second.parses(), 1);
    assert_eq!(second.missing_summaries(&builtin), 0);
    let after = second.topic_summaries(&builtin, false);
    assert_eq!(second.parses(), 1, "no file parsed again for its topics");
    assert_eq!(after, classified(&second, &Taxonomy::builtin()));
    assert_ne!(after[3], before[3], "the summary follows the new text");
    assert_eq!(after[..3], before[..3]);
    assert_eq!(after[4..], before[4..]);
}

/// A user taxonomy of two topics (`tests/fixtures/topics/small.toml`).
const SMALL_TAXONOMY: &str = include_str!("fixtures/topics/small.toml");

#[test]
fn another_taxonomy_gives_summaries_classified_with_it() {
    let (tmp, dir) = corpus_copy(6);
    let cache = tmp.path().join("cache");
    let builtin = TopicSource::builtin();
    let config = tmp.path().join("config");
    fs::create_dir(&config).unwrap();
    fs::write(config.join(topics::FILE_NAME), SMALL_TAXONOMY).unwrap();
    let (small, warnings) = TopicSource::load_from(Some(&config));
    assert!(warnings.is_empty(), "{warnings:?}");
    assert_eq!(small.taxonomy.topics().len(), 2);
    let first = open(&dir, &cache, 1 << 20);
    let with_builtin = first.topic_summaries(&builtin, false);

    // The user's taxonomy: the saved entries are reused, their summaries
    // are not; classifying again parses every file once.
    let second = open_with(&dir, &cache, 1 << 20, &small);
    assert_eq!(second.parses(), 0);
    assert_eq!(second.missing_summaries(&small), 6);
    let with_small = second.topic_summaries(&small, false);
    assert_eq!(second.parses(), 6);
    assert_eq!(with_small, classified(&second, &small.taxonomy));
    assert_ne!(with_small, with_builtin);
    assert!(with_small
        .iter()
        .any(|s| s.has(small.taxonomy.find_topic("water").unwrap(), None)));

    // Saved again with it: the next start classifies nothing.
    let third = open_with(&dir, &cache, 1 << 20, &small);
    assert_eq!(third.missing_summaries(&small), 0);
    assert_eq!(third.topic_summaries(&small, false), with_small);
    assert_eq!(third.parses(), 0);

    // The user edits the file: other topics, summaries made again.
    fs::write(
        config.join(topics::FILE_NAME),
        SMALL_TAXONOMY.replace("\"火\" = 2", "\"火\" = 2\n\"发展\" = 1"),
    )
    .unwrap();
    let (edited, _) = TopicSource::load_from(Some(&config));
    let fourth = open_with(&dir, &cache, 1 << 20, &edited);
    assert_eq!(fourth.missing_summaries(&edited), 6);
    let with_edited = fourth.topic_summaries(&edited, false);
    assert_eq!(with_edited, classified(&fourth, &edited.taxonomy));
    assert_ne!(with_edited, with_small);

    // And back to the built-in one.
    let fifth = open(&dir, &cache, 1 << 20);
    assert_eq!(fifth.missing_summaries(&builtin), 6);
    assert_eq!(fifth.topic_summaries(&builtin, false), with_builtin);
}

#[test]
fn a_damaged_saved_catalogue_is_rebuilt() {
    let (tmp, dir) = corpus_copy(4);
    let cache = tmp.path().join("cache");
    let first = open(&dir, &cache, 1 << 20);
    let file = catalog_file(&cache, &scan(&Source::Paths(vec![dir.clone()])));
    let saved = fs::read(&file).unwrap();
    fs::write(&file, &saved[..saved.len() / 2]).unwrap();

    let rebuilt = open(&dir, &cache, 1 << 20);
    assert_eq!(rebuilt.parses(), 4);
    assert_eq!(rebuilt.entries(), first.entries());
    assert!(
        rebuilt.notices.iter().any(|n| n.contains("damaged")),
        "{:?}",
        rebuilt.notices
    );
    // And saved whole again.
    let again = open(&dir, &cache, 1 << 20);
    assert_eq!(again.parses(), 0);
    assert!(again.notices.is_empty(), "{:?}", again.notices);
}

#[test]
fn the_builtin_corpus_is_held_behind_the_same_api() {
    let catalog = Catalog::open(&Source::Builtin, None, 0, &TopicSource::builtin());
    let eager = corpus::load_builtin();
    assert_eq!(catalog.len(), eager.reports.len());
    for (i, r) in eager.reports.iter().enumerate() {
        assert_eq!(catalog.entry(i).unwrap().file, r.file);
        assert_eq!(catalog.report(i).unwrap().paragraphs, r.paragraphs);
    }
    // Its topic summaries are made when asked for, as full classification
    // gives them.
    let builtin = TopicSource::builtin();
    assert_eq!(catalog.missing_summaries(&builtin), catalog.len());
    let summaries = catalog.topic_summaries(&builtin, true);
    let taxonomy = Taxonomy::builtin();
    for (r, s) in eager.reports.iter().zip(&summaries) {
        assert_eq!(
            *s,
            TopicSummary::of(r, &taxonomy.classify(r), taxonomy.topics().len())
        );
    }
}

/// The reader on a catalogue whose files change under it: opening a report
/// whose file is gone or changed tells the user which file, and the reader
/// carries on with the report it had.
#[test]
fn the_reader_names_a_changed_or_deleted_file_and_keeps_reading() {
    use gwr::tui::app::{App, Msg, Settings};
    use gwr::tui::memory::MemoryStore;
    let (tmp, dir) = corpus_copy(3);
    let catalog = open(&dir, &tmp.path().join("cache"), 0);
    let path_of = |i: usize| catalog.entry(i).unwrap().path.clone().unwrap();
    let (deleted, changed) = (path_of(1), path_of(2));
    let mut app = App::new(Settings::default(), Box::new(MemoryStore::default()));
    app.update(Msg::Resize(100, 30));
    app.update(Msg::Loaded(Box::new(catalog)));
    app.open_report(0);
    assert_eq!(app.current_report().map(|(i, _)| i), Some(0));

    fs::remove_file(&deleted).unwrap();
    app.open_report(1);
    let message = app.message.clone().expect("a message");
    assert!(
        message.contains(&*deleted.file_name().unwrap().to_string_lossy()),
        "{message}"
    );
    assert!(message.contains("gone"), "{message}");
    assert_eq!(app.current_report().map(|(i, _)| i), Some(0));

    let mut text = fs::read(&changed).unwrap();
    text.extend_from_slice("\n追加的一段文字。\n".as_bytes());
    fs::write(&changed, text).unwrap();
    app.open_report(2);
    let message = app.message.clone().expect("a message");
    assert!(
        message.contains(&*changed.file_name().unwrap().to_string_lossy()),
        "{message}"
    );
    assert!(message.contains("changed"), "{message}");
    assert_eq!(app.current_report().map(|(i, _)| i), Some(0));
    // Walks across the corpus skip the unreadable reports.
    app.update(Msg::Action(gwr::tui::action::Action::TopicView));
    app.wait_for_views();
    let view = app
        .layer::<gwr::tui::topic_view::TopicView>()
        .expect("the topic view");
    assert!(view.progress().is_none(), "gathered");
}

/// The reader on a later start: every topic summary comes with the
/// catalogue, so the topics are ready as soon as the corpus is, without a
/// worker classifying anything.
#[test]
fn the_reader_has_the_saved_topic_summaries_at_once() {
    use gwr::tui::app::{App, Msg, Settings};
    use gwr::tui::memory::MemoryStore;
    let (tmp, dir) = corpus_copy(5);
    let cache = tmp.path().join("cache");
    drop(open(&dir, &cache, 0));
    let mut app = App::new(Settings::default(), Box::new(MemoryStore::default()));
    app.update(Msg::Resize(100, 30));
    app.update(Msg::Loaded(Box::new(open(&dir, &cache, 0))));
    assert!(!app.topics.busy(), "no worker");
    let summaries = app.topics.summaries().expect("the summaries").to_vec();
    assert_eq!(summaries, classified(app.catalog(), &Taxonomy::builtin()));
    // Only the report opened was parsed.
    assert_eq!(app.catalog().parses(), 1);
}

/// A chart across the corpus walks the catalogue and keeps only the
/// figures of its indicator, yet names each by its position among all of
/// the report's figures: the same chart as over every figure.
#[test]
fn an_indicator_across_a_catalogue_keeps_only_its_figures() {
    use gwr::figures::across::Indicator;
    use gwr::figures::across::{across, across_matching, extract_corpus, Matching};
    use gwr::report::Reports;
    let (tmp, dir) = corpus_copy(10);
    let catalog = open(&dir, &tmp.path().join("cache"), 0);
    let all = extract_corpus(&catalog);
    let years: Vec<Option<u16>> = catalog.entries().iter().map(|e| e.meta.year).collect();
    // The canonical indicator stated most often in these reports.
    let mut counts = std::collections::HashMap::new();
    for rf in all.iter().flatten() {
        if let Some(name) = rf.figure.canonical {
            *counts.entry(name).or_insert(0) += 1;
        }
    }
    let (&name, _) = counts
        .iter()
        .max_by_key(|(n, c)| (**c, **n))
        .expect("indicators");
    let indicator = Indicator::Canonical(name);
    // One report at a time, as the reader's chart walks them.
    let matching: Vec<Matching> = (0..catalog.count())
        .map(|i| {
            catalog
                .with(i, |r| Matching::extract(r, &indicator))
                .expect("readable")
        })
        .collect();
    let expected = across(&all, &years, &indicator);
    assert!(
        expected.iter().map(|g| g.rows.len()).sum::<usize>() > 3,
        "the indicator is in the corpus"
    );
    assert_eq!(across_matching(&matching, &years, &indicator), expected);
    for (m, list) in matching.iter().zip(&all) {
        for (i, rf) in list.iter().enumerate() {
            assert_eq!(m.get(i).is_some(), indicator.matches(&rf.figure));
            if let Some(kept) = m.get(i) {
                assert_eq!(kept, rf);
            }
        }
    }
    // Nothing was cached on the way (budget 0): the walk held one report at a time.
    assert_eq!(catalog.cached_bytes(), 0);
}
