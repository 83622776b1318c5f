//! The CJK-aware line wrapper: the one place that decides where a line of
//! report text breaks on screen.
//!
//! Break opportunities come from Unicode line breaking (UAX #14, through
//! icu4x's segmenter, so of a current Unicode version), which
//! keeps runs of Latin letters and digits (`PM2.5`, `2.45`) together and
//! allows a break between any two Chinese characters. On top of it the
//! Chinese rules of 避头尾 apply: closing punctuation (`，。、；：！？）」』”`…)
//! never starts a line and opening brackets never end one; when the natural
//! break would violate them, the break moves back so the preceding character
//! goes to the next line with the punctuation. Only a line that offers no
//! legal break at all is cut where it overflows.
//!
//! Spaces at a break hang: they do not count toward the width and are left
//! out of both lines. Everything else is kept: joining the lines with the
//! whitespace between them gives the text back.

use super::width::grapheme_width;
use icu_segmenter::options::LineBreakOptions;
use icu_segmenter::{LineSegmenter, LineSegmenterBorrowed};
use std::ops::Range;
use unicode_segmentation::UnicodeSegmentation;

/// One screen line: a byte range of the wrapped text and its width.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WrappedLine {
    /// Byte range in the text, on char boundaries; trailing whitespace and
    /// line feeds at the break are outside it.
    pub range: Range<usize>,
    /// Display columns of the text in `range`.
    pub width: usize,
}

/// Punctuation that must not start a line.
pub fn is_no_start(c: char) -> bool {
    matches!(
        c,
        '，' | '。'
            | '、'
            | '；'
            | '：'
            | '！'
            | '？'
            | '）'
            | '」'
            | '』'
            | '”'
            | '’'
            | '》'
            | '〉'
            | '】'
            | '〕'
            | '〗'
            | '〙'
            | '〛'
            | '｝'
            | '］'
            | '〞'
            | '％'
            | '‰'
            | '．'
            | '｡'
            | '､'
            | ','
            | '.'
            | ';'
            | ':'
            | '!'
            | '?'
            | ')'
            | ']'
            | '}'
            | '%'
    )
}

/// Brackets and quotes that must not end a line.
pub fn is_no_end(c: char) -> bool {
    matches!(
        c,
        '（' | '「'
            | '『'
            | '“'
            | '‘'
            | '《'
            | '〈'
            | '【'
            | '〔'
            | '〖'
            | '〘'
            | '〚'
            | '｛'
            | '［'
            | '〝'
            | '('
            | '['
            | '{'
    )
}

fn is_hanging_space(c: char) -> bool {
    matches!(
        c,
        ' ' | '\u{3000}'
            | '\t'
            | '\n'
            | '\r'
            | '\u{0B}'
            | '\u{0C}'
            | '\u{85}'
            | '\u{2028}'
            | '\u{2029}'
    )
}

/// One grapheme cluster of the text, with what the wrapper needs to know.
#[derive(Debug, Clone, Copy)]
struct Cluster {
    start: usize,
    width: usize,
    first: char,
    last: char,
    space: bool,
    /// UAX #14 allows a break before this cluster.
    may_break_before: bool,
    /// UAX #14 requires a break before this cluster.
    must_break_before: bool,
}

fn clusters(text: &str) -> Vec<Cluster> {
    let mut out: Vec<Cluster> = text
        .grapheme_indices(true)
        .map(|(start, g)| {
            let mut chars = g.chars();
            let first = chars.next().unwrap_or(' ');
            let last = chars.next_back().unwrap_or(first);
            Cluster {
                start,
                width: grapheme_width(g),
                first,
                last,
                space: g.chars().all(is_hanging_space),
                may_break_before: false,
                must_break_before: false,
            }
        })
        .collect();
    // Both lists are in text order: merge them.
    let mut i = 0;
    for pos in SEGMENTER.segment_str(text) {
        while i < out.len() && out[i].start < pos {
            i += 1;
        }
        if i == out.len() {
            break;
        }
        if out[i].start == pos && i > 0 {
            out[i].may_break_before = true;
            out[i].must_break_before = is_hard_break(out[i - 1].last);
        }
    }
    // The segmenter's stable rules never break next to a quotation mark;
    // Unicode 15.1 (LB19a) does in East Asian text, where `“` opens and
    // `”` closes like a bracket.
    for i in 1..out.len() {
        let (before, after) = (out[i - 1], out[i]);
        let east_asian = |c: &Cluster| c.width == 2;
        if (matches!(after.first, '“' | '‘') && east_asian(&before))
            || (matches!(before.last, '”' | '’') && east_asian(&after))
        {
            out[i].may_break_before = true;
        }
    }
    out
}

/// Line breaking of the Unicode version icu4x carries. The complex
/// scripts of South-East Asia need dictionaries reports never use.
static SEGMENTER: LineSegmenterBorrowed<'static> =
    LineSegmenter::new_for_non_complex_scripts(LineBreakOptions::default());

/// UAX #14 LB4 and LB5: a line ends after these (CR LF is one cluster).
fn is_hard_break(c: char) -> bool {
    matches!(
        c,
        '\n' | '\r' | '\u{0B}' | '\u{0C}' | '\u{85}' | '\u{2028}' | '\u{2029}'
    )
}

