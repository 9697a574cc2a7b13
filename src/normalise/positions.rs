//! Placing numbers by where they stand (PDF input): each printed column gets
//! an x anchor — its header cell, found by the column's synonyms in printed
//! order, or its 栏次 number — and each number goes to the nearest anchor.

use crate::grammar::RawNumber;
use crate::grammar::document::{HeaderCell, RawTable};
use crate::lines::XRange;
use crate::templates::ColumnDef;

/// Does a header cell's text name one component of a column's header path
/// (`|`-separated alternatives)? A leading year (`2024年“三公”经费预算数`) is
/// not part of the name.
fn names_part(cell: &str, part: &str, def: &ColumnDef, is_leaf: bool) -> bool {
    let cell = crate::templates::header_words::without_year(cell);
    part.split('|').any(|p| p == cell) || (is_leaf && def.synonyms.iter().any(|s| s == cell))
}

/// The header cell standing for one column: for a plain label, a cell naming
/// it; for a path (`决算数/公务用车购置及运行费/小计`), the narrowest cell naming
/// one component whose centre lies inside a cell naming each other component,
/// so either nesting order (预算数 above the categories or below) finds it.
fn anchor_for(
    cells: &[&HeaderCell],
    def: &ColumnDef,
    after: f32,
    used: &[XRange],
) -> Option<XRange> {
    let parts: Vec<&str> = def.header_path();
    let last = parts.len().saturating_sub(1);
    let named = |i: usize, p: &str| -> Vec<&HeaderCell> {
        cells
            .iter()
            .copied()
            .filter(|c| names_part(&c.text, p, def, i == last))
            .collect()
    };
    let groups: Vec<Vec<&HeaderCell>> =
        parts.iter().enumerate().map(|(i, p)| named(i, p)).collect();
    if groups.iter().any(Vec::is_empty) {
        return None;
    }
    let inside = |c: &HeaderCell, g: &Vec<&HeaderCell>| {
        g.iter()
            .any(|o| c.x.centre() >= o.x.x0 - 1.0 && c.x.centre() <= o.x.x1 + 1.0)
    };
    // Cells above a candidate that name nothing on the column's path: a
    // 小计 under 公务用车购置及运行费 is not the 小计 under “三公”经费.
    let foreign_above = |c: &HeaderCell| {
        cells
            .iter()
            .filter(|o| o.level < c.level)
            .filter(|o| c.x.centre() >= o.x.x0 - 1.0 && c.x.centre() <= o.x.x1 + 1.0)
            .filter(|o| !groups.iter().any(|g| g.iter().any(|m| m.x == o.x)))
            .count()
    };
    groups
        .iter()
        .flatten()
        .filter(|c| c.x.centre() > after + 0.5)
        .filter(|c| !used.contains(&c.x))
        .filter(|c| groups.iter().all(|g| inside(c, g)))
        .min_by(|a, b| {
            let key = |c: &HeaderCell| (foreign_above(c), c.x.x1 - c.x.x0, c.x.centre());
            key(a)
                .partial_cmp(&key(b))
                .unwrap_or(std::cmp::Ordering::Equal)
        })
        .map(|c| c.x)
}

/// Anchors for `columns` (canonical labels, printed order) from header cells
/// whose centre lies in `range`. Plain labels are found left to right (so a
/// label printed twice, as 决算数 on both sides, goes to the next one); path
/// labels by nesting.
pub fn header_anchors(
    cells: &[HeaderCell],
    columns: &[String],
    defs: &[ColumnDef],
    range: (f32, f32),
) -> Option<Vec<XRange>> {
    let in_range: Vec<&HeaderCell> = cells
        .iter()
        .filter(|c| c.x.centre() >= range.0 && c.x.centre() <= range.1)
        .collect();
    anchors_in(&in_range, columns, defs, true)
        .or_else(|| anchors_in(&in_range, columns, defs, false))
        .or_else(|| {
            let stacked = stacked_cells(&in_range, defs);
            let refs: Vec<&HeaderCell> = stacked.iter().collect();
            anchors_in(&refs, columns, defs, true)
                .or_else(|| anchors_in(&refs, columns, defs, false))
                .or_else(|| own_cell_anchors(&refs, columns, defs))
        })
}

