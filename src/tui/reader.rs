//! The reading pane: where the reader is (an anchor in the text, never a
//! screen row), the rows the text wraps into at a given width, and drawing.
//!
//! The text is the report's paragraphs, wrapped by [`crate::text::wrap`],
//! with a blank row between paragraphs. The top of the pane is an
//! [`Anchor`]: a paragraph and a byte offset into it. The top row is the
//! row holding the anchor, so when the width changes the same sentence
//! stays at the top.

use super::app::App;
use super::marks::Marks;
use super::memory::Position;
use super::theme::Theme;
use crate::report::{Report, SectionKind};
use crate::text::width::{for_display, truncate_with};
use crate::text::wrap::{wrap, WrappedLine};
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph as TextBlock};
use ratatui::Frame;
use std::collections::BTreeMap;
use std::ops::Range;
use std::rc::Rc;

/// A place in the text. `offset` is a byte offset into the paragraph on a
/// char boundary; an offset past the paragraph's end stands for the blank
/// row after it.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord)]
pub struct Anchor {
    pub paragraph: usize,
    pub offset: usize,
}

/// A screen row of the text at some width: a wrapped line of a paragraph,
/// or (`line` = the paragraph's line count) the blank row after it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Row {
    pub paragraph: usize,
    pub line: usize,
}

/// Wrapped lines per paragraph for one report at one width.
#[derive(Debug, Default, Clone)]
pub struct WrapCache {
    key: Option<(usize, usize)>,
    lines: Vec<Option<Rc<[WrappedLine]>>>,
}

impl WrapCache {
    /// The lines of paragraph `p`, wrapped now if not cached yet.
    pub fn lines(
        &mut self,
        report_idx: usize,
        report: &Report,
        width: usize,
        p: usize,
    ) -> Rc<[WrappedLine]> {
        if self.key != Some((report_idx, width)) {
            self.key = Some((report_idx, width));
            self.lines = vec![None; report.paragraphs.len()];
        }
        if let Some(Some(l)) = self.lines.get(p) {
            return l.clone();
        }
        let l = wrap_paragraph(report, p, width);
        if let Some(slot) = self.lines.get_mut(p) {
            *slot = Some(l.clone());
        }
        l
    }

    /// The cached lines of paragraph `p`, if wrapped at `width` already.
    pub fn get(&self, report_idx: usize, width: usize, p: usize) -> Option<Rc<[WrappedLine]>> {
        if self.key != Some((report_idx, width)) {
            return None;
        }
        self.lines.get(p).cloned().flatten()
    }
}

fn wrap_paragraph(report: &Report, p: usize, width: usize) -> Rc<[WrappedLine]> {
    match report.paragraphs.get(p) {
        Some(para) => wrap(&para.text, width).into(),
        None => Rc::from(Vec::new()),
    }
}

/// The rows of a report at one width, walked through a source of wrapped
/// lines (the cache while updating, a read-only view while drawing).
pub struct Doc<'a> {
    report: &'a Report,
    lines: &'a mut dyn FnMut(usize) -> Rc<[WrappedLine]>,
    /// The paragraphs walked: the whole report, or one section of it.
    start: usize,
    end: usize,
}

impl<'a> Doc<'a> {
    pub fn new(report: &'a Report, lines: &'a mut dyn FnMut(usize) -> Rc<[WrappedLine]>) -> Self {
        let end = report.paragraphs.len();
        Doc::within(report, 0..end, lines)
    }

    /// Only the paragraphs `range` (a section), clamped to the report.
    pub fn within(
        report: &'a Report,
        range: Range<usize>,
        lines: &'a mut dyn FnMut(usize) -> Rc<[WrappedLine]>,
    ) -> Self {
        let end = range.end.min(report.paragraphs.len());
        let start = range.start.min(end);
        Doc {
            report,
            lines,
            start,
            end,
        }
    }

    /// One past the last paragraph walked.
    fn len(&self) -> usize {
        self.end
    }

    fn is_empty(&self) -> bool {
        self.start >= self.end
    }

    pub fn lines(&mut self, p: usize) -> Rc<[WrappedLine]> {
        (self.lines)(p)
    }

