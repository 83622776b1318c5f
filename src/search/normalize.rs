//! The one definition of what "the same text" means for search.
//!
//! Indexing, query building and hit highlighting all see text as a sequence
//! of *units*: each searchable character, folded (full-width ASCII to
//! half-width, upper to lower case), or one gap standing for a run of
//! whitespace and control characters. Invisible format characters (zero-width
//! space, BOM, soft hyphen) are skipped, so `污\u{200B}水` matches `污水`.
//! A unit's index is its position in the index, so a phrase can only match
//! characters that are adjacent in the text, and a query with a space
//! matches text with any run of whitespace there.

/// What a character becomes for search.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Folded {
    /// A searchable character, folded.
    Char(char),
    /// Whitespace or a control character: separates words.
    Gap,
    /// Invisible formatting: as if absent.
    Skip,
}

/// Fold one character.
pub fn fold(c: char) -> Folded {
    match c {
        // Most of the text: CJK ideographs fold to themselves.
        '\u{4E00}'..='\u{9FFF}' => Folded::Char(c),
        c if is_punctuation(c) => Folded::Gap,
        '\u{3001}'..='\u{4DFF}' => Folded::Char(c),
        c if crate::text::chars::is_invisible(c) => Folded::Skip,
        c if c.is_whitespace() || c.is_control() => Folded::Gap,
        // Full-width ASCII (`ＧＤＰ`, `２０２３`, `，`) is the same text as
        // half-width for a reader; the offset maps the block onto ASCII.
        '\u{FF01}'..='\u{FF5E}' => {
            let ascii = char::from_u32(c as u32 - 0xFEE0).unwrap_or(c);
            if is_punctuation(ascii) {
                Folded::Gap
            } else {
                Folded::Char(ascii.to_ascii_lowercase())
            }
        }
        c if c.is_ascii() => Folded::Char(c.to_ascii_lowercase()),
        c if c.is_uppercase() => {
            let mut lower = c.to_lowercase();
            match (lower.next(), lower.next()) {
                (Some(l), None) => Folded::Char(l),
                // Lowercasing to several characters would break the
                // one-character-one-unit map: keep the character.
                _ => Folded::Char(c),
            }
        }
        c => Folded::Char(c),
    }
}

/// Punctuation that separates words and clauses, which search treats like
/// whitespace: `发展，加快` is found by `发展 加快` and by `发展。加快`.
/// About one character in ten of a report is such punctuation; as
/// characters of their own they cost the index a tenth of its size and
/// its build time for bigrams no one searches for (`展，`, `，加`). Marks
/// that are part of what is written about stay characters: the decimal
/// point, `%`, `‰`, `+`, `-`, `/`, `°`, `℃`.
fn is_punctuation(c: char) -> bool {
    matches!(
        c,
        ',' | ';'
            | ':'
            | '!'
            | '?'
            | '"'
            | '\''
            | '`'
            | '('
            | ')'
            | '['
            | ']'
            | '{'
            | '}'
            | '<'
            | '>'
            | '\u{00B7}'
            | '\u{2010}'..='\u{2027}'
            | '\u{2039}'
            | '\u{203A}'
            | '\u{3001}'..='\u{3003}'
            | '\u{3008}'..='\u{3011}'
            | '\u{3014}'..='\u{301F}'
            | '\u{30FB}'
            | '\u{FE10}'..='\u{FE19}'
            | '\u{FE30}'..='\u{FE4F}'
            | '\u{FF5F}'..='\u{FF65}'
    )
}

/// One unit of searchable text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Unit {
    /// Position in the text's unit sequence.
    pub index: usize,
    /// The folded character; `None` for a gap.
    pub ch: Option<char>,
    /// Byte range in the source text (a gap covers its whole run).
    pub start: usize,
    pub end: usize,
    /// Index of the first source character of the unit.
    pub char_index: usize,
}

impl Unit {
    pub fn is_gap(&self) -> bool {
        self.ch.is_none()
    }
}

/// The units of a text, in order.
pub fn units(text: &str) -> Units<'_> {
    Units {
        chars: text.char_indices(),
        text_len: text.len(),
        next_index: 0,
        char_count: 0,
        pending: None,
        after_gap: true,
    }
}

