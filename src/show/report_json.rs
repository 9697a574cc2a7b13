//! The parts of a report JSON (`OUT/reports/<name>.json`, or a report just
//! read and serialised) that `show` and the run's site use, deserialised into
//! typed structs. Fields nothing here shows are skipped by the parser without
//! being built (no per-object maps, no strings for them), which is what keeps
//! writing the site cheap next to the run: the report JSONs of a corpus are
//! tens of megabytes, mostly places and checks.
//!
//! Leaf fields that are only displayed are [`Shown`]: whatever JSON scalar the
//! report holds, kept as the text the site prints (a new outcome or a number
//! where a string was shows without a change here).

use crate::provenance::Provenance;
use serde::Deserialize;
use serde::de::{Deserializer, IgnoredAny, MapAccess, Visitor};
use std::fmt;

/// A displayed JSON scalar as text: strings bare, numbers as JSON prints
/// them, null or absent empty, anything else as its JSON.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Shown(pub String);

impl Shown {
    /// The text.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl<'de> Deserialize<'de> for Shown {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        Ok(Shown(match serde_json::Value::deserialize(d)? {
            serde_json::Value::Null => String::new(),
            serde_json::Value::String(s) => s,
            other => other.to_string(),
        }))
    }
}

/// A JSON object's entries in the order printed (columns keep the table's order).
#[derive(Debug, Clone, PartialEq)]
pub struct Entries<T>(pub Vec<(String, T)>);

impl<T> Default for Entries<T> {
    fn default() -> Self {
        Entries(Vec::new())
    }
}

impl<T> Entries<T> {
    /// The value under `key`.
    pub fn get(&self, key: &str) -> Option<&T> {
        self.0.iter().find(|(k, _)| k == key).map(|(_, v)| v)
    }

    /// How many entries.
    pub fn len(&self) -> usize {
        self.0.len()
    }

    /// No entries.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

impl<'de, T: Deserialize<'de>> Deserialize<'de> for Entries<T> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V<T>(std::marker::PhantomData<T>);
        impl<'de, T: Deserialize<'de>> Visitor<'de> for V<T> {
            type Value = Entries<T>;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("an object")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
                let mut out = Vec::with_capacity(map.size_hint().unwrap_or(0));
                while let Some(entry) = map.next_entry()? {
                    out.push(entry);
                }
                Ok(Entries(out))
            }
            fn visit_unit<E>(self) -> Result<Self::Value, E> {
                Ok(Entries(Vec::new()))
            }
        }
        d.deserialize_any(V(std::marker::PhantomData))
    }
}

/// A report as `show` and the site read it.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub struct ReportJson {
    /// The input file's path.
    pub source: Shown,
    /// `pdf` or `text`.
    pub input_kind: Shown,
    /// `final_accounts` or `budget`.
    pub document: Shown,
    /// The reporting unit.
    pub unit: Shown,
    /// The report's year.
    pub year: Shown,
    /// The report's amount unit.
    pub amount_unit: Shown,
    /// Pages read.
    pub pages: Shown,
    /// The tables.
    pub tables: Vec<TableJson>,
    /// Warnings (only counted).
    pub warnings: Vec<IgnoredAny>,
    /// Every check evaluated.
    pub checks: Vec<CheckJson>,
    /// Narrative figures.
    pub facts: Vec<FactJson>,
    /// Narrative figures that differ from their tables.
    pub discrepancies: Vec<DiscrepancyJson>,
}

impl ReportJson {
    /// Checks that did not pass (any outcome but `pass`), with their index.
    pub fn open_checks(&self) -> impl Iterator<Item = (usize, &CheckJson)> {
        self.checks
            .iter()
            .enumerate()
            .filter(|(_, c)| c.outcome.as_str() != "pass")
    }

    /// How many checks have this outcome.
    pub fn count_outcome(&self, wanted: &str) -> usize {
        self.checks
            .iter()
            .filter(|c| c.outcome.as_str() == wanted)
            .count()
    }

    /// The first row with this key in a table of this kind.
    pub fn find_row(&self, table: &str, row: &str) -> Option<&RowJson> {
        self.tables
            .iter()
            .filter(|t| t.kind.as_str() == table)
            .find_map(|t| t.rows.iter().find(|r| r.key.as_str() == row))
    }
}

