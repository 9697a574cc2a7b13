//! Our device against hayro's renderer: the same crops drawn by both must be
//! near-identical (anti-aliasing may differ by a level here and there; a
//! missing rule or glyph would not), on PDFs of every producer of the
//! corpus and on a real budget.

use super::device::{self, FileCache};
use super::{Crop, DEFAULT_SCALE, FileCaches, Region, crop, images_with, load};
use crate::provenance::BBox;
use hayro::hayro_interpret::util::TransformExt;
use hayro::kurbo::Affine;
use hayro::vello_cpu::RenderContext;
use std::path::{Path, PathBuf};

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// The crops compared on a page: the whole page, and a strip across its
/// middle with a box outlined (a site crop's shape).
fn crops_of(page: u32, height: f32) -> Vec<Crop> {
    let middle = height / 2.0;
    vec![
        Crop {
            page,
            region: Region::Page,
            boxes: vec![],
        },
        Crop {
            page,
            region: Region::Strip,
            boxes: vec![BBox {
                x0: 100.0,
                y0: middle,
                x1: 200.0,
                y1: middle + 12.0,
            }],
        },
    ]
}

/// Per channel: mean absolute difference, and the share of channels
/// differing by more than a quarter of the range.
fn difference(ours: &crop::Image, theirs: &crop::Image) -> (f64, f64) {
    assert_eq!((ours.width, ours.height), (theirs.width, theirs.height));
    let n = ours.rgb.len().max(1) as f64;
    let (mut sum, mut far) = (0u64, 0u64);
    for (a, b) in ours.rgb.iter().zip(&theirs.rgb) {
        let d = a.abs_diff(*b);
        sum += u64::from(d);
        far += u64::from(d > 64);
    }
    (sum as f64 / n, far as f64 / n)
}

fn outline_pixels(image: &crop::Image) -> usize {
    image
        .rgb
        .chunks_exact(3)
        .filter(|p| *p == [220, 30, 30])
        .count()
}

/// Compares the crops of the first `pages` pages of a PDF; returns how many
/// pages our device drew itself (the others fell back to hayro).
fn compare(path: &Path, pages: u32) -> usize {
    let bytes = std::fs::read(path).unwrap();
    let pdf = load(&bytes).unwrap();
    let count = (pdf.pages().len() as u32).min(pages);
    let mut drawn_by_us = 0;
    for page in 1..=count {
        let height = pdf.pages()[page as usize - 1].render_dimensions().1;
        let crops = crops_of(page, height);
        let ours = images_with(&pdf, &crops, DEFAULT_SCALE, FileCaches::default());
        let hayro = FileCaches {
            hayro_only: true,
            ..FileCaches::default()
        };
        let theirs = images_with(&pdf, &crops, DEFAULT_SCALE, hayro);
        for ((o, t), c) in ours.iter().zip(&theirs).zip(&crops) {
            let (o, t) = (o.as_ref().unwrap(), t.as_ref().unwrap());
            let (mean, far) = difference(o, t);
            eprintln!(
                "{} p{page} {:?}: mean |Δ| {mean:.6}, far {:.4} %",
                path.display(),
                c.region,
                far * 100.0
            );
            assert!(
                mean < 0.5,
                "{} page {page}: mean |Δ| {mean}",
                path.display()
            );
            assert!(far < 0.002, "{} page {page}: {far} far", path.display());
            assert_eq!(outline_pixels(o) > 0, !c.boxes.is_empty());
        }
        drawn_by_us += usize::from(draws_itself(&pdf, page));
    }
    drawn_by_us
}

/// Whether our device draws the whole page itself (no fallback).
fn draws_itself(pdf: &hayro::hayro_syntax::Pdf, page: u32) -> bool {
    let p = &pdf.pages()[page as usize - 1];
    let (w, h) = p.render_dimensions();
    let mut ctx = RenderContext::new(w as u16, h as u16);
    let transform = Affine::IDENTITY * p.initial_transform(true).to_kurbo();
    let result = device::draw_band(p, &mut FileCache::default(), &mut ctx, transform);
    if let Err(why) = result {
        eprintln!("page {page}: hayro draws it ({why:?})");
    }
    result.is_ok()
}

