//! The per-file record, `OUT/records/<name>.json`: what a finished file
//! produced, keyed by the SHA-256 of its bytes. It is written last for each
//! file (after `reports/<name>.json`), so its presence means the file is
//! done; a resumed run skips a file whose record has the same hash, and the
//! run-wide outputs are rebuilt from the records in input order.

use super::outcome::Outcome;
use crate::output::atomic_file::write_atomic;
use serde::de::IgnoredAny;
use serde::{Deserialize, Serialize};
use std::path::Path;

/// What is kept for one finished file.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Record {
    /// The path read, as given or found.
    pub path: String,
    /// The SHA-256 of the file's bytes, hex (absent when the file could not
    /// be read at all, e.g. over the size limit).
    pub sha256: Option<String>,
    /// Read or failed.
    pub outcome: Outcome,
}

/// The record at `path`, if it exists and parses (a damaged record counts
/// as absent, so the file is read again).
pub fn load_record(path: &Path) -> Option<Record> {
    let bytes = std::fs::read(path).ok()?;
    serde_json::from_slice(&bytes).ok()
}

/// The part of a record that decides whether a file is done: its hash and
/// whether it failed. Reading only this skips building the record's cells.
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct RecordHead {
    /// As in [`Record::sha256`].
    pub sha256: Option<String>,
    outcome: OutcomeKind,
}

/// Which variant an [`Outcome`] is, its content skipped.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(rename_all = "snake_case")]
enum OutcomeKind {
    Read(IgnoredAny),
    Failed(IgnoredAny),
}

impl RecordHead {
    /// True when the recorded outcome is a failure.
    pub fn failed(&self) -> bool {
        matches!(self.outcome, OutcomeKind::Failed(_))
    }
}

/// The head of the record at `path`, if it exists and parses.
pub fn load_record_head(path: &Path) -> Option<RecordHead> {
    let bytes = std::fs::read(path).ok()?;
    serde_json::from_slice(&bytes).ok()
}

/// Writes a record atomically.
pub fn save_record(path: &Path, record: &Record) -> std::io::Result<()> {
    let mut bytes = serde_json::to_vec(record).map_err(std::io::Error::other)?;
    bytes.push(b'\n');
    write_atomic(path, &bytes)
}
