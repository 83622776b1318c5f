//! A taxonomy with its fingerprint: the catalogue's topic summaries and the
//! search index's `topic:` field are saved under it, and made again when
//! the taxonomy (built-in or the user's `topics.toml`) changes.

use super::{Taxonomy, DEFAULT_TOML};
use crate::text::hash::Fnv;
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
        h.bytes(DEFAULT_TOML.as_bytes());
        TopicSource {
            taxonomy: Taxonomy::builtin(),
            key: h.finish(),
        }
    }

    /// The user's taxonomy (`topics.toml` in the config directory) or the
    /// built-in one, as `gwr sections` uses it, with its warnings.
    pub fn load() -> (TopicSource, Vec<String>) {
        let env = crate::store::Environment::from_process();
        TopicSource::load_from(crate::store::paths::config_dir(&env).as_deref())
    }

    /// [`TopicSource::load`] from the config directory `config_dir`.
    pub fn load_from(config_dir: Option<&Path>) -> (TopicSource, Vec<String>) {
        let loaded = super::load(config_dir);
        let source = match &loaded.source {
            super::Source::Builtin => TopicSource::builtin(),
            super::Source::File(path) => {
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
