//! `yujuesuan load OUT --postgres URL --pg-schema NAME`: the run's
//! database (`OUT/yujuesuan.sqlite`) into a PostgreSQL schema with the same
//! tables, columns and types (from `schema/sqlite.sql`: INTEGER → bigint,
//! REAL → double precision, TEXT → text), loaded with COPY.
//!
//! Idempotent per report: a report is known by its output `name`; loading
//! it again deletes its rows from every table and copies them anew, in one
//! transaction per report, under the `id` it was first given in the schema
//! (a new report gets the next free id). So two loads of the same run give
//! the same database, and runs over different folders add up in one schema.

use crate::output::schema::{ColumnType, TableDef, schema_parts, tables};
use postgres::{Client, NoTls, Transaction};
use rusqlite::types::ValueRef;
use std::collections::BTreeMap;
use std::io::Write;
use std::path::Path;

/// What a load did: rows copied per table, and the schema's totals after.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct LoadReport {
    /// Reports loaded (new or replaced).
    pub reports: usize,
    /// Rows copied, per table.
    pub copied: BTreeMap<String, u64>,
    /// Rows in each table of the schema after the load.
    pub totals: BTreeMap<String, i64>,
}

/// A failure of the load, with what failed.
#[derive(Debug, thiserror::Error)]
#[error("{0}")]
pub struct LoadError(pub String);

/// Wraps an error with what was being done.
fn failed(what: &str) -> impl Fn(&dyn std::fmt::Display) -> LoadError + '_ {
    move |e| LoadError(format!("{what}: {e}"))
}

/// A quoted identifier.
fn quoted(name: &str) -> String {
    format!("\"{}\"", name.replace('"', "\"\""))
}

/// PostgreSQL's type for a column type.
fn pg_type(kind: ColumnType) -> &'static str {
    match kind {
        ColumnType::Integer => "bigint",
        ColumnType::Real => "double precision",
        ColumnType::Text => "text",
    }
}

/// `CREATE TABLE IF NOT EXISTS` for a table, in `schema`.
fn create_table(schema: &str, table: &TableDef) -> String {
    let columns: Vec<String> = table
        .columns
        .iter()
        .map(|c| {
            let key = if table.name == "reports" && c.name == "id" {
                " PRIMARY KEY"
            } else if table.name == "reports" && c.name == "name" {
                " UNIQUE"
            } else {
                ""
            };
            let null = if c.nullable { "" } else { " NOT NULL" };
            format!("{} {}{null}{key}", quoted(&c.name), pg_type(c.kind))
        })
        .collect();
    format!(
        "CREATE TABLE IF NOT EXISTS {}.{} ({})",
        quoted(schema),
        quoted(&table.name),
        columns.join(", ")
    )
}

/// The schema's indexes as `CREATE INDEX IF NOT EXISTS … ON schema.table`.
fn create_indexes(schema: &str) -> Vec<String> {
    schema_parts()
        .1
        .lines()
        .filter_map(|line| {
            let rest = line.trim().strip_prefix("CREATE INDEX ")?;
            let (name, rest) = rest.split_once(" ON ")?;
            let (table, columns) = rest.split_once(' ')?;
            Some(format!(
                "CREATE INDEX IF NOT EXISTS {} ON {}.{} {}",
                quoted(name.trim()),
                quoted(schema),
                quoted(table.trim()),
                columns.trim().trim_end_matches(';')
            ))
        })
        .collect()
}

/// Creates the schema, its tables and indexes when absent.
fn create_schema(client: &mut Client, schema: &str) -> Result<(), LoadError> {
    let mut sql = vec![format!("CREATE SCHEMA IF NOT EXISTS {}", quoted(schema))];
    sql.extend(tables().iter().map(|t| create_table(schema, t)));
    sql.extend(create_indexes(schema));
    client
        .batch_execute(&sql.join(";\n"))
        .map_err(|e| failed("cannot create the schema")(&e))
}

/// One value in COPY's text format (`\N` for NULL, escapes for tab,
/// newline, carriage return and backslash).
fn copy_text(value: ValueRef<'_>, out: &mut Vec<u8>) {
    match value {
        ValueRef::Null => out.extend_from_slice(b"\\N"),
        ValueRef::Integer(i) => out.extend_from_slice(i.to_string().as_bytes()),
        ValueRef::Real(r) => out.extend_from_slice(format!("{r:?}").as_bytes()),
        ValueRef::Text(t) | ValueRef::Blob(t) => {
            for &b in t {
                match b {
                    b'\\' => out.extend_from_slice(b"\\\\"),
                    b'\t' => out.extend_from_slice(b"\\t"),
                    b'\n' => out.extend_from_slice(b"\\n"),
                    b'\r' => out.extend_from_slice(b"\\r"),
                    b => out.push(b),
                }
            }
        }
    }
}

/// The rows of `table` for SQLite report `id`, in COPY's text format, with
/// `report_id` (or `id` in `reports`) replaced by `pg_id`.
fn rows_as_copy(
    db: &rusqlite::Connection,
    table: &TableDef,
    id: i64,
    pg_id: i64,
) -> Result<(Vec<u8>, u64), LoadError> {
    let key = if table.name == "reports" {
        "id"
    } else {
        "report_id"
    };
    let sql = format!(
        "SELECT * FROM {} WHERE {key} = ?1 ORDER BY rowid",
        table.name
    );
    let sqlite = |e: rusqlite::Error| LoadError(format!("sqlite: {}: {e}", table.name));
    let mut statement = db.prepare_cached(&sql).map_err(sqlite)?;
    let key_index = table.columns.iter().position(|c| c.name == key);
    let mut rows = statement.query([id]).map_err(sqlite)?;
    let mut out = Vec::new();
    let mut count = 0;
    while let Some(row) = rows.next().map_err(sqlite)? {
        for i in 0..table.columns.len() {
            if i > 0 {
                out.push(b'\t');
            }
            if Some(i) == key_index {
                out.extend_from_slice(pg_id.to_string().as_bytes());
            } else {
                copy_text(row.get_ref(i).map_err(sqlite)?, &mut out);
            }
        }
        out.push(b'\n');
        count += 1;
    }
    Ok((out, count))
}

