//! Per paragraph: what kind of heading it could open. Nothing here looks at
//! other paragraphs except to borrow a title for a label standing alone.

use super::label::{self, first_sentence, is_quote_open, parse_label, Ending, Label, Sentence};
use super::rules::{Rules, RULES};
use crate::report::Paragraph;
use crate::text::chars::is_han;
use std::ops::Range;

/// A heading title found in the text.
///
/// It holds ranges, not its words: a file of heading lines has a candidate
/// for every paragraph, and a copy of each title was a string apiece.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Title {
    /// Byte range in the heading's own paragraph; empty (at the label's
    /// end) when the title was borrowed from the next paragraph.
    pub range: Range<usize>,
    pub words: Words,
    /// Short enough and ended like a heading (not a `；` list item, not a
    /// long body sentence): eligible for the top two levels.
    pub heading_form: bool,
    /// The paragraph has body text after the title.
    pub body_follows: bool,
}

/// Where a title's words are.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Words {
    /// `range` in the heading's own paragraph.
    Own,
    /// This byte range of the next paragraph (a label standing alone).
    Next(Range<u32>),
    /// None: a label standing alone with nothing to borrow.
    Missing,
}

impl Title {
    /// The title's words; `para` is the index of the heading's paragraph.
    pub fn text<'a>(&self, paragraphs: &'a [Paragraph], para: usize) -> &'a str {
        match &self.words {
            Words::Own => &paragraphs[para].text[self.range.clone()],
            Words::Next(r) => &paragraphs[para + 1].text[r.start as usize..r.end as usize],
            Words::Missing => "",
        }
    }
}

/// A byte range of a paragraph as `Words::Next` holds it.
fn next_words(range: Range<usize>) -> Words {
    Words::Next(range.start as u32..range.end as u32)
}

/// What a paragraph could open.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Candidate {
    Numbered {
        label: Label,
        title: Title,
    },
    /// An unnumbered top-level part (`2026年重点工作`).
    Unnumbered {
        title: Title,
        /// It names a part (`加强政府自身建设`): a part in any report, not
        /// only in one without `一、` headings.
        part: bool,
    },
    Appendix {
        /// Index into `Rules::appendix`.
        kind: usize,
        /// `附件1`, or empty.
        label: Range<usize>,
        title: Title,
    },
    Lead {
        title: Title,
        /// The paragraph is the sentence alone.
        standalone: bool,
    },
    Bullet {
        label: Range<usize>,
        title: Title,
    },
}

/// The title after a label: the first sentence, cut to an item title when
/// it is long; a label standing alone borrows the next paragraph's opening.
fn numbered_title(
    paragraphs: &[Paragraph],
    idx: usize,
    label: &Label,
    rules: &Rules,
) -> (Title, bool) {
    let text = &paragraphs[idx].text;
    let sentence = first_sentence(
        text,
        label::title_start(text, label),
        rules.limits.heading_chars,
    );
    if sentence.chars == 0 && sentence.ending == Ending::Paragraph {
        let borrowed = paragraphs.get(idx + 1).and_then(|next| {
            if parse_label(&next.text, true).is_some() {
                return None;
            }
            let s = first_sentence(&next.text, 0, rules.limits.heading_chars);
            (s.chars > 0).then(|| {
                let t = title_from(&next.text, &s, rules);
                Title {
                    words: next_words(t.range.clone()),
                    range: label.range.end..label.range.end,
                    body_follows: true,
                    ..t
                }
            })
        });
        return match borrowed {
            Some(t) => (t, true),
            None => (
                Title {
                    range: label.range.end..label.range.end,
                    words: Words::Missing,
                    heading_form: false,
                    body_follows: false,
                },
                false,
            ),
        };
    }
    (title_from(text, &sentence, rules), false)
}

