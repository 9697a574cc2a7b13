//! The layout stage: pages of positioned glyphs → [`Line`]s of spans.
//!
//! Two kinds of line come out, in the page's reading order (top to bottom,
//! grid rows interleaved with ordinary text by baseline):
//!
//! * inside a ruled table, one line per grid row with one span per cell
//!   (`ruled: true`); the cell, not the text, decides what belongs together,
//!   because budget tables wrap long item names inside their cells;
//! * elsewhere, one line per baseline with one span per word (`ruled: false`).
//!
//! Later stages never see glyphs, so everything geometric is decided here.

mod furniture;
mod grid;
mod table;
mod words;

use crate::lines::{Line, Span, XRange};
use crate::pdf::{Glyph, Page};
use crate::provenance::{BBox, Origin};
use furniture::Furniture;

/// The lines of one page in reading order: ruled grid rows as whole cells
/// (so the grammar never has to guess column membership where the PDF drew
/// it), everything else as word lines, interleaved by baseline.
pub fn page_lines(page: &Page) -> Vec<Line> {
    let grids = grid::find_grids(&page.rules);
    lines_in(page, &grids, &Furniture::default())
}

/// [`page_lines`] with the page's grids found, leaving out of them the
/// glyphs of the document's running lines (`furniture`).
fn lines_in(page: &Page, grids: &[grid::Grid], furniture: &Furniture) -> Vec<Line> {
    let mut in_grid: Vec<Vec<&Glyph>> = vec![Vec::new(); grids.len()];
    let mut free: Vec<&Glyph> = Vec::new();
    let watermark = watermark_size(&page.glyphs);
    for g in page.glyphs.iter().filter(|g| g.size < watermark) {
        let (cx, cy) = table::centre(g);
        let home = grids
            .iter()
            .position(|grid| grid.cell_at(cx, cy).is_some())
            .and_then(|i| in_grid.get_mut(i));
        match home {
            // A running footer the table ran into is no part of its cells.
            Some(_) if furniture.contains(g) => {}
            Some(list) => list.push(g),
            None => free.push(g),
        }
    }
    let mut lines: Vec<Line> = words::text_lines(&free)
        .into_iter()
        .map(|l| Line {
            page: page.number,
            y: Some(l.y),
            spans: l
                .words
                .into_iter()
                .map(|w| Span {
                    origin: Some(Origin::Ink(BBox::from_top_origin(
                        w.x0,
                        l.top,
                        w.x1,
                        l.bottom,
                        page.height,
                    ))),
                    text: w.text.into(),
                    x: Some(XRange { x0: w.x0, x1: w.x1 }),
                })
                .collect(),
            ruled: false,
        })
        .collect();
    for (grid, glyphs) in grids.iter().zip(&in_grid) {
        lines.extend(table::grid_lines(page, grid, glyphs));
    }
    lines.sort_by(|a, b| {
        let (ya, yb) = (a.y.unwrap_or(0.0), b.y.unwrap_or(0.0));
        ya.total_cmp(&yb)
    });
    lines
}

/// How many times the page's typical text size a glyph must be to be a
/// watermark's (titles are at most about twice the body's size).
const WATERMARK_FACTOR: f32 = 3.0;

/// The size from which glyphs are a watermark's, not text to read: a
/// multiple of the page's median glyph size (`f32::MAX` on an empty page).
fn watermark_size(glyphs: &[Glyph]) -> f32 {
    let mut sizes: Vec<f32> = glyphs.iter().map(|g| g.size).collect();
    sizes.sort_by(f32::total_cmp);
    sizes
        .get(sizes.len() / 2)
        .map_or(f32::MAX, |m| m * WATERMARK_FACTOR)
}

