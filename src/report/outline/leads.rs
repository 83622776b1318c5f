//! Which lead sentences are headings. A short opening sentence is a heading
//! only where the text is built from them: in provincial reports nearly
//! every paragraph of a `（一）` section opens with one, while a narrative
//! report has the odd short topic sentence among long paragraphs.

use super::candidates::Candidate;
use super::rules::Limits;

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
    range: std::ops::Range<usize>,
    leads: usize,
    /// Paragraphs, not counting the body paragraph a standalone lead
    /// introduces (it belongs to that lead).
    units: usize,
}

fn blocks(cands: &[Option<Candidate>]) -> Vec<Block> {
    let mut out = Vec::new();
    let mut start = 0;
    for i in 0..=cands.len() {
        if i < cands.len() && !is_boundary(&cands[i]) {
            continue;
        }
        if start < i {
            let mut leads = 0;
            let mut units = 0;
            let mut after_standalone = false;
            for c in &cands[start..i] {
                match c {
                    Some(Candidate::Lead { standalone, .. }) => {
                        leads += 1;
                        units += 1;
                        after_standalone = *standalone;
                    }
                    Some(_) => {
                        units += 1;
                        after_standalone = false;
                    }
                    None => {
                        if !after_standalone {
                            units += 1;
                        }
                        after_standalone = false;
                    }
                }
            }
            out.push(Block {
                range: start..i,
                leads,
                units,
            });
        }
        start = i + 1;
    }
    out
}

/// Drop lead candidates in blocks where leads do not structure the text.
/// A block qualifies with `lead_min_per_block` leads making up at least one
/// in `lead_block_ratio` of its paragraphs; once some block qualifies, the
/// report is known to use leads and a single lead in a short block counts
/// too (a page that starts mid-report opens with one).
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
    let uses_leads = blocks
        .iter()
        .any(|b| b.leads >= limits.lead_min_per_block && dense(b));
    for b in &blocks {
        let keep = b.leads > 0 && dense(b) && (uses_leads || b.leads >= limits.lead_min_per_block);
        if keep {
            continue;
        }
        for c in &mut cands[b.range.clone()] {
            if matches!(c, Some(Candidate::Lead { .. })) {
                *c = None;
            }
        }
    }
}
