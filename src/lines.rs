//! The boundary where PDF and text input meet: lines of spans.
//!
//! Everything after this point (grammar, normaliser, checks, outputs) is one
//! code path for both kinds of input. Positions are `Option`s rather than a
//! second type so that column placement can use geometry when a PDF gave it
//! and fall back to the report's accounting identities when text did not.

use crate::provenance::Origin;
use serde::Serialize;

/// A horizontal extent in PDF user-space points (origin at the page's left).
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct XRange {
    /// Left edge.
    pub x0: f32,
    /// Right edge.
    pub x1: f32,
}

impl XRange {
    /// The horizontal centre, used to decide which header column a number sits under.
    pub fn centre(&self) -> f32 {
        (self.x0 + self.x1) / 2.0
    }

    /// Length of the overlap with another range (0 when disjoint).
    pub fn overlap(&self, other: &XRange) -> f32 {
        (self.x1.min(other.x1) - self.x0.max(other.x0)).max(0.0)
    }
}

/// One piece of text on a line: a whitespace-free token for text input, a
/// word or a whole ruled cell (wrapped pieces joined) for PDF input.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Span {
    /// The text, already normalised to Unicode NFKC-compatible forms by the producer.
    pub text: String,
    /// Where the span sits on the page; `None` for text input.
    pub x: Option<XRange>,
    /// Where the span's text was printed: the box around its glyphs (PDF), or
    /// its line in the file (text); carried to every cell for provenance.
    #[serde(skip)]
    pub origin: Option<Origin>,
}

impl Span {
    /// A span without position, as text input produces.
    pub fn text(text: impl Into<String>) -> Self {
        Span {
            text: text.into(),
            x: None,
            origin: None,
        }
    }

    /// A span without position on line `number` (1-based) of a text file.
    pub fn on_line(text: impl Into<String>, number: u32) -> Self {
        Span {
            text: text.into(),
            x: None,
            origin: Some(Origin::Line(number)),
        }
    }
}

/// One visual line of the document, in reading order.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Line {
    /// 1-based page number. Text input counts pages at form feeds or at runs
    /// of three or more blank lines (how pdftotext separates pages).
    pub page: u32,
    /// Baseline in points from the page top, when the input had positions.
    pub y: Option<f32>,
    /// The spans, left to right.
    pub spans: Vec<Span>,
    /// True when the layout stage built this line from one row of a ruled
    /// grid: each span is then a whole cell and must never be re-split.
    pub ruled: bool,
}

impl Line {
    /// The line's text with spans joined by single spaces, as the seed prints it.
    pub fn joined(&self) -> String {
        let mut out = String::new();
        for (i, s) in self.spans.iter().enumerate() {
            if i > 0 {
                out.push(' ');
            }
            out.push_str(&s.text);
        }
        out
    }

    /// The line's text with all whitespace removed, for matching titles and labels.
    pub fn compact(&self) -> String {
        self.spans
            .iter()
            .flat_map(|s| s.text.chars())
            .filter(|c| !c.is_whitespace())
            .collect()
    }

    /// True when the line carries positions (PDF input).
    pub fn has_positions(&self) -> bool {
        self.spans.iter().any(|s| s.x.is_some())
    }
}
