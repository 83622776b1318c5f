//! The stock lines at the top of a report: title, delivery line, speaker,
//! and the opening address (`我代表…`), each read into what it says about
//! the government (a [`PlaceClaim`]) and the date.

use super::years::plausible;
use super::{
    bare_level, date_from, is_national_name, level_by_suffix, office_level, pattern, Doc, DATE,
    OPENING_LINES,
};
use crate::corpus::places::{self, Places};
use crate::report::{Date, Level};
use regex::Regex;
use std::sync::LazyLock;

/// `——2026年2月5日在安徽省第十四届人民代表大会第四次会议上`, also in
/// parentheses, without the date, or abbreviated (`在区十七届人大三次会议上`).
static DELIVERY: LazyLock<Regex> = LazyLock::new(|| {
    pattern(concat!(
        r"^[—―─\-－–~～=_]*\(?",
        r"(?P<date>(?:{YEAR})年(?:{DM})月(?:{DM})日)?",
        r"在(?P<place>[^，。；,;:]{0,40}?)第?(?P<term>{SMALL})届(?P<natl>全国)?(?:人民代表大会|人大)",
        r"(?:第?(?P<session>{SMALL})次)?(?:全体)?会议(?:开幕会)?上\)?(?P<rest>.*)$",
    ))
});

const TITLE_WORD: &str = "政府工作报告";

/// `(安徽省)铜陵市铜官区人民政府工作报告(2024年1月24日)`, `2026年安徽省政府工作报告`,
/// `陕西省2026年政府工作报告`, `区2023年政府工作报告-39篇(第127/192页)`.
static TITLE: LazyLock<Regex> = LazyLock::new(|| {
    pattern(
        r"^(?P<pre>[^，。；！？:、“”《》]{0,40}?)(?P<core>(?:人民)?政府工作报告)(?P<suffix>.{0,40})$",
    )
});
static LEADING_ANNOTATION: LazyLock<Regex> =
    LazyLock::new(|| pattern(r"^\((?P<inner>[^()]{1,20})\)"));
static LEADING_YEAR: LazyLock<Regex> = LazyLock::new(|| pattern(r"^(?P<y>{YEAR})年(?:度)?"));
static TRAILING_YEAR: LazyLock<Regex> = LazyLock::new(|| pattern(r"(?P<y>{YEAR})年(?:度)?$"));
/// What may follow the title: `(摘要)`, the delivery date, a site's
/// pagination (`-39篇(第127/192页)`), `全文`.
static TITLE_SUFFIX: LazyLock<Regex> = LazyLock::new(|| {
    pattern(concat!(
        r"^(?P<abstract>\(摘要\))?(?:\((?P<date>[^()]{6,16})\)|\((?P<year>{YEAR})年?(?:度)?\))?",
        r"(?:[-—_]?[0-9]{1,4}篇(?:\(第[0-9]{1,4}/[0-9]{1,4}页\))?)?(?:\(?全文\)?)?$",
    ))
});

/// `海拉尔区人民政府区长张天喜`, `国务院总理`, `自治区主席韦韬`, `省长胡玉亭`.
static SPEAKER: LazyLock<Regex> = LazyLock::new(|| {
    pattern(concat!(
        r"^(?P<place>[^，。；:、()]{0,24}?)(?:人民政府|政府)?代?理?",
        r"(?P<office>总理|省长|市长|区长|县长|旗长|州长|盟长|主席)(?P<name>[\p{Han}·•．]{0,12})$",
    ))
});

/// Words that follow an office on a page without being a person's name.
const SPEAKER_NOT_NAMES: &[&str] = &[
    "信箱", "热线", "留言", "邮箱", "专栏", "之窗", "讲话", "致辞", "活动", "会见", "调研", "访谈",
];

/// The opening address: `我代表国务院`, `我代表省人民政府`, `我代表海南省人民政府`.
static SELF_REFERENCE: LazyLock<Regex> =
    LazyLock::new(|| pattern(r"我代表(?P<who>[^，。；、]{0,20}?)(?P<gov>国务院|人民政府|政府)"));

// ---------------------------------------------------------------------------
// Places named in a header line.

/// What a short piece of header text says about the government's place.
#[derive(Debug, Default, Clone)]
pub(super) struct PlaceClaim {
    pub national: bool,
    /// Candidate divisions, one list per name found.
    pub mentions: Vec<Vec<usize>>,
    /// A place name the table does not know (renamed, new, misspelt),
    /// with the level its ending implies.
    pub unknown: Option<(String, Level)>,
    /// A bare level word (`区` in `区2023年政府工作报告`, `省长`'s `省`).
    pub bare: Option<Level>,
}

