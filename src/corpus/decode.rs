//! Bytes → text: BOM sniffing, UTF-8, UTF-16, GB18030 and Big5 detection,
//! and refusing what is not text.

use super::LoadError;
use crate::report::Encoding;
use chardetng::{EncodingDetector, Iso2022JpDetection, Utf8Detection};

/// Decoded text of a file and the encoding it was found in.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Decoded {
    pub text: String,
    pub encoding: Encoding,
}

/// Share of U+FFFD (bytes that did not decode) above which a file is
/// refused rather than shown as mojibake.
const MAX_REPLACEMENT_SHARE: f64 = 0.02;
/// Share of control characters (other than line and tab controls and ESC,
/// whose sequences are cleaned later) above which a file is binary.
const MAX_CONTROL_SHARE: f64 = 0.10;
/// Invalid UTF-8 sequences tolerated in a UTF-8 file (a truncated download,
/// one bad byte) before other encodings are considered: one per this many
/// bytes, and never fewer than [`MIN_UTF8_ERRORS_TOLERATED`].
const UTF8_BYTES_PER_TOLERATED_ERROR: usize = 2000;
const MIN_UTF8_ERRORS_TOLERATED: usize = 2;
/// BOM-less UTF-16 is assumed when one byte lane looks like the high bytes
/// of text at least this often, and clearly more than the other lane.
const UTF16_HIGH_LANE_SHARE: f64 = 0.9;
/// Share of the decoded characters that must be what reports are made of
/// (Chinese, ASCII, CJK and general punctuation, full-width forms).
const UTF16_PLAUSIBLE_SHARE: f64 = 0.95;

/// Decode a report file.
///
/// UTF-8 (with or without BOM), UTF-16 with a BOM or with an unmistakable
/// NUL pattern, and otherwise the legacy encoding `chardetng` recognises
/// (GB18030/GBK, Big5). Empty, binary and undecodable files are errors that
/// say why.
pub fn decode(bytes: &[u8]) -> Result<Decoded, LoadError> {
    if bytes.is_empty() {
        return Err(LoadError::Empty);
    }
    let decoded = if let Some((bom_encoding, bom_len)) = encoding_rs::Encoding::for_bom(bytes) {
        decode_with(
            bom_encoding,
            &bytes[bom_len..],
            encoding_of_bom(bom_encoding),
        )?
    } else if let Some(decoded) = decode_bomless_utf16(bytes) {
        decoded
    } else if let Some(offset) = memchr::memchr(0, bytes) {
        return Err(LoadError::Binary(format!("NUL byte at offset {offset}")));
    } else {
        decode_unmarked(bytes)?
    };
    check_text(&decoded.text)?;
    Ok(decoded)
}

/// Bytes [`decode`] reads without a byte-order mark or UTF-16 guess: not
/// empty, no BOM, no NUL. Only these can be taken as UTF-8 in place or as
/// the charset a page declares.
fn unmarked(bytes: &[u8]) -> bool {
    !bytes.is_empty()
        && encoding_rs::Encoding::for_bom(bytes).is_none()
        && memchr::memchr(0, bytes).is_none()
}

/// [`decode`], taking the bytes: unmarked valid UTF-8 (most files)
/// becomes the text without a copy.
pub fn decode_owned(bytes: Vec<u8>) -> Result<Decoded, LoadError> {
    if !unmarked(&bytes) {
        return decode(&bytes);
    }
    match String::from_utf8(bytes) {
        Ok(text) => {
            check_text(&text)?;
            Ok(Decoded {
                text,
                encoding: Encoding::Utf8,
            })
        }
        Err(e) => decode(e.as_bytes()),
    }
}

