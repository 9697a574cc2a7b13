//! Cell references as the grammar files write them, `table[row][column]`,
//! resolved against a report. A row may be named by level and printed name
//! (`类:教育支出`, `项:事业单位医疗`), since the narrative names 科目 by name.

use crate::normalise::{Placement, Report, Row, Table};
use regex::Regex;

/// A resolved cell.
#[derive(Debug, Clone, PartialEq)]
pub struct CellValue {
    /// The printed value; 0 when the table is present but the cell blank or the row absent.
    pub value: f64,
    /// The table's amount unit.
    pub unit: String,
    /// `table[row key][column]`, the row key as the cells contract spells it.
    pub location: String,
    /// The row's page (the table's when the row is absent).
    pub page: u32,
    /// False when the row is not printed at all.
    pub row_found: bool,
    /// True when the normaliser could not tell which column the row's numbers
    /// belong to: a disagreement there says more about placement than about the report.
    pub ambiguous: bool,
}

/// Splits `table[row][column]`.
pub fn parse(reference: &str) -> Option<(String, String, String)> {
    let re = Regex::new(r"^([a-z_]+)\[([^\]]+)\]\[([^\]]+)\]$").ok()?;
    let c = re.captures(reference.trim())?;
    Some((
        c.get(1)?.as_str().to_string(),
        c.get(2)?.as_str().to_string(),
        c.get(3)?.as_str().to_string(),
    ))
}

fn name_matches(row: &Row, name: &str) -> bool {
    let printed = row.name.trim_end_matches("支出");
    let wanted = name.trim_end_matches("(类)").trim_end_matches("支出");
    !wanted.is_empty() && printed == wanted
}

fn find_row<'a>(table: &'a Table, row: &str) -> Option<&'a Row> {
    match row.split_once(':') {
        Some((level, name)) if level == "类" || level == "款" || level == "项" => table
            .rows
            .iter()
            .find(|r| r.level.as_deref() == Some(level) && name_matches(r, name)),
        _ => table.row(row),
    }
}

/// Resolves a reference; `None` when the table is absent or the reference malformed.
pub fn resolve(report: &Report, reference: &str) -> Option<CellValue> {
    let (kind, row, column) = parse(reference)?;
    let table = report.table(&kind)?;
    let unit = table
        .amount_unit
        .clone()
        .or_else(|| report.amount_unit.clone())
        .unwrap_or_else(|| "万元".to_string());
    let found = find_row(table, &row);
    Some(CellValue {
        value: found.and_then(|r| r.values.get(&column)).unwrap_or(0.0),
        unit,
        location: format!(
            "{kind}[{}][{column}]",
            found.map(|r| r.key.as_str()).unwrap_or(&row)
        ),
        page: found.map(|r| r.page).unwrap_or(table.page),
        row_found: found.is_some(),
        ambiguous: found.is_some_and(|r| r.placement == Placement::Ambiguous),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_references() {
        assert_eq!(
            parse("general_budget_expenditure[类:教育支出][合计]"),
            Some((
                "general_budget_expenditure".into(),
                "类:教育支出".into(),
                "合计".into()
            ))
        );
        assert_eq!(
            parse("three_public[合计][预算数/因公出国(境)费]").map(|p| p.2),
            Some("预算数/因公出国(境)费".into())
        );
        assert_eq!(parse("nonsense"), None);
    }
}
