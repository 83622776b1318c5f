//! Lines → paragraphs: character clean-up, page furniture removal, joining
//! lines broken mid-sentence. Every paragraph keeps its original line numbers.

mod furniture;

pub use furniture::check_table as check_furniture_table;

use crate::report::{LineSpan, Paragraph};
use crate::text::sanitize;
use std::borrow::Cow;

/// One line of the original file, its characters cleaned.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SourceLine<'a> {
    /// 1-based line number in the original file.
    pub line: u32,
    /// The line without control characters, escape sequences or invisible
    /// characters; odd spaces are plain spaces. Indentation is kept.
    /// Borrowed from the decoded text unless cleaning changed it: no copy
    /// of every line.
    pub text: Cow<'a, str>,
    /// The line held characters, but none that show (zero-width spaces,
    /// escape sequences). Such a line is not a blank line between
    /// paragraphs: Wikisource dumps put them in the middle of a sentence.
    pub only_invisible: bool,
}

/// Split decoded text into lines (LF, CRLF and lone CR each end one line)
/// and clean their characters. Line numbers are those an editor shows; a
/// terminator at the very end does not open another line.
pub fn split_lines(text: &str) -> Vec<SourceLine<'_>> {
    let bytes = text.as_bytes();
    // Sized once: a file of short lines has hundreds of thousands.
    let mut lines = Vec::with_capacity(memchr::memchr2_iter(b'\n', b'\r', bytes).count() + 1);
    let mut start = 0;
    let mut number: u32 = 0;
    while start < bytes.len() {
        let end = memchr::memchr2(b'\n', b'\r', &bytes[start..]).map(|i| start + i);
        let line_end = end.unwrap_or(bytes.len());
        // '\n' and '\r' are ASCII, so both ends lie on char boundaries.
        let raw = &text[start..line_end];
        number = number.saturating_add(1);
        lines.push(source_line(number, raw));
        start = match end {
            None => bytes.len(),
            Some(e) if bytes[e] == b'\r' && bytes.get(e + 1) == Some(&b'\n') => e + 2,
            Some(e) => e + 1,
        };
    }
    lines
}

fn source_line(line: u32, raw: &str) -> SourceLine<'_> {
    let text = sanitize::clean_line(raw);
    let only_invisible = text.trim().is_empty() && !raw.trim().is_empty();
    SourceLine {
        line,
        text,
        only_invisible,
    }
}

/// What a line is for paragraph building.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Role {
    /// Report text.
    Text,
    /// An empty line: ends a paragraph.
    Blank,
    /// Furniture or a line of invisible characters: as if it were not there.
    Skip,
}

/// Remove page furniture and build paragraphs.
///
/// Normally each line is one paragraph. In files that separate paragraphs
/// with blank lines, consecutive lines are the pieces of one paragraph
/// (web dumps break lines around linked words), unless the next line is
/// indented, the previous one ends with a colon or is a numbered title
/// without punctuation, or a numbered item follows a finished sentence.
pub fn clean(lines: &[SourceLine]) -> Vec<Paragraph> {
    let mut roles: Vec<Role> = lines
        .iter()
        .map(|l| {
            if l.only_invisible {
                Role::Skip
            } else if l.text.trim().is_empty() {
                Role::Blank
            } else {
                Role::Text
            }
        })
        .collect();
    furniture::mark(lines, &mut roles);
    let blank_separated = separates_with_blank_lines(&roles);

    let mut paragraphs = Vec::new();
    let mut current: Option<Paragraph> = None;
    for (line, role) in lines.iter().zip(&roles) {
        match role {
            Role::Skip => {}
            Role::Blank => paragraphs.extend(current.take()),
            Role::Text => {
                let piece = collapse_letter_spacing(line.text.trim());
                match current.as_mut() {
                    Some(p) if blank_separated && continues(p, &line.text, &piece) => {
                        append(p, line.line, &piece)
                    }
                    _ => {
                        paragraphs.extend(current.take());
                        current = Some(Paragraph::single(line.line, piece));
                    }
                }
            }
        }
    }
    paragraphs.extend(current);
    paragraphs
}

/// Whether most text lines are followed by a blank line (or the end): then
/// a single line break inside a block is stray.
fn separates_with_blank_lines(roles: &[Role]) -> bool {
    let mut text_lines = 0usize;
    let mut block_ends = 0usize;
    let mut pending_text = false;
    for role in roles {
        match role {
            Role::Skip => {}
            Role::Blank => {
                block_ends += usize::from(pending_text);
                pending_text = false;
            }
            Role::Text => {
                text_lines += 1;
                pending_text = true;
            }
        }
    }
    block_ends += usize::from(pending_text);
    text_lines >= 2 && block_ends * 2 >= text_lines
}

/// Byte length of the numbering label `line` starts with, if any; the
/// outline decides what a label is.
fn label_len(line: &str) -> Option<usize> {
    crate::report::outline::numbering_label_len(line)
}

