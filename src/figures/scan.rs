//! Finding quantities in a paragraph: numeral, magnitude, unit, the
//! qualifier words around them and ranges; and dropping what is not a
//! figure (years, ordinals, codes, names, page furniture).

use super::quotes::{quote_spans, QuoteSpan, MAX_TITLE_CHARS};
use super::tables::Tables;
use super::Qualifier;
use crate::numbers::{self, Decimal, Numeral, Script};

/// Where a quantity sits in a range (`6%—6.5%` is a low and a high end).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum RangeEnd {
    #[default]
    Single,
    Low,
    High,
}

/// A quantity found in the text, before its context is read.
#[derive(Debug, Clone, PartialEq)]
pub(super) struct Quantity {
    /// Byte range of the raw text (number, magnitude, unit).
    pub start: usize,
    pub end: usize,
    /// Where a qualifier word before the number starts (`start` if none).
    pub qual_start: usize,
    /// Just past a qualifier word after the unit (`end` if none).
    pub after_end: usize,
    /// In the base unit, before any sign from the context.
    pub value: f64,
    /// Index into `Tables::units`.
    pub unit: usize,
    pub qualifier: Qualifier,
    pub range: RangeEnd,
    /// Power of ten written as magnitudes (`亿` = 8); a range's low end
    /// without its own magnitude borrows the high end's.
    power: i32,
}

/// Every quantity in `text`, in order.
pub(super) fn scan(text: &str, t: &Tables) -> Vec<Quantity> {
    let mut out = Vec::new();
    let mut quotes = None;
    let mut i = 0;
    while let Some(c) = text.get(i..).and_then(|r| r.chars().next()) {
        let percent = c == '百' && text[i..].starts_with(PERCENT_PREFIX);
        if !percent && !numbers::numeral_starts_at(text, i) {
            i += c.len_utf8();
            continue;
        }
        let mut cx = Cx {
            text,
            t,
            quotes: &mut quotes,
        };
        let found = if percent {
            cx.percent_at(i)
        } else {
            cx.quantities_at(i, true)
        };
        match found.as_deref() {
            Some([.., last]) => {
                i = last.after_end.max(i + c.len_utf8());
                out.extend(found.into_iter().flatten());
            }
            _ => {
                let run_end = if percent {
                    i + PERCENT_PREFIX.len()
                } else {
                    numbers::numeral_run_end(text, i)
                };
                i = run_end.max(i + c.len_utf8());
            }
        }
    }
    out
}

const PERCENT_PREFIX: &str = "百分之";

/// The text being scanned and what is known about it.
struct Cx<'a> {
    text: &'a str,
    t: &'a Tables,
    /// Quote spans, found the first time a candidate needs them.
    quotes: &'a mut Option<Vec<QuoteSpan>>,
}

/// What follows a numeral: magnitudes, an inner qualifier, the unit.
#[derive(Debug, Clone, Copy)]
struct Suffix {
    power: i32,
    inside: Option<Qualifier>,
    unit: Option<(usize, usize)>, // (unit index, unit start)
    end: usize,
}

