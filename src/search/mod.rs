//! Full-text search over report sections, in Chinese, without misses.
//!
//! A string that occurs in a report's text is always found, however jieba
//! would segment it: passages (a section's own text, or the text before
//! the first section, see [`passage`]) are indexed as character bigrams
//! with positions, and a query string becomes a phrase of its bigrams
//! ([`compile`]); single characters have their own field. Jieba words and
//! section titles only rank.
//!
//! - [`query`]: the query language (`a b`, `"a b"`, `-a`, `a | b`,
//!   `year:2020..2023`, `province:安徽`, `level:county`, `topic:…`).
//! - [`index`]: the index on disk under the cache directory, kept up to
//!   date incrementally, rebuilt when damaged, in memory when the cache is
//!   unusable; [`writer`] writes it, [`background`] opens it on a worker
//!   or in a child `gwr index`.
//! - [`searcher`]: best passages, or matching reports for a list filter.
//! - [`locate`]: the ranges to highlight and snippets, from the corpus text.
//! - [`linear`]: the same answers by scanning text, until an index is ready.
//!
//! Layer: above `corpus` and `topics` (for `topic:`); never imports
//! `figures`. The library layer matches its report numbers to a catalogue.
//!
//! For an interactive reader (the `/` filter):
//!
//! ```no_run
//! use gwr::corpus::Source;
//! use gwr::search::{index, locate, Query};
//! // At start, without waiting: scan and open (or build) the index on a
//! // worker thread; poll the channel from the event loop.
//! let (topics, _warnings) = gwr::topics::TopicSource::load();
//! let events = index::spawn_open(Source::Builtin, index::default_cache_dir(), topics, None);
//! // …draw frames, read keys; jieba loads in the background meanwhile:
//! gwr::search::tokenizer::warm_up();
//! if let Ok(index::IndexEvent::Ready(opened)) = events.recv() {
//!     let (idx, _stats) = (*opened).expect("index");
//!     let searcher = idx.searcher(); // Clone + Send + Sync
//!     // On every keystroke:
//!     match Query::parse("污水处理 year:2023..") {
//!         Ok(q) => {
//!             let reports = searcher.matching_reports(&q); // filter the list
//!             let hits = searcher.search(&q, 50);          // best sections
//!             let needles = locate::needles(&q.expr);      // for highlighting
//!             // locate::find(report, hit.paragraphs, &needles) gives each
//!             // match's paragraph and char range.
//!         }
//!         Err(e) => { /* show e.message, underline e.at (char range) */ }
//!     }
//! }
//! ```

pub mod background;
pub mod compile;
pub mod index;
pub mod linear;
pub mod locate;
pub mod manifest;
pub mod normalize;
pub mod passage;
pub mod pread;
pub mod query;
pub mod readonly;
pub mod schema;
pub mod searcher;
pub mod tokenizer;
pub mod topics;
pub mod verify;
pub mod writer;

pub use index::{from_reports, open, Location, Progress, SearchIndex, Silent, UpdateStats};
pub use query::{Query, QueryError};
pub use searcher::{Hit, ReportMatches, Searcher};

/// A search that could not be carried out.
#[derive(Debug, Clone, thiserror::Error)]
pub enum SearchError {
    #[error("index error: {0}")]
    Index(String),
    /// The index data is damaged: rebuild it.
    #[error("the index is damaged: {0}")]
    Damaged(String),
}

impl SearchError {
    fn index(e: impl std::fmt::Display) -> SearchError {
        SearchError::Index(e.to_string())
    }
}
