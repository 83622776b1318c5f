//! The compare view (`c`): the section being read beside (or above) the
//! comparable section of another report. Each side scrolls on its own, or
//! both together; figures whose canonical indicator both sides state are
//! marked in both and listed in a strip with both values. A picker layer
//! over it chooses the other side.

use super::action::{Action, Bar, Context};
use super::app::{App, Move, Pane};
use super::keymap::Key;
use super::layer::{Flow, LayerKind, LayerState};
use super::marks::{Mark, MarkKind, MarkLayer, Marks};
use super::picker::{PickItem, Picked, Picker};
use super::reader::{self, pane_block, Anchor, Doc, ReportIndex, TextStyles, WrapCache};
use super::report_list::row_text;
use super::topics::{next_in_order, paragraph_text};
use super::ui::{self, open_popup, popup_area};
use super::walk::Walk;
use crate::figures::compare::{in_paragraphs, shared_indicators, value_text, SharedIndicator};
use crate::figures::ReportFigure;
use crate::library::Entry;
use crate::report::Report;
use crate::text::width::{fit, for_display};
use crate::topics::{most_similar, Hit, HitKind, SectionType, Taxonomy, TopicId};
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;
use ratatui::Frame;
use std::collections::HashMap;
use std::ops::Range;
use std::sync::Arc;

/// At this width and wider the sides stand side by side.
pub const SIDE_BY_SIDE_FROM: u16 = 120;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SideId {
    Left,
    Right,
}

impl SideId {
    pub fn other(self) -> SideId {
        match self {
            SideId::Left => SideId::Right,
            SideId::Right => SideId::Left,
        }
    }
}

/// One side: a section (or a passage outside any section) of a report.
#[derive(Debug, Clone)]
pub struct Side {
    pub report: usize,
    pub section: Option<usize>,
    /// The paragraphs shown.
    pub paragraphs: Range<usize>,
    /// The top of the side's pane.
    pub anchor: Anchor,
    pub index: ReportIndex,
    pub cache: WrapCache,
    /// Shared figures, marked.
    pub marks: Marks,
    /// The figures in `paragraphs`, in text order.
    pub figures: Vec<ReportFigure>,
}

impl Side {
    fn start(&self) -> Anchor {
        Anchor {
            paragraph: self.paragraphs.start,
            offset: 0,
        }
    }
}

/// A section the picker offers.
#[derive(Debug, Clone, PartialEq)]
pub struct Candidate {
    pub report: usize,
    pub hit: Hit,
    /// What the list shows and the filter matches.
    pub label: String,
}

impl PickItem for Candidate {
    fn label(&self) -> &str {
        &self.label
    }
}

/// The picker layer over the compare view: the sections of the other
/// reports (gathered on a worker, `gathering`), filtered by typing.
pub struct ComparePicker {
    pub picker: Picker<Candidate>,
    /// The candidates still being gathered.
    gathering: Option<Walk<Candidate>>,
}

/// The compare layer.
pub struct CompareState {
    pub left: Side,
    /// `None` until a partner is found or picked.
    pub right: Option<Side>,
    pub active: SideId,
    /// Scrolling moves both sides by the same rows.
    pub sync: bool,
    pub topic: Option<TopicId>,
    pub part: Option<SectionType>,
    pub shared: Vec<SharedIndicator>,
    /// First row of the strip shown.
    pub strip_offset: usize,
    /// `App::corpus_generation` of the sides: a reload closes the view.
    corpus: u64,
}

impl std::fmt::Debug for CompareState {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("CompareState")
            .field("left", &self.left.report)
            .field("right", &self.right.as_ref().map(|s| s.report))
            .field("topic", &self.topic)
            .finish_non_exhaustive()
    }
}

impl CompareState {
    pub fn side(&self, id: SideId) -> Option<&Side> {
        match id {
            SideId::Left => Some(&self.left),
            SideId::Right => self.right.as_ref(),
        }
    }

    fn side_mut(&mut self, id: SideId) -> Option<&mut Side> {
        match id {
            SideId::Left => Some(&mut self.left),
            SideId::Right => self.right.as_mut(),
        }
    }