impl Cx<'_> {
    /// The quantity (or the two ends of a range) whose numeral starts at `s`.
    fn quantities_at(&mut self, s: usize, allow_range: bool) -> Option<Vec<Quantity>> {
        let text = self.text;
        let run_end = numbers::numeral_run_end(text, s);
        // A range's high end follows its connector, which would otherwise
        // mark a page counter (`-39篇`).
        if run_end == s
            || run_end - s > numbers::MAX_RUN_BYTES
            || self.rejected_before(s, allow_range)
        {
            return None;
        }
        if let Some(pair) = self.approximate_range(s, run_end) {
            return Some(pair);
        }
        let mut cut = run_end;
        while cut > s {
            let Some(n) = numbers::longest_numeral(text, s, cut) else {
                break;
            };
            let sfx = self.suffix(n.end);
            if sfx.unit.is_some() {
                let q = self.finish(s, n, sfx)?;
                if allow_range {
                    if let Some(high) = self.range_high(&q) {
                        return Some(range_pair(q, high));
                    }
                }
                return Some(vec![q]);
            }
            if allow_range {
                if let Some(pair) = self.range_from_bare(s, n, sfx) {
                    return Some(pair);
                }
            }
            cut = prev_boundary(text, n.end);
        }
        self.bare_magnitude(s, run_end).map(|q| vec![q])
    }

    /// `百分之八十九点四`, `百分之百`, and the range `百分之二到三`.
    fn percent_at(&mut self, s: usize) -> Option<Vec<Quantity>> {
        let low = self.percent_one(s)?;
        let rest = &self.text[low.end..];
        let high = self.t.connectors.prefix_of(rest).and_then(|conn| {
            let start = low.end + conn.len();
            let n = numbers::numeral_at(self.text, start)?;
            if n.script == Script::ChineseDigits || self.suffix(n.end).unit.is_some() {
                return None; // `百分之二至3年`: not a second share
            }
            let (after_end, after) = self.after_qualifier(n.end);
            Some(Quantity {
                start,
                end: n.end,
                qual_start: start,
                after_end,
                value: n.value.to_f64(),
                unit: self.t.percent,
                qualifier: pick_qualifier(None, after, None),
                range: RangeEnd::Single,
                power: 0,
            })
        });
        Some(match high {
            Some(high) => range_pair(low, high),
            None => vec![low],
        })
    }

    fn percent_one(&mut self, s: usize) -> Option<Quantity> {
        let text = self.text;
        let num_start = s + PERCENT_PREFIX.len();
        let (value, end) = match numbers::numeral_at(text, num_start) {
            Some(n) if n.script != Script::ChineseDigits => (n.value, n.end),
            _ if text[num_start..].starts_with('百') => {
                (Decimal::integer(100), num_start + '百'.len_utf8())
            }
            _ => return None,
        };
        let (qual_start, before) = self.before_qualifier(s);
        let (after_end, after) = self.after_qualifier(end);
        let q = Quantity {
            start: s,
            end,
            qual_start,
            after_end,
            value: value.to_f64(),
            unit: self.t.percent,
            qualifier: pick_qualifier(None, after, before),
            range: RangeEnd::Single,
            power: 0,
        };
        (!self.in_name(&q)).then_some(q)
    }

    /// Magnitudes, an inner qualifier (余, 多) and a unit after a numeral.
    fn suffix(&self, pos: usize) -> Suffix {
        let mut sfx = Suffix {
            power: 0,
            inside: None,
            unit: None,
            end: pos,
        };
        for _ in 0..6 {
            let Some(rest) = self.text.get(sfx.end..) else {
                break;
            };
            if let Some((u, len)) = self.t.unit_at(rest) {
                sfx.unit = Some((u, sfx.end));
                sfx.end += len;
                break;
            }
            let Some(c) = rest.chars().next() else {
                break;
            };
            if let Some(p) = numbers::magnitude_power(c) {
                sfx.power += p;
                sfx.end += c.len_utf8();
                continue;
            }
            if sfx.inside.is_none() {
                if let Some((len, q)) = self.t.inside.qualifier_prefix(rest) {
                    sfx.inside = Some(q);
                    sfx.end += len;
                    continue;
                }
            }
            break;
        }
        sfx
    }

    /// A quantity from a numeral and a suffix with a unit, or `None` when
    /// it is not a figure.
    fn finish(&mut self, s: usize, n: Numeral, sfx: Suffix) -> Option<Quantity> {
        let (unit_idx, _) = sfx.unit?;
        let t = self.t;
        let text = self.text;
        let unit = &t.units[unit_idx];
        let numeral = &text[s..n.end];
        match n.script {
            Script::ChineseDigits => return None,
            Script::Chinese if unit.arabic_only => return None,
            // 一年来, 一次性, 一个: the article, not a count.
            Script::Chinese if sfx.power == 0 && matches!(numeral, "一" | "壹") => return None,
            _ => {}
        }
        let plain = n.value.to_f64();
        if unit.base == "年"
            && n.value
                .to_integer()
                .is_some_and(|y| (1000..3000).contains(&y))
        {
            return None; // a year
        }
        // `20.2026年10件民生实事`: a list label before a year, not 20.2026.
        if unit.base == "年" && label_before_year(numeral) {
            return None;
        }
        if let Some(max) = unit.max_number {
            if sfx.power != 0 || n.value.to_integer().is_none() || plain > max {
                return None;
            }
        }
        let before = &text[..s];
        if n.script == Script::Chinese
            && numeral.starts_with('十')
            && t.vague_before.suffix_of(before).is_some()
        {
            return None; // 数十个, 几十家
        }
        if self.bad_after_numeral(n.end) {
            return None;
        }
        let (qual_start, before_q) = self.before_qualifier(s);
        let before_trim = before.trim_end();
        if t.ordinal_before.suffix_of(before_trim).is_some() {
            return None;
        }
        if unit.ranking && t.ranking_before.suffix_of(before_trim).is_some() {
            return None;
        }
        if t.name_phrases.prefix_of(&text[s..]).is_some() {
            return None;
        }
        if unit.radius && self.radius_name(sfx.end) {
            return None;
        }
        if plain <= t.rhetorical_max && t.rhetorical_nouns.prefix_of(&text[sfx.end..]).is_some() {
            return None; // 三个方面, 五项原则
        }
        // 元/吨, 元/平方米: a rate per unit, not an amount.
        if text[sfx.end..].starts_with(['/', '／']) {
            return None;
        }
        let (after_end, after_q) = self.after_qualifier(sfx.end);
        let q = Quantity {
            start: s,
            end: sfx.end,
            qual_start,
            after_end,
            value: n.value.shift(sfx.power + unit.power).to_f64(),
            unit: unit_idx,
            qualifier: pick_qualifier(sfx.inside, after_q, before_q),
            range: RangeEnd::Single,
            power: sfx.power,
        };
        (!self.in_name(&q)).then_some(q)
    }

    /// `万`, `亿` or `千万` with no digits, counted only with a qualifier:
    /// `超万亿元`, `近千人`, `亿元以上`; never `万元地区生产总值能耗`.
    fn bare_magnitude(&mut self, s: usize, run_end: usize) -> Option<Quantity> {
        let text = self.text;
        let mut power = 0;
        for c in text[s..run_end].chars() {
            power += numbers::magnitude_power(c)?;
        }
        let sfx = self.suffix(run_end);
        let (unit_idx, _) = sfx.unit?;
        let unit = &self.t.units[unit_idx];
        if unit.arabic_only || unit.max_number.is_some() || sfx.inside.is_some() {
            return None;
        }
        let (qual_start, before_q) = self.before_qualifier(s);
        let (after_end, after_q) = self.after_qualifier(sfx.end);
        if before_q.is_none() && after_q.is_none() {
            return None;
        }
        let q = Quantity {
            start: s,
            end: sfx.end,
            qual_start,
            after_end,
            value: Decimal::integer(1)
                .shift(power + sfx.power + unit.power)
                .to_f64(),
            unit: unit_idx,
            qualifier: pick_qualifier(None, after_q, before_q),
            range: RangeEnd::Single,
            power: power + sfx.power,
        };
        (!self.in_name(&q)).then_some(q)
    }

    /// `两三个`, `三四十万元`, `七八成`: two neighbouring Chinese digits.
    fn approximate_range(&mut self, s: usize, run_end: usize) -> Option<Vec<Quantity>> {
        let text = self.text;
        let mut chars = text[s..run_end].char_indices();
        let (_, a) = chars.next()?;
        let (b_off, b) = chars.next()?;
        let (lo, hi) = (numbers::chinese_digit(a)?, numbers::chinese_digit(b)?);
        if lo == 0 || hi != lo + 1 {
            return None;
        }
        let mut power = 0i32;
        let mut places = 0;
        for (_, c) in chars {
            power += match numbers::chinese_small_unit(c) {
                Some(u) => {
                    places += 1;
                    (u as f64).log10().round() as i32
                }
                None => numbers::magnitude_power(c)?,
            };
        }
        if places > 1 {
            return None;
        }
        let sfx = self.suffix(run_end);
        sfx.unit?;
        let low_numeral = Numeral {
            value: Decimal::integer(lo as u64).shift(power),
            end: run_end,
            script: Script::Chinese,
        };
        let mut low = self.finish(s, low_numeral, sfx)?;
        let high_numeral = Numeral {
            value: Decimal::integer(hi as u64).shift(power),
            end: run_end,
            script: Script::Chinese,
        };
        let mut high = self.finish(s, high_numeral, sfx)?;
        low.end = s + b_off;
        low.after_end = low.end;
        high.start = s + b_off;
        high.qual_start = high.start;
        Some(range_pair(low, high))
    }

    /// After a complete quantity, `—6.5%` or `至10个`: the high end.
    fn range_high(&mut self, low: &Quantity) -> Option<Quantity> {
        let rest = &self.text[low.end..];
        let conn = self.t.connectors.prefix_of(rest)?;
        let start = low.end + conn.len();
        let c = self.text[start..].chars().next()?;
        if !numbers::starts_numeral(c) {
            return None;
        }
        let high = self.quantities_at(start, false)?.pop()?;
        (high.unit == low.unit && high.qual_start == high.start).then_some(high)
    }

    /// `1至2亿元`, `3—5年`, `6—6.5%`: a bare numeral, a connector, a
    /// quantity; the unit and magnitude written once apply to both ends.
    fn range_from_bare(&mut self, s: usize, n: Numeral, sfx: Suffix) -> Option<Vec<Quantity>> {
        if n.script == Script::ChineseDigits || sfx.inside.is_some() {
            return None;
        }
        let conn = self.t.connectors.prefix_of(&self.text[sfx.end..])?;
        let high_start = sfx.end + conn.len();
        let c = self.text[high_start..].chars().next()?;
        if !numbers::starts_numeral(c) {
            return None;
        }
        let high = self.quantities_at(high_start, false)?.pop()?;
        if high.qual_start != high.start {
            return None;
        }
        let power = if sfx.power != 0 {
            sfx.power
        } else {
            high.power
        };
        let unit_idx = high.unit;
        let unit = &self.t.units[unit_idx];
        // Check the low end as if the unit were written after it.
        let probe = Suffix {
            power,
            inside: None,
            unit: Some((unit_idx, sfx.end)),
            end: sfx.end,
        };
        let mut low = self.finish(s, n, probe)?;
        low.value = n.value.shift(power + unit.power).to_f64();
        Some(range_pair(low, high))
    }

    /// A qualifier word right before byte `s`: (where it starts, which).
    fn before_qualifier(&self, s: usize) -> (usize, Option<Qualifier>) {
        match self.t.before.qualifier_suffix(&self.text[..s]) {
            Some((len, q)) => (s - len, Some(q)),
            None => (s, None),
        }
    }

    /// A qualifier word right after byte `end`: (where it ends, which).
    fn after_qualifier(&self, end: usize) -> (usize, Option<Qualifier>) {
        match self.t.after.qualifier_prefix(&self.text[end..]) {
            Some((len, q)) => (end + len, Some(q)),
            None => (end, None),
        }
    }

    /// Characters before a numeral that make it part of a code, a name or
    /// page furniture: `PM2.5`, `1+1+N`, `127/192`, `-39篇`, `[6]`.
    fn rejected_before(&self, s: usize, check_dash: bool) -> bool {
        let mut back = self.text[..s].chars().rev();
        let Some(prev) = back.next() else {
            return false;
        };
        if is_latin(prev) || prev.is_ascii_digit() {
            return true;
        }
        if matches!(
            prev,
            '+' | '＋'
                | '/'
                | '／'
                | '×'
                | '*'
                | '#'
                | '@'
                | '_'
                | '='
                | '&'
                | '.'
                | '．'
                | '\\'
                | '|'
                | '%'
                | '％'
                | '['
                | '［'
                | '【'
        ) {
            return true;
        }
        // A lone dash or tilde before a number: the high end of a range
        // already read, or a page counter (`报告-39篇`); a double dash is
        // a bullet (`——5个`).
        if check_dash && matches!(prev, '-' | '－' | '–' | '—' | '~' | '～') {
            return back.next() != Some(prev);
        }
        false
    }

    /// Characters right after the numeral that make it a code or a note:
    /// `1+1+N`, `1.2.3`, `127/192`, `[6]`.
    fn bad_after_numeral(&self, end: usize) -> bool {
        let mut next = self.text[end..].chars();
        match next.next() {
            Some('+' | '＋' | ']' | '］' | '】' | '/' | '／') => true,
            Some('.' | '．') => next.next().is_some_and(ascii_or_full_digit),
            _ => false,
        }
    }

    /// `15分钟生活圈`, `1小时经济圈`: a radius naming an area.
    fn radius_name(&self, unit_end: usize) -> bool {
        let t = self.t;
        let mut rest = &self.text[unit_end..];
        for _ in 0..t.radius_window_chars {
            if t.radius_tails.prefix_of(rest).is_some() {
                return true;
            }
            let Some(c) = rest.chars().next() else {
                return false;
            };
            if is_clause_end(c) {
                return false;
            }
            rest = &rest[c.len_utf8()..];
        }
        false
    }

    /// Inside quotes, a number is part of a name (`“十五条硬措施”`,
    /// `“三公里”就业平台`) unless the quantity is all the quote holds and
    /// the quote is not itself a modifier (`双“100%”`). Book titles
    /// (`《…十项重点任务》`) are always names.
    fn in_name(&mut self, q: &Quantity) -> bool {
        let text = self.text;
        let spans = self.quotes.get_or_insert_with(|| quote_spans(text));
        // Spans are sorted by start and short, so only those starting a
        // little before the quantity can hold it.
        let upto = spans.partition_point(|sp| sp.content_start <= q.start);
        let reach = q.start.saturating_sub(MAX_TITLE_CHARS * 4);
        let Some(span) = spans[..upto]
            .iter()
            .rev()
            .take_while(|sp| sp.content_start >= reach)
            .filter(|sp| q.end <= sp.content_end)
            .max_by_key(|sp| sp.content_start)
        else {
            return false;
        };
        if span.title {
            return true;
        }
        let content = text[span.content_start..span.content_end].trim();
        if content != text[q.qual_start..q.after_end].trim() {
            return true;
        }
        text[span.close_end..]
            .chars()
            .next()
            .is_some_and(crate::text::chars::is_han)
    }
}

