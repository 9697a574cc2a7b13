//! The PDF stage: bytes → pages of positioned glyphs and ruling segments.
//!
//! Interpretation is delegated to `hayro-interpret` (pure Rust, no unsafe),
//! chosen over `pdf-extract` because it decodes the CID fonts Chinese
//! government PDFs use and never panicked on mutated inputs; see
//! `docs/pdf-stage.md` for the measurements. This module adds what a text
//! extractor needs on top: Unicode decoding fallbacks ([`decode`]),
//! normalisation, ruling-line capture, fake-bold removal and classified
//! errors. Nothing here panics on hostile bytes: every page is interpreted
//! inside `catch_unwind` so that a library panic becomes an error value.

mod decode;
mod dedup;
mod device;
mod limits;
mod normalise;
mod page;
mod rules;

pub use limits::PdfLimits;
pub use normalise::normalise_text;
pub use page::{Glyph, Page, Rule};

use crate::error::{ErrorClass, ReadError};
use decode::Decoder;
use device::{Collector, UNDECODABLE};
use hayro_interpret::kurbo::{Affine, Rect};
use hayro_interpret::{Context, InterpreterCache, InterpreterSettings, RenderContent};
use hayro_syntax::{DecryptionError, LoadPdfError, Pdf};
use std::panic::{AssertUnwindSafe, catch_unwind};

/// How far into the file the `%PDF-` header may start (Acrobat allows junk
/// before it, and so do we).
const HEADER_WINDOW: usize = 1024;

/// Reads every page of a PDF into glyphs and rules.
///
/// Encrypted files with an empty user password (owner-password-only, RC4 or
/// AES) are decrypted transparently; other failures come back classified:
/// `NotPdf`, `Encrypted` (user password needed), `Corrupt`, `TooLarge`
/// (over `limits`), `NoTextLayer` (pages draw images but no glyphs at all)
/// and `Internal` (the interpreter panicked).
pub fn read_pages(bytes: &[u8], limits: &PdfLimits) -> Result<Vec<Page>, ReadError> {
    if bytes.len() > limits.max_bytes {
        return Err(ReadError::new(
            ErrorClass::TooLarge,
            format!(
                "file is {} bytes, over the limit of {}",
                bytes.len(),
                limits.max_bytes
            ),
        ));
    }
    let window = bytes.get(..HEADER_WINDOW).unwrap_or(bytes);
    if !window.windows(5).any(|w| w == b"%PDF-") {
        return Err(ReadError::new(
            ErrorClass::NotPdf,
            "no %PDF- header in the first 1024 bytes",
        ));
    }
    let data = bytes.to_vec();
    let pdf = catch_unwind(move || Pdf::new(data))
        .map_err(|_| ReadError::new(ErrorClass::Internal, "PDF parser panicked"))?
        .map_err(load_error)?;
    let pages = pdf.pages();
    if pages.is_empty() {
        return Err(ReadError::new(ErrorClass::Corrupt, "no pages found"));
    }
    if pages.len() > limits.max_pages {
        return Err(ReadError::new(
            ErrorClass::TooLarge,
            format!(
                "{} pages, over the limit of {}",
                pages.len(),
                limits.max_pages
            ),
        ));
    }

    let cache = InterpreterCache::new();
    let settings = InterpreterSettings {
        render_content: RenderContent::PAGE,
        ..InterpreterSettings::default()
    };
    let mut decoder = Decoder::default();
    let mut out = Vec::with_capacity(pages.len());
    for (index, page) in pages.iter().enumerate() {
        let number = u32::try_from(index + 1).unwrap_or(u32::MAX);
        decoder.register(page.resources());
        let (width, height) = page.render_dimensions();
        let initial = Affine::new(page.initial_transform(true).as_coeffs());
        let bbox = Rect::new(0.0, 0.0, f64::from(width), f64::from(height));
        let mut collector = Collector::new(
            &mut decoder,
            (width, height),
            limits.max_glyphs_per_page,
            limits.max_rules_per_page,
        );
        let run = catch_unwind(AssertUnwindSafe(|| {
            let mut context = Context::new(initial, bbox, &cache, pdf.xref(), settings.clone());
            hayro_interpret::interpret_page(page, &mut context, &mut collector);
        }));
        if run.is_err() {
            return Err(ReadError::new(
                ErrorClass::Internal,
                format!("PDF interpreter panicked on page {number}"),
            ));
        }
        if collector.overflow {
            return Err(ReadError::new(
                ErrorClass::TooLarge,
                format!(
                    "page {number} has more than {} glyphs or {} rules",
                    limits.max_glyphs_per_page, limits.max_rules_per_page
                ),
            ));
        }
        let glyphs = dedup::remove_fake_bold(collector.glyphs);
        let undecodable = glyphs.iter().filter(|g| g.text == UNDECODABLE).count();
        out.push(Page {
            number,
            width,
            height,
            glyphs,
            rules: collector.rules,
            undecodable,
            has_images: collector.has_images,
        });
    }

    let no_glyphs = out.iter().all(|p| p.glyphs.is_empty());
    if no_glyphs && out.iter().any(|p| p.has_images) {
        return Err(ReadError::new(
            ErrorClass::NoTextLayer,
            "no text layer, OCR needed",
        ));
    }
    Ok(out)
}

/// Classifies hayro's load failure.
fn load_error(error: LoadPdfError) -> ReadError {
    match error {
        LoadPdfError::Decryption(DecryptionError::PasswordProtected) => ReadError::new(
            ErrorClass::Encrypted,
            "encrypted with a user password; cannot open without it",
        ),
        LoadPdfError::Decryption(DecryptionError::UnsupportedAlgorithm) => ReadError::new(
            ErrorClass::Encrypted,
            "encrypted with an unsupported algorithm",
        ),
        LoadPdfError::Decryption(other) => ReadError::new(
            ErrorClass::Corrupt,
            format!("broken encryption dictionary ({other:?})"),
        ),
        LoadPdfError::Invalid => ReadError::new(
            ErrorClass::Corrupt,
            "not a readable PDF (no usable cross-reference table or page tree)",
        ),
    }
}
