//! Topics in the index, for `topic:`.
//!
//! Passages are indexed with the topics the taxonomy gives their section
//! (primary and secondary). The taxonomy is a user setting, so the index
//! records its fingerprint ([`crate::topics::TopicSource::key`]) and is
//! rebuilt when it changes.

use crate::topics::{Taxonomy, Topic, TopicId};

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
