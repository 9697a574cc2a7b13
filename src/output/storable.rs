//! Whether a record's rows fit the schema: every REAL finite, every
//! `NOT NULL` column filled. Asked once per report, by the worker that read
//! it, before anything is written.
//!
//! Why: the sinks disagree about a value that breaks the schema. JSON
//! prints a non-finite number as `null` (against the cells contract);
//! SQLite binds NaN as NULL, and one NULL in a `NOT NULL` column stopped
//! the whole run's database, every other report's rows with it. A report
//! whose rows do not fit is a fault of ours: it becomes one classified
//! failure (`internal`) with the table and column named, and every other
//! report still lands in every output.

use crate::batch::outcome::Extracted;
use crate::output::record_rows::{RowSink, read_rows};
use crate::output::rows::Value;
use crate::output::schema::TableDef;

/// Checks rows without storing them; stops at the first that breaks the
/// schema (the error is only the stop signal, the words are in `problem`).
#[derive(Default)]
struct SchemaCheck {
    problem: Option<String>,
}

impl RowSink for SchemaCheck {
    fn add_row(&mut self, table: &'static TableDef, row: &[Value<'_>]) -> std::io::Result<()> {
        if row.len() != table.columns.len() {
            self.problem = Some(format!(
                "a row of `{}` has {} values for {} columns",
                table.name,
                row.len(),
                table.columns.len()
            ));
        }
        for (column, value) in table.columns.iter().zip(row) {
            if self.problem.is_some() {
                break;
            }
            self.problem = match value {
                Value::Real(v) if !v.is_finite() => Some(format!(
                    "`{}.{}` would be {v}, not a finite number",
                    table.name, column.name
                )),
                Value::Null if !column.nullable => Some(format!(
                    "`{}.{}` would be empty, and the schema requires a value",
                    table.name, column.name
                )),
                _ => None,
            };
        }
        match self.problem {
            Some(_) => Err(std::io::Error::other("row breaks the schema")),
            None => Ok(()),
        }
    }
}

/// What in `extracted`, read from `path`, breaks the schema, in words;
/// `None` when every row of every table fits.
pub fn unstorable(path: &str, extracted: &Extracted) -> Option<String> {
    let mut check = SchemaCheck::default();
    let mapped = read_rows(1, path, path, None, extracted, &mut check);
    match (check.problem, mapped) {
        (Some(problem), _) => Some(problem),
        (None, Err(e)) => Some(format!("its rows cannot be made: {e}")),
        (None, Ok(())) => None,
    }
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

    #[test]
    fn a_report_as_read_fits_the_schema() {
        let e = read_twin();
        assert!(!e.cells.is_empty() && !e.details.0["checks"].is_empty());
        assert_eq!(unstorable("x.txt", &e), None);
    }

    #[test]
    fn a_cell_value_that_is_not_finite_is_named() {
        for bad in [f64::NAN, f64::INFINITY, f64::NEG_INFINITY] {
            let mut e = read_twin();
            e.cells[3].value = bad;
            let problem = unstorable("x.txt", &e).unwrap();
            assert!(problem.contains("`cells.value`"), "{problem}");
        }
    }

    #[test]
    fn a_detail_row_that_breaks_a_not_null_column_is_named() {
        let mut e = read_twin();
        let checks = e.details.0.get_mut("checks").unwrap();
        // `difference`: the column whose NaN once lost a whole database.
        let difference = checks[0].len() - 2;
        checks[0][difference] = Value::Real(f64::NAN);
        let problem = unstorable("x.txt", &e).unwrap();
        assert!(problem.contains("`checks.difference`"), "{problem}");

        let mut e = read_twin();
        let checks = e.details.0.get_mut("checks").unwrap();
        checks[0][1] = Value::Null;
        let problem = unstorable("x.txt", &e).unwrap();
        assert!(
            problem.contains("`checks.kind`") && problem.contains("empty"),
            "{problem}"
        );

        let mut e = read_twin();
        e.details.0.get_mut("checks").unwrap()[0].pop();
        let problem = unstorable("x.txt", &e).unwrap();
        assert!(problem.contains("values for"), "{problem}");
    }

    #[test]
    fn a_nullable_column_may_be_empty() {
        let mut e = read_twin();
        e.info.unit = None;
        e.info.year = None;
        assert_eq!(unstorable("x.txt", &e), None);
    }
}
