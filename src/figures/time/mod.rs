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
//!    deadline (`到2030年`). One opening a sentence (`过去五年，我们…`,
//!    `过去一年，…`) holds for the rest of the paragraph, until another
//!    opens a sentence; one further on, for the rest of its sentence; a
//!    span opening a paragraph carries to the next paragraphs of its
//!    section that name no time (`今后五年的发展目标：…` then the list).
//!    A year named in a document's title (`《…2022年…》`) is not a time;
//!    one compared with (`比上年`, `较2020年`) only makes a change since it
//!    a change over those years (`比2002年增长65.5%`: 2003–2007);
//! 3. words about the figure itself: after `将`, `力争`, `谋划` … before a
//!    verb a figure is aimed at even in a review (`建成后将增加150个学位`);
//!    `从A增长到B` gives A the start and B the end of the time in force;
//!    `连续10年` makes a span ending with it.
//!
//! The words live in `assets/figures.toml` (`[time]`, read by `words`);
//! `cues` finds them in a paragraph.

use super::scan::{ends_context, is_clause_end, Quantity, RangeEnd};
use super::Kind;
use cues::{cues, Cue, Effect};
use serde::{Serialize, Serializer};
use words::tables;

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

mod cues;
mod words;

pub(super) use cues::review_year_named;

// --- Figures -------------------------------------------------------------

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

/// The time the opening of a paragraph names (`过去五年，`, `2012年，`):
/// its first time word.
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
/// span; `None` when it names no time. Reads only the opening.
pub fn opening_span(text: &str, setting: &Setting) -> Option<Option<When>> {
    let end = opening_end(text, 0);
    let cues = cues(&text[..end], setting, tables());
    let frame = opening_frame(&text[..end], &cues)?;
    Some(frame.period.filter(|p| p.single().is_none()).map(|_| frame))
}

/// A walk through a paragraph's text and time words, in text order, that
/// keeps what holds at the point reached: one pass, however long the
/// paragraph and however many figures it has.
struct Walk<'a> {
    text: &'a str,
    cues: &'a [Cue],
    /// Next cue to read. One that holds the figure (`过去5年`, `连续8年`)
    /// applies to it: the figure is the length of the span.
    next_cue: usize,
    /// How far end marks have been read.
    scanned: usize,
    sentence: usize,
    clause: usize,
    /// Where the current sentence's opening ends (found on first need).
    opening_end: Option<usize>,
    /// The first time word of the latest clause of this sentence that has
    /// one: in `今年是“十五五”开局之年`, the year, not the plan.
    clause_frame: Option<(usize, Frame)>,
    /// The time this sentence opens with, and the one the latest earlier
    /// sentence of the paragraph opened with (`过去一年，…。国内生产总值
    /// 增长10.3%`).
    opening_here: Option<Frame>,
    opened: Option<Frame>,
    future_sentence: bool,
    future_clause: Option<usize>,
    streak: Option<u16>,
    /// The last `从2020年的` of this sentence: where it ends, the year.
    from: Option<(usize, Option<u16>)>,
    /// The last year this sentence compares with (`比2002年`).
    compared: Option<u16>,
}

impl<'a> Walk<'a> {
    fn new(text: &'a str, cues: &'a [Cue]) -> Walk<'a> {
        Walk {
            text,
            cues,
            next_cue: 0,
            scanned: 0,
            sentence: 0,
            clause: 0,
            opening_end: None,
            clause_frame: None,
            opening_here: None,
            opened: None,
            future_sentence: false,
            future_clause: None,
            streak: None,
            from: None,
            compared: None,
        }
    }

    /// Read end marks and time words up to byte `pos`.
    fn advance_to(&mut self, pos: usize) {
        loop {
            let cue = self.cues.get(self.next_cue).filter(|c| c.at < pos);
            let upto = cue.map_or(pos, |c| c.at);
            self.read_marks(upto);
            let Some(c) = cue else { break };
            self.next_cue += 1;
            self.apply(c);
        }
    }

    fn read_marks(&mut self, upto: usize) {
        if upto <= self.scanned {
            return;
        }
        for (i, ch) in self.text[self.scanned..upto].char_indices() {
            let after = self.scanned + i + ch.len_utf8();
            if is_clause_end(ch) {
                self.clause = after;
            }
            if ends_context(ch) {
                if self.opening_here.is_some() {
                    self.opened = self.opening_here;
                }
                self.sentence = after;
                self.opening_end = None;
                self.clause_frame = None;
                self.opening_here = None;
                self.future_sentence = false;
                self.future_clause = None;
                self.streak = None;
                self.from = None;
                self.compared = None;
            }
        }
        self.scanned = upto;
    }

    fn apply(&mut self, c: &Cue) {
        match c.effect {
            Effect::Frame(f) => {
                if self.clause_frame.is_none_or(|(at, _)| at != self.clause) {
                    self.clause_frame = Some((self.clause, f));
                }
                let (text, sentence) = (self.text, self.sentence);
                let opening = *self
                    .opening_end
                    .get_or_insert_with(|| opening_end(text, sentence));
                if self.opening_here.is_none() && c.end <= opening {
                    self.opening_here = Some(f);
                }
            }
            Effect::Future { sentence: true } => self.future_sentence = true,
            Effect::Future { sentence: false } => self.future_clause = Some(self.clause),
            Effect::Streak(n) => self.streak = Some(n),
            Effect::From(year) => self.from = Some((c.end, year)),
            Effect::Compared(year) => self.compared = Some(year),
        }
    }
}

