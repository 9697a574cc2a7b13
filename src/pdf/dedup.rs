//! Removing fake-bold duplicates.
//!
//! Word and WPS make "bold" from a regular face by drawing each glyph two to
//! four times, shifted by a fraction of a point; fill-and-stroke text is also
//! reported twice. Left alone, a title reads "收收入入". A glyph is a
//! duplicate when the same text was already drawn within [`MAX_OFFSET`] points.

use super::page::Glyph;
use std::collections::HashMap;

/// Largest offset, in points, between a glyph and its fake-bold copy.
pub(crate) const MAX_OFFSET: f32 = 1.0;

/// Drops glyphs that repeat an earlier glyph's text at (almost) the same
/// position, keeping the first drawn; order is otherwise preserved.
pub(crate) fn remove_fake_bold(glyphs: Vec<Glyph>) -> Vec<Glyph> {
    // Buckets by text and baseline cell; a duplicate lies in the same or an
    // adjacent cell, so each glyph checks three buckets.
    let mut seen: HashMap<(String, i64), Vec<(f32, f32)>> = HashMap::new();
    let mut kept = Vec::with_capacity(glyphs.len());
    for g in glyphs {
        let cell = (g.y / MAX_OFFSET).floor() as i64;
        let duplicate = (cell - 1..=cell + 1).any(|c| {
            seen.get(&(g.text.clone(), c)).is_some_and(|list| {
                list.iter()
                    .any(|(x, y)| (x - g.x0).abs() <= MAX_OFFSET && (y - g.y).abs() <= MAX_OFFSET)
            })
        });
        if duplicate {
            continue;
        }
        seen.entry((g.text.clone(), cell))
            .or_default()
            .push((g.x0, g.y));
        kept.push(g);
    }
    kept
}

#[cfg(test)]
mod tests {
    use super::*;

    fn glyph(text: &str, x0: f32, y: f32) -> Glyph {
        Glyph {
            text: text.to_string(),
            code: 0,
            font: String::new(),
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
}
