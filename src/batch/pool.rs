//! The two ways of running the work list: a pool of worker processes (the
//! default: time limits and crash isolation) or rayon threads in this
//! process (`--in-process`: no isolation, for tests and profiling). Both
//! hand each [`FileOutcome`] to the caller's thread as it comes, in whatever
//! order files finish; the caller writes outputs by input order.

use super::limits::FileLimits;
use super::outcome::FileOutcome;
use super::read_file::{ReadRequest, read_path};
use super::worker_process::{Reading, Sent, WorkerCommand, WorkerProcess};
use crate::error::{ErrorClass, ReadError};
use crate::templates::Templates;
use rayon::prelude::*;
use std::collections::VecDeque;
use std::sync::mpsc::{SyncSender, sync_channel};
use std::sync::{Arc, Mutex};
use std::time::Duration;

/// One file to read: its index in the run's input list and the request.
pub type Job = (usize, ReadRequest);

/// Where the work is done.
#[derive(Debug, Clone)]
pub enum Executor {
    /// `jobs` worker processes started with this command.
    Workers(WorkerCommand),
    /// Threads in this process, reading with these templates. (Workers
    /// load their own, so the parent of a worker pool needs none.)
    InProcess(Arc<Templates>),
}

/// Outcomes that may wait for `on_outcome` before the workers wait too.
/// Unbounded, finished outcomes piled up in the parent whenever it fell
/// behind the workers (a disk that stalls its writes, a slow output), with
/// nothing to stop them; bounded, a slow parent makes the workers wait
/// instead, and the outcomes held stay this many whatever holds the parent
/// up. In an ordinary run the parent falls behind by a few files at most
/// (its index build), so a window of the schedule costs no speed
/// (docs/performance.md, twenty-fourth session).
const WAITING: usize = super::schedule::WINDOW;

/// Runs every job on `jobs` workers, calling `on_outcome` on this thread for
/// each file as it finishes.
pub fn run_jobs(
    work: Vec<Job>,
    jobs: usize,
    executor: &Executor,
    limits: &FileLimits,
    mut on_outcome: impl FnMut(usize, FileOutcome),
) {
    let jobs = jobs.max(1);
    let (tx, rx) = sync_channel::<(usize, FileOutcome)>(WAITING);
    let (queue, work) = match executor {
        Executor::Workers(_) => (Mutex::new(VecDeque::from(work)), Vec::new()),
        Executor::InProcess(_) => (Mutex::new(VecDeque::new()), work),
    };
    std::thread::scope(|scope| {
        match executor {
            Executor::Workers(command) => {
                for _ in 0..jobs {
                    let tx = tx.clone();
                    let queue = &queue;
                    scope.spawn(move || worker_slot(queue, command, limits.timeout, &tx));
                }
            }
            Executor::InProcess(templates) => {
                let tx = tx.clone();
                scope.spawn(move || in_process(work, jobs, templates, limits, tx));
            }
        }
        drop(tx);
        for (index, outcome) in rx {
            on_outcome(index, outcome);
        }
    });
}

/// One slot of the pool: takes jobs until none are left, keeping one worker
/// process alive and replacing it when it overruns or dies. As soon as an
/// answer arrives the next file is sent, and only then is the answer parsed:
/// the worker never waits for the parent (with one job, parsing every
/// answer while the worker stood idle cost a few per cent of a run).
fn worker_slot(
    queue: &Mutex<VecDeque<Job>>,
    command: &WorkerCommand,
    timeout: Duration,
    tx: &SyncSender<(usize, FileOutcome)>,
) {
    let next_job = || queue.lock().ok().and_then(|mut q| q.pop_front());
    let mut idle: Option<WorkerProcess> = None;
    let mut reading: Option<(usize, Reading)> = None;
    loop {
        if reading.is_none() {
            let Some(job) = next_job() else {
                break;
            };
            let handed = hand_over(idle.take(), command, job, timeout);
            if !settle(handed, &mut idle, &mut reading, tx) {
                break;
            }
            continue;
        }
        let Some((index, r)) = reading.take() else {
            break;
        };
        let outcome = match r.answer() {
            Ok((w, answer)) => {
                idle = Some(w);
                // The next file first, then the parse.
                if let Some(job) = next_job() {
                    let handed = hand_over(idle.take(), command, job, timeout);
                    if !settle(handed, &mut idle, &mut reading, tx) {
                        break;
                    }
                }
                answer_outcome(&answer)
            }
            Err(e) => FileOutcome::failed(e),
        };
        if tx.send((index, outcome)).is_err() {
            break;
        }
    }
    if let Some(w) = idle {
        w.finish();
    }
}

