//! A table body flattened into one token stream, each token remembering its
//! line and page: wrapped cells, codes alone on a line and names broken over a
//! page are then all the same problem of reading on.

use super::document::RawNumber;
use super::tok_line::TokLine;
use super::token::{Token, TokenKind};
use crate::provenance::Provenance;

/// A token in a table body.
#[derive(Debug, Clone)]
pub struct Tok {
    /// The token.
    pub token: Token,
    /// Index of its line within the body.
    pub line: usize,
    /// Its page.
    pub page: u32,
    /// Its position within its line (0 = first).
    pub column: usize,
    /// True when its line is a ruled grid row (each span a whole cell).
    pub ruled: bool,
}

impl Tok {
    /// The token's text.
    pub fn text(&self) -> &str {
        &self.token.text
    }

    /// True for a digits-only token of the given lengths.
    pub fn is_digits_of(&self, lens: &[usize]) -> bool {
        self.token.kind == TokenKind::Digits && lens.contains(&self.token.text.len())
    }

    /// True for text.
    pub fn is_text(&self) -> bool {
        self.token.kind == TokenKind::Text
    }

    /// Where the token was printed: its page and box (PDF) or line (text).
    pub fn at(&self) -> Provenance {
        Provenance::new(self.page, self.token.origin)
    }

    /// The token as a printed number (amounts, digits, dashes).
    pub fn as_number(&self) -> Option<RawNumber> {
        match self.token.kind {
            TokenKind::Text => None,
            TokenKind::Dash => Some(RawNumber {
                value: None,
                text: self.token.text.to_string(),
                x: self.token.x,
                at: Some(self.at()),
            }),
            _ => Some(RawNumber {
                value: self.token.value(),
                text: self.token.text.to_string(),
                x: self.token.x,
                at: Some(self.at()),
            }),
        }
    }
}

/// Flattens body lines into a stream.
pub fn flatten(body: &[TokLine]) -> Vec<Tok> {
    let mut out = Vec::new();
    for (line, l) in body.iter().enumerate() {
        for (column, t) in l.tokens.iter().enumerate() {
            out.push(Tok {
                token: t.clone(),
                line,
                page: l.page(),
                column,
                ruled: l.line.ruled,
            });
        }
    }
    out
}

/// Reads a 科目 code at `toks[k]`: `2050199`, or split over 类/款/项 columns as
/// `205 01 99` / `205 01`. Returns the joined code and how many tokens it took.
///
/// A split part may be printed without its leading zero (`301 2`, `208 5 2`:
/// spreadsheet cells that hold the part as a number); it is read as `02`
/// only when the row's name follows the code, since a lone digit after a 类
/// is otherwise as likely an amount.
pub fn read_code(toks: &[Tok], k: usize, lens: &[usize]) -> Option<(String, usize)> {
    let first = toks.get(k)?;
    if !first.is_digits_of(lens) {
        return None;
    }
    if first.text().len() != 3 {
        return Some((first.text().to_string(), 1));
    }
    let (code, used, unpadded) = join_split_parts(toks, k, &[1, 2]);
    if unpadded && !toks.get(k + used).is_some_and(Tok::is_text) {
        let (code, used, _) = join_split_parts(toks, k, &[2]);
        return Some((code, used));
    }
    Some((code, used))
}

/// The 类 at `toks[k]` joined with the 款/项 parts after it on its line
/// whose digit counts are in `widths`, each padded to two digits; how many
/// tokens that took, and whether a part was printed as one digit.
fn join_split_parts(toks: &[Tok], k: usize, widths: &[usize]) -> (String, usize, bool) {
    let Some(first) = toks.get(k) else {
        return (String::new(), 0, false);
    };
    let mut code = first.text().to_string();
    let mut used = 1;
    let mut unpadded = false;
    while used < 3 {
        match toks.get(k + used) {
            Some(t) if t.is_digits_of(widths) && t.line == first.line => {
                unpadded |= t.text().len() == 1;
                code.push_str(&format!("{:0>2}", t.text()));
                used += 1;
            }
            _ => break,
        }
    }
    (code, used, unpadded)
}
