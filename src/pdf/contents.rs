//! Page content streams decoded once.
//!
//! The pre-scan must inflate (with a cap) every stream it cannot bound by
//! its length, to refuse decompression bombs; hayro would then inflate a
//! page's content stream again, without a cap. For a plain content stream
//! (`/Filter /FlateDecode` and nothing else, in a file that is not
//! encrypted) that the pre-scan had to inflate, it keeps what it inflated,
//! and the page is interpreted from those bytes. (A stream counted by its
//! bound is inflated once, by hayro: inflating it here too would decode
//! twice the plain streams that are not page content, such as `ToUnicode`
//! maps.) A stream
//! is handed on only when hayro's copy of it starts with exactly the bytes
//! the pre-scan inflated (the zlib stream with its checksum), so hayro would
//! have decoded it to the same output; anything else (damaged streams,
//! incremental updates that replaced an object, arrays with items that are
//! not streams) is left to hayro as before.

use hayro_syntax::object::{Array, Stream};
use rustc_hash::FxHashMap;

/// A stream the pre-scan inflated.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Kept {
    /// Where its data starts in the file.
    pub(crate) start: usize,
    /// Input bytes its zlib stream took.
    pub(crate) consumed: usize,
    /// What it inflated to.
    pub(crate) bytes: Vec<u8>,
}

/// Inflated streams by object number and generation.
pub(crate) type KeptStreams = FxHashMap<(u32, i32), Kept>;

/// The page's content as hayro would assemble it (one stream, or each
/// stream of the array followed by a space), from the kept streams; `None`
/// when any of them is not kept, and hayro decodes the page itself.
pub(crate) fn page_content(
    page: &hayro_syntax::page::Page<'_>,
    kept: &mut KeptStreams,
    file: &[u8],
) -> Option<Vec<u8>> {
    let dict = page.raw();
    if let Some(stream) = dict.get::<Stream<'_>>(b"Contents") {
        return take(&stream, kept, file);
    }
    let array = dict.get::<Array<'_>>(b"Contents")?;
    let streams: Vec<Stream<'_>> = array.iter::<Stream<'_>>().collect();
    if streams.len() != array.raw_iter().count() || streams.iter().any(|s| !usable(s, kept, file)) {
        return None;
    }
    let mut out = Vec::new();
    for s in &streams {
        out.extend(take(s, kept, file)?);
        // hayro separates the streams of an array by one space.
        out.push(b' ');
    }
    Some(out)
}

fn key(stream: &Stream<'_>) -> (u32, i32) {
    let id = stream.obj_id();
    (id.obj_number, id.gen_number)
}

/// Is `stream` kept, and does hayro's copy start with the bytes inflated?
fn usable(stream: &Stream<'_>, kept: &KeptStreams, file: &[u8]) -> bool {
    let Some(k) = kept.get(&key(stream)) else {
        return false;
    };
    let raw = stream.raw_data();
    let ours = file.get(k.start..k.start.saturating_add(k.consumed));
    ours.is_some() && raw.get(..k.consumed) == ours
}

/// The kept bytes of `stream`, if usable (taken out: memory is freed as
/// pages are read; a stream shared by two pages is decoded by hayro the
/// second time).
fn take(stream: &Stream<'_>, kept: &mut KeptStreams, file: &[u8]) -> Option<Vec<u8>> {
    if !usable(stream, kept, file) {
        return None;
    }
    kept.remove(&key(stream)).map(|k| k.bytes)
}

#[cfg(test)]
mod tests {
    use super::super::{PdfLimits, read_with};
    use std::path::{Path, PathBuf};

    fn pdfs(dir: &Path, out: &mut Vec<PathBuf>) {
        for entry in std::fs::read_dir(dir).into_iter().flatten().flatten() {
            let path = entry.path();
            if path.is_dir() {
                pdfs(&path, out);
            } else if path.extension().is_some_and(|e| e == "pdf") {
                out.push(path);
            }
        }
    }

    /// Every page of corpus PDFs, the fixtures and the real 决算 reports
    /// comes out the same whether its content and font programs were
    /// handed on from the pre-scan or decoded by hayro, and whether its
    /// font dictionaries were shortened or not.
    #[test]
    fn handing_content_on_changes_no_page() {
        let root = Path::new(env!("CARGO_MANIFEST_DIR"));
        // Every producer of corpus/pdf (every sixth file), the fixtures and
        // the real 决算 reports: a debug build reads each twice.
        let mut corpus = Vec::new();
        pdfs(&root.join("corpus/pdf"), &mut corpus);
        corpus.sort();
        assert!(corpus.len() > 40, "corpus/pdf is part of the repository");
        let mut files: Vec<PathBuf> = corpus.into_iter().step_by(6).collect();
        pdfs(&root.join("tests/fixtures"), &mut files);
        let mut real = Vec::new();
        pdfs(&root.join("../shared/real"), &mut real);
        files.extend(
            real.into_iter()
                .filter(|p| p.to_string_lossy().contains("决算")),
        );
        // The default limits, and a tight total under which the pre-scan
        // measures, and so keeps, nearly every stream (under the default
        // most are counted by their bound and left to hayro).
        let tight = PdfLimits {
            max_decoded_bytes: 32 * 1024 * 1024,
            ..PdfLimits::default()
        };
        let (mut pages, mut programs, mut fonts) = (0, 0, 0);
        for f in &files {
            let bytes = std::fs::read(f).unwrap();
            for limits in [&PdfLimits::default(), &tight] {
                let (with, used) = read_with(&bytes, limits, true, |doc, _| doc);
                let (without, _) = read_with(&bytes, limits, false, |doc, _| doc);
                assert_eq!(with, without, "{}", f.display());
                pages += used.pages;
                programs += used.programs;
                fonts += used.fonts;
            }
        }
        assert!(pages > 0, "no page content was handed on");
        // LibreOffice, Chromium and ReportLab write long font dictionaries.
        assert!(fonts > 0, "no font dictionary was shortened");
        // The real 决算 carry whole embedded CJK fonts (and fail under CI
        // when ../shared is missing, as every test that needs it does).
        assert!(
            programs > 0,
            "no font program was handed on (the real 决算 in ../shared/real carry them)"
        );
    }
}
