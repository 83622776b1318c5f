//! Tokenizers registered in tantivy. Tantivy stores only their names in the
//! index, so [`register`] must run after every open or create.
//!
//! - `gwr_bigram`: every pair of adjacent units, positioned at the first
//!   unit's index, and the last unit of each run alone. Any string of two or
//!   more characters that occurs in the text is then a phrase of bigrams at
//!   consecutive positions, whatever jieba makes of it: this is the field
//!   that guarantees recall. Every occurrence of a character starts a token
//!   (a bigram, or the unigram closing its run), so one character is found
//!   as the prefix of a term.
//! - `gwr_grams`: unigrams and bigrams at the same positions, for the small
//!   title and topic fields.
//! - `gwr_jieba`: jieba words of section titles, to rank sections titled
//!   with the query's words first. (Jieba over the whole text would double
//!   the indexing time; bigram scores already rank the body.)
//! - `gwr_prefix`: every prefix of a folded place name, so `province:安徽`
//!   matches `安徽省` and `province:内蒙古` matches `内蒙古自治区`.

use super::normalize;
use jieba_rs::Jieba;
use std::sync::OnceLock;
use tantivy::tokenizer::{Token, TokenStream, Tokenizer};

pub const BIGRAM: &str = "gwr_bigram";
pub const GRAMS: &str = "gwr_grams";
pub const JIEBA: &str = "gwr_jieba";
pub const PREFIX: &str = "gwr_prefix";

/// Register every gwr tokenizer on an index.
pub fn register(index: &tantivy::Index) {
    let manager = index.tokenizers();
    manager.register(BIGRAM, NgramTokenizer::bigrams());
    manager.register(GRAMS, NgramTokenizer::both());
    manager.register(JIEBA, JiebaTokenizer);
    manager.register(PREFIX, PrefixTokenizer);
}

static JIEBA_DICT: OnceLock<Jieba> = OnceLock::new();

/// The shared jieba segmenter. Loading its dictionary takes over 100 ms, so
/// it happens once per process, on first use (or early, via [`warm_up`]).
pub fn jieba() -> &'static Jieba {
    JIEBA_DICT.get_or_init(Jieba::new)
}

/// The segmenter if it is loaded already; an as-you-type query must not wait
/// for the dictionary, it ranks without word matches instead.
pub fn jieba_if_loaded() -> Option<&'static Jieba> {
    JIEBA_DICT.get()
}

/// Start loading the jieba dictionary on a background thread.
pub fn warm_up() {
    if JIEBA_DICT.get().is_none() {
        std::thread::spawn(|| {
            jieba();
        });
    }
}

/// The words jieba finds in a folded text, without pure punctuation or
/// symbols, which carry no meaning for ranking.
pub fn words<'a>(jieba: &Jieba, folded: &'a str) -> Vec<&'a str> {
    jieba
        .cut(folded, false)
        .into_iter()
        .map(|t| t.word)
        .filter(|w| w.chars().any(|c| c.is_alphanumeric()))
        .collect()
}

/// Bigrams of units, with unigrams everywhere or only where a run ends;
/// see the module documentation.
#[derive(Clone)]
pub struct NgramTokenizer {
    all_unigrams: bool,
    token: Token,
    /// The text's characters, reused from one text to the next: indexing
    /// tokenizes every paragraph of the corpus.
    chars: Vec<Char>,
}

/// A searchable character of the text being tokenized.
#[derive(Debug, Clone, Copy)]
struct Char {
    ch: char,
    /// Its unit index (gaps between runs take an index too).
    index: u32,
    /// Its bytes in the text.
    start: u32,
    end: u32,
}

impl NgramTokenizer {
    /// Bigrams, and the unigram closing each run.
    pub fn bigrams() -> Self {
        Self::new(false)
    }
    /// Bigrams and every unigram.
    pub fn both() -> Self {
        Self::new(true)
    }
    fn new(all_unigrams: bool) -> Self {
        NgramTokenizer {
            all_unigrams,
            token: Token::default(),
            chars: Vec::new(),
        }
    }
}

impl Tokenizer for NgramTokenizer {
    type TokenStream<'a> = NgramStream<'a>;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> NgramStream<'a> {
        self.token.reset();
        self.chars.clear();
        // The characters of `normalize::units`, without its gap units: a
        // gap shows as a step of two in `index`. (Collected in one pass
        // because this runs for every character of the corpus; a test
        // checks it against `units`.)
        for unit in normalize::units(text) {
            if let Some(ch) = unit.ch {
                self.chars.push(Char {
                    ch,
                    index: unit.index as u32,
                    start: unit.start as u32,
                    end: unit.end as u32,
                });
            }
        }
        NgramStream {
            chars: &self.chars,
            next: 0,
            emitted_unigram: false,
            all_unigrams: self.all_unigrams,
            token: &mut self.token,
        }
    }
}

pub struct NgramStream<'a> {
    chars: &'a [Char],
    /// The character whose grams are being emitted.
    next: usize,
    emitted_unigram: bool,
    all_unigrams: bool,
    token: &'a mut Token,
}

impl TokenStream for NgramStream<'_> {
    fn advance(&mut self) -> bool {
        loop {
            let Some(&first) = self.chars.get(self.next) else {
                return false;
            };
            let pair = self
                .chars
                .get(self.next + 1)
                .filter(|second| second.index == first.index + 1)
                .copied();
            let t = &mut *self.token;
            t.text.clear();
            t.text.push(first.ch);
            t.offset_from = first.start as usize;
            t.offset_to = first.end as usize;
            t.position = first.index as usize;
            t.position_length = 1;
            if !self.emitted_unigram && (self.all_unigrams || pair.is_none()) {
                self.emitted_unigram = true;
                if pair.is_none() {
                    self.next += 1;
                    self.emitted_unigram = false;
                }
                return true;
            }
            self.next += 1;
            self.emitted_unigram = false;
            if let Some(second) = pair {
                t.text.push(second.ch);
                t.offset_to = second.end as usize;
                return true;
            }
        }
    }

    fn token(&self) -> &Token {
        self.token
    }

    fn token_mut(&mut self) -> &mut Token {
        self.token
    }
}

