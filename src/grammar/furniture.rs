//! Page furniture in text input: a running header (`武汉市…2022年度部门决算`),
//! a footer's text or a watermark (`信息公开专用`) that pdftotext prints as a
//! line of its own at a page's top or bottom. Inside a table body such a line
//! would be read as a label piece (`合计信息公开专用`); it is known by standing
//! at a page's edge, the same text, on many pages.

use super::line_kind::is_page_number;
use super::tok_line::TokLine;
use super::token::TokenKind;
use rustc_hash::{FxHashMap, FxHashSet};
use std::collections::BTreeMap;

/// Lines from each end of a page (page numbers not counted) where furniture stands.
const EDGE_LINES: usize = 2;

/// Fewest pages a text must stand at the edge of to be furniture.
const MIN_PAGES: usize = 3;

/// The texts (compact) of a report's page furniture.
#[derive(Debug, Default)]
pub struct Furniture(FxHashSet<String>);

impl Furniture {
    /// The furniture of a report: texts with no amount that stand among the
    /// first or last lines of at least a quarter of its pages (and three),
    /// and never twice on one page.
    pub fn of(lines: &[TokLine]) -> Self {
        let mut pages: BTreeMap<u32, Vec<&TokLine>> = BTreeMap::new();
        for l in lines.iter().filter(|l| !l.compact.is_empty()) {
            if !is_page_number(&l.compact) && !l.all_numeric() {
                pages.entry(l.page()).or_default().push(l);
            }
        }
        // Texts printed twice on one page are the table's own (`支出`, a wrapped label's end).
        let mut twice: FxHashSet<&str> = FxHashSet::default();
        for ls in pages.values() {
            let mut on_page: FxHashSet<&str> = FxHashSet::default();
            for l in ls {
                if !on_page.insert(l.compact.as_str()) {
                    twice.insert(l.compact.as_str());
                }
            }
        }
        let mut seen: FxHashMap<&str, FxHashSet<u32>> = FxHashMap::default();
        for (page, ls) in &pages {
            let tail = ls.len().saturating_sub(EDGE_LINES);
            let edges = ls.iter().take(EDGE_LINES).chain(ls.iter().skip(tail));
            for l in edges.filter(|l| is_plain_text(l)) {
                seen.entry(l.compact.as_str()).or_default().insert(*page);
            }
        }
        let needed = MIN_PAGES.max(pages.len() / 4);
        Furniture(
            seen.into_iter()
                .filter(|(t, p)| p.len() >= needed && !twice.contains(t))
                .map(|(t, _)| t.to_string())
                .collect(),
        )
    }

    /// Whether `line` is furniture.
    pub fn contains(&self, line: &TokLine) -> bool {
        self.0.contains(&line.compact)
    }
}

/// A line of words only, two characters or more (a wrapped label's lone
/// `出` is no furniture).
fn is_plain_text(l: &TokLine) -> bool {
    l.compact.chars().count() >= 2
        && l.tokens
            .iter()
            .all(|t| !matches!(t.kind, TokenKind::Amount(_) | TokenKind::Dash))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::grammar::tok_line::prepare;
    use crate::input::text_lines::text_to_lines;

    #[test]
    fn a_watermark_at_every_page_end_is_furniture() {
        let page = "表\n合计 1.00\n信息公开专用\n1\n";
        let text = [page, page, page, page].join("\n\n\n\u{c}");
        let lines = text_to_lines(&text);
        let p = prepare(&lines);
        let f = Furniture::of(&p);
        assert!(
            p.iter()
                .any(|l| l.compact == "信息公开专用" && f.contains(l))
        );
        assert!(
            !p.iter()
                .any(|l| l.compact.starts_with("合计") && f.contains(l))
        );
    }
}
