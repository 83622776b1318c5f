//! China's administrative divisions (assets/places/divisions.tsv), for
//! completing a report's place.
//!
//! A report usually names only the government that delivered it
//! (`海拉尔区`); the table supplies the levels above it (`呼伦贝尔市`,
//! `内蒙古自治区`). Names that occur more than once (`通州区` is in Beijing
//! and in 南通市) are only completed when the other names the text gives
//! (`南通市通州区`, `(江苏省)`) single one out; otherwise the higher levels
//! stay unknown.

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, MatchKind};
use std::collections::HashMap;
use std::sync::OnceLock;

const DIVISIONS_TSV: &str = include_str!("../../assets/places/divisions.tsv");

/// Placeholder rows of the table that are not places anyone names:
/// the municipal `市辖区`/`县` groupings and the province-administered
/// county-level groups.
const PLACEHOLDER_NAMES: &[&str] = &[
    "市辖区",
    "县",
    "省直辖县级行政区划",
    "自治区直辖县级行政区划",
];

/// Endings dropped to get the everyday short form of a province
/// (`内蒙古` for 内蒙古自治区, `广西` for 广西壮族自治区), longest first.
const PROVINCE_SUFFIXES: &[&str] = &[
    "维吾尔自治区",
    "特别行政区",
    "壮族自治区",
    "回族自治区",
    "自治区",
    "省",
    "市",
];

/// Endings dropped to get the short form of a prefecture (`铜陵` for
/// 铜陵市). Autonomous prefectures have no safe short form.
const CITY_SUFFIXES: &[&str] = &["地区", "市", "盟"];

/// Rank of a division in the hierarchy.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum DivisionLevel {
    Province,
    City,
    County,
}

/// One row of the division table.
#[derive(Debug, Clone, PartialEq)]
pub struct Division {
    /// 6-digit administrative code.
    pub adcode: String,
    pub name: String,
    pub level: DivisionLevel,
    /// Index of the parent division in [`Places::divisions`].
    pub parent: Option<usize>,
    pub longitude: Option<f64>,
    pub latitude: Option<f64>,
}

/// A place as far as the text and the table determine it. Unknown levels
/// are `None`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Place {
    pub province: Option<String>,
    pub city: Option<String>,
    pub county: Option<String>,
    /// Code of the most specific division identified in the table.
    pub adcode: Option<String>,
    /// Level of the most specific division identified (table or name).
    pub level: Option<DivisionLevel>,
}

/// One division name found in a piece of text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NameMatch {
    /// Byte range in the searched text.
    pub start: usize,
    pub end: usize,
    /// Every division this name may denote.
    pub candidates: Vec<usize>,
}

/// The loaded division table with name indexes.
pub struct Places {
    divisions: Vec<Division>,
    /// Full names and short forms → divisions.
    names: HashMap<String, Vec<usize>>,
    /// The keys of `names`, in the order the matcher reports pattern ids.
    patterns: Vec<String>,
    matcher: Option<AhoCorasick>,
    /// Indexes of the province-level municipalities.
    municipalities: Vec<usize>,
}

/// The division table, parsed on first use.
pub fn table() -> &'static Places {
    static TABLE: OnceLock<Places> = OnceLock::new();
    TABLE.get_or_init(|| Places::parse(DIVISIONS_TSV))
}

impl Places {
    /// Parse the TSV (columns adcode, name, level, parent, province, city,
    /// longitude, latitude). Malformed rows are skipped.
    pub fn parse(tsv: &str) -> Places {
        let mut divisions = Vec::new();
        let mut parent_codes = Vec::new();
        for line in tsv.lines().skip(1) {
            let cols: Vec<&str> = line.split('\t').collect();
            if cols.len() < 4 {
                continue;
            }
            let level = match cols[2] {
                "province" => DivisionLevel::Province,
                "city" => DivisionLevel::City,
                "county" => DivisionLevel::County,
                _ => continue,
            };
            if cols[0].len() != 6 || !cols[0].bytes().all(|b| b.is_ascii_digit()) {
                continue;
            }
            divisions.push(Division {
                adcode: cols[0].to_string(),
                name: cols[1].to_string(),
                level,
                parent: None,
                longitude: cols.get(6).and_then(|s| s.parse().ok()),
                latitude: cols.get(7).and_then(|s| s.parse().ok()),
            });
            parent_codes.push(cols[3].to_string());
        }
        let by_code: HashMap<String, usize> = divisions
            .iter()
            .enumerate()
            .map(|(i, d)| (d.adcode.clone(), i))
            .collect();
        for (d, code) in divisions.iter_mut().zip(&parent_codes) {
            d.parent = by_code.get(code).copied();
        }

        let mut names: HashMap<String, Vec<usize>> = HashMap::new();
        for (i, d) in divisions.iter().enumerate() {
            if PLACEHOLDER_NAMES.contains(&d.name.as_str()) {
                continue;
            }
            names.entry(d.name.clone()).or_default().push(i);
            let suffixes = match d.level {
                DivisionLevel::Province => PROVINCE_SUFFIXES,
                DivisionLevel::City => CITY_SUFFIXES,
                DivisionLevel::County => &[][..],
            };
            if let Some(short) = short_form(&d.name, suffixes) {
                names.entry(short).or_default().push(i);
            }
        }
        for list in names.values_mut() {
            list.sort_unstable();
            list.dedup();
        }
        let mut patterns: Vec<String> = names.keys().cloned().collect();
        patterns.sort();
        let matcher = AhoCorasickBuilder::new()
            .match_kind(MatchKind::LeftmostLongest)
            .build(&patterns)
            .ok();
        // A municipality's prefecture row is a `市辖区`/`县` placeholder.
        let mut municipalities: Vec<usize> = divisions
            .iter()
            .filter(|c| c.level == DivisionLevel::City && (c.name == "市辖区" || c.name == "县"))
            .filter_map(|c| c.parent)
            .collect();
        municipalities.sort_unstable();
        municipalities.dedup();
        Places {
            divisions,
            names,
            patterns,
            matcher,
            municipalities,
        }
    }

