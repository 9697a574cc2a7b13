//! Builds small PDFs byte by byte for the PDF-stage tests, so each test shows
//! exactly which PDF feature it exercises.

#![allow(dead_code)]

/// Collects numbered objects and writes a PDF with a correct xref table.
#[derive(Default)]
pub struct PdfBuilder {
    objects: Vec<Vec<u8>>,
}

impl PdfBuilder {
    /// Reserves the next object number (filled later by `set`).
    pub fn reserve(&mut self) -> usize {
        self.objects.push(Vec::new());
        self.objects.len()
    }

    /// Sets the body of a reserved object.
    pub fn set(&mut self, id: usize, body: impl Into<Vec<u8>>) {
        self.objects[id - 1] = body.into();
    }

    /// Adds an object; returns its number.
    pub fn add(&mut self, body: impl Into<Vec<u8>>) -> usize {
        let id = self.reserve();
        self.set(id, body);
        id
    }

    /// Adds a stream object with `dict_entries` (without << >>) and data.
    pub fn stream(&mut self, dict_entries: &str, data: &[u8]) -> usize {
        let mut body =
            format!("<< {dict_entries} /Length {} >>\nstream\n", data.len()).into_bytes();
        body.extend_from_slice(data);
        body.extend_from_slice(b"\nendstream");
        self.add(body)
    }

    /// Writes the file with `root` as the catalog.
    pub fn finish(self, root: usize) -> Vec<u8> {
        let mut out = b"%PDF-1.7\n%\xE2\xE3\xCF\xD3\n".to_vec();
        let mut offsets = Vec::new();
        for (i, body) in self.objects.iter().enumerate() {
            offsets.push(out.len());
            out.extend_from_slice(format!("{} 0 obj\n", i + 1).as_bytes());
            out.extend_from_slice(body);
            out.extend_from_slice(b"\nendobj\n");
        }
        let xref = out.len();
        out.extend_from_slice(
            format!("xref\n0 {}\n0000000000 65535 f \n", offsets.len() + 1).as_bytes(),
        );
        for o in offsets {
            out.extend_from_slice(format!("{o:010} 00000 n \n").as_bytes());
        }
        out.extend_from_slice(
            format!(
                "trailer\n<< /Size {} /Root {root} 0 R >>\nstartxref\n{xref}\n%%EOF\n",
                self.objects.len() + 1
            )
            .as_bytes(),
        );
        out
    }
}

/// A Type0 font named /SimSun (not embedded) whose codes 1, 2, 3, ... are
/// the characters of `chars`, as declared by its ToUnicode map.
pub fn han_font(b: &mut PdfBuilder, chars: &str) -> usize {
    let mut cmap = String::from(
        "/CIDInit /ProcSet findresource begin 12 dict begin begincmap\n\
         /CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n\
         /CMapName /Adobe-Identity-UCS def /CMapType 2 def\n\
         1 begincodespacerange <0000> <FFFF> endcodespacerange\n",
    );
    let list: Vec<char> = chars.chars().collect();
    cmap.push_str(&format!("{} beginbfchar\n", list.len()));
    for (i, c) in list.iter().enumerate() {
        let mut units = [0u16; 2];
        let hex: String = c
            .encode_utf16(&mut units)
            .iter()
            .map(|u| format!("{u:04X}"))
            .collect();
        cmap.push_str(&format!("<{:04X}> <{hex}>\n", i + 1));
    }
    cmap.push_str("endbfchar\nendcmap CMapName currentdict /CMap defineresource pop end end\n");
    let to_unicode = b.stream("", cmap.as_bytes());
    let descriptor = b.add(
        "<< /Type /FontDescriptor /FontName /SimSun /Flags 4 /FontBBox [0 -120 1000 880] \
         /ItalicAngle 0 /Ascent 880 /Descent -120 /CapHeight 700 /StemV 80 >>",
    );
    let descendant = b.add(format!(
        "<< /Type /Font /Subtype /CIDFontType2 /BaseFont /SimSun \
         /CIDSystemInfo << /Registry (Adobe) /Ordering (Identity) /Supplement 0 >> \
         /FontDescriptor {descriptor} 0 R /DW 1000 >>"
    ));
    b.add(format!(
        "<< /Type /Font /Subtype /Type0 /BaseFont /SimSun /Encoding /Identity-H \
         /DescendantFonts [{descendant} 0 R] /ToUnicode {to_unicode} 0 R >>"
    ))
}

