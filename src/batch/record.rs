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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::batch::limits::FileLimits;
    use crate::batch::outcome::FileOutcome;
    use crate::batch::read_file::read_bytes;
    use crate::templates::Templates;

    /// A record written from a worker's answer is byte for byte the one
    /// written from the outcome the worker had, for a read report and a
    /// failure: the answer carries every value exactly.
    #[test]
    fn a_record_from_the_workers_answer_is_the_same_bytes() {
        let templates = Templates::embedded().unwrap();
        let text = std::fs::read("corpus/text/calc-11-small-yuan.txt").unwrap();
        let path = Path::new("dir \"quoted\"/calc-11-small-yuan.txt");
        let (read, _) = read_bytes(&text, path, &templates, &FileLimits::default());
        assert!(matches!(read.outcome, Outcome::Read(_)));
        let failed = FileOutcome::failed(crate::error::ReadError::new(
            crate::error::ErrorClass::NotPdf,
            "not \u{4e00} PDF",
        ));
        let dir = tempfile::tempdir().unwrap();
        for (k, sent) in [read, failed].into_iter().enumerate() {
            let got = FileOutcome::from_worker(&sent.to_answer().unwrap()).unwrap();
            assert_eq!(got, sent);
            let sha = (k == 0).then(|| "ab\\cd".to_string());
            let record = |outcome| Record {
                path: path.display().to_string(),
                sha256: sha.clone(),
                outcome,
            };
            let (a, b) = (dir.path().join("a.json"), dir.path().join("b.json"));
            save_record(&a, &record(sent.outcome)).unwrap();
            save_record(&b, &record(got.outcome)).unwrap();
            assert_eq!(std::fs::read(&a).unwrap(), std::fs::read(&b).unwrap());
        }
    }
}
