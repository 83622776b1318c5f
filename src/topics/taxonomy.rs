//! The topic taxonomy: topics with weighted keywords, section-type cue words,
//! and the weights of the decision. Read from TOML (the embedded
//! `assets/topics.toml` or a user's copy) and compiled once into
//! Aho-Corasick automata.

use super::SectionType;
use aho_corasick::{AhoCorasick, AhoCorasickKind, MatchKind};
use serde::Deserialize;
use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};
use std::sync::{Arc, OnceLock};

/// The taxonomy compiled into gwr.
pub const DEFAULT_TOML: &str = include_str!("../../assets/topics.toml");

/// Name of a user's taxonomy file inside the config directory.
pub const FILE_NAME: &str = "topics.toml";

/// A user taxonomy larger than this is not read (the built-in one is
/// 12 KB; the limits on topics and keywords below cap it far lower).
const MAX_TAXONOMY_BYTES: u64 = 16 << 20;

/// A topic's index in its taxonomy.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize, serde::Deserialize,
)]
pub struct TopicId(pub u16);

impl TopicId {
    pub fn index(self) -> usize {
        self.0 as usize
    }
}

/// One topic of the taxonomy.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Topic {
    /// The name shown to users (`生态环境`).
    pub name: String,
    /// An ASCII alias for the command line (`environment`); may be empty.
    pub id: String,
}

impl Topic {
    /// The topic as lists and messages name it: `生态环境 (environment)`.
    pub fn label(&self) -> String {
        if self.id.is_empty() {
            self.name.clone()
        } else {
            format!("{} ({})", self.name, self.id)
        }
    }
}

/// How the parts of a section are weighed; see `assets/topics.toml`.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Weights {
    pub title: f32,
    pub lead: f32,
    pub body: f32,
    pub secondary_ratio: f32,
    pub min_score: f32,
    pub mixed_share: f32,
}

/// Why a taxonomy file was rejected.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum TaxonomyError {
    /// Not valid TOML, or a value of the wrong type (the message names the
    /// line and the key).
    #[error("{0}")]
    Syntax(String),
    /// Valid TOML that does not describe a usable taxonomy.
    #[error("{0}")]
    Invalid(String),
}

/// Keywords compiled into one automaton; each pattern credits one or more
/// classes (topics or section types) with a weight.
#[derive(Debug, Clone)]
pub(crate) struct Lexicon {
    matcher: Option<AhoCorasick>,
    credits: Vec<Vec<(u16, f32)>>,
    pub(crate) classes: usize,
}

impl Lexicon {
    fn build(classes: usize, entries: &[(usize, &BTreeMap<String, f32>)]) -> Self {
        let mut index: HashMap<&str, usize> = HashMap::new();
        let mut patterns: Vec<&str> = Vec::new();
        let mut credits: Vec<Vec<(u16, f32)>> = Vec::new();
        for (class, words) in entries {
            for (word, &weight) in words.iter() {
                let slot = *index.entry(word.as_str()).or_insert_with(|| {
                    patterns.push(word.as_str());
                    credits.push(Vec::new());
                    patterns.len() - 1
                });
                credits[slot].push((*class as u16, weight));
            }
        }
        // Validation keeps patterns non-empty and few, so building cannot
        // fail in practice; a failure leaves the lexicon matching nothing.
        let matcher = if patterns.is_empty() {
            None
        } else {
            // A DFA costs some memory for a few thousand keywords but scans
            // several times faster than the default NFA.
            AhoCorasick::builder()
                .match_kind(MatchKind::LeftmostLongest)
                .kind(Some(AhoCorasickKind::DFA))
                .build(&patterns)
                .ok()
        };
        Lexicon {
            matcher,
            credits,
            classes,
        }
    }

