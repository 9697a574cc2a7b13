//! Every input the fuzzers found a fault with, kept in `tests/regressions/`
//! after the fix: each must now give a report or a classified error, without
//! a panic and quickly. Named `<target>-<what it found>.<pdf|txt>`; the
//! docs/fuzzing.md lists them.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};
use yujuesuan::output::{cells, report_json};
use yujuesuan::pdf::PdfLimits;
use yujuesuan::pipeline::read_report_bytes_with;
use yujuesuan::templates::Templates;

fn regressions() -> Vec<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/regressions");
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .into_iter()
        .flatten()
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.is_file() && p.extension().is_none_or(|e| e != "md"))
        .collect();
    files.sort();
    files
}

#[test]
fn every_fuzz_finding_reads_or_fails_classified_and_quickly() {
    let templates = Templates::embedded().unwrap();
    for limits in [PdfLimits::for_fuzzing(), PdfLimits::default()] {
        for path in regressions() {
            let bytes = std::fs::read(&path).unwrap();
            let started = Instant::now();
            let result = std::panic::catch_unwind(|| {
                read_report_bytes_with(&bytes, &path, &templates, &limits)
            });
            let elapsed = started.elapsed();
            eprintln!("{}: {elapsed:?}", path.display());
            let result = result.unwrap_or_else(|_| panic!("{} panicked", path.display()));
            if let Ok(report) = result {
                let mut sink = Vec::new();
                cells::write_jsonl(&cells::cells(&report), &mut sink).unwrap();
                report_json::write_report(&report, &mut sink).unwrap();
            }
            // Generous for a debug build on a loaded machine; the fuzzers
            // ran each under a 10 s timeout in release.
            assert!(
                elapsed < Duration::from_secs(60),
                "{} took {elapsed:?}",
                path.display()
            );
        }
    }
}