fn title_from(text: &str, sentence: &Sentence, rules: &Rules) -> Title {
    let words = &text[sentence.range.clone()];
    let heading_form = sentence.chars >= 1
        && sentence.chars <= rules.limits.heading_chars
        && words.matches(['，', ',']).count() <= rules.limits.heading_commas
        && sentence.ending != Ending::Semicolon
        && words.chars().any(is_han);
    let end = if sentence.chars <= rules.limits.heading_chars {
        sentence.range.end
    } else {
        label::item_title_end(text, sentence, rules.limits.item_title_chars)
    };
    let range = sentence.range.start..end;
    Title {
        range,
        words: Words::Own,
        heading_form,
        body_follows: sentence.body_follows || end < sentence.range.end,
    }
}

fn plain_title(range: Range<usize>, body_follows: bool) -> Title {
    Title {
        range,
        words: Words::Own,
        heading_form: true,
        body_follows,
    }
}

fn is_dash(c: char) -> bool {
    matches!(c, '—' | '―' | '－' | '-' | '─' | '–')
}

fn is_quote_close(c: char) -> bool {
    matches!(c, '”' | '"' | '」' | '』' | '’' | '》')
}

/// A slogan in quotes (`“绿水青山就是金山银山”`) is not a heading.
fn wholly_quoted(s: &str) -> bool {
    matches!((s.chars().next(), s.chars().last()), (Some(a), Some(b)) if is_quote_open(a) && is_quote_close(b))
}

/// Short standalone text with no sentence punctuation (a title line).
fn title_line(text: &str, max_chars: usize) -> Option<Range<usize>> {
    // No character takes more than four bytes (a trailing colon three).
    // Paragraphs arrive trimmed from the cleaner, so untrimmed length is a
    // fair first test.
    if text.len() > max_chars * 4 + 3 && text.trim().len() > max_chars * 4 + 3 {
        return None;
    }
    let start = label::skip_space(text, 0);
    let trimmed = text[start..].trim_end();
    let body = trimmed.trim_end_matches(['：', ':']);
    // Paragraphs can be long: count no further than needed.
    let n = body.chars().take(max_chars + 1).count();
    if n == 0 || n > max_chars {
        return None;
    }
    if body.contains(['。', '，', ',', '；', ';', '！', '？', '!', '?']) {
        return None;
    }
    Some(start..start + body.len())
}

/// An appendix heading (`民生实事:`, `名词解释`, `附件1`, `附件2：名词解释`).
fn appendix(paragraphs: &[Paragraph], idx: usize, rules: &Rules) -> Option<(Candidate, bool)> {
    let text = &paragraphs[idx].text;
    let range = title_line(text, rules.limits.appendix_chars)?;
    let line = &text[range.clone()];
    for (kind, k) in rules.appendix.iter().enumerate() {
        for word in &k.labels {
            let Some(rest) = line.strip_prefix(word.as_str()) else {
                continue;
            };
            // `附件`, `附件1`, `附件一`, then an optional title.
            let num_len: usize = rest
                .chars()
                .take_while(|&c| label::is_digit(c) || label::is_cn_numeral(c))
                .map(char::len_utf8)
                .sum();
            let label_end = range.start + word.len() + num_len;
            let after = &text[label_end..range.end];
            let title_start = label_end
                + after
                    .char_indices()
                    .find(|&(_, c)| {
                        !(c.is_whitespace() || matches!(c, '：' | ':' | '、' | '.' | '．'))
                    })
                    .map(|(i, _)| i)
                    .unwrap_or(after.len());
            if title_start < range.end {
                let kind = rules
                    .appendix_kind_of(&text[title_start..range.end])
                    .unwrap_or(kind);
                let title = plain_title(title_start..range.end, false);
                let cand = Candidate::Appendix {
                    kind,
                    label: range.start..label_end,
                    title,
                };
                return Some((cand, false));
            }
            // The title may stand on the next line.
            let next_title = paragraphs.get(idx + 1).and_then(|next| {
                let r = title_line(&next.text, rules.limits.appendix_chars + 20)?;
                parse_label(&next.text, true)
                    .is_none()
                    .then(|| (&next.text[r.clone()], next_words(r)))
            });
            let borrowed = next_title.is_some();
            let (title, words) = next_title.unwrap_or(("", Words::Missing));
            let kind = rules.appendix_kind_of(title).unwrap_or(kind);
            let cand = Candidate::Appendix {
                kind,
                label: range.start..label_end,
                title: Title {
                    range: label_end..label_end,
                    words,
                    heading_form: true,
                    body_follows: false,
                },
            };
            return Some((cand, borrowed));
        }
    }
    let kind = rules.appendix_kind_of(line)?;
    let cand = Candidate::Appendix {
        kind,
        label: range.start..range.start,
        title: plain_title(range, false),
    };
    Some((cand, false))
}

