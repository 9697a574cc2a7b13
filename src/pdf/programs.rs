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
use super::prescan::{find, is_regular_byte, skip_literal_string, trim_start};
use rustc_hash::FxHashSet;
use std::fmt::Write as _;
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
    let appended = append(&mut out, bytes, programs, &trailer);
    (out, appended)
}

/// What the update's trailer repeats from the file's own.
struct Trailer<'a> {
    /// Where the file's cross-reference section starts (`/Prev`).
    prev: usize,
    /// `/Size`.
    size: u32,
    /// `/Root`, and `/Info` if any, as written (`n g R`).
    root: &'a [u8],
    info: Option<&'a [u8]>,
}

/// The trailer the file's last `startxref` leads to, or `None`.
fn last_trailer(bytes: &[u8]) -> Option<Trailer<'_>> {
    let at = memchr::memmem::rfind(bytes, b"startxref")?;
    let prev: usize = number(trim_start(bytes.get(at + 9..)?))?.0.parse().ok()?;
    let section = bytes.get(prev..)?;
    // A classic table's trailer follows it; an xref stream's dictionary is
    // the trailer.
    let dict_at = if section.starts_with(b"xref") {
        prev + find(section, b"trailer", 0)?
    } else {
        prev
    };
    let open = dict_at + find(bytes.get(dict_at..)?, b"<<", 0)?;
    let dict = bytes.get(open..balanced_end(bytes, open)?)?;
    let entries = top_entries(dict)?;
    let get = |key: &[u8]| entries.iter().find(|(k, _)| *k == key).map(|(_, v)| *v);
    Some(Trailer {
        prev,
        size: std::str::from_utf8(get(b"/Size")?).ok()?.parse().ok()?,
        root: get(b"/Root").filter(|v| v.ends_with(b"R"))?,
        info: get(b"/Info").filter(|v| v.ends_with(b"R")),
    })
}

