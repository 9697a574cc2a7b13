//! What a text-only content interpreter of our own would cost, beside
//! hayro-interpret: a measurement for a design decision, not a stage of
//! the pipeline.
//!
//! The PDF stage hands every page to hayro-interpret, a full interpreter
//! (fonts loaded from their programs, paints, clips, groups) of which the
//! text stage uses the glyphs' text and positions, the ruling paths, fills
//! and clips. Measured alone (`floor --interpret`), hayro costs 42–47 % of
//! a one-job run. This program reads every page with a minimal interpreter
//! on hayro-syntax (the text state, `cm`/`q`/`Q`, Form XObjects,
//! `ToUnicode` maps and widths, each path's segments in page space, the
//! fill colour, the clips' bounding boxes; nothing drawn, no font program
//! read), times it beside hayro-interpret driving a device that only
//! collects each glyph's text and origin and counts paths and clips, and
//! compares the two page by page, so that the speed it shows is the speed
//! of a reading that agrees.
//!
//! What it leaves out, and a real stage would need: fonts without
//! `ToUnicode` beyond the simple cases in `Font::text` (`Differences` and
//! glyph names, the other standard encodings, predefined CMaps other than
//! `Uni…-UCS2`, the program's own `cmap`), Type3 fonts, vertical writing,
//! clip paths beyond their bounding boxes. Pages that use them are counted as disagreeing, not
//! left out.
//!
//! Usage: `text_floor [--runs N] [--differences] FILE_OR_DIR...`
//! (directories are searched for `*.pdf`); `--differences` prints, for
//! each page where the two disagree, what differs first.

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
use std::collections::hash_map::Entry;
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

/// The same text at the same origin (within 0.01 pt): what "agree" means.
fn same_glyph(a: &Seen, b: &Seen) -> bool {
    a.text == b.text && (a.x - b.x).abs() < 0.01 && (a.y - b.y).abs() < 0.01
}

/// One page as a reader saw it: its glyphs, and how many paths it painted
/// (a fill and a stroke of one path count twice, as hayro draws them),
/// their elements (`m`, `l`, `c`, `h`; a rectangle is five) and clips.
#[derive(Debug, Default)]
struct Page {
    glyphs: Vec<Seen>,
    paths: usize,
    elements: usize,
    clips: usize,
    /// Segments of visible painted paths, as the ruling-line stage would
    /// take them (ours only; kept so that the work is not optimised away).
    segments: usize,
    /// Glyphs this reader has no text for, in fonts without `ToUnicode`
    /// (ours only).
    unmapped: usize,
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

/// The point `(x, y)` through `m`.
fn apply(m: &M, x: f64, y: f64) -> (f64, f64) {
    (x * m[0] + y * m[2] + m[4], x * m[1] + y * m[3] + m[5])
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
    /// A simple font whose `/Encoding` is (or is based on) WinAnsi: codes
    /// past ASCII read through its table.
    win_ansi: bool,
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
        let win_ansi = !two_bytes
            && (encoding.as_deref() == Some(b"WinAnsiEncoding".as_slice())
                || dict
                    .get::<Dict<'_>>("Encoding")
                    .and_then(|e| e.get::<Name<'_>>("BaseEncoding"))
                    .as_deref()
                    == Some(b"WinAnsiEncoding".as_slice()));
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
            win_ansi,
            encoding: encoding_map,
            to_unicode,
            widths,
            default_width,
            decoded: FxHashMap::default(),
        }
    }

