//! The single-row table (“三公”经费支出决算表): one line of numbers under the
//! header, the table's only row, keyed `合计`.

use super::document::RawRow;
use super::stream::Tok;

/// Collects the numbers of the body into the one row; text (a 合计 label)
/// becomes its label. The row ends at the first text or page after its
/// numbers: what follows (the next page's narrative, when the table's end was
/// not marked) is not the table's. An empty body gives no row: the table is
/// present and empty.
pub fn single_row(toks: &[Tok]) -> Vec<RawRow> {
    let mut row = RawRow {
        label: "合计".to_string(),
        ..RawRow::default()
    };
    for t in toks {
        let started = !row.numbers.is_empty();
        if started && (t.page != row.page || (t.as_number().is_none() && t.is_text())) {
            break;
        }
        if let Some(n) = t.as_number() {
            if row.numbers.is_empty() {
                row.page = t.page;
                row.label_x = t.token.x;
            }
            row.numbers.push(n);
        } else {
            row.mark_label(t.at());
        }
    }
    if row.numbers.is_empty() {
        Vec::new()
    } else {
        vec![row]
    }
}
