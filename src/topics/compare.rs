//! Finding where a report treats a topic, and the comparable places in
//! other reports.

use super::classify::{ReportTopics, SectionTopics};
use super::places::PlaceKind;
use super::taxonomy::{Taxonomy, TopicId};
use super::SectionType;
use crate::report::Report;
use crate::report::Reports;
use serde::{Deserialize, Serialize};
use std::ops::Range;

/// How a place was found to be about a topic.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum HitKind {
    /// A section whose primary topic it is.
    Primary,
    /// A section that carries it beside its primary topic.
    Secondary,
    /// A passage of a section's own text (or before every section).
    Passage,
}

/// A place in a report about a topic.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Hit {
    /// The section (for passages: the deepest section around it).
    pub section: Option<usize>,
    /// The paragraph to show: the section's heading paragraph, or the
    /// passage's paragraph.
    pub paragraph: usize,
    /// Byte range in that paragraph: the heading, or the passage.
    pub range: Range<usize>,
    pub kind: HitKind,
    /// The topic's score there, 0–1: the best place for a topic has the
    /// highest.
    pub score: f32,
    /// Depth of the section (passages: one below their section).
    pub depth: u8,
    pub part: SectionType,
}

/// What a report's topics can be found for, without its text: each
/// (topic, part) for which [`ReportTopics::find`] has a place. A few bytes a
/// report, so the reader keeps one for every report of a large corpus and
/// classifies a report in full only when it is looked at. Saved with the
/// catalogue (`library::catalog`), so a later start classifies nothing: one
/// number per topic, its id times 64 plus a bit for each part
/// ([`SectionType::ALL`] order): a fifth of the JSON of the pairs.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(into = "Vec<u32>", try_from = "Vec<u32>")]
pub struct TopicSummary(Box<[(TopicId, SectionType)]>);

/// Bits of a saved topic number that hold its parts.
const PART_BITS: u32 = SectionType::ALL.len() as u32;

impl From<TopicSummary> for Vec<u32> {
    fn from(summary: TopicSummary) -> Vec<u32> {
        let mut out: Vec<u32> = Vec::new();
        // Sorted by topic: a topic's parts are next to each other.
        for &(topic, part) in summary.0.iter() {
            let bit = SectionType::ALL
                .iter()
                .position(|&p| p == part)
                .map_or(0, |i| 1 << i);
            let topic = u32::from(topic.0);
            match out.last_mut() {
                Some(last) if *last >> PART_BITS == topic => *last |= bit,
                _ => out.push(topic << PART_BITS | bit),
            }
        }
        out
    }
}

impl TryFrom<Vec<u32>> for TopicSummary {
    type Error = String;

    fn try_from(saved: Vec<u32>) -> Result<TopicSummary, String> {
        let mut found = Vec::new();
        for n in saved {
            let topic = u16::try_from(n >> PART_BITS)
                .map_err(|_| format!("topic {} out of range", n >> PART_BITS))?;
            for (i, &part) in SectionType::ALL.iter().enumerate() {
                if n & (1 << i) != 0 {
                    found.push((TopicId(topic), part));
                }
            }
        }
        found.sort();
        found.dedup();
        Ok(TopicSummary(found.into_boxed_slice()))
    }
}

impl TopicSummary {
    /// The summary of `report` classified with `taxonomy`.
    pub fn classify(report: &Report, taxonomy: &Taxonomy) -> TopicSummary {
        TopicSummary::of(report, &taxonomy.classify(report), taxonomy.topics().len())
    }

    pub fn of(report: &Report, topics: &ReportTopics, topic_count: usize) -> TopicSummary {
        let mut found: Vec<(TopicId, SectionType)> = (0..topic_count)
            .flat_map(|t| {
                let t = TopicId(t as u16);
                topics
                    .find(report, t, None)
                    .into_iter()
                    .map(move |h| (t, h.part))
            })
            .collect();
        found.sort();
        found.dedup();
        TopicSummary(found.into_boxed_slice())
    }

