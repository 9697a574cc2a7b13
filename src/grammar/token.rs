//! The lexical layer: a span's text into tokens (codes and integers, amounts,
//! dashes, text): split at whitespace, each piece classified with `nom`.
//!
//! Whether a run of digits is a 科目 code, a 行次 or an integer amount depends
//! on where it stands, so the lexer only says "digits" and the row grammars decide.

use crate::lines::{Line, XRange};
use crate::provenance::Origin;
use crate::text_norm::{fold, fold_char};
use nom::{
    IResult, Parser,
    branch::alt,
    bytes::complete::{tag, take_while_m_n},
    character::complete::{char, digit1},
    combinator::{all_consuming, opt, recognize},
    sequence::preceded,
};

/// What a token is.
#[derive(Debug, Clone, PartialEq)]
pub enum TokenKind {
    /// Only ASCII digits: a code, a 行次, a column number or an integer amount.
    Digits,
    /// A number with a decimal point or thousands separators, or a sign.
    Amount(f64),
    /// A printed dash: an empty cell that still occupies a column.
    Dash,
    /// Anything else.
    Text,
}

/// One token, with the position of the span it came from.
#[derive(Debug, Clone, PartialEq)]
pub struct Token {
    /// The kind.
    pub kind: TokenKind,
    /// The token's text, full-width forms folded; inline up to 24 bytes
    /// (amounts, codes, most labels), so most tokens allocate nothing.
    pub text: compact_str::CompactString,
    /// The span's horizontal extent, when known.
    pub x: Option<XRange>,
    /// Where the span was printed (its ink box or text line), for provenance.
    pub origin: Option<Origin>,
}

impl Token {
    /// True for tokens that can be a cell value (amounts, digits, dashes).
    pub fn is_numeric(&self) -> bool {
        !matches!(self.kind, TokenKind::Text)
    }

    /// The numeric value of digits or an amount.
    pub fn value(&self) -> Option<f64> {
        match self.kind {
            TokenKind::Amount(v) => Some(v),
            TokenKind::Digits => exact_value(&self.text),
            _ => None,
        }
    }
}

fn grouped_thousands(input: &str) -> IResult<&str, &str> {
    recognize((
        take_while_m_n(1, 3, |c: char| c.is_ascii_digit()),
        nom::multi::many1(preceded(
            char(','),
            take_while_m_n(3, 3, |c: char| c.is_ascii_digit()),
        )),
    ))
    .parse(input)
}

fn amount(input: &str) -> IResult<&str, &str> {
    recognize((
        opt(char('-')),
        alt((grouped_thousands, digit1)),
        opt(preceded(char('.'), digit1)),
    ))
    .parse(input)
}

fn dash(input: &str) -> IResult<&str, &str> {
    alt((recognize(many_dashes), tag("—"), tag("－"))).parse(input)
}

fn many_dashes(input: &str) -> IResult<&str, Vec<char>> {
    nom::multi::many1(alt((char('-'), char('—'), char('–')))).parse(input)
}

/// Classifies one whitespace-free piece of text.
pub fn classify(piece: &str) -> TokenKind {
    // `all_consuming(digit1)`, without the parser.
    if !piece.is_empty() && piece.bytes().all(|b| b.is_ascii_digit()) {
        return TokenKind::Digits;
    }
    // An amount starts with a digit or a minus sign, a dash with one of the
    // dash characters: other pieces (labels, most tokens) are text without
    // running the parsers.
    if !matches!(
        piece.chars().next(),
        Some('0'..='9' | '-' | '—' | '–' | '－')
    ) {
        return TokenKind::Text;
    }
    if all_consuming(amount).parse(piece).is_ok()
        && let Some(v) = parse_grouped(piece)
    {
        return TokenKind::Amount(v);
    }
    if all_consuming(dash).parse(piece).is_ok() {
        return TokenKind::Dash;
    }
    TokenKind::Text
}

/// 2^53: below it an `f64` holds every integer exactly, so a printed
/// number's value can be carried as printed (the cells contract), and sums
/// of millions of such values stay finite.
const EXACT_LIMIT: f64 = 9_007_199_254_740_992.0;

/// The value of a printed number without separators, when an `f64` can
/// carry it: `None` from [`EXACT_LIMIT`] on in magnitude. No report prints
/// such an amount (10^13 元 is more than a national budget), and one that
/// a garbled or hostile file prints broke every stage that adds amounts:
/// past about 300 digits it parsed as infinity, which JSON writes as
/// `null` and whose differences, NaN, the database refused, failing the
/// whole run's database. Such a piece is not a number at all.
pub fn exact_value(plain: &str) -> Option<f64> {
    plain.parse::<f64>().ok().filter(|v| v.abs() < EXACT_LIMIT)
}