    /// Every keyword occurrence as (byte offset, pattern), in text order;
    /// where keywords overlap, the longest wins.
    pub(crate) fn scan<'a>(&'a self, text: &'a str) -> impl Iterator<Item = (usize, u32)> + 'a {
        self.matcher
            .iter()
            .flat_map(move |m| m.find_iter(text))
            .map(|m| (m.start(), m.pattern().as_u32()))
    }

    /// Add what a pattern is worth to each class it credits.
    pub(crate) fn credit(&self, pattern: u32, into: &mut [f32]) {
        if let Some(list) = self.credits.get(pattern as usize) {
            for &(class, weight) in list {
                if let Some(slot) = into.get_mut(class as usize) {
                    *slot += weight;
                }
            }
        }
    }

    /// Class scores of a whole text.
    pub(crate) fn score(&self, text: &str) -> Vec<f32> {
        let mut out = vec![0.0; self.classes];
        for (_, p) in self.scan(text) {
            self.credit(p, &mut out);
        }
        out
    }

    /// Whether the pattern credits `class`.
    pub(crate) fn credits_class(&self, pattern: u32, class: usize) -> bool {
        self.credits
            .get(pattern as usize)
            .is_some_and(|l| l.iter().any(|&(c, _)| c as usize == class))
    }
}

