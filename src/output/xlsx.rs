//! `--format xlsx`: `OUT/yujuesuan.xlsx`, the run for people who open
//! Excel. Sheets:
//!
//! - `notes`: what each sheet holds, and where a sheet was split;
//! - one per table kind (`income`, `expenditure`, …): one row per report ×
//!   row key, with the report's name, unit, year and amount unit, the row
//!   key and name, then one column per canonical column of the kind (from
//!   the built-in grammars, every side and variant), amounts as numbers
//!   shown as the report prints them: the cell's printed text decides its
//!   number format (`1,234.50` → `#,##0.00`, `6.1` → `0.0`, `12` → `0`;
//!   two decimals with separators when the text is unknown);
//! - `other_cells`: cells whose column the built-in grammars do not list
//!   for their kind (a `--grammars` variant's own columns), one per row;
//! - `checks_not_passed`: every check whose outcome is not `pass`;
//! - `discrepancies`: every discrepancy.
//!
//! Every sheet has a frozen, bold header and a filter. Rows come from
//! [`record_rows`] (the database's), in input order, and sheets are written
//! in rust_xlsxwriter's constant-memory mode (each sheet streams to a
//! temporary file), so memory stays flat. A sheet that reaches Excel's row
//! limit continues on `<sheet> (2)`, `(3)` …, and `notes` says so.

use crate::batch::record::Record;
use crate::output::atomic_file::temporary_path;
use crate::output::printed::number_format;
use crate::output::record_rows::{RowSink, record_rows};
use crate::output::rows::Value;
use crate::output::schema::TableDef;
use crate::templates::Templates;
use rust_xlsxwriter::{DocProperties, ExcelDateTime, Format, Workbook, Worksheet, XlsxError};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// Rows per worksheet in Excel, the header included.
pub const EXCEL_MAX_ROWS: u32 = 1_048_576;

/// Data rows per worksheet: Excel's limit, or fewer when the environment
/// variable `YUJUESUAN_XLSX_MAX_ROWS` says so (for testing splits without
/// writing a million rows).
fn max_rows_per_sheet() -> u32 {
    std::env::var("YUJUESUAN_XLSX_MAX_ROWS")
        .ok()
        .and_then(|v| v.parse::<u32>().ok())
        .map_or(EXCEL_MAX_ROWS - 1, |n| n.clamp(1, EXCEL_MAX_ROWS - 1))
}

/// Excel's longest sheet name.
const MAX_SHEET_NAME: usize = 31;

/// The leading columns of a table-kind sheet.
const KEY_COLUMNS: [&str; 6] = ["report", "unit", "year", "amount_unit", "row", "row_name"];

/// The columns of `other_cells`.
const OTHER_COLUMNS: [&str; 9] = [
    "report",
    "unit",
    "year",
    "amount_unit",
    "table",
    "row",
    "row_name",
    "column",
    "value",
];

/// One logical sheet, possibly split over several worksheets.
struct Sheet {
    /// The base name.
    name: String,
    /// The header.
    columns: Vec<String>,
    /// The workbook index of the worksheet being filled.
    index: usize,
    /// Data rows in that worksheet.
    rows: u32,
    /// Worksheets used so far.
    parts: u32,
    /// Data rows in all parts.
    total: u64,
    /// What the sheet holds, for `notes`.
    about: String,
}

/// The report whose rows are being added (from its `reports` row).
#[derive(Default)]
struct Current {
    name: String,
    unit: Option<String>,
    year: Option<i64>,
}

/// A table-kind row being gathered: the cells of one report × row key,
/// each value with its printed text.
struct PendingRow {
    kind: String,
    key: Vec<Value<'static>>,
    values: Vec<Option<(f64, Option<String>)>>,
}

/// The number format of an amount whose printed text is unknown.
const DEFAULT_AMOUNT_FORMAT: &str = "#,##0.00";

