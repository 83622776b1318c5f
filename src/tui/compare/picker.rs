//! The picker layer over the compare view: the other reports' sections on
//! the topic, gathered on a worker while it is open, filtered by typing.

use super::*;
use crate::tui::action::{Action, Context};
use crate::tui::app::App;
use crate::tui::keymap::Key;
use crate::tui::layer::{Flow, LayerKind, LayerState};
use crate::tui::picker::Picked;
use crate::tui::ui::popup_area;
use crate::tui::walk::Walk;
use ratatui::layout::Rect;
use ratatui::Frame;

impl ComparePicker {
    /// Add what the walk has (all of it with `wait`). Until the user
    /// moves, the selection goes to the right side's place once listed.
    pub(super) fn receive(&mut self, app: &App, state: Option<&CompareState>, wait: bool) {
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
