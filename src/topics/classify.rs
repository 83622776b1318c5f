//! Scoring a report's sections and places against the taxonomy.

use super::places::{chars_between, hits_in, Place, PlaceKind, Tally, MIN_PASSAGE_MASS};
use super::taxonomy::{Taxonomy, TopicId};
use super::SectionType;
use crate::report::{Report, Reports};
use crate::text::chars::is_sentence_end;
use rayon::prelude::*;
use std::ops::Range;

/// A lead sentence longer than this (in characters) is not a summary but
/// ordinary text, and counts as body.
const LEAD_MAX_CHARS: usize = 50;

/// Keyword weight added to each part's total before taking shares, so that
/// one stray keyword is not full certainty.
const EVIDENCE_PRIOR: f32 = 1.0;

/// Goals (a five-year plan's, the year's targets) name a topic in a line;
/// the work on it is told in the review and the tasks. A place among the
/// goals scores this share of what it would elsewhere.
const GOAL_WEIGHT: f32 = 0.5;

/// A section whose heading does not name its primary topic is the main
/// passage on it only with at least this share.
const CLEAR_SHARE: f32 = 0.5;

/// The section whose own text holds passages, as the passages see it.
struct Owner {
    section: Option<usize>,
    depth: u8,
    part: SectionType,
}

/// Turn a place's raw scores (share and weight of what it says, 0–1) into
/// where-to-land scores: the main passage on a topic — a section whose
/// primary topic it clearly is, inside no section about it — scores in the upper
/// half; everything else (a passage, a section carrying it beside another
/// topic, a subsection of a section about it) in the lower half, so `>`
/// lands on the heading of what is about a topic, and on a passage only
/// where no section is. Goals weigh less.
fn weigh(topics: &mut [(TopicId, f32)], part: SectionType, main: Option<TopicId>) {
    for (t, score) in topics.iter_mut() {
        *score = if main == Some(*t) {
            0.5 + 0.5 * *score
        } else {
            0.5 * *score
        };
        if part == SectionType::Targets {
            *score *= GOAL_WEIGHT;
        }
    }
    topics.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
}

/// A section's topics and type.
#[derive(Debug, Clone, PartialEq)]
pub struct SectionTopics {
    /// `None` when no topic reaches the taxonomy's `min_score` (a whole part
    /// of the report that covers everything).
    pub primary: Option<TopicId>,
    /// Share of the primary topic, 0–1.
    pub score: f32,
    pub secondary: Option<TopicId>,
    pub secondary_score: f32,
    pub kind: SectionType,
    /// The passages of its text are about different topics.
    pub mixed: bool,
    /// Share of every topic (indexed by `TopicId`), for similarity.
    pub profile: Vec<f32>,
}

/// Topics of one report: `sections` parallel to `Report::sections`;
/// `places` (each section, and the passages of the sections' own text) in
/// text order.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ReportTopics {
    pub sections: Vec<SectionTopics>,
    pub places: Vec<Place>,
}

impl ReportTopics {
    /// The place that is section `i`.
    pub fn section_place(&self, i: usize) -> Option<&Place> {
        self.places
            .iter()
            .find(|p| p.kind == PlaceKind::Section && p.section == Some(i))
    }

    /// Every topic carried by a place starting in `paragraphs`.
    pub fn topics_in(&self, paragraphs: Range<usize>) -> Vec<TopicId> {
        let first = self
            .places
            .partition_point(|p| p.paragraph < paragraphs.start);
        let mut out: Vec<TopicId> = self.places[first..]
            .iter()
            .take_while(|p| p.paragraph < paragraphs.end)
            .flat_map(|p| p.topics.iter().map(|&(t, _)| t))
            .collect();
        out.sort();
        out.dedup();
        out
    }
}

/// Keyword hits of every paragraph, (byte offset, pattern) by offset.
fn scan_hits(tax: &Taxonomy, report: &Report) -> Vec<Vec<(usize, u32)>> {
    report
        .paragraphs
        .iter()
        .map(|p| {
            let mut hits: Vec<(usize, u32)> = tax.keywords.scan(&p.text).collect();
            hits.sort_unstable();
            hits
        })
        .collect()
}

