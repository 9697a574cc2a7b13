//! Our own drawing device for the crops: it draws a page's filled and stroked
//! paths, clips, opacity groups and outline glyphs onto a `vello_cpu` canvas
//! that holds one band of the page.
//!
//! Why not hayro's renderer: a crop shows a band of a page, yet hayro's
//! renderer (its `Device` is crate-private, so it cannot be wrapped) builds,
//! fills and strokes the outline of every glyph of the page, in the band or
//! not. Here each glyph is placed first and skipped when a generous box
//! around it misses the band, before its outline is built. Measured on the
//! real budgets (docs/evidence.md, "Our own drawing device"): the crops are
//! pixel-identical and take about 8 % less CPU; vello already dropped most
//! of an off-band glyph's cost, so the bulk of a crop is the glyphs in it.
//!
//! What keeps it: it takes any `InterpreterCache`, so the readers draw a
//! report's crops with the cache the text stage filled moments before
//! (`show::render_crops_drawn`), and the fonts — whole embedded CJK fonts in
//! the real PDFs, a third of a crop — are not loaded again; hayro's renderer
//! makes its own cache and cannot be given one.
//!
//! Type 3 glyphs are interpreted onto this device (their drawings culled one
//! by one). What this device does not draw the way hayro does — images,
//! shadings and patterns, soft masks, blend modes other than normal — it
//! does not draw at all: when such content touches the band it records what
//! it met ([`Unsupported`]) and the caller renders the band again with
//! hayro's renderer, so such a page looks exactly as before. The same
//! content outside the band cannot change the band's pixels and is skipped.

use hayro::hayro_interpret::font::{Glyph, GlyphIdentifier, GlyphRun, OutlineGlyph};
use hayro::hayro_interpret::util::RectExt;
use hayro::hayro_interpret::{
    BlendMode, ClipPath, Context, Device, DrawMode, DrawProps, FillRule, Image, ImageDrawProps,
    InterpreterCache, InterpreterSettings, Paint, SoftMask, StrokeProps, interpret_page,
};
use hayro::hayro_syntax::page::Page;
use hayro::kurbo::{Affine, BezPath, Cap, Join, Rect, Shape, Stroke, Vec2};
use hayro::vello_cpu::RenderContext;
use hayro::vello_cpu::color::{AlphaColor, Srgb};
use hayro::vello_cpu::peniko::Fill;
use rustc_hash::FxHashMap;

/// Where a glyph's drawing may reach, in the space a glyph is placed in
/// (1000 units per em, origin at the glyph's origin; a Type 3 glyph's font
/// matrix maps onto the same em): one em beyond the em square on every side.
/// Glyphs are culled against this box so that no outline is built (nor
/// Type 3 glyph interpreted) for a glyph outside the band; a glyph drawn
/// further than an em from its em square would lose that part at the band's
/// edge.
const GLYPH_REACH: Rect = Rect::new(-1000.0, -1000.0, 2000.0, 2000.0);

/// The thinnest line drawn, in pixels: the PDF's "thinnest line the device
/// can render" (a zero-width or hairline rule stays visible). Text outlines
/// get a thinner minimum, or stroked small text would look bold.
const MIN_LINE_PX: f64 = 1.0;
const MIN_TEXT_LINE_PX: f64 = 0.25;

/// Content this device does not draw, met in the band: the band must be
/// rendered by hayro's renderer instead.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Unsupported {
    /// A raster or stencil image.
    Image,
    /// A fill or stroke with a shading or tiling pattern.
    Pattern,
    /// A soft mask, on a drawing or a transparency group.
    SoftMask,
    /// A blend mode other than normal.
    BlendMode,
}

/// What one file's bands share: the fonts and objects the interpreter
/// loaded (so each font is loaded once per file) and the glyph outlines
/// built so far.
#[derive(Default)]
pub(crate) struct FileCache<'a> {
    interpreter: InterpreterCache<'a>,
    outlines: FxHashMap<GlyphIdentifier, BezPath>,
}

impl<'a> FileCache<'a> {
    /// A cache that starts from (and adds to) an interpreter cache already
    /// filled, e.g. the text stage's: a clone shares its fonts and objects.
    pub(crate) fn sharing(interpreter: InterpreterCache<'a>) -> Self {
        FileCache {
            interpreter,
            outlines: FxHashMap::default(),
        }
    }
}

