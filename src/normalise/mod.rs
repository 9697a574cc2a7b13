//! The normaliser: a [`Document`] into a [`Report`] with canonical table kinds,
//! row keys and columns, every number placed in its column — by position when
//! the input had positions, else by the report's own identities — and every
//! uncertain placement reported.

pub mod candidates;
pub mod column_reading;
pub mod columns;
pub mod constraints;
pub mod draft;
pub mod header_tree;
pub mod list_keys;
pub mod positions;
pub mod row_keys;
pub mod solver;
pub mod summary;

pub use crate::doubt::Doubt;
use crate::grammar::{Block, Document, RawTable};
use crate::report::{Placement, Report, Row, Table, Values, Warning};
use crate::templates::{Layout, Templates};
use draft::Draft;
use regex::Regex;
use solver::Slot;
use std::collections::HashMap;
use std::sync::LazyLock;

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
    /// 决算 or 预算, as the pipeline detected it.
    pub document: crate::document_kind::DocumentKind,
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
        // Text input: each side's printed columns read back from the header's words.
        let from_text = match tpl.sides.as_slice() {
            [l, r] if raw.header_cells.is_empty() => {
                header_tree::two_sided_columns(&l.columns, &r.columns, &raw.header_words)
            }
            _ => None,
        };
        for (i, side) in tpl.sides.iter().enumerate() {
            let count = columns::column_count(raw, Some(i));
            let side_header = columns::side_header_text(raw, i);
            let mut found = columns::found_in_header(&side.columns, &side_header);
            // Labels wrapped over header lines (borderless PDFs) read whole.
            let stacked = columns::side_header_text_of(raw, i, Some(&side.columns));
            let found_stacked = columns::found_in_header(&side.columns, &stacked);
            if found_stacked.len() > found.len() {
                found = found_stacked;
            }
            let read = from_text
                .as_ref()
                .and_then(|f| f.get(i))
                .filter(|f| f.len() >= side.default_columns.len());
            let (cols, sure) = match count {
                None if !found.is_empty() => (found, true),
                None if read.is_some() => (read.cloned().unwrap_or_default(), true),
                Some(n) if read.is_some_and(|r| r.len() == n) => {
                    (read.cloned().unwrap_or_default(), true)
                }
                // Without 栏次 or positions the template's usual columns are taken;
                // placement reports any row they cannot hold.
                None => (side.default_columns.clone(), true),
                Some(_) => {
                    columns::printed_columns(&side.columns, &side.default_columns, "", count)
                }
            };
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
        let (cols, sure) = with_stacked_header(raw, tpl, &header, count, (cols, sure));
        let cols = columns::in_printed_order(cols, &tpl.columns, &raw.header);
        // Text input: the header's wrapped cells read back say which columns
        // are printed and in what order, when they agree with the 栏次 count.
        let positioned = !raw.header_cells.is_empty();
        let stacked = (!positioned)
            .then(|| {
                header_tree::tree_columns(&tpl.columns, &raw.header_words)
                    .or_else(|| columns::stacked_columns(&tpl.columns, &raw.header_words))
            })
            .flatten()
            .filter(|s| count.map_or(s.len() >= cols.len(), |n| n == s.len()));
        let (cols, sure) = match stacked {
            Some(s) => (s, true),
            None => (cols, sure),
        };
        // Without a 栏次 count there is no evidence against the template's columns.
        if !sure && tpl.columns.len() > 1 && count.is_some() {
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

/// PDF input: the columns named by the header once its wrapped labels are
/// joined, when they name more than the header lines read one by one (and
/// agree with the 栏次 count); else `read`.
fn with_stacked_header(
    raw: &RawTable,
    tpl: &crate::templates::TableTemplate,
    header: &str,
    count: Option<usize>,
    read: (Vec<String>, bool),
) -> (Vec<String>, bool) {
    let stacked = positions::stacked_header_columns(&raw.header_cells, &tpl.columns);
    let plain = columns::found_in_header(&tpl.columns, header).len();
    if stacked.len() >= 2 && stacked.len() > plain && count.is_none_or(|n| n == stacked.len()) {
        (stacked, true)
    } else {
        read
    }
}

/// x anchors of each side's printed columns (PDF input), when they can be found.
fn column_anchors(
    raw: &RawTable,
    tpl: &crate::templates::TableTemplate,
    side_columns: &[(Option<String>, Vec<String>)],
) -> HashMap<Option<String>, Vec<crate::lines::XRange>> {
    let split = raw
        .side_split
        .or_else(|| crate::grammar::document::expenditure_side_start(&raw.header_cells))
        .unwrap_or(f32::MAX);
    let mut out = HashMap::new();
    for (i, (side, cols)) in side_columns.iter().enumerate() {
        let defs = tpl.columns_of(side.as_deref());
        let range = match side.as_deref() {
            Some("收入") if split < f32::MAX => (f32::MIN, split),
            Some("支出") if split < f32::MAX => (split - 1.0, f32::MAX),
            _ => (f32::MIN, f32::MAX),
        };
        let group = side.as_ref().map(|_| i);
        let found = positions::header_anchors(&raw.header_cells, cols, defs, range).or_else(|| {
            positions::column_number_anchors(raw, group, cols.len())
                .map(|a| positions::pinned_by_header(&raw.header_cells, cols, defs, a))
                .or_else(|| positions::nested_leaf_anchors(&raw.header_cells, cols, defs))
                .map(|a| positions::nested_order(&raw.header_cells, cols, defs, a))
        });
        if let Some(a) = found {
            out.insert(side.clone(), a);
        }
    }
    out
}

/// Orders candidates so that, where the identities leave a choice, the
/// placement using the columns the template lists as more common comes first
/// (e.g. 对附属单位补助支出 before the rare 上缴上级支出); ties stay leftmost.
///
/// Each column's rank is looked up once and each candidate's sum of ranks
/// worked out once (a row of 6 numbers under 12 columns has 924
/// candidates, and the sort asked for both on every comparison); candidates
/// already in order are left as they are.
fn prefer_likely(cands: &mut [Vec<usize>], columns: &[String], prefer: &[String]) {
    if prefer.is_empty() {
        return;
    }
    let rank = |c: usize| {
        let label = columns.get(c).map(String::as_str).unwrap_or_default();
        prefer
            .iter()
            .position(|p| p == label)
            .unwrap_or(prefer.len() + c)
    };
    let ranks: Vec<usize> = (0..columns.len()).map(rank).collect();
    let key = |cand: &Vec<usize>| -> usize {
        cand.iter()
            .map(|&c| ranks.get(c).copied().unwrap_or_else(|| rank(c)))
            .sum()
    };
    if !cands.is_sorted_by_key(key) {
        // Stable: equal sums keep their leftmost-first order.
        cands.sort_by_cached_key(key);
    }
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
    let before = warnings.len();
    let side_columns = table_columns(raw, tpl, warnings);
    let columns_assumed = warnings.len() > before;
    let anchors = column_anchors(raw, tpl, &side_columns);
    let row_rules: HashMap<Option<String>, Vec<_>> = side_columns
        .iter()
        .map(|(side, _)| {
            let rules: Vec<_> = match side {
                Some(s) => compiled
                    .rules
                    .side_row
                    .iter()
                    .filter(|(name, _)| name == s)
                    .flat_map(|(_, rules)| rules.iter().cloned())
                    .collect(),
                None => compiled.rules.row.clone(),
            };
            (side.clone(), rules)
        })
        .collect();
    // Coded tables: the column reading the rows' own identities confirm.
    let mut side_columns = side_columns;
    let mut columns_in_doubt = false;
    if let [(None, cols)] = side_columns.as_mut_slice() {
        let rules = row_rules.get(&None).map(Vec::as_slice).unwrap_or(&[]);
        let (confirmed, mostly_failing) =
            column_reading::confirmed_columns(raw, std::mem::take(cols), rules);
        *cols = confirmed;
        columns_in_doubt = mostly_failing;
        if mostly_failing {
            warnings.push(warn(
                &raw.kind,
                None,
                raw.page,
                "most rows break their identities under every column reading tried: columns in doubt".into(),
            ));
        }
    }
    let columns_assumed = columns_assumed || columns_in_doubt;
    // Each side's columns once, shared by its rows' slots.
    let shared_columns: Vec<(&Option<String>, std::rc::Rc<[String]>)> = side_columns
        .iter()
        .map(|(side, cols)| (side, std::rc::Rc::from(cols.as_slice())))
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
    let mut key_index = rustc_hash::FxHashMap::default();
    // Each side's identities resolved against its columns once (its rows
    // share both), on the first row that needs them.
    let mut resolved_rules: Vec<(Option<String>, candidates::RowRules)> = Vec::new();
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
        let columns: std::rc::Rc<[String]> = shared_columns
            .iter()
            .find(|(s, _)| **s == raw_row.side || shared_columns.len() == 1)
            .map_or_else(|| std::rc::Rc::from(Vec::new()), |(_, c)| c.clone());
        // A number standing under the 行次 header is the row's 行次, never an amount.
        let row_numbers: Vec<crate::grammar::RawNumber> = raw_row
            .numbers
            .iter()
            .filter(|n| !positions::under_line_number_header(n, &raw.header_cells))
            .cloned()
            .collect();
        let numbers: Vec<Option<f64>> = row_numbers.iter().map(|n| n.value).collect();
        let mut doubt = raw_row.doubt.clone();
        if row_numbers.len() < raw_row.numbers.len() {
            // Read by position: the 行次/amount question is settled.
            doubt.retain(|d| *d != Doubt::LineNumberSplit);
        }
        if columns_assumed {
            doubt.push(Doubt::ColumnsAssumed);
        }
        let slot = if numbers.is_empty() {
            None
        } else {
            let rules = row_rules
                .get(&raw_row.side)
                .or_else(|| row_rules.get(&None))
                .map(Vec::as_slice)
                .unwrap_or(&[]);
            let by_position = anchors
                .get(&raw_row.side)
                .or_else(|| anchors.get(&None))
                .and_then(|a| positions::assign_by_position(&row_numbers, a));
            let (cands, holds) = match by_position {
                Some(a) => {
                    let holds = rules
                        .iter()
                        .all(|r| candidates::satisfies(r, &columns, &numbers, &a));
                    (vec![a], holds)
                }
                None => {
                    if !resolved_rules.iter().any(|(s, _)| *s == raw_row.side) {
                        let resolved = candidates::RowRules::new(rules, &columns);
                        resolved_rules.push((raw_row.side.clone(), resolved));
                    }
                    resolved_rules
                        .iter()
                        .find(|(s, _)| *s == raw_row.side)
                        .map(|(_, r)| r.candidates(&numbers))
                        .unwrap_or_default()
                }
            };
            if cands.is_empty() {
                doubt.push(Doubt::NumbersBeyondColumns);
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
                // A full row that breaks its identity is the report's own
                // arithmetic; a partial one may be our placement's fault.
                if numbers.len() < columns.len() {
                    doubt.push(Doubt::NoPlacementHolds);
                }
                warnings.push(warn(&raw.kind, Some(&key), raw_row.page, "no placement of the row's numbers satisfies its identities (the report's own arithmetic)".into()));
            }
            let cands = if cands.is_empty() {
                vec![(0..columns.len()).collect()]
            } else {
                cands
            };
            let mut cands = cands;
            prefer_likely(&mut cands, &columns, &tpl.prefer);
            slots.push(Slot {
                columns,
                numbers: numbers
                    .iter()
                    .take(cands.first().map_or(0, Vec::len))
                    .copied()
                    .collect(),
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
            printed: row_numbers.iter().map(|n| n.text.clone()).collect(),
            placement: Placement::Printed,
            label_at: raw_row.label_at,
            value_at: Default::default(),
            printed_at: raw_row.numbers.iter().map(|n| n.at).collect(),
            doubt,
            doubt_columns: Vec::new(),
            alternatives: Vec::new(),
        });
    }
    for w in &raw.warnings {
        warnings.push(warn(&raw.kind, None, raw.page, w.clone()));
    }
    Some(Draft {
        table,
        template: tpl,
        rules: &compiled.rules,
        row_slot,
        key_index,
    })
}

/// The columns a slot's remaining candidates give different values: where
/// the identities left the reading open.
fn open_columns(slot: &Slot) -> Vec<String> {
    let value = |cand: &Vec<usize>, col: &str| {
        candidates::value_of(&slot.columns, &slot.numbers, cand, col)
    };
    let Some(first) = slot.candidates.first() else {
        return Vec::new();
    };
    slot.columns
        .iter()
        .filter(|col| {
            slot.candidates
                .iter()
                .any(|c| (value(c, col) - value(first, col)).abs() > 1e-9)
        })
        .cloned()
        .collect()
}

/// How the solver left the slots: which it decided by force, how many
/// candidates each had at first, and the columns left open before deciding.
struct Placed<'a> {
    decided: &'a [usize],
    /// The row's own candidates before the report's identities pruned them (when more than one).
    original: &'a [Vec<Vec<usize>>],
    open: &'a [Vec<String>],
}

/// Most alternative readings kept per doubtful row.
const MAX_ALTERNATIVES: usize = 64;

/// A row's values under one placement.
fn values_of(slot: &Slot, cand: &[usize]) -> Values {
    Values(
        cand.iter()
            .zip(&slot.numbers)
            .filter_map(|(c, v)| Some((slot.columns.get(*c)?.clone(), (*v)?)))
            .collect(),
    )
}

/// Writes the placed values into the rows.
fn fill_values(drafts: &mut [Draft], slots: &[Slot], placed: &Placed, warnings: &mut Vec<Warning>) {
    let Placed {
        decided,
        original,
        open,
    } = placed;
    for d in drafts.iter_mut() {
        for (row, slot) in d.table.rows.iter_mut().zip(&d.row_slot) {
            let Some(s) = slot.and_then(|i| slots.get(i).map(|s| (i, s))) else {
                continue;
            };
            let (i, slot) = s;
            let Some(cand) = slot.candidates.first() else {
                continue;
            };
            row.values = values_of(slot, cand);
            row.value_at = crate::provenance::value_places(
                cand,
                &slot.columns,
                &slot.numbers,
                &row.printed_at,
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
                if row.doubt.is_empty() {
                    // Only the columns the candidates disagree on are in doubt.
                    row.doubt_columns = open.get(i).cloned().unwrap_or_default();
                }
                if !row.doubt.contains(&Doubt::AmbiguousPlacement) {
                    row.doubt.push(Doubt::AmbiguousPlacement);
                }
                Placement::Ambiguous
            } else if original.get(i).is_some_and(|c| c.len() > 1) {
                Placement::Derived
            } else {
                Placement::Printed
            };
            if !row.certain() {
                row.alternatives = original
                    .get(i)
                    .into_iter()
                    .flatten()
                    .map(|c| values_of(slot, c))
                    .filter(|v| *v != row.values)
                    .collect();
            }
        }
        d.table.empty = d.table.rows.iter().all(|r| r.values.0.is_empty());
    }
}

/// A year as printed in titles and headings.
static YEAR: LazyLock<Option<Regex>> = LazyLock::new(|| Regex::new(r"(20[0-9][0-9])年").ok());

fn year_of(doc: &Document) -> Option<i32> {
    let re = YEAR.as_ref()?;
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
    let original: Vec<Vec<Vec<usize>>> = slots
        .iter()
        .map(|s| {
            if s.candidates.len() > 1 {
                s.candidates
                    .iter()
                    .take(MAX_ALTERNATIVES)
                    .cloned()
                    .collect()
            } else {
                Vec::new()
            }
        })
        .collect();
    let constraints = constraints::all_constraints(&drafts);
    let solved = solver::solve(&mut slots, &constraints);
    let open: Vec<Vec<String>> = slots.iter().map(open_columns).collect();
    let decided = solver::decide(&mut slots, &constraints, &solved);
    let placed = Placed {
        decided: &decided,
        original: &original,
        open: &open,
    };
    fill_values(&mut drafts, &slots, &placed, &mut warnings);
    let unit = crate::unit_name::from_tables(doc).or_else(|| crate::unit_name::from_titles(doc));
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
        document: meta.document,
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
        unverified_discrepancies: Vec::new(),
        unmatched: Vec::new(),
        summary: Default::default(),
        self_evaluation: Default::default(),
        structure: Default::default(),
        review: Default::default(),
    }
}

