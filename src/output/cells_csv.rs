//! Cells as CSV (RFC 4180, UTF-8 with a header row), for spreadsheets. The
//! columns are the cells contract's fields in its order, then where the
//! number is printed: page, box (PDF points, origin bottom-left) or text line.

use crate::output::cells::Cell;
use std::io::Write;

/// The header row.
pub const HEADER: &str =
    "report,document,unit,year,amount_unit,table,row,row_name,column,value,page,x0,y0,x1,y1,line\n";

/// Writes the header row.
pub fn write_header(out: &mut impl Write) -> std::io::Result<()> {
    out.write_all(HEADER.as_bytes())
}

/// Writes cells, one row each.
pub fn write_rows(cells: &[Cell], out: &mut impl Write) -> std::io::Result<()> {
    for c in cells {
        let year = c.year.map(|y| y.to_string()).unwrap_or_default();
        let fields = [
            field(&c.report),
            c.document.as_str().to_string(),
            field(c.unit.as_deref().unwrap_or("")),
            year,
            field(c.amount_unit.as_deref().unwrap_or("")),
            field(&c.table),
            field(&c.row),
            field(&c.row_name),
            field(&c.column),
            c.value.to_string(),
            optional(c.page),
            optional(c.bbox.map(|b| format!("{:.2}", b.x0))),
            optional(c.bbox.map(|b| format!("{:.2}", b.y0))),
            optional(c.bbox.map(|b| format!("{:.2}", b.x1))),
            optional(c.bbox.map(|b| format!("{:.2}", b.y1))),
            optional(c.line),
        ];
        out.write_all(fields.join(",").as_bytes())?;
        out.write_all(b"\n")?;
    }
    Ok(())
}

/// An optional number: empty when absent.
fn optional(value: Option<impl ToString>) -> String {
    value.map(|v| v.to_string()).unwrap_or_default()
}

/// A field, quoted when it holds a comma, quote or line break.
fn field(text: &str) -> String {
    if text.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", text.replace('"', "\"\""))
    } else {
        text.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quotes_only_when_needed() {
        let cell = Cell {
            report: "a,b".into(),
            document: Default::default(),
            unit: Some("某\"局\"".into()),
            year: Some(2023),
            amount_unit: None,
            table: "income".into(),
            row: "合计".into(),
            row_name: "合计".into(),
            column: "本年收入合计".into(),
            value: 12.5,
            page: Some(3),
            bbox: None,
            line: Some(40),
        };
        let mut out = Vec::new();
        write_rows(&[cell], &mut out).unwrap();
        assert_eq!(
            String::from_utf8(out).unwrap(),
            "\"a,b\",final_accounts,\"某\"\"局\"\"\",2023,,income,合计,合计,本年收入合计,12.5,3,,,,,40\n"
        );
    }
}
