//! Page furniture: which lines are web-page chrome rather than report text.
//! The rules are data (assets/furniture.toml); this file only knows the
//! zones they apply in.

use super::{Role, SourceLine};
use regex::{Regex, RegexSet};
use serde::Deserialize;
use std::collections::HashSet;
use std::sync::LazyLock;

/// The rules, parsed and compiled once.
static TABLE: LazyLock<Table> = LazyLock::new(|| {
    let spec: Spec = toml::from_str(include_str!("../../../assets/furniture.toml"))
        .unwrap_or_else(|e| panic!("assets/furniture.toml does not parse: {e}"));
    Table::compile(spec).unwrap_or_else(|e| panic!("assets/furniture.toml: {e}"))
});

/// Check that the embedded table parses and compiles (tests call this so a
/// broken table fails loudly there rather than on first use).
pub fn check_table() -> Result<(), String> {
    let spec: Spec = toml::from_str(include_str!("../../../assets/furniture.toml"))
        .map_err(|e| e.to_string())?;
    Table::compile(spec).map(|_| ())
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Spec {
    max_line_chars: usize,
    body_start: BodyStartSpec,
    words: WordsSpec,
    header: HeaderSpec,
    cut: CutSpec,
    footer: LineRulesSpec,
    anywhere: LineRulesSpec,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct BodyStartSpec {
    prefixes: Vec<String>,
    min_prose_chars: usize,
    max_header_lines: usize,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct WordsSpec {
    list: Vec<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct HeaderSpec {
    #[serde(default)]
    exact: Vec<String>,
    #[serde(default)]
    prefix: Vec<String>,
    #[serde(default)]
    regex: Vec<String>,
    labels: Vec<String>,
    max_value_chars: usize,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct CutSpec {
    min_position: f64,
    #[serde(default)]
    prefix: Vec<String>,
    #[serde(default)]
    regex: Vec<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct LineRulesSpec {
    #[serde(default)]
    exact: Vec<String>,
    #[serde(default)]
    prefix: Vec<String>,
    #[serde(default)]
    regex: Vec<String>,
}

struct Table {
    max_line_chars: usize,
    body_prefixes: Vec<String>,
    min_prose_chars: usize,
    max_header_lines: usize,
    words: HashSet<String>,
    header: RegexSet,
    /// A field label with nothing after it: its value is on the next line.
    bare_label: Regex,
    /// A field label with its value.
    label_line: Regex,
    max_value_chars: usize,
    cut_min_position: f64,
    cut_prefixes: Vec<String>,
    /// Cut markers that are whole short lines.
    cut_lines: RegexSet,
    footer: RegexSet,
    anywhere: RegexSet,
}

fn line_rules(exact: &[String], prefix: &[String], regex: &[String]) -> Result<RegexSet, String> {
    let patterns = exact
        .iter()
        .map(|e| format!("^(?:{})$", regex::escape(e)))
        .chain(prefix.iter().map(|p| format!("^(?:{})", regex::escape(p))))
        .chain(regex.iter().cloned());
    RegexSet::new(patterns).map_err(|e| e.to_string())
}

impl Table {
    fn compile(spec: Spec) -> Result<Table, String> {
        let labels = spec
            .header
            .labels
            .iter()
            .map(|l| regex::escape(l))
            .collect::<Vec<_>>()
            .join("|");
        if !(0.0..=1.0).contains(&spec.cut.min_position) {
            return Err("cut.min_position must lie in 0..=1".into());
        }
        Ok(Table {
            max_line_chars: spec.max_line_chars,
            body_prefixes: spec.body_start.prefixes,
            min_prose_chars: spec.body_start.min_prose_chars,
            max_header_lines: spec.body_start.max_header_lines,
            words: spec.words.list.into_iter().collect(),
            header: line_rules(&spec.header.exact, &spec.header.prefix, &spec.header.regex)?,
            bare_label: Regex::new(&format!(r"^【?(?:{labels})\s*[:：]\s*$"))
                .map_err(|e| e.to_string())?,
            label_line: Regex::new(&format!(r"^【?(?:{labels})\s*[:：]"))
                .map_err(|e| e.to_string())?,
            max_value_chars: spec.header.max_value_chars,
            cut_min_position: spec.cut.min_position,
            cut_prefixes: spec.cut.prefix,
            cut_lines: RegexSet::new(&spec.cut.regex).map_err(|e| e.to_string())?,
            footer: line_rules(&spec.footer.exact, &spec.footer.prefix, &spec.footer.regex)?,
            anywhere: line_rules(
                &spec.anywhere.exact,
                &spec.anywhere.prefix,
                &spec.anywhere.regex,
            )?,
        })
    }

    fn is_short(&self, text: &str) -> bool {
        text.chars().take(self.max_line_chars + 1).count() <= self.max_line_chars
    }

    /// Only toolbar words and separators: `下载 打印 全屏 收藏 【字号:加大 还原 减小】`.
    fn is_word_line(&self, text: &str) -> bool {
        text.split(|c: char| c.is_whitespace() || "|｜【】[]:：>›»/".contains(c))
            .filter(|t| !t.is_empty())
            .all(|t| self.words.contains(t))
    }

    fn is_header_line(&self, text: &str) -> bool {
        self.is_short(text)
            && (self.is_word_line(text)
                || self.header.is_match(text)
                || self.label_line.is_match(text)
                || self.anywhere.is_match(text))
    }

    fn is_footer_line(&self, text: &str) -> bool {
        self.is_short(text)
            && (self.is_word_line(text)
                || self.footer.is_match(text)
                || self.anywhere.is_match(text))
    }

    fn is_cut_marker(&self, text: &str) -> bool {
        self.cut_prefixes
            .iter()
            .any(|p| text.starts_with(p.as_str()))
            || (self.is_short(text) && self.cut_lines.is_match(text))
    }

    fn is_body_start(&self, text: &str) -> bool {
        self.body_prefixes
            .iter()
            .any(|p| text.starts_with(p.as_str()))
    }

    fn is_prose(&self, text: &str) -> bool {
        text.chars().take(self.min_prose_chars).count() >= self.min_prose_chars
            && text.contains(['。', '，', '；', '！', '？', ',', ';'])
    }

    fn is_crumb_separator(text: &str) -> bool {
        matches!(text, ">" | "›" | "»" | "＞" | "/")
    }
}

/// Mark furniture lines as `Role::Skip`.
pub(super) fn mark(lines: &[SourceLine], roles: &mut [Role]) {
    let table = &*TABLE;
    let end = footer_start(table, lines, roles);
    for role in &mut roles[end..] {
        *role = Role::Skip;
    }
    strip_footer_run(table, lines, &mut roles[..end]);
    mark_header(table, lines, roles);
    for (line, role) in lines.iter().zip(roles.iter_mut()) {
        if *role == Role::Text {
            let text = line.text.trim();
            if table.is_short(text) && table.anywhere.is_match(text) {
                *role = Role::Skip;
            }
        }
    }
}

/// Index of the first footer line: a cut marker in the last part of the
/// file, or the end.
fn footer_start(table: &Table, lines: &[SourceLine], roles: &[Role]) -> usize {
    let total: usize = lines.iter().map(|l| l.text.len() + 1).sum();
    let threshold = total as f64 * table.cut_min_position;
    let mut before = 0usize;
    for (i, (line, role)) in lines.iter().zip(roles).enumerate() {
        if *role == Role::Text
            && before as f64 >= threshold
            && table.is_cut_marker(line.text.trim())
        {
            return i;
        }
        before += line.text.len() + 1;
    }
    lines.len()
}

/// Remove furniture lines from the bottom up until a line of report text.
fn strip_footer_run(table: &Table, lines: &[SourceLine], roles: &mut [Role]) {
    for i in (0..roles.len()).rev() {
        match roles[i] {
            Role::Text if table.is_footer_line(lines[i].text.trim()) => roles[i] = Role::Skip,
            Role::Text => return,
            Role::Blank | Role::Skip => {}
        }
    }
}

/// The first line of the report body: the salutation, or the first line of
/// prose that is not furniture.
fn body_start(table: &Table, lines: &[SourceLine], roles: &[Role]) -> usize {
    let limit = lines.len().min(table.max_header_lines);
    let mut first_unmatched = None;
    for i in 0..limit {
        if roles[i] != Role::Text {
            continue;
        }
        let text = lines[i].text.trim();
        if table.is_body_start(text) {
            return i;
        }
        if table.is_header_line(text) {
            continue;
        }
        if table.is_prose(text) {
            return i;
        }
        first_unmatched.get_or_insert(i);
    }
    // No body start found: only the leading run of furniture is header.
    first_unmatched.unwrap_or(limit)
}

fn mark_header(table: &Table, lines: &[SourceLine], roles: &mut [Role]) {
    let end = body_start(table, lines, roles);
    let mut seen: HashSet<&str> = HashSet::new();
    let mut value_expected = false;
    let mut crumb_expected = false;
    for i in 0..end {
        if roles[i] != Role::Text {
            continue;
        }
        let text = lines[i].text.trim();
        let is_value = value_expected
            && text.chars().take(table.max_value_chars + 1).count() <= table.max_value_chars;
        // Repeated lines in a header are the page title or a breadcrumb item
        // shown again; the first one stays.
        let furniture =
            is_value || crumb_expected || table.is_header_line(text) || seen.contains(text);
        value_expected = table.bare_label.is_match(text);
        crumb_expected = Table::is_crumb_separator(text);
        if furniture {
            roles[i] = Role::Skip;
        }
        seen.insert(text);
    }
}
