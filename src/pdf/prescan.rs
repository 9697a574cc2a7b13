//! A bounded pass over the raw bytes before hayro parses them.
//!
//! hayro-syntax bounds its own object nesting (512, by failing quietly) and
//! Form XObject depth (50) but not what a stream decodes to: it inflates
//! every stream to its end. This pass finds every `stream … endstream`,
//! measures its decoded size through [`bounded_decode`](super::bounded_decode)
//! with a cap, and tracks array and dictionary nesting outside streams, so a
//! decompression bomb or a 10,000-deep array is refused as `TooLarge` before
//! anything is decoded without a bound. It never trusts `/Length` alone (a
//! wrong `/Length` is common in damaged files): a stream runs to whichever is
//! further, `/Length` or the next `endstream`.
//!
//! Encrypted streams cannot be measured here (their bytes are ciphertext);
//! [`super::read_pages`] measures those again after decryption. Plain
//! Flate streams of other files are kept once inflated, for the page
//! content they may be ([`super::contents`]).

use super::bounded_decode::{Filter, Measured, inflate, measure};
use super::contents::{Kept, KeptStreams};
use super::limits::PdfLimits;
use super::programs::{Program, is_font_program};
use crate::error::{ErrorClass, ReadError};
use rustc_hash::FxHashSet;

/// What the pass saw.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub(crate) struct Scan {
    /// Streams found.
    pub(crate) streams: usize,
    /// Sum of their measured decoded sizes (or bounds on them: see
    /// [`Sizing::BoundSmallFlate`]).
    pub(crate) decoded: u64,
    /// Of `decoded`, what was counted by bound rather than measured.
    pub(crate) bounded: u64,
    /// Deepest array/dictionary nesting outside streams.
    pub(crate) max_depth: usize,
    /// The file has an `/Encrypt` entry somewhere.
    pub(crate) encrypted: bool,
    /// Streams whose direct `/Length` does not end at `endstream`.
    pub(crate) wrong_lengths: usize,
    /// Object numbers and generations of the streams found, for measuring
    /// them again after decryption.
    pub(crate) encrypted_streams: Vec<EncryptedStream>,
    /// Plain Flate streams inflated in full, by object id.
    pub(crate) kept: KeptStreams,
    /// Font programs too large to bound, inflated in full to measure them
    /// and kept for handing on (see [`super::programs`]).
    pub(crate) programs: Vec<Program>,
    /// The decoded bytes of `kept` and `programs` in all.
    pub(crate) kept_bytes: u64,
    /// The ids of the streams found.
    pub(crate) seen: FxHashSet<(u32, i32)>,
    /// Ids the file gives more than one stream (a later revision replaced
    /// it): whose copy hayro reads is its cross-reference's choice.
    pub(crate) repeated: FxHashSet<(u32, i32)>,
}

/// Decoded bytes kept for handing on, at most (past this, streams are
/// measured and hayro decodes them again): a file of unreferenced plain
/// streams must not hold its whole decoded size in memory.
const MAX_KEPT: u64 = 64 * 1024 * 1024;

/// A stream of an encrypted file, to be measured after decryption.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct EncryptedStream {
    /// Object number and generation.
    pub(crate) id: (u32, i32),
    /// Its measurable filters.
    pub(crate) filters: Vec<Filter>,
}

/// Deflate's largest expansion, output bytes per input byte: a 258-byte
/// match coded in two bits (a one-bit length code and a one-bit distance
/// code), four to the byte. No Flate stream decodes to more.
const FLATE_MAX_RATIO: u64 = 1032;

/// How a stream's decoded size is found.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Sizing {
    /// Decode every stream (with the cap) and count what it decodes to.
    Measure,
    /// A stream whose only filter is Flate and whose length times
    /// [`FLATE_MAX_RATIO`] is within the per-stream cap cannot be over it:
    /// count that bound instead of inflating it (hayro inflates it once,
    /// if it is used), while the bounds together stay within half the
    /// total cap (so that the streams measured keep at least the other
    /// half). Other streams are measured.
    BoundSmallFlate,
}

