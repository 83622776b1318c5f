//! The search results layer (`R`): every hit as report · section, and a
//! snippet with the query highlighted; Enter opens the report at the hit,
//! `/` opens the query's box over it.

use super::*;
use crate::report::Report;
use crate::search::linear;
use crate::search::locate;
use crate::tui::action::{Action, Bar, Context};
use crate::tui::app::{App, Pane};
use crate::tui::input::TextInput;
use crate::tui::layer::{Flow, LayerState};
use crate::tui::picker::list_step;
use crate::tui::ui::popup_area;
use ratatui::layout::Rect;
use ratatui::Frame;
use std::ops::Range;

/// Hits listed at most; the title says how many there are in all.
pub const LIMIT: usize = 500;

/// One passage that matches.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ResultHit {
    /// Position in `App::reports`.
    pub report: usize,
    pub section: Option<usize>,
    pub paragraphs: Range<usize>,
}

/// The results of one query.
#[derive(Debug, Clone, Default)]
pub struct Results {
    pub query: String,
    /// The query's strings, folded, for highlighting.
    pub needles: Vec<Vec<Option<char>>>,
    pub hits: Vec<ResultHit>,
    /// Matching passages in all (more than `hits` past the limit).
    pub total: usize,
    pub reports: usize,
    pub engine: Option<Engine>,
    pub selected: usize,
    pub offset: usize,
}

impl Results {
    pub fn move_by(&mut self, delta: isize) {
        self.selected = self
            .selected
            .saturating_add_signed(delta)
            .min(self.hits.len().saturating_sub(1));
    }

    /// What the title says about the hits.
    pub fn summary(&self) -> String {
        if self.query.is_empty() {
            return "type a query".into();
        }
        let mut s = format!("{} sections in {} reports", self.total, self.reports);
        if self.hits.len() < self.total {
            s.push_str(&format!(", best {} shown", self.hits.len()));
        }
        if self.engine == Some(Engine::Scan) {
            s.push_str(" (text scan)");
        }
        s
    }
}

/// The first match of the hit's query in its passage: (paragraph, bytes).
pub fn first_match(
    report: &Report,
    hit: &ResultHit,
    needles: &[Vec<Option<char>>],
) -> Option<(usize, Range<usize>)> {
    locate::find(report, hit.paragraphs.clone(), needles)
        .into_iter()
        .next()
        .map(|m| (m.paragraph, m.bytes))
}

impl App {
    /// Open the results view for `query`, or with the box open to type one
    /// (or to mend a query that cannot run).
    pub(super) fn open_results(&mut self, query: Option<String>) {
        let Some(q) = query else {
            self.open(Results::default());
            self.open(SearchBox {
                target: Target::Results,
                input: TextInput::default(),
                info: Ok(String::new()),
            });
            return;
        };
        match self.run_results(&q) {
            Ok(results) => self.open(results),
            Err(e) => {
                self.open(Results::default());
                self.open(SearchBox {
                    target: Target::Results,
                    input: TextInput::new(&q),
                    info: Err(e),
                });
            }
        }
    }

    /// The box over the results changed: run its query into the view
    /// below; the box's info.
    pub(super) fn rerun_results(&mut self, text: &str) -> Result<String, String> {
        let results = self.run_results(text)?;
        let summary = results.summary();
        if let Some(r) = self.layer_mut::<Results>() {
            *r = results;
        }
        Ok(summary)
    }

