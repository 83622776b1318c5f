//! gwr's query language, parsed by hand (tantivy's own syntax is never
//! exposed):
//!
//! | input | meaning |
//! |---|---|
//! | `污水处理 设施` | both strings occur (words are ANDed) |
//! | `"green development"` | the exact phrase, spaces included |
//! | `-煤炭` | the string does not occur |
//! | `光伏 \| 风电` | either (`\|` binds tighter than the space) |
//! | `(a b) \| c` | grouping |
//! | `year:2023`, `year:2020..2023`, `year:2020..`, `year:..2010` | year delivered |
//! | `province:安徽`, `city:`, `county:`, `place:` | place name or its beginning |
//! | `level:county` | `national`, `provincial`, `city`, `district`, `county` (or 全国, 省, 市, 区, 县) |
//! | `topic:生态环境`, `topic:environment` | in a section of that topic (the topic taxonomy, `assets/topics.toml`) |
//! | `title:…` | in a section whose own title has that text |
//!
//! A string is matched as written, wherever it occurs: `处理` finds
//! `污水处理`. Errors name the problem and where it is (character offsets),
//! so an input box can point at it.

use crate::numbers;
use crate::report::Level;
use crate::topics::Taxonomy;
use std::fmt;
use std::ops::Range;

/// A parsed query.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Expr {
    /// Every part matches.
    And(Vec<Expr>),
    /// At least one part matches.
    Or(Vec<Expr>),
    /// The part does not match.
    Not(Box<Expr>),
    /// The string occurs in the text.
    Text(String),
    Filter(Filter),
}

/// A field condition.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Filter {
    /// Year delivered, inclusive bounds.
    Year {
        from: Option<u16>,
        to: Option<u16>,
    },
    Level(Level),
    Place(PlaceField, String),
    Topic(String),
    Title(String),
}

/// Which place name a place filter looks at.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PlaceField {
    Province,
    City,
    County,
    /// Any of the three.
    Any,
}

/// The field names of the language, as typed.
pub const FIELD_NAMES: &[&str] = &[
    "year", "province", "city", "county", "place", "level", "topic", "title",
];

/// A query that cannot be understood.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{message}")]
pub struct QueryError {
    pub message: String,
    /// Character range of the offending part of the query.
    pub at: Range<usize>,
}

/// A parsed query and the text it came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Query {
    pub expr: Expr,
    pub source: String,
    /// Every `topic:` value and where it is, to check against a taxonomy.
    topics: Vec<(String, Range<usize>)>,
}

impl Query {
    /// Parse a query.
    pub fn parse(source: &str) -> Result<Query, QueryError> {
        let mut p = Parser {
            chars: source.chars().collect(),
            pos: 0,
            topics: Vec::new(),
        };
        let items = p.and(0)?;
        if let Some(c) = p.peek() {
            // Only a `)` without its `(` stops the top level early.
            return Err(p.error(p.pos..p.pos + 1, format!("`{c}` without a matching `(`")));
        }
        let expr = match items.len() {
            0 => {
                return Err(QueryError {
                    message: "empty query: type a word to search for".into(),
                    at: 0..p.chars.len(),
                })
            }
            1 => items.into_iter().next().unwrap_or(Expr::And(vec![])),
            _ => Expr::And(items),
        };
        if !expr.has_positive() {
            return Err(QueryError {
                message: "nothing to match: a query of exclusions only (`-word`) needs a word \
                          or field to search for"
                    .into(),
                at: 0..p.chars.len(),
            });
        }
        Ok(Query {
            expr,
            source: source.to_string(),
            topics: p.topics,
        })
    }

    /// Parse a query whose `topic:` values must be topics of `taxonomy`.
    pub fn parse_checked(source: &str, taxonomy: &Taxonomy) -> Result<Query, QueryError> {
        let q = Query::parse(source)?;
        q.check_topics(taxonomy)?;
        Ok(q)
    }

    /// An error naming the first `topic:` value the taxonomy does not have,
    /// with the topics it has.
    pub fn check_topics(&self, taxonomy: &Taxonomy) -> Result<(), QueryError> {
        for (value, at) in &self.topics {
            if super::topics::find(taxonomy, value).is_none() {
                return Err(QueryError {
                    message: format!(
                        "unknown topic `{value}`; topics are {}",
                        taxonomy.topic_list()
                    ),
                    at: at.clone(),
                });
            }
        }
        Ok(())
    }
}

