//! A hayro [`Device`] that records glyphs, ruling segments and whether
//! images were painted, instead of rendering pixels.
//!
//! The interpreter already applies the CTM, the text matrix, Form XObject
//! `/Matrix` and the page's initial transform (crop box, y flip, `/Rotate`),
//! so every position recorded here is final top-origin page space.

use super::clip::ClipStack;
use super::cover::{CoverIndex, opaque_fill};
use super::decode::{Decoder, strip_subset};
use super::hidden::{HIDDEN_SHARE, HiddenGlyph, Hiding, share_outside};
use super::normalise::normalise_owned;
use super::page::{Glyph, GlyphText, Rule};
use super::rules::path_rules;
use hayro_interpret::font::{Glyph as HayroGlyph, GlyphRun, OutlineFontData};
use hayro_interpret::kurbo::{Affine, BezPath, Point, Rect};
use hayro_interpret::{
    BlendMode, ClipPath, Device, DrawMode, DrawProps, Image, ImageDrawProps, Paint, SoftMask,
};
use rustc_hash::FxHashSet;
use std::panic::resume_unwind;
use std::sync::Arc;
use std::time::Instant;

/// The text recorded for a glyph no decoder could read.
pub(crate) const UNDECODABLE: &str = "\u{FFFD}";

/// Ascent and descent used for glyph boxes, as fractions of the em; fonts'
/// own metrics vary little for the CJK faces these reports use.
const ASCENT: f64 = 0.88;
const DESCENT: f64 = 0.12;

/// Why interpretation of a page was cut short.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Stop {
    /// More glyphs than the per-page limit.
    Glyphs,
    /// More ruling segments than the per-page limit.
    Rules,
    /// More drawing operations than the per-page limit.
    Operations,
    /// The file's time limit passed.
    Deadline,
}

/// The per-page bounds a [`Collector`] enforces while hayro draws.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Budget {
    pub(crate) max_glyphs: usize,
    pub(crate) max_rules: usize,
    pub(crate) max_operations: usize,
    pub(crate) deadline: Option<Instant>,
}

/// Collects one page's content.
pub(crate) struct Collector<'d> {
    pub(crate) glyphs: Vec<Glyph>,
    pub(crate) rules: Vec<Rule>,
    pub(crate) has_images: bool,
    /// Inked glyphs drawn out of sight, wholly or partly (see `hidden.rs`):
    /// kept apart from `glyphs`, whose reading they do not change.
    pub(crate) hidden: Vec<HiddenGlyph>,
    /// Set when a per-page bound was hit; interpretation was abandoned.
    pub(crate) stopped: Option<Stop>,
    decoder: &'d mut Decoder,
    /// The displayed page size; glyphs whose box centre lies outside it are
    /// not visible (WPS 表格 draws a cell's overflowing text above the page).
    page_size: (f64, f64),
    /// The clips in force: glyphs drawn outside them are not visible.
    clips: ClipStack,
    /// Glyphs of the current run a wide clip cut off (see [`WIDE_CLIP`]).
    run_clipped: Vec<Glyph>,
    /// The glyphs shown so far, for fills drawn over them.
    covers: CoverIndex,
    /// Glyphs (indices into `glyphs`) no fill can hide: uninked, or already
    /// noted hidden (cut by a clip or the page edge).
    not_coverable: FxHashSet<usize>,
    /// Glyphs (indices into `glyphs`) whose box centre a later opaque fill
    /// covers: not seen, so not read, like a glyph clipped away.
    painted_over: FxHashSet<usize>,
    /// Per open transparency group: opaque and normally blended (a fill
    /// inside any other kind of group hides nothing for certain).
    plain_groups: Vec<bool>,
    budget: Budget,
    operations: usize,
    /// The font names of the page's glyph runs so far, shared by its glyphs.
    font_names: Vec<Arc<str>>,
}