/// The hex string that shows `text` in a [`han_font`] built from `chars`.
pub fn han_hex(chars: &str, text: &str) -> String {
    let list: Vec<char> = chars.chars().collect();
    let codes: String = text
        .chars()
        .map(|c| {
            let i = list.iter().position(|x| *x == c).expect("char in font");
            format!("{:04X}", i + 1)
        })
        .collect();
    format!("<{codes}>")
}

/// Helvetica, which every PDF reader must provide.
pub fn helvetica(b: &mut PdfBuilder) -> usize {
    b.add("<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>")
}

/// A one-page document: `resources` is the resource dictionary body,
/// `page_extra` more page entries (e.g. "/Rotate 90").
pub fn one_page(
    mut b: PdfBuilder,
    media: (f32, f32),
    resources: &str,
    page_extra: &str,
    content: &str,
) -> Vec<u8> {
    let contents = b.stream("", content.as_bytes());
    let pages = b.reserve();
    let page = b.add(format!(
        "<< /Type /Page /Parent {pages} 0 R /MediaBox [0 0 {} {}] /Resources << {resources} >> \
         /Contents {contents} 0 R {page_extra} >>",
        media.0, media.1
    ));
    b.set(
        pages,
        format!("<< /Type /Pages /Kids [{page} 0 R] /Count 1 >>"),
    );
    let root = b.add(format!("<< /Type /Catalog /Pages {pages} 0 R >>"));
    b.finish(root)
}

/// A Type0 font embedding the TrueType program `program` (whole file, no
/// subsetting) under `/Encoding encoding`, with CIDToGIDMap /Identity and
/// no ToUnicode map: the cases that need decoding beyond ToUnicode.
pub fn embedded_type0(b: &mut PdfBuilder, program: &[u8], encoding: &str) -> usize {
    let file = b.stream(&format!("/Length1 {}", program.len()), program);
    let descriptor = b.add(format!(
        "<< /Type /FontDescriptor /FontName /ABCDEF+DejaVuSans /Flags 32 \
         /FontBBox [-1021 -463 1793 1232] /ItalicAngle 0 /Ascent 928 /Descent -236 \
         /CapHeight 700 /StemV 80 /FontFile2 {file} 0 R >>"
    ));
    let ordering = if encoding.starts_with("Identity") {
        "Identity"
    } else {
        "GB1"
    };
    let descendant = b.add(format!(
        "<< /Type /Font /Subtype /CIDFontType2 /BaseFont /ABCDEF+DejaVuSans \
         /CIDSystemInfo << /Registry (Adobe) /Ordering ({ordering}) /Supplement 0 >> \
         /FontDescriptor {descriptor} 0 R /DW 600 /CIDToGIDMap /Identity >>"
    ));
    b.add(format!(
        "<< /Type /Font /Subtype /Type0 /BaseFont /ABCDEF+DejaVuSans /Encoding /{encoding} \
         /DescendantFonts [{descendant} 0 R] >>"
    ))
}

/// A one-page document drawing `content` with Helvetica as `/F1`.
pub fn helvetica_page(content: &str) -> Vec<u8> {
    let mut b = PdfBuilder::default();
    let font = helvetica(&mut b);
    one_page(
        b,
        (595.0, 842.0),
        &format!("/Font << /F1 {font} 0 R >>"),
        "",
        content,
    )
}
