//! The topic view (`T`): for one topic, every report's sections about it
//! (in list order) with their part, length and figure count; `Enter` opens
//! one. `/` opens the picker layer over it to choose another topic.
//!
//! `state` holds the view's rows and the picker; `update` gathering the
//! rows on a worker and the keys; `view` the drawing.

mod state;
mod update;
mod view;

pub use state::*;
pub use view::row_line;
