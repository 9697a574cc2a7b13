//! Output writers, one per format.

pub mod cells;
pub mod report_json;
