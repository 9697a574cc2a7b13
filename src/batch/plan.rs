//! Deciding, before any reading, what each input needs: nothing (an earlier
//! run finished it: its record holds the same SHA-256), an immediate failure
//! (unreadable or over the size limit, no worker needed), or reading.
//!
//! Only a file with a record from an earlier run is hashed here; every
//! other file is hashed by the worker that reads it, which has its bytes
//! anyway, so a fresh run starts reading at once.

use super::inputs::Input;
use super::limits::FileLimits;
use super::naming::hex;
use super::outcome::FileOutcome;
use super::read_file::check_size;
use super::record::load_record_head;
use crate::error::ReadError;
use crate::pipeline::cannot_read;
use rayon::prelude::*;
use sha2::{Digest, Sha256};
use std::path::Path;

/// What one input needs.
#[derive(Debug, Clone, PartialEq)]
pub enum Step {
    /// Finished by an earlier run with the same bytes.
    Done,
    /// Failed before reading; the outcome to record.
    Failed(Box<FileOutcome>),
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
    /// `site/crops/<name>/`: the site's crops of the report.
    pub crops: std::path::PathBuf,
}

impl Destination {
    /// The destinations of the input named `name` in the output folder `out`.
    pub fn under(out: &Path, name: &str) -> Self {
        Destination {
            report: out.join("reports").join(format!("{name}.json")),
            record: out.join("records").join(format!("{name}.json")),
            crops: out.join("site").join("crops").join(name),
        }
    }
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

/// The SHA-256 of a file within the size limit, streamed through a small
/// buffer (the file is read again by its worker; holding it here would
/// only cost memory).
pub(crate) fn hash_file(path: &Path, limits: &FileLimits) -> Result<String, ReadError> {
    check_size(path, limits)?;
    let mut file = std::fs::File::open(path).map_err(cannot_read)?;
    let mut hasher = Sha256::new();
    std::io::copy(&mut file, &mut hasher).map_err(cannot_read)?;
    Ok(hex(&hasher.finalize()))
}

/// The step for one input, with the SHA-256 of its bytes when known.
fn plan_one(
    path: &Path,
    dest: &Destination,
    limits: &FileLimits,
    force: bool,
    need_report: bool,
) -> (Step, Option<String>) {
    if let Err(e) = check_size(path, limits) {
        return (Step::Failed(Box::new(FileOutcome::failed(e))), None);
    }
    let Some(record) = (!force).then(|| load_record_head(&dest.record)).flatten() else {
        return (Step::Read, None);
    };
    let sha256 = match hash_file(path, limits) {
        Ok(h) => h,
        Err(e) => return (Step::Failed(Box::new(FileOutcome::failed(e))), None),
    };
    if record.sha256.as_deref() == Some(sha256.as_str())
        && (!need_report || record.failed() || dest.report.exists())
    {
        return (Step::Done, Some(sha256));
    }
    (Step::Read, Some(sha256))
}
