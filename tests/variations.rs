//! The layout-variation corpus (corpus/variations/, made by
//! corpus/generator/make_variations.py): reports whose every dimension of form
//! was drawn at random. Asserts the targets on the whole corpus —
//! cells F1 ≥ 0.999 per producer, for borderless PDFs and for text; no failing
//! check and no discrepancy on a clean report; every planted error found as
//! `fail` or a discrepancy — and prints the figures
//! (`cargo test --test variations -- --nocapture`). Per-report details go to
//! target/variations-details.txt.

mod common;
use rayon::prelude::*;
use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::path::PathBuf;
use std::sync::OnceLock;
use yujuesuan::output::cells::{Cell, cells};
use yujuesuan::templates::Templates;

/// The target for every producer, borderless tables and text.
const TARGET_F1: f64 = 0.999;

/// One manifest entry as read.
struct Read {
    path: String,
    producer: String,
    borderless: bool,
    /// The error planted in this report, if any (the manifest's record).
    planted: Option<serde_json::Value>,
    /// Cells, or the error that stopped the read.
    cells: Result<Vec<Cell>, String>,
    truth: common::Truth,
    /// Checks with outcome `fail` (`where` and numbers).
    fails: Vec<String>,
    /// Checks with outcome `unverified`.
    unverified: Vec<String>,
    /// Every check evaluated.
    checks: usize,
    discrepancies: Vec<String>,
    /// The narrative value of each discrepancy.
    discrepancy_values: Vec<f64>,
}

fn corpus() -> PathBuf {
    common::root().join("corpus/variations")
}

fn read_entry(e: &serde_json::Value, templates: &Templates) -> Read {
    let root = corpus();
    let path = e["path"].as_str().unwrap().to_string();
    let truth = e["truth"]
        .as_str()
        .map(|t| common::load_truth(&root.join(t)))
        .unwrap_or_default();
    let planted = e.get("planted").filter(|p| !p.is_null()).cloned();
    let mut read = Read {
        producer: e["producer"].as_str().unwrap().to_string(),
        borderless: e["features"]["ruled"] == false,
        planted,
        cells: Err(String::new()),
        truth,
        fails: Vec::new(),
        unverified: Vec::new(),
        checks: 0,
        discrepancies: Vec::new(),
        discrepancy_values: Vec::new(),
        path,
    };
    match yujuesuan::read_report(&root.join(&read.path), templates) {
        Ok(report) => {
            let json = serde_json::to_value(&report).unwrap();
            for c in json["checks"].as_array().into_iter().flatten() {
                read.checks += 1;
                let line = format!(
                    "{} {} expected {} found {}",
                    c["where"].as_str().unwrap_or(""),
                    c["rule"].as_str().unwrap_or(""),
                    c["expected"],
                    c["found"]
                );
                match c["outcome"].as_str() {
                    Some("fail") => read.fails.push(line),
                    Some("unverified") => read.unverified.push(line),
                    _ => {}
                }
            }
            for d in json["discrepancies"].as_array().into_iter().flatten() {
                read.discrepancy_values
                    .push(d["narrative_value"].as_f64().unwrap_or(f64::NAN));
                read.discrepancies.push(format!(
                    "{} {}: narrative {} vs table {} ({}) «{}»",
                    d["kind"].as_str().unwrap_or(""),
                    d["cell"].as_str().unwrap_or(""),
                    d["narrative_value"],
                    d["table_value"],
                    d["fact"].as_str().unwrap_or(""),
                    d["sentence"]
                        .as_str()
                        .unwrap_or("")
                        .chars()
                        .take(50)
                        .collect::<String>()
                ));
            }
            read.cells = Ok(cells(&report));
        }
        Err(err) => read.cells = Err(err.to_string()),
    }
    read
}

/// Every report of the manifest, read once (in parallel) for all tests.
fn reads() -> &'static [Read] {
    static READS: OnceLock<Vec<Read>> = OnceLock::new();
    READS.get_or_init(|| {
        let text = std::fs::read_to_string(corpus().join("MANIFEST.json"))
            .expect("corpus/variations/MANIFEST.json (run corpus/generator/make_variations.py)");
        let manifest: serde_json::Value = serde_json::from_str(&text).unwrap();
        let templates = Templates::embedded().unwrap();
        let entries = manifest["files"].as_array().cloned().unwrap_or_default();
        let reads: Vec<Read> = entries
            .par_iter()
            .map(|e| read_entry(e, &templates))
            .collect();
        write_details(&reads);
        reads
    })
}