impl Expr {
    /// Whether the expression can match without matching everything: it
    /// has a condition that is not negated.
    fn has_positive(&self) -> bool {
        match self {
            Expr::And(items) => items.iter().any(Expr::has_positive),
            Expr::Or(items) => items.iter().all(Expr::has_positive),
            Expr::Not(_) => false,
            Expr::Text(_) | Expr::Filter(_) => true,
        }
    }

    /// The strings a hit can be highlighted at: text that must or may occur
    /// (not excluded ones) and titles.
    pub fn highlight_strings(&self) -> Vec<&str> {
        let mut out = Vec::new();
        self.collect_highlights(&mut out);
        out
    }

    fn collect_highlights<'a>(&'a self, out: &mut Vec<&'a str>) {
        match self {
            Expr::And(items) | Expr::Or(items) => {
                items.iter().for_each(|i| i.collect_highlights(out))
            }
            Expr::Not(_) => {}
            Expr::Text(s) => out.push(s),
            Expr::Filter(Filter::Title(s)) => out.push(s),
            Expr::Filter(_) => {}
        }
    }
}

struct Parser {
    chars: Vec<char>,
    pos: usize,
    topics: Vec<(String, Range<usize>)>,
}

fn is_space(c: char) -> bool {
    c.is_whitespace()
}

impl Parser {
    fn peek(&self) -> Option<char> {
        self.chars.get(self.pos).copied()
    }

    fn peek_at(&self, i: usize) -> Option<char> {
        self.chars.get(i).copied()
    }

    fn skip_space(&mut self) {
        while self.peek().is_some_and(is_space) {
            self.pos += 1;
        }
    }

    fn error(&self, at: Range<usize>, message: String) -> QueryError {
        QueryError {
            message,
            at: at.start.min(self.chars.len())..at.end.min(self.chars.len()),
        }
    }

    /// Terms up to the end or the `)` closing this level.
    fn and(&mut self, depth: usize) -> Result<Vec<Expr>, QueryError> {
        let mut items = Vec::new();
        loop {
            self.skip_space();
            match self.peek() {
                None => break,
                Some(')') => break,
                Some('|') => {
                    return Err(self.error(
                        self.pos..self.pos + 1,
                        "`|` needs a term on each side, as in `光伏 | 风电`".into(),
                    ))
                }
                Some(_) => items.push(self.or(depth)?),
            }
        }
        Ok(items)
    }

    fn or(&mut self, depth: usize) -> Result<Expr, QueryError> {
        let mut items = vec![self.unary(depth)?];
        loop {
            let save = self.pos;
            self.skip_space();
            if self.peek() != Some('|') {
                self.pos = save;
                break;
            }
            let bar = self.pos;
            self.pos += 1;
            self.skip_space();
            match self.peek() {
                None | Some('|') | Some(')') => {
                    return Err(self.error(
                        bar..bar + 1,
                        "`|` needs a term on each side, as in `光伏 | 风电`".into(),
                    ))
                }
                Some(_) => items.push(self.unary(depth)?),
            }
        }
        Ok(if items.len() == 1 {
            items.pop().unwrap_or(Expr::And(vec![]))
        } else {
            Expr::Or(items)
        })
    }

    fn unary(&mut self, depth: usize) -> Result<Expr, QueryError> {
        if self.peek() == Some('-') {
            let at = self.pos;
            match self.peek_at(at + 1) {
                Some(c) if !is_space(c) && !matches!(c, '|' | '-' | ')') => {
                    self.pos += 1;
                    let inner = self.atom(depth)?;
                    return Ok(Expr::Not(Box::new(inner)));
                }
                _ => {
                    return Err(self.error(
                        at..at + 1,
                        "`-` excludes the word right after it, as in `-煤炭`; to search for a \
                         dash, put it in quotes"
                            .into(),
                    ))
                }
            }
        }
        self.atom(depth)
    }

