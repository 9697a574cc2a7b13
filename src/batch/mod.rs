//! Corpus runs (`yujuesuan extract`): many files, read in parallel, with
//! visible progress, isolated failures, resumable and deterministic outputs.
//!
//! One concept per file:
//! - [`inputs`]: which files to read (folders recursed, sorted).
//! - [`naming`]: output names, disambiguated when stems repeat.
//! - [`plan`]: per file, done already (same SHA-256 in its record), failed
//!   before reading, or to read.
//! - [`read_file`]: reading one file into a [`outcome::FileOutcome`].
//! - [`worker`] / [`worker_process`] / [`pool`]: the reading runs in N child
//!   processes (`yujuesuan worker`, fed one path per line, answering one
//!   [`frame`] per file) so that a file over the time limit or one that
//!   crashes the reader ends its worker, not the run; the parent restarts
//!   the worker and goes on. `--in-process` uses rayon threads instead.
//! - [`schedule`]: the order workers take files in (largest first within
//!   small windows), which never changes what is written.
//! - [`record`]: the per-file record that makes runs resumable.
//! - `room`: buffers sized from the last one of their kind.
//! - [`aggregate`] and [`summary`]: the run-wide outputs, filled in input
//!   order as files finish.
//! - [`progress`]: the progress display.
//! - [`run`]: the whole run.

pub mod aggregate;
mod cells_wire;
pub mod frame;
mod heap_trim;
pub mod inputs;
pub mod limits;
pub mod naming;
pub mod outcome;
pub mod plan;
pub mod pool;
pub mod progress;
pub mod read_file;
pub mod record;
mod room;
pub mod run;
pub mod schedule;
pub mod summary;
pub mod worker;
pub mod worker_process;
