//! Turning a drawn glyph into Unicode text when the PDF does not say directly.
//!
//! hayro answers from a font's `ToUnicode` map (and, for non-embedded CID
//! fonts, from the collection's UCS2 map). Two cases common in Chinese
//! government PDFs are left, and handled here:
//!
//! * an embedded CID font addressed through a predefined CMap
//!   (UniGB-UCS2-H, UniGB-UTF16-H, GBK-EUC-H, GB-EUC-H, ...) without
//!   `ToUnicode`: the `Uni*` CMaps carry Unicode in the code itself; the
//!   others go code → CID through the CMap and CID → Unicode through the
//!   collection's UCS2 map (Adobe-GB1-UCS2), both from `hayro-cmap`;
//! * an embedded TrueType font (typically Identity-H) without `ToUnicode`:
//!   the font program's own `cmap` table, read backwards (glyph → Unicode).
//!
//! Anything else is undecodable and reported as such by the caller.

use super::font_walk::FontWalk;
use super::page::GlyphText;
use compact_str::ToCompactString;
use hayro_interpret::font::{Glyph, OutlineFontData, OutlineGlyph};
use hayro_interpret::hayro_cmap::{BfString, CMap, CMapName, load_embedded};
use hayro_syntax::object::{Array, Dict, Name};
use hayro_syntax::page::Resources;
use rustc_hash::FxHashMap;
use skrifa::MetadataProvider;
use std::rc::Rc;

/// How to read Unicode from the codes of a font with a predefined CMap.
enum Predefined {
    /// `Uni*-UCS2-*` / `Uni*-UTF16-*`: the code is UTF-16.
    Utf16,
    /// Any other predefined CMap: code → CID → Unicode.
    ViaCid {
        encoding: Box<CMap>,
        ucs2: Box<CMap>,
    },
}

/// What the Type0 fonts of one base name declare as `/Encoding`.
enum Declared {
    /// One encoding (a name, or "" for an embedded CMap stream), with the
    /// reader when it is a predefined CMap we can decode.
    One {
        encoding: String,
        reader: Option<Rc<Predefined>>,
    },
    /// Fonts of this name use different encodings: since a glyph only tells
    /// its font's name, none of them can be decoded through a CMap safely.
    Ambiguous,
}

/// Per-document decoding state: what the document's fonts declare, and the
/// reversed `cmap` tables of embedded fonts, each built once.
#[derive(Default)]
pub(crate) struct Decoder {
    /// Base font name (subset prefix removed) → what its `/Encoding` says.
    encodings: FxHashMap<String, Declared>,
    /// Font program hash → glyph id → Unicode, from the program's `cmap`.
    reversed: FxHashMap<u128, Option<Rc<FxHashMap<u32, char>>>>,
    /// The fonts registered so far.
    walk: FontWalk,
}

impl Decoder {
    /// Records the Type0 fonts with predefined CMaps used by a page or by
    /// the Form XObjects it draws, since the interpreter does not tell which
    /// font drew a glyph beyond its PostScript name.
    pub(crate) fn register(&mut self, resources: &Resources<'_>) {
        let mut walk = std::mem::take(&mut self.walk);
        walk.visit(resources, &mut |_, font| self.register_font(&font));
        self.walk = walk;
    }