    /// Recompute the shared indicators and the marks of both sides.
    fn refresh_shared(&mut self) {
        let Some(right) = self.right.as_mut() else {
            self.shared.clear();
            self.left.marks.clear(MarkLayer::Compare);
            return;
        };
        self.shared = shared_indicators(&self.left.figures, &right.figures);
        let marks = |side: &Side, pick: &dyn Fn(&SharedIndicator) -> &[usize]| -> Vec<Mark> {
            self.shared
                .iter()
                .flat_map(|s| pick(s).iter())
                .filter_map(|&i| side.figures.get(i))
                .map(|f| Mark {
                    paragraph: f.paragraph,
                    range: f.figure.range.clone(),
                    kind: MarkKind::SharedFigure,
                })
                .collect()
        };
        let left_marks = marks(&self.left, &|s| &s.left);
        let right_marks = marks(right, &|s| &s.right);
        self.left.marks.set(MarkLayer::Compare, left_marks);
        right.marks.set(MarkLayer::Compare, right_marks);
        self.strip_offset = 0;
    }
}

/// Where the parts of the compare view go.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CompareAreas {
    pub left: Rect,
    pub right: Rect,
    /// The shared-figure strip (empty when there is no room).
    pub strip: Rect,
    pub side_by_side: bool,
    pub bordered: bool,
}

impl CompareAreas {
    pub fn of(&self, id: SideId) -> Rect {
        match id {
            SideId::Left => self.left,
            SideId::Right => self.right,
        }
    }

    /// Inside a side's border.
    pub fn inner(&self, id: SideId) -> Rect {
        let r = self.of(id);
        if self.bordered {
            inset(r)
        } else {
            r
        }
    }
}

fn inset(r: Rect) -> Rect {
    Rect {
        x: r.x.saturating_add(1),
        y: r.y.saturating_add(1),
        width: r.width.saturating_sub(2),
        height: r.height.saturating_sub(2),
    }
}

/// The screen above the status line and hint bar.
pub fn main_area(area: Rect, app: &App) -> Rect {
    let a = ui::areas(area, app);
    let bottom = [a.status, a.hints]
        .iter()
        .flatten()
        .map(|r| r.y)
        .min()
        .unwrap_or(area.bottom());
    Rect {
        height: bottom.saturating_sub(area.y),
        ..area
    }
}

pub fn areas(area: Rect, app: &App, shared: usize) -> CompareAreas {
    let main = main_area(area, app);
    let bordered = main.width >= 30 && main.height >= 8;
    if main.width >= SIDE_BY_SIDE_FROM {
        let strip_w = (main.width / 5).clamp(24, 36);
        let side_w = (main.width - strip_w) / 2;
        let left = Rect {
            width: side_w,
            ..main
        };
        let strip = Rect {
            x: main.x + side_w,
            width: strip_w,
            ..main
        };
        let right = Rect {
            x: strip.x + strip_w,
            width: main.width - side_w - strip_w,
            ..main
        };
        return CompareAreas {
            left,
            right,
            strip,
            side_by_side: true,
            bordered,
        };
    }
    // Stacked: the strip below both sides, as tall as its rows (and its
    // border) up to a quarter of the screen.
    let strip_h = if main.height >= 12 {
        (shared.max(1) as u16 + 2).clamp(3, main.height / 4)
    } else {
        0
    };
    let sides_h = main.height - strip_h;
    let top_h = sides_h / 2;
    CompareAreas {
        left: Rect {
            height: top_h,
            ..main
        },
        right: Rect {
            y: main.y + top_h,
            height: sides_h - top_h,
            ..main
        },
        strip: Rect {
            y: main.y + sides_h,
            height: strip_h,
            ..main
        },
        side_by_side: false,
        bordered,
    }
}

/// The picker's candidates in report `r`: its places about `topic`, or
/// every section when there is none.
fn candidates_of(
    r: usize,
    report: &Report,
    taxonomy: &Taxonomy,
    topic: Option<TopicId>,
    place: &str,
) -> Vec<Candidate> {
    let topics = taxonomy.classify(report);
    let hits: Vec<Hit> = match topic {
        Some(t) => topics.find(report, t, None),
        None => report
            .sections
            .iter()
            .enumerate()
            .map(|(i, s)| Hit {
                section: Some(i),
                paragraph: s.paragraph,
                range: s.heading.clone(),
                kind: HitKind::Primary,
                score: 0.0,
                depth: s.depth,
                part: topics
                    .sections
                    .get(i)
                    .map(|st| st.kind)
                    .unwrap_or(SectionType::Other),
            })
            .collect(),
    };
    hits.into_iter()
        .map(|hit| {
            let title = match hit.section.and_then(|s| report.sections.get(s)) {
                Some(s) if hit.kind != HitKind::Passage => format!("{}{}", s.label, s.title),
                _ => {
                    let text = paragraph_text(report, hit.paragraph);
                    let passage = text.get(hit.range.clone()).unwrap_or(text);
                    let short: String = passage.chars().take(24).collect();
                    format!("passage: {short}")
                }
            };
            let label = format!(
                "{place}  {}  {}",
                taxonomy.type_name(hit.part),
                for_display(&title)
            );
            Candidate {
                report: r,
                hit,
                label,
            }
        })
        .collect()
}

