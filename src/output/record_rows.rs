//! One input file's record as rows of every database table, in the
//! schema's column order with `report_id` first: the one mapping from a
//! record to rows, shared by the SQLite database, the Parquet files, the
//! Excel workbook and the PostgreSQL load.

use crate::batch::outcome::Outcome;
use crate::batch::record::Record;
use crate::output::cells::Cell;
use crate::output::rows::{Value, int};
use crate::output::schema::{TableDef, table};
use std::path::Path;

/// Receives rows: the table and the values in its column order.
pub trait RowSink {
    /// Adds one row.
    fn add_row(&mut self, table: &'static TableDef, row: &[Value<'_>]) -> std::io::Result<()>;
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

/// A cell's value in 元, to the fen, so that 187.89 万元 is 1878900 元, not
/// 1878899.9999999998; `None` when the unit was not printed.
pub fn value_yuan(cell: &Cell) -> Option<f64> {
    yuan_factor(cell.amount_unit.as_deref()).map(|f| (cell.value * f * 100.0).round() / 100.0)
}

/// The schema's table `name`; an error when the schema lacks it (a
/// mismatch between this code and `schema/sqlite.sql`, caught by tests).
fn def(name: &str) -> std::io::Result<&'static TableDef> {
    table(name).ok_or_else(|| std::io::Error::other(format!("schema has no table {name}")))
}

/// Sends every row of input `id` (named `name`) to `sink`.
pub fn record_rows(
    id: i64,
    name: &str,
    record: &Record,
    sink: &mut impl RowSink,
) -> std::io::Result<()> {
    let stem = crate::pipeline::stem_of(Path::new(&record.path));
    let id_value = Value::Int(id);
    match &record.outcome {
        Outcome::Read(e) => {
            let i = &e.info;
            sink.add_row(
                def("reports")?,
                &[
                    id_value.clone(),
                    Value::text(name),
                    Value::text(&i.report),
                    Value::text(&record.path),
                    Value::opt_text(record.sha256.as_deref()),
                    Value::text("read"),
                    Value::text(&i.input_kind),
                    Value::opt_text(i.unit.as_deref()),
                    Value::opt_int(i.year),
                    Value::opt_text(i.amount_unit.as_deref()),
                    Value::Int(i.pages.into()),
                    int(i.tables.len()),
                    int(e.cells.len()),
                    int(i.warnings),
                    Value::Int(i.findings.fail.into()),
                    Value::Int(i.findings.unverified.into()),
                    Value::Int(i.findings.discrepancies.into()),
                    Value::Int(i.findings.unverified_discrepancies.into()),
                ],
            )?;
            let tables = def("tables")?;
            for (seq, t) in i.tables.iter().enumerate() {
                let row = [
                    id_value.clone(),
                    int(seq + 1),
                    Value::text(&t.kind),
                    Value::text(&t.title),
                    Value::opt_int(t.number),
                    Value::Int(t.page.into()),
                    Value::opt_text(t.amount_unit.as_deref()),
                    Value::Int(t.empty.into()),
                    int(t.rows),
                    int(t.cells),
                ];
                sink.add_row(tables, &row)?;
            }
            let cells = def("cells")?;
            for (i, c) in e.cells.iter().enumerate() {
                let printed = e.printed.get(i).and_then(|p| p.as_deref());
                sink.add_row(cells, &cell_row(id, c, printed))?;
            }
            let mut row: Vec<Value<'_>> = Vec::new();
            for (table_name, rows) in &e.details.0 {
                let table = def(table_name)?;
                for r in rows {
                    row.clear();
                    row.push(id_value.clone());
                    // Borrowed, not cloned: a copy of every text of every
                    // check, fact and section row was an allocation each.
                    row.extend(r.iter().map(Value::borrowed));
                    sink.add_row(table, &row)?;
                }
            }
            Ok(())
        }
        Outcome::Failed(err) => {
            let mut row = vec![
                id_value.clone(),
                Value::text(name),
                Value::text(&stem),
                Value::text(&record.path),
                Value::opt_text(record.sha256.as_deref()),
                Value::text("failed"),
            ];
            row.resize(def("reports")?.columns.len(), Value::Null);
            sink.add_row(def("reports")?, &row)?;
            sink.add_row(
                def("errors")?,
                &[
                    id_value,
                    Value::text(&record.path),
                    Value::text(err.class.as_str()),
                    Value::text(&err.message),
                ],
            )
        }
    }
}

/// A cell's row: the contract's fields, `report_id`, `value_yuan`, the
/// number as printed, and where it is printed (page and box for PDF input,
/// line for text).
fn cell_row<'a>(id: i64, c: &'a Cell, printed: Option<&'a str>) -> [Value<'a>; 19] {
    let corner = |f: fn(&crate::provenance::BBox) -> f32| {
        Value::opt_real(c.bbox.as_ref().map(|b| f64::from(f(b))))
    };
    [
        Value::Int(id),
        Value::text(&c.report),
        Value::text(c.document.as_str()),
        Value::opt_text(c.unit.as_deref()),
        Value::opt_int(c.year),
        Value::opt_text(c.amount_unit.as_deref()),
        Value::text(&c.table),
        Value::text(&c.row),
        Value::text(&c.row_name),
        Value::text(&c.column),
        Value::Real(c.value),
        Value::opt_real(value_yuan(c)),
        Value::opt_text(printed),
        Value::opt_int(c.page),
        corner(|b| b.x0),
        corner(|b| b.y0),
        corner(|b| b.x1),
        corner(|b| b.y1),
        Value::opt_int(c.line),
    ]
}
