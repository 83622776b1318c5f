//! What the reader remembers between runs (last report, positions,
//! bookmarks, marks: the store's [`ReadingState`]) and the small interface
//! through which the app loads and saves it: the state file in the state
//! directory ([`FileStore`]), or memory ([`MemoryStore`], for tests and
//! runs with nowhere to save).
//!
//! Positions are [`Position`]s: a section and a character offset from the
//! start of the section's heading paragraph, paragraphs counted with one
//! separator character between them; `section: None` counts from the
//! report start. They do not depend on the terminal size.

pub use crate::report::find_report;
use crate::report::Report;
pub use crate::report::ReportKey;
use crate::store::StateFile;
pub use crate::store::{Bookmark, Mark, Position, ReadingState};
use std::cell::RefCell;
use std::rc::Rc;

/// Where reading state lives between runs.
pub trait StateStore {
    /// The saved state, plus messages for the user (a state file that had
    /// to be set aside, a config mistake, …).
    fn load(&mut self) -> (ReadingState, Vec<String>);
    /// Save `state`. The state file merges what other gwr instances saved
    /// meanwhile into `state`; the result carries messages worth showing.
    fn save(&mut self, state: &mut ReadingState) -> Result<Vec<String>, String>;
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

    fn save(&mut self, state: &mut ReadingState) -> Result<Vec<String>, String> {
        *self.saved.borrow_mut() = Some(state.clone());
        Ok(Vec::new())
    }
}

/// The state file, as [`crate::store::open`] found it.
#[derive(Debug)]
pub struct FileStore {
    loaded: Option<ReadingState>,
    /// `None`: nowhere to save (no home directory and no override).
    file: Option<StateFile>,
    messages: Vec<String>,
}

impl FileStore {
    pub fn new(state: ReadingState, file: Option<StateFile>, messages: Vec<String>) -> Self {
        FileStore {
            loaded: Some(state),
            file,
            messages,
        }
    }
}

impl StateStore for FileStore {
    fn load(&mut self) -> (ReadingState, Vec<String>) {
        (
            self.loaded.take().unwrap_or_default(),
            std::mem::take(&mut self.messages),
        )
    }

    fn save(&mut self, state: &mut ReadingState) -> Result<Vec<String>, String> {
        match self.file.as_mut() {
            Some(file) => file
                .save(state)
                .map(|notes| notes.iter().map(ToString::to_string).collect())
                .map_err(|e| e.to_string()),
            None => Ok(Vec::new()),
        }
    }
}

/// A report's key as stored in the state.
pub fn report_key(report: &Report) -> String {
    ReportKey::of(report).as_str().to_string()
}
