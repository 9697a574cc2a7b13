//! Removing fake-bold duplicates.
//!
//! Word and WPS make "bold" from a regular face by drawing each glyph two to
//! four times, shifted by a fraction of a point; fill-and-stroke text is also
//! reported twice. Left alone, a title reads "收收入入". A glyph is a
//! duplicate when the same text was already drawn within [`MAX_OFFSET`] points.

use super::page::Glyph;
use rustc_hash::FxHashMap;

/// Largest offset, in points, between a glyph and its fake-bold copy.
pub(crate) const MAX_OFFSET: f32 = 1.0;

/// Drops glyphs that repeat an earlier glyph's text at (almost) the same
/// position, keeping the first drawn; order is otherwise preserved.
pub(crate) fn remove_fake_bold(glyphs: Vec<Glyph>) -> Vec<Glyph> {
    remove_copies(glyphs, |g| g)
}

/// [`remove_fake_bold`] over anything drawn as a glyph (a hidden glyph
/// carries its reason beside it): `glyph_of` gives the item's glyph.
pub(crate) fn remove_copies<T>(items: Vec<T>, glyph_of: impl Fn(&T) -> &Glyph) -> Vec<T> {
    // Buckets by first character and baseline cell; a duplicate lies in the
    // same or an adjacent cell, so each glyph checks three buckets. A bucket
    // is a chain through `next` (indices into `kept`), so a page of glyphs
    // costs no allocation per bucket; this runs on every glyph of a corpus.
    // Sized for every glyph at once: growing the map as glyphs arrive
    // rehashed it a dozen times a page.
    let mut heads: FxHashMap<(char, i64), usize> =
        FxHashMap::with_capacity_and_hasher(items.len(), Default::default());
    let mut next: Vec<Option<usize>> = Vec::with_capacity(items.len());
    let mut kept: Vec<T> = Vec::with_capacity(items.len());
    for item in items {
        let g = glyph_of(&item);
        let first = g.text.chars().next().unwrap_or_default();
        let cell = (g.y / MAX_OFFSET).floor() as i64;
        let duplicate = (cell - 1..=cell + 1).any(|c| {
            let mut at = heads.get(&(first, c)).copied();
            while let Some(i) = at {
                let Some(k) = kept.get(i) else { break };
                if is_copy(glyph_of(k), g) {
                    return true;
                }
                at = next.get(i).copied().flatten();
            }
            false
        });
        if duplicate {
            continue;
        }
        next.push(heads.insert((first, cell), kept.len()));
        kept.push(item);
    }
    kept
}

/// True when `g` draws the same text as `k` within [`MAX_OFFSET`].
fn is_copy(k: &Glyph, g: &Glyph) -> bool {
    (k.x0 - g.x0).abs() <= MAX_OFFSET && (k.y - g.y).abs() <= MAX_OFFSET && k.text == g.text
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    /// A 10-pt glyph at `x0` on baseline `y` (shared by the PDF stage's tests).
    pub(crate) fn glyph(text: &str, x0: f32, y: f32) -> Glyph {
        Glyph {
            text: text.into(),
            code: 0,
            font: "".into(),
            size: 10.0,
            advance: 10.0,
            x0,
            x1: x0 + 10.0,
            y,
            top: y - 8.8,
            bottom: y + 1.2,
        }
    }

    #[test]
    fn shifted_copies_are_dropped_but_neighbours_kept() {
        let glyphs = vec![
            glyph("收", 10.0, 100.0),
            glyph("收", 10.4, 100.3),
            glyph("入", 20.0, 100.0),
            glyph("入", 20.4, 99.8),
            glyph("0", 30.0, 100.0),
            glyph("0", 35.0, 100.0),
        ];
        let kept = remove_fake_bold(glyphs);
        let text: String = kept.iter().map(|g| g.text.as_str()).collect();
        assert_eq!(text, "收入00");
    }

    #[test]
    fn glyphs_sharing_a_first_character_are_not_copies() {
        let glyphs = vec![glyph("fi", 10.0, 100.0), glyph("ff", 10.2, 100.1)];
        assert_eq!(remove_fake_bold(glyphs).len(), 2);
    }
}