/// A part title without a number, standing alone between paragraphs of
/// text: one that names a part (`part`), or — counted only in reports
/// without `一、` headings — one ending like a part title, or any short
/// title between two paragraphs of text.
fn unnumbered(paragraphs: &[Paragraph], idx: usize, rules: &Rules) -> Option<Candidate> {
    let text = &paragraphs[idx].text;
    let next = paragraphs.get(idx + 1)?;
    let range = title_line(text, rules.limits.unnumbered_chars)?;
    let line = &text[range.clone()];
    let ends_with_colon = range.end < text.trim_end().len();
    if ends_with_colon || wholly_quoted(line) || line.starts_with("各位代表") {
        return None;
    }
    let u = &rules.unnumbered;
    let part = u.part_words.iter().any(|w| line.contains(w.as_str()));
    let suffixed = u
        .suffixes
        .iter()
        .any(|s| line.ends_with(s.as_str()) && line.len() > s.len());
    let between_text = || {
        let before_ends = idx
            .checked_sub(1)
            .and_then(|i| paragraphs[i].text.trim_end().chars().last())
            .is_some_and(|c| matches!(c, '。' | '！' | '？' | '”' | '!' | '?'));
        let after = next.text.trim();
        before_ends
            && after.chars().take(60).count() >= 60
            && parse_label(after, false).is_none()
            && line.chars().filter(|&c| is_han(c)).count() >= 4
            && !line.ends_with(['的', '和', '与', '及', '、', '之'])
    };
    (part || suffixed || between_text()).then(|| Candidate::Unnumbered {
        title: plain_title(range, false),
        part,
    })
}

fn count_digits(s: &str) -> usize {
    s.chars()
        .filter(|&c| crate::numbers::ascii_digit(c).is_some())
        .count()
}

fn lead(text: &str, rules: &Rules) -> Option<Candidate> {
    let s = first_sentence(text, 0, rules.limits.standalone_lead_chars);
    if s.ending != Ending::Sentence {
        return None;
    }
    let sentence = &text[s.range.clone()];
    let first = sentence.chars().next()?;
    if !(is_han(first) || is_quote_open(first)) {
        return None;
    }
    let standalone = !s.body_follows;
    let max = if standalone {
        rules.limits.standalone_lead_chars
    } else {
        rules.limits.lead_chars
    };
    if s.chars < 4 || s.chars > max {
        return None;
    }
    if !standalone && sentence.contains(['，', ',', '；', ';']) {
        return None;
    }
    if sentence.chars().filter(|&c| is_han(c)).count() < 3
        || count_digits(sentence) > rules.lead.max_digits
        || wholly_quoted(sentence)
        || rules
            .lead
            .reject_prefixes
            .iter()
            .any(|p| sentence.starts_with(p.as_str()))
        || rules
            .lead
            .reject_contains
            .iter()
            .any(|p| sentence.contains(p.as_str()))
        || (!standalone
            && rules
                .lead
                .inline_reject_contains
                .iter()
                .any(|p| sentence.contains(p.as_str())))
    {
        return None;
    }
    Some(Candidate::Lead {
        title: plain_title(s.range, s.body_follows),
        standalone,
    })
}

