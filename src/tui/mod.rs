//! The terminal user interface: the only place that knows ratatui and
//! crossterm.
//!
//! Input → action → update → draw. [`run`] turns terminal events into
//! [`app::Msg`]s; a key becomes an action through the [`keymap`], whose
//! defaults, `?` help and hint bars all come from the one table in
//! [`action`]. The [`app`] routes keys and actions through the stack of
//! [`layer`]s (help, bookmarks, notes, a pending mark, the `/` box, search
//! results, the figures table and chart, the targets view, the compare and
//! topic views and their pickers) to the panes (the [`report_list`], the
//! [`outline_pane`], the [`reader`]); [`ui::draw`] draws everything from
//! `&App`.
//!
//! Each feature keeps its state, its update and its drawing together:
//! [`figures`], [`targets`], [`search`], [`compare`], [`topic_view`] are
//! folders of `state`, `update` and `view`; the small layers ([`help`],
//! [`bookmarks`], [`notes`]) are one file each. Every list moves the same way and the one
//! [`picker`] serves every filtered choice.

pub mod action;
pub mod app;
pub mod bookmarks;
pub mod compare;
pub mod copy;
pub mod edit;
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
pub mod targets;
pub mod terminal;
pub mod theme;
pub mod topic_view;
pub mod topics;
pub mod ui;
pub mod walk;

pub use app::StartAt;
pub use run::{run, Options};
