//! Bytes → text: BOM sniffing, UTF-8, UTF-16, GB18030 detection.

use super::LoadError;
use crate::report::Encoding;

/// Decoded text of a file and the encoding it was found in.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Decoded {
    pub text: String,
    pub encoding: Encoding,
}

/// Decode a report file. (Placeholder: UTF-8 or GB18030 only.)
pub fn decode(bytes: &[u8]) -> Result<Decoded, LoadError> {
    if bytes.is_empty() {
        return Err(LoadError::Empty);
    }
    match std::str::from_utf8(bytes) {
        Ok(s) => Ok(Decoded {
            text: s.to_string(),
            encoding: Encoding::Utf8,
        }),
        Err(_) => {
            let (text, _, _) = encoding_rs::GB18030.decode(bytes);
            Ok(Decoded {
                text: text.into_owned(),
                encoding: Encoding::Gb18030,
            })
        }
    }
}