/// Draws `page` into `ctx` with our device, `transform` mapping the page's
/// user space onto the canvas (the band), clipped to the page's crop box as
/// hayro's renderer clips it. `Err` names the first content met in the band
/// that was not drawn: the canvas is then incomplete and must be thrown away.
pub(crate) fn draw_band<'a>(
    page: &Page<'a>,
    cache: &mut FileCache<'a>,
    ctx: &mut RenderContext,
    transform: Affine,
) -> Result<(), Unsupported> {
    let band = Rect::new(0.0, 0.0, f64::from(ctx.width()), f64::from(ctx.height()));
    let mut context = Context::new(
        transform,
        band,
        &cache.interpreter,
        page.xref(),
        InterpreterSettings::default(),
    );
    let mut device = BandDevice {
        ctx,
        band,
        outlines: &mut cache.outlines,
        groups: Vec::new(),
        in_type3_glyph: false,
        met: None,
    };
    let clipped = device.clip_to_crop_box(page, transform);
    interpret_page(page, &mut context, &mut device);
    if clipped {
        device.ctx.pop_clip();
    }
    device.met.map_or(Ok(()), Err)
}

/// How a transparency group was taken: drawn straight onto its backdrop
/// (opacity 1: the same pixels), as an opacity layer, or hidden (a soft
/// mask or blend mode this device does not draw: any drawing of it that
/// touches the band is [`Unsupported`]).
enum Group {
    Direct,
    Layer,
    Hidden(Unsupported),
}

/// The device: a canvas holding one band of a page.
struct BandDevice<'c> {
    ctx: &'c mut RenderContext,
    /// The canvas in its own pixels.
    band: Rect,
    outlines: &'c mut FxHashMap<GlyphIdentifier, BezPath>,
    groups: Vec<Group>,
    /// Drawing a Type 3 glyph's instructions.
    in_type3_glyph: bool,
    /// The first content met in the band that was not drawn.
    met: Option<Unsupported>,
}

