//! The run-wide data formats hold everything the report JSON holds: the
//! database's checks, facts, discrepancies, self-evaluation and sections
//! equal the report JSON field by field. The reference is the report JSON
//! (serde's rendering of the pipeline's structs), read back independently
//! of the row mapping under test.

mod common;

use rusqlite::types::Value as Sql;
use serde_json::Value as Json;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::OnceLock;

/// The inputs: every seed variant, a few generated text reports of each
/// size, a generated PDF and a file that fails, so every table has rows
/// and the `errors` table is not empty.
fn inputs(dir: &Path) -> PathBuf {
    let root = common::root();
    let input = dir.join("in");
    std::fs::create_dir_all(&input).unwrap();
    let variants = root.join("corpus/seed-variants");
    for entry in std::fs::read_dir(&variants).unwrap() {
        let path = entry.unwrap().path();
        std::fs::copy(&path, input.join(path.file_name().unwrap())).unwrap();
    }
    for name in [
        "text-00-small-wan.txt",
        "text-01-small-wan.txt",
        "text-03-large-qian.txt",
    ] {
        let path = root.join("corpus/text").join(name);
        if path.is_file() {
            std::fs::copy(&path, input.join(name)).unwrap();
        }
    }
    std::fs::copy(
        root.join("tests/fixtures/reportlab-stsong.pdf"),
        input.join("stsong.pdf"),
    )
    .unwrap();
    std::fs::write(
        input.join("letter.txt"),
        "关于开展工作的通知\n\n请按时报送。\n",
    )
    .unwrap();
    input
}

/// Every format written by the runs of these tests.
const FORMATS: &str = "reports,jsonl,sqlite,parquet,xlsx";

/// One run shared by the tests of this file: (temporary dir, output folder).
fn run() -> &'static (tempfile::TempDir, PathBuf) {
    static RUN: OnceLock<(tempfile::TempDir, PathBuf)> = OnceLock::new();
    RUN.get_or_init(|| {
        let dir = tempfile::tempdir().unwrap();
        let input = inputs(dir.path());
        let out = dir.path().join("out");
        let status = Command::new(env!("CARGO_BIN_EXE_yujuesuan"))
            .args(["extract", "--quiet", "-j", "2", "--format", FORMATS, "-o"])
            .arg(&out)
            .arg(&input)
            .status()
            .unwrap();
        assert_eq!(status.code(), Some(1), "one input fails");
        (dir, out)
    })
}

/// The report JSONs of a run, by output name.
fn report_jsons(out: &Path) -> Vec<(String, Json)> {
    let mut reports: Vec<(String, Json)> = std::fs::read_dir(out.join("reports"))
        .unwrap()
        .map(|e| {
            let path = e.unwrap().path();
            let name = path.file_stem().unwrap().to_string_lossy().into_owned();
            let json = serde_json::from_slice(&std::fs::read(&path).unwrap()).unwrap();
            (name, json)
        })
        .collect();
    reports.sort_by(|a, b| a.0.cmp(&b.0));
    reports
}

/// The database column a JSON field is stored in.
fn column_of(field: &str) -> &str {
    match field {
        "where" => "location",
        "table" => "table_kind",
        "unit" => "value_unit",
        other => other,
    }
}

/// True when a JSON value and a database value are the same datum.
fn same(json: &Json, sql: &Sql) -> bool {
    match (json, sql) {
        (Json::Null, Sql::Null) => true,
        (Json::String(a), Sql::Text(b)) => a == b,
        (Json::Number(a), Sql::Integer(b)) => a.as_i64() == Some(*b),
        (Json::Number(a), Sql::Real(b)) => a.as_f64() == Some(*b),
        _ => false,
    }
}

/// The rows of `table` for one report, ordered as the JSON orders them,
/// as (column name, value) lists.
fn rows(
    db: &rusqlite::Connection,
    table: &str,
    order: &str,
    name: &str,
) -> Vec<Vec<(String, Sql)>> {
    let sql = format!(
        "SELECT t.* FROM {table} t JOIN reports r ON r.id = t.report_id \
         WHERE r.name = ?1 ORDER BY {order}"
    );
    let mut statement = db.prepare(&sql).unwrap();
    let names: Vec<String> = statement
        .column_names()
        .iter()
        .map(|s| s.to_string())
        .collect();
    statement
        .query_map([name], |row| {
            Ok(names
                .iter()
                .enumerate()
                .map(|(i, n)| (n.clone(), row.get::<_, Sql>(i).unwrap()))
                .collect())
        })
        .unwrap()
        .map(Result::unwrap)
        .collect()
}

