//! `--format parquet`: one Parquet file per database table,
//! `OUT/parquet/<table>.parquet` (`cells.parquet`, `checks.parquet`, …),
//! with the tables, columns and types of `schema/sqlite.sql` (INTEGER →
//! int64, REAL → double, TEXT → UTF-8 string, NOT NULL → required) and the
//! rows of [`record_rows`], the same as the database's.
//!
//! Streamed: rows collect in Arrow builders of at most [`BATCH_ROWS`] rows
//! or [`BATCH_BYTES`] of values, each full batch goes to the Parquet writer, which closes a row group at
//! [`ROW_GROUP_ROWS`] rows or [`ROW_GROUP_BYTES`] encoded bytes, and the
//! largest open group whenever all of them together hold more than
//! [`OPEN_GROUPS_BYTES`], so memory stays bounded however large the run. Deterministic: the same rows give the
//! same bytes (a fixed `created_by`, no timestamps; batch and row-group
//! boundaries depend only on the rows). TEXT columns whose values repeat
//! (kinds, names, units, row keys: [`Column::repeated`]) are Arrow
//! dictionary arrays (`dictionary<int32, utf8>`), so readers get them as
//! dictionaries or categoricals; the mostly-distinct ones (sentences, paths)
//! and the numbers are plain, without a Parquet dictionary (see
//! `properties`). Pages are Snappy-compressed.

use crate::batch::record::Record;
use crate::output::atomic_file::AtomicFile;
use crate::output::record_rows::{RowSink, record_rows};
use crate::output::rows::Value;
use crate::output::schema::{Column, ColumnType, TableDef, tables};
use arrow_array::builder::{Float64Builder, Int64Builder, StringBuilder, StringDictionaryBuilder};
use arrow_array::types::Int32Type;
use arrow_array::{ArrayRef, RecordBatch};
use arrow_schema::{DataType, Field, Schema, SchemaRef};
use parquet::arrow::ArrowWriter;
use parquet::basic::Compression;
use parquet::file::properties::{EnabledStatistics, WriterProperties};
use parquet::schema::types::ColumnPath;
use std::path::Path;
use std::sync::Arc;

/// Rows collected before they are handed to the Parquet writer.
pub const BATCH_ROWS: usize = 8192;

/// Bytes of values (text lengths, 8 per number) collected before they are
/// handed to the Parquet writer, whatever the rows: 8,192 rows of `sections`
/// text would otherwise hold megabytes per table in the builders. Eleven
/// tables' builders may all be nearly full at once, so this is kept small.
pub const BATCH_BYTES: usize = 256 * 1024;

/// Rows per row group at most (a large run's cells make many groups,
/// which readers such as DuckDB scan in parallel).
pub const ROW_GROUP_ROWS: usize = 256 * 1024;

/// Encoded bytes per row group at most (the `sections` text is large per row).
pub const ROW_GROUP_BYTES: usize = 8 * 1024 * 1024;

/// Bytes of a data page before it is compressed and set aside. Each column
/// of an open row group holds its current page uncompressed (the writer's
/// default, 1 MB or 20,000 rows, let a `cells` group hold a quarter of the
/// budget in pages not yet compressed); small pages keep the open groups
/// compressed, so a group holds many more rows within the budget.
pub const DATA_PAGE_BYTES: usize = 64 * 1024;

/// Memory that the open row groups of all the files may hold together.
/// Every table's open row group stays in memory until it closes; with a cap
/// per file only, the sum crept up with a run's length, as more of the
/// eleven files happened to hold a nearly full group at once (peak heap 35
/// → 50 MB from 1,200 to 12,000 reports, `examples/parquet_memory.rs`; 16 →
/// 22 MB with this cap). Past this sum the largest open group is closed,
/// whatever the run's size; the choice depends only on the rows, so the
/// bytes stay deterministic. Smaller caps make more, smaller row groups,
/// whose metadata the writer keeps until the footer (8 MB grew the heap by
/// 13 MB over the same run).
pub const OPEN_GROUPS_BYTES: usize = 12 * 1024 * 1024;

/// The `created_by` written into every file: fixed, so that bytes do not
/// change with the library's version string.
const CREATED_BY: &str = "yujuesuan";

/// One column being filled.
enum ColumnBuilder {
    Integer(Int64Builder),
    Real(Float64Builder),
    Text(StringBuilder),
    Repeated(StringDictionaryBuilder<Int32Type>),
}

