//! The time words of `assets/figures.toml` (`[time]`), compiled once.

use crate::figures::tables::{self as figure_tables, WordMap, FIGURES_TOML};
use aho_corasick::{AhoCorasick, AhoCorasickBuilder, AhoCorasickKind, MatchKind};
use serde::Deserialize;
use std::sync::OnceLock;

#[derive(Deserialize)]
struct File {
    time: TimeFile,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct TimeFile {
    this_year: Vec<String>,
    last_year: Vec<String>,
    next_year: Vec<String>,
    review: Vec<String>,
    past_span: Vec<String>,
    future_span: Vec<String>,
    streak: Vec<String>,
    future_clause: Vec<String>,
    future_followers: Vec<String>,
    future_sentence: Vec<String>,
    not_future: Vec<String>,
    compare_before: Vec<String>,
    compare_after: Vec<String>,
    from: Vec<String>,
    deadline_before: Vec<String>,
    deadline_after: Vec<String>,
    since_after: Vec<String>,
    max_span_years: u16,
}

/// What a word says about time.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Word {
    /// A year counted from the year of delivery (`今年` 0, `去年` -1).
    Relative(i32),
    /// The year under review.
    Review,
    /// The last `n` years up to the year under review.
    PastSpan(u16),
    /// The next `n` years from the planned year.
    FutureSpan(u16),
    /// `连续n年`.
    Streak(u16),
    /// Aimed at, for the rest of the clause or of the sentence.
    Future { sentence: bool },
    /// A longer word that merely contains one of the above.
    Nothing,
}

/// A word of a span of `n` years (`过去{N}年`).
type SpanWord = fn(u16) -> Word;

pub(super) struct TimeTables {
    pub words: TimeWords,
    pub future_followers: WordMap<()>,
    pub compare_before: WordMap<()>,
    pub compare_after: WordMap<()>,
    pub from: WordMap<()>,
    pub deadline_before: WordMap<()>,
    pub deadline_after: WordMap<()>,
    pub since_after: WordMap<()>,
}

fn set(words: &[String]) -> WordMap<()> {
    WordMap::build(words.iter().map(|w| (w.clone(), ())).collect())
}

/// `一` … `三十` and `1` … `30`: how reports write a count of years.
fn small_numbers(max: u16) -> Vec<(String, u16)> {
    const DIGITS: [&str; 10] = ["", "一", "二", "三", "四", "五", "六", "七", "八", "九"];
    let mut out = Vec::new();
    for n in 1..=max {
        let (tens, ones) = ((n / 10) as usize, (n % 10) as usize);
        let chinese = match tens {
            0 => DIGITS[ones].to_string(),
            1 => format!("十{}", DIGITS[ones]),
            _ => format!("{}十{}", DIGITS[tens], DIGITS[ones]),
        };
        out.push((chinese, n));
        out.push((n.to_string(), n));
    }
    out.push(("两".to_string(), 2));
    out
}

impl TimeTables {
    fn parse(src: &str) -> Result<TimeTables, toml::de::Error> {
        let f = toml::from_str::<File>(src)?.time;
        let numbers = small_numbers(f.max_span_years);
        let mut words: Vec<(String, Word)> = Vec::new();
        let mut plain = |list: &[String], w: Word| {
            words.extend(list.iter().map(|s| (s.clone(), w)));
        };
        plain(&f.this_year, Word::Relative(0));
        plain(&f.last_year, Word::Relative(-1));
        plain(&f.next_year, Word::Relative(1));
        plain(&f.review, Word::Review);
        plain(&f.future_clause, Word::Future { sentence: false });
        plain(&f.future_sentence, Word::Future { sentence: true });
        plain(&f.not_future, Word::Nothing);
        let templates: [(&[String], SpanWord); 3] = [
            (&f.past_span, Word::PastSpan),
            (&f.future_span, Word::FutureSpan),
            (&f.streak, Word::Streak),
        ];
        for (list, make) in templates {
            for template in list {
                for (written, n) in &numbers {
                    words.push((template.replace("{N}", written), make(*n)));
                }
            }
        }
        Ok(TimeTables {
            words: TimeWords::build(words),
            future_followers: set(&f.future_followers),
            compare_before: set(&f.compare_before),
            compare_after: set(&f.compare_after),
            from: set(&f.from),
            deadline_before: set(&f.deadline_before),
            deadline_after: set(&f.deadline_after),
            since_after: set(&f.since_after),
        })
    }
}

