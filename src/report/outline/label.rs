//! Recognising the numbering at the start of a paragraph (`一、`, `（一）`,
//! `1.`, `（1）`, `①`, `一是`, `第一，`, `［1］`) and the title after it.

use crate::numbers::{self, Enclosure};
use crate::text::chars::is_han;
use std::ops::Range;

/// A numbering style. Styles have a customary order (`一、` above `（一）`
/// above `1.` above `（1）`), used only when the text itself does not show
/// how two styles nest.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Style {
    /// `第一部分`, `第一章`, `第一篇`: parts above `一、`.
    Part,
    /// `一、`
    CnComma,
    /// `（一）`, `(一)`, `㈠`
    CnParen,
    /// `一是`, `一要`
    CnShi,
    /// `第一，`, `第一、`
    CnDi,
    /// `1.`, `1、`, `1．`, `⒈`
    ArabicDot,
    /// `（1）`, `(1)`, `⑴`
    ArabicParen,
    /// `①`
    Circled,
    /// `［1］`, `[1]`, `〔1〕`: note numbers, only in appendices.
    Bracket,
    /// A top-level part without a number (`2026年重点工作`).
    Unnumbered,
}

impl Style {
    /// Customary rank: smaller is higher in the hierarchy.
    pub fn rank(self) -> u8 {
        match self {
            Style::Part => 0,
            Style::CnComma | Style::Unnumbered => 1,
            Style::CnParen => 2,
            Style::CnShi | Style::CnDi => 3,
            Style::ArabicDot => 4,
            Style::ArabicParen => 5,
            Style::Circled => 6,
            Style::Bracket => 7,
        }
    }

    /// Styles that number the parts of a whole report, never items under
    /// something the text leaves out.
    pub fn is_top_level(self) -> bool {
        self.rank() <= Style::CnComma.rank()
    }

    /// Enumerations (`一是`, `第一，`) and deeper list styles: items of
    /// a paragraph's length as often as headings.
    pub fn is_enumeration_or_deeper(self) -> bool {
        self.rank() >= Style::CnShi.rank()
    }
}

/// A recognised label at the start of a paragraph.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Label {
    pub style: Style,
    pub ordinal: u32,
    /// Byte range of the label (`（一）`) in the paragraph text.
    pub range: Range<usize>,
    /// `20.2026年…` reads as a decimal too: a label only where it is the
    /// next number of an open list.
    pub continues_only: bool,
}

/// Largest ordinal a list label may carry; larger numbers are years or
/// statistics (`2023年`, `120.5`).
const MAX_ORDINAL: u32 = 99;

pub fn is_cn_numeral(c: char) -> bool {
    matches!(
        c,
        '一' | '二' | '三' | '四' | '五' | '六' | '七' | '八' | '九' | '十' | '〇' | '零' | '百'
    )
}

pub fn is_digit(c: char) -> bool {
    numbers::ascii_digit(c).is_some()
}

/// Byte offset of the first non-whitespace character (full-width spaces
/// included).
pub fn skip_space(text: &str, from: usize) -> usize {
    text.get(from..)
        .and_then(|rest| rest.char_indices().find(|(_, c)| !c.is_whitespace()))
        .map(|(i, _)| from + i)
        .unwrap_or(text.len())
}

/// A run of characters satisfying `pred` starting at byte `from`, at most
/// `max` characters: its end offset and length in characters.
fn run(text: &str, from: usize, max: usize, pred: impl Fn(char) -> bool) -> (usize, usize) {
    let mut end = from;
    let mut n = 0;
    for c in text[from..].chars() {
        if n == max || !pred(c) {
            break;
        }
        end += c.len_utf8();
        n += 1;
    }
    (end, n)
}

fn ordinal(s: &str) -> Option<u32> {
    let v = numbers::parse_integer(s)?;
    (1..=MAX_ORDINAL as u64).contains(&v).then_some(v as u32)
}

fn char_at(text: &str, at: usize) -> Option<char> {
    text.get(at..).and_then(|s| s.chars().next())
}

