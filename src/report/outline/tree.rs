//! Candidates → a tree. Depth follows how the numbering styles actually nest
//! in the text: a list continues where its next number is expected, a list
//! restarting at 1 under another style is nested, and the customary order of
//! styles (`一、` > `（一）` > `一是` > `1.` > `（1）` > `①`) only decides
//! between levels the text leaves open.

use super::candidates::{Candidate, Title};
use super::label::{Label, Style};
use super::rules::Rules;
use crate::report::SectionKind;
use std::ops::Range;

/// One future section, before depths and ranges are known.
#[derive(Debug, Clone)]
pub struct Node {
    pub para: usize,
    pub kind: SectionKind,
    pub style: Option<Style>,
    pub ordinal: u32,
    /// Sibling group: items of one numbered list share it.
    pub list: usize,
    pub label: Range<usize>,
    pub title: Title,
    pub parent: Option<usize>,
    /// The list continues one that started before the text (a page
    /// beginning at `（五）`): it sits one level below an unseen parent.
    pub implied: bool,
    /// Index into `Rules::appendix` for appendix headings.
    pub appendix: Option<usize>,
    pub in_appendix: bool,
}

impl Node {
    /// Byte offset in its paragraph where the heading starts.
    pub fn start(&self) -> usize {
        match self.kind {
            SectionKind::Lead => self.title.range.start,
            _ => self.label.start,
        }
    }
}

struct Builder<'r> {
    rules: &'r Rules,
    nodes: Vec<Node>,
    /// Open numbered headings, outermost first.
    stack: Vec<usize>,
    /// Entries below this index (an appendix) are never popped by headings.
    floor: usize,
    next_list: usize,
}

impl Builder<'_> {
    fn style_at(&self, pos: usize) -> Option<Style> {
        self.nodes[self.stack[pos]].style
    }

    fn top(&self) -> Option<usize> {
        self.stack.last().copied()
    }

    /// Innermost open list of `style` whose last ordinal satisfies `pred`.
    fn find_open(&self, style: Style, pred: impl Fn(u32) -> bool) -> Option<usize> {
        (self.floor..self.stack.len())
            .rev()
            .find(|&p| self.style_at(p) == Some(style) && pred(self.nodes[self.stack[p]].ordinal))
    }

    fn new_list(&mut self) -> usize {
        self.next_list += 1;
        self.next_list
    }

    fn in_appendix(&self) -> bool {
        self.floor > 0
    }

    /// Close open headings of the same or a lower customary rank.
    fn pop_ranks(&mut self, rank: u8) {
        while self.stack.len() > self.floor {
            match self.top().and_then(|t| self.nodes[t].style) {
                Some(s) if s.rank() >= rank => {
                    self.stack.pop();
                }
                _ => break,
            }
        }
    }

    fn push(&mut self, node: Node, open: bool) {
        let idx = self.nodes.len();
        self.nodes.push(node);
        if open {
            self.stack.push(idx);
        }
    }

    /// A node under the deepest open heading, in a sibling group of its own
    /// unless the caller sets `list`.
    fn node(&mut self, para: usize, kind: SectionKind, label: Range<usize>, title: Title) -> Node {
        Node {
            para,
            kind,
            style: None,
            ordinal: 0,
            list: self.new_list(),
            label,
            title,
            parent: self.top(),
            implied: false,
            appendix: None,
            in_appendix: self.in_appendix(),
        }
    }

    /// A list restarting at 1 right after a list of the same style is a
    /// second list beside it — except that a top-level style (`一、`)
    /// restarting with a body item (`一、节约能源，…；`) lists points
    /// under the heading above.
    fn restarts_beside_top(&self, style: Style, heading_form: bool) -> bool {
        let top_same =
            self.stack.len() > self.floor && self.style_at(self.stack.len() - 1) == Some(style);
        top_same && (!style.is_top_level() || heading_form)
    }

    fn numbered(&mut self, para: usize, label: &Label, title: Title) {
        let (style, n) = (label.style, label.ordinal);
        let heading_form = title.heading_form;
        let exact = self.find_open(style, |o| n == o + 1);
        if label.continues_only && exact.is_none() {
            return;
        }
        let sibling_at = exact.or_else(|| {
            // A number or two lost in the page (a heading left out by the
            // site) does not break a list of real headings.
            if heading_form {
                self.find_open(style, |o| n > o + 1 && n <= o + 3)
            } else {
                None
            }
        });
        let (list, implied) = if let Some(pos) = sibling_at {
            let prev = &self.nodes[self.stack[pos]];
            let kept = (prev.list, prev.implied);
            self.stack.truncate(pos);
            kept
        } else if n == 1 && self.restarts_beside_top(style, heading_form) {
            // `1. 2. 3.` … text … `1. 2.`: a second list beside the first.
            let prev = &self.nodes[self.stack[self.stack.len() - 1]];
            let implied = prev.implied;
            self.stack.pop();
            (self.new_list(), implied)
        } else {
            let open = self.find_open(style, |_| true).is_some();
            if n > 1 && open {
                // Out of sequence with an open list of the same style: an
                // enumeration inside body text, not a heading.
                return;
            }
            if heading_form && !open {
                self.pop_ranks(style.rank());
            }
            if self.stack.len() - self.floor >= self.rules.limits.max_depth {
                return;
            }
            // Nothing open above: a list starting past 1, or an enumeration
            // (`第一，`, `一是`), hangs under a level the text does not show.
            let implied = self.stack.len() == self.floor
                && !self.in_appendix()
                && !style.is_top_level()
                && (n > 1 || style.is_enumeration_or_deeper());
            (self.new_list(), implied)
        };
        let mut node = self.node(para, SectionKind::Heading, label.range.clone(), title);
        node.style = Some(style);
        node.ordinal = n;
        node.list = list;
        node.implied = implied;
        self.push(node, true);
    }

    /// Leads and bullets are leaves under the deepest open heading that is
    /// a heading of its own (not a paragraph-long list item).
    fn leaf(&mut self, para: usize, kind: SectionKind, label: Range<usize>, title: Title) {
        while self.stack.len() > self.floor {
            let Some(top) = self.top() else { break };
            let n = &self.nodes[top];
            let inline_item =
                n.style.is_some_and(Style::is_enumeration_or_deeper) && n.title.body_follows;
            if inline_item || !n.title.heading_form {
                self.stack.pop();
            } else {
                break;
            }
        }
        let node = self.node(para, kind, label, title);
        self.push(node, false);
    }

    /// A title without a number: a part of the report, unless it does not
    /// name one and stands inside a numbered part, whose passage it heads.
    fn unnumbered(&mut self, para: usize, title: Title, part: bool) {
        let at = title.range.start;
        if !part && self.stack.len() > self.floor {
            let node = self.node(para, SectionKind::Heading, at..at, title);
            self.push(node, false);
            return;
        }
        self.pop_ranks(Style::Unnumbered.rank());
        let mut node = self.node(para, SectionKind::Heading, at..at, title);
        node.style = Some(Style::Unnumbered);
        self.push(node, true);
    }

    fn appendix(&mut self, para: usize, kind: usize, label: Range<usize>, title: Title) {
        self.stack.clear();
        self.floor = 0;
        let mut node = self.node(para, SectionKind::Appendix, label, title);
        node.appendix = Some(kind);
        node.in_appendix = true;
        self.push(node, true);
        self.floor = 1;
    }
}

