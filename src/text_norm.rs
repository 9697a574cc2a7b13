//! Text normalisation exactly as the cells contract defines it: whitespace
//! removed, full-width ASCII folded to half-width, curly double quotes made
//! straight. Nothing else is rewritten, so names stay as printed.

/// Folds one character: full-width ASCII forms (U+FF01–U+FF5E) to ASCII,
/// `“` and `”` to `"`, the ideographic space to a space.
pub fn fold_char(c: char) -> char {
    match c {
        '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
        '\u{3000}' => ' ',
        '“' | '”' => '"',
        _ => c,
    }
}

/// Folds every character of `s` (see [`fold_char`]), keeping whitespace.
pub fn fold(s: &str) -> String {
    s.chars().map(fold_char).collect()
}

/// Folds and removes all whitespace: the contract's form of labels and names.
pub fn compact(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    compact_into(s, &mut out);
    out
}

/// Appends [`compact`]`(s)` to `out`: for text in parts (a line's spans),
/// compacted without joining them first.
pub fn compact_into(s: &str, out: &mut String) {
    out.extend(s.chars().map(fold_char).filter(|c| !c.is_whitespace()));
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folds_full_width_and_quotes_only() {
        assert_eq!(compact("因公出国（境）费 １２"), "因公出国(境)费12");
        assert_eq!(compact("“三公”经费"), "\"三公\"经费");
        assert_eq!(compact("一、教育支出"), "一、教育支出");
    }
}
