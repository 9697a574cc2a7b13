//! Whether a failing check could hold under another reading of the cells it
//! involves. A check fails — accuses the report — only when every reading the
//! doubtful rows admit breaks it too; otherwise the doubt is reported and the
//! check is `unverified`.

use super::outcome::Outcome;
use crate::doubt::Doubt;
use crate::report::{Row, Values};
use crate::templates::rule::Relation;

/// Most combinations of alternative readings tried for one check; beyond
/// that the check stays unverified.
const MAX_COMBINATIONS: usize = 4096;

/// One cell a check adds up, with the sign it enters `found − expected` with.
pub struct Member<'a> {
    /// +1 or −1 in `found − expected`.
    pub sign: f64,
    /// The row.
    pub row: &'a Row,
    /// Its table's kind, to name it.
    pub table: &'a str,
    /// The column.
    pub column: &'a str,
}

impl Member<'_> {
    /// The cell as `table[row][column]`.
    pub fn cell(&self) -> String {
        crate::cell_name::cell_name(self.table, &self.row.key, self.column)
    }
}

/// The cells of members, named.
pub fn cells_of(members: &[Member<'_>]) -> Vec<super::check::CheckCell> {
    members
        .iter()
        .map(|m| super::check::CheckCell {
            name: m.cell(),
            sign: m.sign,
            printed: m.row.values.get(m.column).is_some(),
        })
        .collect()
}

/// True when a difference satisfies the relation within rounding.
pub fn holds(difference: f64, relation: Relation) -> bool {
    match relation {
        Relation::Ge if difference >= 0.0 => true,
        Relation::Le if difference <= 0.0 => true,
        _ => Outcome::of_difference(difference) != Outcome::Fail,
    }
}

/// Doubts that have no alternative readings to try: the check is unverified
/// whatever the numbers.
fn without_alternatives(row: &Row) -> bool {
    row.doubt
        .iter()
        .any(|d| !matches!(d, Doubt::AmbiguousPlacement | Doubt::NoPlacementHolds))
}

/// The doubt notes that keep a failure of `difference` from being an
/// accusation: empty when every member was read with certainty, or when
/// every reading the doubtful rows admit breaks the relation as well.
pub fn unresolved(members: &[Member<'_>], difference: f64, relation: Relation) -> Vec<String> {
    let mut rows: Vec<&Row> = Vec::new();
    let mut notes: Vec<String> = Vec::new();
    for m in members {
        if rows.iter().any(|r| std::ptr::eq(*r, m.row)) {
            continue;
        }
        if let Some(note) = m.row.doubt_note(m.table, Some(m.column)) {
            rows.push(m.row);
            notes.push(note);
        }
    }
    if rows.is_empty() {
        return notes;
    }
    if rows.iter().any(|r| without_alternatives(r)) {
        return notes;
    }
    // How each doubtful row's alternatives move `found − expected`.
    let mut shifts: Vec<Vec<f64>> = Vec::new();
    let mut combinations = 1usize;
    for row in &rows {
        let mut own = vec![0.0];
        for alt in &row.alternatives {
            own.push(shift(members, row, alt));
        }
        combinations = combinations.saturating_mul(own.len());
        shifts.push(own);
    }
    if combinations > MAX_COMBINATIONS {
        return notes;
    }
    let mut reachable = vec![difference];
    for own in &shifts {
        reachable = reachable
            .iter()
            .flat_map(|d| own.iter().map(move |s| d + s))
            .collect();
    }
    if reachable.iter().any(|d| holds(*d, relation)) {
        notes
    } else {
        Vec::new()
    }
}

/// The change in `found − expected` when `row` reads as `alt` instead.
fn shift(members: &[Member<'_>], row: &Row, alt: &Values) -> f64 {
    members
        .iter()
        .filter(|m| std::ptr::eq(m.row, row))
        .map(|m| {
            let now = row.values.get(m.column).unwrap_or(0.0);
            m.sign * (alt.get(m.column).unwrap_or(0.0) - now)
        })
        .sum()
}

/// Notes for rows a rule names that were not read at all, and for a side
/// read as all blank while the other prints: a fixed row or a whole side
/// missing says the table was misread far more often than that it is wrong.
pub fn unread(table: &str, missing: &[&str], blank_side: bool) -> Vec<String> {
    let mut out: Vec<String> = missing
        .iter()
        .map(|k| format!("{}: row not read", crate::cell_name::row_name(table, k)))
        .collect();
    if blank_side {
        out.push(format!("{table}: one side of the rule read as all blank"));
    }
    out
}

/// For a row identity: the row's doubt, unless no reading of it satisfies
/// the rule (`holds_under` false for every alternative).
pub fn unresolved_in_row(
    row: &Row,
    table: &str,
    holds_under: impl Fn(&Values) -> bool,
) -> Vec<String> {
    let Some(note) = row.doubt_note(table, None) else {
        return Vec::new();
    };
    if without_alternatives(row) || row.alternatives.iter().any(holds_under) {
        vec![note]
    } else {
        Vec::new()
    }
}
