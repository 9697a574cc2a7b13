//! Resource limits for reading untrusted input.
//!
//! Harvested files come from thousands of servers and a corpus run reads them
//! unattended, so every resource a file controls has a bound here: its size,
//! the decoded size of its streams, its object count and nesting depth, its
//! page count, the glyphs, rules and drawing operations of one page, and the
//! time spent on it. Going over a bound gives `ErrorClass::TooLarge` (or
//! `Timeout` for time) with a message naming the bound, never a crash.

use crate::error::{ErrorClass, ReadError};
use std::time::Duration;

/// Upper bounds that keep one hostile or broken file from exhausting memory
/// or time in a corpus run. `Default` is generous for real reports; the CLI
/// sets fields from flags (see `crate::limits_args::LimitsArgs`).
#[derive(Debug, Clone, PartialEq)]
pub struct PdfLimits {
    /// Largest input accepted, in bytes (PDF or text).
    pub max_bytes: usize,
    /// Most pages read from one document.
    pub max_pages: usize,
    /// Most glyphs kept on one page (a table page has a few thousand).
    pub max_glyphs_per_page: usize,
    /// Most ruling segments kept on one page.
    pub max_rules_per_page: usize,
    /// Most drawing operations (glyph runs, paths, clips, images, Form
    /// XObject entries) interpreted on one page: bounds Form XObjects that
    /// draw each other many times over (hayro bounds their depth at 50, not
    /// their fan-out).
    pub max_operations_per_page: usize,
    /// Largest decoded size of one stream (after Flate, LZW, ASCII85,
    /// ASCIIHex and RunLength filters): a decompression bomb stops here.
    pub max_stream_bytes: u64,
    /// Largest decoded size of all streams of a file together.
    pub max_decoded_bytes: u64,
    /// Most objects in the cross-reference table.
    pub max_objects: usize,
    /// Deepest nesting of arrays and dictionaries outside streams.
    pub max_nesting: usize,
    /// Time allowed for one file, checked between stages and pages and while
    /// a page is drawn (cooperative: a worker process with a kill on timeout
    /// is still the hard bound). `None` means no limit.
    pub time_limit: Option<Duration>,
}

impl Default for PdfLimits {
    /// Generous for real reports (the largest seen has 35 pages, about 3,000
    /// glyphs a page, a few thousand objects and embedded CJK fonts of up to
    /// about 20 MB decoded) while still bounding a corpus run.
    fn default() -> Self {
        PdfLimits {
            max_bytes: 256 * 1024 * 1024,
            max_pages: 2_000,
            max_glyphs_per_page: 200_000,
            max_rules_per_page: 100_000,
            max_operations_per_page: 2_000_000,
            max_stream_bytes: 128 * 1024 * 1024,
            max_decoded_bytes: 1024 * 1024 * 1024,
            max_objects: 1_000_000,
            max_nesting: 256,
            time_limit: Some(Duration::from_secs(120)),
        }
    }
}

impl PdfLimits {
    /// `TooLarge` when an input of `len` bytes is over `max_bytes`.
    pub fn check_size(&self, len: usize) -> Result<(), ReadError> {
        if len > self.max_bytes {
            return Err(ReadError::new(
                ErrorClass::TooLarge,
                format!("file is {len} bytes, over the limit of {}", self.max_bytes),
            ));
        }
        Ok(())
    }

    /// Small limits for fuzzing and property tests: every input finishes in
    /// well under a second and a few hundred MiB, so a slow or large case is
    /// reported as a bound being hit rather than as a fuzzer timeout.
    pub fn for_fuzzing() -> Self {
        PdfLimits {
            max_bytes: 4 * 1024 * 1024,
            max_pages: 50,
            max_glyphs_per_page: 20_000,
            max_rules_per_page: 20_000,
            max_operations_per_page: 100_000,
            max_stream_bytes: 16 * 1024 * 1024,
            max_decoded_bytes: 64 * 1024 * 1024,
            max_objects: 100_000,
            max_nesting: 256,
            time_limit: Some(Duration::from_secs(5)),
        }
    }
}
