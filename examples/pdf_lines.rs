//! Prints the lines the PDF and layout stages make of each file, one per
//! row: page, baseline y, `R` for a ruled grid row, then the spans separated by " | ".
//! With `--time` first, prints only pages and milliseconds per file (used by
//! `benches/pdf_stage.sh`).

use std::time::Instant;
use yujuesuan::layout::document_lines;
use yujuesuan::pdf::{PdfLimits, read_pages};

fn main() {
    let mut args: Vec<String> = std::env::args().skip(1).collect();
    let time_only = args.first().is_some_and(|a| a == "--time");
    if time_only {
        args.remove(0);
    }
    for path in args {
        let bytes = match std::fs::read(&path) {
            Ok(b) => b,
            Err(e) => {
                eprintln!("{path}: {e}");
                continue;
            }
        };
        let start = Instant::now();
        let result = read_pages(&bytes, &PdfLimits::default()).map(|pages| {
            let lines = document_lines(&pages);
            (pages.len(), lines)
        });
        let ms = start.elapsed().as_secs_f64() * 1000.0;
        match result {
            Err(e) => println!("{path}: {e}"),
            Ok((pages, _)) if time_only => println!("{pages}\t{ms:.2}\t{path}"),
            Ok((_, lines)) => {
                for line in lines {
                    let spans: Vec<&str> = line.spans.iter().map(|s| s.text.as_str()).collect();
                    let mark = if line.ruled { "R" } else { " " };
                    let y = line.y.unwrap_or(f32::NAN);
                    println!("{:>3} {y:>6.1} {mark} {}", line.page, spans.join(" | "));
                }
            }
        }
    }
}