/// Low end `>=`, high end `<=` (SPEC ranges).
fn range_pair(mut low: Quantity, mut high: Quantity) -> Vec<Quantity> {
    low.qualifier = Qualifier::AtLeast;
    low.range = RangeEnd::Low;
    high.qualifier = Qualifier::AtMost;
    high.range = RangeEnd::High;
    vec![low, high]
}

/// The inner qualifier (余) is the most specific, then the one after the
/// unit (以上), then the one before the number (超过).
fn pick_qualifier(
    inside: Option<Qualifier>,
    after: Option<Qualifier>,
    before: Option<Qualifier>,
) -> Qualifier {
    inside.or(after).or(before).unwrap_or(Qualifier::Exact)
}

/// `20.2026`: digits, a point, then four digits that read as a year.
fn label_before_year(numeral: &str) -> bool {
    numeral
        .split_once(['.', '．'])
        .and_then(|(_, frac)| numbers::parse_integer(frac).filter(|_| frac.chars().count() == 4))
        .is_some_and(|y| (1900..2100).contains(&y))
}

fn prev_boundary(text: &str, end: usize) -> usize {
    text[..end]
        .char_indices()
        .next_back()
        .map(|(i, _)| i)
        .unwrap_or(0)
}

fn ascii_or_full_digit(c: char) -> bool {
    numbers::ascii_digit(c).is_some()
}

