//! The run-wide outputs: `cells.jsonl`, `cells.csv`, `errors.jsonl`,
//! `yujuesuan.sqlite`, `parquet/*.parquet`, `yujuesuan.xlsx` and `summary.json`, written while the run goes. Each
//! file is added in input order as soon as every file before it has
//! finished, so the bytes are the same whatever order files finish in, and
//! the work overlaps the reading instead of waiting for its end. Records
//! that finish early wait in memory up to [`MAX_HELD`]; beyond that only
//! their turn is remembered and they are read back from `records/`, so
//! memory stays flat however large the corpus. Each output is written to a
//! temporary file and renamed at the end.

use super::heap_trim::{RECORDS_PER_TRIM, release_free_memory};
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
use crate::output::parquet::ParquetWriter;
use crate::output::sqlite::SqliteWriter;
use crate::output::xlsx::XlsxWriter;
use serde::Serialize;
use std::collections::BTreeMap;
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
    parquet: Option<ParquetWriter>,
    xlsx: Option<XlsxWriter>,
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
            parquet: formats
                .parquet
                .then(|| ParquetWriter::create(&out.join("parquet")))
                .transpose()?,
            xlsx: formats
                .xlsx
                .then(|| XlsxWriter::create(&out.join("yujuesuan.xlsx")))
                .transpose()?,
        })
    }

    /// Adds a record; `cell_lines` are its cells as JSON Lines when the
    /// caller has them already (see [`Finished`]).
    fn add(
        &mut self,
        name: &str,
        record: &Record,
        cell_lines: Option<&[u8]>,
    ) -> std::io::Result<()> {
        match &record.outcome {
            Outcome::Read(e) => {
                if let Some(w) = &mut self.cells_jsonl {
                    match cell_lines {
                        Some(lines) => w.write_all(lines)?,
                        None => write_jsonl(&e.cells, w)?,
                    }
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
        if let Some(parquet) = &mut self.parquet {
            parquet.add_record(name, record)?;
        }
        if let Some(xlsx) = &mut self.xlsx {
            xlsx.add_record(name, record)?;
        }
        Ok(())
    }

    /// Builds the database's indexes ahead of the run's last records (see
    /// [`INDEXED_TAIL`]).
    fn build_indexes(&mut self) -> std::io::Result<()> {
        self.sqlite
            .as_mut()
            .map_or(Ok(()), SqliteWriter::build_indexes)
    }

    fn commit(self) -> std::io::Result<()> {
        if let Some(w) = self.cells_jsonl {
            w.commit()?;
        }
        if let Some(w) = self.cells_csv {
            w.commit()?;
        }
        self.errors.commit()?;
        // The Parquet files first: their open row groups are freed before
        // the database builds its indexes, so the two peaks do not add up.
        if let Some(parquet) = self.parquet {
            parquet.finish()?;
        }
        // The workbook is zipped on a thread of its own while the database
        // builds its indexes: both are the run's serial tail, after the
        // workers have finished and left a core idle (the zip alone added a
        // tenth to a corpus run's wall time). The workbook streams its
        // sheets from temporary files, so it adds little memory.
        let sqlite = self.sqlite;
        std::thread::scope(|scope| {
            let workbook = self.xlsx.map(|x| scope.spawn(move || x.finish()));
            let database = sqlite.map_or(Ok(()), SqliteWriter::finish);
            let workbook = workbook.map_or(Ok(()), |handle| {
                handle
                    .join()
                    .unwrap_or_else(|_| Err(std::io::Error::other("the workbook's writer failed")))
            });
            database.and(workbook)
        })
    }
}

/// Records held in memory while waiting for an earlier file to finish.
/// A parsed record of a large report takes about a megabyte, and the
/// longer the run, the more often the writer falls behind the workers far
/// enough to fill this: at 64 the parent's peak grew with the run's length
/// (54 → 66 → 76 MB over 1,000 → 10,000 → 20,000 reports written to
/// Parquet); at 16 it is 56 MB at both 1,000 and 10,000. A record past the
/// bound is read back from `records/` when its turn comes.
pub const MAX_HELD: usize = 16;

/// Records at the end of the input whose database rows are added after
/// the indexes are built. Built at the very end, the indexes' sorts were
/// the run's serial tail (about 40 ms of a 300 ms run over 44 text
/// reports, one job): the workers had finished and a core stood idle.
/// Built before the schedule's last window (`schedule::WINDOW` files,
/// largest first), they overlap the workers' last files. The rows of these
/// records then update the indexes one by one, which costs more CPU than
/// sorting them in: with 16 records, two jobs over the 44 text twins took
/// 3–4 % longer, where every core is busy (docs/performance.md). A count
/// of records, not a time, so that the database's bytes depend on the
/// input alone.
pub const INDEXED_TAIL: usize = super::schedule::WINDOW;

/// A finished file's record as its run has it.
pub struct Finished {
    /// The record.
    pub record: Record,
    /// Its cells as JSON Lines, when they were serialised already for the
    /// record (see `save_record_and_cells`): written to `cells.jsonl` as
    /// they are.
    pub cell_lines: Option<Vec<u8>>,
}

/// The run-wide outputs of one run, filled in input order.
pub struct RunOutputs<'a> {
    writers: Writers,
    summary: Summary,
    inputs: &'a [Input],
    names: &'a [String],
    destinations: &'a [Destination],
    out: &'a Path,
    /// The next input to add.
    next: usize,
    /// Finished inputs after `next`: the record, or `None` when it is to be
    /// read back from disk.
    ready: BTreeMap<usize, Option<Finished>>,
    /// How many records `ready` holds in memory.
    held: usize,
}

impl<'a> RunOutputs<'a> {
    /// Opens the writers for a run over `inputs`.
    pub fn create(
        inputs: &'a [Input],
        names: &'a [String],
        destinations: &'a [Destination],
        out: &'a Path,
        formats: Formats,
    ) -> Result<Self, RunError> {
        let writers = Writers::create(out, formats).map_err(|e| write_error(out, e))?;
        Ok(RunOutputs {
            writers,
            summary: Summary::default(),
            inputs,
            names,
            destinations,
            out,
            next: 0,
            ready: BTreeMap::new(),
            held: 0,
        })
    }

    /// Marks input `index` finished, with its record when the caller has it
    /// (`None`: finished by an earlier run, on disk), and adds every input
    /// whose turn has come.
    pub fn finished(&mut self, index: usize, record: Option<Finished>) -> Result<(), RunError> {
        // The next input's record is added at once, so it never counts.
        let mut record = record.filter(|_| index == self.next || self.held < MAX_HELD);
        if self.writers.cells_jsonl.is_none()
            && let Some(r) = &mut record
        {
            // Not written anywhere: not held either.
            r.cell_lines = None;
        }
        self.held += usize::from(record.is_some());
        self.ready.insert(index, record);
        while self.ready.contains_key(&self.next) {
            self.add_next()?;
        }
        Ok(())
    }

    /// Adds whatever is left (from disk), commits every output and writes
    /// `summary.json`.
    pub fn finish(mut self) -> Result<Summary, RunError> {
        while self.next < self.inputs.len() {
            self.add_next()?;
        }
        let out = self.out;
        self.writers.commit().map_err(|e| write_error(out, e))?;
        let mut summary = self.summary;
        summary.finish();
        let path = out.join("summary.json");
        let mut json = serde_json::to_vec_pretty(&summary).map_err(|e| RunError(e.to_string()))?;
        json.push(b'\n');
        write_atomic(&path, &json).map_err(|e| write_error(out, e))?;
        Ok(summary)
    }

    /// Adds input `next`: its record waiting in memory, else the one on
    /// disk.
    fn add_next(&mut self) -> Result<(), RunError> {
        let index = self.next;
        if index == self.inputs.len().saturating_sub(INDEXED_TAIL) {
            self.writers
                .build_indexes()
                .map_err(|e| write_error(self.out, e))?;
        }
        let Finished { record, cell_lines } = match self.ready.remove(&index).flatten() {
            Some(r) => {
                self.held -= 1;
                r
            }
            None => Finished {
                record: self.record_on_disk(index),
                cell_lines: None,
            },
        };
        let name = self.names.get(index).map_or("", String::as_str);
        self.summary.add(&record.outcome);
        self.writers
            .add(name, &record, cell_lines.as_deref())
            .map_err(|e| write_error(self.out, e))?;
        self.next += 1;
        if self.next.is_multiple_of(RECORDS_PER_TRIM) {
            release_free_memory();
        }
        Ok(())
    }

    /// The record of input `index` from `records/`. A record missing here
    /// means its write failed, which stops the run before this point;
    /// counted as a fault of ours all the same. A record that is there but
    /// does not parse is one a resumed run kept by its head alone (the
    /// resume decision reads only the hash), written by an older version
    /// or damaged since: the message says so, and how to read the file
    /// again.
    fn record_on_disk(&self, index: usize) -> Record {
        self.destinations
            .get(index)
            .and_then(|d| load_record(&d.record))
            .unwrap_or_else(|| Record {
                path: self
                    .inputs
                    .get(index)
                    .map(|i| i.path.display().to_string())
                    .unwrap_or_default(),
                sha256: None,
                outcome: Outcome::Failed(ReadError::new(
                    ErrorClass::Internal,
                    "its record in the output folder is missing or cannot be read (damaged, or \
                     written by an older version); run again with --force to read the file again",
                )),
            })
    }
}

/// The error for an output that cannot be written.
fn write_error(out: &Path, e: std::io::Error) -> RunError {
    RunError(format!("cannot write outputs in {}: {e}", out.display()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::batch::outcome::{Extracted, ReportInfo};
    use crate::batch::record::save_record;
    use crate::output::cells::Cell;
    use std::path::PathBuf;

    fn record(i: usize) -> Record {
        let path = format!("in/{i}.txt");
        let outcome = if i % 7 == 3 {
            Outcome::Failed(ReadError::new(ErrorClass::NotPdf, format!("bad {i}")))
        } else {
            let report = format!("r{i}");
            let cell = Cell {
                report: report.as_str().into(),
                document: Default::default(),
                unit: Some("单位".into()),
                year: Some(2022),
                amount_unit: Some("万元".into()),
                table: "expenditure".into(),
                row: "201".into(),
                row_name: "一般公共服务支出".into(),
                column: "合计".into(),
                value: i as f64,
                page: None,
                bbox: None,
                line: None,
            };
            let info = ReportInfo {
                report,
                input_kind: "text".into(),
                unit: cell.unit.as_deref().map(String::from),
                year: cell.year,
                amount_unit: cell.amount_unit.as_deref().map(String::from),
                pages: 1,
                warnings: 0,
                tables: Vec::new(),
                findings: Default::default(),
            };
            Outcome::Read(Extracted {
                info,
                cells: vec![cell],
                printed: vec![Some("1.50".into())],
                details: Default::default(),
            })
        };
        Record {
            path,
            sha256: Some(format!("{i:064}")),
            outcome,
        }
    }

    /// Writes the outputs of `n` inputs whose records are on disk, telling
    /// `RunOutputs` of them in `order`, and returns the outputs' bytes.
    fn outputs_in(order: &[usize], n: usize, with_records: bool) -> Vec<Vec<u8>> {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path();
        std::fs::create_dir_all(out.join("records")).unwrap();
        let inputs: Vec<Input> = (0..n)
            .map(|i| Input {
                path: PathBuf::from(format!("in/{i}.txt")),
                relative: PathBuf::from(format!("{i}.txt")),
            })
            .collect();
        let names: Vec<String> = (0..n).map(|i| format!("r{i}")).collect();
        let destinations: Vec<Destination> =
            names.iter().map(|n| Destination::under(out, n)).collect();
        for (i, d) in destinations.iter().enumerate() {
            save_record(&d.record, &record(i)).unwrap();
        }
        let formats = Formats {
            reports: false,
            cells_jsonl: true,
            cells_csv: true,
            sqlite: true,
            parquet: true,
            xlsx: false,
            site: false,
        };
        let mut outputs = RunOutputs::create(&inputs, &names, &destinations, out, formats).unwrap();
        for &i in order {
            outputs
                .finished(
                    i,
                    with_records.then(|| Finished {
                        record: record(i),
                        cell_lines: None,
                    }),
                )
                .unwrap();
            assert!(outputs.held <= MAX_HELD, "memory stays bounded");
        }
        let summary = outputs.finish().unwrap();
        assert_eq!(summary.files, n);
        [
            "cells.jsonl",
            "cells.csv",
            "errors.jsonl",
            "summary.json",
            "yujuesuan.sqlite",
            "parquet/cells.parquet",
            "parquet/checks.parquet",
        ]
        .iter()
        .map(|f| std::fs::read(out.join(f)).unwrap())
        .collect()
    }

    #[test]
    fn any_finishing_order_gives_the_same_bytes_and_spills_beyond_the_cap() {
        let n = MAX_HELD * 2 + 5;
        let in_order: Vec<usize> = (0..n).collect();
        let reversed: Vec<usize> = (0..n).rev().collect();
        let expected = outputs_in(&in_order, n, true);
        // Reversed: every record but the last waits, so most spill to disk.
        assert_eq!(outputs_in(&reversed, n, true), expected);
        // Resumed: every record is read back from disk.
        assert_eq!(outputs_in(&reversed, n, false), expected);
        let cells = String::from_utf8(expected[0].clone()).unwrap();
        assert_eq!(cells.lines().count(), (0..n).filter(|i| i % 7 != 3).count());
    }
}
