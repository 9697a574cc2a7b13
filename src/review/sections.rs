//! The body split into the checklist's sections, and the page-level problems
//! (blank pages, text that did not decode).

use super::toc::Toc;
use super::vocabulary::Vocabulary;
use super::{Problem, ProblemKind};
use crate::lines::Line;

/// One printed line of a section.
#[derive(Debug, Clone, PartialEq)]
pub struct SectionLine {
    /// Its page.
    pub page: u32,
    /// Its text, whitespace removed.
    pub text: String,
    /// Its index in the report's lines (to place what was printed near it).
    pub line: usize,
}

/// A checklist section's narrative lines (tables excluded).
#[derive(Debug, Clone, PartialEq)]
pub struct Section {
    /// The checklist item.
    pub item: String,
    /// Its lines in order.
    pub lines: Vec<SectionLine>,
}

impl Section {
    /// The section's text with each character's page, lines joined.
    pub fn text_with_pages(&self) -> (String, Vec<u32>) {
        let mut text = String::new();
        let mut pages = Vec::new();
        for l in &self.lines {
            text.push_str(&l.text);
            pages.extend(std::iter::repeat_n(l.page, l.text.chars().count()));
        }
        (text, pages)
    }
}

/// Splits the body (after the 目录) into sections. A line that is a table
/// title or table content closes the narrative until the next heading, so
/// table rows are no section's text; `is_table_line` says which lines those are.
pub fn split(lines: &[Line], toc: &Toc, vocabulary: &Vocabulary) -> Vec<Section> {
    split_with(lines, toc, vocabulary, |_| false)
}

/// [`split`] with a predicate for lines that open a table.
pub fn split_with(
    lines: &[Line],
    toc: &Toc,
    vocabulary: &Vocabulary,
    opens_table: impl Fn(&str) -> bool,
) -> Vec<Section> {
    let mut out: Vec<Section> = Vec::new();
    let mut open = false;
    for (index, line) in lines.iter().enumerate().skip(toc.end) {
        let text = line.compact();
        if let Some(item) = vocabulary.section_of_heading(&text) {
            out.push(Section {
                item: item.to_string(),
                lines: Vec::new(),
            });
            open = true;
            continue;
        }
        if opens_table(&text) {
            open = false;
            continue;
        }
        if let (true, Some(s)) = (open, out.last_mut()) {
            s.lines.push(SectionLine {
                page: line.page,
                text,
                line: index,
            });
        }
    }
    out
}

/// Pages between the first and the last with no text at all.
pub fn blank_pages(lines: &[Line]) -> Vec<Problem> {
    let last = lines.iter().map(|l| l.page).max().unwrap_or(0);
    let first = lines.iter().map(|l| l.page).min().unwrap_or(1);
    (first..last)
        .filter(|p| lines.iter().all(|l| l.page != *p || l.compact().is_empty()))
        .map(|p| Problem {
            kind: ProblemKind::BlankPage,
            message: format!("page {p} is blank"),
            page: Some(p),
            excerpt: String::new(),
        })
        .collect()
}

/// Replacement (U+FFFD) or private-use characters: text that did not decode.
pub fn undecodable(lines: &[Line]) -> Vec<Problem> {
    let bad = |c: char| c == '\u{FFFD}' || ('\u{E000}'..='\u{F8FF}').contains(&c);
    lines
        .iter()
        .filter(|l| l.spans.iter().any(|s| s.text.chars().any(bad)))
        .map(|l| Problem {
            kind: ProblemKind::Undecodable,
            message: "characters that did not decode to text".into(),
            page: Some(l.page),
            excerpt: l.compact(),
        })
        .collect()
}