/// Iterator over [`Unit`]s; see [`units`].
pub struct Units<'a> {
    chars: std::str::CharIndices<'a>,
    text_len: usize,
    next_index: usize,
    char_count: usize,
    /// A character read while closing a gap, to be returned next.
    pending: Option<(usize, usize, char)>,
    /// True at the start and after a gap: leading whitespace yields no gap,
    /// so a text and its trimmed form have the same units.
    after_gap: bool,
}

impl Iterator for Units<'_> {
    type Item = Unit;

    fn next(&mut self) -> Option<Unit> {
        loop {
            let (byte, char_index, c) = match self.pending.take() {
                Some(p) => p,
                None => {
                    let (byte, c) = self.chars.next()?;
                    let ci = self.char_count;
                    self.char_count += 1;
                    (byte, ci, c)
                }
            };
            match fold(c) {
                Folded::Skip => continue,
                Folded::Char(f) => {
                    let unit = Unit {
                        index: self.next_index,
                        ch: Some(f),
                        start: byte,
                        end: byte + c.len_utf8(),
                        char_index,
                    };
                    self.next_index += 1;
                    self.after_gap = false;
                    return Some(unit);
                }
                Folded::Gap => {
                    // Swallow the whole run; a trailing run yields no gap.
                    let mut end = byte + c.len_utf8();
                    loop {
                        match self.chars.next() {
                            None => return None,
                            Some((b, next)) => {
                                let ci = self.char_count;
                                self.char_count += 1;
                                match fold(next) {
                                    Folded::Gap | Folded::Skip => end = b + next.len_utf8(),
                                    Folded::Char(_) => {
                                        self.pending = Some((b, ci, next));
                                        break;
                                    }
                                }
                            }
                        }
                    }
                    if self.after_gap {
                        continue;
                    }
                    let unit = Unit {
                        index: self.next_index,
                        ch: None,
                        start: byte,
                        end: end.min(self.text_len),
                        char_index,
                    };
                    self.next_index += 1;
                    self.after_gap = true;
                    return Some(unit);
                }
            }
        }
    }
}

/// The folded units of a query word: characters and gaps, trimmed.
pub fn folded(text: &str) -> Vec<Option<char>> {
    units(text).map(|u| u.ch).collect()
}

/// Fold a text into a plain string (gaps become one space), for fields
/// matched as whole values such as place names.
pub fn folded_string(text: &str) -> String {
    folded(text).into_iter().map(|c| c.unwrap_or(' ')).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn chars(text: &str) -> String {
        folded(text).into_iter().map(|c| c.unwrap_or('_')).collect()
    }

    #[test]
    fn folds_width_and_case() {
        assert_eq!(chars("ＧＤＰ增长２０２３"), "gdp增长2023");
        assert_eq!(chars("Ａｂ．c"), "ab.c");
        assert_eq!(chars("ΑΒΓ"), "αβγ");
    }

    #[test]
    fn whitespace_runs_are_one_gap_and_edges_are_trimmed() {
        assert_eq!(chars("  污水 \t\u{3000} 处理  "), "污水_处理");
        assert_eq!(chars("\n"), "");
        assert_eq!(chars(""), "");
    }

    #[test]
    fn punctuation_separates_like_whitespace_but_marks_of_numbers_stay() {
        assert_eq!(chars("发展，加快"), "发展_加快");
        assert_eq!(chars("“两山”理念。"), "两山_理念");
        assert_eq!(chars("《报告》—— 回顾"), "报告_回顾");
        assert_eq!(chars("Ａｂ，c"), "ab_c");
        assert_eq!(chars("增长8.8%，达到２．５‰"), "增长8.8%_达到2.5‰");
        assert_eq!(chars("2020-2023年"), "2020-2023年");
    }

    #[test]
    fn invisible_characters_are_skipped() {
        assert_eq!(chars("污\u{200B}水\u{FEFF}"), "污水");
    }

    #[test]
    fn units_map_back_to_source() {
        let text = "a  Ｂ中";
        let us: Vec<Unit> = units(text).collect();
        assert_eq!(us.len(), 4);
        assert_eq!(&text[us[1].start..us[1].end], "  ");
        assert_eq!(&text[us[2].start..us[2].end], "Ｂ");
        assert_eq!(us[3].char_index, 4);
        assert!(us.iter().enumerate().all(|(i, u)| u.index == i));
    }
}
