//! The per-file record, `OUT/records/<name>.json`: what a finished file
//! produced, keyed by the SHA-256 of its bytes. It is written last for each
//! file (after `reports/<name>.json`), so its presence means the file is
//! done; a resumed run skips a file whose record has the same hash, and the
//! run-wide outputs are rebuilt from the records in input order.

use super::outcome::{Extracted, Outcome};
use crate::output::atomic_file::write_atomic;
use crate::output::cells::write_jsonl;
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

/// About the length of one cell's JSON line (about 290–350 bytes in the corpus):
/// room for a record's lines up front.
const CELL_LINE_BYTES: usize = 320;

/// Writes a record atomically and returns its cells as JSON Lines (the
/// bytes [`write_jsonl`] writes for them; none for a failure): the parent
/// serialises each cell once, for the record and for `cells.jsonl`, instead
/// of twice (a seventh of its work over the text twins).
pub fn save_record_and_cells(path: &Path, record: &Record) -> std::io::Result<Option<Vec<u8>>> {
    let Outcome::Read(extracted) = &record.outcome else {
        save_record(path, record)?;
        return Ok(None);
    };
    let mut lines = Vec::with_capacity(extracted.cells.len() * CELL_LINE_BYTES);
    write_jsonl(&extracted.cells, &mut lines)?;
    write_atomic(path, &read_record_json(record, extracted, &lines)?)?;
    Ok(Some(lines))
}

/// The JSON and newline [`save_record`] writes for `record`, whose outcome
/// is `e`, read, with the cells taken from `lines`, their JSON Lines. Cells
/// hold no raw newline (JSON escapes it inside strings), so each line is
/// one cell.
fn read_record_json(record: &Record, e: &Extracted, lines: &[u8]) -> std::io::Result<Vec<u8>> {
    let mut bytes = Vec::with_capacity(lines.len() + 4096);
    field(&mut bytes, b"{\"path\":", &record.path)?;
    field(&mut bytes, b",\"sha256\":", &record.sha256)?;
    field(&mut bytes, b",\"outcome\":{\"read\":{\"info\":", &e.info)?;
    bytes.extend_from_slice(b",\"cells\":[");
    // Every line is one cell's object (`write_jsonl` writes no empty line),
    // so the lines with their newlines made commas are the array's items:
    // one copy and a search for the newlines, instead of a split that
    // looked at every byte (2 % of the parent's work over the text twins).
    let items = lines.strip_suffix(b"\n").unwrap_or(lines);
    let start = bytes.len();
    bytes.extend_from_slice(items);
    if let Some(copied) = bytes.get_mut(start..) {
        for at in memchr::memchr_iter(b'\n', items) {
            if let Some(b) = copied.get_mut(at) {
                *b = b',';
            }
        }
    }
    bytes.push(b']');
    field(&mut bytes, b",\"printed\":", &e.printed)?;
    field(&mut bytes, b",\"details\":", &e.details)?;
    bytes.extend_from_slice(b"}}}\n");
    Ok(bytes)
}

/// Appends `head` and `value`'s compact JSON.
fn field<T: Serialize + ?Sized>(
    bytes: &mut Vec<u8>,
    head: &[u8],
    value: &T,
) -> std::io::Result<()> {
    bytes.extend_from_slice(head);
    serde_json::to_writer(bytes, value).map_err(std::io::Error::other)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::batch::limits::FileLimits;
    use crate::batch::outcome::FileOutcome;
    use crate::batch::read_file::read_bytes;
    use crate::templates::Templates;

    /// A bundled text twin, read, under a path that needs escaping in JSON.
    fn read_twin() -> (FileOutcome, &'static Path) {
        let templates = Templates::embedded().unwrap();
        let text = std::fs::read("corpus/text/calc-11-small-yuan.txt").unwrap();
        let path = Path::new("dir \"quoted\"/calc-11-small-yuan.txt");
        let (read, _) = read_bytes(&text, path, &templates, &FileLimits::default());
        (read, path)
    }

    /// A record written from a worker's answer is byte for byte the one
    /// written from the outcome the worker had, for a read report and a
    /// failure: the answer carries every value exactly.
    #[test]
    fn a_record_from_the_workers_answer_is_the_same_bytes() {
        let (read, path) = read_twin();
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

    /// A record written with its cells' lines is the record serde writes,
    /// and the lines are what `cells.jsonl` gets for it: for a report with
    /// cells, one without, and a failure (no lines).
    #[test]
    fn a_record_saved_with_its_cells_is_the_same_bytes() {
        let (read, path) = read_twin();
        let mut no_cells = read.outcome.clone();
        if let Outcome::Read(e) = &mut no_cells {
            e.cells.clear();
            e.printed.clear();
        }
        let failed = Outcome::Failed(crate::error::ReadError::new(
            crate::error::ErrorClass::Corrupt,
            "line\nbreak \u{4e00}",
        ));
        let dir = tempfile::tempdir().unwrap();
        for (k, outcome) in [read.outcome, no_cells, failed].into_iter().enumerate() {
            let record = Record {
                path: path.display().to_string(),
                sha256: (k != 1).then(|| "ab\\cd".to_string()),
                outcome,
            };
            let (a, b) = (dir.path().join("a.json"), dir.path().join("b.json"));
            save_record(&a, &record).unwrap();
            let lines = save_record_and_cells(&b, &record).unwrap();
            assert_eq!(std::fs::read(&a).unwrap(), std::fs::read(&b).unwrap());
            let expected = match &record.outcome {
                Outcome::Read(e) => {
                    let mut buf = Vec::new();
                    write_jsonl(&e.cells, &mut buf).unwrap();
                    Some(buf)
                }
                Outcome::Failed(_) => None,
            };
            assert_eq!(lines, expected);
        }
    }
}
