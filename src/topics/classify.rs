//! Scoring sections and paragraphs against the taxonomy, and placing each
//! section in a part of the report.

use super::taxonomy::{Taxonomy, TopicId};
use super::SectionType;
use crate::report::Reports;
use crate::report::{Report, Section, SectionKind};
use crate::text::chars::is_sentence_end;
use rayon::prelude::*;
use std::ops::Range;

/// A lead sentence longer than this (in characters) is not a summary but
/// ordinary text, and counts as body.
const LEAD_MAX_CHARS: usize = 50;

/// A short sentence inside a paragraph that names a topic opens a new
/// passage (`加强污染防治和生态建设。` in the middle of a review paragraph):
/// at most this many characters, end mark included.
const PASSAGE_LEAD_MAX_CHARS: usize = 24;

/// Keyword weight added to each part's total before taking shares, so that
/// one stray keyword is not full certainty.
const EVIDENCE_PRIOR: f32 = 1.0;

/// Cue words must add up to at least this before the text alone places a
/// section in a part.
const CUE_MIN: f32 = 4.0;

/// The winning part must hold at least this share of the cue weight.
const CUE_SHARE: f32 = 0.5;

/// A section's topics and type.
#[derive(Debug, Clone, PartialEq)]
pub struct SectionTopics {
    /// `None` when no topic reaches the taxonomy's `min_score` (a whole part
    /// of the report that covers everything).
    pub primary: Option<TopicId>,
    /// Score of the primary topic, 0–1.
    pub score: f32,
    pub secondary: Option<TopicId>,
    pub secondary_score: f32,
    pub kind: SectionType,
    /// The section's paragraphs are about different topics; use the
    /// paragraphs' own topics.
    pub mixed: bool,
    /// Score of every topic (indexed by `TopicId`), for similarity.
    pub profile: Vec<f32>,
}

/// A paragraph's topic and the type of the part it is in.
#[derive(Debug, Clone, PartialEq)]
pub struct ParagraphTopics {
    pub topic: Option<TopicId>,
    pub score: f32,
    pub kind: SectionType,
    /// The deepest section covering the paragraph.
    pub section: Option<usize>,
    pub profile: Vec<f32>,
}

/// A run of a paragraph opened by a sentence that names its topic: the
/// whole paragraph, or a part of it starting at a short topic sentence.
#[derive(Debug, Clone, PartialEq)]
pub struct PassageTopics {
    pub paragraph: usize,
    /// Byte range in the paragraph's text.
    pub range: Range<usize>,
    /// Byte range of the sentence that opens it (empty when none does).
    pub lead: Range<usize>,
    pub topic: Option<TopicId>,
    pub score: f32,
    pub profile: Vec<f32>,
}

/// Topics of one report: parallel to `Report::sections` and
/// `Report::paragraphs`; passages in text order.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ReportTopics {
    pub sections: Vec<SectionTopics>,
    pub paragraphs: Vec<ParagraphTopics>,
    pub passages: Vec<PassageTopics>,
}

impl ReportTopics {
    /// The passages of paragraph `p`.
    pub fn passages_of(&self, p: usize) -> &[PassageTopics] {
        let start = self.passages.partition_point(|x| x.paragraph < p);
        let end = self.passages.partition_point(|x| x.paragraph <= p);
        &self.passages[start..end]
    }
}

/// Keyword hits of one paragraph, and where its lead sentence is.
struct ParagraphScan {
    /// (byte offset, pattern), in text order.
    hits: Vec<(usize, u32)>,
    /// The heading it holds, or else its first sentence when short.
    lead: Range<usize>,
}

