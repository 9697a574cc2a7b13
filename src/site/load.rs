//! What the site is made from: the outputs of a run on disk (report JSONs,
//! errors.jsonl, summary.json). Report JSONs are read into the typed view
//! `show` uses ([`ReportJson`]): only the fields a page shows are built,
//! the rest (places of every value, narrative sections …) is skipped by the
//! parser, so reading tens of megabytes of reports costs little next to the run.

pub use crate::show::ReportJson;
use serde_json::Value;
use std::path::{Path, PathBuf};

/// One report JSON of the run, with its output name.
pub struct LoadedReport {
    /// `<name>` of `OUT/reports/<name>.json`.
    pub name: String,
    /// The report JSON's fields the site shows.
    pub json: ReportJson,
    /// What the JSON's bytes were ([`super::crops::stamp`]): crops made
    /// for this very JSON are reused, others are made again.
    pub stamp: String,
}

/// The report JSONs under `out/reports`, sorted by name.
pub fn report_paths(out: &Path) -> Vec<PathBuf> {
    let mut paths: Vec<PathBuf> = std::fs::read_dir(out.join("reports"))
        .map(|d| d.filter_map(|e| e.ok().map(|e| e.path())).collect())
        .unwrap_or_default();
    paths.retain(|p| p.extension().is_some_and(|e| e == "json"));
    paths.sort();
    paths
}

/// One report JSON; `Err(name)` when it cannot be read or parsed.
pub fn report(path: &Path) -> Result<LoadedReport, String> {
    let name = path
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    let Ok(bytes) = std::fs::read(path) else {
        return Err(name);
    };
    match serde_json::from_slice::<ReportJson>(&bytes) {
        Ok(json) => Ok(LoadedReport {
            name,
            json,
            stamp: super::crops::stamp(&bytes),
        }),
        Err(_) => Err(name),
    }
}

/// The lines of `out/errors.jsonl` (files that were not read).
pub fn errors(out: &Path) -> Vec<Value> {
    std::fs::read_to_string(out.join("errors.jsonl"))
        .map(|t| {
            t.lines()
                .filter_map(|l| serde_json::from_str(l).ok())
                .collect()
        })
        .unwrap_or_default()
}

/// `out/summary.json`, or null.
pub fn summary(out: &Path) -> Value {
    std::fs::read(out.join("summary.json"))
        .ok()
        .and_then(|b| serde_json::from_slice(&b).ok())
        .unwrap_or(Value::Null)
}

/// A JSON value shown as text: strings bare, numbers as JSON prints them, null empty.
pub fn text(v: Option<&Value>) -> String {
    match v {
        None | Some(Value::Null) => String::new(),
        Some(Value::String(s)) => s.clone(),
        Some(other) => other.to_string(),
    }
}
