//! Paths, config, reading state, atomic writes.
