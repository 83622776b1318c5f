//! What the reader remembers between runs (last report, positions,
//! bookmarks, marks) and the small interface through which it is loaded
//! and saved. The TUI only talks to [`StateStore`]; `MemoryStore` keeps the
//! state in memory (tests, and runs with nowhere to save).

use crate::report::Report;
use serde::{Deserialize, Serialize};
use std::cell::RefCell;
use std::collections::BTreeMap;
use std::rc::Rc;

/// A reading position: a section and a character offset from the start of
/// the section's heading paragraph (paragraphs counted with one separator
/// character between them). `section: None` counts from the report start
/// (text before the first heading, or a report without an outline).
/// Independent of the terminal size, so a resize keeps the same sentence.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Position {
    pub section: Option<usize>,
    pub offset: usize,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Bookmark {
    /// [`report_key`] of the report.
    pub report: String,
    pub position: Position,
    pub label: String,
    /// Seconds since the Unix epoch.
    pub created: u64,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Mark {
    pub report: String,
    pub position: Position,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReadingState {
    pub last_report: Option<String>,
    pub positions: BTreeMap<String, Position>,
    pub bookmarks: Vec<Bookmark>,
    pub marks: BTreeMap<char, Mark>,
}

/// Where reading state lives between runs.
pub trait StateStore {
    /// The saved state, plus messages for the user (a state file that had
    /// to be set aside, …).
    fn load(&mut self) -> (ReadingState, Vec<String>);
    /// Save `state`; a store shared with other gwr instances may merge
    /// their changes into it.
    fn save(&mut self, state: &mut ReadingState) -> Result<(), String>;
}

/// State kept in memory; clones share it, so a test can "restart" the app
/// with a clone of the store it used before.
#[derive(Debug, Clone, Default)]
pub struct MemoryStore {
    saved: Rc<RefCell<Option<ReadingState>>>,
}

impl MemoryStore {
    pub fn saved(&self) -> Option<ReadingState> {
        self.saved.borrow().clone()
    }
}

impl StateStore for MemoryStore {
    fn load(&mut self) -> (ReadingState, Vec<String>) {
        (self.saved.borrow().clone().unwrap_or_default(), Vec::new())
    }

    fn save(&mut self, state: &mut ReadingState) -> Result<(), String> {
        *self.saved.borrow_mut() = Some(state.clone());
        Ok(())
    }
}

/// A report's identity across runs: its file name relative to the corpus
/// folder plus the size of its cleaned text, so moving the corpus folder
/// keeps the key and a different report under the same name does not
/// inherit positions.
pub fn report_key(report: &Report) -> String {
    let bytes: usize = report.paragraphs.iter().map(|p| p.text.len()).sum();
    format!("{}#{}", report.file, bytes)
}

/// The report a stored key names.
pub fn find_report(key: &str, reports: &[Report]) -> Option<usize> {
    reports.iter().position(|r| report_key(r) == key)
}
