//! yujuesuan: Chinese government 部门决算/部门预算 disclosures into checked data.
//!
//! The pipeline flows one way through plain typed data:
//! input bytes → [`lines::Line`]s (from text, or from PDF glyphs via layout)
//! → [`grammar::Document`] → [`normalise::Report`] → outputs.

pub mod batch;
pub mod error;
pub mod grammar;
pub mod input;
pub mod lines;
pub mod normalise;
pub mod output;
pub mod pipeline;
pub mod templates;
pub mod text_norm;

pub use error::{ErrorClass, ReadError};
pub use pipeline::{read_report, read_report_bytes};
