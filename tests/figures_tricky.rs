//! Every sentence of tests/fixtures/figures/tricky.tsv yields exactly the
//! figures listed for it (none for a row with an empty `raw`).

mod figures_support;

use figures_support::{fixture, read_tsv, same_indicator, same_value};
use gwr::figures::{extract_paragraph, Figure};

#[test]
fn every_tricky_row_passes() {
    let text =
        std::fs::read_to_string(fixture("tests/fixtures/figures/tricky.tsv")).expect("tricky.tsv");
    let rows = read_tsv(&text);
    assert!(rows.len() >= 30, "tricky.tsv has {} rows", rows.len());
    // Rows of one id share a sentence, in order.
    let mut cases: Vec<(String, String, Vec<_>)> = Vec::new();
    for r in rows {
        if cases.last().map(|c| &c.0) != Some(&r["id"]) {
            cases.push((r["id"].clone(), r["text"].clone(), Vec::new()));
        }
        if !r["raw"].is_empty() {
            cases.last_mut().expect("a case").2.push(r);
        }
    }
    let mut failures = Vec::new();
    for (id, sentence, expected) in &cases {
        let got = extract_paragraph(sentence);
        let describe = |f: &Figure| {
            format!(
                "{} {} {} {} {} {}",
                f.raw,
                f.value,
                f.unit,
                f.qualifier.symbol(),
                f.kind.name(),
                f.indicator
            )
        };
        if got.len() != expected.len() {
            failures.push(format!(
                "{id} {sentence}: expected {} figures, got {:?}",
                expected.len(),
                got.iter().map(describe).collect::<Vec<_>>()
            ));
            continue;
        }
        for (want, f) in expected.iter().zip(&got) {
            let value: f64 = want["value"].parse().expect("value");
            let ok = f.raw == want["raw"]
                && same_value(f.value, value)
                && f.unit == want["unit"]
                && f.qualifier.symbol() == want["qualifier"]
                && f.kind.name() == want["kind"]
                && same_indicator(&want["indicator"], &f.indicator);
            if !ok {
                failures.push(format!(
                    "{id} {sentence}: expected {} {} {} {} {} {}, got {}",
                    want["raw"],
                    want["value"],
                    want["unit"],
                    want["qualifier"],
                    want["kind"],
                    want["indicator"],
                    describe(f)
                ));
            }
            assert_eq!(&sentence[f.range.clone()], f.raw, "{id}: raw at its range");
        }
    }
    assert!(
        failures.is_empty(),
        "tricky rows failing:\n{}",
        failures.join("\n")
    );
}