/// Appends the programs, their cross-reference section and the trailer;
/// returns how many programs (nothing at all when none can be).
fn append(
    out: &mut Vec<u8>,
    file: &[u8],
    mut programs: Vec<Program>,
    trailer: &Trailer<'_>,
) -> usize {
    programs.sort_by_key(|p| p.id);
    let mut offsets = Vec::with_capacity(programs.len());
    for p in programs {
        let Some(kept) = file.get(p.dict.clone()).and_then(entries) else {
            continue;
        };
        out.push(b'\n');
        offsets.push((p.id, out.len()));
        let mut head = format!("{} {} obj\n<< /Length {}", p.id.0, p.id.1, p.bytes.len());
        for (key, value) in kept.iter().filter(|(k, _)| KEPT_KEYS.contains(k)) {
            head.push(' ');
            head.push_str(&String::from_utf8_lossy(key));
            head.push(' ');
            head.push_str(&String::from_utf8_lossy(value));
        }
        head.push_str(" >>\nstream\n");
        out.extend_from_slice(head.as_bytes());
        out.extend_from_slice(&p.bytes);
        out.extend_from_slice(b"\nendstream\nendobj\n");
    }
    if offsets.is_empty() {
        return 0;
    }
    let xref = out.len();
    let mut tail = String::from("xref\n");
    for ((number, generation), offset) in &offsets {
        // Entries are exactly 20 bytes: `oooooooooo ggggg n` and an EOL pair.
        let _ = write!(tail, "{number} 1\n{offset:010} {generation:05} n\r\n");
    }
    let size = offsets
        .iter()
        .map(|((n, _), _)| n.saturating_add(1))
        .fold(trailer.size, u32::max);
    let _ = write!(
        tail,
        "trailer\n<< /Size {size} /Root {}",
        String::from_utf8_lossy(trailer.root)
    );
    if let Some(info) = trailer.info {
        let _ = write!(tail, " /Info {}", String::from_utf8_lossy(info));
    }
    let _ = write!(
        tail,
        " /Prev {} >>\nstartxref\n{xref}\n%%EOF\n",
        trailer.prev
    );
    out.extend_from_slice(tail.as_bytes());
    offsets.len()
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

/// The top-level `(key, value)` pairs of a dictionary `<< … >>` whose
/// values are names, numbers, references, arrays or dictionaries (what
/// trailers and program dictionaries hold); `None` for anything else
/// (a string or boolean value, a comment, a dictionary that never closes).
fn top_entries(dict: &[u8]) -> Option<Vec<(&[u8], &[u8])>> {
    let body = trim_start(dict.strip_prefix(b"<<")?);
    let close = body.len().checked_sub(trim_end_len(body))?;
    let mut rest = body.get(..close)?.strip_suffix(b">>")?;
    let mut out = Vec::new();
    loop {
        rest = trim_start(rest);
        if rest.is_empty() {
            return Some(out);
        }
        let key_len = name_len(rest)?;
        let (key, after) = rest.split_at(key_len);
        let after = trim_start(after);
        let value_len = value_len(after)?;
        let (value, tail) = after.split_at(value_len);
        out.push((key, value));
        rest = tail;
    }
}

/// Length of the name at the start of `s` (`/` and its regular bytes).
fn name_len(s: &[u8]) -> Option<usize> {
    s.first().filter(|&&c| c == b'/')?;
    let n = s
        .iter()
        .skip(1)
        .take_while(|&&c| is_regular_byte(c))
        .count();
    Some(1 + n)
}

/// Length of the value at the start of `s`: a name, a number or a
/// reference (`n g R`), or a bracketed array or dictionary.
fn value_len(s: &[u8]) -> Option<usize> {
    match s.first()? {
        b'/' => name_len(s),
        b'[' | b'<' => balanced_end(s, 0),
        _ => {
            let (first, rest) = number(s)?;
            let reference = number(trim_start(rest)).and_then(|(_, tail)| {
                let tail = trim_start(tail);
                let is_r = tail.first() == Some(&b'R')
                    && !tail.get(1).is_some_and(|&c| is_regular_byte(c));
                is_r.then(|| s.len() - tail.len() + 1)
            });
            Some(reference.unwrap_or(first.len()))
        }
    }
}

/// The (possibly signed, possibly decimal) number at the start of `s`, and
/// what follows it.
fn number(s: &[u8]) -> Option<(&str, &[u8])> {
    let n = s
        .iter()
        .enumerate()
        .take_while(|&(i, &c)| c.is_ascii_digit() || c == b'.' || (i == 0 && c == b'-'))
        .count();
    let (digits, rest) = (s.get(..n)?, s.get(n..)?);
    let text = std::str::from_utf8(digits).ok()?;
    text.bytes()
        .any(|c| c.is_ascii_digit())
        .then_some((text, rest))
}

/// Where the bracketed value opening at `open` (`[`, `<<`) ends, one past
/// its closing bracket (strings inside skipped); `None` if it never closes.
fn balanced_end(bytes: &[u8], open: usize) -> Option<usize> {
    let mut depth = 0usize;
    let mut i = open;
    while let Some(&c) = bytes.get(i) {
        match c {
            b'[' => depth += 1,
            b'<' if bytes.get(i + 1) == Some(&b'<') => {
                depth += 1;
                i += 1;
            }
            b']' => depth = depth.checked_sub(1)?,
            b'>' if bytes.get(i + 1) == Some(&b'>') => {
                depth = depth.checked_sub(1)?;
                i += 1;
            }
            // A hex string.
            b'<' => i += find(bytes.get(i..)?, b">", 0)?,
            // A literal string: on from its closing `)`.
            b'(' => i = skip_literal_string(bytes, i).checked_sub(1)?,
            b'%' => return None,
            _ => {}
        }
        i += 1;
        if depth == 0 {
            return Some(i);
        }
    }
    None
}

/// How many white-space bytes end `s`.
fn trim_end_len(s: &[u8]) -> usize {
    s.iter()
        .rev()
        .take_while(|c| c.is_ascii_whitespace())
        .count()
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
        let mut out = b"%PDF-1.7\n".to_vec();
        let mut offsets = Vec::new();
        let objects = [
            "<< /Type /Catalog /Pages 2 0 R >>".to_string(),
            "<< /Type /Pages /Kids [3 0 R] /Count 1 >>".to_string(),
            "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 100 100] >>".to_string(),
        ];
        for (i, o) in objects.iter().enumerate() {
            offsets.push(out.len());
            out.extend(format!("{} 0 obj\n{o}\nendobj\n", i + 1).bytes());
        }
        offsets.push(out.len());
        out.extend(b"4 0 obj\n");
        let dict_start = out.len();
        out.extend(
            format!(
                "<< /Length {} /Filter /FlateDecode {extra} >>\n",
                data.len()
            )
            .bytes(),
        );
        let dict_end = out.len() - 1;
        out.extend(b"stream\n");
        out.extend(&data);
        out.extend(b"\nendstream\nendobj\n");
        let xref = out.len();
        out.extend(b"xref\n0 5\n0000000000 65535 f\r\n");
        for o in offsets {
            out.extend(format!("{o:010} 00000 n\r\n").bytes());
        }
        out.extend(
            format!(
                "trailer\n<< /Size 5 /Root 1 0 R /ID [<0a0b> (x\\)y)] >>\nstartxref\n{xref}\n%%EOF\n"
            )
            .bytes(),
        );
        (out, dict_start..dict_end)
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
