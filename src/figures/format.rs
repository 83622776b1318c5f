//! Figures for people: a value in its unit the way a report writes it
//! (`2.45亿元`, `9,568人`, `88.8%`, `1.2个百分点`, `3000万元`), rounded for
//! a chart or a summary (`6.02万亿元`), the qualifier word as written beside
//! it, the direction of a change, and when it applies (`2025 实绩`).

use super::{tables, Figure, Kind, Period, Qualifier, Status};

/// Units whose values are never scaled by 万/亿 (shares, multiples).
const UNSCALED_UNITS: [&str; 3] = ["%", "百分点", "倍"];

/// Magnitudes a large value is written with, largest first.
const MAGNITUDES: [(f64, &str); 3] = [(1e12, "万亿"), (1e8, "亿"), (1e4, "万")];

/// Most decimals a value scaled to 万/亿 may need; a value that needs more
/// is written in full so no digit is lost.
const MAX_SCALED_DECIMALS: usize = 4;

/// `value` (in the base unit `unit`) as a report would write it: 万, 亿 or
/// 万亿 for large amounts when no digit is lost, thousands separators
/// otherwise, `个百分点` for percentage points. Negative values (falls)
/// carry a leading `-`.
pub fn human_value(value: f64, unit: &str) -> String {
    signed(value, unit, |magnitude| {
        scaled(magnitude, unit).unwrap_or_else(|| grouped(magnitude))
    })
}

/// `value` with its sign and unit, its magnitude written by `number`; `?`
/// for a value that is not finite.
fn signed(value: f64, unit: &str, number: impl FnOnce(f64) -> String) -> String {
    if !value.is_finite() {
        return format!("?{}", unit_text(unit));
    }
    let number = number(value.abs());
    let sign = if value < 0.0 && number != "0" {
        "-"
    } else {
        ""
    };
    format!("{sign}{number}{}", unit_text(unit))
}

/// Most decimals [`compact_value`] writes.
const COMPACT_DECIMALS: usize = 2;

/// `value` rounded the way a report writes it in a summary or a table of
/// places: the largest of 万亿, 亿 and 万 that keeps the number at least 1,
/// at most two decimals (`6.02万亿元` for 60199.45亿元, `1.23万人`,
/// `5.4%`, `-0.3个百分点`); shares are never scaled. Unlike
/// [`human_value`] it may drop digits, never magnitude.
pub fn compact_value(value: f64, unit: &str) -> String {
    signed(value, unit, |magnitude| {
        let (size, word) = if UNSCALED_UNITS.contains(&unit) {
            (1.0, "")
        } else {
            MAGNITUDES
                .iter()
                .find(|(size, _)| magnitude >= *size)
                .map_or((1.0, ""), |&(size, word)| (size, word))
        };
        let scale = 10f64.powi(COMPACT_DECIMALS as i32);
        let rounded = (magnitude / size * scale).round() / scale;
        if rounded == 0.0 {
            return "0".to_string();
        }
        let fixed = format!("{rounded:.COMPACT_DECIMALS$}");
        let number = fixed.trim_end_matches('0').trim_end_matches('.');
        format!("{number}{word}")
    })
}

/// When a figure applies, as a reader names it: `2025 实绩`, `2026 目标`,
/// `2021-2025 实绩`; `目标` alone when the year is not known.
pub fn when_label(status: Status, period: Option<Period>) -> String {
    match period {
        Some(p) => format!("{p} {}", status.label()),
        None => status.label().to_string(),
    }
}

/// How the base unit is written after a number.
fn unit_text(unit: &str) -> &str {
    match unit {
        "百分点" => "个百分点",
        u => u,
    }
}

/// `magnitude` written with 万/亿/万亿, if it is that large and the scaled
/// number needs few decimals.
fn scaled(magnitude: f64, unit: &str) -> Option<String> {
    if UNSCALED_UNITS.contains(&unit) {
        return None;
    }
    let (size, word) = MAGNITUDES.iter().find(|(size, _)| magnitude >= *size)?;
    let number = shortest(magnitude / size);
    let decimals = number.split_once('.').map_or(0, |(_, d)| d.len());
    (decimals <= MAX_SCALED_DECIMALS && !number.contains('e')).then(|| format!("{number}{word}"))
}

/// The shortest decimal that reads back as `x` (never in exponent form).
fn shortest(x: f64) -> String {
    let s = format!("{x}");
    if s.contains('e') {
        format!("{x:.0}")
    } else {
        s
    }
}

