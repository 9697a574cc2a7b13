//! The command line the PDF-stage measurements share: `[--runs N] [FLAG]
//! FILE_OR_DIR...`, directories searched for `*.pdf`, the files read into
//! memory once so that disk time stays out of the passes.

use std::path::{Path, PathBuf};

/// What the command line asked for.
pub struct PdfArgs {
    /// Passes over all files (default 5).
    pub runs: usize,
    /// Whether the program's one optional flag was given.
    pub flag: bool,
    /// The PDFs found, in name order, each with its bytes (a file that
    /// cannot be read is left out).
    pub files: Vec<(PathBuf, Vec<u8>)>,
}

impl PdfArgs {
    /// Parses the process's arguments; `flag` names the optional flag
    /// (`--interpret`, `--differences`).
    pub fn parse(flag: &str) -> PdfArgs {
        let mut args: Vec<String> = std::env::args().skip(1).collect();
        let mut runs = 5;
        if args.first().is_some_and(|a| a == "--runs") {
            runs = args.get(1).and_then(|n| n.parse().ok()).unwrap_or(5);
            args.drain(..2.min(args.len()));
        }
        let flagged = args.first().is_some_and(|a| a == flag);
        if flagged {
            args.remove(0);
        }
        let mut found = Vec::new();
        for a in &args {
            collect(Path::new(a), &mut found);
        }
        let files = found
            .into_iter()
            .filter_map(|path| std::fs::read(&path).ok().map(|bytes| (path, bytes)))
            .collect();
        PdfArgs {
            runs: runs.max(1),
            flag: flagged,
            files,
        }
    }
}

/// The fastest and the median of `times` (seconds; 0 for none).
pub fn fastest_and_median(mut times: Vec<f64>) -> (f64, f64) {
    times.sort_by(f64::total_cmp);
    let fastest = times.first().copied().unwrap_or(0.0);
    let median = times.get(times.len() / 2).copied().unwrap_or(0.0);
    (fastest, median)
}

fn collect(path: &Path, out: &mut Vec<PathBuf>) {
    if path.is_dir() {
        let mut entries: Vec<PathBuf> = std::fs::read_dir(path)
            .into_iter()
            .flatten()
            .flatten()
            .map(|e| e.path())
            .collect();
        entries.sort();
        for e in entries {
            collect(&e, out);
        }
    } else if path.extension().is_some_and(|e| e == "pdf") {
        out.push(path.to_path_buf());
    }
}
