//! Quoted spans of a paragraph: names, slogans (`“十五条硬措施”`) and
//! document titles (`《…十项重点任务》`), inside which a number is part of a
//! name rather than a figure, and a year names a document rather than the
//! time a figure speaks of.

/// A quoted span: a name, a slogan, a title.
#[derive(Debug, Clone, Copy)]
pub(super) struct QuoteSpan {
    pub content_start: usize,
    pub content_end: usize,
    pub close_end: usize,
    /// `《…》`: a document title.
    pub title: bool,
}

/// Longest quote still treated as a name; longer ones are quotations.
const MAX_NAME_CHARS: usize = 30;
pub(super) const MAX_TITLE_CHARS: usize = 80;

pub(super) fn quote_spans(text: &str) -> Vec<QuoteSpan> {
    let mut spans = Vec::new();
    // Open quotes waiting for their close: (close char, content start, chars so far).
    let mut open: Vec<(char, usize)> = Vec::new();
    for (i, c) in text.char_indices() {
        let close = match c {
            '“' => Some('”'),
            '‘' => Some('’'),
            '「' => Some('」'),
            '『' => Some('』'),
            '《' => Some('》'),
            '〈' => Some('〉'),
            _ => None,
        };
        // A straight quote closes an open straight quote, else opens one.
        let straight = matches!(c, '"' | '＂');
        if straight {
            if let Some(pos) = open.iter().rposition(|&(cl, _)| cl == c) {
                push_span(&mut spans, text, open[pos].1, i, c);
                open.truncate(pos);
                continue;
            }
            push_open(&mut open, (c, i + c.len_utf8()));
            continue;
        }
        if let Some(cl) = close {
            push_open(&mut open, (cl, i + c.len_utf8()));
            continue;
        }
        if let Some(pos) = open.iter().rposition(|&(cl, _)| cl == c) {
            push_span(&mut spans, text, open[pos].1, i, c);
            open.truncate(pos);
        }
    }
    spans.sort_by_key(|sp| sp.content_start);
    spans
}

/// Open quotes kept at most: deeper nesting is noise, and the bound keeps
/// matching linear on text full of unmatched quotes.
const MAX_OPEN_QUOTES: usize = 16;

fn push_open(open: &mut Vec<(char, usize)>, entry: (char, usize)) {
    if open.len() >= MAX_OPEN_QUOTES {
        open.remove(0);
    }
    open.push(entry);
}

fn push_span(spans: &mut Vec<QuoteSpan>, text: &str, start: usize, close_at: usize, close: char) {
    let title = close == '》';
    // Four bytes per character at most: longer spans need no counting.
    if close_at - start > MAX_TITLE_CHARS * 4 {
        return;
    }
    let chars = text[start..close_at].chars().count();
    let limit = if title {
        MAX_TITLE_CHARS
    } else {
        MAX_NAME_CHARS
    };
    if chars <= limit {
        spans.push(QuoteSpan {
            content_start: start,
            content_end: close_at,
            close_end: close_at + close.len_utf8(),
            title,
        });
    }
}
