//! Progress on stderr while files are read: a live bar (files done / total,
//! pages/s, errors, ETA) when stderr is a terminal, one plain line every few
//! seconds otherwise (logs, CI), nothing with `--quiet`; and a final line.

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use std::io::IsTerminal;
use std::time::{Duration, Instant};

/// How often the plain line is printed when stderr is not a terminal.
const PLAIN_EVERY: Duration = Duration::from_secs(5);

/// How progress is shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ProgressMode {
    /// A bar when stderr is a terminal, plain lines otherwise.
    Auto,
    /// Nothing.
    Quiet,
}

/// Progress of one run.
pub struct Progress {
    bar: Option<ProgressBar>,
    plain: bool,
    total: usize,
    done: usize,
    errors: usize,
    pages: u64,
    started: Instant,
    last_line: Instant,
}

impl Progress {
    /// Starts showing progress over `total` files, `resumed` of which were
    /// already done by an earlier run.
    pub fn start(mode: ProgressMode, total: usize, resumed: usize) -> Self {
        let terminal = std::io::stderr().is_terminal();
        let bar = (mode == ProgressMode::Auto && terminal).then(|| {
            let bar = ProgressBar::with_draw_target(
                Some(total as u64),
                ProgressDrawTarget::stderr_with_hz(4),
            );
            let style = ProgressStyle::with_template(
                "{bar:30} {pos}/{len} files  {msg}  elapsed {elapsed}  ETA {eta}",
            )
            .unwrap_or_else(|_| ProgressStyle::default_bar());
            bar.set_style(style);
            bar.set_position(resumed as u64);
            bar.reset_eta();
            bar
        });
        let now = Instant::now();
        Progress {
            bar,
            plain: mode == ProgressMode::Auto && !terminal,
            total,
            done: resumed,
            errors: 0,
            pages: 0,
            started: now,
            last_line: now,
        }
    }

    /// Pages read per second so far in this run.
    pub fn pages_per_second(&self) -> f64 {
        let secs = self.started.elapsed().as_secs_f64();
        if secs > 0.0 {
            self.pages as f64 / secs
        } else {
            0.0
        }
    }

    /// Counts one finished file.
    pub fn file_done(&mut self, pages: u32, failed: bool) {
        self.done += 1;
        self.pages += u64::from(pages);
        self.errors += usize::from(failed);
        let rate = self.pages_per_second();
        if let Some(bar) = &self.bar {
            bar.set_message(format!("{rate:.0} pages/s  {} errors", self.errors));
            bar.inc(1);
        } else if self.plain && self.last_line.elapsed() >= PLAIN_EVERY {
            self.last_line = Instant::now();
            eprintln!(
                "yujuesuan: {}/{} files, {rate:.0} pages/s, {} errors, {:.0} s",
                self.done,
                self.total,
                self.errors,
                self.started.elapsed().as_secs_f64()
            );
        }
    }

    /// Prints a line without breaking the bar.
    pub fn println(&self, line: &str) {
        match &self.bar {
            Some(bar) => bar.println(line),
            None => eprintln!("{line}"),
        }
    }

    /// Removes the bar.
    pub fn finish(&self) {
        if let Some(bar) = &self.bar {
            bar.finish_and_clear();
        }
    }

    /// Pages read in this run.
    pub fn pages(&self) -> u64 {
        self.pages
    }
}