/// Scans `bytes`, failing with `TooLarge` when a bound is exceeded.
///
/// Small Flate streams (fonts, forms, images' data; every stream of a
/// typical report) are not inflated here, only bounded by their length
/// (see [`Sizing::BoundSmallFlate`]): each stream is then decompressed
/// once, by hayro, or here when it is page content handed on. Counting
/// bounds instead of sizes can only overstate the total, so when that
/// fails a bound the file is scanned again measuring every stream, and
/// that scan's answer stands: a file is refused exactly when measuring
/// every stream refuses it.
pub(crate) fn prescan(bytes: &[u8], limits: &PdfLimits) -> Result<Scan, ReadError> {
    match scan_with(bytes, limits, Sizing::BoundSmallFlate) {
        Err(e) if e.class == ErrorClass::TooLarge => scan_with(bytes, limits, Sizing::Measure),
        other => other,
    }
}

fn scan_with(bytes: &[u8], limits: &PdfLimits, sizing: Sizing) -> Result<Scan, ReadError> {
    let mut scan = Scan {
        encrypted: find(bytes, b"/Encrypt", 0).is_some(),
        ..Scan::default()
    };
    let mut depth = 0usize;
    // Start of the dictionary that most recently opened at depth 0.
    let mut dict_start: Option<usize> = None;
    let mut i = 0usize;
    while let Some(&b) = bytes.get(i) {
        match b {
            b'%' => {
                while bytes.get(i).is_some_and(|&c| c != b'\n' && c != b'\r') {
                    i += 1;
                }
                continue;
            }
            b'(' => {
                i = skip_literal_string(bytes, i);
                continue;
            }
            b'<' if bytes.get(i + 1) == Some(&b'<') => {
                if depth == 0 {
                    dict_start = Some(i);
                }
                depth += 1;
                i += 2;
            }
            b'>' if bytes.get(i + 1) == Some(&b'>') => {
                depth = depth.saturating_sub(1);
                i += 2;
                continue;
            }
            b'<' => {
                // Hex string.
                while bytes.get(i).is_some_and(|&c| c != b'>') {
                    i += 1;
                }
                i += 1;
                continue;
            }
            b'[' => {
                depth += 1;
                i += 1;
            }
            b']' => {
                depth = depth.saturating_sub(1);
                i += 1;
                continue;
            }
            b's' if bytes.get(i..i + 6) == Some(b"stream") && !is_regular(bytes, i + 6) => {
                let previous = i.checked_sub(1).and_then(|p| bytes.get(p));
                if previous.is_some_and(|&p| is_regular_byte(p)) {
                    i += 6;
                    continue;
                }
                let dict = dict_start.and_then(|s| bytes.get(s..i)).unwrap_or_default();
                let id = dict_start.and_then(|s| object_id_before(bytes, s));
                if scan.encrypted
                    && let Some(id) = id
                {
                    let filters = filters(dict);
                    scan.encrypted_streams.push(EncryptedStream { id, filters });
                }
                if let Some(id) = id
                    && !scan.seen.insert(id)
                {
                    scan.repeated.insert(id);
                }
                let room = scan.kept_bytes < MAX_KEPT && !scan.encrypted;
                let keep = id.filter(|_| room && plain_flate(dict));
                let program = id
                    .filter(|_| room && is_font_program(dict))
                    .zip(dict_start.map(|s| s..i));
                let found = Found {
                    dict,
                    keep,
                    program,
                };
                i = stream(bytes, i + 6, found, sizing, limits, &mut scan)?;
                depth = 0;
                dict_start = None;
                continue;
            }
            _ => {
                // On to the next byte an arm above acts on (`MARKED`).
                i = next_marked(bytes, i + 1);
                continue;
            }
        }
        if depth > scan.max_depth {
            scan.max_depth = depth;
            if depth > limits.max_nesting {
                return Err(ReadError::new(
                    ErrorClass::TooLarge,
                    format!(
                        "arrays or dictionaries nested more than {} deep (at byte {i})",
                        limits.max_nesting
                    ),
                ));
            }
        }
    }
    Ok(scan)
}

/// A stream found: its dictionary, and what of it may be kept.
struct Found<'a> {
    /// The dictionary's bytes.
    dict: &'a [u8],
    /// Its id, when it is a plain Flate stream (page content, perhaps):
    /// kept once inflated.
    keep: Option<(u32, i32)>,
    /// Its id and dictionary's place, when it is a font program: kept if it
    /// has to be inflated to be measured.
    program: Option<((u32, i32), std::ops::Range<usize>)>,
}

