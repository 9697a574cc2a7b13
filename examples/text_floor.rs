//! What a text-only content interpreter of our own would cost, beside
//! hayro-interpret: a measurement for a design decision, not a stage of
//! the pipeline.
//!
//! The PDF stage hands every page to hayro-interpret, a full interpreter
//! (fonts loaded from their programs, paints, clips, groups) of which the
//! text stage uses the glyphs' text and positions, the ruling paths, fills
//! and clips. Measured alone (`floor --interpret`), hayro costs 42–45 % of
//! a one-job run. This program reads every page with a minimal text
//! interpreter on hayro-syntax (the text state, `cm`/`q`/`Q`, Form
//! XObjects, `ToUnicode` maps and widths; nothing drawn, no font program
//! read), times it beside hayro-interpret driving a device that only
//! collects each glyph's text and origin, and compares the two glyph by
//! glyph, so that the speed it shows is the speed of a reading that agrees.
//!
//! What it leaves out, and a real stage would need: fonts without
//! `ToUnicode` (simple encodings, predefined CMaps, the program's own
//! `cmap`), Type3 fonts, vertical writing, paths, clips and fills. Pages
//! that use them are counted as disagreeing, not left out.
//!
//! Usage: `text_floor [--runs N] [--differences] FILE_OR_DIR...`
//! (directories are searched for `*.pdf`); `--differences` prints, for
//! each page where the two disagree, the first glyph that differs.

use hayro_interpret::font::GlyphRun;
use hayro_interpret::hayro_cmap::{BfString, CMap, CMapName, load_embedded};
use hayro_interpret::kurbo::{Affine, BezPath, Point, Rect};
use hayro_interpret::{
    BlendMode, ClipPath, Context, Device, DrawMode, DrawProps, Image, ImageDrawProps,
    InterpreterCache, InterpreterSettings, RenderContent, SoftMask, interpret_page,
};
use hayro_syntax::Pdf;
use hayro_syntax::content::TypedIter;
use hayro_syntax::content::ops::TypedInstruction as Op;
use hayro_syntax::object::{Array, Dict, Name, Number, Object, Stream};
use hayro_syntax::page::Resources;
use rustc_hash::FxHashMap;
use std::time::Instant;

#[path = "support/pdf_args.rs"]
mod pdf_args;
use pdf_args::{PdfArgs, fastest_and_median};

/// A glyph as both readers report it: its text ("" when undecodable) and
/// its origin in page space (top-left origin, as hayro's initial transform
/// makes it).
#[derive(Debug, Clone, PartialEq)]
struct Seen {
    text: String,
    x: f64,
    y: f64,
}

/// A 2-D affine matrix `[a b c d e f]` as PDF writes it.
type M = [f64; 6];

const IDENTITY: M = [1.0, 0.0, 0.0, 1.0, 0.0, 0.0];

/// `m` then `n`: PDF's `m × n` (row vectors).
fn mul(m: &M, n: &M) -> M {
    [
        m[0] * n[0] + m[1] * n[2],
        m[0] * n[1] + m[1] * n[3],
        m[2] * n[0] + m[3] * n[2],
        m[2] * n[1] + m[3] * n[3],
        m[4] * n[0] + m[5] * n[2] + n[4],
        m[4] * n[1] + m[5] * n[3] + n[5],
    ]
}

fn six(n: [&Number; 6]) -> M {
    n.map(Number::as_f64)
}

/// What a text interpreter needs of a font: how its strings split into
/// codes, each code's width and text.
struct Font {
    two_bytes: bool,
    /// A Type0 font whose `/Encoding` is a `Uni…-UCS2-…`/`-UTF16-` CMap:
    /// its codes are Unicode.
    unicode_codes: bool,
    /// A named (predefined) encoding CMap other than Identity: code → CID,
    /// for the widths, which `/W` gives by CID.
    encoding: Option<CMap>,
    to_unicode: Option<CMap>,
    widths: FxHashMap<u32, f64>,
    default_width: f64,
    /// Code → text, filled as codes are met (the `ToUnicode` lookup is the
    /// costly part of decoding).
    decoded: FxHashMap<u32, String>,
}