/// For each paragraph, the byte ranges that lead what follows: the headings
/// in it, and its first sentence when short and no heading opens it.
fn lead_ranges(report: &Report, starts: &[(usize, usize)]) -> Vec<Vec<Range<usize>>> {
    let mut out: Vec<Vec<Range<usize>>> = vec![Vec::new(); report.paragraphs.len()];
    for (s, &(p, offset)) in report.sections.iter().zip(starts) {
        let Some(slot) = out.get_mut(p) else { continue };
        let text = &report.paragraphs[p].text;
        let r = clamp_to_text(text, &s.heading);
        if !r.is_empty() {
            slot.push(if offset == 0 { 0..r.end } else { r });
        }
    }
    for (p, slot) in out.iter_mut().enumerate() {
        if !slot.iter().any(|r| r.start == 0) {
            let r = first_sentence(&report.paragraphs[p].text, 0);
            if !r.is_empty() {
                slot.push(r);
            }
        }
        slot.sort_by_key(|r| r.start);
    }
    out
}

/// Byte offset just past a heading: its title and the mark ending it.
fn after_heading(text: &str, heading: &Range<usize>) -> usize {
    let end = clamp_to_text(text, heading).end;
    match text[end..].chars().next() {
        Some(c) if is_sentence_end(c) || matches!(c, '：' | ':') => end + c.len_utf8(),
        _ => end,
    }
}

impl Taxonomy {
    /// Classify every section and place of a report.
    pub fn classify(&self, report: &Report) -> ReportTopics {
        let hits = scan_hits(self, report);
        let spans = report.section_spans();
        let starts: Vec<(usize, usize)> = spans.iter().map(|s| s.0).collect();
        let leads = lead_ranges(report, &starts);
        let kinds = self.section_types(report);
        let mut sections = Vec::with_capacity(report.sections.len());
        let mut primaries: Vec<Option<TopicId>> = Vec::with_capacity(report.sections.len());
        let mut places = Vec::new();
        // The text before the first section.
        let first = starts
            .first()
            .copied()
            .unwrap_or((report.paragraphs.len(), 0));
        let preamble = Owner {
            section: None,
            depth: 1,
            part: SectionType::Other,
        };
        self.add_passages(report, &hits, (0, 0), first, &preamble, &mut places);
        for (i, s) in report.sections.iter().enumerate() {
            let (start, end) = spans[i];
            let tally = self.section_tally(report, &hits, &leads, i, start, end);
            let profile = self.combine(Some(&tally.title), &tally.lead, &tally.body);
            let (primary, score, secondary, secondary_score) = self.pick(&profile);
            let kind = kinds.get(i).copied().unwrap_or(SectionType::Other);
            let also: Vec<TopicId> = secondary.into_iter().collect();
            let heading_paragraph = report.paragraphs.get(s.paragraph);
            let range = heading_paragraph.map_or(0..0, |p| clamp_to_text(&p.text, &s.heading));
            let mut topics = self.carried(&profile, &tally.mass(), &also, 0.0);
            // The main passage on its primary topic, unless a section
            // around it is about that topic too.
            let mut around = s.parent.filter(|&p| p < i);
            let mut inside_same = false;
            while let Some(p) = around {
                inside_same |= primaries[p] == primary && primary.is_some();
                around = report.sections[p].parent.filter(|&q| q < p);
            }
            primaries.push(primary);
            // … and only if its heading names the topic or most of it is
            // about it.
            let clear = |t: &TopicId| {
                tally.title.get(t.index()).is_some_and(|&w| w > 0.0) || score >= CLEAR_SHARE
            };
            let main = primary.filter(|t| !inside_same && clear(t));
            weigh(&mut topics, kind, main);
            // A heading outside the text (a broken outline) is no place to go.
            if heading_paragraph.is_some() {
                places.push(Place {
                    kind: PlaceKind::Section,
                    section: Some(i),
                    paragraph: s.paragraph,
                    range,
                    end,
                    depth: s.depth,
                    part: kind,
                    chars: chars_between(report, start, end),
                    topics,
                    main,
                    profile: profile.clone(),
                });
            }
            // Its own text: after the heading, up to its first subsection.
            let own_start = heading_paragraph.map_or(start, |p| {
                (s.paragraph, after_heading(&p.text, &s.heading).max(start.1))
            });
            let own_end = match report.sections.get(i + 1) {
                Some(c) if c.parent == Some(i) => starts[i + 1],
                _ => end,
            };
            let owner = Owner {
                section: Some(i),
                depth: s.depth.saturating_add(1),
                part: kind,
            };
            self.add_passages(report, &hits, own_start, own_end, &owner, &mut places);
            sections.push(SectionTopics {
                primary,
                score,
                secondary,
                secondary_score,
                kind,
                mixed: false,
                profile,
            });
        }
        places.sort_by_key(|p| (p.paragraph, p.range.start, p.kind));
        for (i, st) in sections.iter_mut().enumerate() {
            st.mixed = self.is_mixed(spans[i], &places);
        }
        ReportTopics { sections, places }
    }

