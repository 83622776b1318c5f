//! Reading a quantity's context: is it a level or a change (and did it
//! fall), and which phrase says what it measures.
//!
//! The indicator is looked for, in order: right after the unit when the
//! quantity modifies a noun (`4个镇污水处理设施`), left of the number in its
//! clause (`新增城镇就业9568人`), shared with the next figure of the clause
//! (`新建1处、改扩建2处社区居家养老服务中心`), or inherited from the
//! previous figure of the sentence (`空气优良天数303天,较上年增加17天`).

use super::scan::{ends_context, is_clause_end, Quantity, RangeEnd};
use super::tables::{RightIndicator, Tables, Words};
use super::Kind;

/// What the context says about one quantity.
#[derive(Debug, Clone, PartialEq)]
pub(super) struct Context {
    pub kind: Kind,
    /// Stated as a fall (下降, 减少 …): the value becomes negative.
    pub fall: bool,
    pub indicator: String,
}

/// Where an indicator was found.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Source {
    Right,
    Left,
    None,
}

/// Coordinating words between two figures that share kind and indicator
/// (`提高3%和7%`, `增长23.8%、151.7%`).
const COORDINATION: &[&str] = &["和", "、", "及", "与", "以及", "或", ",", "，"];

/// The context of every quantity of a paragraph, in order (`qs` as
/// [`super::scan::scan`] returns them).
pub(super) fn describe(text: &str, qs: &[Quantity], t: &Tables) -> Vec<Context> {
    let mut out: Vec<Context> = Vec::with_capacity(qs.len());
    let mut sources = Vec::with_capacity(qs.len());
    let mut consumed = 0usize;
    for (i, q) in qs.iter().enumerate() {
        if q.range == RangeEnd::High {
            // Filled from the low end below; its text is consumed.
            out.push(Context {
                kind: Kind::Level,
                fall: false,
                indicator: String::new(),
            });
            sources.push(Source::None);
            consumed = consumed.max(q.after_end);
            continue;
        }
        // A range's low end reads its right-hand side after the high end.
        let last = if q.range == RangeEnd::Low {
            qs.get(i + 1).unwrap_or(q)
        } else {
            q
        };
        let limit = qs
            .get(if q.range == RangeEnd::Low {
                i + 2
            } else {
                i + 1
            })
            .map(|n| n.qual_start)
            .unwrap_or(text.len())
            .max(last.after_end);
        let clause_start = clause_start(text, q.qual_start);
        let left_start = clause_start.max(consumed).min(q.qual_start);
        let left_raw = &text[left_start..q.qual_start];

        let unit = &t.units[q.unit];
        // `71%的煤电机组`: a share joined by 的 to the noun it counts.
        let share_of = (unit.right_indicator == RightIndicator::Never)
            .then(|| text[last.after_end..limit].strip_prefix('的'))
            .flatten()
            .map(|rest| limit - rest.len());
        let (right, right_end) = match (unit.right_indicator, share_of) {
            (RightIndicator::Never, None) => (String::new(), last.after_end),
            (_, Some(from)) => right_phrase(text, from, limit, t),
            _ => right_phrase(text, last.after_end, limit, t),
        };
        let left = left_phrase(left_raw, t);
        // `亿元以上产业项目`: a qualified amount modifies the noun after it.
        let modifies = share_of.is_none()
            && (unit.right_indicator == RightIndicator::First || last.after_end > last.end);
        // `再安排1300亿元灾后重建资金`: an amount right after its verb is
        // the verb's object, and the noun after it says what it is for.
        let after_verb = {
            let l = left_raw.trim_end();
            t.verbs.suffix_of(l).is_some() || t.opening_verbs.suffix_of(l).is_some()
        };
        // A one-character noun (`67栋楼`) is the measure's own noun, not
        // the indicator, unless nothing else names it.
        let use_right = !right.is_empty()
            && (left.is_empty() || after_verb || modifies && right.chars().nth(1).is_some());

        let prev = i.checked_sub(1).map(|p| (&qs[p], &out[p]));
        let (kind, fall) = kind_of(text, q, clause_start, prev, use_right, t);

        let (indicator, source) = if use_right {
            consumed = right_end;
            (right, Source::Right)
        } else if !left.is_empty() {
            consumed = last.after_end;
            (left, Source::Left)
        } else if let Some((rest, end)) = rest_of_clause(text, last.after_end, limit, t) {
            // `三次提高出口退税率`: the clause goes on about the figure.
            consumed = end;
            (rest, Source::Right)
        } else {
            consumed = last.after_end;
            (String::new(), Source::None)
        };
        out.push(Context {
            kind,
            fall,
            indicator,
        });
        sources.push(source);
    }

    // Figures with no phrase of their own share a neighbour's.
    for i in 0..qs.len() {
        if sources[i] != Source::None || qs[i].range == RangeEnd::High {
            continue;
        }
        let q = &qs[i];
        let next = if q.range == RangeEnd::Low {
            i + 2
        } else {
            i + 1
        };
        let shared_next = qs.get(next).filter(|n| {
            sources[next] == Source::Right
                && !text[q.after_end.min(n.qual_start)..n.qual_start]
                    .chars()
                    .any(is_clause_end)
        });
        let indicator = if shared_next.is_some() {
            Some(out[next].indicator.clone())
        } else {
            // The nearest earlier figure of the sentence; walking back one
            // gap at a time keeps this linear in the text.
            let mut found = None;
            let mut gap_end = q.qual_start;
            for p in (i.saturating_sub(MAX_INHERIT_DISTANCE)..i).rev() {
                let gap_start = qs[p].end.min(gap_end);
                if text[gap_start..gap_end].chars().any(ends_context) {
                    break;
                }
                if !out[p].indicator.is_empty() {
                    found = Some(out[p].indicator.clone());
                    break;
                }
                gap_end = qs[p].qual_start.min(gap_start);
            }
            found
        };
        out[i].indicator = indicator.unwrap_or_else(|| {
            // The subject may open the sentence in a clause of its own:
            // `城镇居民人均可支配收入，由1997年的5160元增加到…`.
            let start = clause_start(text, q.qual_start);
            let before = text[..start].trim_end_matches(is_clause_end);
            let same_sentence = !text[before.len()..start].chars().any(ends_context);
            let prev_clause = &text[clause_start(text, before.len())..before.len()];
            let prev_clause = if same_sentence
                && !prev_clause.is_empty()
                && !qs[..i]
                    .iter()
                    .any(|p| p.end > before.len() - prev_clause.len())
            {
                left_phrase(prev_clause, t)
            } else {
                String::new()
            };
            if prev_clause.is_empty() {
                tidy(&text[start..q.qual_start]).to_string()
            } else {
                prev_clause
            }
        });
    }

    // A range's high end says what its low end says.
    for i in 1..qs.len() {
        if qs[i].range == RangeEnd::High {
            out[i] = out[i - 1].clone();
        }
    }
    out
}

