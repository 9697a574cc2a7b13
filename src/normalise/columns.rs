//! Which canonical columns a table prints, from its header words and its 栏次
//! count; and, for PDF input, which column each header cell stands over.

use crate::grammar::RawTable;
use crate::templates::ColumnDef;

/// Canonical labels of the printed columns of one side (or the whole table).
///
/// The 栏次 count, when printed, is how many columns there are; the header's
/// words say which. When the words do not settle it, the template's default
/// columns (or all) are taken and the caller warns.
pub fn printed_columns(
    defs: &[ColumnDef],
    defaults: &[String],
    header: &str,
    count: Option<usize>,
) -> (Vec<String>, bool) {
    let all: Vec<String> = defs.iter().map(|d| d.label.clone()).collect();
    let found = found_in_header(defs, header);
    let Some(n) = count else {
        if found.len() >= 2 {
            return (found, true);
        }
        return (
            if defaults.is_empty() {
                all
            } else {
                defaults.to_vec()
            },
            false,
        );
    };
    if n == all.len() {
        return (all, true);
    }
    if found.len() == n {
        return (found, true);
    }
    if defaults.len() == n {
        return (defaults.to_vec(), true);
    }
    (all.into_iter().take(n).collect(), false)
}

/// The header text over one side of a two-sided table (PDF input): the
/// header cells right of the 支出 cell's left edge for 支出, left of it for 收入.
pub fn side_header_text(table: &RawTable, side: usize) -> String {
    side_header_text_of(table, side, None)
}

/// [`side_header_text`] with the side's wrapped header labels joined first
/// (`国有资本` / `经营预算` / `财政拨款` one cell), when the side's `defs` say
/// what the labels are.
pub fn side_header_text_of(table: &RawTable, side: usize, defs: Option<&[ColumnDef]>) -> String {
    let Some(split) = table
        .side_split
        .or_else(|| crate::grammar::document::expenditure_side_start(&table.header_cells))
    else {
        return String::new();
    };
    let on_side: Vec<&crate::grammar::document::HeaderCell> = table
        .header_cells
        .iter()
        .filter(|c| (c.x.centre() >= split) == (side == 1))
        .collect();
    let stacked = defs.map(|d| super::positions::stacked_cells(&on_side, d));
    let mut cells: Vec<&crate::grammar::document::HeaderCell> = match &stacked {
        Some(s) => s.iter().collect(),
        None => on_side,
    };
    cells.sort_by(|a, b| {
        (a.level, a.x.x0)
            .partial_cmp(&(b.level, b.x.x0))
            .unwrap_or(std::cmp::Ordering::Equal)
    });
    cells.iter().map(|c| c.text.as_str()).collect()
}

/// The columns whose synonyms occur in the header text, in template order,
/// reading the header greedily (longest synonym first) so `本年收入合计` is not
/// also read as `合计`.
pub fn found_in_header(defs: &[ColumnDef], header: &str) -> Vec<String> {
    let mut found = found_in_printed_order(defs, header);
    found.sort_by_key(|l| defs.iter().position(|d| &d.label == l));
    found
}

/// `columns` in the order one header line prints them all, when one line
/// names every one of them (a report may print the total last); else as given.
/// A header wrapped over lines gives no order, so the template's is kept.
pub fn in_printed_order(columns: Vec<String>, defs: &[ColumnDef], lines: &[String]) -> Vec<String> {
    if columns.len() < 2 || defs.iter().any(|d| d.label.contains('/')) {
        return columns;
    }
    let printed = lines
        .iter()
        .map(|l| found_in_printed_order(defs, l))
        .find(|f| f.len() == columns.len() && f.iter().all(|c| columns.contains(c)));
    printed.unwrap_or(columns)
}

