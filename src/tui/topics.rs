//! Topics in the reader: which topics every report treats (a compact
//! summary, saved with the catalogue; those it lacks are computed on a
//! worker thread after loading), the full topics of
//! the reports looked at (classified when needed, a few kept), and `>`/`<`,
//! which move along a topic across the reports in the order the list shows
//! them.

use super::app::App;
use super::marks::MarkLayer;
use super::reader::{self, Doc};
use crate::library::Catalog;
use crate::report::Report;
use crate::topics::TopicSource;
use crate::topics::{Hit, PlaceKind, ReportTopics, SectionType, Taxonomy, TopicId, TopicSummary};
use std::collections::VecDeque;
use std::sync::mpsc;
use std::sync::Arc;

/// What the worker thread sends back: the taxonomy in use, problems with
/// the user's, and every report's topic summary.
type Work = (Arc<Taxonomy>, Vec<String>, Vec<TopicSummary>);

/// Reports whose full topics are kept: the one being read, the compare
/// sides, the reports `>` and the pickers just looked at.
const DETAILS_KEPT: usize = 32;

/// Topics of the loaded reports (the compare and topic views are layers
/// with their own state).
#[derive(Default)]
pub struct TopicsState {
    taxonomy: Option<Arc<Taxonomy>>,
    /// Parallel to the catalogue once classified.
    summaries: Option<Vec<TopicSummary>>,
    /// Full topics of the reports looked at last, most recent last.
    details: VecDeque<(usize, Arc<ReportTopics>)>,
    /// The worker classifying the reports of the last load.
    worker: Option<mpsc::Receiver<Work>>,
    /// Problems with the user's taxonomy, not told yet.
    warnings: Vec<String>,
}

impl std::fmt::Debug for TopicsState {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("TopicsState")
            .field("summaries", &self.summaries.as_ref().map(Vec::len))
            .finish_non_exhaustive()
    }
}

/// The taxonomy of the catalogue's summaries, else the user's (or the
/// built-in one) with its warnings. The catalogue's warnings were told by
/// the search thread, which loads the same file.
fn taxonomy_for(reports: &Catalog) -> (TopicSource, Vec<String>) {
    match reports.topics() {
        Some(t) => (t.clone(), Vec::new()),
        None => TopicSource::load(),
    }
}

impl TopicsState {
    /// Forget everything about the previous reports and take their topic
    /// summaries from the catalogue; those it lacks are classified on a
    /// worker thread (the first frame never waits for it).
    pub fn start(&mut self, reports: &Arc<Catalog>) {
        *self = TopicsState::default();
        if reports.is_empty() {
            return;
        }
        if let Some(source) = reports.topics() {
            // The catalogue's taxonomy is the one in use from the start: a
            // report looked at before the worker ends is classified with
            // it, not with the built-in one.
            self.taxonomy = Some(Arc::clone(&source.taxonomy));
            if reports.missing_summaries(source) == 0 {
                // Every summary saved: nothing to classify.
                self.summaries = Some(reports.topic_summaries(source, false));
                self.taxonomy = Some(Arc::clone(&source.taxonomy));
                return;
            }
        }
        let (tx, rx) = mpsc::channel();
        let reports = Arc::clone(reports);
        let spawned = std::thread::Builder::new()
            .name("gwr-topics".into())
            .spawn(move || {
                let (source, warnings) = taxonomy_for(&reports);
                // One report after another on this one thread: the other
                // core stays free for drawing.
                let summaries = reports.topic_summaries(&source, false);
                let _ = tx.send((source.taxonomy, warnings, summaries));
            });
        // Without a thread everything is computed when first needed.
        self.worker = spawned.ok().map(|_| rx);
    }

    /// Take the topics if the worker has finished; with `wait`, wait for
    /// it.
    fn poll(&mut self, wait: bool) {
        let Some(rx) = &self.worker else {
            return;
        };
        let work = if wait {
            rx.recv().ok()
        } else {
            match rx.try_recv() {
                Ok(w) => Some(w),
                Err(mpsc::TryRecvError::Empty) => return,
                Err(mpsc::TryRecvError::Disconnected) => None,
            }
        };
        // Answered, or gone without an answer: either way done.
        self.worker = None;
        if let Some((taxonomy, warnings, summaries)) = work {
            self.taxonomy = Some(taxonomy);
            self.warnings = warnings;
            self.summaries = Some(summaries);
            // Classified with the built-in taxonomy while the user's loaded.
            self.details.clear();
        }
    }

    /// The worker is still classifying.
    pub fn busy(&self) -> bool {
        self.worker.is_some()
    }

