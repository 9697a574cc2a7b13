//! Font dictionaries made short before hayro reads the pages.
//!
//! hayro's font cache keys a font by a SipHash of its dictionary's bytes,
//! computed again at every `Tf` operator. LibreOffice writes each simple
//! font's `/Widths` array into its dictionary (about 900 bytes), and
//! Chromium its Type 3 fonts' `/CharProcs`, `/Encoding` and `/Widths`
//! (about 1,400): in their PDFs that hashing, and the parsing of the same
//! long dictionaries, was a tenth of reading a file.
//!
//! So each font whose dictionary holds a long array or dictionary under
//! one of [`MOVED_KEYS`] is written again in an incremental update
//! (`update.rs`) with that value moved into an object of its own and the
//! entry pointing at it (`/Widths 412 0 R`): the same font to every reader
//! (PDF allows any of these values to be indirect, and hayro resolves
//! them), a short dictionary to hash. Only in a file that is not encrypted
//! (the new objects' strings would be taken for ciphertext) and whose last
//! cross-reference section is sound (see `programs.rs`), and only for a
//! font that is an object (a font written inside a page's resources has no
//! number to define again) whose dictionary this module can read in full.

use super::font_walk::FontWalk;
use super::raw_dict::top_entries;
use super::update::{self, NewObject, last_trailer};
use hayro_syntax::Pdf;
use hayro_syntax::object::{Object, ObjectIdentifier};

/// The entries whose long values are moved out of a font dictionary.
const MOVED_KEYS: [&[u8]; 4] = [b"/Widths", b"/CharProcs", b"/Encoding", b"/DescendantFonts"];

/// Values shorter than this stay where they are: a reference to resolve
/// for little shorter a key (the real reports' font dictionaries, about
/// 140 bytes in all, are left as they are).
const MIN_MOVED: usize = 64;

/// `data` (the file as hayro was to read it) with the long font
/// dictionaries of `pdf`'s pages shortened, and how many fonts; `None`
/// when there is none or the file's trailer cannot be read.
pub(crate) fn with_short_fonts(pdf: &Pdf, data: &[u8]) -> Option<(Vec<u8>, usize)> {
    let trailer = last_trailer(data)?;
    // New objects are numbered from the trailer's `/Size` on, past any
    // object a file whose `/Size` understates its objects defines there.
    let taken = |n: u32| {
        pdf.xref()
            .get::<Object<'_>>(ObjectIdentifier::new(n, 0))
            .is_some()
    };
    let mut next = trailer.size;
    let mut objects = Vec::new();
    let mut fonts = 0;
    let mut walk = FontWalk::default();
    for page in pdf.pages().iter() {
        walk.visit(page.resources(), &mut |object, font| {
            let Some(object) = object else {
                return;
            };
            let id = (object.obj_number, object.gen_number);
            if let Some(short) = shortened(id, font.data(), &mut || free_number(&mut next, taken)) {
                fonts += 1;
                objects.extend(short);
            }
        });
    }
    if fonts == 0 {
        return None;
    }
    let room: usize = objects.iter().map(|o| o.value.len() + 32).sum();
    let mut out = Vec::with_capacity(data.len() + room + 512);
    out.extend_from_slice(data);
    update::append(&mut out, objects, &trailer);
    Some((out, fonts))
}

/// The next object number from `next` on that the file does not use.
fn free_number(next: &mut u32, taken: impl Fn(u32) -> bool) -> Option<u32> {
    while taken(*next) {
        *next = next.checked_add(1)?;
    }
    let number = *next;
    *next = next.checked_add(1)?;
    Some(number)
}

/// The font dictionary `dict` of object `id` written again with its long
/// [`MOVED_KEYS`] values as objects of their own, numbered by `number`,
/// and those objects; `None` when nothing is long or the dictionary
/// cannot be read in full (a string or a boolean in it, say).
fn shortened(
    id: (u32, i32),
    dict: &[u8],
    number: &mut impl FnMut() -> Option<u32>,
) -> Option<Vec<NewObject>> {
    let entries = top_entries(dict)?;
    let long = |key: &[u8], value: &[u8]| {
        MOVED_KEYS.contains(&key)
            && value.len() >= MIN_MOVED
            && (value.starts_with(b"[") || value.starts_with(b"<<"))
    };
    if !entries.iter().any(|(k, v)| long(k, v)) {
        return None;
    }
    let mut objects = Vec::new();
    let mut value = b"<<".to_vec();
    for (key, v) in entries {
        value.push(b' ');
        value.extend_from_slice(key);
        value.push(b' ');
        if long(key, v) {
            let number = number()?;
            value.extend_from_slice(format!("{number} 0 R").as_bytes());
            objects.push(NewObject {
                id: (number, 0),
                value: v.to_vec(),
                stream: None,
            });
        } else {
            value.extend_from_slice(v);
        }
    }
    value.extend_from_slice(b" >>");
    objects.push(NewObject {
        id,
        value,
        stream: None,
    });
    Some(objects)
}

#[cfg(test)]
mod tests {
    use super::*;
    use hayro_syntax::object::{Array, Dict, ObjectIdentifier};

    /// A one-page PDF whose page uses font object 4, written `font`.
    fn pdf_with_font(font: &str) -> Vec<u8> {
        let page = "/MediaBox [0 0 100 100] /Resources << /Font << /F1 4 0 R >> >>";
        crate::pdf::test_pdf::one_page(page, &[font.as_bytes().to_vec()]).0
    }

