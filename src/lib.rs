//! gwr: a reader for Chinese government work reports.
//!
//! Everything except `tui` is terminal-free, so the TUI, the command line,
//! the tests and the benchmarks all call the same model.

#![forbid(unsafe_code)]

pub mod cli;
pub mod corpus;
pub mod figures;
pub mod library;
pub mod numbers;
pub mod report;
pub mod search;
pub mod store;
pub mod text;
pub mod topics;
pub mod tui;
