//! One table's region of lines: title, 部门/单位 line, header block up to the
//! 栏次 line, body (with repeated headers and page numbers after a page break
//! removed), then 注 and 说明 lines.

use super::coded_rows::{coded_rows, is_total_label};
use super::document::{HeaderCell, RawTable};
use super::furniture::Furniture;
use super::grouped_rows::grouped_rows;
use super::line_kind::{
    column_numbers, is_explanation_start, is_marker_tail, is_note_start, is_page_number,
    is_part_heading, unit_line,
};
use super::single_row::single_row;
use super::stream::flatten;
use super::title::{Title, title_at};
use super::tok_line::TokLine;
use super::token::TokenKind;
use super::two_sided_rows::{SideNames, side_split, two_sided_rows};
use super::wrapped_list_rows::{ListWords, join_wrapped};
use crate::templates::{Layout, RowKeys, Templates};

/// Longest header block we accept before deciding there is no header end.
const MAX_HEADER_LINES: usize = 80;

/// Does line `i` start the data rows of a table of `layout`? A code alone on
/// its line counts when the next line starts with its name.
fn starts_data_at(lines: &[TokLine], i: usize, layout: Layout) -> bool {
    let Some(l) = lines.get(i) else { return false };
    if starts_data(l, layout) {
        return true;
    }
    let lone_code = l.tokens.len() == 1
        && l.leading_digits()
            .is_some_and(|d| matches!(d.len(), 3 | 5 | 7));
    let named_next = lines
        .get(i + 1)
        .and_then(|n| n.tokens.first())
        .is_some_and(|t| t.kind == TokenKind::Text);
    let plausible = match layout {
        Layout::Coded => true,
        Layout::Grouped => l
            .leading_digits()
            .is_some_and(|d| d.starts_with('3') || d.starts_with('5')),
        _ => false,
    };
    lone_code && named_next && plausible
}

/// Is the line three or more zeros (or dashes), at least one a zero?
fn all_zeros(l: &TokLine) -> bool {
    l.tokens.len() >= 3
        && l.tokens.iter().any(|t| t.text == "0")
        && l.tokens
            .iter()
            .all(|t| t.text == "0" || t.kind == TokenKind::Dash)
}

/// Does this line start the data rows of a table of `layout`?
fn starts_data(l: &TokLine, layout: Layout) -> bool {
    let first = l.tokens.first();
    let second_is_text = l.tokens.get(1).is_some_and(|t| t.kind == TokenKind::Text);
    let has_number = l
        .tokens
        .iter()
        .any(|t| matches!(t.kind, TokenKind::Amount(_)));
    match layout {
        Layout::Coded => {
            let code = l
                .leading_digits()
                .is_some_and(|d| matches!(d.len(), 3 | 5 | 7))
                && second_is_text;
            let total = first.is_some_and(|t| is_total_label(&t.text)) && has_number;
            code || total
        }
        Layout::Grouped => {
            l.leading_digits()
                .is_some_and(|d| d.len() == 3 && d.starts_with('3'))
                && second_is_text
        }
        Layout::TwoSided => {
            let first_item = l
                .tokens
                .windows(2)
                .any(|w| matches!(w, [a, b] if a.kind == TokenKind::Text && b.text == "1"));
            first_item || l.compact.starts_with("一、")
        }
        // Or a row of zeros printed as integers (`0 0 0 …`): other integers
        // may be column numbers (`1 2 … 9 1 1 1`, 栏次 10–12 wrapped) or a page number.
        Layout::SingleRow => l.all_numeric() && (has_number || all_zeros(l)),
        Layout::List => has_number,
    }
}

/// Is this line the end of a table body?
fn ends_body(lines: &[TokLine], i: usize, templates: &Templates) -> bool {
    let Some(l) = lines.get(i) else { return true };
    is_part_heading(&l.compact)
        || super::line_kind::is_section_heading(&l.compact)
        || is_note_start(&l.compact)
        || is_explanation_start(&l.compact)
        || title_at(lines, i, templates).is_some()
}

