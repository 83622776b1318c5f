//! The places of a report that can carry topics: every section (at its
//! heading), and the passages of each section's own text — a paragraph, or
//! the part of one where a run of sentences opening on one topic starts
//! (`扎实推进健康北京建设，…` inside a 民生 paragraph, `健康方面，…`). A place
//! carries each topic whose share of its keywords reaches the taxonomy's
//! `min_score`, with a score that also grows with how much it says about
//! the topic: the best place for a topic is the one with the highest score.

use super::taxonomy::{Taxonomy, TopicId};
use super::SectionType;
use crate::report::Report;
use std::ops::Range;

/// Keyword weight about a topic at which a place's score is half its share:
/// a place saying little about a topic is not where to read about it.
const HALF_MASS: f32 = 3.0;

/// At most this many characters of a sentence's opening clause decide
/// whether it turns to another topic.
const OPENING_CHARS: usize = 16;

/// A passage carries a topic only with at least this keyword weight about
/// it (two typical keywords, or a decisive one and a hint): a word in
/// passing is no place to read about it.
pub(super) const MIN_PASSAGE_MASS: f32 = 4.0;

/// A sentence whose opening names no topic turns to the one that holds at
/// least this share of its keywords.
const SENTENCE_SHARE: f32 = 0.6;

/// What a place is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum PlaceKind {
    /// A section, at its heading (numbered heading, lead sentence, bullet).
    Section,
    /// A passage of a section's own text.
    Passage,
}

/// A place that can carry topics.
#[derive(Debug, Clone, PartialEq)]
pub struct Place {
    pub kind: PlaceKind,
    /// The section it is, or (a passage) the section whose own text holds
    /// it; `None` before the first section.
    pub section: Option<usize>,
    /// The paragraph it starts in.
    pub paragraph: usize,
    /// Byte range in that paragraph: the heading, or the passage.
    pub range: Range<usize>,
    /// Where its text ends: (paragraph, byte offset), exclusive.
    pub end: (usize, usize),
    /// Outline depth: a section's own; a passage one below its section.
    pub depth: u8,
    pub part: SectionType,
    /// Characters of its text (a section's with its subsections).
    pub chars: usize,
    /// Share of each topic (indexed by `TopicId`), for similarity.
    pub profile: Vec<f32>,
    /// The topics it carries with their scores, best first.
    pub topics: Vec<(TopicId, f32)>,
    /// The topic it is the main passage on: a section clearly about it,
    /// inside no section about it.
    pub main: Option<TopicId>,
}

impl Place {
    /// Its score for `topic`, if it carries it.
    pub fn score(&self, topic: TopicId) -> Option<f32> {
        self.topics
            .iter()
            .find(|&&(t, _)| t == topic)
            .map(|&(_, s)| s)
    }

    /// What it is called: a section's title; a passage's opening words
    /// (up to the mark that ends its first sentence or clause, at most 40
    /// characters).
    pub fn title(&self, report: &Report) -> String {
        if self.kind == PlaceKind::Section {
            if let Some(s) = self.section.and_then(|i| report.sections.get(i)) {
                return s.title.clone();
            }
        }
        let text = report
            .paragraphs
            .get(self.paragraph)
            .map_or("", |p| p.text.as_str());
        text.get(self.range.clone())
            .unwrap_or("")
            .chars()
            .take_while(|&c| !matches!(c, '。' | '；' | '：' | '！' | '？' | ';' | ':' | '!' | '?'))
            .take(40)
            .collect()
    }

    /// The paragraphs its text touches.
    pub fn paragraphs(&self) -> Range<usize> {
        let end = if self.end.1 > 0 {
            self.end.0 + 1
        } else {
            self.end.0
        };
        self.paragraph..end.max(self.paragraph + 1)
    }
}

/// Keyword weights of one stretch of text, raw and by role.
pub(super) struct Tally {
    pub title: Vec<f32>,
    pub lead: Vec<f32>,
    pub body: Vec<f32>,
}

impl Tally {
    pub fn new(n: usize) -> Tally {
        Tally {
            title: vec![0.0; n],
            lead: vec![0.0; n],
            body: vec![0.0; n],
        }
    }

    /// Keyword weight about each topic, whatever its role.
    pub fn mass(&self) -> Vec<f32> {
        self.title
            .iter()
            .zip(&self.lead)
            .zip(&self.body)
            .map(|((a, b), c)| a + b + c)
            .collect()
    }
}

impl Taxonomy {
    /// The topics a place carries given its share profile and keyword
    /// mass: each with a share of at least `min_score` (and `also`, a
    /// section's secondary topic) and a keyword weight of at least
    /// `min_mass`, scored by share and mass, best first.
    pub(super) fn carried(
        &self,
        profile: &[f32],
        mass: &[f32],
        also: &[TopicId],
        min_mass: f32,
    ) -> Vec<(TopicId, f32)> {
        let min = self.weights().min_score;
        let mut out: Vec<(TopicId, f32)> = profile
            .iter()
            .enumerate()
            .filter(|&(i, &share)| {
                share > 0.0
                    && (share >= min || also.iter().any(|t| t.index() == i))
                    && mass.get(i).is_some_and(|&m| m >= min_mass)
            })
            .map(|(i, &share)| {
                let m = mass.get(i).copied().unwrap_or(0.0);
                (TopicId(i as u16), share * m / (m + HALF_MASS))
            })
            .collect();
        out.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
        out
    }

