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
mod header;
mod identity;
mod normalize;
mod years;

pub use years::{plans_named, plans_named_at};

use super::clean::SourceLine;
use super::places::{self, DivisionLevel, Place};
use crate::report::{Date, Level, Metadata, Paragraph};
use header::Header;
use regex::Regex;
use std::borrow::Cow;
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
    let identity = identity::identify(&doc, &header);
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
pub(crate) struct Doc<'a> {
    /// Borrowed from the lines where normalising changes nothing.
    pub lines: Vec<Cow<'a, str>>,
}

impl<'a> Doc<'a> {
    fn new(lines: &'a [SourceLine], paragraphs: &'a [Paragraph]) -> Doc<'a> {
        let source: Vec<&str> = if lines.is_empty() {
            paragraphs.iter().map(|p| p.text.as_str()).collect()
        } else {
            lines.iter().map(|l| &*l.text).collect()
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
            .map(|(i, l)| (i, &**l))
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

/// The level of a place resolved in the division table: a county-level
/// division is a district when its name says so (`海拉尔区`), otherwise a
/// county (`县`, `旗`, county-level `市`).
fn level_of(place: &Place) -> Option<Level> {
    place.level.map(|l| match l {
        DivisionLevel::Province => Level::Provincial,
        DivisionLevel::City => Level::City,
        DivisionLevel::County => place
            .county
            .as_deref()
            .and_then(level_by_suffix)
            .filter(|l| depth(*l) == 3)
            .unwrap_or(Level::County),
    })
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
        meta.level = level_of(&place);
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

    fn lines(text: &str) -> Vec<SourceLine<'_>> {
        crate::corpus::clean::split_lines(text)
    }

    fn meta(text: &str) -> Metadata {
        extract(&lines(text), &[], "report.txt")
    }

    #[test]
    fn patterns_compile() {
        assert!(!DATE.as_str().is_empty());
        header::patterns_compile();
        identity::patterns_compile();
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
    fn a_local_header_outweighs_a_state_council_mandate() {
        let m = meta("2024年安徽省政府工作报告\n各位代表：\n受国务院委托，省政府组织实施了…");
        assert_eq!(m.level, Some(Level::Provincial));
        let m = meta("各位代表：\n我受国务院的委托，向大会作关于…的报告。");
        assert_eq!(m.level, Some(Level::National));
    }

    #[test]
    fn local_headers_of_every_level() {
        let m = meta(
            "昆山市人民政府工作报告\n——2024年1月10日在昆山市第十七届人民代表大会第五次会议上\n\
             昆山市人民政府市长 周伟\n各位代表：\n现在，我代表市人民政府向大会报告工作。",
        );
        assert_eq!(m.level, Some(Level::County), "县级市");
        assert_eq!(m.county.as_deref(), Some("昆山市"));
        assert_eq!(m.city.as_deref(), Some("苏州市"));
        assert_eq!(m.province.as_deref(), Some("江苏省"));

        let m = meta(
            "二〇二四年政府工作报告\n——二〇二四年一月九日在大理白族自治州第十五届人民代表大会第三次会议上\n州长 杨某",
        );
        assert_eq!(m.level, Some(Level::City));
        assert_eq!(m.city.as_deref(), Some("大理白族自治州"));
        assert_eq!(m.province.as_deref(), Some("云南省"));
        assert_eq!(m.year, Some(2024));

        let m = meta("——2024年2月1日在长白朝鲜族自治县第十七届人民代表大会第三次会议上\n县长 某某");
        assert_eq!(m.level, Some(Level::County));
        assert_eq!(m.city.as_deref(), Some("白山市"));
        assert_eq!(m.province.as_deref(), Some("吉林省"));

        let m = meta(
            "政府工作报告\n——2023年1月12日在朝阳区第十七届人民代表大会第二次会议上\n区长 某某",
        );
        assert_eq!(m.level, Some(Level::District));
        assert_eq!(m.county.as_deref(), Some("朝阳区"));
        assert_eq!(
            (m.city, m.province),
            (None, None),
            "朝阳区 is in Beijing and 长春"
        );

        let m = meta(
            "2023年南京市政府工作报告\n——2023年1月6日在南京市第十七届人民代表大会第三次会议上",
        );
        assert_eq!(m.level, Some(Level::City));
        assert_eq!(m.city.as_deref(), Some("南京市"));
        assert_eq!(m.county, None);
        assert_eq!(m.adcode.as_deref(), Some("320100"));

        let m = meta("政府工作报告\n——2022年12月28日在区十七届人大二次会议上");
        assert_eq!(m.level, Some(Level::District));
        assert_eq!(m.year, Some(2022));
        assert_eq!(m.review_year, Some(2022));
    }

    #[test]
    fn short_form_glued_to_an_unknown_name() {
        let m = meta("2024年苏州工业园区政府工作报告");
        assert_eq!(m.county.as_deref(), Some("苏州工业园区"));
        assert_eq!(m.city.as_deref(), Some("苏州市"));
        assert_eq!(m.province.as_deref(), Some("江苏省"));
        assert_eq!(m.level, Some(Level::District));
    }

    #[test]
    fn level_word_below_named_places() {
        let m = meta("(安徽省)区2023年政府工作报告");
        assert_eq!(m.level, Some(Level::District));
        assert_eq!(m.province.as_deref(), Some("安徽省"));
        assert_eq!(m.county, None);
        // A municipality calls its government `市人民政府`: still provincial.
        let m =
            meta("2026年北京市政府工作报告\n各位代表：\n现在，我代表市人民政府，向大会报告工作。");
        assert_eq!(m.level, Some(Level::Provincial));
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