impl Font {
    fn of(dict: &Dict<'_>) -> Font {
        let subtype = dict.get::<Name<'_>>("Subtype");
        let two_bytes = subtype.as_deref() == Some(b"Type0".as_slice());
        let to_unicode = dict
            .get::<Stream<'_>>("ToUnicode")
            .and_then(|s| s.decoded().ok())
            .and_then(|data| CMap::parse(&data, |_| None));
        let encoding = dict.get::<Name<'_>>("Encoding");
        let unicode_codes = two_bytes
            && encoding.as_deref().is_some_and(|e| {
                e.starts_with(b"Uni") && (e.windows(4).any(|w| w == b"UCS2" || w == b"TF16"))
            });
        let encoding_map = encoding
            .as_deref()
            .filter(|e| two_bytes && !e.starts_with(b"Identity"))
            .and_then(|e| load_embedded(CMapName::from_bytes(e)))
            .and_then(|data| CMap::parse(data, load_embedded));
        let mut widths = FxHashMap::default();
        let mut default_width = 0.0;
        if two_bytes {
            let descendant = dict
                .get::<Array<'_>>("DescendantFonts")
                .and_then(|a| a.iter::<Dict<'_>>().next());
            if let Some(cid) = descendant {
                default_width = cid.get::<Number>("DW").map_or(1000.0, |n| n.as_f64());
                if let Some(w) = cid.get::<Array<'_>>("W") {
                    cid_widths(&w, &mut widths);
                }
            }
        } else {
            let first = dict.get::<Number>("FirstChar").map_or(0, |n| n.as_i64());
            if let Some(w) = dict.get::<Array<'_>>("Widths") {
                for (i, n) in w.iter::<Number>().enumerate() {
                    widths.insert((first + i as i64) as u32, n.as_f64());
                }
            }
        }
        Font {
            two_bytes,
            unicode_codes,
            encoding: encoding_map,
            to_unicode,
            widths,
            default_width,
            decoded: FxHashMap::default(),
        }
    }

    fn text(&mut self, code: u32) -> &str {
        let (cmap, unicode_codes, two_bytes) =
            (&self.to_unicode, self.unicode_codes, self.two_bytes);
        self.decoded.entry(code).or_insert_with(|| {
            match cmap.as_ref().and_then(|c| c.lookup_bf_string(code)) {
                Some(BfString::Char(c)) => c.to_string(),
                Some(BfString::String(s)) => s,
                // Without a map: a UCS-2 code is its character; a simple
                // font's printable ASCII reads as itself (WinAnsi and
                // Standard agree there, bar quotes).
                None if unicode_codes => char::from_u32(code).map(String::from).unwrap_or_default(),
                None if !two_bytes && (0x21..0x7f).contains(&code) => {
                    char::from_u32(code).map(String::from).unwrap_or_default()
                }
                None => String::new(),
            }
        })
    }

    fn width(&self, code: u32) -> f64 {
        let cid = match &self.encoding {
            Some(cmap) => cmap.lookup_cid_code(code, 2).unwrap_or(0),
            None => code,
        };
        self.widths.get(&cid).copied().unwrap_or(self.default_width)
    }
}

/// A CID font's `/W`: `c [w1 w2 …]` and `c_first c_last w` entries.
fn cid_widths(w: &Array<'_>, out: &mut FxHashMap<u32, f64>) {
    let items: Vec<Object<'_>> = w.iter::<Object<'_>>().collect();
    let mut i = 0;
    while i < items.len() {
        let (Some(Object::Number(first)), next) = (items.get(i), items.get(i + 1)) else {
            return;
        };
        let first = first.as_i64() as u32;
        match (next, items.get(i + 2)) {
            (Some(Object::Array(list)), _) => {
                for (k, n) in list.iter::<Number>().enumerate() {
                    out.insert(first + k as u32, n.as_f64());
                }
                i += 2;
            }
            (Some(Object::Number(last)), Some(Object::Number(width))) => {
                for c in first..=(last.as_i64() as u32).min(first + 65_535) {
                    out.insert(c, width.as_f64());
                }
                i += 3;
            }
            _ => return,
        }
    }
}

/// The text state and what the interpreter has read so far.
struct Reader<'a> {
    fonts: FxHashMap<u128, Font>,
    seen: Vec<Seen>,
    ctm: M,
    stack: Vec<(M, State)>,
    state: State,
    tm: M,
    tlm: M,
    depth: usize,
    _pdf: std::marker::PhantomData<&'a ()>,
}

#[derive(Clone, Copy)]
struct State {
    font: Option<u128>,
    size: f64,
    char_spacing: f64,
    word_spacing: f64,
    scale: f64,
    leading: f64,
    rise: f64,
    /// `Tr`: modes 2 and 6 (fill and stroke) are drawn twice by hayro.
    mode: i64,
}