    /// Every report's topics, classified in parallel, `out[i]` of report
    /// `i`; a report that cannot be read any more has none.
    pub fn classify_all<R: Reports + ?Sized>(&self, reports: &R) -> Vec<ReportTopics> {
        (0..reports.count())
            .into_par_iter()
            .map(|i| reports.with(i, |r| self.classify(r)).unwrap_or_default())
            .collect()
    }

    /// Keyword weights of section `i`'s text (subsections included): its
    /// heading is the title, the headings and short first sentences inside
    /// lead, the rest is body.
    fn section_tally(
        &self,
        report: &Report,
        hits: &[Vec<(usize, u32)>],
        leads: &[Vec<Range<usize>>],
        i: usize,
        start: (usize, usize),
        end: (usize, usize),
    ) -> Tally {
        let s = &report.sections[i];
        let mut tally = Tally::new(self.topics().len());
        let last = end.0.min(report.paragraphs.len());
        let through = if end.1 > 0 { last + 1 } else { last };
        for p in start.0..through.min(report.paragraphs.len()) {
            let text = &report.paragraphs[p].text;
            let from = if p == start.0 { start.1 } else { 0 };
            let to = if p == end.0 { end.1 } else { text.len() };
            let own = (p == s.paragraph).then(|| clamp_to_text(text, &s.heading));
            let after = own
                .as_ref()
                .map(|h| first_sentence(text, after_heading(text, h)));
            for &(at, pat) in hits_in(&hits[p], &(from..to)) {
                let into = if own.as_ref().is_some_and(|h| h.contains(&at)) {
                    &mut tally.title
                } else if after.as_ref().is_some_and(|r| r.contains(&at))
                    || leads[p].iter().any(|r| r.contains(&at))
                {
                    &mut tally.lead
                } else {
                    &mut tally.body
                };
                self.keywords.credit(pat, into);
            }
        }
        tally
    }

    /// The passages of the text from `start` to `end`, as places in the
    /// own text of `owner` (those that carry a topic).
    fn add_passages(
        &self,
        report: &Report,
        hits: &[Vec<(usize, u32)>],
        start: (usize, usize),
        end: (usize, usize),
        owner: &Owner,
        out: &mut Vec<Place>,
    ) {
        if start >= end {
            return;
        }
        let last = end.0.min(report.paragraphs.len().saturating_sub(1));
        let texts = report.paragraphs.iter().zip(hits).enumerate();
        for (p, (paragraph, hits)) in texts.take(last + 1).skip(start.0) {
            let text = paragraph.text.as_str();
            let from = if p == start.0 {
                start.1.min(text.len())
            } else {
                0
            };
            let to = if p == end.0 {
                end.1.min(text.len())
            } else {
                text.len()
            };
            if from >= to {
                continue;
            }
            for range in self.passages_in(text, from..to, hits) {
                let tally = self.passage_tally(text, &range, hits);
                let profile = self.combine(None, &tally.lead, &tally.body);
                let mut topics = self.carried(&profile, &tally.mass(), &[], MIN_PASSAGE_MASS);
                if topics.is_empty() {
                    continue;
                }
                weigh(&mut topics, owner.part, None);
                let end = if range.end >= text.len() {
                    (p + 1, 0)
                } else {
                    (p, range.end)
                };
                out.push(Place {
                    kind: PlaceKind::Passage,
                    section: owner.section,
                    paragraph: p,
                    chars: text[range.clone()].chars().count(),
                    range,
                    end,
                    depth: owner.depth,
                    part: owner.part,
                    profile,
                    topics,
                    main: None,
                });
            }
        }
    }

    /// Weighted mix of the parts' keyword shares.
    pub(super) fn combine(&self, title: Option<&[f32]>, lead: &[f32], body: &[f32]) -> Vec<f32> {
        let w = self.weights();
        let mut profile = vec![0.0; self.topics().len()];
        let mut total_weight = 0.0;
        let parts = [(w.title, title), (w.lead, Some(lead)), (w.body, Some(body))];
        for (weight, part) in parts {
            let Some(part) = part else { continue };
            let sum: f32 = part.iter().sum();
            if sum <= 0.0 || weight <= 0.0 {
                continue;
            }
            total_weight += weight;
            for (p, v) in profile.iter_mut().zip(part) {
                *p += weight * v / (sum + EVIDENCE_PRIOR);
            }
        }
        if total_weight > 0.0 {
            for p in &mut profile {
                *p /= total_weight;
            }
        }
        profile
    }