#[test]
fn our_device_draws_the_corpus_producers_as_hayro_does() {
    for producer in [
        "chromium",
        "libreoffice-calc",
        "libreoffice-writer",
        "reportlab",
    ] {
        let dir = root().join("corpus/pdf").join(producer);
        let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
            .unwrap()
            .map(|e| e.unwrap().path())
            .filter(|p| p.extension().is_some_and(|e| e == "pdf"))
            .collect();
        files.sort();
        let file = files.iter().find(|f| f.to_string_lossy().contains("large"));
        let pages = compare(file.unwrap_or(&files[0]), 2);
        assert!(pages > 0, "{producer}: our device drew no page itself");
    }
}

#[test]
fn our_device_draws_a_real_budget_as_hayro_does() {
    let path = root().join("../shared/real/zxj6827111-blip__GovBudgetChecker/unit_budget.pdf");
    if !path.is_file() {
        assert!(
            std::env::var_os("CI").is_none(),
            "../shared/real is missing under CI"
        );
        eprintln!("SKIPPED: {} is missing", path.display());
        return;
    }
    assert!(compare(&path, 12) > 0);
}

/// A one-page PDF (200 × 200 pt) whose page draws `content`.
fn one_page_pdf(content: &str) -> Vec<u8> {
    let stream = format!(
        "<< /Length {} >>\nstream\n{content}\nendstream",
        content.len() + 1
    );
    let page = "/MediaBox [0 0 200 200] /Contents 4 0 R";
    crate::pdf::test_pdf::one_page(page, &[stream.into_bytes()]).0
}

/// A grey 2 × 2 image in the top quarter of the page, a black rule low down.
const IMAGE_AND_RULE: &str = "q 100 0 0 40 50 150 cm BI /W 2 /H 2 /BPC 8 /CS /G /F /AHx ID \
                              4080C020> EI Q 0 0 0 RG 2 w 20 20 m 180 20 l S";

/// The crop of a band of the one-page PDF (PDF points, bottom-up).
fn band_of(pdf: &[u8], y0: f32, y1: f32, hayro_only: bool) -> crop::Image {
    let pdf = load(pdf).unwrap();
    let crops = [Crop {
        page: 1,
        region: Region::Area(BBox {
            x0: 0.0,
            y0,
            x1: 200.0,
            y1,
        }),
        boxes: vec![],
    }];
    let caches = FileCaches {
        hayro_only,
        ..FileCaches::default()
    };
    let mut images = images_with(&pdf, &crops, DEFAULT_SCALE, caches);
    images.remove(0).unwrap()
}

#[test]
fn an_image_in_the_band_is_drawn_by_hayro_and_one_outside_is_skipped() {
    let pdf = one_page_pdf(IMAGE_AND_RULE);
    let parsed = load(&pdf).unwrap();
    let page = &parsed.pages()[0];
    let outcome = |y_top: f64, height: u16| {
        let mut ctx = RenderContext::new(400, height);
        let transform = Affine::translate((0.0, -y_top))
            * Affine::scale(2.0)
            * page.initial_transform(true).to_kurbo();
        device::draw_band(page, &mut FileCache::default(), &mut ctx, transform)
    };
    // Pixels from the top: the image covers 20–100, the rule about 358–362.
    assert_eq!(outcome(0.0, 120), Err(device::Unsupported::Image));
    assert_eq!(outcome(300.0, 100), Ok(()));
    // Either way the crop is what hayro's renderer draws.
    for (y0, y1) in [(100.0, 200.0), (0.0, 60.0), (0.0, 200.0)] {
        let (ours, theirs) = (band_of(&pdf, y0, y1, false), band_of(&pdf, y0, y1, true));
        assert_eq!(difference(&ours, &theirs), (0.0, 0.0), "{y0}–{y1}");
    }
    let rule = band_of(&pdf, 0.0, 60.0, false);
    assert!(rule.rgb.chunks_exact(3).any(|p| p == [0, 0, 0]));
    let image = band_of(&pdf, 100.0, 200.0, false);
    let grey = |p: &[u8]| p.iter().all(|c| (0x30..0xd0).contains(c));
    assert!(image.rgb.chunks_exact(3).any(grey));
}