    /// The results of `text`.
    pub(super) fn run_results(&mut self, text: &str) -> Result<Results, String> {
        let text = text.trim();
        if text.is_empty() {
            return Ok(Results::default());
        }
        let query = self.search.parse(text)?;
        let needles = locate::needles(&query.expr);
        let mut hits: Vec<ResultHit> = Vec::new();
        let mut total = 0usize;
        let mut reports = std::collections::BTreeSet::new();
        let (found, engine) = report_matches(&self.search, self.catalog(), &query)?;
        for &(i, n) in &found {
            total += n as usize;
            reports.insert(i);
        }
        if engine == Engine::Index {
            if let Some((searcher, loaded)) = self.search.ready() {
                let ranked = searcher.search(&query, LIMIT).unwrap_or_default();
                for h in ranked {
                    if let Some(i) = loaded.get(h.report as usize).copied().flatten() {
                        hits.push(ResultHit {
                            report: i,
                            section: h.section,
                            paragraphs: h.paragraphs,
                        });
                    }
                }
                // Loaded reports the index does not have (changed since).
                let known: std::collections::BTreeSet<usize> =
                    loaded.iter().flatten().copied().collect();
                let scan = linear::Scan::new(
                    &query.expr,
                    self.search.topics.as_ref().map(|t| t.taxonomy.clone()),
                );
                for &(i, _) in found.iter().filter(|(i, _)| !known.contains(i)) {
                    if hits.len() >= LIMIT {
                        break;
                    }
                    self.push_passages(&scan, i, &mut hits);
                }
            }
        } else {
            let mut order = found.clone();
            order.sort_by_key(|&(i, n)| (std::cmp::Reverse(n), i));
            let scan = linear::Scan::new(
                &query.expr,
                self.search.topics.as_ref().map(|t| t.taxonomy.clone()),
            );
            for (i, _) in order {
                if hits.len() >= LIMIT {
                    break;
                }
                self.push_passages(&scan, i, &mut hits);
            }
        }
        hits.truncate(LIMIT);
        let results = Results {
            query: text.to_string(),
            needles,
            hits,
            total,
            reports: reports.len(),
            engine: Some(engine),
            selected: 0,
            offset: 0,
        };
        self.search.last_query = text.to_string();
        Ok(results)
    }

    pub(super) fn push_passages(&self, scan: &linear::Scan, i: usize, hits: &mut Vec<ResultHit>) {
        if let Some(r) = self.report(i) {
            hits.extend(scan.passages(&r).into_iter().map(|p| ResultHit {
                report: i,
                section: p.section,
                paragraphs: p.paragraphs,
            }));
        }
    }

    /// Open the report at the selected hit; whether there was one.
    pub(super) fn open_selected_result(&mut self, r: &Results) -> bool {
        let Some(hit) = r.hits.get(r.selected).cloned() else {
            return false;
        };
        let query = r.query.clone();
        let Some(report) = self.report(hit.report) else {
            return false;
        };
        let at = first_match(&report, &hit, &r.needles).or_else(|| {
            report
                .paragraphs
                .get(hit.paragraphs.start)
                .map(|_| (hit.paragraphs.start, 0..0))
        });
        self.open_at_hit(hit.report, &query, at);
        self.focus = Pane::Reader;
        true
    }
}

/// Where the view goes.
pub fn area(area: Rect) -> Rect {
    popup_area(area, 110, area.height)
}

/// Hits a page moves: two rows a hit.
pub fn page(app: &App) -> isize {
    app.size.1.saturating_sub(6).max(2) as isize / 2
}

impl LayerState for Results {
    fn context(&self) -> Option<Context> {
        Some(Context::Pane)
    }

    fn act(&mut self, app: &mut App, a: Action) -> Flow {
        if let Some(d) = list_step(a, page(app)) {
            self.move_by(d);
            return Flow::Stay;
        }
        match a {
            Action::Back | Action::Quit | Action::SearchResults => Flow::Close,
            Action::Search => {
                app.open(SearchBox {
                    target: Target::Results,
                    input: TextInput::new(&self.query),
                    info: Ok(self.summary()),
                });
                Flow::Stay
            }
            Action::Open if app.open_selected_result(self) => Flow::Close,
            _ => Flow::Stay,
        }
    }

    fn bar(&self, _app: &App) -> Option<Bar> {
        Some(Bar::Results)
    }

    fn area(&self, screen: Rect, _app: &App) -> Option<Rect> {
        Some(area(screen))
    }

    fn draw(&self, frame: &mut Frame, screen: Rect, app: &App) {
        super::view::draw_results(frame, screen, app, self);
    }
}