/// Label of a report in the picker and the titles: `2026 省 浙江省`.
fn report_label(report: &Entry) -> String {
    row_text(report, 40, &Default::default())
        .trim_end()
        .to_string()
}

fn hit_paragraphs(report: &Report, hit: &Hit) -> Range<usize> {
    match hit.section.and_then(|s| report.sections.get(s)) {
        Some(sec) if hit.kind != HitKind::Passage => sec.paragraphs.clone(),
        // A passage: its paragraph to the end of its section.
        Some(sec) => hit.paragraph..sec.paragraphs.end.max(hit.paragraph + 1),
        None => hit.paragraph..hit.paragraph + 1,
    }
}

impl App {
    fn compare_side(
        &mut self,
        report: usize,
        section: Option<usize>,
        paragraphs: Range<usize>,
    ) -> Side {
        let figures = self
            .report_figures(report)
            .map(|f| in_paragraphs(&f, paragraphs.clone()).to_vec())
            .unwrap_or_default();
        let index = self
            .report(report)
            .map(|r| ReportIndex::new(&r))
            .unwrap_or_default();
        Side {
            report,
            section,
            anchor: Anchor {
                paragraph: paragraphs.start,
                offset: 0,
            },
            paragraphs,
            index,
            cache: WrapCache::default(),
            marks: Marks::default(),
            figures,
        }
    }

    fn side_of_hit(&mut self, report: usize, hit: &Hit) -> Option<Side> {
        let paragraphs = hit_paragraphs(&*self.report(report)?, hit);
        Some(self.compare_side(report, hit.section, paragraphs))
    }

    /// `c`: open the compare view on the section being read.
    pub fn open_compare(&mut self) {
        let Some((current, report)) = self.report_being_read() else {
            return;
        };
        if report.sections.is_empty() {
            self.message = Some("This report has no sections to compare".into());
            return;
        }
        let here = self.topic_here();
        let section = match here {
            Some(h) => Some(h.section),
            None => self.focus_section(),
        };
        let Some(section) = section else {
            self.message = Some("Go to a section to compare it".into());
            return;
        };
        let Some(paragraphs) = report.sections.get(section).map(|s| s.paragraphs.clone()) else {
            return;
        };
        let left = self.compare_side(current, Some(section), paragraphs);
        let mut state = CompareState {
            left,
            right: None,
            active: SideId::Left,
            sync: false,
            topic: here.map(|h| h.topic),
            part: here.and_then(|h| h.part),
            shared: Vec::new(),
            strip_offset: 0,
            corpus: self.corpus_generation,
        };
        // The most similar place of each other report; the first report
        // after this one in the list that has one.
        // Only the reports up to that one are classified in full, and
        // only those whose summary has the topic in the part.
        let source = self
            .report_topics(current)
            .and_then(|t| t.sections.get(section).cloned());
        let partner = source.filter(|s| s.primary.is_some()).and_then(|source| {
            let topic = source.primary?;
            let part = source.kind.as_filter();
            next_in_order(&self.list_order(), current, true, |r| {
                if !self.topics.may_have(r, topic, part) {
                    return None;
                }
                let topics = self.report_topics(r)?;
                let report = self.report(r)?;
                most_similar(&source, &report, &topics).map(|(hit, _)| hit)
            })
        });
        match partner.and_then(|(r, hit)| self.side_of_hit(r, &hit)) {
            Some(side) => state.right = Some(side),
            None => {
                self.message = Some("No other report has this topic: pick a section".into());
            }
        }
        state.refresh_shared();
        let picker = state.right.is_none().then(|| self.compare_picker(&state));
        self.open(state);
        if let Some(picker) = picker {
            self.open(picker);
        }
    }