/// Every object of `objects` equals its row: each field in its column,
/// every other column (beyond the keys) NULL.
fn assert_rows_equal(what: &str, objects: &[&Json], rows: &[Vec<(String, Sql)>], skip: &[&str]) {
    assert_eq!(objects.len(), rows.len(), "{what}: count");
    for (i, (object, row)) in objects.iter().zip(rows).enumerate() {
        let object = object.as_object().unwrap();
        for (column, value) in row {
            if ["report_id", "seq", "table_seq"].contains(&column.as_str())
                || skip.contains(&column.as_str())
            {
                continue;
            }
            let field = object
                .iter()
                .find(|(k, _)| column_of(k) == column)
                .map(|(_, v)| v)
                .unwrap_or(&Json::Null);
            assert!(
                same(field, value),
                "{what} #{i}: column {column}: JSON {field} vs database {value:?}"
            );
        }
    }
}

#[test]
fn the_database_holds_every_check_fact_discrepancy_and_section_of_the_report_json() {
    let (_dir, out) = run();
    let db = rusqlite::Connection::open(out.join("yujuesuan.sqlite")).unwrap();
    let reports = report_jsons(out);
    assert!(reports.len() >= 10);
    let mut totals = [0usize; 4];
    for (name, json) in &reports {
        let list = |key: &str| -> Vec<&Json> {
            json[key]
                .as_array()
                .map(|a| a.iter().collect())
                .unwrap_or_default()
        };
        let checks = list("checks");
        let facts = list("facts");
        let discrepancies = list("discrepancies");
        assert_rows_equal(name, &checks, &rows(&db, "checks", "seq", name), &[]);
        assert_rows_equal(name, &facts, &rows(&db, "facts", "seq", name), &[]);
        assert_rows_equal(
            name,
            &discrepancies,
            &rows(&db, "discrepancies", "seq", name),
            &[],
        );
        let outline: Vec<&Json> = json["structure"]["outline"]
            .as_array()
            .map(|a| a.iter().collect())
            .unwrap_or_default();
        assert_rows_equal(name, &outline, &rows(&db, "sections", "seq", name), &[]);

        let evaluation = &json["self_evaluation"];
        let tables: Vec<&Json> = evaluation["tables"]
            .as_array()
            .map(|a| a.iter().collect())
            .unwrap_or_default();
        let table_rows = rows(&db, "self_evaluation", "seq", name);
        assert_rows_equal(
            name,
            &tables,
            &table_rows,
            &[
                "budget",
                "actual",
                "rate_pct",
                "execution_score",
                "indicators",
            ],
        );
        let indicators: Vec<&Json> = tables
            .iter()
            .flat_map(|t| t["indicators"].as_array().into_iter().flatten())
            .collect();
        let indicator_rows = rows(&db, "self_evaluation_indicators", "table_seq, seq", name);
        assert_rows_equal(name, &indicators, &indicator_rows, &[]);
        for (t, row) in tables.iter().zip(&table_rows) {
            let execution = &t["execution"];
            let get = |c: &str| &row.iter().find(|(n, _)| n == c).unwrap().1;
            assert!(same(&execution["budget"], get("budget")));
            assert!(same(&execution["score"], get("execution_score")));
            let n = t["indicators"].as_array().map_or(0, Vec::len);
            assert!(same(&Json::from(n), get("indicators")));
        }
        let budget_values: usize = evaluation["budget_summary"].as_array().map_or(0, |rows| {
            rows.iter()
                .map(|r| r["values"].as_array().map_or(0, Vec::len))
                .sum()
        });
        assert_eq!(
            rows(&db, "self_evaluation_budget", "seq", name).len(),
            budget_values
        );
        totals[0] += checks.len();
        totals[1] += facts.len();
        totals[2] += discrepancies.len();
        totals[3] += indicators.len();
    }
    let count =
        |sql: &str| -> usize { db.query_row(sql, [], |r| r.get::<_, i64>(0)).unwrap() as usize };
    assert_eq!(count("SELECT count(*) FROM checks"), totals[0]);
    assert_eq!(count("SELECT count(*) FROM facts"), totals[1]);
    assert_eq!(count("SELECT count(*) FROM discrepancies"), totals[2]);
    assert_eq!(
        count("SELECT count(*) FROM self_evaluation_indicators"),
        totals[3]
    );
    assert!(
        totals.iter().all(|&n| n > 0),
        "every table has rows: {totals:?}"
    );
    assert_eq!(count("SELECT count(*) FROM errors"), 1);
}