#[cfg(test)]
mod tests {
    use super::prefer_likely;

    proptest::proptest! {
        /// The cached ranks order candidates exactly as ranking each
        /// column on every comparison did (a stable sort on the sum of the
        /// preferred positions, unlisted columns after them by index),
        /// candidates past the last column included.
        #[test]
        fn prefer_likely_orders_as_ranking_per_comparison(
            labels in proptest::collection::vec(0usize..4, 0..6),
            prefer in proptest::collection::vec(0usize..5, 0..4),
            cands in proptest::collection::vec(proptest::collection::vec(0usize..8, 0..4), 0..20),
        ) {
            let names = ["合计", "基本支出", "项目支出", "上缴上级支出", "其他"];
            let columns: Vec<String> = labels.iter().map(|&i| names[i].to_string()).collect();
            let prefer: Vec<String> = prefer.iter().map(|&i| names[i].to_string()).collect();
            let mut expected = cands.clone();
            if !prefer.is_empty() {
                let rank = |c: &usize| {
                    let label = columns.get(*c).map(String::as_str).unwrap_or_default();
                    prefer.iter().position(|p| p == label).unwrap_or(prefer.len() + *c)
                };
                expected.sort_by_key(|cand| cand.iter().map(rank).sum::<usize>());
            }
            let mut got = cands;
            prefer_likely(&mut got, &columns, &prefer);
            proptest::prop_assert_eq!(got, expected);
        }
    }
}
