//! One corpus run from start to end: plan, read what is not done yet (on the
//! worker pool), write each file's outputs as it finishes, and add it to the
//! run-wide outputs in input order as soon as its turn comes.
//!
//! ```text
//! OUT/reports/<name>.json   per report (report JSON)          by the worker, per file
//! OUT/records/<name>.json   per file: hash + outcome + cells  per file, after its report
//! OUT/cells.jsonl, cells.csv, errors.jsonl, summary.json,
//! OUT/yujuesuan.sqlite      from the records, in input order  filled as files finish,
//! OUT/parquet/*.parquet, OUT/yujuesuan.xlsx                  renamed at the end
//! OUT/timing.json           this run's times and rates         at the end
//! ```
//!
//! Every file is written to a temporary name and renamed, so a run killed at
//! any point leaves complete files only; started again, it skips the files
//! whose records match their bytes and rebuilds the run-wide outputs, which
//! come out byte-identical to an uninterrupted run's whatever `--jobs` is.

use super::aggregate::{Finished, RunOutputs};
use super::inputs::collect_inputs_relative;
use super::limits::FileLimits;
use super::naming::output_names;
use super::outcome::{FileOutcome, Outcome};
use super::plan::{Destination, Step, hash_file, plan};
use super::pool::{Executor, Job, run_jobs};
use super::progress::{Progress, ProgressMode};
use super::read_file::ReadRequest;
use super::record::{Record, save_record_and_cells};
use super::schedule::largest_first_in_windows;
use super::summary::Summary;
use crate::output::atomic_file::write_atomic;
use serde::Serialize;
use std::path::{Path, PathBuf};
use std::time::Instant;

/// Which run-wide outputs to write (reports, records, errors and summary
/// are always written).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Formats {
    /// `reports/<name>.json`.
    pub reports: bool,
    /// `cells.jsonl`.
    pub cells_jsonl: bool,
    /// `cells.csv`.
    pub cells_csv: bool,
    /// `yujuesuan.sqlite`.
    pub sqlite: bool,
    /// `parquet/<table>.parquet`.
    pub parquet: bool,
    /// `yujuesuan.xlsx`.
    pub xlsx: bool,
    /// The site's crops (`site/crops/<name>/`), made by each reader as its
    /// file finishes, from the PDF in hand (with `reports`); the caller
    /// writes the site's pages after the run and reuses them.
    pub site: bool,
}

impl Default for Formats {
    /// Everything but CSV and the site's crops.
    fn default() -> Self {
        Formats {
            reports: true,
            cells_jsonl: true,
            cells_csv: false,
            sqlite: true,
            parquet: false,
            xlsx: false,
            site: false,
        }
    }
}

impl Formats {
    /// The formats a list of `--format` names asks for (`reports`, `jsonl`,
    /// `csv`, `sqlite`, `parquet`, `xlsx`, `site`: the readers make the
    /// site's crops, the caller writes its pages from the run's outputs); for callers
    /// without the CLI's parser, such as the Python package. An unknown
    /// name is an error naming it.
    pub fn from_names<S: AsRef<str>>(names: &[S]) -> Result<Formats, String> {
        let mut f = Formats {
            reports: false,
            cells_jsonl: false,
            cells_csv: false,
            sqlite: false,
            parquet: false,
            xlsx: false,
            site: false,
        };
        for name in names {
            match name.as_ref() {
                "reports" => f.reports = true,
                "jsonl" => f.cells_jsonl = true,
                "csv" => f.cells_csv = true,
                "sqlite" => f.sqlite = true,
                "parquet" => f.parquet = true,
                "xlsx" => f.xlsx = true,
                "site" => f.site = true,
                other => {
                    return Err(format!(
                        "unknown format {other:?} (reports, jsonl, csv, sqlite, site, parquet, xlsx)"
                    ));
                }
            }
        }
        Ok(f)
    }
}

/// How to run.
#[derive(Debug, Clone)]
pub struct RunOptions {
    /// The output folder.
    pub out: PathBuf,
    /// Files read at once.
    pub jobs: usize,
    /// Per-file limits.
    pub limits: FileLimits,
    /// Outputs to write.
    pub formats: Formats,
    /// Read every file again, even those an earlier run finished.
    pub force: bool,
    /// Progress display.
    pub progress: ProgressMode,
    /// Worker processes or threads.
    pub executor: Executor,
}

/// This run's times and rates: `timing.json`, the one output that differs
/// between runs over the same inputs.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Timing {
    /// Files read at once.
    pub jobs: usize,
    /// Wall time of the whole run.
    pub elapsed_seconds: f64,
    /// Files finished by an earlier run and skipped.
    pub files_resumed: usize,
    /// Files read (or failed) in this run.
    pub files_this_run: usize,
    /// Pages read in this run (with text, whether the file was a report or not).
    pub pages_this_run: u64,
    /// Those pages per second of wall time.
    pub pages_per_second: f64,
}

/// What a run did.
#[derive(Debug, Clone)]
pub struct RunReport {
    /// Counts over all inputs.
    pub summary: Summary,
    /// Times.
    pub timing: Timing,
}

/// A failure that stops the run (the output folder cannot be written).
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[error("{0}")]
pub struct RunError(pub String);

/// Wraps an I/O error with the path concerned.
fn io_error(path: &Path, e: std::io::Error) -> RunError {
    RunError(format!("cannot write {}: {e}", path.display()))
}

