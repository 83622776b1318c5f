//! Canonical indicators (`assets/indicators.toml`): one name for the many
//! ways reports name the same indicator.

use super::tables::WordMap;
use super::Kind;
use serde::Deserialize;
use std::sync::OnceLock;

/// The compiled-in indicator table.
pub const INDICATORS_TOML: &str = include_str!("../../assets/indicators.toml");

/// One canonical indicator.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Indicator {
    pub name: String,
    /// The unit its level is stated in.
    pub unit: String,
    pub aliases: Vec<String>,
}

#[derive(Deserialize)]
struct File {
    indicator: Vec<Indicator>,
}

/// All canonical indicators, with their aliases normalised for matching.
#[derive(Debug)]
pub struct Indicators {
    pub list: Vec<Indicator>,
    /// Normalised alias → index into `list`.
    aliases: WordMap<usize>,
}

impl Indicators {
    pub fn parse(src: &str) -> Result<Indicators, toml::de::Error> {
        let file: File = toml::from_str(src)?;
        let mut aliases = Vec::new();
        for (i, ind) in file.indicator.iter().enumerate() {
            aliases.push((normalize(&ind.name), i));
            for a in &ind.aliases {
                aliases.push((normalize(a), i));
            }
        }
        Ok(Indicators {
            list: file.indicator,
            aliases: WordMap::build(aliases),
        })
    }

    /// The canonical indicator a phrase names, ignoring the unit.
    pub fn lookup(&self, phrase: &str) -> Option<&Indicator> {
        let phrase = normalize(phrase);
        self.aliases
            .suffix_entry(&phrase)
            .map(|(_, &i)| &self.list[i])
    }

    /// The canonical name for a name or an alias (`新增城镇就业` →
    /// `城镇新增就业`), for `--indicator`.
    pub fn resolve(&self, name: &str) -> Option<&Indicator> {
        let n = normalize(name);
        self.aliases
            .prefix_entry(&n)
            .filter(|(a, _)| a.len() == n.len())
            .map(|(_, &i)| &self.list[i])
    }
}

/// The compiled-in indicators.
pub fn indicators() -> &'static Indicators {
    static TABLE: OnceLock<Indicators> = OnceLock::new();
    TABLE.get_or_init(|| {
        // Compiled in and parsed by the tests: a broken file is a build
        // defect, never an input error.
        Indicators::parse(INDICATORS_TOML).expect("assets/indicators.toml is invalid")
    })
}

/// The canonical name of a figure's indicator, when its phrase names a
/// known indicator and its unit fits.
pub fn canonical(phrase: &str, unit: &str, kind: Kind) -> Option<&'static str> {
    let ind = indicators().lookup(phrase)?;
    (ind.unit == unit || kind != Kind::Level).then_some(ind.name.as_str())
}

/// Drop punctuation, quotes and spaces: the scorer's notion of "the same
/// words".
pub fn normalize(s: &str) -> String {
    s.chars()
        .filter(|&c| {
            !(c.is_whitespace() || c.is_ascii_punctuation() && c != '+' || is_cjk_punct(c))
        })
        .collect()
}

fn is_cjk_punct(c: char) -> bool {
    matches!(
        c,
        '，' | '、'
            | '；'
            | '：'
            | '。'
            | '！'
            | '？'
            | '“'
            | '”'
            | '‘'
            | '’'
            | '（'
            | '）'
            | '【'
            | '】'
            | '《'
            | '》'
            | '「'
            | '」'
            | '『'
            | '』'
            | '〈'
            | '〉'
            | '—'
            | '…'
            | '·'
            | '\u{3000}'
    )
}
