//! Showing the evidence: a region of a PDF page rendered to PNG with boxes
//! outlined, so that a reader sees a number where it is printed.
//!
//! Pages are interpreted by `hayro` (the same parser and interpreter as the
//! text stage, so a box the text stage measured lands on the glyphs it
//! measured) and drawn by our own device (`device.rs`), which draws only what
//! reaches the crop's band, or by hayro's renderer when the band holds what
//! our device does not draw; outlines are drawn into the pixels here and the
//! image is encoded with `png`. Boxes are in the provenance convention (PDF
//! points, origin bottom-left of the displayed page, see [`crate::provenance`]).

mod crop;
mod device;
#[cfg(test)]
mod device_check;
mod find;
mod png_out;
mod report_json;

pub use crop::{Crop, Region};
pub use find::{
    DiscrepancyCrops, cell_crop, check_crop, crops_of_discrepancy, discrepancy_crops, parse_cell,
};
pub use report_json::{
    CheckJson, DiscrepancyJson, Entries, FactJson, ReportJson, RowJson, Shown, TableJson,
};

use crate::pdf::Drawing;
use crate::provenance::BBox;
use hayro::hayro_interpret::InterpreterSettings;
use hayro::hayro_interpret::util::TransformExt;
use hayro::hayro_syntax::Pdf;
use hayro::kurbo::Affine;
use hayro::vello_cpu::color::palette::css::WHITE;
use hayro::vello_cpu::{Pixmap, RenderContext};
use hayro::{RenderCache, RenderSettings, render_into};
use std::cell::OnceCell;
use std::panic::{AssertUnwindSafe, catch_unwind};

/// How hayro's renderer rasterises a band our device gave up: without
/// hinting and without hayro's glyph bitmap cache (as our device draws). A
/// crop shows a band of a page, yet every glyph of the page goes through
/// hayro's renderer; hinting each and caching its bitmap costs more than
/// filling its outline (measured on the real PDFs: the site's crops took a
/// fifth less CPU), and at 1.5–2 px per point the text reads the same.
const CROP_RENDERING: RenderSettings = RenderSettings {
    force_image_interpolation: false,
    aliasing_threshold: None,
    hinting: false,
    glyph_caching: false,
};

/// Pixels per PDF point: 2 gives crisp Chinese at 10 pt (about 150 dpi).
pub const DEFAULT_SCALE: f32 = 2.0;

/// Why a crop could not be made.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[error("{0}")]
pub struct ShowError(pub String);

/// A page's size as rendered: the whole page in pixels at `scale`, and its
/// displayed height in points (boxes are measured from its bottom).
struct PageGeometry {
    width: usize,
    height: usize,
    scale: f32,
    page_height: f32,
}

/// Renders each crop of one PDF and returns the PNGs in the order asked,
/// each one `Err` when its page does not exist or the renderer failed.
pub fn render_crops(
    pdf_bytes: &[u8],
    crops: &[Crop],
    scale: f32,
) -> Vec<Result<Vec<u8>, ShowError>> {
    match load(pdf_bytes) {
        Ok(pdf) => encode_all(render_images(&pdf, crops, scale)),
        Err(e) => crops.iter().map(|_| Err(e.clone())).collect(),
    }
}

/// Each image as PNG, an image that could not be made staying an error.
fn encode_all(images: Vec<Result<crop::Image, ShowError>>) -> Vec<Result<Vec<u8>, ShowError>> {
    images
        .into_iter()
        .map(|image| png_out::encode(&image?))
        .collect()
}

/// [`render_crops`] from a file the text stage has just read, with its
/// font cache: the fonts it loaded are not loaded (and inflated) again.
pub fn render_crops_drawn(
    drawing: &Drawing<'_>,
    crops: &[Crop],
    scale: f32,
) -> Vec<Result<Vec<u8>, ShowError>> {
    let caches = FileCaches {
        device: device::FileCache::sharing(drawing.cache.clone()),
        ..FileCaches::default()
    };
    encode_all(images_with(drawing.pdf, crops, scale, caches))
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
    let pdf = load(pdf_bytes)?;
    let parts = render_images(&pdf, crops, scale)
        .into_iter()
        .collect::<Result<Vec<_>, _>>()?;
    png_out::encode(&crop::stack(&parts))
}

