//! Every cell read from a PDF has a page and a box, and the box holds the
//! printed number: checked against the word boxes of an independent reader,
//! poppler's `pdftotext -bbox`, for a sample of cells per PDF producer in
//! `corpus/pdf` and for the three real 2024 决算 PDFs in `../shared/real`.
//! Needs `pdftotext` (poppler-utils, installed by .ci/run) and, for the real
//! PDFs, `../shared`: both FAIL under CI when missing.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::process::Command;
use yujuesuan::output::cells::{Cell, cells};
use yujuesuan::templates::Templates;

/// Cells checked per file: spread evenly over its cells.
const SAMPLE: usize = 40;
/// Points of slack around our box (anti-aliasing, poppler's font-box heights).
const SLACK: f32 = 1.0;

/// A word as poppler sees it: top-origin box and text.
struct Word {
    text: String,
    x0: f32,
    y0: f32,
    x1: f32,
    y1: f32,
}

fn in_ci() -> bool {
    std::env::var_os("CI").is_some()
}

fn have_pdftotext() -> bool {
    let ok = Command::new("pdftotext").arg("-v").output().is_ok();
    assert!(
        ok || !in_ci(),
        "pdftotext (poppler-utils) is missing under CI"
    );
    if !ok {
        eprintln!("SKIPPED: pdftotext is not installed");
    }
    ok
}

/// Page height and words of each page, from `pdftotext -bbox`.
fn poppler_words(pdf: &Path) -> HashMap<u32, (f32, Vec<Word>)> {
    let out = Command::new("pdftotext")
        .arg("-bbox")
        .arg(pdf)
        .arg("-")
        .output()
        .unwrap();
    let html = String::from_utf8_lossy(&out.stdout);
    let attr = |line: &str, name: &str| -> f32 {
        let key = format!("{name}=\"");
        let start = line.find(&key).unwrap() + key.len();
        line[start..].split('"').next().unwrap().parse().unwrap()
    };
    let mut pages = HashMap::new();
    let mut page = 0u32;
    for line in html.lines() {
        let line = line.trim();
        if line.starts_with("<page ") {
            page += 1;
            pages.insert(page, (attr(line, "height"), Vec::new()));
        } else if line.starts_with("<word ") {
            let text = line
                .split('>')
                .nth(1)
                .unwrap_or("")
                .split('<')
                .next()
                .unwrap_or("");
            let w = Word {
                text: text.replace("&amp;", "&"),
                x0: attr(line, "xMin"),
                y0: attr(line, "yMin"),
                x1: attr(line, "xMax"),
                y1: attr(line, "yMax"),
            };
            pages.get_mut(&page).unwrap().1.push(w);
        }
    }
    pages
}

fn numeric(text: &str) -> Option<f64> {
    text.replace([',', '，'], "").parse().ok()
}

/// Checks a sample of a PDF's cells; returns (checked, failures).
fn check_pdf(pdf: &Path, templates: &Templates) -> (usize, Vec<String>) {
    let report = yujuesuan::read_report(pdf, templates).unwrap();
    let all: Vec<Cell> = cells(&report);
    assert!(!all.is_empty(), "{}: no cells", pdf.display());
    let missing: Vec<&Cell> = all
        .iter()
        .filter(|c| c.page.is_none() || c.bbox.is_none())
        .collect();
    assert!(
        missing.is_empty(),
        "{}: {} of {} cells without page or bbox, e.g. {:?}",
        pdf.display(),
        missing.len(),
        all.len(),
        missing.first()
    );
    let words = poppler_words(pdf);
    let step = (all.len() / SAMPLE).max(1);
    let mut failures = Vec::new();
    let mut checked = 0;
    for c in all.iter().step_by(step) {
        let (page, b) = (c.page.unwrap(), c.bbox.unwrap());
        let (height, list) = &words[&page];
        // Our box in poppler's top-origin coordinates.
        let (top, bottom) = (height - b.y1, height - b.y0);
        let holds = list
            .iter()
            .filter(|w| numeric(&w.text) == Some(c.value))
            .any(|w| {
                let (cx, cy) = ((w.x0 + w.x1) / 2.0, (w.y0 + w.y1) / 2.0);
                cx >= b.x0 - SLACK
                    && cx <= b.x1 + SLACK
                    && cy >= top - SLACK
                    && cy <= bottom + SLACK
                    && (w.x0 - b.x0).abs() <= 2.0
                    && (w.x1 - b.x1).abs() <= 2.0
            });
        checked += 1;
        if !holds {
            failures.push(format!(
                "{} p{} {}/{}/{} = {} bbox {:?}",
                pdf.display(),
                page,
                c.table,
                c.row,
                c.column,
                c.value,
                b
            ));
        }
    }
    (checked, failures)
}