/// Latin letters, half- or full-width.
fn is_latin(c: char) -> bool {
    c.is_ascii_alphabetic() || matches!(c, 'Ａ'..='Ｚ' | 'ａ'..='ｚ')
}

/// Punctuation that ends a clause.
pub(super) fn is_clause_end(c: char) -> bool {
    matches!(
        c,
        '，' | ',' | '。' | '；' | ';' | '：' | ':' | '！' | '!' | '？' | '?' | '…' | '\n' | '\r'
    )
}

/// Where a figure's context stops: a sentence end, and also an ellipsis
/// or a line break, since a figure is never read across them.
pub(super) fn ends_context(c: char) -> bool {
    crate::text::chars::is_sentence_end(c) || matches!(c, '…' | '\n' | '\r')
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::figures::tables::tables;

    fn raws(text: &str) -> Vec<(String, f64, String)> {
        let t = tables();
        scan(text, t)
            .into_iter()
            .map(|q| {
                (
                    text[q.start..q.end].to_string(),
                    q.value,
                    t.units[q.unit].base.clone(),
                )
            })
            .collect()
    }

    #[test]
    fn finds_basic_quantities() {
        let got = raws("新增城镇就业1.2万人，投入资金2.45亿元，增长5.3%");
        assert_eq!(got.len(), 3, "{got:?}");
        assert_eq!(got[0], ("1.2万人".into(), 12000.0, "人".into()));
        assert_eq!(got[1], ("2.45亿元".into(), 245000000.0, "元".into()));
        assert_eq!(got[2], ("5.3%".into(), 5.3, "%".into()));
    }

    #[test]
    fn skips_non_figures() {
        for text in [
            "2023年",
            "第七届",
            "PM2.5考核",
            "“1+1+N”",
            "20+10",
            "第127/192页",
            "报告-39篇",
            "一年来",
            "十四五期间",
            "二〇二三年",
            "[6]",
            "九年义务教育",
            "15分钟医保服务圈",
            "八项规定",
            "“十五条硬措施”",
            "《推进法治政府建设十项重点任务》",
            "千家万户",
            "万元地区生产总值能耗",
            "数十个",
            "20.2026年",
            "四平新开区",
            "二人转",
        ] {
            assert!(raws(text).is_empty(), "{text}: {:?}", raws(text));
        }
    }

    #[test]
    fn ranges_are_two_figures() {
        let got = raws("增长6%—6.5%");
        assert_eq!(got.len(), 2);
        assert_eq!(got[0].1, 6.0);
        assert_eq!(got[1].1, 6.5);
        let got = raws("投资1至2亿元");
        assert_eq!(got[0], ("1".into(), 1e8, "元".into()));
        assert_eq!(got[1], ("2亿元".into(), 2e8, "元".into()));
        let got = raws("建设两三个");
        assert_eq!(got.len(), 2);
        assert_eq!((got[0].1, got[1].1), (2.0, 3.0));
        assert!(raws("2021—2025年").is_empty());
    }

    #[test]
    fn magnitudes_and_units_interleave() {
        assert_eq!(raws("12万千瓦")[0].1, 120000.0);
        assert_eq!(raws("12万千瓦")[0].2, "千瓦");
        assert_eq!(raws("两千瓦")[0].1, 2.0);
        assert_eq!(raws("5000余万元")[0].1, 5e7);
        assert_eq!(raws("4万余名")[0].1, 40000.0);
        assert_eq!(raws("八成")[0], ("八成".into(), 80.0, "%".into()));
        assert_eq!(raws("百分之八十九点四")[0].1, 89.4);
        let got = raws("节约煤和电百分之二到三");
        assert_eq!((got[0].1, got[1].1), (2.0, 3.0));
        assert_eq!((got[0].2.as_str(), got[1].2.as_str()), ("%", "%"));
        assert_eq!(raws("超万亿元")[0].1, 1e12);
    }
}
