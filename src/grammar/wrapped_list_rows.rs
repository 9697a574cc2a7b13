//! Wrapped label cells of the 政府采购预算表 (a list table whose every row
//! prints an amount) put back into their rows. In pdftotext's text a wrapped
//! cell leaves lines of label pieces without numbers: above the row's numbers
//! when the labels are top-aligned and the numbers bottom-aligned (`车辆维修和保养服
//! 分散自行组织` / `务 101.00`), below them when both are top-aligned (`信息系统集成实施
//! 分散自行组织 44.00` / `服务`), on both sides when they are centred. Each such line
//! joins the row it belongs to, and each piece the cell it continues:
//!
//! * a run of number-less lines between two rows goes to the row below when the
//!   row above cannot wrap (a total or a category); when the row below's own
//!   line is incomplete (neither a total, a category `一、货物A`, nor two cells),
//!   the run's lines from the first with two cells (the row's other cells) go
//!   to it and lone pieces before that end the row above; else the run goes to
//!   the row above, except from the first line that carries a cell the row
//!   above already has (a second 采购组织形式, or two cells);
//! * in an item row the 采购组织形式 cell is the one naming how the purchase is
//!   organised; every other piece continues the 物品名称, in print order;
//! * in a 专项 row (专项名称, 经济科目) a lone piece continues the 经济科目 when
//!   the two read together make a catalogue name, else the 专项名称.

use super::document::RawRow;
use super::list_rows::CELL_SEPARATOR;
use super::ordinal::has_ordinal;
use crate::templates::catalogue::Catalogue;
use crate::text_norm::fold;

/// What the reassembly needs to know about the table's vocabulary.
pub struct ListWords<'a> {
    /// Words of an item row's 采购组织形式 cell.
    pub item_markers: &'a [String],
    /// Labels of the total row.
    pub total_labels: &'a [String],
    /// The code catalogue (经济科目 names).
    pub catalogue: &'a Catalogue,
}

impl ListWords<'_> {
    fn is_form(&self, cell: &str) -> bool {
        self.item_markers.iter().any(|m| cell.contains(m.as_str()))
    }

    /// A row that is whole on its own line: a total, a category, or two cells.
    fn complete(&self, cells: &[String]) -> bool {
        cells.len() >= 2 || self.unwrappable(cells)
    }

    /// A total or a category row: short labels that never wrap.
    fn unwrappable(&self, cells: &[String]) -> bool {
        match cells {
            [] => true,
            [one] => self.total_labels.iter().any(|t| t == one) || has_ordinal(one),
            _ => false,
        }
    }

    fn is_catalogue_name(&self, name: &str) -> bool {
        !name.is_empty() && !self.catalogue.codes_named(|n| fold(n) == name).is_empty()
    }
}

fn cells_of(row: &RawRow) -> Vec<String> {
    row.label
        .split(CELL_SEPARATOR)
        .filter(|c| !c.is_empty())
        .map(str::to_string)
        .collect()
}

