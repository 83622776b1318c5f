//! Headings inside a paragraph, after its first sentence: an enumeration
//! that runs on in the text (`主要考虑：一是战略机遇叠加。……二是经济大省责任。`),
//! and the lead sentences that open the passages of a section written as
//! one paragraph (`（一）聚力稳增长，稳的基础更加坚实。坚持……。项目投资量质齐升。
//! 深入开展……。消费市场活力迸发。……`).

use super::label::{is_digit, is_quote_open, parse_label, sentences, Label, Piece, Style};
use super::rules::{LeadRules, Limits};
use crate::text::chars::is_han;
use std::ops::Range;

/// Whether an enumeration may run on inside `text`: its second item is
/// written somewhere (a cheap test before looking closer).
fn may_enumerate(text: &str) -> bool {
    ["二是", "二要", "第二，", "第二、"]
        .iter()
        .any(|w| text.contains(w))
}

/// The word after the numeral that makes an enumeration (`是`, `要`, `，`):
/// items of one enumeration share it.
fn separator(text: &str, label: &Label) -> Option<char> {
    text[label.range.clone()].chars().last()
}

/// Labels of the enumeration items that run on inside `text` after its
/// start: each stands at the start of a sentence, a clause after `；`, or
/// after a `：`, and they count on from 1 (or from the label that opens the
/// paragraph, `opener`). At least two items make an enumeration.
pub fn enumeration(text: &str, opener: Option<&Label>) -> Vec<Label> {
    if !may_enumerate(text) {
        return Vec::new();
    }
    let mut found: Vec<Label> = Vec::new();
    let boundaries = text
        .char_indices()
        .filter(|&(_, c)| matches!(c, '。' | '；' | '：' | '！' | '？' | ';' | ':'))
        .map(|(i, c)| i + c.len_utf8());
    for at in boundaries {
        let Some(mut label) = parse_label(&text[at..], false) else {
            continue;
        };
        if !matches!(label.style, Style::CnShi | Style::CnDi) || label.continues_only {
            continue;
        }
        label.range = at + label.range.start..at + label.range.end;
        found.push(label);
    }
    // Runs counting on from 1 (or from the opener), one separator each.
    let mut items = Vec::new();
    let mut run: Vec<Label> = Vec::new();
    let flush = |run: &mut Vec<Label>, items: &mut Vec<Label>| {
        let opened = usize::from(
            run.first()
                .is_some_and(|l| opener.is_some_and(|o| o.range == l.range)),
        );
        if run.len() >= 2 {
            items.extend(run.drain(opened..));
        }
        run.clear();
    };
    let opener_item = opener.filter(|o| matches!(o.style, Style::CnShi | Style::CnDi));
    if let Some(o) = opener_item {
        run.push(o.clone());
    }
    for label in found {
        let continues = run.last().is_some_and(|last| {
            last.style == label.style
                && separator(text, last) == separator(text, &label)
                && label.ordinal == last.ordinal + 1
        });
        if continues {
            run.push(label);
        } else {
            flush(&mut run, &mut items);
            if label.ordinal == 1 {
                run.push(label);
            }
        }
    }
    flush(&mut run, &mut items);
    items
}

/// A sentence that could lead a passage: short, a statement of its own
/// (no clause breaks, no figures), not narrative.
fn could_lead(text: &str, piece: &Piece, limits: &Limits, rules: &LeadRules) -> bool {
    let s = &text[piece.range.clone()];
    let Some(first) = s.chars().next() else {
        return false;
    };
    matches!(piece.stop, Some('。' | '！' | '!'))
        && (4..=limits.inline_lead_chars).contains(&piece.chars)
        && (is_han(first) || is_quote_open(first))
        && !s.contains(['，', ',', '；', ';', '：', ':', '%', '％'])
        && !s.chars().any(is_digit)
        && !rules
            .reject_prefixes
            .iter()
            .any(|p| s.starts_with(p.as_str()))
        && !rules
            .reject_contains
            .iter()
            .chain(&rules.inline_reject_contains)
            .any(|p| s.contains(p.as_str()))
}

/// Detail, not another summary: a sentence with clauses, or a long one.
fn is_detail(piece: &Piece, text: &str, limits: &Limits) -> bool {
    piece.chars >= limits.inline_detail_chars
        || text[piece.range.clone()].contains(['，', ',', '；', ';'])
}