    /// The picker of the other side: the places about the topic in every
    /// other report (every section when there is no topic), in list order,
    /// gathered on a worker while the picker is open.
    fn compare_picker(&mut self, state: &CompareState) -> ComparePicker {
        let (left_report, topic) = (state.left.report, state.topic);
        let taxonomy = self.topics.taxonomy();
        let reports: Vec<usize> = self
            .list_order()
            .into_iter()
            .filter(|&r| r != left_report)
            .filter(|&r| topic.is_none_or(|t| self.topics.may_have(r, t, None)))
            .collect();
        let catalog = Arc::clone(self.catalog_arc());
        let entries = Arc::clone(&catalog);
        let gathering = Walk::start(catalog, reports, move |r, report| {
            let place = entries.entry(r).map(report_label).unwrap_or_default();
            candidates_of(r, report, &taxonomy, topic, &place)
        });
        let mut picker = ComparePicker {
            picker: Picker::default(),
            gathering: Some(gathering),
        };
        picker.receive(self, Some(state), false);
        picker
    }

    /// The text width and height of a side's pane.
    fn compare_viewport(&self, state: &CompareState, id: SideId) -> (usize, usize) {
        let a = areas(self.area(), self, state.shared.len());
        let inner = a.inner(id);
        (reader::text_width(inner), inner.height.max(1) as usize)
    }

    /// How much of a side has been read: the share of its rows down to
    /// the bottom of its pane.
    pub fn compare_percent(&self, id: SideId) -> Option<u8> {
        let state = self.layer::<CompareState>()?;
        let side = state.side(id)?;
        let report = self.report(side.report)?;
        let (width, height) = self.compare_viewport(state, id);
        let mut source = wrapped_lines(side, &report, width);
        let mut doc = Doc::within(&report, side.paragraphs.clone(), &mut source);
        let top = doc.row_of(side.anchor);
        let (_, bottom) = reader::visible_rows(&mut doc, top, height);
        let count = |doc: &mut Doc, to| {
            let mut r = doc.first_row();
            let mut n = 1;
            while r < to {
                let next = doc.forward(r, 1);
                if next == r {
                    break;
                }
                r = next;
                n += 1;
            }
            n
        };
        let last = doc.last_row();
        let seen = count(&mut doc, bottom);
        let total = count(&mut doc, last).max(1);
        Some((seen * 100 / total).min(100) as u8)
    }

    /// Rows from the start of a side's text to the top of its pane.
    pub fn compare_top_row(&self, id: SideId) -> Option<usize> {
        let state = self.layer::<CompareState>()?;
        let side = state.side(id)?;
        let report = self.report(side.report)?;
        let (width, _) = self.compare_viewport(state, id);
        let mut source = wrapped_lines(side, &report, width);
        let mut doc = Doc::within(&report, side.paragraphs.clone(), &mut source);
        let top = doc.row_of(side.anchor);
        let mut r = doc.first_row();
        let mut n = 0;
        while r < top {
            let next = doc.forward(r, 1);
            if next == r {
                break;
            }
            r = next;
            n += 1;
        }
        Some(n)
    }

    /// Move one side the way the reader moves (`Move::target`).
    fn scroll_side(&self, state: &mut CompareState, id: SideId, step: Move) {
        let (width, height) = self.compare_viewport(state, id);
        let Some(side) = state.side_mut(id) else {
            return;
        };
        let Some(report) = self.report(side.report) else {
            return;
        };
        let report_idx = side.report;
        let cache = &mut side.cache;
        let mut source = |p: usize| cache.lines(report_idx, &report, width, p);
        let mut doc = Doc::within(&report, side.paragraphs.clone(), &mut source);
        let top = doc.row_of(side.anchor);
        let target = step.target(&mut doc, top, height);
        if target != top {
            side.anchor = doc.anchor_of(target);
        }
    }
}

impl LayerState for CompareState {
    fn context(&self) -> Option<Context> {
        Some(Context::Compare)
    }

