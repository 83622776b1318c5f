//! Sentences of report text: cut at 。！？； (and their ASCII forms).

use std::ops::Range;

use super::chars::is_sentence_end;

/// The sentence holding the byte range `within` of `text`: from after the
/// previous sentence end to its own end mark (included), without leading
/// spaces. Out-of-range or mid-character input is clamped, never a panic.
pub fn sentence_around(text: &str, within: Range<usize>) -> Range<usize> {
    let floor = |mut i: usize| {
        i = i.min(text.len());
        while !text.is_char_boundary(i) {
            i -= 1;
        }
        i
    };
    let from = floor(within.start);
    let to = floor(within.end.max(within.start));
    let start = text[..from]
        .char_indices()
        .rev()
        .find(|&(_, c)| is_sentence_end(c))
        .map(|(i, c)| i + c.len_utf8())
        .unwrap_or(0);
    let start = start + (text[start..].len() - text[start..].trim_start().len());
    let end = text[to..]
        .char_indices()
        .find(|&(_, c)| is_sentence_end(c))
        .map(|(i, c)| to + i + c.len_utf8())
        .unwrap_or(text.len());
    start.min(end)..end
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_the_sentence() {
        let text = "全年新增城镇就业9568人。民生支出占比88.8%；完成目标。";
        let at = text.find("88.8%").unwrap();
        let s = sentence_around(text, at..at + 5);
        assert_eq!(&text[s], "民生支出占比88.8%；");
        let s = sentence_around(text, 0..3);
        assert_eq!(&text[s], "全年新增城镇就业9568人。");
        let s = sentence_around(text, text.len()..text.len() + 9);
        assert_eq!(&text[s], "");
        // A range cutting a character is clamped, not a panic.
        let s = sentence_around(text, 1..2);
        assert_eq!(&text[s], "全年新增城镇就业9568人。");
        assert_eq!(sentence_around("无句号", 3..6), 0..9);
    }
}