impl<'d> Collector<'d> {
    pub(crate) fn new(decoder: &'d mut Decoder, page_size: (f32, f32), budget: Budget) -> Self {
        Collector {
            glyphs: Vec::new(),
            rules: Vec::new(),
            has_images: false,
            hidden: Vec::new(),
            stopped: None,
            decoder,
            page_size: (f64::from(page_size.0), f64::from(page_size.1)),
            clips: ClipStack::default(),
            run_clipped: Vec::new(),
            covers: CoverIndex::default(),
            not_coverable: FxHashSet::default(),
            painted_over: FxHashSet::default(),
            plain_groups: Vec::new(),
            budget,
            operations: 0,
            font_names: Vec::new(),
        }
    }

    /// Abandons the page: hayro has no way to stop from a device, so this
    /// unwinds out of the interpreter with [`resume_unwind`], which skips
    /// the panic hook (nothing is printed) and is caught by `read_pages`'s
    /// `catch_unwind`, which reads [`Collector::stopped`].
    fn stop(&mut self, why: Stop) -> ! {
        self.stopped = Some(why);
        resume_unwind(Box::new(why))
    }

    /// Counts one drawing operation (glyph, path, clip, image, group) and
    /// checks the operation budget and, every 1,024 operations, the clock.
    fn tick(&mut self) {
        self.operations += 1;
        if self.operations > self.budget.max_operations {
            self.stop(Stop::Operations);
        }
        if self.operations.is_multiple_of(1024)
            && self.budget.deadline.is_some_and(|d| Instant::now() >= d)
        {
            self.stop(Stop::Deadline);
        }
    }

    /// Records one glyph: read when it shows, noted as hidden when `inked`
    /// (painted in a visible colour) and out of sight.
    fn glyph(&mut self, glyph: &HayroGlyph<'_>, m: Affine, font: &RunFont, inked: bool) {
        let advance = match glyph {
            HayroGlyph::Outline(o) => o.advance_width().unwrap_or(0.0) as f64,
            HayroGlyph::Type3(t) => t.advance_width().unwrap_or(0.0) as f64,
        };
        let text = match self.decoder.text(glyph, font.data.as_ref()) {
            Some(raw) => {
                let text = normalise_owned(raw);
                if text.trim().is_empty() {
                    // Spaces carry no ink; layout works from gaps.
                    return;
                }
                text
            }
            None => GlyphText::const_new(UNDECODABLE),
        };
        // Glyph space is 1000 units per em.
        let origin = m * Point::ZERO;
        let em = m * Point::new(0.0, 1000.0) - origin;
        let size = em.hypot();
        if !size.is_finite() || size <= 0.0 || !origin.x.is_finite() || !origin.y.is_finite() {
            return;
        }
        let advance = if advance > 0.0 { advance } else { 500.0 };
        let corners = [
            m * Point::new(0.0, -DESCENT * 1000.0),
            m * Point::new(advance, -DESCENT * 1000.0),
            m * Point::new(0.0, ASCENT * 1000.0),
            m * Point::new(advance, ASCENT * 1000.0),
        ];
        let (mut x0, mut x1, mut top, mut bottom) = (f64::MAX, f64::MIN, f64::MAX, f64::MIN);
        for c in corners {
            x0 = x0.min(c.x);
            x1 = x1.max(c.x);
            top = top.min(c.y);
            bottom = bottom.max(c.y);
        }
        let (width, height) = self.page_size;
        let (cx, cy) = ((x0 + x1) / 2.0, (top + bottom) / 2.0);
        let record = Glyph {
            text,
            code: glyph.char_code(),
            font: font.name.clone(),
            size: size as f32,
            advance: (m * Point::new(advance, 0.0) - origin).hypot() as f32,
            x0: x0 as f32,
            x1: x1 as f32,
            y: origin.y as f32,
            top: top as f32,
            bottom: bottom as f32,
        };
        let out_of_sight = inked && self.note_if_hidden(&record, Rect::new(x0, top, x1, bottom));
        if cy < 0.0 || cy > height {
            return;
        }
        // Off the paper's sides or cut off by a wide clip: kept aside, read
        // only where the rest of its run shows (`keep_cut_off_ends`).
        let beside = cx < 0.0 || cx > width;
        let shows = !beside && self.clips.shows(Point::new(cx, cy));
        let wide = beside || self.clips.width().is_none_or(|w| w >= WIDE_CLIP * width);
        if !shows && !wide {
            return;
        }
        if self.glyphs.len() + self.run_clipped.len() >= self.budget.max_glyphs {
            self.stop(Stop::Glyphs);
        }
        if !shows {
            self.run_clipped.push(record);
            return;
        }
        if !inked || out_of_sight {
            self.not_coverable.insert(self.glyphs.len());
        }
        self.glyphs.push(record);
    }

