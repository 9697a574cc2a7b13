//! The pipeline as one call: a file's bytes to a normalised report.

use crate::document_kind::DocumentKind;
use crate::error::{ErrorClass, ReadError};
use crate::grammar::{Document, TitleScope, parse_document_of};
use crate::input::{InputKind, sniff, text_report_lines};
use crate::limits::Limits;
use crate::lines::Line;
use crate::normalise::{SourceMeta, normalise};
use crate::pdf::Drawing;
use crate::read_notes::ReadNotes;
use crate::report::{Report, Warning};
use crate::templates::Templates;
use std::path::Path;

/// Reads a file into lines: text reports directly, PDFs through the PDF stage.
pub fn read_lines(bytes: &[u8]) -> Result<(Vec<Line>, InputKind), ReadError> {
    read_lines_with(bytes, &Limits::default())
}

/// [`read_lines`] under explicit resource limits (`--max-*` flags).
pub fn read_lines_with(bytes: &[u8], limits: &Limits) -> Result<(Vec<Line>, InputKind), ReadError> {
    read_input(bytes, limits).map(|(lines, kind, _)| (lines, kind))
}

/// Lines, kind, and notes on repaired damage, undecodable text and text
/// drawn out of sight (PDFs only).
pub fn read_input(
    bytes: &[u8],
    limits: &Limits,
) -> Result<(Vec<Line>, InputKind, ReadNotes), ReadError> {
    read_input_then(bytes, limits, |read, _| read)
}

/// What [`read_input`] gives.
pub type Input = (Vec<Line>, InputKind, ReadNotes);

/// [`read_input`], then `then` with its result and, for a PDF that was
/// read, the parsed file and font cache the reading leaves, for drawing
/// the report's crops without loading the fonts again (alive only during
/// `then`).
pub fn read_input_then<R>(
    bytes: &[u8],
    limits: &Limits,
    then: impl FnOnce(Result<Input, ReadError>, Option<Drawing<'_>>) -> R,
) -> R {
    if let Err(e) = limits.check_size(bytes.len()) {
        return then(Err(e), None);
    }
    match sniff(bytes) {
        InputKind::Text => then(
            text_report_lines(bytes).map(|(l, _)| (l, InputKind::Text, ReadNotes::default())),
            None,
        ),
        InputKind::Pdf => crate::pdf::read_document_then(bytes, limits, |doc, drawing| {
            then(doc.map(lines_of), drawing)
        }),
    }
}

/// A PDF's lines, with notes on repairs, undecodable glyphs and hidden text.
fn lines_of(doc: crate::pdf::PdfDocument) -> Input {
    let lines = crate::layout::document_lines(&doc.pages);
    let mut notes = doc.repairs;
    // Text that cannot be decoded is reported, never silently emptied.
    notes.extend(doc.pages.iter().filter(|p| p.undecodable > 0).map(|p| {
        format!(
            "page {}: {} glyphs could not be decoded to text",
            p.number, p.undecodable
        )
    }));
    let hidden = doc.pages.into_iter().flat_map(|p| p.hidden).collect();
    (
        lines,
        InputKind::Pdf,
        ReadNotes {
            warnings: notes,
            hidden,
        },
    )
}

/// [`read_lines_with`] under the name a corpus run uses.
pub fn read_lines_limited(
    bytes: &[u8],
    limits: &Limits,
) -> Result<(Vec<Line>, InputKind), ReadError> {
    read_lines_with(bytes, limits)
}

/// Lines printed as pdftotext-style text: spans joined by spaces,
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
    read_report_bytes_with(bytes, path, templates, &Limits::default())
}

/// [`read_report_bytes`] under explicit resource limits (`--max-*` flags).
pub fn read_report_bytes_with(
    bytes: &[u8],
    path: &Path,
    templates: &Templates,
    limits: &Limits,
) -> Result<Report, ReadError> {
    let (lines, kind, notes) = read_input(bytes, limits)?;
    report_from_lines(&lines, kind, &notes, path, templates)
}

/// The pages that lines come from (the last page with text).
pub fn pages_of(lines: &[Line]) -> u32 {
    lines.iter().map(|l| l.page).max().unwrap_or(0)
}

/// How far [`report_from_lines_to`] takes a report.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Depth {
    /// Every stage: checks, facts, discrepancies, provenance, review.
    Full,
    /// The tables only (grammar, normaliser, and the narrative's facts when
    /// a row is left ambiguous for them to settle): everything the cells
    /// are made of (`yujuesuan cells` writes nothing else), without the
    /// stages that only read the tables.
    Tables,
}

/// The report in lines already read: for a caller that also wants to know
/// how many pages a file had when it turns out not to be a report.
pub fn report_from_lines(
    lines: &[Line],
    kind: InputKind,
    notes: &ReadNotes,
    path: &Path,
    templates: &Templates,
) -> Result<Report, ReadError> {
    report_from_lines_to(lines, kind, notes, path, templates, Depth::Full)
}

