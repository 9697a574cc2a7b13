//! yujuesuan: Chinese government 部门决算/部门预算 disclosures into checked data.
//!
//! The pipeline flows one way through plain typed data:
//! input bytes → [`lines::Line`]s (from text, or from PDF glyphs via layout)
//! → [`grammar::Document`] → [`report::Report`] → outputs.

// Untrusted bytes must never panic the process: no unwrap, expect or
// indexing outside tests, anywhere in the library.
#![cfg_attr(
    not(test),
    deny(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)
)]

pub mod batch;
pub mod cell_name;
pub mod checks;
pub mod compare;
pub mod discrepancies;
pub mod document_kind;
/// Why a cell's reading is in doubt: filled by the grammar and the normaliser,
/// read by checks and discrepancies so that doubt never becomes an accusation.
pub mod doubt;
pub mod error;
pub mod facts;
pub mod grammar;
pub mod input;
pub mod layout;
pub mod limits;
pub mod limits_args;
pub mod lines;
pub mod narrative_placement;
pub mod normalise;
pub mod output;
pub mod pdf;
pub mod pipeline;
pub mod profile;
pub mod provenance;
/// Notes from reading a file (warnings, text drawn out of sight), filled by
/// the input and PDF stages, read by the pipeline and the review.
pub mod read_notes;
pub mod report;
pub mod review;
pub mod self_evaluation;
pub mod show;
pub mod site;
pub mod templates;
pub mod text_norm;
pub mod text_search;
pub mod unit_name;

pub use error::{ErrorClass, ReadError};
pub use pipeline::{read_report, read_report_bytes};
