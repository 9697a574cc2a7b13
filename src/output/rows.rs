//! A report's checks, facts, discrepancies, self-evaluation and sections as
//! database rows: built once from the [`Report`] in the worker, carried in
//! the per-file record (so the parent, which never holds a `Report`, can
//! fill every format from it, and a resumed run needs no report JSON), and
//! written by every tabular format the same way. Each row lists its
//! values in the order of its table's columns in `schema/sqlite.sql`,
//! without the leading `report_id`, which the writer assigns.

use crate::report::Report;
use serde::de::{self, Visitor};
use serde::{Deserialize, Deserializer, Serialize};
use std::borrow::Cow;
use std::collections::BTreeMap;

/// One value of a row: SQL's NULL, INTEGER, REAL or TEXT.
///
/// Serialised untagged (a JSON null, integer, float or string); read back by
/// [`ValueVisitor`], which takes the JSON token's own type. (serde's derived
/// `untagged` reading tries each variant in turn and formats an error
/// message quoting the whole string for every miss: 17 % of a text run.)
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(untagged)]
pub enum Value<'a> {
    /// NULL.
    Null,
    /// INTEGER.
    Int(i64),
    /// REAL.
    Real(f64),
    /// TEXT.
    Text(Cow<'a, str>),
}

/// A row's values in column order.
pub type Row = Vec<Value<'static>>;

/// The rows of every per-report detail table, by table name (sorted, so
/// records serialise the same way every time).
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(transparent)]
pub struct DetailRows(pub BTreeMap<String, Vec<Row>>);

impl<'a> Value<'a> {
    /// Borrowed text.
    pub fn text(s: &'a str) -> Self {
        Value::Text(Cow::Borrowed(s))
    }

    /// Optional borrowed text, NULL when absent.
    pub fn opt_text(s: Option<&'a str>) -> Self {
        s.map_or(Value::Null, Value::text)
    }

    /// An optional integer, NULL when absent.
    pub fn opt_int<T: Into<i64>>(v: Option<T>) -> Self {
        v.map_or(Value::Null, |v| Value::Int(v.into()))
    }

    /// An optional float, NULL when absent.
    pub fn opt_real(v: Option<f64>) -> Self {
        v.map_or(Value::Null, Value::Real)
    }

    /// The same value, its text borrowed from this one (no copy).
    pub fn borrowed(&self) -> Value<'_> {
        match self {
            Value::Null => Value::Null,
            Value::Int(i) => Value::Int(*i),
            Value::Real(r) => Value::Real(*r),
            Value::Text(t) => Value::text(t),
        }
    }
}

/// Reads a [`Value`] from the JSON token's type: null, integer, float or
/// string.
struct ValueVisitor;

impl<'de> Visitor<'de> for ValueVisitor {
    type Value = Value<'static>;

    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str("null, a number or a string")
    }

    fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
        Ok(Value::Null)
    }

    fn visit_none<E: de::Error>(self) -> Result<Self::Value, E> {
        Ok(Value::Null)
    }

    fn visit_bool<E: de::Error>(self, v: bool) -> Result<Self::Value, E> {
        Ok(Value::Int(i64::from(v)))
    }

    fn visit_i64<E: de::Error>(self, v: i64) -> Result<Self::Value, E> {
        Ok(Value::Int(v))
    }

    fn visit_u64<E: de::Error>(self, v: u64) -> Result<Self::Value, E> {
        // Beyond i64 only as a float, as the derived reading did.
        Ok(i64::try_from(v).map_or(Value::Real(v as f64), Value::Int))
    }

    fn visit_f64<E: de::Error>(self, v: f64) -> Result<Self::Value, E> {
        Ok(Value::Real(v))
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<Self::Value, E> {
        Ok(Value::Text(Cow::Owned(v.to_string())))
    }

    fn visit_string<E: de::Error>(self, v: String) -> Result<Self::Value, E> {
        Ok(Value::Text(Cow::Owned(v)))
    }
}

impl<'de> Deserialize<'de> for Value<'static> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(ValueVisitor)
    }
}

/// Owned text.
fn owned(s: &str) -> Value<'static> {
    Value::Text(Cow::Owned(s.to_string()))
}

/// Optional owned text.
fn opt_owned(s: Option<&str>) -> Value<'static> {
    s.map_or(Value::Null, owned)
}

/// A count or position as SQL's integer.
pub fn int(n: usize) -> Value<'static> {
    Value::Int(i64::try_from(n).unwrap_or(i64::MAX))
}

/// The JSON spelling of an enum (`pass`, `row_identity` …): the database
/// stores what the report JSON prints, so an outcome or kind added later
/// needs no change here.
fn label<T: Serialize>(v: &T) -> Value<'static> {
    match serde_json::to_value(v) {
        Ok(serde_json::Value::String(s)) => Value::Text(Cow::Owned(s)),
        Ok(other) => Value::Text(Cow::Owned(other.to_string())),
        Err(_) => Value::Null,
    }
}

