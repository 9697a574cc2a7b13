//! Text painted over: which glyphs already drawn on a page an opaque fill
//! drawn later hides.
//!
//! Only fills whose hidden area is known exactly can hide text here: one
//! axis-aligned rectangle, in an opaque colour (any colour, white included:
//! white paper shows through nothing), normal blending, no soft mask, no
//! non-opaque transparency group around it, under a clip that is itself a
//! rectangle. Thin fills (table borders, underlines) never hide text; images
//! (a seal stamped over a signature line) and patterns are not counted.

use super::clip::{ClipStack, placed_rectangle};
use super::hidden::{HIDDEN_SHARE, share_under};
use super::page::Glyph;
use super::rules::MAX_FILL_THICKNESS;
use hayro_interpret::kurbo::{BezPath, Rect};
use hayro_interpret::{BlendMode, DrawMode, DrawProps, Paint};
use rustc_hash::{FxHashMap, FxHashSet};

/// Height of the horizontal bands glyphs are indexed by, in points.
const BAND: f64 = 16.0;

/// Glyphs taller than this many bands are not indexed (no report prints
/// text a thousand points high; a hostile file must not fill the index).
const MAX_BANDS: i64 = 64;

/// Alpha at or above which paint is opaque.
const OPAQUE: f32 = 0.95;

/// The glyphs of a page so far, by horizontal band, for the fills drawn
/// after them to test. Built on the first fill that could hide text and
/// caught up on each later one, so a page without such fills costs nothing.
#[derive(Debug, Default)]
pub(crate) struct CoverIndex {
    /// Band number → indices into the page's glyphs whose box reaches it.
    bands: FxHashMap<i64, Vec<u32>>,
    /// How many of the page's glyphs are indexed.
    indexed: usize,
    /// Glyphs already found covered (each is reported once).
    covered: FxHashSet<u32>,
}

impl CoverIndex {
    /// Indexes glyph `index` of the page, whose box spans `top..bottom`.
    fn add(&mut self, index: usize, top: f32, bottom: f32) {
        let Ok(index) = u32::try_from(index) else {
            return;
        };
        let (first, last) = (band_of(f64::from(top)), band_of(f64::from(bottom)));
        if last - first > MAX_BANDS {
            return;
        }
        for band in first..=last {
            self.bands.entry(band).or_default().push(index);
        }
    }

    /// The glyphs (index, share hidden) that `fill` newly hides: at least
    /// [`HIDDEN_SHARE`] of the glyph's box under it; glyphs in `skip` never.
    pub(crate) fn cover(
        &mut self,
        fill: Rect,
        glyphs: &[Glyph],
        skip: &FxHashSet<usize>,
    ) -> Vec<(usize, f64)> {
        for (i, g) in glyphs.iter().enumerate().skip(self.indexed) {
            if !skip.contains(&i) {
                self.add(i, g.top, g.bottom);
            }
        }
        self.indexed = glyphs.len();
        let mut out = Vec::new();
        if self.bands.is_empty() {
            return out;
        }
        let (first, last) = (band_of(fill.y0), band_of(fill.y1));
        let mut candidates: Vec<u32> = if last - first > self.bands.len() as i64 {
            self.bands
                .iter()
                .filter(|(band, _)| (first..=last).contains(*band))
                .flat_map(|(_, indices)| indices.iter().copied())
                .collect()
        } else {
            (first..=last)
                .filter_map(|band| self.bands.get(&band))
                .flatten()
                .copied()
                .collect()
        };
        candidates.sort_unstable();
        candidates.dedup();
        for i in candidates {
            let Some(g) = glyphs.get(i as usize) else {
                continue;
            };
            if self.covered.contains(&i) {
                continue;
            }
            let bbox = Rect::new(
                f64::from(g.x0),
                f64::from(g.top),
                f64::from(g.x1),
                f64::from(g.bottom),
            );
            let share = share_under(bbox, fill);
            if share >= HIDDEN_SHARE {
                self.covered.insert(i);
                out.push((i as usize, share));
            }
        }
        out
    }
}

fn band_of(y: f64) -> i64 {
    if y.is_finite() {
        (y / BAND).floor() as i64
    } else {
        0
    }
}

/// The page-space rectangle a fill hides for certain, if it is one that can
/// hide text (see the module doc). `plain_groups` says whether every
/// transparency group around the fill is opaque and normally blended;
/// `page` is the page as displayed.
pub(crate) fn opaque_fill(
    path: &BezPath,
    props: &DrawProps<'_>,
    mode: &DrawMode,
    clips: &ClipStack,
    plain_groups: bool,
    page: Rect,
) -> Option<Rect> {
    let filled = matches!(mode, DrawMode::Fill(_) | DrawMode::FillAndStroke(_, _));
    let opaque = match &props.paint {
        Paint::Color(c) => {
            let [_, _, _, alpha] = c.to_rgba().components();
            alpha >= OPAQUE
        }
        Paint::Pattern(_) => false,
    };
    if !filled
        || !opaque
        || !plain_groups
        || props.soft_mask.is_some()
        || props.blend_mode != BlendMode::Normal
        || !clips.is_exact()
    {
        return None;
    }
    let mut rect = placed_rectangle(path, props.transform)?.intersect(page);
    if let Some(clip) = clips.region() {
        rect = rect.intersect(clip);
    }
    let thick = rect.width().min(rect.height()) > MAX_FILL_THICKNESS;
    thick.then_some(rect)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn glyph(x0: f32, y: f32) -> Glyph {
        crate::pdf::dedup::tests::glyph("字", x0, y)
    }

    #[test]
    fn a_fill_over_half_a_line_hides_those_glyphs_once() {
        let glyphs = vec![glyph(0.0, 100.0), glyph(10.0, 100.0), glyph(20.0, 100.0)];
        let mut index = CoverIndex::default();
        let none = FxHashSet::default();
        let hidden = index.cover(Rect::new(8.0, 80.0, 40.0, 120.0), &glyphs, &none);
        let which: Vec<usize> = hidden.iter().map(|(i, _)| *i).collect();
        assert_eq!(which, [1, 2], "glyph 0 is 20 % under: not hidden");
        let again = index.cover(Rect::new(0.0, 80.0, 40.0, 120.0), &glyphs, &none);
        assert_eq!(again.iter().map(|(i, _)| *i).collect::<Vec<_>>(), [0]);
    }
}