    pub fn divisions(&self) -> &[Division] {
        &self.divisions
    }

    pub fn get(&self, idx: usize) -> Option<&Division> {
        self.divisions.get(idx)
    }

    /// Divisions called exactly `name` (full name or short form).
    pub fn named(&self, name: &str) -> &[usize] {
        self.names.get(name).map(Vec::as_slice).unwrap_or(&[])
    }

    /// Division names in `text`, leftmost-longest, not overlapping.
    pub fn find_names(&self, text: &str) -> Vec<NameMatch> {
        let Some(matcher) = &self.matcher else {
            return Vec::new();
        };
        matcher
            .find_iter(text)
            .filter_map(|m| {
                let name = self.patterns.get(m.pattern().as_usize())?;
                Some(NameMatch {
                    start: m.start(),
                    end: m.end(),
                    candidates: self.names.get(name)?.clone(),
                })
            })
            .collect()
    }

    /// `idx` and its ancestors, most specific first.
    pub fn chain(&self, idx: usize) -> Vec<usize> {
        let mut out = Vec::with_capacity(3);
        let mut cur = Some(idx);
        while let Some(i) = cur {
            if out.contains(&i) || out.len() > 4 {
                break;
            }
            out.push(i);
            cur = self.divisions.get(i).and_then(|d| d.parent);
        }
        out
    }

    /// Whether `idx` is a province-level municipality (北京市, 上海市, 天津市,
    /// 重庆市).
    pub fn is_municipality(&self, idx: usize) -> bool {
        self.municipalities.binary_search(&idx).is_ok()
    }

    /// The place a division denotes, completed upward.
    pub fn place_of(&self, idx: usize) -> Place {
        let mut place = Place::default();
        let Some(target) = self.divisions.get(idx) else {
            return place;
        };
        place.adcode = Some(target.adcode.clone());
        place.level = Some(target.level);
        for i in self.chain(idx) {
            let Some(d) = self.divisions.get(i) else {
                continue;
            };
            let real_name = !PLACEHOLDER_NAMES.contains(&d.name.as_str());
            match d.level {
                DivisionLevel::Province => {
                    place.province = Some(d.name.clone());
                    if self.is_municipality(i) {
                        place.city = Some(d.name.clone());
                    }
                }
                DivisionLevel::City if real_name => place.city = Some(d.name.clone()),
                DivisionLevel::County if real_name => place.county = Some(d.name.clone()),
                _ => {}
            }
        }
        place
    }

    /// Resolve the names a report uses for itself into one place.
    ///
    /// `mentions` are candidate sets, one per name found, all referring to
    /// the same government (its name and the names of the places above
    /// it). The most specific mention is the target; the others only narrow
    /// its candidates down. Mentions that fit none of the target's
    /// candidates are ignored. When several candidates remain, only what
    /// they share is kept.
    pub fn resolve(&self, mentions: &[Vec<usize>]) -> Place {
        let depth = |i: &usize| self.divisions.get(*i).map(|d| d.level);
        let deepest = |m: &Vec<usize>| m.iter().filter_map(depth).max();
        let Some(target_level) = mentions.iter().filter_map(deepest).max() else {
            return Place::default();
        };
        // The target: the first mention that can denote the deepest level.
        // All its candidates stay in play (`吉林` is a province and a
        // prefecture) until the other mentions narrow them down.
        let Some(target) = mentions.iter().find(|m| deepest(m) == Some(target_level)) else {
            return Place::default();
        };
        let mut candidates = target.clone();
        for other in mentions {
            let narrowed: Vec<usize> = candidates
                .iter()
                .copied()
                .filter(|c| {
                    let chain = self.chain(*c);
                    other.iter().any(|o| chain.contains(o))
                })
                .collect();
            if !narrowed.is_empty() {
                candidates = narrowed;
            }
        }
        match candidates.as_slice() {
            [] => Place::default(),
            [only] => self.place_of(*only),
            many => {
                let places: Vec<Place> = many.iter().map(|i| self.place_of(*i)).collect();
                let shared = |f: fn(&Place) -> &Option<String>| {
                    let first = f(&places[0]);
                    if places.iter().all(|p| f(p) == first) {
                        first.clone()
                    } else {
                        None
                    }
                };
                let level = places[0]
                    .level
                    .filter(|l| places.iter().all(|p| p.level == Some(*l)));
                Place {
                    province: shared(|p| &p.province),
                    city: shared(|p| &p.city),
                    county: shared(|p| &p.county),
                    adcode: None,
                    level,
                }
            }
        }
    }

