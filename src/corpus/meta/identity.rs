//! Who delivered the report: the nation or which local government, at
//! what level, completed upward through the division table.

use super::header::{Header, PlaceClaim};
use super::{bare_level, depth, level_of, pattern, Doc, OPENING_LINES};
use crate::corpus::places::{self, DivisionLevel, Place};
use crate::report::Level;
use aho_corasick::AhoCorasick;
use regex::Regex;
use std::sync::LazyLock;

/// Other ways the State Council's report introduces itself.
static NATIONAL_ADDRESS: LazyLock<Regex> = LazyLock::new(|| {
    pattern(concat!(
        r"受[^，。]{0,8}国务院的?委托|国务院决定由我|根据国务院的决定|代表中央人民政府",
        r"|总理在(?:政府工作)?报告中|向(?:第(?:{SMALL})届)?全国人民代表大会",
    ))
});

/// Formulas a local government uses about itself: the congress that
/// supervises it and whose deputies' suggestions it handles, its advisory
/// conference, its executive meetings. A district report names its own
/// `区人大`; the city's congress is not its to answer to.
static OWN_BODIES: LazyLock<Regex> = LazyLock::new(|| {
    pattern(concat!(
        r"(?:接受|自觉接受)(?P<a>自治区|省|市|区|县|旗)人大",
        r"|(?P<b>自治区|省|市|区|县|旗)人大代表(?:建议|议案)",
        r"|(?P<c>自治区|省|市|区|县|旗)政协(?:委员)?提案",
        r"|请(?P<d>自治区|省|市|区|县|旗)政协(?:各位)?委员",
        r"|(?P<e>自治区|省|市|区|县|旗)政府常务会议",
    ))
});

// ---------------------------------------------------------------------------
// Who delivered the report.

#[derive(Debug, Default)]
pub(super) struct Identity {
    pub national: bool,
    pub level: Option<Level>,
    pub province: Option<String>,
    pub city: Option<String>,
    pub county: Option<String>,
    pub adcode: Option<String>,
    /// Whether the text named any place at all.
    pub named_anything: bool,
}

pub(super) fn identify(doc: &Doc, header: &Header) -> Identity {
    let claims: Vec<&PlaceClaim> = [
        header.delivery.as_ref().map(|d| &d.place),
        header.title.as_ref().map(|t| &t.place),
        header.speaker.as_ref().map(|s| &s.place),
        header.address.as_ref(),
    ]
    .into_iter()
    .flatten()
    .collect();

    let names_a_local_place = claims
        .iter()
        .any(|c| !c.mentions.is_empty() || c.unknown.is_some() || c.bare.is_some());
    let national = claims.iter().any(|c| c.national)
        || header.delivery.as_ref().is_some_and(|d| d.national)
        || header
            .speaker
            .as_ref()
            .is_some_and(|s| s.office == Some(Level::National))
        // The looser address formulas only when no header line names a
        // local government (a province may mention a State Council mandate).
        || (!names_a_local_place
            && doc
                .lines
                .iter()
                .take(OPENING_LINES)
                .any(|l| NATIONAL_ADDRESS.is_match(l)));
    if national {
        return Identity {
            national: true,
            level: Some(Level::National),
            province: Some("全国".to_string()),
            named_anything: true,
            ..Identity::default()
        };
    }

    let mentions: Vec<Vec<usize>> = claims
        .iter()
        .flat_map(|c| c.mentions.iter().cloned())
        .collect();
    let place = places::table().resolve(&mentions);
    let unknown = claims.iter().find_map(|c| c.unknown.clone());
    let resolved_level = level_of(&place);

    let mut identity = Identity {
        level: resolved_level,
        named_anything: !mentions.is_empty() || unknown.is_some(),
        ..Identity::default()
    };
    let Place {
        province,
        city,
        county,
        adcode,
        ..
    } = place;
    identity.province = province;
    identity.city = city;
    identity.county = county;
    identity.adcode = adcode;

    if let Some((name, level)) = unknown {
        if resolved_level.is_none_or(|r| depth(level) > depth(r)) {
            let slot = match depth(level) {
                1 => &mut identity.province,
                2 => &mut identity.city,
                _ => &mut identity.county,
            };
            if slot.is_none() {
                *slot = Some(name);
                identity.level = Some(level);
            }
        }
    }
    // A level word next to the names of the places above it
    // (`(安徽省)区2023年政府工作报告`): the government is below them.
    let table = places::table();
    let below_its_names = claims
        .iter()
        .filter_map(|c| {
            let bare = c.bare?;
            let named = c
                .mentions
                .iter()
                .flatten()
                .filter_map(|i| table.get(*i))
                .map(|d| d.level)
                .max()?;
            let named_depth = match named {
                DivisionLevel::Province => 1,
                DivisionLevel::City => 2,
                DivisionLevel::County => 3,
            };
            (depth(bare) > named_depth).then_some(bare)
        })
        .max_by_key(|l| depth(*l));
    if let Some(bare) = below_its_names {
        if identity.level.is_none_or(|l| depth(bare) > depth(l)) {
            identity.level = Some(bare);
        }
    }
    if identity.level.is_none() {
        identity.level = claims
            .iter()
            .find_map(|c| c.bare)
            .or_else(|| header.speaker.as_ref().and_then(|s| s.office));
    }
    if identity.level.is_none() && !identity.named_anything {
        if speaks_for_the_nation(doc) {
            return Identity {
                national: true,
                level: Some(Level::National),
                province: Some("全国".to_string()),
                named_anything: true,
                ..Identity::default()
            };
        }
        identity.level = own_bodies_level(doc);
    }
    identity
}