fn load(pdf_bytes: &[u8]) -> Result<Pdf, ShowError> {
    match catch_unwind(AssertUnwindSafe(|| Pdf::new(pdf_bytes.to_vec()))) {
        Ok(Ok(pdf)) => Ok(pdf),
        _ => Err(ShowError("not a PDF the renderer can read".into())),
    }
}

/// What the bands of one file share: our device's cache (fonts, glyph
/// outlines) and, made only when a band needs it, hayro's renderer's.
#[derive(Default)]
struct FileCaches<'a> {
    device: device::FileCache<'a>,
    hayro: OnceCell<RenderCache<'a>>,
    /// Every band by hayro's renderer (tests compare our device with it).
    hayro_only: bool,
}

/// The crops' images, in the order asked. Each page is drawn once for all
/// its crops: one band from the highest of them to the lowest, which they
/// are all cut from (a page interpreted once costs less than the pixels
/// between its crops). One font and outline cache serves the whole file.
fn render_images(pdf: &Pdf, crops: &[Crop], scale: f32) -> Vec<Result<crop::Image, ShowError>> {
    images_with(pdf, crops, scale, FileCaches::default())
}

/// [`render_images`] with the caches (and choice of drawer) given.
fn images_with<'a>(
    pdf: &'a Pdf,
    crops: &[Crop],
    scale: f32,
    mut cache: FileCaches<'a>,
) -> Vec<Result<crop::Image, ShowError>> {
    let mut out: Vec<Option<Result<crop::Image, ShowError>>> = crops.iter().map(|_| None).collect();
    let mut pages: Vec<u32> = crops.iter().map(|c| c.page).collect();
    pages.sort_unstable();
    pages.dedup();
    for page in pages {
        let on_page = crops.iter().enumerate().filter(|(_, c)| c.page == page);
        let images = page_images(pdf, &mut cache, page, on_page.clone(), scale);
        for ((i, _), image) in on_page.zip(images) {
            if let Some(slot) = out.get_mut(i) {
                *slot = Some(image);
            }
        }
    }
    out.into_iter()
        .map(|r| r.unwrap_or_else(|| Err(ShowError("not rendered".into()))))
        .collect()
}

