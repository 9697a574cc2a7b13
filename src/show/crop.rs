//! Which part of a page a crop shows, and cutting it out of the rendered page
//! with its boxes outlined.

use super::PageGeometry;
use crate::provenance::BBox;

/// Points above and below the boxes a strip crop shows (about three table rows).
const STRIP_MARGIN: f32 = 40.0;
/// Points of context around the boxes of an [`Region::Around`] crop: above
/// and below, a table row or a line of text on each side; left and right,
/// about three characters. A crop's cost is the glyphs and pixels in it, so
/// the site's crops show the evidence and its neighbours, not the page's
/// width (on the real PDFs a full-width strip ±40 pt cost twice as much).
const AROUND_MARGIN_Y: f32 = 20.0;
const AROUND_MARGIN_X: f32 = 36.0;
/// Outline colour: a red that stands out on black text and grey rules.
const OUTLINE: [u8; 3] = [220, 30, 30];
/// Outline thickness in pixels, and its distance outside the box.
const OUTLINE_PX: i64 = 2;
const OUTLINE_GAP_PX: i64 = 2;

/// What part of the page to show.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Region {
    /// The whole page.
    Page,
    /// A full-width strip around the boxes, so a number is seen with its row's label.
    Strip,
    /// The boxes with a margin of context: a number with its row's label
    /// when the label's box is among the boxes, a sentence with the lines
    /// next to it.
    Around,
    /// An explicit area (PDF points, page space).
    Area(BBox),
}

/// A crop to render: a page, the region shown and the boxes outlined.
#[derive(Debug, Clone, PartialEq)]
pub struct Crop {
    /// 1-based page number.
    pub page: u32,
    /// What part of the page.
    pub region: Region,
    /// Boxes to outline (PDF points, page space).
    pub boxes: Vec<BBox>,
}

/// Pixels of a cut-out: opaque RGB, row after row.
pub(crate) struct Image {
    pub(crate) rgb: Vec<u8>,
    pub(crate) width: usize,
    pub(crate) height: usize,
}

/// A rectangle in pixels of the rendered page: left, top, right, bottom (exclusive).
pub(crate) type PixelRect = (i64, i64, i64, i64);

fn to_pixels(page: &PageGeometry, b: &BBox) -> PixelRect {
    let s = page.scale;
    let px = |v: f32| (v * s).round() as i64;
    (
        px(b.x0),
        px(page.page_height - b.y1),
        px(b.x1),
        px(page.page_height - b.y0),
    )
}

/// The crop's region in pixels of the whole rendered page, within the page.
pub(crate) fn region_pixels(page: &PageGeometry, crop: &Crop) -> PixelRect {
    let (w, h) = (page.width as i64, page.height as i64);
    let rect = match (crop.region, super::union_of(&crop.boxes)) {
        (Region::Area(area), _) => to_pixels(page, &area),
        (Region::Strip, Some(u)) => {
            let strip = BBox {
                x0: 0.0,
                y0: u.y0 - STRIP_MARGIN,
                x1: page.width as f32 / page.scale,
                y1: u.y1 + STRIP_MARGIN,
            };
            to_pixels(page, &strip)
        }
        (Region::Around, Some(u)) => {
            let around = BBox {
                x0: u.x0 - AROUND_MARGIN_X,
                y0: u.y0 - AROUND_MARGIN_Y,
                x1: u.x1 + AROUND_MARGIN_X,
                y1: u.y1 + AROUND_MARGIN_Y,
            };
            to_pixels(page, &around)
        }
        _ => (0, 0, w, h),
    };
    let (x0, y0, x1, y1) = (
        rect.0.clamp(0, w),
        rect.1.clamp(0, h),
        rect.2.clamp(0, w),
        rect.3.clamp(0, h),
    );
    if x1 > x0 && y1 > y0 {
        (x0, y0, x1, y1)
    } else {
        (0, 0, w, h)
    }
}

/// Cuts `region` (pixels of the whole page) out of `band`, an image of part
/// of the page whose top-left corner is at `origin`; what lies outside the
/// band is white.
pub(crate) fn cut(band: &Image, origin: (i64, i64), region: PixelRect) -> Image {
    let (x0, y0, x1, y1) = region;
    let (width, height) = ((x1 - x0).max(0) as usize, (y1 - y0).max(0) as usize);
    let mut rgb = Vec::with_capacity(width * height * 3);
    for y in y0..y1 {
        let (bx, by) = (x0 - origin.0, y - origin.1);
        let row = usize::try_from(by)
            .ok()
            .zip(usize::try_from(bx).ok())
            .and_then(|(by, bx)| {
                let start = (by * band.width + bx) * 3;
                band.rgb.get(start..start + width * 3)
            })
            .unwrap_or(&[]);
        rgb.extend_from_slice(row);
        rgb.resize((y - y0 + 1) as usize * width * 3, 255);
    }
    Image { rgb, width, height }
}

/// Outlines the crop's boxes in an image of its region (`region` as
/// [`region_pixels`] gave it: the image's top-left corner is its origin).
pub(crate) fn outline_boxes(
    image: &mut Image,
    page: &PageGeometry,
    region: PixelRect,
    crop: &Crop,
) {
    let (x0, y0, _, _) = region;
    for b in &crop.boxes {
        let (bx0, by0, bx1, by1) = to_pixels(page, b);
        outline(image, (bx0 - x0, by0 - y0, bx1 - x0, by1 - y0));
    }
}

/// Draws a rectangle's outline just outside it, clipped to the image.
fn outline(image: &mut Image, (x0, y0, x1, y1): PixelRect) {
    let (x0, y0) = (
        x0 - OUTLINE_GAP_PX - OUTLINE_PX,
        y0 - OUTLINE_GAP_PX - OUTLINE_PX,
    );
    let (x1, y1) = (
        x1 + OUTLINE_GAP_PX + OUTLINE_PX,
        y1 + OUTLINE_GAP_PX + OUTLINE_PX,
    );
    for y in y0..y1 {
        for x in x0..x1 {
            let edge = x < x0 + OUTLINE_PX
                || x >= x1 - OUTLINE_PX
                || y < y0 + OUTLINE_PX
                || y >= y1 - OUTLINE_PX;
            if edge {
                paint(image, x, y);
            }
        }
    }
}

fn paint(image: &mut Image, x: i64, y: i64) {
    if x < 0 || y < 0 || x as usize >= image.width || y as usize >= image.height {
        return;
    }
    let at = (y as usize * image.width + x as usize) * 3;
    if let Some(px) = image.rgb.get_mut(at..at + 3) {
        px.copy_from_slice(&OUTLINE);
    }
}

/// Images one above the other, separated by a grey band, padded to the widest.
pub(crate) fn stack(parts: &[Image]) -> Image {
    const GAP: usize = 8;
    let width = parts.iter().map(|p| p.width).max().unwrap_or(1).max(1);
    let mut rgb = Vec::new();
    let mut height = 0;
    for (i, part) in parts.iter().enumerate() {
        if i > 0 {
            rgb.resize(rgb.len() + GAP * width * 3, 160);
            height += GAP;
        }
        for row in part.rgb.chunks(part.width.max(1) * 3) {
            rgb.extend_from_slice(row);
            rgb.resize(rgb.len() + (width - part.width) * 3, 255);
        }
        height += part.height;
    }
    Image { rgb, width, height }
}