impl PlaceClaim {
    fn is_empty(&self) -> bool {
        !self.national && self.mentions.is_empty() && self.unknown.is_none() && self.bare.is_none()
    }
}

/// Read `text` as a place expression (`(江苏省)南通市通州区`, `海拉尔区`,
/// `自治区`, `国务院`). `None` when it is anything else, so that sentences
/// are never mistaken for headers.
pub(super) fn read_place(text: &str) -> Option<PlaceClaim> {
    let mut claim = PlaceClaim::default();
    if text.is_empty() {
        return Some(claim);
    }
    if is_national_name(text) {
        claim.national = true;
        return Some(claim);
    }
    let table = places::table();
    for segment in text.split(['(', ')']).filter(|s| !s.is_empty()) {
        if is_national_name(segment) {
            claim.national = true;
            continue;
        }
        read_segment(table, segment, &mut claim)?;
    }
    Some(claim)
}

fn read_segment(table: &Places, segment: &str, claim: &mut PlaceClaim) -> Option<()> {
    if let Some(level) = bare_level(segment) {
        claim.bare.get_or_insert(level);
        return Some(());
    }
    let mut pos = 0;
    let mut last_short: Option<usize> = None;
    for m in table.find_names(segment) {
        let gap = segment.get(pos..m.start)?;
        if !gap.is_empty() {
            read_unknown(gap, claim)?;
        }
        let matched = segment.get(m.start..m.end)?;
        let is_full_name = m
            .candidates
            .iter()
            .any(|c| table.get(*c).is_some_and(|d| d.name == matched));
        last_short = (!is_full_name).then_some(m.start);
        claim.mentions.push(m.candidates);
        pos = m.end;
    }
    let rest = segment.get(pos..)?;
    if !rest.is_empty() {
        // A short form glued to an unknown name is the start of that name
        // (`苏州` + `工业园区`): the name is the whole; the short form stays
        // a mention, telling where the place lies.
        let name = match last_short {
            Some(start) => segment.get(start..)?,
            None => rest,
        };
        read_unknown(name, claim)?;
    }
    Some(())
}

fn read_unknown(name: &str, claim: &mut PlaceClaim) -> Option<()> {
    if let Some(level) = bare_level(name) {
        claim.bare.get_or_insert(level);
        return Some(());
    }
    let chars = name.chars().count();
    if !(2..=12).contains(&chars) || !name.chars().all(crate::text::chars::is_han) {
        return None;
    }
    let level = level_by_suffix(name)?;
    if claim.unknown.is_none() {
        claim.unknown = Some((name.to_string(), level));
    }
    Some(())
}

// ---------------------------------------------------------------------------
// The header lines.

#[derive(Debug, Clone)]
pub(super) struct Title {
    /// The title as shown: without a site's pagination, the place
    /// annotation in front or the date behind (those are fields of their
    /// own).
    pub display: String,
    pub year: Option<u16>,
    pub date: Option<Date>,
    pub place: PlaceClaim,
}

#[derive(Debug, Clone)]
pub(super) struct Delivery {
    pub date: Option<Date>,
    pub place: PlaceClaim,
    pub national: bool,
    pub term: Option<u32>,
    pub session: Option<u32>,
}

#[derive(Debug, Clone)]
pub(super) struct Speaker {
    pub place: PlaceClaim,
    pub office: Option<Level>,
}

#[derive(Debug, Default)]
pub(super) struct Header {
    pub title: Option<Title>,
    pub delivery: Option<Delivery>,
    pub speaker: Option<Speaker>,
    /// The government named in `我代表…`.
    pub address: Option<PlaceClaim>,
}

impl Header {
    pub(super) fn read(doc: &Doc) -> Header {
        let mut header = Header::default();
        let header_lines: Vec<(usize, &str)> = doc.header().collect();
        for (k, &(idx, line)) in header_lines.iter().enumerate() {
            if header.title.is_none() {
                header.title = parse_title(line).or_else(|| {
                    // A title broken in two (`政府工作报` / `告`).
                    let next = header_lines.get(k + 1).filter(|(j, _)| *j == idx + 1)?;
                    let broken = (1..TITLE_WORD.chars().count()).any(|n| {
                        let head: String = TITLE_WORD.chars().take(n).collect();
                        line.ends_with(&head)
                    });
                    if !broken || next.1.chars().count() > 8 {
                        return None;
                    }
                    parse_title(&format!("{line}{}", next.1))
                });
            }
            if header.delivery.is_none() {
                header.delivery = parse_delivery(line, &mut header.speaker).or_else(|| {
                    // A delivery line broken in two (`…在广东省第十四届` /
                    // `人民代表大会第五次会议上`).
                    let next = header_lines.get(k + 1).filter(|(j, _)| *j == idx + 1)?;
                    if !line.contains('在') || line.contains("会议上") {
                        return None;
                    }
                    parse_delivery(&format!("{line}{}", next.1), &mut header.speaker)
                });
            }
            if header.speaker.is_none() {
                header.speaker = parse_speaker(line);
            }
        }
        header.address = doc
            .lines
            .iter()
            .take(OPENING_LINES)
            .find_map(|l| {
                let caps = SELF_REFERENCE.captures(l)?;
                let who = caps.name("who")?.as_str();
                let gov = caps.name("gov")?.as_str();
                let mut claim = read_place(who)?;
                if gov == "国务院" || who == "中央" {
                    claim.national = true;
                }
                Some(claim)
            })
            .filter(|c| !c.is_empty());
        header
    }
}

