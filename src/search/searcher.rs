//! Answering queries: the best passages, or every matching report with how
//! many of its passages match (the as-you-type filter of a report list).
//!
//! A [`Searcher`] is cheap to clone and can be used from any thread. Hits
//! carry what a reader needs to show them: the report, the section, the
//! paragraphs; [`super::locate`] then finds the ranges to highlight in the
//! report's text.

use super::compile::{self, Purpose};
use super::manifest::Manifest;
use super::query::{Query, QueryError};
use super::schema::Fields;
use super::tokenizer;
use super::SearchError;
use crate::report::Report;
use crate::topics::Taxonomy;
use std::collections::HashMap;
use std::ops::Range;
use std::path::PathBuf;
use std::sync::Arc;
use tantivy::collector::{Collector, SegmentCollector, TopDocs};
use tantivy::columnar::Column;
use tantivy::{DocId, IndexReader, Score, SegmentOrdinal, SegmentReader};

/// An indexed report, as a hit names it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReportRef {
    /// `Report::file`: the path relative to its folder argument.
    pub file: String,
    /// Where to read it; `None` for the built-in corpus.
    pub path: Option<PathBuf>,
    /// `passage::fingerprint` when indexed.
    pub fingerprint: u64,
}

/// One matching passage.
#[derive(Debug, Clone, PartialEq)]
pub struct Hit {
    /// Report number in the index.
    pub report: u64,
    pub file: String,
    pub path: Option<PathBuf>,
    /// The section whose own text matched; `None`: the text before the
    /// first section.
    pub section: Option<usize>,
    /// The passage's paragraphs in the report.
    pub paragraphs: Range<usize>,
    /// Original line where the passage starts.
    pub line: u32,
    pub score: f32,
}

/// Reports with matching passages.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReportMatches {
    pub report: u64,
    /// Number of passages that match.
    pub passages: u32,
}

/// Runs queries against one state of an index.
#[derive(Clone)]
pub struct Searcher {
    reader: IndexReader,
    fields: Fields,
    reports: Arc<HashMap<u64, ReportRef>>,
    /// One more than the highest report number.
    report_numbers: usize,
    /// What `topic:` values name.
    taxonomy: Arc<Taxonomy>,
}

impl Searcher {
    pub(crate) fn new(
        reader: IndexReader,
        fields: Fields,
        manifest: &Manifest,
        taxonomy: Arc<Taxonomy>,
    ) -> Searcher {
        let reports = manifest
            .entries
            .iter()
            .map(|e| {
                let path = e.path.clone().or_else(|| {
                    manifest.roots.get(e.root).map(|root| {
                        if root.is_dir {
                            root.path.join(&e.file)
                        } else {
                            root.path.clone()
                        }
                    })
                });
                (
                    e.id,
                    ReportRef {
                        file: e.file.clone(),
                        path,
                        fingerprint: e.fingerprint,
                    },
                )
            })
            .collect();
        Searcher {
            reader,
            fields,
            reports: Arc::new(reports),
            report_numbers: manifest.next_id as usize,
            taxonomy,
        }
    }

    /// Parse a query in the language, checking its `topic:` values against
    /// the taxonomy the index was built with.
    pub fn parse(&self, source: &str) -> Result<Query, QueryError> {
        Query::parse_checked(source, &self.taxonomy)
    }

    /// The indexed report with this number.
    pub fn report(&self, id: u64) -> Option<&ReportRef> {
        self.reports.get(&id)
    }

    /// Whether a loaded report is the one a hit names, and still as it was
    /// indexed (else its paragraph numbers are stale).
    pub fn is_current(&self, hit: &Hit, report: &Report) -> bool {
        self.reports
            .get(&hit.report)
            .is_some_and(|r| r.fingerprint == super::passage::fingerprint(report))
    }