/// Recognise a label at the start of `text` (after leading spaces).
/// `brackets`: also accept `［1］`-style note numbers.
pub fn parse_label(text: &str, brackets: bool) -> Option<Label> {
    let start = skip_space(text, 0);
    let first = char_at(text, start)?;
    let after_first = start + first.len_utf8();
    let label = |style, ordinal, end| {
        Some(Label {
            style,
            ordinal,
            range: start..end,
            continues_only: false,
        })
    };

    if let Some((n, enclosure)) = numbers::enclosed_number(first) {
        let style = match enclosure {
            Enclosure::Circle => Style::Circled,
            Enclosure::Paren if is_cn_numeral_enclosed(first) => Style::CnParen,
            Enclosure::Paren => Style::ArabicParen,
            Enclosure::FullStop => Style::ArabicDot,
        };
        return label(style, n, after_first);
    }

    match first {
        '（' | '(' => {
            let inner = after_first;
            let (cn_end, cn_len) = run(text, inner, 4, is_cn_numeral);
            let (ar_end, ar_len) = run(text, inner, 3, is_digit);
            let (end, style) = if cn_len > 0 {
                (cn_end, Style::CnParen)
            } else if ar_len > 0 {
                (ar_end, Style::ArabicParen)
            } else {
                return None;
            };
            let close = char_at(text, end)?;
            if close != '）' && close != ')' {
                return None;
            }
            let n = ordinal(&text[inner..end])?;
            label(style, n, end + close.len_utf8())
        }
        '［' | '[' | '〔' | '【' if brackets => {
            let inner = after_first;
            let (end, len) = run(text, inner, 3, is_digit);
            if len == 0 {
                return None;
            }
            let close = char_at(text, end)?;
            if !matches!(close, '］' | ']' | '〕' | '】') {
                return None;
            }
            let n = ordinal(&text[inner..end])?;
            label(Style::Bracket, n, end + close.len_utf8())
        }
        '第' => {
            let (end, len) = run(text, after_first, 4, is_cn_numeral);
            if len == 0 {
                return None;
            }
            let n = ordinal(&text[after_first..end])?;
            let rest = &text[end..];
            if let Some(word) = ["部分", "章", "篇"]
                .into_iter()
                .find(|w| rest.starts_with(w))
            {
                // `第一部分　过去五年工作回顾`, `第二章：…`.
                return label(Style::Part, n, end + word.len());
            }
            let sep = char_at(text, end)?;
            if !matches!(sep, '，' | ',' | '、') {
                return None;
            }
            label(Style::CnDi, n, end + sep.len_utf8())
        }
        c if is_cn_numeral(c) => {
            let (end, _) = run(text, start, 4, is_cn_numeral);
            let sep = char_at(text, end)?;
            let style = match sep {
                '、' => Style::CnComma,
                '是' | '要' => Style::CnShi,
                _ => return None,
            };
            let n = ordinal(&text[start..end])?;
            let label_end = end + sep.len_utf8();
            // `二、三产业`, `一、二季度`: a list of numerals, not a label.
            if style == Style::CnComma {
                if let Some(next) = char_at(text, label_end).filter(|&c| is_cn_numeral(c)) {
                    let follower = char_at(text, label_end + next.len_utf8());
                    if follower.is_some_and(is_numeral_follower) {
                        return None;
                    }
                }
            }
            // `一是` must introduce something; `一要` a clause (`一要素` is a
            // word).
            let next = char_at(text, label_end);
            if style == Style::CnShi
                && (next.is_none()
                    || (sep == '要'
                        && next.is_some_and(|c| c == '素' || !(is_han(c) || is_quote_open(c)))))
            {
                return None;
            }
            label(style, n, label_end)
        }
        c if is_digit(c) => {
            let (end, _) = run(text, start, 4, is_digit);
            let sep = char_at(text, end)?;
            if !matches!(sep, '.' | '．' | '、') {
                return None;
            }
            let label_end = end + sep.len_utf8();
            let n = ordinal(&text[start..end])?;
            // `1.2万元`, `5.5%`, `1、2月`: a number, unless a list expects it.
            match char_at(text, label_end) {
                Some('%' | '％' | '.' | '．') => None,
                Some(next) if is_digit(next) => {
                    let mut l = label(Style::ArabicDot, n, label_end)?;
                    l.continues_only = sep != '、';
                    l.continues_only.then_some(l)
                }
                _ => label(Style::ArabicDot, n, label_end),
            }
        }
        _ => None,
    }
}