    /// Rows of paragraph `p`: its lines, and the blank row unless it is last.
    pub fn row_count(&mut self, p: usize) -> usize {
        self.lines(p).len() + usize::from(p + 1 < self.len())
    }

    pub fn first_row(&self) -> Row {
        Row {
            paragraph: self.start,
            line: 0,
        }
    }

    pub fn last_row(&mut self) -> Row {
        if self.is_empty() {
            return self.first_row();
        }
        let p = self.len().saturating_sub(1);
        Row {
            paragraph: p,
            line: self.row_count(p).saturating_sub(1),
        }
    }

    /// The row holding the anchor.
    pub fn row_of(&mut self, a: Anchor) -> Row {
        if self.is_empty() || a.paragraph < self.start {
            return self.first_row();
        }
        let p = a.paragraph.min(self.len() - 1);
        let lines = self.lines(p);
        let text_len = self.report.paragraphs[p].text.len();
        if a.paragraph > p || a.offset > text_len {
            // Past the end of the paragraph: its blank row (the last
            // paragraph has none: its last line).
            return Row {
                paragraph: p,
                line: self.row_count(p).saturating_sub(1),
            };
        }
        let line = lines
            .partition_point(|l| l.range.start <= a.offset)
            .saturating_sub(1);
        Row { paragraph: p, line }
    }

    /// The anchor at the start of a row.
    pub fn anchor_of(&mut self, r: Row) -> Anchor {
        let lines = self.lines(r.paragraph);
        let offset = match r.line {
            0 => 0,
            l if l < lines.len() => lines[l].range.start,
            _ => self
                .report
                .paragraphs
                .get(r.paragraph)
                .map(|p| p.text.len() + 1)
                .unwrap_or(0),
        };
        Anchor {
            paragraph: r.paragraph,
            offset,
        }
    }

    pub fn forward(&mut self, mut r: Row, mut k: usize) -> Row {
        if self.is_empty() {
            return r;
        }
        loop {
            let count = self.row_count(r.paragraph);
            if r.line + k < count {
                r.line += k;
                return r;
            }
            if r.paragraph + 1 >= self.len() {
                r.line = count.saturating_sub(1);
                return r;
            }
            k -= count - r.line;
            r = Row {
                paragraph: r.paragraph + 1,
                line: 0,
            };
        }
    }

    pub fn backward(&mut self, mut r: Row, mut k: usize) -> Row {
        loop {
            if r.line >= k {
                r.line -= k;
                return r;
            }
            if r.paragraph <= self.start {
                return self.first_row();
            }
            k -= r.line + 1;
            r.paragraph -= 1;
            r.line = self.row_count(r.paragraph).saturating_sub(1);
        }
    }

    /// The lowest top row that still fills a pane of `height` rows.
    pub fn last_top(&mut self, height: usize) -> Row {
        let last = self.last_row();
        self.backward(last, height.saturating_sub(1))
    }
}

/// Per-report lookups the reader needs on every frame.
#[derive(Debug, Clone, Default)]
pub struct ReportIndex {
    /// Character position of each paragraph's start, counting one separator
    /// between paragraphs; one extra entry: the total.
    pub char_starts: Vec<usize>,
    /// Sections whose heading is in a paragraph.
    pub headings: BTreeMap<usize, Vec<usize>>,
    /// Footnote markers in a paragraph.
    pub markers: BTreeMap<usize, Vec<usize>>,
    /// The smallest section depth: the report's top level.
    pub top_depth: u8,
}

impl ReportIndex {
    pub fn new(report: &Report) -> Self {
        let mut char_starts = Vec::with_capacity(report.paragraphs.len() + 1);
        let mut total = 0;
        for (i, p) in report.paragraphs.iter().enumerate() {
            char_starts.push(total);
            total += p.text.chars().count() + usize::from(i + 1 < report.paragraphs.len());
        }
        char_starts.push(total);
        let mut headings: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
        for (i, s) in report.sections.iter().enumerate() {
            headings.entry(s.paragraph).or_default().push(i);
        }
        let mut markers: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
        for (i, m) in report.markers.iter().enumerate() {
            markers.entry(m.paragraph).or_default().push(i);
        }
        let top_depth = report.sections.iter().map(|s| s.depth).min().unwrap_or(1);
        ReportIndex {
            char_starts,
            headings,
            markers,
            top_depth,
        }
    }

