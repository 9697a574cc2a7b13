//! The grammar: lines into a [`Document`] of headings, paragraphs and tables
//! whose rows are reassembled from wrapped cells, split codes and two-sided or
//! grouped lines. Lexing and line recognition use `nom`; row reassembly reads
//! one token stream per table so that wraps over lines and pages need no
//! special cases.

pub mod coded_rows;
pub mod document;
pub mod grouped_rows;
pub mod line_kind;
pub mod narrative;
pub mod ordinal;
pub mod single_row;
pub mod stream;
pub mod table_block;
pub mod title;
pub mod tok_line;
pub mod token;
pub mod two_sided_rows;

use crate::lines::Line;
use crate::templates::Templates;
pub use document::{Block, Document, RawNumber, RawRow, RawTable};
use narrative::NarrativeBuilder;

/// A title with nothing under it (no unit line, header, rows or notes) is an
/// entry of a table of contents or a list of tables, not a table.
fn is_list_entry(t: &RawTable) -> bool {
    t.rows.is_empty()
        && t.header.is_empty()
        && t.department.is_none()
        && t.amount_unit.is_none()
        && t.notes.is_empty()
        && t.explanations.is_empty()
}

/// Parses a report's lines into a document.
pub fn parse_document(lines: &[Line], templates: &Templates) -> Document {
    let prepared = tok_line::prepare(lines);
    let mut doc = Document::default();
    let mut narrative = NarrativeBuilder::default();
    let mut i = 0;
    while i < prepared.len() {
        if let Some(title) = title::title_at(&prepared, i, templates) {
            doc.blocks.extend(narrative.take());
            let (table, next) = table_block::read_table(&prepared, i, &title, templates);
            if !is_list_entry(&table) {
                doc.blocks.push(Block::Table(Box::new(table)));
                i = next.max(i + 1);
                continue;
            }
        }
        if let Some(l) = prepared.get(i) {
            narrative.push(l);
        }
        i += 1;
    }
    doc.blocks.extend(narrative.take());
    doc
}