/// An opening quote or title mark (`“`, `《`).
pub fn is_quote_open(c: char) -> bool {
    matches!(c, '“' | '"' | '「' | '『' | '‘' | '《')
}

/// `㈠`–`㈩` hold Chinese numerals; `⑴`–`⒇` hold Arabic ones.
fn is_cn_numeral_enclosed(c: char) -> bool {
    ('\u{3220}'..='\u{3229}').contains(&c)
}

/// Characters after `二、三` that show a list of numerals (`二、三产业`,
/// `一、二季度`, `三、四月份`, `一、二线城市`).
fn is_numeral_follower(c: char) -> bool {
    is_cn_numeral(c)
        || matches!(
            c,
            '产' | '季' | '月' | '线' | '级' | '类' | '等' | '次' | '期' | '批' | '、'
        )
}

/// Where the title starts after a label: past spaces, and past the `：`
/// or `、` that may follow a part label (`第二章：`).
pub fn title_start(text: &str, label: &Label) -> usize {
    let after = label.range.end;
    if label.style != Style::Part {
        return after;
    }
    text[after..]
        .char_indices()
        .find(|&(_, c)| !(c.is_whitespace() || matches!(c, '：' | ':' | '、' | '.' | '．')))
        .map_or(text.len(), |(i, _)| after + i)
}

/// How a heading's title ends.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Ending {
    /// The paragraph ends without a sentence end: the title is all of it.
    Paragraph,
    /// `。`, `！`, `？`
    Sentence,
    /// `：` (a definition or an introduction)
    Colon,
    /// `；` (a list item)
    Semicolon,
    /// No end within the length asked for: body text, not a title.
    TooLong,
}

/// The first sentence after a label (or at the start of a paragraph).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Sentence {
    /// Byte range without the closing punctuation.
    pub range: Range<usize>,
    pub chars: usize,
    pub ending: Ending,
    /// Whether more text follows the sentence in the same paragraph.
    pub body_follows: bool,
}

/// The first sentence of `text` starting at byte `from` (leading spaces
/// skipped), looked for in its first `max_chars` characters only: a longer
/// one comes back as `Ending::TooLong`, covering `max_chars` characters,
/// with `chars == max_chars + 1`. A full stop inside quotes does not end a
/// sentence (unless the quotes never close).
pub fn first_sentence(text: &str, from: usize, max_chars: usize) -> Sentence {
    let start = skip_space(text, from);
    let mut depth: i32 = 0;
    let mut chars = 0;
    // A sentence end inside quotes, used when the quotes never close.
    let mut fallback: Option<(usize, usize, char, Ending)> = None;
    for (i, c) in text[start..].char_indices() {
        let ending = match c {
            '“' | '《' | '「' | '『' | '‘' => {
                depth += 1;
                None
            }
            '”' | '》' | '」' | '』' | '’' => {
                depth = (depth - 1).max(0);
                None
            }
            '。' | '！' | '？' | '!' | '?' => Some(Ending::Sentence),
            '：' | ':' => Some(Ending::Colon),
            '；' | ';' => Some(Ending::Semicolon),
            _ => None,
        };
        if let Some(ending) = ending {
            if depth == 0 {
                return sentence_at(text, start, start + i, chars, c, ending);
            }
            fallback.get_or_insert((start + i, chars, c, ending));
        }
        if chars == max_chars {
            if let Some((end, chars, c, ending)) = fallback {
                return sentence_at(text, start, end, chars, c, ending);
            }
            return Sentence {
                range: start..start + i,
                chars: max_chars + 1,
                ending: Ending::TooLong,
                body_follows: true,
            };
        }
        chars += 1;
    }
    if let Some((end, chars, c, ending)) = fallback {
        return sentence_at(text, start, end, chars, c, ending);
    }
    Sentence {
        range: start..text.len(),
        chars,
        ending: Ending::Paragraph,
        body_follows: false,
    }
}

