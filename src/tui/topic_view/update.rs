//! Opening the topic view, gathering its rows on a worker, and the keys of
//! the view and its picker.

use super::view::*;
use super::*;
use crate::figures::compare::in_paragraphs;
use crate::figures::extract_report;
use crate::report::Report;
use crate::topics::ReportTopics;
use crate::topics::{HitKind, TopicId};
use crate::tui::action::{Action, Bar, Context};
use crate::tui::app::{App, Pane};
use crate::tui::compare::main_area;
use crate::tui::keymap::Key;
use crate::tui::layer::{Flow, LayerKind, LayerState};
use crate::tui::picker::{list_step, moved, Picked, Picker};
use crate::tui::report_list::row_text;
use crate::tui::walk::Walk;
use ratatui::layout::Rect;
use ratatui::Frame;
use std::sync::Arc;

impl App {
    /// `T`: the topic view on the topic being read (or the topic list when
    /// there is none).
    pub fn open_topic_view(&mut self) {
        let here = self.topic_here().map(|h| h.topic);
        let mut view = TopicView {
            corpus: self.corpus_generation,
            ..TopicView::default()
        };
        match here {
            Some(t) => {
                self.show_topic(&mut view, t);
                self.open(view);
            }
            None => {
                let picker = self.topic_picker(&view);
                self.open(view);
                self.open(picker);
            }
        }
    }

    /// Start gathering the sections about `topic` (as primary or secondary
    /// topic) of every report in list order, each in text order, on a
    /// worker: the view fills in as they come (its `tick`).
    fn gather_topic_rows(&mut self, topic: TopicId) -> Walk<TopicRow> {
        let taxonomy = self.topics.taxonomy();
        // The summaries say which reports to read and classify.
        let reports: Vec<usize> = self
            .list_order()
            .into_iter()
            .filter(|&r| self.topics.may_have(r, topic, None))
            .collect();
        Walk::start(Arc::clone(self.catalog_arc()), reports, move |r, report| {
            topic_rows_of(r, report, &taxonomy.classify(report), topic)
        })
    }

    /// Name each row's report the way the list does.
    fn place_rows(&self, rows: &mut [TopicRow]) {
        for row in rows {
            row.place = self
                .catalog()
                .entry(row.report)
                .map(|e| row_text(e, 40, &self.settings.theme))
                .unwrap_or_default()
                .trim_end()
                .to_string();
        }
    }

    /// The view shows `topic`, its rows gathered from the start.
    fn show_topic(&mut self, view: &mut TopicView, topic: TopicId) {
        let gathering = self.gather_topic_rows(topic);
        view.topic = Some(topic);
        view.rows = Vec::new();
        view.selected = 0;
        view.moved = false;
        view.gathering = Some(gathering);
        self.receive_topic_rows(view, false);
    }

    /// Add what the walk has (all of it with `wait`) to the view. Until the
    /// user moves, the selection goes to the section being read (or its
    /// report) once it is listed.
    fn receive_topic_rows(&self, view: &mut TopicView, wait: bool) {
        let mut rows = Walk::drain(&mut view.gathering, wait);
        if rows.is_empty() {
            return;
        }
        self.place_rows(&mut rows);
        let here = self.current_report().map(|(i, _)| i);
        let section = self.focus_section();
        view.rows.extend(rows);
        if !view.moved {
            let found = view
                .rows
                .iter()
                .position(|r| Some(r.report) == here && Some(r.section) == section)
                .or_else(|| view.rows.iter().position(|r| Some(r.report) == here));
            if let Some(k) = found {
                view.selected = k;
            }
        }
    }

    /// The topic picker, on the view's topic.
    fn topic_picker(&self, view: &TopicView) -> TopicPicker {
        let taxonomy = self.topics.taxonomy();
        let items = (0..taxonomy.topics().len())
            .filter_map(|i| {
                let topic = TopicId(i as u16);
                Some(TopicItem {
                    topic,
                    label: taxonomy.topic(topic)?.label(),
                })
            })
            .collect();
        let mut picker = Picker::new(items);
        if let Some(t) = view.topic {
            picker.preselect(|item| item.topic == t);
        }
        TopicPicker { picker }
    }
}

impl LayerState for TopicView {
    fn context(&self) -> Option<Context> {
        Some(Context::TopicView)
    }

