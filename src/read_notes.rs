//! What reading a file noted beside its lines: the input stage (the PDF
//! stage, for PDFs) fills it, the pipeline and the review read it.

use crate::pdf::HiddenText;

/// Notes from reading one file.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ReadNotes {
    /// Repaired damage and text that could not be decoded, in words: the
    /// pipeline adds them to the report's warnings.
    pub warnings: Vec<String>,
    /// Text the PDF draws out of sight (clipped, off the page, painted
    /// over), for the review; empty for text input.
    pub hidden: Vec<HiddenText>,
}