/// Anchors from the header cell each column has to itself (PDF input,
/// borderless): a cell naming a part of one column's path and of no other's
/// (`购置费`, `公务接待费`, the 合计 under “三公”经费预算数), the lowest
/// where several stand above each other. A borderless header's
/// words do not span their columns, so nesting cannot be read from their
/// extents, but each word is centred over its own column.
fn own_cell_anchors(
    cells: &[&HeaderCell],
    columns: &[String],
    defs: &[ColumnDef],
) -> Option<Vec<XRange>> {
    let col_defs: Vec<&ColumnDef> = columns
        .iter()
        .map(|l| defs.iter().find(|d| &d.label == l))
        .collect::<Option<_>>()?;
    let names_column = |cell: &str, def: &ColumnDef| {
        let parts = def.header_path();
        let last = parts.len().saturating_sub(1);
        parts
            .iter()
            .enumerate()
            .any(|(i, p)| names_part(cell, p, def, i == last))
    };
    let mut out: Vec<XRange> = Vec::with_capacity(col_defs.len());
    for (i, def) in col_defs.iter().enumerate() {
        let own: Vec<&&HeaderCell> = cells
            .iter()
            .filter(|c| names_column(&c.text, def))
            .filter(|c| {
                col_defs
                    .iter()
                    .enumerate()
                    .all(|(j, other)| j == i || !names_column(&c.text, other))
            })
            .collect();
        // Of a column's own cells stacked above each other, the lowest.
        let deepest = own.iter().map(|c| c.level).max()?;
        match own
            .iter()
            .filter(|c| c.level == deepest)
            .collect::<Vec<_>>()
            .as_slice()
        {
            [one] if !out.contains(&one.x) => out.push(one.x),
            _ => return None,
        }
    }
    Some(out)
}

/// Header cells whose label wraps over lines (borderless tables, one word
/// per line: `国有资本` / `经营预算` / `财政拨款`) joined into one cell: a
/// cell continues the nearest cell above it in its column — each one's
/// centre within the other's extent — when the joined text still begins
/// some column's synonym. The cell above may stand any number of header
/// lines higher: vertically centred labels of different line counts
/// interleave their lines (`附属单` / `上级补` / `位上缴` / `助收入` / `收入`).
pub(crate) fn stacked_cells(cells: &[&HeaderCell], defs: &[ColumnDef]) -> Vec<HeaderCell> {
    // A column's synonyms and the names of its header path's levels.
    let begins_synonym = |t: &str| {
        defs.iter().any(|d| {
            d.synonyms.iter().any(|s| s.starts_with(t))
                || d.header_path()
                    .iter()
                    .flat_map(|p| p.split('|'))
                    .any(|p| p.starts_with(t))
        })
    };
    let mut sorted: Vec<&HeaderCell> = cells.to_vec();
    sorted.sort_by_key(|c| c.level);
    // Merged cells and the level each last grew on.
    let mut out: Vec<(HeaderCell, usize)> = Vec::new();
    for c in sorted {
        let in_column = |m: &HeaderCell| {
            c.x.centre() >= m.x.x0 - 1.0
                && c.x.centre() <= m.x.x1 + 1.0
                && m.x.centre() >= c.x.x0 - 1.0
                && m.x.centre() <= c.x.x1 + 1.0
        };
        let above = out
            .iter_mut()
            .filter(|(m, last)| *last < c.level && in_column(m))
            .max_by_key(|(_, last)| *last)
            .filter(|(m, _)| begins_synonym(&format!("{}{}", m.text, c.text)));
        match above {
            Some((m, last)) => {
                m.text.push_str(&c.text);
                m.x = XRange {
                    x0: m.x.x0.min(c.x.x0),
                    x1: m.x.x1.max(c.x.x1),
                };
                *last = c.level;
            }
            None => out.push(((*c).clone(), c.level)),
        }
    }
    out.into_iter().map(|(c, _)| c).collect()
}