impl<'a> Reader<'a> {
    fn new(initial: M) -> Reader<'a> {
        Reader {
            fonts: FxHashMap::default(),
            seen: Vec::new(),
            ctm: initial,
            stack: Vec::new(),
            state: State {
                font: None,
                size: 0.0,
                char_spacing: 0.0,
                word_spacing: 0.0,
                scale: 1.0,
                leading: 0.0,
                rise: 0.0,
                mode: 0,
            },
            tm: IDENTITY,
            tlm: IDENTITY,
            depth: 0,
            _pdf: std::marker::PhantomData,
        }
    }

    fn set_font(&mut self, resources: &Resources<'a>, name: &Name<'_>, size: f64) {
        self.state.size = size;
        // An indirect font is known by its reference, without reading its
        // dictionary again (hayro reads and hashes it at every `Tf`); an
        // inline one by its dictionary's bytes.
        let key = match resources.fonts.get_ref(name.as_ref()) {
            Some(r) => u128::from(r.obj_number) << 32 | u128::from(r.gen_number as u32),
            None => match resources.get_font(name) {
                Some(dict) => (1 << 127) | fx128(dict.data()),
                None => {
                    self.state.font = None;
                    return;
                }
            },
        };
        if !self.fonts.contains_key(&key) {
            let Some(dict) = resources.get_font(name) else {
                self.state.font = None;
                return;
            };
            self.fonts.insert(key, Font::of(&dict));
        }
        self.state.font = Some(key);
    }

    fn next_line(&mut self, tx: f64, ty: f64) {
        self.tlm = mul(&[1.0, 0.0, 0.0, 1.0, tx, ty], &self.tlm);
        self.tm = self.tlm;
    }

    fn show(&mut self, bytes: &[u8]) {
        let Some(key) = self.state.font else { return };
        let Some(font) = self.fonts.get_mut(&key) else {
            return;
        };
        let st = self.state;
        let step = if font.two_bytes { 2 } else { 1 };
        for chunk in bytes.chunks(step) {
            let code = chunk.iter().fold(0u32, |c, b| (c << 8) | u32::from(*b));
            let trm = mul(
                &mul(
                    &[st.size * st.scale, 0.0, 0.0, st.size, 0.0, st.rise],
                    &self.tm,
                ),
                &self.ctm,
            );
            let text = font.text(code).trim().to_string();
            self.seen.push(Seen {
                text,
                x: trm[4],
                y: trm[5],
            });
            let space = if step == 1 && code == 32 {
                st.word_spacing
            } else {
                0.0
            };
            let tx = (font.width(code) / 1000.0 * st.size + st.char_spacing + space) * st.scale;
            self.tm = mul(&[1.0, 0.0, 0.0, 1.0, tx, 0.0], &self.tm);
        }
    }

    /// hayro draws a fill-and-stroke run (`Tr` 2 and 6) twice: the glyphs
    /// read since `first` (one text-showing operator) again.
    fn stroke_again(&mut self, first: usize) {
        if matches!(self.state.mode, 2 | 6) {
            self.seen.extend_from_within(first..);
        }
    }

    fn adjust(&mut self, thousandths: f64) {
        let tx = -thousandths / 1000.0 * self.state.size * self.state.scale;
        self.tm = mul(&[1.0, 0.0, 0.0, 1.0, tx, 0.0], &self.tm);
    }

    fn run(&mut self, content: &[u8], resources: &Resources<'a>) {
        let mut ops = TypedIter::new(content);
        while let Some(op) = ops.next() {
            let first = self.seen.len();
            match op {
                Op::SaveState(_) => self.stack.push((self.ctm, self.state)),
                Op::RestoreState(_) => {
                    if let Some((ctm, state)) = self.stack.pop() {
                        self.ctm = ctm;
                        self.state = state;
                    }
                }
                Op::Transform(t) => {
                    self.ctm = mul(&six([&t.0, &t.1, &t.2, &t.3, &t.4, &t.5]), &self.ctm)
                }
                Op::BeginText(_) => {
                    self.tm = IDENTITY;
                    self.tlm = IDENTITY;
                }
                Op::TextFont(f) => self.set_font(resources, f.0, f.1.as_f64()),
                Op::CharacterSpacing(n) => self.state.char_spacing = n.0.as_f64(),
                Op::WordSpacing(n) => self.state.word_spacing = n.0.as_f64(),
                Op::HorizontalScaling(n) => self.state.scale = n.0.as_f64() / 100.0,
                Op::TextLeading(n) => self.state.leading = n.0.as_f64(),
                Op::TextRise(n) => self.state.rise = n.0.as_f64(),
                Op::TextRenderingMode(n) => self.state.mode = n.0.as_i64(),
                Op::NextLine(n) => self.next_line(n.0.as_f64(), n.1.as_f64()),
                Op::NextLineAndSetLeading(n) => {
                    self.state.leading = -n.1.as_f64();
                    self.next_line(n.0.as_f64(), n.1.as_f64());
                }
                Op::SetTextMatrix(t) => {
                    self.tlm = six([&t.0, &t.1, &t.2, &t.3, &t.4, &t.5]);
                    self.tm = self.tlm;
                }
                Op::NextLineUsingLeading(_) => self.next_line(0.0, -self.state.leading),
                Op::ShowText(s) => {
                    self.show(s.0.as_bytes());
                    self.stroke_again(first);
                }
                Op::NextLineAndShowText(s) => {
                    self.next_line(0.0, -self.state.leading);
                    self.show(s.0.as_bytes());
                    self.stroke_again(first);
                }
                Op::ShowTextWithParameters(p) => {
                    self.state.word_spacing = p.0.as_f64();
                    self.state.char_spacing = p.1.as_f64();
                    self.next_line(0.0, -self.state.leading);
                    self.show(p.2.as_bytes());
                    self.stroke_again(first);
                }
                Op::ShowTexts(parts) => {
                    for part in parts.0.iter::<Object<'_>>() {
                        match part {
                            Object::String(s) => self.show(s.as_bytes()),
                            Object::Number(n) => self.adjust(n.as_f64()),
                            _ => {}
                        }
                    }
                    self.stroke_again(first);
                }
                Op::XObject(name) => self.form(resources, name.0),
                _ => {}
            }
        }
    }

    fn form(&mut self, resources: &Resources<'a>, name: &Name<'_>) {
        let Some(stream) = resources.get_x_object(name) else {
            return;
        };
        let dict = stream.dict();
        if dict.get::<Name<'_>>("Subtype").as_deref() != Some(b"Form".as_slice()) || self.depth > 8
        {
            return;
        }
        let Ok(content) = stream.decoded() else {
            return;
        };
        let inner = dict
            .get::<Dict<'_>>("Resources")
            .map_or_else(|| resources.clone(), Resources::new);
        let matrix = dict.get::<Array<'_>>("Matrix").map(|a| {
            let v: Vec<f64> = a.iter::<Number>().map(|n| n.as_f64()).collect();
            match v.as_slice() {
                [a, b, c, d, e, f] => [*a, *b, *c, *d, *e, *f],
                _ => IDENTITY,
            }
        });
        let saved = (self.ctm, self.state, self.tm, self.tlm);
        self.ctm = mul(&matrix.unwrap_or(IDENTITY), &self.ctm);
        self.depth += 1;
        self.run(&content, &inner);
        self.depth -= 1;
        (self.ctm, self.state, self.tm, self.tlm) = saved;
    }
}

