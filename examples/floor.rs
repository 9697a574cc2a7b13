//! The floor under the PDF stage: what it costs only to open each PDF,
//! decompress every page's content stream and tokenise it into operators
//! (hayro-syntax, nothing interpreted, no fonts, no layout), in one process.
//! The pipeline's time as a multiple of this is how much of it is ours
//! (`benches/floor.sh` prints both).
//!
//! With `--interpret`, each page is also run through hayro-interpret with
//! a device that discards everything (`DummyDevice`, the settings
//! `read_pages` uses): what hayro alone costs before any glyph is decoded
//! to text or recorded, so the part of the pipeline's time that no change
//! to this project's own stages can remove.
//!
//! Usage: `floor [--runs N] [--interpret] FILE_OR_DIR...` (directories are
//! searched for `*.pdf`). Prints files, pages, content bytes, operators,
//! and the fastest and median of N passes over all files (each pass reads
//! the files from memory, so disk time is left out).

use hayro_interpret::kurbo::{Affine, Rect};
use hayro_interpret::{
    Context, DummyDevice, InterpreterCache, InterpreterSettings, RenderContent, interpret_page,
};
use hayro_syntax::Pdf;
use std::path::{Path, PathBuf};
use std::time::Instant;

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

/// Pages, decoded content bytes and operators of one PDF; with
/// `interpret`, every page is interpreted into a [`DummyDevice`] instead
/// of tokenised (operators are then not counted).
fn floor(bytes: &[u8], interpret: bool) -> (usize, usize, usize) {
    let Ok(pdf) = Pdf::new(bytes.to_vec()) else {
        return (0, 0, 0);
    };
    let cache = InterpreterCache::new();
    let settings = InterpreterSettings {
        render_content: RenderContent::PAGE,
        ..InterpreterSettings::default()
    };
    let (mut pages, mut content, mut ops) = (0, 0, 0);
    for page in pdf.pages().iter() {
        pages += 1;
        content += page.page_stream().map_or(0, <[u8]>::len);
        if !interpret {
            let mut typed = page.typed_operations();
            while typed.next().is_some() {
                ops += 1;
            }
        } else {
            let (width, height) = page.render_dimensions();
            let initial = Affine::new(page.initial_transform(true).as_coeffs());
            let bbox = Rect::new(0.0, 0.0, f64::from(width), f64::from(height));
            let mut context = Context::new(initial, bbox, &cache, pdf.xref(), settings.clone());
            interpret_page(page, &mut context, &mut DummyDevice);
        }
    }
    (pages, content, ops)
}

fn main() {
    let mut args: Vec<String> = std::env::args().skip(1).collect();
    let mut runs = 5;
    if args.first().is_some_and(|a| a == "--runs") {
        runs = args.get(1).and_then(|n| n.parse().ok()).unwrap_or(5);
        args.drain(..2.min(args.len()));
    }
    let interpret = args.first().is_some_and(|a| a == "--interpret");
    if interpret {
        args.remove(0);
    }
    let mut files = Vec::new();
    for a in &args {
        collect(Path::new(a), &mut files);
    }
    let data: Vec<Vec<u8>> = files.iter().filter_map(|f| std::fs::read(f).ok()).collect();
    let mut times = Vec::new();
    let mut totals = (0, 0, 0);
    for _ in 0..runs.max(1) {
        let start = Instant::now();
        totals = data.iter().fold((0, 0, 0), |acc, b| {
            let (p, c, o) = floor(b, interpret);
            (acc.0 + p, acc.1 + c, acc.2 + o)
        });
        times.push(start.elapsed().as_secs_f64());
    }
    times.sort_by(f64::total_cmp);
    let fastest = times.first().copied().unwrap_or(0.0);
    let median = times.get(times.len() / 2).copied().unwrap_or(0.0);
    println!(
        "{} files, {} pages, {} content bytes, {} operators: fastest {:.3} s, median {:.3} s ({:.0} pages/s)",
        data.len(),
        totals.0,
        totals.1,
        totals.2,
        fastest,
        median,
        totals.0 as f64 / fastest.max(1e-9)
    );
}