/// After a page break inside a body: the repeated title, 部门/单位 line and
/// header that many reports print again. Returns the index of the first line
/// after them, when the new page starts with them.
fn repeated_header_end(
    lines: &[TokLine],
    start: usize,
    kind: &str,
    layout: Layout,
    templates: &Templates,
) -> Option<usize> {
    let mut i = start;
    let mut saw_header = false;
    if let Some(t) = title_at(lines, i, templates) {
        if templates
            .tables
            .get(t.template)
            .is_none_or(|c| c.template.kind != kind)
        {
            return None;
        }
        i += t.lines;
        saw_header = true;
    }
    let page = lines.get(start)?.page();
    while let Some(l) = lines.get(i) {
        let has_amount = l
            .tokens
            .iter()
            .any(|t| matches!(t.kind, TokenKind::Amount(_)));
        let other_end = i > start && ends_body(lines, i, templates);
        if l.page() != page || i - start > MAX_HEADER_LINES || has_amount || other_end {
            return None;
        }
        if unit_line(&l.compact).is_some() {
            saw_header = true;
        } else if column_numbers(&l.texts()).is_some() {
            return Some(i + 1);
        } else if starts_data_at(lines, i, layout) {
            return saw_header.then_some(i);
        }
        i += 1;
    }
    None
}

/// A lone integer on the last line of a page (where pdftotext puts footers),
/// near the page's own index, that cannot be a code (no leading zero, not a
/// 类 code): a printed page number.
fn bare_page_number(lines: &[TokLine], i: usize) -> bool {
    let Some(l) = lines.get(i) else { return false };
    let Some(d) = l.leading_digits().filter(|_| l.tokens.len() == 1) else {
        return false;
    };
    let page_edge = lines.get(i + 1).is_some_and(|n| n.page() != l.page());
    let near = d
        .parse::<i64>()
        .is_ok_and(|n| (n - i64::from(l.page())).abs() <= 20);
    let code_like = d.starts_with('0')
        || matches!(d.len(), 5 | 7)
        || (d.len() == 3 && "1235".contains(&d[..1]));
    page_edge && near && !code_like
}

/// Notes run on while lines continue a sentence or state an identity.
fn continues_notes(prev: &str, l: &TokLine) -> bool {
    let c = &l.compact;
    let sentence_open = !(prev.ends_with('。') || prev.ends_with('；') || prev.ends_with(';'));
    let numbered = c.chars().next().is_some_and(|ch| ch.is_ascii_digit())
        && (c.contains('行') || c.contains('栏') || c.contains('.'));
    sentence_open || numbered || is_note_start(c) || is_explanation_start(c)
}

/// The header cells with positions, for PDF input: tokens of one span are
/// one cell.
fn header_cells(lines: &[TokLine]) -> Vec<HeaderCell> {
    let mut out: Vec<HeaderCell> = Vec::new();
    for (level, l) in lines.iter().enumerate() {
        let mut last_x = None;
        for t in &l.tokens {
            let Some(x) = t.x else { continue };
            match out.last_mut() {
                Some(cell) if last_x == Some(x) && cell.level == level => {
                    cell.text.push_str(&t.text)
                }
                _ => out.push(HeaderCell {
                    text: t.text.to_string(),
                    x,
                    level,
                }),
            }
            last_x = Some(x);
        }
    }
    out
}

/// Splits a line whose tail is the 合计 row (`类 款 项 合计 2,946.25 …`) into
/// its header part and a body line starting at the total label.
fn split_total_row<'a>(l: &TokLine<'a>) -> Option<(TokLine<'a>, TokLine<'a>)> {
    let at = l.tokens.windows(2).position(|w| {
        matches!(w, [a, b] if is_total_label(&a.text)
            && matches!(b.kind, TokenKind::Amount(_) | TokenKind::Dash))
    })?;
    if at == 0 {
        return None;
    }
    let part = |tokens: Vec<crate::grammar::token::Token>| TokLine {
        line: l.line,
        compact: tokens.iter().map(|t| t.text.as_str()).collect(),
        tokens,
    };
    Some((
        part(l.tokens.get(..at)?.to_vec()),
        part(l.tokens.get(at..)?.to_vec()),
    ))
}

