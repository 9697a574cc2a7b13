//! What the PDF stage hands to the layout stage: positioned glyphs and
//! ruling segments per page, in top-origin page coordinates.
//!
//! Everything here is plain data so that layout can be tested without PDFs
//! and so that the PDF library stays an implementation detail of `read_pages`.

use super::hidden::HiddenText;
use serde::Serialize;
use std::sync::Arc;

/// One page after interpretation.
///
/// Coordinates are PDF points with the origin at the top-left of the page as
/// displayed (crop box offset removed, `/Rotate` applied), because reports are
/// read top to bottom and every later stage sorts by `y` ascending.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Page {
    /// 1-based page number, as a reader would cite it.
    pub number: u32,
    /// Displayed width (after `/Rotate`).
    pub width: f32,
    /// Displayed height (after `/Rotate`).
    pub height: f32,
    /// Visible glyphs in content-stream order, fake-bold duplicates removed.
    pub glyphs: Vec<Glyph>,
    /// Horizontal and vertical ruling segments (table borders).
    pub rules: Vec<Rule>,
    /// Glyphs drawn whose Unicode text could not be determined; they are
    /// kept in `glyphs` as U+FFFD so that a cell never silently loses a character.
    pub undecodable: usize,
    /// True when the page paints at least one image, used to tell a scan
    /// (needs OCR) from a blank page.
    pub has_images: bool,
    /// Text drawn but not seen in full (clipped, off the page, painted
    /// over), for the review; never part of `glyphs`' reading decisions.
    pub hidden: Vec<HiddenText>,
}

/// A glyph's text: one character almost always, held inline so that no
/// glyph allocates or frees (a page has thousands); longer texts
/// (ligatures, broken maps) go to the heap.
pub type GlyphText = compact_str::CompactString;

/// One drawn glyph with its decoded text and final position.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Glyph {
    /// Unicode text (usually one character, ligatures give more), normalised
    /// by [`crate::pdf::normalise_text`]; U+FFFD when undecodable.
    pub text: GlyphText,
    /// The character code read from the content stream (kept so that a
    /// decoding problem can be diagnosed per font).
    pub code: u32,
    /// The font's PostScript name without subset prefix ("" when unknown).
    pub font: Arc<str>,
    /// Effective font size in points (text matrix and CTM included), which
    /// layout uses to scale its gap and baseline tolerances.
    pub size: f32,
    /// Advance width in points along the writing direction.
    pub advance: f32,
    /// Left edge of the glyph box.
    pub x0: f32,
    /// Right edge of the glyph box.
    pub x1: f32,
    /// Baseline, measured from the page top.
    pub y: f32,
    /// Top of the glyph box (ascent), from the page top.
    pub top: f32,
    /// Bottom of the glyph box (descent), from the page top.
    pub bottom: f32,
}

/// A horizontal or vertical ruling segment (top-origin), normalised so that
/// `x0 <= x1` and `y0 <= y1`. Horizontal rules have `y0 == y1`, vertical
/// rules `x0 == x1`.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Rule {
    /// Left end.
    pub x0: f32,
    /// Top end.
    pub y0: f32,
    /// Right end.
    pub x1: f32,
    /// Bottom end.
    pub y1: f32,
}

impl Rule {
    /// True when the rule runs left to right (a row border); layout splits
    /// rules by direction before finding table grids.
    pub fn is_horizontal(&self) -> bool {
        (self.y1 - self.y0).abs() <= (self.x1 - self.x0).abs()
    }
}
