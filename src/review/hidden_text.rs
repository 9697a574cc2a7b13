//! Text not displayed in full: runs the PDF stage found drawn outside the
//! visible area (clipped, off the page) or painted over, turned into
//! problems of the checklist item they belong to (主要职能's last line cut
//! off at the bottom of its text box: “部分文字未正常显示”).
//!
//! Hidden is not always missing: WPS draws a text box that runs over a page
//! on both pages, each clipped to its page, so the lines hidden on one page
//! show whole on the other; Excel prints a cell's copy beyond the paper that
//! is also printed on the page. A run is reported only when a reader sees
//! the damage or loses the text: part of its glyphs shows (a line cut
//! through), text that shows continues it (a label missing its first
//! words), or its text is printed nowhere in the report.

use super::sections::Section;
use super::vocabulary::Vocabulary;
use super::{Problem, ProblemKind};
use crate::lines::Line;
use crate::pdf::HiddenText;
use crate::text_norm::compact;

/// A run whose glyph boxes show at least this share (1 − 0.85) is seen cut
/// through. Less than that may be no ink at all: glyph boxes are estimates.
const PARTLY_SHOWN: f32 = 0.85;

/// The longest excerpt quoted, in characters.
const EXCERPT_CHARS: usize = 40;

/// The checklist item a hidden run belongs to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Owner {
    /// A narrative section (主要职能 …).
    Section(String),
    /// A table, by kind.
    Table(String),
    /// Neither (before the first section, no table on its page).
    Document,
}

/// The problems for the hidden runs a reader would miss, each with the item
/// it belongs to: the item of the line printed just before it. `body` are
/// the sections (after the 目录, which ends at line `toc_end`) and
/// `table_of` gives the kind of the table a line opens, as the sections
/// were split.
pub fn find(
    hidden: &[HiddenText],
    lines: &[Line],
    toc_end: usize,
    body: &[Section],
    vocabulary: &Vocabulary,
    table_of: impl Fn(&str) -> Option<String>,
) -> Vec<(Owner, Problem)> {
    if hidden.is_empty() {
        return Vec::new();
    }
    let printed: String = lines.iter().map(|l| compact(&l.compact())).collect();
    let owners = owners_of_lines(lines, toc_end, body, vocabulary, table_of);
    hidden
        .iter()
        .filter(|run| is_missed(run, &printed))
        .map(|run| {
            let before = lines.iter().rposition(|l| {
                l.page < run.page || (l.page == run.page && l.y.is_none_or(|y| y <= run.y))
            });
            let owner = before
                .and_then(|i| owners.get(i).cloned())
                .unwrap_or(Owner::Document);
            (owner, problem(run))
        })
        .collect()
}

/// The item each line belongs to: the section or table last opened.
fn owners_of_lines(
    lines: &[Line],
    toc_end: usize,
    body: &[Section],
    vocabulary: &Vocabulary,
    table_of: impl Fn(&str) -> Option<String>,
) -> Vec<Owner> {
    let mut in_section: Vec<Option<&str>> = vec![None; lines.len()];
    for s in body {
        for l in &s.lines {
            if let Some(slot) = in_section.get_mut(l.line) {
                *slot = Some(s.item.as_str());
            }
        }
    }
    let mut owner = Owner::Document;
    let mut out = Vec::with_capacity(lines.len());
    for (i, line) in lines.iter().enumerate() {
        if i >= toc_end {
            let text = line.compact();
            if let Some(item) = in_section.get(i).copied().flatten() {
                owner = Owner::Section(item.to_string());
            } else if let Some(item) = vocabulary.section_of_heading(&text) {
                owner = Owner::Section(item.to_string());
            } else if let Some(kind) = table_of(&text) {
                owner = Owner::Table(kind);
            }
        }
        out.push(owner.clone());
    }
    out
}

/// True when a reader sees the run damaged or does not see its text at all.
fn is_missed(run: &HiddenText, printed: &str) -> bool {
    let text = compact(&run.text);
    !text.is_empty()
        && (run.hidden_share <= PARTLY_SHOWN || run.continues_shown || !printed.contains(&text))
}

fn problem(run: &HiddenText) -> Problem {
    let text: String = run.text.chars().filter(|c| !c.is_whitespace()).collect();
    let mut excerpt: String = text.chars().take(EXCERPT_CHARS).collect();
    if text.chars().count() > EXCERPT_CHARS {
        excerpt.push('…');
    }
    Problem {
        kind: ProblemKind::HiddenText,
        message: format!(
            "text not displayed in full ({}, {:.0}% hidden) on page {}: “{excerpt}”",
            run.hiding.describe(),
            f64::from(run.hidden_share) * 100.0,
            run.page
        ),
        page: Some(run.page),
        excerpt,
    }
}