/// One table's file being written.
struct TableFile {
    def: &'static TableDef,
    schema: SchemaRef,
    columns: Vec<ColumnBuilder>,
    rows: usize,
    /// Bytes of values in the builders (see [`BATCH_BYTES`]).
    bytes: usize,
    writer: ArrowWriter<AtomicFile>,
}

/// The Parquet files of a run being written.
pub struct ParquetWriter {
    files: Vec<TableFile>,
    next_id: i64,
}

/// Arrow's type for a column.
fn arrow_type(column: &Column) -> DataType {
    match column.kind {
        ColumnType::Integer => DataType::Int64,
        ColumnType::Real => DataType::Float64,
        ColumnType::Text if column.repeated => {
            DataType::Dictionary(Box::new(DataType::Int32), Box::new(DataType::Utf8))
        }
        ColumnType::Text => DataType::Utf8,
    }
}

/// The Arrow schema of a table.
fn arrow_schema(def: &TableDef) -> SchemaRef {
    let fields: Vec<Field> = def
        .columns
        .iter()
        .map(|c| Field::new(&c.name, arrow_type(c), c.nullable))
        .collect();
    Arc::new(Schema::new(fields))
}

/// Empty builders for a table's columns.
fn builders(def: &TableDef) -> Vec<ColumnBuilder> {
    let one = |c: &Column| match c.kind {
        ColumnType::Integer => ColumnBuilder::Integer(Int64Builder::with_capacity(BATCH_ROWS)),
        ColumnType::Real => ColumnBuilder::Real(Float64Builder::with_capacity(BATCH_ROWS)),
        ColumnType::Text if c.repeated => ColumnBuilder::Repeated(StringDictionaryBuilder::new()),
        ColumnType::Text => ColumnBuilder::Text(StringBuilder::new()),
    };
    def.columns.iter().map(one).collect()
}

/// The writer settings of one table's file. Only the repeated text columns
/// are dictionary-encoded: the writer's default encodes every column with a
/// dictionary until it reaches 1 MB, so numbers, boxes and free text, whose
/// values rarely repeat, each held a megabyte of dictionary per open row
/// group. Those dictionaries filled the open groups' budget at ~15,000 cells
/// a group, and the writer keeps every closed group's metadata until the
/// footer: 1,081 row groups over 20,000 reports, the parent's memory growing
/// with the run (docs/data-formats.md).
fn properties(def: &TableDef) -> WriterProperties {
    def.columns
        .iter()
        .filter(|c| !c.repeated)
        .fold(WriterProperties::builder(), |b, c| {
            b.set_column_dictionary_enabled(ColumnPath::from(c.name.as_str()), false)
        })
        .set_created_by(CREATED_BY.to_string())
        .set_compression(Compression::SNAPPY)
        .set_data_page_size_limit(DATA_PAGE_BYTES)
        .set_statistics_enabled(EnabledStatistics::Chunk)
        .set_offset_index_disabled(true)
        .set_max_row_group_row_count(Some(ROW_GROUP_ROWS))
        .set_max_row_group_bytes(Some(ROW_GROUP_BYTES))
        .build()
}

/// A Parquet error as an I/O error.
fn io(e: impl std::fmt::Display) -> std::io::Error {
    std::io::Error::other(e.to_string())
}

/// The error for a value of the wrong type: the rows and the schema disagree.
fn mismatch(def: &TableDef, column: usize, value: &Value<'_>) -> std::io::Error {
    let name = def.columns.get(column).map_or("?", |c| c.name.as_str());
    io(format!(
        "parquet: {}.{name} cannot hold {value:?}",
        def.name
    ))
}

/// What a value adds to a batch's bytes (see [`BATCH_BYTES`]).
fn value_bytes(value: &Value<'_>) -> usize {
    match value {
        Value::Text(t) => t.len(),
        _ => 8,
    }
}

impl ColumnBuilder {
    /// Appends one value; an integer is accepted where a float is declared.
    fn append(&mut self, value: &Value<'_>) -> Result<(), ()> {
        match (self, value) {
            (ColumnBuilder::Integer(b), Value::Int(i)) => b.append_value(*i),
            (ColumnBuilder::Integer(b), Value::Null) => b.append_null(),
            (ColumnBuilder::Real(b), Value::Real(r)) => b.append_value(*r),
            (ColumnBuilder::Real(b), Value::Int(i)) => b.append_value(*i as f64),
            (ColumnBuilder::Real(b), Value::Null) => b.append_null(),
            (ColumnBuilder::Text(b), Value::Text(t)) => b.append_value(t),
            (ColumnBuilder::Text(b), Value::Null) => b.append_null(),
            (ColumnBuilder::Repeated(b), Value::Text(t)) => {
                // Fails only past 2^31 distinct values in one batch of BATCH_ROWS.
                b.append(t).map_err(|_| ())?;
            }
            (ColumnBuilder::Repeated(b), Value::Null) => b.append_null(),
            _ => return Err(()),
        }
        Ok(())
    }