/// The columns a positioned header (PDF input) names once its wrapped labels
/// are joined ([`stacked_cells`]), in template order: a borderless header
/// printing `上级补` / `助收入` on two lines names 上级补助收入, which the
/// header lines read one by one do not.
pub fn stacked_header_columns(cells: &[HeaderCell], defs: &[ColumnDef]) -> Vec<String> {
    let refs: Vec<&HeaderCell> = cells.iter().collect();
    let mut stacked = stacked_cells(&refs, defs);
    stacked.sort_by(|a, b| {
        (a.level, a.x.x0)
            .partial_cmp(&(b.level, b.x.x0))
            .unwrap_or(std::cmp::Ordering::Equal)
    });
    let text: String = stacked.iter().map(|c| c.text.as_str()).collect();
    super::columns::found_in_header(defs, &text)
}

/// Anchors for `columns`: with `in_order`, each plain label right of the
/// previous one (the template's order, which tells apart a label printed
/// twice); without, the leftmost cell not taken yet, so a header that prints
/// its columns in another order (the total last) still finds each.
fn anchors_in(
    in_range: &[&HeaderCell],
    columns: &[String],
    defs: &[ColumnDef],
    in_order: bool,
) -> Option<Vec<XRange>> {
    let mut out: Vec<XRange> = Vec::new();
    for label in columns {
        let def = defs.iter().find(|d| &d.label == label)?;
        let nested = def.label.contains('/');
        let after = if nested || !in_order {
            f32::MIN
        } else {
            out.last().map(|a| a.centre()).unwrap_or(f32::MIN)
        };
        let used: &[XRange] = if in_order { &[] } else { &out };
        out.push(anchor_for(in_range, def, after, used)?);
    }
    Some(out)
}

/// `anchors` (one x per printed column, left to right: the 栏次 numbers) given
/// to `columns` in the nesting order the header cells show. Nested labels
/// (`预算数/公务接待费`) may be printed stage over item (预算数 over all items,
/// then 决算数) or item over stage (预算数 and 决算数 under each item); a
/// borderless header's words are no cell extents to nest by, but each is
/// centred over the columns it spans, so the order under which the header
/// cells stand nearest the centres of their columns wins (the template's
/// order on a tie).
pub fn nested_order(
    cells: &[HeaderCell],
    columns: &[String],
    defs: &[ColumnDef],
    anchors: Vec<XRange>,
) -> Vec<XRange> {
    let Some(col_defs) = columns
        .iter()
        .map(|l| defs.iter().find(|d| &d.label == l))
        .collect::<Option<Vec<&ColumnDef>>>()
    else {
        return anchors;
    };
    if anchors.len() != columns.len() || col_defs.iter().all(|d| d.header_path().len() < 2) {
        return anchors;
    }
    let refs: Vec<&HeaderCell> = cells.iter().collect();
    let stacked = stacked_cells(&refs, defs);
    let mut sorted: Vec<(usize, XRange)> = anchors.iter().copied().enumerate().collect();
    sorted.sort_by(|a, b| a.1.centre().total_cmp(&b.1.centre()));
    let leaves: Vec<f32> = sorted.iter().map(|(_, x)| x.centre()).collect();
    let given: Vec<usize> = sorted.iter().map(|(i, _)| *i).collect();
    let inner = stage_innermost(&col_defs);
    let cost = |order: &[usize]| nesting_cost(&stacked, &leaves, order, &col_defs);
    if cost(&inner) + 1.0 >= cost(&given) {
        return anchors;
    }
    let mut out = anchors;
    for (printed, column) in inner.iter().enumerate() {
        if let (Some(slot), Some((_, x))) = (out.get_mut(*column), sorted.get(printed)) {
            *slot = *x;
        }
    }
    out
}