/// A line that is only a table code: `表4-1`, `公开04表`, `附表2`, `Z04`.
fn is_table_code_line(compact: &str) -> bool {
    let rest: String = compact
        .chars()
        .filter(|c| !c.is_ascii_alphanumeric() && !matches!(c, '-' | '(' | ')'))
        .collect();
    compact.chars().count() <= 8
        && compact.chars().any(|c| c.is_ascii_digit())
        && matches!(rest.as_str(), "表" | "附表" | "公开表" | "")
        && !compact.chars().all(|c| c.is_ascii_digit())
}

/// Reads the table whose title is at `start`; returns it and the index after it.
pub fn read_table(
    lines: &[TokLine],
    start: usize,
    title: &Title,
    templates: &Templates,
    furniture: &Furniture,
) -> (RawTable, usize) {
    let tpl = templates.tables.get(title.template).map(|c| &c.template);
    let kind = tpl.map(|t| t.kind.clone()).unwrap_or_default();
    let layout = tpl.map(|t| t.layout).unwrap_or(Layout::Coded);
    let mut table = RawTable {
        kind: kind.clone(),
        template: title.template,
        title: title.text.clone(),
        number: title.number,
        page: lines.get(start).map(TokLine::page).unwrap_or(1),
        department: None,
        amount_unit: title.amount_unit,
        header: Vec::new(),
        header_words: Vec::new(),
        header_cells: Vec::new(),
        column_numbers: Vec::new(),
        column_x: Vec::new(),
        side_split: None,
        rows: Vec::new(),
        notes: Vec::new(),
        explanations: Vec::new(),
        warnings: Vec::new(),
    };
    let mut i = start + title.lines;
    // 部门/单位 lines directly under the title, and a table code on a line
    // of its own between them (`表4-1`, `公开04表`).
    while let Some(l) = lines.get(i) {
        if let Some(u) = unit_line(&l.compact) {
            table.department = table.department.or(u.department);
            table.amount_unit = table.amount_unit.or(u.amount_unit);
        } else if !is_table_code_line(&l.compact) {
            break;
        }
        i += 1;
    }
    // Header: up to and including the 栏次 line, or up to the first data row.
    let header_start = i;
    let mut header_lines: Vec<TokLine> = Vec::new();
    let mut body: Vec<TokLine> = Vec::new();
    while let Some(l) = lines.get(i) {
        if ends_body(lines, i, templates) || i - header_start > MAX_HEADER_LINES {
            break;
        }
        if let Some(groups) = column_numbers(&l.texts()) {
            table.column_numbers = groups;
            table.column_x = l
                .tokens
                .iter()
                .filter(|t| t.kind == TokenKind::Digits)
                .filter_map(|t| t.x)
                .collect();
            i += 1;
            while lines.get(i).is_some_and(|n| is_marker_tail(&n.texts())) {
                i += 1;
            }
            break;
        }
        if starts_data_at(lines, i, layout) {
            break;
        }
        // A header row that shares its line with the 合计 row (merged 类/款/项 cells).
        if let Some((head, total)) = split_total_row(l) {
            header_lines.push(head);
            body.push(total);
            i += 1;
            break;
        }
        header_lines.push(l.clone());
        i += 1;
    }
    table.header = header_lines.iter().map(|l| l.compact.clone()).collect();
    table.header_words = header_lines
        .iter()
        .map(|l| l.tokens.iter().map(|t| t.text.to_string()).collect())
        .collect();
    table.header_cells = header_cells(&header_lines);
    // Body.
    let mut repeating = false;
    while i < lines.len() && !ends_body_continuing(lines, i, &kind, templates) {
        let Some(l) = lines.get(i) else { break };
        let new_page = i
            .checked_sub(1)
            .and_then(|p| lines.get(p))
            .is_some_and(|b| b.page() != l.page());
        if new_page && let Some(after) = repeated_header_end(lines, i, &kind, layout, templates) {
            i = after;
            continue;
        }
        // A header repeated on a new page without 栏次 or title: its lines
        // read exactly as the header's did.
        if new_page {
            repeating = true;
        }
        if repeating && table.header.contains(&l.compact) && !l.compact.is_empty() {
            table.warnings.push(format!(
                "dropped repeated header line {:?} on page {}",
                l.compact,
                l.page()
            ));
            i += 1;
            continue;
        }
        repeating = false;
        if is_page_number(&l.compact) || (layout != Layout::TwoSided && bare_page_number(lines, i))
        {
            table.warnings.push(format!(
                "dropped page number line {:?} on page {}",
                l.compact,
                l.page()
            ));
        } else if column_numbers(&l.texts()).is_some_and(|g| !g.is_empty())
            && layout != Layout::TwoSided
        {
            table
                .warnings
                .push(format!("dropped repeated 栏次 line on page {}", l.page()));
        } else if furniture.contains(l) {
            table.warnings.push(format!(
                "dropped page furniture {:?} on page {}",
                l.compact,
                l.page()
            ));
        } else {
            body.push(l.clone());
        }
        i += 1;
    }
    // A two-sided table's last line a page number: a lone integer after the
    // last row's amounts, at a page edge (a 行次 alone follows a label instead).
    let last_two = body.len().checked_sub(2).and_then(|k| body.get(k..));
    if layout == Layout::TwoSided
        && i.checked_sub(1)
            .is_some_and(|last| bare_page_number(lines, last))
        && last_two.is_some_and(|two| {
            two.last().map(|l| &l.compact)
                == i.checked_sub(1)
                    .and_then(|k| lines.get(k))
                    .map(|l| &l.compact)
                && two
                    .first()
                    .and_then(|l| l.tokens.last())
                    .is_some_and(|t| matches!(t.kind, TokenKind::Amount(_)))
        })
        && let Some(l) = body.pop()
    {
        table.warnings.push(format!(
            "dropped page number line {:?} on page {}",
            l.compact,
            l.page()
        ));
    }
    // Notes and explanations.
    let mut prev = String::from("。");
    let mut in_explanation = false;
    while let Some(l) = lines.get(i) {
        let starts_new = is_note_start(&l.compact) || is_explanation_start(&l.compact);
        if is_part_heading(&l.compact)
            || title_at(lines, i, templates).is_some()
            || !(starts_new || continues_notes(&prev, l))
        {
            break;
        }
        if starts_new {
            in_explanation = is_explanation_start(&l.compact);
        }
        if in_explanation {
            table.explanations.push(l.compact.clone());
        } else {
            table.notes.push(l.compact.clone());
        }
        prev = l.compact.clone();
        i += 1;
    }
    let toks = flatten(&body);
    let special = tpl.map(|t| t.special_rows.clone()).unwrap_or_default();
    table.rows = match layout {
        Layout::Coded => coded_rows(&toks, &templates.catalogue, &mut table.warnings),
        Layout::TwoSided => {
            let names = tpl
                .map(|t| SideNames::of(t, &templates.catalogue))
                .unwrap_or_default();
            let left_values = table
                .column_numbers
                .first()
                .map(Vec::len)
                .filter(|n| *n > 0 && table.column_numbers.len() > 1)
                .or_else(|| {
                    tpl.and_then(|t| t.sides.first())
                        .map(|s| s.default_columns.len())
                })
                .unwrap_or(1)
                .max(1);
            if toks.iter().any(|t| t.token.x.is_some()) {
                table.side_split = side_split(&toks, &table.header_cells);
            }
            two_sided_rows(
                &toks,
                &table.header_cells,
                &names,
                left_values,
                &mut table.warnings,
            )
        }
        Layout::Grouped => grouped_rows(&toks, &special, &templates.catalogue, &mut table.warnings),
        Layout::SingleRow => single_row(&toks),
        Layout::List => {
            let lines = super::list_rows::list_rows(&toks);
            match tpl.filter(|t| t.row_keys == RowKeys::Procurement) {
                Some(t) => join_wrapped(
                    lines,
                    &ListWords {
                        item_markers: &t.item_markers,
                        total_labels: &t.total_labels,
                        catalogue: &templates.catalogue,
                    },
                ),
                None => lines,
            }
        }
    };
    (table, i)
}