/// The fenced blocks of `language` in the README, in order.
fn readme_blocks(language: &str) -> Vec<String> {
    let readme = std::fs::read_to_string(common::root().join("README.md")).unwrap();
    let fence = format!("```{language}\n");
    readme
        .split(&fence)
        .skip(1)
        .filter_map(|rest| rest.split("\n```").next())
        .map(str::to_string)
        .collect()
}

#[test]
fn the_readme_queries_run_and_find_rows() {
    let (_dir, out) = run();
    let db = rusqlite::Connection::open(out.join("yujuesuan.sqlite")).unwrap();
    let blocks = readme_blocks("sql");
    assert!(!blocks.is_empty());
    let mut ran = 0;
    for block in blocks {
        for statement in block.split(";\n").map(str::trim).filter(|s| !s.is_empty()) {
            let statement = statement.trim_end_matches(';');
            let mut prepared = db
                .prepare(statement)
                .unwrap_or_else(|e| panic!("{statement}\n{e}"));
            let rows = prepared.query_map([], |_| Ok(())).unwrap().count();
            let about = |t: &str| statement.contains(&format!("FROM {t} "));
            if about("checks") || about("discrepancies") || about("facts") {
                assert!(rows > 0, "no rows: {statement}");
            }
            ran += 1;
        }
    }
    assert!(ran >= 10, "{ran} statements");
}

