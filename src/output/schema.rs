//! The database's tables as data, read from `schema/sqlite.sql`: the one
//! definition of every table and column. SQLite runs the file itself; the
//! Parquet files, the Excel sheets and the PostgreSQL schema take their
//! table names, column names, order and types from this parse of it, so a
//! column added to the SQL file appears in every format.

use std::sync::LazyLock;

/// The DDL: tables, then after the line [`INDEXES_MARK`], indexes.
pub const SCHEMA: &str = include_str!("../../schema/sqlite.sql");

/// The line that separates tables from indexes in [`SCHEMA`].
pub const INDEXES_MARK: &str = "-- @indexes";

/// A column's storage type, as SQLite names it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ColumnType {
    /// `INTEGER`: 64-bit signed.
    Integer,
    /// `REAL`: 64-bit float.
    Real,
    /// `TEXT`: UTF-8.
    Text,
}

/// One column of a table.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Column {
    /// Its name.
    pub name: String,
    /// Its type.
    pub kind: ColumnType,
    /// False when declared `NOT NULL` (or an `INTEGER PRIMARY KEY`).
    pub nullable: bool,
    /// For TEXT: true when values repeat from row to row (kinds, names,
    /// units …), so columnar formats store them dictionary-encoded; false
    /// for a column whose comment starts with [`DISTINCT_MARK`] (sentences,
    /// paths, hashes: mostly one value per row).
    pub repeated: bool,
}

/// The comment tag of a TEXT column whose values are mostly distinct.
pub const DISTINCT_MARK: &str = "[distinct]";

/// One table: its name and columns in declared order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TableDef {
    /// Its position in the schema, from 0 (for per-table state in writers).
    pub index: usize,
    /// The table's name (also the Parquet file's stem).
    pub name: String,
    /// The columns in declared order.
    pub columns: Vec<Column>,
}

/// The tables part and the indexes part of the schema.
pub fn schema_parts() -> (&'static str, &'static str) {
    SCHEMA.split_once(INDEXES_MARK).unwrap_or((SCHEMA, ""))
}

/// Every table of the schema, in declared order.
pub fn tables() -> &'static [TableDef] {
    static TABLES: LazyLock<Vec<TableDef>> = LazyLock::new(|| parse_tables(schema_parts().0));
    &TABLES
}

/// The table called `name`.
pub fn table(name: &str) -> Option<&'static TableDef> {
    tables().iter().find(|t| t.name == name)
}

/// Parses the `CREATE TABLE name (` … `);` blocks of the schema: columns
/// `name TYPE [NOT NULL] …`, one or more per line; constraint lines
/// (`PRIMARY KEY (…)`) and comments are skipped.
fn parse_tables(sql: &str) -> Vec<TableDef> {
    let mut out: Vec<TableDef> = Vec::new();
    let mut open = false;
    for line in sql.lines() {
        let (code, comment) = line.split_once("--").unwrap_or((line, ""));
        let code = code.trim();
        if let Some(rest) = code.strip_prefix("CREATE TABLE ") {
            let name = rest.trim_end_matches('(').trim().to_string();
            out.push(TableDef {
                index: out.len(),
                name,
                columns: Vec::new(),
            });
            open = true;
        } else if code.starts_with(')') {
            open = false;
        } else if open && let Some(t) = out.last_mut() {
            // Several columns may share a line (`x0 REAL, y0 REAL`).
            let distinct = comment.trim_start().starts_with(DISTINCT_MARK);
            t.columns
                .extend(code.split(',').filter_map(parse_column).map(|c| Column {
                    repeated: c.kind == ColumnType::Text && !distinct,
                    ..c
                }));
        }
    }
    out
}

/// One column line, or `None` for a constraint or blank line.
fn parse_column(code: &str) -> Option<Column> {
    let mut words = code.split_whitespace();
    let name = words.next()?;
    let kind = match words.next()?.trim_end_matches(',') {
        "INTEGER" => ColumnType::Integer,
        "REAL" => ColumnType::Real,
        "TEXT" => ColumnType::Text,
        _ => return None,
    };
    let upper = code.to_ascii_uppercase();
    Some(Column {
        name: name.to_string(),
        kind,
        nullable: !upper.contains("NOT NULL") && !upper.contains("PRIMARY KEY"),
        repeated: false,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_every_table_and_column() {
        let names: Vec<&str> = tables().iter().map(|t| t.name.as_str()).collect();
        assert_eq!(
            names,
            [
                "reports",
                "tables",
                "cells",
                "errors",
                "checks",
                "facts",
                "discrepancies",
                "self_evaluation",
                "self_evaluation_indicators",
                "self_evaluation_budget",
                "sections"
            ]
        );
        let cells = table("cells").unwrap();
        let column = |name: &str| cells.columns.iter().find(|c| c.name == name).unwrap();
        assert_eq!(cells.columns[0].name, "report_id");
        assert_eq!(column("value").kind, ColumnType::Real);
        assert!(!column("value").nullable);
        assert!(column("value_yuan").nullable);
        assert_eq!(column("year").kind, ColumnType::Integer);
        assert!(column("table_kind").repeated && column("report").repeated);
        assert!(!column("value").repeated, "only TEXT is dictionary-encoded");
        let facts = table("facts").unwrap();
        let sentence = facts.columns.iter().find(|c| c.name == "sentence").unwrap();
        assert!(!sentence.repeated, "tagged {DISTINCT_MARK}");
        let reports = table("reports").unwrap();
        assert!(!reports.columns[0].nullable, "INTEGER PRIMARY KEY");
        // Every statement of the tables part created a table.
        assert_eq!(
            schema_parts().0.matches("CREATE TABLE").count(),
            tables().len()
        );
    }
}
