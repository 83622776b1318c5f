//! Making text safe to show: no control characters, no terminal escape
//! sequences, no invisible characters.
//!
//! Report text is cleaned line by line on load ([`clean_line`]), so nothing
//! raw reaches the model, the search index or the terminal. File names and
//! messages, which are not cleaned on load, go through [`visible`].

use super::chars::is_invisible;

/// Spaces of other widths and whitespace controls that should read as one
/// ordinary space. The ideographic space U+3000 is not among them: it is how
/// Chinese text indents, and paragraph building needs to see it.
pub fn is_odd_space(c: char) -> bool {
    matches!(
        c,
        '\t' | '\u{000B}' | '\u{000C}' | '\u{0085}' | '\u{00A0}' | '\u{1680}' | '\u{2000}'
            ..='\u{200A}' | '\u{2028}' | '\u{2029}' | '\u{202F}' | '\u{205F}'
    )
}

const ESC: char = '\u{1B}';
const BEL: char = '\u{07}';
/// C1 controls that open an escape sequence in 8-bit form.
const C1_CSI: char = '\u{9B}';
const C1_ST: char = '\u{9C}';

/// Clean one line of text: odd spaces become a space, invisible characters
/// and control characters are removed, and terminal escape sequences are
/// removed whole (a colour code leaves no `[31m` behind). Linear in the
/// length of the line; never panics.
pub fn clean_line(raw: &str) -> std::borrow::Cow<'_, str> {
    // Almost every line of a report is printable ASCII and CJK: it is
    // lent as it is instead of rebuilt char by char.
    if !raw.chars().any(needs_cleaning) {
        return std::borrow::Cow::Borrowed(raw);
    }
    let mut out = String::with_capacity(raw.len());
    let mut chars = raw.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            ESC => skip_escape(&mut chars),
            C1_CSI => skip_csi_body(&mut chars),
            // OSC, DCS, SOS, PM, APC in 8-bit form: a string up to ST or BEL.
            '\u{90}' | '\u{98}' | '\u{9D}' | '\u{9E}' | '\u{9F}' => skip_string(&mut chars),
            c if is_odd_space(c) => out.push(' '),
            c if c.is_control() || is_invisible(c) => {}
            c => out.push(c),
        }
    }
    std::borrow::Cow::Owned(out)
}

/// Whether `clean_line` would change or drop `c` (or start a sequence at
/// it). Checks the common ranges first; the rest takes the full tests.
fn needs_cleaning(c: char) -> bool {
    match c {
        ' '..='~' | '\u{3000}'..='\u{3163}' | '\u{3400}'..='\u{9FFF}' | '\u{FF01}'..='\u{FF9F}' => {
            false
        }
        c if c.is_ascii() => true,
        c => is_odd_space(c) || c.is_control() || is_invisible(c),
    }
}

type Chars<'a> = std::iter::Peekable<std::str::Chars<'a>>;

/// After ESC: skip the rest of the sequence it introduces (ECMA-48).
fn skip_escape(chars: &mut Chars<'_>) {
    let Some(&next) = chars.peek() else {
        return;
    };
    match next {
        '[' => {
            chars.next();
            skip_csi_body(chars);
        }
        ']' | 'P' | 'X' | '^' | '_' => {
            chars.next();
            skip_string(chars);
        }
        // nF sequences: intermediates, then one final byte.
        '\u{20}'..='\u{2F}' => {
            while chars
                .next_if(|c| ('\u{20}'..='\u{2F}').contains(c))
                .is_some()
            {}
            chars.next_if(|c| ('\u{30}'..='\u{7E}').contains(c));
        }
        // Two-character sequences (ESC 7, ESC c, ESC =, …).
        '\u{30}'..='\u{7E}' => {
            chars.next();
        }
        _ => {}
    }
}

/// Parameters and intermediates, then the final byte. A character that
/// cannot belong to the sequence ends it without being consumed, so a broken
/// sequence never swallows report text.
fn skip_csi_body(chars: &mut Chars<'_>) {
    while chars
        .next_if(|c| ('\u{20}'..='\u{3F}').contains(c))
        .is_some()
    {}
    chars.next_if(|c| ('\u{40}'..='\u{7E}').contains(c));
}

/// A control string (OSC title, hyperlink, DCS…) up to BEL, ST or ESC \.
/// An unterminated string runs to the end of the line, as in a terminal.
fn skip_string(chars: &mut Chars<'_>) {
    while let Some(c) = chars.next() {
        match c {
            BEL | C1_ST => return,
            ESC => {
                chars.next_if_eq(&'\\');
                return;
            }
            _ => {}
        }
    }
}

/// Replace control characters with visible placeholders and drop invisible
/// characters (for file names and messages; report text is cleaned on load).
pub fn visible(s: &str) -> String {
    s.chars().filter_map(visible_char).collect()
}

/// [`visible`] of one character: `None` for an invisible one.
pub fn visible_char(c: char) -> Option<char> {
    if is_invisible(c) {
        return None;
    }
    Some(match c {
        '\u{7F}' => '\u{2421}',
        c if c.is_control() && (c as u32) < 0x20 => {
            char::from_u32(0x2400 + c as u32).unwrap_or('\u{FFFD}')
        }
        c if c.is_control() => '\u{FFFD}',
        c => c,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escape_sequences_go_whole() {
        assert_eq!(clean_line("\u{1b}[1;31m红色\u{1b}[0m文字"), "红色文字");
        assert_eq!(clean_line("a\u{1b}]0;title\u{07}b"), "ab");
        assert_eq!(
            clean_line("\u{1b}]8;;http://x\u{1b}\\链接\u{1b}]8;;\u{1b}\\"),
            "链接"
        );
        assert_eq!(clean_line("\u{9b}2J清屏"), "清屏");
        assert_eq!(clean_line("\u{1b}(B文"), "文");
        assert_eq!(clean_line("\u{1b}c重置"), "重置");
    }

    #[test]
    fn broken_sequence_keeps_following_text() {
        assert_eq!(clean_line("\u{1b}[12报告"), "报告");
        assert_eq!(clean_line("末尾\u{1b}"), "末尾");
        assert_eq!(clean_line("\u{1b}]未结束"), "");
    }

    #[test]
    fn invisible_and_odd_characters() {
        assert_eq!(clean_line("各位\u{200b}代表\u{feff}："), "各位代表：");
        assert_eq!(clean_line("a\u{a0}b\tc\u{2003}d"), "a b c d");
        assert_eq!(clean_line("\u{3000}\u{3000}缩进"), "\u{3000}\u{3000}缩进");
        assert_eq!(clean_line("x\u{7}\u{0}\u{7f}\u{85}y"), "x y");
        assert_eq!(clean_line("\u{202e}反转"), "反转");
    }

    #[test]
    fn visible_shows_controls() {
        assert_eq!(visible("a\u{1b}b\nc"), "a\u{241b}b\u{240a}c");
        assert_eq!(visible("x\u{202e}y\u{9b}"), "xy\u{fffd}");
    }
}
