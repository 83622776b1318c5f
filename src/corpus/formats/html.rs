//! Web pages (`.html`, `.htm`): the article, found among the portal's
//! navigation, breadcrumbs, toolbars, related links and footer, as lines of
//! text, one block a line.
//!
//! The page is parsed as browsers parse it (html5ever). Page chrome goes in
//! three steps, each general: elements that are never text (scripts,
//! styles, forms' controls); furniture by its markup (`<nav>`, `<footer>`,
//! class and id names like `breadcrumb`, `share`, `print`, `related`) when
//! it holds a small share of the page's text; and of what is left, the
//! deepest element that holds most of the text outside links is the
//! article. Furniture that sits inside the article (`来源：`, `字号：大 中
//! 小`, `【打印本页】`) is removed line by line afterwards by the same rules as
//! for text files (`clean`), so they are not repeated here.

use crate::corpus::{decode, LoadError};
use ego_tree::iter::Edge;
use ego_tree::{NodeId, NodeRef};
use regex::bytes::Regex;
use scraper::{Html, Node};
use std::collections::{HashMap, HashSet};
use std::sync::LazyLock;

use super::Extracted;

/// Where a page's charset declaration is looked for: browsers look in the
/// first 1,024 bytes; portal pages with long comments put it later.
const CHARSET_SCAN_BYTES: usize = 4096;
/// The article is the deepest element holding at least this share of the
/// text outside links and furniture.
const ARTICLE_SHARE: f64 = 0.7;
/// Markup furniture is only removed when it holds less than this share of
/// the page's text: an article wrapped in `<div id="printContent">` or a
/// page-wide `<header>` stays.
const FURNITURE_MAX_SHARE: f64 = 0.3;
/// A line this much link text (`相关文章` lists, pagers) is navigation.
const LINK_LINE_SHARE: f64 = 0.9;

/// Elements that never hold report text.
const NEVER_TEXT: [&str; 16] = [
    "head", "script", "style", "noscript", "template", "svg", "iframe", "object", "embed",
    "select", "option", "button", "input", "textarea", "canvas", "map",
];
/// Elements that are page chrome by their name.
const FURNITURE_ELEMENTS: [&str; 4] = ["nav", "header", "footer", "aside"];
/// Class and id words of page chrome: a class or id token equal to one of
/// these, or starting or ending with one of the longer ones, marks it
/// (`breadcrumb`, `bdsharebuttonbox`, `article-print`, `xgwz` = 相关文章).
const FURNITURE_WORDS: [&str; 36] = [
    "nav",
    "navbar",
    "menu",
    "header",
    "footer",
    "foot",
    "breadcrumb",
    "crumb",
    "crumbs",
    "location",
    "position",
    "share",
    "bdshare",
    "fenxiang",
    "print",
    "dayin",
    "close",
    "fontsize",
    "zihao",
    "related",
    "relate",
    "xgwz",
    "xgxx",
    "xglj",
    "sidebar",
    "side",
    "copyright",
    "banquan",
    "toolbar",
    "tools",
    "search",
    "login",
    "qrcode",
    "erweima",
    "ewm",
    "friendlink",
];
/// Elements that end a block before and after them (`<br>` ends a line).
const BLOCKS: [&str; 33] = [
    "p",
    "div",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "li",
    "ul",
    "ol",
    "table",
    "tr",
    "section",
    "article",
    "blockquote",
    "pre",
    "dl",
    "dt",
    "dd",
    "center",
    "form",
    "header",
    "footer",
    "nav",
    "aside",
    "main",
    "figure",
    "figcaption",
    "hr",
    "address",
    "caption",
    "fieldset",
];
const HEADINGS: [&str; 3] = ["h1", "h2", "h3"];
/// Elements an article can be: those that hold blocks.
const CONTAINERS: [&str; 16] = [
    "div",
    "section",
    "article",
    "main",
    "table",
    "tbody",
    "thead",
    "tfoot",
    "tr",
    "td",
    "th",
    "form",
    "center",
    "ul",
    "ol",
    "blockquote",
];