/// The images of the crops of one page, in the order given, cut from one
/// rendering of the band that holds them all.
fn page_images<'a, 'c>(
    pdf: &'a Pdf,
    cache: &mut FileCaches<'a>,
    page: u32,
    crops: impl Iterator<Item = (usize, &'c Crop)>,
    scale: f32,
) -> Vec<Result<crop::Image, ShowError>> {
    let crops: Vec<&Crop> = crops.map(|(_, c)| c).collect();
    let (p, geometry) = match page_geometry(pdf, page, scale) {
        Ok(found) => found,
        Err(e) => return crops.iter().map(|_| Err(e.clone())).collect(),
    };
    let regions: Vec<crop::PixelRect> = crops
        .iter()
        .map(|c| crop::region_pixels(&geometry, c))
        .collect();
    let Some(band_rect) = band(&regions) else {
        return Vec::new();
    };
    let band = rasterise(p, cache, &geometry, band_rect);
    crops
        .iter()
        .zip(regions)
        .map(|(c, region)| {
            let band = band.as_ref().map_err(Clone::clone)?;
            let mut image = crop::cut(band, (band_rect.0, band_rect.1), region);
            crop::outline_boxes(&mut image, &geometry, region, c);
            Ok(image)
        })
        .collect()
}

/// The rectangle around all the regions of a page.
fn band(regions: &[crop::PixelRect]) -> Option<crop::PixelRect> {
    regions
        .iter()
        .copied()
        .reduce(|b, r| (b.0.min(r.0), b.1.min(r.1), b.2.max(r.2), b.3.max(r.3)))
}

/// A page and its size in pixels at `scale`.
fn page_geometry(
    pdf: &Pdf,
    page: u32,
    scale: f32,
) -> Result<(&hayro::hayro_syntax::page::Page<'_>, PageGeometry), ShowError> {
    let pages = pdf.pages();
    let index = usize::try_from(page.saturating_sub(1)).unwrap_or(usize::MAX);
    let Some(p) = pages.get(index).filter(|_| page >= 1) else {
        return Err(ShowError(format!(
            "page {page} does not exist (the file has {} pages)",
            pages.len()
        )));
    };
    let (page_width, page_height) = p.render_dimensions();
    // The whole page's size in pixels, as hayro's own page rendering rounds it.
    let geometry = PageGeometry {
        width: usize::from((page_width * scale) as u16),
        height: usize::from((page_height * scale) as u16),
        scale,
        page_height,
    };
    Ok((p, geometry))
}

/// Rasterises the rectangle `rect` (pixels of the whole page) of a page:
/// with our device, or again with hayro's renderer when the band holds
/// what our device does not draw (images, patterns, …).
fn rasterise<'a>(
    p: &'a hayro::hayro_syntax::page::Page<'a>,
    cache: &mut FileCaches<'a>,
    geometry: &PageGeometry,
    rect: crop::PixelRect,
) -> Result<crop::Image, ShowError> {
    let (x0, y0, x1, y1) = rect;
    let too_big = || ShowError("the region is too large to render".to_string());
    let width = u16::try_from(x1 - x0).map_err(|_| too_big())?;
    let height = u16::try_from(y1 - y0).map_err(|_| too_big())?;
    let transform = Affine::translate((-(x0 as f64), -(y0 as f64)))
        * Affine::scale(f64::from(geometry.scale))
        * p.initial_transform(true).to_kurbo();
    let drawn = catch_unwind(AssertUnwindSafe(|| {
        let mut ctx = RenderContext::new(width, height);
        if cache.hayro_only || device::draw_band(p, &mut cache.device, &mut ctx, transform).is_err()
        {
            ctx = RenderContext::new(width, height);
            let hayro = cache.hayro.get_or_init(RenderCache::new);
            render_into(
                p,
                hayro,
                &InterpreterSettings::default(),
                &CROP_RENDERING,
                &mut ctx,
                transform,
            );
        }
        pixels(&mut ctx)
    }))
    .map_err(|_| ShowError("the renderer failed on the page".to_string()))?;
    Ok(crop::Image {
        rgb: rgb_of(drawn.data_as_u8_slice()),
        width: usize::from(width),
        height: usize::from(height),
    })
}

/// The canvas's pixels over a white page.
fn pixels(ctx: &mut RenderContext) -> Pixmap {
    ctx.flush();
    let mut pixmap = Pixmap::new(ctx.width(), ctx.height());
    ctx.render_with(
        &mut pixmap,
        &mut hayro::vello_cpu::Resources::default(),
        hayro::vello_cpu::RasterizerSettings {
            target_init: hayro::vello_cpu::TargetInit::Clear(WHITE),
            ..Default::default()
        },
    );
    pixmap
}

/// RGB from the pixmap's RGBA: the background is opaque white, so
/// premultiplied RGBA is plain RGBA. A plain loop over 4-byte pixels (an
/// iterator adaptor per pixel cost a tenth of the site's crop time).
fn rgb_of(rgba: &[u8]) -> Vec<u8> {
    let mut rgb = Vec::with_capacity(rgba.len() / 4 * 3);
    for px in rgba.chunks_exact(4) {
        if let [r, g, b, _] = *px {
            rgb.extend_from_slice(&[r, g, b]);
        }
    }
    rgb
}

/// The box around several boxes, for a crop that holds them all.
pub fn union_of(boxes: &[BBox]) -> Option<BBox> {
    let first = boxes.first()?;
    Some(boxes.iter().fold(*first, |acc, b| acc.union(b)))
}