    /// The column so far as an array; the builder starts again empty.
    fn finish(&mut self) -> ArrayRef {
        match self {
            ColumnBuilder::Integer(b) => Arc::new(b.finish()),
            ColumnBuilder::Real(b) => Arc::new(b.finish()),
            ColumnBuilder::Text(b) => Arc::new(b.finish()),
            ColumnBuilder::Repeated(b) => Arc::new(b.finish()),
        }
    }
}

impl TableFile {
    /// Hands the collected rows to the Parquet writer.
    fn write_batch(&mut self) -> std::io::Result<()> {
        if self.rows == 0 {
            return Ok(());
        }
        let arrays: Vec<ArrayRef> = self.columns.iter_mut().map(ColumnBuilder::finish).collect();
        let batch = RecordBatch::try_new(self.schema.clone(), arrays).map_err(io)?;
        self.rows = 0;
        self.bytes = 0;
        self.writer.write(&batch).map_err(io)
    }
}

impl RowSink for ParquetWriter {
    fn add_row(&mut self, table: &'static TableDef, row: &[Value<'_>]) -> std::io::Result<()> {
        let file = self
            .files
            .get_mut(table.index)
            .ok_or_else(|| io(format!("parquet: no file for {}", table.name)))?;
        if row.len() != file.columns.len() {
            return Err(io(format!(
                "parquet: {} has {} columns, the row {}",
                table.name,
                file.columns.len(),
                row.len()
            )));
        }
        for (i, (builder, value)) in file.columns.iter_mut().zip(row).enumerate() {
            builder
                .append(value)
                .map_err(|()| mismatch(table, i, value))?;
        }
        file.rows += 1;
        file.bytes += row.iter().map(value_bytes).sum::<usize>();
        if file.rows >= BATCH_ROWS || file.bytes >= BATCH_BYTES {
            file.write_batch()?;
            self.close_groups_over_budget()?;
        }
        Ok(())
    }
}

impl ParquetWriter {
    /// Starts `dir/<table>.parquet` for every table of the schema (each
    /// replaced only when the run finishes).
    pub fn create(dir: &Path) -> std::io::Result<Self> {
        std::fs::create_dir_all(dir)?;
        let mut files = Vec::new();
        for def in tables() {
            let schema = arrow_schema(def);
            let file = AtomicFile::create(&dir.join(format!("{}.parquet", def.name)))?;
            let writer =
                ArrowWriter::try_new(file, schema.clone(), Some(properties(def))).map_err(io)?;
            files.push(TableFile {
                def,
                schema,
                columns: builders(def),
                rows: 0,
                bytes: 0,
                writer,
            });
        }
        Ok(ParquetWriter { files, next_id: 1 })
    }

    /// Closes the largest open row groups until all of them together hold
    /// at most [`OPEN_GROUPS_BYTES`].
    fn close_groups_over_budget(&mut self) -> std::io::Result<()> {
        loop {
            let held: usize = self.files.iter().map(|f| f.writer.memory_size()).sum();
            if held <= OPEN_GROUPS_BYTES {
                return Ok(());
            }
            let largest = self
                .files
                .iter_mut()
                .filter(|f| f.writer.in_progress_rows() > 0)
                .max_by_key(|f| f.writer.memory_size());
            match largest {
                Some(file) => file.writer.flush().map_err(io)?,
                None => return Ok(()),
            }
        }
    }

    /// Adds one input file under its output name (its `report_id` is its
    /// position in the run, as in the database).
    pub fn add_record(&mut self, name: &str, record: &Record) -> std::io::Result<()> {
        let id = self.next_id;
        self.next_id += 1;
        record_rows(id, name, record, self)
    }

    /// Writes the last rows and the footers, and renames every file into place.
    pub fn finish(self) -> std::io::Result<()> {
        let mut committed = Vec::new();
        for mut file in self.files {
            file.write_batch()?;
            let name = &file.def.name;
            let inner = file
                .writer
                .into_inner()
                .map_err(|e| io(format!("parquet: {name}: {e}")))?;
            committed.push(inner);
        }
        committed.into_iter().try_for_each(AtomicFile::commit)
    }
}