    fn register_font(&mut self, font: &Dict<'_>) {
        let is_type0 = font
            .get::<Name<'_>>(b"Subtype".as_slice())
            .is_some_and(|n| n.as_str() == "Type0");
        if !is_type0 {
            return;
        }
        let Some(base) = font.get::<Name<'_>>(b"BaseFont".as_slice()) else {
            return;
        };
        let key = strip_subset(base.as_str()).to_string();
        let encoding = font
            .get::<Name<'_>>(b"Encoding".as_slice())
            .map(|n| n.as_str().to_string())
            .unwrap_or_default();
        match self.encodings.get(&key) {
            Some(Declared::One { encoding: seen, .. }) if *seen != encoding => {
                self.encodings.insert(key, Declared::Ambiguous);
            }
            Some(_) => {}
            None => {
                let reader = if encoding.is_empty() || encoding.starts_with("Identity") {
                    None
                } else {
                    predefined_reader(&encoding, font).map(Rc::new)
                };
                self.encodings
                    .insert(key, Declared::One { encoding, reader });
            }
        }
    }

    /// The glyph's text, or `None` when no source of Unicode covers it.
    /// `font` is the glyph's font data, read once per glyph run by the
    /// caller (reading it per glyph is costly).
    pub(crate) fn text(
        &mut self,
        glyph: &Glyph<'_>,
        font: Option<&OutlineFontData>,
    ) -> Option<GlyphText> {
        if let Some(text) = glyph.as_unicode().and_then(bf_to_string) {
            return Some(text);
        }
        let (Glyph::Outline(outline), Some(font)) = (glyph, font) else {
            return None;
        };
        self.via_predefined_cmap(outline, font)
            .or_else(|| self.via_font_cmap(outline, font))
    }

    fn via_predefined_cmap(
        &self,
        glyph: &OutlineGlyph,
        font: &OutlineFontData,
    ) -> Option<GlyphText> {
        let name = font.postscript_name.as_deref()?;
        let Declared::One {
            reader: Some(reader),
            ..
        } = self.encodings.get(strip_subset(name))?
        else {
            return None;
        };
        let code = glyph.char_code();
        match reader.as_ref() {
            Predefined::Utf16 => utf16_code(code),
            Predefined::ViaCid { encoding, ucs2 } => {
                let cid = code_lengths(code).find_map(|len| encoding.lookup_cid_code(code, len))?;
                ucs2.lookup_bf_string(cid).and_then(bf_to_string)
            }
        }
    }

    fn via_font_cmap(&mut self, glyph: &OutlineGlyph, font: &OutlineFontData) -> Option<GlyphText> {
        let map = self
            .reversed
            .entry(font.cache_key)
            .or_insert_with(|| reverse_cmap((*font.data).as_ref()).map(Rc::new))
            .clone()?;
        map.get(&glyph.glyph_id().to_u32())
            .map(|c| c.to_compact_string())
    }
}

/// Builds the reader for a font's predefined `/Encoding` CMap, if the name
/// is one `hayro-cmap` knows and the collection has a UCS2 map.
fn predefined_reader(encoding: &str, font: &Dict<'_>) -> Option<Predefined> {
    if encoding.starts_with("Uni") && (encoding.contains("UCS2") || encoding.contains("UTF16")) {
        return Some(Predefined::Utf16);
    }
    let data = load_embedded(CMapName::from_bytes(encoding.as_bytes()))?;
    let encoding_map = CMap::parse(data, load_embedded)?;
    let family = encoding_map
        .metadata()
        .character_collection
        .as_ref()
        .map(|cc| cc.family.clone())
        .or_else(|| descendant_family(font))?;
    let ucs2_data = load_embedded(family.ucs2_cmap()?)?;
    let ucs2 = CMap::parse(ucs2_data, load_embedded)?;
    Some(Predefined::ViaCid {
        encoding: Box::new(encoding_map),
        ucs2: Box::new(ucs2),
    })
}

/// The CID collection named by the descendant font's `CIDSystemInfo`.
fn descendant_family(font: &Dict<'_>) -> Option<hayro_interpret::hayro_cmap::CidFamily> {
    let descendant = font
        .get::<Array<'_>>(b"DescendantFonts".as_slice())?
        .iter::<Dict<'_>>()
        .next()?;
    let info = descendant.get::<Dict<'_>>(b"CIDSystemInfo".as_slice())?;
    let registry = info.get::<hayro_syntax::object::String<'_>>(b"Registry".as_slice())?;
    let ordering = info.get::<hayro_syntax::object::String<'_>>(b"Ordering".as_slice())?;
    Some(
        hayro_interpret::hayro_cmap::CidFamily::from_registry_ordering(
            registry.as_bytes(),
            ordering.as_bytes(),
        ),
    )
}