/// A 128-bit FxHash of bytes (two seeds), for font identity.
fn fx128(bytes: &[u8]) -> u128 {
    use std::hash::{BuildHasher, Hasher};
    let mut a = rustc_hash::FxBuildHasher.build_hasher();
    a.write(bytes);
    let mut b = rustc_hash::FxBuildHasher.build_hasher();
    b.write_usize(bytes.len());
    b.write(bytes);
    (u128::from(a.finish()) << 64) | u128::from(b.finish())
}

/// Every glyph of every page, read by the interpreter above.
fn lean(pdf: &Pdf) -> Vec<Vec<Seen>> {
    let mut pages = Vec::new();
    let mut fonts = FxHashMap::default();
    for page in pdf.pages().iter() {
        let initial = page.initial_transform(true);
        let c = initial.as_coeffs();
        let mut reader = Reader::new([c[0], c[1], c[2], c[3], c[4], c[5]]);
        reader.fonts = std::mem::take(&mut fonts);
        if let Some(content) = page.page_stream() {
            reader.run(content, page.resources());
        }
        fonts = std::mem::take(&mut reader.fonts);
        pages.push(reader.seen);
    }
    pages
}

/// A hayro device that keeps each glyph's text and origin, nothing else.
#[derive(Default)]
struct Glyphs(Vec<Seen>);