/// Measures one stream whose keyword ends at `start` (keeping what it
/// inflates to, as `found` allows); returns where scanning resumes.
fn stream(
    bytes: &[u8],
    mut start: usize,
    found: Found<'_>,
    sizing: Sizing,
    limits: &PdfLimits,
    scan: &mut Scan,
) -> Result<usize, ReadError> {
    let Found {
        dict,
        keep,
        program,
    } = found;
    if bytes.get(start) == Some(&b'\r') {
        start += 1;
    }
    if bytes.get(start) == Some(&b'\n') {
        start += 1;
    }
    let by_keyword = find(bytes, b"endstream", start).unwrap_or(bytes.len());
    let length = direct_length(dict);
    let by_length = length
        .and_then(|l| start.checked_add(l))
        .filter(|&end| end <= bytes.len());
    // A right /Length is followed by white space and `endstream`.
    let length_right = by_length.is_some_and(|end| {
        let after = bytes.get(end..).unwrap_or_default();
        trim_start(after).starts_with(b"endstream")
    });
    if length.is_some() && !length_right {
        scan.wrong_lengths += 1;
    }
    // Measure the longer reading (either may be what hayro decodes); resume
    // scanning where the stream really ends.
    let longest = by_keyword.max(by_length.unwrap_or(0));
    let end = match by_length {
        Some(end) if length_right => end,
        _ => by_keyword,
    };
    let data = bytes.get(start..longest).unwrap_or_default();
    scan.streams += 1;
    let remaining = limits.max_decoded_bytes.saturating_sub(scan.decoded);
    let cap = limits.max_stream_bytes.min(remaining);
    let filters = filters(dict);
    let bound = (data.len() as u64).saturating_mul(FLATE_MAX_RATIO);
    let bounded = sizing == Sizing::BoundSmallFlate
        && !scan.encrypted
        && filters == [Filter::Flate]
        && bound <= cap
        && scan.bounded.saturating_add(bound) <= limits.max_decoded_bytes / 2;
    // A stream counted by its bound is inflated once, by hayro; one that
    // has to be measured is inflated here, and kept when it can be handed
    // on (page content, font programs), so that hayro does not again.
    let measured = match (keep, program) {
        _ if bounded => {
            scan.bounded += bound;
            Measured::Bytes(bound)
        }
        (Some(id), _) => match inflate(data, cap) {
            Ok(inflated) => {
                let n = inflated.bytes.len() as u64;
                scan.kept_bytes = scan.kept_bytes.saturating_add(n);
                scan.kept.insert(
                    id,
                    Kept {
                        start,
                        consumed: inflated.consumed,
                        bytes: inflated.bytes,
                    },
                );
                Measured::Bytes(n)
            }
            Err(measured) => measured,
        },
        (None, Some((id, dict))) => match inflate(data, cap) {
            Ok(inflated) => {
                let n = inflated.bytes.len() as u64;
                if inflated.consumed <= before_endstream(bytes, start, by_keyword) {
                    scan.kept_bytes = scan.kept_bytes.saturating_add(n);
                    let bytes = inflated.bytes;
                    scan.programs.push(Program { id, dict, bytes });
                }
                Measured::Bytes(n)
            }
            Err(measured) => measured,
        },
        (None, None) => measure(data, &filters, cap),
    };
    match measured {
        Measured::Bytes(n) => scan.decoded = scan.decoded.saturating_add(n),
        Measured::Over => return Err(over(limits, scan, start)),
    }
    Ok(end)
}

/// How many bytes of a stream starting at `start` lie before the first
/// `endstream` (at `keyword`, or none: the file's end) and the white space
/// (PDF's, NUL included) in front of it. hayro reads a stream as `/Length` bytes followed by
/// `endstream`, or else as the bytes up to the first `endstream`, white
/// space trimmed; either way it holds these bytes, so a zlib stream within
/// them decodes for hayro exactly as it did here.
fn before_endstream(bytes: &[u8], start: usize, keyword: usize) -> usize {
    if keyword >= bytes.len() {
        return 0;
    }
    let data = bytes.get(start..keyword).unwrap_or_default();
    let white = |c: &&u8| matches!(c, b'\0' | b'\t' | b'\n' | b'\x0c' | b'\r' | b' ');
    data.len() - data.iter().rev().take_while(white).count()
}