/// Like [`ends_body`], but a repeated title of the same kind right after a
/// page break continues the table instead of ending it.
fn ends_body_continuing(lines: &[TokLine], i: usize, kind: &str, templates: &Templates) -> bool {
    if !ends_body(lines, i, templates) {
        return false;
    }
    let after_break =
        i > 0 && lines.get(i - 1).map(TokLine::page) != lines.get(i).map(TokLine::page);
    match title_at(lines, i, templates) {
        Some(t) if after_break => templates
            .tables
            .get(t.template)
            .is_none_or(|c| c.template.kind != kind),
        _ => true,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::grammar::tok_line::prepare;
    use crate::input::text_lines::text_to_lines;

    fn table(text: &str) -> RawTable {
        let templates = Templates::embedded().unwrap();
        let lines = text_to_lines(text);
        let p = prepare(&lines);
        let title = title_at(&p, 0, &templates).unwrap();
        read_table(&p, 0, &title, &templates, &Furniture::default()).0
    }

    #[test]
    fn header_runs_to_the_column_number_line() {
        let t = table(
            "2022 年度支出决算表（表 3）\n部门：某局 单位：万元\n项目\n本年支\n出合计\n基本支\n出\n栏次 1 2\n合计 3.00 3.00\n注：本表反映部门本年度各项支出情况。\n1栏各行＝（2＋3）栏各行。\n第三部分",
        );
        assert_eq!(t.department.as_deref(), Some("某局"));
        assert_eq!(t.column_numbers, vec![vec![1, 2]]);
        assert_eq!(t.header.concat(), "项目本年支出合计基本支出");
        assert_eq!(t.rows.len(), 1);
        assert_eq!(t.notes.len(), 2);
    }

    #[test]
    fn repeated_header_and_page_number_after_a_break_are_dropped() {
        let text = "支出决算表（表 3）\n单位：万元\n项目 本年支出合计 基本支出\n栏次 1 2\n合计 3.00 3.00\n205 教育支出 3.00 3.00\n7\n\n\n\n支出决算表（表 3）（续）\n单位：万元\n项目 本年支出合计 基本支出\n栏次 1 2\n20501 教育管理事务 3.00 3.00\n";
        let t = table(text);
        let codes: Vec<_> = t
            .rows
            .iter()
            .map(|r| r.code.clone().unwrap_or_else(|| r.label.clone()))
            .collect();
        assert_eq!(codes, ["合计", "205", "20501"]);
        assert!(t.rows.iter().all(|r| r.numbers.len() == 2), "{:?}", t.rows);
    }

    #[test]
    fn explanation_marks_an_empty_table() {
        let t = table(
            "2022 年度国有资本经营预算财政拨款支出决算表（表 8）\n单位：万元\n项目 本年支出\n栏次 1 2 3\n合计\n注：本表反映部门本年度国有资本经营预算财政拨款支出情况。\n说明：本单位无国有资本经营预算财政拨款支出。\n第三部分 情况说明",
        );
        assert_eq!(
            t.explanations,
            ["说明:本单位无国有资本经营预算财政拨款支出。"]
        );
        assert!(t.rows.iter().all(|r| r.numbers.is_empty()));
    }

    #[test]
    fn the_single_row_table_reads_its_numbers_line() {
        let t = table(
            "“三公”经费支出决算表（表 9）\n单位：万元\n预算数 决算数\n1 2 3 4 5 6 7 8 9 10 11 12\n3.00 1.00 2.00 2.00 0.00 0.00 2.50 0.50 2.00 0.00 2.00 0.00\n注：本表反映“三公”经费。",
        );
        assert_eq!(t.rows.len(), 1);
        assert_eq!(t.rows[0].numbers.len(), 12);
    }

    #[test]
    fn a_header_repeated_without_column_numbers_is_dropped() {
        let text = "支出决算表\n单位：万元\n项目 本年支出合计 基本支出\n合计 3.00 3.00\n205 教育支出 3.00 3.00\n\n\n\n项目 本年支出合计 基本支出\n20501 教育管理事务 3.00 3.00\n";
        let t = table(text);
        let labels: Vec<_> = t.rows.iter().map(|r| r.label.clone()).collect();
        assert_eq!(labels, ["合计", "教育支出", "教育管理事务"]);
    }
}
