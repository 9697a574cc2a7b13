//! Places of narrative sentences: a fact's or discrepancy's sentence found
//! again in the report's lines, and a discrepancy's table cell found in the
//! normalised tables.
//!
//! The narrative stages work on compact paragraph text, which no longer knows
//! its lines; rather than thread positions through every paragraph, a
//! sentence is looked up among the lines of its page (and the next, where it
//! may run on) in the same compact form. A sentence broken by a page footer is
//! located by its beginning and its end.

use super::Provenance;
use crate::lines::Line;
use crate::report::Report;
use crate::text_norm::{compact, fold_char};
use std::collections::HashMap;

/// How many characters of a sentence's beginning (and end) locate it when
/// the whole sentence is not found contiguously.
const ANCHOR_CHARS: usize = 8;
/// A sentence found over more lines than this is narrowed to the lines around
/// its figure: the paragraph builder can join a table of contents or a header
/// into a sentence, and a box over half a page shows nothing.
const MAX_SENTENCE_LINES: usize = 6;

/// One page's lines in compact form, with where each line starts in `text`.
struct PageText<'a> {
    text: String,
    starts: Vec<(usize, &'a Line)>,
}

impl<'a> PageText<'a> {
    fn new(lines: impl Iterator<Item = &'a Line>) -> Self {
        let mut text = String::new();
        let mut starts = Vec::new();
        for line in lines {
            starts.push((text.len(), line));
            // `compact(&line.joined())`, without the two copies: the spaces
            // joining spans are whitespace, which compacting removes.
            for span in &line.spans {
                text.extend(
                    span.text
                        .chars()
                        .map(fold_char)
                        .filter(|c| !c.is_whitespace()),
                );
            }
        }
        PageText { text, starts }
    }

    /// Indexes of the lines covering bytes `from..to` of `text`.
    fn lines_covering(&self, from: usize, to: usize) -> Vec<usize> {
        (0..self.starts.len())
            .filter(|&i| {
                let start = self.starts.get(i).map_or(0, |s| s.0);
                let end = self.starts.get(i + 1).map_or(self.text.len(), |s| s.0);
                end > from && start < to
            })
            .collect()
    }

    /// The place of the lines covering bytes `from..to` of `text`; when
    /// they are too many, of the lines around `figure` inside that range.
    fn place(&self, from: usize, to: usize, figure: Option<&str>) -> Option<Provenance> {
        let mut covered = self.lines_covering(from, to);
        let at_figure = figure
            .filter(|_| covered.len() > MAX_SENTENCE_LINES)
            .and_then(|f| Some(from + self.text.get(from..to)?.find(&compact(f))?));
        if let Some(at) = at_figure {
            let centre = self.lines_covering(at, at + 1);
            if let Some(&c) = centre.first() {
                covered.retain(|&i| i + 1 >= c && i <= c + 1);
            }
        }
        let mut out: Option<Provenance> = None;
        for line in covered
            .iter()
            .filter_map(|&i| self.starts.get(i).map(|s| s.1))
        {
            for span in &line.spans {
                out = super::join(out, Provenance::new(line.page, span.origin));
            }
        }
        out
    }

    /// The byte range of `sentence`, whole or by its two ends.
    fn find(&self, sentence: &str) -> Option<(usize, usize)> {
        if let Some(at) = self.text.find(sentence) {
            return Some((at, at + sentence.len()));
        }
        let head: String = sentence.chars().take(ANCHOR_CHARS).collect();
        let tail_start = sentence
            .char_indices()
            .rev()
            .nth(ANCHOR_CHARS.saturating_sub(1))
            .map_or(0, |(i, _)| i);
        let tail = sentence.get(tail_start..).unwrap_or_default();
        let from = self.text.find(&head)?;
        let to = self
            .text
            .get(from..)
            .and_then(|rest| rest.find(tail))
            .map_or(from + head.len(), |t| from + t + tail.len());
        Some((from, to))
    }
}