/// The kinsoku rules for starting the next line at cluster `i` of a line
/// that began at `start`. Spaces at the break hang, so the rules look past
/// them to the characters that end up at the line edges.
fn kinsoku_allows(cs: &[Cluster], start: usize, i: usize) -> bool {
    if i <= start || i >= cs.len() {
        return false;
    }
    if cs[i..]
        .iter()
        .find(|c| !c.space)
        .is_some_and(|n| is_no_start(n.first))
    {
        return false;
    }
    // No non-space cluster before the break: the line would be blank.
    cs[start..i]
        .iter()
        .rev()
        .find(|c| !c.space)
        .is_some_and(|p| !is_no_end(p.last))
}

/// Wrap `text` into lines of at most `width` columns.
///
/// Always returns at least one line. A width of 0 is treated as 1; a single
/// character wider than `width` (a Chinese character at width 1) gets a line
/// of its own, the only case where a line is wider than `width`.
pub fn wrap(text: &str, width: usize) -> Vec<WrappedLine> {
    let width = width.max(1);
    let cs = clusters(text);
    let mut lines = Vec::new();
    let mut start = 0; // index into cs of the first cluster of the line
    while start < cs.len() {
        let (end, next) = line_end(&cs, start, width);
        lines.push(make_line(text, &cs, start, end));
        start = next;
    }
    if lines.is_empty() {
        lines.push(WrappedLine {
            range: 0..0,
            width: 0,
        });
    }
    lines
}

/// Where the line beginning at cluster `start` ends: (end of its visible
/// clusters, first cluster of the next line), both cluster indices.
fn line_end(cs: &[Cluster], start: usize, width: usize) -> (usize, usize) {
    let mut used = 0;
    // The best break seen so far: the cluster index the next line starts at.
    let mut last_legal: Option<usize> = None;
    let mut i = start;
    while i < cs.len() {
        let c = &cs[i];
        if i > start && c.must_break_before {
            return (i, i);
        }
        if i > start && c.may_break_before && kinsoku_allows(cs, start, i) {
            last_legal = Some(i);
        }
        if !c.space && used + c.width > width && i > start {
            let at = match last_legal {
                Some(b) => b,
                None => emergency_break(cs, start, i),
            };
            return (at, at);
        }
        used += c.width;
        i += 1;
    }
    (cs.len(), cs.len())
}

/// A line with no UAX #14 break that fits: break between any two clusters
/// that the kinsoku rules allow, as late as possible; failing that, where
/// it overflows.
fn emergency_break(cs: &[Cluster], start: usize, overflow: usize) -> usize {
    (start + 1..=overflow)
        .rev()
        .find(|&j| !cs[j].space && kinsoku_allows(cs, start, j))
        .unwrap_or(overflow)
}

fn make_line(text: &str, cs: &[Cluster], start: usize, end: usize) -> WrappedLine {
    // Leave out hanging whitespace on both sides of a break.
    let mut first = start;
    if start > 0 {
        while first < end && cs[first].space {
            first += 1;
        }
    }
    let mut last = end;
    while last > first && cs[last - 1].space {
        last -= 1;
    }
    let byte = |i: usize| cs.get(i).map(|c| c.start).unwrap_or(text.len());
    WrappedLine {
        range: byte(first)..byte(last),
        width: cs[first..last].iter().map(|c| c.width).sum(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lines(text: &str, width: usize) -> Vec<&str> {
        wrap(text, width)
            .into_iter()
            .map(|l| &text[l.range])
            .collect()
    }

    #[test]
    fn chinese_wraps_between_characters() {
        assert_eq!(lines("政府工作报告", 4), ["政府", "工作", "报告"]);
        assert_eq!(lines("政府工作报告", 5), ["政府", "工作", "报告"]);
    }

    #[test]
    fn closing_punctuation_never_starts_a_line() {
        // At width 4 the natural break would put `，` first on line 2.
        assert_eq!(lines("发展，稳定", 4), ["发", "展，", "稳定"]);
        assert_eq!(lines("增长了。”下一", 6), ["增长", "了。”", "下一"]);
    }

    #[test]
    fn opening_brackets_never_end_a_line() {
        assert_eq!(lines("甲乙（丙丁）", 6), ["甲乙", "（丙", "丁）"]);
        assert_eq!(lines("甲乙丙“丁”", 8), ["甲乙丙", "“丁”"]);
    }

    #[test]
    fn latin_and_digits_stay_together() {
        assert_eq!(lines("排名PM2.5第一", 8), ["排名", "PM2.5第", "一"]);
        assert_eq!(lines("投入2.45亿元", 6), ["投入", "2.45亿", "元"]);
    }

    #[test]
    fn spaces_hang_at_a_break() {
        assert_eq!(lines("aaa bbbb", 4), ["aaa", "bbbb"]);
        assert_eq!(lines("aaaa bbbb", 4), ["aaaa", "bbbb"]);
        assert_eq!(lines("a    b", 2), ["a", "b"]);
    }

    #[test]
    fn long_words_are_cut() {
        assert_eq!(lines("abcdefgh", 3), ["abc", "def", "gh"]);
    }

    #[test]
    fn newlines_are_mandatory_breaks() {
        assert_eq!(lines("ab\ncd", 10), ["ab", "cd"]);
        assert_eq!(lines("ab\r\ncd", 10), ["ab", "cd"]);
    }

    #[test]
    fn degenerate_input() {
        assert_eq!(
            wrap("", 10),
            [WrappedLine {
                range: 0..0,
                width: 0
            }]
        );
        assert_eq!(lines("   ", 10), [""]);
        assert_eq!(lines("政府", 1), ["政", "府"]);
        assert_eq!(lines("政府", 0), ["政", "府"]);
        assert_eq!(lines("，，，，", 4), ["，，", "，，"]);
    }
}
