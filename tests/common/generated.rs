//! Reading a generated corpus (a folder with a `MANIFEST.json` written by one of
//! corpus/generator's scripts) and scoring it: the scaffolding the generated
//! 决算 and budget tests share, so that both read a manifest entry, collect
//! what a report alarms on and print F1 the same way.

use super::{Truth, load_truth, score};
use rayon::prelude::*;
use std::path::Path;
use yujuesuan::output::cells::{Cell, cells};
use yujuesuan::templates::Templates;

/// What a report's checks and discrepancies say, as lines for messages.
#[derive(Default)]
pub struct Findings {
    /// Checks with outcome `fail`: `where rule expected … found …`.
    pub fails: Vec<String>,
    /// Checks with outcome `unverified`, in the same form.
    pub unverified: Vec<String>,
    /// Every check evaluated.
    pub checks: usize,
    /// Discrepancies: kind, cell, both values, fact and the sentence's start.
    pub discrepancies: Vec<String>,
    /// The narrative value of each discrepancy, in the same order.
    pub discrepancy_values: Vec<f64>,
}

impl Findings {
    /// Collects the findings of a report serialised as its JSON.
    pub fn of(json: &serde_json::Value) -> Findings {
        let mut found = Findings::default();
        for c in json["checks"].as_array().into_iter().flatten() {
            found.checks += 1;
            let line = format!(
                "{} {} expected {} found {}",
                c["where"].as_str().unwrap_or(""),
                c["rule"].as_str().unwrap_or(""),
                c["expected"],
                c["found"]
            );
            match c["outcome"].as_str() {
                Some("fail") => found.fails.push(line),
                Some("unverified") => found.unverified.push(line),
                _ => {}
            }
        }
        for d in json["discrepancies"].as_array().into_iter().flatten() {
            found
                .discrepancy_values
                .push(d["narrative_value"].as_f64().unwrap_or(f64::NAN));
            found.discrepancies.push(format!(
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
        found
    }

    /// Failing checks and discrepancies: what a clean report must not have.
    pub fn alarms(&self) -> impl Iterator<Item = String> + '_ {
        let fails = self.fails.iter().map(|f| format!("FAIL {f}"));
        let discrepancies = self
            .discrepancies
            .iter()
            .map(|d| format!("DISCREPANCY {d}"));
        fails.chain(discrepancies)
    }
}

/// One manifest entry as read.
pub struct GeneratedRead {
    /// The manifest's entry (path, producer, features, planted error, truth).
    pub entry: serde_json::Value,
    /// The report's path relative to the corpus folder.
    pub path: String,
    /// The producer that made the file (`text`, `chromium`, …).
    pub producer: String,
    /// Cells, or the error that stopped the read.
    pub cells: Result<Vec<Cell>, String>,
    /// The generator's truth cells (empty when the entry has none).
    pub truth: Truth,
    /// Checks and discrepancies (empty when the read failed).
    pub findings: Findings,
}

fn read_entry(root: &Path, entry: serde_json::Value, templates: &Templates) -> GeneratedRead {
    let path = entry["path"].as_str().unwrap().to_string();
    let truth = entry["truth"]
        .as_str()
        .map(|t| load_truth(&root.join(t)))
        .unwrap_or_default();
    let producer = entry["producer"].as_str().unwrap().to_string();
    let (cells, findings) = match yujuesuan::read_report(&root.join(&path), templates) {
        Ok(report) => {
            let json = serde_json::to_value(&report).unwrap();
            (Ok(cells(&report)), Findings::of(&json))
        }
        Err(err) => (Err(err.to_string()), Findings::default()),
    };
    GeneratedRead {
        entry,
        path,
        producer,
        cells,
        truth,
        findings,
    }
}

/// Reads every report `root/MANIFEST.json` lists, in parallel; `how` says how
/// the corpus is made, for the message when the manifest is missing.
pub fn read_manifest(root: &Path, how: &str) -> Vec<GeneratedRead> {
    let text = std::fs::read_to_string(root.join("MANIFEST.json"))
        .unwrap_or_else(|e| panic!("{}/MANIFEST.json ({how}): {e}", root.display()));
    let manifest: serde_json::Value = serde_json::from_str(&text).unwrap();
    let templates = Templates::embedded().unwrap();
    let entries = manifest["files"].as_array().cloned().unwrap_or_default();
    entries
        .into_par_iter()
        .map(|e| read_entry(root, e, &templates))
        .collect()
}

/// F1 over the reads given that carry truth, printed with the first
/// differences and the reads that failed; `None` when none carries truth.
pub fn f1_over<'a>(label: &str, reads: impl Iterator<Item = &'a GeneratedRead>) -> Option<f64> {
    let mut all = Vec::new();
    let mut truth = Truth::new();
    let mut unread = Vec::new();
    for r in reads.filter(|r| !r.truth.is_empty()) {
        truth.extend(r.truth.clone());
        match &r.cells {
            Ok(c) => all.extend(c.iter().cloned()),
            Err(e) => unread.push(format!("{}: {e}", r.path)),
        }
    }
    if truth.is_empty() {
        eprintln!("{label}: no reports with truth");
        return None;
    }
    let (p, rc, f, diffs) = score(&truth, &all);
    eprintln!(
        "{label}: P={p:.4} R={rc:.4} F1={f:.4} ({} truth cells, {} not read){}",
        truth.len(),
        unread.len(),
        diffs
            .iter()
            .chain(&unread)
            .take(5)
            .map(|d| format!("\n    {d}"))
            .collect::<String>()
    );
    Some(f)
}
