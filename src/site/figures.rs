//! Figures the charts compare, read from a report JSON: the “三公” total
//! budgeted and spent, and spending by 类 — both in 万元 so units compare.

use super::charts::to_wan;
use super::load::LoadedReport;
use serde_json::Value;

/// The table's amount unit, or the report's.
fn amount_unit<'a>(report: &'a LoadedReport, table: &'a Value) -> &'a str {
    table
        .get("amount_unit")
        .and_then(Value::as_str)
        .unwrap_or_else(|| report.str_of("amount_unit"))
}

fn tables<'a>(report: &'a LoadedReport, kind: &'a str) -> impl Iterator<Item = &'a Value> {
    report
        .list("tables")
        .iter()
        .filter(move |t| t.get("kind").and_then(Value::as_str) == Some(kind))
}

fn rows(table: &Value) -> &[Value] {
    table
        .get("rows")
        .and_then(Value::as_array)
        .map(Vec::as_slice)
        .unwrap_or(&[])
}

fn value(row: &Value, column: &str) -> Option<f64> {
    row.get("values")?.get(column)?.as_f64()
}

/// “三公” 预算数 and 决算数 totals in 万元, from the three_public table's 合计 row.
pub fn three_public(report: &LoadedReport) -> Option<(f64, f64)> {
    let table = tables(report, "three_public").next()?;
    let unit = amount_unit(report, table);
    let row = rows(table)
        .iter()
        .find(|r| r.get("key").and_then(Value::as_str) == Some("合计"))?;
    let budget = to_wan(value(row, "预算数/合计")?, unit)?;
    let actual = to_wan(value(row, "决算数/合计")?, unit)?;
    Some((budget, actual))
}

/// Spending by 类 (name, 万元) from the 支出决算表 (`expenditure`, 本年支出合计).
pub fn spending_by_class(report: &LoadedReport) -> Vec<(String, f64)> {
    let Some(table) = tables(report, "expenditure").next() else {
        return Vec::new();
    };
    let unit = amount_unit(report, table);
    rows(table)
        .iter()
        .filter(|r| r.get("level").and_then(Value::as_str) == Some("类"))
        .filter_map(|r| {
            let name = r.get("name").and_then(Value::as_str)?.to_string();
            Some((name, to_wan(value(r, "本年支出合计")?, unit)?))
        })
        .collect()
}

/// The label a chart gives a report: unit and year, or the file name.
pub fn label(report: &LoadedReport) -> String {
    let unit = report.str_of("unit");
    let year = report.json.get("year").and_then(Value::as_i64);
    match (unit.is_empty(), year) {
        (false, Some(y)) => format!("{unit} {y}"),
        (false, None) => unit.to_string(),
        _ => report.name.clone(),
    }
}