/// The `TooLarge` error for a stream over a decoded-size bound.
pub(crate) fn over(limits: &PdfLimits, scan: &Scan, at: usize) -> ReadError {
    let message = if scan.decoded.saturating_add(limits.max_stream_bytes) > limits.max_decoded_bytes
    {
        format!(
            "streams decode to more than {} bytes in all (decompression bomb?), at byte {at}",
            limits.max_decoded_bytes
        )
    } else {
        format!(
            "a stream decodes to more than {} bytes (decompression bomb?), at byte {at}",
            limits.max_stream_bytes
        )
    };
    ReadError::new(ErrorClass::TooLarge, message)
}

/// The measurable filters named by a stream dictionary's `/Filter`, in
/// order, up to the first one that cannot be measured (image codecs, Crypt,
/// an unknown or indirect name).
pub(crate) fn filters(dict: &[u8]) -> Vec<Filter> {
    let Some(at) = find(dict, b"/Filter", 0) else {
        return Vec::new();
    };
    let rest = dict.get(at + 7..).unwrap_or_default();
    let rest = trim_start(rest);
    let list: &[u8] = match rest.first() {
        Some(b'[') => {
            let close = rest.iter().position(|&c| c == b']').unwrap_or(rest.len());
            rest.get(1..close).unwrap_or_default()
        }
        Some(b'/') => {
            let end = rest
                .iter()
                .skip(1)
                .position(|&c| !is_regular_byte(c))
                .map_or(rest.len(), |p| p + 1);
            rest.get(..end).unwrap_or_default()
        }
        _ => return Vec::new(),
    };
    let early_change = !contains(dict, b"/EarlyChange 0");
    let mut out = Vec::new();
    for name in list.split(|&c| c == b'/' || c.is_ascii_whitespace()) {
        if name.is_empty() {
            continue;
        }
        let filter = match name {
            b"FlateDecode" | b"Fl" => Filter::Flate,
            b"LZWDecode" | b"LZW" => Filter::Lzw { early_change },
            b"ASCII85Decode" | b"A85" => Filter::Ascii85,
            b"ASCIIHexDecode" | b"AHx" => Filter::AsciiHex,
            b"RunLengthDecode" | b"RL" => Filter::RunLength,
            _ => break,
        };
        out.push(filter);
    }
    out
}

/// A stream dictionary with `/Filter /FlateDecode` (or `[/FlateDecode]`)
/// and no parameters, type or font lengths: what a page content stream
/// looks like (fonts, images, forms and object streams all say what they
/// are).
fn plain_flate(dict: &[u8]) -> bool {
    let Some(at) = find(dict, b"/Filter", 0) else {
        return false;
    };
    let rest = trim_start(dict.get(at + 7..).unwrap_or_default());
    let array = rest.strip_prefix(b"[").map(trim_start);
    let rest = array.unwrap_or(rest);
    let name = [b"/FlateDecode".as_slice(), b"/Fl"]
        .into_iter()
        .find(|n| rest.starts_with(n) && !is_regular(rest, n.len()));
    let Some(name) = name else { return false };
    // In an array, Flate must be the only filter; a name alone is followed
    // by the next key.
    let after = trim_start(rest.get(name.len()..).unwrap_or_default());
    let single = array.is_none() || after.starts_with(b"]");
    let plain = [
        b"/DecodeParms".as_slice(),
        b"/DP",
        b"/Type",
        b"/Subtype",
        b"/Length1",
        b"/FFilter",
    ]
    .iter()
    .all(|k| !contains(dict, k));
    single && plain
}

/// A direct integer `/Length n` (not `n 0 R`).
fn direct_length(dict: &[u8]) -> Option<usize> {
    let at = find(dict, b"/Length", 0)?;
    let rest = trim_start(dict.get(at + 7..)?);
    let digits = rest.iter().take_while(|c| c.is_ascii_digit()).count();
    let after = trim_start(rest.get(digits..)?);
    // `5 0 R` is a reference, whose target we do not resolve here.
    if after.first().is_some_and(|c| c.is_ascii_digit()) {
        return None;
    }
    std::str::from_utf8(rest.get(..digits)?).ok()?.parse().ok()
}

