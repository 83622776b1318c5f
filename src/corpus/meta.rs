//! Metadata from the text: title, level, place, year, date.
//!
//! A report says who delivered it and when in a few stock lines near its
//! top: the title (`2026年安徽省政府工作报告`,
//! `(安徽省)铜陵市铜官区人民政府工作报告(2024年1月24日)`), the delivery line
//! (`——2026年2月5日在安徽省第十四届人民代表大会第四次会议上`), the speaker
//! (`省人民政府省长 王清宪`) and the opening address (`我代表国务院`). Those
//! lines decide the place; the body is only consulted for the level (through
//! the formulas a government uses about itself, `自觉接受区人大…监督`) and for
//! the year when no date is stated (see `years`). The file name is the last
//! resort: users' files rarely carry year or place in their names.
//!
//! Rules read the raw lines (page furniture included, so the title survives
//! whatever the cleaner drops), through a normalised copy (see `normalize`).

mod calendar;
mod normalize;
mod years;

use super::clean::SourceLine;
use super::places::{self, DivisionLevel, Place, Places};
use crate::report::{Date, Level, Metadata, Paragraph};
use aho_corasick::AhoCorasick;
use regex::Regex;
use std::sync::LazyLock;

pub(crate) use normalize::normalize;

/// How many non-blank lines from the top may hold the title, delivery line
/// and speaker. Portal pages put up to ~20 lines of chrome before them.
const HEADER_LINES: usize = 60;
/// Lines longer than this (in chars) are body text, never a header line.
const HEADER_LINE_MAX_CHARS: usize = 120;
/// How far into the text the opening address (`我代表…`) is looked for.
const OPENING_LINES: usize = 80;

/// Read a report's metadata from its text, with the file name as a
/// fallback for the year and the place.
pub fn extract(lines: &[SourceLine], paragraphs: &[Paragraph], file: &str) -> Metadata {
    let doc = Doc::new(lines, paragraphs);
    let header = Header::read(&doc);
    let identity = identify(&doc, &header);
    let when = years::read(&doc, &header, identity.national);

    let mut meta = Metadata {
        title: header.title.as_ref().map(|t| t.display.clone()),
        level: identity.level,
        province: identity.province,
        city: identity.city,
        county: identity.county,
        year: when.year,
        date: when.date,
        review_year: when.review_year,
        adcode: identity.adcode,
    };
    fill_from_file_name(&mut meta, file, identity.named_anything);
    if meta.review_year.is_none() {
        meta.review_year = meta.year.map(|y| y.saturating_sub(1));
    }
    meta
}

/// The non-blank lines of a report, normalised for matching.
pub(crate) struct Doc {
    pub lines: Vec<String>,
}

impl Doc {
    fn new(lines: &[SourceLine], paragraphs: &[Paragraph]) -> Doc {
        let source: Vec<&str> = if lines.is_empty() {
            paragraphs.iter().map(|p| p.text.as_str()).collect()
        } else {
            lines.iter().map(|l| l.text.as_str()).collect()
        };
        Doc {
            lines: source
                .into_iter()
                .map(normalize)
                .filter(|l| !l.is_empty())
                .collect(),
        }
    }

    /// The lines that may hold the title, delivery line and speaker.
    fn header(&self) -> impl Iterator<Item = (usize, &str)> {
        self.lines
            .iter()
            .take(HEADER_LINES)
            .enumerate()
            .filter(|(_, l)| l.chars().count() <= HEADER_LINE_MAX_CHARS)
            .map(|(i, l)| (i, l.as_str()))
    }
}

// ---------------------------------------------------------------------------
// Patterns. Text is normalised first: no whitespace, ASCII digits and
// brackets, simplified key characters.

/// A term or session number: `十四`, `14`.
const SMALL_NUMBER: &str = r"[一二三四五六七八九十]{1,3}|[0-9]{1,2}";
/// A year written out: `2026`, `二〇二六`, `一九五七`.
const YEAR: &str = r"[0-9]{4}|[〇○零一二三四五六七八九Ｏ]{4}";
const DAY_OR_MONTH: &str = r"[0-9]{1,2}|[一二三四五六七八九十]{1,3}";

fn pattern(template: &str) -> Regex {
    let expanded = template
        .replace("{SMALL}", SMALL_NUMBER)
        .replace("{YEAR}", YEAR)
        .replace("{DM}", DAY_OR_MONTH);
    // The templates are constants checked by the tests; an invalid one
    // would be a programming error caught on the first test run.
    Regex::new(&expanded).unwrap_or_else(|e| panic!("invalid metadata pattern {template}: {e}"))
}