/// The workbook of a run being written.
pub struct XlsxWriter {
    workbook: Workbook,
    target: PathBuf,
    temporary: PathBuf,
    /// Data rows per worksheet before a split.
    max_rows: u32,
    /// Canonical columns per table kind, from the built-in grammars.
    kind_columns: BTreeMap<String, Vec<String>>,
    /// Sheets by base name.
    sheets: BTreeMap<String, Sheet>,
    /// Sheet base names in creation order.
    order: Vec<String>,
    current: Current,
    pending: Option<PendingRow>,
    header: Format,
    /// Amount formats by number format string, made once each.
    amount_formats: BTreeMap<String, Format>,
    next_id: i64,
    /// Worksheets added so far.
    worksheets: usize,
}

/// The canonical columns of every table kind: each template's columns and
/// its sides' columns, in file order, without repeats.
fn kind_columns(templates: &Templates) -> BTreeMap<String, Vec<String>> {
    let mut out: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for compiled in &templates.tables {
        let t = &compiled.template;
        let list = out.entry(t.kind.clone()).or_default();
        let sides = t.sides.iter().flat_map(|s| s.columns.iter());
        for column in t.columns.iter().chain(sides) {
            if !list.contains(&column.label) {
                list.push(column.label.clone());
            }
        }
    }
    out
}

/// A worksheet name within Excel's limit: `base` cut to fit, then the part
/// number for a continuation.
fn worksheet_name(base: &str, part: u32) -> String {
    let suffix = if part > 1 {
        format!(" ({part})")
    } else {
        String::new()
    };
    let room = MAX_SHEET_NAME.saturating_sub(suffix.chars().count());
    let cut: String = base.chars().take(room).collect();
    format!("{cut}{suffix}")
}

/// An Excel error as an I/O error.
fn io(e: XlsxError) -> std::io::Error {
    std::io::Error::other(format!("xlsx: {e}"))
}

/// Text of a value, for the key columns.
fn as_text(value: &Value<'_>) -> Option<String> {
    match value {
        Value::Text(t) => Some(t.to_string()),
        _ => None,
    }
}

/// The value of column `name` in a row of `table`.
fn field<'r, 'a>(table: &TableDef, row: &'r [Value<'a>], name: &str) -> Option<&'r Value<'a>> {
    let i = table.columns.iter().position(|c| c.name == name)?;
    row.get(i)
}

