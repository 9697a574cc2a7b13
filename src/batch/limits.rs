//! The per-file limits of a corpus run: a file over any of them is stopped
//! and reported (`too_large` or `timeout`), never waited on.

use crate::pdf::PdfLimits;
use std::time::Duration;

/// Size, page and time limits for one file.
#[derive(Debug, Clone, PartialEq)]
pub struct FileLimits {
    /// Largest file read, in bytes (checked before reading).
    pub max_bytes: u64,
    /// Most pages of one PDF.
    pub max_pages: usize,
    /// Longest time one file may take in a worker.
    pub timeout: Duration,
    /// The PDF stage's other bounds (streams, nesting, objects, glyphs…);
    /// its size and page limits are taken from the fields above.
    pub pdf_bounds: PdfLimits,
}

impl Default for FileLimits {
    /// Real reports are under 10 MB, 100 pages and a second each; the
    /// defaults leave a wide margin while keeping a hostile file from
    /// holding a worker for long.
    fn default() -> Self {
        FileLimits {
            max_bytes: 100 * 1024 * 1024,
            max_pages: 1_000,
            timeout: Duration::from_secs(60),
            pdf_bounds: PdfLimits::default(),
        }
    }
}

impl FileLimits {
    /// The PDF stage's limits under these.
    pub fn pdf(&self) -> PdfLimits {
        PdfLimits {
            max_bytes: usize::try_from(self.max_bytes).unwrap_or(usize::MAX),
            max_pages: self.max_pages,
            ..self.pdf_bounds.clone()
        }
    }
}