/// Whether bytes open like a web page (after a byte-order mark and
/// whitespace): `<!DOCTYPE html` or `<html`.
pub fn opens_as_page(bytes: &[u8]) -> bool {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let start = bytes
        .iter()
        .position(|b| !b.is_ascii_whitespace())
        .unwrap_or(bytes.len());
    let head = &bytes[start..bytes.len().min(start + 14)];
    let lower = head.to_ascii_lowercase();
    lower.starts_with(b"<!doctype html") || lower.starts_with(b"<html")
}

static CHARSET: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r#"(?i-u)<meta[^>]{0,200}?charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]{1,40})"#)
        .expect("charset pattern compiles")
});

/// The page's text as lines, and the encoding it came in.
pub fn extract(bytes: &[u8]) -> Result<Extracted, LoadError> {
    let head = &bytes[..bytes.len().min(CHARSET_SCAN_BYTES)];
    let decoded = match CHARSET.captures(head).and_then(|c| c.get(1)) {
        Some(label) => decode::decode_declared(bytes, label.as_bytes())?,
        None => decode::decode(bytes)?,
    };
    let text = article_text(&decoded.text);
    if text.trim().is_empty() {
        return Err(LoadError::Unreadable("a web page without text".into()));
    }
    Ok(Extracted {
        text,
        encoding: decoded.encoding,
    })
}

/// Text counts of an element's subtree: characters that show, inside and
/// outside links.
#[derive(Debug, Clone, Copy, Default)]
struct Count {
    plain: usize,
    link: usize,
}

impl Count {
    fn total(self) -> usize {
        self.plain + self.link
    }
}

fn element_name(node: NodeRef<'_, Node>) -> Option<&str> {
    match node.value() {
        Node::Element(e) => Some(e.name()),
        _ => None,
    }
}

fn is_never_text(node: NodeRef<'_, Node>) -> bool {
    element_name(node).is_some_and(|n| NEVER_TEXT.contains(&n))
}

/// Characters other than ASCII whitespace, counted on bytes (every byte
/// but UTF-8 continuation bytes starts one): it runs over the whole page.
fn visible_chars(text: &str) -> usize {
    text.bytes()
        .filter(|&b| b & 0xC0 != 0x80 && !b.is_ascii_whitespace())
        .count()
}

/// Whether an element is chrome by its name, class or id.
fn looks_like_furniture(node: NodeRef<'_, Node>) -> bool {
    let Node::Element(e) = node.value() else {
        return false;
    };
    if FURNITURE_ELEMENTS.contains(&e.name()) {
        return true;
    }
    let names = e.classes().chain(e.id());
    names
        .flat_map(|n| n.split(|c: char| !c.is_ascii_alphanumeric()))
        .filter(|t| !t.is_empty())
        .any(|token| {
            let token = token.to_ascii_lowercase();
            FURNITURE_WORDS.iter().any(|w| {
                token == *w || (w.len() >= 4 && (token.starts_with(w) || token.ends_with(w)))
            })
        })
}

/// The page as parsed, with the counts and order of its elements.
struct Page {
    html: Html,
    counts: HashMap<NodeId, Count>,
    /// Document order of every element.
    order: HashMap<NodeId, usize>,
    furniture: HashSet<NodeId>,
}

impl Page {
    fn parse(text: &str) -> Page {
        let html = Html::parse_document(text);
        let mut page = Page {
            counts: HashMap::new(),
            order: HashMap::new(),
            furniture: HashSet::new(),
            html,
        };
        page.counts = page.count(&HashSet::new());
        let total = page.count_of(page.html.root_element().id()).total();
        let limit = total as f64 * FURNITURE_MAX_SHARE;
        let furniture: HashSet<NodeId> = page
            .html
            .tree
            .root()
            .descendants()
            .filter(|n| looks_like_furniture(*n) && (page.count_of(n.id()).total() as f64) < limit)
            .map(|n| n.id())
            .collect();
        if !furniture.is_empty() {
            page.counts = page.count(&furniture);
        }
        page.furniture = furniture;
        page
    }