/// The `N G` of an `N G obj` header just before position `at`.
fn object_id_before(bytes: &[u8], at: usize) -> Option<(u32, i32)> {
    let head = bytes.get(at.saturating_sub(40)..at)?;
    let head = head.trim_ascii_end().strip_suffix(b"obj")?;
    let text = std::str::from_utf8(head.rsplit(|c| !c.is_ascii()).next()?).ok()?;
    let mut words = text.split_ascii_whitespace().rev();
    let generation = words.next()?.parse().ok()?;
    let number = words.next()?.parse().ok()?;
    Some((number, generation))
}

/// One past the `)` closing the literal string opening at `i` (nested
/// parentheses and escapes followed), or the end of `bytes`.
pub(super) fn skip_literal_string(bytes: &[u8], mut i: usize) -> usize {
    let mut depth = 0usize;
    while let Some(&c) = bytes.get(i) {
        match c {
            b'\\' => i += 1,
            b'(' => depth += 1,
            b')' => {
                depth = depth.saturating_sub(1);
                if depth == 0 {
                    return i + 1;
                }
            }
            _ => {}
        }
        i += 1;
    }
    i
}

/// The bytes the scan acts on: `%`, `(`, `<`, `>`, `[`, `]` and the `s`
/// that may start `stream`, as a table by byte value. These are the bytes
/// of the arms of `scan_with`'s `match`: an arm for another byte must add
/// it here, or [`next_marked`] passes over it.
// Built at compile time, where an index out of bounds is a build error,
// not a panic.
#[allow(clippy::indexing_slicing)]
const MARKED: [bool; 256] = {
    let mut table = [false; 256];
    let bytes = b"%(<>[]s";
    let mut k = 0;
    while k < bytes.len() {
        table[bytes[k] as usize] = true;
        k += 1;
    }
    table
};

/// The position of the first byte at or after `from` that the scan acts
/// on ([`MARKED`]), or the end: names, numbers and white space between
/// objects are passed over in one tight loop instead of one turn of the
/// scan's `match` per byte (a sixth of the pre-scan's own instructions).
fn next_marked(bytes: &[u8], from: usize) -> usize {
    let rest = bytes.get(from..).unwrap_or_default();
    from + rest
        .iter()
        .position(|&c| MARKED.get(usize::from(c)) == Some(&true))
        .unwrap_or(rest.len())
}

fn is_regular(bytes: &[u8], i: usize) -> bool {
    bytes.get(i).is_some_and(|&c| is_regular_byte(c))
}

/// Not white space and not a delimiter (PDF 7.2.2).
pub(super) fn is_regular_byte(c: u8) -> bool {
    !matches!(
        c,
        b'\0'
            | b'\t'
            | b'\n'
            | b'\x0c'
            | b'\r'
            | b' '
            | b'('
            | b')'
            | b'<'
            | b'>'
            | b'['
            | b']'
            | b'{'
            | b'}'
            | b'/'
            | b'%'
    )
}

/// `s` without the ASCII white space it starts with.
pub(super) fn trim_start(s: &[u8]) -> &[u8] {
    let n = s.iter().take_while(|c| c.is_ascii_whitespace()).count();
    s.get(n..).unwrap_or_default()
}

fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    find(haystack, needle, 0).is_some()
}

