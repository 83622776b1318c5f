//! Gathering something from many reports on a worker thread, for the views
//! that list what the whole corpus has (the topic view, the compare
//! picker). At thousands of reports a walk parses and classifies for tens of
//! seconds; run on the thread that draws, it froze the reader. Now the view
//! fills in as results arrive, keys keep working, and dropping the walk (the
//! view closed, another topic chosen) stops it.

use crate::library::{Catalog, Entry};
use crate::report::Report;
use crate::report::Reports;
use rayon::prelude::*;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc;
use std::sync::Arc;
use std::time::{Duration, Instant};

/// How often the worker hands over what it has: often enough that the
/// view visibly fills, rarely enough that the drawing thread is not kept
/// busy by it.
const HAND_OVER: Duration = Duration::from_millis(100);

/// Reports read at once, on every core (in order): few enough that a
/// stopped walk ends within a few reports' time.
const CHUNK: usize = 16;

/// What the worker hands over: items of the reports walked since the last
/// batch, and how many reports are walked so far.
struct Batch<T> {
    walked: usize,
    items: Vec<T>,
}

/// A walk over some reports, in the order given, running on its own thread
/// (and on rayon's, a few reports at a time).
pub struct Walk<T> {
    rx: mpsc::Receiver<Batch<T>>,
    stop: Arc<AtomicBool>,
    walked: usize,
    total: usize,
    finished: bool,
}

impl<T: Send + 'static> Walk<T> {
    /// Start walking `reports` of `catalog`, turning each into items with
    /// `each` (given the report's index and the report).
    pub fn start<F>(catalog: Arc<Catalog>, reports: Vec<usize>, each: F) -> Walk<T>
    where
        F: Fn(usize, &Report) -> Vec<T> + Send + Sync + 'static,
    {
        Walk::start_where(catalog, reports, |_| true, each)
    }

    /// [`Walk::start`], reading only the reports whose catalogue entry
    /// `keep` takes: the choice is made on the worker too, so even a
    /// choice that costs microseconds a report never holds up the
    /// drawing thread at 30,000 reports.
    pub fn start_where<K, F>(
        catalog: Arc<Catalog>,
        reports: Vec<usize>,
        keep: K,
        each: F,
    ) -> Walk<T>
    where
        K: Fn(&Entry) -> bool + Send + Sync + 'static,
        F: Fn(usize, &Report) -> Vec<T> + Send + Sync + 'static,
    {
        let (tx, rx) = mpsc::channel();
        let stop = Arc::new(AtomicBool::new(false));
        let total = reports.len();
        let stopped = Arc::clone(&stop);
        let work = move || {
            let mut items = Vec::new();
            let mut handed = Instant::now();
            let mut walked = 0;
            for chunk in reports.chunks(CHUNK) {
                if stopped.load(Ordering::Relaxed) {
                    return;
                }
                // A report that cannot be read any more has nothing to give.
                let found: Vec<Vec<T>> = chunk
                    .par_iter()
                    .map(|&r| {
                        if !catalog.entry(r).is_some_and(&keep) {
                            return Vec::new();
                        }
                        catalog
                            .with(r, |report| each(r, report))
                            .unwrap_or_default()
                    })
                    .collect();
                items.extend(found.into_iter().flatten());
                walked += chunk.len();
                if handed.elapsed() >= HAND_OVER {
                    let batch = Batch {
                        walked,
                        items: std::mem::take(&mut items),
                    };
                    if tx.send(batch).is_err() {
                        return;
                    }
                    handed = Instant::now();
                }
            }
            let _ = tx.send(Batch { walked, items });
        };
        // Without a thread there is nothing to show; the view says so
        // rather than freezing.
        let spawned = std::thread::Builder::new()
            .name("gwr-walk".into())
            .spawn(work)
            .is_ok();
        Walk {
            rx,
            stop,
            walked: 0,
            total,
            finished: !spawned,
        }
    }

    /// What arrived since the last call, without waiting.
    pub fn take(&mut self) -> Vec<T> {
        let mut out = Vec::new();
        loop {
            match self.rx.try_recv() {
                Ok(batch) => self.receive(batch, &mut out),
                Err(mpsc::TryRecvError::Empty) => break,
                Err(mpsc::TryRecvError::Disconnected) => {
                    self.finished = true;
                    break;
                }
            }
        }
        out
    }

    /// Everything still to come, waiting for the walk to end (tests and
    /// benchmarks).
    pub fn wait(&mut self) -> Vec<T> {
        let mut out = Vec::new();
        while let Ok(batch) = self.rx.recv() {
            self.receive(batch, &mut out);
        }
        self.finished = true;
        out
    }

    /// What the walk in `slot` has for a view: what arrived since the last
    /// look, or with `wait` everything still to come (tests, benchmarks).
    /// A finished walk leaves the slot, so the view is no longer busy.
    pub fn drain(slot: &mut Option<Walk<T>>, wait: bool) -> Vec<T> {
        let Some(walk) = slot.as_mut() else {
            return Vec::new();
        };
        let arrived = if wait { walk.wait() } else { walk.take() };
        if walk.finished() {
            *slot = None;
        }
        arrived
    }

    /// How far the walk is, as the views' titles say it.
    pub fn progress_label(&self) -> String {
        format!("{}/{} reports read", self.walked, self.total)
    }

    fn receive(&mut self, batch: Batch<T>, out: &mut Vec<T>) {
        self.walked = batch.walked;
        out.extend(batch.items);
    }

    /// Reports walked so far, of [`Walk::total`].
    pub fn walked(&self) -> usize {
        self.walked
    }

    pub fn total(&self) -> usize {
        self.total
    }

    /// Every report is walked and everything taken.
    pub fn finished(&self) -> bool {
        self.finished
    }
}

