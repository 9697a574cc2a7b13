//! PDF stage: any bytes → `read_pages` → pages of glyphs, or a classified
//! error. Limits are tighter than the defaults so one input stays fast.
#![no_main]

use libfuzzer_sys::fuzz_target;
use yujuesuan::pdf::{PdfLimits, read_pages};

fuzz_target!(|data: &[u8]| {
    let limits = PdfLimits::for_fuzzing();
    if let Ok(pages) = read_pages(data, &limits) {
        let _ = yujuesuan::layout::document_lines(&pages);
    }
});
