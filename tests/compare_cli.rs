//! `yujuesuan compare`: a fact or a cell across an extract run, in every format.

mod common;
use std::process::Command;

fn bin() -> Command {
    Command::new(env!("CARGO_BIN_EXE_yujuesuan"))
}

fn extract_two() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let status = bin()
        .arg("extract")
        .arg(common::root().join("corpus/text/text-00-small-wan.txt"))
        .arg(common::root().join("corpus/text/text-02-small-yuan.txt"))
        .arg("-o")
        .arg(dir.path())
        .status()
        .unwrap();
    assert!(status.success());
    dir
}

fn run(args: &[&str]) -> (bool, String) {
    let out = bin().arg("compare").args(args).output().unwrap();
    (out.status.success(), String::from_utf8(out.stdout).unwrap())
}

#[test]
fn a_fact_as_csv_sorted_by_value_descending_in_one_unit() {
    let dir = extract_two();
    let d = dir.path().to_str().unwrap();
    let (ok, csv) = run(&[
        d,
        "--fact",
        "total_income_expenditure",
        "--format",
        "csv",
        "--sort",
        "-value",
    ]);
    assert!(ok);
    let lines: Vec<&str> = csv.lines().collect();
    assert_eq!(lines[0], "unit,year,report,item,value,value_unit,page");
    assert_eq!(lines.len(), 3, "{csv}");
    assert!(lines.iter().skip(1).all(|l| l.contains(",万元,")), "{csv}");
    let values: Vec<f64> = lines[1..]
        .iter()
        .map(|l| l.split(',').nth(4).unwrap().parse().unwrap())
        .collect();
    assert!(values[0] >= values[1]);
    assert!(csv.contains("text-00-small-wan,,223.46,万元"), "{csv}");
}

#[test]
fn a_cell_as_markdown_and_terminal_table() {
    let dir = extract_two();
    let d = dir.path().to_str().unwrap();
    let (ok, md) = run(&[
        d,
        "--cell",
        "expenditure/合计/基本支出",
        "--format",
        "markdown",
    ]);
    assert!(ok);
    assert!(md.starts_with("| unit | year | report | item | value | value_unit | page |"));
    assert!(
        md.contains("| text-00-small-wan | 合计 | 199.94 | 万元 |"),
        "{md}"
    );
    let (ok, table) = run(&[
        d,
        "--cell",
        "income_expenditure_summary/收入/本年收入合计/决算数",
    ]);
    assert!(ok);
    assert_eq!(table.lines().count(), 3, "{table}");
    let (ok, _) = run(&[d, "--fact", "x", "--sort", "colour"]);
    assert!(!ok, "an unknown sort key is an error");
}