    /// Notes `glyph` (box `bbox`) as hidden when at least [`HIDDEN_SHARE`]
    /// of its box lies outside the page or the clip in force; true if so.
    fn note_if_hidden(&mut self, glyph: &Glyph, bbox: Rect) -> bool {
        let (width, height) = self.page_size;
        let page = Rect::new(0.0, 0.0, width, height);
        let visible = self.clips.region().map_or(page, |c| c.intersect(page));
        let share = share_outside(bbox, visible);
        if share < HIDDEN_SHARE {
            return false;
        }
        let hiding = if share_outside(bbox, page) >= HIDDEN_SHARE {
            Hiding::OffPage
        } else {
            Hiding::Clipped
        };
        if self.hidden.len() < self.budget.max_glyphs {
            self.hidden.push(HiddenGlyph {
                glyph: glyph.clone(),
                hiding,
                share,
            });
        }
        true
    }
}

/// How wide, as a share of the page, a clip must be for text it cuts off
/// to be read: a print area or a banner cell clipping an overflowing title
/// (`公开04表 …决算总表` shown as `开04表 …决算总`), not a table cell
/// clipping its wrapped text. A title wider than the paper runs off its
/// sides the same way.
const WIDE_CLIP: f64 = 0.5;

impl Collector<'_> {
    /// Notes the glyphs shown so far that an opaque fill now paints over.
    fn hide_covered(&mut self, path: &BezPath, props: &DrawProps<'_>, mode: &DrawMode) {
        let (width, height) = self.page_size;
        let page = Rect::new(0.0, 0.0, width, height);
        let plain = self.plain_groups.iter().all(|p| *p);
        let Some(fill) = opaque_fill(path, props, mode, &self.clips, plain, page) else {
            return;
        };
        for (i, share) in self.covers.cover(fill, &self.glyphs, &self.not_coverable) {
            let Some(g) = self.glyphs.get(i) else {
                continue;
            };
            let centre = Point::new(
                (f64::from(g.x0) + f64::from(g.x1)) / 2.0,
                (f64::from(g.top) + f64::from(g.bottom)) / 2.0,
            );
            if fill.contains(centre) {
                self.painted_over.insert(i);
            }
            if self.hidden.len() < self.budget.max_glyphs {
                self.hidden.push(HiddenGlyph {
                    glyph: g.clone(),
                    hiding: Hiding::Covered,
                    share,
                });
            }
        }
    }

    /// The glyphs that show, in drawing order: those painted over are left
    /// out (see `painted_over`).
    pub(crate) fn shown_glyphs(&mut self) -> Vec<Glyph> {
        let glyphs = std::mem::take(&mut self.glyphs);
        if self.painted_over.is_empty() {
            return glyphs;
        }
        glyphs
            .into_iter()
            .enumerate()
            .filter(|(i, _)| !self.painted_over.contains(i))
            .map(|(_, g)| g)
            .collect()
    }

    /// Keeps the glyphs of the run just drawn (from `first` on) that a wide
    /// clip cut off where the run shows on the same baseline: the run's
    /// text goes on under the clip's edge. A run wholly cut off stays unread.
    fn keep_cut_off_ends(&mut self, first: usize) {
        let cut = std::mem::take(&mut self.run_clipped);
        let shown = self.glyphs.get(first..).unwrap_or_default();
        let kept: Vec<Glyph> = cut
            .into_iter()
            .filter(|g| {
                shown
                    .iter()
                    .any(|s| (s.y - g.y).abs() <= 0.1 * s.size.max(g.size))
            })
            .collect();
        let from = self.glyphs.len();
        self.not_coverable.extend(from..from + kept.len());
        self.glyphs.extend(kept);
    }
}

