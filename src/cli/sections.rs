//! `gwr sections`: one row per section with its topic and type.

use super::output::{Cell, Table};
use crate::corpus::Corpus;
use crate::topics::{self, SectionType, Taxonomy, TopicId};
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

pub fn table(corpus: &Corpus, query: &Query) -> Table {
    let taxonomy = &query.taxonomy;
    let classified = taxonomy.classify_all(&corpus.reports);
    let name = |t: Option<TopicId>| Cell::from(t.map(|t| taxonomy.topic_name(t).to_string()));
    let mut rows = Vec::new();
    for (report, rt) in corpus.reports.iter().zip(&classified) {
        for (s, st) in report.sections.iter().zip(&rt.sections) {
            if query
                .topic
                .is_some_and(|t| st.primary != Some(t) && st.secondary != Some(t))
            {
                continue;
            }
            if query.kind.is_some_and(|k| st.kind != k) {
                continue;
            }
            rows.push(vec![
                Cell::from(report.file.as_str()),
                Cell::Int(s.first_line as i64),
                Cell::Int(s.depth as i64),
                Cell::from(s.title.as_str()),
                name(st.primary),
                Cell::from(taxonomy.type_name(st.kind)),
                Cell::Float((st.score as f64 * 100.0).round() / 100.0),
                name(st.secondary),
            ]);
        }
    }
    Table {
        columns: vec![
            "file",
            "line",
            "depth",
            "title",
            "topic",
            "type",
            "score",
            "secondary",
        ],
        rows,
    }
}
