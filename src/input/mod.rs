//! Detecting what a file is and turning it into [`Line`]s.
//!
//! PDFs go through the PDF and layout stages; text reports are decoded and
//! split here. Both leave this module as the same `Vec<Line>`.

pub mod decode;
pub mod text_lines;

use crate::error::{ErrorClass, ReadError};
use crate::lines::Line;
pub use decode::TextEncoding;

/// What kind of input a file is, by content, not by extension.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum InputKind {
    /// A PDF (starts with `%PDF-` within its first kilobyte).
    Pdf,
    /// A text report.
    Text,
}

/// Sniffs the kind: `%PDF-` near the start means PDF; anything else is tried as text.
pub fn sniff(bytes: &[u8]) -> InputKind {
    let head = bytes.get(..1024).unwrap_or(bytes);
    if head.windows(5).any(|w| w == b"%PDF-") {
        InputKind::Pdf
    } else {
        InputKind::Text
    }
}

/// Decodes a text report into lines; the encoding is returned for provenance.
pub fn text_report_lines(bytes: &[u8]) -> Result<(Vec<Line>, TextEncoding), ReadError> {
    if bytes.is_empty() {
        return Err(ReadError::new(ErrorClass::NotPdf, "empty file"));
    }
    let (text, encoding) = decode::decode_text(bytes)?;
    Ok((text_lines::text_to_lines(&text), encoding))
}
