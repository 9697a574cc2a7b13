//! Large embedded font programs inflated once, by the pre-scan, and handed
//! to hayro already inflated.
//!
//! The pre-scan must inflate (with a cap) every stream too large to bound
//! by its length, to refuse decompression bombs; hayro then inflates each
//! embedded font program it loads again, without a cap and with no way to
//! be handed bytes. On the real reports those programs (whole CJK fonts
//! from WPS and ONLYOFFICE, megabytes each) made the one double
//! decompression left: about 4 % of reading them.
//!
//! hayro reads a file's newest definition of each object, so the programs
//! the pre-scan inflated are appended to hayro's copy of the file as an
//! incremental update (PDF 32000-1, 7.5.6): each object again under its
//! own number, its dictionary keeping only the entries a program needs,
//! without `/Filter`, its data the inflated bytes; then a cross-reference
//! section for them and a trailer whose `/Prev` is the file's own. Every
//! other object, and every offset in the file, stays as it was.
//!
//! Handed on only where that changes nothing but who inflates: a file
//! that is not encrypted, whose last cross-reference section is sound
//! (hayro reads the file through it) and whose trailer names its
//! `/Root`; a program
//! defined once in the file (an object replaced by a later revision is
//! left to hayro), with a right direct `/Length`, a lone `/FlateDecode`
//! and no decoding parameters. Its dictionary keeps `/Length1`–`/Length3`
//! and `/Subtype`, the entries that describe the program; others (such
//! as `/Metadata`) describe nothing hayro reads from it.

use super::damage::xref_is_sound;
use super::prescan::trim_start;
use super::raw_dict::{top_entries, trim_end_len};
use super::update::{self, NewObject, last_trailer};
use rustc_hash::FxHashSet;
use std::ops::Range;

/// A font program the pre-scan inflated.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Program {
    /// Object number and generation.
    pub(crate) id: (u32, i32),
    /// Where its dictionary (`<<` … `>>`) lies in the file.
    pub(crate) dict: Range<usize>,
    /// What it inflated to.
    pub(crate) bytes: Vec<u8>,
}

/// The entries a program's dictionary keeps.
const KEPT_KEYS: [&[u8]; 4] = [b"/Length1", b"/Length2", b"/Length3", b"/Subtype"];

/// Entries that change what the data decodes to or where it is, or that
/// make the stream something else than a font program (`/Type`): a stream
/// with any of them is not handed on.
const EXCLUDED_KEYS: [&[u8]; 6] = [
    b"/DecodeParms",
    b"/DP",
    b"/F",
    b"/FFilter",
    b"/FDecodeParms",
    b"/Type",
];

/// Does a stream dictionary describe a font program that can be handed on
/// inflated: `/Filter /FlateDecode` alone (no parameters), and a
/// `/Length1` (`/FontFile`, `/FontFile2`) or `/Subtype` (`/FontFile3`)?
pub(crate) fn is_font_program(dict: &[u8]) -> bool {
    entries(dict).is_some_and(|e| e.iter().any(|(k, _)| KEPT_KEYS.contains(k)))
}

/// `bytes`, with `programs` appended as an incremental update when the
/// file allows it (see the module comment), and how many were; a plain
/// copy and 0 otherwise. `repeated` are the ids the file defines more
/// than once.
pub(crate) fn with_programs(
    bytes: &[u8],
    mut programs: Vec<Program>,
    repeated: &FxHashSet<(u32, i32)>,
) -> (Vec<u8>, usize) {
    programs.retain(|p| !repeated.contains(&p.id));
    // A damaged file is read by scanning for objects: left as it is.
    let trailer = (!programs.is_empty() && xref_is_sound(bytes))
        .then(|| last_trailer(bytes))
        .flatten();
    let Some(trailer) = trailer else {
        return (bytes.to_vec(), 0);
    };
    let extra: usize = programs.iter().map(|p| p.bytes.len() + 256).sum();
    let mut out = Vec::with_capacity(bytes.len() + extra + 512);
    out.extend_from_slice(bytes);
    let appended = update::append(&mut out, inflated_objects(bytes, programs), &trailer);
    (out, appended)
}

/// Each program as a stream object: its kept entries, no `/Filter`, its
/// inflated bytes (none for a program whose dictionary no longer reads).
fn inflated_objects(file: &[u8], programs: Vec<Program>) -> Vec<NewObject> {
    programs
        .into_iter()
        .filter_map(|p| {
            let kept = file.get(p.dict.clone()).and_then(entries)?;
            let mut value = format!("<< /Length {}", p.bytes.len());
            for (key, v) in kept.iter().filter(|(k, _)| KEPT_KEYS.contains(k)) {
                value.push(' ');
                value.push_str(&String::from_utf8_lossy(key));
                value.push(' ');
                value.push_str(&String::from_utf8_lossy(v));
            }
            value.push_str(" >>");
            Some(NewObject {
                id: p.id,
                value: value.into_bytes(),
                stream: Some(p.bytes),
            })
        })
        .collect()
}

/// A program dictionary's entries, when it is one that can be handed on:
/// a lone `/FlateDecode` filter, [`KEPT_KEYS`] with a number, reference
/// or name, and none of [`EXCLUDED_KEYS`].
fn entries(dict: &[u8]) -> Option<Vec<(&[u8], &[u8])>> {
    let entries = top_entries(dict)?;
    let simple = entries.iter().all(|(key, value)| match *key {
        b"/Filter" => is_flate(value),
        k if KEPT_KEYS.contains(&k) => is_simple_value(value),
        k => !EXCLUDED_KEYS.contains(&k),
    });
    let filtered = entries.iter().any(|(k, _)| *k == b"/Filter");
    (simple && filtered).then_some(entries)
}

