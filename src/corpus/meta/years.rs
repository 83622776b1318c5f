//! When a report was delivered, and which year it reviews.
//!
//! Three years are in play: the year of delivery, the year under review
//! and the year being planned. Most reports are delivered early in the
//! year they plan and review the year before; some (national reports of
//! 1964 and 1980–82, local reports given in December) are delivered late
//! in the year they review and plan the next.
//!
//! Evidence, strongest first; the first tier that yields a year decides:
//! 1. the header: the delivery date, the date or year in the title;
//! 2. statements that fix the year outright: the session of the National
//!    People's Congress being addressed (`向第一届全国人民代表大会第二次会议
//!    提出`, `从去年九月第五届全国人民代表大会第三次会议到现在` +1,
//!    `第八届全国人民代表大会第一次会议以来的五年` +5), the place of this
//!    year in a five-year plan (`今年是“七五”计划的头一年`), round
//!    anniversaries (`今年是新中国成立70周年`), all through
//!    assets/metadata/calendar.toml;
//! 3. the section headings of the review and the plan
//!    (`一、2024年工作回顾`, `二、2004年主要任务`), `刚刚过去的1984年`,
//!    `首先报告2001年的工作`, `今年提前制定1981年国民经济计划`;
//! 4. a vote of weaker hints: `1959年全年…` (a finished year),
//!    `1987年要…`, `1987年…的主要任务` (the year being planned).

use super::calendar::CALENDAR;
use super::header::Header;
use super::Doc;
use crate::numbers::parse_integer;
use crate::report::Date;
use regex::Regex;
use std::sync::LazyLock;

/// The years a report may be from: the People's Republic to a generous
/// horizon.
pub(crate) fn plausible(year: u64) -> bool {
    (1949..=2100).contains(&year)
}

#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub(crate) struct When {
    pub year: Option<u16>,
    pub date: Option<Date>,
    pub review_year: Option<u16>,
}

fn pattern(template: &str) -> Regex {
    super::pattern(template)
}

/// The session being addressed: `向第一届全国人民代表大会第二次会议提出`,
/// `向第四届全国人民代表大会作政府工作报告`.
static ADDRESSED_SESSION: LazyLock<Regex> = LazyLock::new(|| {
    pattern(
        r"向(?:本次大会)?第(?P<t>{SMALL})届全国人民代表大会(?:第(?P<s>{SMALL})次会议)?[，,]?(?:提出|作|报告)",
    )
});
/// `我们第一届全国人民代表大会第一次会议，在听了…`.
static OUR_SESSION: LazyLock<Regex> = LazyLock::new(|| {
    pattern(r"我们(?:这次)?第(?P<t>{SMALL})届全国人民代表大会第(?P<s>{SMALL})次会议")
});
/// Last year's session: `从去年九月第五届全国人民代表大会第三次会议到现在`,
/// `去年举行的六届人大一次会议`.
static LAST_YEARS_SESSION: LazyLock<Regex> = LazyLock::new(|| {
    pattern(
        r"去年[^，。；]{0,8}?第?(?P<t>{SMALL})届(?:全国人民代表大会|全国人大|人大)第?(?P<s>{SMALL})次会议",
    )
});
/// The term's first session N years ago:
/// `第八届全国人民代表大会第一次会议以来的五年`,
/// `从第七届全国人民代表大会第一次会议，到这次大会的召开，已经整整过去了五年`.
static TERM_SPAN: LazyLock<Regex> = LazyLock::new(|| {
    pattern(
        r"第(?P<t>{SMALL})届全国人民代表大会第一次会议(?:以来的|[^。]{0,20}?过去了)(?P<n>[一二三四五六七八九十]|[0-9])年",
    )
});
/// `今年是实行“七五”计划的头一年`, `今年是“十四五”规划收官之年`,
/// `今年是第七个五年计划的第一年`.
static THIS_YEAR_IN_PLAN: LazyLock<Regex> = LazyLock::new(|| {
    pattern(concat!(
        r"今年是[^。]{0,30}?",
        r"(?:[“‘\x22](?P<a>[一二三四五六七八九十]{1,3})五[”’\x22](?:计划|规划|时期)?|(?P<b>[一二三四五六七八九十]{1,3})五(?:计划|规划)|第(?P<c>{SMALL})个五年(?:计划|规划))",
        r"(?:的|实施的)?(?P<pos>开局之年|头一年|第一年|起步之年|收官之年|最后一年|完成之年)",
    ))
});
/// `今年是新中国成立70周年`; the event names come from the calendar.
static ANNIVERSARY: LazyLock<Option<Regex>> = LazyLock::new(|| {
    let mut names: Vec<&str> = CALENDAR
        .anniversaries()
        .iter()
        .flat_map(|a| a.names.iter().map(String::as_str))
        .collect();
    if names.is_empty() {
        return None;
    }
    // Longest first: the alternation takes the first name that matches.
    names.sort_by_key(|n| std::cmp::Reverse(n.chars().count()));
    let alternation: Vec<String> = names.iter().map(|n| regex::escape(n)).collect();
    Regex::new(&format!(
        r"今年是[^。]{{0,40}}?(?P<name>{})(?P<n>[0-9]{{1,3}}|[一二三四五六七八九十百]{{1,4}})周年",
        alternation.join("|")
    ))
    .ok()
});