/// What a clause says after a figure that opens it, up to a clause mark or
/// the next number (`4.3亿人次受益`, `三次提高出口退税率`).
fn rest_of_clause(text: &str, from: usize, limit: usize, t: &Tables) -> Option<(String, usize)> {
    let limit = limit.clamp(from, text.len());
    let window = &text[from..limit];
    let rest = window.strip_prefix('的').unwrap_or(window);
    let end = rest
        .char_indices()
        .find(|&(_, c)| is_clause_end(c) || c == '、' || crate::numbers::ascii_digit(c).is_some())
        .map_or(rest.len(), |(i, _)| i);
    let phrase: String = tidy(&rest[..end]).chars().take(t.right_max_chars).collect();
    let consumed = limit - rest.len() + end;
    // A bare predicate (`增长`, `和`, `增加到`) says nothing of its own.
    let kept = strip_predicates(&phrase, t);
    (kept.chars().any(crate::text::chars::is_han)
        && !t.verbs.contains(kept)
        && !t.opening_verbs.contains(kept))
    .then_some((phrase, consumed))
}

/// How many figures back an indicator may be inherited from.
const MAX_INHERIT_DISTANCE: usize = 8;

/// Longest clause looked back over, in characters: a "clause" without
/// punctuation longer than this is not a clause, and the bound keeps
/// extraction linear on text without punctuation.
const MAX_CLAUSE_CHARS: usize = 120;

