//! One check result: plain serialisable data, so that every output (JSON,
//! SQLite) can store it as a row.

use super::outcome::Outcome;
use crate::templates::rule::Relation;
use serde::Serialize;

/// Which family of rule a check comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum CheckKind {
    /// Between columns of one row (1栏 = 2栏 + 3栏).
    RowIdentity,
    /// Between rows of one table, per column (31行 = 27行 + 28行 + 29行).
    TableIdentity,
    /// A two-sided table's total = Σ its ordinal items (27行 = 1行 + … + 8行).
    ItemSum,
    /// A two-sided table's parent item = Σ its sub-items (年末结转和结余 = 基本支出结转 + …).
    SubItemSum,
    /// The code tree: 合计 = Σ类, 类 = Σ款, 款 = Σ项, per column.
    Tree,
    /// Between tables (表1 本年支出合计 = 表3 合计).
    CrossTable,
    /// Within the performance self-evaluation attachments (总分 = Σ 得分).
    SelfEvaluation,
}

/// One evaluated identity.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Check {
    /// The family of rule.
    pub kind: CheckKind,
    /// The rule as declared in `grammars/` (for tree and item sums, the
    /// generated rule with its members spelled out).
    pub rule: String,
    /// The cell the rule is about: `table[row][column]`, or `table[row]` for a row identity.
    #[serde(rename = "where")]
    pub location: String,
    /// The table kind of the left-hand side.
    pub table: String,
    /// The page of the left-hand side's row, when known.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub page: Option<u32>,
    /// The value the rule's right-hand side gives.
    pub expected: f64,
    /// The value printed on the left-hand side (a blank cell counts as 0).
    pub found: f64,
    /// `found − expected`, rounded to 4 decimals.
    pub difference: f64,
    /// `pass`, `rounding`, `fail`, or `unverified` when it fails as read but
    /// involves a cell read with doubt.
    pub outcome: Outcome,
    /// For an `unverified` check: the doubtful rows, `table[row]: reason`.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub doubt: Vec<String>,
    /// The cells the rule adds up, `table[row][column]`, each with the sign
    /// it enters `found − expected` with: what a narrative figure on one of
    /// them, or another check, can be weighed against.
    #[serde(skip)]
    pub cells: Vec<CheckCell>,
}

/// One cell a check adds up, as read.
#[derive(Debug, Clone, PartialEq)]
pub struct CheckCell {
    /// `table[row][column]`.
    pub name: String,
    /// +1 or −1: how the cell enters `found − expected`.
    pub sign: f64,
    /// Whether a number was read into the cell (blank counts as 0 in the sum).
    pub printed: bool,
}

/// What a check is about, before it is evaluated.
pub struct Site {
    /// The family of rule.
    pub kind: CheckKind,
    /// The rule text.
    pub rule: String,
    /// `table[row][column]`.
    pub location: String,
    /// The table kind.
    pub table: String,
    /// The page, when known.
    pub page: Option<u32>,
}

impl Check {
    /// Builds a check from the two sides and the relation that must hold;
    /// `doubt` is asked, only when the check fails as read, which doubtful
    /// cells could explain the failure (empty: none could, it is a `fail`).
    pub fn evaluate(
        site: Site,
        found: f64,
        expected: f64,
        relation: Relation,
        doubt: impl FnOnce(f64) -> Vec<String>,
    ) -> Check {
        let Site {
            kind,
            rule,
            location,
            table,
            page,
        } = site;
        let difference = round4(found - expected);
        let outcome = match relation {
            Relation::Eq => Outcome::of_difference(difference),
            Relation::Ge if difference >= 0.0 => Outcome::Pass,
            Relation::Le if difference <= 0.0 => Outcome::Pass,
            _ => Outcome::of_difference(difference),
        };
        let doubt = if outcome == Outcome::Fail {
            doubt(difference)
        } else {
            Vec::new()
        };
        Check {
            kind,
            rule,
            location,
            table,
            page,
            expected: round4(expected),
            found: round4(found),
            difference,
            outcome: if doubt.is_empty() {
                outcome
            } else {
                Outcome::Unverified
            },
            doubt,
            cells: Vec::new(),
        }
    }

    /// The same check, knowing the cells its rule adds up.
    pub fn with_cells(mut self, cells: impl IntoIterator<Item = CheckCell>) -> Check {
        self.cells = cells.into_iter().collect();
        self
    }

    /// Makes a failing check `unverified` for `reasons` (none: unchanged).
    pub fn doubt_because(&mut self, reasons: Vec<String>) {
        if self.outcome == Outcome::Fail && !reasons.is_empty() {
            self.outcome = Outcome::Unverified;
            self.doubt.extend(reasons);
        }
    }
}

/// Rounds to 4 decimals so sums of two-decimal amounts print cleanly.
pub fn round4(v: f64) -> f64 {
    (v * 10_000.0).round() / 10_000.0
}
