//! Identities between rows of one table, per column (the 注 "31行＝（27＋28＋29）行",
//! table 6's 人员经费合计 = 301 + 303).

use super::alternatives::{Member, unread, unresolved};
use super::check::{Check, CheckKind, Site};
use super::sum::{SignedRow, sum_rows};
use crate::report::{Row, Table};
use crate::templates::rule::{Operand, TemplateRules, Term};

fn signed(terms: &[Term]) -> Vec<SignedRow<'_>> {
    terms
        .iter()
        .filter_map(|t| match &t.operand {
            Operand::Label(key) => Some(SignedRow {
                sign: f64::from(t.sign),
                key: key.as_str(),
            }),
            Operand::Cell { .. } => None,
        })
        .collect()
}

/// The cells of a rule in one column, signed as they enter `found − expected`.
pub fn members<'a>(
    table: &'a Table,
    left: &[SignedRow<'_>],
    right: &[SignedRow<'_>],
    column: &'a str,
) -> Vec<Member<'a>> {
    let signed = left
        .iter()
        .map(|r| (r.sign, r.key))
        .chain(right.iter().map(|r| (-r.sign, r.key)));
    members_found(
        table,
        signed.filter_map(|(sign, key)| Some((sign, table.row(key)?))),
        column,
    )
}

/// [`members`] of rows already found, each (sign in `found − expected`, row).
pub fn members_found<'a>(
    table: &'a Table,
    rows: impl IntoIterator<Item = (f64, &'a Row)>,
    column: &'a str,
) -> Vec<Member<'a>> {
    rows.into_iter()
        .map(|(sign, row)| Member {
            sign,
            row,
            table: &table.kind,
            column,
        })
        .collect()
}

/// Checks every table identity for each of the table's columns.
pub fn check(table: &Table, rules: &TemplateRules, out: &mut Vec<Check>) {
    for rule in &rules.identities {
        let left = signed(&rule.left);
        let right = signed(&rule.right);
        let anchor = left.first().map(|r| r.key).unwrap_or_default();
        let missing: Vec<&str> = left
            .iter()
            .chain(&right)
            .map(|r| r.key)
            .filter(|k| table.row(k).is_none())
            .collect();
        let page = table.row(anchor).map(|r| r.page);
        for column in &table.columns {
            let found = sum_rows(table, &left, column);
            let expected = sum_rows(table, &right, column);
            if found.is_none() && expected.is_none() {
                continue;
            }
            let site = Site {
                kind: CheckKind::TableIdentity,
                rule: rule.text.clone(),
                location: crate::cell_name::cell_name(&table.kind, anchor, column),
                table: table.kind.clone(),
                page,
            };
            let members = members(table, &left, &right, column);
            let cells = super::alternatives::cells_of(&members);
            out.push(
                Check::evaluate(
                    site,
                    found.unwrap_or(0.0),
                    expected.unwrap_or(0.0),
                    rule.relation,
                    |d| {
                        let mut notes =
                            unread(&table.kind, &missing, found.is_none() || expected.is_none());
                        notes.extend(unresolved(&members, d, rule.relation));
                        notes
                    },
                )
                .with_cells(cells),
            );
        }
    }
}
