//! Display width, truncation and display-safe text: the one place that knows
//! how many terminal columns a piece of text takes.
//!
//! Width is measured per grapheme cluster, the way the terminal library
//! draws it (a cluster takes the width `unicode-width` gives the whole
//! cluster), after [`for_display`] has made control characters visible; so a
//! line measured here never overflows the columns it is given.

use std::borrow::Cow;
use unicode_segmentation::UnicodeSegmentation;
use unicode_width::UnicodeWidthStr;

/// Halfwidth (han)dakuten: `unicode-width` calls them zero-width combining
/// marks, but terminals draw them in a cell of their own.
const HALFWIDTH_SOUND_MARKS: [char; 2] = ['\u{FF9E}', '\u{FF9F}'];

/// Columns one grapheme cluster takes once shown with [`for_display`].
pub fn grapheme_width(grapheme: &str) -> usize {
    if grapheme.chars().any(char::is_control) {
        // Every control character becomes a one-column placeholder.
        return grapheme
            .chars()
            .map(|c| if c.is_control() { 1 } else { char_width(c) })
            .sum();
    }
    grapheme.width()
        + grapheme
            .chars()
            .filter(|c| HALFWIDTH_SOUND_MARKS.contains(c))
            .count()
}

fn char_width(c: char) -> usize {
    let mut buf = [0u8; 4];
    c.encode_utf8(&mut buf).width()
}

/// Columns a string takes once shown with [`for_display`].
pub fn display_width(s: &str) -> usize {
    if s.is_ascii() && !s.bytes().any(|b| b.is_ascii_control()) {
        return s.len();
    }
    s.graphemes(true).map(grapheme_width).sum()
}

/// Text safe to hand to the terminal: tabs become spaces, every other
/// control character (C0, C1, DEL, so also the ESC of any escape sequence)
/// a one-column placeholder, and bidirectional controls (which make some
/// terminals reorder what they show) are dropped. Unlike
/// [`crate::text::sanitize::visible`] it keeps joiners, so an emoji
/// sequence keeps the width [`display_width`] gave it.
pub fn for_display(s: &str) -> Cow<'_, str> {
    if !s.chars().any(needs_display_fix) {
        return Cow::Borrowed(s);
    }
    Cow::Owned(
        s.chars()
            .filter(|&c| !is_bidi_control(c))
            .map(|c| match c {
                '\t' => ' ',
                '\u{7F}' => '\u{2421}',
                c if (c as u32) < 0x20 => char::from_u32(0x2400 + c as u32).unwrap_or('\u{FFFD}'),
                c if c.is_control() => '\u{FFFD}',
                c => c,
            })
            .collect(),
    )
}

fn is_bidi_control(c: char) -> bool {
    matches!(c, '\u{061C}' | '\u{200E}' | '\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

fn needs_display_fix(c: char) -> bool {
    c.is_control() || is_bidi_control(c)
}

/// The longest prefix of `s` that fits in `max` columns, cut between
/// grapheme clusters.
pub fn truncate(s: &str, max: usize) -> &str {
    let mut used = 0;
    for (i, g) in s.grapheme_indices(true) {
        let w = grapheme_width(g);
        if used + w > max {
            return &s[..i];
        }
        used += w;
    }
    s
}

/// `s` cut to fit `max` columns; when something was cut, `marker` (for
/// example `…` or `~`) ends the result, still within `max` columns.
pub fn truncate_with<'a>(s: &'a str, max: usize, marker: &str) -> Cow<'a, str> {
    if display_width(s) <= max {
        return Cow::Borrowed(s);
    }
    let marker_width = display_width(marker);
    if marker_width > max {
        return Cow::Borrowed(truncate(s, max));
    }
    let head = truncate(s, max - marker_width);
    Cow::Owned(format!("{head}{marker}"))
}

/// `s` cut (with `marker`) or padded with spaces to exactly `width` columns.
/// A wide character that would straddle the edge is replaced by spaces.
pub fn fit(s: &str, width: usize, marker: &str) -> String {
    let cut = truncate_with(s, width, marker);
    let used = display_width(&cut);
    let mut out = String::with_capacity(cut.len() + width.saturating_sub(used));
    out.push_str(&cut);
    out.extend(std::iter::repeat_n(' ', width.saturating_sub(used)));
    out
}

/// [`fit`], right-aligned: numbers in a column line up on their last digit.
pub fn fit_right(s: &str, width: usize, marker: &str) -> String {
    let cut = truncate_with(s, width, marker);
    let pad = width.saturating_sub(display_width(&cut));
    format!("{}{cut}", " ".repeat(pad))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fit_right_pads_on_the_left_and_cuts_on_the_right() {
        assert_eq!(fit_right("5%", 5, "…"), "   5%");
        // A wide character that does not fit leaves a space.
        assert_eq!(fit_right("6.02万亿元", 6, "…"), " 6.02…");
        assert_eq!(display_width(&fit_right("6.02万亿元", 6, "…")), 6);
    }

    #[test]
    fn widths() {
        assert_eq!(display_width("abc"), 3);
        assert_eq!(display_width("政府工作报告"), 12);
        assert_eq!(display_width("PM2.5考核"), 9);
        assert_eq!(display_width("，。"), 4);
        assert_eq!(display_width("a\u{1b}[31m"), 6);
        assert_eq!(display_width("e\u{301}"), 1);
        assert_eq!(display_width(""), 0);
    }

    #[test]
    fn truncation_is_by_columns() {
        assert_eq!(truncate("政府工作报告", 5), "政府");
        assert_eq!(truncate("政府工作报告", 6), "政府工");
        assert_eq!(truncate("ab政府", 3), "ab");
        assert_eq!(truncate_with("政府工作报告", 7, "~"), "政府工~");
        assert_eq!(truncate_with("政府", 4, "~"), "政府");
        assert_eq!(truncate_with("政府工作", 0, "~"), "");
        assert_eq!(fit("政府工作", 5, "~"), "政府~");
        assert_eq!(fit("政府", 6, "~"), "政府  ");
        assert_eq!(display_width(&fit("政府工作报告", 9, "…")), 9);
    }

    #[test]
    fn display_text_has_no_control_characters() {
        let shown = for_display("a\u{1b}[2Jb\tc\u{9b}d\u{7f}");
        assert!(!shown.chars().any(char::is_control));
        assert_eq!(
            shown.chars().count(),
            "a\u{1b}[2Jb\tc\u{9b}d\u{7f}".chars().count()
        );
        assert_eq!(
            display_width(&shown),
            display_width("a\u{1b}[2Jb\tc\u{9b}d\u{7f}")
        );
        assert!(matches!(for_display("政府"), Cow::Borrowed(_)));
    }
}