/// Start of the clause holding byte `pos`.
fn clause_start(text: &str, pos: usize) -> usize {
    let mut start = pos;
    for (n, (i, c)) in text[..pos].char_indices().rev().enumerate() {
        if is_clause_end(c) {
            return i + c.len_utf8();
        }
        if n >= MAX_CLAUSE_CHARS {
            break;
        }
        start = i;
    }
    start
}

/// Level or change, and whether the text says it fell.
fn kind_of(
    text: &str,
    q: &Quantity,
    clause_start: usize,
    prev: Option<(&Quantity, &Context)>,
    modifies_noun: bool,
    t: &Tables,
) -> (Kind, bool) {
    let unit = &t.units[q.unit];
    // `分别提高3%和7%`: the second figure continues the first.
    if let Some((pq, pc)) = prev {
        if pq.unit == q.unit && pq.after_end <= q.qual_start && pq.after_end >= clause_start {
            let between = text[pq.after_end..q.qual_start].trim();
            if COORDINATION.contains(&between) {
                return (pc.kind, pc.fall);
            }
        }
    }
    let before = &text[clause_start..q.qual_start];
    let (change, fall) = change_word(before, t);
    if unit.pp {
        return (Kind::Pp, fall);
    }
    if !change {
        return (Kind::Level, false);
    }
    // `增加学位3566个` reads as a level; `增加150个学位` too, unless the
    // clause compares with an earlier period (`较上年增加17天`).
    if modifies_noun && !contains_any(before, &t.compare) {
        return (Kind::Level, false);
    }
    (Kind::Change, fall)
}

/// Does `before` end with a change word (after fillers like 了, 分别)?
/// Returns (is a change, is a fall).
fn change_word(before: &str, t: &Tables) -> (bool, bool) {
    let mut b = before.trim_end();
    while let Some(w) = t.fillers.suffix_of(b) {
        b = b[..b.len() - w.len()].trim_end();
    }
    // `增速为5%`, `涨幅控制在3%`, `涨幅回落到2.6%`: a rate noun, then
    // perhaps the words that link it to its figure.
    let mut noun_base = b;
    while let Some(w) = t.rate_links.suffix_of(noun_base) {
        noun_base = noun_base[..noun_base.len() - w.len()].trim_end();
    }
    if t.fall_rate_nouns.suffix_of(noun_base).is_some() {
        return (true, true);
    }
    if t.rate_nouns.suffix_of(noun_base).is_some() {
        return (true, false);
    }
    // `提高到60%`, `降至3%`: the new level.
    if let Some(w) = t.to.suffix_of(b) {
        let stem = &b[..b.len() - w.len()];
        if t.rise.suffix_of(stem).is_some() || t.fall.suffix_of(stem).is_some() {
            return (false, false);
        }
    }
    let level = t.level.suffix_of(b).map(str::len).unwrap_or(0);
    let rise = t.rise.suffix_of(b).map(str::len).unwrap_or(0);
    let fall = t.fall.suffix_of(b).map(str::len).unwrap_or(0);
    if level >= rise.max(fall) {
        return (false, false);
    }
    (true, fall > rise)
}

fn contains_any(s: &str, words: &Words) -> bool {
    words.find_all(s).next().is_some()
}