/// What handing a file to a worker came to.
enum Handed {
    /// The worker is reading file `usize`.
    Reading(usize, Reading),
    /// File `usize` already has its outcome (the worker could not be
    /// started, died, or refused the request); the worker, if alive, is idle.
    Done(Option<WorkerProcess>, usize, Box<FileOutcome>),
}

/// Keeps what a hand-over left: the file in flight, or the idle worker and
/// the file's outcome, sent on. False when nobody listens any more.
fn settle(
    handed: Handed,
    idle: &mut Option<WorkerProcess>,
    reading: &mut Option<(usize, Reading)>,
    tx: &SyncSender<(usize, FileOutcome)>,
) -> bool {
    match handed {
        Handed::Reading(index, r) => {
            *reading = Some((index, r));
            true
        }
        Handed::Done(w, index, outcome) => {
            *idle = w;
            tx.send((index, *outcome)).is_ok()
        }
    }
}

/// Hands a file to `worker`, starting a worker when there is none.
fn hand_over(
    worker: Option<WorkerProcess>,
    command: &WorkerCommand,
    (index, request): Job,
    timeout: Duration,
) -> Handed {
    let started = match worker {
        Some(w) => Ok(w),
        None => WorkerProcess::start(command),
    };
    let w = match started {
        Ok(w) => w,
        Err(e) => {
            let e = ReadError::new(
                ErrorClass::Internal,
                format!("cannot start a worker process: {e}"),
            );
            return Handed::Done(None, index, Box::new(FileOutcome::failed(e)));
        }
    };
    match w.send(&request, timeout) {
        Ok(Sent::Reading(r)) => Handed::Reading(index, r),
        Ok(Sent::Refused(w, outcome)) => Handed::Done(Some(w), index, outcome),
        Err(e) => Handed::Done(None, index, Box::new(FileOutcome::failed(e))),
    }
}

/// A worker's answer as its file's outcome; an answer that cannot be read
/// is an internal error of that file.
fn answer_outcome(answer: &[u8]) -> FileOutcome {
    FileOutcome::from_worker(answer).unwrap_or_else(|e| {
        FileOutcome::failed(ReadError::new(
            ErrorClass::Internal,
            format!("the worker's answer could not be read: {e}"),
        ))
    })
}

