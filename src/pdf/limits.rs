//! Resource limits for reading untrusted PDFs.

/// Upper bounds that keep one hostile or broken file from exhausting memory
/// or time in a corpus run; exceeding any gives `ErrorClass::TooLarge`.
#[derive(Debug, Clone, PartialEq)]
pub struct PdfLimits {
    /// Largest input accepted, in bytes.
    pub max_bytes: usize,
    /// Most pages read from one document.
    pub max_pages: usize,
    /// Most glyphs kept on one page (a table page has a few thousand).
    pub max_glyphs_per_page: usize,
    /// Most ruling segments kept on one page.
    pub max_rules_per_page: usize,
}

impl Default for PdfLimits {
    /// Generous for real reports (the largest seen has 35 pages and about
    /// 3,000 glyphs a page) while still bounding a corpus run.
    fn default() -> Self {
        PdfLimits {
            max_bytes: 256 * 1024 * 1024,
            max_pages: 2_000,
            max_glyphs_per_page: 200_000,
            max_rules_per_page: 100_000,
        }
    }
}