/// Decode a file that declares its charset (a web page's `<meta charset>`).
///
/// The declaration is followed where it names an encoding reports come in
/// (GB2312, GBK, GB18030, Big5) and the bytes decode under it; a page whose
/// bytes are valid UTF-8 is UTF-8 whatever it declares (portals copy
/// templates with stale labels), and anything else is sniffed as by
/// [`decode`].
pub fn decode_declared(bytes: &[u8], label: &[u8]) -> Result<Decoded, LoadError> {
    let declared = encoding_rs::Encoding::for_label(label);
    let legacy = match declared {
        Some(e) if e == encoding_rs::GBK || e == encoding_rs::GB18030 => {
            (encoding_rs::GB18030, Encoding::Gb18030)
        }
        Some(e) if e == encoding_rs::BIG5 => (encoding_rs::BIG5, Encoding::Big5),
        _ => return decode(bytes),
    };
    if !unmarked(bytes) || std::str::from_utf8(bytes).is_ok() {
        return decode(bytes);
    }
    match decode_with(legacy.0, bytes, legacy.1) {
        Ok(decoded) => {
            check_text(&decoded.text)?;
            Ok(decoded)
        }
        Err(_) => decode(bytes),
    }
}

fn encoding_of_bom(encoding: &'static encoding_rs::Encoding) -> Encoding {
    if encoding == encoding_rs::UTF_16LE {
        Encoding::Utf16Le
    } else if encoding == encoding_rs::UTF_16BE {
        Encoding::Utf16Be
    } else {
        Encoding::Utf8Bom
    }
}

/// Decode with replacement, refusing the result when too much of it did not
/// decode.
fn decode_with(
    encoding: &'static encoding_rs::Encoding,
    bytes: &[u8],
    label: Encoding,
) -> Result<Decoded, LoadError> {
    let (text, had_errors) = encoding.decode_without_bom_handling(bytes);
    let text = text.into_owned();
    if had_errors {
        check_replacements(&text, label.name())?;
    }
    Ok(Decoded {
        text,
        encoding: label,
    })
}

fn check_replacements(text: &str, encoding: &str) -> Result<(), LoadError> {
    let total = text.chars().count().max(1);
    let bad = text.chars().filter(|&c| c == '\u{FFFD}').count();
    if bad as f64 / total as f64 > MAX_REPLACEMENT_SHARE {
        return Err(LoadError::Undecodable(format!(
            "{bad} of {total} characters are not valid {encoding}"
        )));
    }
    Ok(())
}

/// UTF-16 without a BOM. Which byte of each pair is the high one shows in
/// the statistics of the two byte lanes: the high bytes of Chinese text
/// take few values (0x4E–0x9F for ideographs, 0x00 for ASCII, 0x30 for
/// CJK punctuation and the ideographic space, 0xFF for full-width forms,
/// 0x20 for general punctuation), the low bytes any. Counting NULs alone
/// fails on Chinese text: 一 (U+4E00) and the ideographic space U+3000
/// put their NUL in the lane where ASCII has its letter. Taken only when
/// the lanes disagree clearly, the bytes decode without a single error and
/// the result reads like a report.
fn decode_bomless_utf16(bytes: &[u8]) -> Option<Decoded> {
    // Most files hold no NUL at all: one fast scan settles them.
    if bytes.len() < 4 || !bytes.len().is_multiple_of(2) || memchr::memchr(0, bytes).is_none() {
        return None;
    }
    let units = bytes.len() / 2;
    let (mut high_even, mut high_odd) = (0usize, 0usize);
    for pair in bytes.chunks_exact(2) {
        high_even += usize::from(is_text_high_byte(pair[0]));
        high_odd += usize::from(is_text_high_byte(pair[1]));
    }
    let share = |n: usize| n as f64 / units as f64;
    let (encoding, label) = if share(high_odd) >= UTF16_HIGH_LANE_SHARE && high_odd > high_even {
        (encoding_rs::UTF_16LE, Encoding::Utf16Le)
    } else if share(high_even) >= UTF16_HIGH_LANE_SHARE && high_even > high_odd {
        (encoding_rs::UTF_16BE, Encoding::Utf16Be)
    } else {
        return None;
    };
    let text = encoding.decode_without_bom_handling_and_without_replacement(bytes)?;
    let total = text.chars().count().max(1);
    let plausible = text.chars().filter(|&c| is_report_char(c)).count();
    if (plausible as f64) < UTF16_PLAUSIBLE_SHARE * total as f64 {
        return None;
    }
    Some(Decoded {
        text: text.into_owned(),
        encoding: label,
    })
}

