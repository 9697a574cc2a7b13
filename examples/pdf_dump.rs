//! Prints what the PDF stage reads from each file: per page, glyph and rule
//! counts and the glyph text in drawing order. A debugging aid. With
//! `--glyphs` first, prints one glyph a row: page, x0, baseline y, text.

use yujuesuan::pdf::{PdfLimits, read_pages};

fn main() {
    let mut args: Vec<String> = std::env::args().skip(1).collect();
    let per_glyph = args.first().is_some_and(|a| a == "--glyphs");
    if per_glyph {
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
        match read_pages(&bytes, &PdfLimits::default()) {
            Err(e) => println!("{path}: {e}"),
            Ok(pages) => {
                for p in &pages {
                    if per_glyph {
                        for g in &p.glyphs {
                            println!("{}\t{:.3}\t{:.3}\t{}", p.number, g.x0, g.y, g.text);
                        }
                        continue;
                    }
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
        }
    }
}
