//! Stream filters decoded with a cap on the output, to measure what a stream
//! would decode to before hayro decodes it without one.
//!
//! hayro-syntax 0.9 inflates every stream to the end (`read_to_end`), so one
//! 1 MB Flate stream can ask for a gigabyte. The pre-scan runs each stream's
//! filter chain through these decoders, which stop at `cap` bytes; the
//! output is kept only while another filter still needs it, or when the
//! caller will hand it on ([`inflate`]: a content stream decoded once, here,
//! instead of once here and again in hayro).

use flate2::read::{DeflateDecoder, ZlibDecoder};
use std::io::Read;

/// A filter whose output size can be measured here.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Filter {
    Flate,
    Lzw { early_change: bool },
    Ascii85,
    AsciiHex,
    RunLength,
}

/// What decoding a chain produced.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Measured {
    /// The decoded size (of what decoded before any error: hayro keeps a
    /// damaged stream's good prefix too).
    Bytes(u64),
    /// More than the cap.
    Over,
}

/// A Flate stream inflated in full within the cap.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Inflated {
    /// The decoded bytes.
    pub(crate) bytes: Vec<u8>,
    /// Input bytes the zlib stream took, its checksum included: hayro
    /// decodes the same bytes to the same output if its copy of the stream
    /// starts with these.
    pub(crate) consumed: usize,
}

/// Inflates a zlib stream (`/Filter /FlateDecode`, no parameters) with the
/// cap; `Err` holds what [`measure`] would have said when it does not end
/// cleanly (over the cap, damaged, not zlib), for the caller to fall back.
pub(crate) fn inflate(data: &[u8], cap: u64) -> Result<Inflated, Measured> {
    if !zlib_header(data) {
        return Err(measure(data, &[Filter::Flate], cap));
    }
    let mut sink = Sink::new(cap, true);
    let mut reader = ZlibDecoder::new(data);
    if pump(&mut reader, &mut sink) && !sink.over {
        let consumed = usize::try_from(reader.total_in()).unwrap_or(usize::MAX);
        return Ok(Inflated {
            bytes: sink.kept,
            consumed,
        });
    }
    Err(if sink.over {
        Measured::Over
    } else {
        Measured::Bytes(sink.len)
    })
}

/// Decodes `data` through `filters` in order, stopping at `cap` bytes of
/// output at any stage.
pub(crate) fn measure(data: &[u8], filters: &[Filter], cap: u64) -> Measured {
    let mut current: Option<Vec<u8>> = None;
    for (i, filter) in filters.iter().enumerate() {
        let input = current.as_deref().unwrap_or(data);
        let last = i + 1 == filters.len();
        let mut sink = Sink::new(cap, !last);
        decode_one(*filter, input, &mut sink);
        if sink.over {
            return Measured::Over;
        }
        if last {
            return Measured::Bytes(sink.len);
        }
        current = Some(sink.kept);
    }
    Measured::Bytes(current.map_or(data.len() as u64, |c| c.len() as u64))
}

/// Where decoded bytes go: counted always, kept when a later filter needs
/// them, refused past the cap.
struct Sink {
    cap: u64,
    keep: bool,
    kept: Vec<u8>,
    len: u64,
    over: bool,
}

impl Sink {
    fn new(cap: u64, keep: bool) -> Self {
        Sink {
            cap,
            keep,
            kept: Vec::new(),
            len: 0,
            over: false,
        }
    }

    /// Adds bytes; false once over the cap (the decoder should stop).
    fn push(&mut self, bytes: &[u8]) -> bool {
        self.len = self.len.saturating_add(bytes.len() as u64);
        if self.len > self.cap {
            self.over = true;
            return false;
        }
        if self.keep {
            self.kept.extend_from_slice(bytes);
        }
        true
    }

    /// Adds one byte repeated `n` times.
    fn push_repeated(&mut self, byte: u8, n: usize) -> bool {
        self.push(&vec![byte; n])
    }
}

fn decode_one(filter: Filter, input: &[u8], sink: &mut Sink) {
    match filter {
        Filter::Flate => flate(input, sink),
        Filter::Lzw { early_change } => lzw(input, early_change, sink),
        Filter::Ascii85 => ascii85(input, sink),
        Filter::AsciiHex => ascii_hex(input, sink),
        Filter::RunLength => run_length(input, sink),
    }
}