/// The place of a sentence printed from `page` on: the lines it covers on
/// that page and the next (a sentence running over a page break is joined
/// only on its first page, see [`Provenance::join`]). `figure`, the number
/// the sentence is cited for, narrows a sentence found over too many lines.
pub fn sentence_place(
    lines: &[Line],
    page: u32,
    sentence: &str,
    figure: Option<&str>,
) -> Option<Provenance> {
    Pages::new(lines).sentence_place(page, sentence, figure)
}

/// The report's pages in compact form, each built the first time a
/// sentence on it is looked up (a report's facts share a few pages).
struct Pages<'a> {
    lines: &'a [Line],
    /// [`PageText`] of a page and the next, by page.
    built: HashMap<u32, PageText<'a>>,
}

impl<'a> Pages<'a> {
    fn new(lines: &'a [Line]) -> Self {
        Pages {
            lines,
            built: HashMap::new(),
        }
    }

    /// [`sentence_place`] over these lines.
    fn sentence_place(
        &mut self,
        page: u32,
        sentence: &str,
        figure: Option<&str>,
    ) -> Option<Provenance> {
        let wanted = compact(sentence);
        if wanted.is_empty() {
            return None;
        }
        let lines = self.lines;
        let text = self.built.entry(page).or_insert_with(|| {
            PageText::new(
                lines
                    .iter()
                    .filter(|l| l.page == page || l.page == page + 1),
            )
        });
        let (from, to) = text.find(&wanted)?;
        text.place(from, to, figure)
    }
}

/// The place of a `table[row][column]` reference's number in the report.
pub fn cell_place(report: &Report, reference: &str) -> Option<Provenance> {
    let (kind, row, column) = crate::cell_name::parse(reference)?;
    report
        .tables
        .iter()
        .filter(|t| t.kind == kind)
        .find_map(|t| t.row(&row)?.value_at.get(&column).copied())
}

/// Fills the places of every fact's and discrepancy's sentence and of each
/// discrepancy's table cell.
pub fn locate(report: &mut Report, lines: &[Line]) {
    let mut pages = Pages::new(lines);
    for fact in &mut report.facts {
        fact.sentence_at = pages.sentence_place(fact.page, &fact.sentence, Some(&fact.printed));
    }
    let cells: Vec<Option<Provenance>> = report
        .discrepancies
        .iter()
        .map(|d| cell_place(report, &d.cell))
        .collect();
    for (d, cell) in report.discrepancies.iter_mut().zip(cells) {
        // The fact the discrepancy is about knows its printed figure.
        let fact = report
            .facts
            .iter()
            .find(|f| f.name == d.fact && f.sentence == d.sentence && f.page == d.page);
        d.sentence_at = match fact {
            Some(f) => f.sentence_at,
            None => pages.sentence_place(d.page, &d.sentence, None),
        };
        d.cell_at = cell;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::input::text_lines::text_to_lines;

    #[test]
    fn a_sentence_is_found_on_its_lines_by_line_number() {
        let lines = text_to_lines("标题\n\n2022年度收、支总计\n187.89万元。其他\n");
        let at = sentence_place(&lines, 1, "2022年度收、支总计187.89万元。", None);
        assert_eq!(at.map(|p| (p.page, p.line)), Some((1, Some(3))));
        let footer = text_to_lines("2022年度收、支总计\n-3-\n187.89万元。\n");
        let broken = sentence_place(&footer, 1, "2022年度收、支总计187.89万元。", None);
        assert_eq!(broken.map(|p| p.line), Some(Some(1)));
    }

    #[test]
    fn a_sentence_over_many_lines_is_narrowed_to_its_figure() {
        let text = "目录一\n目录二\n目录三\n目录四\n目录五\n目录六\n收、支总计\n187.89万元\n。\n";
        let lines = text_to_lines(text);
        let sentence = "目录一目录二目录三目录四目录五目录六收、支总计187.89万元。";
        let at = sentence_place(&lines, 1, sentence, Some("187.89"));
        assert_eq!(at.map(|p| p.line), Some(Some(7)));
        let whole = sentence_place(&lines, 1, sentence, None);
        assert_eq!(whole.map(|p| p.line), Some(Some(1)));
    }
}
