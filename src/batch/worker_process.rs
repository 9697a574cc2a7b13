//! One worker child process as seen from the parent: start it, hand it a
//! path, wait for the answer at most the time limit, end it when it overruns
//! or has died.

use super::frame::read_frame;
use super::outcome::FileOutcome;
use super::read_file::ReadRequest;
use crate::error::{ErrorClass, ReadError};
use std::ffi::OsString;
use std::io::{BufReader, Write};
use std::path::PathBuf;
use std::process::{Child, ChildStdin, Command, Stdio};
use std::sync::mpsc::{Receiver, RecvTimeoutError, channel};
use std::time::{Duration, Instant};

/// How to start a worker: normally this very binary with its hidden
/// `worker` subcommand and the run's limits.
#[derive(Debug, Clone, PartialEq)]
pub struct WorkerCommand {
    /// The executable.
    pub program: PathBuf,
    /// Its arguments.
    pub args: Vec<OsString>,
}

/// A running worker.
pub struct WorkerProcess {
    child: Child,
    stdin: ChildStdin,
    replies: Receiver<std::io::Result<Vec<u8>>>,
}

/// What became of a file handed to a worker.
pub enum Sent {
    /// The worker is reading it.
    Reading(Reading),
    /// It could not be sent (its path cannot cross the pipe); the worker is
    /// unharmed and the file has its outcome.
    Refused(WorkerProcess, Box<FileOutcome>),
}

/// A worker reading one file: the answer is waited for until the file's
/// time limit, counted from when the file was sent.
pub struct Reading {
    worker: WorkerProcess,
    timeout: Duration,
    /// `None` for a limit too far off for the clock: no limit.
    deadline: Option<Instant>,
}

impl Reading {
    /// Waits for the worker's answer: the worker back, ready for the next
    /// file, with the answer's frame ([`FileOutcome::from_worker`] reads it);
    /// or, when the worker overran the time limit (and was ended) or died,
    /// the error that is the file's outcome.
    pub fn answer(self) -> Result<(WorkerProcess, Vec<u8>), ReadError> {
        let Reading {
            worker,
            timeout,
            deadline,
        } = self;
        let answer = match deadline {
            Some(d) => worker
                .replies
                .recv_timeout(d.saturating_duration_since(Instant::now())),
            None => worker
                .replies
                .recv()
                .map_err(|_| RecvTimeoutError::Disconnected),
        };
        match answer {
            Ok(Ok(frame)) => Ok((worker, frame)),
            Err(RecvTimeoutError::Timeout) => {
                worker.end();
                Err(ReadError::new(
                    ErrorClass::Timeout,
                    format!(
                        "reading took longer than {} s (--timeout-secs) and was stopped",
                        timeout.as_secs_f64()
                    ),
                ))
            }
            Ok(Err(_)) | Err(RecvTimeoutError::Disconnected) => Err(worker.died()),
        }
    }
}

impl WorkerProcess {
    /// Starts a worker. Its stderr is discarded: what it has to say comes
    /// back as values, and a crash is seen as the pipe closing.
    pub fn start(command: &WorkerCommand) -> std::io::Result<Self> {
        let mut child = Command::new(&command.program)
            .args(&command.args)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()?;
        let (Some(stdin), Some(stdout)) = (child.stdin.take(), child.stdout.take()) else {
            let _ = child.kill();
            let _ = child.wait();
            return Err(std::io::Error::other("worker pipes not available"));
        };
        let (tx, replies) = channel();
        // Reads answers as they come so that a large answer never blocks the
        // worker; ends when the worker's stdout closes.
        std::thread::spawn(move || {
            let mut stdout = BufReader::new(stdout);
            loop {
                let (frame, end) = match read_frame(&mut stdout) {
                    Ok(Some(frame)) => (Ok(frame), false),
                    Ok(None) => break,
                    Err(e) => (Err(e), true),
                };
                if tx.send(frame).is_err() || end {
                    break;
                }
            }
        });
        Ok(WorkerProcess {
            child,
            stdin,
            replies,
        })
    }

    /// Hands one file to this worker, which starts reading it at once; its
    /// answer is waited for with [`Reading::answer`]. Sending is apart from
    /// waiting so that the caller can hand over the next file as soon as an
    /// answer arrives and parse that answer while the worker reads on.
    /// `Err` means the worker is gone and the error is the file's outcome.
    pub fn send(mut self, request: &ReadRequest, timeout: Duration) -> Result<Sent, ReadError> {
        let Ok(line) = serde_json::to_string(request) else {
            return Ok(Sent::Refused(
                self,
                Box::new(FileOutcome::failed(ReadError::new(
                    ErrorClass::Internal,
                    "the path is not valid UTF-8, which the worker protocol needs",
                ))),
            ));
        };
        let deadline = Instant::now().checked_add(timeout);
        let sent = writeln!(self.stdin, "{line}").and_then(|_| self.stdin.flush());
        if sent.is_err() {
            return Err(self.died());
        }
        Ok(Sent::Reading(Reading {
            worker: self,
            timeout,
            deadline,
        }))
    }

    /// Ends a worker that has died and says how.
    fn died(mut self) -> ReadError {
        let _ = self.child.kill();
        let status = self
            .child
            .wait()
            .map(|s| s.to_string())
            .unwrap_or_else(|e| e.to_string());
        ReadError::new(
            ErrorClass::Internal,
            format!(
                "the worker process reading this file stopped ({status}): a crash, \
                 an abort or a stack overflow in the reader; the run went on"
            ),
        )
    }

    /// Ends the worker now.
    pub fn end(mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }

    /// Lets the worker finish at the end of its input and waits for it.
    pub fn finish(self) {
        let WorkerProcess {
            mut child, stdin, ..
        } = self;
        drop(stdin);
        let _ = child.wait();
    }
}
