//! Time words found in a paragraph: years (`2012年`, `2021—2025年`), years
//! relative to the report (`今年`, `去年`), spans (`过去五年`, `“十四五”时期`),
//! and words about the figure after them (`将`, `连续10年`), each with what
//! it does to the time of the figures that follow.

use super::words::{tables, verb_follows, TimeTables, Word};
use super::{Frame, Period, Setting, Status};
use crate::figures::quotes::quote_spans;
use crate::numbers;

/// What a time word found in the text does.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(super) enum Effect {
    /// Sets the time of what follows.
    Frame(Frame),
    /// The start of a change (`从2020年的`): the time of the next figure.
    From(Option<u16>),
    /// The year a change is measured against (`比2002年增长65.5%`): a
    /// change over the years since.
    Compared(u16),
    Future {
        sentence: bool,
    },
    Streak(u16),
}

#[derive(Debug, Clone, Copy)]
pub(super) struct Cue {
    pub at: usize,
    pub end: usize,
    pub effect: Effect,
}

/// How a year or relative year is used where it is written.
enum Role {
    Plain,
    Compared,
    From,
    Deadline,
    Since,
}

fn role(text: &str, at: usize, end: usize, t: &TimeTables) -> Role {
    let before = text[..at].trim_end();
    let after = text[end..].trim_start();
    if t.compare_before.suffix_of(before).is_some() || t.compare_after.prefix_of(after).is_some() {
        Role::Compared
    } else if t.from.suffix_of(before).is_some() {
        Role::From
    } else if t.since_after.prefix_of(after).is_some() {
        Role::Since
    } else if t.deadline_before.suffix_of(before).is_some()
        || t.deadline_after.prefix_of(after).is_some()
    {
        Role::Deadline
    } else {
        Role::Plain
    }
}

/// A year written right before byte `nian` (usually its `年`): four
/// digits, Arabic, full-width or Chinese (`二〇二五`), no more. Returns
/// (where it starts, the year).
fn year_before(text: &str, nian: usize) -> Option<(usize, u16)> {
    let mut start = nian;
    let mut digits = Vec::with_capacity(4);
    for (i, c) in text[..nian].char_indices().rev() {
        let d = numbers::ascii_digit(c).or_else(|| numbers::chinese_digit(c));
        match d {
            Some(d) if digits.len() < 4 => {
                digits.push(d);
                start = i;
            }
            Some(_) => return None, // five digits: not a year
            None => break,
        }
    }
    if digits.len() != 4 {
        return None;
    }
    let year = digits.iter().rev().fold(0u32, |acc, d| acc * 10 + d);
    (1900..=2100)
        .contains(&year)
        .then_some((start, year as u16))
}

/// A year mention: one year or a span (`2021—2025年`, `2021年至2025年`).
#[derive(Debug, Clone, Copy)]
struct YearMention {
    at: usize,
    end: usize,
    period: Period,
}

const SPAN_CONNECTORS: [char; 8] = ['—', '–', '-', '－', '~', '～', '至', '到'];
/// Longest span written as two years (`2021—2035年`).
const MAX_SPAN: u16 = 15;

/// Every year written in `text` outside document titles, spans merged.
fn years_in(text: &str) -> Vec<YearMention> {
    let mut out: Vec<YearMention> = Vec::new();
    let mut titles: Option<Vec<(usize, usize)>> = None;
    // A bare year before a connector (`2021—2025年`) waits for its `年`.
    for (nian, _) in text.match_indices('年') {
        let end = nian + '年'.len_utf8();
        let Some((at, year)) = year_before(text, nian) else {
            continue;
        };
        let titles = titles.get_or_insert_with(|| {
            quote_spans(text)
                .into_iter()
                .filter(|s| s.title)
                .map(|s| (s.content_start, s.content_end))
                .collect()
        });
        if titles.iter().any(|&(s, e)| s <= at && end <= e) {
            continue;
        }
        let mut mention = YearMention {
            at,
            end,
            period: Period::year(year),
        };
        // `2021—2025年` or `2021年至2025年`: the first year joins.
        if let Some(c) = text[..at]
            .chars()
            .next_back()
            .filter(|c| SPAN_CONNECTORS.contains(c))
        {
            let head_end = at - c.len_utf8();
            let digits_end = match text[..head_end].strip_suffix('年') {
                Some(head) => head.len(),
                None => head_end,
            };
            if let Some((first_at, first)) = year_before(text, digits_end) {
                if first < year && year - first <= MAX_SPAN {
                    if out.last().is_some_and(|m| m.at == first_at) {
                        out.pop();
                    }
                    mention.at = first_at;
                    mention.period = Period::span(first, year);
                }
            }
        }
        out.push(mention);
    }
    out
}

