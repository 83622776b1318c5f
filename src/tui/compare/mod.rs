//! The compare view (`c`): the section being read beside (or above) the
//! comparable section of another report. Each side scrolls on its own, or
//! both together; figures whose canonical indicator both sides state are
//! marked in both and listed in a strip with both values. A picker layer
//! over it chooses the other side.
//!
//! `state` holds the sides and the picker's candidates; `update` opening
//! the view, scrolling and choosing; `picker` the picker layer; `view` the
//! layout and the drawing.

mod picker;
mod state;
mod update;
mod view;

pub use state::*;
pub use view::{areas, main_area, strip_lines, CompareAreas};
