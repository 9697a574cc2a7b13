//! Rows of list tables (Jiangsu 收入预算总表, 支出预算总表, 政府采购预算表): no
//! codes, one printed line per row. The row keeps its text cells in order
//! (joined with `/` in the label) so the key rules of the template can tell a
//! group head (`一般公共预算资金 小计`) or a 专项 from an item; a line of
//! numbers alone is an unlabelled row.

use super::document::RawRow;
use super::stream::Tok;

/// The separator between a row's text cells in its label.
pub const CELL_SEPARATOR: char = '/';

/// One row per line: text tokens are the label's cells, numbers its numbers.
pub fn list_rows(toks: &[Tok]) -> Vec<RawRow> {
    let mut rows: Vec<RawRow> = Vec::new();
    let mut line = None;
    for t in toks {
        if line != Some((t.page, t.line)) {
            line = Some((t.page, t.line));
            rows.push(RawRow {
                page: t.page,
                ..RawRow::default()
            });
        }
        let Some(row) = rows.last_mut() else { continue };
        if t.is_text() {
            if !row.label.is_empty() {
                row.label.push(CELL_SEPARATOR);
            } else {
                row.label_x = t.token.x;
            }
            row.label.push_str(t.text());
        } else if let Some(n) = t.as_number() {
            row.numbers.push(n);
        }
    }
    rows.retain(|r| !r.label.is_empty() || !r.numbers.is_empty());
    rows
}