/// Code lengths to try for a code whose byte length the interpreter did not
/// report: the smallest that holds it first, then two bytes (most CJK codes).
fn code_lengths(code: u32) -> impl Iterator<Item = u8> {
    let natural = match code {
        0..=0xFF => 1,
        0x100..=0xFFFF => 2,
        0x1_0000..=0xFF_FFFF => 3,
        _ => 4,
    };
    std::iter::once(natural).chain((natural != 2).then_some(2))
}

/// Decodes a UTF-16 code unit or surrogate pair packed big-endian in a code.
fn utf16_code(code: u32) -> Option<GlyphText> {
    let (high, low) = ((code >> 16) as u16, (code & 0xFFFF) as u16);
    let units: &[u16] = if code > 0xFFFF { &[high, low] } else { &[low] };
    char::decode_utf16(units.iter().copied())
        .collect::<Result<GlyphText, _>>()
        .ok()
        .filter(|s| !s.is_empty())
}

/// A `BfString` as text, treating the U+0000 that broken maps emit as absent.
fn bf_to_string(bf: BfString) -> Option<GlyphText> {
    let text = match bf {
        BfString::Char(c) => c.to_compact_string(),
        BfString::String(s) => GlyphText::from(s),
    };
    if text.is_empty() || text.chars().all(|c| c == '\0') {
        None
    } else {
        Some(text)
    }
}

/// Glyph id → Unicode from a font program's `cmap` table. When several
/// characters share a glyph the lowest code point wins, so the mapping is
/// deterministic.
fn reverse_cmap(data: &[u8]) -> Option<FxHashMap<u32, char>> {
    let font = skrifa::FontRef::new(data).ok()?;
    let charmap = font.charmap();
    if !charmap.has_map() || charmap.is_symbol() {
        return None;
    }
    let mut map: FxHashMap<u32, char> = FxHashMap::default();
    for (code_point, gid) in charmap.mappings() {
        let Some(c) = char::from_u32(code_point) else {
            continue;
        };
        map.entry(gid.to_u32())
            .and_modify(|old| {
                if c < *old {
                    *old = c
                }
            })
            .or_insert(c);
    }
    (!map.is_empty()).then_some(map)
}

/// A font name without its six-letter subset tag ("ABCDEF+SimSun" → "SimSun").
pub(crate) fn strip_subset(name: &str) -> &str {
    match name.split_once('+') {
        Some((tag, rest)) if tag.len() == 6 && tag.bytes().all(|b| b.is_ascii_uppercase()) => rest,
        _ => name,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn subset_prefix_is_removed_only_when_it_is_one() {
        assert_eq!(strip_subset("ABCDEF+SimSun"), "SimSun");
        assert_eq!(strip_subset("SimSun"), "SimSun");
        assert_eq!(strip_subset("abc+x"), "abc+x");
    }

    #[test]
    fn utf16_codes_decode_including_surrogates() {
        assert_eq!(utf16_code(0x95E8).as_deref(), Some("门"));
        assert_eq!(utf16_code(0xD840_DC00).as_deref(), Some("\u{20000}"));
        assert_eq!(utf16_code(0xD800), None);
    }

    #[test]
    fn gbk_codes_go_through_adobe_gb1() {
        let reader = predefined_reader("GBK-EUC-H", &Dict::empty());
        let Some(Predefined::ViaCid { encoding, ucs2 }) = reader else {
            panic!("GBK-EUC-H should be known");
        };
        // 门 is 0xC3C5 in GBK.
        let cid = encoding.lookup_cid_code(0xC3C5, 2);
        let text = cid
            .and_then(|c| ucs2.lookup_bf_string(c))
            .and_then(bf_to_string);
        assert_eq!(text.as_deref(), Some("门"));
    }
}