impl Taxonomy {
    /// Classify every section and paragraph of a report.
    pub fn classify(&self, report: &Report) -> ReportTopics {
        let paragraphs = &report.paragraphs;
        let sections = &report.sections;
        let headings = heading_ranges(report);
        let scans: Vec<ParagraphScan> = paragraphs
            .iter()
            .enumerate()
            .map(|(i, p)| {
                let text = p.text.as_str();
                let lead = match &headings[i] {
                    Some(r) => r.clone(),
                    None => first_sentence(text, 0),
                };
                ParagraphScan {
                    hits: self.keywords.scan(text).collect(),
                    lead,
                }
            })
            .collect();

        let n = self.topics().len();
        let paragraph_profiles: Vec<Vec<f32>> = scans
            .iter()
            .map(|s| {
                let mut lead = vec![0.0; n];
                let mut body = vec![0.0; n];
                for &(at, p) in &s.hits {
                    let into = if s.lead.contains(&at) {
                        &mut lead
                    } else {
                        &mut body
                    };
                    self.keywords.credit(p, into);
                }
                self.combine(None, &lead, &body)
            })
            .collect();

        let mut section_profiles = Vec::with_capacity(sections.len());
        for s in sections {
            section_profiles.push(self.section_profile(report, s, &scans));
        }

        let kinds = self.section_types(report);
        let deepest = deepest_sections(report);

        let paragraph_topics: Vec<ParagraphTopics> = paragraph_profiles
            .into_iter()
            .enumerate()
            .map(|(i, profile)| {
                let (topic, score, _, _) = self.pick(&profile);
                let section = deepest[i];
                ParagraphTopics {
                    topic,
                    score,
                    kind: section
                        .and_then(|s| kinds.get(s).copied())
                        .unwrap_or(SectionType::Other),
                    section,
                    profile,
                }
            })
            .collect();

        let mut passages = Vec::new();
        for (i, scan) in scans.iter().enumerate() {
            self.passages(i, &paragraphs[i].text, scan, &mut passages);
        }

        let section_topics = section_profiles
            .into_iter()
            .enumerate()
            .map(|(i, profile)| {
                let (primary, score, secondary, secondary_score) = self.pick(&profile);
                SectionTopics {
                    primary,
                    score,
                    secondary,
                    secondary_score,
                    kind: kinds.get(i).copied().unwrap_or(SectionType::Other),
                    mixed: self.is_mixed(&sections[i], &passages),
                    profile,
                }
            })
            .collect();

        ReportTopics {
            sections: section_topics,
            paragraphs: paragraph_topics,
            passages,
        }
    }

    /// Every report's topics, classified in parallel, `out[i]` of report
    /// `i`; a report that cannot be read any more has none.
    pub fn classify_all<R: Reports + ?Sized>(&self, reports: &R) -> Vec<ReportTopics> {
        (0..reports.count())
            .into_par_iter()
            .map(|i| reports.with(i, |r| self.classify(r)).unwrap_or_default())
            .collect()
    }

    /// Title, lead and body keyword weights of a section → topic profile.
    fn section_profile(&self, report: &Report, s: &Section, scans: &[ParagraphScan]) -> Vec<f32> {
        let n = self.topics().len();
        let mut title = vec![0.0; n];
        let mut lead = vec![0.0; n];
        let mut body = vec![0.0; n];
        let range = clamp_range(&s.paragraphs, scans.len());
        for i in range {
            let scan = &scans[i];
            if i == s.paragraph {
                let text = report.paragraphs[i].text.as_str();
                let own = clamp_to_text(text, &s.heading);
                let after = first_sentence(text, own.end);
                for &(at, p) in &scan.hits {
                    let into = if own.contains(&at) {
                        &mut title
                    } else if after.contains(&at) {
                        &mut lead
                    } else {
                        &mut body
                    };
                    self.keywords.credit(p, into);
                }
            } else {
                for &(at, p) in &scan.hits {
                    let into = if scan.lead.contains(&at) {
                        &mut lead
                    } else {
                        &mut body
                    };
                    self.keywords.credit(p, into);
                }
            }
        }
        self.combine(Some(&title), &lead, &body)
    }

