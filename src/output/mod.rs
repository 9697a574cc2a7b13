//! Output writers, one per format.

pub mod atomic_file;
pub mod cells;
pub mod cells_csv;
pub mod parquet;
pub mod postgres;
pub mod pretty_json;
pub mod printed;
pub mod record_rows;
pub mod report_json;
pub mod rows;
pub mod schema;
pub mod shared_text;
pub mod sqlite;
mod sqlite_insert;
pub mod storable;
pub mod xlsx;