    /// Primary and secondary topics of a profile.
    fn pick(&self, profile: &[f32]) -> (Option<TopicId>, f32, Option<TopicId>, f32) {
        let w = self.weights();
        let mut order: Vec<usize> = (0..profile.len()).filter(|&i| profile[i] > 0.0).collect();
        // Stable: equal scores keep the taxonomy's order.
        order.sort_by(|&a, &b| profile[b].total_cmp(&profile[a]));
        let Some(&first) = order.first() else {
            return (None, 0.0, None, 0.0);
        };
        if profile[first] < w.min_score {
            return (None, profile[first], None, 0.0);
        }
        let second = order
            .get(1)
            .copied()
            .filter(|&i| profile[i] >= w.secondary_ratio * profile[first]);
        (
            Some(TopicId(first as u16)),
            profile[first],
            second.map(|i| TopicId(i as u16)),
            second.map(|i| profile[i]).unwrap_or(0.0),
        )
    }

    /// Whether the passages inside a section's text disagree on their
    /// topic.
    fn is_mixed(&self, span: ((usize, usize), (usize, usize)), places: &[Place]) -> bool {
        let n = self.topics().len();
        let mut size = vec![0usize; n];
        let mut with_topic = 0;
        let inside = places.iter().filter(|x| {
            x.kind == PlaceKind::Passage
                && (x.paragraph, x.range.start) >= span.0
                && (x.paragraph, x.range.start) < span.1
        });
        for x in inside {
            if let Some(slot) = x.topics.first().and_then(|&(t, _)| size.get_mut(t.index())) {
                *slot += x.chars.max(1);
                with_topic += 1;
            }
        }
        let total: usize = size.iter().sum();
        let top = size.iter().copied().max().unwrap_or(0);
        with_topic >= 2 && (top as f32) < self.weights().mixed_share * total as f32
    }
}

/// `r` limited to `text` and moved inwards to char boundaries.
pub(super) fn clamp_to_text(text: &str, r: &Range<usize>) -> Range<usize> {
    let mut start = r.start.min(text.len());
    while !text.is_char_boundary(start) {
        start += 1;
    }
    let mut end = r.end.min(text.len()).max(start);
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    start..end.max(start)
}

/// The sentence starting at `from` (after skipping punctuation and spaces),
/// up to and including its end mark, when it is short enough to be a
/// summary; else an empty range.
fn first_sentence(text: &str, from: usize) -> Range<usize> {
    let Some(rest) = text.get(from..) else {
        return from..from;
    };
    let skip = rest
        .char_indices()
        .find(|&(_, c)| {
            !(c.is_whitespace() || is_sentence_end(c) || matches!(c, '，' | ',' | '：' | ':'))
        })
        .map(|(i, _)| i)
        .unwrap_or(rest.len());
    let start = from + skip;
    let body = &text[start..];
    for (count, (i, c)) in body.char_indices().enumerate() {
        if count > LEAD_MAX_CHARS {
            break;
        }
        if is_sentence_end(c) {
            return start..start + i + c.len_utf8();
        }
    }
    start..start
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn first_sentence_is_short_summary_only() {
        let t = "打造良好生态环境。实施大气污染防治提质增效行动。";
        let r = first_sentence(t, 0);
        assert_eq!(&t[r], "打造良好生态环境。");
        let long = "过去一年".repeat(20) + "。";
        assert!(first_sentence(&long, 0).is_empty());
        let after = "（一）精准施策稳经济。面对形势，我们加力。";
        let head = "（一）精准施策稳经济。".len();
        let r = first_sentence(after, head);
        assert_eq!(&after[r], "面对形势，我们加力。");
        assert!(first_sentence("abc", 99).is_empty());
    }

    #[test]
    fn clamping_stays_on_char_boundaries() {
        let t = "生态环境";
        assert_eq!(clamp_to_text(t, &(1..5)), 3..3);
        assert_eq!(clamp_to_text(t, &(0..100)), 0..12);
        // Reversed ranges come from broken outlines.
        let reversed = Range { start: 7, end: 2 };
        assert_eq!(clamp_to_text(t, &reversed), 9..9);
    }
}