/// Jieba words of the folded text. Offsets refer to the folded text (tantivy
/// does not use them: the words field only ranks).
#[derive(Clone)]
pub struct JiebaTokenizer;

impl Tokenizer for JiebaTokenizer {
    type TokenStream<'a> = VecTokenStream;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> VecTokenStream {
        let folded = normalize::folded_string(text);
        let mut tokens = Vec::new();
        let base = folded.as_ptr() as usize;
        for (position, word) in words(jieba(), &folded).into_iter().enumerate() {
            let from = word.as_ptr() as usize - base;
            tokens.push(Token {
                offset_from: from,
                offset_to: from + word.len(),
                position,
                text: word.to_string(),
                position_length: 1,
            });
        }
        VecTokenStream::new(tokens)
    }
}

/// Every prefix of the folded value (gaps removed), one token each.
#[derive(Clone)]
pub struct PrefixTokenizer;

impl Tokenizer for PrefixTokenizer {
    type TokenStream<'a> = VecTokenStream;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> VecTokenStream {
        VecTokenStream::new(
            prefixes(text)
                .into_iter()
                .enumerate()
                .map(|(position, p)| Token {
                    offset_from: 0,
                    offset_to: text.len(),
                    position,
                    text: p,
                    position_length: 1,
                })
                .collect(),
        )
    }
}

/// The prefixes a place name is indexed under (also the form a `province:`
/// value is looked up in: the whole folded value).
pub fn prefixes(text: &str) -> Vec<String> {
    let chars: Vec<char> = normalize::units(text).filter_map(|u| u.ch).collect();
    (1..=chars.len())
        .map(|n| chars[..n].iter().collect())
        .collect()
}

/// The whole folded value a place filter looks up.
pub fn place_key(text: &str) -> String {
    normalize::units(text).filter_map(|u| u.ch).collect()
}

/// A precomputed token list.
pub struct VecTokenStream {
    /// Tokens still to come, last first.
    rest: Vec<Token>,
    current: Token,
}

impl VecTokenStream {
    fn new(mut tokens: Vec<Token>) -> Self {
        tokens.reverse();
        VecTokenStream {
            rest: tokens,
            current: Token::default(),
        }
    }
}

impl TokenStream for VecTokenStream {
    fn advance(&mut self) -> bool {
        match self.rest.pop() {
            Some(t) => {
                self.current = t;
                true
            }
            None => false,
        }
    }

    fn token(&self) -> &Token {
        &self.current
    }

    fn token_mut(&mut self) -> &mut Token {
        &mut self.current
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tokens<T: Tokenizer>(mut t: T, text: &str) -> Vec<(String, usize)> {
        let mut out = Vec::new();
        let mut s = t.token_stream(text);
        while let Some(tok) = s.next() {
            assert!(text.is_char_boundary(tok.offset_from) && text.is_char_boundary(tok.offset_to));
            out.push((tok.text.clone(), tok.position));
        }
        out
    }

    fn pairs(v: &[(&str, usize)]) -> Vec<(String, usize)> {
        v.iter().map(|(s, p)| (s.to_string(), *p)).collect()
    }

    #[test]
    fn bigrams_are_positioned_by_unit_and_runs_end_with_a_unigram() {
        assert_eq!(
            tokens(NgramTokenizer::bigrams(), "污水处理 Ａb c"),
            pairs(&[
                ("污水", 0),
                ("水处", 1),
                ("处理", 2),
                ("理", 3),
                ("ab", 5),
                ("b", 6),
                ("c", 8)
            ])
        );
        assert_eq!(tokens(NgramTokenizer::bigrams(), "水"), pairs(&[("水", 0)]));
        // Invisible characters are skipped, punctuation is a gap, and the
        // edges are trimmed, exactly as `normalize::units` has it.
        assert_eq!(
            tokens(NgramTokenizer::bigrams(), " \n污\u{200B}水，处理 \t"),
            pairs(&[("污水", 0), ("水", 1), ("处理", 3), ("理", 4)])
        );
        assert!(tokens(NgramTokenizer::bigrams(), "").is_empty());
        assert!(tokens(NgramTokenizer::bigrams(), " \n ").is_empty());
    }

    #[test]
    fn a_tokenizer_reused_for_the_next_text_forgets_the_last() {
        let mut t = NgramTokenizer::bigrams();
        let mut first = t.token_stream("第一段落的文字");
        while first.advance() {}
        let mut second = t.token_stream("水");
        assert!(second.advance());
        assert_eq!(
            (second.token().text.as_str(), second.token().position),
            ("水", 0)
        );
        assert!(!second.advance());
    }

    #[test]
    fn both_emits_every_unigram() {
        assert_eq!(
            tokens(NgramTokenizer::both(), "生态 环"),
            pairs(&[("生", 0), ("生态", 0), ("态", 1), ("环", 3)])
        );
    }

    #[test]
    fn prefixes_of_place_names() {
        assert_eq!(prefixes("安徽省"), vec!["安", "安徽", "安徽省"]);
        assert!(prefixes(" ").is_empty());
        assert_eq!(place_key(" 安 徽 "), "安徽");
    }
}