impl BandDevice<'_> {
    /// Clips to the page's crop box when it does not cover the band.
    fn clip_to_crop_box(&mut self, page: &Page<'_>, transform: Affine) -> bool {
        let crop_box = page.intersected_crop_box().to_kurbo();
        let on_canvas = transform.transform_rect_bbox(crop_box);
        let margin = 1.0 / 256.0;
        if on_canvas.inflate(margin, margin).contains_rect(self.band) {
            return false;
        }
        self.ctx.set_transform(transform);
        self.ctx.push_clip_rect(&crop_box);
        true
    }

    fn refuse(&mut self, what: Unsupported) {
        self.met.get_or_insert(what);
    }

    /// The colour to draw with, when a drawing covering `on_canvas` (its
    /// bounding box in pixels) is to be drawn: None when it misses the band,
    /// when the band is already given up, or when it cannot be drawn here
    /// (then recorded).
    fn colour_for(&mut self, on_canvas: Rect, props: &DrawProps<'_>) -> Option<AlphaColor<Srgb>> {
        if self.met.is_some() || !on_canvas.overlaps(self.band) {
            return None;
        }
        let hidden = self.groups.iter().find_map(|g| match g {
            Group::Hidden(why) => Some(*why),
            _ => None,
        });
        let refused = if let Some(why) = hidden {
            Some(why)
        } else if props.soft_mask.is_some() {
            Some(Unsupported::SoftMask)
        } else if props.blend_mode != BlendMode::Normal {
            Some(Unsupported::BlendMode)
        } else {
            None
        };
        if let Some(why) = refused {
            self.refuse(why);
            return None;
        }
        match &props.paint {
            Paint::Color(c) => {
                let [r, g, b, a] = c.to_rgba().to_rgba8();
                Some(AlphaColor::from_rgba8(r, g, b, a))
            }
            Paint::Pattern(_) => {
                self.refuse(Unsupported::Pattern);
                None
            }
        }
    }

    fn fill(&mut self, path: &BezPath, props: &DrawProps<'_>, rule: FillRule) {
        let on_canvas = props.transform.transform_rect_bbox(path.control_box());
        if let Some(colour) = self.colour_for(on_canvas, props) {
            self.ctx.set_fill_rule(fill_rule(rule));
            self.ctx.set_transform(props.transform);
            self.ctx.set_paint(colour);
            self.ctx.fill_path(path);
        }
    }

    /// Strokes `path` (user space) with `props.transform`, no thinner than
    /// [`MIN_LINE_PX`] but in a Type 3 glyph (whose drawing is its shape).
    fn stroke(&mut self, path: &BezPath, props: &DrawProps<'_>, line: &StrokeProps) {
        let min_px = if self.in_type3_glyph {
            0.0
        } else {
            MIN_LINE_PX
        };
        let stroke = stroke_of(line, props.transform, min_px);
        let reach = stroke.width / 2.0 * stroke.miter_limit.max(std::f64::consts::SQRT_2);
        let on_canvas = props
            .transform
            .transform_rect_bbox(path.control_box().inflate(reach, reach));
        if let Some(colour) = self.colour_for(on_canvas, props) {
            self.ctx.set_stroke(stroke);
            self.ctx.set_transform(props.transform);
            self.ctx.set_paint(colour);
            self.ctx.stroke_path(path);
        }
    }

    /// Whether a glyph placed by `at` (glyph space to canvas) may reach the band.
    fn reaches_band(&self, at: Affine) -> bool {
        at.transform_rect_bbox(GLYPH_REACH).overlaps(self.band)
    }

    /// Fills (or strokes, with `line`) the glyphs of a run that may reach the
    /// band. Outline glyphs are filled with their outline; a Type 3 glyph is
    /// interpreted onto this device (its drawings are culled one by one).
    fn draw_glyphs<'a>(
        &mut self,
        run: &GlyphRun<'_, 'a>,
        props: &DrawProps<'a>,
        line: Option<&StrokeProps>,
    ) {
        for glyph in run.glyphs() {
            let place = glyph.transform();
            if self.met.is_some() {
                return;
            }
            if !self.reaches_band(props.transform * place) {
                continue;
            }
            match (&**glyph, line) {
                (Glyph::Outline(outline), None) => self.fill_glyph(outline, props, place),
                (Glyph::Outline(outline), Some(line)) => {
                    self.stroke_glyph(outline, props, place, line);
                }
                (Glyph::Type3(drawn), _) => {
                    self.in_type3_glyph = true;
                    drawn.interpret(self, props.transform, place, &props.paint);
                    self.in_type3_glyph = false;
                }
            }
        }
    }

    fn fill_glyph(&mut self, glyph: &OutlineGlyph, props: &DrawProps<'_>, place: Affine) {
        let Some(colour) = self.colour_for(self.band, props) else {
            return;
        };
        let path = self
            .outlines
            .entry(glyph.identifier())
            .or_insert_with(|| glyph.outline());
        self.ctx.set_fill_rule(Fill::NonZero);
        self.ctx.set_paint(colour);
        self.ctx.set_transform(props.transform * place);
        self.ctx.fill_path(path);
    }

    fn stroke_glyph(
        &mut self,
        glyph: &OutlineGlyph,
        props: &DrawProps<'_>,
        place: Affine,
        line: &StrokeProps,
    ) {
        let Some(colour) = self.colour_for(self.band, props) else {
            return;
        };
        let path = self
            .outlines
            .entry(glyph.identifier())
            .or_insert_with(|| glyph.outline());
        // Stroked in user space, whose line width it is.
        let path = place * path.clone();
        self.ctx
            .set_stroke(stroke_of(line, props.transform, MIN_TEXT_LINE_PX));
        self.ctx.set_paint(colour);
        self.ctx.set_transform(props.transform);
        self.ctx.stroke_path(&path);
    }
}

