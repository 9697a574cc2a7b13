//! Glyphs inside a grid → one ruled [`Line`] per grid row.
//!
//! Each non-empty cell becomes one span whose text is the cell's text lines
//! joined with nothing between them (a name wrapped inside its cell is read
//! back as one name) and whose x-range is the cell's, not the text's, so a
//! merged header cell carries the full range of the columns it spans. A
//! cell spanning rows is emitted with its top row.

use super::grid::Grid;
use super::words::text_lines;
use crate::lines::{Line, Span, XRange};
use crate::pdf::{Glyph, Page};
use crate::provenance::{BBox, Origin};
use std::collections::BTreeMap;

/// The ruled lines of one grid, given the glyphs whose centres fall in it.
pub(crate) fn grid_lines(page: &Page, grid: &Grid, glyphs: &[&Glyph]) -> Vec<Line> {
    // (cell, glyph) in cell order, each cell's glyphs in their given order
    // (a stable sort): one list, not a list per cell.
    let mut placed: Vec<(usize, &Glyph)> = glyphs
        .iter()
        .filter_map(|g| {
            let (cx, cy) = centre(g);
            grid.cell_at(cx, cy).map(|cell| (cell, *g))
        })
        .collect();
    placed.sort_by_key(|(cell, _)| *cell);
    // Grid row → (first baseline, cell spans).
    let mut rows: BTreeMap<usize, (f32, Vec<Span>)> = BTreeMap::new();
    let mut cell_glyphs: Vec<&Glyph> = Vec::new();
    for run in placed.chunk_by(|a, b| a.0 == b.0) {
        let Some(&(index, _)) = run.first() else {
            continue;
        };
        cell_glyphs.clear();
        cell_glyphs.extend(run.iter().map(|(_, g)| *g));
        let Some(cell) = grid.cells.get(index) else {
            continue;
        };
        let Some((x0, x1)) = grid.cell_x(cell) else {
            continue;
        };
        let lines = text_lines(&cell_glyphs);
        let Some(first) = lines.first() else {
            continue;
        };
        let text: compact_str::CompactString = lines.iter().map(|l| l.text()).collect();
        // A cell spanning rows belongs to its top row, where the rows it
        // labels begin (wherever the producer centred its text).
        let entry = rows.entry(cell.row0).or_insert((first.y, Vec::new()));
        entry.0 = entry.0.min(first.y);
        entry.1.push(Span {
            text,
            x: Some(XRange { x0, x1 }),
            origin: Some(Origin::Ink(ink_box(&cell_glyphs, page.height))),
        });
    }
    // A row's y must not pass the next row's, or sorting lines by y would
    // reorder the grid (a top row may hold only a tall, centred cell).
    let mut next_y = f32::INFINITY;
    for (y, _) in rows.values_mut().rev() {
        *y = y.min(next_y);
        next_y = *y;
    }
    rows.into_values()
        .map(|(y, mut spans)| {
            spans.sort_by(|a, b| {
                let left = |s: &Span| s.x.map_or(0.0, |x| x.x0);
                left(a).total_cmp(&left(b))
            });
            Line {
                page: page.number,
                y: Some(y),
                spans,
                ruled: true,
            }
        })
        .collect()
}

/// The box around a cell's glyphs in page space (the printed text, not the cell's borders).
fn ink_box(glyphs: &[&Glyph], page_height: f32) -> BBox {
    let (mut x0, mut top, mut x1, mut bottom) = (f32::MAX, f32::MAX, f32::MIN, f32::MIN);
    for g in glyphs {
        x0 = x0.min(g.x0);
        x1 = x1.max(g.x1);
        top = top.min(g.top);
        bottom = bottom.max(g.bottom);
    }
    BBox::from_top_origin(x0, top, x1, bottom, page_height)
}

/// The point that decides which cell a glyph belongs to.
pub(crate) fn centre(g: &Glyph) -> (f32, f32) {
    ((g.x0 + g.x1) / 2.0, (g.top + g.bottom) / 2.0)
}
