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
    /// Other units a level may be stated in (`吨` for 粮食产量 in `斤`).
    #[serde(default)]
    pub other_units: Vec<String>,
    /// Names that count only as the whole phrase (`进出口`).
    #[serde(default)]
    pub exact: Vec<String>,
    /// Names that count also as the end of a longer phrase.
    #[serde(default)]
    pub aliases: Vec<String>,
    /// Which way is better, for telling whether a target was met.
    #[serde(default)]
    pub direction: Direction,
    /// The same measure of the whole country, named in national reports
    /// (地区生产总值 → 国内生产总值).
    #[serde(default)]
    pub nation: Option<String>,
}

/// Which way an indicator is better (`direction` in the table).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Direction {
    /// More is better: output, jobs, incomes (the default).
    #[default]
    Higher,
    /// Less is better: energy use per unit of output, pollution.
    Lower,
    /// A limit not to pass: prices, unemployment, the deficit. Met like
    /// `lower`, but coming in under it is no achievement in itself.
    Ceiling,
}

impl Direction {
    pub fn name(self) -> &'static str {
        match self {
            Direction::Higher => "higher",
            Direction::Lower => "lower",
            Direction::Ceiling => "ceiling",
        }
    }
}

impl Indicator {
    /// Can a figure in `unit` of this `kind` be a value of this indicator?
    pub fn fits(&self, unit: &str, kind: Kind) -> bool {
        kind != Kind::Level || self.unit == unit || self.other_units.iter().any(|u| u == unit)
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct File {
    #[serde(default)]
    scope_prefixes: Vec<String>,
    #[serde(default)]
    not_indicator: Vec<String>,
    indicator: Vec<Indicator>,
}

/// All canonical indicators, with their aliases normalised for matching.
#[derive(Debug)]
pub struct Indicators {
    pub list: Vec<Indicator>,
    /// Normalised alias → index into `list`; `None` for phrases that are
    /// no indicator of the table.
    aliases: WordMap<Option<usize>>,
    /// Normalised whole-phrase names → index into `list`.
    exact: WordMap<usize>,
    /// Words of scope before an exact name (`全省`).
    scope_prefixes: WordMap<()>,
}

impl Indicators {
    pub fn parse(src: &str) -> Result<Indicators, toml::de::Error> {
        let file: File = toml::from_str(src)?;
        let mut aliases = Vec::new();
        let mut exact = Vec::new();
        for phrase in &file.not_indicator {
            aliases.push((normalize(phrase), None));
        }
        for (i, ind) in file.indicator.iter().enumerate() {
            let name = normalize(&ind.name);
            if ind.exact.iter().all(|e| normalize(e) != name) {
                aliases.push((name, Some(i)));
            }
            for a in &ind.aliases {
                aliases.push((normalize(a), Some(i)));
            }
            for e in &ind.exact {
                exact.push((normalize(e), i));
            }
        }
        Ok(Indicators {
            list: file.indicator,
            aliases: WordMap::build(aliases),
            exact: WordMap::build(exact),
            scope_prefixes: WordMap::build(
                file.scope_prefixes
                    .iter()
                    .map(|p| (normalize(p), ()))
                    .collect(),
            ),
        })
    }

    /// The canonical indicator a phrase names, ignoring the unit.
    pub fn lookup(&self, phrase: &str) -> Option<&Indicator> {
        let phrase = normalize(phrase);
        if let Some(i) = self.exact_index(&phrase) {
            return Some(&self.list[i]);
        }
        let (alias, &i) = self.aliases.suffix_entry(&phrase)?;
        // `接待游客人次和旅游收入`: a second indicator before this one.
        let rest = phrase[..phrase.len() - alias.len()].trim_end_matches(['和', '及', '与', '或']);
        if !rest.is_empty()
            && (self.exact_index(rest).is_some()
                || self
                    .aliases
                    .suffix_entry(rest)
                    .is_some_and(|(_, j)| j.is_some()))
        {
            return None;
        }
        i.map(|i| &self.list[i])
    }

    /// An exact name, possibly after scope words (`全省进出口`).
    fn exact_index(&self, phrase: &str) -> Option<usize> {
        let mut p = phrase;
        loop {
            if let Some((_, &i)) = self
                .exact
                .prefix_entry(p)
                .filter(|(e, _)| e.len() == p.len())
            {
                return Some(i);
            }
            match self.scope_prefixes.prefix_of(p) {
                Some(w) if w.len() < p.len() => p = &p[w.len()..],
                _ => return None,
            }
        }
    }

    /// The indicator with this canonical name.
    pub fn by_name(&self, name: &str) -> Option<&Indicator> {
        self.list.iter().find(|i| i.name == name)
    }

    /// The canonical name a national report uses for `name`: its `nation`
    /// name if it has one (地区生产总值 → 国内生产总值), else `name`.
    pub fn for_nation<'a>(&'a self, name: &'a str) -> &'a str {
        self.by_name(name)
            .and_then(|i| i.nation.as_deref())
            .unwrap_or(name)
    }

    /// The canonical name for a name or an alias (`新增城镇就业` →
    /// `城镇新增就业`), for `--indicator`.
    pub fn resolve(&self, name: &str) -> Option<&Indicator> {
        let n = normalize(name);
        if let Some(i) = self.exact_index(&n) {
            return Some(&self.list[i]);
        }
        let (a, &i) = self.aliases.prefix_entry(&n)?;
        if a.len() != n.len() {
            return None;
        }
        i.map(|i| &self.list[i])
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
    ind.fits(unit, kind).then_some(ind.name.as_str())
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn table_parses_and_covers_forty_indicators() {
        let t = indicators();
        assert!(t.list.len() >= 40, "{} indicators", t.list.len());
        let mut names: Vec<&str> = t.list.iter().map(|i| i.name.as_str()).collect();
        names.sort_unstable();
        names.dedup();
        assert_eq!(names.len(), t.list.len(), "canonical names are unique");
        // A nation's name is itself an indicator of the table.
        for i in &t.list {
            if let Some(n) = &i.nation {
                assert!(t.by_name(n).is_some(), "{} → {n}", i.name);
            }
        }
    }

    #[test]
    fn directions_come_from_the_table() {
        let t = indicators();
        let dir = |n: &str| t.by_name(n).map(|i| i.direction);
        assert_eq!(dir("地区生产总值"), Some(Direction::Higher));
        assert_eq!(dir("居民消费价格"), Some(Direction::Ceiling));
        assert_eq!(dir("城镇调查失业率"), Some(Direction::Ceiling));
        assert_eq!(dir("单位地区生产总值能耗"), Some(Direction::Lower));
        assert_eq!(t.for_nation("地区生产总值"), "国内生产总值");
        assert_eq!(t.for_nation("城镇新增就业"), "城镇新增就业");
    }

    #[test]
    fn variants_map_to_one_name() {
        for (phrase, unit, kind, want) in [
            ("新增城镇就业", "人", Kind::Level, Some("城镇新增就业")),
            ("全年城镇新增就业", "人", Kind::Level, Some("城镇新增就业")),
            (
                "环境空气质量优良天数比例",
                "%",
                Kind::Level,
                Some("空气质量优良天数比例"),
            ),
            (
                "空气优良天数比例",
                "%",
                Kind::Level,
                Some("空气质量优良天数比例"),
            ),
            (
                "空气质量优良天数比例",
                "百分点",
                Kind::Pp,
                Some("空气质量优良天数比例"),
            ),
            ("空气优良天数", "天", Kind::Level, Some("空气质量优良天数")),
            ("财政民生支出占比", "%", Kind::Level, Some("民生支出占比")),
            (
                "农村居民人均可支配收入",
                "元",
                Kind::Level,
                Some("农村居民人均可支配收入"),
            ),
            (
                "全体居民人均可支配收入",
                "%",
                Kind::Change,
                Some("居民人均可支配收入"),
            ),
            ("城乡居民人均可支配收入", "%", Kind::Change, None),
            ("地区生产总值", "%", Kind::Level, None),
            ("学位", "个", Kind::Level, None),
            ("全省进出口", "%", Kind::Change, Some("进出口总额")),
            ("跨境电商进出口", "%", Kind::Change, None),
            ("接待游客人次和旅游收入", "%", Kind::Change, None),
            ("城市、农村低保标准", "%", Kind::Change, Some("低保标准")),
            ("能源工业增加值", "%", Kind::Change, None),
            ("经济增长", "%", Kind::Change, Some("地区生产总值")),
            ("今年经济增长", "%", Kind::Change, None),
            ("拉动经济增长", "百分点", Kind::Pp, None),
        ] {
            assert_eq!(canonical(phrase, unit, kind), want, "{phrase} {unit}");
        }
    }

    #[test]
    fn names_and_aliases_resolve() {
        let t = indicators();
        assert_eq!(
            t.resolve("新增城镇就业").map(|i| i.name.as_str()),
            Some("城镇新增就业")
        );
        assert_eq!(
            t.resolve("城镇新增就业").map(|i| i.name.as_str()),
            Some("城镇新增就业")
        );
        assert!(t.resolve("不存在的指标").is_none());
    }
}
