//! Word's list numbering: the number text Word draws in front of a numbered
//! paragraph (`一、`, `（二）`, `3.`), which is not in the paragraph's text.
//!
//! A paragraph names a list instance (`w:numId`) and a level (`w:ilvl`),
//! directly or through its style; `numbering.xml` maps the instance to an
//! abstract list whose levels give a start value, a number format
//! (`chineseCounting`, `decimal`, …) and a pattern (`%1、`, `（%2）`).
//! Instances of one abstract list continue each other's count, as in Word,
//! unless an instance overrides a level's start.

use super::{attr, is, Part};
use crate::corpus::LoadError;
use quick_xml::events::Event;
use std::collections::{HashMap, HashSet};

/// Levels a list can have in Word.
const LEVELS: usize = 9;

#[derive(Debug, Clone, Default)]
struct Level {
    start: i64,
    format: String,
    /// The `w:format` of a `custom` format: a sample like `一, 二, 三, ...`.
    custom: Option<String>,
    pattern: String,
    /// `w:isLgl`: every number of the pattern in decimal.
    legal: bool,
    style: Option<String>,
}

#[derive(Debug, Clone, Default)]
struct Instance {
    abstract_id: String,
    start_overrides: HashMap<usize, i64>,
    level_overrides: HashMap<usize, Level>,
}

/// The list definitions of one document.
#[derive(Debug, Default)]
pub struct Numbering {
    abstracts: HashMap<String, [Option<Level>; LEVELS]>,
    instances: HashMap<String, Instance>,
}

/// A paragraph's numbering, as given directly or by its style.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct NumberingRef {
    pub instance: Option<String>,
    pub level: Option<usize>,
}

/// Styles that number their paragraphs (heading styles often do).
#[derive(Debug, Default)]
pub struct Styles {
    styles: HashMap<String, (Option<String>, NumberingRef)>,
}

fn level_index(value: &str) -> Option<usize> {
    value.trim().parse::<usize>().ok().filter(|&l| l < LEVELS)
}

impl Styles {
    pub fn parse(xml: &Part) -> Result<Styles, LoadError> {
        let mut events = xml.events("styles", |_| false);
        let mut styles = HashMap::new();
        let mut current: Option<(String, Option<String>, NumberingRef)> = None;
        while let Some(event) = events.next()? {
            match &event {
                Event::Start(e) | Event::Empty(e) => {
                    let name = e.name();
                    if is(name, "style") {
                        current =
                            attr(e, "w:styleId").map(|id| (id, None, NumberingRef::default()));
                    } else if let Some((_, based_on, num)) = current.as_mut() {
                        if is(name, "basedOn") {
                            *based_on = attr(e, "w:val");
                        } else if is(name, "numId") {
                            num.instance = attr(e, "w:val");
                        } else if is(name, "ilvl") {
                            num.level = attr(e, "w:val").as_deref().and_then(level_index);
                        }
                    }
                }
                Event::End(e) if is(e.name(), "style") => {
                    if let Some((id, based_on, num)) = current.take() {
                        styles.insert(id, (based_on, num));
                    }
                }
                _ => {}
            }
        }
        Ok(Styles { styles })
    }

    /// The numbering a style gives, following `basedOn` (never in a loop).
    fn numbering(&self, style: &str) -> NumberingRef {
        let mut found = NumberingRef::default();
        let mut seen = HashSet::new();
        let mut next = Some(style);
        while let Some(id) = next.filter(|id| seen.insert(*id)) {
            let Some((based_on, num)) = self.styles.get(id) else {
                break;
            };
            found.instance = found.instance.or_else(|| num.instance.clone());
            found.level = found.level.or(num.level);
            next = based_on.as_deref();
        }
        found
    }
}

