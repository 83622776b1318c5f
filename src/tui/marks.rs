//! Text that stands out in the reading pane: search matches, figures, the
//! sentence a jump landed on. Each feature owns a layer and replaces it
//! whole, so search, figures and comparison never clear each other's marks.

use super::theme::Theme;
use ratatui::style::{Modifier, Style};
use std::collections::BTreeMap;
use std::ops::Range;

/// Who set a mark.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum MarkLayer {
    Figures,
    Compare,
    Search,
    /// Where the last jump landed (a sentence, a figure).
    Target,
}

/// How a mark looks. Later kinds are drawn over earlier ones.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum MarkKind {
    /// The sentence a jump landed on.
    Target,
    /// A figure (subtle; toggleable).
    Figure,
    /// A figure whose indicator the other side of a comparison has too.
    SharedFigure,
    /// A search match.
    Match,
    /// The search match `n`/`N` is on.
    CurrentMatch,
}

impl MarkKind {
    pub fn style(self, theme: &Theme) -> Style {
        match self {
            MarkKind::Target => Style::default().add_modifier(Modifier::UNDERLINED),
            MarkKind::Figure => theme.figure,
            MarkKind::SharedFigure => theme
                .figure
                .add_modifier(Modifier::BOLD | Modifier::UNDERLINED),
            MarkKind::Match => theme.search_match,
            MarkKind::CurrentMatch => theme
                .search_match
                .add_modifier(Modifier::BOLD | Modifier::UNDERLINED),
        }
    }
}

/// One marked stretch: a byte range of a paragraph's text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Mark {
    pub paragraph: usize,
    pub range: Range<usize>,
    pub kind: MarkKind,
}

#[derive(Debug, Clone, Default)]
pub struct Marks {
    /// Each layer's marks, sorted by paragraph.
    layers: BTreeMap<MarkLayer, Vec<Mark>>,
}

impl Marks {
    /// Replace a layer's marks.
    pub fn set(&mut self, layer: MarkLayer, mut marks: Vec<Mark>) {
        marks.sort_by_key(|m| (m.paragraph, m.range.start));
        if marks.is_empty() {
            self.layers.remove(&layer);
        } else {
            self.layers.insert(layer, marks);
        }
    }

    pub fn clear(&mut self, layer: MarkLayer) {
        self.layers.remove(&layer);
    }

    pub fn layer(&self, layer: MarkLayer) -> &[Mark] {
        self.layers.get(&layer).map(Vec::as_slice).unwrap_or(&[])
    }

    /// The marks in paragraph `p`, of every layer.
    pub fn in_paragraph(&self, p: usize) -> impl Iterator<Item = &Mark> {
        self.layers.values().flat_map(move |marks| {
            let start = marks.partition_point(|m| m.paragraph < p);
            marks[start..].iter().take_while(move |m| m.paragraph == p)
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn mark(paragraph: usize, range: Range<usize>, kind: MarkKind) -> Mark {
        Mark {
            paragraph,
            range,
            kind,
        }
    }

    #[test]
    fn layers_are_separate() {
        let mut marks = Marks::default();
        marks.set(
            MarkLayer::Search,
            vec![
                mark(3, 0..3, MarkKind::Match),
                mark(1, 6..9, MarkKind::Match),
            ],
        );
        marks.set(MarkLayer::Figures, vec![mark(3, 9..15, MarkKind::Figure)]);
        let in3: Vec<_> = marks.in_paragraph(3).map(|m| m.kind).collect();
        assert_eq!(in3.len(), 2);
        assert!(in3.contains(&MarkKind::Figure) && in3.contains(&MarkKind::Match));
        assert_eq!(marks.in_paragraph(1).count(), 1);
        assert_eq!(marks.in_paragraph(2).count(), 0);
        marks.clear(MarkLayer::Search);
        assert_eq!(marks.in_paragraph(1).count(), 0);
        assert_eq!(marks.in_paragraph(3).count(), 1);
        marks.set(MarkLayer::Figures, Vec::new());
        assert_eq!(marks.in_paragraph(3).count(), 0);
    }
}
