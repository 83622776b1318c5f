//! The compare view laid out (side by side from 120 columns, else stacked,
//! with the shared-figure strip) and drawn from `&state`.

use super::*;
use crate::figures::compare::value_text;
use crate::report::Report;
use crate::text::width::{fit, for_display};
use crate::tui::app::App;
use crate::tui::reader::{self, pane_block, Doc, TextStyles};
use crate::tui::topics::paragraph_text;
use crate::tui::ui::{self};
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;
use ratatui::Frame;
use std::collections::HashMap;

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

pub(super) fn inset(r: Rect) -> Rect {
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

/// The status line while comparing.
pub(super) fn status_text(app: &App, s: &CompareState) -> String {
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
pub(super) fn position_text(app: &App, state: &CompareState) -> String {
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
    pub(super) fn side_by_side_hint(&self, app: &App) -> bool {
        main_area(app.area(), app).width >= SIDE_BY_SIDE_FROM
    }
}

/// The title of a side: report, then section.
pub(super) fn side_title(app: &App, side: &Side) -> String {
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
pub(super) fn wrapped_lines<'a>(
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

pub(super) fn draw_side(
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

pub(super) fn draw_strip(frame: &mut Frame, app: &App, a: &CompareAreas, state: &CompareState) {
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
