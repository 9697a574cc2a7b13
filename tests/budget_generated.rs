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
use common::generated::{GeneratedRead, f1_over, read_manifest};
use std::sync::OnceLock;

/// Issue 11's target for every producer and for text.
const TARGET_F1: f64 = 0.999;

/// Every report of the manifest, read once (in parallel) for all tests.
fn reads() -> &'static [GeneratedRead] {
    static READS: OnceLock<Vec<GeneratedRead>> = OnceLock::new();
    READS.get_or_init(|| {
        read_manifest(
            &common::root().join("corpus/budget"),
            "run corpus/generator/make_budgets.py",
        )
    })
}

fn assert_f1(producer: &str) {
    let f = f1_over(producer, reads().iter().filter(|r| r.producer == producer))
        .unwrap_or_else(|| panic!("{producer}: no generated budgets"));
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
        assert!(!r.truth.is_empty(), "{}: no truth cells", r.path);
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
        .flat_map(|r| r.findings.alarms().map(move |a| format!("{}: {a}", r.path)))
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