/// First position of `needle` at or after `from`. A vectorised substring
/// search: the pre-scan looks for `/Encrypt` over the whole file and for
/// `endstream` over every stream's bytes, so a byte-by-byte comparison of
/// windows cost about 3 % of reading a PDF.
pub(crate) fn find(haystack: &[u8], needle: &[u8], from: usize) -> Option<usize> {
    memchr::memmem::find(haystack.get(from..)?, needle).map(|p| p + from)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_flate_streams_are_told_by_their_one_filter() {
        for yes in [
            "<</Filter/FlateDecode/Length 2488>>",
            "<</Length 2439/Filter/FlateDecode>>",
            "<< /Filter [ /FlateDecode ] /Length 5 >>",
            "<</Filter /Fl /Length 5>>",
        ] {
            assert!(plain_flate(yes.as_bytes()), "{yes}");
        }
        for no in [
            "<</Filter[/FlateDecode/ASCII85Decode]/Length 5>>",
            "<</Filter/FlateDecode/DecodeParms<</Predictor 12>>/Length 5>>",
            "<</Filter/FlateDecode/Length 5/Length1 9>>",
            "<</Filter/DCTDecode/Length 5>>",
            "<</Length 5>>",
        ] {
            assert!(!plain_flate(no.as_bytes()), "{no}");
        }
    }

    #[test]
    fn reads_filter_names() {
        assert_eq!(
            filters(b"<< /Filter /FlateDecode /Length 5 >>"),
            [Filter::Flate]
        );
        assert_eq!(
            filters(b"<</Filter[/A85/Fl]/Length 5>>"),
            [Filter::Ascii85, Filter::Flate]
        );
        assert_eq!(filters(b"<< /Filter [/DCTDecode] >>"), []);
        assert_eq!(direct_length(b"<< /Length 12 >>"), Some(12));
        assert_eq!(direct_length(b"<< /Length 12 0 R >>"), None);
        assert_eq!(object_id_before(b"\n12 0 obj\n<<", 10), Some((12, 0)));
    }

    #[test]
    fn nesting_outside_strings_and_streams_is_counted() {
        let limits = PdfLimits::default();
        let scan = prescan(b"1 0 obj << /A [[1]] /S (([[[[) >> endobj", &limits).unwrap();
        assert_eq!(scan.max_depth, 3);
        let deep = format!("1 0 obj {} endobj", "[".repeat(300));
        let err = prescan(deep.as_bytes(), &limits).unwrap_err();
        assert_eq!(err.class, ErrorClass::TooLarge);
        let inside = b"1 0 obj << /Length 6 >>\nstream\n[[[[[[\nendstream endobj";
        let scan = prescan(inside, &limits).unwrap();
        // The EOL before `endstream` is counted too: the bound is conservative.
        assert_eq!((scan.max_depth, scan.streams, scan.decoded), (1, 1, 7));
        assert_eq!(scan.wrong_lengths, 0);
    }

    fn zlib(data: &[u8]) -> Vec<u8> {
        use std::io::Write;
        let mut e = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::default());
        e.write_all(data).unwrap();
        e.finish().unwrap()
    }

    fn flate_object(n: u32, data: &[u8]) -> Vec<u8> {
        let packed = zlib(data);
        let mut out = format!(
            "{n} 0 obj << /Filter /FlateDecode /Subtype /Type1C /Length {} >>\nstream\n",
            packed.len()
        )
        .into_bytes();
        out.extend(packed);
        out.extend(b"\nendstream endobj\n");
        out
    }

    #[test]
    fn small_flate_streams_are_bounded_not_inflated() {
        let file = flate_object(1, &[b'x'; 500]);
        let scan = prescan(&file, &PdfLimits::default()).unwrap();
        assert!(scan.bounded > 0 && scan.decoded == scan.bounded, "{scan:?}");
        assert!(scan.decoded >= 500, "a bound on what it decodes to");
    }

    #[test]
    fn bounds_that_overstate_the_total_fall_back_to_measuring() {
        // Two small Flate streams (bounded at about 13 KB each), then one
        // whose bound is over the cap (so it is measured) and which fits
        // the total only with the first two's true sizes.
        let mut file = flate_object(1, &[b'x'; 100]);
        file.extend(flate_object(2, &[b'y'; 100]));
        file.extend(flate_object(3, &[b'a'; 80_000]));
        let limits = PdfLimits {
            max_decoded_bytes: 100_000,
            ..PdfLimits::default()
        };
        let bounded = scan_with(&file, &limits, Sizing::BoundSmallFlate);
        assert_eq!(bounded.unwrap_err().class, ErrorClass::TooLarge);
        let scan = prescan(&file, &limits).unwrap();
        assert_eq!(scan.bounded, 0);
        assert_eq!(scan, scan_with(&file, &limits, Sizing::Measure).unwrap());
        // Over the total for real: refused either way.
        let tight = PdfLimits {
            max_decoded_bytes: 80_000,
            ..PdfLimits::default()
        };
        assert_eq!(
            prescan(&file, &tight).unwrap_err(),
            scan_with(&file, &tight, Sizing::Measure).unwrap_err()
        );
    }
}
