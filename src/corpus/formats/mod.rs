//! Report files that are not plain text: Word files ([`docx`]), web pages
//! ([`html`]) and PDF ([`pdf`], refused with a reason). Each turns its bytes
//! into plain text, one paragraph a line, which then goes through the same
//! cleaning, metadata and outline as a `.txt` file.

pub mod docx;
pub mod html;
pub mod pdf;

use super::decode;
use super::LoadError;
use crate::report::Encoding;

/// What a report file holds, judged from its name and its first bytes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Text,
    Docx,
    Html,
    Pdf,
}

/// The extensions folders are searched for, lower case.
pub const EXTENSIONS: [&str; 5] = ["txt", "docx", "html", "htm", "pdf"];

/// Whether a file name has one of the report extensions.
pub fn has_report_extension(name: &str) -> bool {
    extension(name).is_some_and(|e| EXTENSIONS.iter().any(|x| e.eq_ignore_ascii_case(x)))
}

fn extension(name: &str) -> Option<&str> {
    std::path::Path::new(name).extension()?.to_str()
}

/// The format of a file: its content decides where it is unmistakable (a
/// zip archive, a PDF header, a page that opens with `<!DOCTYPE html>` or
/// `<html>`), else its extension. A Word file saved as `.txt`, a page saved
/// without an extension and a PDF renamed are all read for what they are.
pub fn detect(name: &str, bytes: &[u8]) -> Format {
    let ext = extension(name).map(str::to_ascii_lowercase);
    if bytes.starts_with(b"PK\x03\x04") || is_ole_container(bytes) {
        return Format::Docx;
    }
    if bytes.starts_with(b"%PDF-") {
        return Format::Pdf;
    }
    match ext.as_deref() {
        Some("docx") => Format::Docx,
        Some("pdf") => Format::Pdf,
        Some("html" | "htm") => Format::Html,
        _ if html::opens_as_page(bytes) => Format::Html,
        _ => Format::Text,
    }
}

/// The compound-file container of old Word files (`.doc`) and of
/// password-protected Office files of every kind.
fn is_ole_container(bytes: &[u8]) -> bool {
    bytes.starts_with(&[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1])
}

/// A file's text, one paragraph a line, and how its characters were stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Extracted {
    pub text: String,
    pub encoding: Encoding,
}

/// Turn a file of the given format into text.
pub fn extract(format: Format, bytes: &[u8]) -> Result<Extracted, LoadError> {
    if bytes.is_empty() {
        return Err(LoadError::Empty);
    }
    match format {
        Format::Text => decode::decode(bytes).map(|d| Extracted {
            text: d.text,
            encoding: d.encoding,
        }),
        Format::Docx if is_ole_container(bytes) => {
            Err(LoadError::Unreadable(docx::ole_reason(bytes).to_string()))
        }
        Format::Docx => docx::extract(bytes).map(|text| Extracted {
            text,
            encoding: Encoding::Utf8,
        }),
        Format::Html => html::extract(bytes),
        Format::Pdf => Err(pdf::refuse(bytes)),
    }
}

/// [`extract`], taking the bytes: a text file in unmarked UTF-8 (most
/// files) becomes the text without a copy.
pub fn extract_owned(format: Format, bytes: Vec<u8>) -> Result<Extracted, LoadError> {
    match format {
        Format::Text if !bytes.is_empty() => decode::decode_owned(bytes).map(|d| Extracted {
            text: d.text,
            encoding: d.encoding,
        }),
        _ => extract(format, &bytes),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn content_decides_over_the_extension() {
        assert_eq!(detect("a.txt", b"PK\x03\x04rest"), Format::Docx);
        assert_eq!(detect("a.docx", b"%PDF-1.7"), Format::Pdf);
        assert_eq!(detect("a", b"  <!DOCTYPE html><html>"), Format::Html);
        assert_eq!(detect("a.txt", "各位代表：".as_bytes()), Format::Text);
        assert_eq!(detect("a.HTM", "各位代表：".as_bytes()), Format::Html);
        assert_eq!(detect("a.pdf", b"garbage"), Format::Pdf);
    }

    #[test]
    fn extensions_are_matched_whatever_their_case() {
        assert!(has_report_extension("dir/报告.DOCX"));
        assert!(has_report_extension("报告.htm"));
        assert!(!has_report_extension("报告.doc"));
        assert!(!has_report_extension(".txt"));
        assert!(!has_report_extension("txt"));
    }
}