/// Every detail table's rows for a report.
pub fn detail_rows(report: &Report) -> DetailRows {
    let mut tables = BTreeMap::new();
    tables.insert("checks".to_string(), checks(report));
    tables.insert("facts".to_string(), facts(report));
    tables.insert("discrepancies".to_string(), discrepancies(report));
    tables.insert("self_evaluation".to_string(), self_evaluation(report));
    tables.insert(
        "self_evaluation_indicators".to_string(),
        self_evaluation_indicators(report),
    );
    tables.insert(
        "self_evaluation_budget".to_string(),
        self_evaluation_budget(report),
    );
    tables.insert("sections".to_string(), sections(report));
    DetailRows(tables)
}

/// `checks`: one row per evaluated identity.
fn checks(report: &Report) -> Vec<Row> {
    let rows = report.checks.iter().enumerate();
    rows.map(|(i, c)| {
        vec![
            int(i + 1),
            label(&c.kind),
            owned(&c.rule),
            owned(&c.location),
            owned(&c.table),
            Value::opt_int(c.page),
            Value::Real(c.expected),
            Value::Real(c.found),
            Value::Real(c.difference),
            label(&c.outcome),
        ]
    })
    .collect()
}

/// `facts`: one row per narrative figure.
fn facts(report: &Report) -> Vec<Row> {
    let rows = report.facts.iter().enumerate();
    rows.map(|(i, f)| {
        vec![
            int(i + 1),
            owned(&f.name),
            opt_owned(f.item.as_deref()),
            Value::Real(f.value),
            owned(&f.unit),
            owned(&f.printed),
            owned(&f.sentence),
            Value::Int(f.page.into()),
            owned(&f.section),
            opt_owned(f.cell.as_deref()),
        ]
    })
    .collect()
}

/// `discrepancies`: one row per figure that disagrees with its source.
fn discrepancies(report: &Report) -> Vec<Row> {
    let rows = report.discrepancies.iter().enumerate();
    rows.map(|(i, d)| {
        vec![
            int(i + 1),
            label(&d.kind),
            owned(&d.fact),
            opt_owned(d.item.as_deref()),
            Value::Real(d.narrative_value),
            Value::Real(d.table_value),
            Value::Real(d.difference),
            owned(&d.unit),
            owned(&d.sentence),
            Value::Int(d.page.into()),
            owned(&d.cell),
            Value::opt_int(d.cell_page),
            opt_owned(d.note.as_deref()),
        ]
    })
    .collect()
}

/// `self_evaluation`: one row per 整体/项目 self-evaluation table, with its scores.
fn self_evaluation(report: &Report) -> Vec<Row> {
    let rows = report.self_evaluation.tables.iter().enumerate();
    rows.map(|(i, t)| {
        let e = t.execution.as_ref();
        vec![
            int(i + 1),
            label(&t.kind),
            owned(&t.title),
            Value::Int(t.page.into()),
            opt_owned(t.project.as_deref()),
            Value::opt_real(e.map(|e| e.budget)),
            Value::opt_real(e.map(|e| e.actual)),
            Value::opt_real(e.and_then(|e| e.rate_pct)),
            Value::opt_real(e.map(|e| e.score)),
            Value::opt_real(t.total_score),
            int(t.indicators.len()),
        ]
    })
    .collect()
}

/// `self_evaluation_indicators`: one row per 三级指标 of every table.
fn self_evaluation_indicators(report: &Report) -> Vec<Row> {
    let mut out = Vec::new();
    for (t, table) in report.self_evaluation.tables.iter().enumerate() {
        for (i, x) in table.indicators.iter().enumerate() {
            out.push(vec![
                int(t + 1),
                int(i + 1),
                Value::opt_int(x.goal),
                opt_owned(x.level1.as_deref()),
                opt_owned(x.level2.as_deref()),
                owned(&x.name),
                opt_owned(x.target.as_deref()),
                opt_owned(x.actual.as_deref()),
                Value::Real(x.score),
                Value::Int(x.page.into()),
            ]);
        }
    }
    out
}

/// `self_evaluation_budget`: one row per value of the self-evaluation
/// report's budget table (row label × column).
fn self_evaluation_budget(report: &Report) -> Vec<Row> {
    let mut out = Vec::new();
    for (i, row) in report.self_evaluation.budget_summary.iter().enumerate() {
        for (column, value) in &row.values {
            out.push(vec![
                int(i + 1),
                owned(&row.label),
                owned(column),
                Value::opt_real(*value),
                Value::Int(row.page.into()),
            ]);
        }
    }
    out
}

/// `sections`: the outline, one row per heading with its text.
fn sections(report: &Report) -> Vec<Row> {
    let rows = report.structure.outline.iter().enumerate();
    rows.map(|(i, s)| {
        vec![
            int(i + 1),
            owned(&s.heading),
            Value::Int(s.level.into()),
            Value::Int(s.page.into()),
            owned(&s.text),
        ]
    })
    .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn values_round_trip_through_json_with_their_types() {
        let row: Row = vec![
            Value::Null,
            Value::Int(3),
            Value::Real(3.0),
            Value::Real(-0.25),
            owned("教育支出"),
        ];
        let json = serde_json::to_string(&row).unwrap();
        assert_eq!(json, r#"[null,3,3.0,-0.25,"教育支出"]"#);
        let back: Row = serde_json::from_str(&json).unwrap();
        assert_eq!(back, row);
    }
}
