//! The run's database, `yujuesuan.sqlite` (SQLite, embedded through
//! rusqlite's bundled build, so nothing needs installing). The schema is
//! `schema/sqlite.sql`, compiled in. The database is built from scratch into
//! a temporary file from the per-file records in input order and renamed
//! into place, so it is complete or absent and the same run gives the same
//! bytes. Rows come from [`record_rows`], one insert statement per table
//! built from the schema's columns: a new table or column is a change to
//! the SQL file and to the rows, none here.

use crate::batch::record::Record;
use crate::output::atomic_file::temporary_path;
use crate::output::record_rows::{RowSink, record_rows};
use crate::output::rows::Value;
use crate::output::schema::{TableDef, schema_parts, tables};
use crate::output::sqlite_insert::RawInsert;
use rusqlite::Connection;
use std::path::{Path, PathBuf};

pub use crate::output::schema::SCHEMA;

/// `PRAGMA page_size`: four times SQLite's default. Rows are appended and
/// indexes built in bulk, and larger pages mean fewer pages to fill, split
/// and link; the sizes were measured (docs/performance.md). Caches are set
/// in KiB, so they hold the same bytes whatever the page size.
const PAGE_SIZE: u32 = 16384;

/// `PRAGMA cache_size` (negative: KiB) while rows are appended: SQLite's
/// default, enough for the open leaf of each table.
const INSERT_CACHE: i32 = -2000;

/// `PRAGMA cache_size` from the index build on: the sorts behind `CREATE
/// INDEX` read the tables back, and the last records' rows update the
/// indexes at scattered places.
const INDEX_CACHE: i32 = -16000;

/// A database being built.
pub struct SqliteWriter {
    /// Each table's insert statement ([`insert_sql`]), by schema index,
    /// prepared on the table's first row and kept for the run. Preparing
    /// every table's at the start sent SQLite's allocations during the
    /// inserts to `malloc` (most likely its per-connection pool of small
    /// blocks, lookaside, taken by statements some runs never use): the
    /// parent over the text twins went 917 → 952 M instructions. Declared
    /// before `connection` so that they are finalized first when a writer
    /// is dropped unfinished.
    inserts: Vec<Option<RawInsert>>,
    connection: Connection,
    target: PathBuf,
    temporary: PathBuf,
    next_id: i64,
    /// Whether [`SqliteWriter::build_indexes`] has run.
    indexed: bool,
}

/// `INSERT INTO t (a, b) VALUES (?1, ?2)` for every column of a table.
fn insert_sql(table: &TableDef) -> String {
    let names: Vec<&str> = table.columns.iter().map(|c| c.name.as_str()).collect();
    let marks: Vec<String> = (1..=names.len()).map(|i| format!("?{i}")).collect();
    format!(
        "INSERT INTO {} ({}) VALUES ({})",
        table.name,
        names.join(", "),
        marks.join(", ")
    )
}

/// Inserts one record's rows through the writer's statements.
struct Inserter<'w> {
    connection: &'w Connection,
    /// The writer's statements, by schema index.
    inserts: &'w mut [Option<RawInsert>],
}

impl RowSink for Inserter<'_> {
    fn add_row(&mut self, table: &'static TableDef, row: &[Value<'_>]) -> std::io::Result<()> {
        let slot = self
            .inserts
            .get_mut(table.index)
            .ok_or_else(|| std::io::Error::other(format!("no statement for {}", table.name)))?;
        let statement = match slot {
            Some(statement) => statement,
            // SAFETY: the statement goes into the writer's `inserts`,
            // which are finalized before its connection closes.
            None => {
                slot.insert(unsafe { RawInsert::prepare(self.connection, &insert_sql(table))? })
            }
        };
        statement.insert(row)
    }
}

impl SqliteWriter {
    /// Starts a database that will replace `path` when finished.
    pub fn create(path: &Path) -> std::io::Result<Self> {
        let temporary = temporary_path(path);
        if temporary.exists() {
            std::fs::remove_file(&temporary)?;
        }
        let connection = Self::open(&temporary).map_err(std::io::Error::other)?;
        Ok(SqliteWriter {
            inserts: tables().iter().map(|_| None).collect(),
            connection,
            target: path.to_path_buf(),
            temporary,
            next_id: 1,
            indexed: false,
        })
    }

    /// Opens the temporary database and creates the schema.
    fn open(temporary: &Path) -> rusqlite::Result<Connection> {
        let connection = Connection::open(temporary)?;
        // Built once and renamed into place: no journal or sync needed. The
        // sorts that build the indexes near the end spill to temporary
        // files: the bundled SQLite keeps temporary files in memory by
        // default (SQLITE_TEMP_STORE=2), which made the run's last seconds
        // grow with its length (docs/data-formats.md). While rows are
        // appended the page cache stays small ([`INSERT_CACHE`]):
        // appending reads no page back, and those megabytes would add to
        // the workers' at the run's peak; the index build gets its larger
        // cache in `build_indexes`.
        connection.execute_batch(&format!(
            "PRAGMA page_size = {PAGE_SIZE}; PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF; \
             PRAGMA cache_size = {INSERT_CACHE}; PRAGMA temp_store = FILE;"
        ))?;
        connection.execute_batch(schema_parts().0)?;
        // The schema turns foreign keys on (for whoever builds on it);
        // this writer assigns every `report_id` itself and inserts the
        // report first, so a per-row lookup of `reports` would only repeat
        // that: off, the parent's work over the text twins is 3.8 % less
        // (docs/performance.md). tests/batch.rs runs `foreign_key_check`.
        connection.execute_batch("PRAGMA foreign_keys = OFF; BEGIN")?;
        Ok(connection)
    }

    /// Adds one input file under its output name: the report, its tables,
    /// cells, checks, facts, discrepancies, self-evaluation and sections, or
    /// its error.
    pub fn add_record(&mut self, name: &str, record: &Record) -> std::io::Result<()> {
        let id = self.next_id;
        self.next_id += 1;
        let mut inserter = Inserter {
            connection: &self.connection,
            inserts: &mut self.inserts,
        };
        record_rows(id, name, record, &mut inserter)
    }

    /// Creates the schema's indexes now: rows added after this update them
    /// as they go. A run calls it a few records before its end (see
    /// `batch::aggregate`), so that the sorts behind `CREATE INDEX` overlap
    /// the workers' last files instead of following them; the point depends
    /// only on the number of inputs, so the database's bytes stay the same
    /// whatever `--jobs` is and whatever order files finish in.
    pub fn build_indexes(&mut self) -> std::io::Result<()> {
        if self.indexed {
            return Ok(());
        }
        self.indexed = true;
        self.connection
            .execute_batch(&format!("PRAGMA cache_size = {INDEX_CACHE}"))
            .and_then(|_| self.connection.execute_batch(schema_parts().1))
            .map_err(std::io::Error::other)
    }

    /// Creates the indexes if [`SqliteWriter::build_indexes`] has not,
    /// commits, closes and renames the database into place.
    pub fn finish(mut self) -> std::io::Result<()> {
        // Finalized first: a connection with statements open cannot close.
        self.inserts.clear();
        self.build_indexes()?;
        self.connection
            .execute_batch("COMMIT")
            .map_err(std::io::Error::other)?;
        self.connection
            .close()
            .map_err(|(_, e)| std::io::Error::other(e))?;
        std::fs::rename(&self.temporary, &self.target)
    }
}
