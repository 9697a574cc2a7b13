//! Shows what the PDF and layout stages make of each file (a debugging and
//! benchmarking aid). Modes, given as the first argument:
//!
//! * (none): the lines, one per row: page, baseline y, `R` for a ruled grid
//!   row, then the spans separated by " | ";
//! * `--pages`: per page, glyph/rule/undecodable counts and the glyph text
//!   in drawing order;
//! * `--glyphs`: one glyph per row: page, x0, baseline y, text;
//! * `--hidden`: text drawn but not seen in full, one run per row: page,
//!   why (clipped, off_page, covered), share hidden, `cut` when text that
//!   shows continues it, baseline y, x0, text;
//! * `--time`: pages and milliseconds of `read_pages` + `document_lines`
//!   per file (used by `benches/pdf_stage.sh`).

use std::time::Instant;
use yujuesuan::layout::document_lines;
use yujuesuan::lines::Line;
use yujuesuan::pdf::{Page, PdfLimits, read_pages};

fn main() {
    let mut args: Vec<String> = std::env::args().skip(1).collect();
    let mode = match args.first().map(String::as_str) {
        Some(m @ ("--pages" | "--glyphs" | "--hidden" | "--time")) => m.to_string(),
        _ => String::new(),
    };
    if !mode.is_empty() {
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
            (pages, lines)
        });
        let ms = start.elapsed().as_secs_f64() * 1000.0;
        let (pages, lines) = match result {
            Ok(r) => r,
            Err(e) => {
                println!("{path}: {e}");
                continue;
            }
        };
        match mode.as_str() {
            "--time" => println!("{}\t{ms:.2}\t{path}", pages.len()),
            "--pages" => print_pages(&path, &pages),
            "--glyphs" => print_glyphs(&pages),
            "--hidden" => print_hidden(&path, &pages),
            _ => print_lines(&lines),
        }
    }
}

fn print_lines(lines: &[Line]) {
    for line in lines {
        let spans: Vec<&str> = line.spans.iter().map(|s| s.text.as_str()).collect();
        let mark = if line.ruled { "R" } else { " " };
        let y = line.y.unwrap_or(f32::NAN);
        println!("{:>3} {y:>6.1} {mark} {}", line.page, spans.join(" | "));
    }
}

fn print_pages(path: &str, pages: &[Page]) {
    for p in pages {
        let text: String = p.glyphs.iter().map(|g| g.text.as_str()).collect();
        println!(
            "== {path} p{} {}x{} glyphs={} rules={} undecodable={} images={}",
            p.number,
            p.width,
            p.height,
            p.glyphs.len(),
            p.rules.len(),
            p.undecodable,
            p.has_images
        );
        println!("{text}");
    }
}

fn print_glyphs(pages: &[Page]) {
    for p in pages {
        for g in &p.glyphs {
            println!("{}\t{:.3}\t{:.3}\t{}", p.number, g.x0, g.y, g.text);
        }
    }
}

fn print_hidden(path: &str, pages: &[Page]) {
    for h in pages.iter().flat_map(|p| &p.hidden) {
        println!(
            "{path}\t{}\t{:?}\t{:.2}\t{}\t{:.1}\t{:.1}\t{}",
            h.page,
            h.hiding,
            h.hidden_share,
            if h.continues_shown { "cut" } else { "-" },
            h.y,
            h.x0,
            h.text
        );
    }
}
