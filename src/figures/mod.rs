//! Figures: numbers with what they measure (SPEC.md).