/// `/FlateDecode` (or `/Fl`), alone or as the one item of an array.
fn is_flate(value: &[u8]) -> bool {
    let inner = value
        .strip_prefix(b"[")
        .and_then(|v| v.strip_suffix(b"]"))
        .map_or(value, |v| {
            trim_start(v.get(..v.len() - trim_end_len(v)).unwrap_or(v))
        });
    matches!(inner, b"/FlateDecode" | b"/Fl")
}

/// A number, an indirect reference or a name.
fn is_simple_value(value: &[u8]) -> bool {
    value.starts_with(b"/")
        || value
            .iter()
            .all(|&c| c.is_ascii_digit() || c == b' ' || c == b'R' || c == b'-')
}

#[cfg(test)]
mod tests {
    use super::*;
    use flate2::Compression;
    use flate2::write::ZlibEncoder;
    use hayro_syntax::Pdf;
    use hayro_syntax::object::{ObjectIdentifier, Stream};
    use std::io::Write;

    const PROGRAM: &[u8] = b"not really a font program, but bytes to inflate";

    fn deflated(data: &[u8]) -> Vec<u8> {
        let mut e = ZlibEncoder::new(Vec::new(), Compression::default());
        e.write_all(data).unwrap();
        e.finish().unwrap()
    }

    /// A one-page PDF whose object 4 is a Flate font program with `dict`
    /// entries besides `/Length` and `/Filter`; returns it and where the
    /// program's dictionary lies.
    fn pdf_with_program(extra: &str) -> (Vec<u8>, Range<usize>) {
        let data = deflated(PROGRAM);
        let dict = format!("<< /Length {} /Filter /FlateDecode {extra} >>", data.len());
        let mut program = format!("{dict}\nstream\n").into_bytes();
        program.extend(&data);
        program.extend(b"\nendstream");
        let page = "/MediaBox [0 0 100 100]";
        let (file, starts) = crate::pdf::test_pdf::one_page(page, &[program]);
        let start = starts[3];
        (file, start..start + dict.len())
    }

    fn program_of(pdf: &Pdf) -> Stream<'_> {
        pdf.xref()
            .get::<Stream<'_>>(ObjectIdentifier::new(4, 0))
            .unwrap()
    }

    #[test]
    fn a_handed_on_program_is_read_inflated_and_the_rest_unchanged() {
        let (file, dict) = pdf_with_program("/Length1 48 /Metadata 9 0 R");
        assert!(is_font_program(file.get(dict.clone()).unwrap()));
        let program = Program {
            id: (4, 0),
            dict,
            bytes: PROGRAM.to_vec(),
        };
        let (data, handed) = with_programs(&file, vec![program], &FxHashSet::default());
        assert_eq!(handed, 1);
        assert!(data.starts_with(&file));
        let pdf = Pdf::new(data).unwrap();
        assert_eq!(pdf.pages().len(), 1);
        let stream = program_of(&pdf);
        assert!(
            stream.filters().is_empty(),
            "the program is no longer compressed"
        );
        assert_eq!(stream.decoded().unwrap().as_ref(), PROGRAM);
        assert_eq!(stream.dict().get::<i32>(b"Length1".as_slice()), Some(48));
        // The same program as the original file decodes it.
        let original = Pdf::new(file).unwrap();
        assert_eq!(program_of(&original).decoded().unwrap().as_ref(), PROGRAM);
    }

    #[test]
    fn a_program_defined_twice_is_left_to_hayro() {
        let (file, dict) = pdf_with_program("/Length1 48");
        let program = Program {
            id: (4, 0),
            dict,
            bytes: PROGRAM.to_vec(),
        };
        let repeated: FxHashSet<_> = [(4, 0)].into_iter().collect();
        let (data, handed) = with_programs(&file, vec![program], &repeated);
        assert_eq!((data, handed), (file, 0));
    }

    #[test]
    fn only_plain_flate_programs_are_handed_on() {
        let yes = [
            "<</Length 5/Filter/FlateDecode/Length1 9>>",
            "<< /Filter [ /FlateDecode ] /Length 5 0 R /Subtype /CIDFontType0C >>",
            "<</Metadata 3 0 R/Filter/Fl/Length 5/Length1 9 0 R/Length2 4>>",
        ];
        let no = [
            "<</Length 5/Length1 9>>",
            "<</Length 5/Filter/FlateDecode>>",
            "<</Length 5/Filter[/ASCII85Decode/FlateDecode]/Length1 9>>",
            "<</Length 5/Filter/FlateDecode/DecodeParms<</Predictor 12>>/Length1 9>>",
            "<</Length 5/Filter/FlateDecode/Type/XObject/Subtype/Image>>",
            "<</Length 5/Filter/FlateDecode/Length1 (9)>>",
        ];
        for d in yes {
            assert!(is_font_program(d.as_bytes()), "{d}");
        }
        for d in no {
            assert!(!is_font_program(d.as_bytes()), "{d}");
        }
    }

    #[test]
    fn trailers_are_read_from_tables_and_streams() {
        let (file, _) = pdf_with_program("/Length1 48");
        let t = last_trailer(&file).unwrap();
        assert_eq!((t.size, t.root, t.info), (5, b"1 0 R".as_slice(), None));
        let stream = b"%PDF-1.7\n9 0 obj\n<< /Type /XRef /Size 12 /Root 1 0 R /Info 7 0 R /W [1 2 1] /Length 0 >>\nstream\n\nendstream\nendobj\nstartxref\n9\n%%EOF";
        let t = last_trailer(stream).unwrap();
        assert_eq!((t.prev, t.size, t.info), (9, 12, Some(b"7 0 R".as_slice())));
        assert!(last_trailer(b"%PDF-1.7\nstartxref\n999\n%%EOF").is_none());
    }
}
