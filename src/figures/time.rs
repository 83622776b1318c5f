//! When a figure applies (SPEC *When*): its status, an outcome reached
//! (`actual`) or one aimed at (`target`), and its period, the year or span
//! of years it speaks of.
//!
//! Three things decide, the nearer overriding the farther:
//! 1. the part of the report the paragraph is in: a review states the
//!    outcomes of the year under review; the targets, the tasks and what
//!    follows aim at the year being planned (the year after the review);
//! 2. time words: a year (`2012年`), a year relative to the report (`今年`,
//!    `去年`, `一年来`), a span (`过去五年`, `“十四五”时期`, `2020年以来`), a
//!    deadline (`到2030年`). One in the opening clause of a paragraph sets
//!    the time of the whole paragraph (`过去五年，我们…`); one further on,
//!    the time of the rest of its sentence. A year that is compared with
//!    (`比上年`, `较2020年`) or names a document (`《…2022年…》`) is not
//!    the time of anything;
//! 3. words about the figure itself: after `将`, `力争`, `谋划` … a figure
//!    is aimed at even in a review (`建成后将增加150个学位`); `从A增长到B`
//!    gives A the start and B the end of the time in force; `连续10年`
//!    makes a span ending with it.
//!
//! The words live in `assets/figures.toml` (`[time]`).

use super::quotes::quote_spans;
use super::scan::{is_clause_end, is_sentence_end, Quantity, RangeEnd};
use super::tables::{WordMap, FIGURES_TOML};
use crate::numbers;
use serde::{Deserialize, Serialize, Serializer};
use std::sync::OnceLock;

/// Whether a figure states what happened or what is aimed at.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Status {
    /// What had happened by the time of the report: an outcome, a level
    /// reached, work done, a change measured.
    Actual,
    /// What is aimed at, expected, planned or promised for a period not yet
    /// over.
    Target,
}

impl Status {
    pub fn name(self) -> &'static str {
        match self {
            Status::Actual => "actual",
            Status::Target => "target",
        }
    }

    /// How a reader names it: `实绩`, `目标`.
    pub fn label(self) -> &'static str {
        match self {
            Status::Actual => "实绩",
            Status::Target => "目标",
        }
    }

    pub fn from_name(s: &str) -> Option<Status> {
        match s {
            "actual" => Some(Status::Actual),
            "target" => Some(Status::Target),
            _ => None,
        }
    }
}

/// The year (`first == last`) or the span of years a figure is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Period {
    pub first: u16,
    pub last: u16,
}

impl Period {
    pub fn year(y: u16) -> Period {
        Period { first: y, last: y }
    }

    /// A span; the two years in either order.
    pub fn span(a: u16, b: u16) -> Period {
        Period {
            first: a.min(b),
            last: a.max(b),
        }
    }

    /// The single year, if it is one.
    pub fn single(self) -> Option<u16> {
        (self.first == self.last).then_some(self.first)
    }

    /// `2025` or `2021-2025`.
    pub fn parse(s: &str) -> Option<Period> {
        let year = |t: &str| t.trim().parse::<u16>().ok();
        match s.split_once('-') {
            Some((a, b)) => Some(Period::span(year(a)?, year(b)?)),
            None => year(s).map(Period::year),
        }
    }
}

impl std::fmt::Display for Period {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        if self.first == self.last {
            write!(f, "{}", self.first)
        } else {
            write!(f, "{}-{}", self.first, self.last)
        }
    }
}

impl Serialize for Period {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

/// The part of a report a paragraph is in, as far as time goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Part {
    /// The review of the past year or years.
    Review,
    /// Targets, tasks, the government's own work, appended lists: what the
    /// planned year is to bring.
    Plan,
    /// Not known.
    #[default]
    Unknown,
}