/// Whether a report without any header speaks in the nation's voice: it
/// says `我国` (our country) throughout and never `全省`/`我市`/`全区`…, which
/// every local government says of itself many times. In the corpora the
/// State Council's reports say `我国` 11–206 times and the local words at
/// most 4; local reports say the local words at least 6 times.
fn speaks_for_the_nation(doc: &Doc) -> bool {
    let count = |words: &AhoCorasick| -> usize {
        doc.lines
            .iter()
            .map(|l| words.find_iter(&**l).count())
            .sum()
    };
    let (Some(nation), Some(local)) = (&*NATION_WORDS, &*LOCAL_WORDS) else {
        return false;
    };
    let ours = count(nation);
    ours >= 10 && ours >= 4 * count(local)
}

static NATION_WORDS: LazyLock<Option<AhoCorasick>> =
    LazyLock::new(|| AhoCorasick::new(["我国", "全国各族人民"]).ok());
static LOCAL_WORDS: LazyLock<Option<AhoCorasick>> = LazyLock::new(|| {
    AhoCorasick::new([
        "我省", "全省", "本省", "我市", "全市", "本市", "我区", "全区", "本区", "我县", "全县",
        "本县", "我旗", "全旗", "我州", "全州", "我盟", "全盟",
    ])
    .ok()
});

/// The level a report's self-referring formulas agree on (see
/// `OWN_BODIES`); `None` when they are absent or split.
fn own_bodies_level(doc: &Doc) -> Option<Level> {
    let mut counts = [0usize; 4]; // provincial, city, district, county
    for line in &doc.lines {
        for caps in OWN_BODIES.captures_iter(line) {
            let word = ["a", "b", "c", "d", "e"]
                .iter()
                .find_map(|g| caps.name(g))
                .map(|m| m.as_str());
            let slot = match word.and_then(bare_level) {
                Some(Level::Provincial) => 0,
                Some(Level::City) => 1,
                Some(Level::District) => 2,
                Some(Level::County) => 3,
                _ => continue,
            };
            counts[slot] += 1;
        }
    }
    let max = counts.iter().copied().max()?;
    if max == 0 || counts.iter().filter(|c| **c == max).count() > 1 {
        return None;
    }
    let slot = counts.iter().position(|c| *c == max)?;
    Some(
        [
            Level::Provincial,
            Level::City,
            Level::District,
            Level::County,
        ][slot],
    )
}

/// Force every pattern, so a broken one fails the tests.
#[cfg(test)]
pub(super) fn patterns_compile() {
    assert!(!NATIONAL_ADDRESS.as_str().is_empty());
    assert!(!OWN_BODIES.as_str().is_empty());
}
