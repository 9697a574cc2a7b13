//! PDF stage and layout stage on small PDFs built here, on committed
//! fixtures, and on the real reports in `../shared/real/` when present.

mod common;
mod support;

use std::path::{Path, PathBuf};
use support::{PdfBuilder, embedded_type0, han_font, han_hex, helvetica, helvetica_page, one_page};
use yujuesuan::error::ErrorClass;
use yujuesuan::layout::{document_lines, page_lines};
use yujuesuan::lines::{Line, XRange};
use yujuesuan::pdf::{Page, PdfLimits, read_pages};

fn read(bytes: &[u8]) -> Vec<Page> {
    match read_pages(bytes, &PdfLimits::default()) {
        Ok(pages) => pages,
        Err(e) => panic!("read_pages failed: {e}"),
    }
}

fn page_text(page: &Page) -> String {
    page.glyphs.iter().map(|g| g.text.as_str()).collect()
}

fn texts(lines: &[Line]) -> Vec<String> {
    lines.iter().map(Line::joined).collect()
}

const HAN: &str = "收入支出决算总表部⻔一般公共预算财政拨款";

#[test]
fn to_unicode_font_decodes_han_with_positions_and_radicals_folded() {
    let mut b = PdfBuilder::default();
    let font = han_font(&mut b, HAN);
    let content = format!(
        "BT /F1 12 Tf 1 0 0 1 50 700 Tm {} Tj ET",
        han_hex(HAN, "部⻔收入支出决算总表")
    );
    let pdf = one_page(
        b,
        (595.0, 842.0),
        &format!("/Font << /F1 {font} 0 R >>"),
        "",
        &content,
    );
    let pages = read(&pdf);
    let page = &pages[0];
    assert_eq!((page.number, page.width, page.height), (1, 595.0, 842.0));
    assert_eq!(page_text(page), "部门收入支出决算总表");
    assert_eq!(page.undecodable, 0);
    let first = &page.glyphs[0];
    assert!((first.x0 - 50.0).abs() < 0.01, "x0 {}", first.x0);
    assert!((first.y - 142.0).abs() < 0.01, "y {}", first.y);
    assert!((first.size - 12.0).abs() < 0.01 && (first.advance - 12.0).abs() < 0.01);
    assert_eq!(&*first.font, "SimSun");
    assert_eq!(texts(&page_lines(page)), ["部门收入支出决算总表"]);
}

#[test]
fn ruled_table_gives_one_line_per_row_and_a_wrapped_cell_stays_one_span() {
    let mut b = PdfBuilder::default();
    let han = han_font(&mut b, HAN);
    let latin = helvetica(&mut b);
    // Grid: columns at x 50 / 250 / 350, rows at y 700 / 680 / 640 (PDF
    // coordinates), the header row one merged cell; borders as `re S` and
    // thin filled rectangles.
    let mut content = String::from("0.5 w 50 640 300 60 re S 50 679.75 300 0.5 re f ");
    content.push_str("249.75 640 0.5 40 re f ");
    content.push_str(&format!(
        "BT /F1 10 Tf 1 0 0 1 150 686 Tm {} Tj ET ",
        han_hex(HAN, "收入支出决算总表")
    ));
    content.push_str(&format!(
        "BT /F1 10 Tf 1 0 0 1 52 666 Tm {} Tj 0 -12 Td {} Tj ET ",
        han_hex(HAN, "一般公共预算财政拨款收"),
        han_hex(HAN, "入")
    ));
    content.push_str("BT /F2 10 Tf 1 0 0 1 300 660 Tm (187.89) Tj ET ");
    content.push_str(&format!(
        "BT /F1 10 Tf 1 0 0 1 50 720 Tm {} Tj ET",
        han_hex(HAN, "决算")
    ));
    let resources = format!("/Font << /F1 {han} 0 R /F2 {latin} 0 R >>");
    let pages = read(&one_page(b, (595.0, 842.0), &resources, "", &content));
    let lines = page_lines(&pages[0]);
    assert_eq!(
        texts(&lines),
        [
            "决算",
            "收入支出决算总表",
            "一般公共预算财政拨款收入 187.89"
        ]
    );
    assert_eq!(
        lines.iter().map(|l| l.ruled).collect::<Vec<_>>(),
        [false, true, true]
    );
    let x = |l: &Line, i: usize| l.spans[i].x.map(|r: XRange| (r.x0.round(), r.x1.round()));
    assert_eq!(x(&lines[1], 0), Some((50.0, 350.0)));
    assert_eq!(x(&lines[2], 0), Some((50.0, 250.0)));
    assert_eq!(x(&lines[2], 1), Some((250.0, 350.0)));
}

