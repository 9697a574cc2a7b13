//! Hostile and broken PDFs, generated here: each bound of `PdfLimits` is hit
//! by a file built to hit it, and the error is classified, quickly and
//! without a crash; damaged but readable files are read with a warning.

mod support;

use std::time::{Duration, Instant};
use support::{PdfBuilder, helvetica, helvetica_page, one_page};
use yujuesuan::error::ErrorClass;
use yujuesuan::pdf::{PdfLimits, read_document, read_pages};

fn class(bytes: &[u8], limits: &PdfLimits) -> Option<ErrorClass> {
    read_pages(bytes, limits).err().map(|e| e.class)
}

/// Bits written least-significant first, as DEFLATE packs them.
#[derive(Default)]
struct Bits {
    out: Vec<u8>,
    acc: u32,
    n: u32,
}

impl Bits {
    fn put(&mut self, value: u32, count: u32) {
        for i in 0..count {
            self.acc |= ((value >> i) & 1) << self.n;
            self.n += 1;
            if self.n == 8 {
                self.out.push(self.acc as u8);
                self.acc = 0;
                self.n = 0;
            }
        }
    }

    /// Huffman codes go most-significant bit first.
    fn code(&mut self, code: u32, len: u32) {
        for i in (0..len).rev() {
            self.put((code >> i) & 1, 1);
        }
    }

    fn finish(mut self) -> Vec<u8> {
        if self.n > 0 {
            self.out.push(self.acc as u8);
        }
        self.out
    }
}

/// A zlib stream that inflates to `258 * repeats + 1` zero bytes from about
/// `repeats * 13 / 8` bytes: one literal 0, then (length 258, distance 1)
/// copies in a fixed-Huffman block. Built directly, so making a 200 MB bomb
/// costs nothing.
fn deflate_bomb(repeats: usize) -> Vec<u8> {
    let mut bits = Bits::default();
    bits.put(1, 1); // BFINAL
    bits.put(1, 2); // BTYPE = fixed Huffman
    bits.code(0b0011_0000, 8); // literal 0
    for _ in 0..repeats {
        bits.code(0b1100_0101, 8); // length code 285 = 258
        bits.code(0, 5); // distance code 0 = 1
    }
    bits.code(0, 7); // end of block
    let mut out = vec![0x78, 0x01];
    out.extend(bits.finish());
    out.extend([0, 0, 0, 0]); // Adler-32 (wrong; inflaters stop before it)
    out
}

/// A page whose content stream is `data` under `filter`.
fn page_with_stream(filter: &str, data: &[u8]) -> Vec<u8> {
    let mut b = PdfBuilder::default();
    let font = helvetica(&mut b);
    let contents = b.stream(&format!("/Filter {filter}"), data);
    let pages = b.reserve();
    let page = b.add(format!(
        "<< /Type /Page /Parent {pages} 0 R /MediaBox [0 0 595 842] \
         /Resources << /Font << /F1 {font} 0 R >> >> /Contents {contents} 0 R >>"
    ));
    b.set(
        pages,
        format!("<< /Type /Pages /Kids [{page} 0 R] /Count 1 >>"),
    );
    let root = b.add(format!("<< /Type /Catalog /Pages {pages} 0 R >>"));
    b.finish(root)
}

#[test]
fn decompression_bomb_is_too_large_under_default_limits() {
    // 1.3 MB that inflates to 200 MB, over the default 128 MiB per stream.
    let bomb = deflate_bomb(200 * 1024 * 1024 / 258);
    let pdf = page_with_stream("/FlateDecode", &bomb);
    let started = Instant::now();
    let err = read_pages(&pdf, &PdfLimits::default()).unwrap_err();
    assert_eq!(err.class, ErrorClass::TooLarge, "{err}");
    assert!(err.message.contains("decompression bomb"), "{err}");
    assert!(started.elapsed() < Duration::from_secs(60));
}