    /// The topic a sentence turns to: the one its opening clause names,
    /// else the one most of its keywords are about (at least
    /// `SENTENCE_SHARE` of them), if any.
    fn sentence_topic(
        &self,
        text: &str,
        sentence: &Range<usize>,
        hits: &[(usize, u32)],
    ) -> Option<usize> {
        let s = &text[sentence.clone()];
        let clause_end = s
            .char_indices()
            .take(OPENING_CHARS)
            .find(|&(_, c)| matches!(c, '，' | ',' | '：' | ':' | '；' | ';'))
            .map(|(i, _)| i)
            .unwrap_or_else(|| {
                s.char_indices()
                    .nth(OPENING_CHARS)
                    .map_or(s.len(), |(i, _)| i)
            });
        let clause = sentence.start..sentence.start + clause_end;
        let n = self.topics().len();
        let top = |r: &Range<usize>, min_share: f32| -> Option<usize> {
            let mut credit = vec![0.0; n];
            for &(_, p) in hits_in(hits, r) {
                self.keywords.credit(p, &mut credit);
            }
            let total: f32 = credit.iter().sum();
            let (best, &v) = credit
                .iter()
                .enumerate()
                .max_by(|a, b| a.1.total_cmp(b.1).then(b.0.cmp(&a.0)))?;
            (v > 0.0 && v >= min_share * total).then_some(best)
        };
        top(&clause, 0.0).or_else(|| top(sentence, SENTENCE_SHARE))
    }

    /// The passages of `range` of a paragraph: cut where a sentence opens
    /// on another topic than the run before it.
    pub(super) fn passages_in(
        &self,
        text: &str,
        range: Range<usize>,
        hits: &[(usize, u32)],
    ) -> Vec<Range<usize>> {
        let mut out: Vec<Range<usize>> = Vec::new();
        let mut run_topic: Option<usize> = None;
        for sentence in sentences(text, range.clone()) {
            let topic = self.sentence_topic(text, &sentence, hits);
            match out.last_mut() {
                Some(run) if topic.is_none() || topic == run_topic || run_topic.is_none() => {
                    run.end = sentence.end;
                    run_topic = run_topic.or(topic);
                }
                _ => {
                    out.push(sentence);
                    run_topic = topic;
                }
            }
        }
        out
    }

    /// A passage's topics: its opening sentence leads, the rest is body.
    pub(super) fn passage_tally(
        &self,
        text: &str,
        range: &Range<usize>,
        hits: &[(usize, u32)],
    ) -> Tally {
        let mut tally = Tally::new(self.topics().len());
        let opening = sentences(text, range.clone())
            .next()
            .unwrap_or(range.clone());
        for &(at, p) in hits_in(hits, range) {
            let into = if opening.contains(&at) {
                &mut tally.lead
            } else {
                &mut tally.body
            };
            self.keywords.credit(p, into);
        }
        tally
    }
}

/// The sentences of `range` of `text`, each with its full stop (`。！？`,
/// not `；`: a list of clauses stays one passage), spaces before it
/// skipped.
fn sentences(text: &str, range: Range<usize>) -> impl Iterator<Item = Range<usize>> + '_ {
    let end = range.end.min(text.len());
    let mut at = range.start.min(end);
    std::iter::from_fn(move || {
        let rest = text.get(at..end)?;
        let skip = rest.len() - rest.trim_start().len();
        let start = at + skip;
        if start >= end {
            return None;
        }
        let stop = text[start..end]
            .char_indices()
            .find(|&(_, c)| is_full_stop(c))
            .map_or(end, |(i, c)| start + i + c.len_utf8());
        at = stop;
        Some(start..stop)
    })
}

fn is_full_stop(c: char) -> bool {
    matches!(c, '。' | '！' | '？' | '!' | '?')
}

/// The hits (sorted by offset) that start inside `r`.
pub(super) fn hits_in<'a>(hits: &'a [(usize, u32)], r: &Range<usize>) -> &'a [(usize, u32)] {
    let lo = hits.partition_point(|h| h.0 < r.start);
    let hi = hits.partition_point(|h| h.0 < r.end).max(lo);
    &hits[lo..hi]
}

/// Characters of a report's text from `start` to `end` ((paragraph, byte
/// offset) pairs).
pub(super) fn chars_between(report: &Report, start: (usize, usize), end: (usize, usize)) -> usize {
    let mut n = 0;
    for p in start.0..=end.0.min(report.paragraphs.len().saturating_sub(1)) {
        let Some(text) = report.paragraphs.get(p).map(|x| x.text.as_str()) else {
            break;
        };
        let from = if p == start.0 { start.1 } else { 0 };
        let to = if p == end.0 { end.1 } else { text.len() };
        n += text.get(from.min(to)..to).map_or(0, |s| s.chars().count());
    }
    n
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sentences_keep_their_end_marks() {
        let t = "一二。三四；五六！七";
        let got: Vec<&str> = sentences(t, 0..t.len()).map(|r| &t[r]).collect();
        assert_eq!(got, ["一二。", "三四；五六！", "七"]);
        assert_eq!(sentences(t, 3..3).count(), 0);
    }

    #[test]
    fn passages_turn_with_the_topic_of_the_opening_clause() {
        let tax = Taxonomy::builtin();
        let t = "完善就业优先政策，提供高校毕业生就业岗位。稳定就业。扎实推进健康北京建设，三级公立医院向基层投放号源。社区卫生服务中心全覆盖。";
        let hits: Vec<(usize, u32)> = {
            let mut h: Vec<(usize, u32)> = tax.keywords.scan(t).collect();
            h.sort_unstable();
            h
        };
        let got: Vec<&str> = tax
            .passages_in(t, 0..t.len(), &hits)
            .into_iter()
            .map(|r| &t[r])
            .collect();
        assert_eq!(got.len(), 2, "{got:?}");
        assert!(got[1].starts_with("扎实推进健康北京建设"), "{got:?}");
    }
}