/// The phrase right after a unit that the quantity modifies: up to a
/// clause mark, a digit, a stop word, or `right_max_chars`.
fn right_phrase(text: &str, from: usize, limit: usize, t: &Tables) -> (String, usize) {
    let limit = limit.min(text.len());
    let mut p = skip_marker(text, from, limit);
    let start = p;
    let mut chars = 0;
    while p < limit && chars < t.right_max_chars {
        let rest = &text[p..limit];
        let Some(c) = rest.chars().next() else {
            break;
        };
        if is_clause_end(c)
            || matches!(c, '、' | '[' | '［' | '【' | '(' | '（' | ')' | '）')
            || crate::numbers::ascii_digit(c).is_some()
            || t.right_stop.prefix_of(rest).is_some()
            || conjunction_before_number(&text[p..], t)
        {
            break;
        }
        if let Some(close) = quote_close(c) {
            // A quoted name is one piece of the phrase: `114个“1+1+N”突出问题`.
            let inner = &rest[c.len_utf8()..];
            match inner.find(close) {
                Some(off) if inner[..off].chars().count() <= 20 => {
                    p += c.len_utf8() + off + close.len_utf8();
                    chars += 1;
                    continue;
                }
                _ => break,
            }
        }
        p += c.len_utf8();
        chars += 1;
    }
    let phrase = tidy(&text[start..p]);
    if phrase.chars().any(crate::text::chars::is_han) {
        (phrase.to_string(), p)
    } else {
        (String::new(), from)
    }
}

/// `和10.7公里`: a conjunction joining the next figure ends the phrase.
fn conjunction_before_number(rest: &str, t: &Tables) -> bool {
    t.right_conjunctions.prefix_of(rest).is_some_and(|w| {
        rest[w.len()..]
            .chars()
            .next()
            .is_some_and(crate::numbers::starts_numeral)
    })
}

/// Skip a footnote marker (`[6]`, `[实事1]`) at `p`.
fn skip_marker(text: &str, p: usize, limit: usize) -> usize {
    let rest = &text[p..limit];
    if rest.starts_with(['[', '［', '【']) {
        if let Some(end) = rest.find([']', '］', '】']) {
            if rest[..end].chars().count() <= 8 {
                let close = rest[end..].chars().next().map(char::len_utf8).unwrap_or(1);
                return p + end + close;
            }
        }
    }
    p
}

fn quote_close(c: char) -> Option<char> {
    Some(match c {
        '“' => '”',
        '"' => '"',
        '‘' => '’',
        '「' => '」',
        '『' => '』',
        '《' => '》',
        _ => return None,
    })
}

/// The indicator left of the number: after the last verb, without the
/// predicate that links it to the number, without footnote markers.
fn left_phrase(raw: &str, t: &Tables) -> String {
    let mut s = raw;
    // `亿元以上产业项目`, `基础设施等项目`: the head follows the stop word.
    if let Some(end) = t
        .left_stop
        .find_all(s)
        .filter(|&(i, w)| !inside_longer_word(s, i, w, &t.left_stop_exceptions))
        .map(|(i, w)| i + w.len())
        .last()
    {
        s = &s[end..];
    }
    // `全年刑事案件发案率同比下降`: the indicator precedes the comparison.
    if let Some(pos) = first_comparison(s, t) {
        s = &s[..pos];
    }
    let without_markers = remove_markers(s);
    let mut s = strip_predicates(&without_markers, t);
    s = strip_predicates(object_of_verbs(s, t), t);
    s = drop_leading_slogan(s);
    if t.verbs.contains(s) || t.opening_verbs.contains(s) {
        return String::new();
    }
    s.to_string()
}

/// Cut predicate words from the end and connectives, list labels and
/// years from the start, until nothing changes.
fn strip_predicates<'a>(mut s: &'a str, t: &Tables) -> &'a str {
    loop {
        let before = s.len();
        s = strip_year(strip_label(tidy(s)));
        if let Some(w) = t.left_trailing.suffix_of(s) {
            s = &s[..s.len() - w.len()];
        }
        if let Some(w) = t.leading.prefix_of(s) {
            if w.len() == s.len() || w.chars().nth(1).is_some() {
                s = &s[w.len()..];
            }
        }
        if s.len() == before {
            return tidy(s);
        }
    }
}

