//! Placing numbers by where they stand (PDF input): each printed column gets
//! an x anchor — its header cell, found by the column's synonyms in printed
//! order, or its 栏次 number — and each number goes to the nearest anchor.

use crate::grammar::RawNumber;
use crate::grammar::document::{HeaderCell, RawTable};
use crate::lines::XRange;
use crate::templates::ColumnDef;

/// Does a header cell's text name this column?
fn names(cell: &str, def: &ColumnDef) -> bool {
    let leaf = def.label.rsplit('/').next().unwrap_or(&def.label);
    let alt = leaf.replace("运行费", "运行维护费");
    cell == def.label || cell == leaf || cell == alt || def.synonyms.iter().any(|s| s == cell)
}

/// Anchors for `columns` (canonical labels, printed order) from header cells
/// whose centre lies in `range`: for each column in turn, the leftmost
/// matching cell right of the previous anchor (the deepest header level on a tie).
pub fn header_anchors(
    cells: &[HeaderCell],
    columns: &[String],
    defs: &[ColumnDef],
    range: (f32, f32),
) -> Option<Vec<XRange>> {
    let mut out: Vec<XRange> = Vec::new();
    for label in columns {
        let def = defs.iter().find(|d| &d.label == label)?;
        let after = out.last().map(|a| a.centre()).unwrap_or(f32::MIN);
        let best = cells
            .iter()
            .filter(|c| {
                c.x.centre() > after + 0.5 && c.x.centre() >= range.0 && c.x.centre() <= range.1
            })
            .filter(|c| names(&c.text, def))
            .min_by(|a, b| {
                a.x.centre()
                    .partial_cmp(&b.x.centre())
                    .unwrap_or(std::cmp::Ordering::Equal)
                    .then(b.level.cmp(&a.level))
            })?;
        out.push(best.x);
    }
    Some(out)
}

/// Anchors from the 栏次 numbers when there are exactly as many as columns.
pub fn column_number_anchors(
    table: &RawTable,
    group: Option<usize>,
    count: usize,
) -> Option<Vec<XRange>> {
    let xs = match group {
        None => table.column_x.clone(),
        Some(g) => {
            let skip: usize = table.column_numbers.iter().take(g).map(Vec::len).sum();
            let len = table.column_numbers.get(g)?.len();
            table
                .column_x
                .iter()
                .skip(skip)
                .take(len)
                .copied()
                .collect()
        }
    };
    (xs.len() == count && count > 0).then_some(xs)
}

/// Right edges of the columns, estimated from the anchors: the midpoint to the
/// next anchor, the last one as far past its centre as the previous edge was before it.
fn right_edges(anchors: &[XRange]) -> Vec<f32> {
    let centres: Vec<f32> = anchors.iter().map(XRange::centre).collect();
    let mut edges: Vec<f32> = centres.windows(2).map(|w| (w[0] + w[1]) / 2.0).collect();
    if let Some(last) = centres.last() {
        let half = match (edges.last(), centres.len()) {
            (Some(e), n) if n >= 2 => last - e,
            _ => anchors.last().map(|a| (a.x1 - a.x0) / 2.0).unwrap_or(0.0),
        };
        edges.push(last + half.max(0.0));
    }
    edges
}

/// The column of one number: the anchor that contains it (ruled cells give
/// true ranges), else the column whose right edge is nearest the number's
/// right edge (amounts are right-aligned; centred ones still fall nearest
/// their own column's edge, whatever the widths of the columns around).
fn column_of(x: XRange, anchors: &[XRange], edges: &[f32]) -> Option<usize> {
    if let Some(i) = anchors
        .iter()
        .position(|a| x.x0 >= a.x0 - 1.0 && x.x1 <= a.x1 + 1.0)
    {
        return Some(i);
    }
    edges
        .iter()
        .enumerate()
        .map(|(i, e)| (i, (e - x.x1).abs()))
        .min_by(|a, b| a.1.partial_cmp(&b.1).unwrap_or(std::cmp::Ordering::Equal))
        .map(|(i, _)| i)
}

/// The column of each number, when every number has a position and they fall
/// under distinct anchors in order.
pub fn assign_by_position(numbers: &[RawNumber], anchors: &[XRange]) -> Option<Vec<usize>> {
    let edges = right_edges(anchors);
    let mut out = Vec::with_capacity(numbers.len());
    for n in numbers {
        let best = column_of(n.x?, anchors, &edges)?;
        if out.last().is_some_and(|l| *l >= best) {
            return None;
        }
        out.push(best);
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cell(text: &str, x0: f32, x1: f32, level: usize) -> HeaderCell {
        HeaderCell {
            text: text.into(),
            x: XRange { x0, x1 },
            level,
        }
    }

    fn def(label: &str, syn: &[&str]) -> ColumnDef {
        ColumnDef {
            label: label.into(),
            synonyms: syn.iter().map(|s| s.to_string()).collect(),
            parent: None,
        }
    }

    #[test]
    fn anchors_follow_printed_order_and_duplicates() {
        let cells = vec![
            cell("预算数", 100.0, 300.0, 0),
            cell("决算数", 300.0, 500.0, 0),
            cell("合计", 100.0, 200.0, 1),
            cell("公务接待费", 200.0, 300.0, 1),
            cell("合计", 300.0, 400.0, 1),
            cell("公务接待费", 400.0, 500.0, 1),
        ];
        let defs = vec![
            def("预算数/合计", &[]),
            def("预算数/公务接待费", &[]),
            def("决算数/合计", &[]),
            def("决算数/公务接待费", &[]),
        ];
        let cols: Vec<String> = defs.iter().map(|d| d.label.clone()).collect();
        let a = header_anchors(&cells, &cols, &defs, (0.0, 1000.0)).unwrap();
        assert_eq!(
            a.iter().map(|x| x.x0).collect::<Vec<_>>(),
            vec![100.0, 200.0, 300.0, 400.0]
        );
    }

    #[test]
    fn numbers_go_to_the_nearest_anchor() {
        let anchors = vec![
            XRange { x0: 0.0, x1: 10.0 },
            XRange { x0: 10.0, x1: 20.0 },
            XRange { x0: 20.0, x1: 30.0 },
        ];
        let n = |x0, x1| RawNumber {
            value: Some(1.0),
            text: "1".into(),
            x: Some(XRange { x0, x1 }),
        };
        assert_eq!(
            assign_by_position(&[n(1.0, 9.0), n(21.0, 29.0)], &anchors),
            Some(vec![0, 2])
        );
        assert_eq!(
            assign_by_position(&[n(21.0, 29.0), n(1.0, 9.0)], &anchors),
            None
        );
    }

    #[test]
    fn a_right_aligned_number_in_a_wide_column_stays_there() {
        // Header words centred at 40 (a column 0..80) and 95 (80..110).
        let anchors = vec![
            XRange { x0: 30.0, x1: 50.0 },
            XRange {
                x0: 88.0,
                x1: 102.0,
            },
        ];
        let n = RawNumber {
            value: Some(8.26),
            text: "8.26".into(),
            x: Some(XRange { x0: 60.0, x1: 78.0 }),
        };
        assert_eq!(assign_by_position(&[n], &anchors), Some(vec![0]));
    }
}