impl<T> Drop for Walk<T> {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::Relaxed);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn walks_every_report_in_the_order_given() {
        let catalog = Arc::new(Catalog::from(crate::corpus::load_builtin()));
        let n = catalog.len();
        let order: Vec<usize> = (0..n).rev().collect();
        let mut walk = Walk::start(Arc::clone(&catalog), order.clone(), |r, report| {
            vec![(r, report.file.clone())]
        });
        assert_eq!(walk.total(), n);
        let got = walk.wait();
        assert!(walk.finished());
        assert_eq!(walk.walked(), n);
        let expected: Vec<(usize, String)> = order
            .iter()
            .map(|&r| (r, catalog.entries()[r].file.clone()))
            .collect();
        assert_eq!(got, expected);
    }

    #[test]
    fn a_walk_reads_only_the_reports_its_choice_takes() {
        let catalog = Arc::new(Catalog::from(crate::corpus::load_builtin()));
        let n = catalog.len();
        let wanted = catalog.entries()[n / 2].file.clone();
        let chosen = wanted.clone();
        let mut walk = Walk::start_where(
            Arc::clone(&catalog),
            (0..n).collect(),
            move |e| e.file == chosen,
            |r, report| vec![(r, report.file.clone())],
        );
        assert_eq!(walk.wait(), [(n / 2, wanted)]);
        assert_eq!(walk.walked(), n, "every report counted as walked");
    }

    #[test]
    fn a_dropped_walk_stops() {
        let catalog = Arc::new(Catalog::from(crate::corpus::load_builtin()));
        let walked = Arc::new(std::sync::atomic::AtomicUsize::new(0));
        let counter = Arc::clone(&walked);
        // Every report many times over: far more than it walks before the
        // drop is seen.
        let reports: Vec<usize> = (0..100_000).map(|k| k % catalog.len()).collect();
        let walk = Walk::start(catalog, reports, move |_, _| {
            counter.fetch_add(1, Ordering::Relaxed);
            std::thread::sleep(Duration::from_millis(1));
            Vec::<()>::new()
        });
        std::thread::sleep(Duration::from_millis(50));
        drop(walk);
        std::thread::sleep(Duration::from_millis(50));
        let after_drop = walked.load(Ordering::Relaxed);
        std::thread::sleep(Duration::from_millis(100));
        assert!(after_drop < 100_000);
        assert!(
            walked.load(Ordering::Relaxed) <= after_drop + CHUNK,
            "still walking after the drop"
        );
    }
}