#[test]
fn form_xobject_matrix_and_ctm_are_applied() {
    let mut b = PdfBuilder::default();
    let font = helvetica(&mut b);
    let form = b.stream(
        &format!(
            "/Type /XObject /Subtype /Form /BBox [0 0 500 500] /Matrix [1 0 0 1 100 200] \
             /Resources << /Font << /F1 {font} 0 R >> >>"
        ),
        b"BT /F1 10 Tf 0 0 Td (Form) Tj ET",
    );
    let pdf = one_page(
        b,
        (595.0, 842.0),
        &format!("/XObject << /X1 {form} 0 R >>"),
        "",
        "q 1 0 0 1 10 5 cm /X1 Do Q",
    );
    let pages = read(&pdf);
    let g = &pages[0].glyphs[0];
    assert_eq!(page_text(&pages[0]), "Form");
    assert!((g.x0 - 110.0).abs() < 0.01, "x0 {}", g.x0);
    assert!((g.y - (842.0 - 205.0)).abs() < 0.01, "y {}", g.y);
}

#[test]
fn rotate_90_is_honoured() {
    let mut b = PdfBuilder::default();
    let font = helvetica(&mut b);
    let pdf = one_page(
        b,
        (200.0, 100.0),
        &format!("/Font << /F1 {font} 0 R >>"),
        "/Rotate 90",
        "BT /F1 10 Tf 10 20 Td (R) Tj ET",
    );
    let pages = read(&pdf);
    let (page, g) = (&pages[0], &pages[0].glyphs[0]);
    assert_eq!((page.width, page.height), (100.0, 200.0));
    // Clockwise: the left edge becomes the top, the bottom edge the left.
    assert!((g.y - 10.0).abs() < 0.01, "y {}", g.y);
    assert!(g.x0 < 20.5 && g.x1 > 12.0, "x {}..{}", g.x0, g.x1);
}

#[test]
fn invisible_and_off_page_text_is_dropped() {
    let pdf = helvetica_page(
        "BT /F1 10 Tf 3 Tr 50 50 Td (Hidden) Tj ET \
     q BT /F1 10 Tf 7 Tr 50 60 Td (Clip) Tj ET Q \
     BT /F1 10 Tf 0 Tr 50 -30 Td (OffPage) Tj ET \
     BT /F1 10 Tf 0 Tr 50 80 Td (Shown) Tj ET",
    );
    assert_eq!(page_text(&read(&pdf)[0]), "Shown");
}

#[test]
fn text_outside_the_clip_is_dropped_until_the_clip_is_restored() {
    // A table cell clipping its text, as LibreOffice draws a repeated header
    // row shorter than its text: only the first line shows.
    let pdf = helvetica_page(
        "q 40 700 100 20 re W n \
     BT /F1 10 Tf 50 705 Td (In) Tj ET \
     BT /F1 10 Tf 50 690 Td (Out) Tj ET Q \
     BT /F1 10 Tf 50 600 Td (After) Tj ET",
    );
    assert_eq!(page_text(&read(&pdf)[0]), "InAfter");
}

#[test]
fn fake_bold_duplicates_are_dropped() {
    let mut b = PdfBuilder::default();
    let font = han_font(&mut b, HAN);
    let hex = han_hex(HAN, "总表");
    let content = format!(
        "BT /F1 10 Tf 1 0 0 1 50 50 Tm {hex} Tj 1 0 0 1 50.3 50.2 Tm {hex} Tj \
         1 0 0 1 50.6 50 Tm {hex} Tj ET \
         BT /F1 10 Tf 2 Tr 1 0 0 1 50 80 Tm {hex} Tj ET"
    );
    let pdf = one_page(
        b,
        (595.0, 842.0),
        &format!("/Font << /F1 {font} 0 R >>"),
        "",
        &content,
    );
    assert_eq!(page_text(&read(&pdf)[0]), "总表总表");
}