fn bullet(text: &str, rules: &Rules) -> Option<Candidate> {
    let start = label::skip_space(text, 0);
    let mut cs = text[start..].char_indices();
    let (_, a) = cs.next()?;
    let (i, b) = cs.next()?;
    if !(is_dash(a) && is_dash(b)) {
        return None;
    }
    let after_two = start + i + b.len_utf8();
    // `———` and longer dashes belong to the label too.
    let label_end = text[after_two..]
        .char_indices()
        .find(|&(_, c)| !is_dash(c))
        .map_or(text.len(), |(j, _)| after_two + j);
    let s = first_sentence(text, label_end, rules.limits.bullet_chars);
    let sentence = &text[s.range.clone()];
    if !matches!(s.ending, Ending::Sentence | Ending::Semicolon)
        || s.chars < 2
        || s.chars > rules.limits.bullet_chars
        || sentence.chars().filter(|&c| is_han(c)).count() < 2
        || wholly_quoted(sentence)
    {
        return None;
    }
    Some(Candidate::Bullet {
        label: start..label_end,
        title: plain_title(s.range, s.body_follows),
    })
}

/// Candidates for every paragraph (`None` where a paragraph opens nothing).
/// Lead sentences are returned unfiltered; see `super::leads`.
pub fn detect(paragraphs: &[Paragraph]) -> Vec<Option<Candidate>> {
    let rules = &*RULES;
    let mut out: Vec<Option<Candidate>> = vec![None; paragraphs.len()];
    let mut in_appendix = false;
    let mut idx = 0;
    while idx < paragraphs.len() {
        let text = &paragraphs[idx].text;
        let mut borrowed_next = false;
        let cand = if let Some(label) = parse_label(text, in_appendix) {
            let (title, borrowed) = numbered_title(paragraphs, idx, &label, rules);
            borrowed_next = borrowed;
            Some(Candidate::Numbered { label, title })
        } else if let Some((cand, borrowed)) = appendix(paragraphs, idx, rules) {
            in_appendix = true;
            borrowed_next = borrowed;
            Some(cand)
        } else if in_appendix {
            None
        } else {
            bullet(text, rules)
                .or_else(|| unnumbered(paragraphs, idx, rules))
                .or_else(|| lead(text, rules))
        };
        out[idx] = cand;
        // A paragraph lent as a title opens nothing itself.
        idx += if borrowed_next { 2 } else { 1 };
    }
    out
}

/// The candidates in text order, (paragraph, candidate): each paragraph's
/// opening one, then the items of an enumeration running on inside it
/// (`主要考虑：一是…。二是…。`). Appendices hold none of the latter.
///
/// Made as they are taken: a file of a hundred thousand heading lines would
/// otherwise hold every candidate twice.
pub fn in_text_order(
    paragraphs: &[Paragraph],
    openers: Vec<Option<Candidate>>,
) -> impl Iterator<Item = (usize, Candidate)> + '_ {
    let rules = &*RULES;
    let mut in_appendix = false;
    openers
        .into_iter()
        .enumerate()
        .flat_map(move |(idx, opener)| {
            in_appendix |= matches!(opener, Some(Candidate::Appendix { .. }));
            let text = &paragraphs[idx].text;
            let items = if in_appendix {
                Vec::new()
            } else {
                let label = match &opener {
                    Some(Candidate::Numbered { label, .. }) => Some(label),
                    _ => None,
                };
                super::inline::enumeration(text, label)
            };
            let inline = items.into_iter().map(move |label| {
                let sentence = first_sentence(text, label.range.end, rules.limits.heading_chars);
                let title = title_from(text, &sentence, rules);
                (idx, Candidate::Numbered { label, title })
            });
            opener.map(|c| (idx, c)).into_iter().chain(inline)
        })
}