    fn count_of(&self, id: NodeId) -> Count {
        self.counts.get(&id).copied().unwrap_or_default()
    }

    /// Count the text under every element, leaving out what is never text
    /// and the given furniture. Iterative: pages nest deeply.
    fn count(&mut self, furniture: &HashSet<NodeId>) -> HashMap<NodeId, Count> {
        let mut counts = HashMap::new();
        let mut stack: Vec<Count> = vec![Count::default()];
        let mut skipping = 0usize;
        let mut links = 0usize;
        let mut order = 0usize;
        for edge in self.html.tree.root().traverse() {
            match edge {
                Edge::Open(node) => {
                    if skipping > 0 || is_never_text(node) || furniture.contains(&node.id()) {
                        skipping += 1;
                        continue;
                    }
                    match node.value() {
                        Node::Element(e) => {
                            self.order.insert(node.id(), order);
                            order += 1;
                            links += usize::from(e.name() == "a");
                            stack.push(Count::default());
                        }
                        Node::Text(t) => {
                            let n = visible_chars(t);
                            if let Some(top) = stack.last_mut() {
                                if links > 0 {
                                    top.link += n;
                                } else {
                                    top.plain += n;
                                }
                            }
                        }
                        _ => {}
                    }
                }
                Edge::Close(node) => {
                    if skipping > 0 {
                        skipping -= 1;
                        continue;
                    }
                    if let Node::Element(e) = node.value() {
                        links -= usize::from(e.name() == "a");
                        let own = stack.pop().unwrap_or_default();
                        counts.insert(node.id(), own);
                        if let Some(parent) = stack.last_mut() {
                            parent.plain += own.plain;
                            parent.link += own.link;
                        }
                    }
                }
            }
        }
        counts
    }

    /// The deepest element holding most of the text outside links.
    fn article(&self) -> NodeRef<'_, Node> {
        let root = self.html.root_element();
        let body = root
            .children()
            .find(|n| element_name(*n) == Some("body"))
            .unwrap_or(*root);
        let needed = self.count_of(body.id()).plain as f64 * ARTICLE_SHARE;
        let mut article = body;
        // Each step goes to the one child that still holds enough, and
        // only into containers: a paragraph (or the span, font or link
        // inside one) holding most of the text is part of the article, not
        // all of it.
        while let Some(child) = article.children().find(|c| {
            element_name(*c).is_some_and(|n| CONTAINERS.contains(&n))
                && self.count_of(c.id()).plain as f64 >= needed
                && needed > 0.0
        }) {
            article = child;
        }
        article
    }

    /// The article's title when the article does not hold it: the last
    /// heading before it near it, or the portal's `ArticleTitle` metadata
    /// (the field Chinese government sites are required to fill).
    fn outside_title(&self, article: NodeRef<'_, Node>) -> Option<String> {
        let has_heading = article
            .descendants()
            .any(|n| element_name(n).is_some_and(|name| HEADINGS.contains(&name)));
        if has_heading {
            return None;
        }
        let at = *self.order.get(&article.id())?;
        let near = article.ancestors().take(3).last().unwrap_or(article);
        let heading = near
            .descendants()
            .filter(|n| element_name(*n).is_some_and(|name| HEADINGS.contains(&name)))
            .filter(|n| self.order.get(&n.id()).is_some_and(|&o| o < at))
            .filter(|n| !n.ancestors().any(|a| self.furniture.contains(&a.id())))
            .map(|n| self.lines(n).join(""))
            .filter(|t| !t.trim().is_empty())
            .last();
        heading.or_else(|| {
            self.html
                .tree
                .root()
                .descendants()
                .filter_map(|n| match n.value() {
                    Node::Element(e) if e.name() == "meta" => Some(e),
                    _ => None,
                })
                .find(|e| {
                    e.attr("name")
                        .is_some_and(|n| n.eq_ignore_ascii_case("ArticleTitle"))
                })
                .and_then(|e| e.attr("content"))
                .map(|t| t.split_whitespace().collect::<Vec<_>>().join(" "))
                .filter(|t| !t.is_empty())
        })
    }

    /// The text under an element, one block a line; lines that are nearly
    /// all link text are navigation and left out.
    fn lines(&self, top: NodeRef<'_, Node>) -> Vec<String> {
        let mut lines = Lines::default();
        let mut skipping = 0usize;
        let mut links = 0usize;
        let mut pre = 0usize;
        for edge in top.traverse() {
            match edge {
                Edge::Open(node) => {
                    if skipping > 0 || is_never_text(node) || self.furniture.contains(&node.id()) {
                        skipping += 1;
                        continue;
                    }
                    match node.value() {
                        Node::Element(e) => {
                            let name = e.name();
                            links += usize::from(name == "a");
                            pre += usize::from(name == "pre");
                            if name == "br" {
                                lines.end();
                            } else if BLOCKS.contains(&name) {
                                lines.end_block();
                            } else if matches!(name, "td" | "th") {
                                lines.space(false);
                            }
                        }
                        Node::Text(t) => lines.text(t, links > 0, pre > 0),
                        _ => {}
                    }
                }
                Edge::Close(node) => {
                    if skipping > 0 {
                        skipping -= 1;
                        continue;
                    }
                    if let Some(name) = element_name(node) {
                        links -= usize::from(name == "a");
                        pre -= usize::from(name == "pre");
                        if BLOCKS.contains(&name) {
                            lines.end_block();
                        }
                    }
                }
            }
        }
        lines.end_block();
        lines.done
    }
}

