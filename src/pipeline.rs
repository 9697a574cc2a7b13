//! The pipeline as one call: a file's bytes to a normalised report.

use crate::error::{ErrorClass, ReadError};
use crate::grammar::parse_document;
use crate::input::{InputKind, sniff, text_report_lines};
use crate::lines::Line;
use crate::normalise::{Report, SourceMeta, normalise};
use crate::pdf::PdfLimits;
use crate::templates::Templates;
use std::path::Path;

/// Reads a file into lines: text reports directly, PDFs through the PDF stage.
pub fn read_lines(bytes: &[u8]) -> Result<(Vec<Line>, InputKind), ReadError> {
    read_lines_limited(bytes, &PdfLimits::default())
}

/// [`read_lines`] with the PDF stage's limits chosen by the caller (a corpus
/// run's `--max-pages`, `--max-file-mb`).
pub fn read_lines_limited(
    bytes: &[u8],
    limits: &PdfLimits,
) -> Result<(Vec<Line>, InputKind), ReadError> {
    match sniff(bytes) {
        InputKind::Text => text_report_lines(bytes).map(|(l, _)| (l, InputKind::Text)),
        InputKind::Pdf => {
            let pages = crate::pdf::read_pages(bytes, limits)?;
            Ok((crate::layout::document_lines(&pages), InputKind::Pdf))
        }
    }
}

/// Lines printed in the seed's layout (pdftotext's): spans joined by spaces,
/// a blank line after every line, three more at a page break.
pub fn lines_as_text(lines: &[Line]) -> String {
    let mut out = String::new();
    let mut page = lines.first().map(|l| l.page).unwrap_or(1);
    for l in lines {
        if l.page != page {
            out.push_str("\n\n\n");
            page = l.page;
        }
        out.push_str(&l.joined());
        out.push_str("\n\n");
    }
    out
}

/// The stem of a path: the `report` field of cells.
pub fn stem_of(path: &Path) -> String {
    path.file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default()
}

/// Reads one report from bytes.
pub fn read_report_bytes(
    bytes: &[u8],
    path: &Path,
    templates: &Templates,
) -> Result<Report, ReadError> {
    read_report_bytes_limited(bytes, path, templates, &PdfLimits::default())
}

/// [`read_report_bytes`] with the PDF stage's limits chosen by the caller.
pub fn read_report_bytes_limited(
    bytes: &[u8],
    path: &Path,
    templates: &Templates,
    limits: &PdfLimits,
) -> Result<Report, ReadError> {
    let (lines, kind) = read_lines_limited(bytes, limits)?;
    report_from_lines(&lines, kind, path, templates)
}

/// The pages that lines come from (the last page with text).
pub fn pages_of(lines: &[Line]) -> u32 {
    lines.iter().map(|l| l.page).max().unwrap_or(0)
}

/// The report in lines already read: for a caller that also wants to know
/// how many pages a file had when it turns out not to be a report.
pub fn report_from_lines(
    lines: &[Line],
    kind: InputKind,
    path: &Path,
    templates: &Templates,
) -> Result<Report, ReadError> {
    let doc = parse_document(lines, templates);
    if doc.tables().next().is_none() {
        return Err(ReadError::new(
            ErrorClass::UnrecognisedLayout,
            "no budget or final-accounts table found (no title such as 收入支出决算总表)",
        ));
    }
    let meta = SourceMeta {
        report: stem_of(path),
        source: path.display().to_string(),
        input_kind: match kind {
            InputKind::Pdf => "pdf".into(),
            InputKind::Text => "text".into(),
        },
        pages: pages_of(lines),
    };
    let mut report = normalise(&doc, templates, meta);
    report.self_evaluation = crate::self_evaluation::read_self_evaluation(lines);
    report.checks = crate::checks::run_checks(&report, templates);
    report.facts = crate::facts::extract_facts(&report.sections, &templates.facts);
    report.discrepancies = crate::discrepancies::find_discrepancies(&report, &templates.facts);
    Ok(report)
}

/// Reads one report from a file.
pub fn read_report(path: &Path, templates: &Templates) -> Result<Report, ReadError> {
    let bytes = std::fs::read(path)
        .map_err(|e| ReadError::new(ErrorClass::NotPdf, format!("cannot read file: {e}")))?;
    read_report_bytes(&bytes, path, templates)
}
