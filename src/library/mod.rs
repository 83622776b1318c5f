//! The library: a corpus as the reader and the command line hold it, above
//! the model layers. It owns the catalogue (one light entry per report, its
//! saved topic summary, parsed reports cached on demand) and matches the
//! search index's reports to the catalogue's.

pub mod catalog;
pub mod reconcile;

pub use catalog::{Catalog, Entry};