/// `magnitude` in full, its whole part grouped by thousands (`9,568`).
fn grouped(magnitude: f64) -> String {
    let s = shortest(magnitude);
    let (whole, fraction) = match s.split_once('.') {
        Some((w, f)) => (w, Some(f)),
        None => (s.as_str(), None),
    };
    let mut out = String::with_capacity(s.len() + whole.len() / 3);
    for (i, c) in whole.chars().enumerate() {
        if i > 0 && (whole.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    if let Some(f) = fraction {
        out.push('.');
        out.push_str(f);
    }
    out
}

/// The qualifier word of a figure as written in its paragraph `text`
/// (`超过`, `近`, `余`, `以上`, `左右` …), or, when the text around the
/// figure does not show it, the usual word for its qualifier. `None` for
/// an exact figure.
pub fn qualifier_word<'a>(text: &'a str, figure: &Figure) -> Option<&'a str> {
    if figure.qualifier == Qualifier::Exact {
        return None;
    }
    let t = tables::tables();
    let range = &figure.range;
    let found = text
        .get(range.end..)
        .and_then(|after| {
            let (len, q) = t.after.qualifier_prefix(after)?;
            (q == figure.qualifier).then(|| &after[..len])
        })
        .or_else(|| {
            let raw = text.get(range.clone())?;
            raw.char_indices().find_map(|(i, _)| {
                let (len, q) = t.inside.qualifier_prefix(&raw[i..])?;
                (q == figure.qualifier && i > 0).then(|| &raw[i..i + len])
            })
        })
        .or_else(|| {
            let before = text.get(..range.start)?;
            let (len, q) = t.before.qualifier_suffix(before)?;
            (q == figure.qualifier).then(|| &before[before.len() - len..])
        });
    found.or(Some(usual_word(figure.qualifier)))
}

/// The word a report most often uses for a qualifier.
pub fn usual_word(q: Qualifier) -> &'static str {
    match q {
        Qualifier::Exact => "",
        Qualifier::AtLeast => "以上",
        Qualifier::MoreThan => "超",
        Qualifier::LessThan => "近",
        Qualifier::AtMost => "以内",
        Qualifier::About => "约",
    }
}

/// Which way a change goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Direction {
    Down,
    Flat,
    Up,
}

/// What a figure says about change: nothing for a level, else the
/// direction, in percentage points or not.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Change {
    pub direction: Direction,
    /// A change in percentage points.
    pub points: bool,
}

impl Change {
    /// The change a figure of `kind` with a signed `value` states.
    pub fn of(kind: Kind, value: f64) -> Option<Change> {
        let points = match kind {
            Kind::Level => return None,
            Kind::Change => false,
            Kind::Pp => true,
        };
        let direction = if value > 0.0 {
            Direction::Up
        } else if value < 0.0 {
            Direction::Down
        } else {
            Direction::Flat
        };
        Some(Change { direction, points })
    }

