//! Text drawn out of sight, generated at random: pages of Han lines, each
//! drawn with one fate — shown; clipped wholly, through its glyphs or at
//! its tail; pushed past the page's edge wholly, partly or at its tail;
//! painted over wholly or partly by an opaque fill — and decoys that must
//! not count (a clip tight around the text, a background drawn first, a
//! thin rule across it, a half-transparent white box over it, a circle
//! clip around it).
//!
//! The truth is the generator's own geometry: each glyph paints its em box
//! (the font declares `FontBBox [0 -120 1000 880]`, one em advance), and the
//! share of it outside the clip, the page or under the fill is known. The
//! truth is checked against a renderer (poppler's `pdftoppm`): no ink where
//! the generator says text is hidden, ink where it says text shows.
//! Needs `pdftoppm` and the CMap UniGB-UCS2-H (poppler-utils, poppler-data:
//! installed by .ci/run): fails under CI without them; elsewhere the
//! rendering check is skipped with a note.

mod support;

use std::process::Command;
use support::PdfBuilder;
use yujuesuan::pdf::{Hiding, Page, PdfLimits, read_pages};

/// The characters lines are made of.
const CHARS: &str = "部门预算收入支出财政拨款一般公共服务社会保障就业卫生健康住房基本项目合计";

/// How a line is drawn.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Fate {
    Shown,
    /// Inside a clip that lies wholly above it.
    ClipWhole,
    /// A clip's lower edge cuts off this share of its em boxes.
    ClipBottom(f64),
    /// A clip's right edge leaves out its last n glyphs.
    ClipTail(usize),
    /// Below the page's bottom edge.
    OffBottom,
    /// This share of its em boxes below the page's bottom edge.
    OffBottomPart(f64),
    /// Its last n glyphs past the page's right edge.
    OffRight(usize),
    /// An opaque white box drawn over it.
    CoverWhole,
    /// An opaque box drawn over this share of its em boxes (from below).
    CoverBottom(f64),
    /// Decoy: a clip 0.3 pt around its em boxes.
    TightClip,
    /// Decoy: a grey box drawn before it.
    Background,
    /// Decoy: a 1 pt black bar drawn across it.
    ThinBar,
    /// Decoy: a white box at 50 % opacity drawn over it.
    Translucent,
    /// Decoy: a circle clip around it (its bounding box is not the region).
    CurvedClip,
}

/// What the PDF stage must report for a line: the hidden text, why, and
/// whether shown text continues it.
#[derive(Debug, Clone, PartialEq)]
struct Expected {
    text: String,
    hiding: Hiding,
    continues_shown: bool,
}

/// A line as drawn: PDF (bottom-up) coordinates of its first glyph's origin.
struct Placed {
    text: String,
    fate: Fate,
    x: f64,
    y: f64,
    size: f64,
}

impl Placed {
    fn width(&self) -> f64 {
        self.text.chars().count() as f64 * self.size
    }
    /// Em box, bottom-up: (x0, y0, x1, y1).
    fn em_box(&self) -> (f64, f64, f64, f64) {
        (
            self.x,
            self.y - 0.12 * self.size,
            self.x + self.width(),
            self.y + 0.88 * self.size,
        )
    }
    fn expected(&self) -> Option<Expected> {
        let n = self.text.chars().count();
        let all = |hiding| {
            Some(Expected {
                text: self.text.clone(),
                hiding,
                continues_shown: false,
            })
        };
        let tail = |m: usize, hiding| {
            Some(Expected {
                text: self.text.chars().skip(n - m).collect(),
                hiding,
                continues_shown: true,
            })
        };
        match self.fate {
            Fate::ClipWhole | Fate::ClipBottom(_) => all(Hiding::Clipped),
            Fate::ClipTail(m) => tail(m, Hiding::Clipped),
            Fate::OffBottom | Fate::OffBottomPart(_) => all(Hiding::OffPage),
            Fate::OffRight(m) => tail(m, Hiding::OffPage),
            Fate::CoverWhole | Fate::CoverBottom(_) => all(Hiding::Covered),
            _ => None,
        }
    }
}

/// xorshift64*: a fixed seed makes every run draw the same family.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
    fn between(&mut self, lo: f64, hi: f64) -> f64 {
        lo + (hi - lo) * (self.next() % 10_000) as f64 / 10_000.0
    }
}