    fn atom(&mut self, depth: usize) -> Result<Expr, QueryError> {
        let start = self.pos;
        match self.peek() {
            Some('(') => {
                self.pos += 1;
                let items = self.and(depth + 1)?;
                if self.peek() != Some(')') {
                    return Err(self.error(start..start + 1, "`(` is never closed".into()));
                }
                self.pos += 1;
                match items.len() {
                    0 => Err(self.error(start..self.pos, "empty `( )`".into())),
                    1 => Ok(items.into_iter().next().unwrap_or(Expr::And(vec![]))),
                    _ => Ok(Expr::And(items)),
                }
            }
            Some('"') => {
                let text = self.quoted()?;
                text_expr(text, start..self.pos)
            }
            _ => {
                if let Some(field) = self.field_name()? {
                    return self.field_value(field, start, depth);
                }
                let word = self.word(depth);
                text_expr(word, start..self.pos)
            }
        }
    }

    /// `"…"` at the current position.
    fn quoted(&mut self) -> Result<String, QueryError> {
        let open = self.pos;
        self.pos += 1;
        let from = self.pos;
        while let Some(c) = self.peek() {
            if c == '"' {
                let text: String = self.chars[from..self.pos].iter().collect();
                self.pos += 1;
                return Ok(text);
            }
            self.pos += 1;
        }
        Err(self.error(
            open..self.chars.len(),
            "`\"` is never closed: end the phrase with another `\"`".into(),
        ))
    }

    /// A bare word: up to a space, `|`, or a `)` closing a group.
    fn word(&mut self, depth: usize) -> String {
        let from = self.pos;
        while let Some(c) = self.peek() {
            if is_space(c) || c == '|' || (c == ')' && depth > 0) {
                break;
            }
            self.pos += 1;
        }
        self.chars[from..self.pos].iter().collect()
    }

    /// `name:` at the current position. Only ASCII letters make a field
    /// name; `：` counts as the colon after a known name (Chinese input
    /// methods type it), an unknown name before `:` is an error.
    fn field_name(&mut self) -> Result<Option<&'static str>, QueryError> {
        let from = self.pos;
        let mut end = from;
        while self.peek_at(end).is_some_and(|c| c.is_ascii_alphabetic()) {
            end += 1;
        }
        if end == from {
            return Ok(None);
        }
        let colon = match self.peek_at(end) {
            Some(c @ (':' | '：')) => c,
            _ => return Ok(None),
        };
        let name: String = self.chars[from..end].iter().collect::<String>();
        let lower = name.to_ascii_lowercase();
        match FIELD_NAMES.iter().find(|f| **f == lower) {
            Some(f) => {
                self.pos = end + 1;
                Ok(Some(f))
            }
            None if colon == ':' => Err(self.error(
                from..end + 1,
                format!(
                    "unknown field `{name}:`; fields are {}",
                    FIELD_NAMES
                        .iter()
                        .map(|f| format!("{f}:"))
                        .collect::<Vec<_>>()
                        .join(", ")
                ),
            )),
            None => Ok(None),
        }
    }

    fn field_value(
        &mut self,
        field: &'static str,
        start: usize,
        depth: usize,
    ) -> Result<Expr, QueryError> {
        let value_at = self.pos;
        let value = match self.peek() {
            Some('"') => self.quoted()?,
            _ => self.word(depth),
        };
        let at = start..self.pos;
        if value.trim().is_empty() {
            return Err(self.error(
                at,
                format!("`{field}:` needs a value, as in {}", example(field)),
            ));
        }
        let filter = match field {
            "year" => parse_years(&value).ok_or_else(|| {
                self.error(
                    value_at..self.pos,
                    format!(
                        "`year:{value}` is not a year: write a year like `year:2023` or a range \
                         like `year:2020..2023`"
                    ),
                )
            })?,
            "level" => Filter::Level(parse_level(&value).ok_or_else(|| {
                self.error(
                    value_at..self.pos,
                    format!(
                        "unknown level `{value}`; levels are national, provincial, city, \
                         district, county"
                    ),
                )
            })?),
            "province" => Filter::Place(PlaceField::Province, value),
            "city" => Filter::Place(PlaceField::City, value),
            "county" => Filter::Place(PlaceField::County, value),
            "place" => Filter::Place(PlaceField::Any, value),
            "topic" => {
                self.topics.push((value.clone(), value_at..self.pos));
                Filter::Topic(value)
            }
            _ => Filter::Title(value),
        };
        if let Filter::Place(_, v) | Filter::Topic(v) | Filter::Title(v) = &filter {
            if super::normalize::folded(v).is_empty() {
                return Err(self.error(at, format!("nothing to search for in `{field}:`")));
            }
        }
        Ok(Expr::Filter(filter))
    }
}