/// [`report_from_lines`], taken as far as `depth`: with [`Depth::Tables`]
/// the tables (and so the cells) are those of the full report, and the
/// checks, discrepancies and review are left empty (the facts too, unless
/// a row was left ambiguous for them to settle).
pub fn report_from_lines_to(
    lines: &[Line],
    kind: InputKind,
    notes: &ReadNotes,
    path: &Path,
    templates: &Templates,
    depth: Depth,
) -> Result<Report, ReadError> {
    let claim = crate::document_kind::detect(lines);
    let scope = TitleScope {
        document: claim.document,
        region: templates.region_in(lines),
    };
    let doc = parse_document_of(lines, templates, &scope);
    let document = claim
        .document
        .unwrap_or_else(|| document_of_tables(&doc, templates));
    if doc.tables().next().is_none() && !is_narrative_budget(lines, templates, claim.document) {
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
        document,
    };
    let mut report = normalise(&doc, templates, meta);
    match depth {
        Depth::Full => read_beyond_tables(&mut report, lines, notes, templates),
        Depth::Tables => {
            // The narrative's figures can only change rows left ambiguous.
            if crate::narrative_placement::can_settle(&report.tables) {
                settle_by_narrative(&mut report, templates);
            }
        }
    }
    report
        .warnings
        .extend(notes.warnings.iter().cloned().map(|message| Warning {
            table: None,
            row: None,
            page: None,
            message,
        }));
    Ok(report)
}

/// The stages after the normaliser, which read its tables and add what
/// they find: facts (which may settle ambiguous rows), checks,
/// discrepancies, provenance, review, summary.
fn read_beyond_tables(
    report: &mut Report,
    lines: &[Line],
    notes: &ReadNotes,
    templates: &Templates,
) {
    report.self_evaluation = crate::self_evaluation::read_self_evaluation(lines);
    report.structure = crate::profile::read_structure(&report.sections, lines);
    settle_by_narrative(report, templates);
    report.checks = crate::checks::run_checks(report, templates);
    let findings = crate::discrepancies::find_discrepancies(report, templates);
    report.discrepancies = findings.discrepancies;
    report.unverified_discrepancies = findings.unverified;
    report.unmatched = findings.unmatched;
    crate::provenance::narrative::locate(report, lines);
    report.review = crate::review::review(lines, &notes.hidden, report, templates);
    report.summary = crate::normalise::summary::ReportSummary::of(
        &report.checks,
        report.discrepancies.len(),
        report.unverified_discrepancies.len(),
        report.unmatched.len(),
    );
}

/// Reads the narrative's facts and lets the figures they state settle
/// the tables' ambiguous rows.
fn settle_by_narrative(report: &mut Report, templates: &Templates) {
    report.facts =
        crate::facts::extract_facts(&report.sections, templates.facts_for(report.document));
    crate::narrative_placement::settle(&mut report.tables, &report.facts);
}

/// A budget whose 目录 lists its tables but which prints none of them (its
/// 公开表 are published as a separate file): read for its narrative.
fn is_narrative_budget(
    lines: &[Line],
    templates: &Templates,
    document: Option<DocumentKind>,
) -> bool {
    /// How many listed tables make a 目录 a budget's.
    const LISTED_TABLES: usize = 3;
    document == Some(DocumentKind::Budget)
        && crate::review::toc::read_toc(lines, templates, DocumentKind::Budget)
            .entries
            .iter()
            .filter(|e| e.kind.is_some())
            .count()
            >= LISTED_TABLES
}

/// The document most of a report's tables belong to, when its front matter
/// does not say (决算 on a tie: the older, more common case).
fn document_of_tables(doc: &Document, templates: &Templates) -> DocumentKind {
    let budget = doc
        .tables()
        .filter_map(|t| templates.tables.get(t.template))
        .filter(|c| c.template.document == DocumentKind::Budget)
        .count();
    if budget * 2 > doc.tables().count() {
        DocumentKind::Budget
    } else {
        DocumentKind::FinalAccounts
    }
}

/// [`read_report_bytes_with`] under the name a corpus run uses.
pub fn read_report_bytes_limited(
    bytes: &[u8],
    path: &Path,
    templates: &Templates,
    limits: &Limits,
) -> Result<Report, ReadError> {
    read_report_bytes_with(bytes, path, templates, limits)
}

/// Reads one report from a file.
pub fn read_report(path: &Path, templates: &Templates) -> Result<Report, ReadError> {
    read_report_to(path, templates, Depth::Full)
}

/// Reads one report from a file, as far as `depth` (see [`Depth`]).
pub fn read_report_to(
    path: &Path,
    templates: &Templates,
    depth: Depth,
) -> Result<Report, ReadError> {
    let (lines, kind, notes) = read_file(path)?;
    report_from_lines_to(&lines, kind, &notes, path, templates, depth)
}

/// A file's lines, kind and notes ([`read_input`] under the default limits).
pub fn read_file(path: &Path) -> Result<Input, ReadError> {
    let bytes = std::fs::read(path).map_err(cannot_read)?;
    read_input(&bytes, &Limits::default())
}

/// The error for a file that cannot be opened or read.
pub fn cannot_read(e: std::io::Error) -> ReadError {
    ReadError::new(ErrorClass::NotPdf, format!("cannot read file: {e}"))
}