fn sentence_at(
    text: &str,
    start: usize,
    end: usize,
    chars: usize,
    stop: char,
    ending: Ending,
) -> Sentence {
    let after = skip_space(text, end + stop.len_utf8());
    Sentence {
        range: start..end,
        chars,
        ending,
        body_follows: after < text.len(),
    }
}

/// One sentence of a paragraph, as [`sentences`] finds it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Piece {
    /// Byte range without the end mark and without leading spaces.
    pub range: Range<usize>,
    /// Characters in `range`.
    pub chars: usize,
    /// The end mark (`。`), or `None` at the end of the paragraph.
    pub stop: Option<char>,
    /// Byte offset just after the end mark.
    pub end: usize,
}

/// Longest quotation (in characters) that hides its full stops; a quote
/// left open longer than this was never closed.
const MAX_QUOTE_CHARS: usize = 80;

/// The sentences of `text` from byte `from`, cut at `。！？` outside quotes.
pub fn sentences(text: &str, from: usize) -> impl Iterator<Item = Piece> + '_ {
    let mut at = from.min(text.len());
    std::iter::from_fn(move || {
        let start = skip_space(text, at);
        if start >= text.len() {
            return None;
        }
        let mut depth = 0usize;
        let mut quoted_chars = 0;
        let mut chars = 0;
        for (i, c) in text[start..].char_indices() {
            match c {
                '“' | '《' | '「' | '『' | '‘' => depth += 1,
                '”' | '》' | '」' | '』' | '’' => depth = depth.saturating_sub(1),
                '。' | '！' | '？' | '!' | '?' if depth == 0 => {
                    at = start + i + c.len_utf8();
                    return Some(Piece {
                        range: start..start + i,
                        chars,
                        stop: Some(c),
                        end: at,
                    });
                }
                _ => {}
            }
            if depth > 0 {
                quoted_chars += 1;
                if quoted_chars > MAX_QUOTE_CHARS {
                    depth = 0;
                }
            } else {
                quoted_chars = 0;
            }
            chars += 1;
        }
        at = text.len();
        Some(Piece {
            range: start..text.len(),
            chars,
            stop: None,
            end: text.len(),
        })
    })
}

/// Cut a long first sentence to a usable item title: at the first clause
/// break, or after `max_chars` characters. Returns the byte end.
pub fn item_title_end(text: &str, sentence: &Sentence, max_chars: usize) -> usize {
    let s = &text[sentence.range.clone()];
    let mut end = sentence.range.start;
    for (n, (i, c)) in s.char_indices().enumerate() {
        if n > 0 && matches!(c, '，' | ',' | '；' | ';') {
            return sentence.range.start + i;
        }
        if n == max_chars {
            return sentence.range.start + i;
        }
        end = sentence.range.start + i + c.len_utf8();
    }
    end
}

#[cfg(test)]
mod tests {
    use super::*;

    fn style_of(s: &str) -> Option<(Style, u32, &str)> {
        parse_label(s, true)
            .filter(|l| !l.continues_only)
            .map(|l| (l.style, l.ordinal, &s[l.range]))
    }