/// A numbered section heading: `一、2024年工作回顾`, `第一部分：…`.
static HEADING: LazyLock<Regex> = LazyLock::new(|| {
    pattern(
        r"^(?:[一二三四五六七八九十]{1,3}[、.．]|第[一二三四五六七八九十]{1,3}部分[:，,]?)(?P<body>.{2,50})$",
    )
});
static YEAR_TOKEN: LazyLock<Regex> = LazyLock::new(|| pattern(r"(?P<y>{YEAR})年"));
static LEADING_YEAR_TOKEN: LazyLock<Regex> = LazyLock::new(|| pattern(r"^(?P<y>{YEAR})年"));
/// A five-year plan named as a period: `“十四五”时期`, `“六五”计划`.
static PLAN_PERIOD: LazyLock<Regex> = LazyLock::new(|| {
    pattern(
        r"[“‘\x22](?P<a>[一二三四五六七八九十]{1,3})五[”’\x22](?:时期|计划|规划)?|第(?P<c>{SMALL})个五年(?:计划|规划)",
    )
});
const PLAN_WORDS: &[&str] = &[
    "任务", "安排", "思路", "要求", "计划", "部署", "方针", "重点", "目标", "建议",
];
/// `首先报告2001年的工作`.
static FIRST_REPORT: LazyLock<Regex> =
    LazyLock::new(|| pattern(r"^首先报告(?P<y>{YEAR})年的?工作"));
/// `刚刚过去的1984年`.
static JUST_PAST: LazyLock<Regex> = LazyLock::new(|| pattern(r"刚刚过去的(?P<y>{YEAR})年"));
/// `今年提前制定1981年国民经济计划`: next year's plan, presented this year.
static AHEAD: LazyLock<Regex> = LazyLock::new(|| pattern(r"提前(?:制定|编制|安排)(?P<y>{YEAR})年"));
/// Signs of a report given late in the year, about next year's plan.
static LATE: LazyLock<Regex> = LazyLock::new(|| {
    pattern(r"明年[^。，；]{0,12}?(?:主要任务|计划|预算)|提前(?:制定|编制|安排)(?:{YEAR})年")
});
/// `1959年全年…`: a finished year's totals.
static FULL_YEAR: LazyLock<Regex> = LazyLock::new(|| pattern(r"(?P<y>{YEAR})年全年"));
/// `1987年经济体制改革的主要任务`, `1965年的主要任务`.
static YEARS_TASKS: LazyLock<Regex> =
    LazyLock::new(|| pattern(r"(?P<pre>.?)(?P<y>{YEAR})年[^。，；]{0,10}?的?主要任务"));
/// `。1987年要…`, `1987年，我们要…`: the year being planned.
static YEAR_WILL: LazyLock<Regex> = LazyLock::new(|| {
    pattern(r"(?:^|[。；！])(?P<y>{YEAR})年[，,]?(?:我们|全省|全市|全区|全县)?要")
});

fn year_of(caps: &regex::Captures<'_>, group: &str) -> Option<u16> {
    let y = parse_integer(caps.name(group)?.as_str())?;
    plausible(y).then_some(y as u16)
}

fn number_of(caps: &regex::Captures<'_>, group: &str) -> Option<u32> {
    u32::try_from(parse_integer(caps.name(group)?.as_str())?).ok()
}

/// The five-year plans a text names (`“十四五”时期`, `第七个五年计划`), as
/// their first and last years. Also used to place report sections in the
/// review or the targets (`topics`).
pub fn plans_named(text: &str) -> impl Iterator<Item = (u16, u16)> + '_ {
    plans_named_at(text).map(|(_, years)| years)
}

