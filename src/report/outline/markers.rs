//! Footnote markers in the text (`[6]`, `［24］`, `〔1〕`, `[实事3]`) and the
//! notes or list items they point to.

use super::label::is_digit;
use super::rules::Rules;
use super::tree::Node;
use crate::report::{Marker, Paragraph, SectionKind};
use crate::text::chars::is_han;
use memchr::memmem;
use std::collections::HashMap;
use std::ops::Range;
use std::sync::LazyLock;

/// Longest text before the number inside the brackets (`民生实事12`).
const MAX_PREFIX_CHARS: usize = 4;
const MAX_DIGITS: usize = 3;

fn closes(open: char, close: char) -> bool {
    matches!(
        (open, close),
        ('[' | '［', ']' | '］') | ('〔', '〕') | ('【', '】')
    )
}

/// One marker found in a text: byte range, inner label, prefix, number.
struct Found {
    range: Range<usize>,
    label: String,
    prefix: String,
    number: u32,
}

/// The opening brackets with a SIMD finder each: faster here than one pass
/// over every byte or one automaton, because the brackets' lead bytes are
/// among the commonest bytes of Chinese text.
static OPENERS: LazyLock<[(char, memmem::Finder<'static>); 4]> =
    LazyLock::new(|| ['[', '［', '〔', '【'].map(|c| (c, memmem::Finder::new(bracket(c)))));

fn bracket(c: char) -> &'static str {
    match c {
        '［' => "［",
        '〔' => "〔",
        '【' => "【",
        _ => "[",
    }
}

/// Byte offsets of the opening brackets `[`, `［`, `〔`, `【`, in order.
fn openers(text: &str) -> Vec<(usize, char)> {
    let mut found: Vec<(usize, char)> = OPENERS
        .iter()
        .flat_map(|(c, f)| f.find_iter(text.as_bytes()).map(move |i| (i, *c)))
        .collect();
    found.sort_unstable();
    found
}

fn scan(text: &str) -> Vec<Found> {
    let mut out = Vec::new();
    for (start, open) in openers(text) {
        let inner_start = start + open.len_utf8();
        let mut prefix_chars = 0;
        let mut digits = 0;
        let mut digits_start = inner_start;
        let mut found = None;
        for (i, c) in text[inner_start..].char_indices() {
            let at = inner_start + i;
            if is_digit(c) {
                if digits == 0 {
                    digits_start = at;
                }
                digits += 1;
                if digits > MAX_DIGITS {
                    break;
                }
            } else if digits > 0 {
                if closes(open, c) {
                    found = Some((at, c));
                }
                break;
            } else if is_han(c) || c.is_alphabetic() {
                prefix_chars += 1;
                if prefix_chars > MAX_PREFIX_CHARS {
                    break;
                }
            } else {
                break;
            }
        }
        let Some((close_at, close)) = found else {
            continue;
        };
        let Some(number) = crate::numbers::parse_integer(&text[digits_start..close_at]) else {
            continue;
        };
        out.push(Found {
            range: start..close_at + close.len_utf8(),
            label: text[inner_start..close_at].to_string(),
            prefix: text[inner_start..digits_start].to_string(),
            number: number.min(u32::MAX as u64) as u32,
        });
    }
    out
}

/// The appendices markers can point into, with their items by number.
struct Targets<'a> {
    rules: &'a Rules,
    paragraphs: &'a [Paragraph],
    /// Appendix nodes in order.
    appendices: Vec<&'a Node>,
    /// (appendix position in `appendices`, item number) → item paragraph;
    /// the first item with a number wins.
    items: HashMap<(usize, u32), usize>,
}

impl<'a> Targets<'a> {
    fn new(paragraphs: &'a [Paragraph], nodes: &'a [Node], rules: &'a Rules) -> Self {
        let mut appendices = Vec::new();
        let mut position = HashMap::new();
        for (i, n) in nodes.iter().enumerate() {
            if n.kind == SectionKind::Appendix {
                position.insert(i, appendices.len());
                appendices.push(n);
            }
        }
        let mut items = HashMap::new();
        for n in nodes.iter().filter(|n| n.style.is_some()) {
            if let Some(&a) = n.parent.and_then(|p| position.get(&p)) {
                items.entry((a, n.ordinal)).or_insert(n.para);
            }
        }
        Targets {
            rules,
            paragraphs,
            appendices,
            items,
        }
    }

    /// The paragraph of the note or list item a marker refers to: an item
    /// with its number in the first appendix whose kind takes the marker's
    /// prefix (`实事` → 民生实事, none → notes), or whose title contains it.
    fn find(&self, prefix: &str, number: u32) -> Option<usize> {
        self.appendices.iter().enumerate().find_map(|(a, n)| {
            let kind = n.appendix.and_then(|k| self.rules.appendix.get(k))?;
            let takes = kind.marker_prefixes.iter().any(|p| p == prefix)
                || (!prefix.is_empty() && n.title.text(self.paragraphs, n.para).contains(prefix));
            if takes {
                self.items.get(&(a, number)).copied()
            } else {
                None
            }
        })
    }
}

/// Every marker in the report, linked where the report has its target.
pub fn markers(paragraphs: &[Paragraph], nodes: &[Node], rules: &Rules) -> Vec<Marker> {
    let targets = Targets::new(paragraphs, nodes, rules);
    let mut out = Vec::new();
    let mut item_labels = nodes
        .iter()
        .filter(|n| n.in_appendix && n.style.is_some())
        .map(|n| (n.para, n.label.start))
        .peekable();
    for (p, para) in paragraphs.iter().enumerate() {
        // A note's own number (`［1］一降三减：`) is its label, not a marker.
        let mut own_label = None;
        while let Some(&(lp, start)) = item_labels.peek() {
            if lp > p {
                break;
            }
            if lp == p {
                own_label = Some(start);
            }
            item_labels.next();
        }
        for f in scan(&para.text) {
            if own_label == Some(f.range.start) {
                continue;
            }
            out.push(Marker {
                paragraph: p,
                target: targets.find(&f.prefix, f.number),
                range: f.range,
                label: f.label,
            });
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_markers() {
        let t =
            "“小灯塔”[24]企业，惠及居民5034户[实事1]。〔1〕和［３］，【字号：】〔2024〕1号[12345]";
        let found: Vec<(String, String, u32)> = scan(t)
            .into_iter()
            .map(|f| (t[f.range].to_string(), f.prefix, f.number))
            .collect();
        assert_eq!(
            found,
            vec![
                ("[24]".to_string(), String::new(), 24),
                ("[实事1]".to_string(), "实事".to_string(), 1),
                ("〔1〕".to_string(), String::new(), 1),
                ("［３］".to_string(), String::new(), 3),
            ]
        );
    }
}