/// A compiled taxonomy. Build it once ([`Taxonomy::builtin`],
/// [`load`], [`Taxonomy::from_toml`]) and share it.
#[derive(Debug, Clone)]
pub struct Taxonomy {
    topics: Vec<Topic>,
    weights: Weights,
    pub(crate) keywords: Lexicon,
    pub(crate) type_titles: Lexicon,
    pub(crate) type_texts: Lexicon,
    type_names: Vec<String>,
    pub(crate) year_weight: f32,
    pub(crate) plan_weight: f32,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct FileToml {
    #[allow(dead_code)]
    version: Option<u32>,
    weights: Option<WeightsToml>,
    #[serde(default)]
    topic: Vec<TopicToml>,
    types: Option<TypesToml>,
    #[serde(default, rename = "type")]
    type_: Vec<TypeToml>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct WeightsToml {
    title: Option<f32>,
    lead: Option<f32>,
    body: Option<f32>,
    secondary_ratio: Option<f32>,
    min_score: Option<f32>,
    mixed_share: Option<f32>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct TopicToml {
    name: String,
    #[serde(default)]
    id: String,
    #[serde(default)]
    keywords: BTreeMap<String, f32>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct TypesToml {
    year_weight: Option<f32>,
    plan_weight: Option<f32>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct TypeToml {
    id: String,
    name: Option<String>,
    #[serde(default)]
    title: BTreeMap<String, f32>,
    #[serde(default)]
    text: BTreeMap<String, f32>,
}

/// At most this many topics (ids are `u16`, and a screen has to show them).
const MAX_TOPICS: usize = 256;
/// At most this many keywords per topic or type table.
const MAX_KEYWORDS: usize = 10_000;
/// Longest keyword, in characters.
const MAX_KEYWORD_CHARS: usize = 64;

const DEFAULT_WEIGHTS: Weights = Weights {
    title: 0.5,
    lead: 0.3,
    body: 0.2,
    secondary_ratio: 0.5,
    min_score: 0.3,
    mixed_share: 0.6,
};

impl Taxonomy {
    /// The taxonomy compiled into gwr, built once.
    pub fn builtin() -> Arc<Taxonomy> {
        static BUILTIN: OnceLock<Arc<Taxonomy>> = OnceLock::new();
        BUILTIN
            .get_or_init(|| {
                // The embedded file is checked by the test suite; should it
                // ever be broken, an empty taxonomy still classifies nothing
                // wrongly rather than crashing.
                Arc::new(Taxonomy::from_toml(DEFAULT_TOML).unwrap_or_else(|_| Taxonomy::empty()))
            })
            .clone()
    }

    fn empty() -> Taxonomy {
        let empty = BTreeMap::new();
        Taxonomy {
            topics: Vec::new(),
            weights: DEFAULT_WEIGHTS,
            keywords: Lexicon::build(0, &[]),
            type_titles: Lexicon::build(SectionType::ALL.len(), &[(0, &empty)]),
            type_texts: Lexicon::build(SectionType::ALL.len(), &[(0, &empty)]),
            type_names: SectionType::ALL
                .iter()
                .map(|t| t.default_name().to_string())
                .collect(),
            year_weight: 0.0,
            plan_weight: 0.0,
        }
    }

    /// Parse and check a taxonomy file.
    pub fn from_toml(text: &str) -> Result<Taxonomy, TaxonomyError> {
        let file: FileToml =
            toml::from_str(text).map_err(|e| TaxonomyError::Syntax(toml_message(text, &e)))?;
        let invalid = |msg: String| Err(TaxonomyError::Invalid(msg));

        let w = file.weights.unwrap_or(WeightsToml {
            title: None,
            lead: None,
            body: None,
            secondary_ratio: None,
            min_score: None,
            mixed_share: None,
        });
        let weights = Weights {
            title: w.title.unwrap_or(DEFAULT_WEIGHTS.title),
            lead: w.lead.unwrap_or(DEFAULT_WEIGHTS.lead),
            body: w.body.unwrap_or(DEFAULT_WEIGHTS.body),
            secondary_ratio: w.secondary_ratio.unwrap_or(DEFAULT_WEIGHTS.secondary_ratio),
            min_score: w.min_score.unwrap_or(DEFAULT_WEIGHTS.min_score),
            mixed_share: w.mixed_share.unwrap_or(DEFAULT_WEIGHTS.mixed_share),
        };
        for (key, v) in [
            ("title", weights.title),
            ("lead", weights.lead),
            ("body", weights.body),
        ] {
            if !(v.is_finite() && v >= 0.0) {
                return invalid(format!("[weights] {key} must be a number ≥ 0, not {v}"));
            }
        }
        if weights.title + weights.lead + weights.body <= 0.0 {
            return invalid("[weights] title, lead and body cannot all be 0".into());
        }
        for (key, v) in [
            ("secondary_ratio", weights.secondary_ratio),
            ("min_score", weights.min_score),
            ("mixed_share", weights.mixed_share),
        ] {
            if !(v.is_finite() && (0.0..=1.0).contains(&v)) {
                return invalid(format!(
                    "[weights] {key} must be a number from 0 to 1, not {v}"
                ));
            }
        }

        if file.topic.is_empty() {
            return invalid("no [[topic]] tables: a taxonomy needs at least one topic".into());
        }
        if file.topic.len() > MAX_TOPICS {
            return invalid(format!(
                "{} topics: at most {MAX_TOPICS} are allowed",
                file.topic.len()
            ));
        }
        let mut topics = Vec::with_capacity(file.topic.len());
        for (i, t) in file.topic.iter().enumerate() {
            let name = t.name.trim();
            let label = format!("topic {} ({name})", i + 1);
            if name.is_empty() {
                return invalid(format!("topic {} has an empty name", i + 1));
            }
            if !t.id.is_empty()
                && !t
                    .id
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
            {
                return invalid(format!(
                    "{label}: id `{}` must be ASCII letters, digits, `-` or `_`",
                    t.id
                ));
            }
            for other in &topics[..] {
                let other: &Topic = other;
                if other.name == name || (!t.id.is_empty() && other.id == t.id) {
                    return invalid(format!("{label}: name or id used twice"));
                }
            }
            if t.keywords.is_empty() {
                return invalid(format!("{label} has no keywords"));
            }
            check_words(&label, &t.keywords)?;
            topics.push(Topic {
                name: name.to_string(),
                id: t.id.clone(),
            });
        }

        let mut type_names: Vec<String> = SectionType::ALL
            .iter()
            .map(|t| t.default_name().to_string())
            .collect();
        let mut seen = [false; SectionType::ALL.len()];
        let mut title_entries = Vec::new();
        let mut text_entries = Vec::new();
        for t in &file.type_ {
            let Some(kind) = SectionType::from_id(&t.id) else {
                let ids: Vec<&str> = SectionType::ALL.iter().map(|t| t.id()).collect();
                return invalid(format!(
                    "[[type]] id `{}` is not one of {}",
                    t.id,
                    ids.join(", ")
                ));
            };
            let k = kind as usize;
            if seen[k] {
                return invalid(format!("[[type]] `{}` is listed twice", t.id));
            }
            seen[k] = true;
            if let Some(name) = &t.name {
                let name = name.trim();
                if name.is_empty() {
                    return invalid(format!("[[type]] `{}` has an empty name", t.id));
                }
                type_names[k] = name.to_string();
            }
            let label = format!("type {}", t.id);
            check_words(&label, &t.title)?;
            check_words(&label, &t.text)?;
            title_entries.push((k, &t.title));
            text_entries.push((k, &t.text));
        }
        let types = file.types.unwrap_or(TypesToml {
            year_weight: None,
            plan_weight: None,
        });
        let year_weight = types.year_weight.unwrap_or(4.0);
        let plan_weight = types.plan_weight.unwrap_or(4.0);
        for (key, v) in [("year_weight", year_weight), ("plan_weight", plan_weight)] {
            if !(v.is_finite() && v >= 0.0) {
                return invalid(format!("[types] {key} must be a number ≥ 0, not {v}"));
            }
        }

        let topic_entries: Vec<(usize, &BTreeMap<String, f32>)> = file
            .topic
            .iter()
            .enumerate()
            .map(|(i, t)| (i, &t.keywords))
            .collect();
        Ok(Taxonomy {
            keywords: Lexicon::build(topics.len(), &topic_entries),
            type_titles: Lexicon::build(SectionType::ALL.len(), &title_entries),
            type_texts: Lexicon::build(SectionType::ALL.len(), &text_entries),
            topics,
            weights,
            type_names,
            year_weight,
            plan_weight,
        })
    }

    pub fn topics(&self) -> &[Topic] {
        &self.topics
    }

    pub fn topic(&self, id: TopicId) -> Option<&Topic> {
        self.topics.get(id.index())
    }

    /// The topic's display name, or `""` for an id from another taxonomy.
    pub fn topic_name(&self, id: TopicId) -> &str {
        self.topic(id).map(|t| t.name.as_str()).unwrap_or("")
    }

    /// Every topic as a message names it: `生态环境 (environment)`, joined
    /// with commas (for "unknown topic" errors).
    pub fn topic_list(&self) -> String {
        let names: Vec<String> = self.topics().iter().map(Topic::label).collect();
        names.join(", ")
    }

    /// Find a topic by its name or id (ASCII case-insensitive).
    pub fn find_topic(&self, name: &str) -> Option<TopicId> {
        let name = name.trim();
        self.topics
            .iter()
            .position(|t| t.name == name || (!t.id.is_empty() && t.id.eq_ignore_ascii_case(name)))
            .map(|i| TopicId(i as u16))
    }

    pub fn weights(&self) -> &Weights {
        &self.weights
    }

    /// The display name of a section type (`回顾`).
    pub fn type_name(&self, kind: SectionType) -> &str {
        self.type_names
            .get(kind as usize)
            .map(String::as_str)
            .unwrap_or(kind.default_name())
    }

    /// Find a section type by its id (`review`) or display name (`回顾`).
    pub fn find_type(&self, name: &str) -> Option<SectionType> {
        let name = name.trim();
        SectionType::from_id(&name.to_ascii_lowercase()).or_else(|| {
            SectionType::ALL
                .iter()
                .copied()
                .find(|&t| self.type_name(t) == name || t.default_name() == name)
        })
    }

    /// Scores of each topic's keywords in a text (for tests and tools).
    pub fn keyword_scores(&self, text: &str) -> Vec<f32> {
        self.keywords.score(text)
    }

    /// Whether `text` holds a keyword of `topic`.
    pub fn mentions(&self, text: &str, topic: TopicId) -> bool {
        self.keywords
            .scan(text)
            .any(|(_, p)| self.keywords.credits_class(p, topic.index()))
    }
}

fn check_words(label: &str, words: &BTreeMap<String, f32>) -> Result<(), TaxonomyError> {
    if words.len() > MAX_KEYWORDS {
        return Err(TaxonomyError::Invalid(format!(
            "{label}: {} keywords, at most {MAX_KEYWORDS} are allowed",
            words.len()
        )));
    }
    for (word, &weight) in words {
        if word.trim().is_empty() {
            return Err(TaxonomyError::Invalid(format!("{label}: an empty keyword")));
        }
        if word.chars().count() > MAX_KEYWORD_CHARS {
            return Err(TaxonomyError::Invalid(format!(
                "{label}: keyword `{word}` is longer than {MAX_KEYWORD_CHARS} characters"
            )));
        }
        if !(weight.is_finite() && weight > 0.0) {
            return Err(TaxonomyError::Invalid(format!(
                "{label}: keyword `{word}` needs a weight > 0, not {weight}"
            )));
        }
    }
    Ok(())
}

/// A TOML error as one line: `line N, column M: message`.
fn toml_message(text: &str, err: &toml::de::Error) -> String {
    let message = err.message().trim();
    match err.span() {
        Some(span) => {
            let before = text.get(..span.start.min(text.len())).unwrap_or("");
            let line = before.matches('\n').count() + 1;
            let column = before
                .rsplit('\n')
                .next()
                .map(|l| l.chars().count())
                .unwrap_or(0)
                + 1;
            format!("line {line}, column {column}: {message}")
        }
        None => message.to_string(),
    }
}

/// Where the taxonomy in use came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Source {
    Builtin,
    File(PathBuf),
}

/// A taxonomy ready for use, and what to tell the user about it.
#[derive(Debug, Clone)]
pub struct Loaded {
    pub taxonomy: Arc<Taxonomy>,
    pub source: Source,
    /// Why a user file was not used (empty when all went well).
    pub warnings: Vec<String>,
}

/// Load `<config_dir>/topics.toml` if it exists, else the built-in
/// taxonomy. A file that cannot be read or is invalid gives a warning and
/// the built-in taxonomy.
pub fn load(config_dir: Option<&Path>) -> Loaded {
    let builtin = || Loaded {
        taxonomy: Taxonomy::builtin(),
        source: Source::Builtin,
        warnings: Vec::new(),
    };
    let Some(dir) = config_dir else {
        return builtin();
    };
    let path = dir.join(FILE_NAME);
    let shown = crate::text::sanitize::visible(&path.to_string_lossy());
    let text = match crate::store::bounded::read_regular(&path, MAX_TAXONOMY_BYTES) {
        Ok(bytes) => bytes,
        Err(crate::store::bounded::ReadError::Missing) => return builtin(),
        Err(e) => {
            let mut l = builtin();
            l.warnings.push(format!(
                "{shown}: cannot read ({e}); using the built-in topics"
            ));
            return l;
        }
    };
    let parsed = match String::from_utf8(text) {
        Ok(text) => Taxonomy::from_toml(&text),
        Err(_) => Err(TaxonomyError::Syntax("not UTF-8 text".into())),
    };
    match parsed {
        Ok(t) => Loaded {
            taxonomy: Arc::new(t),
            source: Source::File(path),
            warnings: Vec::new(),
        },
        Err(e) => {
            let mut l = builtin();
            l.warnings.push(format!(
                "{shown}: {}; using the built-in topics",
                crate::text::sanitize::visible(&e.to_string())
            ));
            l
        }
    }
}
