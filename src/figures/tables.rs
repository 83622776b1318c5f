//! The word tables of `assets/figures.toml`, compiled once into lookups.

use super::Qualifier;
use serde::Deserialize;
use std::sync::OnceLock;

/// The compiled-in table file.
pub const FIGURES_TOML: &str = include_str!("../../assets/figures.toml");

#[derive(Deserialize)]
struct File {
    units: Vec<UnitFile>,
    qualifiers: QualifierFile,
    ranges: RangeFile,
    change: ChangeFile,
    indicator: IndicatorFile,
    names: NamesFile,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct UnitFile {
    base: String,
    words: Vec<String>,
    #[serde(default)]
    kind: Option<String>,
    #[serde(default)]
    power: i32,
    #[serde(default)]
    right_indicator: RightIndicator,
    #[serde(default)]
    arabic_only: bool,
    #[serde(default)]
    max_number: Option<f64>,
    #[serde(default)]
    not_followed_by: Vec<String>,
    #[serde(default)]
    radius: bool,
    #[serde(default)]
    ranking: bool,
    #[serde(default)]
    per: Vec<String>,
}

/// When the phrase after a unit is its indicator (`4个镇污水处理设施`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RightIndicator {
    /// Counts modify the noun after them: the right-hand phrase wins.
    #[default]
    First,
    /// Amounts (money, weight) only when nothing on the left names them.
    IfNoLeft,
    /// Shares and rates never modify a noun (`100%达标`).
    Never,
}

#[derive(Deserialize)]
struct QualifierFile {
    before: Vec<(String, String)>,
    inside: Vec<(String, String)>,
    after: Vec<(String, String)>,
}

#[derive(Deserialize)]
struct RangeFile {
    connectors: Vec<String>,
}

#[derive(Deserialize)]
struct ChangeFile {
    rise: Vec<String>,
    fall: Vec<String>,
    rate_nouns: Vec<String>,
    fall_rate_nouns: Vec<String>,
    rate_links: Vec<String>,
    to: Vec<String>,
    level: Vec<String>,
    fillers: Vec<String>,
    compare: Vec<String>,
    compare_heads: Vec<String>,
    compare_head_exceptions: Vec<String>,
}

#[derive(Deserialize)]
struct IndicatorFile {
    verbs: Vec<String>,
    opening_verbs: Vec<String>,
    trailing: Vec<String>,
    leading: Vec<String>,
    left_stop: Vec<String>,
    left_stop_exceptions: Vec<String>,
    right_conjunctions: Vec<String>,
    verb_prefix_chars: usize,
    right_stop: Vec<String>,
    right_max_chars: usize,
}

#[derive(Deserialize)]
struct NamesFile {
    phrases: Vec<String>,
    radius_tails: Vec<String>,
    rhetorical_nouns: Vec<String>,
    rhetorical_max: f64,
    radius_window_chars: usize,
    ordinal_before: Vec<String>,
    ranking_before: Vec<String>,
    vague_before: Vec<String>,
}

/// One unit: how it is recorded and how it behaves.
#[derive(Debug)]
pub struct Unit {
    pub base: String,
    pub pp: bool,
    pub power: i32,
    pub right_indicator: RightIndicator,
    pub arabic_only: bool,
    pub max_number: Option<f64>,
    pub not_followed_by: Vec<String>,
    pub radius: bool,
    pub ranking: bool,
}

/// Words with a value each, indexed by first and by last character so a
/// lookup only tries the few words that could match. Longer words win.
#[derive(Debug)]
pub struct WordMap<T> {
    words: Vec<(String, T)>,
    /// (character, indices into `words`, longest first), sorted by character.
    by_first: Vec<(char, Vec<usize>)>,
    by_last: Vec<(char, Vec<usize>)>,
}

impl<T> Default for WordMap<T> {
    fn default() -> Self {
        WordMap {
            words: Vec::new(),
            by_first: Vec::new(),
            by_last: Vec::new(),
        }
    }
}

