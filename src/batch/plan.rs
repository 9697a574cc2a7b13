//! Deciding, before any reading, what each input needs: nothing (an earlier
//! run finished it: its record holds the same SHA-256), an immediate failure
//! (unreadable or over the size limit, no worker needed), or reading.

use super::inputs::Input;
use super::limits::FileLimits;
use super::naming::hex;
use super::outcome::{FileOutcome, Outcome};
use super::read_file::load;
use super::record::load_record;
use rayon::prelude::*;
use sha2::{Digest, Sha256};
use std::path::Path;

/// What one input needs.
#[derive(Debug, Clone, PartialEq)]
pub enum Step {
    /// Finished by an earlier run with the same bytes.
    Done,
    /// Failed before reading; the outcome to record.
    Failed(FileOutcome),
    /// To be read.
    Read,
}

/// Where the outputs of one input go.
#[derive(Debug, Clone, PartialEq)]
pub struct Destination {
    /// `reports/<name>.json`.
    pub report: std::path::PathBuf,
    /// `records/<name>.json`.
    pub record: std::path::PathBuf,
}

/// Plans every input on `jobs` threads (hashing is the cost). With `force`,
/// nothing counts as done. `need_report` says whether a finished file also
/// needs its report JSON present (when that format is written).
pub fn plan(
    inputs: &[Input],
    destinations: &[Destination],
    limits: &FileLimits,
    force: bool,
    need_report: bool,
    jobs: usize,
) -> Vec<(Step, Option<String>)> {
    let one = |(input, dest): (&Input, &Destination)| {
        plan_one(&input.path, dest, limits, force, need_report)
    };
    let pairs: Vec<_> = inputs.iter().zip(destinations).collect();
    match rayon::ThreadPoolBuilder::new().num_threads(jobs).build() {
        Ok(pool) => pool.install(|| pairs.into_par_iter().map(one).collect()),
        Err(_) => pairs.into_iter().map(one).collect(),
    }
}

/// The step for one input, with the SHA-256 of its bytes when known.
fn plan_one(
    path: &Path,
    dest: &Destination,
    limits: &FileLimits,
    force: bool,
    need_report: bool,
) -> (Step, Option<String>) {
    let bytes = match load(path, limits) {
        Ok(b) => b,
        Err(e) => return (Step::Failed(FileOutcome::failed(e)), None),
    };
    let sha256 = hex(&Sha256::digest(&bytes));
    if !force
        && let Some(record) = load_record(&dest.record)
        && record.sha256.as_deref() == Some(sha256.as_str())
        && (!need_report || matches!(record.outcome, Outcome::Failed(_)) || dest.report.exists())
    {
        return (Step::Done, Some(sha256));
    }
    (Step::Read, Some(sha256))
}
