//! PDF files are found and named, but not read: the reason says so.
//!
//! Chinese reports in PDF set their text in CID fonts whose glyph codes map
//! to characters only through each font's ToUnicode table, which portals'
//! PDF producers often omit or fill wrongly; the Rust PDF text extractors
//! (`pdf-extract`, `lopdf`) then give garbage or nothing, and have no way to
//! tell. Showing a report as mojibake is worse than saying why it is not
//! shown, so gwr refuses PDF with a reason that says what to do instead.

use crate::corpus::LoadError;

/// Why a file taken for a PDF is not loaded: one line.
pub fn refuse(bytes: &[u8]) -> LoadError {
    let reason = if !bytes.starts_with(b"%PDF-") {
        "named .pdf but not a PDF file (no %PDF- header)"
    } else if memchr::memmem::find(bytes, b"/Encrypt").is_some() {
        "an encrypted PDF; gwr does not read PDF files (save the report as .txt or .docx)"
    } else {
        "a PDF file; gwr does not read PDF files (save the report as .txt or .docx)"
    };
    LoadError::Unreadable(reason.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_pdf_gets_a_one_line_reason() {
        for bytes in [
            &b"\x00\x01garbage"[..],
            b"%PDF-1.4\n1 0 obj",
            b"%PDF-1.7 /Encrypt 5 0 R",
        ] {
            let reason = refuse(bytes).to_string();
            assert!(!reason.contains('\n') && !reason.is_empty(), "{reason}");
        }
        assert!(refuse(b"junk").to_string().contains("not a PDF"));
        assert!(refuse(b"%PDF-1.7 /Encrypt")
            .to_string()
            .contains("encrypted"));
    }
}
