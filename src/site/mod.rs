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
//! It runs once after a run, so it can also be (re)written for an existing
//! output folder. The crops are the exception: an `extract` run's readers
//! make them as each file finishes ([`write_crops_for_reader`]), and writing
//! the site reuses them (see `crops.rs`).

mod charts;
mod crops;
mod figures;
mod html;
mod load;
mod overview;
mod report_page;
mod spool;

pub use crops::{
    clear_for_reader as clear_crops_for_reader, report_has_crops,
    write_for_reader as write_crops_for_reader,
};
use rayon::prelude::*;
use std::path::{Path, PathBuf};

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

/// What the run-wide pages need of one report, kept once its page is
/// written (so memory does not grow with the reports' size).
struct Digest {
    overview_row: Vec<String>,
    check_rows: Vec<Vec<String>>,
    discrepancy_rows: Vec<Vec<String>>,
    figures: overview::ChartFigures,
    crops: usize,
    problems: Vec<String>,
}

/// Reads one report, writes its crops and page, and keeps its digest.
fn write_report(site: &Path, path: &Path) -> Result<Digest, String> {
    let r = load::report(path).map_err(|name| format!("{name}: unreadable report JSON"))?;
    let c = crops::write_report_crops(site, &r);
    let html = report_page::report_page(&r, &c);
    std::fs::write(site.join("reports").join(format!("{}.html", r.name)), html)
        .map_err(|e| format!("{}: {e}", r.name))?;
    let crops = c.checks.len()
        + c.discrepancies
            .iter()
            .map(|d| usize::from(d.0.is_some()) + usize::from(d.1.is_some()))
            .sum::<usize>();
    Ok(Digest {
        overview_row: overview::report_row(&r),
        check_rows: overview::check_rows(&r),
        discrepancy_rows: overview::discrepancy_rows(&r),
        figures: overview::ChartFigures::of(&r),
        crops,
        problems: c
            .failures
            .into_iter()
            .map(|f| format!("{}: {f}", r.name))
            .collect(),
    })
}

/// Reports read, cropped and paged at once: enough to keep every core busy,
/// few enough that their digests never add up to much memory.
const REPORTS_PER_BATCH: usize = 256;

/// Where the run-wide pages grow while the reports are written, in order:
/// the overview's rows go straight into `index.html`, the lists' rows into
/// their spools, and only the charts' few figures per report stay in memory.
struct RunPages {
    index: std::io::BufWriter<std::fs::File>,
    checks: spool::RowSpool,
    discrepancies: spool::RowSpool,
    figures: Vec<overview::ChartFigures>,
    result: SiteSummary,
}

impl RunPages {
    fn start(out: &Path, site: &Path) -> std::io::Result<Self> {
        use std::io::Write;
        let mut index = std::io::BufWriter::new(std::fs::File::create(site.join("index.html"))?);
        index
            .write_all(overview::index_head(&load::errors(out), &load::summary(out)).as_bytes())?;
        Ok(RunPages {
            index,
            checks: spool::RowSpool::create(site, &overview::CHECKS)?,
            discrepancies: spool::RowSpool::create(site, &overview::DISCREPANCIES)?,
            figures: Vec::new(),
            result: SiteSummary::default(),
        })
    }

    /// Adds one report's digest (or why it has none).
    fn add(&mut self, digest: Result<Digest, String>) -> std::io::Result<()> {
        use std::io::Write;
        let d = match digest {
            Ok(d) => d,
            Err(e) => {
                self.result.problems.push(e);
                return Ok(());
            }
        };
        self.result.reports += 1;
        self.result.crops += d.crops;
        self.result.problems.extend(d.problems);
        let mut row = String::new();
        html::push_table_row(&mut row, &overview::REPORT_NUMERIC, &d.overview_row);
        self.index.write_all(row.as_bytes())?;
        for row in &d.check_rows {
            self.checks.push(row)?;
        }
        for row in &d.discrepancy_rows {
            self.discrepancies.push(row)?;
        }
        self.figures.push(d.figures);
        Ok(())
    }

    /// Closes the overview and writes the lists and the charts.
    fn finish(self, site: &Path) -> std::io::Result<SiteSummary> {
        use std::io::Write;
        let mut index = self.index;
        index.write_all(html::TABLE_TAIL.as_bytes())?;
        index.write_all(html::page_tail().as_bytes())?;
        index.flush()?;
        self.checks.write_pages(site)?;
        self.discrepancies.write_pages(site)?;
        std::fs::write(
            site.join("charts.html"),
            overview::charts_page(&self.figures),
        )?;
        Ok(self.result)
    }
}

/// Writes `out/site/` from the outputs of a run in `out`.
pub fn write_site(out: &Path) -> std::io::Result<SiteSummary> {
    let site = out.join("site");
    let paths = load::report_paths(out);
    clear_keeping_crops(&site, &paths)?;
    std::fs::create_dir_all(site.join("reports"))?;
    let mut pages = RunPages::start(out, &site)?;
    // Each report on its own — read, crops, page — in parallel, a batch at
    // a time, added to the run-wide pages in order.
    for batch in paths.chunks(REPORTS_PER_BATCH) {
        let digests: Vec<Result<Digest, String>> =
            batch.par_iter().map(|p| write_report(&site, p)).collect();
        for d in digests {
            pages.add(d)?;
        }
    }
    pages.finish(&site)
}

/// Empties `site/` but for the crop folders of the reports in `paths` (the
/// readers' crops, checked against their stamps when used); the crops of
/// reports no longer in the output go.
fn clear_keeping_crops(site: &Path, paths: &[PathBuf]) -> std::io::Result<()> {
    let Ok(entries) = std::fs::read_dir(site) else {
        return Ok(());
    };
    for entry in entries {
        let path = entry?.path();
        if path.file_name().is_some_and(|n| n == "crops") && path.is_dir() {
            let names: std::collections::HashSet<_> =
                paths.iter().filter_map(|p| p.file_stem()).collect();
            for crop_dir in std::fs::read_dir(&path)? {
                let crop_dir = crop_dir?.path();
                if !crop_dir.file_name().is_some_and(|n| names.contains(n)) {
                    remove(&crop_dir)?;
                }
            }
        } else {
            remove(&path)?;
        }
    }
    Ok(())
}

/// Removes a file or a folder with what it holds.
fn remove(path: &Path) -> std::io::Result<()> {
    if path.is_dir() {
        std::fs::remove_dir_all(path)
    } else {
        std::fs::remove_file(path)
    }
}