/// Per-report findings for FAILURES.md: target/variations-details.txt.
fn write_details(reads: &[Read]) {
    let mut out = String::new();
    for r in reads {
        let mut lines = Vec::new();
        match &r.cells {
            Err(e) => lines.push(format!("  READ ERROR {e}")),
            Ok(cells) if !r.truth.is_empty() => {
                let (_, _, f, diffs) = common::score(&r.truth, cells);
                if f < 1.0 {
                    lines.push(format!("  F1 {f:.4}"));
                    lines.extend(diffs.iter().take(12).map(|d| format!("    {d}")));
                }
            }
            Ok(_) => {}
        }
        if let Some(p) = &r.planted {
            lines.push(format!("  PLANTED {p}"));
        }
        lines.extend(r.fails.iter().take(8).map(|f| format!("  FAIL {f}")));
        lines.extend(
            r.unverified
                .iter()
                .take(4)
                .map(|f| format!("  UNVERIFIED {f}")),
        );
        lines.extend(
            r.discrepancies
                .iter()
                .take(8)
                .map(|d| format!("  DISCREPANCY {d}")),
        );
        if !lines.is_empty() {
            let _ = writeln!(out, "{} [{}]", r.path, r.producer);
            for l in lines {
                let _ = writeln!(out, "{l}");
            }
        }
    }
    let _ = std::fs::write(common::root().join("target/variations-details.txt"), out);
}

/// F1 over the reads `keep` selects (with truth); prints it.
fn f1_of(label: &str, keep: impl Fn(&Read) -> bool) -> Option<f64> {
    let mut all = Vec::new();
    let mut truth = common::Truth::new();
    let mut unread = Vec::new();
    for r in reads().iter().filter(|r| !r.truth.is_empty() && keep(r)) {
        truth.extend(r.truth.clone());
        match &r.cells {
            Ok(c) => all.extend(c.iter().cloned()),
            Err(e) => unread.push(format!("{}: {e}", r.path)),
        }
    }
    if truth.is_empty() {
        eprintln!("{label}: no reports in the variation corpus");
        return None;
    }
    let (p, rc, f, diffs) = common::score(&truth, &all);
    eprintln!(
        "{label}: P={p:.4} R={rc:.4} F1={f:.4} ({} truth cells, {} not read){}",
        truth.len(),
        unread.len(),
        diffs
            .iter()
            .take(5)
            .map(|d| format!("\n    {d}"))
            .collect::<String>()
    );
    Some(f)
}

fn assert_f1(label: &str, keep: impl Fn(&Read) -> bool) {
    if let Some(f) = f1_of(label, keep) {
        assert!(f >= TARGET_F1, "{label}: F1 {f:.4} < {TARGET_F1}");
    }
}

#[test]
fn text_reports_reach_the_target() {
    assert_f1("text", |r| r.producer == "text");
}

#[test]
fn libreoffice_writer_reaches_the_target() {
    assert_f1("libreoffice-writer", |r| r.producer == "libreoffice-writer");
}

#[test]
fn libreoffice_calc_reaches_the_target() {
    assert_f1("libreoffice-calc", |r| r.producer == "libreoffice-calc");
}

#[test]
fn chromium_reaches_the_target() {
    assert_f1("chromium", |r| r.producer == "chromium");
}

#[test]
fn reportlab_reaches_the_target() {
    assert_f1("reportlab", |r| r.producer == "reportlab");
}

#[test]
fn borderless_pdfs_reach_the_target() {
    assert_f1("borderless PDFs", |r| r.producer != "text" && r.borderless);
}

/// Counts of false alarms on clean reports, grouped by what raised them.
fn false_alarms() -> (usize, usize, BTreeMap<String, usize>) {
    let (mut fails, mut discrepancies) = (0, 0);
    let mut classes = BTreeMap::new();
    for r in reads().iter().filter(|r| r.planted.is_none()) {
        fails += r.fails.len();
        discrepancies += r.discrepancies.len();
        for f in &r.fails {
            let table = f.split('[').next().unwrap_or("").to_string();
            *classes.entry(format!("fail {table}")).or_insert(0) += 1;
        }
        for d in &r.discrepancies {
            let kind = d.split(' ').next().unwrap_or("").to_string();
            *classes.entry(format!("discrepancy {kind}")).or_insert(0) += 1;
        }
    }
    (fails, discrepancies, classes)
}