/// The id report `name` has in the schema, or the next free one.
fn pg_id_of(tx: &mut Transaction<'_>, schema: &str, name: &str) -> Result<i64, LoadError> {
    let reports = format!("{}.\"reports\"", quoted(schema));
    let sql = format!(
        "SELECT coalesce((SELECT id FROM {reports} WHERE name = $1), \
         (SELECT coalesce(max(id), 0) + 1 FROM {reports}))"
    );
    tx.query_one(&sql, &[&name])
        .and_then(|r| r.try_get::<_, i64>(0))
        .map_err(|e| failed("cannot look up a report id")(&e))
}

/// Replaces one report's rows in every table, in one transaction.
fn load_report(
    client: &mut Client,
    db: &rusqlite::Connection,
    schema: &str,
    id: i64,
    name: &str,
    report: &mut LoadReport,
) -> Result<(), LoadError> {
    let mut tx = client
        .transaction()
        .map_err(|e| failed("cannot begin")(&e))?;
    let pg_id = pg_id_of(&mut tx, schema, name)?;
    // Children first, then the report itself.
    for table in tables().iter().rev() {
        let key = if table.name == "reports" {
            "id"
        } else {
            "report_id"
        };
        let sql = format!(
            "DELETE FROM {}.{} WHERE {key} = $1",
            quoted(schema),
            quoted(&table.name)
        );
        tx.execute(&sql, &[&pg_id])
            .map_err(|e| failed("cannot delete a report's rows")(&e))?;
    }
    for table in tables() {
        let (bytes, rows) = rows_as_copy(db, table, id, pg_id)?;
        if rows == 0 {
            continue;
        }
        let columns: Vec<String> = table.columns.iter().map(|c| quoted(&c.name)).collect();
        let sql = format!(
            "COPY {}.{} ({}) FROM STDIN",
            quoted(schema),
            quoted(&table.name),
            columns.join(", ")
        );
        let copy_failed =
            |e: &dyn std::fmt::Display| LoadError(format!("COPY {}: {e}", table.name));
        let mut writer = tx.copy_in(&sql).map_err(|e| copy_failed(&e))?;
        writer.write_all(&bytes).map_err(|e| copy_failed(&e))?;
        writer.finish().map_err(|e| copy_failed(&e))?;
        *report.copied.entry(table.name.clone()).or_default() += rows;
    }
    tx.commit().map_err(|e| failed("cannot commit")(&e))
}

/// Loads `out/yujuesuan.sqlite` into `schema` of the database at `url`.
pub fn load(out: &Path, url: &str, schema: &str) -> Result<LoadReport, LoadError> {
    let path = out.join("yujuesuan.sqlite");
    let db =
        rusqlite::Connection::open_with_flags(&path, rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY)
            .map_err(|e| LoadError(format!("cannot open {}: {e}", path.display())))?;
    let mut client = Client::connect(url, NoTls).map_err(|e| failed("cannot connect")(&e))?;
    create_schema(&mut client, schema)?;
    let reports: Vec<(i64, String)> = db
        .prepare("SELECT id, name FROM reports ORDER BY id")
        .and_then(|mut s| {
            s.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
                .collect::<Result<_, _>>()
        })
        .map_err(|e| LoadError(format!("cannot read {}: {e}", path.display())))?;
    let mut report = LoadReport::default();
    for (id, name) in &reports {
        load_report(&mut client, &db, schema, *id, name, &mut report)?;
        report.reports += 1;
    }
    for table in tables() {
        let sql = format!(
            "SELECT count(*) FROM {}.{}",
            quoted(schema),
            quoted(&table.name)
        );
        let n: i64 = client
            .query_one(&sql, &[])
            .and_then(|r| r.try_get(0))
            .map_err(|e| failed("cannot count rows")(&e))?;
        report.totals.insert(table.name.clone(), n);
    }
    Ok(report)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn copy_text_escapes_what_copy_reads_specially() {
        let mut out = Vec::new();
        copy_text(ValueRef::Text("a\tb\nc\\d".as_bytes()), &mut out);
        assert_eq!(out, b"a\\tb\\nc\\\\d");
        out.clear();
        copy_text(ValueRef::Null, &mut out);
        copy_text(ValueRef::Real(0.1), &mut out);
        assert_eq!(out, b"\\N0.1");
    }

    #[test]
    fn ddl_follows_the_sqlite_schema() {
        let cells = crate::output::schema::table("cells").unwrap();
        let sql = create_table("s", cells);
        assert!(sql.starts_with("CREATE TABLE IF NOT EXISTS \"s\".\"cells\""));
        assert!(sql.contains("\"value\" double precision NOT NULL"));
        assert!(
            sql.contains("\"value_yuan\" double precision,")
                || sql.ends_with("\"value_yuan\" double precision)")
        );
        let indexes = create_indexes("s");
        assert!(indexes.len() >= 10);
        assert!(indexes.iter().any(|i| i
            == "CREATE INDEX IF NOT EXISTS \"cells_by_report\" ON \"s\".\"cells\" (report_id)"));
    }
}