/// What is known of a paragraph's time before reading it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Setting {
    /// The year the report was delivered: what `今年` means.
    pub year: Option<u16>,
    /// The year under review; the planned year is the one after.
    pub review_year: Option<u16>,
    pub part: Part,
    /// The span an earlier paragraph of the same part opened with
    /// (`今后五年的发展目标：…`), for a paragraph that names no time of
    /// its own.
    pub carried: Option<When>,
}

impl Setting {
    fn plan_year(&self) -> Option<u16> {
        self.review_year.map(|r| r.saturating_add(1))
    }

    /// The time of a paragraph that says nothing of its own.
    fn default_frame(&self) -> Frame {
        match self.part {
            Part::Plan => Frame {
                status: Status::Target,
                period: self.plan_year().map(Period::year),
            },
            Part::Review | Part::Unknown => Frame {
                status: Status::Actual,
                period: self.review_year.map(Period::year),
            },
        }
    }

    /// The time of a paragraph: what its opening clause names, else what
    /// an earlier paragraph carried, else what its part says.
    fn paragraph_frame(&self, text: &str, cues: &[Cue]) -> Frame {
        opening_frame(text, cues)
            .or(self.carried)
            .unwrap_or_else(|| self.default_frame())
    }

    /// A year's status: done when it is not after the year under review.
    fn status_of(&self, last: u16, otherwise: Status) -> Status {
        match self.review_year {
            Some(r) if last <= r => Status::Actual,
            Some(_) => Status::Target,
            None => otherwise,
        }
    }
}

/// When one figure (or a passage) applies.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct When {
    pub status: Status,
    pub period: Option<Period>,
}

type Frame = When;

// --- The word tables -------------------------------------------------

#[derive(Deserialize)]
struct File {
    time: TimeFile,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct TimeFile {
    this_year: Vec<String>,
    last_year: Vec<String>,
    next_year: Vec<String>,
    review: Vec<String>,
    past_span: Vec<String>,
    future_span: Vec<String>,
    streak: Vec<String>,
    future_clause: Vec<String>,
    future_followers: Vec<String>,
    future_sentence: Vec<String>,
    not_future: Vec<String>,
    compare_before: Vec<String>,
    compare_after: Vec<String>,
    from: Vec<String>,
    deadline_before: Vec<String>,
    deadline_after: Vec<String>,
    since_after: Vec<String>,
    max_span_years: u16,
}

/// What a word says about time.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Word {
    /// A year counted from the year of delivery (`今年` 0, `去年` -1).
    Relative(i32),
    /// The year under review.
    Review,
    /// The last `n` years up to the year under review.
    PastSpan(u16),
    /// The next `n` years from the planned year.
    FutureSpan(u16),
    /// `连续n年`.
    Streak(u16),
    /// Aimed at, for the rest of the clause or of the sentence.
    Future { sentence: bool },
    /// A longer word that merely contains one of the above.
    Nothing,
}

struct TimeTables {
    words: WordMap<Word>,
    future_followers: WordMap<()>,
    compare_before: WordMap<()>,
    compare_after: WordMap<()>,
    from: WordMap<()>,
    deadline_before: WordMap<()>,
    deadline_after: WordMap<()>,
    since_after: WordMap<()>,
}

fn set(words: &[String]) -> WordMap<()> {
    WordMap::build(words.iter().map(|w| (w.clone(), ())).collect())
}

/// `一` … `三十` and `1` … `30`: how reports write a count of years.
fn small_numbers(max: u16) -> Vec<(String, u16)> {
    const DIGITS: [&str; 10] = ["", "一", "二", "三", "四", "五", "六", "七", "八", "九"];
    let mut out = Vec::new();
    for n in 1..=max {
        let (tens, ones) = ((n / 10) as usize, (n % 10) as usize);
        let chinese = match tens {
            0 => DIGITS[ones].to_string(),
            1 => format!("十{}", DIGITS[ones]),
            _ => format!("{}十{}", DIGITS[tens], DIGITS[ones]),
        };
        out.push((chinese, n));
        out.push((n.to_string(), n));
    }
    out.push(("两".to_string(), 2));
    out
}