    fn act(&mut self, app: &mut App, a: Action) -> Flow {
        let (active, sync) = (self.active, self.sync);
        if let Some(m) = Move::of_action(a) {
            // Together, both sides move by the same rows: a page of the
            // active side.
            let step = match m {
                Move::Pages(..) => Move::Lines(m.rows(app.compare_viewport(self, active).1)),
                other => other,
            };
            app.scroll_side(self, active, step);
            if sync {
                app.scroll_side(self, active.other(), step);
            }
            return Flow::Stay;
        }
        match a {
            Action::Back | Action::Quit | Action::Compare => return Flow::Close,
            Action::CompareSwitchSide if self.right.is_some() => {
                self.active = self.active.other();
            }
            Action::CompareSync => {
                self.sync = !self.sync;
                app.message = Some(if self.sync {
                    "Scrolling both sides together".into()
                } else {
                    "Scrolling each side on its own".into()
                });
            }
            Action::ComparePick => {
                let picker = app.compare_picker(self);
                app.open(picker);
            }
            Action::Open => {
                let Some(side) = self.side(self.active) else {
                    return Flow::Stay;
                };
                let (r, at) = (side.report, side.anchor);
                let heading = side
                    .section
                    .filter(|_| side.anchor == side.start())
                    .and_then(|i| {
                        let report = app.report(r)?;
                        let sec = report.sections.get(i)?;
                        Some((sec.paragraph, sec.heading.clone()))
                    });
                let (paragraph, range) = heading.unwrap_or((at.paragraph, at.offset..at.offset));
                app.reveal(r, paragraph, range);
                app.focus = Pane::Reader;
                return Flow::Close;
            }
            _ => {}
        }
        Flow::Stay
    }

    /// A reload closes the view: its sides were of the old corpus.
    fn tick(&mut self, app: &mut App, _wait: bool) -> Flow {
        if self.corpus == app.corpus_generation {
            Flow::Stay
        } else {
            Flow::Close
        }
    }

    fn bar(&self, _app: &App) -> Option<Bar> {
        Some(Bar::Compare)
    }

    fn status(&self, app: &App) -> Option<String> {
        Some(status_text(app, self))
    }

    fn position(&self, app: &App) -> Option<String> {
        Some(position_text(app, self))
    }

    fn area(&self, screen: Rect, app: &App) -> Option<Rect> {
        Some(main_area(screen, app))
    }

    fn draw(&self, frame: &mut Frame, screen: Rect, app: &App) {
        let a = areas(screen, app, self.shared.len());
        open_popup(frame, main_area(screen, app));
        draw_side(frame, app, self, &a, SideId::Left, Some(&self.left));
        draw_side(frame, app, self, &a, SideId::Right, self.right.as_ref());
        draw_strip(frame, app, &a, self);
    }
}

impl ComparePicker {
    /// Add what the walk has (all of it with `wait`). Until the user
    /// moves, the selection goes to the right side's place once listed.
    fn receive(&mut self, app: &App, state: Option<&CompareState>, wait: bool) {
        let arrived = Walk::drain(&mut self.gathering, wait);
        if arrived.is_empty() {
            return;
        }
        self.picker.extend(arrived);
        let state = state.or_else(|| app.layer::<CompareState>());
        let right = state
            .and_then(|s| s.right.as_ref())
            .map(|s| (s.report, s.paragraphs.start));
        if let Some((r, start)) = right {
            self.picker
                .preselect(|c| c.report == r && c.hit.paragraph >= start);
        }
    }

    /// Rows a page moves.
    fn page(app: &App) -> usize {
        app.size.1.saturating_sub(8).max(1) as usize
    }

    /// After a key or an action: a section chosen becomes the right side;
    /// giving up with no right side closes the view too.
    fn picked(&mut self, app: &mut App, picked: Picked) -> Flow {
        match picked {
            Picked::Open => Flow::Stay,
            Picked::Chosen(i) => {
                let Some(c) = self.picker.items.get(i) else {
                    return Flow::Close;
                };
                let (r, hit) = (c.report, c.hit.clone());
                if let Some(side) = app.side_of_hit(r, &hit) {
                    if let Some(state) = app.layer_mut::<CompareState>() {
                        state.right = Some(side);
                        state.active = SideId::Right;
                        state.refresh_shared();
                    }
                }
                Flow::Close
            }
            Picked::Nothing => Flow::Close,
            Picked::Cancelled => {
                let partner = app
                    .layer::<CompareState>()
                    .is_some_and(|s| s.right.is_some());
                if partner {
                    Flow::Close
                } else {
                    Flow::CloseDownTo(LayerKind::Compare)
                }
            }
        }
    }
}