    /// Weighted mix of the parts' keyword shares.
    fn combine(&self, title: Option<&[f32]>, lead: &[f32], body: &[f32]) -> Vec<f32> {
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

    /// Split a paragraph into passages at short sentences that name a
    /// topic, and classify each.
    fn passages(
        &self,
        paragraph: usize,
        text: &str,
        scan: &ParagraphScan,
        out: &mut Vec<PassageTopics>,
    ) {
        let mut starts: Vec<(usize, Range<usize>)> = vec![(0, scan.lead.clone())];
        let mut at = scan.lead.end.min(text.len());
        while at < text.len() {
            let sentence = sentence_at(text, at);
            if sentence.is_empty() {
                break;
            }
            if is_topic_sentence(&text[sentence.clone()])
                && !hits_in(&scan.hits, &sentence).is_empty()
            {
                starts.push((sentence.start, sentence.clone()));
            }
            at = sentence.end;
        }
        let n = self.topics().len();
        for (k, (start, lead_range)) in starts.iter().enumerate() {
            let end = starts.get(k + 1).map(|s| s.0).unwrap_or(text.len());
            let mut lead = vec![0.0; n];
            let mut body = vec![0.0; n];
            for &(h, p) in hits_in(&scan.hits, &(*start..end)) {
                let into = if lead_range.contains(&h) {
                    &mut lead
                } else {
                    &mut body
                };
                self.keywords.credit(p, into);
            }
            let profile = self.combine(None, &lead, &body);
            let (topic, score, _, _) = self.pick(&profile);
            out.push(PassageTopics {
                paragraph,
                range: *start..end,
                lead: lead_range.clone(),
                topic,
                score,
                profile,
            });
        }
    }

    /// Whether the passages of a section disagree on their topic.
    fn is_mixed(&self, s: &Section, passages: &[PassageTopics]) -> bool {
        let n = self.topics().len();
        let mut size = vec![0usize; n];
        let mut with_topic = 0;
        let range = &s.paragraphs;
        let first = passages.partition_point(|x| x.paragraph < range.start);
        for x in passages[first..]
            .iter()
            .take_while(|x| x.paragraph < range.end)
        {
            if let Some(slot) = x.topic.and_then(|t| size.get_mut(t.index())) {
                *slot += x.range.len().max(1);
                with_topic += 1;
            }
        }
        let total: usize = size.iter().sum();
        let top = size.iter().copied().max().unwrap_or(0);
        with_topic >= 2 && (top as f32) < self.weights().mixed_share * total as f32
    }

    /// The part of the report each section belongs to.
    ///
    /// The outermost heading that names a part decides for everything inside
    /// it; only the government's own work can take over from the tasks
    /// deeper down. Sections no heading places are placed by cue words in
    /// the text of their outermost section.
    pub fn section_types(&self, report: &Report) -> Vec<SectionType> {
        let sections = &report.sections;
        // (type, whether it is a self-building heading with nothing above it)
        let mut decided: Vec<Option<(SectionType, bool)>> = Vec::with_capacity(sections.len());
        for (i, s) in sections.iter().enumerate() {
            let parent = valid_parent(s, i);
            let own = if s.kind == SectionKind::Appendix {
                Some(SectionType::Appendix)
            } else {
                self.title_type(report, s)
            };
            let base = parent.and_then(|p| decided[p]);
            let d = match (base, own) {
                (Some((SectionType::Tasks, _)), Some(SectionType::Government)) => {
                    Some((SectionType::Government, false))
                }
                (Some((b, lone)), _) => Some((b, lone)),
                (None, Some(t)) => Some((t, t == SectionType::Government)),
                (None, None) => None,
            };
            decided.push(d);
        }

        let mut cue_memo: Vec<Option<SectionType>> = vec![None; sections.len()];
        let mut cue = |i: usize| -> SectionType {
            if let Some(t) = cue_memo[i] {
                return t;
            }
            let t = self.cue_type(report, &sections[i]);
            cue_memo[i] = Some(t);
            t
        };
        let roots: Vec<usize> = (0..sections.len())
            .filter(|&i| valid_parent(&sections[i], i).is_none())
            .collect();
        // Whether headings name the other parts of the report.
        let parts_named = roots
            .iter()
            .any(|&r| matches!(decided[r], Some((t, _)) if t != SectionType::Government));
        let mut resolve = |i: usize| -> SectionType {
            match decided[i] {
                Some((SectionType::Government, true)) if !parts_named => {
                    // A heading like `（八）政府建设不断提升` on a page that
                    // starts mid-report may be last year's review.
                    match cue(root_of(sections, i)) {
                        SectionType::Review => SectionType::Review,
                        _ => SectionType::Government,
                    }
                }
                Some((t, _)) => t,
                None => cue(i),
            }
        };
        let placed: Vec<SectionType> = roots.iter().map(|&r| resolve(r)).collect();
        let mut root_type: Vec<SectionType> = vec![SectionType::Other; sections.len()];
        for (k, &r) in roots.iter().enumerate() {
            // A fragment neither its heading nor its wording places belongs
            // with the part next to it (the tail of the review at the top of
            // a page that starts mid-report).
            let donor = |t: &SectionType| {
                matches!(
                    t,
                    SectionType::Review
                        | SectionType::Targets
                        | SectionType::Tasks
                        | SectionType::Government
                )
            };
            root_type[r] = if placed[k] == SectionType::Other && decided[r].is_none() {
                placed
                    .get(k + 1)
                    .filter(|t| donor(t))
                    .or_else(|| {
                        k.checked_sub(1)
                            .and_then(|j| placed.get(j))
                            .filter(|t| donor(t))
                    })
                    .copied()
                    .unwrap_or(SectionType::Other)
            } else {
                placed[k]
            };
        }
        (0..sections.len())
            .map(|i| match decided[i] {
                Some(_) => resolve(i),
                None => root_type[root_of(sections, i)],
            })
            .collect()
    }

    /// The part a heading names, if any.
    fn title_type(&self, report: &Report, s: &Section) -> Option<SectionType> {
        let mut scores = self.type_titles.score(&s.title);
        // Old reports write years in full-width digits (`１９５６年`).
        let title: String = s
            .title
            .chars()
            .map(|c| match crate::numbers::ascii_digit(c) {
                Some(d) => char::from_digit(d, 10).unwrap_or(c),
                None => c,
            })
            .collect();
        let year_in = |y: Option<u16>| y.is_some_and(|y| title.contains(&format!("{y}年")));
        if year_in(report.meta.review_year) {
            scores[SectionType::Review as usize] += self.year_weight;
        }
        if year_in(report.meta.year) {
            scores[SectionType::Tasks as usize] += self.year_weight;
        }
        self.credit_plans(&title, report.meta.year, self.plan_weight, &mut scores);
        best_type(&scores, 0.0)
    }

    /// A five-year plan named in the text (`“十五五”时期`) points to the
    /// review when it ended before the report's year, else to the targets.
    fn credit_plans(&self, text: &str, year: Option<u16>, weight: f32, scores: &mut [f32]) {
        let Some(year) = year else { return };
        for (_, last) in crate::corpus::meta::plans_named(text) {
            let kind = if last < year {
                SectionType::Review
            } else {
                SectionType::Targets
            };
            scores[kind as usize] += weight;
        }
    }

    /// The part the wording of a section's text points to: what was done,
    /// or what will be.
    fn cue_type(&self, report: &Report, s: &Section) -> SectionType {
        let mut scores = vec![0.0; self.type_texts.classes];
        for i in clamp_range(&s.paragraphs, report.paragraphs.len()) {
            let text = &report.paragraphs[i].text;
            for (_, p) in self.type_texts.scan(text) {
                self.type_texts.credit(p, &mut scores);
            }
        }
        for i in clamp_range(&s.paragraphs, report.paragraphs.len()) {
            let text = &report.paragraphs[i].text;
            self.credit_plans(text, report.meta.year, self.plan_weight / 2.0, &mut scores);
        }
        let considered = [
            SectionType::Review,
            SectionType::Targets,
            SectionType::Tasks,
        ];
        let total: f32 = considered.iter().map(|&t| scores[t as usize]).sum();
        match best_type(&scores, CUE_MIN) {
            Some(t) if considered.contains(&t) && scores[t as usize] >= CUE_SHARE * total => t,
            _ => SectionType::Other,
        }
    }
}

/// The hits (sorted by offset) that start inside `r`.
fn hits_in<'a>(hits: &'a [(usize, u32)], r: &Range<usize>) -> &'a [(usize, u32)] {
    let lo = hits.partition_point(|h| h.0 < r.start);
    let hi = hits.partition_point(|h| h.0 < r.end).max(lo);
    &hits[lo..hi]
}