    #[test]
    fn recognises_styles() {
        assert_eq!(style_of("一、总体要求"), Some((Style::CnComma, 1, "一、")));
        assert_eq!(
            style_of("二、2023年工作思路"),
            Some((Style::CnComma, 2, "二、"))
        );
        assert_eq!(
            style_of("一、五年来的工作"),
            Some((Style::CnComma, 1, "一、"))
        );
        assert_eq!(
            style_of("　　十二、其他"),
            Some((Style::CnComma, 12, "十二、"))
        );
        assert_eq!(style_of("（五）民生"), Some((Style::CnParen, 5, "（五）")));
        assert_eq!(style_of("(六)作风"), Some((Style::CnParen, 6, "(六)")));
        assert_eq!(style_of("㈢作风"), Some((Style::CnParen, 3, "㈢")));
        assert_eq!(style_of("五是民生"), Some((Style::CnShi, 5, "五是")));
        assert_eq!(style_of("二要依法行政"), Some((Style::CnShi, 2, "二要")));
        assert_eq!(style_of("第三，改革"), Some((Style::CnDi, 3, "第三，")));
        assert_eq!(
            style_of("第一部分　回顾"),
            Some((Style::Part, 1, "第一部分"))
        );
        assert_eq!(style_of("第二章：任务"), Some((Style::Part, 2, "第二章")));
        assert_eq!(style_of("1.持续"), Some((Style::ArabicDot, 1, "1.")));
        assert_eq!(style_of("12、持续"), Some((Style::ArabicDot, 12, "12、")));
        assert_eq!(style_of("３．持续"), Some((Style::ArabicDot, 3, "３．")));
        assert_eq!(
            style_of("（１０）持续"),
            Some((Style::ArabicParen, 10, "（１０）"))
        );
        assert_eq!(style_of("⑴持续"), Some((Style::ArabicParen, 1, "⑴")));
        assert_eq!(style_of("③持续"), Some((Style::Circled, 3, "③")));
        assert_eq!(style_of("［24］注"), Some((Style::Bracket, 24, "［24］")));
        assert_eq!(parse_label("［24］注", false), None);
    }

    #[test]
    fn decimals_are_labels_only_in_sequence() {
        for s in ["1.2万元", "20.2026年10件民生实事", "2.5"] {
            assert!(
                parse_label(s, false).is_some_and(|l| l.continues_only),
                "{s}"
            );
        }
        assert!(parse_label("1.持续", false).is_some_and(|l| !l.continues_only));
    }

    #[test]
    fn rejects_numbers_that_are_not_labels() {
        for s in [
            "5.5%左右",
            "2023年",
            "2023.全年",
            "1、2月份",
            "二、三产业",
            "一、二季度",
            "三、四月份",
            "一、二线城市",
            "一是",
            "一要素",
            "二要，",
            "（一",
            "(2023)",
            "第一个五年计划",
            "",
            "是",
        ] {
            assert_eq!(style_of(s), None, "{s}");
        }
    }

    #[test]
    fn first_sentence_skips_quoted_stops() {
        let t = "精准施策稳经济，回升向好态势巩固拓展。面对国内外形势";
        let s = first_sentence(t, 0, 100);
        assert_eq!(&t[s.range.clone()], "精准施策稳经济，回升向好态势巩固拓展");
        assert_eq!(s.ending, Ending::Sentence);
        assert!(s.body_follows);
        let t = "坚持“稳。”字当头：其余";
        let s = first_sentence(t, 0, 100);
        assert_eq!(&t[s.range.clone()], "坚持“稳。”字当头");
        assert_eq!(s.ending, Ending::Colon);
        let t = "一二三四五六，七八";
        let s = first_sentence(t, 0, 4);
        assert_eq!(
            (&t[s.range.clone()], s.chars, s.ending),
            ("一二三四", 5, Ending::TooLong)
        );
        let t = "推进改革";
        let s = first_sentence(t, 0, 100);
        assert_eq!(s.ending, Ending::Paragraph);
        assert_eq!(s.chars, 4);
    }

    #[test]
    fn item_titles_cut_at_clause() {
        let t = "持续开展老旧小区改造工程,涉及6个社区";
        let s = first_sentence(t, 0, 100);
        assert_eq!(&t[..item_title_end(t, &s, 30)], "持续开展老旧小区改造工程");
        let t = "一二三四五六七八九十";
        let s = first_sentence(t, 0, 100);
        assert_eq!(&t[..item_title_end(t, &s, 4)], "一二三四");
    }
}