/// Runs `tests/export_check.py OUT KIND` and returns what it prints.
fn export_check(python: &str, out: &Path, kind: &str) -> String {
    let output = Command::new(python)
        .arg(common::root().join("tests/export_check.py"))
        .arg(out)
        .arg(kind)
        .output()
        .unwrap();
    assert!(
        output.status.success(),
        "export_check {kind}: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8(output.stdout).unwrap()
}

#[test]
fn parquet_reads_back_equal_to_the_database_and_cells_jsonl_with_pyarrow_and_duckdb() {
    let (_dir, out) = run();
    let Some(python) = common::python_with("pyarrow, duckdb") else {
        return;
    };
    let counts: Json = serde_json::from_str(export_check(&python, out, "parquet").trim()).unwrap();
    let db = rusqlite::Connection::open(out.join("yujuesuan.sqlite")).unwrap();
    for table in [
        "checks",
        "facts",
        "discrepancies",
        "self_evaluation_indicators",
        "sections",
    ] {
        let n: i64 = db
            .query_row(&format!("SELECT count(*) FROM {table}"), [], |r| r.get(0))
            .unwrap();
        assert!(n > 0, "{table} has rows");
        assert_eq!(counts[table], n, "{table}");
    }
}

#[test]
fn parquet_files_are_byte_identical_across_runs_and_jobs() {
    let (dir, out) = run();
    let again = dir.path().join("again");
    let status = Command::new(env!("CARGO_BIN_EXE_yujuesuan"))
        .args(["extract", "--quiet", "-j", "1", "--format", FORMATS, "-o"])
        .arg(&again)
        .arg(dir.path().join("in"))
        .status()
        .unwrap();
    assert_eq!(status.code(), Some(1));
    let mut files = 0;
    for entry in std::fs::read_dir(out.join("parquet")).unwrap() {
        let path = entry.unwrap().path();
        let twin = again.join("parquet").join(path.file_name().unwrap());
        assert!(
            std::fs::read(&path).unwrap() == std::fs::read(&twin).unwrap(),
            "{} differs between runs",
            path.display()
        );
        files += 1;
    }
    assert_eq!(files, yujuesuan::output::schema::tables().len());
}

#[test]
fn the_workbook_reads_back_equal_to_cells_jsonl_with_openpyxl() {
    let (_dir, out) = run();
    let Some(python) = common::python_with("openpyxl") else {
        return;
    };
    let report: Json = serde_json::from_str(export_check(&python, out, "xlsx").trim()).unwrap();
    let sheets: Vec<&str> = report["sheets"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s.as_str().unwrap())
        .collect();
    for sheet in [
        "notes",
        "income",
        "expenditure",
        "checks_not_passed",
        "discrepancies",
    ] {
        assert!(sheets.contains(&sheet), "{sheet} in {sheets:?}");
    }
    assert!(report["cells"].as_u64().unwrap() > 1000);
    // Amounts are shown as printed (export_check.py checks every one against
    // its printed text): without and with thousands separators.
    let formats = report["formats"].as_object().unwrap();
    for format in ["0.00", "#,##0.00"] {
        assert!(formats.contains_key(format), "{format} in {formats:?}");
    }
}

#[test]
fn a_sheet_past_the_row_limit_continues_on_the_next_with_a_note() {
    let Some(python) = common::python_with("openpyxl") else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out");
    let status = Command::new(env!("CARGO_BIN_EXE_yujuesuan"))
        .args(["extract", "--quiet", "--format", "jsonl,sqlite,xlsx", "-o"])
        .arg(&out)
        .arg(common::root().join("corpus/seed-variants"))
        .env("YUJUESUAN_XLSX_MAX_ROWS", "100")
        .status()
        .unwrap();
    assert_eq!(status.code(), Some(0));
    let report: Json = serde_json::from_str(export_check(&python, &out, "xlsx").trim()).unwrap();
    let sheets = report["sheets"].to_string();
    assert!(sheets.contains("\"income (2)\""), "{sheets}");
    let notes = report["notes"].to_string();
    assert!(
        notes.contains("continued on 1 further worksheets, income (2)"),
        "{notes}"
    );
}

#[test]
fn the_readme_snippets_run_against_a_run() {
    let (dir, out) = run();
    let Some(python) = common::python_with("duckdb, pandas, openpyxl, pyarrow") else {
        return;
    };
    // The snippets name the output folder `out`, relative to where they run.
    let here = dir.path().join("readme");
    std::fs::create_dir_all(&here).unwrap();
    for (name, target) in [
        ("out", out.clone()),
        ("corpus", common::root().join("corpus")),
    ] {
        let link = here.join(name);
        if !link.exists() {
            std::os::unix::fs::symlink(target, &link).unwrap();
        }
    }
    let python_blocks = readme_blocks("python");
    assert!(
        python_blocks.len() >= 4,
        "DuckDB, pandas, Excel and the Python package's snippets"
    );
    // The package's snippet needs `pip install ./python` (.ci/run does it).
    let package = python_blocks
        .iter()
        .any(|b| b.contains("import yujuesuan"))
        .then(|| common::python_with("yujuesuan"))
        .flatten();
    let mut runs: Vec<(String, Vec<String>)> = python_blocks
        .into_iter()
        .filter(|b| package.is_some() || !b.contains("import yujuesuan"))
        .map(|b| (python.clone(), vec!["-c".to_string(), b]))
        .collect();
    let mut shell = readme_blocks("bash");
    assert!(shell.len() >= 2, "the sqlite3 and Datasette snippets");
    let datasette = Command::new("datasette").arg("--version").output().is_ok();
    assert!(
        datasette || std::env::var_os("CI").is_none(),
        "datasette is missing; .ci/run installs it"
    );
    if !datasette {
        eprintln!("SKIPPED: datasette is absent");
        shell.retain(|b| !b.starts_with("datasette"));
    }
    let sqlite3 = Command::new("sqlite3").arg("-version").output().is_ok();
    assert!(
        sqlite3 || std::env::var_os("CI").is_none(),
        "sqlite3 is missing"
    );
    if sqlite3 {
        runs.extend(
            shell
                .into_iter()
                .map(|b| ("bash".to_string(), vec!["-c".to_string(), b])),
        );
    } else {
        eprintln!("SKIPPED: sqlite3 is absent");
    }
    for (program, args) in runs {
        let output = Command::new(&program)
            .args(&args)
            .current_dir(&here)
            .output()
            .unwrap();
        assert!(
            output.status.success() && !output.stdout.is_empty(),
            "{}\n{}",
            args[1],
            String::from_utf8_lossy(&output.stderr)
        );
    }
}