impl<'a> Device<'a> for BandDevice<'_> {
    fn draw_path(&mut self, path: &BezPath, props: DrawProps<'a>, draw_mode: &DrawMode) {
        match draw_mode {
            DrawMode::Fill(rule) => self.fill(path, &props, *rule),
            DrawMode::Stroke(line) => self.stroke(path, &props, line),
            DrawMode::FillAndStroke(rule, line) => {
                self.fill(path, &props, *rule);
                self.stroke(path, &props, line);
            }
            DrawMode::Invisible => {}
        }
    }

    fn draw_rect(&mut self, rect: &Rect, props: DrawProps<'a>, draw_mode: &DrawMode) {
        let DrawMode::Fill(_) = draw_mode else {
            return self.draw_path(&rect.to_path(0.1), props, draw_mode);
        };
        // A rectangle fills the same under either rule; vello has a fast path.
        let on_canvas = props.transform.transform_rect_bbox(*rect);
        if let Some(colour) = self.colour_for(on_canvas, &props) {
            self.ctx.set_fill_rule(Fill::NonZero);
            self.ctx.set_transform(props.transform);
            self.ctx.set_paint(colour);
            self.ctx.fill_rect(rect);
        }
    }

    fn push_clip_path(&mut self, clip_path: &ClipPath) {
        // Clip paths come in canvas pixels.
        self.ctx.set_fill_rule(fill_rule(clip_path.fill));
        self.ctx.set_transform(Affine::IDENTITY);
        self.ctx.push_clip_path(&clip_path.path);
    }

    fn push_clip_rect(&mut self, rect: &Rect) {
        self.ctx.set_fill_rule(Fill::NonZero);
        self.ctx.set_transform(Affine::IDENTITY);
        self.ctx.push_clip_rect(rect);
    }

    fn pop_clip(&mut self) {
        self.ctx.pop_clip();
    }

    fn push_transparency_group(
        &mut self,
        opacity: f32,
        mask: Option<SoftMask<'a>>,
        blend_mode: BlendMode,
    ) {
        let group = if mask.is_some() {
            Group::Hidden(Unsupported::SoftMask)
        } else if blend_mode != BlendMode::Normal {
            Group::Hidden(Unsupported::BlendMode)
        } else if opacity < 1.0 {
            self.ctx.push_layer(None, None, Some(opacity), None, None);
            Group::Layer
        } else {
            Group::Direct
        };
        self.groups.push(group);
    }

    fn pop_transparency_group(&mut self) {
        if let Some(Group::Layer) = self.groups.pop() {
            self.ctx.pop_layer();
        }
    }

    fn draw_glyph_run(
        &mut self,
        glyph_run: &GlyphRun<'_, 'a>,
        props: DrawProps<'a>,
        draw_mode: &DrawMode,
    ) {
        match draw_mode {
            DrawMode::Fill(_) => self.draw_glyphs(glyph_run, &props, None),
            DrawMode::Stroke(line) => self.draw_glyphs(glyph_run, &props, Some(line)),
            DrawMode::FillAndStroke(_, line) => {
                self.draw_glyphs(glyph_run, &props, None);
                self.draw_glyphs(glyph_run, &props, Some(line));
            }
            DrawMode::Invisible => {}
        }
    }

    fn draw_image(&mut self, image: Image<'a, '_>, props: ImageDrawProps<'a>) {
        let extent = Rect::new(
            0.0,
            0.0,
            f64::from(image.width()),
            f64::from(image.height()),
        );
        if props
            .transform
            .transform_rect_bbox(extent)
            .overlaps(self.band)
        {
            self.refuse(Unsupported::Image);
        }
    }
}

fn fill_rule(rule: FillRule) -> Fill {
    match rule {
        FillRule::NonZero => Fill::NonZero,
        FillRule::EvenOdd => Fill::EvenOdd,
    }
}

/// The stroke for a PDF line, no thinner than `min_px` pixels once drawn
/// with `transform`. At a pixel or less, round caps and joins are drawn as
/// square caps and bevel joins: the same pixels, far fewer curve segments.
fn stroke_of(line: &StrokeProps, transform: Affine, min_px: f64) -> Stroke {
    let scale = largest_scale(transform);
    let mut width = f64::from(line.line_width).max(0.0);
    if scale > 0.0 && width * scale < min_px {
        width = min_px / scale;
    }
    let thin = width * scale <= 1.0;
    let cap = match line.line_cap {
        Cap::Round if thin => Cap::Square,
        cap => cap,
    };
    let join = match line.line_join {
        Join::Round if thin => Join::Bevel,
        join => join,
    };
    let dashes: Vec<f64> = line.dash_array.iter().map(|d| f64::from(*d)).collect();
    // A dash pattern that draws nothing or never advances is no pattern (solid).
    let dashed =
        dashes.iter().all(|d| d.is_finite() && *d >= 0.0) && dashes.iter().sum::<f64>() > 0.0;
    Stroke {
        width,
        join,
        miter_limit: f64::from(line.miter_limit),
        start_cap: cap,
        end_cap: cap,
        dash_pattern: if dashed {
            dashes.into_iter().collect()
        } else {
            Default::default()
        },
        dash_offset: f64::from(line.dash_offset),
    }
}

/// How long a unit step in user space is on the canvas, at most.
fn largest_scale(transform: Affine) -> f64 {
    let [a, b, c, d, _, _] = transform.as_coeffs();
    Vec2::new(a, b).hypot().max(Vec2::new(c, d).hypot())
}