    /// Find the division names in a short piece of text that names one
    /// government (`(江苏省)南通市通州区`) and resolve them.
    pub fn resolve_text(&self, text: &str) -> Place {
        let mentions: Vec<Vec<usize>> = self
            .find_names(text)
            .into_iter()
            .map(|m| m.candidates)
            .collect();
        self.resolve(&mentions)
    }
}

fn short_form(name: &str, suffixes: &[&str]) -> Option<String> {
    let stem = suffixes.iter().find_map(|s| name.strip_suffix(s))?;
    // One-character stems (`沙市` → `沙`) would match everywhere.
    (stem.chars().count() >= 2).then(|| stem.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn resolve(text: &str) -> Place {
        table().resolve_text(text)
    }

    #[test]
    fn table_loads_every_row() {
        let t = table();
        assert_eq!(t.divisions().len(), 3511);
        let provinces = t
            .divisions()
            .iter()
            .filter(|d| d.level == DivisionLevel::Province)
            .count();
        assert_eq!(provinces, 34);
        assert!(t
            .divisions()
            .iter()
            .all(|d| d.level == DivisionLevel::Province || d.parent.is_some()));
    }

    #[test]
    fn completes_a_district_upward() {
        let p = resolve("海拉尔区");
        assert_eq!(p.county.as_deref(), Some("海拉尔区"));
        assert_eq!(p.city.as_deref(), Some("呼伦贝尔市"));
        assert_eq!(p.province.as_deref(), Some("内蒙古自治区"));
        assert_eq!(p.adcode.as_deref(), Some("150702"));
        assert_eq!(p.level, Some(DivisionLevel::County));

        let p = resolve("铜官区");
        assert_eq!(p.city.as_deref(), Some("铜陵市"));
        assert_eq!(p.province.as_deref(), Some("安徽省"));
    }

    #[test]
    fn ambiguous_name_stays_incomplete_until_the_text_decides() {
        let p = resolve("通州区");
        assert_eq!(p.county.as_deref(), Some("通州区"));
        assert_eq!(p.city, None);
        assert_eq!(p.province, None);
        assert_eq!(p.adcode, None);

        let p = resolve("南通市通州区");
        assert_eq!(p.city.as_deref(), Some("南通市"));
        assert_eq!(p.province.as_deref(), Some("江苏省"));
        assert_eq!(p.adcode.as_deref(), Some("320612"));

        let p = resolve("(江苏省)通州区");
        assert_eq!(p.city.as_deref(), Some("南通市"));

        let p = resolve("北京市通州区");
        assert_eq!(p.city.as_deref(), Some("北京市"));
        assert_eq!(p.province.as_deref(), Some("北京市"));
        assert_eq!(p.adcode.as_deref(), Some("110112"));
    }

    #[test]
    fn municipality_is_its_own_city() {
        for name in ["北京市", "上海市", "天津市", "重庆市"] {
            let p = resolve(name);
            assert_eq!(p.province.as_deref(), Some(name));
            assert_eq!(p.city.as_deref(), Some(name));
            assert_eq!(p.county, None);
            assert_eq!(p.level, Some(DivisionLevel::Province));
        }
        let p = resolve("海淀区");
        assert_eq!(p.city.as_deref(), Some("北京市"));
        assert_eq!(p.province.as_deref(), Some("北京市"));
        assert!(!table().is_municipality(table().named("江苏省")[0]));
    }

    #[test]
    fn short_forms_of_provinces_and_prefectures() {
        assert_eq!(resolve("内蒙古").province.as_deref(), Some("内蒙古自治区"));
        assert_eq!(resolve("广西").province.as_deref(), Some("广西壮族自治区"));
        assert_eq!(resolve("安徽").province.as_deref(), Some("安徽省"));
        assert_eq!(resolve("铜陵").city.as_deref(), Some("铜陵市"));
        // 吉林 is the province and a prefecture in it: only the province is
        // certain.
        let p = resolve("吉林");
        assert_eq!(p.province.as_deref(), Some("吉林省"));
        assert_eq!(p.city, None);
        // Placeholders are never names.
        assert!(table().named("市辖区").is_empty());
        assert!(table().named("县").is_empty());
    }

    #[test]
    fn province_administered_county_has_no_city() {
        let p = resolve("仙桃市");
        assert_eq!(p.province.as_deref(), Some("湖北省"));
        assert_eq!(p.city, None);
        assert_eq!(p.county.as_deref(), Some("仙桃市"));
    }

    #[test]
    fn unknown_text_gives_nothing() {
        assert_eq!(resolve(""), Place::default());
        assert_eq!(resolve("政府工作报告"), Place::default());
    }
}