/// `（一）`, `(2)`, `一、`, `1.`, `①`: a list label opening a phrase.
fn strip_label(s: &str) -> &str {
    let is_label_char = |c: char| {
        crate::numbers::ascii_digit(c).is_some()
            || crate::numbers::chinese_digit(c).is_some()
            || crate::numbers::chinese_small_unit(c).is_some()
    };
    let body = s.trim_start_matches(['（', '(']);
    let digits = body.len() - body.trim_start_matches(is_label_char).len();
    if digits > 0 {
        let rest = &body[digits..];
        for close in ['）', ')', '、', '.', '．'] {
            if let Some(r) = rest.strip_prefix(close) {
                return r;
            }
        }
    }
    s.trim_start_matches(|c: char| ('①'..='⑳').contains(&c))
}

/// A year's digits (Arabic, full-width or Chinese: `2023`, `１９５５`,
/// `一九五八`).
fn is_year_digit(c: char) -> bool {
    crate::numbers::ascii_digit(c).is_some() || crate::numbers::chinese_digit(c).is_some()
}

/// `2023年`, `１９５５年度`, `一九五八年` opening or closing a phrase: a time
/// is not what is measured.
fn strip_year(s: &str) -> &str {
    let mut s = s;
    let body = s.trim_start_matches(is_year_digit);
    let digits = &s[..s.len() - body.len()];
    if digits.chars().count() == 4 {
        if let Some(rest) = body.strip_prefix('年') {
            s = ["度", "末", "底"]
                .iter()
                .find_map(|w| rest.strip_prefix(w))
                .unwrap_or(rest);
        }
    }
    let tail = ["年度", "年末", "年底", "年"]
        .iter()
        .find_map(|w| s.strip_suffix(w));
    if let Some(head) = tail {
        let body = head.trim_end_matches(is_year_digit);
        if head[body.len()..].chars().count() == 4 {
            return body;
        }
    }
    s
}

/// Longest quoted slogan kept in front of the noun it qualifies.
const SLOGAN_CHARS: usize = 6;

/// `“守底线、查隐患、保安全”专项行动` → `专项行动`: a long slogan in quotes
/// qualifies the noun after it; short names (`“快乐健身”体育设施`) stay.
fn drop_leading_slogan(s: &str) -> &str {
    let Some(open) = s.chars().next() else {
        return s;
    };
    let Some(close) = quote_close(open) else {
        return s;
    };
    let inner = &s[open.len_utf8()..];
    let Some(end) = inner.find(close) else {
        return s;
    };
    let rest = &inner[end + close.len_utf8()..];
    if inner[..end].chars().count() > SLOGAN_CHARS && rest.chars().count() >= 2 {
        rest
    } else {
        s
    }
}

/// Where the first comparison starts (`同比`, `较上年`, `比预算数`,
/// `由9.1万公里`), skipping words that merely contain a head (`比重`).
fn first_comparison(s: &str, t: &Tables) -> Option<usize> {
    s.char_indices().map(|(i, _)| i).find(|&i| {
        let rest = &s[i..];
        if t.compare.prefix_of(rest).is_some() {
            return true;
        }
        let Some(head) = t.compare_heads.prefix_of(rest) else {
            return false;
        };
        // Skip words that merely contain the head (比重, 自由, 从业).
        !inside_longer_word(s, i, head, &t.compare_head_exceptions)
    })
}

/// Is the `word` found at byte `i` of `s` part of one of `longer` words
/// written around it?
fn inside_longer_word(s: &str, i: usize, word: &str, longer: &Words) -> bool {
    longer.iter().any(|w| {
        w.match_indices(word)
            .any(|(off, _)| i >= off && s.get(i - off..).is_some_and(|r| r.starts_with(w)))
    })
}