/// `anchors` (one x per printed column: the 栏次 numbers) given to `columns`
/// as the header shows them: a column whose label one header cell alone
/// names takes the anchor nearest that cell, the others the anchors left,
/// in template order. A header whose narrow cells' words run together
/// (`事业经营单位其他`) still says where `本年收入合计` and `财政拨款收入`
/// stand, total last or first. Anchors as given when no cell pins a column
/// or two pin the same anchor.
pub fn pinned_by_header(
    cells: &[HeaderCell],
    columns: &[String],
    defs: &[ColumnDef],
    anchors: Vec<XRange>,
) -> Vec<XRange> {
    if anchors.len() != columns.len() {
        return anchors;
    }
    let refs: Vec<&HeaderCell> = cells.iter().collect();
    let stacked = stacked_cells(&refs, defs);
    let nearest = |c: &HeaderCell| -> Option<usize> {
        anchors
            .iter()
            .enumerate()
            .min_by(|a, b| {
                let d = |x: &XRange| (x.centre() - c.x.centre()).abs();
                d(a.1).total_cmp(&d(b.1))
            })
            .map(|(i, _)| i)
    };
    let mut pinned: Vec<Option<usize>> = Vec::with_capacity(columns.len());
    for label in columns {
        let Some(def) = defs.iter().find(|d| &d.label == label) else {
            return anchors;
        };
        let naming: Vec<&HeaderCell> = stacked
            .iter()
            .filter(|c| def.synonyms.iter().any(|s| s == &c.text) || c.text == def.label)
            .filter(|c| {
                // A cell naming this column and no other.
                !defs.iter().any(|o| {
                    o.label != def.label
                        && columns.contains(&o.label)
                        && (o.synonyms.iter().any(|s| s == &c.text) || c.text == o.label)
                })
            })
            .collect();
        pinned.push(match naming.as_slice() {
            [one] => nearest(one),
            _ => None,
        });
    }
    let taken: Vec<usize> = pinned.iter().flatten().copied().collect();
    let distinct = taken
        .iter()
        .all(|t| taken.iter().filter(|u| *u == t).count() == 1);
    if taken.is_empty() || !distinct {
        return anchors;
    }
    let mut sorted: Vec<usize> = (0..anchors.len()).collect();
    sorted.sort_by(|a, b| {
        let c = |i: &usize| anchors.get(*i).map_or(0.0, XRange::centre);
        c(a).total_cmp(&c(b))
    });
    let mut free = sorted.into_iter().filter(|i| !taken.contains(i));
    let order: Vec<usize> = pinned
        .iter()
        .map(|p| p.or_else(|| free.next()))
        .collect::<Option<Vec<usize>>>()
        .unwrap_or_else(|| (0..anchors.len()).collect());
    order
        .iter()
        .map(|i| anchors.get(*i).copied())
        .collect::<Option<Vec<XRange>>>()
        .unwrap_or(anchors)
}

/// Anchors for nested `columns` (paths) without a 栏次 row: the header line
/// that prints one cell over each column (预算数 决算数 … under every item),
/// left to right, when there is exactly one such line.
pub fn nested_leaf_anchors(
    cells: &[HeaderCell],
    columns: &[String],
    defs: &[ColumnDef],
) -> Option<Vec<XRange>> {
    let nested = columns.iter().all(|l| {
        defs.iter()
            .any(|d| &d.label == l && d.header_path().len() >= 2)
    });
    if !nested || columns.is_empty() {
        return None;
    }
    let levels: Vec<usize> = cells.iter().map(|c| c.level).collect();
    let mut full = levels
        .iter()
        .copied()
        .filter(|l| levels.iter().filter(|m| *m == l).count() == columns.len());
    let level = full.next()?;
    if full.any(|l| l != level) {
        return None;
    }
    let mut xs: Vec<XRange> = cells
        .iter()
        .filter(|c| c.level == level)
        .map(|c| c.x)
        .collect();
    xs.sort_by(|a, b| a.centre().total_cmp(&b.centre()));
    Some(xs)
}

