//! Text path: bytes that are not a PDF → `read_report_bytes` (decoding,
//! grammar, normaliser) → a report or a classified error; a report's data
//! fits the database's schema (every number finite).
#![no_main]

use libfuzzer_sys::fuzz_target;
use std::path::Path;
use std::sync::OnceLock;
use yujuesuan::input::{InputKind, sniff};
use yujuesuan::templates::Templates;

fn templates() -> Option<&'static Templates> {
    static T: OnceLock<Option<Templates>> = OnceLock::new();
    T.get_or_init(|| Templates::embedded().ok()).as_ref()
}

fuzz_target!(|data: &[u8]| {
    if sniff(data) != InputKind::Text {
        return;
    }
    let Some(templates) = templates() else {
        return;
    };
    if let Ok(report) = yujuesuan::read_report_bytes(data, Path::new("fuzz.txt"), templates) {
        let fits = yujuesuan::output::storable::ensure_report(&report);
        assert!(fits.is_ok(), "{fits:?}");
    }
});