    /// The taxonomy in use (the built-in one until the worker has read the
    /// user's).
    pub fn taxonomy(&self) -> Arc<Taxonomy> {
        self.taxonomy.clone().unwrap_or_else(Taxonomy::builtin)
    }

    /// Every report's topic summary, once made.
    pub fn summaries(&self) -> Option<&[TopicSummary]> {
        self.summaries.as_deref()
    }

    /// Whether report `r` has a place about `topic` (in `part`), by its
    /// summary; `true` while there is none, so that nothing is missed.
    pub fn may_have(&self, r: usize, topic: TopicId, part: Option<SectionType>) -> bool {
        self.summaries
            .as_ref()
            .and_then(|s| s.get(r))
            .is_none_or(|s| s.has(topic, part))
    }
}

/// The topic the reader is on, and the part of the report it is in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TopicHere {
    pub report: usize,
    /// The section whose topic it is.
    pub section: usize,
    pub topic: TopicId,
    /// `None` where the section's part is not known.
    pub part: Option<SectionType>,
}

impl App {
    /// The full topics of report `r`: kept from a recent look, else
    /// classified now.
    pub fn report_topics(&mut self, r: usize) -> Option<Arc<ReportTopics>> {
        let details = &mut self.topics.details;
        if let Some(k) = details.iter().position(|(i, _)| *i == r) {
            let entry = details.remove(k)?;
            details.push_back(entry.clone());
            return Some(entry.1);
        }
        let report = self.report(r)?;
        let topics = Arc::new(self.topics.taxonomy().classify(&report));
        let details = &mut self.topics.details;
        if details.len() >= DETAILS_KEPT {
            details.pop_front();
        }
        details.push_back((r, Arc::clone(&topics)));
        Some(topics)
    }

    /// Wait for the topics worker, if it runs (tests, benchmarks).
    pub fn wait_for_topics(&mut self) {
        self.topics.poll(true);
    }

    /// Take the topics from the worker if it has finished (after each
    /// update), without waiting.
    pub fn poll_topics(&mut self) {
        self.topics.poll(false);
        self.tell_taxonomy_warnings();
    }

    /// Problems with the user's taxonomy go to the status line once.
    fn tell_taxonomy_warnings(&mut self) {
        if !self.topics.warnings.is_empty() && self.message.is_none() {
            self.message = Some(std::mem::take(&mut self.topics.warnings).join("; "));
        }
    }

    /// Report indices in the order the list shows them.
    pub fn list_order(&self) -> Vec<usize> {
        self.list
            .rows
            .iter()
            .filter_map(|r| match r {
                super::report_list::ListRow::Report(i) => Some(*i),
                _ => None,
            })
            .collect()
    }

    /// The section being read: where the last jump landed while it shows
    /// in the top rows (a jump puts it a few rows down), else one whose
    /// heading shows there, else the deepest one holding the top row.
    pub fn focus_section(&self) -> Option<usize> {
        let (idx, report) = self.current_report()?;
        let (width, height) = self.reader_viewport();
        let cache = &self.reader.cache;
        let mut source = |p: usize| {
            cache
                .get(idx, width, p)
                .unwrap_or_else(|| crate::text::wrap::wrap(paragraph_text(report, p), width).into())
        };
        let mut doc = Doc::new(report, &mut source);
        let top = doc.row_of(self.reader.anchor);
        let context = (height / 3).min(4) + 1;
        let (rows, _) = reader::visible_rows(&mut doc, top, context);
        // Where the last jump landed, while it is still in the top rows
        // (a heading may stand inside its paragraph).
        if let Some((p, at)) = self.landed_here(&rows) {
            return report.section_at_offset(p, at);
        }
        let heading_near_top = rows.iter().find_map(|row| {
            let line = row.line.as_ref()?;
            let sections = self.reader.index.headings.get(&row.paragraph)?;
            sections
                .iter()
                .copied()
                .filter(|&s| {
                    report
                        .sections
                        .get(s)
                        .is_some_and(|sec| sec.heading.start >= line.range.start)
                })
                .max_by_key(|&s| report.sections.get(s).map(|sec| sec.depth))
        });
        heading_near_top.or_else(|| report.section_at(self.reader.anchor.paragraph))
    }

    /// Where the last jump landed, (paragraph, byte offset), while it is
    /// in `rows` (the top rows of the reading pane).
    fn landed_here(&self, rows: &[reader::VisibleRow]) -> Option<(usize, usize)> {
        self.reader
            .marks
            .layer(MarkLayer::Target)
            .first()
            .map(|m| (m.paragraph, m.range.start))
            .filter(|&(p, _)| rows.iter().any(|r| r.paragraph == p))
    }

