//! A static HTML report of a run, written from the run's outputs on disk
//! (`OUT/reports/*.json`, `errors.jsonl`, `summary.json`) into `OUT/site/`:
//! open `OUT/site/index.html` from disk — no server, no network (each page
//! carries a Content-Security-Policy forbidding requests), zip the folder to
//! share it.
//!
//! ```text
//! site/index.html               overview: read/failed by class, one row per report
//! site/checks-N.html            checks that did not pass, 500 per file
//! site/discrepancies-N.html     discrepancies, 500 per file
//! site/charts.html              “三公” budget vs actual, spending by 类, per unit
//! site/reports/<name>.html      one page per report
//! site/crops/<name>/*.png       discrepancy and failing-check crops (PDF input)
//! ```
//!
//! It runs once after a run, separate from the batch code, so it can also be
//! (re)written for an existing output folder.

mod charts;
mod crops;
mod figures;
mod html;
mod load;
mod overview;
mod report_page;

use rayon::prelude::*;
use std::path::Path;

/// What writing the site did.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct SiteSummary {
    /// Report pages written.
    pub reports: usize,
    /// Crop images written.
    pub crops: usize,
    /// Report JSONs that could not be read, and crops that could not be made.
    pub problems: Vec<String>,
}

/// Writes `out/site/` from the outputs of a run in `out`.
pub fn write_site(out: &Path) -> std::io::Result<SiteSummary> {
    let site = out.join("site");
    if site.exists() {
        std::fs::remove_dir_all(&site)?;
    }
    std::fs::create_dir_all(site.join("reports"))?;
    let (reports, skipped) = load::reports(out);
    let errors = load::errors(out);
    let summary = load::summary(out);
    let mut result = SiteSummary {
        reports: reports.len(),
        problems: skipped
            .iter()
            .map(|s| format!("{s}: unreadable report JSON"))
            .collect(),
        ..SiteSummary::default()
    };
    let pages: Vec<(String, crops::ReportCrops)> = reports
        .par_iter()
        .map(|r| {
            let c = crops::write_report_crops(&site, r);
            (report_page::report_page(r, &c), c)
        })
        .collect();
    for (r, (html, c)) in reports.iter().zip(pages) {
        std::fs::write(site.join("reports").join(format!("{}.html", r.name)), html)?;
        result.crops += c.checks.len()
            + c.discrepancies
                .iter()
                .map(|d| usize::from(d.0.is_some()) + usize::from(d.1.is_some()))
                .sum::<usize>();
        result
            .problems
            .extend(c.failures.into_iter().map(|f| format!("{}: {f}", r.name)));
    }
    std::fs::write(
        site.join("index.html"),
        overview::index(&reports, &errors, &summary),
    )?;
    let lists = [
        overview::paged(
            "checks",
            "Checks not passing 未通过的校验",
            &[
                "report",
                "unit",
                "outcome",
                "kind",
                "where",
                "expected",
                "found",
                "difference",
            ],
            &[false, false, false, false, false, true, true, true],
            overview::check_rows(&reports),
        ),
        overview::paged(
            "discrepancies",
            "Discrepancies 不一致",
            &[
                "report",
                "unit",
                "kind",
                "fact",
                "narrative",
                "table",
                "difference",
                "unit",
                "sentence",
            ],
            &[false, false, false, false, true, true, true, false, false],
            overview::discrepancy_rows(&reports),
        ),
    ];
    for (name, html) in lists.into_iter().flatten() {
        std::fs::write(site.join(name), html)?;
    }
    std::fs::write(site.join("charts.html"), overview::charts_page(&reports))?;
    Ok(result)
}