fn random_fate(rng: &mut Rng, n: usize) -> Fate {
    let share = rng.between(0.4, 0.6);
    let m = 1 + rng.below(n / 2);
    match rng.below(14) {
        0 => Fate::Shown,
        1 => Fate::ClipWhole,
        2 => Fate::ClipBottom(share),
        3 => Fate::ClipTail(m),
        4 => Fate::OffBottom,
        5 => Fate::OffBottomPart(share),
        6 => Fate::OffRight(m),
        7 => Fate::CoverWhole,
        8 => Fate::CoverBottom(share),
        9 => Fate::TightClip,
        10 => Fate::Background,
        11 => Fate::ThinBar,
        12 => Fate::Translucent,
        _ => Fate::CurvedClip,
    }
}

/// One page: its size, lines and content stream.
struct GeneratedPage {
    width: f64,
    height: f64,
    lines: Vec<Placed>,
    content: String,
}

fn generate_page(rng: &mut Rng) -> GeneratedPage {
    let (width, height) = if rng.below(2) == 0 {
        (595.0, 842.0)
    } else {
        (842.0, 595.0)
    };
    let size = rng.between(9.0, 16.0).round();
    let mut lines = Vec::new();
    let mut y = height - 60.0;
    let mut off_bottom_used = false;
    for _ in 0..3 + rng.below(6) {
        let n = 4 + rng.below(9);
        let text: String = (0..n)
            .map(|_| CHARS.chars().nth(rng.below(CHARS.chars().count())).unwrap())
            .collect();
        let mut fate = random_fate(rng, n);
        let x = 60.0 + rng.between(0.0, 40.0);
        let (x, line_y) = match fate {
            Fate::OffBottom | Fate::OffBottomPart(_) if off_bottom_used => {
                fate = Fate::Shown;
                (x, y)
            }
            Fate::OffBottom => {
                off_bottom_used = true;
                (x, -2.0 * size)
            }
            Fate::OffBottomPart(share) => {
                off_bottom_used = true;
                (x, (0.12 - share) * size)
            }
            Fate::OffRight(m) => (width - (n - m) as f64 * size, y),
            _ => (x, y),
        };
        lines.push(Placed {
            text,
            fate,
            x,
            y: line_y,
            size,
        });
        y -= 3.0 * size;
    }
    let content = lines.iter().map(draw).collect::<Vec<_>>().join("\n");
    GeneratedPage {
        width,
        height,
        lines,
        content,
    }
}

/// The content-stream operators that draw one line with its fate.
fn draw(l: &Placed) -> String {
    let text = format!(
        "BT /F1 {} Tf 1 0 0 1 {:.3} {:.3} Tm {} Tj ET",
        l.size,
        l.x,
        l.y,
        ucs2_hex(&l.text)
    );
    let (x0, y0, x1, y1) = l.em_box();
    let s = l.size;
    let rect = |x0: f64, y0: f64, x1: f64, y1: f64| {
        format!("{x0:.3} {y0:.3} {:.3} {:.3} re", x1 - x0, y1 - y0)
    };
    match l.fate {
        Fate::Shown | Fate::OffBottom | Fate::OffBottomPart(_) | Fate::OffRight(_) => text,
        Fate::ClipWhole => format!(
            "q {} W n {text} Q",
            rect(x0 - 5.0, y1 + 2.0, x1 + 5.0, y1 + 50.0)
        ),
        Fate::ClipBottom(share) => format!(
            "q {} W n {text} Q",
            rect(x0 - 5.0, y0 + share * s, x1 + 5.0, y1 + 50.0)
        ),
        Fate::ClipTail(m) => format!(
            "q {} W n {text} Q",
            rect(x0 - 5.0, y0 - 5.0, x1 - m as f64 * s, y1 + 5.0)
        ),
        Fate::CoverWhole => format!(
            "{text} 1 g {} f 0 g",
            rect(x0 - 1.0, y0 - 1.0, x1 + 1.0, y1 + 1.0)
        ),
        Fate::CoverBottom(share) => format!(
            "{text} 0.9 0.9 0.5 rg {} f 0 g",
            rect(x0 - 1.0, y0 - 1.0, x1 + 1.0, y0 + share * s)
        ),
        Fate::TightClip => format!(
            "q {} W n {text} Q",
            rect(x0 - 0.3, y0 - 0.3, x1 + 0.3, y1 + 0.3)
        ),
        Fate::Background => format!(
            "0.8 g {} f 0 g {text}",
            rect(x0 - 2.0, y0 - 2.0, x1 + 2.0, y1 + 2.0)
        ),
        Fate::ThinBar => format!(
            "{text} 0 g {} f",
            rect(x0, y0 + 0.4 * s, x1, y0 + 0.4 * s + 1.0)
        ),
        Fate::Translucent => format!(
            "{text} q /Half gs 1 g {} f Q",
            rect(x0 - 1.0, y0 - 1.0, x1 + 1.0, y1 + 1.0)
        ),
        Fate::CurvedClip => {
            let (cx, cy) = ((x0 + x1) / 2.0, (y0 + y1) / 2.0);
            let r = (x1 - x0) / 2.0 + s;
            // A circle from four Bézier arcs (k = 0.5523).
            let k = 0.5523 * r;
            let circle = format!(
                "{:.3} {cy:.3} m {:.3} {:.3} {:.3} {:.3} {cx:.3} {:.3} c \
                 {:.3} {:.3} {:.3} {:.3} {:.3} {cy:.3} c \
                 {:.3} {:.3} {:.3} {:.3} {cx:.3} {:.3} c \
                 {:.3} {:.3} {:.3} {:.3} {:.3} {cy:.3} c h",
                cx + r,
                cx + r,
                cy + k,
                cx + k,
                cy + r,
                cy + r,
                cx - k,
                cy + r,
                cx - r,
                cy + k,
                cx - r,
                cx - r,
                cy - k,
                cx - k,
                cy - r,
                cy - r,
                cx + k,
                cy - r,
                cx + r,
                cy - k,
                cx + r,
            );
            format!("q {circle} W n {text} Q")
        }
    }
}