#[test]
fn small_bombs_hit_the_stream_and_total_limits() {
    let limits = PdfLimits {
        max_stream_bytes: 1024 * 1024,
        max_decoded_bytes: 3 * 1024 * 1024,
        ..PdfLimits::default()
    };
    // 2 MB in one stream: over the per-stream limit.
    let one = page_with_stream("/FlateDecode", &deflate_bomb(8_200));
    assert_eq!(class(&one, &limits), Some(ErrorClass::TooLarge));
    // Hidden behind ASCIIHex: still measured.
    let hex: String = deflate_bomb(8_200)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect();
    let hidden = page_with_stream("[/AHx /Fl]", format!("{hex}>").as_bytes());
    assert_eq!(class(&hidden, &limits), Some(ErrorClass::TooLarge));
    // Four streams of 0.9 MB each: each fine, together over 3 MB.
    let mut b = PdfBuilder::default();
    let mut ids = Vec::new();
    for _ in 0..4 {
        ids.push(b.stream("/Filter /FlateDecode", &deflate_bomb(3_600)));
    }
    let root = b.add(format!("<< /Type /Catalog /Junk [{} 0 R] >>", ids[0]));
    assert_eq!(class(&b.finish(root), &limits), Some(ErrorClass::TooLarge));
    // Under the limits, the same kind of stream reads.
    let fine = page_with_stream("/FlateDecode", &deflate_bomb(100));
    assert!(read_pages(&fine, &limits).is_ok());
}

#[test]
fn xref_that_loops_does_not_hang() {
    // Two xref sections whose /Prev entries point at each other, and a
    // page tree that is its own kid.
    let mut pdf = b"%PDF-1.7\n".to_vec();
    let o1 = pdf.len();
    pdf.extend_from_slice(b"1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n");
    let o2 = pdf.len();
    pdf.extend_from_slice(b"2 0 obj << /Type /Pages /Kids [2 0 R] /Count 1 >> endobj\n");
    let x1 = pdf.len();
    let x2_guess = x1 + 200;
    let first = format!(
        "xref\n0 3\n0000000000 65535 f \n{o1:010} 00000 n \n{o2:010} 00000 n \n\
         trailer << /Size 3 /Root 1 0 R /Prev {x2_guess} >>\n"
    );
    pdf.extend_from_slice(first.as_bytes());
    pdf.resize(x2_guess, b' ');
    let second =
        format!("xref\n0 1\n0000000000 65535 f \ntrailer << /Size 3 /Root 1 0 R /Prev {x1} >>\n");
    pdf.extend_from_slice(second.as_bytes());
    pdf.extend_from_slice(format!("startxref\n{x2_guess}\n%%EOF\n").as_bytes());
    let started = Instant::now();
    let result = read_pages(&pdf, &PdfLimits::default());
    assert!(started.elapsed() < Duration::from_secs(10));
    let err = result.unwrap_err();
    assert!(
        matches!(err.class, ErrorClass::Corrupt),
        "page tree cycle: {err}"
    );
}

#[test]
fn ten_thousand_deep_array_is_refused_before_parsing() {
    let deep = format!("{}0{}", "[".repeat(10_000), "]".repeat(10_000));
    let mut b = PdfBuilder::default();
    let junk = b.add(deep.clone());
    let pdf = one_page(b, (595.0, 842.0), &format!("/Junk {junk} 0 R"), "", "");
    let err = read_pages(&pdf, &PdfLimits::default()).unwrap_err();
    assert_eq!(err.class, ErrorClass::TooLarge, "{err}");
    assert!(err.message.contains("nested"), "{err}");
    // Past our limit, hayro's own (512, iterative failure) keeps the stack
    // safe: no overflow, a classified result either way.
    let lax = PdfLimits {
        max_nesting: 100_000,
        ..PdfLimits::default()
    };
    let _ = read_pages(&pdf, &lax);
    // Inside a content stream, the array reaches hayro's content parser.
    let content = format!("BT /F1 12 Tf 50 700 Td {deep} TJ ET");
    let pdf = helvetica_page(&content);
    let _ = read_pages(&pdf, &PdfLimits::default());
}