/// Joins number-less lines of a list table into the rows their pieces belong to.
pub fn join_wrapped(lines: Vec<RawRow>, words: &ListWords) -> Vec<RawRow> {
    let cells: Vec<Vec<String>> = lines.iter().map(cells_of).collect();
    let anchors: Vec<usize> = (0..lines.len())
        .filter(|&i| lines.get(i).is_some_and(|l| !l.numbers.is_empty()))
        .collect();
    if anchors.is_empty() || anchors.len() == lines.len() {
        return lines;
    }
    // owner[i]: the anchor line the line i belongs to.
    let mut owner: Vec<usize> = (0..lines.len()).collect();
    let empty = Vec::new();
    let cells_at = |i: usize| cells.get(i).unwrap_or(&empty);
    let mut start = 0;
    for (k, &next) in anchors
        .iter()
        .chain(std::iter::once(&lines.len()))
        .enumerate()
    {
        let prev = k.checked_sub(1).and_then(|p| anchors.get(p)).copied();
        let next = (next < lines.len()).then_some(next);
        let run = start..next.unwrap_or(lines.len());
        let first_to_next = match (prev, next) {
            (None, _) => run.start,
            (Some(_), None) => run.end,
            (Some(p), Some(n)) => {
                if words.unwrappable(cells_at(p)) {
                    run.start
                } else if !words.complete(cells_at(n)) {
                    // The row below prints its other cells on a line of the
                    // run; lone pieces before that line end the row above.
                    run.clone()
                        .find(|&i| cells_at(i).len() >= 2)
                        .unwrap_or(run.start)
                } else {
                    let prev_has_form = cells_at(p).iter().any(|c| words.is_form(c));
                    let first = run
                        .clone()
                        .find(|&i| {
                            let c = cells_at(i);
                            c.len() >= 2 || (prev_has_form && c.iter().any(|x| words.is_form(x)))
                        })
                        .unwrap_or(run.end);
                    let after = (n + 1..lines.len())
                        .take_while(|&i| lines.get(i).is_some_and(|l| l.numbers.is_empty()))
                        .map(|i| cells_at(i).as_slice());
                    let after: Vec<&[String]> = after.collect();
                    first.min(economic_start(
                        &lines,
                        &cells,
                        run.start..first,
                        n,
                        &after,
                        words,
                    ))
                }
            }
        };
        for i in run.clone() {
            let to = if i < first_to_next { prev } else { next };
            if let (Some(o), Some(to)) = (owner.get_mut(i), to) {
                *o = to;
            }
        }
        start = run.end + 1;
    }
    let mut out = Vec::new();
    for &a in &anchors {
        let members: Vec<usize> = (0..lines.len())
            .filter(|&i| owner.get(i) == Some(&a))
            .collect();
        let Some(anchor) = lines.get(a) else { continue };
        let mut row = anchor.clone();
        if let Some(first) = members.first().and_then(|&i| lines.get(i)) {
            row.page = first.page;
            row.label_x = first.label_x.or(anchor.label_x);
        }
        for &i in &members {
            if let Some(at) = lines.get(i).and_then(|l| l.label_at) {
                row.mark_label(at);
            }
        }
        let pieces: Vec<&Vec<String>> = members.iter().map(|&i| cells_at(i)).collect();
        row.label = joined_cells(&pieces, words).join(&CELL_SEPARATOR.to_string());
        out.push(row);
    }
    out
}

/// The first line of `run` (lone pieces right above the row `n`) from which
/// the pieces complete row `n`'s 经济科目 into a catalogue name, read with the
/// lone pieces below it (centred labels wrap both ways); `run.end` if none.
fn economic_start(
    lines: &[RawRow],
    cells: &[Vec<String>],
    run: std::ops::Range<usize>,
    n: usize,
    after: &[&[String]],
    words: &ListWords,
) -> usize {
    let Some([_, economic]) = cells.get(n).map(Vec::as_slice) else {
        return run.end;
    };
    if words.is_form(economic) || lines.get(n).is_none() {
        return run.end;
    }
    let below: String = after
        .iter()
        .take_while(|c| c.len() == 1)
        .flat_map(|c| c.iter().map(String::as_str))
        .collect();
    let mut start = run.end;
    let mut above = String::new();
    for i in run.rev() {
        match cells.get(i).map(Vec::as_slice) {
            Some([one]) => above.insert_str(0, one),
            _ => break,
        }
        let read = [
            format!("{above}{economic}"),
            format!("{above}{economic}{below}"),
        ];
        if read.iter().any(|r| words.is_catalogue_name(r)) {
            start = i;
        }
    }
    start
}