impl Numbering {
    pub fn parse(xml: &Part) -> Result<Numbering, LoadError> {
        // Word 2010 writes formats it added (custom ones) as a choice with
        // a plain fallback; the fallback is left out.
        let mut events = xml.events("numbering", |name| name.as_ref() == "mc:Fallback");
        let mut numbering = Numbering::default();
        let mut abstract_id: Option<String> = None;
        let mut levels: [Option<Level>; LEVELS] = Default::default();
        let mut instance: Option<(String, Instance)> = None;
        let mut override_level: Option<usize> = None;
        let mut level: Option<(usize, Level)> = None;
        while let Some(event) = events.next()? {
            match &event {
                Event::Start(e) | Event::Empty(e) => {
                    let name = e.name();
                    let val = || attr(e, "w:val");
                    if is(name, "abstractNum") {
                        abstract_id = attr(e, "w:abstractNumId");
                        levels = Default::default();
                    } else if is(name, "num") {
                        instance = attr(e, "w:numId").map(|id| (id, Instance::default()));
                    } else if is(name, "lvlOverride") {
                        override_level = attr(e, "w:ilvl").as_deref().and_then(level_index);
                    } else if is(name, "lvl") {
                        level = attr(e, "w:ilvl")
                            .as_deref()
                            .and_then(level_index)
                            .map(|i| (i, Level::default()));
                    } else if let Some((_, l)) = level.as_mut() {
                        if is(name, "start") {
                            l.start = val().and_then(|v| v.trim().parse().ok()).unwrap_or(0);
                        } else if is(name, "numFmt") {
                            l.format = val().unwrap_or_default();
                            l.custom = attr(e, "w:format");
                        } else if is(name, "lvlText") {
                            l.pattern = val().unwrap_or_default();
                        } else if is(name, "isLgl") {
                            l.legal = val().is_none_or(|v| v != "0" && v != "false");
                        } else if is(name, "pStyle") {
                            l.style = val();
                        }
                    } else if let Some((_, inst)) = instance.as_mut() {
                        if is(name, "abstractNumId") {
                            inst.abstract_id = val().unwrap_or_default();
                        } else if is(name, "startOverride") {
                            if let (Some(i), Some(v)) =
                                (override_level, val().and_then(|v| v.trim().parse().ok()))
                            {
                                inst.start_overrides.insert(i, v);
                            }
                        }
                    }
                }
                Event::End(e) => {
                    let name = e.name();
                    if is(name, "lvl") {
                        if let Some((i, l)) = level.take() {
                            match (override_level, instance.as_mut()) {
                                (Some(_), Some((_, inst))) => {
                                    inst.level_overrides.insert(i, l);
                                }
                                _ => levels[i] = Some(l),
                            }
                        }
                    } else if is(name, "lvlOverride") {
                        override_level = None;
                    } else if is(name, "abstractNum") {
                        if let Some(id) = abstract_id.take() {
                            numbering.abstracts.insert(id, std::mem::take(&mut levels));
                        }
                    } else if is(name, "num") {
                        if let Some((id, inst)) = instance.take() {
                            numbering.instances.insert(id, inst);
                        }
                    }
                }
                _ => {}
            }
        }
        Ok(numbering)
    }
}

/// Counts numbered paragraphs through a document, in order.
pub struct Counter<'a> {
    numbering: &'a Numbering,
    styles: &'a Styles,
    counts: HashMap<&'a str, [Option<i64>; LEVELS]>,
    /// Instance levels whose start override has been applied.
    restarted: HashSet<(&'a str, usize)>,
}

impl<'a> Counter<'a> {
    pub fn new(numbering: &'a Numbering, styles: &'a Styles) -> Self {
        Counter {
            numbering,
            styles,
            counts: HashMap::new(),
            restarted: HashSet::new(),
        }
    }

