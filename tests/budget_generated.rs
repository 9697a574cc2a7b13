//! Generated budget reports (corpus/budget/, made by
//! corpus/generator/make_budgets.py): 部门预算 and 单位预算 in the national set's
//! Shanghai form, every dimension of their printed form drawn at random, through
//! the four PDF producers and as pdftotext-style text, with truth cells from the
//! generator's model, in both regional forms (the national set as Shanghai prints it,
//! and Jiangsu's 公开01–12表). Asserts issue 11's target — cells F1 ≥ 0.999 per producer
//! and as text — and that a clean budget raises no failing check and no
//! discrepancy; prints the figures (`cargo test --test budget_generated --
//! --nocapture`).

mod common;
use rayon::prelude::*;
use std::path::PathBuf;
use std::sync::OnceLock;
use yujuesuan::output::cells::{Cell, cells};
use yujuesuan::templates::Templates;

/// Issue 11's target for every producer and for text.
const TARGET_F1: f64 = 0.999;

/// One manifest entry as read.
struct Read {
    path: String,
    producer: String,
    /// Cells, or the error that stopped the read.
    cells: Result<Vec<Cell>, String>,
    truth: common::Truth,
    /// Checks with outcome `fail`, and discrepancies (the report is clean).
    alarms: Vec<String>,
}

fn corpus() -> PathBuf {
    common::root().join("corpus/budget")
}

fn read_entry(e: &serde_json::Value, templates: &Templates) -> Read {
    let root = corpus();
    let path = e["path"].as_str().unwrap().to_string();
    let truth = common::load_truth(&root.join(e["truth"].as_str().unwrap()));
    let producer = e["producer"].as_str().unwrap().to_string();
    match yujuesuan::read_report(&root.join(&path), templates) {
        Ok(report) => {
            let json = serde_json::to_value(&report).unwrap();
            let mut alarms: Vec<String> = json["checks"]
                .as_array()
                .into_iter()
                .flatten()
                .filter(|c| c["outcome"] == "fail")
                .map(|c| format!("FAIL {} {}", c["where"], c["rule"]))
                .collect();
            alarms.extend(
                json["discrepancies"]
                    .as_array()
                    .into_iter()
                    .flatten()
                    .map(|d| format!("DISCREPANCY {} {}", d["kind"], d["cell"])),
            );
            Read {
                path,
                producer,
                cells: Ok(cells(&report)),
                truth,
                alarms,
            }
        }
        Err(err) => Read {
            path,
            producer,
            cells: Err(err.to_string()),
            truth,
            alarms: Vec::new(),
        },
    }
}

/// Every report of the manifest, read once (in parallel) for all tests.
fn reads() -> &'static [Read] {
    static READS: OnceLock<Vec<Read>> = OnceLock::new();
    READS.get_or_init(|| {
        let text = std::fs::read_to_string(corpus().join("MANIFEST.json"))
            .expect("corpus/budget/MANIFEST.json (run corpus/generator/make_budgets.py)");
        let manifest: serde_json::Value = serde_json::from_str(&text).unwrap();
        let templates = Templates::embedded().unwrap();
        let entries = manifest["files"].as_array().cloned().unwrap_or_default();
        entries
            .par_iter()
            .map(|e| read_entry(e, &templates))
            .collect()
    })
}

/// F1 over one producer's reports; prints it with the first differences.
fn f1_of(producer: &str) -> f64 {
    let mut all = Vec::new();
    let mut truth = common::Truth::new();
    for r in reads().iter().filter(|r| r.producer == producer) {
        truth.extend(r.truth.clone());
        if let Ok(c) = &r.cells {
            all.extend(c.iter().cloned());
        }
    }
    assert!(!truth.is_empty(), "{producer}: no generated budgets");
    let (p, rc, f, diffs) = common::score(&truth, &all);
    eprintln!(
        "{producer}: P={p:.4} R={rc:.4} F1={f:.4} ({} truth cells){}",
        truth.len(),
        diffs
            .iter()
            .take(5)
            .map(|d| format!("\n    {d}"))
            .collect::<String>()
    );
    f
}

fn assert_f1(producer: &str) {
    let f = f1_of(producer);
    assert!(f >= TARGET_F1, "{producer}: F1 {f:.4} < {TARGET_F1}");
}

#[test]
fn every_generated_budget_is_read_as_a_budget() {
    let reads = reads();
    assert!(reads.len() >= 60, "only {} generated budgets", reads.len());
    for r in reads {
        let cells = r
            .cells
            .as_ref()
            .unwrap_or_else(|e| panic!("{}: {e}", r.path));
        assert!(!cells.is_empty(), "{}: no cells", r.path);
        assert!(
            cells.iter().all(|c| c.document.as_str() == "budget"),
            "{}: a cell is not `document: budget`",
            r.path
        );
    }
}

#[test]
fn text_budgets_reach_the_target() {
    assert_f1("text");
}

#[test]
fn libreoffice_writer_budgets_reach_the_target() {
    assert_f1("libreoffice-writer");
}

#[test]
fn libreoffice_calc_budgets_reach_the_target() {
    assert_f1("libreoffice-calc");
}

#[test]
fn chromium_budgets_reach_the_target() {
    assert_f1("chromium");
}

#[test]
fn reportlab_budgets_reach_the_target() {
    assert_f1("reportlab");
}

#[test]
fn clean_budgets_raise_no_alarm() {
    let alarms: Vec<String> = reads()
        .iter()
        .flat_map(|r| r.alarms.iter().map(move |a| format!("{}: {a}", r.path)))
        .collect();
    eprintln!(
        "clean budgets: {} false alarms{}",
        alarms.len(),
        alarms
            .iter()
            .take(10)
            .map(|a| format!("\n    {a}"))
            .collect::<String>()
    );
    assert!(
        alarms.is_empty(),
        "{} false alarms on clean budgets",
        alarms.len()
    );
}
