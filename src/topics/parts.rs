//! Placing each section in a part of the report: the review of the past
//! year, the targets, this year's tasks, the government's own work.

use super::taxonomy::Taxonomy;
use super::SectionType;
use crate::report::{Report, Section, SectionKind};
use std::ops::Range;

/// Cue words must add up to at least this before the text alone places a
/// section in a part.
const CUE_MIN: f32 = 4.0;

/// The winning part must hold at least this share of the cue weight.
const CUE_SHARE: f32 = 0.5;

impl Taxonomy {
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

fn clamp_range(r: &Range<usize>, len: usize) -> Range<usize> {
    let end = r.end.min(len);
    r.start.min(end)..end
}