/// Runs over the files and folders in `paths`.
pub fn run(paths: &[PathBuf], options: &RunOptions) -> Result<RunReport, RunError> {
    let started = Instant::now();
    let out = &options.out;
    let jobs = options.jobs.max(1);
    for dir in [out.join("reports"), out.join("records")] {
        std::fs::create_dir_all(&dir).map_err(|e| io_error(&dir, e))?;
    }
    let inputs = collect_inputs_relative(paths);
    let names = output_names(&inputs);
    let destinations: Vec<Destination> = names.iter().map(|n| Destination::under(out, n)).collect();
    let steps = plan(
        &inputs,
        &destinations,
        &options.limits,
        options.force,
        options.formats.reports,
        jobs,
    );
    let resumed = steps.iter().filter(|(s, _)| *s == Step::Done).count();
    let mut progress = Progress::start(options.progress, inputs.len(), resumed);
    let mut outputs = RunOutputs::create(&inputs, &names, &destinations, out, options.formats)?;
    let mut first_error: Option<RunError> = None;
    let mut work: Vec<Job> = Vec::new();
    // `None`: finished by an earlier run; its record is on disk.
    let mut finish = |index: usize, outcome: Option<FileOutcome>, progress: &mut Progress| {
        let (Some(input), Some(dest), Some((_, sha256))) =
            (inputs.get(index), destinations.get(index), steps.get(index))
        else {
            return;
        };
        let written = match outcome {
            None => outputs.finished(index, None),
            Some(outcome) => {
                if let Outcome::Failed(e) = &outcome.outcome
                    && options.progress != ProgressMode::Quiet
                {
                    progress.println(&format!("{}: {e}", input.path.display()));
                }
                progress.file_done(outcome.pages, matches!(outcome.outcome, Outcome::Failed(_)));
                let sha256 = sha256
                    .clone()
                    .or_else(|| outcome.sha256.clone())
                    .or_else(|| hash_file(&input.path, &options.limits).ok());
                save_file(&input.path, dest, sha256, outcome)
                    .and_then(|finished| outputs.finished(index, Some(finished)))
            }
        };
        if let Err(e) = written
            && first_error.is_none()
        {
            first_error = Some(e);
        }
    };
    for (index, ((step, _), input)) in steps.iter().zip(&inputs).enumerate() {
        match step {
            Step::Done => finish(index, None, &mut progress),
            Step::Failed(outcome) => finish(index, Some((**outcome).clone()), &mut progress),
            Step::Read => {
                let wanted = destinations.get(index).filter(|_| options.formats.reports);
                let report = wanted.map(|d| d.report.clone());
                let crops = wanted
                    .filter(|_| options.formats.site)
                    .map(|d| d.crops.clone());
                let path = input.path.clone();
                work.push((
                    index,
                    ReadRequest {
                        path,
                        report,
                        crops,
                    },
                ));
            }
        }
    }
    largest_first_in_windows(&mut work, |(_, request)| {
        std::fs::metadata(&request.path).map_or(0, |m| m.len())
    });
    let files_this_run = inputs.len() - resumed;
    run_jobs(
        work,
        jobs,
        &options.executor,
        &options.limits,
        |index, outcome| finish(index, Some(outcome), &mut progress),
    );
    progress.finish();
    if let Some(e) = first_error {
        return Err(e);
    }
    let summary = outputs.finish()?;
    let elapsed = started.elapsed().as_secs_f64();
    let timing = Timing {
        jobs,
        elapsed_seconds: (elapsed * 1000.0).round() / 1000.0,
        files_resumed: resumed,
        files_this_run,
        pages_this_run: progress.pages(),
        pages_per_second: if elapsed > 0.0 {
            (progress.pages() as f64 / elapsed * 10.0).round() / 10.0
        } else {
            0.0
        },
    };
    let timing_path = out.join("timing.json");
    let mut json = serde_json::to_vec_pretty(&timing).map_err(|e| RunError(e.to_string()))?;
    json.push(b'\n');
    write_atomic(&timing_path, &json).map_err(|e| io_error(&timing_path, e))?;
    Ok(RunReport { summary, timing })
}

/// Finishes one file's outputs: removes a stale report JSON when the
/// worker wrote none, then writes its record (last, so that its presence
/// means the file is done), and hands the record back with its cells'
/// JSON Lines.
fn save_file(
    path: &Path,
    dest: &Destination,
    sha256: Option<String>,
    outcome: FileOutcome,
) -> Result<Finished, RunError> {
    if !outcome.report_written && dest.report.exists() {
        std::fs::remove_file(&dest.report).map_err(|e| io_error(&dest.report, e))?;
    }
    let record = Record {
        path: path.display().to_string(),
        sha256,
        outcome: outcome.outcome,
    };
    let cell_lines =
        save_record_and_cells(&dest.record, &record).map_err(|e| io_error(&dest.record, e))?;
    Ok(Finished { record, cell_lines })
}

/// The summary's counts as one line for the end of a run.
pub fn final_line(report: &RunReport, out: &Path) -> String {
    let s = &report.summary;
    let t = &report.timing;
    let classes: Vec<String> = s.errors.iter().map(|(c, n)| format!("{n} {c}")).collect();
    let failed = if classes.is_empty() {
        String::new()
    } else {
        format!(" ({})", classes.join(", "))
    };
    format!(
        "yujuesuan: {} files: {} read, {} failed{failed}; {} cells from {} pages; \
         this run: {} files, {} pages, {} resumed, {:.1} s, {:.0} pages/s; outputs in {}",
        s.files,
        s.read,
        s.failed,
        s.cells,
        s.pages,
        t.files_this_run,
        t.pages_this_run,
        t.files_resumed,
        t.elapsed_seconds,
        t.pages_per_second,
        out.display()
    )
}
