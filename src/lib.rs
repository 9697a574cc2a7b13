//! yujuesuan: Chinese government 部门决算/部门预算 disclosures into checked data.
//!
//! The pipeline flows one way through plain typed data:
//! input bytes → [`lines::Line`]s (from text, or from PDF glyphs via layout)
//! → [`grammar::Document`] → [`normalise::Report`] → outputs.

pub mod batch;
#[cfg_attr(
    not(test),
    deny(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)
)]
pub mod checks;
#[cfg_attr(
    not(test),
    deny(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)
)]
pub mod compare;
#[cfg_attr(
    not(test),
    deny(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)
)]
pub mod discrepancies;
/// Why a cell's reading is in doubt: filled by the grammar and the normaliser,
/// read by checks and discrepancies so that doubt never becomes an accusation.
pub mod doubt;
pub mod error;
#[cfg_attr(
    not(test),
    deny(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)
)]
pub mod facts;
pub mod grammar;
pub mod input;
// Stages that read untrusted bytes must never panic: no unwrap, expect or
// indexing outside tests.
#[cfg_attr(
    not(test),
    deny(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)
)]
pub mod layout;
pub mod limits;
pub mod limits_args;
pub mod lines;
pub mod normalise;
pub mod output;
#[cfg_attr(
    not(test),
    deny(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)
)]
pub mod pdf;
pub mod pipeline;
#[cfg_attr(
    not(test),
    deny(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)
)]
pub mod profile;
#[cfg_attr(
    not(test),
    deny(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)
)]
pub mod self_evaluation;
pub mod templates;
pub mod text_norm;

pub use error::{ErrorClass, ReadError};
pub use pipeline::{read_report, read_report_bytes};