/// [`plans_named`] with where each name is written in `text` (byte range),
/// for reading the time a passage speaks of (`figures`).
pub fn plans_named_at(
    text: &str,
) -> impl Iterator<Item = (std::ops::Range<usize>, (u16, u16))> + '_ {
    PLAN_PERIOD.captures_iter(text).filter_map(|c| {
        let number = ["a", "c"].iter().find_map(|g| number_of(&c, g))?;
        let whole = c.get(0)?;
        Some((whole.range(), CALENDAR.plan_years(number)?))
    })
}

/// The most common value; `None` when there is none or the top is shared.
fn majority(values: &[u16]) -> Option<u16> {
    let mut counts: Vec<(u16, usize)> = Vec::new();
    for v in values {
        match counts.iter_mut().find(|(y, _)| y == v) {
            Some((_, n)) => *n += 1,
            None => counts.push((*v, 1)),
        }
    }
    let max = counts.iter().map(|(_, n)| *n).max()?;
    let mut top = counts.iter().filter(|(_, n)| *n == max);
    let first = top.next()?;
    top.next().is_none().then_some(first.0)
}

pub(crate) fn read(doc: &Doc, header: &Header, national: bool) -> When {
    let date = header
        .delivery
        .as_ref()
        .and_then(|d| d.date)
        .or_else(|| header.title.as_ref().and_then(|t| t.date));
    let late_text = doc.lines.iter().any(|l| LATE.is_match(l));
    let review = review_evidence(doc);

    let year = date
        .map(|d| d.year)
        .or_else(|| header.title.as_ref().and_then(|t| t.year))
        .or_else(|| majority(&fixed_years(doc, header, national)))
        .or_else(|| majority(&heading_years(&review, late_text)))
        .or_else(|| majority(&hinted_years(doc, late_text)))
        .filter(|y| plausible(u64::from(*y)));

    // A report given in the autumn or winter reviews the year it is given
    // in. A stated date settles that; the text's hints only stand in for it.
    let late = match date {
        Some(d) => d.month >= 9,
        None => late_text,
    };
    let review_year = year.map(|y| {
        let stated = majority(&review.reviewed).filter(|r| *r + 1 == y || *r == y);
        stated.unwrap_or(if late { y } else { y.saturating_sub(1) })
    });
    When {
        year,
        date,
        review_year,
    }
}

/// Tier 2: statements that fix the year of delivery outright.
fn fixed_years(doc: &Doc, header: &Header, national: bool) -> Vec<u16> {
    let mut years = Vec::new();
    let npc = |t: Option<u32>, s: Option<u32>| CALENDAR.npc_session_year(t?, s.unwrap_or(1));
    if national {
        if let Some(d) = &header.delivery {
            years.extend(npc(d.term, d.session));
        }
    }
    for line in &doc.lines {
        if national {
            for re in [&*ADDRESSED_SESSION, &*OUR_SESSION] {
                for c in re.captures_iter(line) {
                    years.extend(npc(number_of(&c, "t"), number_of(&c, "s")));
                }
            }
            for c in LAST_YEARS_SESSION.captures_iter(line) {
                years.extend(npc(number_of(&c, "t"), number_of(&c, "s")).map(|y| y + 1));
            }
            for c in TERM_SPAN.captures_iter(line) {
                let span = number_of(&c, "n").and_then(|n| u16::try_from(n).ok());
                if let (Some(y), Some(n)) = (npc(number_of(&c, "t"), Some(1)), span) {
                    years.push(y + n);
                }
            }
        }
        for c in THIS_YEAR_IN_PLAN.captures_iter(line) {
            let number = ["a", "b", "c"].iter().find_map(|g| number_of(&c, g));
            let Some((first, last)) = number.and_then(|n| CALENDAR.plan_years(n)) else {
                continue;
            };
            let pos = c.name("pos").map_or("", |m| m.as_str());
            years.push(match pos {
                "收官之年" | "最后一年" | "完成之年" => last,
                _ => first,
            });
        }
        if let Some(re) = &*ANNIVERSARY {
            for c in re.captures_iter(line) {
                let name = c.name("name").map_or("", |m| m.as_str());
                let base = CALENDAR
                    .anniversaries()
                    .iter()
                    .find(|a| a.names.iter().any(|n| n == name))
                    .map(|a| a.year);
                let n = number_of(&c, "n").and_then(|n| u16::try_from(n).ok());
                if let (Some(base), Some(n)) = (base, n) {
                    years.push(base.saturating_add(n));
                }
            }
        }
    }
    years.retain(|y| plausible(u64::from(*y)));
    years
}