/// The row's cells from the pieces of its lines (in print order).
fn joined_cells(lines: &[&Vec<String>], words: &ListWords) -> Vec<String> {
    if lines.len() == 1 {
        return lines.first().map(|l| l.to_vec()).unwrap_or_default();
    }
    let all: Vec<&String> = lines.iter().flat_map(|l| l.iter()).collect();
    if all.iter().any(|c| words.is_form(c)) {
        let (form, name): (Vec<&String>, Vec<&String>) =
            all.into_iter().partition(|c| words.is_form(c));
        let name: String = name.into_iter().map(String::as_str).collect();
        let form: String = form.into_iter().map(String::as_str).collect();
        return vec![name, form];
    }
    let widest = lines.iter().map(|l| l.len()).max().unwrap_or(0);
    if widest < 2 {
        return vec![all.into_iter().map(String::as_str).collect()];
    }
    // 专项名称 and 经济科目: the widest line gives both; lone pieces above or
    // below it continue the 经济科目 when that makes a catalogue name, else
    // the 专项名称.
    let Some(full) = lines.iter().position(|l| l.len() == widest) else {
        return Vec::new();
    };
    let lone = |range: std::ops::Range<usize>| -> String {
        range
            .filter_map(|k| lines.get(k))
            .filter(|l| l.len() == 1)
            .flat_map(|l| l.iter().map(String::as_str))
            .collect()
    };
    let (above, below) = (lone(0..full), lone(full + 1..lines.len()));
    let mut project = String::new();
    let mut economic = String::new();
    for line in lines.iter().filter(|l| l.len() >= 2) {
        if let [first @ .., last] = line.as_slice() {
            project.extend(first.iter().map(String::as_str));
            economic.push_str(last);
        }
    }
    let readings = [
        (
            format!("{above}{economic}{below}"),
            String::new(),
            String::new(),
        ),
        (format!("{above}{economic}"), String::new(), below.clone()),
        (format!("{economic}{below}"), above.clone(), String::new()),
    ];
    match readings
        .into_iter()
        .find(|(e, _, _)| words.is_catalogue_name(e))
    {
        Some((e, before, after)) => vec![format!("{before}{project}{after}"), e],
        None => vec![format!("{above}{project}{below}"), economic],
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::grammar::document::RawNumber;

    fn line(label: &str, number: Option<f64>) -> RawRow {
        RawRow {
            label: label.to_string(),
            numbers: number
                .map(|v| RawNumber {
                    value: Some(v),
                    text: v.to_string(),
                    x: None,
                    at: None,
                })
                .into_iter()
                .collect(),
            ..RawRow::default()
        }
    }

    fn joined(lines: Vec<RawRow>) -> Vec<String> {
        let markers = vec![
            "组织".to_string(),
            "代理".to_string(),
            "集中采购".to_string(),
        ];
        let totals = vec!["合计".to_string()];
        let templates = crate::templates::Templates::embedded().expect("embedded templates");
        let words = ListWords {
            item_markers: &markers,
            total_labels: &totals,
            catalogue: &templates.catalogue,
        };
        join_wrapped(lines, &words)
            .into_iter()
            .map(|r| r.label)
            .collect()
    }

    #[test]
    fn continuation_below_the_numbers_joins_the_row_above() {
        let rows = joined(vec![
            line("三、服务C", Some(270.0)),
            line("交通运行费/公务用车运行维护费", Some(219.0)),
            line("车辆维修和保养服/分散自行组织", Some(101.0)),
            line("务", None),
            line("信息化运维/委托业务费", Some(51.0)),
            line("信息系统集成实施/分散自行组织", Some(44.0)),
            line("服务", None),
            line("运行维护服务/集中采购机构采购", Some(7.0)),
        ]);
        assert_eq!(
            rows,
            [
                "三、服务C",
                "交通运行费/公务用车运行维护费",
                "车辆维修和保养服务/分散自行组织",
                "信息化运维/委托业务费",
                "信息系统集成实施服务/分散自行组织",
                "运行维护服务/集中采购机构采购",
            ]
        );
    }

    #[test]
    fn a_lone_piece_before_the_next_rows_cells_ends_the_row_above() {
        let rows = joined(vec![
            line("车辆及其他运输机/分散自行组织", Some(142.0)),
            line("械租赁服务", None),
            line("交通运行费/公务用车", None),
            line("运行维护", Some(56.0)),
            line("费", None),
        ]);
        assert_eq!(
            rows,
            [
                "车辆及其他运输机械租赁服务/分散自行组织",
                "交通运行费/公务用车运行维护费",
            ]
        );
    }

    #[test]
    fn pieces_above_the_numbers_join_the_row_below() {
        let rows = joined(vec![
            line("信息化运维/委托业务费", Some(51.0)),
            line("信息系统集成实施/分散自行组织", None),
            line("服务", Some(44.0)),
            line("专项业务/印刷费", None),
            line("经费", Some(199.0)),
        ]);
        assert_eq!(
            rows,
            [
                "信息化运维/委托业务费",
                "信息系统集成实施服务/分散自行组织",
                "专项业务经费/印刷费",
            ]
        );
    }
}