#[test]
fn million_glyph_page_is_too_large() {
    // A 0.001 pt font keeps every glyph on the page.
    let content = format!(
        "BT /F1 0.001 Tf 50 700 Td ({}) Tj ET",
        "A".repeat(1_000_000)
    );
    let pdf = helvetica_page(&content);
    let err = read_pages(&pdf, &PdfLimits::default()).unwrap_err();
    assert_eq!(err.class, ErrorClass::TooLarge, "{err}");
    assert!(err.message.contains("glyphs"), "{err}");
}

/// Form XObjects that each draw the next one ten times, `levels` deep:
/// 10^levels drawings from a few hundred bytes.
fn form_fan_out(levels: usize) -> Vec<u8> {
    let mut b = PdfBuilder::default();
    let font = helvetica(&mut b);
    let mut next = b.stream(
        &format!("/Type /XObject /Subtype /Form /BBox [0 0 595 842] /Resources << /Font << /F1 {font} 0 R >> >>"),
        b"BT /F1 12 Tf 50 700 Td (x) Tj ET",
    );
    for _ in 0..levels {
        next = b.stream(
            &format!(
                "/Type /XObject /Subtype /Form /BBox [0 0 595 842] \
                 /Resources << /XObject << /X {next} 0 R >> >>"
            ),
            "/X Do ".repeat(10).as_bytes(),
        );
    }
    one_page(
        b,
        (595.0, 842.0),
        &format!("/XObject << /X {next} 0 R >>"),
        "",
        "/X Do",
    )
}

#[test]
fn form_xobject_fan_out_hits_the_operation_limit_or_the_clock() {
    let pdf = form_fan_out(12);
    let limits = PdfLimits {
        max_operations_per_page: 20_000,
        ..PdfLimits::default()
    };
    let err = read_pages(&pdf, &limits).unwrap_err();
    assert_eq!(err.class, ErrorClass::TooLarge, "{err}");
    assert!(err.message.contains("drawing operations"), "{err}");
    let timed = PdfLimits {
        max_operations_per_page: usize::MAX,
        time_limit: Some(Duration::from_millis(300)),
        ..PdfLimits::default()
    };
    let started = Instant::now();
    let err = read_pages(&pdf, &timed).unwrap_err();
    assert_eq!(err.class, ErrorClass::Timeout, "{err}");
    assert!(started.elapsed() < Duration::from_secs(20));
}

#[test]
fn zero_time_limit_times_out_and_object_and_page_limits_apply() {
    let pdf = helvetica_page("BT /F1 12 Tf 50 700 Td (Hello) Tj ET");
    assert!(read_pages(&pdf, &PdfLimits::default()).is_ok());
    let zero = PdfLimits {
        time_limit: Some(Duration::ZERO),
        ..PdfLimits::default()
    };
    assert_eq!(class(&pdf, &zero), Some(ErrorClass::Timeout));
    let few_objects = PdfLimits {
        max_objects: 2,
        ..PdfLimits::default()
    };
    assert_eq!(class(&pdf, &few_objects), Some(ErrorClass::TooLarge));
}

fn hello_pdf() -> Vec<u8> {
    helvetica_page("BT /F1 12 Tf 50 700 Td (Hello) Tj ET")
}

fn text_of(bytes: &[u8]) -> (String, Vec<String>) {
    let doc = read_document(bytes, &PdfLimits::default()).unwrap();
    let text = doc
        .pages
        .iter()
        .flat_map(|p| p.glyphs.iter().map(|g| g.text.clone()))
        .collect();
    (text, doc.repairs)
}

#[test]
fn intact_file_has_no_repairs() {
    let (text, repairs) = text_of(&hello_pdf());
    assert_eq!(text, "Hello");
    assert!(repairs.is_empty(), "{repairs:?}");
}

