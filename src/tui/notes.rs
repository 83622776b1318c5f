//! The footnote layer: what the markers on screen (`[6]`, `[实事1]`)
//! refer to, from the note or list item the outline linked them to.

use super::action::{Action, Bar, Context};
use super::app::{App, Pane};
use super::layer::{Flow, LayerState};
use super::picker::{list_step, moved};
use super::reader::pane_block;
use super::reader::{self, Anchor};
use super::ui::{open_popup, popup_area};
use crate::text::width::{fit, for_display};
use crate::text::wrap::wrap;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;
use ratatui::Frame;

const MAX_WIDTH: u16 = 76;

/// The notes laid out in `width` columns, and the row where the selected
/// one starts.
fn content(
    app: &App,
    markers: &[usize],
    selected: usize,
    width: usize,
) -> (Vec<Line<'static>>, usize) {
    let theme = &app.settings.theme;
    let mut lines: Vec<Line> = Vec::new();
    let mut selected_row = 0;
    let Some((_, report)) = app.current_report() else {
        return (lines, 0);
    };
    let width = width.max(1);
    for (i, &m) in markers.iter().enumerate() {
        let Some(mk) = report.markers.get(m) else {
            continue;
        };
        if i == selected {
            selected_row = lines.len();
        }
        if !lines.is_empty() {
            lines.push(Line::default());
        }
        let head_style = if i == selected {
            theme.marker.patch(theme.selected(true))
        } else {
            theme.marker
        };
        lines.push(Line::from(Span::styled(
            fit(
                &format!("[{}]", for_display(&mk.label)),
                width,
                theme.ellipsis(),
            ),
            head_style,
        )));
        match mk.target.and_then(|p| report.paragraphs.get(p)) {
            Some(p) => {
                for l in wrap(&p.text, width) {
                    lines.push(Line::from(for_display(&p.text[l.range]).into_owned()));
                }
            }
            None => lines.push(Line::from(Span::styled(
                fit(
                    "(this report has no text for this note)",
                    width,
                    theme.ellipsis(),
                ),
                theme.muted,
            ))),
        }
    }
    (lines, selected_row)
}

fn inner_width(area: Rect) -> usize {
    popup_area(area, MAX_WIDTH, area.height)
        .width
        .saturating_sub(2) as usize
}

/// Where the overlay goes on a screen of `area`.
pub fn area(area: Rect, app: &App, markers: &[usize]) -> Rect {
    let (lines, _) = content(app, markers, 0, inner_width(area));
    popup_area(area, MAX_WIDTH, lines.len() as u16 + 2)
}

/// The footnote layer: the markers it explains, the one selected.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Notes {
    pub markers: Vec<usize>,
    pub selected: usize,
}

impl LayerState for Notes {
    fn context(&self) -> Option<Context> {
        Some(Context::Pane)
    }

    fn act(&mut self, app: &mut App, a: Action) -> Flow {
        if let Some(d) = list_step(a, app.size.1.saturating_sub(6) as isize) {
            self.selected = moved(self.selected, d, self.markers.len());
            return Flow::Stay;
        }
        match a {
            Action::Back | Action::Quit => Flow::Close,
            Action::Open => {
                let marker = self.markers.get(self.selected).copied();
                let target = marker.and_then(|m| app.current_report()?.1.markers.get(m)?.target);
                let Some(p) = target else {
                    return Flow::Stay;
                };
                app.jump_here(Anchor {
                    paragraph: p,
                    offset: 0,
                });
                app.focus = Pane::Reader;
                Flow::Close
            }
            _ => Flow::Stay,
        }
    }

    fn bar(&self, _app: &App) -> Option<Bar> {
        Some(Bar::Notes)
    }

    fn area(&self, screen: Rect, app: &App) -> Option<Rect> {
        Some(area(screen, app, &self.markers))
    }

    fn draw(&self, frame: &mut Frame, screen: Rect, app: &App) {
        draw(frame, screen, app, &self.markers, self.selected);
    }
}

pub fn draw(frame: &mut Frame, area: Rect, app: &App, markers: &[usize], selected: usize) {
    let theme = &app.settings.theme;
    let popup = self::area(area, app, markers);
    open_popup(frame, popup);
    let block = pane_block(theme, true).title(Line::from(" Notes (Enter goes to the note) "));
    let inner = block.inner(popup);
    frame.render_widget(block, popup);
    let (lines, selected_row) = content(app, markers, selected, inner_width(area));
    let h = inner.height as usize;
    let skip = selected_row.min(lines.len().saturating_sub(h));
    let shown: Vec<Line> = lines.into_iter().skip(skip).take(h).collect();
    frame.render_widget(Paragraph::new(shown), inner);
}

impl App {
    /// The footnote markers in the rows on screen.
    pub fn markers_on_screen(&self) -> Vec<usize> {
        let Some((_, report)) = self.current_report() else {
            return Vec::new();
        };
        let view = reader::frame(self, self.areas().reader_inner);
        let mut out = Vec::new();
        for row in &view.rows {
            let Some(line) = &row.line else { continue };
            for &m in self
                .reader
                .index
                .markers
                .get(&row.paragraph)
                .into_iter()
                .flatten()
            {
                let r = &report.markers[m].range;
                if r.start < line.range.end && line.range.start < r.end && !out.contains(&m) {
                    out.push(m);
                }
            }
        }
        out
    }

    pub(super) fn open_notes(&mut self) {
        let markers = self.markers_on_screen();
        if markers.is_empty() {
            self.message = Some("No footnote markers on screen".into());
        } else {
            self.open(Notes {
                markers,
                selected: 0,
            });
        }
    }
}