    pub fn total_chars(&self) -> usize {
        self.char_starts.last().copied().unwrap_or(0)
    }

    /// Character position of an anchor in the whole text.
    pub fn char_pos(&self, report: &Report, a: Anchor) -> usize {
        let Some(para) = report.paragraphs.get(a.paragraph) else {
            return self.total_chars();
        };
        let base = self.char_starts.get(a.paragraph).copied().unwrap_or(0);
        let within = if a.offset > para.text.len() {
            para.text.chars().count()
        } else {
            para.text
                .get(..a.offset)
                .map(|s| s.chars().count())
                .unwrap_or(0)
        };
        base + within
    }

    /// The anchor at a character position of the whole text.
    pub fn anchor_at(&self, report: &Report, pos: usize) -> Anchor {
        if report.paragraphs.is_empty() {
            return Anchor::default();
        }
        let pos = pos.min(self.total_chars());
        let p = self
            .char_starts
            .partition_point(|&s| s <= pos)
            .saturating_sub(1)
            .min(report.paragraphs.len() - 1);
        let within = pos - self.char_starts[p];
        let text = &report.paragraphs[p].text;
        let offset = match text.char_indices().nth(within) {
            Some((b, _)) => b,
            // Just past the last character: the separator after the
            // paragraph, or the end of the text.
            None if p + 1 < report.paragraphs.len() => text.len() + 1,
            None => text.len(),
        };
        Anchor {
            paragraph: p,
            offset,
        }
    }

    /// The anchor as a size-independent position to remember.
    pub fn position(&self, report: &Report, a: Anchor) -> Position {
        let pos = self.char_pos(report, a);
        let section = report.section_at(a.paragraph.min(report.paragraphs.len().saturating_sub(1)));
        let base = section
            .and_then(|s| report.sections.get(s))
            .and_then(|s| self.char_starts.get(s.paragraph))
            .copied()
            .unwrap_or(0);
        Position {
            section,
            offset: pos.saturating_sub(base),
        }
    }

    /// Where a remembered position is in this report (clamped when the
    /// report or its outline changed since).
    pub fn anchor_of_position(&self, report: &Report, pos: Position) -> Anchor {
        let base = pos
            .section
            .and_then(|s| report.sections.get(s))
            .and_then(|s| self.char_starts.get(s.paragraph))
            .copied()
            .unwrap_or(0);
        self.anchor_at(report, base.saturating_add(pos.offset))
    }
}

/// The reader's state: which report and where in it.
#[derive(Debug, Clone, Default)]
pub struct ReaderState {
    pub report: Option<usize>,
    /// The top of the pane.
    pub anchor: Anchor,
    pub index: ReportIndex,
    pub cache: WrapCache,
    /// Highlighted stretches of this report's text.
    pub marks: Marks,
}

impl ReaderState {
    /// Wrap (into the cache) what a pane of `width`×`height` shows from
    /// the anchor, and the end of the text that scrolling limits need.
    pub fn warm(&mut self, report: &Report, width: usize, height: usize) {
        let Some(idx) = self.report else {
            return;
        };
        let cache = &mut self.cache;
        let mut source = |p: usize| cache.lines(idx, report, width, p);
        let mut doc = Doc::new(report, &mut source);
        let top = doc.row_of(self.anchor);
        doc.forward(top, height);
        doc.last_top(height);
    }
}

/// The columns text gets in a reading pane of this inner width (one
/// column of margin each side when there is room).
pub fn text_width(inner: Rect) -> usize {
    let w = inner.width as usize;
    if w >= 12 {
        w - 2
    } else {
        w.max(1)
    }
}

/// Where text goes in a reading pane of this inner area.
pub fn text_area(inner: Rect) -> Rect {
    if inner.width >= 12 {
        Rect {
            x: inner.x + 1,
            width: inner.width - 2,
            ..inner
        }
    } else {
        inner
    }
}