/// STSong-Light through the predefined CMap UniGB-UCS2-H, not embedded (as
/// reportlab writes it): every reader maps it to an installed CJK face, so
/// the renderer draws real glyphs (one em advance each, `/DW 1000`).
fn stsong(b: &mut PdfBuilder) -> usize {
    let descriptor = b.add(
        "<< /Type /FontDescriptor /FontName /STSong-Light /Flags 6 \
         /FontBBox [0 -120 1000 880] /ItalicAngle 0 /Ascent 880 /Descent -120 \
         /CapHeight 880 /StemV 80 >>",
    );
    let descendant = b.add(format!(
        "<< /Type /Font /Subtype /CIDFontType0 /BaseFont /STSong-Light \
         /CIDSystemInfo << /Registry (Adobe) /Ordering (GB1) /Supplement 2 >> \
         /FontDescriptor {descriptor} 0 R /DW 1000 >>"
    ));
    b.add(format!(
        "<< /Type /Font /Subtype /Type0 /BaseFont /STSong-Light /Encoding /UniGB-UCS2-H \
         /DescendantFonts [{descendant} 0 R] >>"
    ))
}

/// `text` as a hex string of UCS-2 codes.
fn ucs2_hex(text: &str) -> String {
    let codes: String = text.encode_utf16().map(|u| format!("{u:04X}")).collect();
    format!("<{codes}>")
}

/// A document of the generated pages.
fn document(pages: &[GeneratedPage]) -> Vec<u8> {
    let mut b = PdfBuilder::default();
    let font = stsong(&mut b);
    let half = b.add("<< /Type /ExtGState /ca 0.5 /CA 0.5 >>");
    let pages_id = b.reserve();
    let mut kids = Vec::new();
    for p in pages {
        let contents = b.stream("", p.content.as_bytes());
        kids.push(b.add(format!(
            "<< /Type /Page /Parent {pages_id} 0 R /MediaBox [0 0 {} {}] \
             /Resources << /Font << /F1 {font} 0 R >> /ExtGState << /Half {half} 0 R >> >> \
             /Contents {contents} 0 R >>",
            p.width, p.height
        )));
    }
    let refs: Vec<String> = kids.iter().map(|k| format!("{k} 0 R")).collect();
    b.set(
        pages_id,
        format!(
            "<< /Type /Pages /Kids [{}] /Count {} >>",
            refs.join(" "),
            kids.len()
        ),
    );
    let root = b.add(format!("<< /Type /Catalog /Pages {pages_id} 0 R >>"));
    b.finish(root)
}

fn family(seed: u64, count: usize) -> Vec<GeneratedPage> {
    let mut rng = Rng(seed);
    (0..count).map(|_| generate_page(&mut rng)).collect()
}

