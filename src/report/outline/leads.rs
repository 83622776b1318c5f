//! Which lead sentences are headings. A short opening sentence is a heading
//! only where the text is built from them: in provincial reports nearly
//! every paragraph of a `（一）` section opens with one, while a narrative
//! report has the odd short topic sentence among long paragraphs.

use super::candidates::{Candidate, Title, Words};
use super::label::{first_sentence, Ending};
use super::rules::Limits;
use crate::report::Paragraph;
use crate::text::chars::is_han;
use std::ops::Range;

/// The opening words a paragraph shares with its neighbours in a list of
/// parallel passages (`五年来，`): the text before its first comma, when
/// short and all Chinese.
fn shared_opening<'a>(text: &'a str, limits: &Limits) -> Option<&'a str> {
    let (head, _) = text.split_once('，')?;
    let n = head.chars().count();
    ((2..=limits.parallel_prefix_chars).contains(&n) && head.chars().all(is_han)).then_some(head)
}

/// Paragraphs in a row that open alike (`五年来，我们坚定不移推动高质量发展，
/// 综合实力显著提升。…`, `五年来，我们持续优化经济布局，…。…`) are the passages
/// of a list, each led by its first sentence, though such sentences speak
/// in the first person and have clauses.
pub fn parallel(paragraphs: &[Paragraph], cands: &mut [Option<Candidate>], limits: &Limits) {
    let lead_of = |i: usize| -> Option<(&str, Title)> {
        let free = matches!(
            cands[i],
            None | Some(Candidate::Lead {
                standalone: false,
                ..
            })
        );
        if !free {
            return None;
        }
        let text = &paragraphs[i].text;
        let opening = shared_opening(text, limits)?;
        let s = first_sentence(text, 0, limits.parallel_lead_chars);
        (s.ending == Ending::Sentence && s.body_follows).then(|| {
            let title = Title {
                range: s.range,
                words: Words::Own,
                heading_form: true,
                body_follows: true,
            };
            (opening, title)
        })
    };
    // Only the paragraphs that could lead are kept, with their index: a
    // slot for every paragraph would be most of the outline's memory in a
    // file of heading lines, where none can.
    let found: Vec<(usize, &str, Title)> = (0..paragraphs.len())
        .filter_map(|i| lead_of(i).map(|(opening, title)| (i, opening, title)))
        .collect();
    let mut k = 0;
    while k < found.len() {
        let (first, opening, _) = &found[k];
        let run = found[k..]
            .iter()
            .enumerate()
            .take_while(|(n, (i, o, _))| *i == first + n && o == opening)
            .count();
        if run >= limits.parallel_run {
            for (i, _, title) in &found[k..k + run] {
                cands[*i] = Some(Candidate::Lead {
                    title: title.clone(),
                    standalone: false,
                });
            }
        }
        k += run;
    }
}

fn is_boundary(c: &Option<Candidate>) -> bool {
    matches!(
        c,
        Some(
            Candidate::Numbered { .. } | Candidate::Unnumbered { .. } | Candidate::Appendix { .. }
        )
    )
}

/// Counts for one block of paragraphs between two numbered headings.
struct Block {
    range: Range<usize>,
    leads: usize,
    /// Paragraphs, not counting the body paragraph a standalone lead
    /// introduces (it belongs to that lead).
    units: usize,
    /// Leads in a row: paragraph range and number of leads.
    runs: Vec<(Range<usize>, usize)>,
}

fn blocks(cands: &[Option<Candidate>]) -> Vec<Block> {
    let mut out = Vec::new();
    let mut start = 0;
    for i in 0..=cands.len() {
        if i < cands.len() && !is_boundary(&cands[i]) {
            continue;
        }
        if start < i {
            let mut block = Block {
                range: start..i,
                leads: 0,
                units: 0,
                runs: Vec::new(),
            };
            // The run being counted: first paragraph and number of leads.
            let mut run: Option<(usize, usize)> = None;
            let mut after_standalone = false;
            for (p, c) in cands.iter().enumerate().take(i).skip(start) {
                let (is_lead, is_unit) = match c {
                    Some(Candidate::Lead { standalone, .. }) => {
                        after_standalone = *standalone;
                        (true, true)
                    }
                    Some(_) => {
                        after_standalone = false;
                        (false, true)
                    }
                    None => {
                        let owned = after_standalone;
                        after_standalone = false;
                        (false, !owned)
                    }
                };
                if is_unit {
                    block.units += 1;
                }
                if is_lead {
                    block.leads += 1;
                    let (first, n) = run.unwrap_or((p, 0));
                    run = Some((first, n + 1));
                } else if is_unit {
                    if let Some((first, n)) = run.take() {
                        block.runs.push((first..p, n));
                    }
                }
            }
            if let Some((first, n)) = run {
                block.runs.push((first..i, n));
            }
            out.push(block);
        }
        start = i + 1;
    }
    out
}

/// Drop lead candidates in blocks where leads do not structure the text.
/// A block qualifies with `lead_min_per_block` leads making up at least one
/// in `lead_block_ratio` of its paragraphs, or with `lead_run` leads in a
/// row; once some block qualifies, the report is known to use leads and a
/// single lead in a short block counts too (a page that starts mid-report
/// opens with one).
pub fn filter(cands: &mut [Option<Candidate>], limits: &Limits) {
    // The paragraph after a standalone lead is that lead's body, even when
    // its own first sentence is short.
    for i in 1..cands.len() {
        let after_standalone = matches!(
            cands[i - 1],
            Some(Candidate::Lead {
                standalone: true,
                ..
            })
        );
        if after_standalone
            && matches!(
                cands[i],
                Some(Candidate::Lead {
                    standalone: false,
                    ..
                })
            )
        {
            cands[i] = None;
        }
    }
    let blocks = blocks(cands);
    let dense = |b: &Block| b.leads * limits.lead_block_ratio >= b.units;
    let long_run = |&(_, n): &(Range<usize>, usize)| n >= limits.lead_run;
    let qualifies = |b: &Block| {
        (b.leads >= limits.lead_min_per_block && dense(b)) || b.runs.iter().any(long_run)
    };
    let uses_leads = blocks.iter().any(qualifies);
    for b in &blocks {
        let keep_all = dense(b) && (uses_leads || b.leads >= limits.lead_min_per_block);
        if keep_all {
            continue;
        }
        // Otherwise only leads in a long run are headings.
        let kept: Vec<Range<usize>> = b
            .runs
            .iter()
            .filter(|r| long_run(r))
            .map(|(r, _)| r.clone())
            .collect();
        for (p, c) in cands
            .iter_mut()
            .enumerate()
            .take(b.range.end)
            .skip(b.range.start)
        {
            let in_run = kept.iter().any(|r| r.contains(&p));
            if !in_run && matches!(c, Some(Candidate::Lead { .. })) {
                *c = None;
            }
        }
    }
}
