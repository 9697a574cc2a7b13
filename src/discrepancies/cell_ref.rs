//! Cell references as the grammar files write them, `table[row][column]`,
//! resolved against a report. A row may be named by level and printed name
//! (`类:教育支出`, `项:事业单位医疗`), since the narrative names 科目 by name.

use crate::cell_name::parse;
use crate::checks::sum::table_with_row;
use crate::report::{Report, Row, Table};
use crate::templates::catalogue::Catalogue;

/// A resolved cell.
#[derive(Debug, Clone, PartialEq)]
pub struct CellValue {
    /// The printed value; 0 when the table is present but the cell blank or the row absent.
    pub value: f64,
    /// The table's amount unit.
    pub unit: String,
    /// `table[row key][column]`, the row key as the cells contract spells it.
    pub location: String,
    /// The row's page (the table's when the row is absent).
    pub page: u32,
    /// False when the row is not printed at all.
    pub row_found: bool,
    /// True when the row was named by level and name (`类:教育支出`): the
    /// narrative names an item, so its absence from a table with rows is a finding.
    pub by_name: bool,
    /// True when the table prints any value at all.
    pub table_has_values: bool,
    /// Why the cell's reading is in doubt (`table[row]: reason`; several rows of
    /// the name the sentence does not tell apart): a disagreement there says
    /// more about our reading than about the report. Empty when certain.
    pub doubt: Vec<String>,
    /// True when the row was found through a former name of its code.
    pub by_former_name: bool,
    /// When the doubt is only about the row's placement: the values the cell
    /// takes under the row's other readings (a figure matching none of them
    /// disagrees with every reading, so the doubt does not excuse it).
    pub alternatives: Option<Vec<f64>>,
}

/// Whether `row` prints the name `wanted` (as [`wanted_name`] gives it).
fn name_matches(row: &Row, wanted: &str) -> bool {
    let printed = folded(&row.name);
    let printed = printed.trim_end_matches("支出");
    !wanted.is_empty() && printed == wanted
}

/// A reference's row name as rows are compared with it: folded, without a
/// closing (类) or 支出. Made once per reference, not once per row.
fn wanted_name(name: &str) -> String {
    folded(name)
        .trim_end_matches("(类)")
        .trim_end_matches("支出")
        .to_string()
}

/// Whitespace removed, full-width parentheses folded; borrowed when there is
/// nothing to fold (catalogue names, compared by the thousand, never have).
fn folded(s: &str) -> std::borrow::Cow<'_, str> {
    if !s
        .chars()
        .any(|c| c.is_whitespace() || c == '（' || c == '）')
    {
        return std::borrow::Cow::Borrowed(s);
    }
    s.chars()
        .filter(|c| !c.is_whitespace())
        .map(|c| match c {
            '（' => '(',
            '）' => ')',
            c => c,
        })
        .collect()
}

/// How many of a row's ancestors (by code prefix: 类, 款) `context` names,
/// by the name printed in the table or any name the catalogue knows for the
/// code (`named_codes`: the codes whose current or former name the context holds).
fn ancestors_named(table: &Table, row: &Row, context: &str, named_codes: &[&str]) -> usize {
    let Some(code) = row.code.as_deref() else {
        return 0;
    };
    let printed = table
        .rows
        .iter()
        .filter_map(|a| a.code.as_deref().map(|c| (c, a)))
        .filter(|(c, _)| c.len() < code.len() && code.starts_with(c))
        .filter(|(c, a)| {
            let printed = folded(&a.name);
            let named_as_parent = parent_names(context).iter().any(|p| same_name(&printed, p));
            let named = !a.name.is_empty() && context.contains(&*printed);
            // A short printed name (a wrapped fragment such as 事务) must be
            // the very 类/款 the sentence names, not a word of it.
            let long = printed.chars().count() >= 4;
            named_as_parent || (named && long) || named_codes.contains(c)
        })
        .count();
    let unprinted = named_codes
        .iter()
        .filter(|c| c.len() < code.len() && code.starts_with(**c))
        .filter(|c| table.row(c).is_none())
        .count();
    printed + unprinted
}

/// The names the sentence gives as 类 and 款 (`X(类)Y(款)Z(项)`).
fn parent_names(context: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut rest = context;
    while let Some(i) = rest.find(['(', '（']) {
        let (before, after) = rest.split_at(i);
        let marker = after.chars().nth(1);
        let name = before
            .rsplit(|c: char| ")）.、。，,；;：:".contains(c))
            .next()
            .unwrap_or(before)
            .trim_start_matches(|c: char| c.is_ascii_digit());
        if matches!(marker, Some('类' | '款')) && !name.is_empty() {
            out.push(name);
        }
        rest = after
            .get(after.chars().next().map_or(1, char::len_utf8)..)
            .unwrap_or("");
    }
    out
}