/// Punctuation that ends a sentence.
fn ends_sentence(c: char) -> bool {
    matches!(c, '。' | '！' | '？' | '!' | '?' | '；' | ';' | '…')
}

fn is_punctuation(c: char) -> bool {
    c.is_ascii_punctuation()
        || matches!(c,
            '\u{3001}'..='\u{303F}'
            | '\u{FF01}'..='\u{FF0F}'
            | '\u{FF1A}'..='\u{FF20}'
            | '\u{FF3B}'..='\u{FF40}'
            | '\u{FF5B}'..='\u{FF65}'
            | '\u{2010}'..='\u{2027}')
}

/// Indented by at least two columns (two spaces or one ideographic space):
/// the line starts a paragraph of its own.
fn is_indented(raw: &str) -> bool {
    let mut columns = 0;
    for c in raw.chars() {
        match c {
            ' ' => columns += 1,
            '\u{3000}' => columns += 2,
            _ => break,
        }
        if columns >= 2 {
            return true;
        }
    }
    false
}

/// Whether the line (`raw`, cleaned to `piece`) goes on with paragraph `p`.
fn continues(p: &Paragraph, raw: &str, piece: &str) -> bool {
    if is_indented(raw) {
        return false;
    }
    let start = p.spans.last().map(|s| s.offset).unwrap_or(0);
    let previous = p.text.get(start..).unwrap_or_default();
    let Some(last) = previous.chars().next_back() else {
        return true;
    };
    if matches!(last, '：' | ':') {
        return false;
    }
    if is_numbered_title(previous) {
        return false;
    }
    !(ends_sentence(last) && label_len(piece).is_some())
}

/// Longest numbered title line that is taken to be complete on its own.
const MAX_TITLE_CHARS: usize = 40;

/// `一、2024年工作回顾` is complete as it stands; `一、` alone is not, nor is
/// `第二，保持经济运行处在合理区间。完善宏观` (a sentence cut off).
fn is_numbered_title(line: &str) -> bool {
    let Some(label) = label_len(line) else {
        return false;
    };
    let title = &line[label..];
    !title.is_empty()
        && title.chars().count() <= MAX_TITLE_CHARS
        && !title.chars().any(ends_sentence)
        && !title.chars().next_back().is_some_and(is_punctuation)
}

fn append(p: &mut Paragraph, line: u32, piece: &str) {
    let joins_words = p
        .text
        .chars()
        .next_back()
        .is_some_and(|c| c.is_ascii_alphabetic())
        && piece
            .chars()
            .next()
            .is_some_and(|c| c.is_ascii_alphabetic());
    if joins_words {
        p.text.push(' ');
    }
    p.spans.push(LineSpan {
        offset: p.text.len(),
        line,
    });
    p.text.push_str(piece);
}

fn is_space(c: char) -> bool {
    c == ' ' || c == '\u{3000}'
}

