//! Search in the reader: the index opened or built in the background, the
//! `/` box that filters the report list as you type, `/` in the reading
//! pane with every match marked and `n`/`N`, and the way into the results
//! view ([`results`]).
//!
//! Queries use the search language ([`crate::search::query`]). Until the
//! index is ready (and whenever it fails) the same query is answered by
//! scanning the loaded text ([`crate::search::linear`]), which gives the
//! index's answers more slowly; the box says which one answered.
//!
//! `state` holds what search keeps; `update` the index arriving, the list
//! filter and find in the report; `query_box` the `/` box layer; `results`
//! the results layer; `view` the box and the results drawn.

mod query_box;
mod results;
mod state;
mod update;
mod view;

pub use query_box::box_on_status_row;
pub use results::{first_match, ResultHit, Results, LIMIT};
pub use state::*;
pub use view::{draw_box, list_hits, report_label, status_prefix};

use crate::corpus::Source;
use crate::search::index::{self, IndexEvent};
use crate::search::{SearchError, SearchIndex, UpdateStats};
use crate::topics::TopicSource;
use std::path::PathBuf;
use std::sync::mpsc;

/// What the background indexer reports.
pub enum SearchMsg {
    /// The topic taxonomy is loaded (scanning can answer `topic:` now).
    Topics(TopicSource),
    Notice(String),
    /// Indexing of this many reports starts.
    Start(u64),
    /// This many more reports are indexed.
    Advanced(u64),
    Ready(Box<Result<(SearchIndex, UpdateStats), SearchError>>),
    /// The indexer is gone (after `Ready`, or having failed without one).
    Stopped,
}

impl std::fmt::Debug for SearchMsg {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            SearchMsg::Topics(_) => write!(f, "Topics"),
            SearchMsg::Notice(m) => write!(f, "Notice({m:?})"),
            SearchMsg::Start(n) => write!(f, "Start({n})"),
            SearchMsg::Advanced(n) => write!(f, "Advanced({n})"),
            SearchMsg::Stopped => write!(f, "Stopped"),
            SearchMsg::Ready(r) => match r.as_ref() {
                Ok((idx, _)) => write!(f, "Ready({} reports)", idx.report_count()),
                Err(e) => write!(f, "Ready(Err({e}))"),
            },
        }
    }
}

/// Load the topic taxonomy, then open (or build) the index of the corpus
/// on a background thread; the event loop polls the channel. The jieba
/// dictionary (for ranking) loads last, off the first frame's way.
pub fn spawn(paths: Vec<PathBuf>, indexer: Option<PathBuf>) -> mpsc::Receiver<SearchMsg> {
    let (tx, rx) = mpsc::channel();
    std::thread::spawn(move || {
        let (topics, warnings) = TopicSource::load();
        for w in warnings {
            let _ = tx.send(SearchMsg::Notice(w));
        }
        let _ = tx.send(SearchMsg::Topics(topics.clone()));
        let events = index::spawn_open(
            Source::from_paths(&paths),
            index::default_cache_dir(),
            topics,
            indexer,
        );
        for ev in events {
            let msg = match ev {
                IndexEvent::Notice(m) => SearchMsg::Notice(m),
                IndexEvent::Start(n) => SearchMsg::Start(n),
                IndexEvent::Advance => SearchMsg::Advanced(1),
                IndexEvent::Ready(r) => SearchMsg::Ready(r),
            };
            if tx.send(msg).is_err() {
                return;
            }
        }
        crate::search::tokenizer::jieba();
    });
    rx
}

/// Everything the indexer sent since the last look, with progress steps
/// added up (one message per report would redraw once per report).
pub fn drain(rx: &mpsc::Receiver<SearchMsg>) -> Vec<SearchMsg> {
    let mut out: Vec<SearchMsg> = Vec::new();
    loop {
        match rx.try_recv() {
            Ok(msg) => match (out.last_mut(), msg) {
                (Some(SearchMsg::Advanced(n)), SearchMsg::Advanced(k)) => *n += k,
                (_, msg) => out.push(msg),
            },
            Err(mpsc::TryRecvError::Empty) => return out,
            Err(mpsc::TryRecvError::Disconnected) => {
                out.push(SearchMsg::Stopped);
                return out;
            }
        }
    }
}
