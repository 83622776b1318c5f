//! The targets view (`o`): targets against outcomes, as
//! [`crate::figures::targets`] pairs them. Opened from the figures table
//! (or the reader) it lists every indicator and year of the report's
//! place; from the chart across reports, the chart's indicator in every
//! place, the outcome furthest past its target first. `o` on a row turns
//! one into the other (Esc turns back); Enter opens the target's or the
//! outcome's sentence (Tab chooses which).
//!
//! The reports are read on a worker ([`crate::tui::walk`]): the view
//! opens at once and fills in. `state` holds the scope and rows, `update`
//! the gathering and keys, `view` the drawing.

mod state;
mod update;
mod view;

pub use state::{Jump, TargetsScope, TargetsView};