/// The columns (indices) with their outermost header level moved innermost:
/// ordered by the rest of their path (first appearance), then by the first level.
fn stage_innermost(defs: &[&ColumnDef]) -> Vec<usize> {
    let head = |d: &ColumnDef| d.header_path().first().map(|s| s.to_string());
    let rest = |d: &ColumnDef| d.header_path().get(1..).map(|r| r.join("/"));
    let mut order: Vec<usize> = (0..defs.len()).collect();
    let first_of = |key: &Option<String>, f: &dyn Fn(&ColumnDef) -> Option<String>| {
        defs.iter().position(|d| &f(d) == key).unwrap_or(usize::MAX)
    };
    order.sort_by_key(|i| {
        defs.get(*i).map_or((usize::MAX, usize::MAX), |d| {
            (first_of(&rest(d), &rest), first_of(&head(d), &head))
        })
    });
    order
}

/// How far the header cells stand from the centres of the columns they would
/// span if the columns were printed in `order` (printed position → column):
/// per cell, the nearest run of consecutive columns whose path names it at
/// one level.
fn nesting_cost(cells: &[HeaderCell], leaves: &[f32], order: &[usize], defs: &[&ColumnDef]) -> f32 {
    let names = |cell: &str, printed: usize, level: usize| -> bool {
        let Some(def) = order.get(printed).and_then(|c| defs.get(*c)) else {
            return false;
        };
        let parts = def.header_path();
        let last = parts.len().saturating_sub(1);
        parts
            .get(level)
            .is_some_and(|p| names_part(cell, p, def, level == last))
    };
    let depth = defs
        .iter()
        .map(|d| d.header_path().len())
        .max()
        .unwrap_or(0);
    let mut total = 0.0;
    for cell in cells {
        let centre = cell.x.centre();
        let mut best: Option<f32> = None;
        for level in 0..depth {
            let mut start: Option<usize> = None;
            for p in 0..=leaves.len() {
                let hit = p < leaves.len() && names(&cell.text, p, level);
                match (hit, start) {
                    (true, None) => start = Some(p),
                    (false, Some(s)) => {
                        let (a, b) = (leaves.get(s), leaves.get(p - 1));
                        if let (Some(a), Some(b)) = (a, b) {
                            let d = (centre - (a + b) / 2.0).abs();
                            best = Some(best.map_or(d, |x| x.min(d)));
                        }
                        start = None;
                    }
                    _ => {}
                }
            }
        }
        total += best.unwrap_or(0.0);
    }
    total
}