/// The value of an amount printed with or without thousands separators
/// (`1,234.50`), when an `f64` holds it ([`exact_value`]). The digits are
/// gathered on the stack: an amount is short, and a `String` per grouped
/// amount was most of the tokenizer's allocations.
fn parse_grouped(piece: &str) -> Option<f64> {
    if !piece.contains(',') {
        return exact_value(piece);
    }
    let mut digits = [0u8; 64];
    let mut len = 0;
    for b in piece.bytes().filter(|&b| b != b',') {
        let Some(slot) = digits.get_mut(len) else {
            // Longer than any amount: the plain way.
            return exact_value(&piece.replace(',', ""));
        };
        *slot = b;
        len += 1;
    }
    let gathered = digits.get(..len)?;
    exact_value(std::str::from_utf8(gathered).ok()?)
}

/// Splits a line's spans into tokens, folding full-width forms first
/// (`１８７．８９` is an amount like `187.89`).
pub fn tokenize(line: &Line) -> Vec<Token> {
    let mut out = Vec::with_capacity(line.spans.len());
    for span in &line.spans {
        // Most spans have nothing to fold: no copy then.
        let text: std::borrow::Cow<'_, str> = if span.text.chars().all(|c| fold_char(c) == c) {
            std::borrow::Cow::Borrowed(&span.text)
        } else {
            std::borrow::Cow::Owned(fold(&span.text))
        };
        // Whitespace-separated pieces, borrowed (a `Vec` of them per span
        // was an allocation per span).
        for piece in text.split_whitespace() {
            out.push(Token {
                kind: classify(piece),
                text: piece.into(),
                x: span.x,
                origin: span.origin,
            });
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lines::Span;

    #[test]
    fn a_grouped_amount_parses_as_without_its_commas() {
        let long = format!("1,{}", "0".repeat(80));
        for piece in [
            "1,234.50",
            "-12,345",
            "1,2,3",
            "12",
            ",",
            "1,23a",
            long.as_str(),
        ] {
            let plain = exact_value(&piece.replace(',', ""));
            assert_eq!(parse_grouped(piece), plain, "{piece}");
        }
    }

    /// A number an `f64` cannot carry as printed (past 2^53, or past every
    /// `f64`, where it parses as infinity) is text, not an amount.
    #[test]
    fn a_number_no_float_holds_as_printed_is_not_a_number() {
        let digits = "1".repeat(400);
        let amount = format!("{digits}.22");
        let grouped = format!("1,{}", ["222"; 140].join(","));
        let negative = format!("-{amount}");
        for piece in [&amount, &grouped, &negative] {
            assert_eq!(classify(piece), TokenKind::Text, "{piece}");
        }
        assert_eq!(classify(&digits), TokenKind::Digits);
        let token = Token {
            kind: classify(&digits),
            text: digits.as_str().into(),
            x: None,
            origin: None,
        };
        assert_eq!(token.value(), None);
        assert_eq!(classify(&"9".repeat(300)), TokenKind::Digits);
        assert_eq!(classify(&format!("{}.5", "9".repeat(300))), TokenKind::Text);
        assert_eq!(
            classify("9,007,199,254,740,991.00"),
            TokenKind::Amount(9_007_199_254_740_991.0)
        );
        assert_eq!(classify("9,007,199,254,740,992.00"), TokenKind::Text);
        assert_eq!(exact_value("NaN"), None);
        assert_eq!(exact_value("inf"), None);
    }

    #[test]
    fn classifies_numbers_codes_dashes_and_text() {
        assert_eq!(classify("2050199"), TokenKind::Digits);
        assert_eq!(classify("187.89"), TokenKind::Amount(187.89));
        assert_eq!(classify("1,878,900.00"), TokenKind::Amount(1878900.0));
        assert_eq!(classify("-3.20"), TokenKind::Amount(-3.2));
        assert_eq!(classify("-"), TokenKind::Dash);
        assert_eq!(classify("—"), TokenKind::Dash);
        assert_eq!(classify("19.6%"), TokenKind::Text);
        assert_eq!(classify("1,87"), TokenKind::Text);
        assert_eq!(classify("一、教育支出"), TokenKind::Text);
    }

    proptest::proptest! {
        /// Pieces made of digits, signs, separators, dashes and letters:
        /// what a piece the first-character test sends straight to text
        /// would have been, had the parsers run, is text too.
        #[test]
        fn the_first_character_test_agrees_with_the_parsers(
            piece in "[0-9,.\\-—–－a一]{0,8}",
        ) {
            let parsed = all_consuming(amount).parse(piece.as_str()).is_ok()
                || all_consuming(dash).parse(piece.as_str()).is_ok();
            let digits = !piece.is_empty() && piece.bytes().all(|b| b.is_ascii_digit());
            if !parsed && !digits {
                proptest::prop_assert_eq!(classify(&piece), TokenKind::Text);
            } else {
                proptest::prop_assert_ne!(classify(&piece), TokenKind::Text);
            }
        }
    }

    #[test]
    fn tokenizes_full_width_digits_as_amounts() {
        let line = Line {
            page: 1,
            y: None,
            spans: vec![Span::text("合计 １８７．８９"), Span::text("98.00")],
            ruled: false,
        };
        let t = tokenize(&line);
        assert_eq!(t.len(), 3);
        assert_eq!(t[1].kind, TokenKind::Amount(187.89));
        assert_eq!(t[2].value(), Some(98.0));
    }
}