/// A byte that can be the high byte of a UTF-16 unit of report text.
fn is_text_high_byte(b: u8) -> bool {
    matches!(b, 0x00 | 0x20 | 0x21 | 0x22 | 0x24 | 0x25 | 0x30 | 0x34..=0x4D | 0x4E..=0x9F | 0xFE | 0xFF)
}

/// What report text is made of: Chinese, printable ASCII and layout
/// controls, CJK and general punctuation, full-width forms, circled and
/// Roman numerals.
fn is_report_char(c: char) -> bool {
    crate::text::chars::is_han(c)
        || matches!(c, ' '..='~' | '\n' | '\r' | '\t')
        || matches!(c as u32, 0x2000..=0x206F | 0x2100..=0x24FF | 0x3000..=0x303F | 0xFE30..=0xFE4F | 0xFF00..=0xFFEF | 0xB7 | 0xD7 | 0xF7)
}

/// No BOM, no NUL: UTF-8 if it is (allowing a stray bad byte or a cut-off
/// last character), else what `chardetng` guesses.
fn decode_unmarked(bytes: &[u8]) -> Result<Decoded, LoadError> {
    match std::str::from_utf8(bytes) {
        Ok(text) => {
            return Ok(Decoded {
                text: text.to_owned(),
                encoding: Encoding::Utf8,
            })
        }
        Err(_) => {
            let tolerated =
                (bytes.len() / UTF8_BYTES_PER_TOLERATED_ERROR).max(MIN_UTF8_ERRORS_TOLERATED);
            if utf8_error_count(bytes, tolerated + 1) <= tolerated {
                return Ok(Decoded {
                    text: String::from_utf8_lossy(bytes).into_owned(),
                    encoding: Encoding::Utf8,
                });
            }
        }
    }
    let mut detector = EncodingDetector::new(Iso2022JpDetection::Deny);
    detector.feed(bytes, true);
    let guess = detector.guess(None, Utf8Detection::Deny);
    if guess == encoding_rs::BIG5 {
        return decode_with(encoding_rs::BIG5, bytes, Encoding::Big5);
    }
    if guess == encoding_rs::GBK || guess == encoding_rs::GB18030 {
        return decode_with(encoding_rs::GB18030, bytes, Encoding::Gb18030);
    }
    // chardetng leans to a Western or other CJK encoding when a file holds
    // little Chinese; GB18030 still gets a chance if it decodes cleanly.
    if let Some(text) =
        encoding_rs::GB18030.decode_without_bom_handling_and_without_replacement(bytes)
    {
        return Ok(Decoded {
            text: text.into_owned(),
            encoding: Encoding::Gb18030,
        });
    }
    Err(LoadError::Undecodable(format!(
        "not UTF-8, UTF-16, GB18030 or Big5 text (it looks most like {})",
        guess.name()
    )))
}

/// Number of invalid sequences in `bytes`, counting at most up to `limit`.
fn utf8_error_count(bytes: &[u8], limit: usize) -> usize {
    let mut rest = bytes;
    let mut errors = 0;
    while errors < limit {
        match std::str::from_utf8(rest) {
            Ok(_) => break,
            Err(e) => {
                errors += 1;
                let skip = e.valid_up_to() + e.error_len().unwrap_or(rest.len() - e.valid_up_to());
                rest = &rest[skip.min(rest.len())..];
            }
        }
    }
    errors
}

