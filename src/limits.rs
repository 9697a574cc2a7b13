//! The resource limits of one read, under the name the CLI and batch use.
//!
//! They are the PDF stage's [`PdfLimits`](crate::pdf::PdfLimits) (most bounds
//! concern PDFs); text reports are bounded by `max_bytes` and the time limit.

pub use crate::pdf::PdfLimits as Limits;