/// What the review and plan headings say.
#[derive(Debug, Default)]
struct ReviewEvidence {
    /// Years named as under review.
    reviewed: Vec<u16>,
    /// Years named as being planned.
    planned: Vec<u16>,
    /// Years of delivery implied by `提前制定1981年…计划`.
    ahead: Vec<u16>,
}

fn review_evidence(doc: &Doc) -> ReviewEvidence {
    let mut ev = ReviewEvidence::default();
    for (i, line) in doc.lines.iter().enumerate() {
        if line.chars().count() <= 60 {
            if let Some(body) = HEADING.captures(line).and_then(|c| c.name("body")) {
                read_heading(body.as_str(), doc.lines.get(i + 1), &mut ev);
            }
            if let Some(c) = FIRST_REPORT.captures(line) {
                ev.reviewed.extend(year_of(&c, "y"));
            }
        }
        for c in JUST_PAST.captures_iter(line) {
            ev.reviewed.extend(year_of(&c, "y"));
        }
        for c in AHEAD.captures_iter(line) {
            ev.ahead.extend(year_of(&c, "y").map(|y| y - 1));
        }
    }
    ev
}

fn read_heading(body: &str, next_line: Option<&std::borrow::Cow<str>>, ev: &mut ReviewEvidence) {
    let years_in = |s: &str| -> Vec<u16> {
        YEAR_TOKEN
            .captures_iter(s)
            .filter_map(|c| year_of(&c, "y"))
            .collect()
    };
    if let Some(at) = body.find("回顾") {
        let (before, after) = body.split_at(at);
        let mut reviewed = years_in(before);
        for c in PLAN_PERIOD.captures_iter(before) {
            let number = ["a", "c"].iter().find_map(|g| number_of(&c, g));
            reviewed.extend(
                number
                    .and_then(|n| CALENDAR.plan_years(n))
                    .map(|(_, last)| last),
            );
        }
        match reviewed.iter().max() {
            Some(y) => ev.reviewed.push(*y),
            // `一、去年工作回顾` / `一、过去一年工作回顾`: the year is in the
            // sentence that opens the section (`2004年，全国各族人民…`).
            None if before.contains("去年") || before.contains("一年") => {
                if let Some(c) = next_line.and_then(|l| LEADING_YEAR_TOKEN.captures(l)) {
                    ev.reviewed.extend(year_of(&c, "y"));
                }
            }
            None => {}
        }
        if PLAN_WORDS.iter().any(|w| after.contains(w)) {
            ev.planned.extend(years_in(after).into_iter().max());
        }
    } else if PLAN_WORDS.iter().any(|w| body.contains(w)) {
        if let Some(c) = LEADING_YEAR_TOKEN.captures(body) {
            ev.planned.extend(year_of(&c, "y"));
        }
    }
}

/// Tier 3: the years of delivery the headings imply.
fn heading_years(ev: &ReviewEvidence, late: bool) -> Vec<u16> {
    let mut years: Vec<u16> = ev
        .reviewed
        .iter()
        .map(|r| if late { *r } else { r + 1 })
        .collect();
    years.extend(ev.planned.iter().map(|p| if late { p - 1 } else { *p }));
    years.extend(ev.ahead.iter().copied());
    years.retain(|y| plausible(u64::from(*y)));
    years
}

/// Tier 4: weak hints, put to a vote.
fn hinted_years(doc: &Doc, late: bool) -> Vec<u16> {
    let mut years = Vec::new();
    for line in &doc.lines {
        for c in FULL_YEAR.captures_iter(line) {
            years.extend(year_of(&c, "y").map(|r| if late { r } else { r + 1 }));
        }
        for c in YEARS_TASKS.captures_iter(line) {
            // `到2035年的主要任务` is a target, not this year's plan.
            if matches!(
                c.name("pre").map(|m| m.as_str()),
                Some("到" | "至" | "—" | "-")
            ) {
                continue;
            }
            years.extend(year_of(&c, "y").map(|p| if late { p - 1 } else { p }));
        }
        for c in YEAR_WILL.captures_iter(line) {
            years.extend(year_of(&c, "y").map(|p| if late { p - 1 } else { p }));
        }
    }
    years.retain(|y| plausible(u64::from(*y)));
    years
}

