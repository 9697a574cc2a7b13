//! The per-report JSON (`reports/<stem>.json`), validated in the tests against
//! `schema/report.schema.json`.

use super::pretty_json::to_writer_pretty;
use crate::report::Report;
use std::io::Write;

/// Writes a report as pretty JSON.
pub fn write_report(report: &Report, out: &mut impl Write) -> std::io::Result<()> {
    to_writer_pretty(&mut *out, report)?;
    out.write_all(b"\n")
}
