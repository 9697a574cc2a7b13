//! Reading one file into a [`FileOutcome`]: the unit of work a worker
//! process (or an in-process thread) does, the same code either way.

use super::limits::FileLimits;
use super::outcome::{FileOutcome, Outcome, extracted};
use crate::error::{ErrorClass, ReadError};
use crate::output::report_json::write_report;
use crate::pipeline::{pages_of, read_input, report_from_lines};
use crate::templates::Templates;
use std::path::Path;

/// Reads bytes already loaded: runs the pipeline, renders the report JSON
/// and summarises it.
pub fn read_bytes(
    bytes: &[u8],
    path: &Path,
    templates: &Templates,
    limits: &FileLimits,
) -> FileOutcome {
    if bytes.is_empty() {
        return FileOutcome::failed(ReadError::new(
            ErrorClass::NotPdf,
            "the file is empty (0 bytes)",
        ));
    }
    let (lines, kind, notes) = match read_input(bytes, &limits.pdf()) {
        Ok(read) => read,
        Err(e) => return FileOutcome::failed(e),
    };
    let pages = pages_of(&lines);
    let report = match report_from_lines(&lines, kind, &notes, path, templates) {
        Ok(r) => r,
        Err(e) => {
            return FileOutcome {
                pages,
                ..FileOutcome::failed(e)
            };
        }
    };
    drop(lines);
    let mut json = Vec::new();
    if let Err(e) = write_report(&report, &mut json) {
        return FileOutcome::failed(ReadError::new(
            ErrorClass::Internal,
            format!("cannot render the report JSON: {e}"),
        ));
    }
    FileOutcome {
        outcome: Outcome::Read(extracted(&report)),
        report_json: Some(String::from_utf8_lossy(&json).into_owned()),
        pages,
    }
}

/// Reads a file, checking its size before loading it.
pub fn read_path(path: &Path, templates: &Templates, limits: &FileLimits) -> FileOutcome {
    match load(path, limits) {
        Ok(bytes) => read_bytes(&bytes, path, templates, limits),
        Err(e) => FileOutcome::failed(e),
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

/// The error for a file that cannot be opened or read.
pub fn cannot_read(e: std::io::Error) -> ReadError {
    ReadError::new(ErrorClass::NotPdf, format!("cannot read file: {e}"))
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