fn example(field: &str) -> &'static str {
    match field {
        "year" => "`year:2023` or `year:2020..2023`",
        "level" => "`level:county`",
        "topic" => "`topic:生态环境`",
        "title" => "`title:营商环境`",
        _ => "`province:安徽`",
    }
}

fn text_expr(text: String, at: Range<usize>) -> Result<Expr, QueryError> {
    if super::normalize::folded(&text).is_empty() {
        return Err(QueryError {
            message: if text.is_empty() {
                "empty phrase `\"\"`".into()
            } else {
                format!("nothing to search for in `{text}`")
            },
            at,
        });
    }
    Ok(Expr::Text(text))
}

fn parse_year(s: &str) -> Option<u16> {
    let s = s.trim();
    let s = s.strip_suffix('年').unwrap_or(s);
    let v = numbers::parse_integer(s)?;
    (v <= 9999).then_some(v as u16)
}

fn parse_years(value: &str) -> Option<Filter> {
    match value.split_once("..") {
        Some((a, b)) => {
            let from = if a.trim().is_empty() {
                None
            } else {
                Some(parse_year(a)?)
            };
            let to = if b.trim().is_empty() {
                None
            } else {
                Some(parse_year(b)?)
            };
            if from.is_none() && to.is_none() {
                return None;
            }
            match (from, to) {
                (Some(f), Some(t)) if f > t => Some(Filter::Year { from: to, to: from }),
                _ => Some(Filter::Year { from, to }),
            }
        }
        None => {
            let y = parse_year(value)?;
            Some(Filter::Year {
                from: Some(y),
                to: Some(y),
            })
        }
    }
}

fn parse_level(value: &str) -> Option<Level> {
    Level::from_name(&value.to_ascii_lowercase()).or(match value {
        "全国" | "国家" | "国务院" => Some(Level::National),
        "省" | "省级" | "自治区" => Some(Level::Provincial),
        "市" | "市级" | "地级" | "地级市" => Some(Level::City),
        "区" | "市辖区" => Some(Level::District),
        "县" | "县级" => Some(Level::County),
        _ => None,
    })
}