/// Every time word, found in one pass over a paragraph.
pub(super) struct TimeWords {
    matcher: Option<AhoCorasick>,
    /// What each pattern of `matcher` says.
    words: Vec<Word>,
}

impl TimeWords {
    fn build(mut words: Vec<(String, Word)>) -> TimeWords {
        // The first listing of a word counts.
        let mut seen = std::collections::HashSet::new();
        words.retain(|(w, _)| !w.is_empty() && seen.insert(w.clone()));
        // A DFA: the words' first bytes are common to all Chinese text, so
        // no prefilter helps, and a paragraph is read at one step a byte.
        let matcher = AhoCorasickBuilder::new()
            .match_kind(MatchKind::LeftmostLongest)
            .kind(Some(AhoCorasickKind::DFA))
            .build(words.iter().map(|(w, _)| w))
            .ok();
        TimeWords {
            matcher,
            words: words.into_iter().map(|(_, w)| w).collect(),
        }
    }

    /// The words in `text`, leftmost-longest, not overlapping: (start,
    /// end, word).
    pub fn find_iter<'a>(
        &'a self,
        text: &'a str,
    ) -> impl Iterator<Item = (usize, usize, Word)> + 'a {
        self.matcher
            .iter()
            .flat_map(move |m| m.find_iter(text))
            .filter_map(|m| Some((m.start(), m.end(), *self.words.get(m.pattern().as_usize())?)))
    }

    /// The word `text` starts with.
    #[cfg(test)]
    pub fn at_start(&self, text: &str) -> Option<Word> {
        self.find_iter(text)
            .next()
            .filter(|&(start, _, _)| start == 0)
            .map(|(_, _, w)| w)
    }
}

pub(super) fn tables() -> &'static TimeTables {
    static TABLES: OnceLock<TimeTables> = OnceLock::new();
    TABLES.get_or_init(|| {
        // Compiled in and parsed by the tests: a broken file is a build
        // defect, never an input error.
        TimeTables::parse(FIGURES_TOML).expect("assets/figures.toml [time] is invalid")
    })
}

/// Does a verb (or an adverb before one) start `rest`: `增加`, `新建`,
/// `有效扩大`? The figures tables' verbs and change words of two or more
/// characters count.
pub(super) fn verb_follows(rest: &str, t: &TimeTables) -> bool {
    let f = figure_tables::tables();
    t.future_followers.prefix_of(rest).is_some()
        || [&f.verbs, &f.opening_verbs, &f.rise, &f.fall, &f.level]
            .iter()
            // One-character change words (`多`, `高`) begin too many nouns.
            .any(|w| {
                w.prefix_of(rest)
                    .is_some_and(|v| v.chars().nth(1).is_some())
            })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn table_parses() {
        let t = tables();
        assert_eq!(t.words.at_start("过去五年，"), Some(Word::PastSpan(5)));
        assert_eq!(t.words.at_start("连续10年"), Some(Word::Streak(10)));
        assert_eq!(t.words.at_start("将近"), Some(Word::Nothing));
        assert_eq!(t.words.at_start("一年来"), Some(Word::Review));
        assert!(verb_follows("增加150个学位", t));
        assert!(verb_follows("有效扩大", t));
        assert!(!verb_follows("8个公司", t));
        assert!(!verb_follows("多年", t));
    }
}
