//! The terminal user interface: the only place that knows ratatui and crossterm.
