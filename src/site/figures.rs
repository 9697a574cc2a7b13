//! Figures the charts compare, read from a report JSON: the “三公” total
//! budgeted and spent, and spending by 类 — both in 万元 so units compare.

use super::charts::to_wan;
use super::load::LoadedReport;
use crate::show::{RowJson, TableJson};

/// The table's amount unit, or the report's.
fn amount_unit<'a>(report: &'a LoadedReport, table: &'a TableJson) -> &'a str {
    if table.amount_unit.as_str().is_empty() {
        report.json.amount_unit.as_str()
    } else {
        table.amount_unit.as_str()
    }
}

fn first_table<'a>(report: &'a LoadedReport, kind: &str) -> Option<&'a TableJson> {
    report.json.tables.iter().find(|t| t.kind.as_str() == kind)
}

fn value(row: &RowJson, column: &str) -> Option<f64> {
    row.values.get(column).copied().flatten()
}

/// “三公” 预算数 and 决算数 totals in 万元, from the three_public table's 合计 row.
pub fn three_public(report: &LoadedReport) -> Option<(f64, f64)> {
    let table = first_table(report, "three_public")?;
    let unit = amount_unit(report, table);
    let row = table.rows.iter().find(|r| r.key.as_str() == "合计")?;
    let budget = to_wan(value(row, "预算数/合计")?, unit)?;
    let actual = to_wan(value(row, "决算数/合计")?, unit)?;
    Some((budget, actual))
}

/// Spending by 类 (name, 万元) from the 支出决算表 (`expenditure`, 本年支出合计).
pub fn spending_by_class(report: &LoadedReport) -> Vec<(String, f64)> {
    let Some(table) = first_table(report, "expenditure") else {
        return Vec::new();
    };
    let unit = amount_unit(report, table);
    table
        .rows
        .iter()
        .filter(|r| r.level.as_str() == "类")
        .filter_map(|r| {
            Some((
                r.name.as_str().to_string(),
                to_wan(value(r, "本年支出合计")?, unit)?,
            ))
        })
        .collect()
}

/// The label a chart gives a report: unit and year, or the file name.
pub fn label(report: &LoadedReport) -> String {
    let unit = report.json.unit.as_str();
    let year = report.json.year.as_str().parse::<i64>().ok();
    match (unit.is_empty(), year) {
        (false, Some(y)) => format!("{unit} {y}"),
        (false, None) => unit.to_string(),
        _ => report.name.clone(),
    }
}