/// A table of the report.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub struct TableJson {
    /// Table kind (`expenditure` …).
    pub kind: Shown,
    /// The title as printed.
    pub title: Shown,
    /// Page of the title.
    pub page: Shown,
    /// The table's amount unit when stated.
    pub amount_unit: Shown,
    /// Canonical column labels.
    pub columns: Vec<Shown>,
    /// The rows.
    pub rows: Vec<RowJson>,
}

/// A row of a table.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub struct RowJson {
    /// The row key (code, 合计, 收入/…).
    pub key: Shown,
    /// The 科目 code.
    pub code: Shown,
    /// 类, 款 or 项.
    pub level: Shown,
    /// The label as printed.
    pub label: Shown,
    /// The standard name.
    pub name: Shown,
    /// Values per canonical column.
    pub values: Entries<Option<f64>>,
    /// The numbers as printed.
    pub printed: Vec<Shown>,
    /// Where the row's label is printed.
    pub label_at: Option<Provenance>,
    /// Where each value is printed, per column.
    pub value_at: Entries<Provenance>,
}

/// A check (any outcome).
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub struct CheckJson {
    /// `pass`, `rounding`, `fail`, `unverified` …
    pub outcome: Shown,
    /// The kind of identity.
    pub kind: Shown,
    /// The rule as written.
    pub rule: Shown,
    /// `table[row][column]` or `table[row]`.
    #[serde(rename = "where")]
    pub location: Shown,
    /// The page.
    pub page: Shown,
    /// The sum of the right-hand side.
    pub expected: Shown,
    /// The left-hand side.
    pub found: Shown,
    /// found − expected.
    pub difference: Shown,
}

/// A narrative figure.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub struct FactJson {
    /// Canonical fact name.
    pub name: Shown,
    /// The item named (a 类, an income source …).
    pub item: Shown,
    /// As printed.
    pub printed: Shown,
    /// Its unit.
    pub unit: Shown,
    /// The page.
    pub page: Shown,
    /// The table cell it restates.
    pub cell: Shown,
    /// The sentence.
    pub sentence: Shown,
    /// Where the sentence is printed.
    pub sentence_at: Option<Provenance>,
}

/// A narrative figure that differs from its table.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub struct DiscrepancyJson {
    /// `figure`, `percentage`, `self_evaluation`.
    pub kind: Shown,
    /// Fact name.
    pub fact: Shown,
    /// The item named.
    pub item: Shown,
    /// The narrative's value.
    pub narrative_value: Shown,
    /// The table's value.
    pub table_value: Shown,
    /// The difference.
    pub difference: Shown,
    /// Unit.
    pub unit: Shown,
    /// Why, when more is to be said (truncated rather than rounded …).
    pub note: Shown,
    /// The sentence.
    pub sentence: Shown,
    /// The sentence's page.
    pub page: Shown,
    /// The cell compared.
    pub cell: Shown,
    /// The cell's page.
    pub cell_page: Shown,
    /// Where the sentence is printed.
    pub sentence_at: Option<Provenance>,
    /// Where the cell is printed.
    pub cell_at: Option<Provenance>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_what_it_needs_and_skips_the_rest() {
        let json = r#"{"unit": "某局", "year": 2024, "pages": 12, "sections": [{"x": [1, 2]}],
            "warnings": [{"message": "a"}, {"message": "b"}],
            "tables": [{"kind": "income", "rows": [{"key": "合计", "values": {"b": 2.5, "a": null},
              "value_at": {"b": {"page": 3, "bbox": [1, 2, 3, 4]}}}]}],
            "checks": [{"outcome": "pass", "where": "income[合计]", "expected": 1.0},
                       {"outcome": "unverified", "difference": -0.5}]}"#;
        let r: ReportJson = serde_json::from_str(json).unwrap();
        assert_eq!(
            (r.unit.as_str(), r.year.as_str(), r.pages.as_str()),
            ("某局", "2024", "12")
        );
        assert_eq!(r.warnings.len(), 2);
        let row = r.find_row("income", "合计").unwrap();
        assert_eq!(
            row.values.0,
            vec![("b".into(), Some(2.5)), ("a".into(), None)]
        );
        assert_eq!(row.value_at.get("b").map(|p| p.page), Some(3));
        assert_eq!(r.checks[0].expected.as_str(), "1.0");
        assert_eq!(r.open_checks().map(|(i, _)| i).collect::<Vec<_>>(), vec![1]);
        assert_eq!(r.count_outcome("unverified"), 1);
    }
}
