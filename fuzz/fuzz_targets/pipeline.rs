//! Whole pipeline: any bytes → `read_report_with_limits` → cells → every
//! output writer. A report that reads must also write, and its data must
//! fit the database's schema (a report that does not is a fault of ours,
//! which a run turns into an `internal` failure: here it is a finding).
#![no_main]

use libfuzzer_sys::fuzz_target;
use std::path::Path;
use std::sync::OnceLock;
use yujuesuan::output::{cells, report_json};
use yujuesuan::pdf::PdfLimits;
use yujuesuan::templates::Templates;

fn templates() -> Option<&'static Templates> {
    static T: OnceLock<Option<Templates>> = OnceLock::new();
    T.get_or_init(|| Templates::embedded().ok()).as_ref()
}

fuzz_target!(|data: &[u8]| {
    let Some(templates) = templates() else {
        return;
    };
    let limits = PdfLimits::for_fuzzing();
    let path = Path::new("fuzz.pdf");
    if let Ok(report) = yujuesuan::pipeline::read_report_bytes_with(data, path, templates, &limits)
    {
        let cells = cells::cells(&report);
        let mut sink = Vec::new();
        assert!(cells::write_jsonl(&cells, &mut sink).is_ok());
        sink.clear();
        assert!(report_json::write_report(&report, &mut sink).is_ok());
        let fits = yujuesuan::output::storable::ensure_report(&report);
        assert!(fits.is_ok(), "{fits:?}");
    }
});