/// Refuse decoded text that is mostly control characters: a binary file
/// that happened to decode.
fn check_text(text: &str) -> Result<(), LoadError> {
    // Counted on bytes: in UTF-8 the C0 controls and DEL are single bytes
    // and the C1 controls (U+0080–U+009F) are exactly `C2 80`–`C2 9F`.
    let bytes = text.as_bytes();
    // Branch-free, so the count vectorises: this runs over every byte of
    // every file.
    const ALLOWED_C0: u32 =
        1 << b'\t' | 1 << b'\n' | 1 << 0x0B | 1 << 0x0C | 1 << b'\r' | 1 << 0x1B;
    let c0_and_del: usize = bytes
        .iter()
        .map(|&b| {
            let c0 = b < 0x20 && (ALLOWED_C0 >> (b & 0x1F)) & 1 == 0;
            usize::from(c0 | (b == 0x7F))
        })
        .sum();
    let c1 = memchr::memchr_iter(0xC2, bytes)
        .filter(|&i| matches!(bytes.get(i + 1), Some(0x80..=0x9F)))
        .count();
    let control = c0_and_del + c1;
    if control == 0 {
        return Ok(());
    }
    let total = text.chars().count();
    if control > 0 && control as f64 > MAX_CONTROL_SHARE * total as f64 {
        return Err(LoadError::Binary(format!(
            "{control} of {total} characters are control characters"
        )));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn utf16(text: &str, big_endian: bool, bom: bool) -> Vec<u8> {
        let mut out = Vec::new();
        let units = (if bom { "\u{feff}" } else { "" })
            .encode_utf16()
            .chain(text.encode_utf16());
        for u in units {
            if big_endian {
                out.extend_from_slice(&u.to_be_bytes());
            } else {
                out.extend_from_slice(&u.to_le_bytes());
            }
        }
        out
    }

    const SAMPLE: &str = "政府工作报告\n各位代表：\n2024年地区生产总值增长5.2%。\n";

    #[test]
    fn utf8_plain_and_bom() {
        let d = decode(SAMPLE.as_bytes()).unwrap();
        assert_eq!((d.text.as_str(), d.encoding), (SAMPLE, Encoding::Utf8));
        let mut bom = b"\xEF\xBB\xBF".to_vec();
        bom.extend_from_slice(SAMPLE.as_bytes());
        let d = decode(&bom).unwrap();
        assert_eq!((d.text.as_str(), d.encoding), (SAMPLE, Encoding::Utf8Bom));
    }

    #[test]
    fn utf16_all_forms() {
        for (be, bom, enc) in [
            (false, true, Encoding::Utf16Le),
            (true, true, Encoding::Utf16Be),
            (false, false, Encoding::Utf16Le),
            (true, false, Encoding::Utf16Be),
        ] {
            let d = decode(&utf16(SAMPLE, be, bom)).unwrap();
            assert_eq!(
                (d.text.as_str(), d.encoding),
                (SAMPLE, enc),
                "be={be} bom={bom}"
            );
        }
    }

    #[test]
    fn gb18030_and_big5() {
        let (gb, _, _) = encoding_rs::GB18030.encode(SAMPLE);
        let d = decode(&gb).unwrap();
        assert_eq!((d.text.as_str(), d.encoding), (SAMPLE, Encoding::Gb18030));
        let traditional = "各位代表：我們第一屆全國人民代表大會第一次會議，在聽了劉少奇同志關於憲法草案的報告並進行了三天的討論以後，已經光榮地完成了一件歷史性的工作。\n";
        let (big5, _, _) = encoding_rs::BIG5.encode(traditional);
        let d = decode(&big5).unwrap();
        assert_eq!((d.text.as_str(), d.encoding), (traditional, Encoding::Big5));
    }

    #[test]
    fn utf8_with_cut_off_end_is_still_utf8() {
        let mut bytes = SAMPLE.repeat(20).into_bytes();
        bytes.extend_from_slice(&"报".as_bytes()[..2]);
        let d = decode(&bytes).unwrap();
        assert_eq!(d.encoding, Encoding::Utf8);
        assert!(d.text.ends_with('\u{FFFD}'));
    }

    #[test]
    fn refusals_say_why() {
        assert_eq!(decode(b""), Err(LoadError::Empty));
        let Err(LoadError::Binary(why)) = decode(b"PK\x03\x04\x14\x00\x00\x00\x08\x00") else {
            panic!("zip header is binary")
        };
        assert!(why.contains("NUL"), "{why}");
        let Err(LoadError::Binary(why)) = decode(&[1, 2, 3, 4, 5, 6, 7, 8, b'a']) else {
            panic!("control bytes are binary")
        };
        assert!(why.contains("control"), "{why}");
        let Err(LoadError::Undecodable(why)) = decode(&[0xFF; 64]) else {
            panic!("0xFF bytes are undecodable")
        };
        assert!(why.contains("not"), "{why}");
    }
}