/// Inflates as zlib, or as raw deflate when the zlib header is wrong (hayro
/// tries both), in 64 KiB steps.
fn flate(input: &[u8], sink: &mut Sink) {
    if zlib_header(input) {
        pump(&mut ZlibDecoder::new(input), sink);
    } else {
        pump(&mut DeflateDecoder::new(input), sink);
    }
}

/// A valid zlib header (deflate, checksum of the two bytes right).
fn zlib_header(input: &[u8]) -> bool {
    let (cmf, flg) = (input.first().copied(), input.get(1).copied());
    matches!((cmf, flg), (Some(c), Some(f)) if c & 0x0f == 8 && (u16::from(c) << 8 | u16::from(f)) % 31 == 0)
}

/// Reads `reader` into `sink` in 64 KiB steps; true when the stream ended
/// cleanly (not on an error, not stopped by the cap).
fn pump(reader: &mut impl Read, sink: &mut Sink) -> bool {
    let mut buf = [0u8; 64 * 1024];
    loop {
        match reader.read(&mut buf) {
            Ok(0) => return true,
            Err(_) => return false,
            Ok(n) => {
                if !sink.push(buf.get(..n).unwrap_or_default()) {
                    return false;
                }
            }
        }
    }
}

/// LZW as PDF uses it (MSB-first codes of 9 to 12 bits, 256 = clear,
/// 257 = end). Only each table entry's first byte, length and prefix are
/// stored, so memory stays at 4,096 entries whatever the input.
fn lzw(input: &[u8], early_change: bool, sink: &mut Sink) {
    const CLEAR: usize = 256;
    const EOD: usize = 257;
    // Entry i: (prefix entry, last byte, length).
    let mut table: Vec<(usize, u8, usize)> = (0..=255u8).map(|b| (usize::MAX, b, 1)).collect();
    table.push((usize::MAX, 0, 0));
    table.push((usize::MAX, 0, 0));
    let mut width = 9u32;
    let mut prev: Option<usize> = None;
    let (mut acc, mut bits) = (0u32, 0u32);
    let mut out = Vec::new();
    for &byte in input {
        acc = (acc << 8) | u32::from(byte);
        bits += 8;
        while bits >= width {
            bits -= width;
            let code = ((acc >> bits) & ((1 << width) - 1)) as usize;
            acc &= (1u32 << bits).wrapping_sub(1);
            if code == CLEAR {
                table.truncate(258);
                width = 9;
                prev = None;
                continue;
            }
            if code == EOD {
                return;
            }
            let entry = if code < table.len() {
                code
            } else if code == table.len() && prev.is_some() {
                usize::MAX // KwKwK: previous string plus its own first byte
            } else {
                return; // corrupt
            };
            out.clear();
            let first = if entry == usize::MAX {
                let p = prev.unwrap_or(0);
                expand(&table, p, &mut out);
                let f = out.first().copied().unwrap_or(0);
                out.push(f);
                f
            } else {
                expand(&table, entry, &mut out);
                out.first().copied().unwrap_or(0)
            };
            if let Some(p) = prev
                && table.len() < 4096
            {
                let len = table.get(p).map_or(1, |e| e.2) + 1;
                table.push((p, first, len));
            }
            prev = Some(if entry == usize::MAX {
                table.len() - 1
            } else {
                entry
            });
            if !sink.push(&out) {
                return;
            }
            let next = table.len() + usize::from(early_change);
            width = match next {
                n if n >= 2048 => 12,
                n if n >= 1024 => 11,
                n if n >= 512 => 10,
                _ => 9,
            };
        }
    }
}

/// Writes entry `code`'s string into `out` (prefix chains are walked
/// backwards, then reversed).
fn expand(table: &[(usize, u8, usize)], code: usize, out: &mut Vec<u8>) {
    let start = out.len();
    let mut at = code;
    while let Some(&(prefix, byte, _)) = table.get(at) {
        out.push(byte);
        at = prefix;
    }
    if let Some(tail) = out.get_mut(start..) {
        tail.reverse();
    }
}

