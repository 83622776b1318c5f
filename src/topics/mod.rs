//! Sections → topics, for comparable sections across reports.
//!
//! Layer: above `corpus` and `report`; [`TopicSource`] is a taxonomy with
//! the fingerprint that summaries and the index are saved under.
//!
//! A [`Taxonomy`] (embedded `assets/topics.toml`, or the user's copy in the
//! config directory) lists about 14 policy topics with weighted keywords.
//! [`Taxonomy::classify`] gives every section of a report a primary topic
//! (and a secondary one where it mixes two), weighing its title and lead
//! sentences over its body, plus a [`SectionType`]: which part of the report
//! it belongs to (review of last year, targets, this year's tasks, the
//! government's own work, appendix). Its [`Place`]s — every section at its
//! heading, and the passages of the sections' own text (a paragraph, or a
//! run of sentences opening on one topic inside it) — carry several topics
//! each with a score: a 民生 section covering jobs, schools and hospitals
//! has a place for each, and the best place for a topic in a part is the
//! one with the highest score (where `>` lands).
//!
//! The compare API finds the matching place in other reports:
//! [`ReportTopics::find`], [`ReportTopics::best`], [`comparable`],
//! [`next_report_with_topic`], [`ReportTopics::next_with_topic`].
//!
//! ```no_run
//! use gwr::topics::{self, comparable, next_report_with_topic, Direction};
//!
//! // Once at start-up: the user's taxonomy or the built-in one.
//! let env = gwr::store::Environment::from_process();
//! let loaded = topics::load(gwr::store::paths::config_dir(&env).as_deref());
//! for w in &loaded.warnings {
//!     eprintln!("gwr: {w}");
//! }
//! let corpus = gwr::corpus::load_builtin();
//! let classified = loaded.taxonomy.classify_all(&corpus.reports);
//!
//! // Reading section 3 of report 0: the same topic in every other report,
//! // most similar first (a compare view).
//! for c in comparable(&corpus.reports, &classified, 0, 3) {
//!     let report = &corpus.reports[c.report];
//!     let line = report.paragraphs[c.hit.paragraph].line_at(c.hit.range.start);
//!     println!("{} line {line} ({:.2})", report.file, c.score);
//! }
//!
//! // `>`: the next report that treats the topic of section 3, in the same
//! // part of the report.
//! let here = &classified[0].sections[3];
//! if let Some(topic) = here.primary {
//!     let next = next_report_with_topic(
//!         &corpus.reports, &classified, 0, topic, Some(here.kind), Direction::Next,
//!     );
//!     if let Some((report, hit)) = next {
//!         println!("jump to report {report}, paragraph {}", hit.paragraph);
//!     }
//! }
//! ```

mod classify;
mod compare;
mod parts;
mod places;
mod source;
mod taxonomy;

pub use classify::{ReportTopics, SectionTopics};
pub use compare::{
    comparable, most_similar, next_report_with_topic, Comparable, Direction, Hit, HitKind,
    TopicSummary,
};
pub use places::{Place, PlaceKind};
pub use source::TopicSource;
pub use taxonomy::{
    load, Loaded, Source, Taxonomy, TaxonomyError, Topic, TopicId, Weights, DEFAULT_TOML, FILE_NAME,
};

use serde::{Deserialize, Serialize};

/// Which part of a report a section belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum SectionType {
    /// Review of the past year (or five years): `一、2025年工作回顾`.
    Review,
    /// Targets and general requirements; five-year-plan goals.
    Targets,
    /// This year's tasks: `三、2026年重点工作`.
    Tasks,
    /// The government's own work: `四、全面加强政府自身建设`.
    Government,
    /// Appended lists and notes: `民生实事`, `名词解释`.
    Appendix,
    /// Anything the headings and the text do not place.
    Other,
}

impl SectionType {
    pub const ALL: [SectionType; 6] = [
        SectionType::Review,
        SectionType::Targets,
        SectionType::Tasks,
        SectionType::Government,
        SectionType::Appendix,
        SectionType::Other,
    ];

    /// The part worth matching in another report: review, targets, tasks …
    /// but not "other", which matches any part.
    pub fn as_filter(self) -> Option<SectionType> {
        (self != SectionType::Other).then_some(self)
    }

    /// The fixed ASCII id (`review`), used in the taxonomy file and on the
    /// command line.
    pub fn id(self) -> &'static str {
        match self {
            SectionType::Review => "review",
            SectionType::Targets => "targets",
            SectionType::Tasks => "tasks",
            SectionType::Government => "government",
            SectionType::Appendix => "appendix",
            SectionType::Other => "other",
        }
    }

    /// The name used when the taxonomy does not give one.
    pub fn default_name(self) -> &'static str {
        match self {
            SectionType::Review => "回顾",
            SectionType::Targets => "目标",
            SectionType::Tasks => "任务",
            SectionType::Government => "自身建设",
            SectionType::Appendix => "附录",
            SectionType::Other => "其他",
        }
    }

    pub fn from_id(id: &str) -> Option<SectionType> {
        SectionType::ALL.iter().copied().find(|t| t.id() == id)
    }
}
