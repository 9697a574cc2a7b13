//! The crops a report page shows: for each discrepancy its sentence and its
//! table cell, for each check that did not pass (`fail`, `unverified`; a
//! `rounding` check holds within the report's rounding) its cell. Only those: every
//! other number can be shown on demand with `yujuesuan show`, which keeps
//! writing the site cheap next to the run itself.
//!
//! Crops are made where the PDF is already in memory: by the reader of an
//! `extract` run, right after it writes the report JSON ([`write_for_reader`],
//! called by each worker as its file finishes, so crops are drawn in parallel
//! with the rest of the run and not one report after another at its end).
//! Each report's folder `site/crops/<name>/` ends with a [`STAMP_FILE`]
//! naming the report JSON its crops were made from; writing the site
//! ([`write_report_crops`]) reuses a folder whose stamp matches the JSON on
//! disk and renders the crops itself otherwise (`yujuesuan site OUT`, a run
//! without `site`, a folder left by an older version of the file).

use super::load::LoadedReport;
use crate::normalise::summary::ReportSummary;
use crate::pdf::Drawing;
use crate::show::{self, Crop, ReportJson};
use std::collections::HashMap;
use std::hash::Hasher;
use std::path::Path;

/// Pixels per point in the site's crops: legible 10 pt text at a third less
/// than `show`'s default, so pages and the folder stay small.
const SITE_SCALE: f32 = 1.5;

/// The file, written last into a report's crop folder, that holds the
/// [`stamp`] of the report JSON the crops were made from.
pub const STAMP_FILE: &str = "report.stamp";

/// The crops written for one report, as paths relative to the site's root.
#[derive(Debug, Default)]
pub struct ReportCrops {
    /// Per discrepancy (same order as the report's): sentence crop, cell crop.
    pub discrepancies: Vec<(Option<String>, Option<String>)>,
    /// Per check index: the crop of its cell.
    pub checks: HashMap<usize, String>,
    /// Crops that could not be rendered, with why.
    pub failures: Vec<String>,
}

/// What identifies a report JSON's bytes: their length and a 64-bit hash
/// (crops are reused only for the very JSON they were made from; no
/// adversary chooses these bytes, so a fast hash is enough).
pub fn stamp(json: &[u8]) -> String {
    let mut h = rustc_hash::FxHasher::default();
    h.write(json);
    format!("{}:{:016x}", json.len(), h.finish())
}

/// Where a crop lives, relative to the site root.
fn crop_path(report: &str, file: &str) -> String {
    format!("crops/{}/{file}", super::html::href_segment(report))
}

/// What a crop illustrates.
#[derive(Debug, Clone, Copy)]
enum Target {
    Sentence(usize),
    Cell(usize),
    Check(usize),
}

/// Whether a check with this outcome gets a crop: any outcome but `pass`
/// and `rounding` (a `rounding` check holds within the report's own
/// rounding: listed, not shown).
fn outcome_shown(outcome: &str) -> bool {
    outcome != "pass" && outcome != "rounding"
}

/// Whether a report read from this kind of input, with these counts, can
/// have crops: PDF input with a discrepancy or a check shown with one (see
/// [`outcome_shown`]). False means [`wanted`] is empty, so a reader tells
/// from the summary in hand, without parsing the report JSON it has just
/// written, that most files have nothing to draw.
pub fn report_has_crops(input_kind: &str, findings: &ReportSummary) -> bool {
    let shown_checks = findings
        .checks
        .saturating_sub(findings.pass)
        .saturating_sub(findings.rounding);
    input_kind == "pdf"
        && (findings.discrepancies > 0 || findings.unverified_discrepancies > 0 || shown_checks > 0)
}

/// The crops a report's page shows: (crop, file name, what it is for).
/// None for text input, which has no page to crop.
fn wanted(json: &ReportJson) -> Vec<(Crop, String, Target)> {
    let mut wanted = Vec::new();
    if json.input_kind.as_str() != "pdf" {
        return wanted;
    }
    for (k, d) in json.discrepancies.iter().enumerate() {
        let c = show::crops_of_discrepancy(json, d);
        if let Some(crop) = c.sentence {
            wanted.push((
                crop,
                format!("d{}-sentence.png", k + 1),
                Target::Sentence(k),
            ));
        }
        if let Some(crop) = c.cell {
            wanted.push((crop, format!("d{}-cell.png", k + 1), Target::Cell(k)));
        }
    }
    let shown = json
        .open_checks()
        .filter(|(_, c)| outcome_shown(c.outcome.as_str()));
    for (i, check) in shown {
        if let Some(crop) = show::check_crop(json, check.location.as_str()) {
            wanted.push((crop, format!("c{}.png", i + 1), Target::Check(i)));
        }
    }
    wanted
}

