//! Whether a read report's data fits the schema: every number finite,
//! every `NOT NULL` column filled. Asked of every report read before
//! anything of it is written: by the worker (`batch::read_file`), by
//! `yujuesuan cells` for the cells it prints, and by the Python package.
//!
//! Why: the sinks disagree about a value that breaks the schema. JSON
//! prints a non-finite number as `null` (against the cells contract);
//! SQLite binds NaN as NULL, and one NULL in a `NOT NULL` column stopped
//! the whole run's database, every other report's rows with it. A report
//! whose data does not fit is a fault of ours: it becomes one classified
//! failure (`internal`) with the table and column named, and every other
//! report still lands in every output.
//!
//! What is checked is what data can break. The detail rows (checks, facts,
//! discrepancies …) are rows already, checked against their tables'
//! columns. A cell's row is made of the cell by `record_rows` (text and
//! integers from fields that have them, NULL only from optional fields in
//! nullable columns: a mapping the tests hold); what data can make wrong
//! there is a number, so the cell's numbers are checked where they are,
//! without making its row: making every cell's row a second time cost the
//! worker 2 % of its instructions over the text twins.

use crate::batch::outcome::Extracted;
use crate::error::{ErrorClass, ReadError};
use crate::output::cells::{Cell, cells};
use crate::output::record_rows::value_yuan;
use crate::output::rows::{DetailRows, Value, detail_rows};
use crate::output::schema::{TableDef, table};
use crate::report::Report;

/// The first of a cell's numbers that is not finite: its `cells` column
/// and value.
fn cell_non_finite(cell: &Cell) -> Option<(&'static str, f64)> {
    let corners = cell
        .bbox
        .as_ref()
        .map_or([0.0; 4], |b| [b.x0, b.y0, b.x1, b.y1]);
    let numbers = [
        ("value", cell.value),
        ("value_yuan", value_yuan(cell).unwrap_or(0.0)),
        ("x0", f64::from(corners[0])),
        ("y0", f64::from(corners[1])),
        ("x1", f64::from(corners[2])),
        ("y1", f64::from(corners[3])),
    ];
    numbers.into_iter().find(|(_, v)| !v.is_finite())
}

