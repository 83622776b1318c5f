//! Layout and the frame: which pane goes where at which terminal size, and
//! drawing everything in order: the panes, the status line and hint bar,
//! then the layers from the lowest up. Pure: takes `&App`, never changes
//! it.

use super::app::{App, Pane};
use super::reader::{self, pane_block};
use super::{outline_pane, report_list, status};
use crate::text::width::grapheme_width;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::widgets::Clear;
use ratatui::Frame;

/// Below this width the list and outline become a side panel over the
/// reader, shown while one of them has focus.
pub const NARROW_BELOW: u16 = 100;

/// Where everything goes this frame.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Areas {
    pub list: Option<Rect>,
    pub outline: Option<Rect>,
    pub reader: Rect,
    /// Inside the reader's border (the whole reader when it has none).
    pub reader_inner: Rect,
    pub reader_bordered: bool,
    pub status: Option<Rect>,
    pub hints: Option<Rect>,
    /// The list and outline are a side panel over the reader.
    pub narrow: bool,
    /// Too small for borders and the hint bar.
    pub compact: bool,
}

pub fn areas(area: Rect, app: &App) -> Areas {
    let compact = area.width < 30 || area.height < 8;
    let narrow = area.width < NARROW_BELOW;
    let mut main = area;
    let take_bottom = |main: &mut Rect| {
        let row = Rect {
            y: main.bottom().saturating_sub(1),
            height: 1.min(main.height),
            ..*main
        };
        main.height = main.height.saturating_sub(1);
        row
    };
    let hints = (!compact).then(|| take_bottom(&mut main));
    let status = (area.height >= 3).then(|| take_bottom(&mut main));
    let (list, outline, reader) = if narrow {
        // The panel takes the left part when the reader keeps a readable
        // width beside it, else the whole screen.
        let panel_open = app.focus != Pane::Reader;
        let split = main.width >= 70;
        let (panel, reader) = match (panel_open, split) {
            (false, _) => (None, main),
            (true, true) => {
                let pw = main.width * 45 / 100;
                (
                    Some(Rect { width: pw, ..main }),
                    Rect {
                        x: main.x + pw,
                        width: main.width - pw,
                        ..main
                    },
                )
            }
            (true, false) => (Some(main), main),
        };
        let (list, outline) = match panel {
            Some(p) => {
                let lh = (p.height * 2 / 5).max(3).min(p.height);
                (
                    Some(Rect { height: lh, ..p }),
                    Some(Rect {
                        y: p.y + lh,
                        height: p.height - lh,
                        ..p
                    }),
                )
            }
            None => (None, None),
        };
        (list, outline, reader)
    } else if app.panel_hidden {
        (None, None, main)
    } else {
        let lw = (main.width / 5).clamp(22, 32);
        let ow = (main.width / 4).clamp(24, 40);
        let list = Rect { width: lw, ..main };
        let outline = Rect {
            x: main.x + lw,
            width: ow,
            ..main
        };
        let reader = Rect {
            x: main.x + lw + ow,
            width: main.width.saturating_sub(lw + ow),
            ..main
        };
        (Some(list), Some(outline), reader)
    };
    let reader_bordered = !compact;
    let reader_inner = if reader_bordered {
        Rect {
            x: reader.x.saturating_add(1),
            y: reader.y.saturating_add(1),
            width: reader.width.saturating_sub(2),
            height: reader.height.saturating_sub(2),
        }
    } else {
        reader
    };
    Areas {
        list,
        outline,
        reader,
        reader_inner,
        reader_bordered,
        status,
        hints,
        narrow,
        compact,
    }
}

/// The first row to show so that `selected` is visible in `height` rows,
/// moving as little as possible from `offset`.
pub fn scroll_offset(offset: usize, selected: usize, height: usize, len: usize) -> usize {
    if height == 0 {
        return 0;
    }
    let max = len.saturating_sub(height);
    let offset = offset.min(max);
    if selected < offset {
        selected
    } else if selected >= offset + height {
        (selected + 1 - height).min(max)
    } else {
        offset
    }
}

/// A centered popup of at most `w`×`h`, the whole area on tiny terminals.
pub fn popup_area(area: Rect, w: u16, h: u16) -> Rect {
    if area.width < 30 || area.height < 8 {
        return area;
    }
    let w = w.min(area.width.saturating_sub(4));
    let h = h.min(area.height.saturating_sub(2));
    Rect {
        x: area.x + (area.width - w) / 2,
        y: area.y + (area.height - h) / 2,
        width: w,
        height: h,
    }
}

/// Wide characters just left of a popup would be cut in half by its
/// border; the terminal then shows debris. Replace them by spaces.
pub fn clear_wide_edges(buf: &mut Buffer, popup: Rect) {
    if popup.x == 0 {
        return;
    }
    let x = popup.x - 1;
    for y in popup.top()..popup.bottom() {
        if let Some(cell) = buf.cell_mut((x, y)) {
            if grapheme_width(cell.symbol()) > 1 {
                cell.set_symbol(" ");
            }
        }
    }
}

/// Draw a popup's frame: clear under it and around its edges.
pub fn open_popup(frame: &mut Frame, popup: Rect) {
    frame.render_widget(Clear, popup);
    clear_wide_edges(frame.buffer_mut(), popup);
}

/// Where the view on top is drawn, if one is open.
pub fn overlay_area(area: Rect, app: &App) -> Option<Rect> {
    app.layers.top_view()?.state().area(area, app)
}

pub fn draw(frame: &mut Frame, app: &App) {
    let area = frame.area();
    let a = areas(area, app);
    let theme = &app.settings.theme;
    let in_panes = !app.view_open();
    let view = reader::frame(app, a.reader_inner);
    let reader_block = a
        .reader_bordered
        .then(|| pane_block(theme, in_panes && app.focus == Pane::Reader));
    reader::draw(frame, a.reader, app, &view, reader_block);
    if let Some(r) = a.list {
        if a.narrow {
            open_popup(frame, r);
        }
        report_list::draw(
            frame,
            r,
            app,
            pane_block(theme, in_panes && app.focus == Pane::List),
        );
    }
    if let Some(r) = a.outline {
        if a.narrow {
            open_popup(frame, r);
        }
        outline_pane::draw(
            frame,
            r,
            app,
            pane_block(theme, in_panes && app.focus == Pane::Outline),
            view.section,
        );
    }
    if let Some(r) = a.status {
        // A `/` box takes the status line's place.
        if !super::search::box_on_status_row(app) {
            status::draw_status(frame, r, app, &view);
        }
    }
    if let Some(r) = a.hints {
        status::draw_hints(frame, r, app);
    }
    // The layers, lowest first; views under one that hides them are not
    // drawn (help and the chart cover what they were opened over).
    let hidden_below = app
        .layers
        .iter()
        .rposition(|l| l.state().hides_below())
        .unwrap_or(0);
    for (i, layer) in app.layers.iter().enumerate() {
        let state = layer.state();
        if i < hidden_below && state.is_view() {
            continue;
        }
        state.draw(frame, area, app);
    }
}
