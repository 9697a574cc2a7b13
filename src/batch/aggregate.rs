//! The run-wide outputs, rebuilt at the end of every run from the per-file
//! records, one file at a time in input order: `cells.jsonl`, `cells.csv`,
//! `errors.jsonl`, `yujuesuan.sqlite` and `summary.json`. Streaming keeps
//! memory flat however large the corpus; input order makes the bytes the
//! same whatever order the files finished in.

use super::inputs::Input;
use super::outcome::Outcome;
use super::plan::Destination;
use super::record::{Record, load_record};
use super::run::{Formats, RunError};
use super::summary::Summary;
use crate::error::{ErrorClass, ReadError};
use crate::output::atomic_file::{AtomicFile, write_atomic};
use crate::output::cells::write_jsonl;
use crate::output::cells_csv;
use crate::output::sqlite::SqliteWriter;
use serde::Serialize;
use std::io::Write;
use std::path::Path;

/// One line of `errors.jsonl`.
#[derive(Serialize)]
struct ErrorLine<'a> {
    path: &'a str,
    name: &'a str,
    class: &'a str,
    message: &'a str,
}

/// The writers of one rebuild; each is committed only when all succeed.
struct Writers {
    cells_jsonl: Option<AtomicFile>,
    cells_csv: Option<AtomicFile>,
    errors: AtomicFile,
    sqlite: Option<SqliteWriter>,
}

/// Opens a writer when its format is wanted.
fn open_if(wanted: bool, path: &Path) -> std::io::Result<Option<AtomicFile>> {
    wanted.then(|| AtomicFile::create(path)).transpose()
}

impl Writers {
    fn create(out: &Path, formats: Formats) -> std::io::Result<Self> {
        let mut cells_csv = open_if(formats.cells_csv, &out.join("cells.csv"))?;
        if let Some(csv) = &mut cells_csv {
            cells_csv::write_header(csv)?;
        }
        Ok(Writers {
            cells_jsonl: open_if(formats.cells_jsonl, &out.join("cells.jsonl"))?,
            cells_csv,
            errors: AtomicFile::create(&out.join("errors.jsonl"))?,
            sqlite: formats
                .sqlite
                .then(|| SqliteWriter::create(&out.join("yujuesuan.sqlite")))
                .transpose()?,
        })
    }

    fn add(&mut self, name: &str, record: &Record) -> std::io::Result<()> {
        match &record.outcome {
            Outcome::Read(e) => {
                if let Some(w) = &mut self.cells_jsonl {
                    write_jsonl(&e.cells, w)?;
                }
                if let Some(w) = &mut self.cells_csv {
                    cells_csv::write_rows(&e.cells, w)?;
                }
            }
            Outcome::Failed(err) => {
                let line = ErrorLine {
                    path: &record.path,
                    name,
                    class: err.class.as_str(),
                    message: &err.message,
                };
                serde_json::to_writer(&mut self.errors, &line)?;
                self.errors.write_all(b"\n")?;
            }
        }
        if let Some(db) = &mut self.sqlite {
            db.add_record(name, record)?;
        }
        Ok(())
    }

    fn commit(self) -> std::io::Result<()> {
        if let Some(w) = self.cells_jsonl {
            w.commit()?;
        }
        if let Some(w) = self.cells_csv {
            w.commit()?;
        }
        self.errors.commit()?;
        if let Some(db) = self.sqlite {
            db.finish()?;
        }
        Ok(())
    }
}

/// Rebuilds the run-wide outputs and returns the summary written.
pub fn write_run_outputs(
    inputs: &[Input],
    names: &[String],
    destinations: &[Destination],
    out: &Path,
    formats: Formats,
) -> Result<Summary, RunError> {
    let failed =
        |e: std::io::Error| RunError(format!("cannot write outputs in {}: {e}", out.display()));
    let mut writers = Writers::create(out, formats).map_err(failed)?;
    let mut summary = Summary::default();
    for ((input, name), dest) in inputs.iter().zip(names).zip(destinations) {
        // A record missing here means its write failed, which stops the
        // run before this point; counted as a fault of ours all the same.
        let record = load_record(&dest.record).unwrap_or_else(|| Record {
            path: input.path.display().to_string(),
            sha256: None,
            outcome: Outcome::Failed(ReadError::new(
                ErrorClass::Internal,
                "no record of this file was found in the output folder",
            )),
        });
        summary.add(&record.outcome);
        writers.add(name, &record).map_err(failed)?;
    }
    writers.commit().map_err(failed)?;
    summary.finish();
    let path = out.join("summary.json");
    let mut json = serde_json::to_vec_pretty(&summary).map_err(|e| RunError(e.to_string()))?;
    json.push(b'\n');
    write_atomic(&path, &json).map_err(failed)?;
    Ok(summary)
}
