//! Notices damage that hayro repairs silently, so a report read from a
//! damaged file says so in its warnings.
//!
//! hayro-syntax rebuilds the cross-reference table by scanning for
//! `N G obj` headers when `startxref` or an entry points at the wrong place,
//! and reads a stream up to `endstream` when its `/Length` is wrong. Both
//! repairs are usually right, but a reader of the output should know the
//! file was not intact.

use super::prescan::find;

/// Most cross-reference entries checked (the check is linear in them).
const MAX_ENTRIES_CHECKED: usize = 100_000;

/// Human-readable notes on damage found in `bytes`, empty for an intact file.
pub(crate) fn damage_notes(bytes: &[u8], wrong_lengths: usize) -> Vec<String> {
    let mut notes = Vec::new();
    if let Some(note) = xref_damage(bytes) {
        notes.push(format!(
            "damaged PDF: {note}; the cross-reference table was rebuilt by scanning the file"
        ));
    }
    if wrong_lengths > 0 {
        notes.push(format!(
            "damaged PDF: {wrong_lengths} stream(s) with a wrong /Length, read up to endstream"
        ));
    }
    notes
}

/// Does the last cross-reference section point at its objects (so hayro
/// reads the file through it, not by scanning for objects)?
pub(crate) fn xref_is_sound(bytes: &[u8]) -> bool {
    xref_damage(bytes).is_none()
}

/// What is wrong with the last cross-reference section, if anything.
fn xref_damage(bytes: &[u8]) -> Option<String> {
    let tail_from = bytes.len().saturating_sub(2048);
    let Some(at) = rfind(bytes, b"startxref", tail_from) else {
        return Some("no startxref".to_string());
    };
    let offset = number_after(bytes, at + 9)?;
    let Some(target) = bytes.get(offset..) else {
        return Some(format!("startxref {offset} is past the end of the file"));
    };
    if target.starts_with(b"xref") {
        return table_damage(bytes, offset);
    }
    // A cross-reference stream: "N G obj".
    if object_number_at(bytes, offset).is_some() {
        return None;
    }
    Some(format!(
        "startxref {offset} points at neither a table nor a stream"
    ))
}

/// Checks each in-use entry of a classic table points at its object.
fn table_damage(bytes: &[u8], offset: usize) -> Option<String> {
    let end = find(bytes, b"trailer", offset).unwrap_or(bytes.len());
    let table = std::str::from_utf8(bytes.get(offset + 4..end)?).ok()?;
    let mut number = 0usize;
    let mut checked = 0usize;
    for line in table.lines() {
        let words: Vec<&str> = line.split_ascii_whitespace().collect();
        match words.as_slice() {
            [first, _count] => number = first.parse().ok()?,
            [off, _generation, kind] => {
                if *kind == "n" {
                    let off: usize = off.parse().ok()?;
                    if object_number_at(bytes, off) != Some(number) {
                        return Some(format!(
                            "the entry for object {number} points at byte {off}, not at the object"
                        ));
                    }
                    checked += 1;
                    if checked >= MAX_ENTRIES_CHECKED {
                        return None;
                    }
                }
                number += 1;
            }
            _ => {}
        }
    }
    None
}

/// The object number of an `N G obj` header starting at `offset`
/// (white space before it allowed, as writers often point at the EOL).
fn object_number_at(bytes: &[u8], offset: usize) -> Option<usize> {
    let head = bytes.get(offset..bytes.len().min(offset + 40))?;
    let text = String::from_utf8_lossy(head);
    let mut words = text.split_ascii_whitespace();
    let number = words.next()?.parse().ok()?;
    let _generation: u32 = words.next()?.parse().ok()?;
    words.next()?.starts_with("obj").then_some(number)
}

fn number_after(bytes: &[u8], from: usize) -> Option<usize> {
    let rest = bytes.get(from..)?;
    let start = rest.iter().position(|c| !c.is_ascii_whitespace())?;
    let digits = rest.get(start..)?;
    let n = digits.iter().take_while(|c| c.is_ascii_digit()).count();
    std::str::from_utf8(digits.get(..n)?).ok()?.parse().ok()
}

/// Last position of `needle` at or after `from`.
fn rfind(haystack: &[u8], needle: &[u8], from: usize) -> Option<usize> {
    memchr::memmem::rfind(haystack.get(from..)?, needle).map(|p| p + from)
}