/// True when the sentence names the 类 or 款 its 项 belongs to.
fn names_a_parent(context: &str) -> bool {
    context.contains("(类)") || context.contains("(款)")
}

/// Does a catalogue name (compact) stand for the narrative's `name`?
fn same_name(catalogue_name: &str, name: &str) -> bool {
    narrative_stem(name).is_some_and(|b| folded(catalogue_name).trim_end_matches("支出") == b)
}

/// What [`same_name`] compares of a narrative name: folded, without a
/// trailing level marker (`(类)`) and 支出; None when nothing is left
/// before 支出 is trimmed (such a name stands for no catalogue name).
fn narrative_stem(name: &str) -> Option<String> {
    let b = folded(name);
    let b = b
        .trim_end_matches("(类)")
        .trim_end_matches("(款)")
        .trim_end_matches("(项)");
    (!b.is_empty()).then(|| b.trim_end_matches("支出").to_string())
}

/// The codes whose catalogue name (current or former) [`same_name`]s one
/// of `names`, sorted and distinct: looked up by stem (catalogue names are
/// compact, so folding leaves them as they are).
fn catalogue_codes<'c>(catalogue: &'c Catalogue, names: &[&str]) -> Vec<&'c str> {
    let mut out: Vec<&str> = names
        .iter()
        .filter_map(|n| narrative_stem(n))
        .flat_map(|stem| catalogue.codes_with_stem(&stem).iter().map(String::as_str))
        .collect();
    out.sort_unstable();
    out.dedup();
    out
}

/// Rows of `level` whose code the catalogue knows under `name`, by its
/// current or a former name (a 科目 renamed since the narrative was written).
fn rows_by_catalogue<'a>(
    table: &'a Table,
    level: &str,
    name: &str,
    catalogue: Option<&Catalogue>,
) -> Vec<&'a Row> {
    let Some(catalogue) = catalogue else {
        return Vec::new();
    };
    let codes = catalogue_codes(catalogue, &[name]);
    table
        .rows
        .iter()
        .filter(|r| r.level.as_deref() == Some(level))
        .filter(|r| r.code.as_deref().is_some_and(|c| codes.contains(&c)))
        .collect()
}

/// The row a reference names; true when several rows carry the name and
/// `context` (the sentence) does not tell which by naming its 类 or 款; true
/// in third place when the row was found by a former name of its code.
fn find_row<'a>(
    table: &'a Table,
    row: &str,
    context: &str,
    catalogue: Option<&Catalogue>,
) -> (Option<&'a Row>, bool, bool) {
    match row.split_once(':') {
        Some((level, name)) if level == "类" || level == "款" || level == "项" => {
            let wanted = wanted_name(name);
            let mut named: Vec<&Row> = table
                .rows
                .iter()
                .filter(|r| r.level.as_deref() == Some(level) && name_matches(r, &wanted))
                .collect();
            let mut former = false;
            if named.is_empty() {
                named = rows_by_catalogue(table, level, name, catalogue);
                former = !named.is_empty();
            }
            if named.is_empty() {
                return (None, false, former);
            }
            let context = folded(context);
            let parents = parent_names(&context);
            let named_codes: Vec<&str> = catalogue
                .map(|c| catalogue_codes(c, &parents))
                .unwrap_or_default();
            let scores: Vec<usize> = named
                .iter()
                .map(|r| ancestors_named(table, r, &context, &named_codes))
                .collect();
            let best = scores.iter().copied().max().unwrap_or(0);
            // The sentence names the 类/款 and no row of the name is under
            // it: the 项 it means is not printed (a missing row is not a zero).
            if best == 0 && names_a_parent(&context) && level == "项" {
                return (None, false, former);
            }
            if named.len() == 1 {
                return (named.first().copied(), false, former);
            }
            let at_best: Vec<&Row> = named
                .iter()
                .zip(&scores)
                .filter(|(_, s)| **s == best)
                .map(|(r, _)| *r)
                .collect();
            let same_value = at_best
                .iter()
                .all(|r| at_best.first().is_some_and(|f| f.values == r.values));
            (at_best.first().copied(), !same_value, former)
        }
        _ => (table.row(row), false, false),
    }
}

/// Resolves a reference; `None` when the table is absent or the reference malformed.
pub fn resolve(report: &Report, reference: &str) -> Option<CellValue> {
    resolve_in(report, reference, "", None)
}

