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
use std::time::Instant;

#[path = "support/pdf_args.rs"]
mod pdf_args;
use pdf_args::{PdfArgs, fastest_and_median};

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
    let args = PdfArgs::parse("--interpret");
    let mut times = Vec::new();
    let mut totals = (0, 0, 0);
    for _ in 0..args.runs {
        let start = Instant::now();
        totals = args.files.iter().fold((0, 0, 0), |acc, (_, b)| {
            let (p, c, o) = floor(b, args.flag);
            (acc.0 + p, acc.1 + c, acc.2 + o)
        });
        times.push(start.elapsed().as_secs_f64());
    }
    let (fastest, median) = fastest_and_median(times);
    println!(
        "{} files, {} pages, {} content bytes, {} operators: fastest {:.3} s, median {:.3} s ({:.0} pages/s)",
        args.files.len(),
        totals.0,
        totals.1,
        totals.2,
        fastest,
        median,
        totals.0 as f64 / fastest.max(1e-9)
    );
}
