//! Rows whose numbers satisfy every identity of the row in another column
//! order than the one read. A header read wrong (a wrapped text header, a
//! nested header whose groups print in another order than the template's)
//! puts a whole row's numbers under the wrong columns; a report printed
//! wrong is wrong in one figure, and no reordering of its numbers mends it
//! except by coincidence. Such a row's failures are our reading, not the
//! report's error.

use super::row_identities::{applicable, holds_over};
use crate::report::Values;
use crate::templates::rule::Rule;

/// Most placements tried for one row; beyond that the row is left as read.
const MAX_PLACEMENTS: usize = 200_000;

/// Whether a row's numbers (`values`), put under `columns` in another order (blank
/// cells anywhere), satisfy every rule in `rules` while as read they do not.
pub fn reorder_satisfies(values: &Values, columns: &[String], rules: &[&Rule]) -> bool {
    let own = applicable(columns, rules);
    if own.is_empty() || own.iter().all(|r| holds_over(r, values)) {
        return false;
    }
    let mut numbers: Vec<f64> = columns.iter().filter_map(|c| values.get(c)).collect();
    if numbers.len() < 2 {
        return false;
    }
    numbers.sort_by(f64::total_cmp);
    let mut search = Search {
        columns,
        rules: &own,
        tried: 0,
        placed: Vec::new(),
    };
    search.place(0, &mut numbers)
}

/// A depth-first placement of a multiset of numbers under columns.
struct Search<'a> {
    columns: &'a [String],
    rules: &'a [&'a Rule],
    tried: usize,
    placed: Vec<(String, f64)>,
}

impl Search<'_> {
    /// Places the remaining `numbers` (sorted) from column `at` on; true
    /// when a complete placement satisfies every rule.
    fn place(&mut self, at: usize, numbers: &mut Vec<f64>) -> bool {
        self.tried += 1;
        if self.tried > MAX_PLACEMENTS {
            return false;
        }
        if numbers.is_empty() {
            let values = Values(self.placed.clone());
            return self.rules.iter().all(|r| holds_over(r, &values));
        }
        let Some(column) = self.columns.get(at) else {
            return false;
        };
        // Leave this column blank, when enough columns remain.
        if self.columns.len() - at > numbers.len() && self.place(at + 1, numbers) {
            return true;
        }
        let mut i = 0;
        while i < numbers.len() {
            let v = numbers.remove(i);
            self.placed.push((column.clone(), v));
            let found = self.place(at + 1, numbers);
            self.placed.pop();
            numbers.insert(i, v);
            if found {
                return true;
            }
            // Equal numbers give the same placements: try each value once.
            while numbers.get(i).is_some_and(|n| *n == v) {
                i += 1;
            }
        }
        false
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::templates::rule::parse_rule;

    fn row(values: &[(&str, f64)]) -> Values {
        Values(values.iter().map(|(c, v)| (c.to_string(), *v)).collect())
    }

    #[test]
    fn a_row_under_misordered_columns_is_found() {
        let rules = [
            parse_rule("合计 = 出国 + 车 + 接待").unwrap(),
            parse_rule("车 = 购置 + 运行").unwrap(),
        ];
        let refs: Vec<&Rule> = rules.iter().collect();
        let columns: Vec<String> = ["合计", "出国", "接待", "车", "购置", "运行", "机关"]
            .map(String::from)
            .to_vec();
        // 接待 and 车 read in each other's places.
        let misread = row(&[
            ("合计", 4.67),
            ("出国", 2.32),
            ("接待", 1.46),
            ("车", 0.89),
            ("购置", 0.0),
            ("运行", 1.46),
            ("机关", 66.61),
        ]);
        assert!(reorder_satisfies(&misread, &columns, &refs));
        // A wrong total: no order of its numbers mends it.
        let wrong = row(&[
            ("合计", 5.67),
            ("出国", 2.32),
            ("接待", 0.89),
            ("车", 1.46),
            ("购置", 0.0),
            ("运行", 1.46),
            ("机关", 66.61),
        ]);
        assert!(!reorder_satisfies(&wrong, &columns, &refs));
    }
}
