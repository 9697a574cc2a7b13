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

mod bounded_decode;
mod clip;
mod cmap_warmup;
mod contents;
mod cover;
mod damage;
mod decode;
mod dedup;
mod device;
mod font_dicts;
mod font_walk;
mod hidden;
mod limits;
mod normalise;
mod page;
mod prescan;
mod programs;
mod raw_dict;
mod rules;
#[cfg(test)]
pub(crate) mod test_pdf;
mod update;

pub use hidden::{HiddenText, Hiding};
pub use limits::PdfLimits;
pub use normalise::normalise_text;
pub use page::{Glyph, GlyphText, Page, Rule};

use crate::error::{ErrorClass, ReadError};
use decode::Decoder;
use device::{Budget, Collector, Stop, UNDECODABLE};
use hayro_interpret::kurbo::{Affine, Rect};
use hayro_interpret::{Context, InterpreterCache, InterpreterSettings, RenderContent};
use hayro_syntax::content::TypedIter;
use hayro_syntax::object::{ObjectIdentifier, Stream};
use hayro_syntax::{DecryptionError, LoadPdfError, Pdf};
use prescan::{Scan, prescan};
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::time::Instant;

/// How far into the file the `%PDF-` header may start (Acrobat allows junk
/// before it, and so do we).
const HEADER_WINDOW: usize = 1024;

/// A PDF read into pages, with notes on damage that was repaired.
#[derive(Debug, Clone, PartialEq)]
pub struct PdfDocument {
    /// The pages, in order.
    pub pages: Vec<Page>,
    /// What was wrong with the file and repaired (a rebuilt cross-reference
    /// table, wrong stream lengths): the pipeline turns these into report
    /// warnings, since a repaired file may have lost content.
    pub repairs: Vec<String>,
}

/// Reads every page of a PDF into glyphs and rules; see [`read_document`].
pub fn read_pages(bytes: &[u8], limits: &PdfLimits) -> Result<Vec<Page>, ReadError> {
    read_document(bytes, limits).map(|d| d.pages)
}

/// Reads every page of a PDF into glyphs and rules, noting repairs.
///
/// Encrypted files with an empty user password (owner-password-only, RC4 or
/// AES) are decrypted transparently; a damaged cross-reference table or a
/// wrong `/Length` is repaired by hayro (it rebuilds the table by scanning
/// for objects). Other failures come back classified: `NotPdf`, `Encrypted`
/// (user password needed), `Corrupt`, `TooLarge` (over one of `limits`),
/// `Timeout` (over `limits.time_limit`), `NoTextLayer` (pages draw images
/// but no glyphs at all) and `Internal` (the interpreter panicked).
pub fn read_document(bytes: &[u8], limits: &PdfLimits) -> Result<PdfDocument, ReadError> {
    read_with(bytes, limits, true, |doc, _| doc).0
}

/// The parsed file and the interpreter's cache (fonts, CMaps, objects) of
/// a read, kept for drawing the report's crops once it is read: the fonts
/// the text stage loaded are not loaded (and inflated) again, which on
/// files with whole embedded CJK fonts was a third of a crop's cost.
pub struct Drawing<'a> {
    /// The file as hayro parsed it.
    pub pdf: &'a Pdf,
    /// The text stage's cache (a clone shares its contents).
    pub cache: InterpreterCache<'a>,
}