    /// The number text of the next paragraph with this numbering and
    /// style, or `None` when it is not numbered (or bulleted: a bullet
    /// glyph is not a label).
    pub fn next(&mut self, direct: &NumberingRef, style: Option<&str>) -> Option<String> {
        let styled = style.map(|s| self.styles.numbering(s)).unwrap_or_default();
        let id = direct.instance.as_ref().or(styled.instance.as_ref())?;
        let (id, instance) = self.numbering.instances.get_key_value(id.as_str())?;
        let levels = self.numbering.abstracts.get(&instance.abstract_id)?;
        let level = direct
            .level
            .or(styled.level)
            .or_else(|| {
                style.and_then(|s| {
                    levels
                        .iter()
                        .position(|l| l.as_ref().and_then(|l| l.style.as_deref()) == Some(s))
                })
            })
            .unwrap_or(0);
        let definition = |i: usize| instance.level_overrides.get(&i).or(levels[i].as_ref());
        let this = definition(level)?;
        let start = |i: usize| {
            instance
                .start_overrides
                .get(&i)
                .copied()
                .or_else(|| definition(i).map(|l| l.start))
                .unwrap_or(1)
        };
        let counts = self
            .counts
            .entry(instance.abstract_id.as_str())
            .or_default();
        let restart = instance.start_overrides.contains_key(&level)
            && self.restarted.insert((id.as_str(), level));
        counts[level] = match counts[level] {
            Some(n) if !restart => Some(n + 1),
            _ => Some(start(level)),
        };
        for deeper in &mut counts[level + 1..] {
            *deeper = None;
        }
        if this.format == "bullet" {
            return None;
        }
        let counts = *counts;
        let mut text = String::new();
        let mut chars = this.pattern.chars().peekable();
        while let Some(c) = chars.next() {
            let placeholder = (c == '%')
                .then(|| chars.peek().and_then(|d| d.to_digit(10)))
                .flatten()
                .filter(|&d| (1..=LEVELS as u32).contains(&d));
            match placeholder {
                Some(d) => {
                    chars.next();
                    let i = d as usize - 1;
                    let n = counts[i].unwrap_or_else(|| start(i));
                    let format = match definition(i) {
                        Some(l) if !this.legal || i == level => l,
                        _ => &DECIMAL,
                    };
                    text.push_str(&format_number(n, format));
                }
                None => text.push(c),
            }
        }
        Some(text)
    }
}

static DECIMAL: Level = Level {
    start: 1,
    format: String::new(),
    custom: None,
    pattern: String::new(),
    legal: false,
    style: None,
};

/// Digits written one by one (`二〇二四`) …
const CHINESE_DIGITS: [char; 10] = ['〇', '一', '二', '三', '四', '五', '六', '七', '八', '九'];
/// … and counted (`一百零五`).
const COUNTING_DIGITS: [char; 10] = ['零', '一', '二', '三', '四', '五', '六', '七', '八', '九'];
const LEGAL_DIGITS: [char; 10] = ['零', '壹', '贰', '叁', '肆', '伍', '陆', '柒', '捌', '玖'];
const HEAVENLY_STEMS: [char; 10] = ['甲', '乙', '丙', '丁', '戊', '己', '庚', '辛', '壬', '癸'];
const EARTHLY_BRANCHES: [char; 12] = [
    '子', '丑', '寅', '卯', '辰', '巳', '午', '未', '申', '酉', '戌', '亥',
];

/// A number in one of Word's formats; formats gwr does not know fall back
/// to decimal, as Word's own fallback does.
fn format_number(n: i64, level: &Level) -> String {
    let format = match (level.format.as_str(), level.custom.as_deref()) {
        ("custom", Some(sample)) => custom_format(sample),
        (f, _) => f,
    };
    let cycle = |table: &[char]| {
        let len = table.len() as i64;
        table[((n - 1).rem_euclid(len)) as usize].to_string()
    };
    match format {
        "chineseCounting"
        | "chineseCountingThousand"
        | "japaneseCounting"
        | "taiwaneseCounting"
        | "ideographLegalTraditional"
            if (1..100_000).contains(&n) =>
        {
            chinese_counting(n, &COUNTING_DIGITS, ['十', '百', '千', '万'])
        }
        "chineseLegalSimplified" if (1..100_000).contains(&n) => {
            chinese_counting(n, &LEGAL_DIGITS, ['拾', '佰', '仟', '万'])
        }
        "ideographDigital" | "taiwaneseDigital" | "japaneseDigitalTenThousand" if n >= 0 => n
            .to_string()
            .chars()
            .map(|d| CHINESE_DIGITS[d.to_digit(10).unwrap_or(0) as usize])
            .collect(),
        "ideographTraditional" if n >= 1 => cycle(&HEAVENLY_STEMS),
        "ideographZodiac" if n >= 1 => cycle(&EARTHLY_BRANCHES),
        "decimalEnclosedCircle" | "decimalEnclosedCircleChinese" | "ideographEnclosedCircle"
            if (1..=20).contains(&n) =>
        {
            char::from_u32(0x2460 + n as u32 - 1).map_or_else(|| n.to_string(), String::from)
        }
        "decimalFullWidth" | "decimalFullWidth2" if n >= 0 => n
            .to_string()
            .chars()
            .map(|d| char::from_u32(d as u32 - '0' as u32 + 0xFF10).unwrap_or(d))
            .collect(),
        "decimalZero" if (0..10).contains(&n) => format!("0{n}"),
        "lowerLetter" | "upperLetter" if n >= 1 => {
            let base = if format == "lowerLetter" { b'a' } else { b'A' };
            let letter = (base + ((n - 1) % 26) as u8) as char;
            letter.to_string().repeat(((n - 1) / 26 + 1) as usize)
        }
        "lowerRoman" | "upperRoman" if (1..4000).contains(&n) => {
            let roman = roman(n);
            if format == "lowerRoman" {
                roman.to_lowercase()
            } else {
                roman
            }
        }
        "none" => String::new(),
        _ => n.to_string(),
    }
}

