//! Query language → tantivy queries.
//!
//! A string is matched on the bigram field as a phrase of its bigrams at
//! their unit offsets, so it matches exactly where the same characters are
//! adjacent in the text; a single character is the prefix of the terms it
//! starts. Titles and their jieba words only add to the score of passages
//! that already match.

use super::normalize;
use super::query::{Expr, Filter, PlaceField};
use super::schema::Fields;
use super::tokenizer;
use super::topics;
use crate::topics::Taxonomy;
use jieba_rs::Jieba;
use std::ops::Bound;
use tantivy::query::{
    AllQuery, BooleanQuery, BoostQuery, ConstScoreQuery, EmptyQuery, Occur, PhraseQuery,
    Query as TantivyQuery, RangeQuery, TermQuery,
};
use tantivy::schema::{Field, IndexRecordOption};
use tantivy::Term;

/// How a title match weighs against a body match.
const TITLE_BOOST: f32 = 2.0;
/// How a title word match (jieba) weighs against a substring match.
const WORD_BOOST: f32 = 1.0;

/// What a compiled query is for.
#[derive(Clone, Copy)]
pub enum Purpose<'a> {
    /// Only which passages match (counting, filtering): no ranking clauses.
    Match,
    /// The best passages first; title words need the jieba segmenter, and
    /// are left out while it is still loading.
    Rank(Option<&'a Jieba>),
}

/// Build the tantivy query; `taxonomy` says which `topic:` values are
/// topics (the others match heading titles).
pub fn compile(
    expr: &Expr,
    fields: &Fields,
    taxonomy: &Taxonomy,
    purpose: Purpose,
) -> Box<dyn TantivyQuery> {
    let c = Compiler {
        fields,
        taxonomy,
        purpose,
    };
    c.expr(expr)
}

struct Compiler<'a> {
    fields: &'a Fields,
    taxonomy: &'a Taxonomy,
    purpose: Purpose<'a>,
}

fn boolean(clauses: Vec<(Occur, Box<dyn TantivyQuery>)>) -> Box<dyn TantivyQuery> {
    Box::new(BooleanQuery::new(clauses))
}

/// Everything except what `q` matches.
fn all_but(q: Box<dyn TantivyQuery>) -> Box<dyn TantivyQuery> {
    boolean(vec![(Occur::Must, Box::new(AllQuery)), (Occur::MustNot, q)])
}

impl Compiler<'_> {
    fn expr(&self, expr: &Expr) -> Box<dyn TantivyQuery> {
        match expr {
            Expr::And(items) => {
                let mut clauses: Vec<(Occur, Box<dyn TantivyQuery>)> = Vec::new();
                for item in items {
                    match item {
                        Expr::Not(inner) => clauses.push((Occur::MustNot, self.expr(inner))),
                        other => clauses.push((Occur::Must, self.expr(other))),
                    }
                }
                if !clauses.iter().any(|(o, _)| *o == Occur::Must) {
                    clauses.push((Occur::Must, Box::new(AllQuery)));
                }
                boolean(clauses)
            }
            Expr::Or(items) => boolean(
                items
                    .iter()
                    .map(|item| (Occur::Should, self.expr(item)))
                    .collect(),
            ),
            Expr::Not(inner) => all_but(self.expr(inner)),
            Expr::Text(s) => self.text(s),
            Expr::Filter(f) => self.filter(f),
        }
    }

    fn text(&self, s: &str) -> Box<dyn TantivyQuery> {
        let units = normalize::folded(s);
        let matching = substring(self.fields.text, Singles::Prefix, &units);
        let Purpose::Rank(jieba) = self.purpose else {
            return matching;
        };
        let mut clauses: Vec<(Occur, Box<dyn TantivyQuery>)> = vec![
            (Occur::Must, matching),
            (
                Occur::Should,
                Box::new(BoostQuery::new(
                    substring(self.fields.title, Singles::Term, &units),
                    TITLE_BOOST,
                )),
            ),
        ];
        if let Some(jieba) = jieba {
            let folded = normalize::folded_string(s);
            for word in tokenizer::words(jieba, &folded) {
                let term = Term::from_field_text(self.fields.title_words, word);
                clauses.push((
                    Occur::Should,
                    Box::new(BoostQuery::new(
                        Box::new(TermQuery::new(term, IndexRecordOption::WithFreqs)),
                        WORD_BOOST,
                    )),
                ));
            }
        }
        boolean(clauses)
    }

    fn filter(&self, f: &Filter) -> Box<dyn TantivyQuery> {
        let fields = self.fields;
        let exact = |q: Box<dyn TantivyQuery>| -> Box<dyn TantivyQuery> {
            // Field conditions select; they do not rank.
            Box::new(ConstScoreQuery::new(q, 0.0))
        };
        match f {
            Filter::Year { from, to } => {
                let bound = |y: &Option<u16>| match y {
                    Some(y) => Bound::Included(Term::from_field_u64(fields.year, *y as u64)),
                    None => Bound::Unbounded,
                };
                if from.is_none() && to.is_none() {
                    return Box::new(EmptyQuery);
                }
                exact(Box::new(RangeQuery::new(bound(from), bound(to))))
            }
            Filter::Level(level) => exact(Box::new(TermQuery::new(
                Term::from_field_text(fields.level, level.name()),
                IndexRecordOption::Basic,
            ))),
            Filter::Place(which, name) => {
                let field = match which {
                    PlaceField::Province => fields.province,
                    PlaceField::City => fields.city,
                    PlaceField::County => fields.county,
                    PlaceField::Any => fields.place,
                };
                exact(Box::new(TermQuery::new(
                    Term::from_field_text(field, &tokenizer::place_key(name)),
                    IndexRecordOption::Basic,
                )))
            }
            // A value the taxonomy lacks matches nothing; `Query::check_topics`
            // (or `Searcher::parse`) says so before searching.
            Filter::Topic(s) => match topics::find(self.taxonomy, s) {
                Some(topic) => exact(Box::new(TermQuery::new(
                    Term::from_field_text(fields.topic, topics::term(topic)),
                    IndexRecordOption::Basic,
                ))),
                None => Box::new(EmptyQuery),
            },
            Filter::Title(s) => substring(fields.title, Singles::Term, &normalize::folded(s)),
        }
    }
}