/// One row on screen.
#[derive(Debug, Clone)]
pub struct VisibleRow {
    pub paragraph: usize,
    /// `None`: the blank row between paragraphs.
    pub line: Option<WrappedLine>,
}

/// What the reading pane shows this frame; the status line uses it too.
#[derive(Debug, Clone, Default)]
pub struct ReaderFrame {
    pub rows: Vec<VisibleRow>,
    /// Where the rows are drawn.
    pub text_area: Rect,
    /// Share of the text up to the bottom of the pane.
    pub percent: Option<u8>,
    /// The section being read (the deepest one holding the top row).
    pub section: Option<usize>,
}

/// Lay out the visible rows of the open report in `inner` (the pane's
/// inside). Pure: uses the cache when it matches, wraps otherwise.
pub fn frame(app: &App, inner: Rect) -> ReaderFrame {
    let Some((idx, report)) = app.current_report() else {
        return ReaderFrame::default();
    };
    let width = text_width(inner);
    let height = inner.height as usize;
    let area = text_area(inner);
    if report.paragraphs.is_empty() {
        return ReaderFrame {
            text_area: area,
            ..ReaderFrame::default()
        };
    }
    // Paragraphs the cache lacks are wrapped once for this frame.
    let cache = &app.reader.cache;
    let mut fresh: BTreeMap<usize, Rc<[WrappedLine]>> = BTreeMap::new();
    let mut source = |p: usize| {
        cache.get(idx, width, p).unwrap_or_else(|| {
            fresh
                .entry(p)
                .or_insert_with(|| wrap_paragraph(report, p, width))
                .clone()
        })
    };
    let mut doc = Doc::new(report, &mut source);
    let top = doc.row_of(app.reader.anchor);
    let last = doc.last_row();
    let (rows, bottom) = visible_rows(&mut doc, top, height);
    let total = app.reader.index.total_chars();
    let percent = if bottom >= last || total == 0 {
        100
    } else {
        let end = match rows.last().and_then(|v| v.line.as_ref()) {
            Some(l) => app.reader.index.char_pos(
                report,
                Anchor {
                    paragraph: bottom.paragraph,
                    offset: l.range.end,
                },
            ),
            None => app
                .reader
                .index
                .char_starts
                .get(bottom.paragraph + 1)
                .copied()
                .unwrap_or(total),
        };
        (end * 100 / total).min(100) as u8
    };
    ReaderFrame {
        rows,
        text_area: area,
        percent: Some(percent),
        // The section being read: a heading may stand inside its paragraph.
        section: report.section_at_offset(top.paragraph, app.reader.anchor.offset),
    }
}

/// The rows a pane of `height` rows shows from row `top`, and the last of
/// them.
pub fn visible_rows(doc: &mut Doc, top: Row, height: usize) -> (Vec<VisibleRow>, Row) {
    let last = doc.last_row();
    let mut rows = Vec::with_capacity(height);
    let mut r = top;
    let mut bottom = top;
    while rows.len() < height {
        let lines = doc.lines(r.paragraph);
        rows.push(VisibleRow {
            paragraph: r.paragraph,
            line: lines.get(r.line).cloned(),
        });
        bottom = r;
        if r >= last {
            break;
        }
        r = doc.forward(r, 1);
    }
    (rows, bottom)
}