/// Build the tree from the candidates in text order (paragraph, then place
/// in it). `use_unnumbered`: the report has no `一、` headings, so
/// unnumbered titles are top-level headings.
pub fn build(
    cands: impl IntoIterator<Item = (usize, Candidate)>,
    rules: &Rules,
    use_unnumbered: bool,
) -> Vec<Node> {
    let mut b = Builder {
        rules,
        nodes: Vec::new(),
        stack: Vec::new(),
        floor: 0,
        next_list: 0,
    };
    for (para, cand) in cands {
        match cand {
            Candidate::Numbered { label, title } => b.numbered(para, &label, title),
            Candidate::Unnumbered { title, part } if part || use_unnumbered => {
                b.unnumbered(para, title, part)
            }
            Candidate::Unnumbered { .. } => {}
            Candidate::Appendix { kind, label, title } => b.appendix(para, kind, label, title),
            Candidate::Lead { title, .. } => {
                let at = title.range.start;
                b.leaf(para, SectionKind::Lead, at..at, title)
            }
            Candidate::Bullet { label, title } => b.leaf(para, SectionKind::Bullet, label, title),
        }
    }
    b.nodes
}

/// Depth of every node. Lists of real headings take the next level below
/// their parent; body-level sections — lead sentences, bullets and lists
/// whose items are body paragraphs — never sit above level 3, so the top
/// two levels of any outline show only numbered headings.
pub fn depths(nodes: &[Node]) -> Vec<u8> {
    use std::collections::HashMap;
    let mut per_list: HashMap<usize, (usize, usize)> = HashMap::new();
    for n in nodes.iter().filter(|n| n.kind == SectionKind::Heading) {
        let e = per_list.entry(n.list).or_default();
        e.0 += 1;
        e.1 += usize::from(n.title.heading_form);
    }
    let heading_list = |list: usize| {
        per_list
            .get(&list)
            .is_some_and(|&(all, headings)| headings * 2 >= all)
    };
    let mut depth: Vec<u8> = Vec::with_capacity(nodes.len());
    for n in nodes {
        let base = match n.parent {
            Some(p) => depth.get(p).copied().unwrap_or(0).saturating_add(1),
            None if n.implied => 2,
            None => 1,
        };
        let body_level = match n.kind {
            SectionKind::Lead | SectionKind::Bullet => true,
            SectionKind::Heading => !heading_list(n.list),
            SectionKind::Appendix => false,
        };
        let d = match n.kind {
            SectionKind::Appendix => 1,
            _ if n.style == Some(Style::Unnumbered) => 1,
            _ if body_level && !n.in_appendix => base.max(3),
            _ => base,
        };
        depth.push(d);
    }
    depth
}

/// Where each node's text ends, as (paragraph, byte offset): where the next
/// node that is not its descendant starts (`starts`, in text order), or
/// the end of the text.
pub fn ends(
    nodes: &[Node],
    starts: &[(usize, usize)],
    paragraph_count: usize,
) -> Vec<(usize, usize)> {
    let mut end = vec![(paragraph_count, 0); nodes.len()];
    let mut open: Vec<usize> = Vec::new();
    for (i, n) in nodes.iter().enumerate() {
        while let Some(&top) = open.last() {
            if Some(top) == n.parent {
                break;
            }
            end[top] = starts[i];
            open.pop();
        }
        open.push(i);
    }
    end
}