    /// The loaded report a hit names, among `reports` (as the TUI loaded
    /// them): same file name relative to its folder and, when several
    /// folders have one, the same file on disk.
    pub fn report_of<'a>(&self, hit: &Hit, reports: &'a [Report]) -> Option<&'a Report> {
        let mut candidates = reports.iter().filter(|r| r.file == hit.file);
        let first = candidates.next()?;
        let Some(second) = candidates.next() else {
            return Some(first);
        };
        let wanted = hit.path.as_deref()?;
        [first, second].into_iter().chain(candidates).find(|r| {
            r.path
                .as_deref()
                .and_then(|p| std::fs::canonicalize(p).ok())
                .is_some_and(|p| p == wanted)
        })
    }

    /// The `limit` best passages, best first.
    pub fn search(&self, query: &Query, limit: usize) -> Result<Vec<Hit>, SearchError> {
        let q = compile::compile(
            &query.expr,
            &self.fields,
            &self.taxonomy,
            Purpose::Rank(tokenizer::jieba_if_loaded()),
        );
        let searcher = self.reader.searcher();
        let top =
            guarded(|| searcher.search(&q, &TopDocs::with_limit(limit.max(1)).order_by_score()))?;
        let mut hits = Vec::with_capacity(top.len());
        let mut columns: HashMap<SegmentOrdinal, PassageColumns> = HashMap::new();
        for (score, addr) in top.into_iter().take(limit) {
            let cols = match columns.get(&addr.segment_ord) {
                Some(c) => c,
                None => {
                    let c = PassageColumns::open(searcher.segment_reader(addr.segment_ord))?;
                    columns.entry(addr.segment_ord).or_insert(c)
                }
            };
            let d = addr.doc_id;
            let Some(report) = cols.report.first(d) else {
                continue;
            };
            let Some(r) = self.reports.get(&report) else {
                continue;
            };
            let section = cols.section.first(d).unwrap_or(0);
            let start = cols.para_start.first(d).unwrap_or(0) as usize;
            let end = cols.para_end.first(d).unwrap_or(0) as usize;
            hits.push(Hit {
                report,
                file: r.file.clone(),
                path: r.path.clone(),
                section: section.checked_sub(1).map(|s| s as usize),
                paragraphs: start..end.max(start),
                line: cols.line.first(d).unwrap_or(0) as u32,
                score,
            });
        }
        // Equal scores (field-only queries) in a stable, readable order.
        hits.sort_by(|a, b| {
            b.score
                .total_cmp(&a.score)
                .then_with(|| a.file.cmp(&b.file))
                .then_with(|| a.paragraphs.start.cmp(&b.paragraphs.start))
        });
        Ok(hits)
    }

    /// Every report with a matching passage, and how many, by report number.
    /// Scores are not computed, so this is the fast path for filtering.
    pub fn matching_reports(&self, query: &Query) -> Result<Vec<ReportMatches>, SearchError> {
        let q = compile::compile(&query.expr, &self.fields, &self.taxonomy, Purpose::Match);
        let searcher = self.reader.searcher();
        let collector = CountByReport {
            reports: self.report_numbers,
        };
        let counts = guarded(|| searcher.search(&q, &collector))?;
        Ok(counts
            .into_iter()
            .enumerate()
            .filter(|&(_, passages)| passages > 0)
            .map(|(report, passages)| ReportMatches {
                report: report as u64,
                passages,
            })
            .collect())
    }

    /// Number of matching passages.
    pub fn count(&self, query: &Query) -> Result<usize, SearchError> {
        let q = compile::compile(&query.expr, &self.fields, &self.taxonomy, Purpose::Match);
        let searcher = self.reader.searcher();
        guarded(|| searcher.search(&q, &tantivy::collector::Count))
    }
}

/// Run a tantivy search, turning a panic on damaged index data into an
/// error, so the caller can rebuild instead of crashing.
fn guarded<T>(f: impl FnOnce() -> tantivy::Result<T>) -> Result<T, SearchError> {
    match std::panic::catch_unwind(std::panic::AssertUnwindSafe(f)) {
        Ok(Ok(v)) => Ok(v),
        Ok(Err(e)) => Err(SearchError::Damaged(e.to_string())),
        Err(_) => Err(SearchError::Damaged("the index data is damaged".into())),
    }
}

struct PassageColumns {
    report: Column<u64>,
    section: Column<u64>,
    para_start: Column<u64>,
    para_end: Column<u64>,
    line: Column<u64>,
}

impl PassageColumns {
    fn open(segment: &SegmentReader) -> Result<Self, SearchError> {
        let ff = segment.fast_fields();
        let col = |name: &str| {
            ff.u64(name)
                .map_err(|e| SearchError::Damaged(e.to_string()))
        };
        Ok(PassageColumns {
            report: col("report")?,
            section: col("section")?,
            para_start: col("para_start")?,
            para_end: col("para_end")?,
            line: col("line")?,
        })
    }
}

/// Counts matching passages per report number. Report numbers are dense
/// (the manifest hands them out in order), so a vector beats a map when a
/// short prefix matches most of a large corpus.
struct CountByReport {
    reports: usize,
}

struct CountByReportSegment {
    column: Column<u64>,
    counts: Vec<u32>,
    /// Report numbers of a block of documents.
    block: Vec<Option<u64>>,
}

impl Collector for CountByReport {
    type Fruit = Vec<u32>;
    type Child = CountByReportSegment;

    fn for_segment(
        &self,
        _: SegmentOrdinal,
        segment: &SegmentReader,
    ) -> tantivy::Result<CountByReportSegment> {
        Ok(CountByReportSegment {
            column: segment.fast_fields().u64("report")?,
            counts: vec![0; self.reports],
            block: Vec::new(),
        })
    }

    fn requires_scoring(&self) -> bool {
        false
    }

    fn merge_fruits(&self, fruits: Vec<Vec<u32>>) -> tantivy::Result<Vec<u32>> {
        let mut all = vec![0u32; self.reports];
        for f in fruits {
            for (a, b) in all.iter_mut().zip(f) {
                *a += b;
            }
        }
        Ok(all)
    }
}

impl SegmentCollector for CountByReportSegment {
    type Fruit = Vec<u32>;

    fn collect(&mut self, doc: DocId, _: Score) {
        if let Some(r) = self.column.first(doc) {
            if let Some(c) = self.counts.get_mut(r as usize) {
                *c += 1;
            }
        }
    }

    /// Without scores tantivy hands over blocks of documents; one column
    /// read per block is cheaper than one per document.
    fn collect_block(&mut self, docs: &[DocId]) {
        self.block.clear();
        self.block.resize(docs.len(), None);
        self.column.first_vals(docs, &mut self.block);
        for r in self.block.iter().flatten() {
            if let Some(c) = self.counts.get_mut(*r as usize) {
                *c += 1;
            }
        }
    }

    fn harvest(self) -> Vec<u32> {
        self.counts
    }
}
