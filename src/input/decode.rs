//! Text encodings of text reports: UTF-8 (with or without BOM) and GBK/GB18030,
//! the encodings Chinese government text exports use.

use crate::error::{ErrorClass, ReadError};
use encoding_rs::{GB18030, UTF_8};

/// The encoding a text input was found in, reported in the output's provenance.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
pub enum TextEncoding {
    /// UTF-8, with or without a byte-order mark.
    Utf8,
    /// GBK or its superset GB18030.
    Gb18030,
}

/// Decodes text bytes. Bytes that are neither valid UTF-8 nor GB18030 text
/// with Chinese in it are rejected: guessing would silently garble numbers.
pub fn decode_text(bytes: &[u8]) -> Result<(String, TextEncoding), ReadError> {
    if bytes.contains(&0) {
        return Err(ReadError::new(
            ErrorClass::NotPdf,
            "binary data: neither a PDF nor a UTF-8/GBK text report",
        ));
    }
    let (text, _, had_errors) = UTF_8.decode(bytes);
    if !had_errors {
        return Ok((text.into_owned(), TextEncoding::Utf8));
    }
    let (text, _, had_errors) = GB18030.decode(bytes);
    let has_han = text.chars().any(|c| ('\u{4E00}'..='\u{9FFF}').contains(&c));
    if !had_errors && has_han {
        return Ok((text.into_owned(), TextEncoding::Gb18030));
    }
    Err(ReadError::new(
        ErrorClass::NotPdf,
        "text in an unknown encoding: neither UTF-8 nor GBK/GB18030",
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decodes_utf8_with_bom() {
        let (t, e) = decode_text("\u{FEFF}收入决算表".as_bytes()).unwrap();
        assert_eq!(t, "收入决算表");
        assert_eq!(e, TextEncoding::Utf8);
    }

    #[test]
    fn decodes_gbk() {
        let (bytes, _, _) = encoding_rs::GBK.encode("2022 年度收入决算表");
        let (t, e) = decode_text(&bytes).unwrap();
        assert_eq!(t, "2022 年度收入决算表");
        assert_eq!(e, TextEncoding::Gb18030);
    }

    #[test]
    fn rejects_binary_and_unknown_encodings() {
        assert_eq!(
            decode_text(&[0x89, b'P', b'N', b'G', 0, 1])
                .unwrap_err()
                .class,
            ErrorClass::NotPdf
        );
        assert!(decode_text(&[0x81, 0x20, 0x81, 0x20, 0xff]).is_err());
    }
}
