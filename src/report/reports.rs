//! Lending reports one at a time, so walks across a corpus need not hold it.

use super::Report;

/// Reports by position, lent one at a time: parsed reports in a slice (the
/// command line, tests) or the library's catalogue (the reader), so walks across the
/// corpus hold one report per worker rather than all of them.
pub trait Reports: Sync {
    fn count(&self) -> usize;
    /// `f` of report `i`; `None` when there is no such report or it cannot
    /// be read any more.
    fn with<R>(&self, i: usize, f: impl FnOnce(&Report) -> R) -> Option<R>;
}

impl Reports for [Report] {
    fn count(&self) -> usize {
        self.len()
    }

    fn with<R>(&self, i: usize, f: impl FnOnce(&Report) -> R) -> Option<R> {
        self.get(i).map(f)
    }
}

/// So `&corpus.reports` can be passed as it is.
impl Reports for Vec<Report> {
    fn count(&self) -> usize {
        self.as_slice().count()
    }

    fn with<R>(&self, i: usize, f: impl FnOnce(&Report) -> R) -> Option<R> {
        self.as_slice().with(i, f)
    }
}