/// Lines being built from text nodes (an empty one between blocks),
/// whitespace collapsed as browsers
/// do, and a line break in the source between two Chinese characters
/// dropped (pages saved from Word wrap their source lines mid-sentence).
#[derive(Default)]
struct Lines {
    done: Vec<String>,
    current: String,
    /// The space ending `current` stands for a source line break.
    soft: bool,
    link_chars: usize,
    chars: usize,
}

fn is_space(c: char) -> bool {
    c.is_ascii_whitespace()
}

impl Lines {
    fn text(&mut self, text: &str, in_link: bool, preformatted: bool) {
        if preformatted {
            for (i, line) in text.split('\n').enumerate() {
                if i > 0 {
                    self.end();
                }
                self.words(line, in_link);
            }
        } else {
            self.words(text, in_link);
        }
    }

    fn words(&mut self, mut rest: &str, in_link: bool) {
        while !rest.is_empty() {
            let after_space = rest.trim_start_matches(is_space);
            if after_space.len() < rest.len() {
                let run = &rest[..rest.len() - after_space.len()];
                self.space(run.contains('\n'));
                rest = after_space;
                continue;
            }
            let end = rest.find(is_space).unwrap_or(rest.len());
            self.word(&rest[..end], in_link);
            rest = &rest[end..];
        }
    }

    fn word(&mut self, word: &str, in_link: bool) {
        if self.soft && self.current.ends_with(' ') {
            let before = self.current[..self.current.len() - 1].chars().next_back();
            if before.is_some_and(|c| !c.is_ascii()) && word.starts_with(|c: char| !c.is_ascii()) {
                self.current.pop();
            }
        }
        self.soft = false;
        self.current.push_str(word);
        let n = word.chars().count();
        self.chars += n;
        if in_link {
            self.link_chars += n;
        }
    }

    fn space(&mut self, line_break: bool) {
        if self.current.is_empty() {
            return;
        }
        if self.current.ends_with(' ') {
            self.soft &= line_break;
        } else {
            self.current.push(' ');
            self.soft = line_break;
        }
    }

    /// End a block: a blank line follows its lines, as between the
    /// paragraphs of a text file, so that `clean` joins the lines of one
    /// block that `<br>` broke mid-sentence and keeps blocks apart.
    fn end_block(&mut self) {
        self.end();
        if self.done.last().is_some_and(|l| !l.is_empty()) {
            self.done.push(String::new());
        }
    }