/// The value as an owned value (text copied).
fn owned(value: Option<&Value<'_>>) -> Value<'static> {
    match value {
        Some(Value::Int(i)) => Value::Int(*i),
        Some(Value::Real(r)) => Value::Real(*r),
        Some(Value::Text(t)) => Value::Text(t.to_string().into()),
        _ => Value::Null,
    }
}

impl XlsxWriter {
    /// Starts a workbook that will replace `path` when finished.
    pub fn create(path: &Path) -> std::io::Result<Self> {
        let templates = Templates::embedded().map_err(std::io::Error::other)?;
        Self::with_limit(path, &templates, max_rows_per_sheet())
    }

    /// [`XlsxWriter::create`] with `max_rows` data rows per worksheet.
    pub fn with_limit(path: &Path, templates: &Templates, max_rows: u32) -> std::io::Result<Self> {
        let mut workbook = Workbook::new();
        // A fixed date, so the same run gives the same bytes.
        let created = ExcelDateTime::from_ymd(2000, 1, 1).map_err(io)?;
        workbook.set_properties(&DocProperties::new().set_creation_datetime(&created));
        if let Some(dir) = path.parent() {
            workbook.set_tempdir(dir).map_err(io)?;
        }
        let mut writer = XlsxWriter {
            workbook,
            target: path.to_path_buf(),
            temporary: temporary_path(path),
            max_rows: max_rows.max(1),
            kind_columns: kind_columns(templates),
            sheets: BTreeMap::new(),
            order: Vec::new(),
            current: Current::default(),
            pending: None,
            header: Format::new().set_bold(),
            amount_formats: BTreeMap::new(),
            next_id: 1,
            worksheets: 0,
        };
        writer.open_sheet("notes", vec!["sheet".into(), "what it holds".into()], "")?;
        Ok(writer)
    }

    /// Adds one input file (its `report_id` is its position in the run).
    pub fn add_record(&mut self, name: &str, record: &Record) -> std::io::Result<()> {
        let id = self.next_id;
        self.next_id += 1;
        record_rows(id, name, record, self)
    }

    /// Creates a sheet (its first worksheet) with its header.
    fn open_sheet(&mut self, name: &str, columns: Vec<String>, about: &str) -> std::io::Result<()> {
        let index = self.new_worksheet(name, 1, &columns)?;
        self.sheets.insert(
            name.to_string(),
            Sheet {
                name: name.to_string(),
                columns,
                index,
                rows: 0,
                parts: 1,
                total: 0,
                about: about.to_string(),
            },
        );
        self.order.push(name.to_string());
        Ok(())
    }

    /// Adds a worksheet with a frozen bold header; returns its index.
    fn new_worksheet(
        &mut self,
        base: &str,
        part: u32,
        columns: &[String],
    ) -> std::io::Result<usize> {
        let index = self.worksheets;
        self.worksheets += 1;
        let header = self.header.clone();
        let sheet = self
            .workbook
            .add_worksheet_with_constant_memory()
            .map_err(io)?;
        sheet.set_name(worksheet_name(base, part)).map_err(io)?;
        for (c, name) in columns.iter().enumerate() {
            let c = u16::try_from(c).unwrap_or(u16::MAX);
            sheet
                .write_string_with_format(0, c, name, &header)
                .map_err(io)?;
        }
        sheet.set_freeze_panes(1, 0).map_err(io)?;
        Ok(index)
    }

    /// The worksheet for the next row of sheet `name`, starting a new part
    /// when the current one is full; returns it with the row number.
    fn next_row(&mut self, name: &str) -> std::io::Result<(&mut Worksheet, u32)> {
        let full = self
            .sheets
            .get(name)
            .map(|s| (s.rows >= self.max_rows, s.parts, s.columns.clone()));
        if let Some((true, parts, columns)) = full {
            self.finish_filter(name)?;
            let index = self.new_worksheet(name, parts + 1, &columns)?;
            if let Some(s) = self.sheets.get_mut(name) {
                s.index = index;
                s.rows = 0;
                s.parts += 1;
            }
        }
        let sheet = self
            .sheets
            .get_mut(name)
            .ok_or_else(|| std::io::Error::other(format!("xlsx: no sheet {name}")))?;
        sheet.rows += 1;
        sheet.total += 1;
        let row = sheet.rows;
        let index = sheet.index;
        let worksheet = self.workbook.worksheet_from_index(index).map_err(io)?;
        Ok((worksheet, row))
    }

    /// Puts a filter on the current worksheet of sheet `name`.
    fn finish_filter(&mut self, name: &str) -> std::io::Result<()> {
        let Some(s) = self.sheets.get(name) else {
            return Ok(());
        };
        let (index, rows, last) = (s.index, s.rows, s.columns.len().saturating_sub(1));
        let last = u16::try_from(last).unwrap_or(u16::MAX);
        let worksheet = self.workbook.worksheet_from_index(index).map_err(io)?;
        worksheet.autofilter(0, 0, rows, last).map_err(io)?;
        Ok(())
    }

    /// The format of an amount printed as `printed` (see [`number_format`]).
    fn amount_format(&mut self, printed: Option<&str>) -> Format {
        let code = printed.map_or_else(|| DEFAULT_AMOUNT_FORMAT.to_string(), number_format);
        self.amount_formats
            .entry(code)
            .or_insert_with_key(|code| Format::new().set_num_format(code))
            .clone()
    }

    /// Writes one row of values to sheet `name` (numbers as numbers); a
    /// value with a format in `formats` (by column) is written with it.
    fn write_row(
        &mut self,
        name: &str,
        values: &[Value<'_>],
        formats: &[Option<Format>],
    ) -> std::io::Result<()> {
        let (sheet, row) = self.next_row(name)?;
        for (i, value) in values.iter().enumerate() {
            let c = u16::try_from(i).unwrap_or(u16::MAX);
            let format = formats.get(i).and_then(Option::as_ref);
            match (value, format) {
                (Value::Null, _) => continue,
                (Value::Int(i), _) => sheet.write_number(row, c, *i as f64),
                (Value::Real(r), Some(f)) => sheet.write_number_with_format(row, c, *r, f),
                (Value::Real(r), None) => sheet.write_number(row, c, *r),
                (Value::Text(t), _) => sheet.write_string(row, c, t.as_ref()),
            }
            .map_err(io)?;
        }
        Ok(())
    }

    /// Writes the gathered table-kind row, if any.
    fn flush_pending(&mut self) -> std::io::Result<()> {
        let Some(p) = self.pending.take() else {
            return Ok(());
        };
        let mut formats: Vec<Option<Format>> = vec![None; p.key.len()];
        let mut values = p.key;
        for value in p.values {
            let printed = value.as_ref().and_then(|(_, t)| t.as_deref());
            formats.push(value.is_some().then(|| self.amount_format(printed)));
            values.push(Value::opt_real(value.map(|(v, _)| v)));
        }
        self.write_row(&p.kind, &values, &formats)
    }

    /// Adds one cell: to its kind's row (gathered while the report and row
    /// key stay the same), or to `other_cells`.
    fn add_cell(&mut self, table: &TableDef, row: &[Value<'_>]) -> std::io::Result<()> {
        let text = |name: &str| {
            field(table, row, name)
                .and_then(as_text)
                .unwrap_or_default()
        };
        let (kind, column) = (text("table_kind"), text("column_name"));
        let value = match field(table, row, "value") {
            Some(Value::Real(v)) => *v,
            Some(Value::Int(v)) => *v as f64,
            _ => 0.0,
        };
        let printed = field(table, row, "printed").and_then(as_text);
        let key_values: Vec<Value<'static>> = vec![
            Value::Text(self.current.name.clone().into()),
            owned(field(table, row, "unit")),
            owned(field(table, row, "year")),
            owned(field(table, row, "amount_unit")),
            owned(field(table, row, "row_key")),
            owned(field(table, row, "row_name")),
        ];
        let position = self
            .kind_columns
            .get(&kind)
            .and_then(|cols| cols.iter().position(|c| *c == column));
        let Some(position) = position else {
            return self.add_other_cell(&kind, &column, (value, printed), key_values);
        };
        let same = self
            .pending
            .as_ref()
            .is_some_and(|p| p.kind == kind && p.key == key_values);
        let taken = self
            .pending
            .as_ref()
            .is_some_and(|p| p.values.get(position).is_some_and(Option::is_some));
        if !same || taken {
            self.flush_pending()?;
            self.ensure_kind_sheet(&kind)?;
            let width = self.kind_columns.get(&kind).map_or(0, Vec::len);
            self.pending = Some(PendingRow {
                kind,
                key: key_values,
                values: vec![None; width],
            });
        }
        if let Some(slot) = self
            .pending
            .as_mut()
            .and_then(|p| p.values.get_mut(position))
        {
            *slot = Some((value, printed));
        }
        Ok(())
    }

    /// A cell whose column the built-in grammars do not list.
    fn add_other_cell(
        &mut self,
        kind: &str,
        column: &str,
        (value, printed): (f64, Option<String>),
        key: Vec<Value<'static>>,
    ) -> std::io::Result<()> {
        if !self.sheets.contains_key("other_cells") {
            let columns = OTHER_COLUMNS.iter().map(|s| s.to_string()).collect();
            let about = "cells whose column the built-in grammars do not list for their table kind";
            self.open_sheet("other_cells", columns, about)?;
        }
        let mut values = key;
        values.insert(4, Value::Text(kind.to_string().into()));
        values.push(Value::Text(column.to_string().into()));
        values.push(Value::Real(value));
        let mut formats: Vec<Option<Format>> = vec![None; values.len().saturating_sub(1)];
        formats.push(Some(self.amount_format(printed.as_deref())));
        self.write_row("other_cells", &values, &formats)
    }

    /// Creates the sheet of a table kind on its first row.
    fn ensure_kind_sheet(&mut self, kind: &str) -> std::io::Result<()> {
        if self.sheets.contains_key(kind) {
            return Ok(());
        }
        let mut columns: Vec<String> = KEY_COLUMNS.iter().map(|s| s.to_string()).collect();
        columns.extend(self.kind_columns.get(kind).cloned().unwrap_or_default());
        let about =
            format!("table kind {kind}: one row per report and row key, amounts in amount_unit");
        self.open_sheet(kind, columns, &about)
    }

    /// Adds a row of a detail table (checks, discrepancies) with the report's
    /// name, unit and year in front of its columns.
    fn add_detail(
        &mut self,
        sheet: &str,
        table: &TableDef,
        row: &[Value<'_>],
        about: &str,
    ) -> std::io::Result<()> {
        self.flush_pending()?;
        if !self.sheets.contains_key(sheet) {
            let mut columns = vec!["report".to_string(), "unit".to_string(), "year".to_string()];
            columns.extend(table.columns.iter().skip(1).map(|c| c.name.clone()));
            self.open_sheet(sheet, columns, about)?;
        }
        let mut values: Vec<Value<'_>> = vec![
            Value::Text(self.current.name.clone().into()),
            owned(self.current.unit.as_deref().map(Value::text).as_ref()),
            Value::opt_int(self.current.year),
        ];
        values.extend(row.iter().skip(1).cloned());
        self.write_row(sheet, &values, &[])
    }

    /// Writes `notes`, the filters, and renames the workbook into place.
    pub fn finish(mut self) -> std::io::Result<()> {
        self.flush_pending()?;
        let order = self.order.clone();
        for name in order.iter().skip(1) {
            self.finish_filter(name)?;
            let Some(s) = self.sheets.get(name) else {
                continue;
            };
            let mut about = s.about.clone();
            if s.parts > 1 {
                about.push_str(&format!(
                    " — split: {} rows, more than one worksheet holds ({}), continued on {} \
                     further worksheets, {} …",
                    s.total,
                    self.max_rows,
                    s.parts - 1,
                    worksheet_name(&s.name, 2)
                ));
            }
            let row = [
                Value::Text(worksheet_name(name, 1).into()),
                Value::Text(about.into()),
            ];
            self.write_row("notes", &row, &[])?;
        }
        self.finish_filter("notes")?;
        self.workbook.save(&self.temporary).map_err(io)?;
        std::fs::rename(&self.temporary, &self.target)
    }
}

impl RowSink for XlsxWriter {
    fn add_row(&mut self, table: &'static TableDef, row: &[Value<'_>]) -> std::io::Result<()> {
        match table.name.as_str() {
            "reports" => {
                self.flush_pending()?;
                self.current = Current {
                    name: field(table, row, "name")
                        .and_then(as_text)
                        .unwrap_or_default(),
                    unit: field(table, row, "unit").and_then(as_text),
                    year: match field(table, row, "year") {
                        Some(Value::Int(y)) => Some(*y),
                        _ => None,
                    },
                };
                Ok(())
            }
            "cells" => self.add_cell(table, row),
            "checks" if !matches!(field(table, row, "outcome"), Some(Value::Text(t)) if t == "pass") => {
                self.add_detail(
                    "checks_not_passed",
                    table,
                    row,
                    "every check whose outcome is not pass (rounding, fail …)",
                )
            }
            "discrepancies" => self.add_detail(
                "discrepancies",
                table,
                row,
                "every discrepancy, with its sentence",
            ),
            _ => Ok(()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sheet_names_fit_excel() {
        assert_eq!(
            worksheet_name("general_budget_basic_expenditure", 1)
                .chars()
                .count(),
            31
        );
        assert_eq!(worksheet_name("income", 3), "income (3)");
        assert!(worksheet_name("general_budget_basic_expenditure", 12).ends_with(" (12)"));
        assert!(
            worksheet_name("general_budget_basic_expenditure", 12)
                .chars()
                .count()
                <= 31
        );
    }
}