/// Resolves a reference stated in `context` (the sentence), which may tell
/// rows of one name apart by naming their 类 or 款; with a catalogue, a row
/// named by a former name of its code is found too.
pub fn resolve_in(
    report: &Report,
    reference: &str,
    context: &str,
    catalogue: Option<&Catalogue>,
) -> Option<CellValue> {
    let (kind, row, column) = parse(reference)?;
    let (table, found) =
        table_with_row(report, &kind, |t| find_row(t, &row, context, catalogue).0)?;
    let (_, unclear, by_former_name) = find_row(table, &row, context, catalogue);
    let mut doubt: Vec<String> = found
        .and_then(|r| r.doubt_note(&kind, Some(&column)))
        .into_iter()
        .collect();
    if unclear {
        doubt.push(format!(
            "{kind}[{row}]: several rows of this name hold different values"
        ));
    }
    let unit = table
        .amount_unit
        .clone()
        .or_else(|| report.amount_unit.clone())
        .unwrap_or_else(|| "万元".to_string());
    Some(CellValue {
        value: found.and_then(|r| r.values.get(&column)).unwrap_or(0.0),
        unit,
        location: format!(
            "{kind}[{}][{column}]",
            found.map(|r| r.key.as_str()).unwrap_or(&row)
        ),
        page: found.map(|r| r.page).unwrap_or(table.page),
        row_found: found.is_some(),
        by_name: row.contains(':'),
        table_has_values: table.rows.iter().any(|r| !r.values.0.is_empty()),
        alternatives: found
            .filter(|r| !r.certain_in(Some(&column)))
            .filter(|r| {
                r.doubt.iter().all(|d| {
                    matches!(
                        d,
                        crate::doubt::Doubt::AmbiguousPlacement
                            | crate::doubt::Doubt::NoPlacementHolds
                    )
                })
            })
            .map(|r| {
                r.alternatives
                    .iter()
                    .map(|v| v.get(&column).unwrap_or(0.0))
                    .collect()
            }),
        doubt,
        by_former_name,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(code: &str, level: &str, name: &str, value: f64) -> Row {
        Row {
            key: code.into(),
            code: Some(code.into()),
            level: Some(level.into()),
            values: crate::report::Values(vec![("合计".into(), value)]),
            ..Row::labelled(name)
        }
    }

    #[test]
    fn rows_of_one_name_are_told_apart_by_the_sentence() {
        let table = Table {
            kind: "general_budget_expenditure".into(),
            variant: None,
            title: String::new(),
            number: None,
            page: 1,
            amount_unit: None,
            columns: vec!["合计".into()],
            empty: false,
            rows: vec![
                row("201", "类", "一般公共服务支出", 3.0),
                row("20101", "款", "人大事务", 1.0),
                row("2010101", "项", "行政运行", 1.0),
                row("20102", "款", "政协事务", 2.0),
                row("2010201", "项", "行政运行", 2.0),
                row("210", "类", "卫生健康支出", 4.0),
                row("21002", "款", "公立医院", 4.0),
                row("2100202", "项", "中医（民族）医院", 4.0),
            ],
            notes: vec![],
            explanations: vec![],
        };
        let (found, unclear, _) = find_row(
            &table,
            "项:行政运行",
            "一般公共服务支出(类)政协事务(款)行政运行(项)",
            None,
        );
        assert_eq!(found.map(|r| r.key.as_str()), Some("2010201"));
        assert!(!unclear);
        assert!(find_row(&table, "项:行政运行", "行政运行(项)", None).1);
        let (found, unclear, _) = find_row(&table, "项:中医(民族)医院", "", None);
        assert_eq!(found.map(|r| r.key.as_str()), Some("2100202"));
        assert!(!unclear);
    }

    #[test]
    fn the_sentence_names_its_parents() {
        assert_eq!(
            parent_names("6.国土海洋气象等支出(类)国土资源事务(款)行政运行(项)。年初"),
            vec!["国土海洋气象等支出", "国土资源事务"]
        );
        assert_eq!(parent_names("行政运行(项)"), Vec::<&str>::new());
    }

    #[test]
    fn parses_references() {
        assert_eq!(
            parse("general_budget_expenditure[类:教育支出][合计]"),
            Some((
                "general_budget_expenditure".into(),
                "类:教育支出".into(),
                "合计".into()
            ))
        );
        assert_eq!(
            parse("three_public[合计][预算数/因公出国(境)费]").map(|p| p.2),
            Some("预算数/因公出国(境)费".into())
        );
        assert_eq!(parse("nonsense"), None);
    }
}
