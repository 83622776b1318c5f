//! The non-interactive subcommands: TSV (default), CSV or JSON on stdout,
//! diagnostics on stderr.
//!
//! Layer: the top, beside `tui`; it calls the model and the library.

pub mod figures;
pub mod index;
pub mod list;
pub mod outline;
pub mod output;
pub mod search;
pub mod sections;
pub mod targets;

use crate::corpus::{self, Corpus};
use std::path::PathBuf;

/// Load the user's paths, or the built-in corpus when none are given, and
/// report every problem on stderr.
pub fn load(paths: &[PathBuf]) -> Corpus {
    let corpus = if paths.is_empty() {
        corpus::load_builtin()
    } else {
        corpus::load_paths(paths)
    };
    for p in &corpus.problems {
        eprintln!("gwr: {p}");
    }
    corpus
}
