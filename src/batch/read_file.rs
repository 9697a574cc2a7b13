//! Reading one file into a [`FileOutcome`]: the unit of work a worker
//! process (or an in-process thread) does, the same code either way.

use super::limits::FileLimits;
use super::naming::hex;
use super::outcome::{FileOutcome, Outcome, extracted};
use super::room::Room;
use crate::error::{ErrorClass, ReadError};
use crate::output::atomic_file::write_atomic;
use crate::output::report_json::write_report;
use crate::output::storable::ensure_extracted;
use crate::pdf::Drawing;
use crate::pipeline::{Input, cannot_read, pages_of, read_input_then, report_from_lines};
use crate::templates::Templates;
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use std::path::{Path, PathBuf};

/// Room for the next report's JSON.
static REPORT_JSON_ROOM: Room = Room::new();

/// One file to read and where its report JSON goes (none: not wanted).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ReadRequest {
    /// The input file.
    pub path: PathBuf,
    /// `reports/<name>.json`, written atomically when the file is read.
    pub report: Option<PathBuf>,
    /// `site/crops/<name>/`: where the site's crops of the report go, made
    /// from the PDF in hand once the report JSON is written (none: no site).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub crops: Option<PathBuf>,
}

/// Reads bytes already loaded: runs the pipeline and summarises it; the
/// rendered report JSON comes back beside the outcome.
pub fn read_bytes(
    bytes: &[u8],
    path: &Path,
    templates: &Templates,
    limits: &FileLimits,
) -> (FileOutcome, Option<Vec<u8>>) {
    read_bytes_then(bytes, path, templates, limits, |outcome, json, _| {
        (outcome, json)
    })
}

/// [`read_bytes`], then `then` with its outcome, its report JSON and, for
/// a PDF that was read, the file and font cache its reading leaves (for
/// the crops).
fn read_bytes_then<R>(
    bytes: &[u8],
    path: &Path,
    templates: &Templates,
    limits: &FileLimits,
    then: impl FnOnce(FileOutcome, Option<Vec<u8>>, Option<Drawing<'_>>) -> R,
) -> R {
    if bytes.is_empty() {
        let empty = ReadError::new(ErrorClass::NotPdf, "the file is empty (0 bytes)");
        return then(FileOutcome::failed(empty), None, None);
    }
    read_input_then(bytes, &limits.pdf(), |read, drawing| {
        let (outcome, json) = outcome_of(read, path, templates);
        then(outcome, json, drawing)
    })
}

/// The outcome of a file's input once read: the report, summarised, and
/// its JSON.
fn outcome_of(
    read: Result<Input, ReadError>,
    path: &Path,
    templates: &Templates,
) -> (FileOutcome, Option<Vec<u8>>) {
    let (lines, kind, notes) = match read {
        Ok(read) => read,
        Err(e) => return (FileOutcome::failed(e), None),
    };
    let pages = pages_of(&lines);
    let report = match report_from_lines(&lines, kind, &notes, path, templates) {
        Ok(r) => r,
        Err(e) => {
            let failed = FileOutcome {
                pages,
                ..FileOutcome::failed(e)
            };
            return (failed, None);
        }
    };
    drop(lines);
    let extracted = extracted(&report);
    if let Err(fault) = ensure_extracted(&extracted) {
        let failed = FileOutcome {
            pages,
            ..FileOutcome::failed(fault)
        };
        return (failed, None);
    }
    let mut json = REPORT_JSON_ROOM.buffer();
    if let Err(e) = write_report(&report, &mut json) {
        let cannot = ReadError::new(
            ErrorClass::Internal,
            format!("cannot render the report JSON: {e}"),
        );
        return (FileOutcome::failed(cannot), None);
    }
    REPORT_JSON_ROOM.remember(json.len());
    let outcome = FileOutcome {
        outcome: Outcome::Read(extracted),
        report_written: false,
        sha256: None,
        pages,
    };
    (outcome, Some(json))
}

/// Reads a file (checking its size before loading it), hashes its bytes and
/// writes its report JSON where the request says, then its crops.
pub fn read_path(request: &ReadRequest, templates: &Templates, limits: &FileLimits) -> FileOutcome {
    let bytes = match load(&request.path, limits) {
        Ok(bytes) => bytes,
        Err(e) => return FileOutcome::failed(e),
    };
    let sha256 = Some(hex(&Sha256::digest(&bytes)));
    read_bytes_then(
        &bytes,
        &request.path,
        templates,
        limits,
        |outcome, json, drawing| {
            let outcome = FileOutcome { sha256, ..outcome };
            match (json, &request.report) {
                (Some(json), Some(dest)) => match write_atomic(dest, &json) {
                    Ok(()) => {
                        if let Some(dir) = &request.crops {
                            write_crops(dir, &outcome.outcome, &json, drawing.as_ref());
                        }
                        FileOutcome {
                            report_written: true,
                            ..outcome
                        }
                    }
                    Err(e) => FileOutcome {
                        pages: outcome.pages,
                        sha256: outcome.sha256,
                        ..FileOutcome::failed(ReadError::new(
                            ErrorClass::Internal,
                            format!("cannot write {}: {e}", dest.display()),
                        ))
                    },
                },
                _ => outcome,
            }
        },
    )
}

/// The site's crops of a file just read: drawn when its summary has
/// findings to show, else only a stale folder removed (the report JSON is
/// parsed again only when there is something to draw). Without the file's
/// drawing (not a PDF read) there is nothing to draw from here: a stale
/// folder goes, and the site draws what it needs from the PDF.
fn write_crops(dir: &Path, outcome: &Outcome, json: &[u8], drawing: Option<&Drawing<'_>>) {
    match (outcome, drawing) {
        (Outcome::Read(e), Some(drawing))
            if crate::site::report_has_crops(&e.info.input_kind, &e.info.findings) =>
        {
            crate::site::write_crops_for_reader(dir, json, drawing);
        }
        _ => crate::site::clear_crops_for_reader(dir),
    }
}

/// The bytes of a file within the size limit, or why not.
pub fn load(path: &Path, limits: &FileLimits) -> Result<Vec<u8>, ReadError> {
    check_size(path, limits)?;
    std::fs::read(path).map_err(cannot_read)
}

/// Checks that a file exists and is within the size limit, without reading it.
pub fn check_size(path: &Path, limits: &FileLimits) -> Result<(), ReadError> {
    let size = std::fs::metadata(path).map_err(cannot_read)?.len();
    if size > limits.max_bytes {
        return Err(too_large(size, limits));
    }
    Ok(())
}

/// The error for a file over the size limit.
fn too_large(size: u64, limits: &FileLimits) -> ReadError {
    ReadError::new(
        ErrorClass::TooLarge,
        format!(
            "the file is {:.1} MB, over the limit of {:.1} MB (--max-file-mb)",
            size as f64 / 1_048_576.0,
            limits.max_bytes as f64 / 1_048_576.0
        ),
    )
}