/// The object of the phrase's verbs: after the last plain verb
/// (`阜锦公路沿线安装路灯` → `路灯`), then after verbs that open what is
/// left (`常态化开展…`, `力争实现…`). A verb that would leave less than two
/// characters is part of the name (`任务完成率`).
fn object_of_verbs<'a>(mut s: &'a str, t: &Tables) -> &'a str {
    let last_plain = t
        .verbs
        .find_all(s)
        .map(|(i, v)| i + v.len())
        .filter(|&end| s[end..].chars().nth(1).is_some())
        .max();
    if let Some(end) = last_plain {
        s = &s[end..];
    }
    loop {
        let opening = s
            .char_indices()
            .take(t.verb_prefix_chars + 1)
            .find_map(|(i, _)| {
                let rest = &s[i..];
                let v = match (t.verbs.prefix_of(rest), t.opening_verbs.prefix_of(rest)) {
                    (Some(a), Some(b)) => Some(if a.len() >= b.len() { a } else { b }),
                    (a, b) => a.or(b),
                }?;
                let end = i + v.len();
                s[end..].chars().nth(1).is_some().then_some(end)
            });
        match opening {
            Some(end) => s = &s[end..],
            None => return s,
        }
    }
}

/// Remove footnote markers (`[6]`, `[实事1]`) from a phrase.
fn remove_markers(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(open) = rest.find(['[', '［', '【']) {
        out.push_str(&rest[..open]);
        let after = &rest[open..];
        match after.find([']', '］', '】']) {
            Some(close) if after[..close].chars().count() <= 8 => {
                let len = after[close..]
                    .chars()
                    .next()
                    .map(char::len_utf8)
                    .unwrap_or(1);
                rest = &after[close + len..];
            }
            _ => {
                out.push_str(after);
                rest = "";
            }
        }
    }
    out.push_str(rest);
    out
}

/// Trim spaces and the punctuation that never starts or ends a phrase.
fn tidy(s: &str) -> &str {
    s.trim_matches(|c: char| {
        c.is_whitespace()
            || matches!(
                c,
                '、' | '，'
                    | ','
                    | '：'
                    | ':'
                    | '；'
                    | ';'
                    | '。'
                    | '—'
                    | '-'
                    | '（'
                    | '('
                    | '·'
                    | '的'
            )
    })
    .trim_end_matches(['（', '(', '“', '"'])
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::figures::tables::tables;

    #[test]
    fn left_phrases() {
        let t = tables();
        for (raw, want) in [
            ("投入财政衔接资金", "财政衔接资金"),
            ("全年刑事案件发案率同比下降", "刑事案件发案率"),
            ("规上工业企业能耗下降", "规上工业企业能耗"),
            ("占一般公共预算支出的", "占一般公共预算支出"),
            ("、增长", ""),
            ("较上年增加", ""),
            ("新签约沪苏浙区域亿元以上产业项目", "产业项目"),
            ("培育“小灯塔”[24]企业", "“小灯塔”企业"),
            ("任务完成率", "任务完成率"),
            ("稳固医保参保率在", "稳固医保参保率"),
            ("比2020年下降", ""),
        ] {
            assert_eq!(left_phrase(raw, t), want, "{raw}");
        }
    }

    #[test]
    fn change_words() {
        let t = tables();
        assert_eq!(change_word("同比下降", t), (true, true));
        assert_eq!(change_word("分别提高", t), (true, false));
        assert_eq!(change_word("提高到", t), (false, false));
        assert_eq!(change_word("新增", t), (false, false));
        assert_eq!(change_word("增速为", t), (true, false));
        assert_eq!(change_word("投入", t), (false, false));
        assert_eq!(change_word("居民消费价格涨幅控制在", t), (true, false));
        assert_eq!(change_word("居民消费价格总水平涨幅在 ", t), (true, false));
        assert_eq!(change_word("居民消费价格涨幅回落到", t), (true, false));
        assert_eq!(change_word("今年经济增长预期目标为", t), (true, false));
    }
}