/// Undo letter-spacing: `政 府 工 作 报 告` → `政府工作报告`, and in lines
/// whose digits are spaced out (`1 9 9 7 年增长1 1 ％`) the spaces after
/// digits, so numbers read as numbers.
fn collapse_letter_spacing(text: &str) -> Cow<'_, str> {
    if !text.contains(is_space) {
        return Cow::Borrowed(text);
    }
    let chars: Vec<char> = text.chars().collect();
    let n = chars.len();
    let mut drop = vec![false; n];
    let mut changed = false;

    // One wide character standing alone between spaces, punctuation or the
    // line's ends (`上海市市长 龚 正` has no such run: 长 is part of a word).
    let apart = |c: char| is_space(c) || is_punctuation(c);
    let lone_wide = |i: usize| {
        !chars[i].is_ascii()
            && !apart(chars[i])
            && (i == 0 || apart(chars[i - 1]))
            && (i + 1 == n || apart(chars[i + 1]))
    };
    let mut i = 0;
    while i < n {
        if !lone_wide(i) {
            i += 1;
            continue;
        }
        let mut j = i;
        while j + 2 < n && is_space(chars[j + 1]) && lone_wide(j + 2) {
            j += 2;
        }
        if (j - i) / 2 + 1 >= 3 {
            for k in (i + 1..j).step_by(2) {
                drop[k] = true;
            }
            changed = true;
        }
        i = j + 1;
    }

    let spaced_digits = chars.windows(5).any(|w| {
        w[0].is_ascii_digit()
            && w[1] == ' '
            && w[2].is_ascii_digit()
            && w[3] == ' '
            && w[4].is_ascii_digit()
    });
    if spaced_digits {
        for k in 1..n.saturating_sub(1) {
            let before = chars[k - 1];
            let after = chars[k + 1];
            if chars[k] == ' '
                && (before.is_ascii_digit() || before.is_numeric())
                && !after.is_whitespace()
                && !after.is_ascii_alphabetic()
            {
                drop[k] = true;
                changed = true;
            }
        }
    }

    if !changed {
        return Cow::Borrowed(text);
    }
    Cow::Owned(
        chars
            .iter()
            .zip(&drop)
            .filter(|(_, d)| !**d)
            .map(|(c, _)| *c)
            .collect(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn paragraphs(text: &str) -> Vec<String> {
        clean(&split_lines(text))
            .into_iter()
            .map(|p| p.text)
            .collect()
    }

    #[test]
    fn line_endings_and_numbers() {
        let lines = split_lines("一\r\n二\r三\n\n五\n");
        let got: Vec<(u32, &str)> = lines.iter().map(|l| (l.line, &*l.text)).collect();
        assert_eq!(got, [(1, "一"), (2, "二"), (3, "三"), (4, ""), (5, "五")]);
        assert!(split_lines("").is_empty());
        assert_eq!(split_lines("\r\n\r\n").len(), 2);
        assert_eq!(split_lines("a\r").len(), 1);
    }

    #[test]
    fn invisible_lines_are_not_blank() {
        let lines = split_lines("社会财产沒\n\u{200b}\n有遭到損坏。\n\n下一段。\n");
        assert!(lines[1].only_invisible);
        let text = "社会财产沒\n\u{200b}\n有遭到損坏。\n\n下一段。\n";
        assert_eq!(paragraphs(text), ["社会财产沒有遭到損坏。", "下一段。"]);
    }

    #[test]
    fn wikisource_breaks_are_joined_with_spans() {
        let text = "各位代表：\n\n我們在聽了劉少奇同志\n關於憲法草案的報告\n，並進行了討論。\n\n一、2024年工作回顾\n过去一年。\n\n一、\n我国人民已经推翻了帝国主义。\n";
        let ps = clean(&split_lines(text));
        let texts: Vec<&str> = ps.iter().map(|p| p.text.as_str()).collect();
        assert_eq!(
            texts,
            [
                "各位代表：",
                "我們在聽了劉少奇同志關於憲法草案的報告，並進行了討論。",
                "一、2024年工作回顾",
                "过去一年。",
                "一、我国人民已经推翻了帝国主义。",
            ]
        );
        let joined = &ps[1];
        assert_eq!(joined.line(), 3);
        assert_eq!(joined.last_line(), 5);
        let at = joined.text.find("關於").unwrap();
        assert_eq!(joined.line_at(at), 4);
        assert_eq!(joined.line_at(joined.text.len() - 1), 5);
    }

    #[test]
    fn one_line_one_paragraph_without_blank_lines() {
        let text = "2026年上海市政府工作报告\n——2026年2月3日在上海市会议上\n各位代表：\n现在，我代表市人民政府报告工作。\n";
        assert_eq!(paragraphs(text).len(), 4);
    }

    #[test]
    fn indentation_never_reaches_text() {
        let text = "\u{3000}\u{3000}各位代表：\n\n  现在，我代表区政府报告工作。\n";
        assert_eq!(
            paragraphs(text),
            ["各位代表：", "现在，我代表区政府报告工作。"]
        );
    }

    #[test]
    fn numbering_labels() {
        assert_eq!(label_len("一、2024年工作回顾"), Some("一、".len()));
        assert_eq!(label_len("（二）民生"), Some("（二）".len()));
        assert_eq!(label_len("1.持续开展"), Some(2));
        assert_eq!(label_len("1.2万元"), None);
        assert_eq!(label_len("2023年"), None);
        assert!(is_numbered_title("一、2024年工作回顾"));
        assert!(!is_numbered_title("一、"));
        assert!(!is_numbered_title(
            "第二，保持经济运行处在合理区间。完善宏观"
        ));
    }

    #[test]
    fn letter_spacing_collapses() {
        assert_eq!(collapse_letter_spacing("政 府 工 作 报 告"), "政府工作报告");
        assert_eq!(
            collapse_letter_spacing("上海市市长 龚 正"),
            "上海市市长 龚 正"
        );
        assert_eq!(
            collapse_letter_spacing("本届政府从1 9 9 3 年3 月就职，增长1 5 ．3 ％"),
            "本届政府从1993年3月就职，增长15．3％"
        );
        assert_eq!(
            collapse_letter_spacing("PM 2.5 and GDP 5 per cent"),
            "PM 2.5 and GDP 5 per cent"
        );
    }

    #[test]
    fn latin_words_keep_a_space_when_joined() {
        let text = "货币M\n2\n增长13%。\n\nsee the\nreport now\n\n一。\n\n二。\n\n三。\n";
        assert_eq!(
            paragraphs(text),
            [
                "货币M2增长13%。",
                "see the report now",
                "一。",
                "二。",
                "三。"
            ]
        );
    }
}