#[test]
fn errors_are_classified() {
    let limits = PdfLimits::default();
    let class = |bytes: &[u8], limits: &PdfLimits| read_pages(bytes, limits).err().map(|e| e.class);
    assert_eq!(
        class(b"<html>not a pdf</html>", &limits),
        Some(ErrorClass::NotPdf)
    );
    assert_eq!(
        class(b"%PDF-1.4\n garbage", &limits),
        Some(ErrorClass::Corrupt)
    );

    let mut b = PdfBuilder::default();
    let image = b.stream(
        "/Type /XObject /Subtype /Image /Width 1 /Height 1 /ColorSpace /DeviceGray /BitsPerComponent 8",
        &[0x80],
    );
    let scan = one_page(
        b,
        (595.0, 842.0),
        &format!("/XObject << /Im1 {image} 0 R >>"),
        "",
        "q 595 0 0 842 0 0 cm /Im1 Do Q",
    );
    let err = read_pages(&scan, &limits).err();
    assert_eq!(err.as_ref().map(|e| e.class), Some(ErrorClass::NoTextLayer));
    assert!(err.is_some_and(|e| e.message.contains("OCR needed")));

    let text = helvetica_page("BT /F1 10 Tf 50 50 Td (Many glyphs) Tj ET");
    let tight = PdfLimits {
        max_glyphs_per_page: 3,
        ..PdfLimits::default()
    };
    assert_eq!(class(&text, &tight), Some(ErrorClass::TooLarge));
    let no_pages = PdfLimits {
        max_pages: 0,
        ..PdfLimits::default()
    };
    assert_eq!(class(&text, &no_pages), Some(ErrorClass::TooLarge));
    let small = PdfLimits {
        max_bytes: 10,
        ..PdfLimits::default()
    };
    assert_eq!(class(&text, &small), Some(ErrorClass::TooLarge));
}

#[test]
fn mutated_pdfs_never_panic() {
    let mut b = PdfBuilder::default();
    let font = han_font(&mut b, HAN);
    let content = format!(
        "0.5 w 50 640 300 60 re S BT /F1 12 Tf 1 0 0 1 50 700 Tm {} Tj ET",
        han_hex(HAN, "收入支出决算总表")
    );
    let pdf = one_page(
        b,
        (595.0, 842.0),
        &format!("/Font << /F1 {font} 0 R >>"),
        "",
        &content,
    );
    let mut seed: u64 = 0x9E37_79B9_7F4A_7C15;
    let mut next = || {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        seed
    };
    for _ in 0..300 {
        let mut mutated = pdf.clone();
        for _ in 0..(next() % 8 + 1) {
            let at = (next() % mutated.len() as u64) as usize;
            mutated[at] = (next() & 0xFF) as u8;
        }
        if let Ok(pages) = read_pages(&mutated, &PdfLimits::default()) {
            let _ = document_lines(&pages);
        }
    }
}

fn fixture(name: &str) -> Vec<u8> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name);
    match std::fs::read(&path) {
        Ok(b) => b,
        Err(e) => panic!("{}: {e}", path.display()),
    }
}

#[test]
fn predefined_cmap_unigb_ucs2_from_reportlab_decodes() {
    // reportlab's STSong-Light: Type0, /Encoding /UniGB-UCS2-H, not embedded.
    let pages = read(&fixture("reportlab-stsong.pdf"));
    let lines = document_lines(&pages);
    let all: Vec<String> = lines.iter().map(Line::compact).collect();
    assert!(
        all.iter().any(|l| l == "2022年度收入支出决算总表"),
        "{all:?}"
    );
    assert!(
        all.iter().any(|l| l.contains("一般公共预算财政拨款收入")),
        "{all:?}"
    );
    assert_eq!(pages.iter().map(|p| p.undecodable).sum::<usize>(), 0);
}

#[test]
fn owner_password_only_pdfs_read_and_user_password_is_encrypted() {
    for name in [
        "owner-rc4-40.pdf",
        "owner-rc4.pdf",
        "owner-aes128.pdf",
        "owner-aes256.pdf",
    ] {
        let pages = read(&fixture(name));
        let lines = document_lines(&pages);
        assert!(
            lines
                .iter()
                .any(|l| l.compact().contains("收入支出决算总表")),
            "{name}: {:?}",
            texts(&lines)
        );
    }
    let err = read_pages(&fixture("user-password.pdf"), &PdfLimits::default()).err();
    assert_eq!(err.map(|e| e.class), Some(ErrorClass::Encrypted));
}

