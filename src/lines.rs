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
    /// The text, already normalised to Unicode NFKC-compatible forms by the
    /// producer; inline up to 24 bytes (a text report's tokens, most PDF
    /// words), so that most spans allocate nothing.
    pub text: compact_str::CompactString,
    /// Where the span sits on the page; `None` for text input.
    pub x: Option<XRange>,
    /// Where the span's text was printed: the box around its glyphs (PDF), or
    /// its line in the file (text); carried to every cell for provenance.
    #[serde(skip)]
    pub origin: Option<Origin>,
}

impl Span {
    /// A span without position, as text input produces.
    pub fn text(text: impl Into<compact_str::CompactString>) -> Self {
        Span {
            text: text.into(),
            x: None,
            origin: None,
        }
    }

    /// A span without position on line `number` (1-based) of a text file.
    pub fn on_line(text: impl Into<compact_str::CompactString>, number: u32) -> Self {
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
        let mut out = String::with_capacity(self.spans.iter().map(|s| s.text.len()).sum());
        out.extend(self.compact_chars());
        out
    }

    /// The characters of [`Line::compact`], from either end, without building
    /// the string: readers that look for one heading among a document's
    /// lines test each line this way and build the text only for a match.
    pub fn compact_chars(&self) -> impl DoubleEndedIterator<Item = char> + '_ {
        self.spans
            .iter()
            .flat_map(|s| s.text.chars())
            .filter(|c| !c.is_whitespace())
    }

    /// True when [`Line::compact`] begins with `prefix`.
    pub fn compact_starts_with(&self, prefix: &str) -> bool {
        let mut chars = self.compact_chars();
        prefix.chars().all(|c| chars.next() == Some(c))
    }

    /// True when [`Line::compact`] ends with `suffix`.
    pub fn compact_ends_with(&self, suffix: &str) -> bool {
        let mut chars = self.compact_chars().rev();
        suffix.chars().rev().all(|c| chars.next() == Some(c))
    }

    /// True when the line carries positions (PDF input).
    pub fn has_positions(&self) -> bool {
        self.spans.iter().any(|s| s.x.is_some())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn line(spans: &[&str]) -> Line {
        Line {
            page: 1,
            y: None,
            spans: spans.iter().map(|s| Span::text(*s)).collect(),
            ruled: false,
        }
    }

    #[test]
    fn compact_tests_match_the_built_text_across_spans() {
        let l = line(&["项目 名称", "\u{3000}整体绩效 ", "自评表"]);
        assert_eq!(l.compact(), "项目名称整体绩效自评表");
        assert!(l.compact_starts_with("项目名"));
        assert!(l.compact_ends_with("绩效自评表"));
        assert!(!l.compact_ends_with("项目自评表"));
        assert!(l.compact_starts_with(""));
        assert!(!line(&[]).compact_ends_with("表"));
    }

    proptest! {
        /// The tests that build no string agree with `compact()`'s
        /// `starts_with`/`ends_with` on any spans and any needle.
        #[test]
        fn compact_tests_agree_with_compact(
            spans in proptest::collection::vec("[ a表\u{3000}名b]{0,6}", 0..4),
            needle in "[a表名b]{0,3}",
        ) {
            let refs: Vec<&str> = spans.iter().map(String::as_str).collect();
            let l = line(&refs);
            let text = l.compact();
            prop_assert_eq!(l.compact_starts_with(&needle), text.starts_with(&needle));
            prop_assert_eq!(l.compact_ends_with(&needle), text.ends_with(&needle));
        }
    }
}
