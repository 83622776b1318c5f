//! The data table behind the outline (`assets/headings.toml`), parsed once.

use serde::Deserialize;
use std::sync::LazyLock;

const TABLE: &str = include_str!("../../../assets/headings.toml");

/// Everything tunable about headings, appendices and markers.
#[derive(Debug, Deserialize)]
pub struct Rules {
    pub limits: Limits,
    pub lead: LeadRules,
    pub unnumbered: Unnumbered,
    pub appendix: Vec<AppendixKind>,
}

#[derive(Debug, Deserialize)]
pub struct Limits {
    pub heading_chars: usize,
    pub heading_commas: usize,
    pub item_title_chars: usize,
    pub lead_chars: usize,
    pub standalone_lead_chars: usize,
    pub lead_min_per_block: usize,
    pub lead_block_ratio: usize,
    pub lead_run: usize,
    pub bullet_chars: usize,
    pub appendix_chars: usize,
    pub unnumbered_chars: usize,
    pub max_depth: usize,
    pub inline_lead_chars: usize,
    pub inline_detail_chars: usize,
    pub inline_passage_chars: usize,
    pub inline_intro_chars: usize,
    pub inline_paragraph_chars: usize,
    pub inline_lead_paragraph_chars: usize,
    pub inline_lead_paragraph_min: usize,
    pub parallel_prefix_chars: usize,
    pub parallel_lead_chars: usize,
    pub parallel_run: usize,
}

#[derive(Debug, Deserialize)]
pub struct LeadRules {
    pub reject_prefixes: Vec<String>,
    pub reject_contains: Vec<String>,
    pub inline_reject_contains: Vec<String>,
    pub max_digits: usize,
    pub verdict_adverbs: Vec<String>,
    pub verdict_outcomes: Vec<String>,
}

impl LeadRules {
    /// Whether a sentence (without its full stop) judges how a field of
    /// work went (`创新驱动持续强化`).
    pub fn is_verdict(&self, sentence: &str) -> bool {
        let tail: String = {
            let chars: Vec<char> = sentence.chars().collect();
            chars[chars.len().saturating_sub(4)..].iter().collect()
        };
        self.verdict_adverbs
            .iter()
            .any(|a| tail.starts_with(a.as_str()))
            || self
                .verdict_outcomes
                .iter()
                .any(|o| sentence.ends_with(o.as_str()))
    }
}

#[derive(Debug, Deserialize)]
pub struct Unnumbered {
    pub suffixes: Vec<String>,
    /// Words that name a part wherever they stand in a title line
    /// (`2025年工作安排建议`, `加强政府自身建设`, `结束语`).
    pub part_words: Vec<String>,
}

#[derive(Debug, Deserialize)]
pub struct AppendixKind {
    pub exact: Vec<String>,
    pub suffixes: Vec<String>,
    /// Label words (`附件`) that may carry a number and a title.
    #[serde(default)]
    pub labels: Vec<String>,
    pub marker_prefixes: Vec<String>,
}

impl Rules {
    /// The appendix kind whose names match a whole title, if any.
    pub fn appendix_kind_of(&self, title: &str) -> Option<usize> {
        self.appendix
            .iter()
            .position(|k| k.exact.iter().any(|e| e == title))
            .or_else(|| {
                self.appendix
                    .iter()
                    .position(|k| k.suffixes.iter().any(|s| title.ends_with(s.as_str())))
            })
    }
}

/// The rules, parsed from the embedded table on first use.
pub static RULES: LazyLock<Rules> = LazyLock::new(|| {
    // The table is compiled in and checked by a unit test, so a parse error
    // is a build defect, not an input problem.
    toml::from_str(TABLE).expect("assets/headings.toml is valid")
});

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn table_parses_and_is_sane() {
        let r: Rules = toml::from_str(TABLE).expect("valid table");
        assert!(r.limits.heading_chars > r.limits.lead_chars);
        assert!(r.limits.max_depth >= 3);
        assert!(r.appendix.iter().any(|k| !k.labels.is_empty()));
        assert_eq!(r.appendix_kind_of("民生实事"), Some(0));
        assert_eq!(r.appendix_kind_of("2026年省十件民生实事"), Some(0));
        assert_eq!(r.appendix_kind_of("名词解释"), Some(1));
        assert_eq!(r.appendix_kind_of("工作回顾"), None);
    }
}