    fn text(&mut self, code: u32) -> &str {
        let (cmap, unicode_codes, two_bytes, win_ansi) = (
            &self.to_unicode,
            self.unicode_codes,
            self.two_bytes,
            self.win_ansi,
        );
        self.decoded.entry(code).or_insert_with(|| {
            match cmap.as_ref().and_then(|c| c.lookup_bf_string(code)) {
                Some(bf) => bf_text(bf),
                // Without a map: a UCS-2 code is its character; a simple
                // font's printable ASCII reads as itself (WinAnsi and
                // Standard agree there, bar quotes), and past ASCII
                // through WinAnsi's table when the font names it.
                None if unicode_codes => char::from_u32(code).map(String::from).unwrap_or_default(),
                None if !two_bytes && (0x21..0x7f).contains(&code) => {
                    char::from_u32(code).map(String::from).unwrap_or_default()
                }
                None if win_ansi => win_ansi_char(code).map(String::from).unwrap_or_default(),
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

/// A `ToUnicode` (or hayro's) answer as text.
fn bf_text(bf: BfString) -> String {
    match bf {
        BfString::Char(c) => c.to_string(),
        BfString::String(s) => s,
    }
}

/// WinAnsiEncoding past ASCII: 0x80–0x9F as Windows-1252 has them, the
/// rest as Latin-1.
fn win_ansi_char(code: u32) -> Option<char> {
    const HIGH: [u16; 32] = [
        0x20AC, 0, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160, 0x2039,
        0x0152, 0, 0x017D, 0, 0, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014, 0x02DC,
        0x2122, 0x0161, 0x203A, 0x0153, 0, 0x017E, 0x0178,
    ];
    match code {
        0x80..=0x9F => HIGH
            .get((code - 0x80) as usize)
            .filter(|c| **c != 0)
            .and_then(|c| char::from_u32(u32::from(*c))),
        0xA0..=0xFF => char::from_u32(code),
        _ => None,
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
struct Reader {
    fonts: FxHashMap<u128, Font>,
    seen: Vec<Seen>,
    /// The path under construction, in page space: segments as the
    /// ruling-line stage takes them.
    path: Vec<[f64; 4]>,
    path_elements: usize,
    start: (f64, f64),
    current: (f64, f64),
    /// A `W`/`W*` waiting for the path's painting operator.
    clip_pending: bool,
    /// Glyphs of fonts without `ToUnicode` that no simple case read.
    unmapped: usize,
    /// Segments of painted paths, and the page's tallies.
    painted: Vec<[f64; 4]>,
    paths: usize,
    elements: usize,
    clips: usize,
    ctm: M,
    stack: Vec<(M, State)>,
    state: State,
    tm: M,
    tlm: M,
    depth: usize,
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
    /// Whether the fill colour is white (a background, not a border).
    white_fill: bool,
    /// The clips' bounding box in page space, intersected.
    clip: [f64; 4],
}

impl Reader {
    fn new(initial: M, page: [f64; 4]) -> Reader {
        Reader {
            fonts: FxHashMap::default(),
            seen: Vec::new(),
            path: Vec::new(),
            path_elements: 0,
            start: (0.0, 0.0),
            current: (0.0, 0.0),
            clip_pending: false,
            painted: Vec::new(),
            unmapped: 0,
            paths: 0,
            elements: 0,
            clips: 0,
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
                white_fill: false,
                clip: page,
            },
            tm: IDENTITY,
            tlm: IDENTITY,
            depth: 0,
        }
    }

    fn set_font(&mut self, resources: &Resources<'_>, name: &Name<'_>, size: f64) {
        self.state.size = size;
        // An indirect font is known by its reference, without reading its
        // dictionary again (hayro reads and hashes it at every `Tf`); an
        // inline one by its dictionary's bytes.
        let found = match resources.fonts.get_ref(name.as_ref()) {
            Some(r) => Some((
                u128::from(r.obj_number) << 32 | u128::from(r.gen_number as u32),
                None,
            )),
            None => resources
                .get_font(name)
                .map(|dict| ((1 << 127) | fx128(dict.data()), Some(dict))),
        };
        self.state.font = None;
        let Some((key, inline)) = found else { return };
        if let Entry::Vacant(slot) = self.fonts.entry(key) {
            let Some(dict) = inline.or_else(|| resources.get_font(name)) else {
                return;
            };
            slot.insert(Font::of(&dict));
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
            // A glyph no map covers, in a font without `ToUnicode`: the
            // pipeline reads it through the predefined CMap or the font
            // program's `cmap` (`src/pdf/decode.rs`), which this reader
            // does not, so a real one would hand the document to hayro.
            if text.is_empty() && font.to_unicode.is_none() && code != 32 {
                self.unmapped += 1;
            }
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

    fn run(&mut self, content: &[u8], resources: &Resources<'_>) {
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
                Op::MoveTo(p) => {
                    self.start = self.point(&p.0, &p.1);
                    self.current = self.start;
                    self.path_elements += 1;
                }
                Op::LineTo(p) => {
                    let to = self.point(&p.0, &p.1);
                    self.line_to(to);
                }
                Op::CubicTo(c) => {
                    self.current = self.point(&c.4, &c.5);
                    self.path_elements += 1;
                }
                Op::CubicStartTo(c) => {
                    self.current = self.point(&c.2, &c.3);
                    self.path_elements += 1;
                }
                Op::CubicEndTo(c) => {
                    self.current = self.point(&c.2, &c.3);
                    self.path_elements += 1;
                }
                Op::ClosePath(_) => self.line_to(self.start),
                Op::RectPath(r) => self.rect(&r.0, &r.1, &r.2, &r.3),
                Op::StrokePath(_) => self.paint(false, true),
                Op::CloseAndStrokePath(_) => {
                    self.line_to(self.start);
                    self.paint(false, true);
                }
                Op::FillPathNonZero(_)
                | Op::FillPathNonZeroCompatibility(_)
                | Op::FillPathEvenOdd(_) => self.paint(true, false),
                Op::FillAndStrokeNonZero(_) | Op::FillAndStrokeEvenOdd(_) => self.paint(true, true),
                Op::CloseFillAndStrokeNonZero(_) | Op::CloseFillAndStrokeEvenOdd(_) => {
                    self.line_to(self.start);
                    self.paint(true, true);
                }
                Op::EndPath(_) => self.paint(false, false),
                Op::ClipNonZero(_) | Op::ClipEvenOdd(_) => self.clip_pending = true,
                Op::NonStrokeColorDeviceGray(g) => self.state.white_fill = g.0.as_f64() >= 0.95,
                Op::NonStrokeColorDeviceRgb(c) => {
                    self.state.white_fill = [&c.0, &c.1, &c.2].iter().all(|v| v.as_f64() >= 0.95)
                }
                _ => {}
            }
        }
    }

    fn point(&self, x: &Number, y: &Number) -> (f64, f64) {
        apply(&self.ctm, x.as_f64(), y.as_f64())
    }

    fn line_to(&mut self, p: (f64, f64)) {
        self.path.push([self.current.0, self.current.1, p.0, p.1]);
        self.current = p;
        self.path_elements += 1;
    }

    fn rect(&mut self, x: &Number, y: &Number, w: &Number, h: &Number) {
        let (x0, y0, w, h) = (x.as_f64(), y.as_f64(), w.as_f64(), h.as_f64());
        let at = |x: f64, y: f64| apply(&self.ctm, x, y);
        let corners = [
            at(x0, y0),
            at(x0 + w, y0),
            at(x0 + w, y0 + h),
            at(x0, y0 + h),
        ];
        self.start = corners[0];
        self.current = corners[0];
        self.path_elements += 1;
        for c in &corners[1..] {
            self.line_to(*c);
        }
        self.line_to(corners[0]);
    }

    /// A painting operator: `fill` and `stroke` say which it paints
    /// (neither for `n`); a pending clip takes the path's bounding box.
    fn paint(&mut self, fill: bool, stroke: bool) {
        if self.clip_pending && !self.path.is_empty() {
            let b = self
                .path
                .iter()
                .fold([f64::MAX, f64::MAX, f64::MIN, f64::MIN], |b, s| {
                    [
                        b[0].min(s[0]).min(s[2]),
                        b[1].min(s[1]).min(s[3]),
                        b[2].max(s[0]).max(s[2]),
                        b[3].max(s[1]).max(s[3]),
                    ]
                });
            let c = &mut self.state.clip;
            // A rectangle holding the whole current clip changes nothing,
            // and hayro does not pass it on.
            let axis_aligned = self.path.iter().all(|s| s[0] == s[2] || s[1] == s[3]);
            let covers = b[0] <= c[0] + 1e-3
                && b[1] <= c[1] + 1e-3
                && b[2] >= c[2] - 1e-3
                && b[3] >= c[3] - 1e-3;
            if !(self.path_elements == 5 && axis_aligned && covers) {
                self.clips += 1;
                *c = [
                    c[0].max(b[0]),
                    c[1].max(b[1]),
                    c[2].min(b[2]),
                    c[3].min(b[3]),
                ];
            }
        }
        self.clip_pending = false;
        let times = usize::from(fill) + usize::from(stroke);
        if times > 0 && !(fill && !stroke && self.state.white_fill) {
            self.painted.extend_from_slice(&self.path);
        }
        self.paths += times;
        self.elements += times * self.path_elements;
        self.path.clear();
        self.path_elements = 0;
    }

    fn form(&mut self, resources: &Resources<'_>, name: &Name<'_>) {
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
fn lean(pdf: &Pdf) -> Vec<Page> {
    let mut pages = Vec::new();
    let mut fonts = FxHashMap::default();
    for page in pdf.pages().iter() {
        let initial = page.initial_transform(true);
        let c = initial.as_coeffs();
        let (width, height) = page.render_dimensions();
        let bbox = [0.0, 0.0, f64::from(width), f64::from(height)];
        let mut reader = Reader::new([c[0], c[1], c[2], c[3], c[4], c[5]], bbox);
        reader.fonts = std::mem::take(&mut fonts);
        if let Some(content) = page.page_stream() {
            reader.run(content, page.resources());
        }
        fonts = std::mem::take(&mut reader.fonts);
        pages.push(Page {
            glyphs: reader.seen,
            paths: reader.paths,
            elements: reader.elements,
            clips: reader.clips,
            segments: reader.painted.len(),
            unmapped: reader.unmapped,
        });
    }
    pages
}

/// A hayro device that keeps each glyph's text and origin, nothing else.
#[derive(Default)]
struct Glyphs(Page);

impl<'a> Device<'a> for Glyphs {
    fn draw_path(&mut self, path: &BezPath, _: DrawProps<'a>, _: &DrawMode) {
        self.0.paths += 1;
        self.0.elements += path.elements().len();
    }
    fn push_clip_path(&mut self, _: &ClipPath) {
        self.0.clips += 1;
    }
    fn push_transparency_group(&mut self, _: f32, _: Option<SoftMask<'a>>, _: BlendMode) {}
    fn draw_glyph_run(&mut self, run: &GlyphRun<'_, 'a>, props: DrawProps<'a>, _: &DrawMode) {
        for g in run.glyphs() {
            let origin = (props.transform * g.transform()) * Point::ZERO;
            // Spaces are not recorded by the text stage: compared as empty.
            let text = g.as_unicode().map(bf_text).unwrap_or_default();
            let text = text.trim().to_string();
            self.0.glyphs.push(Seen {
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
fn hayro(pdf: &Pdf) -> Vec<Page> {
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
fn time(files: &[Vec<u8>], runs: usize, read: fn(&Pdf) -> Vec<Page>) -> (f64, f64) {
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

/// What the comparison has counted so far, over every file.
#[derive(Default)]
struct Tally {
    pages: usize,
    /// hayro's glyphs, and those ours reads alike.
    glyphs: usize,
    same: usize,
    same_pages: usize,
    /// hayro's painted paths, their elements and clips, and the pages where
    /// both readers count all three alike.
    drawn: (usize, usize, usize, usize),
    kept_segments: usize,
    /// Documents a real reader would hand to hayro (a glyph no map
    /// covers), their pages and those glyphs.
    fallback: (usize, usize, usize),
    /// Files where glyphs differ, with how many.
    worst: Vec<(usize, String)>,
}

impl Tally {
    /// Compares one file's pages as the two readers saw them; with `show`,
    /// prints what differs first on each page that differs.
    fn add(&mut self, path: &str, ours: &[Page], theirs: &[Page], show: bool) {
        let unmapped: usize = ours.iter().map(|p| p.unmapped).sum();
        if unmapped > 0 {
            if show {
                eprintln!("{path}: {unmapped} glyphs no map covers");
            }
            self.fallback.0 += 1;
            self.fallback.1 += ours.len();
            self.fallback.2 += unmapped;
        }
        let mut differing = 0;
        for (pa, pb) in ours.iter().zip(theirs) {
            self.pages += 1;
            self.kept_segments += pa.segments;
            self.add_paths(path, pa, pb, show);
            differing += self.add_glyphs(path, &pa.glyphs, &pb.glyphs, show);
        }
        if differing > 0 {
            self.worst.push((differing, path.to_string()));
        }
    }

    fn add_paths(&mut self, path: &str, pa: &Page, pb: &Page, show: bool) {
        self.drawn.0 += pb.paths;
        self.drawn.1 += pb.elements;
        self.drawn.2 += pb.clips;
        let (a, b) = (
            (pa.paths, pa.elements, pa.clips),
            (pb.paths, pb.elements, pb.clips),
        );
        if a == b {
            self.drawn.3 += 1;
        } else if show {
            eprintln!("{path}: paths, elements, clips: ours {a:?} hayro {b:?}");
        }
    }

    /// Counts one page's glyphs; returns how many differ.
    fn add_glyphs(&mut self, path: &str, a: &[Seen], b: &[Seen], show: bool) -> usize {
        self.glyphs += b.len();
        let agree = a.iter().zip(b).filter(|(x, y)| same_glyph(x, y)).count();
        self.same += agree;
        if agree == b.len() && a.len() == b.len() {
            self.same_pages += 1;
            return 0;
        }
        if show {
            match a.iter().zip(b).find(|(x, y)| !same_glyph(x, y)) {
                Some((x, y)) => eprintln!(
                    "{path}: ours {x:?} hayro {y:?} (counts {} {})",
                    a.len(),
                    b.len()
                ),
                None => eprintln!("{path}: counts ours {} hayro {}", a.len(), b.len()),
            }
        }
        b.len().abs_diff(agree) + a.len().abs_diff(b.len())
    }

    fn print(mut self, files: usize) {
        let pages = self.pages;
        println!(
            "{files} files, {pages} pages, {} glyphs (hayro): the same text and origin for {} ({:.2} %); \
             {} pages agree wholly",
            self.glyphs,
            self.same,
            100.0 * self.same as f64 / self.glyphs.max(1) as f64,
            self.same_pages
        );
        let drawn = self.drawn;
        println!(
            "paths painted {}, their elements {}, clips {} (hayro): the same three counts on {} of {pages} pages",
            drawn.0, drawn.1, drawn.2, drawn.3
        );
        println!(
            "segments of visible painted paths kept by ours: {}",
            self.kept_segments
        );
        let fallback = self.fallback;
        println!(
            "files with glyphs no map covers (a real reader would hand them to hayro): {} ({} pages, {} glyphs)",
            fallback.0, fallback.1, fallback.2
        );
        self.worst.sort();
        for (n, path) in self.worst.iter().rev().take(5) {
            println!("  {n} glyphs differ in {path}");
        }
    }
}

fn main() {
    let args = PdfArgs::parse("--differences");
    let (paths, files): (Vec<_>, Vec<_>) = args.files.into_iter().unzip();
    let mut tally = Tally::default();
    for (bytes, path) in files.iter().zip(&paths) {
        if let Ok(pdf) = Pdf::new(bytes.clone()) {
            let path = path.display().to_string();
            tally.add(&path, &lean(&pdf), &hayro(&pdf), args.flag);
        }
    }
    tally.print(files.len());
    let (lf, lm) = time(&files, args.runs, lean);
    let (hf, hm) = time(&files, args.runs, hayro);
    println!("text-only interpreter: fastest {lf:.3} s, median {lm:.3} s");
    println!("hayro-interpret:       fastest {hf:.3} s, median {hm:.3} s");
    println!(
        "ratio (hayro ÷ ours):  fastest {:.2}×, median {:.2}×",
        hf / lf,
        hm / lm
    );
}