/// Styled pieces of one wrapped line: headings by depth, markers, marks.
fn styled_line<'t>(
    report: &'t Report,
    index: &ReportIndex,
    marks: &Marks,
    theme: &Theme,
    paragraph: usize,
    line: &WrappedLine,
) -> Line<'t> {
    let Some(para) = report.paragraphs.get(paragraph) else {
        return Line::default();
    };
    let text = &para.text;
    let mut styled: Vec<(Range<usize>, Style)> = Vec::new();
    for &s in index.headings.get(&paragraph).into_iter().flatten() {
        if let Some(sec) = report.sections.get(s) {
            styled.push((
                sec.heading.clone(),
                theme.heading(sec.depth, sec.kind == SectionKind::Lead),
            ));
        }
    }
    for &m in index.markers.get(&paragraph).into_iter().flatten() {
        if let Some(mk) = report.markers.get(m) {
            styled.push((mk.range.clone(), theme.marker));
        }
    }
    let mut marked: Vec<_> = marks.in_paragraph(paragraph).collect();
    marked.sort_by_key(|m| m.kind);
    for m in marked {
        styled.push((m.range.clone(), m.kind.style(theme)));
    }
    // Ranges are trusted only where they cut on characters.
    styled.retain(|(r, _)| {
        r.start <= r.end
            && text.is_char_boundary(r.start)
            && text.is_char_boundary(r.end.min(text.len()))
    });
    let range = line.range.clone();
    let mut cuts = vec![range.start, range.end];
    for (r, _) in &styled {
        for c in [r.start, r.end.min(text.len())] {
            if c > range.start && c < range.end {
                cuts.push(c);
            }
        }
    }
    cuts.sort_unstable();
    cuts.dedup();
    let spans: Vec<Span<'t>> = cuts
        .windows(2)
        .filter_map(|w| {
            let piece = text.get(w[0]..w[1])?;
            let style = styled
                .iter()
                .filter(|(r, _)| r.start <= w[0] && w[1] <= r.end)
                .fold(theme.text, |acc, (_, s)| acc.patch(*s));
            Some(Span::styled(for_display(piece), style))
        })
        .collect();
    Line::from(spans)
}

/// The pane's title: the report's title, or its file name.
pub fn report_title(report: &Report) -> &str {
    crate::report::title_or_file(&report.meta, &report.file)
}

pub fn draw(frame_: &mut Frame, area: Rect, app: &App, view: &ReaderFrame, block: Option<Block>) {
    let theme = &app.settings.theme;
    let inner = match block {
        Some(b) => {
            let title = app
                .current_report()
                .map(|(_, r)| report_title(r).to_string())
                .unwrap_or_else(|| "gwr".to_string());
            let max = area.width.saturating_sub(4) as usize;
            let title = truncate_with(&for_display(&title), max, theme.ellipsis()).into_owned();
            let b = b.title(Line::from(Span::raw(format!(" {title} "))));
            let inner = b.inner(area);
            frame_.render_widget(b, area);
            inner
        }
        None => area,
    };
    let Some((_, report)) = app.current_report() else {
        let text = app.empty_reader_text();
        let lines: Vec<Line> = text
            .iter()
            .map(|l| {
                Line::from(Span::styled(
                    truncate_with(&for_display(l), inner.width as usize, theme.ellipsis())
                        .into_owned(),
                    theme.muted,
                ))
            })
            .collect();
        frame_.render_widget(TextBlock::new(lines), text_area(inner));
        return;
    };
    let styles = TextStyles {
        index: &app.reader.index,
        marks: &app.reader.marks,
        theme,
    };
    draw_rows(frame_, view.text_area, report, &styles, &view.rows);
}

/// What styles a report's text: its headings and markers, the marks on it.
pub struct TextStyles<'a> {
    pub index: &'a ReportIndex,
    pub marks: &'a Marks,
    pub theme: &'a Theme,
}

/// Draw laid-out rows of `report` in `area` with the reader's styling.
pub fn draw_rows(
    frame_: &mut Frame,
    area: Rect,
    report: &Report,
    styles: &TextStyles,
    rows: &[VisibleRow],
) {
    let lines: Vec<Line> = rows
        .iter()
        .map(|row| match &row.line {
            Some(l) => styled_line(
                report,
                styles.index,
                styles.marks,
                styles.theme,
                row.paragraph,
                l,
            ),
            None => Line::default(),
        })
        .collect();
    frame_.render_widget(TextBlock::new(lines), area);
}

/// A bordered block in the theme's style.
pub fn pane_block<'a>(theme: &Theme, focused: bool) -> Block<'a> {
    Block::new()
        .borders(Borders::ALL)
        .border_set(theme.border_set())
        .border_style(theme.border(focused))
        .title_style(theme.title(focused))
}
