//! The topic taxonomy an index was built with, for `topic:`.
//!
//! Passages are indexed with the topics the taxonomy gives their section
//! (primary and secondary). The taxonomy is a user setting, so the index
//! records a fingerprint of it and is rebuilt when it changes.

use crate::text::hash::Fnv;
use crate::topics::{self, Taxonomy, Topic, TopicId};
use std::path::Path;
use std::sync::Arc;

/// A taxonomy and its fingerprint.
#[derive(Debug, Clone)]
pub struct TopicSource {
    pub taxonomy: Arc<Taxonomy>,
    /// Changes whenever the taxonomy's definition does.
    pub key: u64,
}

impl TopicSource {
    /// The taxonomy compiled into gwr.
    pub fn builtin() -> TopicSource {
        let mut h = Fnv::new();
        h.bytes(topics::DEFAULT_TOML.as_bytes());
        TopicSource {
            taxonomy: Taxonomy::builtin(),
            key: h.finish(),
        }
    }

    /// The user's taxonomy (`topics.toml` in the config directory) or the
    /// built-in one, as `gwr sections` uses it, with its warnings.
    pub fn load() -> (TopicSource, Vec<String>) {
        TopicSource::load_from(topics::config_dir().as_deref())
    }

    /// [`TopicSource::load`] from the config directory `config_dir`.
    pub fn load_from(config_dir: Option<&Path>) -> (TopicSource, Vec<String>) {
        let loaded = topics::load(config_dir);
        let source = match &loaded.source {
            topics::Source::Builtin => TopicSource::builtin(),
            topics::Source::File(path) => {
                let mut h = Fnv::new();
                h.bytes(b"file");
                // Read again for the fingerprint; a file that vanished in
                // between only costs a rebuild next time.
                h.bytes(&std::fs::read(path).unwrap_or_default());
                TopicSource {
                    taxonomy: loaded.taxonomy.clone(),
                    key: h.finish(),
                }
            }
        };
        (source, loaded.warnings)
    }
}

/// The indexed term of a topic: its ASCII id, or its name when it has none.
pub fn term(topic: &Topic) -> &str {
    if topic.id.is_empty() {
        &topic.name
    } else {
        &topic.id
    }
}

/// The topic a `topic:` value names (name or id), if the taxonomy has it.
pub fn find<'a>(taxonomy: &'a Taxonomy, value: &str) -> Option<&'a Topic> {
    taxonomy
        .find_topic(value)
        .and_then(|id: TopicId| taxonomy.topic(id))
}
