//! The index schema: one tantivy document per passage (see
//! [`super::passage`]). Text is not stored: hits are shown from the corpus
//! text, which would otherwise more than double the index.

use super::tokenizer;
use tantivy::schema::{
    Field, IndexRecordOption, NumericOptions, Schema, TextFieldIndexing, TextOptions, FAST,
    INDEXED, STRING,
};

/// Bumped whenever the schema, a tokenizer or what goes into a document
/// changes: an index written with another version is rebuilt.
/// 6: a passage's topics are those of every place in it (sections and the
/// passages of their text), not its section's.
pub const SCHEMA_VERSION: u32 = 6;

/// The fields of the schema.
#[derive(Debug, Clone, Copy)]
pub struct Fields {
    /// Report number, assigned by the index manifest.
    pub report: Field,
    /// Section index + 1; 0 for the text before the first section.
    pub section: Field,
    /// The passage's paragraphs, `para_start..para_end`.
    pub para_start: Field,
    pub para_end: Field,
    /// Original line of the passage's first paragraph.
    pub line: Field,
    pub year: Field,
    /// `national`, `provincial`, … (`Level::name`).
    pub level: Field,
    pub province: Field,
    pub city: Field,
    pub county: Field,
    /// Any of province, city, county.
    pub place: Field,
    /// The taxonomy topics of the section (`topics::term`).
    pub topic: Field,
    /// The section title (the report title for the preamble).
    pub title: Field,
    /// The passage text as bigrams (and run-final unigrams) with positions:
    /// the recall field.
    pub text: Field,
    /// The title as jieba words: ranks sections titled with the query's
    /// words first.
    pub title_words: Field,
}

fn text_field(tokenizer: &str, record: IndexRecordOption, norms: bool) -> TextOptions {
    TextOptions::default().set_indexing_options(
        TextFieldIndexing::default()
            .set_tokenizer(tokenizer)
            .set_index_option(record)
            .set_fieldnorms(norms),
    )
}

/// Build the schema and its fields.
pub fn build() -> (Schema, Fields) {
    let mut b = Schema::builder();
    let numeric_fast: NumericOptions = FAST.into();
    let numeric_indexed: NumericOptions = NumericOptions::from(INDEXED) | FAST;
    let place = text_field(tokenizer::PREFIX, IndexRecordOption::Basic, false);
    // The full names as columns, for counting hits per place.
    let place_fast = place.clone().set_fast("raw");
    let grams = text_field(
        tokenizer::GRAMS,
        IndexRecordOption::WithFreqsAndPositions,
        true,
    );
    let fields = Fields {
        report: b.add_u64_field("report", numeric_indexed.clone()),
        section: b.add_u64_field("section", numeric_fast.clone()),
        para_start: b.add_u64_field("para_start", numeric_fast.clone()),
        para_end: b.add_u64_field("para_end", numeric_fast.clone()),
        line: b.add_u64_field("line", numeric_fast),
        year: b.add_u64_field("year", numeric_indexed),
        level: b.add_text_field("level", STRING),
        province: b.add_text_field("province", place_fast.clone()),
        city: b.add_text_field("city", place_fast.clone()),
        county: b.add_text_field("county", place_fast),
        place: b.add_text_field("place", place),
        topic: b.add_text_field("topic", STRING),
        title: b.add_text_field("title", grams),
        text: b.add_text_field(
            "text",
            text_field(
                tokenizer::BIGRAM,
                IndexRecordOption::WithFreqsAndPositions,
                true,
            ),
        ),
        title_words: b.add_text_field(
            "title_words",
            text_field(tokenizer::JIEBA, IndexRecordOption::WithFreqs, true),
        ),
    };
    (b.build(), fields)
}