/// The columns a text header prints, in printed order, read back from its
/// wrapped cells: each line prints, left to right, the next piece of some
/// header cells, so a word continues the first cell after the last one
/// continued on its line whose text it extends towards a synonym, or opens a
/// new cell after the others. The row-label column's 项目, printed first
/// (whole, or wrapped a character a line), is no column. `None` unless two columns read whole.
pub fn stacked_columns(defs: &[ColumnDef], words: &[Vec<String>]) -> Option<Vec<String>> {
    // Header words and what they name: a column's synonym (its label) or a
    // group's parent cell (本年支出 over 小计/基本支出/项目支出; no column).
    let mut names: Vec<(&str, Option<&str>)> = defs
        .iter()
        .flat_map(|d| {
            d.synonyms
                .iter()
                .map(move |s| (s.as_str(), Some(d.label.as_str())))
        })
        .filter(|(s, _)| !s.is_empty())
        .collect();
    // A word naming two columns (合计 under 预算数 and 决算数) cannot be placed.
    if names
        .iter()
        .any(|(s, l)| names.iter().any(|(t, m)| s == t && l != m))
    {
        return None;
    }
    let parents: Vec<&str> = defs.iter().filter_map(|d| d.parent.as_deref()).collect();
    names.extend(parents.iter().map(|p| (*p, None)));
    let is_prefix = |t: &str| names.iter().any(|(s, _)| s.starts_with(t));
    // The parent a word opens a child of (it begins only that parent's columns' synonyms).
    let parent_of = |t: &str| -> Option<&str> {
        let owners: Vec<Option<&str>> = defs
            .iter()
            .filter(|d| d.synonyms.iter().any(|s| s.starts_with(t)))
            .map(|d| d.parent.as_deref())
            .collect();
        match owners.as_slice() {
            [first, rest @ ..] if rest.iter().all(|o| o == first) => *first,
            _ => None,
        }
    };
    let mut cells: Vec<String> = Vec::new();
    // The row-label column's header cell (项目, printed first), when it wraps.
    let mut stub: Option<usize> = None;
    for line in words {
        let mut from = 0;
        for (k, w) in line.iter().enumerate() {
            let w = crate::text_norm::compact(w);
            if k == 0 && w == STUB {
                continue;
            }
            if cells.is_empty() && k == 0 && STUB.starts_with(&w) {
                cells.push(w);
                stub = Some(0);
                from = 1;
                continue;
            }
            let hit = cells
                .iter()
                .enumerate()
                .skip(from)
                .find(|(i, c)| {
                    let grown = format!("{c}{w}");
                    if stub == Some(*i) {
                        STUB.starts_with(&grown)
                    } else {
                        is_prefix(&grown)
                    }
                })
                .map(|(i, _)| i);
            match hit {
                Some(i) => {
                    if let Some(c) = cells.get_mut(i) {
                        c.push_str(&w);
                    }
                    from = i + 1;
                }
                None if is_prefix(&w) => {
                    // A child column stands under its parent cell, after the
                    // children already there; any other new cell after all.
                    let under = parent_of(&w).and_then(|p| {
                        let at = cells.iter().position(|c| c == p)?;
                        let kids = cells
                            .iter()
                            .skip(at + 1)
                            .take_while(|c| parent_of(c) == Some(p))
                            .count();
                        Some(at + 1 + kids)
                    });
                    let at = under.unwrap_or(cells.len()).min(cells.len());
                    cells.insert(at, w);
                    from = at + 1;
                }
                None => {}
            }
        }
    }
    let mut out: Vec<String> = Vec::new();
    for c in &cells {
        let label = names
            .iter()
            .find(|(s, _)| s == c)
            .and_then(|(_, l)| l.map(str::to_string));
        if let Some(l) = label.filter(|l| !out.contains(l)) {
            out.push(l);
        }
    }
    (out.len() >= 2).then_some(out)
}

/// The row-label column's header word.
const STUB: &str = "项目";

