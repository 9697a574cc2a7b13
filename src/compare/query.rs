//! What to compare: a narrative fact (`NAME` or `NAME[ITEM]`) or a table cell
//! (`TABLE/ROW/COLUMN`, where ROW and COLUMN may themselves hold `/`).

use super::row::CompareRow;
use serde_json::Value;

/// A comparison's subject.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Query {
    /// A fact by canonical name, optionally one item of it.
    Fact {
        /// Canonical name.
        name: String,
        /// The item, when given as `NAME[ITEM]`.
        item: Option<String>,
    },
    /// A table cell as `TABLE/ROW/COLUMN`.
    Cell(String),
}

impl Query {
    /// Parses `--fact NAME` / `NAME[ITEM]`.
    pub fn fact(text: &str) -> Query {
        match text.strip_suffix(']').and_then(|t| t.split_once('[')) {
            Some((name, item)) => Query::Fact {
                name: name.to_string(),
                item: Some(item.to_string()),
            },
            None => Query::Fact {
                name: text.to_string(),
                item: None,
            },
        }
    }

    /// The rows of one report (first fact per item; the cell once).
    pub fn select(&self, report: &Value) -> Vec<CompareRow> {
        match self {
            Query::Fact { name, item } => facts(report, name, item.as_deref()),
            Query::Cell(path) => cell(report, path).into_iter().collect(),
        }
    }
}

fn base(report: &Value) -> CompareRow {
    CompareRow {
        unit: str_of(report, "unit"),
        year: report.get("year").and_then(Value::as_i64),
        report: str_of(report, "report"),
        item: String::new(),
        value: 0.0,
        value_unit: String::new(),
        page: None,
        document: report
            .get("document")
            .and_then(Value::as_str)
            .unwrap_or("final_accounts")
            .to_string(),
    }
}

fn str_of(v: &Value, key: &str) -> String {
    v.get(key)
        .and_then(Value::as_str)
        .unwrap_or_default()
        .to_string()
}

fn facts(report: &Value, name: &str, item: Option<&str>) -> Vec<CompareRow> {
    let mut out: Vec<CompareRow> = Vec::new();
    let all = report.get("facts").and_then(Value::as_array);
    for f in all.into_iter().flatten() {
        if f.get("name").and_then(Value::as_str) != Some(name) {
            continue;
        }
        let this_item = str_of(f, "item");
        if item.is_some_and(|i| i != this_item) || out.iter().any(|r| r.item == this_item) {
            continue;
        }
        let Some(value) = f.get("value").and_then(Value::as_f64) else {
            continue;
        };
        out.push(CompareRow {
            item: this_item,
            value,
            value_unit: str_of(f, "unit"),
            page: f.get("page").and_then(Value::as_i64),
            ..base(report)
        });
    }
    out
}

fn cell(report: &Value, path: &str) -> Option<CompareRow> {
    let (kind, rest) = path.split_once('/')?;
    let tables = report.get("tables").and_then(Value::as_array)?;
    let table = tables
        .iter()
        .find(|t| t.get("kind").and_then(Value::as_str) == Some(kind))?;
    let rows = table.get("rows").and_then(Value::as_array)?;
    // Try each split of ROW/COLUMN: row keys and columns may both contain '/'.
    let splits = rest.match_indices('/').map(|(i, _)| i);
    for i in splits {
        let (row_key, column) = (rest.get(..i)?, rest.get(i + 1..)?);
        let Some(row) = rows
            .iter()
            .find(|r| r.get("key").and_then(Value::as_str) == Some(row_key))
        else {
            continue;
        };
        let value = row.get("values").and_then(|v| v.get(column));
        let Some(value) = value.and_then(Value::as_f64) else {
            continue;
        };
        return Some(CompareRow {
            item: str_of(row, "name"),
            value,
            value_unit: table
                .get("amount_unit")
                .and_then(Value::as_str)
                .map(str::to_string)
                .unwrap_or_else(|| str_of(report, "amount_unit")),
            page: row.get("page").and_then(Value::as_i64),
            ..base(report)
        });
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_fact_items_and_finds_cells_with_slashes() {
        assert_eq!(
            Query::fact("general_budget_by_class[教育支出]"),
            Query::Fact {
                name: "general_budget_by_class".into(),
                item: Some("教育支出".into())
            }
        );
        let report = serde_json::json!({"report": "r", "unit": "u", "year": 2022, "amount_unit": "万元",
            "tables": [{"kind": "income_expenditure_summary", "rows": [
                {"key": "收入/本年收入合计", "name": "本年收入合计", "page": 2, "values": {"决算数": 187.89}}]}]});
        let rows = Query::Cell("income_expenditure_summary/收入/本年收入合计/决算数".into())
            .select(&report);
        assert_eq!(rows.len(), 1);
        assert_eq!(rows[0].value, 187.89);
        assert_eq!(rows[0].value_unit, "万元");
    }
}
