//! Small PDFs written out for tests: the PDF stage's (font programs and
//! dictionaries handed to hayro) and the crops' (our device against
//! hayro's renderer).

/// A PDF of one page (object 3, its entries besides `/Type` and `/Parent`
/// given by `page`) and then `objects` from number 4 on, each as written
/// between `obj` and `endobj`; returns it and where each object's text
/// starts. The trailer carries an `/ID` with a string in it, as many do.
pub(crate) fn one_page(page: &str, objects: &[Vec<u8>]) -> (Vec<u8>, Vec<usize>) {
    let page = format!("<< /Type /Page /Parent 2 0 R {page} >>");
    let mut all: Vec<Vec<u8>> = vec![
        b"<< /Type /Catalog /Pages 2 0 R >>".to_vec(),
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>".to_vec(),
        page.into_bytes(),
    ];
    all.extend(objects.iter().cloned());
    let mut out = b"%PDF-1.7\n".to_vec();
    let mut starts = Vec::new();
    let mut offsets = Vec::new();
    for (i, o) in all.iter().enumerate() {
        offsets.push(out.len());
        out.extend(format!("{} 0 obj\n", i + 1).bytes());
        starts.push(out.len());
        out.extend(o);
        out.extend(b"\nendobj\n");
    }
    let xref = out.len();
    out.extend(format!("xref\n0 {}\n0000000000 65535 f\r\n", all.len() + 1).bytes());
    for o in offsets {
        out.extend(format!("{o:010} 00000 n\r\n").bytes());
    }
    out.extend(
        format!(
            "trailer\n<< /Size {} /Root 1 0 R /ID [<0a0b> (x\\)y)] >>\nstartxref\n{xref}\n%%EOF\n",
            all.len() + 1
        )
        .bytes(),
    );
    (out, starts)
}