/// What breaks `table`'s schema in a detail row (its values after
/// `report_id`), in words.
fn detail_problem(table: &TableDef, row: &[Value<'_>]) -> Option<String> {
    let columns = table.columns.get(1..).unwrap_or_default();
    if row.len() != columns.len() {
        return Some(format!(
            "a row of `{}` has {} values for {} columns",
            table.name,
            row.len() + 1,
            table.columns.len()
        ));
    }
    columns
        .iter()
        .zip(row)
        .find_map(|(column, value)| match value {
            Value::Real(v) if !v.is_finite() => Some(format!(
                "`{}.{}` would be {v}, not a finite number",
                table.name, column.name
            )),
            Value::Null if !column.nullable => Some(format!(
                "`{}.{}` would be empty, and the schema requires a value",
                table.name, column.name
            )),
            _ => None,
        })
}

/// What in `cells` breaks the schema (a number that is not finite), in
/// words; `None` when they all fit.
fn cells_unstorable(cells: &[Cell]) -> Option<String> {
    let (column, v) = cells.iter().find_map(cell_non_finite)?;
    Some(format!(
        "`cells.{column}` would be {v}, not a finite number"
    ))
}

/// What in the detail rows breaks the schema, in words.
fn details_unstorable(details: &DetailRows) -> Option<String> {
    details.0.iter().find_map(|(name, rows)| {
        let Some(def) = table(name) else {
            return Some(format!("the schema has no table `{name}`"));
        };
        rows.iter().find_map(|row| detail_problem(def, row))
    })
}

/// What in `extracted` breaks the schema, in words; `None` when all of it
/// fits.
fn unstorable(extracted: &Extracted) -> Option<String> {
    cells_unstorable(&extracted.cells).or_else(|| details_unstorable(&extracted.details))
}

/// [`unstorable`] for a report not summarised for a run: its cells and
/// detail rows are made for the check, without the rest of
/// `batch::outcome::extracted` (the printed text of every cell).
fn report_unstorable(report: &Report) -> Option<String> {
    cells_unstorable(&cells(report)).or_else(|| details_unstorable(&detail_rows(report)))
}

/// `Ok` when a run's summary of a report fits the schema; otherwise the
/// fault that the worker reports instead of writing anything of it.
pub fn ensure_extracted(extracted: &Extracted) -> Result<(), ReadError> {
    as_fault(unstorable(extracted))
}

/// `Ok` when a report's cells fit the schema: `yujuesuan cells` and the
/// Python package ask before handing them out, since JSON would print a
/// non-finite number as `null`.
pub fn ensure_cells(cells: &[Cell]) -> Result<(), ReadError> {
    as_fault(cells_unstorable(cells))
}

/// `Ok` when a whole report (cells and detail rows) fits the schema: for
/// the Python package's report JSON and the fuzz targets.
pub fn ensure_report(report: &Report) -> Result<(), ReadError> {
    as_fault(report_unstorable(report))
}

fn as_fault(problem: Option<String>) -> Result<(), ReadError> {
    problem.map_or(Ok(()), |p| Err(fault(&p)))
}

/// The error of a report whose data breaks the schema (`problem`, from
/// the functions above): a fault of ours (`internal`), said as one, with
/// what to send.
fn fault(problem: &str) -> ReadError {
    ReadError::new(
        ErrorClass::Internal,
        format!(
            "read, but its data cannot be stored: {problem}. This is a fault of yujuesuan, not \
             of the report; nothing of it was written. Please report it with the file"
        ),
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::batch::limits::FileLimits;
    use crate::batch::outcome::Outcome;
    use crate::batch::read_file::read_bytes;
    use crate::templates::Templates;
    use std::path::Path;

    /// A bundled text twin as its worker extracts it.
    fn read_twin() -> Extracted {
        let templates = Templates::embedded().unwrap();
        let text = std::fs::read("corpus/text/calc-11-small-yuan.txt").unwrap();
        let path = Path::new("calc-11-small-yuan.txt");
        let (read, _) = read_bytes(&text, path, &templates, &FileLimits::default());
        match read.outcome {
            Outcome::Read(e) => e,
            Outcome::Failed(e) => panic!("{}", e.message),
        }
    }

    /// Rows as a sink receives them, checked against their tables.
    struct Rows(usize);

    impl crate::output::record_rows::RowSink for Rows {
        fn add_row(&mut self, table: &'static TableDef, row: &[Value<'_>]) -> std::io::Result<()> {
            assert_eq!(row.len(), table.columns.len(), "{}", table.name);
            for (column, value) in table.columns.iter().zip(row) {
                assert!(
                    column.nullable || !matches!(value, Value::Null),
                    "{}.{}",
                    table.name,
                    column.name
                );
            }
            self.0 += 1;
            Ok(())
        }
    }

    /// What the module leaves to the mapping: every row `record_rows`
    /// makes of a report fills its `NOT NULL` columns (cells included,
    /// whose rows are not made by the check).
    #[test]
    fn a_report_as_read_fits_the_schema() {
        let e = read_twin();
        assert!(!e.cells.is_empty() && !e.details.0["checks"].is_empty());
        assert_eq!(unstorable(&e), None);
        let record = crate::batch::record::Record {
            path: "x.txt".into(),
            sha256: None,
            outcome: Outcome::Read(e),
        };
        let mut rows = Rows(0);
        crate::output::record_rows::record_rows(1, "x", &record, &mut rows).unwrap();
        assert!(rows.0 > 100);
    }

    #[test]
    fn a_cell_value_that_is_not_finite_is_named() {
        for bad in [f64::NAN, f64::INFINITY, f64::NEG_INFINITY] {
            let mut e = read_twin();
            e.cells[3].value = bad;
            let problem = unstorable(&e).unwrap();
            assert!(problem.contains("`cells.value`"), "{problem}");
            assert_eq!(cells_unstorable(&e.cells), Some(problem));
            let mut e = read_twin();
            e.cells[5].bbox = Some(crate::provenance::BBox::from([1.0, bad as f32, 2.0, 3.0]));
            let problem = unstorable(&e).unwrap();
            assert!(problem.contains("`cells.y0`"), "{problem}");
        }
    }

    #[test]
    fn a_detail_row_that_breaks_a_not_null_column_is_named() {
        let mut e = read_twin();
        let checks = e.details.0.get_mut("checks").unwrap();
        // `difference`: the column whose NaN once lost a whole database.
        let difference = checks[0].len() - 2;
        checks[0][difference] = Value::Real(f64::NAN);
        let problem = unstorable(&e).unwrap();
        assert!(problem.contains("`checks.difference`"), "{problem}");

        let mut e = read_twin();
        let checks = e.details.0.get_mut("checks").unwrap();
        checks[0][1] = Value::Null;
        let problem = unstorable(&e).unwrap();
        assert!(
            problem.contains("`checks.kind`") && problem.contains("empty"),
            "{problem}"
        );

        let mut e = read_twin();
        e.details.0.get_mut("checks").unwrap()[0].pop();
        let problem = unstorable(&e).unwrap();
        assert!(problem.contains("values for"), "{problem}");

        let mut e = read_twin();
        e.details.0.insert("no_such_table".into(), vec![vec![]]);
        assert!(unstorable(&e).unwrap().contains("no table"));
    }

    /// The cell columns the check names are the schema's REAL columns of
    /// `cells`, and every REAL column of `cells` is checked.
    #[test]
    fn the_cell_numbers_checked_are_the_real_columns_of_cells() {
        let cells = table("cells").unwrap();
        let real: Vec<&str> = cells
            .columns
            .iter()
            .filter(|c| c.kind == crate::output::schema::ColumnType::Real)
            .map(|c| c.name.as_str())
            .collect();
        assert_eq!(real, ["value", "value_yuan", "x0", "y0", "x1", "y1"]);
        let cell = read_twin().cells.remove(0);
        let mut bad = cell.clone();
        bad.value = 1e308;
        bad.amount_unit = Some("万元".into());
        assert_eq!(cell_non_finite(&bad).map(|(c, _)| c), Some("value_yuan"));
        assert_eq!(cell_non_finite(&cell), None);
    }

    /// The report, checked without a run's summary, fits as its summary
    /// does; the fault is ours and says what broke.
    #[test]
    fn a_report_checked_outside_a_run_fits_and_a_fault_is_internal() {
        let templates = Templates::embedded().unwrap();
        let text = std::fs::read("corpus/text/calc-11-small-yuan.txt").unwrap();
        let report = crate::read_report_bytes(&text, Path::new("a.txt"), &templates).unwrap();
        assert_eq!(report_unstorable(&report), None);
        assert_eq!(ensure_report(&report), Ok(()));
        let e = fault("`cells.value` would be inf, not a finite number");
        assert_eq!(e.class, ErrorClass::Internal);
        assert!(e.message.contains("`cells.value` would be inf") && e.message.contains("fault"));
    }

    #[test]
    fn a_nullable_column_may_be_empty() {
        let mut e = read_twin();
        e.info.unit = None;
        e.info.year = None;
        assert_eq!(unstorable(&e), None);
    }
}
