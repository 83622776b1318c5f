//! The extractor on the built-in samples, scored against
//! tests/fixtures/figures/gold-samples.tsv with the rules of score.py.
//!
//! Set `GWR_FIGURES_TSV=path` to also write the predictions as TSV, to
//! compare this scorer with `python3 tests/fixtures/figures/score.py`.

mod figures_support;

use figures_support::{fixture, read_tsv, score};
use gwr::cli::figures::{table, Filter};
use gwr::cli::output::Format;
use gwr::corpus::load_paths;

/// The pipeline's TSV for the samples, exactly as `gwr figures` prints it.
fn predicted_tsv() -> String {
    let corpus = load_paths(&[fixture("assets/corpus/samples")]);
    assert!(corpus.problems.is_empty(), "{:?}", corpus.problems);
    assert_eq!(corpus.reports.len(), 5, "the five samples");
    let mut out = Vec::new();
    table(&corpus, &Filter::default())
        .write(Format::Tsv, &mut out)
        .expect("write TSV");
    String::from_utf8(out).expect("UTF-8 TSV")
}

#[test]
fn gold_samples_meet_the_bars() {
    let gold_text = std::fs::read_to_string(fixture("tests/fixtures/figures/gold-samples.tsv"))
        .expect("gold file");
    let gold = read_tsv(&gold_text);
    let tsv = predicted_tsv();
    if let Ok(path) = std::env::var("GWR_FIGURES_TSV") {
        std::fs::write(path, &tsv).expect("write predictions");
    }
    let pred = read_tsv(&tsv);
    let s = score(&gold, &pred);
    println!(
        "gold={} predicted={} matched={} false_pos={} missed={}",
        s.gold, s.predicted, s.matched, s.false_pos, s.missed
    );
    println!(
        "figures: P={:.3} R={:.3} F1={:.3} indicator={:.3} qualifier={:.3} kind={:.3} status={:.3} period={:.3}",
        s.precision, s.recall, s.f1, s.indicator, s.qualifier, s.kind, s.status, s.period
    );
    assert!(s.f1 >= 0.97, "F1 {:.3} < 0.97", s.f1);
    assert!(s.status >= 0.97, "status {:.3} < 0.97", s.status);
    assert!(s.period >= 0.95, "period {:.3} < 0.95", s.period);
    assert!(s.indicator >= 0.90, "indicator {:.3} < 0.90", s.indicator);
    assert!(s.qualifier >= 0.95, "qualifier {:.3} < 0.95", s.qualifier);
    assert!(s.kind >= 0.95, "kind {:.3} < 0.95", s.kind);
}

#[test]
fn scorer_counts_like_score_py() {
    // A tiny hand-checked case: one exact match, one wrong unit (a false
    // positive and a miss), one optional gold figure not predicted.
    let gold = read_tsv(
        "file\tline\traw\tvalue\tunit\tqualifier\tkind\tindicator\toptional\n\
         a.txt\t1\t5个\t5\t个\t=\tlevel\t学校\t0\n\
         a.txt\t2\t3%\t3\t%\t>\tchange\t增速\t0\n\
         a.txt\t3\t两年\t2\t年\t=\tlevel\t提前\t1\n",
    );
    let pred = read_tsv(
        "file\tline\traw\tvalue\tunit\tqualifier\tkind\tindicator\n\
         ./a.txt\t1\t5个\t5.0000000001\t个\t=\tlevel\t新建学校\n\
         a.txt\t2\t3\t3\t个\t=\tlevel\t增速\n",
    );
    let s = score(&gold, &pred);
    assert_eq!((s.gold, s.matched, s.false_pos, s.missed), (2, 1, 1, 1));
    assert_eq!((s.precision, s.recall), (0.5, 0.5));
    assert_eq!((s.indicator, s.qualifier, s.kind), (1.0, 1.0, 1.0));
    // No time columns predicted: nothing to score.
    assert_eq!((s.status, s.period), (0.0, 0.0));
}

#[test]
fn scorer_counts_status_and_period_like_score_py() {
    // Three matched pairs: one right, one with the wrong period, one whose
    // gold period is `*` (the annotators disagreed: not scored).
    let gold = read_tsv(
        "file\tline\traw\tvalue\tunit\tqualifier\tkind\tindicator\tstatus\tperiod\n\
         a.txt\t1\t5个\t5\t个\t=\tlevel\t学校\tactual\t2022\n\
         a.txt\t2\t3%\t3\t%\t=\tchange\t增速\ttarget\t2023\n\
         a.txt\t3\t两年\t2\t年\t=\tlevel\t行动\tactual\t*\n",
    );
    let pred = read_tsv(
        "file\tline\traw\tvalue\tunit\tqualifier\tkind\tindicator\tstatus\tperiod\n\
         a.txt\t1\t5个\t5\t个\t=\tlevel\t学校\tactual\t2022\n\
         a.txt\t2\t3%\t3\t%\t=\tchange\t增速\ttarget\t2021-2025\n\
         a.txt\t3\t两年\t2\t年\t=\tlevel\t行动\tactual\t2022\n",
    );
    let s = score(&gold, &pred);
    assert_eq!(s.matched, 3);
    assert_eq!(s.status, 1.0);
    assert_eq!(s.period, 0.5);
}