/// The columns whose synonyms occur in `header`, in the order they occur.
fn found_in_printed_order(defs: &[ColumnDef], header: &str) -> Vec<String> {
    let mut syns: Vec<(&str, usize)> = defs
        .iter()
        .enumerate()
        .flat_map(|(i, d)| d.synonyms.iter().map(move |s| (s.as_str(), i)))
        .filter(|(s, _)| !s.is_empty())
        .collect();
    syns.sort_by_key(|(s, _)| std::cmp::Reverse(s.len()));
    let mut hit: Vec<usize> = Vec::new();
    let mut rest = header;
    while !rest.is_empty() {
        // A word printed twice (小计 over two groups) names the next column that has it.
        let fresh = syns
            .iter()
            .find(|(s, i)| rest.starts_with(s) && !hit.contains(i));
        match fresh.or_else(|| syns.iter().find(|(s, _)| rest.starts_with(s))) {
            Some((s, i)) => {
                if !hit.contains(i) {
                    hit.push(*i);
                }
                rest = &rest[s.len()..];
            }
            None => {
                let skip = rest.chars().next().map(char::len_utf8).unwrap_or(1);
                rest = &rest[skip..];
            }
        }
    }
    hit.iter()
        .filter_map(|i| defs.get(*i))
        .map(|d| d.label.clone())
        .collect()
}

/// The 栏次 count of side `index` (0 left, 1 right) or of the whole table.
pub fn column_count(table: &RawTable, index: Option<usize>) -> Option<usize> {
    match index {
        Some(i) => table.column_numbers.get(i).map(Vec::len).filter(|n| *n > 0),
        None => {
            let n: usize = table.column_numbers.iter().map(Vec::len).sum();
            (n > 0).then_some(n)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn def(label: &str, syn: &[&str]) -> ColumnDef {
        ColumnDef {
            label: label.into(),
            synonyms: syn.iter().map(|s| s.to_string()).collect(),
            parent: None,
            header: Vec::new(),
        }
    }

    #[test]
    fn greedy_synonyms_pick_the_printed_columns() {
        let defs = vec![
            def("年初预算数", &["年初预算数"]),
            def("合计", &["小计", "合计"]),
            def("基本支出", &["基本支出"]),
            def("项目支出", &["项目支出"]),
        ];
        let (cols, sure) = printed_columns(
            &defs,
            &[],
            "项目本年支出功能分类科目编码科目名称小计基本支出项目支出类款项",
            Some(3),
        );
        assert_eq!(cols, ["合计", "基本支出", "项目支出"]);
        assert!(sure);
    }

    #[test]
    fn a_wrapped_text_header_is_read_back_in_printed_order() {
        let defs = vec![
            def("本年收入合计", &["本年收入合计", "合计"]),
            def("财政拨款收入", &["财政拨款收入"]),
            def("附属单位上缴收入", &["附属单位上缴收入"]),
        ];
        let words: Vec<Vec<String>> = [
            vec!["项目", "财政拨", "附属单", "本年收"],
            vec!["款收入", "位上缴", "入合计"],
            vec!["收入"],
        ]
        .iter()
        .map(|l| l.iter().map(|w| w.to_string()).collect())
        .collect();
        assert_eq!(
            stacked_columns(&defs, &words).unwrap(),
            ["财政拨款收入", "附属单位上缴收入", "本年收入合计"]
        );
    }

    #[test]
    fn a_header_wrapped_a_character_a_line_keeps_the_row_label_apart() {
        let defs = vec![
            def("合计", &["小计", "合计"]),
            def("基本支出", &["基本支出"]),
            def("项目支出", &["项目支出"]),
        ];
        let words: Vec<Vec<String>> = [
            vec!["项", "小", "基", "项"],
            vec!["目", "计", "本", "目"],
            vec!["支", "支"],
            vec!["出", "出"],
        ]
        .iter()
        .map(|l| l.iter().map(|w| w.to_string()).collect())
        .collect();
        assert_eq!(
            stacked_columns(&defs, &words).unwrap(),
            ["合计", "基本支出", "项目支出"]
        );
    }

    #[test]
    fn count_equal_to_all_takes_all() {
        let defs = vec![
            def("本年收入合计", &["本年收入合计", "合计"]),
            def("财政拨款收入", &["财政拨款收入"]),
        ];
        let (cols, _) = printed_columns(&defs, &[], "", Some(2));
        assert_eq!(cols.len(), 2);
    }
}