    fn font_of(pdf: &Pdf) -> Dict<'_> {
        pdf.xref()
            .get::<Dict<'_>>(ObjectIdentifier::new(4, 0))
            .unwrap()
    }

    fn widths(font: &Dict<'_>) -> Vec<f32> {
        font.get::<Array<'_>>(b"Widths".as_slice())
            .unwrap()
            .iter::<f32>()
            .collect()
    }

    #[test]
    fn a_long_widths_array_moves_to_an_object_of_its_own() {
        let numbers: Vec<String> = (0..60).map(|i| (500 + i).to_string()).collect();
        let font = format!(
            "<< /Type /Font /Subtype /TrueType /BaseFont /ABCDEF+SimSun /FirstChar 32 /LastChar 91 /Widths [{}] /Encoding /WinAnsiEncoding >>",
            numbers.join(" ")
        );
        let file = pdf_with_font(&font);
        let original = Pdf::new(file.clone()).unwrap();
        let (data, fonts) = with_short_fonts(&original, &file).unwrap();
        assert_eq!(fonts, 1);
        assert!(data.starts_with(&file), "the file itself is unchanged");
        let short = Pdf::new(data).unwrap();
        assert_eq!(short.pages().len(), 1);
        let (before, after) = (font_of(&original), font_of(&short));
        assert!(after.data().len() < 160, "{}", after.data().len());
        assert_eq!(widths(&after), widths(&before));
        assert_eq!(
            after.get::<hayro_syntax::object::Name<'_>>(b"BaseFont".as_slice()),
            before.get::<hayro_syntax::object::Name<'_>>(b"BaseFont".as_slice())
        );
        assert_eq!(
            after.get_ref(b"Widths".as_slice()).map(|r| r.obj_number),
            Some(5)
        );
    }

    #[test]
    fn short_or_unreadable_dictionaries_stay() {
        let short = "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Widths [500 600] >>";
        let file = pdf_with_font(short);
        let pdf = Pdf::new(file.clone()).unwrap();
        assert!(with_short_fonts(&pdf, &file).is_none());
        let long: Vec<String> = (0..60).map(|i| i.to_string()).collect();
        // A string value: the dictionary is not read in full, so left.
        let with_string = format!(
            "<< /Type /Font /Subtype /Type1 /BaseFont (Helvetica) /Widths [{}] >>",
            long.join(" ")
        );
        let file = pdf_with_font(&with_string);
        let pdf = Pdf::new(file.clone()).unwrap();
        assert!(with_short_fonts(&pdf, &file).is_none());
    }

    #[test]
    fn new_numbers_pass_over_objects_the_file_defines() {
        let taken = |n: u32| n == 7 || n == 8;
        let mut next = 6;
        let numbers: Vec<Option<u32>> = (0..3).map(|_| free_number(&mut next, taken)).collect();
        assert_eq!(numbers, [Some(6), Some(9), Some(10)]);
        let mut last = u32::MAX;
        assert_eq!(free_number(&mut last, |_| false), None);
    }

    /// A value a font dictionary may hold: a name, a number, a reference,
    /// an array of numbers (long or short) or a dictionary.
    fn value() -> impl proptest::strategy::Strategy<Value = String> {
        use proptest::prelude::*;
        prop_oneof![
            "/[A-Za-z]{1,8}".prop_map(|n| n),
            (0..2000i32).prop_map(|n| n.to_string()),
            (1..99u32).prop_map(|n| format!("{n} 0 R")),
            proptest::collection::vec(0..1000u32, 0..40).prop_map(|v| format!(
                "[{}]",
                v.iter().map(u32::to_string).collect::<Vec<_>>().join(" ")
            )),
            proptest::collection::vec("/[a-z]{1,6}", 0..12)
                .prop_map(|v| format!("<< /Type /Encoding /Differences [1 {}] >>", v.join(" "))),
        ]
    }

    proptest::proptest! {
        /// Whatever a dictionary holds, its shortened form has the same
        /// keys in the same order, the same short values, and each long
        /// value of a moved key as a reference to a new object holding it.
        #[test]
        fn shortening_keeps_every_entry(
            entries in proptest::collection::vec(
                (proptest::sample::select(vec!["/Widths", "/Encoding", "/FirstChar", "/CharProcs", "/BaseFont", "/DescendantFonts", "/Type"]), value()),
                0..8,
            ),
            comment in proptest::bool::ANY,
        ) {
            let mut dict = String::from("<<");
            for (k, v) in &entries {
                dict.push_str(&format!(" {k} {v}"));
                if comment {
                    dict.push_str(" % a comment\n");
                }
            }
            dict.push_str(" >>");
            let mut next = 100;
            let before = top_entries(dict.as_bytes()).unwrap();
            let long = before.iter().any(|(k, v)| {
                MOVED_KEYS.contains(k) && v.len() >= MIN_MOVED && (v.starts_with(b"[") || v.starts_with(b"<<"))
            });
            let result = shortened((7, 0), dict.as_bytes(), &mut || free_number(&mut next, |_| false));
            proptest::prop_assert_eq!(result.is_some(), long);
            let Some(objects) = result else { return Ok(()) };
            let font = objects.iter().find(|o| o.id == (7, 0)).unwrap();
            let after = top_entries(&font.value).unwrap();
            proptest::prop_assert_eq!(after.len(), before.len());
            for ((k0, v0), (k1, v1)) in before.iter().zip(&after) {
                proptest::prop_assert_eq!(k0, k1);
                if v0 == v1 {
                    continue;
                }
                let number: u32 = std::str::from_utf8(v1).unwrap().trim_end_matches(" 0 R").parse().unwrap();
                let moved = objects.iter().find(|o| o.id == (number, 0)).unwrap();
                proptest::prop_assert_eq!(&moved.value[..], *v0);
            }
        }
    }
}