    /// `↑`, `↓ pp` …; with `ascii`, `+`, `- pp` (arrows are drawn two
    /// columns wide by some CJK terminals).
    pub fn symbol(self, ascii: bool) -> &'static str {
        match (self.direction, self.points, ascii) {
            (Direction::Up, false, false) => "↑",
            (Direction::Down, false, false) => "↓",
            (Direction::Flat, false, _) => "=",
            (Direction::Up, true, false) => "↑ pp",
            (Direction::Down, true, false) => "↓ pp",
            (Direction::Flat, true, _) => "= pp",
            (Direction::Up, false, true) => "+",
            (Direction::Down, false, true) => "-",
            (Direction::Up, true, true) => "+ pp",
            (Direction::Down, true, true) => "- pp",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::figures::extract_paragraph;

    #[test]
    fn values_read_like_the_reports() {
        assert_eq!(human_value(2.45e8, "元"), "2.45亿元");
        assert_eq!(human_value(9568.0, "人"), "9,568人");
        assert_eq!(human_value(88.8, "%"), "88.8%");
        assert_eq!(human_value(1.2, "百分点"), "1.2个百分点");
        assert_eq!(human_value(3e7, "元"), "3000万元");
        assert_eq!(human_value(2.45e12, "元"), "2.45万亿元");
        assert_eq!(human_value(150_000.0, "人"), "15万人");
        assert_eq!(human_value(303.0, "天"), "303天");
        assert_eq!(human_value(796.0, "元/月"), "796元/月");
        assert_eq!(human_value(0.0, "%"), "0%");
    }

    #[test]
    fn no_digit_is_lost_and_falls_keep_their_sign() {
        // Scaling to 亿 would need eight decimals: written in full.
        assert_eq!(human_value(123_456_789.0, "元"), "123,456,789元");
        assert_eq!(human_value(12_345.0, "人"), "1.2345万人");
        assert_eq!(human_value(-0.3, "百分点"), "-0.3个百分点");
        assert_eq!(human_value(-5.2e8, "元"), "-5.2亿元");
        assert_eq!(human_value(1234.5, "吨"), "1,234.5吨");
        // Shares are never scaled.
        assert_eq!(human_value(12_000.0, "%"), "12,000%");
        assert_eq!(human_value(f64::NAN, "%"), "?%");
        assert_eq!(human_value(1e300, "元"), human_value(1e300, "元"));
    }

    #[test]
    fn compact_values_read_like_a_summary() {
        // 福建's 2025 output as its report writes it: 60199.45亿元.
        assert_eq!(compact_value(6.019945e12, "元"), "6.02万亿元");
        assert_eq!(compact_value(5.2e12, "元"), "5.2万亿元");
        assert_eq!(compact_value(2.45e8, "元"), "2.45亿元");
        assert_eq!(compact_value(12_345.0, "人"), "1.23万人");
        assert_eq!(compact_value(9568.0, "人"), "9568人");
        assert_eq!(compact_value(5.4, "%"), "5.4%");
        assert_eq!(compact_value(12_000.0, "%"), "12000%");
        assert_eq!(compact_value(-0.3, "百分点"), "-0.3个百分点");
        assert_eq!(compact_value(-0.001, "%"), "0%");
        assert_eq!(compact_value(1.4e12, "斤"), "1.4万亿斤");
        assert_eq!(compact_value(f64::INFINITY, "元"), "?元");
        assert_eq!(compact_value(1.23456e16, "元"), "12345.6万亿元");
    }

    #[test]
    fn when_labels() {
        assert_eq!(
            when_label(Status::Actual, Some(Period::year(2025))),
            "2025 实绩"
        );
        assert_eq!(
            when_label(Status::Target, Some(Period::span(2026, 2030))),
            "2026-2030 目标"
        );
        assert_eq!(when_label(Status::Target, None), "目标");
    }

    #[test]
    fn qualifier_words_as_written() {
        let text = "新增就业3万余人，投资约2.45亿元，企业超过100家，覆盖率近90%，城镇新增就业15万人以上，增长5%左右。";
        let figures = extract_paragraph(text);
        let words: Vec<(&str, Option<&str>)> = figures
            .iter()
            .map(|f| (f.raw.as_str(), qualifier_word(text, f)))
            .collect();
        assert_eq!(
            words,
            [
                ("3万余人", Some("余")),
                ("2.45亿元", Some("约")),
                ("100家", Some("超过")),
                ("90%", Some("近")),
                ("15万人", Some("以上")),
                ("5%", Some("左右")),
            ]
        );
        let exact = extract_paragraph("完成投资1200亿元。");
        assert_eq!(qualifier_word("完成投资1200亿元。", &exact[0]), None);
    }

    #[test]
    fn qualifier_word_falls_back_to_the_usual_one() {
        let mut f = extract_paragraph("投资1200亿元")[0].clone();
        f.qualifier = Qualifier::About;
        assert_eq!(qualifier_word("投资1200亿元", &f), Some("约"));
        // A range that is not in the text never panics.
        f.range = 100..200;
        assert_eq!(qualifier_word("投资1200亿元", &f), Some("约"));
    }

    #[test]
    fn change_from_kind_and_sign() {
        assert_eq!(Change::of(Kind::Level, 5.0), None);
        let up = Change::of(Kind::Change, 5.2).map(|c| c.symbol(false));
        assert_eq!(up, Some("↑"));
        let down = Change::of(Kind::Pp, -0.3).map(|c| c.symbol(false));
        assert_eq!(down, Some("↓ pp"));
        let ascii = Change::of(Kind::Change, -1.0).map(|c| c.symbol(true));
        assert_eq!(ascii, Some("-"));
        let f = extract_paragraph("城镇登记失业率下降0.3个百分点");
        let c = Change::of(f[0].kind, f[0].value);
        assert_eq!(
            c,
            Some(Change {
                direction: Direction::Down,
                points: true
            })
        );
    }
}