/// Reads the jobs on a rayon pool of `jobs` threads in this process.
fn in_process(
    work: Vec<Job>,
    jobs: usize,
    templates: &Templates,
    limits: &FileLimits,
    tx: SyncSender<(usize, FileOutcome)>,
) {
    let read = |tx: &mut SyncSender<(usize, FileOutcome)>, (index, request): Job| {
        let outcome = read_path(&request, templates, limits);
        let _ = tx.send((index, outcome));
    };
    match rayon::ThreadPoolBuilder::new().num_threads(jobs).build() {
        Ok(pool) => pool.install(|| work.into_par_iter().for_each_with(tx, read)),
        Err(_) => work.into_iter().for_each(|job| read(&mut tx.clone(), job)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::PathBuf;

    /// A file holding one answer frame for `payload`, for a stand-in
    /// worker to `cat` (the file lives as long as the returned handle).
    fn frame_file(payload: &[u8]) -> (tempfile::TempPath, String) {
        let mut file = tempfile::NamedTempFile::new().unwrap();
        crate::batch::frame::write_frame(&mut file, payload).unwrap();
        let path = file.into_temp_path();
        let shown = path.display().to_string();
        (path, shown)
    }

    /// A file holding the answer for a failure of `class` on `pages` pages.
    fn failure_answer(class: ErrorClass, pages: u32) -> (tempfile::TempPath, String) {
        let mut outcome = FileOutcome::failed(ReadError::new(class, "m"));
        outcome.pages = pages;
        frame_file(&outcome.to_answer().unwrap())
    }

    /// A stand-in worker: a shell script.
    fn shell(script: &str) -> Executor {
        Executor::Workers(WorkerCommand {
            program: "/bin/sh".into(),
            args: vec!["-c".into(), script.into()],
        })
    }

    fn run_with(executor: &Executor, files: usize, timeout: Duration) -> Vec<FileOutcome> {
        let limits = FileLimits {
            timeout,
            ..FileLimits::default()
        };
        let work = (0..files)
            .map(|i| {
                let path = PathBuf::from(format!("f{i}"));
                (
                    i,
                    ReadRequest {
                        path,
                        report: None,
                        crops: None,
                    },
                )
            })
            .collect();
        let mut got: Vec<(usize, FileOutcome)> = Vec::new();
        run_jobs(work, 2, executor, &limits, |i, o| got.push((i, o)));
        got.sort_by_key(|(i, _)| *i);
        assert_eq!(got.len(), files, "every file has an outcome");
        got.into_iter().map(|(_, o)| o).collect()
    }

    fn class(o: &FileOutcome) -> Option<ErrorClass> {
        match &o.outcome {
            super::super::outcome::Outcome::Failed(e) => Some(e.class),
            _ => None,
        }
    }

    #[test]
    fn every_answer_of_a_long_lived_worker_is_read() {
        // One worker per slot answers every file; the next file is sent
        // before the previous answer is parsed.
        let (_keep, answer) = failure_answer(ErrorClass::UnrecognisedLayout, 3);
        let script = format!("while read line; do cat '{answer}'; done");
        let outcomes = run_with(&shell(&script), 7, Duration::from_secs(10));
        let pages_and_class = |o: &FileOutcome| (o.pages, class(o));
        assert!(
            outcomes
                .iter()
                .map(pages_and_class)
                .all(|p| p == (3, Some(ErrorClass::UnrecognisedLayout)))
        );
    }

    #[test]
    fn an_answer_that_cannot_be_read_fails_its_file_only() {
        let (_keep, answer) = frame_file(b"not an answer");
        let script = format!("while read line; do cat '{answer}'; done");
        let outcomes = run_with(&shell(&script), 4, Duration::from_secs(10));
        assert!(outcomes.iter().all(|o| {
            matches!(&o.outcome, super::super::outcome::Outcome::Failed(e)
                if e.class == ErrorClass::Internal && e.message.contains("could not be read"))
        }));
    }

    #[test]
    fn a_time_limit_past_the_clock_means_none() {
        let (_keep, answer) = failure_answer(ErrorClass::Timeout, 1);
        let script = format!("while read line; do cat '{answer}'; done");
        let outcomes = run_with(&shell(&script), 2, Duration::MAX);
        assert!(outcomes.iter().all(|o| o.pages == 1));
    }

    #[test]
    fn a_worker_that_dies_fails_its_file_and_is_replaced() {
        let outcomes = run_with(&shell("read line; kill -9 $$"), 5, Duration::from_secs(10));
        assert!(
            outcomes
                .iter()
                .all(|o| class(o) == Some(ErrorClass::Internal))
        );
    }

    #[test]
    fn a_worker_over_the_time_limit_is_stopped() {
        let started = std::time::Instant::now();
        let outcomes = run_with(&shell("read line; sleep 30"), 3, Duration::from_millis(200));
        assert!(
            outcomes
                .iter()
                .all(|o| class(o) == Some(ErrorClass::Timeout))
        );
        assert!(started.elapsed() < Duration::from_secs(10), "not waited on");
    }

    #[test]
    fn a_worker_that_cannot_start_fails_each_file() {
        let missing = Executor::Workers(WorkerCommand {
            program: "/nonexistent/yujuesuan".into(),
            args: Vec::new(),
        });
        let outcomes = run_with(&missing, 2, Duration::from_secs(1));
        assert!(
            outcomes
                .iter()
                .all(|o| class(o) == Some(ErrorClass::Internal))
        );
    }
}
