//! No input makes search panic: arbitrary query strings, arbitrary text
//! through the tokenizers and the highlighter.

mod fuzz_support;

use gwr::search::normalize;
use gwr::search::tokenizer::NgramTokenizer;
use gwr::search::{from_reports, locate, Query};
use proptest::prelude::*;
use std::sync::OnceLock;
use tantivy::tokenizer::{TokenStream, Tokenizer};

/// Strings mixing the query language's special characters, Chinese, and
/// anything else.
fn query_text() -> impl Strategy<Value = String> {
    prop_oneof![
        ".*",
        "[a-z:：\"|()\\- 　污水处理年0-9.\u{200B}\u{FEFF}]{0,24}",
        "(year|province|level|topic|title|city|county|place|foo)[:：][a-z0-9.安徽县\"]{0,8}",
    ]
}

fn index() -> &'static gwr::search::SearchIndex {
    static INDEX: OnceLock<gwr::search::SearchIndex> = OnceLock::new();
    INDEX.get_or_init(|| {
        let corpus = gwr::corpus::load_builtin();
        let samples: Vec<_> = corpus
            .reports
            .into_iter()
            .filter(|r| r.file.starts_with("samples/"))
            .collect();
        from_reports(&samples, &gwr::topics::TopicSource::builtin()).expect("index")
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(fuzz_support::cases(3000)))]

    #[test]
    fn parsing_never_panics_and_errors_point_inside(q in query_text()) {
        match Query::parse(&q) {
            Ok(parsed) => {
                // The canonical form means the same (the language has no
                // escape for a `"` inside a phrase).
                if !q.contains('"') {
                    let again = Query::parse(&parsed.expr.to_string());
                    prop_assert_eq!(again.map(|a| a.expr), Ok(parsed.expr.clone()));
                }
            }
            Err(e) => {
                prop_assert!(!e.message.is_empty());
                prop_assert!(e.at.start <= e.at.end && e.at.end <= q.chars().count());
            }
        }
    }

    #[test]
    fn tokens_and_units_stay_on_char_boundaries(text in ".{0,64}") {
        for mut t in [NgramTokenizer::bigrams(), NgramTokenizer::both()] {
            let mut s = t.token_stream(&text);
            while s.advance() {
                let tok = s.token();
                prop_assert!(text.is_char_boundary(tok.offset_from));
                prop_assert!(text.is_char_boundary(tok.offset_to));
                prop_assert!(tok.offset_from < tok.offset_to);
            }
        }
        let mut last_end = 0;
        for u in normalize::units(&text) {
            prop_assert!(u.start >= last_end && u.start < u.end && u.end <= text.len());
            prop_assert!(text.is_char_boundary(u.start) && text.is_char_boundary(u.end));
            last_end = u.end;
        }
    }

    #[test]
    fn snippets_never_panic(text in ".{0,80}", a in 0usize..400, b in 0usize..400, w in 0usize..100) {
        let s = locate::snippet(&text, a.min(b)..a.max(b), w);
        prop_assert!(s.chars().count() <= text.chars().count() + 2);
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    #[test]
    fn any_parsable_query_runs(q in query_text()) {
        if let Ok(parsed) = Query::parse(&q) {
            let searcher = index().searcher();
            prop_assert!(searcher.search(&parsed, 5).is_ok());
            prop_assert!(searcher.matching_reports(&parsed).is_ok());
        }
    }
}
