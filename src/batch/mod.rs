//! Corpus runs: which files to read.

pub mod inputs;
