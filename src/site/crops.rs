//! The crops a report page shows: for each discrepancy its sentence and its
//! table cell, for each check that did not pass (`fail`, `unverified`; a
//! `rounding` check holds within the report's rounding) its cell. Only those: every
//! other number can be shown on demand with `yujuesuan show`, which keeps
//! writing the site cheap next to the run itself.

use super::load::LoadedReport;
use crate::show::{self, Crop};
use std::collections::HashMap;
use std::path::Path;

/// Pixels per point in the site's crops: legible 10 pt text at a third less
/// than `show`'s default, so pages and the folder stay small.
const SITE_SCALE: f32 = 1.5;

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

/// Where a crop lives, relative to the site root.
fn crop_path(report: &str, file: &str) -> String {
    format!("crops/{}/{file}", super::html::href_segment(report))
}

/// Renders and writes a report's crops under `site/crops/<name>/`.
pub fn write_report_crops(site: &Path, report: &LoadedReport) -> ReportCrops {
    let mut out = ReportCrops::default();
    let discrepancies = &report.json.discrepancies;
    out.discrepancies = vec![(None, None); discrepancies.len()];
    if report.json.input_kind.as_str() != "pdf" {
        return out;
    }
    // (crop, file name, what it is for)
    let mut wanted: Vec<(Crop, String, Target)> = Vec::new();
    for (k, d) in discrepancies.iter().enumerate() {
        let c = show::crops_of_discrepancy(d);
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
    // A `rounding` check holds within the report's own rounding: listed, not shown.
    let shown = report
        .json
        .open_checks()
        .filter(|(_, c)| c.outcome.as_str() != "rounding");
    for (i, check) in shown {
        if let Some(crop) = show::check_crop(&report.json, check.location.as_str()) {
            wanted.push((crop, format!("c{}.png", i + 1), Target::Check(i)));
        }
    }
    if wanted.is_empty() {
        return out;
    }
    let source = report.json.source.as_str();
    let bytes = match std::fs::read(source) {
        Ok(b) => b,
        Err(e) => {
            out.failures.push(format!("{source}: {e}"));
            return out;
        }
    };
    let crops: Vec<Crop> = wanted.iter().map(|w| w.0.clone()).collect();
    let dir = site.join("crops").join(&report.name);
    if let Err(e) = std::fs::create_dir_all(&dir) {
        out.failures.push(format!("{}: {e}", dir.display()));
        return out;
    }
    for ((_, file, target), png) in wanted
        .iter()
        .zip(show::render_crops(&bytes, &crops, SITE_SCALE))
    {
        let written = png
            .map_err(|e| e.to_string())
            .and_then(|p| std::fs::write(dir.join(file), p).map_err(|e| e.to_string()));
        if let Err(e) = written {
            out.failures.push(format!("{file}: {e}"));
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

/// What a crop illustrates.
enum Target {
    Sentence(usize),
    Cell(usize),
    Check(usize),
}
