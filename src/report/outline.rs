//! The one place that decides what a heading is: paragraphs → section tree,
//! appendices, footnote markers.

use super::{Marker, Paragraph, Section};

/// The outline of a report.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Structure {
    pub sections: Vec<Section>,
    pub markers: Vec<Marker>,
}

/// Build the outline. (Placeholder: no sections yet.)
pub fn outline(_paragraphs: &[Paragraph]) -> Structure {
    Structure::default()
}
