//! The topic view's rows (gathered as a walk reads the reports) and the
//! picker of another topic.

use crate::topics::{SectionType, TopicId};
use crate::tui::picker::{PickItem, Picker};
use crate::tui::walk::Walk;
use std::ops::Range;

/// One section about the topic.
#[derive(Debug, Clone, PartialEq)]
pub struct TopicRow {
    pub report: usize,
    pub section: usize,
    /// `2026 省 浙江省`.
    pub place: String,
    /// Label and title.
    pub title: String,
    pub part: SectionType,
    /// The topic is not the primary one of a section here (a secondary
    /// topic, or a passage).
    pub secondary: bool,
    /// Characters of the place's text (a section's with its sub-sections).
    pub chars: usize,
    pub figures: usize,
    pub paragraph: usize,
    pub heading: Range<usize>,
}

/// A topic the picker offers.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TopicItem {
    pub topic: TopicId,
    /// `生态环境 (environment)`.
    pub label: String,
}

impl PickItem for TopicItem {
    fn label(&self) -> &str {
        &self.label
    }
}

/// The picker layer over the topic view: every topic, filtered by typing.
#[derive(Debug, Clone)]
pub struct TopicPicker {
    pub picker: Picker<TopicItem>,
}

/// The topic view layer.
#[derive(Default)]
pub struct TopicView {
    pub topic: Option<TopicId>,
    pub rows: Vec<TopicRow>,
    pub selected: usize,
    /// The user moved the selection: rows arriving leave it alone.
    pub(super) moved: bool,
    /// The rows still being gathered.
    pub(super) gathering: Option<Walk<TopicRow>>,
    /// `App::corpus_generation` of the rows: a reload closes the view.
    pub(super) corpus: u64,
}

impl std::fmt::Debug for TopicView {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("TopicView")
            .field("topic", &self.topic)
            .field("rows", &self.rows.len())
            .field("selected", &self.selected)
            .field("gathering", &self.gathering.is_some())
            .finish_non_exhaustive()
    }
}

impl TopicView {
    /// (reports walked, reports to walk) while the rows are gathered.
    pub fn progress(&self) -> Option<(usize, usize)> {
        self.gathering.as_ref().map(|w| (w.walked(), w.total()))
    }
}
