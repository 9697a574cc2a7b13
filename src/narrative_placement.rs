//! The narrative's stated figures as evidence for where a row's numbers go.
//!
//! When a table's identities admit several placements of a row's numbers (a
//! blank 公务用车购置费 whose 小计 equals the 运行费, one of 会议费 and 培训费 blank),
//! the normaliser takes the template's likeliest order and marks the row in
//! doubt. A figure the report's own narrative states for one of the cells
//! (`公务用车购置费0万元，公务用车运行费9.98万元`) is better evidence than any
//! default: this stage, run after the facts are read and before the checks,
//! keeps the readings every stated figure agrees with. When one reading is
//! left the row is settled (placement `derived`, no doubt); when several are,
//! the first of them is taken and the doubt stays; when none is, the narrative
//! disagrees with every reading and the row is left as it was (a discrepancy
//! will say so).

use crate::doubt::Doubt;
use crate::facts::Fact;
use crate::provenance::Places;
use crate::report::{Placement, Row, Table, Values};

/// One figure the narrative states for a table cell, in the table's unit.
#[derive(Debug, Clone, PartialEq)]
struct Stated {
    table: String,
    row: String,
    column: String,
    /// The figure in the unit its table prints.
    value: f64,
    /// Half a unit of the figure's last printed digit, in the table's unit.
    tolerance: f64,
}

/// 元 in one unit of an amount unit.
fn yuan_per(unit: &str) -> Option<f64> {
    match unit {
        "元" => Some(1.0),
        "千元" => Some(1_000.0),
        "万元" => Some(10_000.0),
        _ => None,
    }
}

/// Half a unit of the last digit printed in `printed` (`3.36` → 0.005).
fn half_last_digit(printed: &str) -> f64 {
    let decimals = printed
        .rsplit_once('.')
        .map_or(0, |(_, d)| d.chars().filter(char::is_ascii_digit).count());
    0.5 * 10f64.powi(-i32::try_from(decimals).unwrap_or(0))
}

/// The stated figures of `facts` that name a cell of `tables`.
fn stated_figures(facts: &[Fact], tables: &[Table]) -> Vec<Stated> {
    facts
        .iter()
        .filter_map(|f| {
            let (table, row, column) = crate::cell_name::parse(f.cell.as_deref()?)?;
            let unit = tables
                .iter()
                .find(|t| t.kind == table)?
                .amount_unit
                .as_deref()?;
            let scale = yuan_per(&f.unit)? / yuan_per(unit)?;
            Some(Stated {
                table,
                row,
                column,
                value: f.value * scale,
                tolerance: half_last_digit(&f.printed) * scale + 0.005,
            })
        })
        .collect()
}

fn agrees(values: &Values, stated: &[&Stated]) -> bool {
    stated
        .iter()
        .all(|s| (values.get(&s.column).unwrap_or(0.0) - s.value).abs() <= s.tolerance)
}

/// Where each value of `to` is printed: the place of the same number under `from`.
fn moved_places(from: &Values, places: &Places, to: &Values) -> Places {
    let mut free: Vec<(f64, crate::provenance::Provenance)> = from
        .0
        .iter()
        .filter_map(|(c, v)| Some((*v, places.0.iter().find(|(p, _)| p == c)?.1)))
        .collect();
    Places(
        to.0.iter()
            .filter_map(|(c, v)| {
                let i = free.iter().position(|(w, _)| (w - v).abs() < 1e-9)?;
                Some((c.clone(), free.remove(i).1))
            })
            .collect(),
    )
}

fn settle_row(row: &mut Row, stated: &[&Stated]) {
    let mut readings: Vec<Values> = std::iter::once(row.values.clone())
        .chain(row.alternatives.iter().cloned())
        .collect();
    readings.dedup();
    let agreeing: Vec<Values> = readings.into_iter().filter(|v| agrees(v, stated)).collect();
    let Some(first) = agreeing.first() else {
        return;
    };
    if *first != row.values {
        row.value_at = moved_places(&row.values, &row.value_at, first);
        row.values = first.clone();
    }
    if let [_] = agreeing.as_slice() {
        row.placement = Placement::Derived;
        row.doubt.retain(|d| *d != Doubt::AmbiguousPlacement);
        if row.doubt.is_empty() {
            row.doubt_columns.clear();
            row.alternatives.clear();
        }
    } else {
        row.alternatives = agreeing.into_iter().skip(1).collect();
    }
}

/// Settles the rows left ambiguous by their identities with the figures the
/// narrative states for their cells.
pub fn settle(tables: &mut [Table], facts: &[Fact]) {
    let stated = stated_figures(facts, tables);
    if stated.is_empty() {
        return;
    }
    for table in tables.iter_mut() {
        for row in &mut table.rows {
            if !settleable(row) {
                continue;
            }
            let mine: Vec<&Stated> = stated
                .iter()
                .filter(|s| s.table == table.kind && s.row == row.key)
                .filter(|s| table.columns.contains(&s.column))
                .collect();
            if !mine.is_empty() {
                settle_row(row, &mine);
            }
        }
    }
}

/// A row [`settle`] may change: ambiguous, with other readings.
fn settleable(row: &Row) -> bool {
    row.placement == Placement::Ambiguous && !row.alternatives.is_empty()
}

/// True when some row of `tables` is one [`settle`] may change: without
/// one, the narrative's facts cannot change the tables.
pub fn can_settle(tables: &[Table]) -> bool {
    tables.iter().flat_map(|t| &t.rows).any(settleable)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn values(pairs: &[(&str, f64)]) -> Values {
        Values(pairs.iter().map(|(k, v)| (k.to_string(), *v)).collect())
    }

    fn stated(column: &str, value: f64) -> Stated {
        Stated {
            table: "three_public".into(),
            row: "合计".into(),
            column: column.into(),
            value,
            tolerance: 0.005,
        }
    }

    fn row(values_: Values, alternatives: Vec<Values>) -> Row {
        Row {
            values: values_,
            placement: Placement::Ambiguous,
            doubt: vec![Doubt::AmbiguousPlacement],
            doubt_columns: vec!["购置费".into(), "运行费".into()],
            alternatives,
            ..Row::labelled("合计")
        }
    }

    #[test]
    fn a_stated_figure_picks_the_reading_and_settles_it() {
        let purchase = values(&[("小计", 3.36), ("购置费", 3.36)]);
        let running = values(&[("小计", 3.36), ("运行费", 3.36)]);
        let mut r = row(purchase, vec![running.clone()]);
        let s = stated("购置费", 0.0);
        settle_row(&mut r, &[&s]);
        assert_eq!(r.values, running);
        assert!(r.certain());
        assert_eq!(r.placement, Placement::Derived);
    }

    #[test]
    fn a_figure_no_reading_gives_leaves_the_row_in_doubt() {
        let purchase = values(&[("小计", 3.36), ("购置费", 3.36)]);
        let running = values(&[("小计", 3.36), ("运行费", 3.36)]);
        let mut r = row(purchase.clone(), vec![running]);
        let s = stated("购置费", 1.0);
        settle_row(&mut r, &[&s]);
        assert_eq!(r.values, purchase);
        assert!(!r.certain());
    }

    #[test]
    fn printed_digits_give_the_tolerance() {
        assert!((half_last_digit("3.36") - 0.005).abs() < 1e-12);
        assert!((half_last_digit("0") - 0.5).abs() < 1e-12);
    }
}