impl TimeTables {
    fn parse(src: &str) -> Result<TimeTables, toml::de::Error> {
        let f = toml::from_str::<File>(src)?.time;
        let numbers = small_numbers(f.max_span_years);
        let mut words: Vec<(String, Word)> = Vec::new();
        let mut plain = |list: &[String], w: Word| {
            words.extend(list.iter().map(|s| (s.clone(), w)));
        };
        plain(&f.this_year, Word::Relative(0));
        plain(&f.last_year, Word::Relative(-1));
        plain(&f.next_year, Word::Relative(1));
        plain(&f.review, Word::Review);
        plain(&f.future_clause, Word::Future { sentence: false });
        plain(&f.future_sentence, Word::Future { sentence: true });
        plain(&f.not_future, Word::Nothing);
        let templates: [(&[String], fn(u16) -> Word); 3] = [
            (&f.past_span, Word::PastSpan),
            (&f.future_span, Word::FutureSpan),
            (&f.streak, Word::Streak),
        ];
        for (list, make) in templates {
            for template in list {
                for (written, n) in &numbers {
                    words.push((template.replace("{N}", written), make(*n)));
                }
            }
        }
        Ok(TimeTables {
            words: WordMap::build(words),
            future_followers: set(&f.future_followers),
            compare_before: set(&f.compare_before),
            compare_after: set(&f.compare_after),
            from: set(&f.from),
            deadline_before: set(&f.deadline_before),
            deadline_after: set(&f.deadline_after),
            since_after: set(&f.since_after),
        })
    }
}

fn tables() -> &'static TimeTables {
    static TABLES: OnceLock<TimeTables> = OnceLock::new();
    TABLES.get_or_init(|| {
        // Compiled in and parsed by the tests: a broken file is a build
        // defect, never an input error.
        TimeTables::parse(FIGURES_TOML).expect("assets/figures.toml [time] is invalid")
    })
}

/// Does a verb (or an adverb before one) start `rest`: `增加`, `新建`,
/// `有效扩大`? The figures tables' verbs and change words of two or more
/// characters count.
fn verb_follows(rest: &str, t: &TimeTables) -> bool {
    let f = super::tables::tables();
    t.future_followers.prefix_of(rest).is_some()
        || [&f.verbs, &f.opening_verbs, &f.rise, &f.fall, &f.level]
            .iter()
            // One-character change words (`多`, `高`) begin too many nouns.
            .any(|w| w.prefix_of(rest).is_some_and(|v| v.chars().nth(1).is_some()))
}

// --- Time words in a paragraph -----------------------------------------

/// What a time word found in the text does.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Effect {
    /// Sets the time of what follows.
    Frame(Frame),
    /// The start of a change (`从2020年的`): the time of the next figure.
    From(Option<u16>),
    Future { sentence: bool },
    Streak(u16),
}