fn found(page: &Page) -> Vec<Expected> {
    let mut out: Vec<Expected> = page
        .hidden
        .iter()
        .map(|h| Expected {
            text: h.text.clone(),
            hiding: h.hiding,
            continues_shown: h.continues_shown,
        })
        .collect();
    out.sort_by(|a, b| a.text.cmp(&b.text));
    out
}

#[test]
fn the_pdf_stage_reports_exactly_the_hidden_lines_of_a_random_family() {
    let pages = family(0x5EED_2026_1202, 60);
    let read = read_pages(&document(&pages), &PdfLimits::default()).unwrap();
    let mut fates = std::collections::BTreeMap::new();
    for (generated, page) in pages.iter().zip(&read) {
        let mut expected: Vec<Expected> = generated
            .lines
            .iter()
            .filter_map(Placed::expected)
            .collect();
        expected.sort_by(|a, b| a.text.cmp(&b.text));
        assert_eq!(
            found(page),
            expected,
            "page {}: {:?}",
            page.number,
            generated
                .lines
                .iter()
                .map(|l| (&l.text, l.fate))
                .collect::<Vec<_>>()
        );
        for l in &generated.lines {
            *fates
                .entry(
                    format!("{:?}", l.fate)
                        .split('(')
                        .next()
                        .unwrap()
                        .to_string(),
                )
                .or_insert(0) += 1;
        }
    }
    // Every fate was drawn (the family covers each way of hiding and each decoy).
    assert_eq!(fates.len(), 14, "{fates:?}");
}

#[test]
fn text_painted_over_is_not_read_and_text_cut_by_a_page_edge_is_read_as_before() {
    let pages = family(0x5EED_2026_1202, 60);
    let read = read_pages(&document(&pages), &PdfLimits::default()).unwrap();
    for (generated, page) in pages.iter().zip(&read) {
        let text: String = page.glyphs.iter().map(|g| g.text.as_str()).collect();
        for l in &generated.lines {
            match l.fate {
                Fate::CoverWhole => assert!(!text.contains(&l.text), "{}", l.text),
                Fate::Shown | Fate::TightClip | Fate::Background | Fate::Translucent => {
                    assert!(text.contains(&l.text), "{}", l.text)
                }
                _ => {}
            }
        }
    }
}

/// `pdftoppm` and poppler's GB1 CMaps when installed; under CI their
/// absence fails.
fn have_pdftoppm() -> bool {
    let ok = Command::new("pdftoppm").arg("-v").output().is_ok()
        && std::path::Path::new("/usr/share/poppler/cMap/Adobe-GB1").is_dir();
    if !ok {
        assert!(
            std::env::var_os("CI").is_none(),
            "pdftoppm or poppler-data is missing under CI"
        );
        eprintln!("SKIPPED: pdftoppm or poppler-data is not installed; no rendering check");
    }
    ok
}

/// Grey levels below this are ink (black text under a half-transparent white
/// box is about 128; the generator's fills are lighter than 200).
const DARK: u8 = 192;

/// A grey-scale raster (PGM, as pdftoppm writes it).
struct Raster {
    width: usize,
    height: usize,
    pixels: Vec<u8>,
    /// Pixels per point.
    scale: f64,
}

impl Raster {
    fn parse(bytes: &[u8], scale: f64) -> Raster {
        let mut fields = Vec::new();
        let mut at = 0;
        while fields.len() < 4 {
            while bytes[at].is_ascii_whitespace() {
                at += 1;
            }
            let start = at;
            while !bytes[at].is_ascii_whitespace() {
                at += 1;
            }
            fields.push(String::from_utf8_lossy(&bytes[start..at]).to_string());
        }
        assert_eq!(fields[0], "P5");
        let (width, height) = (fields[1].parse().unwrap(), fields[2].parse().unwrap());
        Raster {
            width,
            height,
            pixels: bytes[at + 1..].to_vec(),
            scale,
        }
    }

    /// Dark pixels inside the page-space box (bottom-up points), shrunk by
    /// 1 pt on every side so that anti-aliasing at its edges does not count.
    fn ink(&self, page_height: f64, (x0, y0, x1, y1): (f64, f64, f64, f64)) -> usize {
        let px = |x: f64| ((x * self.scale).round().max(0.0) as usize).min(self.width);
        let py =
            |y: f64| (((page_height - y) * self.scale).round().max(0.0) as usize).min(self.height);
        let (c0, c1) = (px(x0 + 1.0), px(x1 - 1.0));
        let (r0, r1) = (py(y1 - 1.0), py(y0 + 1.0));
        let mut dark = 0;
        for r in r0..r1 {
            for c in c0..c1 {
                if self.pixels[r * self.width + c] < DARK {
                    dark += 1;
                }
            }
        }
        dark
    }
}

