//! The normaliser: a [`Document`] into a [`Report`] with canonical table kinds,
//! row keys and columns, every number placed in its column — by position when
//! the input had positions, else by the report's own identities — and every
//! uncertain placement reported.

pub mod candidates;
pub mod columns;
pub mod constraints;
pub mod draft;
pub mod report;
pub mod row_keys;
pub mod solver;

use crate::grammar::{Block, Document, RawTable};
use crate::templates::rule::parse_rule;
use crate::templates::{Layout, Templates};
use draft::Draft;
pub use report::{Placement, Report, Row, Table, Values, Warning};
use solver::Slot;
use std::collections::HashMap;

/// Where a report came from, for provenance fields.
#[derive(Debug, Clone)]
pub struct SourceMeta {
    /// File stem (the `report` field of cells).
    pub report: String,
    /// Path as given.
    pub source: String,
    /// `pdf` or `text`.
    pub input_kind: String,
    /// Pages seen.
    pub pages: u32,
}

fn warn(table: &str, row: Option<&str>, page: u32, message: String) -> Warning {
    Warning {
        table: Some(table.to_string()),
        row: row.map(str::to_string),
        page: Some(page),
        message,
    }
}

/// Printed columns of a table: per side for two-sided tables.
fn table_columns(
    raw: &RawTable,
    tpl: &crate::templates::TableTemplate,
    warnings: &mut Vec<Warning>,
) -> Vec<(Option<String>, Vec<String>)> {
    let header = raw.header.concat();
    let mut out = Vec::new();
    if tpl.layout == Layout::TwoSided {
        for (i, side) in tpl.sides.iter().enumerate() {
            let count = columns::column_count(raw, Some(i));
            let (cols, sure) =
                columns::printed_columns(&side.columns, &side.default_columns, "", count);
            if !sure {
                warnings.push(warn(
                    &raw.kind,
                    None,
                    raw.page,
                    format!(
                        "{} side: columns not identified from the header, assumed {cols:?}",
                        side.name
                    ),
                ));
            }
            out.push((Some(side.name.clone()), cols));
        }
    } else {
        let count = columns::column_count(raw, None);
        let (cols, sure) =
            columns::printed_columns(&tpl.columns, &tpl.default_columns, &header, count);
        if !sure && tpl.columns.len() > 1 {
            warnings.push(warn(
                &raw.kind,
                None,
                raw.page,
                format!("columns not identified from the header, assumed {cols:?}"),
            ));
        }
        out.push((None, cols));
    }
    out
}

/// Builds a draft table and its slots.
fn draft<'t>(
    raw: &RawTable,
    templates: &'t Templates,
    slots: &mut Vec<Slot>,
    warnings: &mut Vec<Warning>,
) -> Option<Draft<'t>> {
    let compiled = templates.tables.get(raw.template)?;
    let tpl = &compiled.template;
    let side_columns = table_columns(raw, tpl, warnings);
    let row_rules: HashMap<Option<String>, Vec<_>> = side_columns
        .iter()
        .map(|(side, _)| {
            let texts: Vec<&String> = match side {
                Some(s) => tpl
                    .sides
                    .iter()
                    .filter(|d| &d.name == s)
                    .flat_map(|d| d.row_identities.iter())
                    .collect(),
                None => tpl.row_identities.iter().collect(),
            };
            (
                side.clone(),
                texts
                    .into_iter()
                    .filter_map(|t| parse_rule(t).ok())
                    .collect(),
            )
        })
        .collect();
    let keys = row_keys::row_keys(&raw.rows, tpl);
    let mut table = Table {
        kind: raw.kind.clone(),
        variant: tpl.variant.clone(),
        title: raw.title.clone(),
        number: raw.number,
        page: raw.page,
        amount_unit: raw.amount_unit.map(|u| u.as_str().to_string()),
        columns: side_columns
            .iter()
            .flat_map(|(_, c)| c.iter().cloned())
            .fold(Vec::new(), |mut acc, c| {
                if !acc.contains(&c) {
                    acc.push(c);
                }
                acc
            }),
        empty: true,
        rows: Vec::new(),
        notes: raw.notes.clone(),
        explanations: raw.explanations.clone(),
    };
    let mut row_slot = Vec::new();
    let mut key_index = HashMap::new();
    for (raw_row, key) in raw.rows.iter().zip(keys) {
        let Some((key, name)) = key else {
            if !raw_row.numbers.is_empty() {
                warnings.push(warn(
                    &raw.kind,
                    None,
                    raw_row.page,
                    format!(
                        "numbers {:?} in a row without label",
                        raw_row.numbers.iter().map(|n| &n.text).collect::<Vec<_>>()
                    ),
                ));
            }
            continue;
        };
        let columns = side_columns
            .iter()
            .find(|(s, _)| *s == raw_row.side || side_columns.len() == 1)
            .map(|(_, c)| c.clone())
            .unwrap_or_default();
        let numbers: Vec<Option<f64>> = raw_row.numbers.iter().map(|n| n.value).collect();
        let slot = if numbers.is_empty() {
            None
        } else {
            let rules = row_rules
                .get(&raw_row.side)
                .or_else(|| row_rules.get(&None))
                .map(Vec::as_slice)
                .unwrap_or(&[]);
            let (cands, holds) = candidates::row_candidates(&columns, &numbers, rules);
            if cands.is_empty() {
                warnings.push(warn(
                    &raw.kind,
                    Some(&key),
                    raw_row.page,
                    format!(
                        "{} numbers for {} columns: numbers beyond the last column are not placed",
                        numbers.len(),
                        columns.len()
                    ),
                ));
            } else if !holds {
                warnings.push(warn(&raw.kind, Some(&key), raw_row.page, "no placement of the row's numbers satisfies its identities (the report's own arithmetic)".into()));
            }
            let cands = if cands.is_empty() {
                vec![(0..columns.len()).collect()]
            } else {
                cands
            };
            slots.push(Slot {
                columns,
                numbers: numbers.iter().take(cands[0].len()).copied().collect(),
                candidates: cands,
            });
            Some(slots.len() - 1)
        };
        if key_index.insert(key.clone(), table.rows.len()).is_some() {
            warnings.push(warn(
                &raw.kind,
                Some(&key),
                raw_row.page,
                "row key printed twice; cells keep the first".into(),
            ));
        }
        row_slot.push(slot);
        table.rows.push(Row {
            code: raw_row.code.clone(),
            level: raw_row
                .code
                .as_deref()
                .and_then(|c| row_keys::code_level(c, tpl.layout))
                .map(str::to_string),
            label: raw_row.label.clone(),
            name,
            key,
            side: raw_row.side.clone(),
            line_number: raw_row.line_number,
            page: raw_row.page,
            values: Values::default(),
            printed: raw_row.numbers.iter().map(|n| n.text.clone()).collect(),
            placement: Placement::Printed,
        });
    }
    for w in &raw.warnings {
        warnings.push(warn(&raw.kind, None, raw.page, w.clone()));
    }
    Some(Draft {
        table,
        template: tpl,
        row_slot,
        key_index,
    })
}