    /// Whether the report has a place about `topic` (in `part`, if given).
    pub fn has(&self, topic: TopicId, part: Option<SectionType>) -> bool {
        self.0
            .iter()
            .any(|&(t, p)| t == topic && part.is_none_or(|want| want == p))
    }
}

/// Which way to move.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Direction {
    Next,
    Previous,
}

/// A comparable place in another report.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Comparable {
    /// Index into the report list.
    pub report: usize,
    pub hit: Hit,
    /// Similarity of the two places' topic mix, 0–1.
    pub score: f32,
}

impl ReportTopics {
    /// Whether [`ReportTopics::find`] can find anything about `topic`:
    /// answered from the topics alone, so walks across the corpus read
    /// only the reports that may have a hit.
    pub fn mentions(&self, topic: TopicId) -> bool {
        self.places.iter().any(|p| p.score(topic).is_some())
    }

    /// Every place in the report that carries `topic` (in `part`, if
    /// given), in text order: sections at their heading, passages where
    /// they start.
    /// (`_report` is the report classified: the places carry their text
    /// positions.)
    pub fn find(&self, _report: &Report, topic: TopicId, part: Option<SectionType>) -> Vec<Hit> {
        self.places
            .iter()
            .filter(|p| part.is_none_or(|want| want == p.part))
            .filter_map(|p| {
                let score = p.score(topic)?;
                let primary = p
                    .section
                    .and_then(|i| self.sections.get(i))
                    .is_some_and(|s| s.primary == Some(topic));
                let kind = match p.kind {
                    PlaceKind::Passage => HitKind::Passage,
                    PlaceKind::Section if primary => HitKind::Primary,
                    PlaceKind::Section => HitKind::Secondary,
                };
                Some(Hit {
                    section: p.section,
                    paragraph: p.paragraph,
                    range: p.range.clone(),
                    kind,
                    score,
                    depth: p.depth,
                    part: p.part,
                })
            })
            .collect()
    }

    /// The best place about `topic` (in `part`, if given): the highest
    /// score; on a tie a section before a passage, the outer before the
    /// inner, the earlier before the later.
    pub fn best(&self, report: &Report, topic: TopicId, part: Option<SectionType>) -> Option<Hit> {
        self.find(report, topic, part).into_iter().min_by(|a, b| {
            b.score
                .total_cmp(&a.score)
                .then(a.kind.cmp(&b.kind))
                .then(a.depth.cmp(&b.depth))
                .then(a.paragraph.cmp(&b.paragraph))
                .then(a.range.start.cmp(&b.range.start))
        })
    }

    /// The next (or previous) place about `topic` after (before) paragraph
    /// `from`, in document order, without wrapping.
    pub fn next_with_topic(
        &self,
        report: &Report,
        from: usize,
        topic: TopicId,
        dir: Direction,
    ) -> Option<Hit> {
        let hits = self.find(report, topic, None);
        match dir {
            Direction::Next => hits.into_iter().find(|h| h.paragraph > from),
            Direction::Previous => hits.into_iter().rev().find(|h| h.paragraph < from),
        }
    }

    /// The place a hit stands for.
    pub fn place_of(&self, hit: &Hit) -> Option<&super::Place> {
        self.places
            .iter()
            .find(|p| p.paragraph == hit.paragraph && p.range == hit.range)
    }

    /// The topic mix of a hit.
    fn profile_of(&self, hit: &Hit) -> Option<&[f32]> {
        self.place_of(hit).map(|p| &p.profile[..])
    }
}

