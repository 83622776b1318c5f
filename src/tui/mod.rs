//! The terminal user interface: the only place that knows ratatui and crossterm.
//!
//! Input → action → update → draw: `run` turns terminal events into
//! [`app::Msg`]s (keys through the one action table in [`action`]),
//! [`app::App::update`] changes the state, [`ui::draw`] draws it from `&App`.

pub mod action;
pub mod app;
pub mod bookmarks;
pub mod figures;
pub mod help;
pub mod input;
pub mod keymap;
pub mod layer;
pub mod marks;
pub mod memory;
pub mod mouse;
pub mod notes;
pub mod outline_pane;
pub mod picker;
pub mod reader;
pub mod report_list;
pub mod run;
pub mod search;

pub mod settings;
pub mod status;
pub mod terminal;
pub mod theme;
pub mod ui;
pub mod walk;

pub mod compare;
pub mod topic_view;
pub mod topics;

pub use run::{run, Options};
