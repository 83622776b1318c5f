//! Full-text search: tantivy index with a jieba tokenizer.
