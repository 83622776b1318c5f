//! Character classes every layer asks about: what is a Chinese character,
//! what draws nothing, what ends a sentence. One definition each, so the
//! outline, the figures, the metadata and the search agree.

/// A CJK unified ideograph: the basic block, extension A, the
/// compatibility block and the supplementary planes' extensions B–H
/// (rare characters of place and personal names live there).
pub fn is_han(c: char) -> bool {
    matches!(c as u32,
        0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xF900..=0xFAFF | 0x20000..=0x323AF)
}

/// Characters that draw nothing but change how text is read or compared:
/// zero-width spaces and joiners, bidirectional controls (which can reorder
/// what a terminal shows), the byte-order mark, soft hyphens, fillers, tags.
pub fn is_invisible(c: char) -> bool {
    matches!(c,
        '\u{00AD}'
        | '\u{034F}'
        | '\u{061C}'
        | '\u{115F}'
        | '\u{1160}'
        | '\u{17B4}'
        | '\u{17B5}'
        | '\u{180B}'..='\u{180F}'
        | '\u{200B}'..='\u{200F}'
        | '\u{202A}'..='\u{202E}'
        | '\u{2060}'..='\u{206F}'
        | '\u{3164}'
        | '\u{FEFF}'
        | '\u{FFA0}'
        | '\u{FFF0}'..='\u{FFFB}'
        | '\u{FFFE}'
        | '\u{FFFF}'
        | '\u{1BCA0}'..='\u{1BCA3}'
        | '\u{1D173}'..='\u{1D17A}'
        | '\u{E0000}'..='\u{E007F}')
}

/// Punctuation that ends a sentence: 。！？； and their ASCII forms.
pub fn is_sentence_end(c: char) -> bool {
    matches!(c, '。' | '！' | '？' | '；' | '!' | '?' | ';')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn han_covers_the_blocks_place_names_use() {
        for c in ['一', '龥', '㐀', '豈', '𠀀', '𪚥', '𰀀'] {
            assert!(is_han(c), "{c}");
        }
        for c in ['a', '1', '，', '。', '　', 'ア', '가'] {
            assert!(!is_han(c), "{c}");
        }
    }

    #[test]
    fn invisible_and_sentence_ends() {
        assert!(is_invisible('\u{200B}') && is_invisible('\u{202E}') && is_invisible('\u{FEFF}'));
        assert!(!is_invisible('　') && !is_invisible('a'));
        assert!(is_sentence_end('。') && is_sentence_end(';'));
        assert!(!is_sentence_end('，') && !is_sentence_end('…'));
    }
}
