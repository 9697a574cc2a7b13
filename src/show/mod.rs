//! Showing the evidence: a region of a PDF page rendered to PNG with boxes
//! outlined, so that a reader sees a number where it is printed.
//!
//! Pages are rasterised by `hayro` (the renderer built on the same parser and
//! interpreter as the text stage, so a box the text stage measured lands on
//! the glyphs it measured); outlines are drawn into the pixels here and the
//! image is encoded with `png`. Boxes are in the provenance convention (PDF
//! points, origin bottom-left of the displayed page, see [`crate::provenance`]).

mod crop;
mod find;
mod png_out;

pub use crop::{Crop, Region};
pub use find::{
    DiscrepancyCrops, cell_crop, check_crop, crops_of_discrepancy, discrepancy_crops, parse_cell,
};

use crate::provenance::BBox;
use hayro::hayro_interpret::InterpreterSettings;
use hayro::hayro_syntax::Pdf;
use hayro::vello_cpu::color::palette::css::WHITE;
use hayro::{PixmapSettings, RenderCache, RenderSettings, render};
use std::panic::{AssertUnwindSafe, catch_unwind};

/// Pixels per PDF point: 2 gives crisp Chinese at 10 pt (about 150 dpi).
pub const DEFAULT_SCALE: f32 = 2.0;

/// Why a crop could not be made.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[error("{0}")]
pub struct ShowError(pub String);

/// A rendered page: opaque RGB pixels and the page's displayed size in points.
struct PagePixels {
    rgb: Vec<u8>,
    width: usize,
    height: usize,
    scale: f32,
    page_height: f32,
}

/// Renders each crop of one PDF (pages are rasterised once however many crops
/// they hold) and returns the PNGs in the order asked, each one `Err` when
/// its page does not exist or the renderer failed.
pub fn render_crops(
    pdf_bytes: &[u8],
    crops: &[Crop],
    scale: f32,
) -> Vec<Result<Vec<u8>, ShowError>> {
    let loaded = catch_unwind(AssertUnwindSafe(|| Pdf::new(pdf_bytes.to_vec())));
    let pdf = match loaded {
        Ok(Ok(pdf)) => pdf,
        _ => {
            let e = ShowError("not a PDF the renderer can read".into());
            return crops.iter().map(|_| Err(e.clone())).collect();
        }
    };
    let mut rendered: Vec<(u32, Result<PagePixels, ShowError>)> = Vec::new();
    crops
        .iter()
        .map(|crop| {
            if !rendered.iter().any(|(p, _)| *p == crop.page) {
                rendered.push((crop.page, render_page(&pdf, crop.page, scale)));
            }
            match rendered.iter().find(|(p, _)| *p == crop.page) {
                Some((_, Ok(pixels))) => Ok(png_out::encode(&crop::cut(pixels, crop))?),
                Some((_, Err(e))) => Err(e.clone()),
                None => Err(ShowError("page not rendered".into())),
            }
        })
        .collect()
}

/// Renders one crop (see [`render_crops`]).
pub fn render_crop(pdf_bytes: &[u8], crop: &Crop, scale: f32) -> Result<Vec<u8>, ShowError> {
    render_crops(pdf_bytes, std::slice::from_ref(crop), scale)
        .pop()
        .unwrap_or_else(|| Err(ShowError("nothing rendered".into())))
}

/// Several crops one above the other, with a grey rule between them: a
/// discrepancy's sentence and its table cell in one image.
pub fn render_stacked(pdf_bytes: &[u8], crops: &[Crop], scale: f32) -> Result<Vec<u8>, ShowError> {
    let pdf = match catch_unwind(AssertUnwindSafe(|| Pdf::new(pdf_bytes.to_vec()))) {
        Ok(Ok(pdf)) => pdf,
        _ => return Err(ShowError("not a PDF the renderer can read".into())),
    };
    let mut parts = Vec::new();
    for crop in crops {
        let pixels = render_page(&pdf, crop.page, scale)?;
        parts.push(crop::cut(&pixels, crop));
    }
    png_out::encode(&crop::stack(&parts))
}

fn render_page(pdf: &Pdf, page: u32, scale: f32) -> Result<PagePixels, ShowError> {
    let pages = pdf.pages();
    let index = usize::try_from(page.saturating_sub(1)).unwrap_or(usize::MAX);
    let Some(p) = pages.get(index).filter(|_| page >= 1) else {
        return Err(ShowError(format!(
            "page {page} does not exist (the file has {} pages)",
            pages.len()
        )));
    };
    let (_, page_height) = p.render_dimensions();
    let drawn = catch_unwind(AssertUnwindSafe(|| {
        let cache = RenderCache::new();
        render(
            p,
            &cache,
            &InterpreterSettings::default(),
            &RenderSettings::default(),
            &PixmapSettings {
                x_scale: scale,
                y_scale: scale,
                bg_color: WHITE,
            },
        )
    }))
    .map_err(|_| ShowError(format!("the renderer failed on page {page}")))?;
    let (width, height) = (usize::from(drawn.width()), usize::from(drawn.height()));
    // The background is opaque white, so premultiplied RGBA is plain RGBA.
    let rgb = drawn
        .data_as_u8_slice()
        .chunks_exact(4)
        .flat_map(|px| px.iter().take(3).copied())
        .collect();
    Ok(PagePixels {
        rgb,
        width,
        height,
        scale,
        page_height,
    })
}

/// The box around several boxes, for a crop that holds them all.
pub fn union_of(boxes: &[BBox]) -> Option<BBox> {
    let first = boxes.first()?;
    Some(boxes.iter().fold(*first, |acc, b| acc.union(b)))
}