/// The font of one glyph run (a run is one text-showing operator, drawn in
/// one font), read once per run: asking each glyph for its font data
/// re-reads the font program's tables, which cost as much as the rest of
/// the glyph's handling together.
pub(crate) struct RunFont {
    /// The PostScript name without subset prefix ("" when unknown).
    name: Arc<str>,
    /// The font program and its metadata, for the decoder's fallbacks.
    data: Option<OutlineFontData>,
}

impl RunFont {
    /// The run's font; its name is shared with the earlier runs in `names`
    /// (the page's font names so far) rather than allocated per run: a page
    /// draws a hundred runs or more in a handful of fonts.
    fn of(run: &GlyphRun<'_, '_>, names: &mut Vec<Arc<str>>) -> RunFont {
        let data = run.glyphs().iter().find_map(|g| match &**g {
            HayroGlyph::Outline(o) => o.font_data(),
            HayroGlyph::Type3(_) => None,
        });
        let name = data
            .as_ref()
            .and_then(|d| d.postscript_name.as_deref())
            .map(strip_subset)
            .unwrap_or_default();
        let name = match names.iter().find(|known| ***known == *name) {
            Some(known) => Arc::clone(known),
            None => {
                let new: Arc<str> = Arc::from(name);
                names.push(Arc::clone(&new));
                new
            }
        };
        RunFont { name, data }
    }
}

/// True for paint that cannot be seen on white paper (white or transparent);
/// such fills are backgrounds or erasers, never borders.
fn is_invisible_paint(paint: &Paint<'_>) -> bool {
    match paint {
        Paint::Color(c) => {
            let [r, g, b, a] = c.to_rgba().components();
            a <= 0.05 || (r >= 0.95 && g >= 0.95 && b >= 0.95)
        }
        Paint::Pattern(_) => false,
    }
}

impl<'a> Device<'a> for Collector<'_> {
    fn draw_path(&mut self, path: &BezPath, props: DrawProps<'a>, draw_mode: &DrawMode) {
        self.tick();
        self.hide_covered(path, &props, draw_mode);
        if is_invisible_paint(&props.paint) {
            return;
        }
        let (stroked, filled) = match draw_mode {
            DrawMode::Fill(_) => (false, true),
            DrawMode::Stroke(_) => (true, false),
            DrawMode::FillAndStroke(_, _) => (true, true),
            DrawMode::Invisible => return,
        };
        path_rules(path, props.transform, stroked, filled, &mut self.rules);
        if self.rules.len() > self.budget.max_rules {
            self.stop(Stop::Rules);
        }
    }

    // Every Form XObject pushes its bounding box as a clip, so counting clips
    // counts Form entries: a fan-out of forms that draw nothing still ends.
    fn push_clip_path(&mut self, clip_path: &ClipPath) {
        self.tick();
        self.clips.push(&clip_path.path);
    }

    fn push_transparency_group(
        &mut self,
        opacity: f32,
        mask: Option<SoftMask<'a>>,
        blend_mode: BlendMode,
    ) {
        self.tick();
        self.plain_groups
            .push(opacity >= 0.95 && mask.is_none() && blend_mode == BlendMode::Normal);
    }

    fn draw_glyph_run(&mut self, run: &GlyphRun<'_, 'a>, props: DrawProps<'a>, mode: &DrawMode) {
        // Tr 3 (invisible) and Tr 7 (clip only) arrive as `Invisible`: OCR
        // layers and hidden text are not part of the printed report.
        self.tick();
        if matches!(mode, DrawMode::Invisible) {
            return;
        }
        // Fill-and-stroke text arrives twice (fill, then stroke); the
        // fake-bold pass removes the second copy.
        let font = RunFont::of(run, &mut self.font_names);
        let inked = !is_invisible_paint(&props.paint);
        let first = self.glyphs.len();
        self.run_clipped.clear();
        for g in run.glyphs() {
            self.tick();
            self.glyph(g, props.transform * g.transform(), &font, inked);
        }
        self.keep_cut_off_ends(first);
    }

    fn draw_image(&mut self, _image: Image<'a, '_>, _props: ImageDrawProps<'a>) {
        self.tick();
        self.has_images = true;
    }

    fn pop_clip(&mut self) {
        self.clips.pop();
    }

    fn pop_transparency_group(&mut self) {
        self.plain_groups.pop();
    }
}