fn real_pdfs() -> Option<Vec<PathBuf>> {
    let root = common::shared_path("real", "real-PDF tests need the shared corpus")?;
    let mut found = Vec::new();
    let mut dirs = vec![root];
    while let Some(dir) = dirs.pop() {
        let Ok(entries) = std::fs::read_dir(&dir) else {
            continue;
        };
        for entry in entries.flatten() {
            let path = entry.path();
            if path.is_dir() {
                dirs.push(path);
            } else if path
                .extension()
                .is_some_and(|e| e.eq_ignore_ascii_case("pdf"))
            {
                found.push(path);
            }
        }
    }
    found.sort();
    Some(found)
}

#[test]
fn every_real_pdf_reads_without_panic() {
    let Some(paths) = real_pdfs() else { return };
    for path in paths {
        let bytes = std::fs::read(&path).unwrap_or_default();
        match read_pages(&bytes, &PdfLimits::default()) {
            Ok(pages) => {
                let lines = document_lines(&pages);
                assert!(!lines.is_empty(), "{}: no lines", path.display());
                let undecodable: usize = pages.iter().map(|p| p.undecodable).sum();
                assert_eq!(undecodable, 0, "{}", path.display());
            }
            Err(e) => panic!("{}: {e}", path.display()),
        }
    }
}

#[test]
fn real_final_accounts_have_the_summary_table() {
    let Some(paths) = real_pdfs() else { return };
    let finals: Vec<&PathBuf> = paths
        .iter()
        .filter(|p| {
            p.to_string_lossy().contains("2024") && p.to_string_lossy().contains("部门决算")
        })
        .collect();
    assert_eq!(finals.len(), 3, "{finals:?}");
    for path in finals {
        let pages = read(&std::fs::read(path).unwrap_or_default());
        let lines = document_lines(&pages);
        assert!(
            lines.iter().any(|l| l.compact() == "收入支出决算总表"),
            "{}",
            path.display()
        );
        // The summary table's rows come out as ruled cells.
        assert!(
            lines.iter().any(|l| l.ruled
                && l.spans
                    .iter()
                    .any(|s| s.text == "一、一般公共预算财政拨款收入")),
            "{}",
            path.display()
        );
    }
}

/// A system TrueType font to embed, or `None` (test skipped) when absent.
fn system_ttf() -> Option<Vec<u8>> {
    let path = common::required(
        PathBuf::from("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"),
        "embedded-font decoding tests need it (Debian: fonts-dejavu-core)",
    )?;
    std::fs::read(path).ok()
}

/// Identity-H codes (glyph ids, hex) that draw `text` in a TrueType program.
fn glyph_id_codes(program: &[u8], text: &str) -> String {
    use skrifa::MetadataProvider;
    let Ok(font) = skrifa::FontRef::new(program) else {
        panic!("the test font does not parse")
    };
    let charmap = font.charmap();
    text.chars()
        .map(|c| format!("{:04X}", charmap.map(c).map_or(0, |g| g.to_u32())))
        .collect()
}

fn embedded_page_text(program: &[u8], encoding: &str, codes: &str) -> Page {
    let mut b = PdfBuilder::default();
    let font = embedded_type0(&mut b, program, encoding);
    let content = format!("BT /F1 10 Tf 50 50 Td <{codes}> Tj ET");
    let pdf = one_page(
        b,
        (595.0, 842.0),
        &format!("/Font << /F1 {font} 0 R >>"),
        "",
        &content,
    );
    read(&pdf).remove(0)
}

#[test]
fn identity_h_without_to_unicode_uses_the_font_cmap_backwards() {
    let Some(program) = system_ttf() else { return };
    let codes = glyph_id_codes(&program, "Ab1");
    let page = embedded_page_text(&program, "Identity-H", &codes);
    assert_eq!(page_text(&page), "Ab1");
    assert_eq!(page.undecodable, 0);
    // Glyph 0 (.notdef) has no Unicode: counted, kept as U+FFFD, not dropped.
    let page = embedded_page_text(&program, "Identity-H", "0000");
    assert_eq!(
        (page_text(&page).as_str(), page.undecodable),
        ("\u{FFFD}", 1)
    );
}

