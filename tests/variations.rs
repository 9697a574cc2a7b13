//! The layout-variation corpus (corpus/variations/, made by
//! corpus/generator/make_variations.py): reports whose every dimension of form
//! was drawn at random. Asserts the targets on the whole corpus —
//! cells F1 ≥ 0.999 per producer, for borderless PDFs and for text; no failing
//! check and no discrepancy on a clean report; every planted error found as
//! `fail` or a discrepancy — and prints the figures
//! (`cargo test --test variations -- --nocapture`). Per-report details go to
//! target/variations-details.txt.

mod common;
use common::generated::{GeneratedRead, f1_over, read_manifest};
use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::sync::OnceLock;

/// The target for every producer, borderless tables and text.
const TARGET_F1: f64 = 0.999;

/// The error planted in a report, if any (the manifest's record).
fn planted(r: &GeneratedRead) -> Option<&serde_json::Value> {
    r.entry.get("planted").filter(|p| !p.is_null())
}

/// Whether a PDF's tables are drawn without rules.
fn borderless(r: &GeneratedRead) -> bool {
    r.entry["features"]["ruled"] == false
}

/// The corpus folder.
fn corpus() -> std::path::PathBuf {
    common::root().join("corpus/variations")
}

/// Every report of the manifest, read once (in parallel) for all tests.
fn reads() -> &'static [GeneratedRead] {
    static READS: OnceLock<Vec<GeneratedRead>> = OnceLock::new();
    READS.get_or_init(|| {
        let reads = read_manifest(&corpus(), "run corpus/generator/make_variations.py");
        write_details(&reads);
        reads
    })
}

/// Per-report findings for FAILURES.md: target/variations-details.txt.
fn write_details(reads: &[GeneratedRead]) {
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
        if let Some(p) = planted(r) {
            lines.push(format!("  PLANTED {p}"));
        }
        lines.extend(
            r.findings
                .fails
                .iter()
                .take(8)
                .map(|f| format!("  FAIL {f}")),
        );
        lines.extend(
            r.findings
                .unverified
                .iter()
                .take(4)
                .map(|f| format!("  UNVERIFIED {f}")),
        );
        lines.extend(
            r.findings
                .discrepancies
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

fn assert_f1(label: &str, keep: impl Fn(&GeneratedRead) -> bool) {
    if let Some(f) = f1_over(label, reads().iter().filter(|r| keep(r))) {
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
    assert_f1("borderless PDFs", |r| r.producer != "text" && borderless(r));
}

/// Counts of false alarms on clean reports, grouped by what raised them.
fn false_alarms() -> (usize, usize, BTreeMap<String, usize>) {
    let (mut fails, mut discrepancies) = (0, 0);
    let mut classes = BTreeMap::new();
    for r in reads().iter().filter(|r| planted(r).is_none()) {
        fails += r.findings.fails.len();
        discrepancies += r.findings.discrepancies.len();
        for f in &r.findings.fails {
            let table = f.split('[').next().unwrap_or("").to_string();
            *classes.entry(format!("fail {table}")).or_insert(0) += 1;
        }
        for d in &r.findings.discrepancies {
            let kind = d.split(' ').next().unwrap_or("").to_string();
            *classes.entry(format!("discrepancy {kind}")).or_insert(0) += 1;
        }
    }
    (fails, discrepancies, classes)
}

fn clean_reports_summary() -> String {
    let clean: Vec<&GeneratedRead> = reads().iter().filter(|r| planted(r).is_none()).collect();
    let with_alarm = clean
        .iter()
        .filter(|r| !r.findings.fails.is_empty() || !r.findings.discrepancies.is_empty())
        .count();
    let unread = clean.iter().filter(|r| r.cells.is_err()).count();
    let unverified: usize = clean.iter().map(|r| r.findings.unverified.len()).sum();
    let checks: usize = clean.iter().map(|r| r.findings.checks).sum();
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
fn found(r: &GeneratedRead) -> bool {
    let Some(p) = planted(r) else { return true };
    let text = |k: &str| p[k].as_str().unwrap_or("").to_string();
    match text("kind").as_str() {
        "wrong_total" => {
            let at = format!("{}[合计]", text("table"));
            r.findings.fails.iter().any(|f| f.starts_with(&at))
        }
        "missing_row" => {
            let row = text("row");
            let at = format!("{}[{}]", text("table"), &row[..row.len().min(5)]);
            r.findings.fails.iter().any(|f| f.starts_with(&at))
        }
        _ => {
            let printed = p["printed"].as_f64().unwrap_or(f64::NAN);
            r.findings
                .discrepancy_values
                .iter()
                .any(|v| (v - printed).abs() < 0.005)
        }
    }
}

#[test]
fn every_planted_error_is_found() {
    let with_planted: Vec<&GeneratedRead> =
        reads().iter().filter(|r| planted(r).is_some()).collect();
    let missed: Vec<String> = with_planted
        .iter()
        .filter(|r| !found(r))
        .map(|r| {
            format!(
                "{} {} (fails {}, unverified {}, discrepancies {})",
                r.path,
                planted(r).unwrap()["kind"],
                r.findings.fails.len(),
                r.findings.unverified.len(),
                r.findings.discrepancies.len()
            )
        })
        .collect();
    eprintln!(
        "planted errors: {} of {} found as fail or discrepancy",
        with_planted.len() - missed.len(),
        with_planted.len()
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
