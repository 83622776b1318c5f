//! `gwr sections`: where each topic is, one row per place and topic it
//! carries (every section at its heading, and the passages of the
//! sections' own text: `depth` one below their section), with its score;
//! the highest score of a topic in a part of a report is where `>` lands
//! (`secondary`: on a topic that is not the place's main one, the main
//! one). A section that carries no topic has one row without one.

use super::output::{Cell, Table};
use crate::corpus::Corpus;
use crate::report::Report;
use crate::topics::{self, PlaceKind, SectionType, Taxonomy, TopicId};
use std::sync::Arc;

/// The taxonomy from the user's config directory (or the built-in one),
/// with any problem reported on stderr.
pub fn load_taxonomy() -> Arc<Taxonomy> {
    let env = crate::store::Environment::from_process();
    let loaded = topics::load(crate::store::paths::config_dir(&env).as_deref());
    for w in &loaded.warnings {
        eprintln!("gwr: {w}");
    }
    loaded.taxonomy
}

/// Which sections to show, checked against the taxonomy.
#[derive(Debug, Clone)]
pub struct Query {
    taxonomy: Arc<Taxonomy>,
    /// Sections whose primary or secondary topic this is.
    topic: Option<TopicId>,
    kind: Option<SectionType>,
}

impl Query {
    /// `topic`: a topic name or id; `kind`: a section type id (`review`) or
    /// name (`回顾`). An unknown one gives a message listing the known ones.
    pub fn new(
        taxonomy: Arc<Taxonomy>,
        topic: Option<&str>,
        kind: Option<&str>,
    ) -> Result<Query, String> {
        let topic = match topic {
            Some(name) => Some(taxonomy.find_topic(name).ok_or_else(|| {
                format!(
                    "unknown topic `{}`; topics are: {}",
                    crate::text::sanitize::visible(name),
                    taxonomy.topic_list()
                )
            })?),
            None => None,
        };
        let kind = match kind {
            Some(name) => Some(taxonomy.find_type(name).ok_or_else(|| {
                let names: Vec<String> = SectionType::ALL
                    .iter()
                    .map(|&t| format!("{} ({})", t.id(), taxonomy.type_name(t)))
                    .collect();
                format!(
                    "unknown type `{}`; types are: {}",
                    crate::text::sanitize::visible(name),
                    names.join(", ")
                )
            })?),
            None => None,
        };
        Ok(Query {
            taxonomy,
            topic,
            kind,
        })
    }
}

pub const COLUMNS: [&str; 9] = [
    "file",
    "path",
    "line",
    "depth",
    "title",
    "topic",
    "type",
    "score",
    "secondary",
];

/// A row per place of the report and topic it carries that the query keeps.
pub fn rows(report: &Report, query: &Query) -> Vec<Vec<Cell>> {
    let taxonomy = &query.taxonomy;
    let rt = taxonomy.classify(report);
    let name = |t: Option<TopicId>| Cell::from(t.map(|t| taxonomy.topic_name(t).to_string()));
    let mut rows = Vec::new();
    for place in &rt.places {
        if query.kind.is_some_and(|k| place.part != k) {
            continue;
        }
        let Some(paragraph) = report.paragraphs.get(place.paragraph) else {
            continue;
        };
        let title = place.title(report);
        let mut row = |topic: Option<TopicId>, score: f32, secondary: Option<TopicId>| {
            rows.push(vec![
                Cell::from(report.file.as_str()),
                super::path_cell(report),
                Cell::Int(paragraph.line_at(place.range.start) as i64),
                Cell::Int(place.depth as i64),
                Cell::from(title.as_str()),
                name(topic),
                Cell::from(taxonomy.type_name(place.part)),
                Cell::Float((score as f64 * 10_000.0).round() / 10_000.0),
                name(secondary),
            ]);
        };
        let main = place.topics.first().map(|&(t, _)| t);
        if main.is_none() && place.kind == PlaceKind::Section && query.topic.is_none() {
            row(None, 0.0, None);
        }
        for &(topic, score) in &place.topics {
            if query.topic.is_some_and(|t| t != topic) {
                continue;
            }
            row(Some(topic), score, main.filter(|&m| m != topic));
        }
    }
    rows
}

pub fn table(corpus: &Corpus, query: &Query) -> Table {
    super::table_of(corpus, &COLUMNS, &|r: &Report| rows(r, query))
}
