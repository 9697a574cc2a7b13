//! Budget against final accounts (`compare --execution`): one cell of each
//! unit's budget joined with the same cell of its final accounts of the same
//! year (same unit, table kind and row key; the 决算 column that executes the
//! budget column, `grammars/vocabulary.toml` `[execution_columns]`), and the
//! execution rate.

use super::query::Query;
use super::row::CompareRow;
use serde::Serialize;

/// One unit and year: budget, actual, rate.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ExecutionRow {
    /// The unit.
    pub unit: String,
    /// The year.
    pub year: Option<i64>,
    /// The row's name.
    pub item: String,
    /// The budget's value.
    pub budget: f64,
    /// The final accounts' value, when that report was read.
    pub actual: Option<f64>,
    /// actual ÷ budget × 100, rounded to 2 decimals.
    pub rate: Option<f64>,
    /// Unit of both values.
    pub value_unit: String,
}

/// The final accounts' cell path for a budget cell path `TABLE/ROW/COLUMN`,
/// trying each split of ROW/COLUMN against the mapping.
pub fn actual_path(path: &str, vocabulary: &crate::review::vocabulary::Vocabulary) -> String {
    let Some((table, rest)) = path.split_once('/') else {
        return path.to_string();
    };
    for (i, _) in rest.match_indices('/') {
        let (row, column) = (&rest[..i], &rest[i + 1..]);
        let actual = vocabulary.actual_column(table, column);
        if actual != column {
            return format!("{table}/{row}/{actual}");
        }
    }
    path.to_string()
}

/// Joins budget rows with final-accounts rows of the same unit and year.
pub fn join(budget: &[CompareRow], actual: &[CompareRow]) -> Vec<ExecutionRow> {
    budget
        .iter()
        .map(|b| {
            let a = actual
                .iter()
                .find(|a| a.unit == b.unit && a.year == b.year)
                .map(|a| a.value);
            let rate = a
                .filter(|_| b.value != 0.0)
                .map(|a| (a / b.value * 10_000.0).round() / 100.0);
            ExecutionRow {
                unit: b.unit.clone(),
                year: b.year,
                item: b.item.clone(),
                budget: b.value,
                actual: a,
                rate,
                value_unit: b.value_unit.clone(),
            }
        })
        .collect()
}

/// The query for the final accounts' side.
pub fn actual_query(path: &str) -> Query {
    Query::Cell(actual_path(path, crate::review::vocabulary::active()))
}

/// The rows as an aligned text table.
pub fn render(rows: &[ExecutionRow]) -> String {
    let mut out = String::from("unit\tyear\titem\tbudget\tactual\trate_%\tvalue_unit\n");
    for r in rows {
        let opt = |v: Option<f64>| v.map(|v| format!("{v:.2}")).unwrap_or_default();
        out.push_str(&format!(
            "{}\t{}\t{}\t{:.2}\t{}\t{}\t{}\n",
            r.unit,
            r.year.map(|y| y.to_string()).unwrap_or_default(),
            r.item,
            r.budget,
            opt(r.actual),
            opt(r.rate),
            r.value_unit
        ));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(unit: &str, year: i64, value: f64) -> CompareRow {
        CompareRow {
            unit: unit.into(),
            year: Some(year),
            report: String::new(),
            item: "合计".into(),
            value,
            value_unit: "万元".into(),
            page: None,
            document: String::new(),
        }
    }

    #[test]
    fn budget_joins_its_final_accounts_of_the_same_year() {
        let rows = join(
            &[row("某局", 2024, 200.0), row("某局", 2025, 100.0)],
            &[row("某局", 2024, 190.0)],
        );
        assert_eq!(rows[0].rate, Some(95.0));
        assert_eq!(rows[1].actual, None);
        let v = crate::review::vocabulary::Vocabulary::embedded();
        assert_eq!(
            actual_path("expenditure/合计/合计", &v),
            "expenditure/合计/本年支出合计"
        );
        assert_eq!(
            actual_path("income_expenditure_summary/支出/总计/预算数", &v),
            "income_expenditure_summary/支出/总计/决算数"
        );
    }
}
