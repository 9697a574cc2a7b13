//! Errors as values with a class, printed once at the edge (the CLI).
//!
//! The classes are the ones a corpus run reports in `errors.jsonl`, so a user
//! can count and filter failures without parsing messages.

use serde::{Deserialize, Serialize};
use std::fmt;

/// Why a file could not be read, as a stable machine-readable class.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ErrorClass {
    /// Not a PDF and not a text report (binary data, an HTML page, an image).
    NotPdf,
    /// Needs a user password we do not have.
    Encrypted,
    /// Damaged beyond what repair can read.
    Corrupt,
    /// A PDF whose pages carry no text layer (scans): OCR needed.
    NoTextLayer,
    /// Readable, but nothing in it looks like a budget or final-accounts report.
    UnrecognisedLayout,
    /// Over a size, page or resource limit.
    TooLarge,
    /// Over the time limit.
    Timeout,
    /// A fault of ours (a caught panic, an I/O failure writing output).
    Internal,
}

impl ErrorClass {
    /// The snake_case name used in JSON outputs and messages.
    pub fn as_str(&self) -> &'static str {
        match self {
            ErrorClass::NotPdf => "not_pdf",
            ErrorClass::Encrypted => "encrypted",
            ErrorClass::Corrupt => "corrupt",
            ErrorClass::NoTextLayer => "no_text_layer",
            ErrorClass::UnrecognisedLayout => "unrecognised_layout",
            ErrorClass::TooLarge => "too_large",
            ErrorClass::Timeout => "timeout",
            ErrorClass::Internal => "internal",
        }
    }
}

/// A failure to read one input, with a message a user understands.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ReadError {
    /// The class, for counting and filtering.
    pub class: ErrorClass,
    /// What went wrong, in words.
    pub message: String,
}

impl ReadError {
    /// Builds an error of a class with a message.
    pub fn new(class: ErrorClass, message: impl Into<String>) -> Self {
        ReadError {
            class,
            message: message.into(),
        }
    }
}

impl fmt::Display for ReadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.class.as_str(), self.message)
    }
}

impl std::error::Error for ReadError {}