static DATE: LazyLock<Regex> =
    LazyLock::new(|| pattern(r"(?P<y>{YEAR})年(?P<m>{DM})月(?P<d>{DM})日"));

/// `——2026年2月5日在安徽省第十四届人民代表大会第四次会议上`, also in
/// parentheses, without the date, or abbreviated (`在区十七届人大三次会议上`).
static DELIVERY: LazyLock<Regex> = LazyLock::new(|| {
    pattern(concat!(
        r"^[—―─\-－–~～=_]*\(?",
        r"(?P<date>(?:[0-9]{4}|[〇○零一二三四五六七八九Ｏ]{4})年(?:[0-9]{1,2}|[一二三四五六七八九十]{1,3})月(?:[0-9]{1,2}|[一二三四五六七八九十]{1,3})日)?",
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

/// Level names that stand for "this government" without naming it.
fn bare_level(word: &str) -> Option<Level> {
    Some(match word {
        "省" | "自治区" => Level::Provincial,
        "市" | "州" | "盟" => Level::City,
        "区" => Level::District,
        "县" | "旗" => Level::County,
        _ => return None,
    })
}

/// Level implied by the ending of a place name the table does not know.
fn level_by_suffix(name: &str) -> Option<Level> {
    if name.ends_with("自治区") || name.ends_with('省') {
        Some(Level::Provincial)
    } else if name.ends_with("林区") || name.ends_with("特区") {
        Some(Level::County)
    } else if name.ends_with('区') {
        Some(Level::District)
    } else if name.ends_with('县') || name.ends_with('旗') {
        Some(Level::County)
    } else if name.ends_with('市')
        || name.ends_with('州')
        || name.ends_with('盟')
        || name.ends_with("地区")
    {
        Some(Level::City)
    } else {
        None
    }
}

/// Depth of a level below the nation.
fn depth(level: Level) -> u8 {
    match level {
        Level::National => 0,
        Level::Provincial => 1,
        Level::City => 2,
        Level::District | Level::County => 3,
    }
}

fn office_level(office: &str) -> Option<Level> {
    Some(match office {
        "总理" => Level::National,
        "省长" | "主席" => Level::Provincial,
        "市长" | "州长" | "盟长" => Level::City,
        "区长" => Level::District,
        "县长" | "旗长" => Level::County,
        _ => return None,
    })
}

fn is_national_name(s: &str) -> bool {
    matches!(
        s,
        "国务院" | "中华人民共和国国务院" | "中华人民共和国" | "全国" | "中央" | "中央人民政府"
    )
}

/// A valid calendar date from the captures of `DATE`.
pub(crate) fn date_from(caps: &regex::Captures<'_>) -> Option<Date> {
    let year = crate::numbers::parse_integer(caps.name("y")?.as_str())?;
    let month = crate::numbers::parse_integer(caps.name("m")?.as_str())?;
    let day = crate::numbers::parse_integer(caps.name("d")?.as_str())?;
    make_date(year, month, day)
}

pub(crate) fn make_date(year: u64, month: u64, day: u64) -> Option<Date> {
    if !years::plausible(year) || !(1..=12).contains(&month) || day == 0 {
        return None;
    }
    let leap = (year.is_multiple_of(4) && !year.is_multiple_of(100)) || year.is_multiple_of(400);
    let days = match month {
        2 if leap => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    };
    (day <= days).then_some(Date {
        year: year as u16,
        month: month as u8,
        day: day as u8,
    })
}

// ---------------------------------------------------------------------------
// Places named in a header line.

/// What a short piece of header text says about the government's place.
#[derive(Debug, Default, Clone)]
pub(crate) struct PlaceClaim {
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
pub(crate) fn read_place(text: &str) -> Option<PlaceClaim> {
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
    let matches = table.find_names(segment);
    let mut pending_short: Option<usize> = None;
    for (i, m) in matches.iter().enumerate() {
        let gap = segment.get(pos..m.start)?;
        if !gap.is_empty() {
            read_unknown(gap, claim)?;
        }
        let matched = segment.get(m.start..m.end)?;
        let is_full_name = m
            .candidates
            .iter()
            .any(|c| table.get(*c).is_some_and(|d| d.name == matched));
        claim.mentions.push(m.candidates.clone());
        pos = m.end;
        if !is_full_name {
            pending_short = Some(i);
        } else {
            pending_short = None;
        }
    }
    let rest = segment.get(pos..)?;
    if !rest.is_empty() {
        // A short form glued to an unknown name is the start of that name
        // (`苏州` + `工业园区`): the name is the whole; the short form stays
        // a mention, telling where the place lies.
        let name = match (pending_short, matches.last()) {
            (Some(_), Some(last)) => segment.get(last.start..)?,
            _ => rest,
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
    if !(2..=12).contains(&chars) || !name.chars().all(is_han) {
        return None;
    }
    let level = level_by_suffix(name)?;
    if claim.unknown.is_none() {
        claim.unknown = Some((name.to_string(), level));
    }
    Some(())
}

fn is_han(c: char) -> bool {
    matches!(c, '\u{4E00}'..='\u{9FFF}' | '\u{3400}'..='\u{4DBF}' | '\u{F900}'..='\u{FAFF}' | '\u{20000}'..='\u{2FFFF}')
}

// ---------------------------------------------------------------------------
// The header lines.

#[derive(Debug, Clone)]
pub(crate) struct Title {
    /// The title as shown: without a site's pagination, the place
    /// annotation in front or the date behind (those are fields of their
    /// own).
    pub display: String,
    pub year: Option<u16>,
    pub date: Option<Date>,
    pub place: PlaceClaim,
}

#[derive(Debug, Clone)]
pub(crate) struct Delivery {
    pub date: Option<Date>,
    pub place: PlaceClaim,
    pub national: bool,
    pub term: Option<u32>,
    pub session: Option<u32>,
}

#[derive(Debug, Clone)]
pub(crate) struct Speaker {
    pub place: PlaceClaim,
    pub office: Option<Level>,
}

#[derive(Debug, Default)]
pub(crate) struct Header {
    pub title: Option<Title>,
    pub delivery: Option<Delivery>,
    pub speaker: Option<Speaker>,
    /// The government named in `我代表…`.
    pub address: Option<PlaceClaim>,
}

impl Header {
    fn read(doc: &Doc) -> Header {
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
        year: year.filter(|y| years::plausible(*y)).map(|y| y as u16),
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

// ---------------------------------------------------------------------------
// Who delivered the report.

#[derive(Debug, Default)]
struct Identity {
    national: bool,
    level: Option<Level>,
    province: Option<String>,
    city: Option<String>,
    county: Option<String>,
    adcode: Option<String>,
    /// Whether the text named any place or level at all.
    named_anything: bool,
}

fn identify(doc: &Doc, header: &Header) -> Identity {
    let claims: Vec<&PlaceClaim> = [
        header.delivery.as_ref().map(|d| &d.place),
        header.title.as_ref().map(|t| &t.place),
        header.speaker.as_ref().map(|s| &s.place),
        header.address.as_ref(),
    ]
    .into_iter()
    .flatten()
    .collect();

    let national = claims.iter().any(|c| c.national)
        || header.delivery.as_ref().is_some_and(|d| d.national)
        || header
            .speaker
            .as_ref()
            .is_some_and(|s| s.office == Some(Level::National))
        || doc
            .lines
            .iter()
            .take(OPENING_LINES)
            .any(|l| NATIONAL_ADDRESS.is_match(l));
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
    let resolved_level = place.level.map(|l| match l {
        DivisionLevel::Province => Level::Provincial,
        DivisionLevel::City => Level::City,
        DivisionLevel::County => place
            .county
            .as_deref()
            .and_then(level_by_suffix)
            .filter(|l| depth(*l) == 3)
            .unwrap_or(Level::County),
    });

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
        doc.lines.iter().map(|l| words.find_iter(l).count()).sum()
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

// ---------------------------------------------------------------------------
// The file name, as a last resort.

fn fill_from_file_name(meta: &mut Metadata, file: &str, text_named_a_place: bool) {
    let name = file.rsplit(['/', '\\']).next().unwrap_or(file);
    let name = normalize(name);
    if meta.year.is_none() {
        meta.year = year_in_file_name(&name);
    }
    if text_named_a_place || meta.level == Some(Level::National) {
        return;
    }
    if name.contains("全国") || name.contains("国务院") {
        if meta.level.is_none() {
            meta.level = Some(Level::National);
            meta.province = Some("全国".to_string());
        }
        return;
    }
    // Only full names: a file name is not a sentence, and short forms
    // (`安徽`) would match arbitrary words in it.
    let table = places::table();
    let mentions: Vec<Vec<usize>> = table
        .find_names(&name)
        .into_iter()
        .filter_map(|m| {
            let matched = name.get(m.start..m.end)?;
            let full: Vec<usize> = m
                .candidates
                .into_iter()
                .filter(|c| table.get(*c).is_some_and(|d| d.name == matched))
                .collect();
            (!full.is_empty()).then_some(full)
        })
        .collect();
    let place = table.resolve(&mentions);
    if place == Place::default() {
        return;
    }
    if meta.level.is_none() {
        meta.level = place.level.map(|l| match l {
            DivisionLevel::Province => Level::Provincial,
            DivisionLevel::City => Level::City,
            DivisionLevel::County => place
                .county
                .as_deref()
                .and_then(level_by_suffix)
                .filter(|l| depth(*l) == 3)
                .unwrap_or(Level::County),
        });
    }
    meta.province = place.province;
    meta.city = place.city;
    meta.county = place.county;
    meta.adcode = place.adcode;
}

/// A plausible year written as four digits on its own in a file name
/// (`2026_安徽省.txt`, `report-1995.txt`; not `20260101`).
fn year_in_file_name(name: &str) -> Option<u16> {
    let bytes = name.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i].is_ascii_digit() {
            let start = i;
            while i < bytes.len() && bytes[i].is_ascii_digit() {
                i += 1;
            }
            if i - start == 4 {
                let year: u16 = name.get(start..i)?.parse().ok()?;
                if years::plausible(u64::from(year)) {
                    return Some(year);
                }
            }
        } else {
            i += 1;
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lines(text: &str) -> Vec<SourceLine> {
        text.split('\n')
            .enumerate()
            .map(|(i, l)| SourceLine {
                line: i as u32 + 1,
                text: l.to_string(),
            })
            .collect()
    }

    fn meta(text: &str) -> Metadata {
        extract(&lines(text), &[], "report.txt")
    }

    #[test]
    fn patterns_compile() {
        for re in [
            &*DATE,
            &*DELIVERY,
            &*TITLE,
            &*LEADING_ANNOTATION,
            &*LEADING_YEAR,
            &*TRAILING_YEAR,
            &*TITLE_SUFFIX,
            &*SPEAKER,
            &*SELF_REFERENCE,
            &*NATIONAL_ADDRESS,
            &*OWN_BODIES,
        ] {
            assert!(!re.as_str().is_empty());
        }
    }

    #[test]
    fn provincial_header() {
        let m = meta(
            "下载\n打印\n2026年安徽省政府工作报告\n\
             ——2026年2月5日在安徽省第十四届人民代表大会第四次会议上\n\
             来源：安徽日报\n时间：2026-02-11\n省人民政府省长 王清宪\n各位代表：",
        );
        assert_eq!(m.title.as_deref(), Some("2026年安徽省政府工作报告"));
        assert_eq!(m.level, Some(Level::Provincial));
        assert_eq!(m.province.as_deref(), Some("安徽省"));
        assert_eq!(m.city, None);
        assert_eq!(m.year, Some(2026));
        assert_eq!(m.date.map(|d| d.to_string()).as_deref(), Some("2026-02-05"));
        assert_eq!(m.review_year, Some(2025));
        assert_eq!(m.adcode.as_deref(), Some("340000"));
    }

    #[test]
    fn district_header_completes_upward() {
        let m = meta(
            "政 府 工 作 报 告\n\
             ----2012年2月29日在海拉尔区第十三届人民代表大会第六次会议上\n\
             海拉尔区人民政府区长　　张天喜\n　　各位代表：",
        );
        assert_eq!(m.title.as_deref(), Some("政府工作报告"));
        assert_eq!(m.level, Some(Level::District));
        assert_eq!(m.county.as_deref(), Some("海拉尔区"));
        assert_eq!(m.city.as_deref(), Some("呼伦贝尔市"));
        assert_eq!(m.province.as_deref(), Some("内蒙古自治区"));
        assert_eq!(m.adcode.as_deref(), Some("150702"));
        assert_eq!(m.year, Some(2012));
    }

    #[test]
    fn broken_delivery_line_and_chinese_numeral_date() {
        let m = meta("政府工作报告\n——2026年1月26日在广东省第十四届\n人民代表大会第五次会议上\n广东省省长 孟凡利");
        assert_eq!(m.province.as_deref(), Some("广东省"));
        assert_eq!(m.date.map(|d| d.to_string()).as_deref(), Some("2026-01-26"));
        let m = meta("——二〇二六年一月二十七日在甘肃省十四届人民代表大会第四次会议上");
        assert_eq!(m.province.as_deref(), Some("甘肃省"));
        assert_eq!(m.date.map(|d| d.to_string()).as_deref(), Some("2026-01-27"));
    }

    #[test]
    fn body_sentences_are_not_headers() {
        let m =
            meta("在一九五四年召开的第一届全国人民代表大会第一次会议上，陈云同志的发言里已经指出");
        assert_eq!(m.level, None);
        assert_eq!(m.year, None);
        let m = meta("上一篇:县2023年政府工作报告-27篇");
        assert_eq!(m.title, None);
        let m = meta("政府工作报告。 贵州日报天眼新闻记者 李森 摄");
        assert_eq!(m.title, None);
    }

    #[test]
    fn title_variants() {
        let m =
            meta("\u{200B}\n政府工作报\n告\n——2017年3月5日在第十二届全国人民代表大会第五次会议上");
        assert_eq!(m.title.as_deref(), Some("政府工作报告"));
        assert_eq!(m.level, Some(Level::National));
        let m = meta("昆山市政府工作报告（2024年）");
        assert_eq!(m.title.as_deref(), Some("昆山市政府工作报告"));
        assert_eq!(m.year, Some(2024));
        assert_eq!(m.level, Some(Level::County), "a county-level city");
        assert_eq!(m.city.as_deref(), Some("苏州市"));
        let m = meta("2025年中华人民共和国国务院政府工作报告");
        assert_eq!(m.level, Some(Level::National));
        assert_eq!(m.province.as_deref(), Some("全国"));
        for not_title in [
            "李强作政府工作报告",
            "关于政府工作报告的决议",
            "【图解】2024年政府工作报告",
        ] {
            assert_eq!(meta(not_title).title, None, "{not_title}");
        }
    }

    #[test]
    fn portal_chrome_is_not_a_speaker() {
        let m = meta("首页\n市长信箱\n政府工作报告");
        assert_eq!(m.level, None);
        let m = meta("政府工作报告\n县长 李四");
        assert_eq!(m.level, Some(Level::County));
    }

    #[test]
    fn unknown_place_keeps_its_name_and_level() {
        let m = meta("——2024年1月5日在南通市某某新区第二届人民代表大会第三次会议上");
        assert_eq!(m.county.as_deref(), Some("某某新区"));
        assert_eq!(m.city.as_deref(), Some("南通市"));
        assert_eq!(m.province.as_deref(), Some("江苏省"));
        assert_eq!(m.level, Some(Level::District));
    }

    #[test]
    fn level_from_own_bodies_only_when_they_agree() {
        let m = meta("全年办理区人大代表建议42件，区政协提案56件。自觉接受区人大及其常委会的法律监督，排名全市前列。");
        assert_eq!(m.level, Some(Level::District));
        assert_eq!(m.province, None);
        let m = meta("办理区人大代表建议42件，市人大代表建议3件。");
        assert_eq!(m.level, None);
    }

    #[test]
    fn file_name_is_a_fallback_only() {
        let text = lines("各位代表：\n现在，我代表区政府向大会报告工作。");
        let m = extract(&text, &[], "2013_内蒙古自治区_呼伦贝尔市_海拉尔区.txt");
        assert_eq!(m.year, Some(2013));
        assert_eq!(m.county.as_deref(), Some("海拉尔区"));
        assert_eq!(m.level, Some(Level::District));
        // The text's own place wins over the file name's.
        let text = lines("2026年安徽省政府工作报告");
        let m = extract(&text, &[], "2020_江苏省.txt");
        assert_eq!(m.province.as_deref(), Some("安徽省"));
        assert_eq!(m.year, Some(2026));
        assert_eq!(year_in_file_name("20260101.txt"), None);
        assert_eq!(year_in_file_name("report-1995.txt"), Some(1995));
        assert_eq!(year_in_file_name("3000.txt"), None);
    }

    #[test]
    fn dates_are_validated() {
        assert!(make_date(2024, 2, 29).is_some());
        assert!(make_date(2023, 2, 29).is_none());
        assert!(make_date(2023, 13, 1).is_none());
        assert!(make_date(1900, 1, 1).is_none());
        assert!(make_date(2023, 4, 31).is_none());
    }
}