/// The lines of a whole document, page after page: the input the grammar
/// reads, the same shape as the text path produces.
pub fn document_lines(pages: &[Page]) -> Vec<Line> {
    let grids: Vec<Vec<grid::Grid>> = pages.iter().map(|p| grid::find_grids(&p.rules)).collect();
    let furniture = Furniture::of(pages, &grids);
    pages
        .iter()
        .zip(&grids)
        .flat_map(|(page, page_grids)| lines_in(page, page_grids, &furniture))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::grid::tests::table_rules;
    use super::words::tests::run;
    use super::*;

    fn page(glyphs: Vec<Glyph>, rules: Vec<crate::pdf::Rule>) -> Page {
        Page {
            number: 1,
            width: 400.0,
            height: 400.0,
            glyphs,
            rules,
            undecodable: 0,
            has_images: false,
            hidden: Vec::new(),
        }
    }

    #[test]
    fn a_cell_spanning_rows_comes_with_its_top_row_and_rows_keep_grid_order() {
        // Columns 0/100/200; rows 0/20/40/60; the left cell spans rows 1-2
        // (no border at y 40 in the left column) and centres its label.
        let h = |y: f32, x0: f32, x1: f32| crate::pdf::Rule {
            x0,
            y0: y,
            x1,
            y1: y,
        };
        let v = |x: f32, y0: f32, y1: f32| crate::pdf::Rule {
            x0: x,
            y0,
            x1: x,
            y1,
        };
        let rules = vec![
            h(0.0, 0.0, 200.0),
            h(20.0, 0.0, 200.0),
            h(40.0, 100.0, 200.0),
            h(60.0, 0.0, 200.0),
            v(0.0, 0.0, 60.0),
            v(100.0, 0.0, 60.0),
            v(200.0, 0.0, 60.0),
        ];
        let mut glyphs = run("项目", 2.0, 14.0);
        glyphs.extend(run("金额", 102.0, 14.0));
        glyphs.extend(run("一般公共预算", 2.0, 44.0));
        glyphs.extend(run("1.00", 102.0, 34.0));
        glyphs.extend(run("2.00", 102.0, 54.0));
        let lines = page_lines(&page(glyphs, rules));
        assert_eq!(texts_of(&lines), ["项目 金额", "一般公共预算 1.00", "2.00"]);
    }

    #[test]
    fn a_running_footer_a_table_ran_into_is_left_out_of_its_cells() {
        // The footer at baseline 54 on four pages; on the fourth a table
        // (rows 0..60) reaches it and a row's amount shares its line.
        let footer = || run("某局部门决算", 110.0, 54.0);
        let mut third = footer();
        third.extend(run("1.00", 20.0, 54.0));
        let pages: Vec<Page> = vec![
            page(footer(), vec![]),
            page(footer(), vec![]),
            page(footer(), vec![]),
            page(third, table_rules()),
        ]
        .into_iter()
        .enumerate()
        .map(|(i, p)| Page {
            number: i as u32 + 1,
            ..p
        })
        .collect();
        let lines = document_lines(&pages);
        let last: Vec<String> = lines
            .iter()
            .filter(|l| l.page == 4)
            .map(Line::joined)
            .collect();
        assert_eq!(last, ["1.00"]);
    }

    fn texts_of(lines: &[Line]) -> Vec<String> {
        lines.iter().map(Line::joined).collect()
    }

    #[test]
    fn ruled_rows_are_cells_and_text_around_them_is_words() {
        // Grid rows at y 100..160 (table_rules shifted down by 100).
        let rules = table_rules()
            .into_iter()
            .map(|r| crate::pdf::Rule {
                y0: r.y0 + 100.0,
                y1: r.y1 + 100.0,
                ..r
            })
            .collect();
        let mut glyphs = run("收入支出决算总表", 10.0, 50.0);
        glyphs.extend(run("合并表头", 120.0, 115.0));
        // A name wrapped over two lines inside one cell.
        glyphs.extend(run("一般公共预算收", 2.0, 128.0));
        glyphs.extend(run("入", 2.0, 138.0));
        glyphs.extend(run("187.89", 110.0, 135.0));
        glyphs.extend(run("注:单位万元", 10.0, 200.0));
        let lines = page_lines(&page(glyphs, rules));
        let texts: Vec<String> = lines.iter().map(Line::joined).collect();
        assert_eq!(
            texts,
            [
                "收入支出决算总表",
                "合并表头",
                "一般公共预算收入 187.89",
                "注:单位万元"
            ]
        );
        let ruled: Vec<bool> = lines.iter().map(|l| l.ruled).collect();
        assert_eq!(ruled, [false, true, true, false]);
        assert_eq!(lines[1].spans[0].x, Some(XRange { x0: 0.0, x1: 300.0 }));
        assert_eq!(lines[2].y, Some(128.0));
        assert_eq!(
            lines[2].spans[1].x,
            Some(XRange {
                x0: 100.0,
                x1: 200.0
            })
        );
    }
}