#[test]
fn broken_xref_is_rebuilt_and_read_with_a_warning() {
    // Every offset in the table shifted by 7 bytes.
    let pdf = hello_pdf();
    let text = String::from_utf8_lossy(&pdf).into_owned();
    let xref_at = text.find("xref\n").unwrap();
    let (head, table) = text.split_at(xref_at);
    let shifted: String = table
        .lines()
        .map(|l| match l.split(' ').collect::<Vec<_>>().as_slice() {
            [off, "00000", "n", ""] => {
                format!("{:010} 00000 n \n", off.parse::<usize>().unwrap() + 7)
            }
            _ => format!("{l}\n"),
        })
        .collect();
    let broken = format!("{head}{shifted}");
    let (text, repairs) = text_of(broken.as_bytes());
    assert_eq!(text, "Hello");
    assert!(
        repairs.iter().any(|r| r.contains("cross-reference")),
        "{repairs:?}"
    );

    // No xref at all, startxref pointing nowhere: also rebuilt.
    let cut = format!("{head}startxref\n999999\n%%EOF\n");
    let (text, repairs) = text_of(cut.as_bytes());
    assert_eq!(text, "Hello");
    assert!(!repairs.is_empty());
}

#[test]
fn wrong_stream_length_is_read_with_a_warning() {
    let pdf = hello_pdf();
    let text = String::from_utf8_lossy(&pdf).into_owned();
    // The content stream is the one with "Hello"; its /Length is 36.
    let content_len = "BT /F1 12 Tf 50 700 Td (Hello) Tj ET".len();
    let wrong = text.replacen(&format!("/Length {content_len} "), "/Length 20 ", 1);
    assert_ne!(wrong, text);
    let (read, repairs) = text_of(wrong.as_bytes());
    assert_eq!(read, "Hello");
    assert!(repairs.iter().any(|r| r.contains("/Length")), "{repairs:?}");
}

#[test]
fn truncated_download_is_classified() {
    let pdf = hello_pdf();
    for cut in [10, pdf.len() / 3, pdf.len() / 2, pdf.len() - 30] {
        if let Err(e) = read_pages(&pdf[..cut], &PdfLimits::default()) {
            assert!(matches!(e.class, ErrorClass::Corrupt), "{cut}: {e}");
        }
    }
}

#[test]
fn html_error_page_saved_as_pdf_is_not_pdf() {
    let html = b"<!DOCTYPE html><html><body><h1>404 Not Found</h1></body></html>";
    assert_eq!(class(html, &PdfLimits::default()), Some(ErrorClass::NotPdf));
}

/// With `YUJUESUAN_FUZZ_SEEDS=DIR`, writes small generated PDFs (one per
/// feature the fuzzers should start from) into DIR; `fuzz/seed-corpus.sh`
/// runs this. Without the variable it does nothing.
#[test]
fn write_fuzz_seeds() {
    let Some(dir) = std::env::var_os("YUJUESUAN_FUZZ_SEEDS") else {
        return;
    };
    let dir = std::path::PathBuf::from(dir);
    std::fs::create_dir_all(&dir).unwrap();
    let hello = hello_pdf();
    let text = String::from_utf8_lossy(&hello).into_owned();
    let seeds: Vec<(&str, Vec<u8>)> = vec![
        ("hello.pdf", hello.clone()),
        ("fan-out.pdf", form_fan_out(2)),
        (
            "flate.pdf",
            page_with_stream("/FlateDecode", &deflate_bomb(10)),
        ),
        (
            "wrong-length.pdf",
            text.replacen("/Length 36 ", "/Length 20 ", 1).into_bytes(),
        ),
        (
            "no-xref.pdf",
            format!(
                "{}startxref\n9\n%%EOF\n",
                &text[..text.find("xref\n").unwrap()]
            )
            .into_bytes(),
        ),
    ];
    for (name, bytes) in seeds {
        std::fs::write(dir.join(name), bytes).unwrap();
    }
}