/// [`read_document`], then `then` with its result and, when the file was
/// read, the [`Drawing`] it leaves (alive only during `then`).
pub fn read_document_then<R>(
    bytes: &[u8],
    limits: &PdfLimits,
    then: impl FnOnce(Result<PdfDocument, ReadError>, Option<Drawing<'_>>) -> R,
) -> R {
    read_with(bytes, limits, true, then).0
}

/// What a read handed on to hayro already inflated by the pre-scan.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
struct HandedOn {
    /// Pages read from handed-on content.
    pages: usize,
    /// Font programs appended to hayro's copy of the file (programs.rs).
    programs: usize,
    /// Font dictionaries shortened in hayro's copy (font_dicts.rs).
    fonts: usize,
}

/// [`read_document_then`], handing the pre-scan's inflated content streams
/// and font programs on to the interpreter or not (the tests compare
/// both); also returns what was handed on. Opening and reading run
/// under `catch_unwind` (pages again under their own, below): a panic of
/// hayro (page tree, resources, decryption) must not reach a user.
fn read_with<R>(
    bytes: &[u8],
    limits: &PdfLimits,
    hand_on: bool,
    then: impl FnOnce(Result<PdfDocument, ReadError>, Option<Drawing<'_>>) -> R,
) -> (R, HandedOn) {
    let panicked = || ReadError::new(ErrorClass::Internal, "PDF parser panicked");
    let deadline = limits.time_limit.map(|t| Instant::now() + t);
    let opened = catch_unwind(AssertUnwindSafe(|| open(bytes, limits, deadline, hand_on)))
        .unwrap_or_else(|_| Err(panicked()));
    let (pdf, scan, mut handed) = match opened {
        Ok(opened) => opened,
        Err(e) => return (then(Err(e), None), HandedOn::default()),
    };
    let cache = InterpreterCache::new();
    let kept = if hand_on {
        scan.kept
    } else {
        contents::KeptStreams::default()
    };
    let read = catch_unwind(AssertUnwindSafe(|| {
        let pages = read_pages_of(
            &pdf,
            &cache,
            kept,
            bytes,
            limits,
            deadline,
            &mut handed.pages,
        )?;
        Ok(PdfDocument {
            pages,
            repairs: damage::damage_notes(bytes, scan.wrong_lengths),
        })
    }))
    .unwrap_or_else(|_| Err(panicked()));
    let drawing = read.is_ok().then(|| Drawing {
        pdf: &pdf,
        cache: cache.clone(),
    });
    (then(read, drawing), handed)
}

/// Checks the file against the limits and opens it: the parsed file and
/// the pre-scan's findings. With `hand_on`, hayro's copy of the file
/// carries the font programs the pre-scan inflated (see programs.rs) and
/// short font dictionaries (see font_dicts.rs), and how many of each comes
/// back too.
fn open(
    bytes: &[u8],
    limits: &PdfLimits,
    deadline: Option<Instant>,
    hand_on: bool,
) -> Result<(Pdf, Scan, HandedOn), ReadError> {
    limits.check_size(bytes.len())?;
    let window = bytes.get(..HEADER_WINDOW).unwrap_or(bytes);
    if !window.windows(5).any(|w| w == b"%PDF-") {
        return Err(ReadError::new(
            ErrorClass::NotPdf,
            "no %PDF- header in the first 1024 bytes",
        ));
    }
    // A predefined CMap, if the file names one, unpacks while the file is
    // pre-scanned and parsed (see cmap_warmup.rs).
    cmap_warmup::start_if_named(bytes);
    let mut scan = prescan(bytes, limits)?;
    check_time(deadline, "checking stream sizes")?;
    let programs = std::mem::take(&mut scan.programs);
    let (data, handed) = if hand_on {
        programs::with_programs(bytes, programs, &scan.repeated)
    } else {
        (bytes.to_vec(), 0)
    };
    let pdf = catch_unwind(move || Pdf::new(data))
        .map_err(|_| ReadError::new(ErrorClass::Internal, "PDF parser panicked"))?
        .map_err(load_error)?;
    if pdf.len() > limits.max_objects {
        return Err(ReadError::new(
            ErrorClass::TooLarge,
            format!(
                "{} objects, over the limit of {}",
                pdf.len(),
                limits.max_objects
            ),
        ));
    }
    measure_decrypted(&pdf, &scan, limits)?;
    let (pdf, fonts) = if hand_on && !scan.encrypted && damage::xref_is_sound(bytes) {
        with_short_fonts(pdf)
    } else {
        (pdf, 0)
    };
    check_time(deadline, "loading the document")?;
    let handed = HandedOn {
        pages: 0,
        programs: handed,
        fonts,
    };
    Ok((pdf, scan, handed))
}

/// `pdf` opened again with its long font dictionaries shortened (see
/// font_dicts.rs), and how many; `pdf` itself and 0 when none is, or when
/// the new copy does not open to as many pages.
fn with_short_fonts(pdf: Pdf) -> (Pdf, usize) {
    let short = catch_unwind(AssertUnwindSafe(|| {
        font_dicts::with_short_fonts(&pdf, pdf.data().as_ref())
    }));
    let Ok(Some((data, fonts))) = short else {
        return (pdf, 0);
    };
    match catch_unwind(move || Pdf::new(data)) {
        Ok(Ok(short)) if short.pages().len() == pdf.pages().len() => (short, fonts),
        _ => (pdf, 0),
    }
}

/// Reads every page of an opened file with `cache`; `kept` holds the
/// content streams the pre-scan inflated (see contents.rs).
fn read_pages_of<'a>(
    pdf: &'a Pdf,
    cache: &InterpreterCache<'a>,
    mut kept: contents::KeptStreams,
    bytes: &[u8],
    limits: &PdfLimits,
    deadline: Option<Instant>,
    handed: &mut usize,
) -> Result<Vec<Page>, ReadError> {
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

    let settings = InterpreterSettings {
        render_content: RenderContent::PAGE,
        ..InterpreterSettings::default()
    };
    let budget = Budget {
        max_glyphs: limits.max_glyphs_per_page,
        max_rules: limits.max_rules_per_page,
        max_operations: limits.max_operations_per_page,
        deadline,
    };
    let mut decoder = Decoder::default();
    let mut out = Vec::with_capacity(pages.len());
    // A page's glyph list starts with room for as many glyphs as the page
    // before drew: a report's pages are alike, and growing the list from
    // empty copied it over and over (most of the collector's own time
    // after decoding text). Bounded by the per-page glyph limit.
    let mut glyph_room = 0;
    for (index, page) in pages.iter().enumerate() {
        let number = u32::try_from(index + 1).unwrap_or(u32::MAX);
        check_time(deadline, &format!("before page {number}"))?;
        decoder.register(page.resources());
        let (width, height) = page.render_dimensions();
        let initial = Affine::new(page.initial_transform(true).as_coeffs());
        let bbox = Rect::new(0.0, 0.0, f64::from(width), f64::from(height));
        // The content the pre-scan already inflated, when it can stand in
        // for hayro's own decoding (see contents.rs).
        let content = contents::page_content(page, &mut kept, bytes);
        *handed += usize::from(content.is_some());
        let mut collector = Collector::new(&mut decoder, (width, height), budget);
        collector
            .glyphs
            .reserve(glyph_room.min(limits.max_glyphs_per_page));
        let run = catch_unwind(AssertUnwindSafe(|| {
            let mut context = Context::new(initial, bbox, cache, pdf.xref(), settings.clone());
            match &content {
                Some(data) => hayro_interpret::interpret(
                    TypedIter::new(data),
                    page.resources(),
                    &mut context,
                    &mut collector,
                ),
                None => hayro_interpret::interpret_page(page, &mut context, &mut collector),
            }
        }));
        if let Some(stop) = collector.stopped {
            return Err(stop_error(stop, number, limits));
        }
        if run.is_err() {
            return Err(ReadError::new(
                ErrorClass::Internal,
                format!("PDF interpreter panicked on page {number}"),
            ));
        }
        glyph_room = collector.glyphs.len();
        let shown = collector.shown_glyphs();
        let hidden = hidden::runs(number, std::mem::take(&mut collector.hidden), &shown);
        let glyphs = dedup::remove_fake_bold(shown);
        let undecodable = glyphs.iter().filter(|g| g.text == UNDECODABLE).count();
        out.push(Page {
            number,
            width,
            height,
            glyphs,
            rules: collector.rules,
            undecodable,
            has_images: collector.has_images,
            hidden,
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

/// `Timeout` once the deadline has passed.
fn check_time(deadline: Option<Instant>, stage: &str) -> Result<(), ReadError> {
    match deadline {
        Some(d) if Instant::now() >= d => Err(ReadError::new(
            ErrorClass::Timeout,
            format!("over the time limit ({stage})"),
        )),
        _ => Ok(()),
    }
}

/// The error for a page abandoned by its [`Collector`].
fn stop_error(stop: Stop, page: u32, limits: &PdfLimits) -> ReadError {
    let (class, what) = match stop {
        Stop::Glyphs => (
            ErrorClass::TooLarge,
            format!("more than {} glyphs", limits.max_glyphs_per_page),
        ),
        Stop::Rules => (
            ErrorClass::TooLarge,
            format!("more than {} ruling segments", limits.max_rules_per_page),
        ),
        Stop::Operations => (
            ErrorClass::TooLarge,
            format!(
                "more than {} drawing operations (Form XObjects drawn many times over?)",
                limits.max_operations_per_page
            ),
        ),
        Stop::Deadline => (ErrorClass::Timeout, "over the time limit".to_string()),
    };
    ReadError::new(class, format!("page {page}: {what}"))
}

/// Measures the streams of an encrypted file after decryption, which the
/// pre-scan could not (it saw ciphertext). Streams inside object streams
/// are not reached, and an object stream hayro decodes while opening the
/// file is decoded before this check (see docs/pdf-stage.md, Known limits).
fn measure_decrypted(pdf: &Pdf, scan: &Scan, limits: &PdfLimits) -> Result<(), ReadError> {
    let mut total = scan.decoded;
    for s in &scan.encrypted_streams {
        let id = ObjectIdentifier::new(s.id.0, s.id.1);
        let Some(stream) = pdf.xref().get::<Stream<'_>>(id) else {
            continue;
        };
        let raw = stream.raw_data();
        let cap = limits
            .max_stream_bytes
            .min(limits.max_decoded_bytes.saturating_sub(total));
        match bounded_decode::measure(&raw, &s.filters, cap) {
            bounded_decode::Measured::Bytes(n) => total = total.saturating_add(n),
            bounded_decode::Measured::Over => {
                let seen = Scan {
                    decoded: total,
                    ..Scan::default()
                };
                return Err(prescan::over(limits, &seen, 0));
            }
        }
    }
    Ok(())
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