impl LayerState for ComparePicker {
    fn context(&self) -> Option<Context> {
        Some(Context::TextBox)
    }

    fn key(&mut self, app: &mut App, key: Key) -> Option<Flow> {
        let page = ComparePicker::page(app);
        let picked = self.picker.key(key, &app.settings.keymap, page);
        Some(self.picked(app, picked))
    }

    /// Moving and choosing; the compare view's actions go to it.
    fn act(&mut self, app: &mut App, a: Action) -> Flow {
        if a.context() != Context::TextBox {
            return Flow::Pass;
        }
        let picked = self.picker.act(a, ComparePicker::page(app));
        self.picked(app, picked)
    }

    fn tick(&mut self, app: &mut App, wait: bool) -> Flow {
        self.receive(app, None, wait);
        Flow::Stay
    }

    fn busy(&self) -> bool {
        self.gathering.is_some()
    }

    fn is_view(&self) -> bool {
        false
    }

    fn draw(&self, frame: &mut Frame, screen: Rect, app: &App) {
        let popup = popup_area(screen, 90, screen.height.saturating_sub(4));
        let title = format!(
            " Compare with ({}){} ",
            self.picker.shown.len(),
            self.gathering
                .as_ref()
                .map(|w| format!(", {}", w.progress_label()))
                .unwrap_or_default()
        );
        self.picker.draw(
            frame,
            popup,
            &title,
            Some("Nothing matches"),
            &app.settings.theme,
        );
    }
}

/// The status line while comparing.
fn status_text(app: &App, s: &CompareState) -> String {
    let taxonomy = app.topics.taxonomy();
    let topic = s.topic.map(|t| taxonomy.topic_name(t).to_string());
    let part = s.part.map(|p| taxonomy.type_name(p).to_string());
    let what = match (topic, part) {
        (Some(t), Some(p)) => format!("{t} ({p})"),
        (Some(t), None) => t,
        _ => "Compare".to_string(),
    };
    let side = match (s.active, s.side_by_side_hint(app)) {
        (SideId::Left, true) => "left",
        (SideId::Right, true) => "right",
        (SideId::Left, false) => "top",
        (SideId::Right, false) => "bottom",
    };
    let sync = if s.sync { "together" } else { "apart" };
    format!(
        "{what}: {} shared; {side} active; scrolling {sync}",
        s.shared.len()
    )
}

/// The right of the status line while comparing: how much of each side
/// has been read.
fn position_text(app: &App, state: &CompareState) -> String {
    let wide = state.side_by_side_hint(app);
    let names = if wide { ["L", "R"] } else { ["top", "bottom"] };
    let parts: Vec<String> = [SideId::Left, SideId::Right]
        .into_iter()
        .zip(names)
        .filter_map(|(id, name)| Some(format!("{name} {}%", app.compare_percent(id)?)))
        .collect();
    parts.join(" ")
}

impl CompareState {
    fn side_by_side_hint(&self, app: &App) -> bool {
        main_area(app.area(), app).width >= SIDE_BY_SIDE_FROM
    }
}

/// The title of a side: report, then section.
fn side_title(app: &App, side: &Side) -> String {
    let Some(report) = app.report(side.report) else {
        return String::new();
    };
    let section = side
        .section
        .and_then(|s| report.sections.get(s))
        .map(|s| format!("{}{}", s.label, s.title))
        .unwrap_or_default();
    let label = app
        .catalog()
        .entry(side.report)
        .map(report_label)
        .unwrap_or_default();
    format!("{label}  {section}")
}

/// The wrapped lines of a side's paragraphs at `width`: from the side's
/// cache, else wrapped once and kept for this walk (walking row by row asks
/// for the same paragraph again for every row; a long paragraph must not be
/// wrapped that often).
fn wrapped_lines<'a>(
    side: &'a Side,
    report: &'a Report,
    width: usize,
) -> impl FnMut(usize) -> std::rc::Rc<[crate::text::wrap::WrappedLine]> + 'a {
    let mut wrapped: HashMap<usize, std::rc::Rc<[crate::text::wrap::WrappedLine]>> = HashMap::new();
    move |p: usize| {
        if let Some(lines) = side.cache.get(side.report, width, p) {
            return lines;
        }
        wrapped
            .entry(p)
            .or_insert_with(|| crate::text::wrap::wrap(paragraph_text(report, p), width).into())
            .clone()
    }
}