fn check_all(pdfs: &[PathBuf]) {
    let templates = Templates::embedded().unwrap();
    let mut checked = 0;
    let mut failures = Vec::new();
    for pdf in pdfs {
        let (n, f) = check_pdf(pdf, &templates);
        println!(
            "{}: {n} cells checked, {} outside their box",
            pdf.display(),
            f.len()
        );
        checked += n;
        failures.extend(f);
    }
    println!(
        "bbox: {checked} cells checked against pdftotext -bbox, {} failures",
        failures.len()
    );
    assert!(
        failures.is_empty(),
        "cells whose box does not hold the printed number:\n{}",
        failures.join("\n")
    );
}

#[test]
fn corpus_pdf_cells_have_boxes_around_their_numbers_for_every_producer() {
    if !have_pdftotext() {
        return;
    }
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus/pdf");
    let mut pdfs = Vec::new();
    for producer in [
        "chromium",
        "libreoffice-calc",
        "libreoffice-writer",
        "reportlab",
    ] {
        let mut files: Vec<PathBuf> = std::fs::read_dir(root.join(producer))
            .unwrap()
            .map(|e| e.unwrap().path())
            .filter(|p| p.extension().is_some_and(|e| e == "pdf"))
            .collect();
        files.sort();
        // A small and a large report of each producer.
        pdfs.extend(
            files
                .iter()
                .filter(|p| p.to_string_lossy().contains("small"))
                .take(1)
                .cloned(),
        );
        pdfs.extend(
            files
                .iter()
                .filter(|p| p.to_string_lossy().contains("large"))
                .take(1)
                .cloned(),
        );
    }
    assert_eq!(pdfs.len(), 8);
    check_all(&pdfs);
}

#[test]
fn real_final_accounts_cells_have_boxes_around_their_numbers() {
    let shared = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared");
    if !shared.is_dir() {
        assert!(
            !in_ci(),
            "../shared is missing under CI: the real PDFs cannot be read"
        );
        eprintln!("SKIPPED: ../shared is absent");
        return;
    }
    if !have_pdftotext() {
        return;
    }
    let dir = shared.join("real/zxj6827111-blip__GOV");
    let mut pdfs: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.to_string_lossy().ends_with("部门决算.pdf"))
        .collect();
    pdfs.sort();
    assert_eq!(
        pdfs.len(),
        3,
        "the three real 2024 决算 PDFs in {}",
        dir.display()
    );
    check_all(&pdfs);
}

#[test]
fn text_cells_carry_their_line_number() {
    let templates = Templates::embedded().unwrap();
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus/text");
    let mut files: Vec<PathBuf> = std::fs::read_dir(&path)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    files.sort();
    let file = files
        .iter()
        .find(|p| p.extension().is_some_and(|e| e == "txt"))
        .unwrap();
    let text = std::fs::read_to_string(file).unwrap();
    let lines: Vec<&str> = text.split('\n').collect();
    let report = yujuesuan::read_report(file, &templates).unwrap();
    for c in cells(&report) {
        let line = c.line.unwrap_or_else(|| panic!("{c:?} has no line"));
        let printed = lines[line as usize - 1];
        let found = printed
            .split_whitespace()
            .any(|w| numeric(&yujuesuan::text_norm::compact(w)) == Some(c.value));
        assert!(found, "line {line} {printed:?} does not print {}", c.value);
    }
}
