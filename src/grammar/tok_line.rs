//! A line prepared for the grammar: its compact text and its tokens, computed once.

use super::token::{Token, TokenKind, tokenize};
use crate::lines::Line;
use crate::text_norm::compact_into;

/// A line with its compact text and tokens.
#[derive(Debug, Clone)]
pub struct TokLine<'a> {
    /// The line itself.
    pub line: &'a Line,
    /// Whitespace-free, full-width folded text.
    pub compact: String,
    /// Tokens in reading order.
    pub tokens: Vec<Token>,
}

impl<'a> TokLine<'a> {
    /// Prepares a line.
    pub fn new(line: &'a Line) -> Self {
        // The compact text of the joined spans, without joining them: the
        // spaces a join puts between spans are whitespace, which goes.
        let mut compact = String::with_capacity(line.spans.iter().map(|s| s.text.len()).sum());
        for span in &line.spans {
            compact_into(&span.text, &mut compact);
        }
        TokLine {
            line,
            compact,
            tokens: tokenize(line),
        }
    }

    /// The page the line is on.
    pub fn page(&self) -> u32 {
        self.line.page
    }

    /// The tokens' texts.
    pub fn texts(&self) -> Vec<&str> {
        self.tokens.iter().map(|t| t.text.as_str()).collect()
    }

    /// True when every token is numeric (amounts, digits, dashes).
    pub fn all_numeric(&self) -> bool {
        !self.tokens.is_empty() && self.tokens.iter().all(Token::is_numeric)
    }

    /// The first token, if it is of kind Digits, with its text.
    pub fn leading_digits(&self) -> Option<&str> {
        self.tokens
            .first()
            .filter(|t| t.kind == TokenKind::Digits)
            .map(|t| t.text.as_str())
    }
}

/// Prepares all lines.
pub fn prepare(lines: &[Line]) -> Vec<TokLine<'_>> {
    lines.iter().map(TokLine::new).collect()
}