/// For section `section` of report `report`, the most similar place about
/// the same primary topic and in the same part in every other report, best
/// first. `topics` is parallel to `reports`. Empty when the section has no
/// topic.
pub fn comparable<R: Reports + ?Sized>(
    reports: &R,
    topics: &[ReportTopics],
    report: usize,
    section: usize,
) -> Vec<Comparable> {
    let Some(source) = topics.get(report).and_then(|t| t.sections.get(section)) else {
        return Vec::new();
    };
    let Some(topic) = source.primary else {
        return Vec::new();
    };
    let mut out = Vec::new();
    for (r, rt) in topics.iter().enumerate().take(reports.count()) {
        if r == report || !rt.mentions(topic) {
            continue;
        }
        let best = reports
            .with(r, |rep| most_similar(source, rep, rt))
            .flatten();
        if let Some((hit, score)) = best {
            out.push(Comparable {
                report: r,
                hit,
                score,
            });
        }
    }
    out.sort_by(|a, b| b.score.total_cmp(&a.score).then(a.report.cmp(&b.report)));
    out
}

/// In another report (`report`, with its `topics`), the place about
/// `source`'s primary topic and in its part that is most similar to it —
/// one of the sections about it if it has any — with the similarity.
pub fn most_similar(
    source: &SectionTopics,
    report: &Report,
    topics: &ReportTopics,
) -> Option<(Hit, f32)> {
    let topic = source.primary?;
    let hits = topics.find(report, topic, source.kind.as_filter());
    // The sections about the topic, where there are any (as `>` prefers
    // them); else every place that carries it.
    let is_main = |h: &Hit| topics.place_of(h).is_some_and(|p| p.main == Some(topic));
    let any_main = hits.iter().any(is_main);
    hits.into_iter()
        .filter(|h| !any_main || is_main(h))
        .filter_map(|h| {
            let sim = cosine(&source.profile, topics.profile_of(&h)?);
            Some((h, sim))
        })
        .max_by(|(a, sa), (b, sb)| {
            sa.total_cmp(sb)
                .then(b.kind.cmp(&a.kind))
                .then(b.depth.cmp(&a.depth))
        })
}

/// Starting after (before) report `from`, the first report that treats
/// `topic` (in `part`, if given), with its best place; wraps around the
/// list, and never returns `from` itself.
pub fn next_report_with_topic<R: Reports + ?Sized>(
    reports: &R,
    topics: &[ReportTopics],
    from: usize,
    topic: TopicId,
    part: Option<SectionType>,
    dir: Direction,
) -> Option<(usize, Hit)> {
    let n = reports.count().min(topics.len());
    if n == 0 {
        return None;
    }
    let from = from.min(n - 1);
    (1..n).find_map(|step| {
        let r = match dir {
            Direction::Next => (from + step) % n,
            Direction::Previous => (from + n - step) % n,
        };
        if !topics[r].mentions(topic) {
            return None;
        }
        reports
            .with(r, |rep| topics[r].best(rep, topic, part))
            .flatten()
            .map(|h| (r, h))
    })
}

fn cosine(a: &[f32], b: &[f32]) -> f32 {
    let dot: f32 = a.iter().zip(b).map(|(x, y)| x * y).sum();
    let na: f32 = a.iter().map(|x| x * x).sum::<f32>().sqrt();
    let nb: f32 = b.iter().map(|x| x * x).sum::<f32>().sqrt();
    if na <= 0.0 || nb <= 0.0 {
        0.0
    } else {
        (dot / (na * nb)).clamp(0.0, 1.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_summary_is_saved_as_one_number_per_topic_and_read_back() {
        use SectionType::*;
        let pairs = [(0, Review), (0, Tasks), (3, Other), (300, Appendix)];
        let summary = TopicSummary(pairs.iter().map(|&(t, p)| (TopicId(t), p)).collect());
        let json = serde_json::to_string(&summary).unwrap();
        assert_eq!(
            json,
            format!("[{},{},{}]", 1 | 4, 3 << 6 | 32, 300 << 6 | 16)
        );
        assert_eq!(
            serde_json::from_str::<TopicSummary>(&json).unwrap(),
            summary
        );
        let empty = TopicSummary::default();
        assert_eq!(serde_json::to_string(&empty).unwrap(), "[]");
        assert!(serde_json::from_str::<TopicSummary>("[4294967295]").is_err());
    }
}
