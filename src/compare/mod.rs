//! `yujuesuan compare`: one figure across every report of an extract run
//! (`OUT/reports/*.json`), one row per unit and year — what a reporter pastes
//! into a story. Reads the JSON the run wrote, so it needs no re-extraction.

pub mod execution;
pub mod query;
pub mod render;
pub mod row;

pub use query::Query;
pub use render::{Format, render};
pub use row::{CompareRow, SortKey, sort_rows, to_amount_unit};

use std::path::Path;

/// Every row the query selects from the reports under `out/reports` (of one
/// document when `document` is given), or an error naming what could not be read.
pub fn compare(
    out: &Path,
    query: &Query,
    document: Option<&str>,
) -> Result<Vec<CompareRow>, String> {
    let dir = out.join("reports");
    let entries =
        std::fs::read_dir(&dir).map_err(|e| format!("cannot read {}: {e}", dir.display()))?;
    let mut paths: Vec<_> = entries
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "json"))
        .collect();
    paths.sort();
    let mut rows = Vec::new();
    for path in paths {
        let text = std::fs::read_to_string(&path)
            .map_err(|e| format!("cannot read {}: {e}", path.display()))?;
        let report: serde_json::Value = serde_json::from_str(&text)
            .map_err(|e| format!("{}: not a report: {e}", path.display()))?;
        rows.extend(
            query
                .select(&report)
                .into_iter()
                .filter(|r| document.is_none_or(|d| r.document == d)),
        );
    }
    Ok(rows)
}