fn parse_title(line: &str) -> Option<Title> {
    let caps = TITLE.captures(line)?;
    let mut pre = caps.name("pre")?.as_str();
    let core = caps.name("core")?.as_str();
    let suffix = TITLE_SUFFIX.captures(caps.name("suffix")?.as_str())?;

    let mut place_text = String::new();
    if let Some(a) = LEADING_ANNOTATION.captures(pre) {
        let whole = a.get(0)?;
        place_text.push_str(a.name("inner")?.as_str());
        place_text.push('(');
        pre = pre.get(whole.end()..)?;
    }
    let display_pre = pre;
    let mut year = suffix
        .name("year")
        .and_then(|y| crate::numbers::parse_integer(y.as_str()));
    if let Some(y) = LEADING_YEAR.captures(pre) {
        year = crate::numbers::parse_integer(y.name("y")?.as_str());
        pre = pre.get(y.get(0)?.end()..)?;
    } else if let Some(y) = TRAILING_YEAR.captures(pre) {
        year = crate::numbers::parse_integer(y.name("y")?.as_str());
        pre = pre.get(..y.get(0)?.start())?;
    }
    place_text.push_str(pre);
    let place = read_place(&place_text)?;
    let date = suffix
        .name("date")
        .and_then(|d| DATE.captures(d.as_str()))
        .and_then(|c| date_from(&c));
    if suffix.name("date").is_some() && date.is_none() {
        return None;
    }
    let mut display = format!("{display_pre}{core}");
    if suffix.name("abstract").is_some() {
        display.push_str("（摘要）");
    }
    Some(Title {
        display,
        year: year.filter(|y| plausible(*y)).map(|y| y as u16),
        date,
        place,
    })
}

fn parse_delivery(line: &str, speaker: &mut Option<Speaker>) -> Option<Delivery> {
    let caps = DELIVERY.captures(line)?;
    let rest = caps.name("rest").map_or("", |m| m.as_str());
    if rest.chars().count() > 30 || rest.contains(['，', '。', '；', ',']) {
        return None;
    }
    let place = read_place(caps.name("place").map_or("", |m| m.as_str()))?;
    let date = match caps.name("date") {
        Some(d) => Some(date_from(&DATE.captures(d.as_str())?)?),
        None => None,
    };
    let number = |name: &str| {
        caps.name(name)
            .and_then(|m| crate::numbers::parse_integer(m.as_str()))
            .and_then(|n| u32::try_from(n).ok())
    };
    if speaker.is_none() && !rest.is_empty() {
        *speaker = parse_speaker(rest);
    }
    Some(Delivery {
        date,
        national: caps.name("natl").is_some() || place.national,
        place,
        term: number("term"),
        session: number("session"),
    })
}

fn parse_speaker(line: &str) -> Option<Speaker> {
    let caps = SPEAKER.captures(line)?;
    let place_text = caps.name("place")?.as_str();
    let office = caps.name("office")?.as_str();
    // Portal chrome: `市长信箱`, `省长热线`.
    let name = caps.name("name").map_or("", |m| m.as_str());
    if SPEAKER_NOT_NAMES.iter().any(|w| name.ends_with(w)) {
        return None;
    }
    // 主席 heads a government only in an autonomous region.
    if office == "主席" && !place_text.ends_with("自治区") {
        return None;
    }
    if office == "总理" && !place_text.is_empty() && !is_national_name(place_text) {
        return None;
    }
    let place = read_place(place_text)?;
    Some(Speaker {
        place,
        office: office_level(office),
    })
}

/// Force every pattern, so a broken one fails the tests.
#[cfg(test)]
pub(super) fn patterns_compile() {
    for re in [
        &*DELIVERY,
        &*TITLE,
        &*LEADING_ANNOTATION,
        &*LEADING_YEAR,
        &*TRAILING_YEAR,
        &*TITLE_SUFFIX,
        &*SPEAKER,
        &*SELF_REFERENCE,
    ] {
        assert!(!re.as_str().is_empty());
    }
}