fn index_by(words: &[String], key: impl Fn(&str) -> Option<char>) -> Vec<(char, Vec<usize>)> {
    let mut index: Vec<(char, Vec<usize>)> = Vec::new();
    for (i, w) in words.iter().enumerate() {
        let Some(c) = key(w) else { continue };
        match index.iter_mut().find(|(k, _)| *k == c) {
            Some((_, list)) => list.push(i),
            None => index.push((c, vec![i])),
        }
    }
    index.sort_by_key(|(c, _)| *c);
    index
}

fn candidates(index: &[(char, Vec<usize>)], c: Option<char>) -> &[usize] {
    c.and_then(|c| index.binary_search_by_key(&c, |(k, _)| *k).ok())
        .map_or(&[], |i| index[i].1.as_slice())
}

impl<T> WordMap<T> {
    pub fn build(mut words: Vec<(String, T)>) -> Self {
        words.retain(|(w, _)| !w.is_empty());
        words.sort_by_key(|(w, _)| std::cmp::Reverse(w.len()));
        words.dedup_by(|a, b| a.0 == b.0);
        let keys: Vec<String> = words.iter().map(|(w, _)| w.clone()).collect();
        WordMap {
            by_first: index_by(&keys, |w| w.chars().next()),
            by_last: index_by(&keys, |w| w.chars().next_back()),
            words,
        }
    }

    /// The longest word `s` starts with, and its value.
    pub fn prefix_entry(&self, s: &str) -> Option<(&str, &T)> {
        candidates(&self.by_first, s.chars().next())
            .iter()
            .map(|&i| &self.words[i])
            .find(|(w, _)| s.starts_with(w.as_str()))
            .map(|(w, v)| (w.as_str(), v))
    }

    /// The longest word `s` ends with, and its value.
    pub fn suffix_entry(&self, s: &str) -> Option<(&str, &T)> {
        candidates(&self.by_last, s.chars().next_back())
            .iter()
            .map(|&i| &self.words[i])
            .find(|(w, _)| s.ends_with(w.as_str()))
            .map(|(w, v)| (w.as_str(), v))
    }

    /// The longest word `s` starts with.
    pub fn prefix_of(&self, s: &str) -> Option<&str> {
        self.prefix_entry(s).map(|(w, _)| w)
    }

    /// The longest word `s` ends with.
    pub fn suffix_of(&self, s: &str) -> Option<&str> {
        self.suffix_entry(s).map(|(w, _)| w)
    }

    pub fn contains(&self, s: &str) -> bool {
        self.prefix_of(s).is_some_and(|w| w.len() == s.len())
    }

    /// Every place in `s` where a word starts: (byte offset, longest word).
    pub fn find_all<'a>(&'a self, s: &'a str) -> impl Iterator<Item = (usize, &'a str)> + 'a {
        s.char_indices()
            .filter_map(move |(i, _)| self.prefix_of(&s[i..]).map(|w| (i, w)))
    }

    pub fn iter(&self) -> impl Iterator<Item = &str> {
        self.words.iter().map(|(w, _)| w.as_str())
    }
}

/// A list of words, longest first, for prefix and suffix matching.
pub type Words = WordMap<()>;

impl Words {
    fn new(words: Vec<String>) -> Self {
        WordMap::build(words.into_iter().map(|w| (w, ())).collect())
    }
}

/// Words paired with a qualifier.
pub type QualifierWords = WordMap<Qualifier>;

impl QualifierWords {
    fn qualifiers(pairs: Vec<(String, String)>) -> Self {
        WordMap::build(
            pairs
                .into_iter()
                .map(|(w, q)| {
                    let q = Qualifier::from_symbol(&q)
                        .unwrap_or_else(|| panic!("assets/figures.toml: unknown qualifier {q:?}"));
                    (w, q)
                })
                .collect(),
        )
    }

    /// The qualifier word `s` starts with: (its length, the qualifier).
    pub fn qualifier_prefix(&self, s: &str) -> Option<(usize, Qualifier)> {
        self.prefix_entry(s).map(|(w, q)| (w.len(), *q))
    }