#[test]
fn embedded_font_with_predefined_cmap_and_no_to_unicode_decodes() {
    let Some(program) = system_ttf() else { return };
    // UniGB-UCS2-H / UniGB-UTF16-H: the code is the character.
    for encoding in ["UniGB-UCS2-H", "UniGB-UTF16-H"] {
        let page = embedded_page_text(&program, encoding, "0041006295E8");
        assert_eq!(page_text(&page), "Ab门", "{encoding}");
    }
    // GBK-EUC-H / GB-EUC-H: one-byte ASCII, two-byte GB codes (门 = C3C5),
    // through Adobe-GB1 CIDs.
    for encoding in ["GBK-EUC-H", "GB-EUC-H"] {
        let page = embedded_page_text(&program, encoding, "4162C3C5");
        assert_eq!(page_text(&page), "Ab门", "{encoding}");
    }
}

#[test]
fn self_referencing_form_and_page_tree_cycles_do_not_overflow_the_stack() {
    // A Form XObject that draws itself: the interpreter must stop nesting.
    let mut b = PdfBuilder::default();
    let font = helvetica(&mut b);
    let form = b.reserve();
    let body = b"BT /F1 10 Tf 0 0 Td (Loop) Tj ET /X1 Do";
    b.set(
        form,
        [
            format!(
                "<< /Type /XObject /Subtype /Form /BBox [0 0 500 500] \
                 /Resources << /Font << /F1 {font} 0 R >> /XObject << /X1 {form} 0 R >> >> \
                 /Length {} >>\nstream\n",
                body.len()
            )
            .into_bytes(),
            body.to_vec(),
            b"\nendstream".to_vec(),
        ]
        .concat(),
    );
    let pdf = one_page(
        b,
        (595.0, 842.0),
        &format!("/XObject << /X1 {form} 0 R >>"),
        "",
        "/X1 Do",
    );
    // Every nesting level draws "Loop" at the same place: one copy is kept.
    assert_eq!(page_text(&read(&pdf)[0]), "Loop");

    // A page tree whose Kids point back at itself.
    let mut b = PdfBuilder::default();
    let pages = b.reserve();
    b.set(
        pages,
        format!("<< /Type /Pages /Kids [{pages} 0 R] /Count 1 >>"),
    );
    let root = b.add(format!("<< /Type /Catalog /Pages {pages} 0 R >>"));
    let err = read_pages(&b.finish(root), &PdfLimits::default()).err();
    assert_eq!(err.map(|e| e.class), Some(ErrorClass::Corrupt));
}

#[test]
fn type3_font_text_comes_from_glyph_names() {
    let mut b = PdfBuilder::default();
    let proc_a = b.stream("", b"500 0 0 0 500 700 d1 0 0 500 700 re f");
    let font = b.add(format!(
        "<< /Type /Font /Subtype /Type3 /FontBBox [0 0 500 700] \
         /FontMatrix [0.001 0 0 0.001 0 0] /CharProcs << /a {proc_a} 0 R >> \
         /Encoding << /Type /Encoding /Differences [97 /a] >> \
         /FirstChar 97 /LastChar 97 /Widths [500] /Resources << >> >>"
    ));
    let pdf = one_page(
        b,
        (595.0, 842.0),
        &format!("/Font << /T3 {font} 0 R >>"),
        "",
        "BT /T3 10 Tf 50 50 Td (aa) Tj ET",
    );
    let pages = read(&pdf);
    let page = &pages[0];
    assert_eq!(page_text(page), "aa");
    // The glyph's own drawing is not a table rule.
    assert!(page.rules.is_empty());
    let second = &page.glyphs[1];
    assert!((second.x0 - 55.0).abs() < 0.01, "x0 {}", second.x0);
    assert!(
        (second.advance - 5.0).abs() < 0.01,
        "advance {}",
        second.advance
    );
}

#[test]
fn same_named_fonts_with_different_encodings_are_not_decoded_by_the_wrong_cmap() {
    let Some(program) = system_ttf() else { return };
    let codes = glyph_id_codes(&program, "Ab1");
    let mut b = PdfBuilder::default();
    let gbk = embedded_type0(&mut b, &program, "GBK-EUC-H");
    let identity = embedded_type0(&mut b, &program, "Identity-H");
    let content = format!("BT /F2 10 Tf 50 50 Td <{codes}> Tj ET");
    let resources = format!("/Font << /F1 {gbk} 0 R /F2 {identity} 0 R >>");
    let pages = read(&one_page(b, (595.0, 842.0), &resources, "", &content));
    assert_eq!(page_text(&pages[0]), "Ab1");
}