#[derive(Debug, Clone, Copy)]
struct Cue {
    at: usize,
    end: usize,
    effect: Effect,
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
    if t.compare_before.suffix_of(before).is_some() || t.compare_after.prefix_of(after).is_some()
    {
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
fn cues(text: &str, setting: &Setting, t: &TimeTables) -> Vec<Cue> {
    let mut out = Vec::new();
    let review = setting.review_year;
    let plan = setting.plan_year();
    let year_frame = |period: Period, role: Role| -> Option<Effect> {
        Some(match role {
            Role::Compared => return None,
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
    let mut i = 0;
    while let Some(c) = text[i..].chars().next() {
        let Some((w, &word)) = t.words.prefix_entry(&text[i..]) else {
            i += c.len_utf8();
            continue;
        };
        let (at, end) = (i, i + w.len());
        i = end;
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

// --- Figures -------------------------------------------------------------

/// Start of the clause (or sentence) holding byte `pos`.
fn start_of(text: &str, pos: usize, end_mark: fn(char) -> bool) -> usize {
    text[..pos]
        .char_indices()
        .rev()
        .find(|&(_, c)| end_mark(c))
        .map_or(0, |(i, c)| i + c.len_utf8())
}

/// The frame set by the time words among `cues` (all before the figure,
/// from one sentence): the first of the last clause that has one, so that
/// in `今年是“十五五”开局之年` the year, not the plan, is the time.
fn frame_among(text: &str, cues: &[&Cue]) -> Option<Frame> {
    let frames: Vec<(&Cue, Frame)> = cues
        .iter()
        .filter_map(|c| match c.effect {
            Effect::Frame(f) => Some((*c, f)),
            _ => None,
        })
        .collect();
    let (last, _) = frames.last()?;
    let clause = start_of(text, last.at, is_clause_end);
    frames
        .iter()
        .find(|(c, _)| c.at >= clause)
        .map(|(_, f)| *f)
}

/// A first clause this short (`各位代表，`, `同时，`) is an address or a
/// connective: the opening goes on to the next clause.
const SHORT_OPENING_CHARS: usize = 6;

/// Where the opening of the passage starting at `from` ends: its first
/// clause, or its first two when the first is short.
fn opening_end(text: &str, from: usize) -> usize {
    let clause_end = |from: usize| {
        text[from..]
            .char_indices()
            .find(|&(_, c)| is_clause_end(c))
            .map_or(text.len(), |(i, _)| from + i)
    };
    let first = clause_end(from);
    if first < text.len() && text[from..first].chars().count() <= SHORT_OPENING_CHARS {
        let next = first + text[first..].chars().next().map_or(0, char::len_utf8);
        clause_end(next)
    } else {
        first
    }
}

/// The time the opening clause of a paragraph names (`过去五年，`,
/// `2012年，`): its first time word.
fn opening_frame(text: &str, cues: &[Cue]) -> Option<Frame> {
    let end = opening_end(text, 0);
    cues.iter()
        .take_while(|c| c.end <= end)
        .find_map(|c| match c.effect {
            Effect::Frame(f) => Some(f),
            _ => None,
        })
}

/// The time a paragraph opens with when it is a span (`今后五年的发展目标`,
/// `这五年，…`), to carry to the paragraphs after it that name none;
/// `Some(None)` when it opens with a single year, which ends any carried
/// span; `None` when it names no time. Reads only the opening clause.
pub fn opening_span(text: &str, setting: &Setting) -> Option<Option<When>> {
    let end = opening_end(text, 0);
    let cues = cues(&text[..end], setting, tables());
    let frame = opening_frame(&text[..end], &cues)?;
    Some(frame.period.filter(|p| p.single().is_none()).map(|_| frame))
}

/// The time each sentence of a paragraph opens with (its first time word
/// in its first clause), by where the sentence starts.
fn sentence_openings(text: &str, cues: &[Cue]) -> Vec<(usize, Frame)> {
    let mut out: Vec<(usize, Frame)> = Vec::new();
    for c in cues {
        let Effect::Frame(f) = c.effect else { continue };
        let sentence = start_of(text, c.at, is_sentence_end);
        if c.end <= opening_end(text, sentence) && out.last().is_none_or(|(at, _)| *at != sentence)
        {
            out.push((sentence, f));
        }
    }
    out
}

/// When each quantity of a paragraph applies, in order (`qs` as
/// [`super::scan::scan`] returns them).
pub(super) fn when(text: &str, qs: &[Quantity], setting: &Setting) -> Vec<When> {
    let t = tables();
    if qs.is_empty() {
        return Vec::new();
    }
    let cues = cues(text, setting, t);
    let paragraph_frame = setting.paragraph_frame(text, &cues);
    let openings = sentence_openings(text, &cues);
    let mut out: Vec<When> = Vec::with_capacity(qs.len());
    // The clause of the last figure that opened a change (`从A…`).
    let mut from_clause: Option<usize> = None;
    for q in qs {
        if q.range == RangeEnd::High {
            let prev = out.last().copied().unwrap_or(paragraph_frame);
            out.push(prev);
            continue;
        }
        let pos = q.qual_start;
        let sentence = start_of(text, pos, is_sentence_end);
        let clause = start_of(text, pos, is_clause_end);
        // `连续8年` may hold the figure itself.
        let before: Vec<&Cue> = cues
            .iter()
            .filter(|c| c.at >= sentence && c.at < pos)
            .filter(|c| c.end <= pos || matches!(c.effect, Effect::Streak(_)))
            .collect();
        // The time named in the figure's sentence, else the one an earlier
        // sentence opened with (`过去一年，…。国内生产总值增长10.3%`).
        let frame = frame_among(text, &before)
            .or_else(|| {
                openings
                    .iter()
                    .rev()
                    .find(|(at, _)| *at < sentence)
                    .map(|(_, f)| *f)
            })
            .unwrap_or(paragraph_frame);
        let mut w = frame;
        let future = before.iter().any(|c| match c.effect {
            Effect::Future { sentence } => sentence || c.at >= clause,
            _ => false,
        });
        if future && w.status == Status::Actual {
            w = When {
                status: Status::Target,
                period: None,
            };
        }
        if let Some(n) = before.iter().rev().find_map(|c| match c.effect {
            Effect::Streak(n) => Some(n),
            _ => None,
        }) {
            w.period = w
                .period
                .map(|p| Period::span(p.last.saturating_sub(n.saturating_sub(1)), p.last));
        }
        // `从2020年的82.4岁提升至83.9岁`, `由9.1万公里增加到…`.
        let lead = text[clause..pos].trim_end();
        let lead = lead.strip_suffix('的').unwrap_or(lead).trim_end();
        let lead = lead.strip_suffix(['底', '末']).unwrap_or(lead);
        let named_from = before.iter().rev().find_map(|c| match c.effect {
            Effect::From(y) if c.end == clause + lead.len() => Some(y),
            _ => None,
        });
        if named_from.is_some() || t.from.suffix_of(lead).is_some() {
            let year = named_from.flatten().or(match frame.status {
                Status::Actual => frame.period.map(|p| p.first),
                Status::Target => setting.review_year,
            });
            w = When {
                status: Status::Actual,
                period: year.map(Period::year),
            };
            from_clause = Some(clause);
        } else if from_clause.take() == Some(clause) {
            // The end of the change: the end of the time in force.
            w.period = w.period.map(|p| Period::year(p.last));
        }
        out.push(w);
    }
    out
}

/// The year a report reviews, read from its review when its metadata does
/// not say: the latest year its review names, other than a comparison, a
/// deadline or a span. `texts` are the review's paragraphs.
pub(super) fn review_year_named<'a>(texts: impl Iterator<Item = &'a str>) -> Option<u16> {
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
    fn table_parses() {
        let t = tables();
        assert_eq!(
            t.words.prefix_entry("过去五年，").map(|(_, w)| *w),
            Some(Word::PastSpan(5))
        );
        assert_eq!(
            t.words.prefix_entry("连续10年").map(|(_, w)| *w),
            Some(Word::Streak(10))
        );
        assert_eq!(
            t.words.prefix_entry("将近").map(|(_, w)| *w),
            Some(Word::Nothing)
        );
    }

    #[test]
    fn periods_read_and_write() {
        assert_eq!(Period::year(2025).to_string(), "2025");
        assert_eq!(Period::span(2025, 2021).to_string(), "2021-2025");
        assert_eq!(Period::parse("2021-2025"), Some(Period::span(2021, 2025)));
        assert_eq!(Period::parse("2025"), Some(Period::year(2025)));
        assert_eq!(Period::parse("x"), None);
    }

    #[test]
    fn years_in_text() {
        let got: Vec<String> = years_in("2021—2025年，2023年，《辽宁省2022年任务》，二〇二五年，12345年")
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