/// How a field finds one character alone.
#[derive(Clone, Copy)]
enum Singles {
    /// It is a term of its own (fields with every unigram).
    Term,
    /// Every term that starts with it (the text field, where only the end
    /// of a run is a unigram).
    Prefix,
}

/// Passages where the folded `units` occur in `field`: the bigrams of each
/// run as a phrase at their offsets; a run of one character by `singles`.
fn substring(field: Field, singles: Singles, units: &[Option<char>]) -> Box<dyn TantivyQuery> {
    let mut bigrams: Vec<(usize, Term)> = Vec::new();
    let mut parts: Vec<Box<dyn TantivyQuery>> = Vec::new();
    let mut run_start = 0;
    for i in 0..=units.len() {
        if let Some(Some(a)) = units.get(i) {
            match units.get(i + 1) {
                Some(Some(b)) => {
                    let mut gram = String::with_capacity(8);
                    gram.push(*a);
                    gram.push(*b);
                    bigrams.push((i, Term::from_field_text(field, &gram)));
                }
                // A run that ends at a gap of the query ends in the text
                // too, where the field has its last character alone: with
                // it in the phrase, `"高质量 发展"` does not match
                // `高质量的发展`.
                Some(None) => bigrams.push((i, Term::from_field_text(field, &a.to_string()))),
                None => {}
            }
            continue;
        }
        if i == run_start + 1 && units.get(i).is_none() {
            if let Some(Some(c)) = units.get(run_start) {
                parts.push(single(field, singles, *c));
            }
        }
        run_start = i + 1;
    }
    match bigrams.len() {
        0 => {}
        1 => {
            let (_, term) = bigrams.remove(0);
            parts.push(Box::new(TermQuery::new(term, IndexRecordOption::WithFreqs)));
        }
        _ => parts.push(Box::new(PhraseQuery::new_with_offset(bigrams))),
    }
    match parts.len() {
        0 => Box::new(EmptyQuery),
        1 => parts.remove(0),
        _ => boolean(parts.into_iter().map(|p| (Occur::Must, p)).collect()),
    }
}

fn single(field: Field, singles: Singles, c: char) -> Box<dyn TantivyQuery> {
    let alone = c.to_string();
    match singles {
        Singles::Term => Box::new(TermQuery::new(
            Term::from_field_text(field, &alone),
            IndexRecordOption::WithFreqs,
        )),
        Singles::Prefix => {
            // Terms are one or two characters: `c` up to `c` followed by the
            // last character covers exactly those starting with `c`.
            let last = format!("{c}{}", char::MAX);
            Box::new(ConstScoreQuery::new(
                Box::new(RangeQuery::new(
                    Bound::Included(Term::from_field_text(field, &alone)),
                    Bound::Included(Term::from_field_text(field, &last)),
                )),
                1.0,
            ))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn describe(units: &str) -> String {
        let (_, fields) = super::super::schema::build();
        format!(
            "{:?}",
            substring(fields.text, Singles::Prefix, &normalize::folded(units))
        )
    }

    #[test]
    fn strings_become_bigram_phrases_or_unigrams() {
        let one = describe("水");
        assert!(one.contains("RangeQuery") && one.contains("水"), "{one}");
        let two = describe("污水");
        assert!(two.contains("TermQuery") && two.contains("污水"), "{two}");
        let four = describe("污水处理");
        assert!(four.contains("PhraseQuery"), "{four}");
        assert!(four.contains("水处"), "{four}");
        let spaced = describe("a 污水 b");
        assert!(spaced.contains("BooleanQuery"), "{spaced}");
    }
}