/// Writes the placed values into the rows.
fn fill_values(
    drafts: &mut [Draft],
    slots: &[Slot],
    decided: &[usize],
    original: &[usize],
    warnings: &mut Vec<Warning>,
) {
    for d in drafts.iter_mut() {
        for (row, slot) in d.table.rows.iter_mut().zip(&d.row_slot) {
            let Some(s) = slot.and_then(|i| slots.get(i).map(|s| (i, s))) else {
                continue;
            };
            let (i, slot) = s;
            let Some(cand) = slot.candidates.first() else {
                continue;
            };
            row.values = Values(
                cand.iter()
                    .zip(&slot.numbers)
                    .filter_map(|(c, v)| Some((slot.columns.get(*c)?.clone(), (*v)?)))
                    .collect(),
            );
            row.placement = if decided.contains(&i) {
                warnings.push(warn(
                    &d.table.kind,
                    Some(&row.key),
                    row.page,
                    format!(
                        "numbers {:?} could go to more than one set of columns; placed as {:?}",
                        row.printed,
                        row.values.0.iter().map(|(k, _)| k).collect::<Vec<_>>()
                    ),
                ));
                Placement::Ambiguous
            } else if original.get(i).is_some_and(|n| *n > 1) {
                Placement::Derived
            } else {
                Placement::Printed
            };
        }
        d.table.empty = d.table.rows.iter().all(|r| r.values.0.is_empty());
    }
}

fn year_of(doc: &Document) -> Option<i32> {
    let re = regex::Regex::new(r"(20\d\d)年").ok()?;
    let titles = doc.tables().map(|t| t.title.clone());
    let headings = doc.blocks.iter().filter_map(|b| match b {
        Block::Heading { text, .. } => Some(text.clone()),
        _ => None,
    });
    titles.chain(headings).find_map(|t| {
        re.captures(&t)
            .and_then(|c| c.get(1))
            .and_then(|m| m.as_str().parse().ok())
    })
}

fn most_common(values: impl Iterator<Item = String>) -> Option<String> {
    let mut counts: Vec<(String, usize)> = Vec::new();
    for v in values {
        match counts.iter_mut().find(|(k, _)| *k == v) {
            Some((_, n)) => *n += 1,
            None => counts.push((v, 1)),
        }
    }
    counts.into_iter().max_by_key(|(_, n)| *n).map(|(k, _)| k)
}

/// Normalises a parsed document.
pub fn normalise(doc: &Document, templates: &Templates, meta: SourceMeta) -> Report {
    let mut warnings = Vec::new();
    let mut slots = Vec::new();
    let mut drafts: Vec<Draft> = doc
        .tables()
        .filter_map(|t| draft(t, templates, &mut slots, &mut warnings))
        .collect();
    let original: Vec<usize> = slots.iter().map(|s| s.candidates.len()).collect();
    let constraints = constraints::all_constraints(&drafts);
    let decided = solver::solve_and_decide(&mut slots, &constraints);
    fill_values(&mut drafts, &slots, &decided, &original, &mut warnings);
    let unit = doc.tables().find_map(|t| t.department.clone());
    let amount_unit = most_common(
        doc.tables()
            .filter_map(|t| t.amount_unit)
            .map(|u| u.as_str().to_string()),
    );
    let sections = doc
        .blocks
        .iter()
        .filter(|b| !matches!(b, Block::Table(_)))
        .cloned()
        .collect();
    Report {
        report: meta.report,
        source: meta.source,
        input_kind: meta.input_kind,
        unit,
        year: year_of(doc),
        amount_unit,
        pages: meta.pages,
        tables: drafts.into_iter().map(|d| d.table).collect(),
        sections,
        warnings,
        checks: Vec::new(),
        facts: Vec::new(),
        discrepancies: Vec::new(),
        self_evaluation: Default::default(),
        structure: Default::default(),
    }
}