/// The highest-scoring type above `min` (the earlier type on ties).
fn best_type(scores: &[f32], min: f32) -> Option<SectionType> {
    let mut best: Option<(SectionType, f32)> = None;
    for &t in &SectionType::ALL {
        let v = scores.get(t as usize).copied().unwrap_or(0.0);
        if v > min && best.is_none_or(|(_, b)| v > b) {
            best = Some((t, v));
        }
    }
    best.map(|(t, _)| t)
}

/// A section's parent, if it is a valid earlier section.
fn valid_parent(s: &Section, index: usize) -> Option<usize> {
    s.parent.filter(|&p| p < index)
}

/// The outermost ancestor of section `i`.
fn root_of(sections: &[Section], mut i: usize) -> usize {
    while let Some(p) = sections.get(i).and_then(|s| valid_parent(s, i)) {
        i = p;
    }
    i
}

/// For each paragraph, the heading range of the first section whose
/// heading it holds.
fn heading_ranges(report: &Report) -> Vec<Option<Range<usize>>> {
    let mut out: Vec<Option<Range<usize>>> = vec![None; report.paragraphs.len()];
    for s in &report.sections {
        if let Some(slot) = out.get_mut(s.paragraph) {
            if slot.is_none() {
                let r = clamp_to_text(&report.paragraphs[s.paragraph].text, &s.heading);
                if !r.is_empty() {
                    *slot = Some(r);
                }
            }
        }
    }
    out
}

