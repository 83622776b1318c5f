//! Where a query's strings occur in a report's text: the ranges to
//! highlight and the snippet around the first one. Works on the corpus text
//! (the index stores none), with the same folding as the index.

use super::normalize::{self, Unit};
use super::query::Expr;
use crate::report::Report;
use std::ops::Range;

/// One occurrence of a query string in a paragraph.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Match {
    /// Paragraph index in the report.
    pub paragraph: usize,
    /// Byte range in the paragraph text.
    pub bytes: Range<usize>,
    /// Character range in the paragraph text (for highlighting by column).
    pub chars: Range<usize>,
    /// Original line of the match's first character.
    pub line: u32,
}

/// The folded strings of a query that highlight text.
pub fn needles(expr: &Expr) -> Vec<Vec<Option<char>>> {
    let mut out: Vec<Vec<Option<char>>> = expr
        .highlight_strings()
        .into_iter()
        .map(normalize::folded)
        .filter(|n| !n.is_empty())
        .collect();
    // Longer first, so `污水处理` wins over `污水` at the same place.
    out.sort_by_key(|n| std::cmp::Reverse(n.len()));
    out.dedup();
    out
}

/// Every non-overlapping occurrence of the needles in the paragraphs, in
/// text order.
pub fn find(
    report: &Report,
    paragraphs: Range<usize>,
    needles: &[Vec<Option<char>>],
) -> Vec<Match> {
    let mut out = Vec::new();
    if needles.is_empty() {
        return out;
    }
    let end = paragraphs.end.min(report.paragraphs.len());
    for idx in paragraphs.start.min(end)..end {
        let para = &report.paragraphs[idx];
        for (bytes, chars) in find_in(&para.text, needles) {
            out.push(Match {
                paragraph: idx,
                line: para.line_at(bytes.start),
                bytes,
                chars,
            });
        }
    }
    out
}

/// Every non-overlapping occurrence of the needles in one text, in order,
/// as (byte range, char range); the longest wins where several start at
/// the same place. Also finds the query in a snippet, to highlight it.
pub fn find_in(text: &str, needles: &[Vec<Option<char>>]) -> Vec<(Range<usize>, Range<usize>)> {
    let mut out = Vec::new();
    if needles.is_empty() {
        return out;
    }
    let units: Vec<Unit> = normalize::units(text).collect();
    let mut found: Vec<(usize, usize)> = Vec::new();
    for needle in needles {
        if needle.is_empty() || needle.len() > units.len() {
            continue;
        }
        for start in 0..=units.len() - needle.len() {
            if units[start..start + needle.len()]
                .iter()
                .zip(needle)
                .all(|(u, n)| u.ch == *n)
            {
                found.push((start, start + needle.len()));
            }
        }
    }
    found.sort_by_key(|&(s, e)| (s, std::cmp::Reverse(e)));
    let mut last_end = 0;
    for (s, e) in found {
        if s < last_end {
            continue;
        }
        last_end = e;
        let first = units[s];
        let last = units[e - 1];
        let chars_in_last = text[last.start..last.end].chars().count();
        out.push((
            first.start..last.end,
            first.char_index..last.char_index + chars_in_last,
        ));
    }
    out
}

/// About `width` characters of `text` around `bytes`, with `…` where text
/// is cut and whitespace runs shown as one space.
pub fn snippet(text: &str, bytes: Range<usize>, width: usize) -> String {
    let start = floor_boundary(text, bytes.start.min(text.len()));
    let end = floor_boundary(text, bytes.end.min(text.len())).max(start);
    let hit_chars = text[start..end].chars().count();
    let room = width.saturating_sub(hit_chars);
    // A third of the room before the hit, the rest after.
    let before_want = room / 3;
    let before: Vec<(usize, char)> = text[..start].char_indices().collect();
    let from = match before.len().checked_sub(before_want) {
        Some(0) | None => 0,
        Some(i) => before.get(i).map(|&(b, _)| b).unwrap_or(start),
    };
    let before_used = text[from..start].chars().count();
    let after_want = room.saturating_sub(before_used);
    let to = text[end..]
        .char_indices()
        .nth(after_want)
        .map(|(i, _)| end + i)
        .unwrap_or(text.len());
    let mut out = String::new();
    if from > 0 {
        out.push('…');
    }
    let mut in_space = false;
    for c in text[from..to].chars() {
        if c.is_whitespace() || c.is_control() {
            if !in_space {
                out.push(' ');
            }
            in_space = true;
        } else {
            out.push(c);
            in_space = false;
        }
    }
    if to < text.len() {
        out.push('…');
    }
    out
}

fn floor_boundary(text: &str, mut i: usize) -> usize {
    while i > 0 && !text.is_char_boundary(i) {
        i -= 1;
    }
    i
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::{Encoding, LineSpan, Metadata, Paragraph};
    use crate::search::query::Query;

    fn report(paras: Vec<Paragraph>) -> Report {
        Report {
            file: "t".into(),
            path: None,
            encoding: Encoding::Utf8,
            meta: Metadata::default(),
            paragraphs: paras,
            sections: vec![],
            markers: vec![],
            line_count: 9,
        }
    }

    #[test]
    fn finds_folded_matches_with_lines_and_char_ranges() {
        let text = "加快ＧＤＰ增长。推进污水处理设施建设，污水 处理";
        let mut p = Paragraph::single(3, text);
        let second_line_at = text.find("推进").unwrap();
        p.spans.push(LineSpan {
            offset: second_line_at,
            line: 4,
        });
        let r = report(vec![p]);
        let q = Query::parse("gdp 污水处理 | \"污水 处理\"").unwrap();
        let ms = find(&r, 0..1, &needles(&q.expr));
        assert_eq!(ms.len(), 3, "{ms:?}");
        assert_eq!(&text[ms[0].bytes.clone()], "ＧＤＰ");
        assert_eq!(ms[0].chars, 2..5);
        assert_eq!(ms[0].line, 3);
        assert_eq!(&text[ms[1].bytes.clone()], "污水处理");
        assert_eq!(ms[1].line, 4);
        assert_eq!(&text[ms[2].bytes.clone()], "污水 处理");
        let chars: Vec<char> = text.chars().collect();
        let c = &ms[1].chars;
        assert_eq!(chars[c.clone()].iter().collect::<String>(), "污水处理");
    }

    #[test]
    fn out_of_range_paragraphs_are_ignored() {
        let r = report(vec![Paragraph::single(1, "水")]);
        assert!(find(&r, 0..9, &needles(&Query::parse("水").unwrap().expr)).len() == 1);
        assert!(find(&r, 5..9, &needles(&Query::parse("水").unwrap().expr)).is_empty());
    }

    #[test]
    fn snippets_cut_around_the_hit() {
        let text = "一二三四五六七八九十甲乙丙丁戊己庚辛壬癸";
        let at = text.find("甲乙").unwrap();
        let s = snippet(text, at..at + "甲乙".len(), 8);
        assert!(s.starts_with('…') && s.ends_with('…'), "{s}");
        assert!(s.contains("甲乙"));
        assert_eq!(snippet("短 \n 文", 0..3, 80), "短 文");
        assert_eq!(snippet("", 5..9, 10), "");
    }
}