/// The format a `custom` sample (`一, 二, 三, ...`, `001, 002, 003, ...`)
/// shows, among those gwr knows.
fn custom_format(sample: &str) -> &'static str {
    match sample.trim_start().chars().next() {
        Some('一') => "chineseCounting",
        Some('壹') => "chineseLegalSimplified",
        Some('①') => "decimalEnclosedCircle",
        Some('甲') => "ideographTraditional",
        _ => "decimal",
    }
}

/// 1 → 一, 10 → 十, 12 → 十二, 20 → 二十, 105 → 一百零五.
fn chinese_counting(n: i64, digits: &[char; 10], units: [char; 4]) -> String {
    let mut out = String::new();
    let mut zero_pending = false;
    let places = [
        (10_000, Some(units[3])),
        (1000, Some(units[2])),
        (100, Some(units[1])),
        (10, Some(units[0])),
        (1, None),
    ];
    let mut rest = n;
    for (value, unit) in places {
        let d = (rest / value) as usize;
        rest %= value;
        if d == 0 {
            zero_pending = !out.is_empty();
            continue;
        }
        if zero_pending {
            out.push(digits[0]);
            zero_pending = false;
        }
        // 十二, not 一十二, when ten is the highest place.
        if !(value == 10 && d == 1 && out.is_empty()) {
            out.push(digits[d]);
        }
        out.extend(unit);
    }
    out
}

fn roman(mut n: i64) -> String {
    const TABLE: [(i64, &str); 13] = [
        (1000, "M"),
        (900, "CM"),
        (500, "D"),
        (400, "CD"),
        (100, "C"),
        (90, "XC"),
        (50, "L"),
        (40, "XL"),
        (10, "X"),
        (9, "IX"),
        (5, "V"),
        (4, "IV"),
        (1, "I"),
    ];
    let mut out = String::new();
    for (value, letters) in TABLE {
        while n >= value {
            out.push_str(letters);
            n -= value;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn level(format: &str) -> Level {
        Level {
            format: format.into(),
            ..Level::default()
        }
    }

    #[test]
    fn chinese_counting_reads_as_written() {
        let cases = [
            (1, "一"),
            (10, "十"),
            (11, "十一"),
            (20, "二十"),
            (21, "二十一"),
            (100, "一百"),
            (105, "一百零五"),
            (110, "一百一十"),
        ];
        for (n, want) in cases {
            assert_eq!(format_number(n, &level("chineseCounting")), want, "{n}");
        }
        assert_eq!(format_number(3, &level("decimalEnclosedCircle")), "③");
        assert_eq!(format_number(2, &level("ideographTraditional")), "乙");
        assert_eq!(format_number(14, &level("lowerRoman")), "xiv");
        assert_eq!(format_number(7, &level("nonsense")), "7");
    }
}