/// For each paragraph, the deepest section covering it (the later one on
/// equal depth, which is the more specific in a well-formed outline).
fn deepest_sections(report: &Report) -> Vec<Option<usize>> {
    let n = report.paragraphs.len();
    let mut out: Vec<Option<usize>> = vec![None; n];
    for (i, s) in report.sections.iter().enumerate() {
        for p in clamp_range(&s.paragraphs, n) {
            let deeper = match out[p] {
                None => true,
                Some(j) => s.depth >= report.sections[j].depth,
            };
            if deeper {
                out[p] = Some(i);
            }
        }
    }
    out
}

fn clamp_range(r: &Range<usize>, len: usize) -> Range<usize> {
    let end = r.end.min(len);
    r.start.min(end)..end
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

/// The sentence starting at byte `from` (a char boundary), end mark
/// included; to the end of the text when it has none.
fn sentence_at(text: &str, from: usize) -> Range<usize> {
    let Some(rest) = text.get(from..) else {
        return from..from;
    };
    match rest.char_indices().find(|&(_, c)| is_sentence_end(c)) {
        Some((i, c)) => from..from + i + c.len_utf8(),
        None => from..text.len(),
    }
}

/// A sentence short enough to announce a topic, and no statement of
/// figures (`城镇新增就业22.89万人。`).
fn is_topic_sentence(sentence: &str) -> bool {
    let mut count = 0;
    for c in sentence.chars() {
        count += 1;
        if count > PASSAGE_LEAD_MAX_CHARS || crate::numbers::ascii_digit(c).is_some() {
            return false;
        }
    }
    count >= 4
        && sentence
            .chars()
            .last()
            .is_some_and(|c| matches!(c, '。' | '！' | '!'))
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
        let reversed = Range { start: 5, end: 2 };
        assert_eq!(clamp_range(&reversed, 3), 2..2);
    }
}
