//! yujuesuan: Chinese government 部门决算/部门预算 disclosures into checked data.
//!
//! The pipeline flows one way through plain typed data:
//! input bytes → [`lines::Line`]s (from text, or from PDF glyphs via layout)
//! → grammar → normalised report → outputs.

pub mod error;
pub mod layout;
pub mod lines;
pub mod pdf;
