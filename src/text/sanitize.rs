//! Making text safe to show: no control characters or escape sequences.

/// Replace control characters with visible placeholders (for file names and
/// messages; report text is cleaned on load).
pub fn visible(s: &str) -> String {
    s.chars()
        .map(|c| {
            if c.is_control() {
                char::from_u32(0x2400 + (c as u32 & 0x1f)).unwrap_or('?')
            } else {
                c
            }
        })
        .collect()
}
