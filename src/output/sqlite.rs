//! The run's database, `yujuesuan.sqlite` (SQLite, embedded through
//! rusqlite's bundled build, so nothing needs installing). The schema is
//! `schema/sqlite.sql`, compiled in. The database is built from scratch into
//! a temporary file from the per-file records in input order and renamed
//! into place, so it is complete or absent and the same run gives the same
//! bytes. A new table (checks, facts) is one `CREATE TABLE` in the schema
//! and one `add_…` method here.

use crate::batch::outcome::Outcome;
use crate::batch::record::Record;
use crate::output::atomic_file::temporary_path;
use crate::output::cells::Cell;
use rusqlite::{Connection, params};
use std::path::{Path, PathBuf};

/// The DDL: tables, then after the line `-- @indexes`, indexes.
pub const SCHEMA: &str = include_str!("../../schema/sqlite.sql");

/// The line that separates tables from indexes in [`SCHEMA`].
const INDEXES_MARK: &str = "-- @indexes";

/// The tables part and the indexes part of the schema.
fn schema_parts() -> (&'static str, &'static str) {
    SCHEMA.split_once(INDEXES_MARK).unwrap_or((SCHEMA, ""))
}

/// A database being built.
pub struct SqliteWriter {
    connection: Connection,
    target: PathBuf,
    temporary: PathBuf,
    next_id: i64,
}

/// A count as SQLite's integer.
fn count(n: usize) -> i64 {
    i64::try_from(n).unwrap_or(i64::MAX)
}

/// The multiplier from an amount unit to 元.
fn yuan_factor(amount_unit: Option<&str>) -> Option<f64> {
    match amount_unit {
        Some("元") => Some(1.0),
        Some("千元") => Some(1_000.0),
        Some("万元") => Some(10_000.0),
        _ => None,
    }
}

impl SqliteWriter {
    /// Starts a database that will replace `path` when finished.
    pub fn create(path: &Path) -> std::io::Result<Self> {
        let temporary = temporary_path(path);
        if temporary.exists() {
            std::fs::remove_file(&temporary)?;
        }
        Self::open(path, temporary).map_err(std::io::Error::other)
    }

    /// Opens the temporary database and creates the schema.
    fn open(path: &Path, temporary: PathBuf) -> rusqlite::Result<Self> {
        let connection = Connection::open(&temporary)?;
        // Built once and renamed into place: no journal or sync needed.
        connection.execute_batch(
            "PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF; PRAGMA cache_size = -16000;",
        )?;
        connection.execute_batch(schema_parts().0)?;
        connection.execute_batch("BEGIN")?;
        Ok(SqliteWriter {
            connection,
            target: path.to_path_buf(),
            temporary,
            next_id: 1,
        })
    }

    /// Adds one input file under its output name: the report, its tables
    /// and cells, or its error.
    pub fn add_record(&mut self, name: &str, record: &Record) -> std::io::Result<()> {
        self.insert_record(name, record)
            .map_err(std::io::Error::other)
    }

    /// [`SqliteWriter::add_record`] with SQLite's errors.
    fn insert_record(&mut self, name: &str, record: &Record) -> rusqlite::Result<()> {
        let id = self.next_id;
        self.next_id += 1;
        let stem = crate::pipeline::stem_of(Path::new(&record.path));
        match &record.outcome {
            Outcome::Read(e) => {
                let i = &e.info;
                self.connection
                    .prepare_cached(
                        "INSERT INTO reports (id, name, report, path, sha256, status, input_kind, \
                         unit, year, amount_unit, pages, tables, cells, warnings, checks_fail, \
                         checks_unverified, discrepancies, discrepancies_unverified) \
                         VALUES (?1, ?2, ?3, ?4, ?5, 'read', ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, \
                         ?14, ?15, ?16, ?17)",
                    )?
                    .execute(params![
                        id,
                        name,
                        i.report,
                        record.path,
                        record.sha256,
                        i.input_kind,
                        i.unit,
                        i.year,
                        i.amount_unit,
                        i.pages,
                        count(i.tables.len()),
                        count(e.cells.len()),
                        count(i.warnings),
                        i.findings.fail,
                        i.findings.unverified,
                        i.findings.discrepancies,
                        i.findings.unverified_discrepancies
                    ])?;
                let mut insert = self.connection.prepare_cached(
                    "INSERT INTO tables (report_id, seq, kind, title, number, page, amount_unit, \
                     empty, rows, cells) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
                )?;
                for (seq, t) in i.tables.iter().enumerate() {
                    insert.execute(params![
                        id,
                        count(seq + 1),
                        t.kind,
                        t.title,
                        t.number,
                        t.page,
                        t.amount_unit,
                        t.empty,
                        count(t.rows),
                        count(t.cells)
                    ])?;
                }
                drop(insert);
                self.add_cells(id, &e.cells)
            }
            Outcome::Failed(err) => {
                self.connection
                    .prepare_cached(
                        "INSERT INTO reports (id, name, report, path, sha256, status) \
                         VALUES (?1, ?2, ?3, ?4, ?5, 'failed')",
                    )?
                    .execute(params![id, name, stem, record.path, record.sha256])?;
                self.connection
                    .prepare_cached(
                        "INSERT INTO errors (report_id, path, class, message) \
                         VALUES (?1, ?2, ?3, ?4)",
                    )?
                    .execute(params![id, record.path, err.class.as_str(), err.message])?;
                Ok(())
            }
        }
    }

    /// Adds a report's cells.
    fn add_cells(&self, report_id: i64, cells: &[Cell]) -> rusqlite::Result<()> {
        let mut insert = self.connection.prepare_cached(
            "INSERT INTO cells (report_id, report, unit, year, amount_unit, table_kind, row_key, \
             row_name, column_name, value, value_yuan) \
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
        )?;
        for c in cells {
            // To the fen, so that 187.89 万元 is 1878900 元, not 1878899.9999999998.
            let yuan = yuan_factor(c.amount_unit.as_deref())
                .map(|f| (c.value * f * 100.0).round() / 100.0);
            insert.execute(params![
                report_id,
                c.report,
                c.unit,
                c.year,
                c.amount_unit,
                c.table,
                c.row,
                c.row_name,
                c.column,
                c.value,
                yuan
            ])?;
        }
        Ok(())
    }

    /// Creates the indexes, commits, closes and renames the database into place.
    pub fn finish(self) -> std::io::Result<()> {
        self.connection
            .execute_batch(schema_parts().1)
            .and_then(|_| self.connection.execute_batch("COMMIT"))
            .map_err(std::io::Error::other)?;
        self.connection
            .close()
            .map_err(|(_, e)| std::io::Error::other(e))?;
        std::fs::rename(&self.temporary, &self.target)
    }
}