#[test]
fn a_renderer_agrees_with_the_generators_truth() {
    if !have_pdftoppm() {
        return;
    }
    let pages = family(0x5EED_2026_1202, 60);
    let dir = tempfile::tempdir().unwrap();
    let pdf = dir.path().join("family.pdf");
    std::fs::write(&pdf, document(&pages)).unwrap();
    let dpi = 144.0;
    let status = Command::new("pdftoppm")
        .args(["-gray", "-r", "144"])
        .arg(&pdf)
        .arg(dir.path().join("p"))
        .status()
        .unwrap();
    assert!(status.success());
    let mut files: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "pgm"))
        .collect();
    files.sort();
    assert_eq!(files.len(), pages.len());
    for (generated, file) in pages.iter().zip(&files) {
        let raster = Raster::parse(&std::fs::read(file).unwrap(), dpi / 72.0);
        let h = generated.height;
        for l in &generated.lines {
            let (x0, y0, x1, y1) = l.em_box();
            let s = l.size;
            let n = l.text.chars().count() as f64;
            let ink = |b| raster.ink(h, b);
            let what = format!("{file:?} {:?} {}", l.fate, l.text);
            match l.fate {
                Fate::Shown
                | Fate::TightClip
                | Fate::Background
                | Fate::Translucent
                | Fate::CurvedClip => assert!(ink((x0, y0, x1, y1)) > 0, "{what}"),
                Fate::ClipWhole | Fate::CoverWhole => {
                    assert_eq!(ink((x0, y0, x1, y1)), 0, "{what}")
                }
                Fate::ClipBottom(share) | Fate::CoverBottom(share) => {
                    assert_eq!(ink((x0, y0, x1, y0 + share * s)), 0, "{what}");
                    assert!(ink((x0, y0 + share * s, x1, y1)) > 0, "{what}");
                }
                Fate::OffBottomPart(_) => assert!(ink((x0, 0.0, x1, y1)) > 0, "{what}"),
                Fate::ClipTail(m) | Fate::OffRight(m) => {
                    let cut = x0 + (n - m as f64) * s;
                    assert_eq!(ink((cut, y0, x1.min(generated.width), y1)), 0, "{what}");
                    assert!(ink((x0, y0, cut, y1)) > 0, "{what}");
                }
                Fate::OffBottom | Fate::ThinBar => {}
            }
        }
    }
}

/// The hidden runs of a fixture under tests/fixtures/hidden (made by its
/// make.sh): text, why, share hidden (two decimals), continues_shown.
fn fixture_runs(name: &str) -> Vec<(String, Hiding, String, bool)> {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/hidden")
        .join(name);
    let pages = read_pages(&std::fs::read(path).unwrap(), &PdfLimits::default()).unwrap();
    pages
        .iter()
        .flat_map(|p| &p.hidden)
        .map(|h| {
            (
                h.text.clone(),
                h.hiding,
                format!("{:.2}", h.hidden_share),
                h.continues_shown,
            )
        })
        .collect()
}

/// Chromium (an `overflow: hidden` box cutting its third line through, a
/// white box over a line, a one-line label too long for its box) and
/// LibreOffice Calc (a wrapped cell taller than its row): each run checked
/// by rendering (pdftoppm) when the fixtures were made. Chromium and Calc
/// leave out what is wholly clipped (甲四, the label's end, the cell's
/// overflow `式…`), so only what they draw can be found.
#[test]
fn real_producers_clipped_and_painted_over_text_is_found() {
    let s = |t: &str| t.to_string();
    assert_eq!(
        fixture_runs("chromium-cases.pdf"),
        [
            (
                s("甲三社会保障和就业支出主要用于离退休"),
                Hiding::Clipped,
                s("0.50"),
                false
            ),
            (s("数"), Hiding::Clipped, s("0.38"), true),
            (
                s("乙二这一行被白色矩形覆盖不可见。"),
                Hiding::Covered,
                s("1.00"),
                false
            ),
        ]
    );
    assert_eq!(
        fixture_runs("calc-cases.pdf"),
        [(
            s("审核、立项和转报工作。负责本系统信息化建设。"),
            Hiding::Clipped,
            s("0.63"),
            false
        )]
    );
}