    /// End a line.
    fn end(&mut self) {
        let line = self.current.trim();
        if !line.is_empty() && (self.link_chars as f64) < LINK_LINE_SHARE * self.chars as f64 {
            self.done.push(line.to_string());
        }
        self.current.clear();
        self.soft = false;
        self.link_chars = 0;
        self.chars = 0;
    }
}

/// The article of a page as text, its title first, a blank line after each
/// block.
fn article_text(text: &str) -> String {
    let page = Page::parse(text);
    let article = page.article();
    let mut lines = page.lines(article);
    if let Some(title) = page.outside_title(article) {
        let squeeze = |s: &str| s.split_whitespace().collect::<String>();
        let title_key = squeeze(&title);
        if !lines
            .iter()
            .filter(|l| !l.is_empty())
            .take(5)
            .any(|l| squeeze(l).contains(&title_key))
        {
            lines.splice(0..0, [title, String::new()]);
        }
    }
    let mut out = lines.join("\n");
    out.push('\n');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pages_are_told_from_text_by_their_opening() {
        assert!(opens_as_page(b"\xEF\xBB\xBF\n  <!DOCTYPE HTML PUBLIC>"));
        assert!(opens_as_page(b"<html lang=zh>"));
        assert!(!opens_as_page("<各位代表>".as_bytes()));
        assert!(!opens_as_page(b""));
    }

    #[test]
    fn the_article_is_found_among_the_chrome() {
        let body = "各位代表：现在，我代表市人民政府，向大会报告政府工作，请予审议。".repeat(5);
        let page = format!(
            "<html><body><div class=nav><a href=/>首页</a><a>政务公开</a></div>\
             <div class=main><h1>2024年某市政府工作报告</h1><div class=info>来源：市政府办公室</div>\
             <div id=zoom><p>{body}</p><p>一、2023年工作回顾</p><p>{body}</p></div>\
             <div class=xgwz><ul><li><a>相关文章一</a></li></ul></div></div>\
             <div class=footer>版权所有：某市人民政府 网站标识码：1234</div></body></html>"
        );
        let text = article_text(&page);
        let lines: Vec<&str> = text.lines().filter(|l| !l.is_empty()).collect();
        assert_eq!(lines[0], "2024年某市政府工作报告", "{text}");
        assert!(lines.contains(&"一、2023年工作回顾"), "{text}");
        for chrome in ["首页", "版权所有", "相关文章"] {
            assert!(!text.contains(chrome), "{chrome} in {text}");
        }
    }

    #[test]
    fn inline_markup_stays_in_its_line_and_breaks_split() {
        let page = "<html><body><p>推进<a href=#>数字</a><b>政府</b>建设，<span>\n  提高</span>效能。 Word 2010<br>二、下一句</p><p>下一段</p></body></html>";
        assert_eq!(
            article_text(page),
            "推进数字政府建设，提高效能。 Word 2010\n二、下一句\n\n下一段\n\n"
        );
    }

    #[test]
    fn a_sentence_broken_by_br_is_one_paragraph_again() {
        let body = "各位代表：现在，我代表市人民政府，向大会报告政府工作，请予审议。";
        let page = format!(
            "<html><body><div id=zoom><p>{body}</p><p>全市地区生产总值增长5.2%，<br>低空经济试点加快推进。</p><p>一、主要任务</p></div></body></html>"
        );
        let report = crate::corpus::parse_report("p.html", None, page.as_bytes()).unwrap();
        let texts: Vec<&str> = report.paragraphs.iter().map(|p| p.text.as_str()).collect();
        assert_eq!(
            texts,
            [
                body,
                "全市地区生产总值增长5.2%，低空经济试点加快推进。",
                "一、主要任务"
            ]
        );
        assert_eq!(
            report.paragraphs[2].line(),
            5,
            "the line gwr show prints it on"
        );
    }
}
