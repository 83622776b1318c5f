//! The compare view's state: its two sides, the figures they share, and
//! the sections its picker offers.

use crate::figures::compare::{shared_indicators, SharedIndicator};
use crate::figures::ReportFigure;
use crate::library::Entry;
use crate::report::Report;
use crate::text::width::for_display;
use crate::topics::{Hit, HitKind, SectionType, Taxonomy, TopicId};
use crate::tui::marks::{Mark, MarkKind, MarkLayer, Marks};
use crate::tui::picker::{PickItem, Picker};
use crate::tui::reader::{Anchor, ReportIndex, WrapCache};
use crate::tui::report_list::row_text;
use crate::tui::topics::paragraph_text;
use crate::tui::walk::Walk;
use std::ops::Range;

/// At this width and wider the sides stand side by side.
pub const SIDE_BY_SIDE_FROM: u16 = 120;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SideId {
    Left,
    Right,
}

impl SideId {
    pub fn other(self) -> SideId {
        match self {
            SideId::Left => SideId::Right,
            SideId::Right => SideId::Left,
        }
    }
}

/// One side: a section (or a passage outside any section) of a report.
#[derive(Debug, Clone)]
pub struct Side {
    pub report: usize,
    pub section: Option<usize>,
    /// The paragraphs shown.
    pub paragraphs: Range<usize>,
    /// The top of the side's pane.
    pub anchor: Anchor,
    pub index: ReportIndex,
    pub cache: WrapCache,
    /// Shared figures, marked.
    pub marks: Marks,
    /// The figures in `paragraphs`, in text order.
    pub figures: Vec<ReportFigure>,
}

impl Side {
    pub(super) fn start(&self) -> Anchor {
        Anchor {
            paragraph: self.paragraphs.start,
            offset: 0,
        }
    }
}

/// A section the picker offers.
#[derive(Debug, Clone, PartialEq)]
pub struct Candidate {
    pub report: usize,
    pub hit: Hit,
    /// What the list shows and the filter matches.
    pub label: String,
}

impl PickItem for Candidate {
    fn label(&self) -> &str {
        &self.label
    }
}

/// The picker layer over the compare view: the sections of the other
/// reports (gathered on a worker, `gathering`), filtered by typing.
pub struct ComparePicker {
    pub picker: Picker<Candidate>,
    /// The candidates still being gathered.
    pub(super) gathering: Option<Walk<Candidate>>,
}

/// The compare layer.
pub struct CompareState {
    pub left: Side,
    /// `None` until a partner is found or picked.
    pub right: Option<Side>,
    pub active: SideId,
    /// Scrolling moves both sides by the same rows.
    pub sync: bool,
    pub topic: Option<TopicId>,
    pub part: Option<SectionType>,
    pub shared: Vec<SharedIndicator>,
    /// First row of the strip shown.
    pub strip_offset: usize,
    /// `App::corpus_generation` of the sides: a reload closes the view.
    pub(super) corpus: u64,
}

impl std::fmt::Debug for CompareState {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("CompareState")
            .field("left", &self.left.report)
            .field("right", &self.right.as_ref().map(|s| s.report))
            .field("topic", &self.topic)
            .finish_non_exhaustive()
    }
}

impl CompareState {
    pub fn side(&self, id: SideId) -> Option<&Side> {
        match id {
            SideId::Left => Some(&self.left),
            SideId::Right => self.right.as_ref(),
        }
    }

    pub(super) fn side_mut(&mut self, id: SideId) -> Option<&mut Side> {
        match id {
            SideId::Left => Some(&mut self.left),
            SideId::Right => self.right.as_mut(),
        }
    }

    /// Recompute the shared indicators and the marks of both sides.
    pub(super) fn refresh_shared(&mut self) {
        let Some(right) = self.right.as_mut() else {
            self.shared.clear();
            self.left.marks.clear(MarkLayer::Compare);
            return;
        };
        self.shared = shared_indicators(&self.left.figures, &right.figures);
        let marks = |side: &Side, pick: &dyn Fn(&SharedIndicator) -> &[usize]| -> Vec<Mark> {
            self.shared
                .iter()
                .flat_map(|s| pick(s).iter())
                .filter_map(|&i| side.figures.get(i))
                .map(|f| Mark {
                    paragraph: f.paragraph,
                    range: f.figure.range.clone(),
                    kind: MarkKind::SharedFigure,
                })
                .collect()
        };
        let left_marks = marks(&self.left, &|s| &s.left);
        let right_marks = marks(right, &|s| &s.right);
        self.left.marks.set(MarkLayer::Compare, left_marks);
        right.marks.set(MarkLayer::Compare, right_marks);
        self.strip_offset = 0;
    }
}

/// The picker's candidates in report `r`: its places about `topic`, or
/// every section when there is none.
pub(super) fn candidates_of(
    r: usize,
    report: &Report,
    taxonomy: &Taxonomy,
    topic: Option<TopicId>,
    place: &str,
) -> Vec<Candidate> {
    let topics = taxonomy.classify(report);
    let hits: Vec<Hit> = match topic {
        Some(t) => topics.find(report, t, None),
        None => report
            .sections
            .iter()
            .enumerate()
            .map(|(i, s)| Hit {
                section: Some(i),
                paragraph: s.paragraph,
                range: s.heading.clone(),
                kind: HitKind::Primary,
                score: 0.0,
                depth: s.depth,
                part: topics
                    .sections
                    .get(i)
                    .map(|st| st.kind)
                    .unwrap_or(SectionType::Other),
            })
            .collect(),
    };
    hits.into_iter()
        .map(|hit| {
            let title = match hit.section.and_then(|s| report.sections.get(s)) {
                Some(s) if hit.kind != HitKind::Passage => format!("{}{}", s.label, s.title),
                _ => {
                    let text = paragraph_text(report, hit.paragraph);
                    let passage = text.get(hit.range.clone()).unwrap_or(text);
                    let short: String = passage.chars().take(24).collect();
                    format!("passage: {short}")
                }
            };
            let label = format!(
                "{place}  {}  {}",
                taxonomy.type_name(hit.part),
                for_display(&title)
            );
            Candidate {
                report: r,
                hit,
                label,
            }
        })
        .collect()
}

/// Label of a report in the picker and the titles: `2026 省 浙江省`.
pub(super) fn report_label(report: &Entry) -> String {
    row_text(report, 40, &Default::default())
        .trim_end()
        .to_string()
}

pub(super) fn hit_paragraphs(report: &Report, hit: &Hit) -> Range<usize> {
    match hit.section.and_then(|s| report.sections.get(s)) {
        Some(sec) if hit.kind != HitKind::Passage => sec.paragraphs.clone(),
        // A passage: its paragraph to the end of its section.
        Some(sec) => hit.paragraph..sec.paragraphs.end.max(hit.paragraph + 1),
        None => hit.paragraph..hit.paragraph + 1,
    }
}