/// True when a number (PDF input) stands under a 行次 header cell: the
/// 行次 column is a column of its own, and what stands in it is no amount.
pub fn under_line_number_header(n: &RawNumber, header: &[HeaderCell]) -> bool {
    let Some(x) = n.x else { return false };
    header
        .iter()
        .filter(|c| matches!(c.text.as_str(), "行次" | "行" | "次" | "行号"))
        .any(|c| x.centre() >= c.x.x0 - 1.0 && x.centre() <= c.x.x1 + 1.0)
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

/// Right edges of the columns, estimated from the anchors (sorted by x): the
/// midpoint to the next anchor, the last one as far past its centre as the
/// previous edge was before it.
fn right_edges(sorted: &[XRange]) -> Vec<f32> {
    let centres: Vec<f32> = sorted.iter().map(XRange::centre).collect();
    let mut edges: Vec<f32> = centres
        .windows(2)
        .filter_map(|w| match w {
            [a, b] => Some((a + b) / 2.0),
            _ => None,
        })
        .collect();
    if let Some(last) = centres.last() {
        let half = match edges.last() {
            Some(e) => last - e,
            None => sorted.last().map(|a| (a.x1 - a.x0) / 2.0).unwrap_or(0.0),
        };
        edges.push(last + half.max(0.0));
    }
    edges
}

/// The column of one number: the anchor that contains it (ruled cells give
/// true ranges), else the column whose right edge is nearest the number's
/// right edge (amounts are right-aligned; centred ones still fall nearest
/// their own column's edge, whatever the widths of the columns around).
fn column_of(x: XRange, anchors: &[XRange], order: &[usize], edges: &[f32]) -> Option<usize> {
    if let Some(i) = anchors
        .iter()
        .position(|a| x.x0 >= a.x0 - 1.0 && x.x1 <= a.x1 + 1.0)
    {
        return Some(i);
    }
    let nearest = edges
        .iter()
        .enumerate()
        .map(|(i, e)| (i, (e - x.x1).abs()))
        .min_by(|a, b| a.1.partial_cmp(&b.1).unwrap_or(std::cmp::Ordering::Equal))?;
    order.get(nearest.0).copied()
}

/// The column of each number, when every number has a position and no two
/// fall under the same anchor.
pub fn assign_by_position(numbers: &[RawNumber], anchors: &[XRange]) -> Option<Vec<usize>> {
    let mut order: Vec<usize> = (0..anchors.len()).collect();
    order.sort_by(|a, b| {
        let c = |i: &usize| anchors.get(*i).map(XRange::centre).unwrap_or(0.0);
        c(a).partial_cmp(&c(b)).unwrap_or(std::cmp::Ordering::Equal)
    });
    let sorted: Vec<XRange> = order
        .iter()
        .filter_map(|i| anchors.get(*i).copied())
        .collect();
    let edges = right_edges(&sorted);
    let mut out: Vec<usize> = Vec::with_capacity(numbers.len());
    for n in numbers {
        let best = column_of(n.x?, anchors, &order, &edges)?;
        if out.contains(&best) {
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
            header: Vec::new(),
        }
    }

    /// 预算数 and 决算数 each of 合计 and 公务接待费, in the template's order.
    fn budget_and_actual_by_item() -> Vec<ColumnDef> {
        [
            "预算数/合计",
            "预算数/公务接待费",
            "决算数/合计",
            "决算数/公务接待费",
        ]
        .iter()
        .map(|label| def(label, &[]))
        .collect()
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
        let defs = budget_and_actual_by_item();
        let cols: Vec<String> = defs.iter().map(|d| d.label.clone()).collect();
        let a = header_anchors(&cells, &cols, &defs, (0.0, 1000.0)).unwrap();
        assert_eq!(
            a.iter().map(|x| x.x0).collect::<Vec<_>>(),
            vec![100.0, 200.0, 300.0, 400.0]
        );
    }

    #[test]
    fn nested_the_other_way_round_finds_the_same_columns() {
        let cells = vec![
            cell("合计", 100.0, 200.0, 0),
            cell("公务接待费", 200.0, 300.0, 0),
            cell("预算数", 100.0, 150.0, 1),
            cell("决算数", 150.0, 200.0, 1),
            cell("预算数", 200.0, 250.0, 1),
            cell("决算数", 250.0, 300.0, 1),
        ];
        let defs = budget_and_actual_by_item();
        let cols: Vec<String> = defs.iter().map(|d| d.label.clone()).collect();
        let a = header_anchors(&cells, &cols, &defs, (0.0, 1000.0)).unwrap();
        assert_eq!(
            a.iter().map(|x| x.x0).collect::<Vec<_>>(),
            vec![100.0, 200.0, 150.0, 250.0]
        );
    }

    #[test]
    fn a_borderless_header_printed_item_over_stage_orders_the_columns() {
        // Words only (no cell extents): 合计 and 公务接待费 each centred over
        // their 预算数 决算数 pair; 栏次 columns at 10, 30, 50, 70.
        let cells = vec![
            cell("合计", 15.0, 25.0, 0),
            cell("公务接待费", 50.0, 70.0, 0),
            cell("预算数", 5.0, 15.0, 1),
            cell("决算数", 25.0, 35.0, 1),
            cell("预算数", 45.0, 55.0, 1),
            cell("决算数", 65.0, 75.0, 1),
        ];
        let defs = budget_and_actual_by_item();
        let cols: Vec<String> = defs.iter().map(|d| d.label.clone()).collect();
        let at = |c: f32| XRange {
            x0: c - 2.0,
            x1: c + 2.0,
        };
        let given = vec![at(10.0), at(30.0), at(50.0), at(70.0)];
        let ordered = nested_order(&cells, &cols, &defs, given.clone());
        let centres: Vec<f32> = ordered.iter().map(XRange::centre).collect();
        assert_eq!(centres, vec![10.0, 50.0, 30.0, 70.0]);
        let leaves = nested_leaf_anchors(&cells, &cols, &defs).unwrap();
        let leaf_centres: Vec<f32> = leaves.iter().map(XRange::centre).collect();
        assert_eq!(
            leaf_centres,
            vec![10.0, 30.0, 50.0, 70.0],
            "the 预算数/决算数 line, left to right"
        );
        // Printed stage over item, the template's order stays.
        let stage_first = vec![
            cell("预算数", 15.0, 25.0, 0),
            cell("决算数", 55.0, 65.0, 0),
            cell("合计", 5.0, 15.0, 1),
            cell("公务接待费", 25.0, 35.0, 1),
            cell("合计", 45.0, 55.0, 1),
            cell("公务接待费", 65.0, 75.0, 1),
        ];
        assert_eq!(
            nested_order(&stage_first, &cols, &defs, given.clone()),
            given
        );
    }

    #[test]
    fn borderless_words_each_own_to_one_column_anchor_it() {
        // “三公”经费预算数 over 合计 and 公务用车购置及运行费, which is over
        // 小计 and 购置费: word extents only, nothing nests by extent.
        let cells = vec![
            cell("\"三公\"经费预算数", 60.0, 90.0, 0),
            cell("公务用车购置及运行费", 100.0, 140.0, 1),
            cell("合计", 10.0, 20.0, 2),
            cell("小计", 95.0, 105.0, 3),
            cell("购置费", 130.0, 145.0, 3),
        ];
        let mut defs = vec![
            def("预算数/合计", &["合计"]),
            def("预算数/公务用车购置及运行费/小计", &["小计"]),
            def("预算数/公务用车购置及运行费/公务用车购置费", &["购置费"]),
        ];
        defs[0].header = vec!["\"三公\"经费预算数".into(), "合计".into()];
        defs[1].header = vec!["公务用车购置及运行费".into(), "小计".into()];
        defs[2].header = vec!["购置费".into()];
        let cols: Vec<String> = defs.iter().map(|d| d.label.clone()).collect();
        let a = header_anchors(&cells, &cols, &defs, (0.0, 1000.0)).unwrap();
        assert_eq!(
            a.iter().map(|x| x.x0).collect::<Vec<_>>(),
            vec![10.0, 95.0, 130.0]
        );
    }

    #[test]
    fn header_cells_pin_their_columns_to_the_column_numbers() {
        // 栏次 at 10..70; 合计 printed last (over 70), 财政拨款 first, the
        // two narrow columns' words run together into one cell.
        let cells = vec![
            cell("财政拨款收入", 5.0, 15.0, 0),
            cell("事业收入经营收入", 25.0, 55.0, 0),
            cell("本年收入合计", 65.0, 75.0, 0),
        ];
        let defs = vec![
            def("本年收入合计", &["本年收入合计", "合计"]),
            def("财政拨款收入", &["财政拨款收入"]),
            def("事业收入", &["事业收入"]),
            def("经营收入", &["经营收入"]),
        ];
        let cols: Vec<String> = defs.iter().map(|d| d.label.clone()).collect();
        let at = |c: f32| XRange {
            x0: c - 2.0,
            x1: c + 2.0,
        };
        let anchors = vec![at(10.0), at(30.0), at(50.0), at(70.0)];
        let pinned = pinned_by_header(&cells, &cols, &defs, anchors);
        let centres: Vec<f32> = pinned.iter().map(XRange::centre).collect();
        assert_eq!(centres, vec![70.0, 10.0, 30.0, 50.0]);
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
            at: None,
        };
        assert_eq!(
            assign_by_position(&[n(1.0, 9.0), n(21.0, 29.0)], &anchors),
            Some(vec![0, 2])
        );
        assert_eq!(
            assign_by_position(&[n(1.0, 9.0), n(2.0, 8.0)], &anchors),
            None,
            "two numbers, one column"
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
            at: None,
        };
        assert_eq!(assign_by_position(&[n], &anchors), Some(vec![0]));
    }
}
