//! The grammar: lines into a [`Document`] of headings, paragraphs and tables
//! whose rows are reassembled from wrapped cells, split codes and two-sided or
//! grouped lines. Lexing and line recognition use `nom`; row reassembly reads
//! one token stream per table so that wraps over lines and pages need no
//! special cases.

pub mod coded_rows;
pub mod document;
pub mod furniture;
pub mod grouped_rows;
pub mod line_kind;
pub mod list_rows;
pub mod narrative;
pub mod ordinal;
pub mod single_row;
pub mod stream;
pub mod table_block;
pub mod title;
pub mod tok_line;
pub mod token;
pub mod two_sided_rows;
pub mod wrapped_list_rows;

use crate::document_kind::DocumentKind;
use crate::lines::Line;
use crate::templates::Templates;
pub use document::{Block, Document, RawNumber, RawRow, RawTable};
use narrative::NarrativeBuilder;
pub use title::TitleScope;

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

/// A budget table title with no rows and no 部门/单位 line (a 目录 entry, the
/// heading of a table's explanation 本表反映…) is not the table: a budget's
/// empty table still prints its 编制部门 and amount unit.
fn is_budget_heading(t: &RawTable, templates: &Templates) -> bool {
    let budget = templates
        .tables
        .get(t.template)
        .is_some_and(|c| c.template.document == DocumentKind::Budget);
    budget && t.rows.is_empty() && t.department.is_none() && t.amount_unit.is_none()
}

/// Parses a report's lines into a document.
pub fn parse_document(lines: &[Line], templates: &Templates) -> Document {
    parse_document_of(lines, templates, &TitleScope::default())
}

/// Parses a report's lines into a document, taking as table titles only those
/// of the templates `scope` admits (a 决算 report's narrative may name a budget
/// table, and the reverse; a region's variant wins over the general one).
pub fn parse_document_of(lines: &[Line], templates: &Templates, scope: &TitleScope) -> Document {
    let prepared = tok_line::prepare(lines);
    let furniture = furniture::Furniture::of(&prepared);
    let mut doc = Document::default();
    let mut narrative = NarrativeBuilder::default();
    let mut i = 0;
    while i < prepared.len() {
        if let Some(title) = title::title_at_in(&prepared, i, templates, scope) {
            doc.blocks.extend(narrative.take());
            let (table, next) =
                table_block::read_table(&prepared, i, &title, templates, &furniture);
            if !is_list_entry(&table) && !is_budget_heading(&table, templates) {
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
