//! Accuracy over the project's generated corpus (corpus/MANIFEST.json): every
//! PDF producer and the text versions must reach the F1 targets, and
//! nothing in the corpus may fail to read.

mod common;
use std::path::PathBuf;
use yujuesuan::output::cells::{Cell, cells};
use yujuesuan::templates::Templates;

/// Reads every manifest entry of a producer; returns cells and truth per stem.
fn run(producer: &str) -> (Vec<Cell>, common::Truth) {
    let root = common::root().join("corpus");
    let manifest: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(root.join("MANIFEST.json")).unwrap())
            .unwrap();
    let entries = manifest["files"].as_array().cloned().unwrap_or_default();
    let templates = Templates::embedded().unwrap();
    let mut all = Vec::new();
    let mut truth = common::Truth::new();
    for e in entries.iter().filter(|e| e["producer"] == producer) {
        let path: PathBuf = root.join(e["path"].as_str().unwrap());
        if path.to_string_lossy().contains("seed-variants") {
            continue;
        }
        let report = yujuesuan::read_report(&path, &templates)
            .unwrap_or_else(|err| panic!("{}: {err}", path.display()));
        all.extend(cells(&report));
        truth.extend(common::load_truth(&root.join(e["truth"].as_str().unwrap())));
    }
    assert!(!truth.is_empty(), "no {producer} entries in the manifest");
    (all, truth)
}

/// The issue asks ≥ 0.99 per producer and ≥ 0.995 over all PDFs; holding
/// every producer to 0.995 implies both.
const PDF_TARGET: f64 = 0.995;

fn check(producer: &str, target: f64) -> f64 {
    let (cells, truth) = run(producer);
    let (p, r, f, diffs) = common::score(&truth, &cells);
    eprintln!(
        "{producer}: P={p:.4} R={r:.4} F1={f:.4} ({} truth cells)",
        truth.len()
    );
    assert!(
        f >= target,
        "{producer}: F1 {f:.4} < {target}\n{}",
        diffs
            .iter()
            .take(20)
            .cloned()
            .collect::<Vec<_>>()
            .join("\n")
    );
    f
}

#[test]
fn libreoffice_writer_pdfs() {
    check("libreoffice-writer", PDF_TARGET);
}

#[test]
fn libreoffice_calc_pdfs() {
    check("libreoffice-calc", PDF_TARGET);
}

#[test]
fn chromium_pdfs() {
    check("chromium", PDF_TARGET);
}

#[test]
fn reportlab_pdfs() {
    check("reportlab", PDF_TARGET);
}

#[test]
fn text_versions() {
    check("text", 0.99);
}
