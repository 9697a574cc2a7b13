//! Where a one-file run (`yujuesuan cells FILE`) spends its time, stage by
//! stage, cold (the first call in a fresh process, as a user's run pays it)
//! and warm (the same call again), so that start-up costs (compiling
//! patterns, decompressing tables, first-touch page faults) show as the
//! difference.
//!
//! Usage: `startup FILE [RUNS]`; prints one line per stage with the cold
//! time and the fastest warm time in milliseconds.

use std::path::Path;
use std::time::Instant;
use yujuesuan::limits::Limits;
use yujuesuan::output::cells;
use yujuesuan::pipeline::{read_input, report_from_lines};
use yujuesuan::templates::Templates;

fn ms(since: Instant) -> f64 {
    since.elapsed().as_secs_f64() * 1000.0
}

/// Times of one pass: templates, reading, the report stages, writing cells.
fn pass(path: &Path, bytes: &[u8]) -> Result<[f64; 4], String> {
    let t = Instant::now();
    let templates = Templates::embedded()?;
    let load = ms(t);
    let t = Instant::now();
    let (lines, kind, notes) = read_input(bytes, &Limits::default()).map_err(|e| e.to_string())?;
    let read = ms(t);
    let t = Instant::now();
    let report =
        report_from_lines(&lines, kind, &notes, path, &templates).map_err(|e| e.to_string())?;
    let stages = ms(t);
    let t = Instant::now();
    let mut out = Vec::new();
    cells::write_jsonl(&cells::cells(&report), &mut out).map_err(|e| e.to_string())?;
    let write = ms(t);
    Ok([load, read, stages, write])
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let Some(file) = args.first() else {
        eprintln!("usage: startup FILE [RUNS]");
        std::process::exit(2);
    };
    let runs: usize = args.get(1).and_then(|r| r.parse().ok()).unwrap_or(5);
    let path = Path::new(file);
    let start = Instant::now();
    let bytes = match std::fs::read(path) {
        Ok(b) => b,
        Err(e) => {
            eprintln!("{file}: {e}");
            std::process::exit(1);
        }
    };
    let cold = match pass(path, &bytes) {
        Ok(c) => c,
        Err(e) => {
            eprintln!("{file}: {e}");
            std::process::exit(1);
        }
    };
    let total = ms(start);
    let mut warm = [f64::MAX; 4];
    for _ in 0..runs {
        if let Ok(times) = pass(path, &bytes) {
            for (w, t) in warm.iter_mut().zip(times) {
                *w = w.min(t);
            }
        }
    }
    let names = ["templates", "read PDF/text", "report stages", "write cells"];
    println!("{:<16} {:>9} {:>9}", "stage", "cold ms", "warm ms");
    for ((name, c), w) in names.iter().zip(cold).zip(warm) {
        println!("{name:<16} {c:>9.2} {w:>9.2}");
    }
    println!("{:<16} {total:>9.2}", "first pass");
}
