//! Text encodings of text reports: UTF-8 (with or without BOM) and GBK/GB18030,
//! the encodings Chinese government text exports use.

use crate::error::{ErrorClass, ReadError};
use encoding_rs::{Encoding, GB18030, UTF_8};
use std::borrow::Cow;

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
    if let Some(text) = as_utf8(bytes) {
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

/// The text of `bytes` when they are UTF-8: what `UTF_8.decode` gives when
/// it finds no error (a byte-order mark sniffed and removed). Without a
/// byte-order mark, as most text reports are, a validation that stops at
/// the first invalid byte decides it: decoding went through a GBK report
/// in full, writing a replacement for every invalid sequence, before the
/// GB18030 decoder read it again.
fn as_utf8(bytes: &[u8]) -> Option<Cow<'_, str>> {
    if Encoding::for_bom(bytes).is_none() {
        return std::str::from_utf8(bytes).ok().map(Cow::Borrowed);
    }
    let (text, _, had_errors) = UTF_8.decode(bytes);
    (!had_errors).then_some(text)
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

    proptest::proptest! {
        /// `as_utf8` agrees with `UTF_8.decode` (text when it finds no
        /// error, nothing otherwise) on valid UTF-8, GBK-encoded text and
        /// arbitrary bytes, each with and without a UTF-8 or UTF-16
        /// byte-order mark.
        #[test]
        fn as_utf8_is_utf8_decoding_without_errors(
            text in "[a-z0-9 ,.\u{4e00}-\u{4e20}\u{3000}]{0,40}",
            noise in proptest::collection::vec(proptest::prelude::any::<u8>(), 0..40),
            kind in 0usize..3,
            bom in 0usize..4,
        ) {
            let body: Vec<u8> = match kind {
                0 => text.as_bytes().to_vec(),
                1 => encoding_rs::GBK.encode(&text).0.into_owned(),
                _ => noise,
            };
            let boms: [&[u8]; 4] = [b"", b"\xEF\xBB\xBF", b"\xFF\xFE", b"\xFE\xFF"];
            let bytes = [boms[bom], &body].concat();
            let (decoded, _, had_errors) = UTF_8.decode(&bytes);
            let expected = (!had_errors).then_some(decoded);
            proptest::prop_assert_eq!(as_utf8(&bytes), expected);
        }
    }
}