/// The lead sentences inside a paragraph that holds a whole section, after
/// the heading's sentence (which ends at byte `after`). `after_label`: the
/// paragraph opens with a numbered heading, whose title may be followed at
/// once by the first lead; after a lead sentence the short sentences that
/// follow are its detail. Each lead is followed by detail, its passage runs to the
/// next lead, the first comes soon after the heading, and there are at
/// least `min` of them: a paragraph built of passages, not a list of
/// measures. Returns the leads' title ranges (without the full stop).
pub fn leads(
    text: &str,
    after: usize,
    after_label: bool,
    min: usize,
    limits: &Limits,
    rules: &LeadRules,
) -> Vec<Range<usize>> {
    let pieces: Vec<Piece> = sentences(text, after).filter(|p| p.chars > 0).collect();
    let could: Vec<bool> = pieces
        .iter()
        .map(|p| could_lead(text, p, limits, rules))
        .collect();
    let mut chosen: Vec<usize> = Vec::new();
    let mut k = 0;
    while k < pieces.len() {
        if !could[k] {
            k += 1;
            continue;
        }
        let run_end = (k..pieces.len())
            .find(|&j| !could[j])
            .unwrap_or(pieces.len());
        let detail_follows = pieces
            .get(run_end)
            .is_some_and(|next| is_detail(next, text, limits));
        // Of short sentences in a row the last verdict leads, else the
        // last one (those before end the previous passage); right after a
        // numbered heading, the first.
        let last_verdict = (k..run_end)
            .rev()
            .find(|&j| rules.is_verdict(&text[pieces[j].range.clone()]));
        let pick = match (k == 0, after_label) {
            (true, true) => Some(k),
            (true, false) => None,
            (false, _) => Some(last_verdict.unwrap_or(run_end - 1)),
        };
        if let Some(pick) = pick.filter(|_| detail_follows) {
            chosen.push(pick);
        }
        k = run_end;
    }
    // The first short sentence comes soon after the heading.
    let intro: usize = chosen
        .first()
        .map_or(0, |&k| pieces[..k].iter().map(|p| p.chars).sum());
    if intro > limits.inline_intro_chars {
        return Vec::new();
    }
    // Where most leads are verdicts (a review), the others are achievements.
    let verdicts: Vec<bool> = chosen
        .iter()
        .map(|&k| rules.is_verdict(&text[pieces[k].range.clone()]))
        .collect();
    let verdict_count = verdicts.iter().filter(|&&v| v).count();
    if verdict_count * 2 > chosen.len() {
        let mut keep = verdicts.into_iter();
        chosen.retain(|_| keep.next().unwrap_or(true));
    }
    // Each passage needs body: its detail runs on for a while.
    let passage_chars =
        |k: usize, next: usize| -> usize { pieces[k + 1..next].iter().map(|p| p.chars).sum() };
    let mut kept: Vec<usize> = Vec::new();
    for (i, &k) in chosen.iter().enumerate() {
        let next = chosen.get(i + 1).copied().unwrap_or(pieces.len());
        if passage_chars(k, next) >= limits.inline_passage_chars {
            kept.push(k);
        }
    }
    if kept.len() < min.max(2) {
        return Vec::new();
    }
    kept.into_iter().map(|k| pieces[k].range.clone()).collect()
}

#[cfg(test)]
mod tests {
    use super::super::rules::RULES;
    use super::*;

    fn items(text: &str) -> Vec<(u32, &str)> {
        let opener = parse_label(text, false);
        enumeration(text, opener.as_ref())
            .into_iter()
            .map(|l| (l.ordinal, &text[l.range]))
            .collect()
    }

    #[test]
    fn enumerations_run_on_in_the_text() {
        let t = "主要考虑：一是战略机遇叠加。机遇很多。二是经济大省责任。责任重大。三是民生需要。";
        assert_eq!(items(t), [(1, "一是"), (2, "二是"), (3, "三是")]);
        // The paragraph's own label starts the count.
        let t = "一要统筹好国内与国际的关系。内容。二要平衡好稳增长与防风险的关系。";
        assert_eq!(items(t), [(2, "二要")]);
        // Inside a clause, or out of order, or alone: no enumeration.
        assert!(items("发展是第一要务，二是什么。").is_empty());
        assert!(items("主要考虑：二是战略机遇叠加。三是责任。").is_empty());
        assert!(items("做到两点：一是稳。").is_empty());
        assert!(items("一是稳增长，二是调结构。").is_empty());
    }

    #[test]
    fn leads_open_the_passages_of_a_long_paragraph() {
        let r = &*RULES;
        let detail = "深入开展重大项目攻坚行动，完成投资两千多亿元，带动社会投资大幅增长";
        let t = format!(
            "（一）聚力稳增长，稳的基础更加坚实。坚持稳中求进，政策靠前发力。项目投资量质齐升。{detail}。{detail}。消费市场活力迸发。{detail}。{detail}。"
        );
        let after = t.find("。").unwrap() + "。".len();
        let got: Vec<&str> = leads(&t, after, true, 2, &r.limits, &r.lead)
            .into_iter()
            .map(|x| &t[x])
            .collect();
        assert_eq!(got, ["项目投资量质齐升", "消费市场活力迸发"]);
        // A list of single measures is no passage structure.
        let t = "推动科技成果转化应用。全面推进转化创新。建设技术交易平台。建设转移中心。";
        let after = t.find("。").unwrap() + "。".len();
        assert!(leads(t, after, false, 2, &r.limits, &r.lead).is_empty());
    }
}