fn draw_side(
    frame: &mut Frame,
    app: &App,
    state: &CompareState,
    a: &CompareAreas,
    id: SideId,
    side: Option<&Side>,
) {
    let theme = &app.settings.theme;
    let area = a.of(id);
    if area.width == 0 || area.height == 0 {
        return;
    }
    let active = state.active == id && app.layer::<ComparePicker>().is_none();
    let inner = a.inner(id);
    if a.bordered {
        let title = side.map(|s| side_title(app, s)).unwrap_or_default();
        let title = fit(
            &for_display(&title),
            area.width.saturating_sub(4) as usize,
            theme.ellipsis(),
        );
        let block = pane_block(theme, active).title(Line::from(format!(" {} ", title.trim_end())));
        frame.render_widget(block, area);
    }
    let Some(side) = side else {
        let text = fit(
            "No section chosen: p picks one",
            inner.width as usize,
            theme.ellipsis(),
        );
        frame.render_widget(Paragraph::new(Span::styled(text, theme.muted)), inner);
        return;
    };
    let Some(report) = app.report(side.report) else {
        return;
    };
    let width = reader::text_width(inner);
    let mut source = wrapped_lines(side, &report, width);
    let mut doc = Doc::within(&report, side.paragraphs.clone(), &mut source);
    let top = doc.row_of(side.anchor);
    let (rows, _) = reader::visible_rows(&mut doc, top, inner.height as usize);
    let styles = TextStyles {
        index: &side.index,
        marks: &side.marks,
        theme,
    };
    reader::draw_rows(frame, reader::text_area(inner), &report, &styles, &rows);
}

/// The strip's lines: each shared indicator with both sides' values.
pub fn strip_lines(
    app: &App,
    state: &CompareState,
    width: usize,
    side_by_side: bool,
) -> Vec<String> {
    let ascii = app.settings.theme.ascii;
    let values = |side: Option<&Side>, idx: &[usize]| -> String {
        let Some(side) = side else {
            return String::new();
        };
        let report = app.report(side.report);
        let v: Vec<String> = idx
            .iter()
            .filter_map(|&i| side.figures.get(i))
            .map(|f| {
                let text = report
                    .as_deref()
                    .map(|r| paragraph_text(r, f.paragraph))
                    .unwrap_or("");
                value_text(text, &f.figure, ascii)
            })
            .collect();
        v.join(", ")
    };
    let mut out = Vec::new();
    for s in &state.shared {
        let left = values(Some(&state.left), &s.left);
        let right = values(state.right.as_ref(), &s.right);
        if side_by_side {
            out.push(fit(&for_display(s.name), width, "~"));
            out.push(fit(&for_display(&format!(" {left} | {right}")), width, "~"));
        } else {
            out.push(fit(
                &for_display(&format!("{}: {left} | {right}", s.name)),
                width,
                "~",
            ));
        }
    }
    out
}

fn draw_strip(frame: &mut Frame, app: &App, a: &CompareAreas, state: &CompareState) {
    let theme = &app.settings.theme;
    let area = a.strip;
    if area.width == 0 || area.height == 0 {
        return;
    }
    let inner = if a.bordered {
        let block = pane_block(theme, false).title(Line::from(format!(
            " Shared figures ({}) ",
            state.shared.len()
        )));
        let inner = block.inner(area);
        frame.render_widget(block, area);
        inner
    } else {
        area
    };
    let width = inner.width as usize;
    let lines = strip_lines(app, state, width, a.side_by_side);
    if lines.is_empty() {
        let msg = if state.right.is_some() {
            "No indicator stated on both sides"
        } else {
            ""
        };
        frame.render_widget(
            Paragraph::new(Span::styled(fit(msg, width, theme.ellipsis()), theme.muted)),
            inner,
        );
        return;
    }
    let shown: Vec<Line> = lines
        .into_iter()
        .skip(state.strip_offset)
        .take(inner.height as usize)
        .enumerate()
        .map(|(i, l)| {
            let style = if a.side_by_side && i % 2 == 0 {
                theme.figure
            } else {
                theme.text
            };
            Line::from(Span::styled(l, style))
        })
        .collect();
    frame.render_widget(Paragraph::new(shown), inner);
}