    /// The qualifier word `s` ends with: (its length, the qualifier).
    pub fn qualifier_suffix(&self, s: &str) -> Option<(usize, Qualifier)> {
        self.suffix_entry(s).map(|(w, q)| (w.len(), *q))
    }
}

/// Everything the extractor reads from `assets/figures.toml`.
#[derive(Debug)]
pub struct Tables {
    pub units: Vec<Unit>,
    /// (word, unit index) by the word's first character, longest first.
    unit_words: Vec<(char, Vec<(String, usize)>)>,
    /// Index of the `%` unit, for `百分之…`.
    pub percent: usize,
    pub before: QualifierWords,
    pub inside: QualifierWords,
    pub after: QualifierWords,
    pub connectors: Words,
    pub rise: Words,
    pub fall: Words,
    pub rate_nouns: Words,
    pub fall_rate_nouns: Words,
    pub rate_links: Words,
    pub to: Words,
    pub level: Words,
    pub fillers: Words,
    pub compare: Words,
    pub compare_heads: Words,
    pub compare_head_exceptions: Words,
    pub verbs: Words,
    pub opening_verbs: Words,
    pub verb_prefix_chars: usize,
    pub right_conjunctions: Words,
    pub trailing: Words,
    pub leading: Words,
    pub left_stop: Words,
    pub left_stop_exceptions: Words,
    /// Everything cut from the end of a left-hand phrase: predicates,
    /// change and level words, comparisons, fillers.
    pub left_trailing: Words,
    /// The table's right_stop plus every change word of two characters or
    /// more (`97个增加到106个`).
    pub right_stop: Words,
    pub right_max_chars: usize,
    pub name_phrases: Words,
    pub radius_tails: Words,
    pub rhetorical_nouns: Words,
    pub rhetorical_max: f64,
    pub radius_window_chars: usize,
    pub ordinal_before: Words,
    pub ranking_before: Words,
    pub vague_before: Words,
}