impl fmt::Display for Expr {
    /// The query in canonical form, with explicit grouping.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fn quote(s: &str) -> String {
            format!("\"{s}\"")
        }
        match self {
            Expr::And(items) => {
                let parts: Vec<String> = items.iter().map(|i| i.to_string()).collect();
                write!(f, "({})", parts.join(" "))
            }
            Expr::Or(items) => {
                let parts: Vec<String> = items.iter().map(|i| i.to_string()).collect();
                write!(f, "({})", parts.join(" | "))
            }
            Expr::Not(e) => write!(f, "-{e}"),
            Expr::Text(s) => f.write_str(&quote(s)),
            Expr::Filter(Filter::Year { from, to }) => {
                let y = |v: &Option<u16>| v.map(|y| y.to_string()).unwrap_or_default();
                if from == to {
                    write!(f, "year:{}", y(from))
                } else {
                    write!(f, "year:{}..{}", y(from), y(to))
                }
            }
            Expr::Filter(Filter::Level(l)) => write!(f, "level:{}", l.name()),
            Expr::Filter(Filter::Place(which, v)) => {
                let name = match which {
                    PlaceField::Province => "province",
                    PlaceField::City => "city",
                    PlaceField::County => "county",
                    PlaceField::Any => "place",
                };
                write!(f, "{name}:{}", quote(v))
            }
            Expr::Filter(Filter::Topic(v)) => write!(f, "topic:{}", quote(v)),
            Expr::Filter(Filter::Title(v)) => write!(f, "title:{}", quote(v)),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn canon(q: &str) -> String {
        Query::parse(q)
            .map(|q| q.expr.to_string())
            .unwrap_or_else(|e| panic!("{q}: {e}"))
    }

    fn err(q: &str) -> QueryError {
        match Query::parse(q) {
            Ok(p) => panic!("{q} parsed as {}", p.expr),
            Err(e) => e,
        }
    }

    #[test]
    fn words_phrases_or_not_groups() {
        assert_eq!(canon("污水处理"), "\"污水处理\"");
        assert_eq!(canon("  污水 设施 "), "(\"污水\" \"设施\")");
        assert_eq!(canon("a b | c"), "(\"a\" (\"b\" | \"c\"))");
        assert_eq!(canon("a|b|c"), "(\"a\" | \"b\" | \"c\")");
        assert_eq!(
            canon("\"green  growth\" -煤炭"),
            "(\"green  growth\" -\"煤炭\")"
        );
        assert_eq!(canon("(a b) | c"), "((\"a\" \"b\") | \"c\")");
        assert_eq!(canon("2020-2023 a-b"), "(\"2020-2023\" \"a-b\")");
        assert_eq!(canon("GDP(国内生产总值)"), "\"GDP(国内生产总值)\"");
        assert_eq!(canon("-\"a b\" c"), "(-\"a b\" \"c\")");
    }

    #[test]
    fn fields() {
        assert_eq!(canon("year:2023"), "year:2023");
        assert_eq!(canon("YEAR:２０２３年"), "year:2023");
        assert_eq!(canon("year:二〇二三"), "year:2023");
        assert_eq!(canon("year:2023..2020"), "year:2020..2023");
        assert_eq!(canon("year:2020.."), "year:2020..");
        assert_eq!(canon("year:..2010"), "year:..2010");
        assert_eq!(
            canon("province:安徽 level:county"),
            "(province:\"安徽\" level:county)"
        );
        assert_eq!(canon("level:县"), "level:county");
        assert_eq!(canon("topic：生态环境"), "topic:\"生态环境\"");
        assert_eq!(canon("title:\"营商 环境\""), "title:\"营商 环境\"");
        assert_eq!(
            canon("(place:合肥 | place:芜湖) 科技"),
            "((place:\"合肥\" | place:\"芜湖\") \"科技\")"
        );
        // A full-width colon after an unknown name is just text.
        assert_eq!(canon("注意：安全"), "\"注意：安全\"");
        assert_eq!(canon("GDP：5%"), "\"GDP：5%\"");
    }

    #[test]
    fn errors_say_what_and_where() {
        let e = err("foo:bar 污水");
        assert!(e.message.contains("unknown field `foo:`"), "{}", e.message);
        assert!(e.message.contains("year:"));
        assert_eq!(e.at, 0..4);
        assert!(err("year:abc").message.contains("not a year"));
        assert!(err("year:..").message.contains("not a year"));
        assert!(err("year:").message.contains("needs a value"));
        assert!(err("level:town").message.contains("unknown level"));
        assert_eq!(err("a \"b c").at, 2..6);
        assert!(err("a \"b c").message.contains("never closed"));
        assert!(err("(a b").message.contains("never closed"));
        assert!(err("a )").message.contains("without a matching"));
        assert_eq!(canon("a b)"), "(\"a\" \"b)\")");
        assert!(err("a |").message.contains("`|`"));
        assert!(err("| a").message.contains("`|`"));
        assert!(err("a || b").message.contains("`|`"));
        assert!(err("a - b").message.contains("`-`"));
        assert!(err("-a").message.contains("exclusions only"));
        assert!(err("-a | -b").message.contains("exclusions only"));
        assert!(err("").message.contains("empty query"));
        assert!(err("   ").message.contains("empty query"));
        assert!(err("\"\"").message.contains("empty phrase"));
        assert!(err("()").message.contains("empty"));
        assert!(err("\u{200B}").message.contains("nothing to search"));
        assert!(
            err("province:\u{FEFF}").message.contains("needs a value")
                || err("province:\u{FEFF}").message.contains("nothing")
        );
    }

    #[test]
    fn topics_are_checked_against_the_taxonomy() {
        let taxonomy = crate::topics::Taxonomy::builtin();
        assert!(Query::parse_checked("topic:生态环境 污水", &taxonomy).is_ok());
        assert!(Query::parse_checked("topic:Environment", &taxonomy).is_ok());
        let e = Query::parse_checked("污水 topic:没有这个", &taxonomy).unwrap_err();
        assert!(
            e.message.contains("unknown topic `没有这个`"),
            "{}",
            e.message
        );
        assert!(
            e.message.contains("生态环境 (environment)"),
            "{}",
            e.message
        );
        assert_eq!(e.at, 9..13);
    }

    #[test]
    fn highlights_skip_exclusions_and_filters() {
        let q = Query::parse("a (b | -c) year:2020 -d topic:t title:u").unwrap();
        assert_eq!(q.expr.highlight_strings(), vec!["a", "b", "u"]);
    }
}
