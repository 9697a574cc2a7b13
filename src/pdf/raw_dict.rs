//! Reading a dictionary's entries straight from the file's bytes, before
//! (or beside) hayro: the pre-scan's findings and the incremental updates
//! hayro is handed (`update.rs`) are made of what these read.

use super::prescan::{find, is_regular_byte, skip_literal_string, trim_start};

/// The top-level `(key, value)` pairs of a dictionary `<< … >>` whose
/// values are names, numbers, references, arrays or dictionaries (what
/// trailers and program dictionaries hold), comments passed over; `None`
/// for anything else (a string or boolean value, a dictionary that never
/// closes).
pub(super) fn top_entries(dict: &[u8]) -> Option<Vec<(&[u8], &[u8])>> {
    let body = trim_start(dict.strip_prefix(b"<<")?);
    let close = body.len().checked_sub(trim_end_len(body))?;
    let mut rest = body.get(..close)?.strip_suffix(b">>")?;
    let mut out = Vec::new();
    loop {
        rest = skip_filler(rest)?;
        if rest.is_empty() {
            return Some(out);
        }
        let key_len = name_len(rest)?;
        let (key, after) = rest.split_at(key_len);
        let after = skip_filler(after)?;
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
pub(super) fn number(s: &[u8]) -> Option<(&str, &[u8])> {
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
pub(super) fn balanced_end(bytes: &[u8], open: usize) -> Option<usize> {
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
            // A comment, to the end of its line.
            b'%' => i += comment_len(bytes.get(i..)?)? - 1,
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
pub(super) fn trim_end_len(s: &[u8]) -> usize {
    s.iter()
        .rev()
        .take_while(|c| c.is_ascii_whitespace())
        .count()
}

/// `s` after its leading white space and comments (ReportLab writes one
/// into its trailers); `None` when a comment runs to the end of `s`.
fn skip_filler(mut s: &[u8]) -> Option<&[u8]> {
    loop {
        s = trim_start(s);
        if s.first() != Some(&b'%') {
            return Some(s);
        }
        s = s.get(comment_len(s)?..)?;
    }
}

/// The length of the comment starting `s` (at its `%`), its end-of-line
/// byte included; `None` when no line end follows.
fn comment_len(s: &[u8]) -> Option<usize> {
    s.iter()
        .position(|&c| c == b'\n' || c == b'\r')
        .map(|at| at + 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn comments_between_and_inside_entries_are_passed_over() {
        let dict = b"<<\n/ID [<0a> (x%y)]\n% ReportLab generated PDF document\n/Info 9 0 R /A [1 % one\n 2]\n>>";
        let entries = top_entries(dict).unwrap();
        let keys: Vec<&[u8]> = entries.iter().map(|(k, _)| *k).collect();
        assert_eq!(keys, [b"/ID".as_slice(), b"/Info", b"/A"]);
        assert_eq!(entries[1].1, b"9 0 R");
        assert_eq!(entries[2].1, b"[1 % one\n 2]");
        // A comment that never ends leaves the dictionary unread.
        assert!(top_entries(b"<< /A 1 % no end >>").is_none());
    }
}