/// Renders the wanted crops from the PDF's bytes into `dir` (emptied
/// first), then writes the stamp; the file names of the crops written, and
/// the failures.
fn render_into_dir(
    dir: &Path,
    wanted: &[(Crop, String, Target)],
    render: impl FnOnce(&[Crop]) -> Vec<Result<Vec<u8>, show::ShowError>>,
    stamp: &str,
) -> (Vec<bool>, Vec<String>) {
    let mut failures = Vec::new();
    let mut written = vec![false; wanted.len()];
    if dir.exists()
        && let Err(e) = std::fs::remove_dir_all(dir)
    {
        failures.push(format!("{}: {e}", dir.display()));
        return (written, failures);
    }
    if wanted.is_empty() {
        return (written, failures);
    }
    if let Err(e) = std::fs::create_dir_all(dir) {
        failures.push(format!("{}: {e}", dir.display()));
        return (written, failures);
    }
    let crops: Vec<Crop> = wanted.iter().map(|w| w.0.clone()).collect();
    let rendered = render(&crops);
    for (((_, file, _), png), done) in wanted.iter().zip(rendered).zip(written.iter_mut()) {
        match png
            .map_err(|e| e.to_string())
            .and_then(|p| std::fs::write(dir.join(file), p).map_err(|e| e.to_string()))
        {
            Ok(()) => *done = true,
            Err(e) => failures.push(format!("{file}: {e}")),
        }
    }
    if let Err(e) = std::fs::write(dir.join(STAMP_FILE), stamp) {
        failures.push(format!("{STAMP_FILE}: {e}"));
    }
    (written, failures)
}

/// The reader's side: after a file's report JSON (`json`) is written, makes
/// its crops in `dir` (`site/crops/<name>/`) from the file the text stage
/// has just read, with its fonts. Best effort: a crop that cannot be made
/// is made again (or its failure reported) when the site is written.
pub fn write_for_reader(dir: &Path, json: &[u8], drawing: &Drawing<'_>) {
    let Ok(report) = serde_json::from_slice::<ReportJson>(json) else {
        return;
    };
    let render = |crops: &[Crop]| show::render_crops_drawn(drawing, crops, SITE_SCALE);
    let _ = render_into_dir(dir, &wanted(&report), render, &stamp(json));
}

/// The reader's side for a report without crops ([`report_has_crops`] false):
/// removes a folder an earlier run left, as [`write_for_reader`] would.
pub fn clear_for_reader(dir: &Path) {
    if dir.exists() {
        let _ = std::fs::remove_dir_all(dir);
    }
}

/// The crops of a report's page under `site/crops/<name>/`: those the
/// reader made for this very JSON, else rendered now from the PDF.
pub fn write_report_crops(site: &Path, report: &LoadedReport) -> ReportCrops {
    let mut out = ReportCrops {
        discrepancies: vec![(None, None); report.json.discrepancies.len()],
        ..ReportCrops::default()
    };
    let wanted = wanted(&report.json);
    if wanted.is_empty() {
        return out;
    }
    let dir = site.join("crops").join(&report.name);
    let made = std::fs::read_to_string(dir.join(STAMP_FILE)).is_ok_and(|s| s == report.stamp)
        && wanted.iter().all(|w| dir.join(&w.1).is_file());
    let written = if made {
        vec![true; wanted.len()]
    } else {
        let source = report.json.source.as_str();
        match std::fs::read(source) {
            Ok(pdf) => {
                let render = |crops: &[Crop]| show::render_crops(&pdf, crops, SITE_SCALE);
                let (written, failures) = render_into_dir(&dir, &wanted, render, &report.stamp);
                out.failures = failures;
                written
            }
            Err(e) => {
                out.failures.push(format!("{source}: {e}"));
                return out;
            }
        }
    };
    for ((_, file, target), ok) in wanted.iter().zip(written) {
        if !ok {
            continue;
        }
        let path = crop_path(&report.name, file);
        match *target {
            Target::Sentence(k) => set(&mut out.discrepancies, k, |d| d.0 = Some(path)),
            Target::Cell(k) => set(&mut out.discrepancies, k, |d| d.1 = Some(path)),
            Target::Check(i) => {
                out.checks.insert(i, path);
            }
        }
    }
    out
}

fn set<T>(list: &mut [T], i: usize, f: impl FnOnce(&mut T)) {
    if let Some(x) = list.get_mut(i) {
        f(x);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_stamp_changes_with_the_bytes() {
        assert_eq!(stamp(b"{}"), stamp(b"{}"));
        assert_ne!(stamp(b"{\"a\":1}"), stamp(b"{\"a\":2}"));
        assert!(stamp(b"{}").starts_with("2:"));
    }
}
