//! Shared test helpers: locating ../shared, scoring cells like score-cells.
#![allow(dead_code)]

pub mod generated;

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::process::Command;
use yujuesuan::output::cells::Cell;

/// Whether the tests run in CI (`CI` set to anything but empty, `0` or `false`).
pub fn in_ci() -> bool {
    std::env::var("CI").is_ok_and(|v| !v.is_empty() && v != "0" && v != "false")
}

/// The one place a test gives up for want of something outside the crate
/// (`../shared`, a tool, a system file): in CI that is a failure — a test that
/// cannot run must not pass — elsewhere it prints SKIPPED and the test returns.
pub fn absent(what: &str) {
    assert!(
        !in_ci(),
        "{what} (CI is set: a test that needs it fails rather than skips)"
    );
    eprintln!("SKIPPED: {what}");
}

/// `path` when it exists; otherwise [`absent`] (fails in CI) and `None`.
pub fn required(path: PathBuf, why: &str) -> Option<PathBuf> {
    if path.exists() {
        Some(path)
    } else {
        absent(&format!("{} is absent; {why}", path.display()));
        None
    }
}

/// `../shared` beside the crate, when present (CI and developers have it);
/// absent in CI is a failure (see [`absent`]).
pub fn shared_dir() -> Option<PathBuf> {
    required(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared"),
        "the seed and real PDFs cannot be read",
    )
}

/// A path under `../shared` that a test needs (see [`required`]).
pub fn shared_path(relative: &str, why: &str) -> Option<PathBuf> {
    required(shared_dir()?.join(relative), why)
}

/// The crate root.
pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn norm(s: &str) -> String {
    yujuesuan::text_norm::compact(s)
}

/// Cells keyed as score-cells keys them: (report, table, row, column) → value.
pub type Truth = HashMap<(String, String, String, String), f64>;

/// Loads truth cells (JSON Lines, gzipped when the name ends in `.gz`) keyed
/// as score-cells keys them.
pub fn load_truth(path: &Path) -> Truth {
    let bytes = std::fs::read(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let text = if path.extension().is_some_and(|e| e == "gz") {
        let mut out = String::new();
        std::io::Read::read_to_string(&mut flate2::read::GzDecoder::new(&bytes[..]), &mut out)
            .unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        out
    } else {
        String::from_utf8(bytes).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
    };
    text.lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| {
            let v: serde_json::Value = serde_json::from_str(l).unwrap();
            let key = (
                norm(v["report"].as_str().unwrap()),
                v["table"].as_str().unwrap().to_string(),
                norm(v["row"].as_str().unwrap()),
                norm(v["column"].as_str().unwrap()),
            );
            (key, v["value"].as_f64().unwrap())
        })
        .collect()
}

/// Precision, recall, F1 and a list of differences (for failure messages).
pub fn score(
    truth: &HashMap<(String, String, String, String), f64>,
    cells: &[Cell],
) -> (f64, f64, f64, Vec<String>) {
    let mut correct = 0usize;
    let mut diffs = Vec::new();
    let mut predicted = HashMap::new();
    for c in cells {
        predicted.insert(
            (
                norm(&c.report),
                c.table.to_string(),
                norm(&c.row),
                norm(&c.column),
            ),
            c.value,
        );
    }
    for (k, v) in &predicted {
        match truth.get(k) {
            Some(t) if (t - v).abs() <= 0.005 => correct += 1,
            Some(t) => diffs.push(format!("WRONG {k:?} truth {t} got {v}")),
            None => diffs.push(format!("EXTRA {k:?} {v}")),
        }
    }
    for (k, v) in truth {
        if !predicted.contains_key(k) {
            diffs.push(format!("MISSED {k:?} {v}"));
        }
    }
    let p = if predicted.is_empty() {
        0.0
    } else {
        correct as f64 / predicted.len() as f64
    };
    let r = if truth.is_empty() {
        0.0
    } else {
        correct as f64 / truth.len() as f64
    };
    let f = if p + r == 0.0 {
        0.0
    } else {
        2.0 * p * r / (p + r)
    };
    diffs.sort();
    (p, r, f, diffs)
}

/// The Python interpreter with `modules` importable: `$YUJUESUAN_PYTHON`,
/// else `python3` (`.ci/run` puts its virtual environment first on PATH).
/// Without them the test fails in CI and says SKIPPED elsewhere.
pub fn python_with(modules: &str) -> Option<String> {
    let python = std::env::var("YUJUESUAN_PYTHON").unwrap_or_else(|_| "python3".to_string());
    let found = Command::new(&python)
        .args(["-c", &format!("import {modules}")])
        .status()
        .is_ok_and(|s| s.success());
    if found {
        return Some(python);
    }
    assert!(
        std::env::var_os("CI").is_none(),
        "{python} cannot import {modules}; .ci/run installs them"
    );
    eprintln!("SKIPPED: {python} cannot import {modules}");
    None
}