    fn act(&mut self, app: &mut App, a: Action) -> Flow {
        if let Some(d) = list_step(a, topic_list_height(app) as isize) {
            self.moved = true;
            self.selected = moved(self.selected, d, self.rows.len());
            return Flow::Stay;
        }
        match a {
            Action::Back | Action::Quit | Action::TopicView => Flow::Close,
            Action::TopicPick => {
                let picker = app.topic_picker(self);
                app.open(picker);
                Flow::Stay
            }
            Action::Open => {
                let Some(row) = self.rows.get(self.selected).cloned() else {
                    return Flow::Stay;
                };
                app.reveal(row.report, row.paragraph, row.heading);
                app.focus = Pane::Reader;
                Flow::Close
            }
            _ => Flow::Stay,
        }
    }

    /// Take the rows gathered meanwhile; a reload closes the view.
    fn tick(&mut self, app: &mut App, wait: bool) -> Flow {
        if self.corpus != app.corpus_generation {
            return Flow::Close;
        }
        app.receive_topic_rows(self, wait);
        Flow::Stay
    }

    fn busy(&self) -> bool {
        self.gathering.is_some()
    }

    fn bar(&self, _app: &App) -> Option<Bar> {
        Some(Bar::TopicView)
    }

    fn status(&self, app: &App) -> Option<String> {
        status_text(app, self)
    }

    fn area(&self, screen: Rect, app: &App) -> Option<Rect> {
        Some(main_area(screen, app))
    }

    fn draw(&self, frame: &mut Frame, screen: Rect, app: &App) {
        draw(frame, screen, app, self);
    }
}

impl TopicPicker {
    /// The popup, over the view.
    fn popup(&self, screen: Rect, app: &App) -> Rect {
        let main = main_area(screen, app);
        crate::tui::ui::popup_area(main, 40, self.picker.items.len() as u16 + 3)
    }

    /// After a key or an action: a topic chosen is shown; giving up with
    /// no topic shown closes the view too.
    fn picked(&mut self, app: &mut App, picked: Picked) -> Flow {
        match picked {
            Picked::Open => Flow::Stay,
            Picked::Chosen(i) => {
                if let Some(topic) = self.picker.items.get(i).map(|t| t.topic) {
                    app.with_layer(|app, view: &mut TopicView| app.show_topic(view, topic));
                }
                Flow::Close
            }
            Picked::Nothing => Flow::Stay,
            Picked::Cancelled => {
                if app.layer::<TopicView>().is_some_and(|v| v.topic.is_some()) {
                    Flow::Close
                } else {
                    Flow::CloseDownTo(LayerKind::TopicView)
                }
            }
        }
    }
}

impl LayerState for TopicPicker {
    fn context(&self) -> Option<Context> {
        Some(Context::TextBox)
    }

    fn key(&mut self, app: &mut App, key: Key) -> Option<Flow> {
        let page = Picker::<TopicItem>::page(self.popup(app.area(), app));
        let picked = self.picker.key(key, &app.settings.keymap, page);
        Some(self.picked(app, picked))
    }

    /// Moving and choosing; the view's actions go to it.
    fn act(&mut self, app: &mut App, a: Action) -> Flow {
        if a.context() != Context::TextBox {
            return Flow::Pass;
        }
        let page = Picker::<TopicItem>::page(self.popup(app.area(), app));
        let picked = self.picker.act(a, page);
        self.picked(app, picked)
    }

    fn is_view(&self) -> bool {
        false
    }

    fn draw(&self, frame: &mut Frame, screen: Rect, app: &App) {
        let popup = self.popup(screen, app);
        self.picker
            .draw(frame, popup, " Topic ", None, &app.settings.theme);
    }
}

/// The rows of report `r` for `topic`, given its topics: every place that
/// carries it (a section at its heading, a passage where it starts);
/// `place` is left for the drawing thread (it needs the theme).
fn topic_rows_of(
    r: usize,
    report: &Report,
    topics: &ReportTopics,
    topic: TopicId,
) -> Vec<TopicRow> {
    let mut figures = None;
    let mut rows = Vec::new();
    for hit in topics.find(report, topic, None) {
        let Some(place) = topics.place_of(&hit) else {
            continue;
        };
        let figures = figures.get_or_insert_with(|| extract_report(report));
        let title = match hit.section.and_then(|i| report.sections.get(i)) {
            Some(sec) if hit.kind != HitKind::Passage => format!("{}{}", sec.label, sec.title),
            _ => place.title(report),
        };
        rows.push(TopicRow {
            report: r,
            section: hit.section.unwrap_or(0),
            place: String::new(),
            title,
            part: hit.part,
            secondary: hit.kind != HitKind::Primary,
            chars: place.chars,
            figures: in_paragraphs(figures, place.paragraphs()).len(),
            paragraph: hit.paragraph,
            heading: hit.range.clone(),
        });
    }
    rows
}