fn ascii85(input: &[u8], sink: &mut Sink) {
    let mut group = [0u32; 5];
    let mut n = 0usize;
    for &b in input {
        match b {
            b'~' => break,
            b'z' if n == 0 && !sink.push(&[0, 0, 0, 0]) => return,
            b'z' if n == 0 => {}
            b'!'..=b'u' => {
                if let Some(slot) = group.get_mut(n) {
                    *slot = u32::from(b - b'!');
                }
                n += 1;
                if n == 5 {
                    let v = group
                        .iter()
                        .fold(0u32, |a, d| a.wrapping_mul(85).wrapping_add(*d));
                    if !sink.push(&v.to_be_bytes()) {
                        return;
                    }
                    n = 0;
                }
            }
            _ => {}
        }
    }
    if n > 1 {
        for slot in group.iter_mut().skip(n) {
            *slot = 84;
        }
        let v = group
            .iter()
            .fold(0u32, |a, d| a.wrapping_mul(85).wrapping_add(*d));
        let bytes = v.to_be_bytes();
        sink.push(bytes.get(..n - 1).unwrap_or_default());
    }
}

fn ascii_hex(input: &[u8], sink: &mut Sink) {
    let mut high: Option<u8> = None;
    let mut out = Vec::with_capacity(input.len() / 2 + 1);
    for &b in input {
        let v = match b {
            b'>' => break,
            b'0'..=b'9' => b - b'0',
            b'a'..=b'f' => b - b'a' + 10,
            b'A'..=b'F' => b - b'A' + 10,
            _ => continue,
        };
        match high.take() {
            Some(h) => out.push(h << 4 | v),
            None => high = Some(v),
        }
    }
    if let Some(h) = high {
        out.push(h << 4);
    }
    sink.push(&out);
}

fn run_length(input: &[u8], sink: &mut Sink) {
    let mut i = 0usize;
    while let Some(&len) = input.get(i) {
        i += 1;
        let ok = match len {
            128 => return,
            0..=127 => {
                let n = usize::from(len) + 1;
                let run = input.get(i..(i + n).min(input.len())).unwrap_or_default();
                i += n;
                sink.push(run)
            }
            _ => {
                let byte = input.get(i).copied().unwrap_or(0);
                i += 1;
                sink.push_repeated(byte, 257 - usize::from(len))
            }
        };
        if !ok {
            return;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use flate2::Compression;
    use flate2::write::ZlibEncoder;
    use std::io::Write;

    fn zlib(data: &[u8]) -> Vec<u8> {
        let mut e = ZlibEncoder::new(Vec::new(), Compression::best());
        e.write_all(data).unwrap();
        e.finish().unwrap()
    }

    #[test]
    fn flate_measures_and_caps() {
        let packed = zlib(&vec![0u8; 1_000_000]);
        assert_eq!(
            measure(&packed, &[Filter::Flate], 2_000_000),
            Measured::Bytes(1_000_000)
        );
        assert_eq!(measure(&packed, &[Filter::Flate], 10_000), Measured::Over);
        // Nested bomb: Flate of Flate.
        let twice = zlib(&packed);
        assert_eq!(
            measure(&twice, &[Filter::Flate, Filter::Flate], 2_000_000),
            Measured::Bytes(1_000_000)
        );
    }

    #[test]
    fn small_filters_decode() {
        assert_eq!(
            measure(b"616263>", &[Filter::AsciiHex], 100),
            Measured::Bytes(3)
        );
        assert_eq!(measure(b"z~>", &[Filter::Ascii85], 100), Measured::Bytes(4));
        assert_eq!(
            measure(b"87cURD]i,\"Ebo80~>", &[Filter::Ascii85], 100),
            Measured::Bytes(12)
        );
        assert_eq!(
            measure(&[129, b'x', 128], &[Filter::RunLength], 1000),
            Measured::Bytes(128)
        );
        // LZW example from the PDF reference: 2D 2D 2D 2D 2D 41 2D 2D 2D 42.
        let lzw = [0x80, 0x0B, 0x60, 0x50, 0x22, 0x0C, 0x0C, 0x85, 0x01];
        assert_eq!(
            measure(&lzw, &[Filter::Lzw { early_change: true }], 1000),
            Measured::Bytes(10)
        );
    }
}