    /// The topic being read: that of the passage the last jump landed on,
    /// else of the section being read, else of its nearest enclosing
    /// section.
    pub fn topic_here(&mut self) -> Option<TopicHere> {
        let section = self.focus_section()?;
        let (report_idx, report) = self.report_being_read()?;
        let rt = self.report_topics(report_idx)?;
        let landed = self
            .reader
            .marks
            .layer(MarkLayer::Target)
            .first()
            .map(|m| (m.paragraph, m.range.start));
        let passage = rt.places.iter().find(|x| {
            x.kind == PlaceKind::Passage
                && Some((x.paragraph, x.range.start)) == landed
                && x.section == Some(section)
        });
        if let Some((&(topic, _), x)) = passage.and_then(|x| Some((x.topics.first()?, x))) {
            return Some(TopicHere {
                report: report_idx,
                section,
                topic,
                part: x.part.as_filter(),
            });
        }
        let mut s = Some(section);
        while let Some(i) = s {
            let st = rt.sections.get(i)?;
            if let Some(topic) = st.primary {
                return Some(TopicHere {
                    report: report_idx,
                    section: i,
                    topic,
                    part: st.kind.as_filter(),
                });
            }
            s = report.sections.get(i)?.parent;
        }
        None
    }

    /// Report `r`'s best place about `topic` (in `part`); classified in
    /// full only when its summary says it has one.
    fn best_place(&mut self, r: usize, topic: TopicId, part: Option<SectionType>) -> Option<Hit> {
        if !self.topics.may_have(r, topic, part) {
            return None;
        }
        let topics = self.report_topics(r)?;
        topics.best(&*self.report(r)?, topic, part)
    }

    /// `>` / `<`: the same topic (and part) in the next or previous report
    /// of the list, wrapping.
    pub fn topic_jump(&mut self, forward: bool) {
        let Some((current, _)) = self.current_report() else {
            return;
        };
        let Some(here) = self.topic_here() else {
            self.message = Some("No topic here: this part of the report is not classified".into());
            return;
        };
        let taxonomy = self.topics.taxonomy();
        let name = taxonomy.topic_name(here.topic).to_string();
        let scope = match here.part {
            Some(p) => format!("{name} · {}", taxonomy.type_name(p)),
            None => name,
        };
        let order = self.list_order();
        let total = order.len();
        // Counted from the summaries (once the worker has them); only the
        // report landed on is classified in full.
        let with = self.topics.summaries().map(|_| {
            order
                .iter()
                .filter(|&&r| self.topics.may_have(r, here.topic, here.part))
                .count()
        });
        let Some(target) = next_in_order(&order, current, forward, |r| {
            self.best_place(r, here.topic, here.part)
        }) else {
            self.message = Some(format!("No other report has {scope}"));
            return;
        };
        let (r, hit) = target;
        self.reveal(r, hit.paragraph, hit.range.clone());
        self.message = Some(match with {
            Some(with) => format!("{scope} · {with}/{total} reports"),
            None => scope,
        });
    }
}

/// The text of paragraph `p` (empty past the end).
pub fn paragraph_text(report: &Report, p: usize) -> &str {
    report
        .paragraphs
        .get(p)
        .map(|x| x.text.as_str())
        .unwrap_or("")
}

/// From `current`, the first report after (before) it in `order`, wrapping,
/// for which `found` gives something; never `current` itself.
pub fn next_in_order<T>(
    order: &[usize],
    current: usize,
    forward: bool,
    mut found: impl FnMut(usize) -> Option<T>,
) -> Option<(usize, T)> {
    let n = order.len();
    if n == 0 {
        return None;
    }
    let at = order.iter().position(|&r| r == current);
    (1..=n).find_map(|step| {
        let i = match (at, forward) {
            (Some(a), true) => (a + step) % n,
            (Some(a), false) => (a + n - step % n) % n,
            (None, true) => step - 1,
            (None, false) => n - step,
        };
        let r = order[i];
        if r == current {
            return None;
        }
        found(r).map(|t| (r, t))
    })
}

#[cfg(test)]
mod tests {
    use super::next_in_order;

    #[test]
    fn next_in_order_wraps_and_skips_current() {
        let order = [3, 1, 0, 2];
        let has = |r: usize| (r != 0).then_some(r);
        assert_eq!(next_in_order(&order, 1, true, has), Some((2, 2)));
        assert_eq!(next_in_order(&order, 2, true, has), Some((3, 3)));
        assert_eq!(next_in_order(&order, 3, false, has), Some((2, 2)));
        assert_eq!(next_in_order(&order, 1, false, has), Some((3, 3)));
        let only_self = |r: usize| (r == 1).then_some(r);
        assert_eq!(next_in_order(&order, 1, true, only_self), None);
        assert_eq!(next_in_order(&[], 0, true, has), None);
    }
}