fn clean_reports_summary() -> String {
    let clean: Vec<&Read> = reads().iter().filter(|r| r.planted.is_none()).collect();
    let with_alarm = clean
        .iter()
        .filter(|r| !r.fails.is_empty() || !r.discrepancies.is_empty())
        .count();
    let unread = clean.iter().filter(|r| r.cells.is_err()).count();
    let unverified: usize = clean.iter().map(|r| r.unverified.len()).sum();
    let checks: usize = clean.iter().map(|r| r.checks).sum();
    let (fails, discrepancies, classes) = false_alarms();
    format!(
        "clean reports: {} ({} not read); {with_alarm} with a false alarm: {fails} failing checks, \
         {discrepancies} discrepancies; {unverified} of {checks} checks unverified ({:.1} %); \
         by class: {classes:?}",
        clean.len(),
        unread,
        100.0 * unverified as f64 / checks.max(1) as f64
    )
}

#[test]
fn clean_reports_have_no_failing_check() {
    eprintln!("{}", clean_reports_summary());
    let (fails, _, _) = false_alarms();
    assert_eq!(fails, 0, "see target/variations-details.txt");
}

#[test]
fn clean_reports_have_no_discrepancy() {
    eprintln!("{}", clean_reports_summary());
    let (_, discrepancies, _) = false_alarms();
    assert_eq!(discrepancies, 0, "see target/variations-details.txt");
}

/// Whether a planted error shows where it was planted: a `fail` check on the
/// changed total (`table[合计]`) or on the 款 whose 项 is missing, or a
/// discrepancy stating the planted narrative figure.
fn found(r: &Read) -> bool {
    let Some(p) = &r.planted else { return true };
    let text = |k: &str| p[k].as_str().unwrap_or("").to_string();
    match text("kind").as_str() {
        "wrong_total" => {
            let at = format!("{}[合计]", text("table"));
            r.fails.iter().any(|f| f.starts_with(&at))
        }
        "missing_row" => {
            let row = text("row");
            let at = format!("{}[{}]", text("table"), &row[..row.len().min(5)]);
            r.fails.iter().any(|f| f.starts_with(&at))
        }
        _ => {
            let printed = p["printed"].as_f64().unwrap_or(f64::NAN);
            r.discrepancy_values
                .iter()
                .any(|v| (v - printed).abs() < 0.005)
        }
    }
}

#[test]
fn every_planted_error_is_found() {
    let planted: Vec<&Read> = reads().iter().filter(|r| r.planted.is_some()).collect();
    let missed: Vec<String> = planted
        .iter()
        .filter(|r| !found(r))
        .map(|r| {
            format!(
                "{} {} (fails {}, unverified {}, discrepancies {})",
                r.path,
                r.planted.as_ref().unwrap()["kind"],
                r.fails.len(),
                r.unverified.len(),
                r.discrepancies.len()
            )
        })
        .collect();
    eprintln!(
        "planted errors: {} of {} found as fail or discrepancy",
        planted.len() - missed.len(),
        planted.len()
    );
    assert!(missed.is_empty(), "missed:\n{}", missed.join("\n"));
}

/// The committed corpus is whole: every file the manifest lists exists, every
/// truth file loads, at least 200 reports carry truth, every producer and
/// both ruled and borderless PDFs are present, and every planted report says
/// what was planted. (Fast: reads no report.)
#[test]
fn the_corpus_is_complete() {
    let root = corpus();
    let manifest: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(root.join("MANIFEST.json")).unwrap())
            .unwrap();
    let files = manifest["files"].as_array().unwrap();
    let mut per_producer: BTreeMap<&str, usize> = BTreeMap::new();
    let (mut with_truth, mut borderless, mut planted) = (0, 0, 0);
    for e in files {
        let path = root.join(e["path"].as_str().unwrap());
        assert!(path.is_file(), "{} is missing", path.display());
        *per_producer
            .entry(e["producer"].as_str().unwrap())
            .or_default() += 1;
        if let Some(t) = e["truth"].as_str() {
            assert!(
                !common::load_truth(&root.join(t)).is_empty(),
                "{t} is empty"
            );
            with_truth += 1;
        }
        if e["producer"] != "text" && e["features"]["ruled"] == false {
            borderless += 1;
        }
        if let Some(p) = e.get("planted").filter(|p| !p.is_null()) {
            assert!(p["kind"].is_string(), "{p}");
            planted += 1;
        }
    }
    eprintln!(
        "{with_truth} reports with truth, {planted} planted, {borderless} borderless PDFs: {per_producer:?}"
    );
    assert!(with_truth >= 200, "{with_truth} reports with truth");
    for producer in [
        "text",
        "libreoffice-writer",
        "libreoffice-calc",
        "chromium",
        "reportlab",
    ] {
        assert!(
            per_producer.get(producer).is_some_and(|n| *n > 0),
            "{producer}"
        );
    }
    assert!(borderless > 0 && planted >= 40);
}