/// When each quantity of a paragraph applies, in order (`qs` as
/// [`super::scan::scan`] returns them, `kinds` the kind of each).
pub(super) fn when(text: &str, qs: &[Quantity], kinds: &[Kind], setting: &Setting) -> Vec<When> {
    let t = tables();
    if qs.is_empty() {
        return Vec::new();
    }
    let cues = cues(text, setting, t);
    let paragraph_frame = setting.paragraph_frame(text, &cues);
    let mut walk = Walk::new(text, &cues);
    let mut out: Vec<When> = Vec::with_capacity(qs.len());
    // The clause of the last figure that opened a change (`从A…`).
    let mut from_clause: Option<usize> = None;
    for (i, q) in qs.iter().enumerate() {
        if q.range == RangeEnd::High {
            let prev = out.last().copied().unwrap_or(paragraph_frame);
            out.push(prev);
            continue;
        }
        let pos = q.qual_start;
        walk.advance_to(pos);
        let clause = walk.clause;
        // The time named in the figure's sentence, else the one an earlier
        // sentence opened with, else the paragraph's.
        let frame = walk
            .clause_frame
            .map(|(_, f)| f)
            .or(walk.opened)
            .unwrap_or(paragraph_frame);
        let mut w = frame;
        let future = walk.future_sentence || walk.future_clause == Some(clause);
        if future && w.status == Status::Actual {
            w = When {
                status: Status::Target,
                period: None,
            };
        }
        // `2007年…比2002年增长65.5%，年均增长10.6%`: a change over the
        // years since the one compared with.
        let change = kinds.get(i).is_some_and(|&k| k != Kind::Level);
        if let (true, Some(y0), Some(p)) = (change, walk.compared, w.period) {
            if p.first == p.last && y0.saturating_add(1) < p.last {
                w.period = Some(Period::span(y0 + 1, p.last));
            }
        }
        if let Some(n) = walk.streak {
            w.period = w
                .period
                .map(|p| Period::span(p.last.saturating_sub(n.saturating_sub(1)), p.last));
        }
        // `从2020年的82.4岁提升至83.9岁`, `由9.1万公里增加到…`.
        let lead = text[clause.min(pos)..pos].trim_end();
        let lead = lead.strip_suffix('的').unwrap_or(lead).trim_end();
        let lead = lead.strip_suffix(['底', '末']).unwrap_or(lead);
        let named_from = walk
            .from
            .filter(|&(end, _)| end == clause.min(pos) + lead.len())
            .map(|(_, year)| year);
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::figures::extract_paragraph_in;

    fn setting(part: Part) -> Setting {
        Setting {
            year: Some(2026),
            review_year: Some(2025),
            part,
            carried: None,
        }
    }

    /// (raw, status, period) of every figure of `text`.
    fn times(text: &str, s: &Setting) -> Vec<(String, &'static str, String)> {
        extract_paragraph_in(text, s)
            .into_iter()
            .map(|f| {
                let period = f.period.map(|p| p.to_string()).unwrap_or_default();
                (f.raw, f.status.name(), period)
            })
            .collect()
    }

    #[test]
    fn sentences_say_when() {
        use Part::{Plan, Review};
        // (part, text, every figure's raw, status and period)
        type Case<'a> = (Part, &'a str, &'a [(&'a str, &'a str, &'a str)]);
        let cases: &[Case] = &[
            // The part decides when nothing else does.
            (
                Review,
                "地区生产总值增长5.4%。",
                &[("5.4%", "actual", "2025")],
            ),
            (
                Plan,
                "地区生产总值增长5%左右。",
                &[("5%", "target", "2026")],
            ),
            // Spans: a past one ends with the year under review.
            (
                Review,
                "过去五年，地区生产总值年均增长5.2%。",
                &[("5.2%", "actual", "2021-2025")],
            ),
            (
                Plan,
                "今后五年，地区生产总值年均增长5%左右。",
                &[("5%", "target", "2026-2030")],
            ),
            (
                Review,
                "“十四五”时期，累计新增城镇就业150万人。",
                &[("150万人", "actual", "2021-2025")],
            ),
            // A deadline and a year named.
            (
                Plan,
                "到2030年，城镇化率达到70%。",
                &[("70%", "target", "2030")],
            ),
            (
                Plan,
                "去年新增城镇就业9万人，今年新增城镇就业10万人。",
                &[("9万人", "actual", "2025"), ("10万人", "target", "2026")],
            ),
            // Compared with a year is not about that year.
            (Review, "比上年增长5%。", &[("5%", "actual", "2025")]),
            (
                Review,
                "2007年，国内生产总值达到24.66万亿元，比2002年增长65.5%，年均增长10.6%。",
                &[
                    ("24.66万亿元", "actual", "2007"),
                    ("65.5%", "actual", "2003-2007"),
                    ("10.6%", "actual", "2003-2007"),
                ],
            ),
            // 从A到B: A at the start of the span, B at its end.
            (
                Review,
                "这五年，人均预期寿命从2020年的82.4岁提升至83.9岁。",
                &[("82.4岁", "actual", "2020"), ("83.9岁", "actual", "2025")],
            ),
            // A time word opening a sentence holds for the paragraph.
            (
                Plan,
                "过去一年，各项工作取得成绩。国内生产总值增长10.3%。",
                &[("10.3%", "actual", "2025")],
            ),
            (
                Review,
                "各位代表，刚刚过去的2024年，我们克服困难。新增就业5万人。",
                &[("5万人", "actual", "2024")],
            ),
            // Aimed at, in a review: before a verb only.
            (
                Review,
                "新建实验幼儿园，建成后将增加150个学位。",
                &[("150个", "target", "")],
            ),
            (
                Review,
                "将8个公司运营的16支基金整合为2支。",
                &[
                    ("8个", "actual", "2025"),
                    ("16支", "actual", "2025"),
                    ("2支", "actual", "2025"),
                ],
            ),
            (
                Review,
                "谋划新建1处养老服务中心，设置床位144张。",
                &[("1处", "target", ""), ("144张", "target", "")],
            ),
            (
                Review,
                "超前谋划，开工项目1万个。",
                &[("1万个", "actual", "2025")],
            ),
            // 连续N年: a span ending with the time in force.
            (
                Review,
                "粮食产量连续10年稳定在1.3万亿斤以上。",
                &[
                    ("10年", "actual", "2016-2025"),
                    ("1.3万亿斤", "actual", "2016-2025"),
                ],
            ),
            (
                Review,
                "2020年以来，累计减税5000亿元。",
                &[("5000亿元", "actual", "2020-2025")],
            ),
            // A year inside a document's title is not a time.
            (
                Review,
                "落实《2022年重点任务》，完成投资3亿元。",
                &[("3亿元", "actual", "2025")],
            ),
        ];
        for (part, text, want) in cases {
            let got = times(text, &setting(*part));
            let want: Vec<(String, &str, String)> = want
                .iter()
                .map(|(r, s, p)| (r.to_string(), *s, p.to_string()))
                .collect();
            assert_eq!(got, want, "{text}");
        }
    }

    #[test]
    fn a_report_given_in_december_reviews_its_own_year() {
        // 抚顺市望花区, 14 December 2022: 今年 is the year under review.
        let s = Setting {
            year: Some(2022),
            review_year: Some(2022),
            part: Part::Plan,
            carried: None,
        };
        let got = times("今年新增就业750人。明年城镇新增就业800人。", &s);
        assert_eq!(
            got,
            [
                ("750人".to_string(), "actual", "2022".to_string()),
                ("800人".to_string(), "target", "2023".to_string())
            ]
        );
    }

    #[test]
    fn no_report_no_years_invented() {
        let got = times(
            "新增城镇就业9568人，到2025年达到1万人。",
            &Setting::default(),
        );
        assert_eq!(
            got,
            [
                ("9568人".to_string(), "actual", String::new()),
                ("1万人".to_string(), "target", "2025".to_string())
            ]
        );
    }

    #[test]
    fn spans_carry_to_the_next_paragraph() {
        let s = setting(Part::Plan);
        assert_eq!(
            opening_span("今后五年的发展目标：一是…", &s),
            Some(Some(When {
                status: Status::Target,
                period: Some(Period::span(2026, 2030))
            }))
        );
        assert_eq!(opening_span("2026年，要…", &s), Some(None));
        assert_eq!(opening_span("我们要坚持…", &s), None);
        let carried = Setting {
            carried: opening_span("今后五年的发展目标：", &s).flatten(),
            ..s
        };
        assert_eq!(
            times("包括：地区生产总值年均增速4.5%。", &carried),
            [("4.5%".to_string(), "target", "2026-2030".to_string())]
        );
    }

    #[test]
    fn long_paragraphs_stay_linear() {
        // 20,000 figures in one sentence: one pass, not one per figure.
        let text = "今年5个".repeat(20_000);
        let got = extract_paragraph_in(&text, &setting(Part::Review));
        assert_eq!(got.len(), 20_000);
        assert!(got.iter().all(|f| f.status == Status::Target));
    }

    #[test]
    fn periods_read_and_write() {
        assert_eq!(Period::year(2025).to_string(), "2025");
        assert_eq!(Period::span(2025, 2021).to_string(), "2021-2025");
        assert_eq!(Period::parse("2021-2025"), Some(Period::span(2021, 2025)));
        assert_eq!(Period::parse("2025"), Some(Period::year(2025)));
        assert_eq!(Period::parse("x"), None);
    }
}