impl Tables {
    /// Parse a table file (the compiled-in one is [`tables`]).
    pub fn parse(src: &str) -> Result<Tables, toml::de::Error> {
        let file: File = toml::from_str(src)?;
        let mut units = Vec::new();
        let mut by_char: Vec<(char, Vec<(String, usize)>)> = Vec::new();
        let mut unit_files = Vec::new();
        for u in file.units {
            // `元/月`, `万元/人`: a rate per something is a unit of its own,
            // never a modifier of the noun after it.
            for per in &u.per {
                let mut words = Vec::new();
                for w in &u.words {
                    for slash in ["/", "／", "每"] {
                        words.push(format!("{w}{slash}{per}"));
                    }
                }
                unit_files.push(UnitFile {
                    base: format!("{}/{per}", u.base),
                    words,
                    kind: u.kind.clone(),
                    power: u.power,
                    right_indicator: RightIndicator::Never,
                    arabic_only: u.arabic_only,
                    max_number: u.max_number,
                    not_followed_by: Vec::new(),
                    radius: false,
                    ranking: false,
                    per: Vec::new(),
                });
            }
            unit_files.push(u);
        }
        for u in unit_files {
            let idx = units.len();
            for w in &u.words {
                let Some(first) = w.chars().next() else {
                    continue;
                };
                match by_char.iter_mut().find(|(c, _)| *c == first) {
                    Some((_, list)) => list.push((w.clone(), idx)),
                    None => by_char.push((first, vec![(w.clone(), idx)])),
                }
            }
            units.push(Unit {
                base: u.base,
                pp: u.kind.as_deref() == Some("pp"),
                power: u.power,
                right_indicator: u.right_indicator,
                arabic_only: u.arabic_only,
                max_number: u.max_number,
                not_followed_by: u.not_followed_by,
                radius: u.radius,
                ranking: u.ranking,
            });
        }
        for (_, list) in &mut by_char {
            list.sort_by_key(|(w, _)| std::cmp::Reverse(w.len()));
        }
        by_char.sort_by_key(|(c, _)| *c);
        let percent = units
            .iter()
            .position(|u| u.base == "%" && u.power == 0)
            .unwrap_or(0);
        let q = file.qualifiers;
        let c = file.change;
        let i = file.indicator;
        let n = file.names;
        let left_trailing = Words::new(
            [
                &i.trailing,
                &c.fillers,
                &c.rise,
                &c.fall,
                &c.to,
                &c.rate_nouns,
                &c.fall_rate_nouns,
                &c.compare,
                &c.level,
            ]
            .into_iter()
            .flatten()
            .cloned()
            .collect(),
        );
        let right_stop = Words::new(
            i.right_stop
                .iter()
                .chain(c.rise.iter().chain(&c.fall).chain(&c.level))
                .filter(|w| w.chars().count() >= 2 || i.right_stop.contains(w))
                .cloned()
                .collect(),
        );
        Ok(Tables {
            units,
            unit_words: by_char,
            percent,
            before: QualifierWords::qualifiers(q.before),
            inside: QualifierWords::qualifiers(q.inside),
            after: QualifierWords::qualifiers(q.after),
            connectors: Words::new(file.ranges.connectors),
            rise: Words::new(c.rise),
            fall: Words::new(c.fall),
            rate_nouns: Words::new(c.rate_nouns),
            fall_rate_nouns: Words::new(c.fall_rate_nouns),
            rate_links: Words::new(c.rate_links),
            to: Words::new(c.to),
            level: Words::new(c.level),
            fillers: Words::new(c.fillers),
            compare: Words::new(c.compare),
            compare_heads: Words::new(c.compare_heads),
            compare_head_exceptions: Words::new(c.compare_head_exceptions),
            verbs: Words::new(i.verbs),
            opening_verbs: Words::new(i.opening_verbs),
            verb_prefix_chars: i.verb_prefix_chars,
            right_conjunctions: Words::new(i.right_conjunctions),
            trailing: Words::new(i.trailing),
            leading: Words::new(i.leading),
            left_stop: Words::new(i.left_stop),
            left_stop_exceptions: Words::new(i.left_stop_exceptions),
            left_trailing,
            right_stop,
            right_max_chars: i.right_max_chars,
            name_phrases: Words::new(n.phrases),
            radius_tails: Words::new(n.radius_tails),
            rhetorical_nouns: Words::new(n.rhetorical_nouns),
            rhetorical_max: n.rhetorical_max,
            radius_window_chars: n.radius_window_chars,
            ordinal_before: Words::new(n.ordinal_before),
            ranking_before: Words::new(n.ranking_before),
            vague_before: Words::new(n.vague_before),
        })
    }

    /// The unit written at the start of `s`: (unit index, bytes).
    pub fn unit_at(&self, s: &str) -> Option<(usize, usize)> {
        let first = s.chars().next()?;
        let list = self
            .unit_words
            .binary_search_by_key(&first, |(c, _)| *c)
            .ok()
            .map(|i| &self.unit_words[i].1)?;
        for (word, idx) in list {
            if let Some(rest) = s.strip_prefix(word.as_str()) {
                let unit = &self.units[*idx];
                if unit
                    .not_followed_by
                    .iter()
                    .any(|w| rest.starts_with(w.as_str()))
                {
                    continue;
                }
                return Some((*idx, word.len()));
            }
        }
        None
    }
}

/// The compiled-in tables.
pub fn tables() -> &'static Tables {
    static TABLES: OnceLock<Tables> = OnceLock::new();
    TABLES.get_or_init(|| {
        // Compiled in and parsed by the tests: a broken file is a build
        // defect, never an input error.
        Tables::parse(FIGURES_TOML).expect("assets/figures.toml is invalid")
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn compiled_tables_parse() {
        let t = tables();
        assert!(t.units.len() > 40);
        assert_eq!(t.units[t.percent].base, "%");
        let (u, len) = t.unit_at("个百分点，").unwrap();
        assert_eq!(t.units[u].base, "百分点");
        assert_eq!(len, "个百分点".len());
        assert_eq!(t.unit_at("家庭"), None);
        assert_eq!(t.unit_at("平台"), None);
        let (u, _) = t.unit_at("平以上").unwrap();
        assert_eq!(t.units[u].base, "平方米");
    }
}
