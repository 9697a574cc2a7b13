//! Prints what the PDF stage reads from each file: per page, glyph and rule
//! counts and the glyph text in drawing order. A debugging aid.

use yujuesuan::pdf::{PdfLimits, read_pages};

fn main() {
    for path in std::env::args().skip(1) {
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