#[cfg(test)]
mod tests {
    use super::super::extract;
    use super::*;
    use crate::corpus::clean::SourceLine;

    fn year(text: &str) -> (Option<u16>, Option<u16>) {
        let lines: Vec<SourceLine> = text
            .split('\n')
            .enumerate()
            .map(|(i, l)| SourceLine {
                line: i as u32 + 1,
                text: l.into(),
                ..Default::default()
            })
            .collect();
        let m = extract(&lines, &[], "report.txt");
        (m.year, m.review_year)
    }

    #[test]
    fn session_addressed() {
        assert_eq!(
            year("各位代表：\n现在我代表国务院向第一届全国人民代表大会第三次会议提出报告。").0,
            Some(1956)
        );
        assert_eq!(
            year("我代表国务院，向第四届全国人民代表大会作政府工作报告。").0,
            Some(1975)
        );
        // Past sessions are not the one addressed.
        assert_eq!(
            year("我代表国务院。从第二届全国人民代表大会第一次会议以来，我国各族人民…").0,
            None
        );
    }

    #[test]
    fn last_years_session_and_term_span() {
        assert_eq!(
            year("我代表国务院。从去年９月第五届全国人民代表大会第三次会议到现在，已经过去了一年零两个月。").0,
            Some(1981)
        );
        assert_eq!(
            year("我代表国务院。去年举行的六届人大一次会议曾经指出").0,
            Some(1984)
        );
        assert_eq!(
            year("我代表国务院。第十二届全国人民代表大会第一次会议以来的五年，是…").0,
            Some(2018)
        );
        // NPC sessions mean nothing in a provincial report.
        assert_eq!(
            year("我代表省人民政府。去年召开的省十三届人大一次会议").0,
            None
        );
    }

    #[test]
    fn plan_and_anniversary() {
        assert_eq!(year("今年是实行“七五”计划的头一年。").0, Some(1986));
        assert_eq!(year("今年是“十四五”规划收官之年。").0, Some(2025));
        assert_eq!(
            year("今年是新中国成立70周年，是全面建成小康社会的关键之年。").0,
            Some(2019)
        );
        assert_eq!(year("今年是改革开放三十周年。").0, Some(2008));
    }

    #[test]
    fn headings() {
        assert_eq!(year("一、2024年工作回顾\n过去一年…").0, Some(2025));
        assert_eq!(year("一、2024年工作回顾\n过去一年…").1, Some(2024));
        assert_eq!(year("一、１９９１年国内工作的回顾\n…").0, Some(1992));
        assert_eq!(
            year("一、过去一年工作回顾\n2004年，全国各族人民…").0,
            Some(2005)
        );
        assert_eq!(year("二、2004年主要任务\n今年是…").0, Some(2004));
        assert_eq!(year("一、“九五”时期国民经济和社会发展的回顾").0, Some(2001));
        assert_eq!(year("在刚刚过去的１９８７年，我国国民经济…").0, Some(1988));
        assert_eq!(year("一、过去五年工作回顾\n2018年以来…").0, None);
    }

    #[test]
    fn late_in_the_year() {
        // Next year's plan, presented this year.
        let (y, r) = year(
            "二、1981年国民经济计划的任务\n今年提前制定1981年国民经济计划，提请这次大会审议。",
        );
        assert_eq!((y, r), (Some(1980), Some(1980)));
        // A December delivery date: the year reviewed is the year of delivery.
        let (y, r) = year("(辽宁省)抚顺市望花区人民政府工作报告(2022年12月14日)");
        assert_eq!((y, r), (Some(2022), Some(2022)));
    }

    #[test]
    fn weak_hints() {
        assert_eq!(year("一九五九年全年养猪二亿七千万头。").0, Some(1960));
        assert_eq!(
            year("国务院确定１９８７年经济体制改革的主要任务是：…。１９８７年要继续…").0,
            Some(1987)
        );
        assert_eq!(
            year("明年发展国民经济的主要任务是…\n一九六五年的主要任务就是…").0,
            Some(1964)
        );
        assert_eq!(year("到2035年的主要任务是…").0, None);
    }

    #[test]
    fn majority_needs_a_clear_winner() {
        assert_eq!(majority(&[]), None);
        assert_eq!(majority(&[2000, 2001]), None);
        assert_eq!(majority(&[2000, 2001, 2001]), Some(2001));
    }
}
