//! What the site is made from: the outputs of a run on disk (report JSONs,
//! errors.jsonl, summary.json), read as JSON values so that the site shows
//! whatever the report holds — a new check outcome or field appears without
//! a change here.

use serde_json::Value;
use std::path::{Path, PathBuf};

/// One report JSON of the run, with its output name.
pub struct LoadedReport {
    /// `<name>` of `OUT/reports/<name>.json`.
    pub name: String,
    /// The report JSON.
    pub json: Value,
}

impl LoadedReport {
    /// A string field, or "".
    pub fn str_of(&self, key: &str) -> &str {
        self.json.get(key).and_then(Value::as_str).unwrap_or("")
    }

    /// An array field's items.
    pub fn list(&self, key: &str) -> &[Value] {
        self.json
            .get(key)
            .and_then(Value::as_array)
            .map(Vec::as_slice)
            .unwrap_or(&[])
    }

    /// Checks that did not pass (any outcome but `pass`).
    pub fn open_checks(&self) -> impl Iterator<Item = (usize, &Value)> {
        self.list("checks")
            .iter()
            .enumerate()
            .filter(|(_, c)| outcome(c) != "pass")
    }

    /// How many checks have this outcome.
    pub fn count_outcome(&self, wanted: &str) -> usize {
        self.list("checks")
            .iter()
            .filter(|c| outcome(c) == wanted)
            .count()
    }
}

/// A check's outcome string.
pub fn outcome(check: &Value) -> &str {
    check.get("outcome").and_then(Value::as_str).unwrap_or("")
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
    match std::fs::read(path)
        .ok()
        .and_then(|b| serde_json::from_slice(&b).ok())
    {
        Some(json) => Ok(LoadedReport { name, json }),
        None => Err(name),
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