/// Every time word of a paragraph, in text order.
pub(super) fn cues(text: &str, setting: &Setting, t: &TimeTables) -> Vec<Cue> {
    let mut out = Vec::new();
    let review = setting.review_year;
    let plan = setting.plan_year();
    let year_frame = |period: Period, role: Role| -> Option<Effect> {
        Some(match role {
            Role::Compared => Effect::Compared(period.single()?),
            Role::From => Effect::From(period.single()),
            Role::Since => Effect::Frame(Frame {
                status: Status::Actual,
                period: review
                    .filter(|&r| r >= period.first)
                    .map(|r| Period::span(period.first, r)),
            }),
            Role::Deadline => Effect::Frame(Frame {
                status: setting.status_of(period.last, Status::Target),
                period: Some(period),
            }),
            Role::Plain => {
                // A span still under way (`2021—2025年` in 2023) is aimed at.
                let status = setting.status_of(period.last, Status::Actual);
                Effect::Frame(Frame {
                    status,
                    period: Some(period),
                })
            }
        })
    };
    for m in years_in(text) {
        if let Some(effect) = year_frame(m.period, role(text, m.at, m.end, t)) {
            out.push(Cue {
                at: m.at,
                end: m.end,
                effect,
            });
        }
    }
    for (range, (first, last)) in crate::corpus::meta::plans_named_at(text) {
        let period = Period::span(first, last);
        let effect = match role(text, range.start, range.end, t) {
            Role::Compared => continue,
            Role::From => Effect::From(Some(first.saturating_sub(1))),
            Role::Since => Effect::Frame(Frame {
                status: Status::Actual,
                period: review
                    .filter(|&r| r >= first)
                    .map(|r| Period::span(first, r.min(last))),
            }),
            Role::Plain | Role::Deadline => Effect::Frame(Frame {
                status: setting.status_of(last, Status::Actual),
                period: Some(period),
            }),
        };
        out.push(Cue {
            at: range.start,
            end: range.end,
            effect,
        });
    }
    for (at, end, word) in t.words.find_iter(text) {
        let relative = |offset: i32| {
            setting
                .year
                .map(|y| (i32::from(y) + offset).clamp(0, i32::from(u16::MAX)) as u16)
        };
        let effect = match word {
            Word::Nothing => continue,
            // `将增加150个学位`, `谋划新建1处`: a verb must follow, not a
            // noun (`将8个公司…整合为`, `谋划9条技术路径`, `谋划多年`) or a
            // pause (`超前谋划，`): those tell of what was done.
            Word::Future { .. } if !verb_follows(&text[end..], t) => continue,
            Word::Future { sentence } => Effect::Future { sentence },
            Word::Streak(n) => Effect::Streak(n),
            Word::Relative(offset) => {
                let role = role(text, at, end, t);
                match relative(offset) {
                    Some(y) => match year_frame(Period::year(y), role) {
                        Some(e) => e,
                        None => continue,
                    },
                    None => match role {
                        Role::Compared => continue,
                        Role::From => Effect::From(None),
                        _ => Effect::Frame(Frame {
                            status: if offset > 0 {
                                Status::Target
                            } else {
                                Status::Actual
                            },
                            period: None,
                        }),
                    },
                }
            }
            Word::Review => match role(text, at, end, t) {
                Role::Compared => continue,
                _ => Effect::Frame(Frame {
                    status: Status::Actual,
                    period: review.map(Period::year),
                }),
            },
            Word::PastSpan(n) => Effect::Frame(Frame {
                status: Status::Actual,
                period: review.map(|r| Period::span(r.saturating_sub(n - 1), r)),
            }),
            Word::FutureSpan(n) => Effect::Frame(Frame {
                status: Status::Target,
                period: plan.map(|p| Period::span(p, p.saturating_add(n - 1))),
            }),
        };
        out.push(Cue { at, end, effect });
    }
    out.sort_by_key(|c| c.at);
    out
}

pub(in crate::figures) fn review_year_named<'a>(
    texts: impl Iterator<Item = &'a str>,
) -> Option<u16> {
    let t = tables();
    let mut latest: Option<u16> = None;
    for text in texts {
        for (nian, _) in text.match_indices('年') {
            let end = nian + '年'.len_utf8();
            let Some((at, year)) = year_before(text, nian) else {
                continue;
            };
            let before = text[..at].trim_end();
            if before.ends_with(SPAN_CONNECTORS) || text[end..].starts_with(SPAN_CONNECTORS) {
                continue;
            }
            if matches!(role(text, at, end, t), Role::Plain) {
                latest = latest.max(Some(year));
            }
        }
    }
    latest
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn years_in_text() {
        let got: Vec<String> =
            years_in("2021—2025年，2023年，《辽宁省2022年任务》，二〇二五年，12345年")
                .iter()
                .map(|m| m.period.to_string())
                .collect();
        assert_eq!(got, ["2021-2025", "2023", "2025"]);
        let got: Vec<String> = years_in("2021年至2025年")
            .iter()
            .map(|m| m.period.to_string())
            .collect();
        assert_eq!(got, ["2021-2025"]);
    }

    #[test]
    fn review_year_from_the_text() {
        let texts = [
            "深入学习《辽宁省法治政府建设实施方案(2021—2025年)》《辽宁省2022年推进法治政府建设十项重点任务》",
            "比2019年增长5%，到2025年",
        ];
        assert_eq!(review_year_named(texts.into_iter()), Some(2022));
        assert_eq!(review_year_named(["没有年份"].into_iter()), None);
    }
}
