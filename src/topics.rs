//! Sections → topics, for comparable sections across reports.