impl<'a> Device<'a> for Glyphs {
    fn draw_path(&mut self, _: &BezPath, _: DrawProps<'a>, _: &DrawMode) {}
    fn push_clip_path(&mut self, _: &ClipPath) {}
    fn push_transparency_group(&mut self, _: f32, _: Option<SoftMask<'a>>, _: BlendMode) {}
    fn draw_glyph_run(&mut self, run: &GlyphRun<'_, 'a>, props: DrawProps<'a>, _: &DrawMode) {
        for g in run.glyphs() {
            let origin = (props.transform * g.transform()) * Point::ZERO;
            // Spaces are not recorded by the text stage: compared as empty.
            let text = match g.as_unicode() {
                Some(BfString::Char(c)) => c.to_string(),
                Some(BfString::String(s)) => s,
                None => String::new(),
            }
            .trim()
            .to_string();
            self.0.push(Seen {
                text,
                x: origin.x,
                y: origin.y,
            });
        }
    }
    fn draw_image(&mut self, _: Image<'a, '_>, _: ImageDrawProps<'a>) {}
    fn pop_clip(&mut self) {}
    fn pop_transparency_group(&mut self) {}
}

/// Every glyph of every page, read by hayro-interpret.
fn hayro(pdf: &Pdf) -> Vec<Vec<Seen>> {
    let cache = InterpreterCache::new();
    let settings = InterpreterSettings {
        render_content: RenderContent::PAGE,
        ..InterpreterSettings::default()
    };
    let mut pages = Vec::new();
    for page in pdf.pages().iter() {
        let (width, height) = page.render_dimensions();
        let initial = Affine::new(page.initial_transform(true).as_coeffs());
        let bbox = Rect::new(0.0, 0.0, f64::from(width), f64::from(height));
        let mut context = Context::new(initial, bbox, &cache, pdf.xref(), settings.clone());
        let mut device = Glyphs::default();
        interpret_page(page, &mut context, &mut device);
        pages.push(device.0);
    }
    pages
}

/// Fastest and median seconds of `runs` passes of `read` over every file.
fn time(files: &[Vec<u8>], runs: usize, read: fn(&Pdf) -> Vec<Vec<Seen>>) -> (f64, f64) {
    let mut times = Vec::new();
    for _ in 0..runs {
        let start = Instant::now();
        for bytes in files {
            if let Ok(pdf) = Pdf::new(bytes.clone()) {
                std::hint::black_box(read(&pdf));
            }
        }
        times.push(start.elapsed().as_secs_f64());
    }
    fastest_and_median(times)
}

fn main() {
    let args = PdfArgs::parse("--differences");
    let (runs, show_differences) = (args.runs, args.flag);
    let (paths, files): (Vec<_>, Vec<_>) = args.files.into_iter().unzip();
    let (mut glyphs, mut same, mut pages, mut same_pages) = (0usize, 0usize, 0usize, 0usize);
    let mut worst: Vec<(usize, String)> = Vec::new();
    for (bytes, path) in files.iter().zip(&paths) {
        let Ok(pdf) = Pdf::new(bytes.clone()) else {
            continue;
        };
        let (ours, theirs) = (lean(&pdf), hayro(&pdf));
        let mut differing = 0;
        for (a, b) in ours.iter().zip(&theirs) {
            pages += 1;
            glyphs += b.len();
            let agree = a
                .iter()
                .zip(b)
                .filter(|(x, y)| {
                    x.text == y.text && (x.x - y.x).abs() < 0.01 && (x.y - y.y).abs() < 0.01
                })
                .count();
            same += agree;
            if show_differences && agree < b.len() {
                if let Some((x, y)) = a.iter().zip(b).find(|(x, y)| {
                    !(x.text == y.text && (x.x - y.x).abs() < 0.01 && (x.y - y.y).abs() < 0.01)
                }) {
                    eprintln!(
                        "{}: ours {:?} hayro {:?} (counts {} {})",
                        path.display(),
                        x,
                        y,
                        a.len(),
                        b.len()
                    );
                } else {
                    eprintln!(
                        "{}: counts ours {} hayro {}",
                        path.display(),
                        a.len(),
                        b.len()
                    );
                }
            }
            if agree == b.len() && a.len() == b.len() {
                same_pages += 1;
            } else {
                differing += b.len().abs_diff(agree) + a.len().abs_diff(b.len());
            }
        }
        if differing > 0 {
            worst.push((differing, path.display().to_string()));
        }
    }
    worst.sort();
    worst.reverse();
    println!(
        "{} files, {pages} pages, {glyphs} glyphs (hayro): the same text and origin for {same} ({:.2} %); \
         {same_pages} pages agree wholly",
        files.len(),
        100.0 * same as f64 / glyphs.max(1) as f64
    );
    for (n, path) in worst.iter().take(5) {
        println!("  {n} glyphs differ in {path}");
    }
    let (lf, lm) = time(&files, runs, lean);
    let (hf, hm) = time(&files, runs, hayro);
    println!("text-only interpreter: fastest {lf:.3} s, median {lm:.3} s");
    println!("hayro-interpret:       fastest {hf:.3} s, median {hm:.3} s");
    println!(
        "ratio (hayro ÷ ours):  fastest {:.2}×, median {:.2}×",
        hf / lf,
        hm / lm
    );
}
