//! Running headers and footers: text printed at one place on many pages.
//!
//! A footer is page furniture, and the grammar drops it where it stands
//! alone. When a table runs into the footer's place, the footer's glyphs
//! fall inside the table's grid and would join its cells
//! (`宜昌市1,000,700.00`): glyphs matching a running line, character and
//! place, are taken out of grids.

use super::grid::Grid;
use super::table::centre;
use super::words::{baseline_clusters, superimposed_layers};
use crate::pdf::{Glyph, GlyphText, Page};
use rustc_hash::FxHashMap;

/// Pages a line must repeat on, at the same place, to be furniture.
const MIN_PAGES: usize = 3;

/// How far, in points, a glyph may stand from a furniture glyph's place and
/// still be that glyph.
const PLACE_TOLERANCE: f32 = 0.5;

/// A line's pages, and its glyphs where first seen.
type Sighting<'g> = (Vec<u32>, Vec<&'g Glyph>);

/// The glyphs of the document's running lines, by text.
#[derive(Debug, Default)]
pub(crate) struct Furniture {
    /// Character → places (x0, baseline) it is printed at as furniture.
    places: FxHashMap<GlyphText, Vec<(f32, f32)>>,
}

impl Furniture {
    /// The running lines of `pages`: lines outside every grid (`grids`, per
    /// page) printed with the same text on the same baseline on at least
    /// [`MIN_PAGES`] pages.
    pub(crate) fn of(pages: &[Page], grids: &[Vec<Grid>]) -> Furniture {
        // (text, baseline in half points) → pages and its glyphs where first
        // seen (copied out only for the lines that turn out to be furniture).
        let mut seen: FxHashMap<(String, i32), Sighting> = FxHashMap::default();
        for (page, page_grids) in pages.iter().zip(grids) {
            let free: Vec<&Glyph> = page
                .glyphs
                .iter()
                .filter(|g| !inside_any(page_grids, g))
                .collect();
            let lines = baseline_clusters(&free)
                .into_iter()
                .flat_map(superimposed_layers);
            for mut line in lines {
                line.sort_by(|a, b| a.x0.total_cmp(&b.x0));
                let text: String = line.iter().map(|g| g.text.as_str()).collect();
                let y = line.first().map_or(0.0, |g| g.y);
                let key = (text, (y * 2.0).round() as i32);
                let entry = seen.entry(key).or_insert_with(|| (Vec::new(), line));
                if !entry.0.contains(&page.number) {
                    entry.0.push(page.number);
                }
            }
        }
        let mut places: FxHashMap<GlyphText, Vec<(f32, f32)>> = FxHashMap::default();
        for (pages_seen, glyphs) in seen.into_values() {
            if pages_seen.len() >= MIN_PAGES {
                for g in glyphs {
                    places.entry(g.text.clone()).or_default().push((g.x0, g.y));
                }
            }
        }
        Furniture { places }
    }

    /// True when `g` is a running line's glyph: its character printed at its place.
    pub(crate) fn contains(&self, g: &Glyph) -> bool {
        self.places.get(&g.text).is_some_and(|at| {
            at.iter().any(|(x0, y)| {
                (x0 - g.x0).abs() <= PLACE_TOLERANCE && (y - g.y).abs() <= PLACE_TOLERANCE
            })
        })
    }
}

/// True when the centre of `g` lies in one of `grids`.
pub(crate) fn inside_any(grids: &[Grid], g: &Glyph) -> bool {
    let (cx, cy) = centre(g);
    grids.iter().any(|grid| grid.cell_at(cx, cy).is_some())
}
