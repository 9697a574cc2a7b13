//! Objects appended to hayro's copy of a file as an incremental update
//! (PDF 32000-1, 7.5.6): each object under its number, a cross-reference
//! section for them and a trailer whose `/Prev` is the file's last one.
//! hayro reads the newest definition of every object, so what is appended
//! replaces the file's own; every other object, and every offset in the
//! file, stays as it was. Font programs handed on inflated (`programs.rs`)
//! and font dictionaries made short (`font_dicts.rs`) are written here.

use super::prescan::{find, trim_start};
use super::raw_dict::{balanced_end, number, top_entries};
use std::fmt::Write as _;

/// An object to append.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct NewObject {
    /// Object number and generation.
    pub(super) id: (u32, i32),
    /// The object (`<< … >>`, `[ … ]`), or the stream's dictionary.
    pub(super) value: Vec<u8>,
    /// The stream's data, for a stream (taken as it is: a font program is
    /// megabytes, copied once, into the file).
    pub(super) stream: Option<Vec<u8>>,
}

/// What the update's trailer repeats from the file's own.
pub(super) struct Trailer<'a> {
    /// Where the file's cross-reference section starts (`/Prev`).
    pub(super) prev: usize,
    /// `/Size`.
    pub(super) size: u32,
    /// `/Root`, and `/Info` if any, as written (`n g R`).
    pub(super) root: &'a [u8],
    pub(super) info: Option<&'a [u8]>,
}

/// The trailer the file's last `startxref` leads to, or `None`.
pub(super) fn last_trailer(bytes: &[u8]) -> Option<Trailer<'_>> {
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

/// Appends `objects` (in object-number order), their cross-reference
/// section and a trailer after `trailer`; returns how many (nothing at
/// all is written when there are none).
pub(super) fn append(
    out: &mut Vec<u8>,
    mut objects: Vec<NewObject>,
    trailer: &Trailer<'_>,
) -> usize {
    if objects.is_empty() {
        return 0;
    }
    objects.sort_by_key(|o| o.id);
    let mut offsets = Vec::with_capacity(objects.len());
    for o in objects {
        out.push(b'\n');
        offsets.push((o.id, out.len()));
        out.extend_from_slice(format!("{} {} obj\n", o.id.0, o.id.1).as_bytes());
        out.extend_from_slice(&o.value);
        if let Some(data) = &o.stream {
            out.extend_from_slice(b"\nstream\n");
            out.extend_from_slice(data);
            out.extend_from_slice(b"\nendstream");
        }
        out.extend_from_slice(b"\nendobj\n");
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
